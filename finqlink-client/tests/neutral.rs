//! The neutral view of a consent's data, against the simulator, which
//! answers with the Data fixtures (`schema_built_accounts_list_200.json`,
//! the two balance and the two transaction pages).

use banking_core::neutral::{
    AccountKind, AccountSource, BalanceKind, DateRange, Provider, TransactionSource,
    TransactionStatus,
};
use chrono::NaiveDate;
use finqlink_client::consents::ConsentScope;
use finqlink_client::neutral::ConsentData;
use finqlink_client::testkit::FinqLinkSimulator;
use futures::TryStreamExt;

use crate::testkit::active_consent;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn data() -> (FinqLinkSimulator, ConsentData) {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let consent = active_consent(&client, ConsentScope::Full).await;
    (sim, ConsentData::new(client, consent))
}

#[tokio::test]
async fn accounts_carry_the_latest_balance_of_each_type() {
    let (_sim, data) = data().await;
    let accounts = data.list_accounts().await.unwrap();
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0];
    assert_eq!(account.provider, Provider::FinqLink);
    assert_eq!(account.id, "acc-ron-1");
    assert_eq!(account.display_name.as_deref(), Some("Cont curent"));
    assert_eq!(
        account.identifiers.iban.as_deref(),
        Some("RO42CECEAG0202RON0007466")
    );
    assert_eq!(account.kind, AccountKind::Checking);
    let shown: Vec<String> = account
        .balances
        .iter()
        .map(|b| format!("{:?} {} {}", b.kind, b.money, b.date.unwrap()))
        .collect();
    // closingBooked on 1 May beats -20.00 on 30 April; interimAvailable is
    // on the second page.
    assert_eq!(
        shown,
        [
            "Booked 1520.75 RON 2024-05-01",
            "Available 0.50 RON 2024-04-29"
        ]
    );
    let (source, balances) = account
        .source::<(
            finqlink_client::accounts::Account,
            Vec<finqlink_client::balances::Balance>,
        )>()
        .unwrap();
    assert_eq!(source.account_type.as_deref(), Some("current"));
    assert_eq!(balances.len(), 3);
    assert_eq!(account.main_balance().unwrap().kind, BalanceKind::Booked);
}

#[tokio::test]
async fn debits_are_negated_and_the_range_holds_even_when_the_server_ignores_it() {
    let (_sim, data) = data().await;
    let accounts = data.list_accounts().await.unwrap();
    // The simulator sends all three pages' transactions whatever the
    // filter; 29 April is outside.
    let range = DateRange::new(day("2024-04-30"), day("2024-05-01")).unwrap();
    let transactions: Vec<_> = data
        .stream_transactions(&accounts[0], range)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(transactions.len(), 2);
    let credit = &transactions[0];
    assert_eq!(credit.id.as_deref(), Some("tx-1003"));
    assert_eq!(credit.amount.to_string(), "100.50 RON");
    assert_eq!(credit.booking_date, Some(day("2024-05-01")));
    assert_eq!(credit.value_date, Some(day("2024-05-01")));
    assert_eq!(credit.description.as_deref(), Some("Factura 1234"));
    let counterparty = credit.counterparty.as_ref().unwrap();
    assert_eq!(counterparty.name.as_deref(), Some("SC Exemplu SRL"));
    assert_eq!(
        counterparty.identifier.as_deref(),
        Some("RO10RZBR0000069999999970")
    );
    assert_eq!(credit.status, TransactionStatus::Booked);

    let debit = &transactions[1];
    assert_eq!(debit.amount.to_string(), "-12345678901234567.89 RON");
    assert_eq!(debit.status, TransactionStatus::Pending);
    assert_eq!(debit.booking_date, Some(day("2024-04-30")));
    assert_eq!(debit.value_date, None);
    let source = debit
        .source::<finqlink_client::transactions::Transaction>()
        .unwrap();
    assert_eq!(source.keyset.as_deref(), Some("dHgtMTAwMg"));
}
