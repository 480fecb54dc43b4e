//! FDX transactions: `GET /api/fdx/5/accounts/{accountId}/transactions`
//! with `startTime`, `endTime`, `limit` and `offset`, paged.

use banking_core::Result;
use banking_core::transport::Request;
use chrono::{DateTime, NaiveDate, Utc};
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::accounts::AccountId;
use super::fdx_list;
use crate::outbound::connection::FdxConnection;

banking_core::string_id! {
    /// An FDX transaction id (`transactionId`).
    TransactionId
}

banking_core::wire_enum! {
    /// The FDX transaction kind: the key that wraps each transaction.
    ///
    /// The docs show `locTransaction`; the other keys come from the FDX
    /// standard (research notes).
    TransactionKind {
        /// `depositTransaction`.
        Deposit = "depositTransaction",
        /// `locTransaction`.
        LineOfCredit = "locTransaction",
        /// `loanTransaction`.
        Loan = "loanTransaction",
        /// `investmentTransaction`.
        Investment = "investmentTransaction",
    }
}

banking_core::wire_enum! {
    /// Direction of a transaction (`debitCreditMemo`).
    DebitCreditMemo {
        /// Money out.
        Debit = "DEBIT",
        /// Money in.
        Credit = "CREDIT",
        /// Informational entry without money movement.
        Memo = "MEMO",
    }
}

banking_core::wire_enum! {
    /// Transaction `status`.
    TransactionStatus {
        /// Not yet posted.
        Pending = "PENDING",
        /// Posted to the account.
        Posted = "POSTED",
        /// Card authorization.
        Authorization = "AUTHORIZATION",
        /// Memo entry.
        Memo = "MEMO",
    }
}

banking_core::wire_enum! {
    /// FDX `transactionType` (an open list; the common values are named).
    TransactionType {
        /// Deposit.
        Deposit = "DEPOSIT",
        /// Withdrawal.
        Withdrawal = "WITHDRAWAL",
        /// Cheque.
        Check = "CHECK",
        /// Fee.
        Fee = "FEE",
        /// Interest.
        Interest = "INTEREST",
        /// Transfer.
        Transfer = "TRANSFER",
        /// Card purchase.
        Purchase = "PURCHASE",
        /// Payment.
        Payment = "PAYMENT",
        /// Adjustment.
        Adjustment = "ADJUSTMENT",
    }
}

/// One FDX transaction: its kind (the wrapping key) and its fields.
///
/// Serialized back as `{"<kind>": {...}}`, the shape it was read from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FdxTransaction {
    /// Which FDX transaction object this is.
    pub kind: TransactionKind,
    /// The transaction's fields.
    pub transaction: Transaction,
}

impl<'de> Deserialize<'de> for FdxTransaction {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (kind, transaction) =
            super::deserialize_wrapped(deserializer, "an FDX transaction object")?;
        Ok(Self {
            kind: TransactionKind::from(kind.as_str()),
            transaction,
        })
    }
}

impl Serialize for FdxTransaction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_wrapped(serializer, self.kind.as_str(), &self.transaction)
    }
}

/// The fields of an FDX transaction of any kind. `amount` is exact and
/// unsigned; `debit_credit_memo` gives the direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transaction {
    /// Account the transaction belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// Transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<TransactionId>,
    /// When it was posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted_timestamp: Option<DateTime<Utc>>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_timestamp: Option<DateTime<Utc>>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Memo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    /// Debit, credit or memo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debit_credit_memo: Option<DebitCreditMemo>,
    /// Amount, exact (`1.1` stays `1.1`).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TransactionStatus>,
    /// Type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<TransactionType>,
    /// Payee name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<String>,
    /// Category assigned by the Data Provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// Query of `GET /api/fdx/5/accounts/{accountId}/transactions`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct TransactionsRequest {
    /// The account to read.
    pub account_id: AccountId,
    /// `startTime`: first day included.
    pub start_time: Option<NaiveDate>,
    /// `endTime`: last day included.
    pub end_time: Option<NaiveDate>,
    /// Page size.
    pub limit: Option<u32>,
    /// Opaque offset of the page to read.
    pub offset: Option<String>,
}

impl TransactionsRequest {
    /// Transactions of `account_id`, any date, server-chosen page size.
    pub fn new(account_id: impl Into<AccountId>) -> Self {
        Self {
            account_id: account_id.into(),
            start_time: None,
            end_time: None,
            limit: None,
            offset: None,
        }
    }

    /// Sets `startTime` and `endTime`.
    pub fn between(mut self, start: NaiveDate, end: NaiveDate) -> Self {
        self.start_time = Some(start);
        self.end_time = Some(end);
        self
    }

    /// Sets `startTime`.
    pub fn start_time(mut self, start: NaiveDate) -> Self {
        self.start_time = Some(start);
        self
    }

    /// Sets `endTime`.
    pub fn end_time(mut self, end: NaiveDate) -> Self {
        self.end_time = Some(end);
        self
    }

    fn filters(&self) -> Result<Request> {
        super::validate_dates(self.start_time, self.end_time)?;
        Ok(Request::get("api/fdx/5/accounts/{accountId}/transactions")
            .param("accountId", &self.account_id)
            .query_opt("startTime", self.start_time)
            .query_opt("endTime", self.end_time))
    }
}

fdx_list! {
    TransactionsRequest =>
    /// One page of transactions.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct TransactionsPage {
        /// The transactions on this page.
        pub transactions: Vec<FdxTransaction>,
    }
}

banking_core::resource_handle! {
    /// FDX transactions of one connection.
    pub struct TransactionsApi for FdxConnection, "Flinks";
}

impl TransactionsApi<'_> {
    /// `GET /api/fdx/5/accounts/{accountId}/transactions`: one page.
    pub async fn list(&self, request: &TransactionsRequest) -> Result<TransactionsPage> {
        super::list(&self.handle, request).await
    }

    /// Every transaction matching `request`, page after page (lazily,
    /// following `nextOffset`; stops on the first error).
    pub fn stream(
        &self,
        request: TransactionsRequest,
    ) -> impl Stream<Item = Result<FdxTransaction>> + 'static {
        super::stream(&self.handle, request)
    }
}
