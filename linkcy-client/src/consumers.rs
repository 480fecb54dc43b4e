//! Consumers (personal end-users): list and create.
//!
//! Paths, query parameters and most fields come from the research notes
//! (stated in the public reference). `firstName`, `lastName` and `emailAddress` in the create body and
//! the phone's sub-fields come from third-party code (inferred); the name of the
//! consumer's e-mail property is hidden in the docs (`email` is assumed, its
//! shape is kept as raw JSON). Fields whose names were not captured (sector,
//! terms version) can be sent with [`CreateConsumerRequest::other_field`].

use crate::ids::EndUserId;
use banking_core::transport::{ArrayStyle, Request};
use chrono::NaiveDate;
use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::created::Created;
use crate::end_users::{
    Address, BankingStatus, ComplianceStatus, KycInfo, KycStatus, LinkcyStatus, OverallStatus,
    Phone, PhoneInfo, SuspensionStatus, validate_iso3,
};
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::validate;

const CONSUMERS: &str = "/api/partner/consumers";
const CONSUMER: &str = "/api/partner/consumers/{consumerId}";

banking_core::wire_enum! {
    /// A consumer's account `status`.
    ConsumerStatus {
        /// Active.
        Active = "ACTIVE",
        /// Locked.
        Lock = "LOCK",
    }
}

banking_core::wire_enum! {
    /// `gender`.
    Gender {
        /// Male.
        Male = "MALE",
        /// Female.
        Female = "FEMALE",
    }
}

banking_core::wire_enum! {
    /// `sourceOfFunds`.
    SourceOfFunds {
        /// Compensation payout.
        CompensationPayout = "COMPENSATION_PAYOUT",
        /// Company profits.
        CompanyProfits = "COMPANY_PROFITS",
        /// Sale of a company.
        CompanySale = "COMPANY_SALE",
        /// Dividends.
        DividendPayments = "DIVIDEND_PAYMENTS",
        /// Divorce settlement.
        DivorceSettlement = "DIVORCE_SETTLEMENT",
        /// Fixed deposits.
        FixedDeposits = "FIXED_DEPOSITS",
        /// Gift.
        Gift = "GIFT",
        /// Inheritance.
        Inheritance = "INHERITANCE",
        /// Insurance payout.
        InsurancePayout = "INSURANCE_PAYOUT",
        /// Loan.
        Loan = "LOAN",
        /// Lottery or gambling win.
        LotteryOrGamblingWin = "LOTTERY_OR_GAMBLING_WIN",
        /// Retirement income.
        RetirementIncome = "RETIREMENT_INCOME",
        /// Sale of an investment.
        SaleOfInvestment = "SALE_OF_INVESTMENT",
        /// Sale of property.
        SaleOfProperty = "SALE_OF_PROPERTY",
        /// Savings from salary.
        SavingsFromSalary = "SAVINGS_FROM_SALARY",
        /// Other (describe it in `otherSourceOfFunds`).
        Other = "OTHER",
    }
}

banking_core::wire_enum! {
    /// `occupation`.
    Occupation {
        /// Business owner.
        BusinessOwner = "BUSINESS_OWNER",
        /// Clergy.
        Clergy = "CLERGY",
        /// Craftsman.
        Craftsman = "CRAFTSMAN",
        /// Engineer.
        Engineer = "ENGINEER",
        /// Executive.
        Executive = "EXECUTIVE",
        /// Farmer.
        Farmer = "FARMER",
        /// Freelance.
        Freelance = "FREELANCE",
        /// Liberal profession.
        LiberalProfession = "LIBERAL_PROFESSION",
        /// Politician.
        Politician = "POLITICIAN",
        /// Professor.
        Professor = "PROFESSOR",
        /// Public servant.
        PublicServant = "PUBLIC_SERVANT",
        /// Retired.
        Retired = "RETIRED",
        /// Shopkeeper.
        Shopkeeper = "SHOPKEEPER",
        /// Student.
        Student = "STUDENT",
        /// Unemployed.
        Unemployed = "UNEMPLOYED",
        /// Worker.
        Worker = "WORKER",
        /// Other (describe it in `otherOccupation`).
        Other = "OTHER",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the consumer list.
    ConsumerSortAttribute {
        /// Sort by last update.
        UpdateDate = "UPDATE_DATE",
        /// Sort by last name.
        LastName = "LAST_NAME",
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// A consumer (the guide's object; more fields exist and are not captured).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Consumer {
    /// The consumer id (an end-user id).
    pub id: EndUserId,
    /// Your own id for the consumer.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<PhoneInfo>,
    /// KYC information.
    #[serde(default)]
    pub kyc_info: Option<KycInfo>,
    /// Account status.
    #[serde(default)]
    pub status: Option<ConsumerStatus>,
    /// Whether the terms were accepted.
    #[serde(default)]
    pub terms_accepted: Option<bool>,
    /// Address.
    #[serde(default)]
    pub address: Option<Address>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// E-mail information; property name and shape not captured (inferred).
    #[serde(default)]
    pub email: Option<serde_json::Value>,
    /// Gender.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Country of birth, ISO 3166 alpha-3.
    #[serde(default)]
    pub birth_iso_country_code: Option<String>,
    /// Date of birth.
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Source of funds.
    #[serde(default)]
    pub source_of_funds: Option<SourceOfFunds>,
    /// Source of funds when `OTHER`.
    #[serde(default)]
    pub other_source_of_funds: Option<String>,
    /// Occupation.
    #[serde(default)]
    pub occupation: Option<Occupation>,
    /// Occupation when `OTHER`.
    #[serde(default)]
    pub other_occupation: Option<String>,
}

/// The filters of `GET /api/partner/consumers`.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct ConsumerFilter {
    sort_attribute: Option<ConsumerSortAttribute>,
    last_name: Option<String>,
    phone: Option<String>,
    email_address: Option<String>,
    kyc_status: Vec<KycStatus>,
    banking_status: Vec<BankingStatus>,
    suspension_status: Vec<SuspensionStatus>,
    linkcy_status: Vec<LinkcyStatus>,
    compliance_status: Vec<ComplianceStatus>,
    overall_status: Option<OverallStatus>,
    paging: PageParams,
}

impl ConsumerFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: ConsumerSortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `lastName`.
    pub fn last_name(mut self, last_name: impl Into<String>) -> Self {
        self.last_name = Some(last_name.into());
        self
    }

    /// `phone`.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// `emailAddress`.
    pub fn email_address(mut self, email: impl Into<String>) -> Self {
        self.email_address = Some(email.into());
        self
    }

    /// `kycStatus`: any of these.
    pub fn kyc_status(mut self, statuses: impl IntoIterator<Item = KycStatus>) -> Self {
        self.kyc_status = statuses.into_iter().collect();
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

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("lastName", self.last_name.as_deref())
            .query_opt("phone", self.phone.as_deref())
            .query_opt("emailAddress", self.email_address.as_deref())
            .query_array("kycStatus", &self.kyc_status, ArrayStyle::Repeated)
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
    }
}

