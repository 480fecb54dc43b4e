//! The neutral view of Linkcy ledgers and transactions, against the
//! simulator: `schema_built_ledgers_list_200.json`,
//! `schema_built_ledgers_get_200.json` and the three transaction pages.

use banking_core::neutral::{
    AccountKind, AccountSource, AccountStatus, DateRange, Provider, TransactionSource,
    TransactionStatus,
};
use chrono::NaiveDate;
use futures::TryStreamExt;
use linkcy_client::testkit::LinkcySimulator;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn ledgers_are_accounts_with_total_and_available_balances() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let listed = client.list_accounts().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, "497f6eca-6276-4993-bfeb-53cbbbba6f08");
    assert_eq!(listed[0].status, AccountStatus::Pending);
    assert!(listed[0].balances.is_empty());

    let main = "a2873d47-59a8-4daf-a325-cb2c04557dd7"
        .parse::<linkcy_client::LedgerId>()
        .unwrap();
    let account = linkcy_client::neutral::ledger(client.ledgers().get(main).await.unwrap());
    assert_eq!(account.provider, Provider::Linkcy);
    assert_eq!(account.kind, AccountKind::Ledger);
    assert_eq!(account.status, AccountStatus::Active);
    let balances: Vec<String> = account
        .balances
        .iter()
        .map(|b| format!("{:?} {} {}", b.kind, b.money, b.date.unwrap()))
        .collect();
    assert_eq!(
        balances,
        [
            "Booked 1520.75 EUR 2024-03-05",
            "Available 1478.65 EUR 2024-03-05"
        ]
    );
    let raw = account.source::<linkcy_client::Ledger>().unwrap();
    assert_eq!(raw.reserved_amount.unwrap().to_string(), "42.10");
}

#[tokio::test]
async fn transactions_are_signed_by_the_side_the_ledger_is_on() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let main = "a2873d47-59a8-4daf-a325-cb2c04557dd7"
        .parse::<linkcy_client::LedgerId>()
        .unwrap();
    let account = linkcy_client::neutral::ledger(client.ledgers().get(main).await.unwrap());
    // The simulator applies the ledger and the dates: the transfer from
    // the other ledger (4 March) and 5 March are not sent.
    let range = DateRange::new(day("2024-03-01"), day("2024-03-04")).unwrap();
    let transactions: Vec<_> = client
        .stream_transactions(&account, range)
        .try_collect()
        .await
        .unwrap();
    let shown: Vec<String> = transactions
        .iter()
        .map(|t| {
            let counterparty = t.counterparty.as_ref().and_then(|c| c.name.as_deref());
            format!(
                "{} {} {:?} {}",
                t.booking_date.unwrap(),
                t.amount,
                t.status,
                counterparty.unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            // sender.ledgerId is this ledger: out.
            "2024-03-01 -42.10 EUR Unknown(\"RELEASED\") COFFEE SHOP NYC",
            "2024-03-02 -250.00 EUR Unknown(\"DECLINED\") ACME SARL",
            // receiver.ledgerId is this ledger: in.
            "2024-03-03 19.99 EUR Pending John Smith",
        ]
    );
    let card = &transactions[0];
    let fx = card.fx.as_ref().unwrap();
    assert_eq!(fx.original.to_string(), "45.00 USD");
    assert_eq!(fx.rate.unwrap().to_string(), "0.9356");
    assert_eq!(card.description.as_deref(), Some("COFFEE SHOP NYC"));

    // The other ledger sends to a party without one: out.
    let other = "b595c981-8a0f-4604-a66c-209d65193394"
        .parse::<linkcy_client::LedgerId>()
        .unwrap();
    let mut other = linkcy_client::neutral::ledger(client.ledgers().get(other).await.unwrap());
    other.id = "b595c981-8a0f-4604-a66c-209d65193394".to_owned();
    let transactions: Vec<_> = client
        .stream_transactions(&other, range)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(transactions.len(), 1, "{transactions:?}");
    assert_eq!(transactions[0].amount.to_string(), "-99.99 GBP");
    assert_eq!(transactions[0].value_date, Some(day("2024-03-04")));
    assert_eq!(transactions[0].status, TransactionStatus::Booked);
}
