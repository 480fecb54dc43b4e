//! Shared setup of the Pay tests.

use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use flinks_client::pay::PayClient;
use secrecy::SecretString;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const PAY_CLIENT_ID: &str = "pay-client";
pub(crate) const PAY_SECRET: &str = "pay-secret-value";
pub(crate) const X_CLIENT_ID: &str = "x-client-123";
/// The access token of the docs' Pay authorize sample.
pub(crate) const PAY_TOKEN: &str = "84002b62-a47e-45a6-97dd-306a8f9721d7";

/// `Basic base64(pay-client:pay-secret-value)`.
pub(crate) fn basic() -> String {
    "Basic cGF5LWNsaWVudDpwYXktc2VjcmV0LXZhbHVl".to_owned()
}

/// A mock server with the catch-all and the Pay authorize endpoint
/// (Basic auth, form body, the docs' sample token).
pub(crate) async fn pay_server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/v1/authorize"))
        .and(header("authorization", basic().as_str()))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(crate::common::fixture_response(
            200,
            "pay_research_authorize_200.json",
        ))
        .mount(&server)
        .await;
    server
}

/// A Pay client pointed at `server`, with the x-client-id, no retries.
pub(crate) fn pay_client(server: &MockServer) -> PayClient {
    PayClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .credentials(PAY_CLIENT_ID, SecretString::from(PAY_SECRET))
        .x_client_id(X_CLIENT_ID)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// How many Pay tokens the server handed out.
pub(crate) async fn token_requests(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/api/v1/authorize")
        .count()
}

/// Any 200.
pub(crate) fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200)
}
