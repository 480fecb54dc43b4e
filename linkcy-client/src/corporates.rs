//! Corporates (company end-users): list and create.
//!
//! Paths, query parameters and the create fields come from the research
//! notes (stated in the public reference). The fields of a listed corporate and the `accountOwnerId`
//! of the create answer are inferred (inferred) from the create body and the
//! corporate guide. Create fields whose JSON shape was not captured
//! (addresses, industry, business volume) can be sent with
//! [`CreateCorporateRequest::other_field`].

use crate::ids::{CorporateRelatedId, EndUserId};
use banking_core::transport::{ArrayStyle, Request};
use chrono::{DateTime, NaiveDate, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::end_users::{
    BankingStatus, ComplianceStatus, LinkcyStatus, OverallStatus, SuspensionStatus, validate_iso3,
};
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::validate;

const CORPORATES: &str = "/api/partner/corporates";

banking_core::wire_enum! {
    /// KYB status of a corporate.
    KybStatus {
        /// Not started.
        NotStarted = "NOT_STARTED",
        /// Being completed.
        Completing = "COMPLETING",
        /// Waiting for verification.
        PendingVerification = "PENDING_VERIFICATION",
        /// More information needed.
        NeedAdditionalInformation = "NEED_ADDITIONAL_INFORMATION",
        /// Declined.
        Declined = "DECLINED",
        /// Validated (named in the corporate guide).
        Validated = "VALIDATED",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the corporate list.
    CorporateSortAttribute {
        /// Sort by last update.
        UpdateDate = "UPDATE_DATE",
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// A corporate (fields inferred; see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Corporate {
    /// The corporate id (an end-user id).
    pub id: EndUserId,
    /// Your own id.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Registered (legal) name.
    #[serde(default)]
    pub registered_name: Option<String>,
    /// Trade name.
    #[serde(default)]
    pub trade_name: Option<String>,
    /// Country of incorporation, ISO 3166 alpha-3.
    #[serde(default)]
    pub incorporation_country: Option<String>,
    /// Date of incorporation.
    #[serde(default)]
    pub incorporation_date: Option<NaiveDate>,
    /// Legal form (per-country values), as sent.
    #[serde(default)]
    pub legal_type: Option<String>,
    /// Web site.
    #[serde(default)]
    pub website: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email_address: Option<String>,
    /// The account owner (a corporate-related person).
    #[serde(default)]
    pub account_owner_id: Option<CorporateRelatedId>,
    /// KYB status.
    #[serde(default)]
    pub kyb_status: Option<KybStatus>,
    /// Banking status.
    #[serde(default)]
    pub banking_status: Option<BankingStatus>,
    /// Suspension status.
    #[serde(default)]
    pub suspension_status: Option<SuspensionStatus>,
    /// Linkcy status.
    #[serde(default)]
    pub linkcy_status: Option<LinkcyStatus>,
    /// Compliance status.
    #[serde(default)]
    pub compliance_status: Option<ComplianceStatus>,
    /// Overall status.
    #[serde(default)]
    pub overall_status: Option<OverallStatus>,
    /// Creation time.
    #[serde(default)]
    pub creation_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde(default)]
    pub update_date: Option<DateTime<Utc>>,
}

/// The answer of `POST /api/partner/corporates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CorporateCreated {
    /// The corporate id.
    pub id: EndUserId,
    /// The account owner created with it (guide, inferred).
    #[serde(default)]
    pub account_owner_id: Option<CorporateRelatedId>,
}

/// The filters of `GET /api/partner/corporates`.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct CorporateFilter {
    sort_attribute: Option<CorporateSortAttribute>,
    registered_name: Option<String>,
    kyb_status: Vec<KybStatus>,
    banking_status: Vec<BankingStatus>,
    suspension_status: Vec<SuspensionStatus>,
    linkcy_status: Vec<LinkcyStatus>,
    compliance_status: Vec<ComplianceStatus>,
    overall_status: Option<OverallStatus>,
    email_address: Option<String>,
    paging: PageParams,
}

