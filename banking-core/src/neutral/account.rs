//! The neutral account.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Provider, ProviderValue};
use crate::money::{Currency, Money};

/// An account at any provider, with the provider's own value kept in
/// [`source`](Account::source).
///
/// Built by the provider crates' mappings: [`Account::new`], then the
/// public fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Account {
    /// Where the account is held.
    pub provider: Provider,
    /// The provider's id of the account, as the provider's transaction
    /// calls expect it.
    pub id: String,
    /// The name to show, as the provider gives it.
    pub display_name: Option<String>,
    /// IBAN, BIC, transit and account numbers, when the provider sends them.
    pub identifiers: AccountIdentifiers,
    /// The kind of account.
    pub kind: AccountKind,
    /// The account's currency, when the provider states one.
    pub currency: Option<Currency>,
    /// Balances, each with its kind and date, in the provider's sign
    /// convention (written down next to each provider's mapping).
    pub balances: Vec<Balance>,
    /// Open, closed, ...
    pub status: AccountStatus,
    source: Arc<dyn ProviderValue>,
}

impl Account {
    /// An account of `kind` with no identifiers, balances or name yet,
    /// status [`AccountStatus::Active`], keeping `source`.
    pub fn new(
        provider: Provider,
        id: impl Into<String>,
        kind: AccountKind,
        source: impl ProviderValue,
    ) -> Self {
        Account {
            provider,
            id: id.into(),
            display_name: None,
            identifiers: AccountIdentifiers::default(),
            kind,
            currency: None,
            balances: Vec::new(),
            status: AccountStatus::Active,
            source: Arc::new(source),
        }
    }

    /// The provider's own value, when it is a `T`.
    pub fn source<T: 'static>(&self) -> Option<&T> {
        // Through the trait object: `Arc` itself is also a `ProviderValue`.
        ProviderValue::as_any(&*self.source).downcast_ref()
    }

    /// The provider's own value, whatever its type (for `Debug`).
    pub fn raw_source(&self) -> &dyn ProviderValue {
        &*self.source
    }

    /// The balance that stands for the account in totals: the booked one,
    /// else the available one, else the first.
    pub fn main_balance(&self) -> Option<&Balance> {
        self.balance(&BalanceKind::Booked)
            .or_else(|| self.balance(&BalanceKind::Available))
            .or_else(|| self.balances.first())
    }

    /// The first balance of `kind`.
    pub fn balance(&self, kind: &BalanceKind) -> Option<&Balance> {
        self.balances.iter().find(|b| &b.kind == kind)
    }
}

/// How an account is identified outside the provider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccountIdentifiers {
    /// The IBAN, as sent.
    pub iban: Option<String>,
    /// The BIC of the servicing institution.
    pub bic: Option<String>,
    /// The Canadian transit (branch) number.
    pub transit_number: Option<String>,
    /// The Canadian institution number.
    pub institution_number: Option<String>,
    /// The domestic account number, as sent (may be masked).
    pub account_number: Option<String>,
}

/// The kind of an account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountKind {
    /// A current (checking, payment) account.
    Checking,
    /// A savings account.
    Savings,
    /// A card account.
    CreditCard,
    /// A loan, line of credit or mortgage.
    Loan,
    /// An investment or retirement account.
    Investment,
    /// A ledger or wallet of an e-money institution.
    Ledger,
    /// A kind without a neutral equivalent, as the provider names it
    /// (empty when the provider names none).
    Unknown(String),
}

/// The state of an account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountStatus {
    /// Usable.
    Active,
    /// Waiting for something (consent, verification) before use.
    Pending,
    /// Blocked, suspended or in error: exists but cannot be used now.
    Inactive,
    /// Closed.
    Closed,
    /// A state without a neutral equivalent, as the provider names it.
    Unknown(String),
}

/// One balance of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Balance {
    /// Which balance.
    pub kind: BalanceKind,
    /// The exact amount, signed as the provider signs it.
    pub money: Money,
    /// The calendar day it refers to, in the provider's time zone, when
    /// the provider says.
    pub date: Option<NaiveDate>,
}

impl Balance {
    /// A balance of `kind` without a date.
    pub fn new(kind: BalanceKind, money: Money) -> Self {
        Balance {
            kind,
            money,
            date: None,
        }
    }

    /// The same balance, dated.
    #[must_use]
    pub fn at(mut self, date: Option<NaiveDate>) -> Self {
        self.date = date;
        self
    }
}

/// The kind of a balance.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BalanceKind {
    /// Booked (ledger, current, closing) balance: entries settled so far.
    Booked,
    /// Available balance: what can be spent now.
    Available,
    /// A kind without a neutral equivalent, as the provider names it.
    Unknown(String),
}
