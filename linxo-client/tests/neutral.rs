//! The neutral view of Linxo accounts and transactions, against the
//! fixtures of `GET /accounts` and `GET /transactions`.

use banking_core::neutral::{
    AccountKind, AccountSource, AccountStatus, BalanceKind, DateRange, Provider, TransactionSource,
    TransactionStatus,
};
use chrono::NaiveDate;
use futures::TryStreamExt;
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::support::*;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn mounted() -> wiremock::MockServer {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .and(query_is("page=1&limit=100"))
        .respond_with(ok_fixture("schema_built_accounts_list_200.json"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn accounts_keep_identifiers_balance_and_source() {
    let server = mounted().await;
    let accounts = user_client(&server).list_accounts().await.unwrap();
    assert_eq!(accounts.len(), 2);
    let checking = &accounts[0];
    assert_eq!(checking.provider, Provider::Linxo);
    assert_eq!(checking.id, "81234567");
    assert_eq!(checking.display_name.as_deref(), Some("COMPTE CHEQUES"));
    assert_eq!(
        checking.identifiers.iban.as_deref(),
        Some("FR7630006000011234567890189")
    );
    assert_eq!(
        checking.identifiers.account_number.as_deref(),
        Some("00012345678")
    );
    assert_eq!(checking.kind, AccountKind::Checking);
    assert_eq!(checking.status, AccountStatus::Active);
    let balance = checking.main_balance().unwrap();
    assert_eq!(balance.kind, BalanceKind::Booked);
    assert_eq!(balance.money.to_string(), "1523.07 EUR");
    // 1700086400 is 22:13 UTC on 15 November 2023, 23:13 in Paris.
    assert_eq!(balance.date, Some(day("2023-11-15")));
    let source = checking.source::<linxo_client::Account>().unwrap();
    assert_eq!(
        source.owner.as_ref().unwrap().name.as_deref(),
        Some("JEAN MARTIN")
    );

    let savings = &accounts[1];
    assert_eq!(savings.kind, AccountKind::Savings);
    assert_eq!(savings.identifiers.iban, None);
    assert_eq!(
        savings.main_balance().unwrap().money.to_string(),
        "12005.50 EUR"
    );
}

#[tokio::test]
async fn transactions_are_signed_dated_in_paris_and_bounded_by_the_range() {
    let server = mounted().await;
    // 14 November 2023, Paris midnight to the end of 15 November.
    Mock::given(method("GET"))
        .and(path("/transactions"))
        .and(query_is(
            "account_id=81234567&page=1&limit=100&start_date=1699916400&end_date=1700089199",
        ))
        .respond_with(ok_fixture("schema_built_transactions_list_page1_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = user_client(&server);
    let accounts = client.list_accounts().await.unwrap();
    let range = DateRange::new(day("2023-11-14"), day("2023-11-15")).unwrap();
    let transactions: Vec<_> = client
        .stream_transactions(&accounts[0], range)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(transactions.len(), 2);
    let debit = &transactions[0];
    assert_eq!(debit.id.as_deref(), Some("3100000001"));
    assert_eq!(debit.account_id, "81234567");
    assert_eq!(debit.amount.to_string(), "-42.90 EUR");
    // 1700002800 is 23:00 UTC on the 14th: midnight of the 15th in Paris.
    assert_eq!(debit.booking_date, Some(day("2023-11-15")));
    assert_eq!(debit.value_date, Some(day("2023-11-15")));
    assert_eq!(debit.description.as_deref(), Some("Opérateur Télécom"));
    let counterparty = debit.counterparty.as_ref().unwrap();
    assert_eq!(counterparty.name.as_deref(), Some("Opérateur Télécom"));
    assert_eq!(debit.status, TransactionStatus::Booked);
    assert_eq!(debit.fx, None);
    let source = debit.source::<linxo_client::Transaction>().unwrap();
    assert_eq!(source.remittance_information.as_ref().unwrap().len(), 4);

    let fee = &transactions[1];
    assert_eq!(fee.amount.to_string(), "-4 EUR");
    assert_eq!(fee.booking_date, Some(day("2023-11-14")));
    assert_eq!(fee.counterparty, None);
}

#[tokio::test]
async fn a_server_ignoring_the_range_does_not_widen_it() {
    let server = mounted().await;
    Mock::given(method("GET"))
        .and(path("/transactions"))
        .respond_with(ok_fixture("schema_built_transactions_list_page1_200.json"))
        .mount(&server)
        .await;
    let client = user_client(&server);
    let accounts = client.list_accounts().await.unwrap();
    let range = DateRange::new(day("2023-11-15"), day("2023-11-15")).unwrap();
    let transactions: Vec<_> = client
        .stream_transactions(&accounts[0], range)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = transactions.iter().map(|t| t.id.as_deref()).collect();
    assert_eq!(ids, [Some("3100000001")]);
}
