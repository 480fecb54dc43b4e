//! SEPA direct debits: collections from a counterparty's account into one
//! of your ordering party accounts, under the counterparty's mandate.
//!
//! Documented (UI guide `sdd`): direct debits are sent in batches and "can
//! only be created via the LYNKS external API"; webhooks report a batch as
//! completed, failed or rejected (guide `webhooks`). The paths
//! `/v2/direct-debits[/{id}]`, every field name and every status name are
//! **inferred** (research notes 1(c)): field names follow the credit
//! transfer resource and the ISO 20022 `pain.008` elements (mandate id,
//! signature date, sequence type). Creates follow the REST conventions (a
//! batch in, 201 with the new ids out).
//!
//! A direct debit moves money. It is never resent: LYNKS documents no
//! idempotency key, so a create whose answer was lost fails with
//! [`Error::OutcomeUnknown`]; look it
//! up by its end-to-end id before creating it again.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use banking_core::money::{Currency, Decimal};
//! use chrono::NaiveDate;
//! use lynks_client::direct_debits::{NewDirectDebit, SequenceType};
//! use lynks_client::{AccountId, CounterpartyId, PaymentCategoryId};
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//!
//! let debit = NewDirectDebit::new(
//!     AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"),
//!     CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11"),
//!     Decimal::new(4_990, 2),
//!     Currency::EUR,
//!     PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"),
//!     "MANDATE-2024-0117",
//!     NaiveDate::from_ymd_opt(2024, 1, 17).unwrap(),
//! )
//! .sequence_type(SequenceType::Rcur)
//! .end_to_end_id("SDD-2025-03-0117");
//! let ids = client.direct_debits().create(&[debit]).await?;
//! let created = client.direct_debits().get(&ids[0]).await?;
//! assert_eq!(created.amount.unwrap().to_string(), "49.90");
//! # Ok(()) }
//! ```

use banking_core::money::{Currency, Decimal, Money};
use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::camt::lenient_date;
use crate::ids::{AccountId, CounterpartyId, DirectDebitId, NewIds, PaymentCategoryId};
use crate::validate;

banking_core::wire_enum! {
    /// Where a direct debit is in its life. **Inferred names**: the docs
    /// describe a batch that completes collection, fails or is rejected
    /// (webhook events) and the signature workflow every payment follows;
    /// the values are modelled on the credit transfer statuses. Any other
    /// value arrives as `Unknown`.
    DirectDebitStatus {
        /// Created, not yet sent for authorisation.
        Draft = "DRAFT",
        /// Sent for authorisation; not all signatures are in.
        WaitingForSignatures = "WAITING_FOR_SIGNATURES",
        /// Authorised; goes to the bank at the next opportunity.
        PendingDeliveryToBank = "PENDING_DELIVERY_TO_BANK",
        /// Cancelled before sending.
        Cancelled = "CANCELLED",
        /// The bank rejected the batch.
        Rejected = "REJECTED",
        /// The collection failed.
        Failed = "FAILED",
        /// The collection completed.
        Completed = "COMPLETED",
    }
}

banking_core::wire_enum! {
    /// The mandate's sequence (ISO 20022 `SequenceType3Code`, as `pain.008`
    /// carries it; field and values inferred for LYNKS).
    SequenceType {
        /// First collection of a recurrent mandate.
        Frst = "FRST",
        /// A later collection of a recurrent mandate.
        Rcur = "RCUR",
        /// Last collection of a recurrent mandate.
        Fnal = "FNAL",
        /// One-off collection.
        Ooff = "OOFF",
    }
}

/// A direct debit to create. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewDirectDebit {
    ordering_party_account_id: AccountId,
    counterparty_id: CounterpartyId,
    #[serde(with = "banking_core::money::wire::exact_number")]
    amount: Decimal,
    currency: Currency,
    payment_category_id: PaymentCategoryId,
    mandate_id: String,
    #[serde(with = "lenient_date")]
    mandate_signature_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sequence_type: Option<SequenceType>,
    #[serde(skip_serializing_if = "Option::is_none", with = "lenient_date")]
    requested_collection_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remittance_information: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_to_end_id: Option<String>,
}

/// ISO 20022 `MndtId` (Max35Text).
const MANDATE_ID_MAX: usize = 35;
/// ISO 20022 `Ustrd` (Max140Text).
const REMITTANCE_MAX: usize = 140;
/// ISO 20022 `EndToEndId` (Max35Text).
const END_TO_END_ID_MAX: usize = 35;

impl NewDirectDebit {
    /// Collects `amount` `currency` from `from` (the debtor, a
    /// counterparty) into `to` (your ordering party account), under the
    /// mandate `mandate_id` the debtor signed on `signed_on`, filed under
    /// `category` (required on every payment).
    pub fn new(
        to: AccountId,
        from: CounterpartyId,
        amount: Decimal,
        currency: Currency,
        category: PaymentCategoryId,
        mandate_id: impl Into<String>,
        signed_on: NaiveDate,
    ) -> Self {
        NewDirectDebit {
            ordering_party_account_id: to,
            counterparty_id: from,
            amount,
            currency,
            payment_category_id: category,
            mandate_id: mandate_id.into(),
            mandate_signature_date: Some(signed_on),
            sequence_type: None,
            requested_collection_date: None,
            remittance_information: None,
            end_to_end_id: None,
        }
    }

