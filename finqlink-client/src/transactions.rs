//! Transactions of a consent: `/ais/transactions/list` (v2, keyset paging,
//! sorted by `booking_date_time`, newest first).
//!
//! The docs give the filters (amount range, date range, credit/debit,
//! status) and keyset paging; the research notes (a published copy of the
//! reference) add `consent_id`, `filter` with currency, account id and
//! `updated_from`/`updated_to`, the sort order, and the response's `name`, `client_id`,
//! `request_id`, `consent_id`, `transactions` and `pagination`. The other
//! filter and transaction field names, and the indicator and status values,
//! are inferred. Answers `consent_not_active` for an expired, revoked,
//! failed or suspended consent.

use banking_core::money::Currency;
use chrono::{DateTime, NaiveDate, Utc};
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::client::{ApiVersion, Body, Endpoint};
use crate::dates;
use crate::ids::{AccountId, ConsentId, TransactionId};
use crate::pagination::{self, PageInfo, Pagination, keyset_list};
use crate::validate;

banking_core::wire_enum! {
    /// Money in or out (inferred values).
    CreditDebitIndicator {
        /// Money in.
        Credit = "credit",
        /// Money out.
        Debit = "debit",
    }
}

banking_core::wire_enum! {
    /// Whether a transaction is booked (inferred values).
    TransactionStatus {
        /// Booked on the account.
        Booked = "booked",
        /// Not booked yet.
        Pending = "pending",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct TransactionFilter {
    #[serde(
        with = "banking_core::money::wire::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    amount_min: Option<Decimal>,
    #[serde(
        with = "banking_core::money::wire::decimal_string::option",
        skip_serializing_if = "Option::is_none"
    )]
    amount_max: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<Currency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    booking_date_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    booking_date_to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<AccountId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_debit_indicator: Option<CreditDebitIndicator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<TransactionStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_from: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_to: Option<DateTime<Utc>>,
}

/// Body of `/ais/transactions/list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct TransactionsListRequest {
    consent_id: ConsentId,
    #[serde(skip_serializing_if = "is_empty")]
    filter: TransactionFilter,
    #[serde(skip_serializing_if = "Pagination::is_default")]
    pagination: Pagination,
}

fn is_empty(filter: &TransactionFilter) -> bool {
    *filter == TransactionFilter::default()
}

impl TransactionsListRequest {
    /// The consent's transactions, first page.
    pub fn new(consent_id: ConsentId) -> Self {
        TransactionsListRequest {
            consent_id,
            filter: TransactionFilter::default(),
            pagination: Pagination::default(),
        }
    }

    /// Only amounts of at least `min`.
    pub fn amount_min(mut self, min: Decimal) -> Self {
        self.filter.amount_min = Some(min);
        self
    }

    /// Only amounts of at most `max`.
    pub fn amount_max(mut self, max: Decimal) -> Self {
        self.filter.amount_max = Some(max);
        self
    }

    /// Only this currency.
    pub fn currency(mut self, currency: Currency) -> Self {
        self.filter.currency = Some(currency);
        self
    }

    /// Only bookings on or after this date.
    pub fn booking_date_from(mut self, from: NaiveDate) -> Self {
        self.filter.booking_date_from = Some(from);
        self
    }

    /// Only bookings on or before this date.
    pub fn booking_date_to(mut self, to: NaiveDate) -> Self {
        self.filter.booking_date_to = Some(to);
        self
    }

    /// Only this account.
    pub fn account_id(mut self, account_id: impl Into<AccountId>) -> Self {
        self.filter.account_id = Some(account_id.into());
        self
    }

    /// Only money in or only money out.
    pub fn credit_debit_indicator(mut self, indicator: CreditDebitIndicator) -> Self {
        self.filter.credit_debit_indicator = Some(indicator);
        self
    }

    /// Only booked or only pending transactions.
    pub fn status(mut self, status: TransactionStatus) -> Self {
        self.filter.status = Some(status);
        self
    }

    /// Only transactions changed at or after this time (to sync changes).
    pub fn updated_from(mut self, from: DateTime<Utc>) -> Self {
        self.filter.updated_from = Some(from);
        self
    }

    /// Only transactions changed at or before this time.
    pub fn updated_to(mut self, to: DateTime<Utc>) -> Self {
        self.filter.updated_to = Some(to);
        self
    }
}

impl Body for TransactionsListRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        // No documented rule limits the bounds (amounts may be signed); a
        // reversed range is refused because it can match nothing.
        let f = &self.filter;
        validate::range(
            "filter.amount_min",
            f.amount_min.as_ref(),
            f.amount_max.as_ref(),
        )?;
        validate::range(
            "filter.booking_date_from",
            f.booking_date_from.as_ref(),
            f.booking_date_to.as_ref(),
        )?;
        validate::range(
            "filter.updated_from",
            f.updated_from.as_ref(),
            f.updated_to.as_ref(),
        )?;
        self.pagination.validate()
    }
}

/// One account transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transaction {
    /// Transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<TransactionId>,
    /// The account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
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
    /// Money in or out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_debit_indicator: Option<CreditDebitIndicator>,
    /// Booked or pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TransactionStatus>,
    /// Booking time (the list's sort key).
    #[serde(
        default,
        with = "dates::datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub booking_date_time: Option<DateTime<Utc>>,
    /// Value date.
    #[serde(default, with = "dates::date", skip_serializing_if = "Option::is_none")]
    pub value_date: Option<NaiveDate>,
    /// Remittance information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_information: Option<String>,
    /// The other party's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_name: Option<String>,
    /// The other party's IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_iban: Option<String>,
    /// Last change (what `updated_from`/`updated_to` filter on).
    #[serde(
        default,
        with = "dates::datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// This record's keyset value: send it as `pagination.after` to get the
    /// page after the one it ends (the docs: "Use the keyset value from the
    /// last record as the `after` parameter"). The wire name `keyset` is
    /// inferred from that sentence; the docs do not show the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyset: Option<String>,
}

impl pagination::KeysetRecord for Transaction {
    fn keyset_value(&self) -> Option<&str> {
        self.keyset.as_deref()
    }
}

/// The `/ais/transactions/list` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransactionList {
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The API client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The API client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<ConsentId>,
    /// This page's transactions.
    #[serde(default)]
    pub transactions: Vec<Transaction>,
    /// Paging (`"more?"`; the next cursor is the last transaction's
    /// [`keyset`](Transaction::keyset)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<PageInfo>,
}

keyset_list!(TransactionsListRequest => TransactionList { transactions: Transaction });

const LIST: Endpoint = Endpoint::ais("ais/transactions/list").read_only();

banking_core::resource_handle! {
    /// `/ais/transactions/list` (v2). Get it with
    /// [`FinqLinkClient::transactions`](crate::FinqLinkClient::transactions).
    pub struct Transactions for crate::client::FinqLinkClient, "FinqLink";
}

impl Transactions<'_> {
    /// `POST /ais/transactions/list`: one page of transactions.
    pub async fn list(
        &self,
        req: &TransactionsListRequest,
    ) -> banking_core::Result<TransactionList> {
        self.handle
            .client()
            .call(LIST, req, self.handle.options())
            .await
    }

    /// Every transaction matching `req`, page after page, each page asked
    /// for with the last transaction's keyset. Lazy; stops at the first
    /// error.
    pub fn stream(
        &self,
        req: TransactionsListRequest,
    ) -> impl Stream<Item = banking_core::Result<Transaction>> + Send + 'static {
        pagination::items(&self.handle, LIST, req)
    }
}
