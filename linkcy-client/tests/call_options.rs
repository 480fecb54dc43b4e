//! Per-call options (`with_options`) on the resource handles: extra
//! headers on a plain call, on every page of a stream and on both sends of
//! an SCA flow; a short timeout; an idempotency key refused before sending.
//!
//! Pages are the schema-built fixtures `schema_built_transactions_list_page{0,1,2}_200.json`
//! (five items over three pages of two).

use std::time::{Duration, Instant};

use banking_core::transport::CallOptions;
use futures::TryStreamExt;
use linkcy_client::{
    BeneficiaryAccount, CreateBeneficiaryRequest, LedgerFilter, PartyType, ScaOptions, ScaStrategy,
    TransactionFilter,
};
use wiremock::Mock;
use wiremock::matchers::{header, method, path};

use crate::support::{client, query, reply, seen, server};

const CORRELATION: &str = "x-correlation-id";

fn tagged() -> CallOptions {
    CallOptions::new().header(CORRELATION, "corr-linkcy")
}

#[tokio::test]
async fn headers_reach_every_page_of_a_stream() {
    let server = server().await;
    for page in 0..3 {
        Mock::given(method("GET"))
            .and(path("/api/partner/transactions"))
            .and(query(&[("page", &page.to_string()), ("pageSize", "2")]))
            .and(header(CORRELATION, "corr-linkcy"))
            .respond_with(reply(
                200,
                &format!("schema_built_transactions_list_page{page}_200.json"),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let all: Vec<_> = client(&server)
        .transactions()
        .with_options(tagged())
        .stream(TransactionFilter::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
}

#[tokio::test]
async fn headers_reach_a_plain_call() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/ledgers"))
        .and(header(CORRELATION, "corr-linkcy"))
        .respond_with(reply(200, "schema_built_ledgers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .ledgers()
        .with_options(tagged())
        .list(&LedgerFilter::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn headers_reach_both_sends_of_an_sca_flow() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/beneficiaries"))
        .respond_with(reply(202, "research_sca_waiting_202.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/partner/beneficiaries"))
        .and(header(
            "Linkcy-SCA-Id",
            "b3cefad3-4f89-419b-8221-cc5050122ff3",
        ))
        .respond_with(reply(201, "research_created_201.json"))
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    let beneficiary = CreateBeneficiaryRequest::new(
        PartyType::Company,
        "ACME SARL",
        BeneficiaryAccount::Sepa {
            iban: "FR1420041010050500013M02606".into(),
            bic: Some("PSSTFRPPXXX".into()),
        },
    );
    let client = client(&server);
    let pending = client
        .beneficiaries()
        .with_options(tagged())
        .create(
            &beneficiary,
            &ScaOptions::new().strategy(ScaStrategy::JoinCode),
        )
        .await
        .unwrap()
        .pending()
        .unwrap();
    pending.complete().await.unwrap().done().unwrap();
    let sent = seen(&server, "/api/partner/beneficiaries").await;
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(
            request.headers.get(CORRELATION).map(|v| v.as_bytes()),
            Some(&b"corr-linkcy"[..]),
            "{request:?}"
        );
    }
}

#[tokio::test]
async fn a_short_timeout_ends_a_call_on_a_hanging_server() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/ledgers"))
        .respond_with(
            reply(200, "schema_built_ledgers_list_200.json").set_delay(Duration::from_secs(10)),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = client(&server)
        .ledgers()
        .with_options(CallOptions::new().timeout(Duration::from_millis(200)))
        .list(&LedgerFilter::new())
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_idempotency_key_is_refused_before_anything_is_sent() {
    let server = server().await;
    let err = client(&server)
        .ledgers()
        .with_options(CallOptions::new().idempotency_key("k-1"))
        .list(&LedgerFilter::new())
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}
