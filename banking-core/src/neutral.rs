//! One view across providers: neutral accounts and transactions, the
//! capability traits each provider crate implements, and an aggregator.
//!
//! Every neutral value keeps the provider's own typed value beside it
//! ([`Account::source`], [`Transaction::source`]), so nothing the provider
//! sent is lost by going through the neutral view.
//!
//! ```
//! use banking_core::money::{Currency, Decimal, Money};
//! use banking_core::neutral::{Account, AccountKind, Balance, BalanceKind, Provider};
//!
//! // What a provider crate's mapping produces (here from a plain tuple).
//! let mut account = Account::new(Provider::Linxo, "81234567", AccountKind::Checking, ("raw", 1));
//! account.balances.push(Balance::new(
//!     BalanceKind::Booked,
//!     Money::new(Decimal::new(152307, 2), Currency::EUR),
//! ));
//! assert_eq!(account.main_balance().unwrap().money.to_string(), "1523.07 EUR");
//! assert_eq!(account.source::<(&str, i32)>(), Some(&("raw", 1)));
//! ```
//!
//! | module | holds |
//! |---|---|
//! | `account` | [`Account`], its identifiers, kinds, balances and status |
//! | `transaction` | [`Transaction`], its status, counterparty, FX details, [`DateRange`] |
//! | `source` | the capability traits [`AccountSource`] and [`TransactionSource`] |
//! | `aggregate` | [`Aggregator`], per-source failures, per-currency [`Totals`] |

use std::any::Any;
use std::fmt;

mod account;
mod aggregate;
mod source;
mod transaction;

pub use account::{Account, AccountIdentifiers, AccountKind, AccountStatus, Balance, BalanceKind};
pub use aggregate::{AccountsReport, Aggregator, SourceFailure, Totals, TotalsOverflow};
pub use source::{AccountSource, BankData, TransactionSource};
pub use transaction::{Counterparty, DateRange, Fx, Transaction, TransactionStatus};

/// The provider a neutral value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Provider {
    /// LYNKS.
    Lynks,
    /// Linxo Connect.
    Linxo,
    /// FinqLink.
    FinqLink,
    /// Flinks.
    Flinks,
    /// Linkcy.
    Linkcy,
    /// A source outside this SDK, named by its implementer.
    Other(&'static str),
}

impl Provider {
    /// The provider's name as written in its documentation.
    pub fn name(&self) -> &'static str {
        match self {
            Provider::Lynks => "LYNKS",
            Provider::Linxo => "Linxo",
            Provider::FinqLink => "FinqLink",
            Provider::Flinks => "Flinks",
            Provider::Linkcy => "Linkcy",
            Provider::Other(name) => name,
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A provider's own typed value kept beside a neutral one: anything
/// `Debug + Send + Sync + 'static`, read back with a downcast.
pub trait ProviderValue: Any + fmt::Debug + Send + Sync {
    /// The value as [`Any`], to downcast.
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any + fmt::Debug + Send + Sync> ProviderValue for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}
