//! Linkcy ledgers and transactions in the provider-neutral view of
//! [`banking_core::neutral`]: [`LinkcyClient`] is an [`AccountSource`]
//! (its ledgers) and a [`TransactionSource`].
//!
//! Rules of the mapping (the docs do not state a sign convention; these
//! are inferred from the samples):
//! - **Balances**: `totalAmount` is booked, `availableAmount` available,
//!   dated by the UTC day of `updateDate`; `reservedAmount` stays in the
//!   source.
//! - **Sign**: `amount` is positive. A transaction whose `sender.ledgerId`
//!   is the account's ledger is money out (negated); one whose
//!   `receiver.ledgerId` is, money in. When neither is, the side that names
//!   a ledger is the Linkcy side: only the sender names one, money out;
//!   otherwise money in.
//! - **Dates**: the booking date is the UTC day of `creationDate`; the
//!   value date that of `information.clearingDate`, when present.
//! - **Booked/pending**: `APPROVED` is booked, except a
//!   `CARD_AUTHORIZATION`, which stays pending until its clearing;
//!   `PENDING` is pending; `DECLINED`, `RELEASED`, `REVERSED` and `ABORTED`
//!   are kept by name.
//! - **FX**: `information.originalAmount` in `originalCurrency` at
//!   `conversionRate`, when both amount and currency are present.
//! - **Range**: sent as `startDate` (the first day at 00:00) and `endDate`
//!   (the last day at 23:59:59), local date-times as the docs show them,
//!   and checked again on the UTC days.

use crate::LedgerId;
use banking_core::money::{Currency, Decimal, Money};
use banking_core::neutral::{
    self, AccountKind, AccountSource, Balance, BalanceKind, Counterparty, DateRange, Fx,
    TransactionSource,
};
use chrono::NaiveTime;
use futures::future::{BoxFuture, FutureExt};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

use crate::{Ledger, LedgerFilter, LinkcyClient, Transaction, TransactionFilter};

/// The neutral view of a ledger, keeping it as its source.
pub fn ledger(ledger: Ledger) -> neutral::Account {
    let mut view = neutral::Account::new(
        neutral::Provider::Linkcy,
        ledger.id.to_string(),
        AccountKind::Ledger,
        ledger.clone(),
    );
    view.display_name = ledger.friendly_name;
    view.identifiers.iban = ledger.iban;
    view.identifiers.bic = ledger.bic_or_swift;
    view.identifiers.account_number = ledger.account_number;
    view.currency = ledger.currency;
    view.status = match ledger.status.as_ref().map(|s| s.as_str()) {
        Some("ACTIVE") | None => neutral::AccountStatus::Active,
        Some("PENDING" | "CREATED") => neutral::AccountStatus::Pending,
        Some("SUSPENDED") => neutral::AccountStatus::Inactive,
        Some("CLOSED") => neutral::AccountStatus::Closed,
        Some(other) => neutral::AccountStatus::Unknown(other.to_owned()),
    };
    if let Some(currency) = ledger.currency {
        let day = ledger.update_date.map(|t| t.date_naive());
        for (kind, amount) in [
            (BalanceKind::Booked, ledger.total_amount),
            (BalanceKind::Available, ledger.available_amount),
        ] {
            if let Some(amount) = amount {
                view.balances
                    .push(Balance::new(kind, Money::new(amount, currency)).at(day));
            }
        }
    }
    view
}

/// The neutral view of a transaction of the ledger `account`, keeping it
/// as its source.
pub fn transaction(account: &neutral::Account, transaction: Transaction) -> neutral::Transaction {
    let ours = account.id.parse::<LedgerId>().ok();
    let ledger_of =
        |party: &Option<crate::TransactionParty>| party.as_ref().and_then(|p| p.ledger_id);
    let (sender, receiver) = (
        ledger_of(&transaction.sender),
        ledger_of(&transaction.receiver),
    );
    let outgoing = match (ours, sender, receiver) {
        (Some(ours), Some(sender), _) if sender == ours => true,
        (Some(ours), _, Some(receiver)) if receiver == ours => false,
        (_, Some(_), None) => true,
        _ => false,
    };
    let amount = if outgoing {
        -transaction.amount
    } else {
        transaction.amount
    };
    let other = if outgoing {
        &transaction.receiver
    } else {
        &transaction.sender
    };
    let counterparty = other.as_ref().and_then(|p| {
        Counterparty::from_parts(p.name.clone(), p.ledger_id.map(|id| id.to_string()))
    });
    let status = match transaction.status.as_ref().map(|s| s.as_str()) {
        Some("APPROVED") | None => {
            let authorization = transaction
                .transaction_type
                .as_ref()
                .is_some_and(|t| t.as_str() == "CARD_AUTHORIZATION");
            if authorization {
                neutral::TransactionStatus::Pending
            } else {
                neutral::TransactionStatus::Booked
            }
        }
        Some("PENDING") => neutral::TransactionStatus::Pending,
        Some(other) => neutral::TransactionStatus::Unknown(other.to_owned()),
    };
    let information = transaction.information.as_ref();
    let fx = information.and_then(|i| {
        let original = Money::new(
            i.original_amount?,
            Currency::new(i.original_currency.as_deref()?).ok()?,
        );
        let rate = i
            .conversion_rate
            .as_deref()
            .and_then(|r| r.parse::<Decimal>().ok());
        Some(Fx::new(original, rate))
    });
    let mut view = neutral::Transaction::new(
        neutral::Provider::Linkcy,
        account.id.clone(),
        Money::new(amount, transaction.currency),
        transaction.clone(),
    );
    view.id = Some(transaction.id.to_string());
    view.booking_date = transaction.creation_date.map(|t| t.date_naive());
    view.value_date = information
        .and_then(|i| i.clearing_date)
        .map(|t| t.date_naive());
    view.description = information.and_then(|i| i.reference.clone().or_else(|| i.note.clone()));
    view.counterparty = counterparty;
    view.status = status;
    view.fx = fx;
    view
}

impl AccountSource for LinkcyClient {
    fn provider(&self) -> neutral::Provider {
        neutral::Provider::Linkcy
    }

    /// Every ledger (`GET /api/partner/ledgers`, page by page).
    fn list_accounts(&self) -> BoxFuture<'_, banking_core::Result<Vec<neutral::Account>>> {
        self.ledgers()
            .stream(LedgerFilter::new())
            .map_ok(ledger)
            .try_collect::<Vec<_>>()
            .boxed()
    }
}

impl TransactionSource for LinkcyClient {
    /// `GET /api/partner/transactions` of the ledger, created in `range`.
    fn stream_transactions<'a>(
        &'a self,
        account: &'a neutral::Account,
        range: DateRange,
    ) -> BoxStream<'a, banking_core::Result<neutral::Transaction>> {
        let Ok(ledger_id) = account.id.parse::<LedgerId>() else {
            let error = banking_core::Error::validation(
                "ledgerId",
                format!("{:?} is not a Linkcy ledger id", account.id),
            );
            return futures::stream::once(async move { Err(error) }).boxed();
        };
        let last = NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time");
        let filter = TransactionFilter::new()
            .ledger_id(ledger_id)
            .start_date(range.from.and_time(NaiveTime::MIN))
            .end_date(range.to.and_time(last));
        self.transactions()
            .stream(filter)
            .map_ok(move |t| transaction(account, t))
            .try_filter(move |t| std::future::ready(range.admits(t)))
            .boxed()
    }
}
