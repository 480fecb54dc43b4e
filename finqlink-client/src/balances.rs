//! Balance history of a consent: `/ais/balances/list` (v2, keyset paging).
//!
//! Documented: the operation, its filters (currency, type, account id) and
//! keyset paging. Field names are inferred (`consent_id`, `filter`,
//! `account_id`, `type`, `amount` as a decimal string like every FinqLink
//! amount, `currency`, `reference_date`).

use banking_core::money::Currency;
use chrono::NaiveDate;
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::client::{ApiVersion, Body, Endpoint};
use crate::dates;
use crate::ids::{AccountId, ConsentId};
use crate::pagination::{self, PageInfo, Pagination, keyset_list};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct BalanceFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<Currency>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    balance_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<AccountId>,
}

/// Body of `/ais/balances/list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct BalancesListRequest {
    consent_id: ConsentId,
    #[serde(skip_serializing_if = "is_empty")]
    filter: BalanceFilter,
    #[serde(skip_serializing_if = "Pagination::is_default")]
    pagination: Pagination,
}

fn is_empty(filter: &BalanceFilter) -> bool {
    *filter == BalanceFilter::default()
}

impl BalancesListRequest {
    /// The consent's balances, first page.
    pub fn new(consent_id: ConsentId) -> Self {
        BalancesListRequest {
            consent_id,
            filter: BalanceFilter::default(),
            pagination: Pagination::default(),
        }
    }

    /// Only balances in this currency.
    pub fn currency(mut self, currency: Currency) -> Self {
        self.filter.currency = Some(currency);
        self
    }

    /// Only balances of this type (see the provider's balance types).
    pub fn balance_type(mut self, balance_type: impl Into<String>) -> Self {
        self.filter.balance_type = Some(balance_type.into());
        self
    }

    /// Only this account's balances.
    pub fn account_id(mut self, account_id: impl Into<AccountId>) -> Self {
        self.filter.account_id = Some(account_id.into());
        self
    }
}

impl Body for BalancesListRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        self.pagination.validate()
    }
}

/// One balance of an account at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Balance {
    /// The account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// Balance type (provider-defined values).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub balance_type: Option<String>,
    /// Amount, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    /// Currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The date the balance refers to.
    #[serde(default, with = "dates::date", skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<NaiveDate>,
    /// This record's keyset value: send it as `pagination.after` to get the
    /// page after the one it ends (the docs: "Use the keyset value from the
    /// last record as the `after` parameter"). The wire name `keyset` is
    /// inferred from that sentence; the docs do not show the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyset: Option<String>,
}

impl pagination::KeysetRecord for Balance {
    fn keyset_value(&self) -> Option<&str> {
        self.keyset.as_deref()
    }
}

/// The `/ais/balances/list` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BalanceList {
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<ConsentId>,
    /// This page's balances.
    #[serde(default)]
    pub balances: Vec<Balance>,
    /// Paging (`"more?"`; the next cursor is the last balance's
    /// [`keyset`](Balance::keyset)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<PageInfo>,
}

keyset_list!(BalancesListRequest => BalanceList { balances: Balance });

const LIST: Endpoint = Endpoint::ais("ais/balances/list").read_only();

banking_core::resource_handle! {
    /// `/ais/balances/list` (v2). Get it with
    /// [`FinqLinkClient::balances`](crate::FinqLinkClient::balances).
    pub struct Balances for crate::client::FinqLinkClient, "FinqLink";
}

impl Balances<'_> {
    /// `POST /ais/balances/list`: one page of balances.
    pub async fn list(&self, req: &BalancesListRequest) -> banking_core::Result<BalanceList> {
        self.handle
            .client()
            .call(LIST, req, self.handle.options())
            .await
    }

    /// Every balance matching `req`, page after page, each page asked for
    /// with the last balance's keyset. Lazy; stops at the first error.
    pub fn stream(
        &self,
        req: BalancesListRequest,
    ) -> impl Stream<Item = banking_core::Result<Balance>> + Send + 'static {
        pagination::items(&self.handle, LIST, req)
    }
}
