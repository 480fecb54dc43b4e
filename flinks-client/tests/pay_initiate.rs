//! Pay API host: "Initiate Payment Session" (`x-api-key`).

use banking_core::money::Currency;
use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use flinks_client::pay::{InitiatePaymentSession, PayApiClient};
use rust_decimal::Decimal;
use secrecy::SecretString;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{fixture_json, fixture_response};

const KEY: &str = "pay-api-key";

/// The seed's curl body, with its placeholders.
fn seed_request() -> InitiatePaymentSession {
    InitiatePaymentSession::new(
        "YOUR_CUSTOMER_ID".into(),
        "YOUR_REQUEST_ID".into(),
        "100.00".parse().unwrap(),
        Currency::CAD,
    )
    .description("Payment for services")
}

fn client(server: &MockServer) -> PayApiClient {
    PayApiClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .api_key(SecretString::from(KEY))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn initiate_sends_the_seed_body_with_the_api_key() {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/v2/pay/sessions/initiate"))
        .and(header("x-api-key", KEY))
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json(
            "pay_seed_payment_session_initiate_request.json",
        )))
        .respond_with(fixture_response(
            200,
            "pay_schema_built_payment_session_initiate_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let session = client(&server)
        .initiate_session(&seed_request())
        .await
        .unwrap();
    assert_eq!(session.session_id, "6c376ebd-4e7f-4a5f-9f7b-2f0a7d1c9b11");
    let body = &server.received_requests().await.unwrap()[0].body;
    assert!(
        String::from_utf8_lossy(body).contains(r#""amount":100.00"#),
        "the scale of the seed's 100.00 is kept"
    );
}

#[tokio::test]
async fn initiate_is_not_resent_and_bad_input_is_refused() {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/v2/pay/sessions/initiate"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = PayApiClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap();
    let err = client.initiate_session(&seed_request()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    for bad in [
        InitiatePaymentSession::new("".into(), "r".into(), Decimal::ONE, Currency::CAD),
        InitiatePaymentSession::new("c".into(), "r".into(), Decimal::ZERO, Currency::CAD),
        InitiatePaymentSession::new(
            "c".into(),
            "r".into(),
            "1.005".parse().unwrap(),
            Currency::CAD,
        ),
    ] {
        assert!(
            client
                .initiate_session(&bad)
                .await
                .unwrap_err()
                .is_validation()
        );
    }
}

#[test]
fn no_sandbox_host_is_guessed_and_the_key_is_required() {
    let sandbox = PayApiClient::builder()
        .environment(Environment::Sandbox)
        .api_key(SecretString::from(KEY))
        .build();
    assert!(sandbox.unwrap_err().to_string().contains("sandbox"));
    let no_key = PayApiClient::builder()
        .environment(Environment::Production)
        .build();
    assert!(no_key.unwrap_err().to_string().contains("x-api-key"));
    let client = PayApiClient::builder()
        .environment(Environment::Production)
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap();
    assert_eq!(client.raw().base_url().as_str(), "https://api.flinks.com/");
    assert!(!format!("{client:?}").contains(KEY));
}
