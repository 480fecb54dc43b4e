//! Transactions of a user's accounts.
//!
//! Paths, the fourteen query parameters, fields and enums: research notes
//! 2(d), 2(e) and 2(g) (third-party code linking the official operation
//! `getTransactions`, and third-party samples). API v2.1 sends `amount` as a
//! signed JSON number (negative for debits), decoded exactly; dates are
//! epoch seconds, which Linxo computes in Europe/Paris time (third-party
//! comment).

use banking_core::money::wire::exact_number;
use banking_core::money::{Currency, Decimal, Money};
use banking_core::transport::{ArrayStyle, Request};
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::accounts::AccountType;
use crate::ids::{AccountId, CategoryId, TransactionId};
use crate::paging::{self, PagedQuery};

/// The largest `limit` of `GET /transactions` ("Max 500", third-party code
/// quoting the reference; research notes 2(d)).
pub const MAX_TRANSACTIONS_LIMIT: u32 = 500;

banking_core::wire_enum! {
    /// The kind of transaction.
    TransactionType {
        /// Credit.
        Credit = "CREDIT",
        /// Debit.
        Debit = "DEBIT",
        /// Interest.
        Interest = "INTEREST",
        /// Dividend.
        Dividend = "DIVIDEND",
        /// Bank fee.
        BankFee = "BANK_FEE",
        /// Deposit.
        Deposit = "DEPOSIT",
        /// Cash machine withdrawal.
        Atm = "ATM",
        /// Card payment at a point of sale.
        PointOfSale = "POINT_OF_SALE",
        /// Credit card payment.
        CreditCardPayment = "CREDIT_CARD_PAYMENT",
        /// Transfer between the user's accounts.
        InternalTransfer = "INTERNAL_TRANSFER",
        /// Possibly a transfer between the user's accounts.
        PotentialTransfer = "POTENTIAL_TRANSFER",
        /// Cheque.
        Check = "CHECK",
        /// Electronic payment.
        ElectronicPayment = "ELECTRONIC_PAYMENT",
        /// Cash.
        Cash = "CASH",
        /// Direct deposit.
        DirectDeposit = "DIRECT_DEPOSIT",
        /// Direct debit.
        DirectDebit = "DIRECT_DEBIT",
        /// Standing order.
        RepeatingPayment = "REPEATING_PAYMENT",
        /// Anything else.
        Other = "OTHER",
    }
}

banking_core::wire_enum! {
    /// Where a transaction comes from.
    TransactionOrigin {
        /// The original entry.
        Original = "ORIGINAL",
        /// Announced, not yet booked.
        Upcoming = "UPCOMING",
        /// A transaction read from the provider.
        Transaction = "TRANSACTION",
        /// Recurring.
        Recurring = "RECURRING",
        /// Scheduled.
        Scheduled = "SCHEDULED",
    }
}

banking_core::wire_enum! {
    /// The booking state of a transaction.
    TransactionStatus {
        /// Booked.
        Booked = "BOOKED",
        /// Pending.
        Pending = "PENDING",
        /// Other.
        Other = "OTHER",
        /// Expired.
        Expired = "EXPIRED",
        /// Rejected.
        Rejected = "REJECTED",
        /// Cancelled.
        Cancelled = "CANCELLED",
        /// Refunded.
        Refunded = "REFUNDED",
    }
}

