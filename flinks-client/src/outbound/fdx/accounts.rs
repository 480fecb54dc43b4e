//! FDX accounts: `GET /api/fdx/5/accounts` (both result types, paged) and
//! `GET /api/fdx/5/accounts/{accountId}`.

use banking_core::Result;
use banking_core::money::Currency;
use banking_core::transport::Request;
use chrono::{DateTime, NaiveDate, Utc};
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::fdx_list;
use super::transactions::Transaction;
use crate::outbound::connection::FdxConnection;

banking_core::string_id! {
    /// An FDX account id (`accountId`), opaque and provider-assigned.
    AccountId
}

banking_core::wire_enum! {
    /// How much of each account `GET /accounts` returns (`resultType`).
    ResultType {
        /// The default: id, category, type, number display, product name,
        /// nickname, status, description and currency only.
        Lightweight = "lightweight",
        /// Every field the Data Provider holds, balances included.
        Details = "details",
    }
}

banking_core::wire_enum! {
    /// The FDX account kind: the key that wraps each account object.
    ///
    /// The docs show `depositAccount` and `locAccount`; `loanAccount` and
    /// `investmentAccount` come from the FDX standard (research notes).
    AccountKind {
        /// `depositAccount`: chequing, savings, CD, money market.
        Deposit = "depositAccount",
        /// `locAccount`: credit cards and lines of credit.
        LineOfCredit = "locAccount",
        /// `loanAccount`: mortgages, auto and personal loans.
        Loan = "loanAccount",
        /// `investmentAccount`: brokerage and registered plans.
        Investment = "investmentAccount",
    }
}

banking_core::wire_enum! {
    /// FDX `accountCategory`.
    AccountCategory {
        /// Deposit account.
        Deposit = "DEPOSIT_ACCOUNT",
        /// Line of credit or credit card.
        LineOfCredit = "LOC_ACCOUNT",
        /// Loan.
        Loan = "LOAN_ACCOUNT",
        /// Investment account.
        Investment = "INVESTMENT_ACCOUNT",
        /// Annuity.
        Annuity = "ANNUITY_ACCOUNT",
        /// Insurance.
        Insurance = "INSURANCE_ACCOUNT",
        /// Commercial account.
        Commercial = "COMMERCIAL_ACCOUNT",
    }
}

banking_core::wire_enum! {
    /// FDX `accountType` (an open list; the common values are named).
    AccountType {
        /// Chequing account.
        Checking = "CHECKING",
        /// Savings account.
        Savings = "SAVINGS",
        /// Certificate of deposit / GIC.
        Cd = "CD",
        /// Money market account.
        MoneyMarket = "MONEYMARKET",
        /// Credit card.
        CreditCard = "CREDITCARD",
        /// Line of credit.
        LineOfCredit = "LINEOFCREDIT",
        /// Home equity line of credit.
        HomeLineOfCredit = "HOMELINEOFCREDIT",
        /// Mortgage.
        Mortgage = "MORTGAGE",
        /// Auto loan.
        AutoLoan = "AUTOLOAN",
        /// Student loan.
        StudentLoan = "STUDENTLOAN",
        /// Personal loan.
        PersonalLoan = "PERSONALLOAN",
        /// Other loan.
        Loan = "LOAN",
        /// Brokerage account.
        Brokerage = "BROKERAGEPRODUCT",
        /// Tax-free savings account (Canada).
        Tfsa = "TFSA",
        /// Registered retirement savings plan (Canada).
        Rrsp = "RRSP",
    }
}

banking_core::wire_enum! {
    /// FDX account `status`.
    AccountStatus {
        /// Open.
        Open = "OPEN",
        /// Closed.
        Closed = "CLOSED",
        /// Being opened.
        PendingOpen = "PENDINGOPEN",
        /// Being closed.
        PendingClose = "PENDINGCLOSE",
        /// Payments are late.
        Delinquent = "DELINQUENT",
        /// Paid off.
        Paid = "PAID",
        /// Negative current balance.
        NegativeCurrentBalance = "NEGATIVECURRENTBALANCE",
    }
}

banking_core::wire_enum! {
    /// Whether balances are owned (`ASSET`) or owed (`LIABILITY`).
    BalanceType {
        /// Money the customer owns.
        Asset = "ASSET",
        /// Money the customer owes.
        Liability = "LIABILITY",
    }
}

banking_core::wire_enum! {
    /// FDX `interestRateType`.
    InterestRateType {
        /// Fixed rate.
        Fixed = "FIXED",
        /// Variable rate.
        Variable = "VARIABLE",
    }
}

/// FDX currency block of an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountCurrency {
    /// ISO 4217 code of the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<Currency>,
    /// Conversion rate from the original currency, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub currency_rate: Option<Decimal>,
    /// ISO 4217 code of the original currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_currency_code: Option<Currency>,
}

