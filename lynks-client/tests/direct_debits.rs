//! Direct debits (paths and fields inferred): create (never resent), get,
//! list.

use std::time::Duration;

use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use lynks_client::direct_debits::{
    DirectDebitFilter, DirectDebitStatus, NewDirectDebit, SequenceType,
};
use lynks_client::{AccountId, CounterpartyId, DirectDebitId, PaymentCategoryId};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{bearer, fixture_json, respond, sent_body, setup};

const ACCOUNT: &str = "0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b";
const DEBTOR: &str = "7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11";
const DEBIT: &str = "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3c5e7a";

fn debit() -> NewDirectDebit {
    NewDirectDebit::new(
        AccountId::new(ACCOUNT),
        CounterpartyId::new(DEBTOR),
        Decimal::new(4_990, 2),
        Currency::EUR,
        PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"),
        "MANDATE-2024-0117",
        NaiveDate::from_ymd_opt(2024, 1, 17).unwrap(),
    )
    .sequence_type(SequenceType::Rcur)
    .requested_collection_date(NaiveDate::from_ymd_opt(2099, 3, 10).unwrap())
    .remittance_information("Subscription March")
    .end_to_end_id("SDD-2025-03-0117")
}

#[tokio::test]
async fn create_sends_the_batch_exactly_and_returns_the_ids() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/direct-debits"))
        .and(bearer())
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json(
            "inferred_direct_debits_create_request.json",
        )))
        .respond_with(respond(201, "schema_built_direct_debits_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client.direct_debits().create(&[debit()]).await.unwrap();
    assert_eq!(ids, [DirectDebitId::new(DEBIT)]);
    let body = sent_body(&server, "/v2/direct-debits").await;
    assert!(body.contains(r#""amount":49.90,"#), "{body}");
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_outcome_unknown_and_sent_once() {
    let (server, _) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/direct-debits"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(5)))
        .expect(1)
        .mount(&server)
        .await;
    let client = crate::common::builder(&server)
        .retry_policy(banking_core::retry::RetryPolicy::default())
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.direct_debits().create(&[debit()]).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
}

#[tokio::test]
async fn bad_direct_debits_are_refused_before_sending() {
    let (server, client) = setup().await;
    let field = |err: banking_core::Error| match err {
        banking_core::Error::Validation(v) => v.field,
        other => panic!("not a validation error: {other:?}"),
    };
    let long_mandate = NewDirectDebit::new(
        AccountId::new(ACCOUNT),
        CounterpartyId::new(DEBTOR),
        Decimal::new(1, 0),
        Currency::EUR,
        PaymentCategoryId::new("c"),
        "M".repeat(36),
        NaiveDate::from_ymd_opt(2024, 1, 17).unwrap(),
    );
    let err = client.direct_debits().create(&[long_mandate]).await;
    assert!(field(err.unwrap_err()).contains("mandateId"));
    let past = debit().requested_collection_date(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    let err = client.direct_debits().create(&[past]).await;
    assert!(field(err.unwrap_err()).contains("requestedCollectionDate"));
    let err = client.direct_debits().create(&[]).await;
    assert!(field(err.unwrap_err()).contains("directDebits"));
    // 35 characters, the ISO 20022 maximum, goes out (the mock server has
    // no route for it, so the server refuses it).
    let at_limit = NewDirectDebit::new(
        AccountId::new(ACCOUNT),
        CounterpartyId::new(DEBTOR),
        Decimal::new(1, 0),
        Currency::EUR,
        PaymentCategoryId::new("c"),
        "M".repeat(35),
        NaiveDate::from_ymd_opt(2024, 1, 17).unwrap(),
    );
    let err = client
        .direct_debits()
        .create(&[at_limit])
        .await
        .unwrap_err();
    assert!(!err.is_validation(), "{err:?}");
    let sent = server.received_requests().await.unwrap();
    let debits = sent.iter().filter(|r| r.url.path() == "/v2/direct-debits");
    assert_eq!(debits.count(), 1);
}

#[tokio::test]
async fn get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/direct-debits/{DEBIT}")))
        .and(bearer())
        .respond_with(respond(200, "inferred_direct_debit_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let d = client
        .direct_debits()
        .get(&DirectDebitId::new(DEBIT))
        .await
        .unwrap();
    assert_eq!(d.id.as_str(), DEBIT);
    assert_eq!(d.status, Some(DirectDebitStatus::WaitingForSignatures));
    assert_eq!(d.ordering_party_account_id, Some(AccountId::new(ACCOUNT)));
    assert_eq!(d.counterparty_id, Some(CounterpartyId::new(DEBTOR)));
    assert_eq!(
        d.money(),
        Some(Money::new(Decimal::new(4_990, 2), Currency::EUR))
    );
    assert_eq!(d.amount.unwrap().to_string(), "49.90");
    assert_eq!(
        d.payment_category_id,
        Some(PaymentCategoryId::new(
            "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"
        ))
    );
    assert_eq!(d.mandate_id.as_deref(), Some("MANDATE-2024-0117"));
    assert_eq!(
        d.mandate_signature_date,
        NaiveDate::from_ymd_opt(2024, 1, 17)
    );
    assert_eq!(d.sequence_type, Some(SequenceType::Rcur));
    assert_eq!(
        d.requested_collection_date,
        NaiveDate::from_ymd_opt(2025, 3, 10)
    );
    assert_eq!(
        d.remittance_information.as_deref(),
        Some("Subscription March")
    );
    assert_eq!(d.end_to_end_id.as_deref(), Some("SDD-2025-03-0117"));
}

#[tokio::test]
async fn list_with_filters_keeps_scale_and_unknown_values() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/direct-debits"))
        .and(bearer())
        .and(query_param("status", "COMPLETED"))
        .and(query_param("orderingPartyAccountId", ACCOUNT))
        .and(query_param("endToEndId", "SDD-2025-02-0042"))
        .respond_with(respond(200, "inferred_direct_debits_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = DirectDebitFilter::new()
        .status(DirectDebitStatus::Completed)
        .ordering_party_account_id(AccountId::new(ACCOUNT))
        .end_to_end_id("SDD-2025-02-0042");
    let list = client.direct_debits().list(&filter).await.unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[1].status, Some(DirectDebitStatus::Completed));
    assert_eq!(list[1].amount.unwrap().to_string(), "1200");
    assert_eq!(list[1].sequence_type, Some(SequenceType::Frst));
    assert_eq!(
        list[2].status,
        Some(DirectDebitStatus::Unknown("PARTIALLY_COLLECTED".into()))
    );
    assert_eq!(list[2].amount.unwrap().to_string(), "310.125");
    assert_eq!(
        list[2].sequence_type,
        Some(SequenceType::Unknown("ONE_OFF".into()))
    );
    assert_eq!(list[2].counterparty_id, None);
}
