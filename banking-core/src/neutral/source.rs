//! The capability traits a provider implements, object safe so sources of
//! different providers sit side by side in one [`Aggregator`](super::Aggregator).

use futures::future::BoxFuture;
use futures::stream::BoxStream;

use super::{Account, DateRange, Provider, Transaction};

/// Lists accounts.
pub trait AccountSource: Send + Sync {
    /// Which provider this source reads.
    fn provider(&self) -> Provider;

    /// Every account the source can see, with its balances.
    fn list_accounts(&self) -> BoxFuture<'_, crate::Result<Vec<Account>>>;
}

/// Streams the transactions of an account.
pub trait TransactionSource: Send + Sync {
    /// The transactions of `account` (one this source listed) dated in
    /// `range`, in no particular order; each implementation says how it
    /// reads the range. The stream ends after the last one or the first
    /// error.
    fn stream_transactions<'a>(
        &'a self,
        account: &'a Account,
        range: DateRange,
    ) -> BoxStream<'a, crate::Result<Transaction>>;
}

/// A source of both accounts and transactions, as the aggregator uses it;
/// implemented for every type that is both.
pub trait BankData: AccountSource + TransactionSource {}

impl<T: AccountSource + TransactionSource + ?Sized> BankData for T {}
