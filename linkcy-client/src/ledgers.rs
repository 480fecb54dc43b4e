//! Ledgers (accounts of your end-users): list, create, get.
//!
//! Paths and fields come from the research notes (stated in the public reference); the get path
//! `GET /api/partner/ledgers/{ledgerId}` is inferred (inferred) from the REST
//! layout of the other resources.

use crate::ids::{EndUserId, LedgerId};
use banking_core::money::Currency;
use banking_core::transport::{ArrayStyle, Request};
use chrono::{DateTime, Utc};
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::created::Created;
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::validate;

const LEDGERS: &str = "/api/partner/ledgers";
const LEDGER: &str = "/api/partner/ledgers/{ledgerId}";

banking_core::wire_enum! {
    /// A ledger's `status`. The list filter documents PENDING, ACTIVE,
    /// CLOSING, CLOSED, SUSPENDED, FAILED; the guide's object adds CREATED
    /// (the sources conflict): the union is modelled.
    LedgerStatus {
        /// Being opened.
        Pending = "PENDING",
        /// Open.
        Active = "ACTIVE",
        /// Being closed.
        Closing = "CLOSING",
        /// Closed.
        Closed = "CLOSED",
        /// Suspended with its cards.
        Suspended = "SUSPENDED",
        /// Opening failed.
        Failed = "FAILED",
        /// Created (guide).
        Created = "CREATED",
    }
}

banking_core::wire_enum! {
    /// The kind of ledger to open (`type`): currency and country. Newer
    /// docs list EUR_BELGIUM and EUR_FRANCE, older ones EUR_LITHUANIA,
    /// USD_USA and GBP_GREAT_BRITAIN (the sources conflict).
    LedgerType {
        /// Euro ledger, Belgium.
        EurBelgium = "EUR_BELGIUM",
        /// Euro ledger, France.
        EurFrance = "EUR_FRANCE",
        /// Euro ledger, Lithuania (older docs).
        EurLithuania = "EUR_LITHUANIA",
        /// US dollar ledger (older docs).
        UsdUsa = "USD_USA",
        /// Pound sterling ledger (older docs).
        GbpGreatBritain = "GBP_GREAT_BRITAIN",
    }
}

banking_core::wire_enum! {
    /// The `country` of a ledger.
    LedgerCountry {
        /// Estonia.
        Estonia = "ESTONIA",
        /// France.
        France = "FRANCE",
        /// Belgium.
        Belgium = "BELGIUM",
        /// Great Britain.
        GreatBritain = "GREAT_BRITAIN",
        /// Lithuania.
        Lithuania = "LITHUANIA",
        /// Bulgaria.
        Bulgaria = "BULGARIA",
        /// United States.
        Usa = "USA",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the ledger list.
    LedgerSortAttribute {
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// A ledger: the list element and the full object of the guide in one type
/// (every field but `id` may be absent). Bank identifiers are only set once
/// the ledger `isUpgraded`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Ledger {
    /// The ledger id.
    pub id: LedgerId,
    /// The owner.
    #[serde(default)]
    pub end_user_id: Option<EndUserId>,
    /// The owner, as an object (list element).
    #[serde(default)]
    pub end_user: Option<LedgerEndUser>,
    /// The parent of a virtual ledger.
    #[serde(default)]
    pub parent_id: Option<LedgerId>,
    /// Name chosen at creation, unique per end-user.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<LedgerStatus>,
    /// Currency of the balances.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Country of the account.
    #[serde(default)]
    pub country: Option<LedgerCountry>,
    /// Total balance, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_amount: Option<Decimal>,
    /// Available balance, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub available_amount: Option<Decimal>,
    /// Reserved balance (card authorisations), exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub reserved_amount: Option<Decimal>,
    /// Creation time.
    #[serde(default)]
    pub creation_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde(default)]
    pub update_date: Option<DateTime<Utc>>,
    /// Whether the ledger has bank identifiers (IBAN / account number).
    #[serde(default)]
    pub is_upgraded: Option<bool>,
    /// IBAN (upgraded EUR ledgers).
    #[serde(default)]
    pub iban: Option<String>,
    /// BIC or SWIFT code.
    #[serde(default)]
    pub bic_or_swift: Option<String>,
    /// Account number (GBP / USD ledgers).
    #[serde(default)]
    pub account_number: Option<String>,
    /// Sort code (GBP ledgers).
    #[serde(default)]
    pub sort_code: Option<String>,
    /// Routing number (USD ledgers).
    #[serde(default)]
    pub routing_number: Option<String>,
}

/// `endUser` of a ledger list element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LedgerEndUser {
    /// The end-user id.
    pub id: EndUserId,
}

/// The filters of `GET /api/partner/ledgers`.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct LedgerFilter {
    sort_attribute: Option<LedgerSortAttribute>,
    end_user_id: Option<EndUserId>,
    status: Vec<LedgerStatus>,
    parent_id: Option<LedgerId>,
    iban: Option<String>,
    paging: PageParams,
}

impl LedgerFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: LedgerSortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `endUserId`: ledgers of this end-user.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `status`: any of these statuses.
    pub fn status(mut self, statuses: impl IntoIterator<Item = LedgerStatus>) -> Self {
        self.status = statuses.into_iter().collect();
        self
    }

    /// `parentId`: the virtual ledgers of this ledger.
    pub fn parent_id(mut self, id: LedgerId) -> Self {
        self.parent_id = Some(id);
        self
    }

    /// `iban`.
    pub fn iban(mut self, iban: impl Into<String>) -> Self {
        self.iban = Some(iban.into());
        self
    }

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("endUserId", self.end_user_id)
            .query_array("status", &self.status, ArrayStyle::Repeated)
            .query_opt("parentId", self.parent_id)
            .query_opt("iban", self.iban.as_deref())
    }
}

