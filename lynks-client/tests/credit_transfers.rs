//! Credit transfers: create (never resent), get, list.

use std::time::Duration;

use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use lynks_client::credit_transfers::{
    ChargeBearer, CreditTransferFilter, CreditTransferStatus, NewCreditTransfer,
};
use lynks_client::{
    AccountId, CounterpartyId, CreditTransferId, LynksErrorCode, LynksErrorExt, PaymentCategoryId,
};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{self, bearer, fixture_json, respond, sent_body, setup};

fn transfer() -> NewCreditTransfer {
    common::transfer(Decimal::new(1_250_000, 2), Currency::EUR)
        .remittance_information("Invoice 2025-0042")
        .end_to_end_id("E2E-2025-0042")
        .requested_execution_date(NaiveDate::from_ymd_opt(2099, 3, 4).unwrap())
        .charge_bearer(ChargeBearer::Slev)
}

#[tokio::test]
async fn create_sends_exact_amounts_and_returns_the_ids() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/credit-transfers"))
        .and(bearer())
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json(
            "inferred_credit_transfers_create_request.json",
        )))
        .respond_with(respond(
            201,
            "schema_built_credit_transfers_create_201.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client
        .credit_transfers()
        .create(&[transfer()])
        .await
        .unwrap();
    assert_eq!(
        ids,
        [CreditTransferId::new(
            "5f3e2d1c-0b9a-4876-a543-210fedcba987"
        )]
    );
    // The amount goes out as written, scale included.
    let body = sent_body(&server, "/v2/credit-transfers").await;
    assert!(body.contains(r#""amount":12500.00,"#), "{body}");
    assert!(
        !server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .any(|r| r.headers.contains_key("idempotency-key"))
    );
}

#[tokio::test]
async fn a_503_on_create_is_reported_not_resent() {
    let (server, _) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/credit-transfers"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    // Even with retries on, a payment without an idempotency key is sent
    // once: the server answered, and a resend could pay twice.
    let client = crate::common::builder(&server)
        .retry_policy(banking_core::retry::RetryPolicy::default())
        .build()
        .unwrap();
    let err = client
        .credit_transfers()
        .create(&[transfer()])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.lynks_error_code(),
        Some(LynksErrorCode::ServiceUnavailable)
    );
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_outcome_unknown() {
    let (server, _) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/credit-transfers"))
        .respond_with(
            respond(201, "schema_built_credit_transfers_create_201.json")
                .set_delay(Duration::from_secs(5)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = crate::common::builder(&server)
        .retry_policy(banking_core::retry::RetryPolicy::default())
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client
        .credit_transfers()
        .create(&[transfer()])
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(err.is_timeout());
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(
            "/v2/credit-transfers/5f3e2d1c-0b9a-4876-a543-210fedcba987",
        ))
        .and(bearer())
        .respond_with(respond(200, "inferred_credit_transfer_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = CreditTransferId::new("5f3e2d1c-0b9a-4876-a543-210fedcba987");
    let t = client.credit_transfers().get(&id).await.unwrap();
    assert_eq!(t.id, id);
    assert_eq!(t.status, Some(CreditTransferStatus::WaitingForSignatures));
    assert_eq!(
        t.ordering_party_account_id,
        Some(AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"))
    );
    assert_eq!(
        t.counterparty_id,
        Some(CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11"))
    );
    assert_eq!(t.amount.unwrap().to_string(), "12500.00");
    assert_eq!(
        t.money(),
        Some(Money::new(Decimal::new(1_250_000, 2), Currency::EUR))
    );
    assert_eq!(
        t.payment_category_id,
        Some(PaymentCategoryId::new(
            "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"
        ))
    );
    assert_eq!(
        t.remittance_information.as_deref(),
        Some("Invoice 2025-0042")
    );
    assert_eq!(t.end_to_end_id.as_deref(), Some("E2E-2025-0042"));
    assert_eq!(
        t.requested_execution_date,
        NaiveDate::from_ymd_opt(2025, 3, 4)
    );
    assert_eq!(t.charge_bearer, Some(ChargeBearer::Slev));
    let authorisations = t.authorisations.unwrap();
    assert_eq!(authorisations["done"][0]["user"], "j.schmit");
    assert_eq!(authorisations["missing"][0]["group"], "B");
}

#[tokio::test]
async fn list_with_filters() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/credit-transfers"))
        .and(bearer())
        .and(query_param("status", "EXECUTED"))
        .and(query_param(
            "orderingPartyAccountId",
            "0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b",
        ))
        .and(query_param("endToEndId", "E2E-2025-0031"))
        .respond_with(respond(200, "inferred_credit_transfers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = CreditTransferFilter::new()
        .status(CreditTransferStatus::Executed)
        .ordering_party_account_id(AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"))
        .end_to_end_id("E2E-2025-0031");
    let list = client.credit_transfers().list(&filter).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].status,
        Some(CreditTransferStatus::WaitingForSignatures)
    );
    assert_eq!(list[0].authorisations, None);
    let executed = &list[1];
    assert_eq!(executed.id.as_str(), "6a4f3e2d-1c0b-4a98-b765-4321fedcba98");
    assert_eq!(executed.status, Some(CreditTransferStatus::Executed));
    // 16 significant digits: beyond what an f64 holds exactly.
    assert_eq!(executed.amount.unwrap().to_string(), "99999999999999.99");
    assert_eq!(executed.charge_bearer, Some(ChargeBearer::Shar));
    assert_eq!(
        executed.requested_execution_date,
        NaiveDate::from_ymd_opt(2025, 2, 27)
    );
}