/// Where the provider says a transaction came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransactionSource {
    /// The counterparty or merchant label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transaction {
    /// The transaction id.
    pub id: TransactionId,
    /// The account it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// The signed amount, exact: negative for debits.
    #[serde(with = "exact_number")]
    pub amount: Decimal,
    /// The currency of `amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The id of the transaction this one derives from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_trx_id: Option<String>,
    /// The cheque number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_number: Option<String>,
    /// The kind of transaction (`type` on the wire).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<TransactionType>,
    /// Where the transaction comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<TransactionOrigin>,
    /// Its category (`"SERVICES"`, `"UNCATEGORIZED"`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<CategoryId>,
    /// The transaction's date.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<DateTime<Utc>>,
    /// When Linxo imported it.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub import_date: Option<DateTime<Utc>>,
    /// The booking date.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub booking_date: Option<DateTime<Utc>>,
    /// The date the transaction was made.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub transaction_date: Option<DateTime<Utc>>,
    /// The value date.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub value_date: Option<DateTime<Utc>>,
    /// The display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The provider's full text; may hold line breaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The counterparty as the provider names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<TransactionSource>,
    /// The remittance information lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_information: Option<Vec<String>>,
    /// The booking state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TransactionStatus>,
}

impl Transaction {
    /// The amount with its currency, when the currency is present.
    pub fn money(&self) -> Option<Money> {
        Some(Money::new(self.amount, self.currency?))
    }
}

/// Filters and paging of `GET /transactions`. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct TransactionsQuery {
    account_id: Option<AccountId>,
    page: Option<u32>,
    limit: Option<u32>,
    origin: Option<TransactionOrigin>,
    included_statuses: Vec<TransactionStatus>,
    excluded_statuses: Vec<TransactionStatus>,
    min_amount: Option<Decimal>,
    max_amount: Option<Decimal>,
    amount: Option<Decimal>,
    account_type: Option<AccountType>,
    start_date: Option<DateTime<Utc>>,
    end_date: Option<DateTime<Utc>>,
    category_id: Option<CategoryId>,
    start_import_date: Option<DateTime<Utc>>,
}

impl TransactionsQuery {
    /// No filter: every transaction of the user, the server's first page.
    pub fn new() -> Self {
        TransactionsQuery::default()
    }

    /// Only this account's transactions (`account_id`).
    pub fn account_id(mut self, id: impl Into<AccountId>) -> Self {
        self.account_id = Some(id.into());
        self
    }

