//! Several sources at once: concurrency limit, per-source deadline, one
//! source's failure reported beside the others' results.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::{BoxFuture, FutureExt};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use super::{Account, BankData, DateRange, Provider, Transaction};
use crate::error::{TimeoutError, TimeoutKind};
use crate::money::{Currency, Decimal, Money};

/// Queries several [`BankData`] sources concurrently.
///
/// At most [`concurrency`](Aggregator::concurrency) sources are queried at
/// a time, each under its own [deadline](Aggregator::per_source_deadline)
/// covering everything asked of it (accounts, then every account's
/// transactions). A source that fails or runs out of time is reported as a
/// [`SourceFailure`]; the other sources' results are kept.
///
/// ```
/// use std::time::Duration;
/// use banking_core::neutral::Aggregator;
///
/// # async fn demo(linxo: impl banking_core::neutral::BankData + 'static) {
/// let aggregator = Aggregator::new()
///     .source(linxo)
///     .concurrency(4)
///     .per_source_deadline(Duration::from_secs(20));
/// let report = aggregator.accounts().await;
/// for failure in &report.failures {
///     eprintln!("{failure}");
/// }
/// for total in report.totals().expect("totals fit a Decimal").iter() {
///     println!("{total}");
/// }
/// # }
/// ```
#[derive(Clone)]
pub struct Aggregator {
    sources: Vec<Arc<dyn BankData>>,
    concurrency: usize,
    deadline: Duration,
}

impl Default for Aggregator {
    fn default() -> Self {
        Aggregator::new()
    }
}

impl std::fmt::Debug for Aggregator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let providers: Vec<Provider> = self.sources.iter().map(|s| s.provider()).collect();
        f.debug_struct("Aggregator")
            .field("sources", &providers)
            .field("concurrency", &self.concurrency)
            .field("deadline", &self.deadline)
            .finish()
    }
}

impl Aggregator {
    /// No sources yet; 4 at a time, 30 s each.
    pub fn new() -> Self {
        Aggregator {
            sources: Vec::new(),
            concurrency: 4,
            deadline: Duration::from_secs(30),
        }
    }

    /// Adds a source; failures name it by its index in the order added.
    pub fn source(self, source: impl BankData + 'static) -> Self {
        self.shared_source(Arc::new(source))
    }

    /// Adds a source already behind an `Arc`.
    pub fn shared_source(mut self, source: Arc<dyn BankData>) -> Self {
        self.sources.push(source);
        self
    }

    /// How many sources are queried at once (at least 1).
    pub fn concurrency(mut self, limit: usize) -> Self {
        self.concurrency = limit.max(1);
        self
    }

    /// How long each source gets for one call of the aggregator.
    pub fn per_source_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Every source's accounts, in the order the sources were added, and
    /// the failures.
    pub async fn accounts(&self) -> AccountsReport {
        let results = self
            .each_source(|source| async move { source.list_accounts().await })
            .await;
        let mut report = AccountsReport::default();
        for result in results {
            match result {
                Ok(accounts) => report.accounts.extend(accounts),
                Err(failure) => report.failures.push(failure),
            }
        }
        report
    }

