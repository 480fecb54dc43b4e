//! Shared setup of the Outbound tests: fixtures, a mock server with the
//! token endpoint, and a client pointed at it.

use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use flinks_client::outbound::{OutboundClient, TokenEncoding};
use secrecy::SecretString;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const CLIENT_ID: &str = "partner-client";
pub(crate) const CLIENT_SECRET: &str = "partner-secret-value";
pub(crate) const ADMIN_TOKEN: &str = "admin-access-token";

/// A fixture file's text.
pub(crate) fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A fixture file as JSON.
pub(crate) fn fixture_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A 200 answering with a fixture's exact bytes.
pub(crate) fn fixture_response(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture(name), "application/json")
}

/// A mock server with the catch-all and the client-credentials token.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/v1/token"))
        .and(body_json(serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scope": "client:admin",
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": ADMIN_TOKEN,
            "expires_in": 3600,
        })))
        .mount(&server)
        .await;
    server
}

/// A client pointed at `server` (API and auth), no retries.
pub(crate) fn client(server: &MockServer) -> OutboundClient {
    OutboundClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .credentials(CLIENT_ID, SecretString::from(CLIENT_SECRET))
        .token_encoding(TokenEncoding::Json)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}
