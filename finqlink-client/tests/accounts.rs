use banking_core::money::Currency;
use chrono::NaiveDate;
use finqlink_client::AccountId;
use finqlink_client::accounts::AccountsListRequest;
use rust_decimal::Decimal;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn list_sends_the_consent_and_filters_and_decodes_accounts_with_balances() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/accounts/list",
        json!({
            "consent_id": CONSENT_ID,
            "filter": { "currency": "RON", "account_type": "current" }
        }),
        "schema_built_accounts_list_200.json",
    )
    .await;

    let req = AccountsListRequest::new(consent_id())
        .currency(Currency::RON)
        .account_type("current");
    let list = client(&server).accounts().list(&req).await.unwrap();

    assert_eq!(list.consent_id, Some(consent_id()));
    assert_eq!(list.request_id.as_deref(), Some("req-accounts-list"));
    let account = &list.accounts[0];
    assert_eq!(account.id, Some(AccountId::from("acc-ron-1")));
    assert_eq!(account.iban.as_deref(), Some("RO42CECEAG0202RON0007466"));
    assert_eq!(account.currency, Some(Currency::RON));
    assert_eq!(account.name.as_deref(), Some("Cont curent"));
    assert_eq!(account.account_type.as_deref(), Some("current"));
    let balance = &account.balances[0];
    assert_eq!(balance.amount, Some(Decimal::new(152075, 2)));
    assert_eq!(balance.balance_type.as_deref(), Some("closingBooked"));
    assert_eq!(balance.reference_date, NaiveDate::from_ymd_opt(2024, 5, 1));
}

#[tokio::test]
async fn list_without_filters_sends_only_the_consent() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/accounts/list",
        json!({ "consent_id": CONSENT_ID }),
        "schema_built_accounts_list_200.json",
    )
    .await;
    let list = client(&server)
        .accounts()
        .list(&AccountsListRequest::new(consent_id()))
        .await
        .unwrap();
    assert_eq!(list.accounts.len(), 1);
}
