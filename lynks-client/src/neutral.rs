//! LYNKS ordering-party accounts and statement entries in the
//! provider-neutral view of [`banking_core::neutral`]: [`LynksClient`] is
//! an [`AccountSource`] and a [`TransactionSource`].
//!
//! Rules of the mapping (the statement data follows CAMT.052; the JSON
//! field names are inferred, see [`crate::transactions`]):
//! - **Accounts**: `GET /v2/ordering-party-accounts`, then each account's
//!   balances. `CLBD` (closing booked) is the booked balance, else `ITBD`
//!   (interim booked); `CLAV`, else `ITAV`, the available one. Other types
//!   (opening, forward, expected) stay in the source, `(Account,
//!   Vec<Balance>)`. A balance's sign is its `creditDebitIndicator` (`DBIT`
//!   negative); its day is `date`. `DEACTIVATED` accounts are inactive.
//! - **Sign**: entries carry a positive `amount` and a
//!   `creditDebitIndicator`; `DBIT` is negated. An entry without an
//!   indicator is an error rather than a guess.
//! - **Dates**: `bookingDate` and `valueDate` are CAMT calendar days, as
//!   sent.
//! - **Booked/pending**: `BOOK` is booked, `PDNG` pending, `INFO` kept by
//!   name.
//! - **FX**: `originalAmount` in `originalCurrency` at `exchangeRate`.
//! - **Range**: sent as `fromDate` and `toDate` (inferred names), and
//!   checked again.
//! - A 404 for the balances or entries of a listed account is read as "no
//!   statement received yet" (inferred: a listed account exists), so the
//!   account has none rather than failing the whole source.

use banking_core::money::Money;
use banking_core::neutral::{
    self, AccountKind, AccountSource, BalanceKind, Counterparty, DateRange, Fx, TransactionSource,
};
use futures::future::{BoxFuture, FutureExt, TryFutureExt};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::accounts::{Account, AccountStatus};
use crate::balances::{Balance, BalanceType};
use crate::transactions::{EntryStatus, Transaction, TransactionQuery};
use crate::{AccountId, LynksClient};

/// The neutral view of an ordering-party account and its statement
/// `balances`, keeping both as its source.
pub fn account(account: Account, balances: Vec<Balance>) -> neutral::Account {
    let pick = |types: [BalanceType; 2]| {
        types.into_iter().find_map(|wanted| {
            balances
                .iter()
                .find(|b| b.balance_type.as_ref() == Some(&wanted))
        })
    };
    let mut neutral_balances = Vec::new();
    for (kind, types) in [
        (
            BalanceKind::Booked,
            [BalanceType::ClosingBooked, BalanceType::InterimBooked],
        ),
        (
            BalanceKind::Available,
            [BalanceType::ClosingAvailable, BalanceType::InterimAvailable],
        ),
    ] {
        if let Some(balance) = pick(types)
            && let (Some(amount), Some(currency)) = (
                balance.signed_amount(),
                balance.currency.or(account.currency),
            )
        {
            neutral_balances
                .push(neutral::Balance::new(kind, Money::new(amount, currency)).at(balance.date));
        }
    }
    let status = match &account.status {
        Some(AccountStatus::Active) | None => neutral::AccountStatus::Active,
        Some(AccountStatus::Deactivated) => neutral::AccountStatus::Inactive,
        Some(other) => neutral::AccountStatus::Unknown(other.to_string()),
    };
    let mut view = neutral::Account::new(
        neutral::Provider::Lynks,
        account.id.to_string(),
        AccountKind::Checking,
        (account.clone(), balances),
    );
    view.display_name = account.name;
    view.identifiers.iban = account.iban;
    view.identifiers.bic = account.bic;
    view.currency = account.currency;
    view.status = status;
    view.balances = neutral_balances;
    view
}

/// The neutral view of a statement entry of `account`, keeping it as its
/// source; a validation error without an amount, a currency or a
/// credit/debit indicator.
pub fn transaction(
    account: &neutral::Account,
    entry: Transaction,
) -> banking_core::Result<neutral::Transaction> {
    let id = entry.id.as_ref().map(ToString::to_string);
    let missing = |field: &str| {
        banking_core::Error::validation(
            field,
            format!("statement entry {} has none", id.as_deref().unwrap_or("")),
        )
    };
    let amount = if entry.credit_debit_indicator.is_some() {
        entry.signed_amount().ok_or_else(|| missing("amount"))?
    } else {
        return Err(missing("creditDebitIndicator"));
    };
    let currency = entry
        .currency
        .or(account.currency)
        .ok_or_else(|| missing("currency"))?;
    let mut view = neutral::Transaction::new(
        neutral::Provider::Lynks,
        account.id.clone(),
        Money::new(amount, currency),
        entry.clone(),
    );
    view.id = id;
    view.booking_date = entry.booking_date;
    view.value_date = entry.value_date;
    view.status = match &entry.status {
        Some(EntryStatus::Booked) | None => neutral::TransactionStatus::Booked,
        Some(EntryStatus::Pending) => neutral::TransactionStatus::Pending,
        Some(other) => neutral::TransactionStatus::Unknown(other.to_string()),
    };
    view.fx = entry.original().map(|o| Fx::new(o, entry.exchange_rate));
    view.counterparty = Counterparty::from_parts(entry.counterparty_name, entry.counterparty_iban);
    view.description = entry.remittance_information;
    Ok(view)
}

impl AccountSource for LynksClient {
    fn provider(&self) -> neutral::Provider {
        neutral::Provider::Lynks
    }

    /// The ordering-party accounts, each with its statement balances.
    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<neutral::Account>>> {
        async move {
            let mut accounts = Vec::new();
            for listed in self.accounts().list().await? {
                let balances = no_statement_is_empty(self.balances().list(&listed.id).await)?;
                accounts.push(account(listed, balances));
            }
            Ok(accounts)
        }
        .boxed()
    }
}

impl TransactionSource for LynksClient {
    /// The account's statement entries booked in `range` (one call: LYNKS
    /// documents no paging).
    fn stream_transactions<'a>(
        &'a self,
        account: &'a neutral::Account,
        range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<neutral::Transaction>> {
        let query = TransactionQuery::new(AccountId::new(account.id.clone()))
            .from_date(range.from)
            .to_date(range.to);
        async move { no_statement_is_empty(self.transactions().list(&query).await) }
            .map_ok(|entries| stream::iter(entries.into_iter().map(Ok)))
            .try_flatten_stream()
            .and_then(move |entry| std::future::ready(transaction(account, entry)))
            .try_filter(move |t| std::future::ready(range.admits(t)))
            .boxed()
    }
}

/// Balances or entries of a listed account: a 404 means none yet.
fn no_statement_is_empty<T>(result: banking_core::Result<Vec<T>>) -> banking_core::Result<Vec<T>> {
    match result {
        Err(error) if error.is_not_found() => Ok(Vec::new()),
        other => other,
    }
}
