//! The aggregator against sources that fail, hang, mix currencies and
//! interleave dates.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use banking_core::money::{Currency, Decimal, Money};
use banking_core::neutral::{
    Account, AccountKind, AccountSource, Aggregator, Balance, BalanceKind, DateRange, Provider,
    Transaction, TransactionSource,
};
use chrono::NaiveDate;
use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::{self, BoxStream};

/// A source with fixed data, an optional delay and an optional failure.
#[derive(Clone)]
struct Fake {
    provider: Provider,
    accounts: Vec<(String, Money)>,
    /// (account id, day of November 2026, amount in cents)
    transactions: Vec<(String, u32, i64)>,
    delay: Duration,
    fail: bool,
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

impl Fake {
    fn new(provider: Provider) -> Self {
        Fake {
            provider,
            accounts: Vec::new(),
            transactions: Vec::new(),
            delay: Duration::ZERO,
            fail: false,
            running: Arc::default(),
            peak: Arc::default(),
        }
    }

    fn account(mut self, id: &str, cents: i64, currency: Currency) -> Self {
        self.accounts
            .push((id.to_owned(), Money::new(Decimal::new(cents, 2), currency)));
        self
    }

    fn transaction(mut self, account: &str, day: u32, cents: i64) -> Self {
        self.transactions.push((account.to_owned(), day, cents));
        self
    }
}

impl AccountSource for Fake {
    fn provider(&self) -> Provider {
        self.provider
    }

    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<Account>>> {
        Box::pin(async move {
            let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.peak.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(self.delay).await;
            self.running.fetch_sub(1, Ordering::SeqCst);
            if self.fail {
                return Err(banking_core::Error::validation("consent", "expired"));
            }
            Ok(self
                .accounts
                .iter()
                .map(|(id, money)| {
                    let mut account =
                        Account::new(self.provider, id.clone(), AccountKind::Checking, ());
                    account.currency = Some(money.currency);
                    account
                        .balances
                        .push(Balance::new(BalanceKind::Booked, *money));
                    account
                })
                .collect())
        })
    }
}

impl TransactionSource for Fake {
    fn stream_transactions<'a>(
        &'a self,
        account: &'a Account,
        _range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<Transaction>> {
        let currency = account.currency.unwrap_or(Currency::EUR);
        let items = self
            .transactions
            .iter()
            .filter(move |(id, ..)| *id == account.id)
            .map(move |(id, day, cents)| {
                let mut t = Transaction::new(
                    self.provider,
                    id.clone(),
                    Money::new(Decimal::new(*cents, 2), currency),
                    (),
                );
                t.id = Some(format!("{id}-{day}"));
                t.booking_date = NaiveDate::from_ymd_opt(2026, 11, *day);
                Ok(t)
            });
        stream::iter(items).boxed()
    }
}

fn november() -> DateRange {
    DateRange::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_failing_source_is_reported_beside_the_others() {
    let mut broken = Fake::new(Provider::FinqLink).account("never", 100, Currency::EUR);
    broken.fail = true;
    let aggregator = Aggregator::new()
        .source(Fake::new(Provider::Linxo).account("a", 152307, Currency::EUR))
        .source(broken)
        .source(Fake::new(Provider::Flinks).account("c", 50000, Currency::CAD));
    let report = aggregator.accounts().await;
    let ids: Vec<&str> = report.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(report.failures.len(), 1);
    let failure = &report.failures[0];
    assert_eq!((failure.index, failure.provider), (1, Provider::FinqLink));
    assert!(failure.error.is_validation());
    assert_eq!(
        failure.to_string(),
        "FinqLink (source 1): invalid request: consent: expired"
    );
}

#[tokio::test]
async fn a_hanging_source_times_out_without_holding_up_the_others() {
    let mut slow = Fake::new(Provider::Lynks).account("slow", 1, Currency::EUR);
    slow.delay = Duration::from_secs(30);
    let aggregator = Aggregator::new()
        .per_source_deadline(Duration::from_millis(200))
        .source(slow)
        .source(Fake::new(Provider::Linkcy).account("fast", 1000, Currency::GBP));
    let started = Instant::now();
    let report = aggregator.accounts().await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(report.accounts.len(), 1);
    assert_eq!(report.accounts[0].id, "fast");
    let failure = &report.failures[0];
    assert_eq!(failure.provider, Provider::Lynks);
    assert!(failure.error.is_timeout(), "{:?}", failure.error);
}

#[tokio::test]
async fn no_more_sources_than_the_limit_run_at_once() {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let mut aggregator = Aggregator::new().concurrency(2);
    for n in 0..5 {
        let mut fake = Fake::new(Provider::Linxo).account(&format!("a{n}"), 1, Currency::EUR);
        fake.delay = Duration::from_millis(40);
        fake.running = running.clone();
        fake.peak = peak.clone();
        aggregator = aggregator.source(fake);
    }
    let report = aggregator.accounts().await;
    assert_eq!(report.accounts.len(), 5);
    assert_eq!(peak.load(Ordering::SeqCst), 2);
    let ids: Vec<&str> = report.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4"]);
}

#[tokio::test]
async fn totals_are_exact_and_per_currency() {
    let aggregator = Aggregator::new()
        .source(
            Fake::new(Provider::Linxo)
                .account("a", 152307, Currency::EUR)
                .account("b", 1, Currency::EUR),
        )
        .source(Fake::new(Provider::Flinks).account("c", -1999, Currency::CAD))
        .source(Fake::new(Provider::Lynks).account("d", 10, Currency::EUR));
    let report = aggregator.accounts().await;
    let totals = report.totals().unwrap();
    let printed: Vec<String> = totals.iter().map(|m| m.to_string()).collect();
    assert_eq!(printed, ["-19.99 CAD", "1523.18 EUR"]);
    assert_eq!(totals.get(Currency::USD), None);
}

#[test]
fn totals_report_overflow_instead_of_wrapping() {
    let mut totals = banking_core::neutral::Totals::default();
    totals.add(Money::new(Decimal::MAX, Currency::EUR)).unwrap();
    totals.add(Money::new(Decimal::MAX, Currency::USD)).unwrap();
    let overflow = totals
        .add(Money::new(Decimal::ONE, Currency::EUR))
        .unwrap_err();
    assert_eq!(overflow.currency, Currency::EUR);
}

#[tokio::test]
async fn transactions_of_all_sources_merge_in_date_order() {
    let mut broken = Fake::new(Provider::Linkcy);
    broken.fail = true;
    let aggregator = Aggregator::new()
        .source(
            Fake::new(Provider::Linxo)
                .account("a", 0, Currency::EUR)
                .transaction("a", 20, -420)
                .transaction("a", 3, 100),
        )
        .source(broken)
        .source(
            Fake::new(Provider::Flinks)
                .account("c", 0, Currency::CAD)
                .account("d", 0, Currency::USD)
                .transaction("c", 11, -5)
                .transaction("d", 3, 7)
                .transaction("c", 28, 900),
        );
    let items: Vec<_> = aggregator.transactions(november()).collect().await;
    let failure = items[0].as_ref().unwrap_err();
    assert_eq!(failure.provider, Provider::Linkcy);
    let order: Vec<String> = items[1..]
        .iter()
        .map(|t| {
            let t = t.as_ref().unwrap();
            format!("{} {} {}", t.date().unwrap(), t.provider, t.amount)
        })
        .collect();
    assert_eq!(
        order,
        [
            "2026-11-03 Linxo 1.00 EUR",
            "2026-11-03 Flinks 0.07 USD",
            "2026-11-11 Flinks -0.05 CAD",
            "2026-11-20 Linxo -4.20 EUR",
            "2026-11-28 Flinks 9.00 CAD",
        ]
    );
}

#[tokio::test]
async fn transactions_outside_the_range_are_left_out() {
    let aggregator = Aggregator::new().source(
        Fake::new(Provider::Linxo)
            .account("a", 0, Currency::EUR)
            .transaction("a", 2, 1)
            .transaction("a", 9, 2),
    );
    let range = DateRange::new(
        NaiveDate::from_ymd_opt(2026, 11, 5).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap();
    let items: Vec<_> = aggregator.transactions(range).collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap().amount.to_string(), "0.02 EUR");
    assert!(DateRange::new(range.to, range.from).is_err());
}