list_filter!(ConsumerFilter => Consumer, CONSUMERS);

/// `POST /api/partner/consumers`: the phone must be unique.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateConsumerRequest {
    phone: Phone,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_of_funds: Option<SourceOfFunds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_source_of_funds: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    occupation: Option<Occupation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_iso_country_code: Option<String>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl CreateConsumerRequest {
    /// A consumer reachable at `phone`.
    pub fn new(phone: Phone) -> Self {
        CreateConsumerRequest {
            phone,
            partner_name: None,
            external_id: None,
            first_name: None,
            last_name: None,
            email_address: None,
            source_of_funds: None,
            other_source_of_funds: None,
            occupation: None,
            birth_iso_country_code: None,
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

    /// `firstName` (inferred).
    pub fn first_name(mut self, name: impl Into<String>) -> Self {
        self.first_name = Some(name.into());
        self
    }

    /// `lastName` (inferred).
    pub fn last_name(mut self, name: impl Into<String>) -> Self {
        self.last_name = Some(name.into());
        self
    }

    /// `emailAddress` (inferred).
    pub fn email_address(mut self, email: impl Into<String>) -> Self {
        self.email_address = Some(email.into());
        self
    }

    /// `sourceOfFunds`.
    pub fn source_of_funds(mut self, source: SourceOfFunds) -> Self {
        self.source_of_funds = Some(source);
        self
    }

    /// `otherSourceOfFunds`, with [`SourceOfFunds::Other`].
    pub fn other_source_of_funds(mut self, description: impl Into<String>) -> Self {
        self.other_source_of_funds = Some(description.into());
        self
    }

    /// `occupation`.
    pub fn occupation(mut self, occupation: Occupation) -> Self {
        self.occupation = Some(occupation);
        self
    }

    /// `birthIsoCountryCode`, ISO 3166 alpha-3.
    pub fn birth_iso_country_code(mut self, code: impl Into<String>) -> Self {
        self.birth_iso_country_code = Some(code.into());
        self
    }

    /// Any other body field, for properties whose names the docs hide.
    pub fn other_field(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.other.insert(name.into(), value);
        self
    }

    /// Phone present, `externalId` at most 511 characters, country code.
    pub fn validate(&self) -> banking_core::Result<()> {
        validate::non_empty("phone.countryCode", &self.phone.country_code)?;
        validate::non_empty("phone.number", &self.phone.number)?;
        if let Some(id) = &self.external_id {
            validate::length("externalId", id, 0, 511)?;
        }
        if let Some(code) = &self.birth_iso_country_code {
            validate_iso3("birthIsoCountryCode", code)?;
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// The consumer endpoints; from [`LinkcyClient::consumers`].
    pub struct Consumers for LinkcyClient, "Linkcy";
}

impl<'a> Consumers<'a> {
    /// `GET /api/partner/consumers`: one page.
    pub async fn list(
        &self,
        filter: &ConsumerFilter,
    ) -> banking_core::Result<LinkcyPage<Consumer>> {
        paging::list(&self.handle, filter).await
    }

    /// Every consumer matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: ConsumerFilter,
    ) -> impl Stream<Item = banking_core::Result<Consumer>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `GET /api/partner/consumers/{consumerId}` (path inferred: the
    /// research notes give the operation, not its path).
    pub async fn get(&self, consumer_id: EndUserId) -> banking_core::Result<Consumer> {
        let request = Request::get(CONSUMER).param("consumerId", consumer_id);
        self.handle.send_json(request).await
    }

    /// `POST /api/partner/consumers`.
    pub async fn create(
        &self,
        consumer: &CreateConsumerRequest,
    ) -> banking_core::Result<Created<EndUserId>> {
        consumer.validate()?;
        let request = Request::post(CONSUMERS).json(consumer)?;
        self.handle.send_json(request).await
    }
}
