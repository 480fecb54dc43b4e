use banking_core::money::Currency;
use chrono::NaiveDate;
use finqlink_client::AccountId;
use finqlink_client::balances::BalancesListRequest;
use finqlink_client::pagination::Pagination;
use futures::TryStreamExt;
use rust_decimal::Decimal;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn list_sends_filters_and_decodes_exact_amounts() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/balances/list",
        json!({
            "consent_id": CONSENT_ID,
            "filter": { "currency": "RON", "type": "closingBooked", "account_id": "acc-ron-1" },
            "pagination": { "limit": 2 }
        }),
        "schema_built_balances_list_page1_200.json",
    )
    .await;

    let req = BalancesListRequest::new(consent_id())
        .currency(Currency::RON)
        .balance_type("closingBooked")
        .account_id("acc-ron-1")
        .pagination(Pagination::new().limit(2));
    let page = client(&server).balances().list(&req).await.unwrap();

    assert_eq!(page.balances.len(), 2);
    assert_eq!(
        page.balances[0].account_id,
        Some(AccountId::from("acc-ron-1"))
    );
    assert_eq!(page.balances[0].amount.unwrap().to_string(), "1520.75");
    assert_eq!(page.balances[1].amount.unwrap().to_string(), "-20.00");
    assert_eq!(page.balances[1].currency, Some(Currency::RON));
    assert_eq!(
        page.balances[1].reference_date,
        NaiveDate::from_ymd_opt(2024, 4, 30)
    );
    assert_eq!(page.balances[1].keyset.as_deref(), Some("YmFsYW5jZS0y"));
    assert_eq!(page.next_cursor().unwrap().as_deref(), Some("YmFsYW5jZS0y"));
    let info = page.pagination.unwrap();
    assert_eq!((info.count, info.more), (Some(2), Some(true)));
    assert_eq!(
        info.after, None,
        "the documented shape has no response cursor"
    );
}

#[tokio::test]
async fn stream_reads_every_page_once_by_the_last_records_keyset() {
    let server = server().await;
    post("/v2/ais/balances/list")
        .respond_with(KeysetServer::from_fixtures(
            "balances",
            &[
                "schema_built_balances_list_page1_200.json",
                "schema_built_balances_list_page2_200.json",
            ],
            true,
        ))
        .mount(&server)
        .await;

    let client = client(&server);
    let amounts: Vec<Decimal> = client
        .balances()
        .stream(BalancesListRequest::new(consent_id()).pagination(Pagination::new().limit(1)))
        .map_ok(|b| b.amount.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        amounts,
        [
            Decimal::new(152075, 2),
            Decimal::new(-2000, 2),
            Decimal::new(50, 2)
        ]
    );
    assert_eq!(
        cursors_sent(&server, "/v2/ais/balances/list").await,
        [
            None,
            Some("YmFsYW5jZS0x".into()),
            Some("YmFsYW5jZS0y".into())
        ]
    );
}
