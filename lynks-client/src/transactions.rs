//! Statement transaction entries of an ordering party account, with the FX
//! fields.
//!
//! Entries come from the intraday CAMT.052.001.02 statements LYNKS ingests
//! (API overview, "Statement data"; permission
//! `ORDERING_PARTY_STATEMENT_READ`). Entries of foreign exchange payments
//! carry three more fields (API overview, "FX statement transaction
//! entries"): the exchange rate, the original amount and the original
//! currency. The path `/v2/ordering-party-accounts/{id}/transactions`, the
//! date filters and all JSON field names are inferred from the CAMT `Ntry`
//! element (research notes 1(c), 1(e)).
//!
//! Amounts and the exchange rate are decoded exactly, from a JSON number or
//! a string, so `original_amount × exchange_rate` can be checked against
//! `amount` to the cent:
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::transactions::TransactionQuery;
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! # let account = lynks_client::AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b");
//! let entries = client.transactions().list(&TransactionQuery::new(account)).await?;
//! let fx = entries.iter().find(|t| t.exchange_rate.is_some()).unwrap();
//! let original = fx.original().unwrap();
//! assert_eq!(original.to_string(), "10000.00 USD");
//! assert_eq!(fx.exchange_rate.unwrap().to_string(), "0.92345");
//! assert_eq!(fx.amount.unwrap().to_string(), "9234.50");
//! # Ok(()) }
//! ```

use banking_core::money::{Currency, Decimal, Money};
use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::camt::{self, CreditDebit, lenient_date};
use crate::fx::FxCheck;
use crate::ids::{AccountId, TransactionId};

banking_core::wire_enum! {
    /// The status of an entry (ISO 20022 `EntryStatus2Code`).
    EntryStatus {
        /// Booked (`BOOK`).
        Booked = "BOOK",
        /// Pending (`PDNG`): intraday, may still change.
        Pending = "PDNG",
        /// Information only (`INFO`).
        Information = "INFO",
    }
}

/// One statement entry. Field names inferred; the FX fields exist per the
/// API overview.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transaction {
    /// Its id, if LYNKS gives entries one.
    #[serde(default)]
    pub id: Option<TransactionId>,
    /// The booked amount in the account's currency, unsigned as in CAMT;
    /// see [`Transaction::signed_amount`].
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub amount: Option<Decimal>,
    /// The currency of `amount`.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Money in or out.
    #[serde(default)]
    pub credit_debit_indicator: Option<CreditDebit>,
    /// Booked, pending or information.
    #[serde(default)]
    pub status: Option<EntryStatus>,
    /// The booking date.
    #[serde(default, with = "lenient_date")]
    pub booking_date: Option<NaiveDate>,
    /// The value date.
    #[serde(default, with = "lenient_date")]
    pub value_date: Option<NaiveDate>,
    /// The bank's reference of the entry (CAMT `AcctSvcrRef`).
    #[serde(default)]
    pub bank_reference: Option<String>,
    /// The end-to-end id the payer set.
    #[serde(default)]
    pub end_to_end_id: Option<String>,
    /// The unstructured remittance information.
    #[serde(default)]
    pub remittance_information: Option<String>,
    /// The other party's name.
    #[serde(default)]
    pub counterparty_name: Option<String>,
    /// The other party's IBAN.
    #[serde(default)]
    pub counterparty_iban: Option<String>,
    /// The bank transaction code.
    #[serde(default)]
    pub bank_transaction_code: Option<String>,
    /// FX entries: the rate applied.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub exchange_rate: Option<Decimal>,
    /// FX entries: the amount in the original (source) currency.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub original_amount: Option<Decimal>,
    /// FX entries: the currency before conversion.
    #[serde(default)]
    pub original_currency: Option<Currency>,
    /// FX entries: the currency `exchange_rate` is quoted per (CAMT
    /// `CcyXchg/UnitCcy`, or its `SrcCcy` when absent). The API documents
    /// no such field: `None` there, and the rate is then read per unit of
    /// the original currency, the ISO 20022 convention (units of the target
    /// currency per unit of the source). Set for entries read from a CAMT
    /// statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_unit_currency: Option<Currency>,
}

impl Transaction {
    /// The amount, negative for debits.
    pub fn signed_amount(&self) -> Option<Decimal> {
        camt::signed(self.amount, self.credit_debit_indicator.as_ref())
    }

    /// The amount as [`Money`], when both amount and currency are known.
    pub fn money(&self) -> Option<Money> {
        Some(Money::new(self.amount?, self.currency?))
    }

    /// FX entries: the original amount in its currency.
    pub fn original(&self) -> Option<Money> {
        Some(Money::new(self.original_amount?, self.original_currency?))
    }

    /// Checks an FX entry: `original amount × exchange rate` against the
    /// booked amount; see [`fx`](crate::fx).
    pub fn fx_check(&self) -> FxCheck {
        crate::fx::check(self)
    }
}

/// Which entries to list: an account and an optional booking-date range
/// (parameter names inferred).
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct TransactionQuery {
    account: AccountId,
    from_date: Option<NaiveDate>,
    to_date: Option<NaiveDate>,
}

impl TransactionQuery {
    /// Entries of `account`.
    pub fn new(account: AccountId) -> Self {
        TransactionQuery {
            account,
            from_date: None,
            to_date: None,
        }
    }

    /// Entries booked on or after `date`.
    pub fn from_date(mut self, date: NaiveDate) -> Self {
        self.from_date = Some(date);
        self
    }

    /// Entries booked on or before `date`.
    pub fn to_date(mut self, date: NaiveDate) -> Self {
        self.to_date = Some(date);
        self
    }

    fn validate(&self) -> Result<()> {
        if let (Some(from), Some(to)) = (self.from_date, self.to_date)
            && from > to
        {
            return Err(Error::validation("fromDate", "must not be after toDate"));
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// Statement entry calls; from [`LynksClient::transactions`](crate::LynksClient::transactions).
    pub struct Transactions for crate::LynksClient, "LYNKS";
}

impl Transactions<'_> {
    /// `GET /v2/ordering-party-accounts/{id}/transactions` (inferred path
    /// and filters; no paging documented).
    pub async fn list(&self, query: &TransactionQuery) -> Result<Vec<Transaction>> {
        query.validate()?;
        self.handle
            .send_json(
                Request::get("/v2/ordering-party-accounts/{id}/transactions")
                    .param("id", &query.account)
                    .query_opt("fromDate", query.from_date)
                    .query_opt("toDate", query.to_date),
            )
            .await
    }
}
