//! Flinks in the provider-neutral view of [`banking_core::neutral`]: a
//! Connect session ([`ConnectSession`], `GetAccountsDetail`) and an
//! Outbound FDX connection ([`FdxConnection`]) are each an
//! [`AccountSource`] and a [`TransactionSource`].
//!
//! Rules of the Connect mapping:
//! - **Accounts**: one `GetAccountsDetail` with balances, identity (transit,
//!   institution and account numbers) and transactions, waited for through
//!   the 202 answers with the session's [`PollOptions`]. Balance `Current`
//!   is booked, `Available` available, both as sent and undated (Connect
//!   does not date them).
//! - **Sign**: Connect sends `Debit` and `Credit` as positive amounts on one
//!   transaction; the amount is `Credit - Debit` (the docs' sample sets
//!   both).
//! - **Dates**: `Date` is a calendar day as sent (the institution's day);
//!   there is no value date.
//! - **Booked/pending**: Connect lists posted transactions only (inferred:
//!   nothing in the payload marks one pending), so all are booked.
//! - **Range**: Connect has no date filter here: the transactions come with
//!   the accounts (its `DaysOfTransactions` decides how far back) and are
//!   filtered on their day.
//!
//! Rules of the FDX mapping:
//! - **Accounts**: `GET /accounts?resultType=details`. Deposit accounts
//!   have `currentBalance` (booked) and `availableBalance` (available);
//!   lines of credit `currentBalance` (booked) and `availableCredit`
//!   (kept by name); loans `principalBalance` (booked); investments
//!   `currentValue` (booked) and `availableCashBalance` (available).
//!   A balance of an account whose `balanceType` is `LIABILITY` is owed and
//!   is negated, so totals net what is owed against what is owned. The
//!   balances' day is the UTC day of `balanceAsOf`.
//! - **Sign**: `amount` is positive; a `debitCreditMemo` of `DEBIT` is
//!   negated.
//! - **Dates**: the booking date is the UTC day of `postedTimestamp`, else
//!   of `transactionTimestamp` (pending ones are not posted yet).
//! - **Booked/pending**: `POSTED` is booked, `PENDING` and `AUTHORIZATION`
//!   pending, `MEMO` kept by name.
//! - **Range**: sent as `startTime` and `endTime`, and checked again.

use banking_core::money::{Currency, Money};
use banking_core::neutral::{
    self, AccountKind, AccountSource, BalanceKind, DateRange, TransactionSource,
};
use futures::future::{BoxFuture, FutureExt};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

#[cfg(feature = "connect")]
use crate::FlinksClient;
#[cfg(feature = "connect")]
use crate::connect::{self, AccountsDetailRequest, PollOptions};
#[cfg(feature = "connect")]
use crate::ids::RequestId;
#[cfg(feature = "outbound")]
use crate::outbound::FdxConnection;
#[cfg(feature = "outbound")]
use crate::outbound::fdx::accounts::{
    self as fdx_accounts, AccountsRequest, BalanceType, FdxAccount, ResultType,
};
#[cfg(feature = "outbound")]
use crate::outbound::fdx::transactions::{
    DebitCreditMemo, FdxTransaction, TransactionStatus, TransactionsRequest,
};

#[cfg(feature = "connect")]
/// The accounts of one authorized Connect session.
#[derive(Clone)]
pub struct ConnectSession {
    client: FlinksClient,
    request_id: RequestId,
    poll: PollOptions,
}

#[cfg(feature = "connect")]
impl std::fmt::Debug for ConnectSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectSession")
            .field("request_id", &self.request_id)
            .field("poll", &self.poll)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "connect")]
impl ConnectSession {
    /// The session `request_id` (from Authorize), polled with `poll`.
    pub fn new(client: FlinksClient, request_id: RequestId, poll: PollOptions) -> Self {
        ConnectSession {
            client,
            request_id,
            poll,
        }
    }
}

