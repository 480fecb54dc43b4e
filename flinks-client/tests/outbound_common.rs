//! Shared setup of the Outbound tests: a mock server with the token
//! endpoint, a client pointed at it, and the matchers most mocks start with.

use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use flinks_client::outbound::{OutboundClient, TokenEncoding};
use secrecy::SecretString;
use wiremock::matchers::{HeaderExactMatcher, body_json, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

pub(crate) const CLIENT_ID: &str = "partner-client";
pub(crate) const CLIENT_SECRET: &str = "partner-secret-value";
pub(crate) const ADMIN_TOKEN: &str = "admin-access-token";

/// `method path`: how every mock starts.
pub(crate) fn on(verb: &str, endpoint: &str) -> MockBuilder {
    Mock::given(method(verb)).and(path(endpoint))
}

/// `Authorization: Bearer <token>`.
pub(crate) fn bearer(token: &str) -> HeaderExactMatcher {
    header("authorization", format!("Bearer {token}").as_str())
}

/// The token endpoint asked for the `refresh_token` grant with
/// `refresh_token`, JSON-encoded with the client's id and secret.
pub(crate) fn refresh_grant(refresh_token: &str) -> MockBuilder {
    on("POST", "/api/v1/token").and(body_json(serde_json::json!({
        "grant_type": "refresh_token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "refresh_token": refresh_token,
    })))
}

/// A mock server with the catch-all and the client-credentials token.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    on("POST", "/api/v1/token")
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
