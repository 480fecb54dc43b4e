//! Linxo accounts and transactions in the provider-neutral view of
//! [`banking_core::neutral`]: [`LinxoClient`] in user mode is an
//! [`AccountSource`] and a [`TransactionSource`].
//!
//! Rules of the mapping:
//! - **Sign**: API v2.1 sends `amount` signed, negative for debits
//!   (research notes 2(g)); kept as is. Balances are kept as sent, so a card
//!   or loan balance owed is negative when Linxo sends it negative.
//! - **Dates**: epoch seconds that Linxo computes in Europe/Paris time
//!   (third-party comment, research notes 2(g)), so each is turned into its
//!   Paris calendar day: `1700002800` (23:00 UTC on 14 November 2023) is
//!   15 November. The booking date falls back to `date` when
//!   `booking_date` is missing; the balance's day is `balance_date`'s. Paris time uses the EU summer-time rule
//!   (UTC+2 from the last Sunday of March to the last Sunday of October,
//!   01:00 UTC; else UTC+1), which holds for every date Linxo can send.
//! - **Booked/pending**: `status` `BOOKED` and `PENDING` map to themselves;
//!   the others (`EXPIRED`, `REJECTED`, ...) are kept by name. Without a
//!   `status`, an `origin` of `UPCOMING` or `SCHEDULED` is pending and
//!   anything else booked (inferred: the origin names announced entries).
//! - **Range**: sent as `start_date` (the first day's Paris midnight) and
//!   `end_date` (the last second of the last day), and checked again on the
//!   Paris days.
//! - The currency of a transaction without one is its account's.

use banking_core::money::Money;
use banking_core::neutral::{
    self, AccountKind, AccountSource, Balance, BalanceKind, Counterparty, DateRange,
    TransactionSource,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use futures::future::{BoxFuture, FutureExt};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

use crate::{
    Account, AccountStatus, AccountType, AccountsQuery, LinxoClient, Transaction,
    TransactionOrigin, TransactionStatus, TransactionsQuery,
};

/// The neutral view of a Linxo account, keeping it as its source.
pub fn account(account: Account) -> neutral::Account {
    let kind = match &account.account_type {
        Some(AccountType::Checkings) => AccountKind::Checking,
        Some(AccountType::Savings) => AccountKind::Savings,
        Some(AccountType::Loan) => AccountKind::Loan,
        Some(AccountType::CreditCard) => AccountKind::CreditCard,
        Some(other) => AccountKind::Unknown(other.to_string()),
        None => AccountKind::Unknown(String::new()),
    };
    let status = match &account.status {
        Some(AccountStatus::Active) | None => neutral::AccountStatus::Active,
        Some(AccountStatus::Closed) => neutral::AccountStatus::Closed,
        Some(AccountStatus::PendingConsent) => neutral::AccountStatus::Pending,
        Some(AccountStatus::Error | AccountStatus::NotFound | AccountStatus::Suspended) => {
            neutral::AccountStatus::Inactive
        }
        Some(other) => neutral::AccountStatus::Unknown(other.to_string()),
    };
    let mut view = neutral::Account::new(
        neutral::Provider::Linxo,
        account.id.to_string(),
        kind,
        account.clone(),
    );
    view.display_name = account.name;
    view.identifiers.iban = account.iban;
    view.identifiers.account_number = account.account_number;
    view.currency = account.currency;
    view.status = status;
    if let (Some(amount), Some(currency)) = (account.balance, account.currency) {
        view.balances.push(
            Balance::new(BalanceKind::Booked, Money::new(amount, currency))
                .at(account.balance_date.map(paris_day)),
        );
    }
    view
}

/// The neutral view of a Linxo transaction of `account`, keeping it as its
/// source; a validation error when neither has a currency.
pub fn transaction(
    account: &neutral::Account,
    transaction: Transaction,
) -> banking_core::Result<neutral::Transaction> {
    let currency = transaction.currency.or(account.currency).ok_or_else(|| {
        banking_core::Error::validation(
            "currency",
            format!("transaction {} and its account have none", transaction.id),
        )
    })?;
    let status = match (&transaction.status, &transaction.origin) {
        (Some(TransactionStatus::Booked), _) => neutral::TransactionStatus::Booked,
        (Some(TransactionStatus::Pending), _) => neutral::TransactionStatus::Pending,
        (Some(other), _) => neutral::TransactionStatus::Unknown(other.to_string()),
        (None, Some(TransactionOrigin::Upcoming | TransactionOrigin::Scheduled)) => {
            neutral::TransactionStatus::Pending
        }
        (None, _) => neutral::TransactionStatus::Booked,
    };
    let account_id = transaction
        .account_id
        .as_ref()
        .map_or_else(|| account.id.clone(), ToString::to_string);
    let mut view = neutral::Transaction::new(
        neutral::Provider::Linxo,
        account_id,
        Money::new(transaction.amount, currency),
        transaction.clone(),
    );
    view.id = Some(transaction.id.to_string());
    view.booking_date = transaction.booking_date.or(transaction.date).map(paris_day);
    view.value_date = transaction.value_date.map(paris_day);
    view.description = transaction.label;
    view.counterparty = Counterparty::from_parts(transaction.source.and_then(|s| s.label), None);
    view.status = status;
    Ok(view)
}

impl AccountSource for LinxoClient {
    fn provider(&self) -> neutral::Provider {
        neutral::Provider::Linxo
    }

    /// Every account of the user (`GET /accounts`, page by page).
    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<neutral::Account>>> {
        self.accounts()
            .stream(AccountsQuery::new())
            .map_ok(account)
            .try_collect::<Vec<_>>()
            .boxed()
    }
}

impl TransactionSource for LinxoClient {
    /// `GET /transactions` of the account, from the first day's Paris
    /// midnight to the last day's end.
    fn stream_transactions<'a>(
        &'a self,
        account: &'a neutral::Account,
        range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<neutral::Transaction>> {
        let query = TransactionsQuery::new()
            .account_id(account.id.clone())
            .start_date(paris_midnight(range.from))
            .end_date(paris_midnight(range.to + Duration::days(1)) - Duration::seconds(1));
        self.transactions()
            .stream(query)
            .and_then(move |t| std::future::ready(transaction(account, t)))
            .try_filter(move |t| std::future::ready(range.admits(t)))
            .boxed()
    }
}

/// The Paris calendar day of an instant.
fn paris_day(instant: DateTime<Utc>) -> NaiveDate {
    (instant + paris_offset(instant)).date_naive()
}

/// The instant Paris midnight starts `day`.
fn paris_midnight(day: NaiveDate) -> DateTime<Utc> {
    let local_midnight = Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN));
    // Midnight is never within an hour of the 01:00 UTC switch, so the
    // offset an hour before is the offset at midnight.
    local_midnight - paris_offset(local_midnight - Duration::hours(1))
}

