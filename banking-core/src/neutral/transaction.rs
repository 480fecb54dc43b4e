//! The neutral transaction.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Provider, ProviderValue};
use crate::money::{Decimal, Money};

/// A transaction at any provider, with the provider's own value kept in
/// [`source`](Transaction::source).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Transaction {
    /// Where the account is held.
    pub provider: Provider,
    /// The provider's id of the account.
    pub account_id: String,
    /// The provider's id of the transaction, when it has one.
    pub id: Option<String>,
    /// The booking date, as a calendar date in the provider's time zone.
    pub booking_date: Option<NaiveDate>,
    /// The value date, as a calendar date in the provider's time zone.
    pub value_date: Option<NaiveDate>,
    /// The signed amount in the account's currency: negative for money
    /// leaving the account, whatever the provider's own convention.
    pub amount: Money,
    /// What the provider shows as the label or remittance information.
    pub description: Option<String>,
    /// The other party, when known.
    pub counterparty: Option<Counterparty>,
    /// Booked or pending.
    pub status: TransactionStatus,
    /// The original amount and rate of a currency conversion, when present.
    pub fx: Option<Fx>,
    source: Arc<dyn ProviderValue>,
}

impl Transaction {
    /// A booked transaction of `amount` with no dates or description yet,
    /// keeping `source`.
    pub fn new(
        provider: Provider,
        account_id: impl Into<String>,
        amount: Money,
        source: impl ProviderValue,
    ) -> Self {
        Transaction {
            provider,
            account_id: account_id.into(),
            id: None,
            booking_date: None,
            value_date: None,
            amount,
            description: None,
            counterparty: None,
            status: TransactionStatus::Booked,
            fx: None,
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

    /// The date that orders transactions: the booking date, else the value
    /// date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.booking_date.or(self.value_date)
    }

    /// The aggregator's order: by [`date`](Transaction::date) (undated
    /// last), then provider, account and id, so a merge is deterministic.
    pub fn cmp_by_date(&self, other: &Transaction) -> Ordering {
        let key = |t: &Transaction| (t.date().is_none(), t.date());
        key(self)
            .cmp(&key(other))
            .then_with(|| self.provider.cmp(&other.provider))
            .then_with(|| self.account_id.cmp(&other.account_id))
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// Whether a transaction is final.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransactionStatus {
    /// Booked (settled, posted).
    Booked,
    /// Pending (authorised, not yet booked).
    Pending,
    /// A state that is neither, as the provider names it (rejected,
    /// cancelled, ...).
    Unknown(String),
}

/// The other party of a transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counterparty {
    /// The name, as the provider gives it.
    pub name: Option<String>,
    /// An identifier such as an IBAN or account number, as sent.
    pub identifier: Option<String>,
}

impl Counterparty {
    /// A counterparty from its optional name and identifier; `None` when
    /// both are missing.
    pub fn from_parts(name: Option<String>, identifier: Option<String>) -> Option<Self> {
        (name.is_some() || identifier.is_some()).then_some(Counterparty { name, identifier })
    }
}

/// A currency conversion behind a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fx {
    /// The amount before conversion, in its own currency.
    pub original: Money,
    /// The exchange rate as the provider states it, when it does.
    pub rate: Option<Decimal>,
}

impl Fx {
    /// The original amount and the rate.
    pub fn new(original: Money, rate: Option<Decimal>) -> Self {
        Fx { original, rate }
    }
}

/// A range of calendar days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl DateRange {
    /// The days from `from` to `to`, both included; a validation error
    /// when `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> crate::Result<Self> {
        if to < from {
            return Err(crate::Error::validation(
                "range",
                format!("ends ({to}) before it starts ({from})"),
            ));
        }
        Ok(DateRange { from, to })
    }

    /// Whether `date` is in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether a transaction belongs in the range: its
    /// [`date`](Transaction::date) is in it, or it has none (kept, not lost).
    pub fn admits(&self, transaction: &Transaction) -> bool {
        transaction.date().is_none_or(|d| self.contains(d))
    }
}
