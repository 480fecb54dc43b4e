//! Accounts: a user's payment, savings, loan and card accounts.
//!
//! Paths, query parameters, fields and enums: research notes 2(d), 2(e) and
//! 2(g) (third-party code linking the official operation `getAccounts`, and
//! third-party samples). API v2.1 sends `balance` as a JSON number, decoded
//! exactly.

use banking_core::money::wire::exact_number;
use banking_core::money::{Currency, Decimal, Money};
use banking_core::transport::Request;
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::connections::Owner;
use crate::ids::{AccountId, ChannelDefinitionId, ConnectionId};
use crate::paging::{self, PagedQuery};

banking_core::wire_enum! {
    /// The kind of account.
    AccountType {
        /// Current (checking) account.
        Checkings = "CHECKINGS",
        /// Savings account.
        Savings = "SAVINGS",
        /// Loan.
        Loan = "LOAN",
        /// Card account.
        CreditCard = "CREDIT_CARD",
    }
}

banking_core::wire_enum! {
    /// The state of an account (meanings from third-party translations of
    /// the official `Account-statuses` section, research notes 2(g)).
    AccountStatus {
        /// Created by hand, not synchronised.
        Manual = "MANUAL",
        /// Active.
        Active = "ACTIVE",
        /// The last import failed.
        Error = "ERROR",
        /// The provider no longer shows the account.
        NotFound = "NOT_FOUND",
        /// Closed.
        Closed = "CLOSED",
        /// Pending verification by Linxo.
        Suspended = "SUSPENDED",
        /// Waiting for the user's PSD2 consent.
        PendingConsent = "PENDING_CONSENT",
    }
}

banking_core::wire_enum! {
    /// Personal or professional use (`usage` and `classification`).
    AccountUsage {
        /// Personal.
        Personal = "PERSONAL",
        /// Professional.
        Professional = "PROFESSIONAL",
    }
}

impl AccountUsage {
    /// Whether the account is personal; older builds spelled it
    /// `PERSONNAL` (research notes 2(g): sources conflict), accepted here.
    pub fn is_personal(&self) -> bool {
        match self {
            AccountUsage::Personal => true,
            AccountUsage::Unknown(s) => s == "PERSONNAL",
            _ => false,
        }
    }
}

/// An account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Account {
    /// The account id.
    pub id: AccountId,
    /// The connection it was retrieved through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<ConnectionId>,
    /// The provider's name for the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The provider's account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// The IBAN, for accounts that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The balance, exact (a JSON number in API v2.1).
    #[serde(
        default,
        with = "exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub balance: Option<Decimal>,
    /// The currency of `balance`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// When the balance was read (epoch seconds on the wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub balance_date: Option<DateTime<Utc>>,
    /// The kind of account (`type` on the wire).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// The account's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    /// Personal or professional, as classified by Linxo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<AccountUsage>,
    /// When Linxo first saw the account (epoch seconds on the wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<DateTime<Utc>>,
    /// Loan details. Their fields are not published, so they are kept as
    /// raw JSON, numbers exactly as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan: Option<Box<RawValue>>,
    /// Savings details, kept as raw JSON (fields not published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub savings: Option<Box<RawValue>>,
    /// Card details, kept as raw JSON (fields not published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_card: Option<Box<RawValue>>,
    /// The holder as the provider names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// Personal or professional use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<AccountUsage>,
    /// The account's group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The channel the account was last retrieved through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_channel_definition_id: Option<ChannelDefinitionId>,
}

impl Account {
    /// The balance with its currency, when both are present.
    pub fn balance_money(&self) -> Option<Money> {
        Some(Money::new(self.balance?, self.currency?))
    }
}

/// Filters and paging of `GET /accounts`. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct AccountsQuery {
    connection_id: Option<ConnectionId>,
    page: Option<u32>,
    limit: Option<u32>,
    account_type: Option<AccountType>,
    q: Option<String>,
    status: Option<AccountStatus>,
    usage: Option<AccountUsage>,
    sort: Option<String>,
}

impl AccountsQuery {
    /// No filter: every account, the server's first page.
    pub fn new() -> Self {
        AccountsQuery::default()
    }

    /// Only the accounts of this connection (`connection_id`).
    pub fn connection_id(mut self, id: impl Into<ConnectionId>) -> Self {
        self.connection_id = Some(id.into());
        self
    }

    /// The page to read, from 1 (`page`).
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Accounts per page (`limit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only this kind of account (`type`).
    pub fn account_type(mut self, account_type: AccountType) -> Self {
        self.account_type = Some(account_type);
        self
    }

    /// A free-text search (`q`).
    pub fn q(mut self, q: impl Into<String>) -> Self {
        self.q = Some(q.into());
        self
    }

    /// Only accounts in this state (`status`).
    pub fn status(mut self, status: AccountStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only personal or professional accounts (`usage`).
    pub fn usage(mut self, usage: AccountUsage) -> Self {
        self.usage = Some(usage);
        self
    }

    /// The sort expression, passed as is (`sort`; syntax not published).
    pub fn sort(mut self, sort: impl Into<String>) -> Self {
        self.sort = Some(sort.into());
        self
    }
}

impl PagedQuery for AccountsQuery {
    fn validate(&self) -> banking_core::Result<()> {
        paging::check(self.page, self.limit, None)?;
        if self.q.as_deref().is_some_and(|q| q.trim().is_empty()) {
            return Err(banking_core::Error::validation(
                "q",
                "must not be blank; leave it unset to search nothing",
            ));
        }
        Ok(())
    }

    fn paging(&self) -> (Option<u32>, Option<u32>) {
        (self.page, self.limit)
    }

    fn request(&self, page: Option<u32>, limit: Option<u32>) -> Request {
        Request::get("/accounts")
            .query_opt("connection_id", self.connection_id.as_ref())
            .query_opt("page", page)
            .query_opt("limit", limit)
            .query_opt("type", self.account_type.as_ref())
            .query_opt("q", self.q.as_deref())
            .query_opt("status", self.status.as_ref())
            .query_opt("usage", self.usage.as_ref())
            .query_opt("sort", self.sort.as_deref())
    }
}

banking_core::resource_handle! {
    /// `client.accounts()`: list, stream, get.
    pub struct Accounts for crate::client::LinxoClient, "Linxo";
}

impl Accounts<'_> {
    /// `GET /accounts` (`getAccounts`): one page.
    pub async fn list(&self, query: &AccountsQuery) -> banking_core::Result<Vec<Account>> {
        paging::list(&self.handle, query).await
    }

    /// Every account matching `query`, from its `page` (default 1) on,
    /// `limit` per page (default
    /// [`DEFAULT_STREAM_LIMIT`](crate::DEFAULT_STREAM_LIMIT)), fetched
    /// lazily.
    pub fn stream(
        &self,
        query: AccountsQuery,
    ) -> impl Stream<Item = banking_core::Result<Account>> + Send + 'static {
        paging::stream(&self.handle, query)
    }

    /// `GET /accounts/{account_id}` (`getAccount`).
    pub async fn get(&self, account_id: &AccountId) -> banking_core::Result<Account> {
        self.handle
            .send_json(Request::get("/accounts/{account_id}").param("account_id", account_id))
            .await
    }
}
