//! The account, balance, holder and transaction objects shared by
//! `GetAccountsSummary` and `GetAccountsDetail`.

use banking_core::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::category::AccountCategory;
use crate::ids::{AccountId, TransactionId};
use crate::login::CustomerType;

banking_core::wire_enum! {
    /// The account's type (`Type`); an open set. Values from the docs'
    /// samples and changelog and from Flinks' C# SDK.
    AccountKind {
        /// Canadian chequing account.
        Chequing = "Chequing",
        /// Savings account.
        Savings = "Savings",
        /// US checking account.
        Checking = "Checking",
        /// Tax-free savings account.
        Tfsa = "TFSA",
        /// Registered retirement savings plan.
        Rrsp = "RRSP",
        /// Credit card.
        CreditCard = "CreditCard",
        /// Line of credit.
        LineOfCredit = "LineOfCredit",
        /// Personal loan.
        LoanPersonal = "LoanPersonal",
    }
}

/// Balances of an account. Each may be a JSON number, a string
/// (`"Limit": "5105.5"` in the docs) or null; all decode exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Balance {
    /// Available balance.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub available: Option<Decimal>,
    /// Current (ledger) balance.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub current: Option<Decimal>,
    /// Credit limit.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub limit: Option<Decimal>,
}

/// A postal address of an account holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Address {
    /// Street address.
    #[serde(default)]
    pub civic_address: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// Province or state.
    #[serde(default)]
    pub province: Option<String>,
    /// Postal or ZIP code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// Post office box.
    #[serde(default, rename = "POBox")]
    pub po_box: Option<String>,
    /// Country code (`CA`).
    #[serde(default)]
    pub country: Option<String>,
}

/// The holder of an account, as the institution reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Holder {
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<Address>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number, as sent.
    #[serde(default)]
    pub phone_number: Option<String>,
}

/// A transaction of an account (`GetAccountsDetail` with
/// `WithTransactions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Transaction {
    /// Transaction id.
    #[serde(default)]
    pub id: Option<TransactionId>,
    /// Booking date (`2025-01-31`).
    #[serde(default, with = "crate::datetime::lenient_date")]
    pub date: Option<NaiveDate>,
    /// Institution transaction code, when given.
    #[serde(default)]
    pub code: Option<String>,
    /// Description as the institution writes it.
    #[serde(default)]
    pub description: Option<String>,
    /// Money out.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub debit: Option<Decimal>,
    /// Money in.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub credit: Option<Decimal>,
    /// Running balance after the transaction.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub balance: Option<Decimal>,
}

/// A bank account of a login.
///
/// Summary accounts carry the EFT eligibility ratios; detail accounts carry
/// the account identity (transit and institution numbers) and transactions
/// when asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Account {
    /// Account id, used in `AccountsFilter` and `RefreshDelta`.
    #[serde(default)]
    pub id: Option<AccountId>,
    /// Account name at the institution.
    #[serde(default)]
    pub title: Option<String>,
    /// Account number (a string: leading zeros matter).
    #[serde(default)]
    pub account_number: Option<String>,
    /// Last four digits, for cards.
    #[serde(default)]
    pub last_four_digits: Option<String>,
    /// Branch transit number (a string: leading zeros matter).
    #[serde(default)]
    pub transit_number: Option<String>,
    /// Institution number (a string: leading zeros matter).
    #[serde(default)]
    pub institution_number: Option<String>,
    /// Overdraft limit.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub overdraft_limit: Option<Decimal>,
    /// Balances.
    #[serde(default)]
    pub balance: Option<Balance>,
    /// Category (`Operations`, `Credits`, ...).
    #[serde(default)]
    pub category: Option<AccountCategory>,
    /// Type (`Chequing`, `CreditCard`, ...).
    #[serde(default, rename = "Type")]
    pub kind: Option<AccountKind>,
    /// Currency of the account.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// The holder, when identity was requested.
    #[serde(default)]
    pub holder: Option<Holder>,
    /// Personal or business.
    #[serde(default)]
    pub account_type: Option<CustomerType>,
    /// Share of the account's activity eligible for EFT (summary only).
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub eft_eligible_ratio: Option<Decimal>,
    /// Share of the account's activity eligible for e-Transfer (summary
    /// only).
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub e_transfer_eligible_ratio: Option<Decimal>,
    /// Transactions, when requested.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub transactions: Vec<Transaction>,
}

/// Declares a response holding the accounts of a login: the summary and
/// the detail answers have the same envelope.
macro_rules! accounts_response {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        #[non_exhaustive]
        pub struct $name {
            /// The HTTP status echoed in the body.
            #[serde(default)]
            pub http_status_code: Option<u16>,
            /// The login's accounts.
            #[serde(default, deserialize_with = "crate::nullable::or_default")]
            pub accounts: Vec<$crate::connect::Account>,
            /// The login.
            #[serde(default)]
            pub login: Option<$crate::login::Login>,
            /// The session.
            #[serde(default)]
            pub request_id: Option<$crate::ids::RequestId>,
            /// Institution name (`FlinksCapital`).
            #[serde(default)]
            pub institution: Option<String>,
            /// Institution display name.
            #[serde(default)]
            pub institution_name: Option<String>,
            /// Flinks' institution id.
            #[serde(default)]
            pub institution_id: Option<u32>,
            /// The custom tag given when the login was connected.
            #[serde(default)]
            pub tag: Option<String>,
            /// Follow-up endpoints.
            #[serde(default, deserialize_with = "crate::nullable::or_default")]
            pub links: Vec<$crate::connect::Link>,
        }
    };
}
pub(crate) use accounts_response;