    /// The mandate's sequence (first, recurrent, final or one-off).
    pub fn sequence_type(mut self, sequence: SequenceType) -> Self {
        self.sequence_type = Some(sequence);
        self
    }

    /// The date to collect on (default: the earliest the scheme allows).
    pub fn requested_collection_date(mut self, date: NaiveDate) -> Self {
        self.requested_collection_date = Some(date);
        self
    }

    /// The message to the debtor (at most 140 characters).
    pub fn remittance_information(mut self, text: impl Into<String>) -> Self {
        self.remittance_information = Some(text.into());
        self
    }

    /// Your reference, passed to the debtor (at most 35 characters): how
    /// to find a direct debit whose create had an unknown outcome.
    pub fn end_to_end_id(mut self, id: impl Into<String>) -> Self {
        self.end_to_end_id = Some(id.into());
        self
    }

    fn validate(&self, today: NaiveDate) -> Result<()> {
        validate::amount("amount", self.amount, self.currency)?;
        validate::text("mandateId", &self.mandate_id, MANDATE_ID_MAX)?;
        validate::optional_text(
            "remittanceInformation",
            self.remittance_information.as_deref(),
            REMITTANCE_MAX,
        )?;
        if let Some(id) = &self.end_to_end_id {
            validate::text("endToEndId", id, END_TO_END_ID_MAX)?;
        }
        if let Some(date) = self.requested_collection_date {
            // One day of slack: `today` is UTC and Luxembourg is ahead.
            if date < today.pred_opt().unwrap_or(today) {
                return Err(Error::validation(
                    "requestedCollectionDate",
                    "must not be in the past",
                ));
            }
        }
        Ok(())
    }
}

/// A direct debit as LYNKS returns it. Field names inferred.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebit {
    /// Its id.
    pub id: DirectDebitId,
    /// Where it is in its life.
    #[serde(default)]
    pub status: Option<DirectDebitStatus>,
    /// The account it is collected into.
    #[serde(default)]
    pub ordering_party_account_id: Option<AccountId>,
    /// The debtor.
    #[serde(default)]
    pub counterparty_id: Option<CounterpartyId>,
    /// The amount.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub amount: Option<Decimal>,
    /// The currency of `amount`.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Its payment category.
    #[serde(default)]
    pub payment_category_id: Option<PaymentCategoryId>,
    /// The mandate's id.
    #[serde(default)]
    pub mandate_id: Option<String>,
    /// When the debtor signed the mandate.
    #[serde(default, with = "lenient_date")]
    pub mandate_signature_date: Option<NaiveDate>,
    /// The mandate's sequence.
    #[serde(default)]
    pub sequence_type: Option<SequenceType>,
    /// The requested collection date.
    #[serde(default, with = "lenient_date")]
    pub requested_collection_date: Option<NaiveDate>,
    /// The message to the debtor.
    #[serde(default)]
    pub remittance_information: Option<String>,
    /// The end-to-end id.
    #[serde(default)]
    pub end_to_end_id: Option<String>,
}

impl DirectDebit {
    /// The amount as [`Money`], when both amount and currency are known.
    pub fn money(&self) -> Option<Money> {
        Some(Money::new(self.amount?, self.currency?))
    }
}

/// Filters for [`DirectDebits::list`] (parameter names inferred).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectDebitFilter {
    status: Option<DirectDebitStatus>,
    account: Option<AccountId>,
    end_to_end_id: Option<String>,
}

impl DirectDebitFilter {
    /// No filter.
    pub fn new() -> Self {
        DirectDebitFilter::default()
    }

    /// Only direct debits in this state.
    pub fn status(mut self, status: DirectDebitStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only collections into this ordering party account.
    pub fn ordering_party_account_id(mut self, account: AccountId) -> Self {
        self.account = Some(account);
        self
    }

    /// Only the direct debit with this end-to-end id.
    pub fn end_to_end_id(mut self, id: impl Into<String>) -> Self {
        self.end_to_end_id = Some(id.into());
        self
    }
}

banking_core::resource_handle! {
    /// Direct debit calls; from [`LynksClient::direct_debits`](crate::LynksClient::direct_debits).
    pub struct DirectDebits for crate::LynksClient, "LYNKS";
}

impl DirectDebits<'_> {
    /// `POST /v2/direct-debits` (path inferred): creates a batch and
    /// returns the new ids. Moves money; never resent on failure.
    pub async fn create(&self, debits: &[NewDirectDebit]) -> Result<Vec<DirectDebitId>> {
        let today = Utc::now().date_naive();
        validate::batch("directDebits", debits, |d| d.validate(today))?;
        let NewIds(ids) = self
            .handle
            .send_json(Request::post("/v2/direct-debits").json(debits)?)
            .await?;
        Ok(ids)
    }

    /// `GET /v2/direct-debits/{id}` (path inferred).
    pub async fn get(&self, id: &DirectDebitId) -> Result<DirectDebit> {
        self.handle
            .send_json(Request::get("/v2/direct-debits/{id}").param("id", id))
            .await
    }

    /// `GET /v2/direct-debits` with filters (inferred; no paging
    /// documented).
    pub async fn list(&self, filter: &DirectDebitFilter) -> Result<Vec<DirectDebit>> {
        self.handle
            .send_json(
                Request::get("/v2/direct-debits")
                    .query_opt("status", filter.status.as_ref())
                    .query_opt("orderingPartyAccountId", filter.account.as_ref())
                    .query_opt("endToEndId", filter.end_to_end_id.as_ref()),
            )
            .await
    }
}
