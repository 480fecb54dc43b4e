//! FinqLink Data in the provider-neutral view of [`banking_core::neutral`]:
//! a [`ConsentData`] (a client and a consent) is an [`AccountSource`] and a
//! [`TransactionSource`].
//!
//! Rules of the mapping (the Data field values are not published, so the
//! rules below are inferred from the field names):
//! - **Accounts**: `/ais/accounts/list`; `account_type` `current` is a
//!   checking account, `savings` a savings account, anything else is kept
//!   by name. An account without an `id` keeps an empty id and has no
//!   transactions (they are filtered by account id).
//! - **Balances**: `/ais/balances/list` for the account, the latest
//!   `reference_date` of each `type`; the balances embedded in the account
//!   are used when that list has none. `closingBooked` and `interimBooked`
//!   are booked, `closingAvailable`, `interimAvailable` and
//!   `forwardAvailable` available (the Berlin Group names the samples use),
//!   others kept by name. Balance amounts are signed as sent.
//! - **Sign**: transaction amounts come with `credit_debit_indicator`; a
//!   `debit` with a positive amount is negated, a negative amount is kept.
//! - **Dates**: the booking date is the UTC day of `booking_date_time`
//!   (sent with `Z`); `value_date` is a day as sent.
//! - **Booked/pending**: `status` `booked` and `pending`; others are kept by
//!   name; no status is booked.
//! - **Range**: sent as `booking_date_from` and `booking_date_to`, and
//!   checked again on the mapped days.

use std::collections::BTreeMap;

use banking_core::money::Money;
use banking_core::neutral::{
    self, AccountKind, AccountSource, BalanceKind, Counterparty, DateRange, TransactionSource,
};
use futures::future::{BoxFuture, FutureExt};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::accounts::{Account, AccountsListRequest};
use crate::balances::{Balance, BalancesListRequest};
use crate::transactions::{
    CreditDebitIndicator, Transaction, TransactionStatus, TransactionsListRequest,
};
use crate::{ConsentId, FinqLinkClient};

/// The data of one consent, read through a client.
#[derive(Clone)]
pub struct ConsentData {
    client: FinqLinkClient,
    consent_id: ConsentId,
}

impl std::fmt::Debug for ConsentData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsentData")
            .field("consent_id", &self.consent_id)
            .finish_non_exhaustive()
    }
}

impl ConsentData {
    /// The accounts and transactions `consent_id` covers (it must be
    /// active).
    pub fn new(client: FinqLinkClient, consent_id: ConsentId) -> Self {
        ConsentData { client, consent_id }
    }
}

/// The neutral view of a FinqLink account with `balances` (those of
/// `/ais/balances/list` for it; empty to use the account's own), keeping
/// the account and the balances it was given, `(Account, Vec<Balance>)`,
/// as its source.
pub fn account(account: Account, balances: &[Balance]) -> neutral::Account {
    let kind = match account.account_type.as_deref() {
        Some("current") => AccountKind::Checking,
        Some("savings") => AccountKind::Savings,
        other => AccountKind::Unknown(other.unwrap_or_default().to_owned()),
    };
    let id = account
        .id
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let listed = if balances.is_empty() {
        &account.balances[..]
    } else {
        balances
    };
    // The latest of each type.
    let mut latest: BTreeMap<&str, &Balance> = BTreeMap::new();
    for balance in listed {
        let key = balance.balance_type.as_deref().unwrap_or_default();
        if latest
            .get(key)
            .is_none_or(|kept| kept.reference_date < balance.reference_date)
        {
            latest.insert(key, balance);
        }
    }
    let balances: Vec<neutral::Balance> = latest
        .into_iter()
        .filter_map(|(kind, balance)| {
            let money = Money::new(balance.amount?, balance.currency.or(account.currency)?);
            Some(neutral::Balance::new(balance_kind(kind), money).at(balance.reference_date))
        })
        .collect();
    let mut view = neutral::Account::new(
        neutral::Provider::FinqLink,
        id,
        kind,
        (account.clone(), listed.to_vec()),
    );
    view.display_name = account.name;
    view.identifiers.iban = account.iban;
    view.currency = account.currency;
    view.balances = balances;
    view
}