    /// The page to read, from 1 (`page`).
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Transactions per page, 1 to [`MAX_TRANSACTIONS_LIMIT`] (`limit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only transactions of this origin (`origin`).
    pub fn origin(mut self, origin: TransactionOrigin) -> Self {
        self.origin = Some(origin);
        self
    }

    /// Only transactions in these states (`included_statuses`, a comma
    /// list).
    pub fn included_statuses(
        mut self,
        statuses: impl IntoIterator<Item = TransactionStatus>,
    ) -> Self {
        self.included_statuses = statuses.into_iter().collect();
        self
    }

    /// No transaction in these states (`excluded_statuses`, a comma list).
    pub fn excluded_statuses(
        mut self,
        statuses: impl IntoIterator<Item = TransactionStatus>,
    ) -> Self {
        self.excluded_statuses = statuses.into_iter().collect();
        self
    }

    /// Only amounts of at least this signed value (`min_amount`).
    pub fn min_amount(mut self, amount: Decimal) -> Self {
        self.min_amount = Some(amount);
        self
    }

    /// Only amounts of at most this signed value (`max_amount`).
    pub fn max_amount(mut self, amount: Decimal) -> Self {
        self.max_amount = Some(amount);
        self
    }

    /// Only this exact signed amount (`amount`).
    pub fn amount(mut self, amount: Decimal) -> Self {
        self.amount = Some(amount);
        self
    }

    /// Only transactions of this kind of account (`account_type`).
    pub fn account_type(mut self, account_type: AccountType) -> Self {
        self.account_type = Some(account_type);
        self
    }

    /// Only transactions dated at or after this instant (`start_date`, sent
    /// as epoch seconds).
    pub fn start_date(mut self, date: DateTime<Utc>) -> Self {
        self.start_date = Some(date);
        self
    }

    /// Only transactions dated at or before this instant (`end_date`, sent
    /// as epoch seconds).
    pub fn end_date(mut self, date: DateTime<Utc>) -> Self {
        self.end_date = Some(date);
        self
    }

    /// Only transactions of this category (`category_id`).
    pub fn category_id(mut self, id: impl Into<CategoryId>) -> Self {
        self.category_id = Some(id.into());
        self
    }

    /// Only transactions imported at or after this instant
    /// (`start_import_date`, epoch seconds): the way to fetch what a sync
    /// brought.
    pub fn start_import_date(mut self, date: DateTime<Utc>) -> Self {
        self.start_import_date = Some(date);
        self
    }
}

impl PagedQuery for TransactionsQuery {
    fn validate(&self) -> banking_core::Result<()> {
        paging::check(self.page, self.limit, Some(MAX_TRANSACTIONS_LIMIT))?;
        if let (Some(min), Some(max)) = (self.min_amount, self.max_amount)
            && min > max
        {
            return Err(banking_core::Error::validation(
                "min_amount",
                format!("{min} is above max_amount {max}"),
            ));
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && start > end
        {
            return Err(banking_core::Error::validation(
                "start_date",
                "is after end_date",
            ));
        }
        if let Some(both) = self
            .included_statuses
            .iter()
            .find(|s| self.excluded_statuses.contains(s))
        {
            return Err(banking_core::Error::validation(
                "excluded_statuses",
                format!("{both} is also in included_statuses"),
            ));
        }
        Ok(())
    }

    fn paging(&self) -> (Option<u32>, Option<u32>) {
        (self.page, self.limit)
    }

    fn request(&self, page: Option<u32>, limit: Option<u32>) -> Request {
        let mut request = Request::get("/transactions")
            .query_opt("account_id", self.account_id.as_ref())
            .query_opt("page", page)
            .query_opt("limit", limit)
            .query_opt("origin", self.origin.as_ref());
        if !self.included_statuses.is_empty() {
            request = request.query_array(
                "included_statuses",
                &self.included_statuses,
                ArrayStyle::Comma,
            );
        }
        if !self.excluded_statuses.is_empty() {
            request = request.query_array(
                "excluded_statuses",
                &self.excluded_statuses,
                ArrayStyle::Comma,
            );
        }
        request
            .query_opt("min_amount", self.min_amount)
            .query_opt("max_amount", self.max_amount)
            .query_opt("amount", self.amount)
            .query_opt("account_type", self.account_type.as_ref())
            .query_opt("start_date", self.start_date.map(|d| d.timestamp()))
            .query_opt("end_date", self.end_date.map(|d| d.timestamp()))
            .query_opt("category_id", self.category_id.as_ref())
            .query_opt(
                "start_import_date",
                self.start_import_date.map(|d| d.timestamp()),
            )
    }
}

banking_core::resource_handle! {
    /// `client.transactions()`: list, stream, get.
    pub struct Transactions for crate::client::LinxoClient, "Linxo";
}

impl Transactions<'_> {
    /// `GET /transactions` (`getTransactions`): one page.
    pub async fn list(&self, query: &TransactionsQuery) -> banking_core::Result<Vec<Transaction>> {
        paging::list(&self.handle, query).await
    }

    /// Every transaction matching `query`, from its `page` (default 1) on,
    /// `limit` per page (default
    /// [`DEFAULT_STREAM_LIMIT`](crate::DEFAULT_STREAM_LIMIT)), fetched
    /// lazily.
    pub fn stream(
        &self,
        query: TransactionsQuery,
    ) -> impl Stream<Item = banking_core::Result<Transaction>> + Send + 'static {
        paging::stream(&self.handle, query)
    }

    /// `GET /transactions/{transaction_id}` (`getTransaction`).
    pub async fn get(&self, transaction_id: &TransactionId) -> banking_core::Result<Transaction> {
        let request =
            Request::get("/transactions/{transaction_id}").param("transaction_id", transaction_id);
        self.handle.send_json(request).await
    }
}
