use banking_core::money::Currency;
use chrono::{NaiveDate, TimeZone, Utc};
use finqlink_client::pagination::Pagination;
use finqlink_client::transactions::{
    CreditDebitIndicator, TransactionStatus, TransactionsListRequest,
};
use finqlink_client::{FinqLinkErrorCode, FinqLinkErrorExt, TransactionId};
use futures::{StreamExt, TryStreamExt};
use rust_decimal::Decimal;
use serde_json::json;
use wiremock::ResponseTemplate;
use wiremock::matchers::body_partial_json;

use crate::support::*;

#[tokio::test]
async fn list_sends_every_filter_and_decodes_exact_transactions() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/transactions/list",
        json!({
            "consent_id": CONSENT_ID,
            "filter": {
                "amount_min": "0.50",
                "amount_max": "1000",
                "currency": "RON",
                "booking_date_from": "2024-04-01",
                "booking_date_to": "2024-05-31",
                "account_id": "acc-ron-1",
                "credit_debit_indicator": "credit",
                "status": "booked",
                "updated_from": "2024-04-01T00:00:00Z",
                "updated_to": "2024-06-01T12:30:00Z"
            },
            "pagination": { "limit": 250 }
        }),
        "schema_built_transactions_list_page1_200.json",
    )
    .await;

    let req = TransactionsListRequest::new(consent_id())
        .amount_min(Decimal::new(50, 2))
        .amount_max(Decimal::new(1000, 0))
        .currency(Currency::RON)
        .booking_date_from(NaiveDate::from_ymd_opt(2024, 4, 1).unwrap())
        .booking_date_to(NaiveDate::from_ymd_opt(2024, 5, 31).unwrap())
        .account_id("acc-ron-1")
        .credit_debit_indicator(CreditDebitIndicator::Credit)
        .status(TransactionStatus::Booked)
        .updated_from(Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap())
        .updated_to(Utc.with_ymd_and_hms(2024, 6, 1, 12, 30, 0).unwrap())
        .pagination(Pagination::new().limit(250));
    let page = client(&server).transactions().list(&req).await.unwrap();

    assert_eq!(page.name.as_deref(), Some("Demo Shop"));
    assert_eq!(page.client_id.as_deref(), Some("demo-client"));
    assert_eq!(page.consent_id, Some(consent_id()));
    let tx = &page.transactions[0];
    assert_eq!(tx.id, Some(TransactionId::from("tx-1003")));
    assert_eq!(tx.amount, Some(Decimal::new(10050, 2)));
    assert_eq!(tx.amount.unwrap().to_string(), "100.50");
    assert_eq!(tx.currency, Some(Currency::RON));
    assert_eq!(
        tx.credit_debit_indicator,
        Some(CreditDebitIndicator::Credit)
    );
    assert_eq!(tx.status, Some(TransactionStatus::Booked));
    assert_eq!(
        tx.booking_date_time,
        Some(Utc.with_ymd_and_hms(2024, 5, 1, 9, 30, 0).unwrap())
    );
    assert_eq!(tx.value_date, NaiveDate::from_ymd_opt(2024, 5, 1));
    assert_eq!(tx.remittance_information.as_deref(), Some("Factura 1234"));
    assert_eq!(tx.counterparty_name.as_deref(), Some("SC Exemplu SRL"));
    assert_eq!(
        tx.counterparty_iban.as_deref(),
        Some("RO10RZBR0000069999999970")
    );
    assert_eq!(
        tx.updated_at,
        Some(Utc.with_ymd_and_hms(2024, 5, 1, 9, 31, 0).unwrap())
    );
    let big = &page.transactions[1];
    assert_eq!(big.amount.unwrap().to_string(), "12345678901234567.89");
    assert_eq!(
        big.credit_debit_indicator,
        Some(CreditDebitIndicator::Debit)
    );
    assert_eq!(big.status, Some(TransactionStatus::Pending));
    assert_eq!(big.keyset.as_deref(), Some("dHgtMTAwMg"));
    // The next page starts after the last record's keyset.
    assert_eq!(page.next_cursor().unwrap().as_deref(), Some("dHgtMTAwMg"));
    assert_eq!(page.pagination.unwrap().after, None);
}