/// One FDX account: its kind (the wrapping key) and its fields.
///
/// Serialized back as `{"<kind>": {...}}`, the shape it was read from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FdxAccount {
    /// Which FDX account object this is.
    pub kind: AccountKind,
    /// The account's fields.
    pub account: Account,
}

impl<'de> Deserialize<'de> for FdxAccount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (kind, account) = super::deserialize_wrapped(deserializer, "an FDX account object")?;
        Ok(Self {
            kind: AccountKind::from(kind.as_str()),
            account,
        })
    }
}

impl Serialize for FdxAccount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_wrapped(serializer, self.kind.as_str(), &self.account)
    }
}

/// The fields of an FDX account of any kind.
///
/// The lightweight result type carries only the descriptor fields (id to
/// currency); the details result type adds the balances of the account's
/// kind. Amounts are exact decimals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Account {
    /// Account id, used in the account's other endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_category: Option<AccountCategory>,
    /// Type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// Full account number, where the Data Provider shares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// Account number for display (often masked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number_display: Option<String>,
    /// Product name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// Nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<AccountCurrency>,
    /// Routing / transit number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_transit_number: Option<String>,
    /// Asset or liability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_type: Option<BalanceType>,
    /// When the balances were taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_as_of: Option<DateTime<Utc>>,
    /// Interest rate in percent, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub interest_rate: Option<Decimal>,
    /// Fixed or variable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_rate_type: Option<InterestRateType>,
    /// Whether money can be moved into the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_in: Option<bool>,
    /// Whether money can be moved out of the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_out: Option<bool>,
    /// Date of the last activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_date: Option<NaiveDate>,
    /// Whether `transactions` is filled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transactions_included: Option<bool>,
    /// Current (ledger) balance (deposit, line of credit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub current_balance: Option<Decimal>,
    /// Available balance (deposit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub available_balance: Option<Decimal>,
    /// Annual percentage yield in percent (deposit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub annual_percentage_yield: Option<Decimal>,
    /// Interest earned year to date (deposit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub interest_ytd: Option<Decimal>,
    /// Credit limit (line of credit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_line: Option<Decimal>,
    /// Credit still available (line of credit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub available_credit: Option<Decimal>,
    /// Minimum payment due (line of credit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub minimum_payment_amount: Option<Decimal>,
    /// Outstanding principal (loan, line of credit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub principal_balance: Option<Decimal>,
    /// Principal at origination (loan).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub original_principal: Option<Decimal>,
    /// Term in months (loan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan_term: Option<u32>,
    /// Next payment amount (loan, line of credit).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_payment_amount: Option<Decimal>,
    /// Next payment date (loan, line of credit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_payment_date: Option<NaiveDate>,
    /// Maturity date (loan, CD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_date: Option<NaiveDate>,
    /// Market value of the holdings (investment).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub current_value: Option<Decimal>,
    /// Cash available to trade or withdraw (investment).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub available_cash_balance: Option<Decimal>,
    /// Transactions embedded in a details result (when
    /// `transactionsIncluded`); plain FDX transaction objects, not wrapped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transactions: Vec<Transaction>,
}

/// Query of `GET /api/fdx/5/accounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct AccountsRequest {
    /// `resultType`; the server defaults to lightweight.
    pub result_type: Option<ResultType>,
    /// Page size.
    pub limit: Option<u32>,
    /// Opaque offset of the page to read (`page.nextOffset` of the previous one).
    pub offset: Option<String>,
}

impl AccountsRequest {
    /// All accounts, lightweight, server-chosen page size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `resultType`.
    pub fn result_type(mut self, result_type: ResultType) -> Self {
        self.result_type = Some(result_type);
        self
    }

    fn filters(&self) -> Result<Request> {
        Ok(Request::get("api/fdx/5/accounts").query_opt("resultType", self.result_type.as_ref()))
    }
}

fdx_list! {
    AccountsRequest =>
    /// One page of `GET /api/fdx/5/accounts`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct AccountsPage {
        /// The accounts on this page.
        pub accounts: Vec<FdxAccount>,
    }
}

banking_core::resource_handle! {
    /// FDX accounts of one connection.
    pub struct AccountsApi for FdxConnection, "Flinks";
}

impl AccountsApi<'_> {
    /// `GET /api/fdx/5/accounts`: one page.
    pub async fn list(&self, request: &AccountsRequest) -> Result<AccountsPage> {
        super::list(&self.handle, request).await
    }

    /// Every account, page after page (lazily, following `nextOffset`).
    pub fn stream(
        &self,
        request: AccountsRequest,
    ) -> impl Stream<Item = Result<FdxAccount>> + 'static {
        super::stream(&self.handle, request)
    }

    /// `GET /api/fdx/5/accounts/{accountId}`: one account with its details.
    pub async fn get(&self, account_id: &AccountId) -> Result<FdxAccount> {
        let request = Request::get("api/fdx/5/accounts/{accountId}").param("accountId", account_id);
        self.handle.send_json(request).await
    }
}