impl CorporateFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: CorporateSortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `registeredName`.
    pub fn registered_name(mut self, name: impl Into<String>) -> Self {
        self.registered_name = Some(name.into());
        self
    }

    /// `kybStatus`: any of these.
    pub fn kyb_status(mut self, statuses: impl IntoIterator<Item = KybStatus>) -> Self {
        self.kyb_status = statuses.into_iter().collect();
        self
    }

    /// `bankingStatus`: any of these.
    pub fn banking_status(mut self, statuses: impl IntoIterator<Item = BankingStatus>) -> Self {
        self.banking_status = statuses.into_iter().collect();
        self
    }

    /// `suspensionStatus`: any of these.
    pub fn suspension_status(
        mut self,
        statuses: impl IntoIterator<Item = SuspensionStatus>,
    ) -> Self {
        self.suspension_status = statuses.into_iter().collect();
        self
    }

    /// `linkcyStatus`: any of these.
    pub fn linkcy_status(mut self, statuses: impl IntoIterator<Item = LinkcyStatus>) -> Self {
        self.linkcy_status = statuses.into_iter().collect();
        self
    }

    /// `complianceStatus`: any of these.
    pub fn compliance_status(
        mut self,
        statuses: impl IntoIterator<Item = ComplianceStatus>,
    ) -> Self {
        self.compliance_status = statuses.into_iter().collect();
        self
    }

    /// `overallStatus`.
    pub fn overall_status(mut self, status: OverallStatus) -> Self {
        self.overall_status = Some(status);
        self
    }

    /// `emailAddress`.
    pub fn email_address(mut self, email: impl Into<String>) -> Self {
        self.email_address = Some(email.into());
        self
    }

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("registeredName", self.registered_name.as_deref())
            .query_array("kybStatus", &self.kyb_status, ArrayStyle::Repeated)
            .query_array("bankingStatus", &self.banking_status, ArrayStyle::Repeated)
            .query_array(
                "suspensionStatus",
                &self.suspension_status,
                ArrayStyle::Repeated,
            )
            .query_array("linkcyStatus", &self.linkcy_status, ArrayStyle::Repeated)
            .query_array(
                "complianceStatus",
                &self.compliance_status,
                ArrayStyle::Repeated,
            )
            .query_opt("overallStatus", self.overall_status.as_ref())
            .query_opt("emailAddress", self.email_address.as_deref())
    }
}

list_filter!(CorporateFilter => Corporate, CORPORATES);

/// `POST /api/partner/corporates`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateCorporateRequest {
    registered_name: String,
    incorporation_country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trade_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    incorporation_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employees_range: Option<String>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl CreateCorporateRequest {
    /// A company named `registered_name` (at most 255 Latin-1 characters)
    /// incorporated in `incorporation_country` (ISO 3166 alpha-3, e.g. `FRA`).
    pub fn new(
        registered_name: impl Into<String>,
        incorporation_country: impl Into<String>,
    ) -> Self {
        CreateCorporateRequest {
            registered_name: registered_name.into(),
            incorporation_country: incorporation_country.into(),
            partner_name: None,
            external_id: None,
            trade_name: None,
            incorporation_date: None,
            legal_type: None,
            website: None,
            employees_range: None,
            other: serde_json::Map::new(),
        }
    }

    /// `partnerName` (needed only for anonymous creation).
    pub fn partner_name(mut self, name: impl Into<String>) -> Self {
        self.partner_name = Some(name.into());
        self
    }

    /// `externalId`: your id, at most 511 characters.
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.external_id = Some(id.into());
        self
    }

    /// `tradeName`.
    pub fn trade_name(mut self, name: impl Into<String>) -> Self {
        self.trade_name = Some(name.into());
        self
    }

    /// `incorporationDate`.
    pub fn incorporation_date(mut self, date: NaiveDate) -> Self {
        self.incorporation_date = Some(date);
        self
    }

    /// `legalType`: the legal form, from the per-country lists of the docs.
    pub fn legal_type(mut self, legal_type: impl Into<String>) -> Self {
        self.legal_type = Some(legal_type.into());
        self
    }

    /// `website`.
    pub fn website(mut self, website: impl Into<String>) -> Self {
        self.website = Some(website.into());
        self
    }

    /// `employeesRange`, as the docs list it.
    pub fn employees_range(mut self, range: impl Into<String>) -> Self {
        self.employees_range = Some(range.into());
        self
    }

    /// Any other body field, for properties whose shape the docs hide.
    pub fn other_field(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.other.insert(name.into(), value);
        self
    }

    /// `registeredName` 1 to 255 Latin-1 characters, ISO alpha-3 country,
    /// `externalId` at most 511 characters.
    pub fn validate(&self) -> banking_core::Result<()> {
        validate::length("registeredName", &self.registered_name, 1, 255)?;
        if let Some(bad) = self.registered_name.chars().find(|c| u32::from(*c) > 0xFF) {
            return Err(banking_core::Error::validation(
                "registeredName",
                format!("must be Latin-1; {bad:?} is not"),
            ));
        }
        validate_iso3("incorporationCountry", &self.incorporation_country)?;
        if let Some(id) = &self.external_id {
            validate::length("externalId", id, 0, 511)?;
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// The corporate endpoints; from [`LinkcyClient::corporates`].
    pub struct Corporates for LinkcyClient, "Linkcy";
}

impl<'a> Corporates<'a> {
    /// `GET /api/partner/corporates`: one page.
    pub async fn list(
        &self,
        filter: &CorporateFilter,
    ) -> banking_core::Result<LinkcyPage<Corporate>> {
        paging::list(&self.handle, filter).await
    }

    /// Every corporate matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: CorporateFilter,
    ) -> impl Stream<Item = banking_core::Result<Corporate>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `POST /api/partner/corporates`.
    pub async fn create(
        &self,
        corporate: &CreateCorporateRequest,
    ) -> banking_core::Result<CorporateCreated> {
        corporate.validate()?;
        let request = Request::post(CORPORATES).json(corporate)?;
        self.handle.send_json(request).await
    }
}