fn balance_kind(kind: &str) -> BalanceKind {
    match kind {
        "closingBooked" | "interimBooked" => BalanceKind::Booked,
        "closingAvailable" | "interimAvailable" | "forwardAvailable" => BalanceKind::Available,
        other => BalanceKind::Unknown(other.to_owned()),
    }
}

/// The neutral view of a FinqLink transaction of `account`, keeping it as
/// its source; a validation error without an amount or a currency.
pub fn transaction(
    account: &neutral::Account,
    transaction: Transaction,
) -> banking_core::Result<neutral::Transaction> {
    let missing = |field: &str| {
        banking_core::Error::validation(
            field,
            format!(
                "transaction {} has none",
                transaction
                    .id
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
        )
    };
    let amount = transaction.amount.ok_or_else(|| missing("amount"))?;
    let currency = transaction
        .currency
        .or(account.currency)
        .ok_or_else(|| missing("currency"))?;
    let amount = match transaction.credit_debit_indicator {
        Some(CreditDebitIndicator::Debit) if amount.is_sign_positive() => -amount,
        _ => amount,
    };
    let mut view = neutral::Transaction::new(
        neutral::Provider::FinqLink,
        transaction
            .account_id
            .as_ref()
            .map_or_else(|| account.id.clone(), ToString::to_string),
        Money::new(amount, currency),
        transaction.clone(),
    );
    view.id = transaction.id.as_ref().map(ToString::to_string);
    view.booking_date = transaction.booking_date_time.map(|t| t.date_naive());
    view.value_date = transaction.value_date;
    view.description = transaction.remittance_information;
    view.counterparty =
        Counterparty::from_parts(transaction.counterparty_name, transaction.counterparty_iban);
    view.status = match transaction.status {
        Some(TransactionStatus::Booked) | None => neutral::TransactionStatus::Booked,
        Some(TransactionStatus::Pending) => neutral::TransactionStatus::Pending,
        Some(other) => neutral::TransactionStatus::Unknown(other.to_string()),
    };
    Ok(view)
}

impl AccountSource for ConsentData {
    fn provider(&self) -> neutral::Provider {
        neutral::Provider::FinqLink
    }

    /// `/ais/accounts/list`, then `/ais/balances/list` per account.
    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<neutral::Account>>> {
        async move {
            let list = self
                .client
                .accounts()
                .list(&AccountsListRequest::new(self.consent_id))
                .await?;
            let mut accounts = Vec::with_capacity(list.accounts.len());
            for listed in list.accounts {
                let balances: Vec<Balance> = match &listed.id {
                    Some(id) => {
                        self.client
                            .balances()
                            .stream(
                                BalancesListRequest::new(self.consent_id).account_id(id.clone()),
                            )
                            .try_collect()
                            .await?
                    }
                    None => Vec::new(),
                };
                accounts.push(account(listed, &balances));
            }
            Ok(accounts)
        }
        .boxed()
    }
}

impl TransactionSource for ConsentData {
    /// `/ais/transactions/list` of the account, booked in `range`.
    fn stream_transactions<'a>(
        &'a self,
        account: &'a neutral::Account,
        range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<neutral::Transaction>> {
        if account.id.is_empty() {
            return stream::empty().boxed();
        }
        let request = TransactionsListRequest::new(self.consent_id)
            .account_id(account.id.clone())
            .booking_date_from(range.from)
            .booking_date_to(range.to);
        self.client
            .transactions()
            .stream(request)
            .and_then(move |t| std::future::ready(transaction(account, t)))
            .try_filter(move |t| std::future::ready(range.admits(t)))
            .boxed()
    }
}