/// Streams `/ais/transactions/list` one record per page from a server that
/// works as documented; returns the ids and the cursors sent.
async fn stream_from_documented_server(with_more: bool) -> (Vec<String>, Vec<Option<String>>) {
    let server = server().await;
    post("/v2/ais/transactions/list")
        .respond_with(KeysetServer::from_fixtures(
            "transactions",
            &[
                "schema_built_transactions_list_page1_200.json",
                "schema_built_transactions_list_page2_200.json",
            ],
            with_more,
        ))
        .mount(&server)
        .await;
    let ids: Vec<String> = client(&server)
        .transactions()
        .stream(TransactionsListRequest::new(consent_id()).pagination(Pagination::new().limit(1)))
        .map_ok(|t| t.id.unwrap().to_string())
        .try_collect()
        .await
        .unwrap();
    (
        ids,
        cursors_sent(&server, "/v2/ais/transactions/list").await,
    )
}

#[tokio::test]
async fn stream_pages_by_the_last_records_keyset_and_stops_on_more_false() {
    let (ids, cursors) = stream_from_documented_server(true).await;
    assert_eq!(ids, ["tx-1003", "tx-1002", "tx-1001"]);
    assert_eq!(
        cursors,
        [None, Some("dHgtMTAwMw".into()), Some("dHgtMTAwMg".into())]
    );
}

#[tokio::test]
async fn stream_without_more_reads_until_an_empty_page() {
    let (ids, cursors) = stream_from_documented_server(false).await;
    assert_eq!(ids, ["tx-1003", "tx-1002", "tx-1001"]);
    // The fourth request, after the last keyset, comes back empty.
    assert_eq!(cursors.len(), 4);
    assert_eq!(cursors[3].as_deref(), Some("dHgtMTAwMQ"));
}

#[tokio::test]
async fn with_options_headers_reach_every_page_of_a_stream() {
    let server = server().await;
    post("/v2/ais/transactions/list")
        .and(wiremock::matchers::header("x-correlation-id", "corr-finq"))
        .respond_with(KeysetServer::from_fixtures(
            "transactions",
            &[
                "schema_built_transactions_list_page1_200.json",
                "schema_built_transactions_list_page2_200.json",
            ],
            false,
        ))
        .expect(4)
        .mount(&server)
        .await;
    let ids: Vec<String> = client(&server)
        .transactions()
        .with_options(
            banking_core::transport::CallOptions::new().header("x-correlation-id", "corr-finq"),
        )
        .stream(TransactionsListRequest::new(consent_id()).pagination(Pagination::new().limit(1)))
        .map_ok(|t| t.id.unwrap().to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["tx-1003", "tx-1002", "tx-1001"]);
}

#[tokio::test]
async fn stream_falls_back_to_a_response_level_cursor() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/transactions/list",
        json!({ "consent_id": CONSENT_ID }),
        "schema_built_transactions_list_response_cursor_200.json",
    )
    .await;
    expect_call(
        &server,
        "/v2/ais/transactions/list",
        json!({
            "consent_id": CONSENT_ID,
            "pagination": { "after": "dHgtMTAwMg" }
        }),
        "schema_built_transactions_list_page2_200.json",
    )
    .await;

    let ids: Vec<String> = client(&server)
        .transactions()
        .stream(TransactionsListRequest::new(consent_id()))
        .map_ok(|t| t.id.unwrap().to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["tx-1003", "tx-1002", "tx-1001"]);
}

#[tokio::test]
async fn more_true_without_any_cursor_is_an_error_not_a_silent_end() {
    let server = server().await;
    let mut page = fixture("schema_built_transactions_list_response_cursor_200.json");
    page["pagination"].as_object_mut().unwrap().remove("after");
    post("/v2/ais/transactions/list")
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server)
        .transactions()
        .stream(TransactionsListRequest::new(consent_id()))
        .collect()
        .await;
    assert_eq!(items.len(), 3, "two records, then the error");
    assert!(matches!(
        items[2].as_ref().unwrap_err(),
        banking_core::Error::Pagination(banking_core::pagination::PaginationError::MissingCursor)
    ));
}