#[cfg(feature = "connect")]
/// The neutral view of a Connect account, keeping it (transactions
/// included) as its source.
pub fn connect_account(account: connect::Account) -> neutral::Account {
    let kind = match &account.kind {
        Some(connect::AccountKind::Chequing | connect::AccountKind::Checking) => {
            AccountKind::Checking
        }
        Some(connect::AccountKind::Savings) => AccountKind::Savings,
        Some(connect::AccountKind::Tfsa | connect::AccountKind::Rrsp) => AccountKind::Investment,
        Some(connect::AccountKind::CreditCard) => AccountKind::CreditCard,
        Some(connect::AccountKind::LineOfCredit | connect::AccountKind::LoanPersonal) => {
            AccountKind::Loan
        }
        Some(other) => AccountKind::Unknown(other.to_string()),
        None => AccountKind::Unknown(String::new()),
    };
    let id = account
        .id
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut view = neutral::Account::new(neutral::Provider::Flinks, id, kind, account.clone());
    view.display_name = account.title;
    view.identifiers.transit_number = account.transit_number;
    view.identifiers.institution_number = account.institution_number;
    view.identifiers.account_number = account.account_number.or(account.last_four_digits);
    view.currency = account.currency;
    if let (Some(balance), Some(currency)) = (&account.balance, account.currency) {
        let mut push = |kind, amount: Option<banking_core::money::Decimal>| {
            if let Some(amount) = amount {
                view.balances
                    .push(neutral::Balance::new(kind, Money::new(amount, currency)));
            }
        };
        push(BalanceKind::Booked, balance.current);
        push(BalanceKind::Available, balance.available);
    }
    view
}

#[cfg(feature = "connect")]
/// The neutral view of a Connect transaction of `account`; a validation
/// error when the account has no currency.
pub fn connect_transaction(
    account: &neutral::Account,
    transaction: connect::Transaction,
) -> banking_core::Result<neutral::Transaction> {
    let currency = account_currency(account)?;
    let amount = transaction.credit.unwrap_or_default() - transaction.debit.unwrap_or_default();
    let mut view = neutral::Transaction::new(
        neutral::Provider::Flinks,
        account.id.clone(),
        Money::new(amount, currency),
        transaction.clone(),
    );
    view.id = transaction.id.as_ref().map(ToString::to_string);
    view.booking_date = transaction.date;
    view.description = transaction.description;
    Ok(view)
}

#[cfg(feature = "connect")]
impl AccountSource for ConnectSession {
    fn provider(&self) -> neutral::Provider {
        neutral::Provider::Flinks
    }

    /// `GetAccountsDetail` with balances, identity and transactions, polled
    /// until ready.
    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<neutral::Account>>> {
        async move {
            let connect = self.client.connect();
            let request = AccountsDetailRequest::new(self.request_id)
                .with_balance(true)
                .with_account_identity(true)
                .with_transactions(true);
            let outcome = connect.accounts_detail(&request).await?;
            let detail = connect.wait_ready(outcome, &self.poll).await?;
            Ok(detail.accounts.into_iter().map(connect_account).collect())
        }
        .boxed()
    }
}

#[cfg(feature = "connect")]
impl TransactionSource for ConnectSession {
    /// The transactions that came with the account, dated in `range`.
    fn stream_transactions<'a>(
        &'a self,
        account: &'a neutral::Account,
        range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<neutral::Transaction>> {
        let transactions = account
            .source::<connect::Account>()
            .map(|a| a.transactions.clone())
            .unwrap_or_default();
        futures::stream::iter(transactions)
            .map(move |t| connect_transaction(account, t))
            .try_filter(move |t| std::future::ready(range.admits(t)))
            .boxed()
    }
}

