//! Accounts of a consent: `/ais/accounts/list` (v2).
//!
//! The docs give the operation ("list accounts with balance information")
//! and its filters (currency, account type); the request and account field
//! names below follow the other data endpoints (`consent_id`, `filter`) and
//! are otherwise inferred.

use banking_core::money::Currency;
use serde::{Deserialize, Serialize};

use crate::balances::Balance;
use crate::client::{ApiVersion, Body, Endpoint};
use crate::ids::{AccountId, ConsentId};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct AccountFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<Currency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_type: Option<String>,
}

/// Body of `/ais/accounts/list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AccountsListRequest {
    consent_id: ConsentId,
    #[serde(skip_serializing_if = "is_empty")]
    filter: AccountFilter,
}

fn is_empty(filter: &AccountFilter) -> bool {
    *filter == AccountFilter::default()
}

impl AccountsListRequest {
    /// The accounts the consent covers.
    pub fn new(consent_id: ConsentId) -> Self {
        AccountsListRequest {
            consent_id,
            filter: AccountFilter::default(),
        }
    }

    /// Only accounts in this currency.
    pub fn currency(mut self, currency: Currency) -> Self {
        self.filter.currency = Some(currency);
        self
    }

    /// Only accounts of this type (values not documented).
    pub fn account_type(mut self, account_type: impl Into<String>) -> Self {
        self.filter.account_type = Some(account_type.into());
        self
    }
}

impl Body for AccountsListRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        // Account type values are not documented: the server decides.
        Ok(())
    }
}

/// A bank account under a consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Account {
    /// The account id used by the balance and transaction filters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<AccountId>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// Account currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The bank's name for the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Account type (values not documented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    /// Current balances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub balances: Vec<Balance>,
}

/// The `/ais/accounts/list` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountList {
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<ConsentId>,
    /// The accounts.
    #[serde(default)]
    pub accounts: Vec<Account>,
}

const LIST: Endpoint = Endpoint::ais("ais/accounts/list").read_only();

banking_core::resource_handle! {
    /// `/ais/accounts/list` (v2). Get it with
    /// [`FinqLinkClient::accounts`](crate::FinqLinkClient::accounts).
    pub struct Accounts for crate::client::FinqLinkClient, "FinqLink";
}

impl Accounts<'_> {
    /// `POST /ais/accounts/list`: the consent's accounts with balances.
    pub async fn list(&self, req: &AccountsListRequest) -> banking_core::Result<AccountList> {
        self.handle
            .client()
            .call(LIST, req, self.handle.options())
            .await
    }
}