#[tokio::test]
async fn a_server_repeating_the_same_page_is_stopped() {
    let server = server().await;
    post("/v2/ais/transactions/list")
        .respond_with(json_response(
            "schema_built_transactions_list_page1_200.json",
        ))
        .expect(2)
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server)
        .transactions()
        .stream(TransactionsListRequest::new(consent_id()))
        .collect()
        .await;
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(last, banking_core::Error::Pagination(_)), "{last}");
}

#[tokio::test]
async fn consent_not_active_is_a_typed_error_and_ends_a_stream() {
    let server = server().await;
    post("/v2/ais/transactions/list")
        .and(body_partial_json(json!({ "consent_id": CONSENT_ID })))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            fixture_bytes("schema_built_error_consent_not_active_400.json"),
            "application/json",
        ))
        .expect(2)
        .mount(&server)
        .await;

    let client = client(&server);
    let err = client
        .transactions()
        .list(&TransactionsListRequest::new(consent_id()))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.finqlink_code(),
        Some(FinqLinkErrorCode::ConsentNotActive)
    );
    assert!(err.is_consent_not_active());
    assert!(!err.is_cooldown());
    let api = err.api_error().unwrap();
    assert_eq!(
        api.message.as_deref(),
        Some("Consent is not usable for this operation (e.g. expired, revoked, failed, suspended)")
    );

    let items: Vec<_> = client
        .transactions()
        .stream(TransactionsListRequest::new(consent_id()))
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().unwrap_err().is_consent_not_active());
}

#[tokio::test]
async fn bad_transaction_filters_are_refused_before_sending() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let client = client(&server);
    let req = || TransactionsListRequest::new(consent_id());
    let day = |d| NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
    let cases = [
        (
            "min above max",
            req()
                .amount_min(Decimal::new(10, 0))
                .amount_max(Decimal::new(5, 0)),
        ),
        (
            "reversed booking dates",
            req().booking_date_from(day(2)).booking_date_to(day(1)),
        ),
        (
            "reversed update times",
            req()
                .updated_from(Utc.with_ymd_and_hms(2024, 5, 2, 0, 0, 0).unwrap())
                .updated_to(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap()),
        ),
        (
            "empty cursor",
            req().pagination(Pagination::new().after("")),
        ),
    ];
    let mut results = Vec::new();
    for (case, req) in cases {
        results.push((case, client.transactions().list(&req).await));
    }
    assert_all_refused(results);
}

#[test]
fn dates_without_offsets_and_unknown_enum_values_decode() {
    let tx: finqlink_client::transactions::Transaction = serde_json::from_value(json!({
        "booking_date_time": "2024-05-01T09:30:00",
        "value_date": "2024-05-01T00:00:00Z",
        "credit_debit_indicator": "CRDT",
        "status": "information",
        "amount": "-0.01",
        "some_future_field": { "nested": true }
    }))
    .unwrap();
    assert_eq!(
        tx.booking_date_time,
        Some(Utc.with_ymd_and_hms(2024, 5, 1, 9, 30, 0).unwrap())
    );
    assert_eq!(tx.value_date, NaiveDate::from_ymd_opt(2024, 5, 1));
    assert_eq!(
        tx.credit_debit_indicator,
        Some(CreditDebitIndicator::Unknown("CRDT".into()))
    );
    assert_eq!(
        tx.status,
        Some(TransactionStatus::Unknown("information".into()))
    );
    assert_eq!(tx.amount, Some(Decimal::new(-1, 2)));
    let err = serde_json::from_value::<finqlink_client::transactions::Transaction>(
        json!({ "booking_date_time": "yesterday" }),
    )
    .unwrap_err();
    assert!(err.to_string().contains("yesterday"), "{err}");
    // Amounts that break the FinqLink decimal rules are refused, not guessed.
    assert!(
        serde_json::from_value::<finqlink_client::transactions::Transaction>(
            json!({ "amount": "1,000.00" })
        )
        .is_err()
    );
}
