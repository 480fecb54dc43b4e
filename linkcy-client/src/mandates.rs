//! SEPA direct-debit mandates: list, create, get, activate, cancel.
//!
//! Paths and fields come from the research notes (stated in the public reference); the HTTP method of
//! activate and cancel is not shown in the docs and is inferred to be
//! `POST` (inferred).

use crate::ids::{EndUserId, LedgerId, MandateId};
use banking_core::transport::Request;
use chrono::{DateTime, NaiveDate, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::counterparty::{BankingDetails, PartyType};
use crate::created::Created;
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::validate;

const MANDATES: &str = "/api/partner/mandates";
const MANDATE: &str = "/api/partner/mandates/{mandateId}";
const ACTIVATE: &str = "/api/partner/mandates/{mandateId}/activate";
const CANCEL: &str = "/api/partner/mandates/{mandateId}/cancel";

banking_core::wire_enum! {
    /// A mandate's `status`.
    MandateStatus {
        /// Created; activate it before collecting.
        AwaitingActivation = "AWAITING_ACTIVATION",
        /// Being activated.
        Activating = "ACTIVATING",
        /// Direct debits can be collected.
        Activated = "ACTIVATED",
        /// Being cancelled.
        Canceling = "CANCELING",
        /// Cancelled (final).
        Canceled = "CANCELED",
        /// Activation failed.
        Failed = "FAILED",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the mandate list.
    MandateSortAttribute {
        /// Sort by debtor name.
        DebtorName = "DEBTOR_NAME",
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// A direct-debit mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Mandate {
    /// The mandate id.
    pub id: MandateId,
    /// The mandate reference (UMR) Linkcy generated.
    #[serde(default)]
    pub unique_reference: Option<String>,
    /// The creditor end-user.
    #[serde(default)]
    pub end_user_id: Option<EndUserId>,
    /// Status.
    #[serde(default)]
    pub status: Option<MandateStatus>,
    /// Name chosen at creation.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Who is debited.
    #[serde(default)]
    pub debtor: Option<MandateDebtor>,
    /// Whether several collections are allowed.
    #[serde(default)]
    pub recurring: Option<bool>,
    /// Last day the mandate can be used.
    #[serde(default)]
    pub expiration_date: Option<NaiveDate>,
    /// Last update.
    #[serde(default)]
    pub update_date: Option<DateTime<Utc>>,
    /// Creation time.
    #[serde(default)]
    pub creation_date: Option<DateTime<Utc>>,
}

/// The debtor of a mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MandateDebtor {
    /// Person or company.
    #[serde(rename = "type", default)]
    pub party_type: Option<PartyType>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// The debited account (`iban`, `bic`).
    #[serde(default)]
    pub banking_details: Option<BankingDetails>,
    /// The debtor's ledger, when it is a Linkcy ledger.
    #[serde(default)]
    pub ledger_id: Option<LedgerId>,
}

/// The filters of `GET /api/partner/mandates`.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct MandateFilter {
    sort_attribute: Option<MandateSortAttribute>,
    end_user_id: Option<EndUserId>,
    status: Option<MandateStatus>,
    paging: PageParams,
}

impl MandateFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: MandateSortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `endUserId`.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `status`.
    pub fn status(mut self, status: MandateStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("endUserId", self.end_user_id)
            .query_opt("status", self.status.as_ref())
    }
}

list_filter!(MandateFilter => Mandate, MANDATES);

/// The debtor of a new mandate: `{type, name, bankingDetails: {iban, bic}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct NewMandateDebtor {
    #[serde(rename = "type")]
    party_type: PartyType,
    name: String,
    banking_details: DebtorAccount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct DebtorAccount {
    iban: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    bic: Option<String>,
}

impl NewMandateDebtor {
    /// A debtor named `name` paying from `iban` (electronic form).
    pub fn new(party_type: PartyType, name: impl Into<String>, iban: impl Into<String>) -> Self {
        NewMandateDebtor {
            party_type,
            name: name.into(),
            banking_details: DebtorAccount {
                iban: iban.into(),
                bic: None,
            },
        }
    }

