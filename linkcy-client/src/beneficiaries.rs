//! Beneficiaries (payees of transfers): list and create.
//!
//! Paths, query parameters and the create body come from the research
//! notes (stated in the public reference). Two things are inferred (inferred): the property holding the
//! bank account is named `bankingDetails` (the docs hide it; mandates use
//! that name), and the fields of a listed beneficiary (not captured) are
//! modelled from the create body plus `id`, `status` and `creationDate`.

use crate::ids::{BeneficiaryId, EndUserId};
use banking_core::transport::{ArrayStyle, Request};
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::counterparty::{BankingDetails, PartyType};
use crate::created::Created;
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::sca::{LinkcyScaOutcome, ScaOptions};
use crate::validate;

const BENEFICIARIES: &str = "/api/partner/beneficiaries";

banking_core::wire_enum! {
    /// A beneficiary's `status`.
    BeneficiaryStatus {
        /// Refused.
        Declined = "DECLINED",
        /// Under manual review.
        PendingReview = "PENDING_REVIEW",
        /// Usable for transfers.
        Valid = "VALID",
        /// Being checked.
        Pending = "PENDING",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the beneficiary list.
    BeneficiarySortAttribute {
        /// Sort by name.
        Name = "NAME",
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// A beneficiary (fields inferred; see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Beneficiary {
    /// The beneficiary id (use it in transfers).
    pub id: BeneficiaryId,
    /// Person or company.
    #[serde(rename = "type", default)]
    pub party_type: Option<PartyType>,
    /// Full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// The end-user owning the beneficiary.
    #[serde(default)]
    pub end_user_id: Option<EndUserId>,
    /// Status.
    #[serde(default)]
    pub status: Option<BeneficiaryStatus>,
    /// The account.
    #[serde(default)]
    pub banking_details: Option<BankingDetails>,
    /// Whether the beneficiary is shown to the end-user.
    #[serde(default)]
    pub display: Option<bool>,
    /// Whether the beneficiary is active.
    #[serde(default)]
    pub active: Option<bool>,
    /// Creation time.
    #[serde(default)]
    pub creation_date: Option<DateTime<Utc>>,
}

/// The filters of `GET /api/partner/beneficiaries`.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct BeneficiaryFilter {
    end_user_id: Option<EndUserId>,
    name: Option<String>,
    iban: Option<String>,
    status: Vec<BeneficiaryStatus>,
    sort_attribute: Option<BeneficiarySortAttribute>,
    display: Option<bool>,
    active: Option<bool>,
    paging: PageParams,
}

impl BeneficiaryFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `endUserId`.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// `iban`.
    pub fn iban(mut self, iban: impl Into<String>) -> Self {
        self.iban = Some(iban.into());
        self
    }

    /// `status`: any of these.
    pub fn status(mut self, statuses: impl IntoIterator<Item = BeneficiaryStatus>) -> Self {
        self.status = statuses.into_iter().collect();
        self
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: BeneficiarySortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `display`.
    pub fn display(mut self, display: bool) -> Self {
        self.display = Some(display);
        self
    }

    /// `active`.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("endUserId", self.end_user_id)
            .query_opt("name", self.name.as_deref())
            .query_opt("iban", self.iban.as_deref())
            .query_array("status", &self.status, ArrayStyle::Repeated)
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("display", self.display)
            .query_opt("active", self.active)
    }
}

list_filter!(BeneficiaryFilter => Beneficiary, BENEFICIARIES);