list_filter!(LedgerFilter => Ledger, LEDGERS);

/// `limits` of a new ledger; every limit is optional, exact and at least 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerLimits {
    #[serde(
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    dd_transaction_limit: Option<Decimal>,
    #[serde(
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    dd_monthly_limit: Option<Decimal>,
    #[serde(
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    transaction_limit: Option<Decimal>,
    #[serde(
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    transaction_daily_limit: Option<Decimal>,
    #[serde(
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    transaction_monthly_limit: Option<Decimal>,
}

impl LedgerLimits {
    /// No limit set (Linkcy's defaults apply).
    pub fn new() -> Self {
        Self::default()
    }

    /// `ddTransactionLimit`: largest direct debit.
    pub fn dd_transaction_limit(mut self, limit: Decimal) -> Self {
        self.dd_transaction_limit = Some(limit);
        self
    }

    /// `ddMonthlyLimit`: direct debits per month.
    pub fn dd_monthly_limit(mut self, limit: Decimal) -> Self {
        self.dd_monthly_limit = Some(limit);
        self
    }

    /// `transactionLimit`: largest transaction.
    pub fn transaction_limit(mut self, limit: Decimal) -> Self {
        self.transaction_limit = Some(limit);
        self
    }

    /// `transactionDailyLimit`.
    pub fn transaction_daily_limit(mut self, limit: Decimal) -> Self {
        self.transaction_daily_limit = Some(limit);
        self
    }

    /// `transactionMonthlyLimit`.
    pub fn transaction_monthly_limit(mut self, limit: Decimal) -> Self {
        self.transaction_monthly_limit = Some(limit);
        self
    }

    fn validate(&self) -> banking_core::Result<()> {
        let limits = [
            ("limits.ddTransactionLimit", self.dd_transaction_limit),
            ("limits.ddMonthlyLimit", self.dd_monthly_limit),
            ("limits.transactionLimit", self.transaction_limit),
            ("limits.transactionDailyLimit", self.transaction_daily_limit),
            (
                "limits.transactionMonthlyLimit",
                self.transaction_monthly_limit,
            ),
        ];
        for (field, limit) in limits {
            // No range is documented for the limits: only their scale is
            // checked, as for every amount.
            let Some(limit) = limit else { continue };
            validate::max_scale(field, limit, validate::AMOUNT_DECIMALS)?;
        }
        Ok(())
    }
}

/// `POST /api/partner/ledgers`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateLedgerRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_user_id: Option<EndUserId>,
    #[serde(rename = "type")]
    ledger_type: LedgerType,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_upgrade: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limits: Option<LedgerLimits>,
    #[serde(skip_serializing_if = "Option::is_none")]
    friendly_name: Option<String>,
}

impl CreateLedgerRequest {
    /// Open a ledger of `ledger_type`.
    pub fn new(ledger_type: LedgerType) -> Self {
        CreateLedgerRequest {
            end_user_id: None,
            ledger_type,
            auto_upgrade: None,
            limits: None,
            friendly_name: None,
        }
    }

    /// `endUserId`: the owner; required unless you are logged in as that
    /// end-user.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `autoUpgrade`: assign bank identifiers as soon as possible.
    pub fn auto_upgrade(mut self, auto_upgrade: bool) -> Self {
        self.auto_upgrade = Some(auto_upgrade);
        self
    }

    /// `limits`.
    pub fn limits(mut self, limits: LedgerLimits) -> Self {
        self.limits = Some(limits);
        self
    }

    /// `friendlyName`: 1 to 255 characters, unique per end-user.
    pub fn friendly_name(mut self, name: impl Into<String>) -> Self {
        self.friendly_name = Some(name.into());
        self
    }

    /// `friendlyName` length and non-negative limits.
    pub fn validate(&self) -> banking_core::Result<()> {
        if let Some(name) = &self.friendly_name {
            validate::length("friendlyName", name, 1, 255)?;
        }
        if let Some(limits) = &self.limits {
            limits.validate()?;
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// The ledger endpoints; from [`LinkcyClient::ledgers`].
    pub struct Ledgers for LinkcyClient, "Linkcy";
}

impl<'a> Ledgers<'a> {
    /// `GET /api/partner/ledgers`: one page.
    pub async fn list(&self, filter: &LedgerFilter) -> banking_core::Result<LinkcyPage<Ledger>> {
        paging::list(&self.handle, filter).await
    }

    /// Every ledger matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: LedgerFilter,
    ) -> impl Stream<Item = banking_core::Result<Ledger>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `POST /api/partner/ledgers`.
    pub async fn create(
        &self,
        ledger: &CreateLedgerRequest,
    ) -> banking_core::Result<Created<LedgerId>> {
        ledger.validate()?;
        let request = Request::post(LEDGERS).json(ledger)?;
        self.handle.send_json(request).await
    }

    /// `GET /api/partner/ledgers/{ledgerId}` (path inferred, inferred).
    pub async fn get(&self, ledger_id: LedgerId) -> banking_core::Result<Ledger> {
        let request = Request::get(LEDGER).param("ledgerId", ledger_id);
        self.handle.send_json(request).await
    }
}