#[cfg(feature = "outbound")]
/// The neutral view of an FDX account, keeping it as its source.
pub fn fdx_account(account: FdxAccount) -> neutral::Account {
    let fields = &account.account;
    let kind = match (&account.kind, &fields.account_type) {
        (_, Some(fdx_accounts::AccountType::Checking)) => AccountKind::Checking,
        (_, Some(fdx_accounts::AccountType::Savings)) => AccountKind::Savings,
        (_, Some(fdx_accounts::AccountType::CreditCard)) => AccountKind::CreditCard,
        (fdx_accounts::AccountKind::LineOfCredit | fdx_accounts::AccountKind::Loan, _) => {
            AccountKind::Loan
        }
        (fdx_accounts::AccountKind::Investment, _) => AccountKind::Investment,
        (_, Some(other)) => AccountKind::Unknown(other.to_string()),
        (other, None) => AccountKind::Unknown(other.to_string()),
    };
    let status = match &fields.status {
        Some(fdx_accounts::AccountStatus::Open) | None => neutral::AccountStatus::Active,
        Some(fdx_accounts::AccountStatus::Closed | fdx_accounts::AccountStatus::Paid) => {
            neutral::AccountStatus::Closed
        }
        Some(fdx_accounts::AccountStatus::PendingOpen) => neutral::AccountStatus::Pending,
        Some(other) => neutral::AccountStatus::Unknown(other.to_string()),
    };
    let currency = fields.currency.as_ref().and_then(|c| c.currency_code);
    let owed = fields.balance_type == Some(BalanceType::Liability);
    let day = fields.balance_as_of.map(|t| t.date_naive());
    let mut balances = Vec::new();
    if let Some(currency) = currency {
        let listed = [
            (BalanceKind::Booked, fields.current_balance),
            (BalanceKind::Available, fields.available_balance),
            (
                BalanceKind::Unknown("availableCredit".to_owned()),
                fields.available_credit,
            ),
            (BalanceKind::Booked, fields.principal_balance),
            (BalanceKind::Booked, fields.current_value),
            (BalanceKind::Available, fields.available_cash_balance),
        ];
        for (kind, amount) in listed {
            if let Some(amount) = amount {
                let amount = if owed { -amount } else { amount };
                balances.push(neutral::Balance::new(kind, Money::new(amount, currency)).at(day));
            }
        }
    }
    let id = fields
        .account_id
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut view = neutral::Account::new(neutral::Provider::Flinks, id, kind, account.clone());
    let fields = account.account;
    view.display_name = fields.nickname.or(fields.product_name);
    view.identifiers.transit_number = fields.routing_transit_number;
    view.identifiers.account_number = fields.account_number.or(fields.account_number_display);
    view.currency = currency;
    view.status = status;
    view.balances = balances;
    view
}

#[cfg(feature = "outbound")]
/// The neutral view of an FDX transaction of `account`; a validation error
/// without an amount or an account currency.
pub fn fdx_transaction(
    account: &neutral::Account,
    transaction: FdxTransaction,
) -> banking_core::Result<neutral::Transaction> {
    let currency = account_currency(account)?;
    let fields = &transaction.transaction;
    let amount = fields.amount.ok_or_else(|| {
        banking_core::Error::validation(
            "amount",
            format!(
                "FDX transaction {} has none",
                fields
                    .transaction_id
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
        )
    })?;
    let amount = match fields.debit_credit_memo {
        Some(DebitCreditMemo::Debit) if amount.is_sign_positive() => -amount,
        _ => amount,
    };
    let status = match &fields.status {
        Some(TransactionStatus::Posted) | None => neutral::TransactionStatus::Booked,
        Some(TransactionStatus::Pending | TransactionStatus::Authorization) => {
            neutral::TransactionStatus::Pending
        }
        Some(other) => neutral::TransactionStatus::Unknown(other.to_string()),
    };
    let mut view = neutral::Transaction::new(
        neutral::Provider::Flinks,
        fields
            .account_id
            .as_ref()
            .map_or_else(|| account.id.clone(), ToString::to_string),
        Money::new(amount, currency),
        transaction.clone(),
    );
    let fields = transaction.transaction;
    view.id = fields.transaction_id.as_ref().map(ToString::to_string);
    view.booking_date = fields
        .posted_timestamp
        .or(fields.transaction_timestamp)
        .map(|t| t.date_naive());
    view.description = fields.description;
    view.counterparty = neutral::Counterparty::from_parts(fields.payee, None);
    view.status = status;
    Ok(view)
}

fn account_currency(account: &neutral::Account) -> banking_core::Result<Currency> {
    account.currency.ok_or_else(|| {
        banking_core::Error::validation("currency", format!("account {} has none", account.id))
    })
}

#[cfg(feature = "outbound")]
impl AccountSource for FdxConnection {
    fn provider(&self) -> neutral::Provider {
        neutral::Provider::Flinks
    }

    /// Every account with its details, page after page.
    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<neutral::Account>>> {
        self.accounts()
            .stream(AccountsRequest::new().result_type(ResultType::Details))
            .map_ok(fdx_account)
            .try_collect::<Vec<_>>()
            .boxed()
    }
}

#[cfg(feature = "outbound")]
impl TransactionSource for FdxConnection {
    /// The account's transactions between `startTime` and `endTime`.
    fn stream_transactions<'a>(
        &'a self,
        account: &'a neutral::Account,
        range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<neutral::Transaction>> {
        let request = TransactionsRequest::new(account.id.clone()).between(range.from, range.to);
        self.transactions()
            .stream(request)
            .and_then(move |t| std::future::ready(fdx_transaction(account, t)))
            .try_filter(move |t| std::future::ready(range.admits(t)))
            .boxed()
    }
}
