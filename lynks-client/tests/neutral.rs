//! The neutral view of LYNKS ordering-party accounts and statement
//! entries, against the simulator (`inferred_accounts_list_200.json`,
//! `inferred_balances_200.json`, `inferred_transactions_200.json`).

use banking_core::neutral::{
    AccountSource, AccountStatus, DateRange, Provider, TransactionSource, TransactionStatus,
};
use chrono::NaiveDate;
use futures::TryStreamExt;
use lynks_client::testkit::LynksSimulator;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn accounts_take_closing_balances_signed_by_their_indicator() {
    let sim = LynksSimulator::start().await;
    let accounts = sim.client().list_accounts().await.unwrap();
    assert_eq!(accounts.len(), 2);
    let eur = &accounts[0];
    assert_eq!(eur.provider, Provider::Lynks);
    assert_eq!(eur.id, "0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b");
    assert_eq!(eur.display_name.as_deref(), Some("Operating account EUR"));
    assert_eq!(
        eur.identifiers.iban.as_deref(),
        Some("LU120010001234567891")
    );
    assert_eq!(eur.identifiers.bic.as_deref(), Some("BCEELULL"));
    let balances: Vec<String> = eur
        .balances
        .iter()
        .map(|b| format!("{:?} {} {}", b.kind, b.money, b.date.unwrap()))
        .collect();
    // CLBD beats ITBD and OPBD; CLAV is a DBIT.
    assert_eq!(
        balances,
        [
            "Booked 125430.17 EUR 2025-03-03",
            "Available -1500.50 EUR 2025-03-03"
        ]
    );
    let usd = &accounts[1];
    assert_eq!(usd.status, AccountStatus::Inactive);
    // The simulator has no statement for it (404): no balances.
    assert!(usd.balances.is_empty());
}

#[tokio::test]
async fn entries_are_signed_with_fx_and_status() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let accounts = client.list_accounts().await.unwrap();
    let range = DateRange::new(day("2025-03-01"), day("2025-03-31")).unwrap();
    let entries: Vec<_> = client
        .stream_transactions(&accounts[0], range)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    let fx = &entries[0];
    assert_eq!(fx.amount.to_string(), "9234.50 EUR");
    assert_eq!(fx.booking_date, Some(day("2025-03-03")));
    assert_eq!(fx.value_date, Some(day("2025-03-04")));
    let details = fx.fx.as_ref().unwrap();
    assert_eq!(details.original.to_string(), "10000.00 USD");
    assert_eq!(details.rate.unwrap().to_string(), "0.92345");
    assert_eq!(
        fx.counterparty.as_ref().unwrap().name.as_deref(),
        Some("Northwind Traders Inc.")
    );
    assert_eq!(fx.status, TransactionStatus::Booked);

    let debit = &entries[1];
    assert_eq!(debit.amount.to_string(), "-12500.00 EUR");
    assert_eq!(debit.status, TransactionStatus::Pending);
    assert_eq!(
        debit.counterparty.as_ref().unwrap().identifier.as_deref(),
        Some("LU280019400644750000")
    );
    assert_eq!(debit.description.as_deref(), Some("Invoice 2025-0042"));

    let later = DateRange::new(day("2025-03-04"), day("2025-03-31")).unwrap();
    let none: Vec<_> = client
        .stream_transactions(&accounts[0], later)
        .try_collect()
        .await
        .unwrap();
    assert!(none.is_empty());
}