/// Paris's offset from UTC at `instant`: one hour, two in EU summer time.
fn paris_offset(instant: DateTime<Utc>) -> Duration {
    let year = instant.year();
    let switch = |month| {
        let last =
            NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
        let back = last.weekday().num_days_from_sunday();
        let sunday = last - Duration::days(i64::from(back));
        debug_assert_eq!(sunday.weekday(), Weekday::Sun);
        Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0).expect("01:00 exists"))
    };
    if switch(3) <= instant && instant < switch(10) {
        Duration::hours(2)
    } else {
        Duration::hours(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn paris_days_follow_summer_time() {
        // 23:00 UTC is midnight in winter, 01:00 in summer.
        let day = |s| paris_day(at(s)).to_string();
        assert_eq!(day("2023-11-14T23:00:00Z"), "2023-11-15");
        assert_eq!(day("2023-11-14T22:59:59Z"), "2023-11-14");
        assert_eq!(day("2024-07-01T21:59:59Z"), "2024-07-01");
        assert_eq!(day("2024-07-01T22:00:00Z"), "2024-07-02");
        // The 2024 switches: 31 March and 27 October, 01:00 UTC.
        assert_eq!(paris_offset(at("2024-03-31T00:59:59Z")), Duration::hours(1));
        assert_eq!(paris_offset(at("2024-03-31T01:00:00Z")), Duration::hours(2));
        assert_eq!(paris_offset(at("2024-10-27T00:59:59Z")), Duration::hours(2));
        assert_eq!(paris_offset(at("2024-10-27T01:00:00Z")), Duration::hours(1));
    }

    #[test]
    fn paris_midnight_is_the_start_of_the_paris_day() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            paris_midnight(day("2023-11-15")),
            at("2023-11-14T23:00:00Z")
        );
        assert_eq!(
            paris_midnight(day("2024-07-02")),
            at("2024-07-01T22:00:00Z")
        );
        assert_eq!(
            paris_midnight(day("2024-03-31")),
            at("2024-03-30T23:00:00Z")
        );
        assert_eq!(
            paris_midnight(day("2024-10-27")),
            at("2024-10-26T22:00:00Z")
        );
    }
}