/// The account of a new beneficiary: one of the three documented variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum BeneficiaryAccount {
    /// `SepaBankingDetails {iban, bic}`.
    Sepa {
        /// IBAN, electronic form (checked with its mod-97 checksum).
        iban: String,
        /// BIC.
        #[serde(skip_serializing_if = "Option::is_none")]
        bic: Option<String>,
    },
    /// `GbpBankingDetails {sortCode, accountNumber, swift}`.
    #[serde(rename_all = "camelCase")]
    Gbp {
        /// Sort code.
        sort_code: String,
        /// Account number.
        account_number: String,
        /// SWIFT code.
        #[serde(skip_serializing_if = "Option::is_none")]
        swift: Option<String>,
    },
    /// `UsdBankingDetails {abaCode, accountNumber, swift}`.
    #[serde(rename_all = "camelCase")]
    Usd {
        /// ABA routing number.
        aba_code: String,
        /// Account number.
        account_number: String,
        /// SWIFT code.
        #[serde(skip_serializing_if = "Option::is_none")]
        swift: Option<String>,
    },
}

impl BeneficiaryAccount {
    fn validate(&self) -> banking_core::Result<()> {
        match self {
            BeneficiaryAccount::Sepa { iban, bic } => {
                validate::iban("bankingDetails.iban", iban)?;
                bic.as_deref()
                    .map_or(Ok(()), |b| validate::bic("bankingDetails.bic", b))
            }
            BeneficiaryAccount::Gbp {
                sort_code,
                account_number,
                swift,
            } => {
                swift
                    .as_deref()
                    .map_or(Ok(()), |b| validate::bic("bankingDetails.swift", b))?;
                validate::non_empty("bankingDetails.sortCode", sort_code)?;
                validate::non_empty("bankingDetails.accountNumber", account_number)
            }
            BeneficiaryAccount::Usd {
                aba_code,
                account_number,
                swift,
            } => {
                swift
                    .as_deref()
                    .map_or(Ok(()), |b| validate::bic("bankingDetails.swift", b))?;
                validate::non_empty("bankingDetails.abaCode", aba_code)?;
                validate::non_empty("bankingDetails.accountNumber", account_number)
            }
        }
    }
}

/// `POST /api/partner/beneficiaries`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateBeneficiaryRequest {
    #[serde(rename = "type")]
    party_type: PartyType,
    full_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_user_id: Option<EndUserId>,
    banking_details: BeneficiaryAccount,
    #[serde(skip_serializing_if = "Option::is_none")]
    display: Option<bool>,
}

impl CreateBeneficiaryRequest {
    /// A beneficiary of `party_type` named `full_name` (at most 511
    /// characters) holding `account`.
    pub fn new(
        party_type: PartyType,
        full_name: impl Into<String>,
        account: BeneficiaryAccount,
    ) -> Self {
        CreateBeneficiaryRequest {
            party_type,
            full_name: full_name.into(),
            end_user_id: None,
            banking_details: account,
            display: None,
        }
    }

    /// `endUserId`: the end-user the beneficiary belongs to.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `display`: show it to the end-user.
    pub fn display(mut self, display: bool) -> Self {
        self.display = Some(display);
        self
    }

    /// `fullName` length (at most 511) and the account (IBAN checksum,
    /// non-empty account fields).
    pub fn validate(&self) -> banking_core::Result<()> {
        validate::length("fullName", &self.full_name, 0, 511)?;
        self.banking_details.validate()
    }
}

banking_core::resource_handle! {
    /// The beneficiary endpoints; from [`LinkcyClient::beneficiaries`].
    pub struct Beneficiaries for LinkcyClient, "Linkcy";
}

impl<'a> Beneficiaries<'a> {
    /// `GET /api/partner/beneficiaries`: one page.
    pub async fn list(
        &self,
        filter: &BeneficiaryFilter,
    ) -> banking_core::Result<LinkcyPage<Beneficiary>> {
        paging::list(&self.handle, filter).await
    }

    /// Every beneficiary matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: BeneficiaryFilter,
    ) -> impl Stream<Item = banking_core::Result<Beneficiary>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `POST /api/partner/beneficiaries`; might require SCA.
    pub async fn create(
        &self,
        beneficiary: &CreateBeneficiaryRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<Created<BeneficiaryId>>> {
        beneficiary.validate()?;
        let request = Request::post(BENEFICIARIES).json(beneficiary)?;
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }
}