    /// The transactions in `range` of every account of every source, merged
    /// in date order (see [`Transaction::cmp_by_date`]); each failed source
    /// is one `Err` item, before the transactions.
    ///
    /// Providers do not promise an order, so each source is read to its
    /// end (under its deadline) before the merge; the range bounds what is
    /// held.
    pub fn transactions(
        &self,
        range: DateRange,
    ) -> BoxStream<'_, Result<Transaction, SourceFailure>> {
        let collect = async move {
            let results = self
                .each_source(|source| async move {
                    let mut transactions = Vec::new();
                    for account in source.list_accounts().await? {
                        let mut stream = source.stream_transactions(&account, range);
                        while let Some(transaction) = stream.try_next().await? {
                            if range.admits(&transaction) {
                                transactions.push(transaction);
                            }
                        }
                    }
                    Ok(transactions)
                })
                .await;
            let mut failures = Vec::new();
            let mut merged = Vec::new();
            for result in results {
                match result {
                    Ok(transactions) => merged.extend(transactions),
                    Err(failure) => failures.push(Err(failure)),
                }
            }
            merged.sort_by(Transaction::cmp_by_date);
            stream::iter(failures.into_iter().chain(merged.into_iter().map(Ok)))
        };
        stream::once(collect).flatten().boxed()
    }

    /// Runs `call` on every source, `concurrency` at a time, each under the
    /// deadline; results in the order the sources were added.
    async fn each_source<'a, T, F, Fut>(&'a self, call: F) -> Vec<Result<T, SourceFailure>>
    where
        F: Fn(&'a dyn BankData) -> Fut,
        Fut: Future<Output = crate::Result<T>> + Send + 'a,
        T: Send + 'a,
    {
        let deadline = self.deadline;
        let calls: Vec<BoxFuture<'a, Result<T, SourceFailure>>> = self
            .sources
            .iter()
            .enumerate()
            .map(|(index, source)| {
                let source: &'a dyn BankData = &**source;
                let call = call(source);
                async move {
                    let started = Instant::now();
                    let result = match tokio::time::timeout(deadline, call).await {
                        Ok(result) => result,
                        Err(_) => Err(crate::Error::Timeout(TimeoutError::new(
                            TimeoutKind::Total,
                            Some(deadline),
                            started.elapsed(),
                        ))),
                    };
                    result.map_err(|error| SourceFailure {
                        index,
                        provider: source.provider(),
                        error,
                    })
                }
                .boxed()
            })
            .collect();
        stream::iter(calls)
            .buffered(self.concurrency)
            .collect()
            .await
    }
}

/// The accounts of every source that answered, and the failures of the
/// others.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct AccountsReport {
    /// The accounts, source by source in the order the sources were added.
    pub accounts: Vec<Account>,
    /// The sources that failed or ran out of time.
    pub failures: Vec<SourceFailure>,
}

impl AccountsReport {
    /// The sum of each account's [main balance](Account::main_balance) per
    /// currency.
    pub fn totals(&self) -> Result<Totals, TotalsOverflow> {
        let mut totals = Totals::default();
        for balance in self.accounts.iter().filter_map(Account::main_balance) {
            totals.add(balance.money)?;
        }
        Ok(totals)
    }
}

/// A source that failed, with its typed error.
#[derive(Debug, thiserror::Error)]
#[error("{provider} (source {index}): {error}")]
#[non_exhaustive]
pub struct SourceFailure {
    /// The source's position, in the order it was added.
    pub index: usize,
    /// Its provider.
    pub provider: Provider,
    /// What went wrong; a [`TimeoutKind::Total`] timeout when the deadline
    /// passed.
    pub error: crate::Error,
}

/// Exact sums per currency; two currencies are never added together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals(BTreeMap<Currency, Decimal>);

impl Totals {
    /// Adds `money` to the sum of its currency.
    pub fn add(&mut self, money: Money) -> Result<(), TotalsOverflow> {
        let sum = self.0.entry(money.currency).or_default();
        *sum = sum.checked_add(money.amount).ok_or(TotalsOverflow {
            currency: money.currency,
        })?;
        Ok(())
    }

    /// The sum in `currency`, if any balance was in it.
    pub fn get(&self, currency: Currency) -> Option<Money> {
        self.0.get(&currency).map(|a| Money::new(*a, currency))
    }

    /// Every sum, by currency code.
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.iter().map(|(c, a)| Money::new(*a, *c))
    }

    /// How many currencies there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no sum at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A sum went beyond what a [`Decimal`] holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {currency} total does not fit a decimal")]
#[non_exhaustive]
pub struct TotalsOverflow {
    /// The currency whose sum overflowed.
    pub currency: Currency,
}