    /// The debtor bank's BIC.
    pub fn bic(mut self, bic: impl Into<String>) -> Self {
        self.banking_details.bic = Some(bic.into());
        self
    }
}

/// `POST /api/partner/mandates`; activate the mandate afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateMandateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_user_id: Option<EndUserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    friendly_name: Option<String>,
    debtor: NewMandateDebtor,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurring: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration_date: Option<NaiveDate>,
}

impl CreateMandateRequest {
    /// A mandate to debit `debtor`.
    pub fn new(debtor: NewMandateDebtor) -> Self {
        CreateMandateRequest {
            end_user_id: None,
            friendly_name: None,
            debtor,
            recurring: None,
            expiration_date: None,
        }
    }

    /// `endUserId`: the creditor end-user.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `friendlyName`, 1 to 255 characters.
    pub fn friendly_name(mut self, name: impl Into<String>) -> Self {
        self.friendly_name = Some(name.into());
        self
    }

    /// `recurring` (server default `false`: a single collection).
    pub fn recurring(mut self, recurring: bool) -> Self {
        self.recurring = Some(recurring);
        self
    }

    /// `expirationDate` (server default: five years from now).
    pub fn expiration_date(mut self, date: NaiveDate) -> Self {
        self.expiration_date = Some(date);
        self
    }

    /// `friendlyName` length, the debtor's name and IBAN (mod-97).
    pub fn validate(&self) -> banking_core::Result<()> {
        if let Some(name) = &self.friendly_name {
            validate::length("friendlyName", name, 1, 255)?;
        }
        validate::non_empty("debtor.name", &self.debtor.name)?;
        validate::iban(
            "debtor.bankingDetails.iban",
            &self.debtor.banking_details.iban,
        )?;
        if let Some(bic) = &self.debtor.banking_details.bic {
            validate::bic("debtor.bankingDetails.bic", bic)?;
        }
        // No rule for `expirationDate` is documented (only its default,
        // five years): the server decides.
        Ok(())
    }
}

banking_core::resource_handle! {
    /// The mandate endpoints; from [`LinkcyClient::mandates`].
    pub struct Mandates for LinkcyClient, "Linkcy";
}

impl<'a> Mandates<'a> {
    /// `GET /api/partner/mandates`: one page.
    pub async fn list(&self, filter: &MandateFilter) -> banking_core::Result<LinkcyPage<Mandate>> {
        paging::list(&self.handle, filter).await
    }

    /// Every mandate matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: MandateFilter,
    ) -> impl Stream<Item = banking_core::Result<Mandate>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `POST /api/partner/mandates`.
    pub async fn create(
        &self,
        mandate: &CreateMandateRequest,
    ) -> banking_core::Result<Created<MandateId>> {
        mandate.validate()?;
        let request = Request::post(MANDATES).json(mandate)?;
        self.handle.send_json(request).await
    }

    /// `GET /api/partner/mandates/{mandateId}`.
    pub async fn get(&self, mandate_id: MandateId) -> banking_core::Result<Mandate> {
        let request = Request::get(MANDATE).param("mandateId", mandate_id);
        self.handle.send_json(request).await
    }

    /// `POST /api/partner/mandates/{mandateId}/activate` (method inferred); the
    /// debtor's banking details must be complete.
    pub async fn activate(
        &self,
        mandate_id: MandateId,
    ) -> banking_core::Result<Created<MandateId>> {
        let request = Request::post(ACTIVATE).param("mandateId", mandate_id);
        self.handle.send_json(request).await
    }

    /// `POST /api/partner/mandates/{mandateId}/cancel` (method inferred);
    /// irreversible.
    pub async fn cancel(&self, mandate_id: MandateId) -> banking_core::Result<Created<MandateId>> {
        let request = Request::post(CANCEL).param("mandateId", mandate_id);
        self.handle.send_json(request).await
    }
}
