//! Shared helpers: a mock server with token endpoints and clients on it.

use banking_core::retry::RetryPolicy;
use linxo_client::{Environment, LinxoClient, LinxoClientBuilder};
use secrecy::SecretString;
use serde_json::Value;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

pub(crate) const CLIENT_ID: &str = "client-7f3a";
pub(crate) const CLIENT_SECRET: &str = "cs-very-secret-0d9e";
pub(crate) const USER_EMAIL: &str = "jean.martin@example.com";
pub(crate) const USER_PASSWORD: &str = "pw-Secret-4471";
pub(crate) const CLIENT_TOKEN: &str = "client-token-1";
pub(crate) const USER_TOKEN: &str = "user-token-1";

/// A fixture's text.
pub(crate) fn fixture(name: &str) -> String {
    let file = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// A fixture as a JSON value (for request bodies and round trips only:
/// values hold numbers as f64).
pub(crate) fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// A 200 answer with a fixture as its body, byte for byte.
pub(crate) fn ok_fixture(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture(name), "application/json")
}

/// The 401 Linxo answers for a token it refuses.
pub(crate) fn invalid_token() -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_raw(
        fixture("schema_built_error_invalid_token_401.json"),
        "application/json",
    )
}

/// A mock on the token endpoint, `POST /token`.
pub(crate) fn token_endpoint() -> MockBuilder {
    Mock::given(method("POST")).and(path("/token"))
}

/// A mock on `GET /users/me`.
pub(crate) fn me() -> MockBuilder {
    Mock::given(method("GET")).and(path("/users/me"))
}

/// The answer of `GET /users/me` (user `5120034`).
pub(crate) fn me_found() -> ResponseTemplate {
    ok_fixture("schema_built_users_me_200.json")
}

/// A mock on the widget session call, `POST /widget/widget_session`.
pub(crate) fn widget_session() -> MockBuilder {
    Mock::given(method("POST")).and(path("/widget/widget_session"))
}

/// The widget session answer (session `f3c1a9e2`, with its links).
pub(crate) fn session_created() -> ResponseTemplate {
    ok_fixture("schema_built_widget_session_200.json")
}

/// A mock server that names unmatched requests (status 599).
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    server
}

/// Token endpoint answering both grants; expects exactly `client` client
/// tokens and `user` user tokens to be fetched when given.
pub(crate) async fn mount_tokens(server: &MockServer, client: Option<u64>, user: Option<u64>) {
    let mut c = token_endpoint()
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": CLIENT_TOKEN, "token_type": "Bearer", "expires_in": 3600
        })));
    if let Some(n) = client {
        c = c.expect(n);
    }
    c.mount(server).await;
    let mut u = token_endpoint()
        .and(body_string_contains("grant_type=password"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": USER_TOKEN, "token_type": "Bearer", "expires_in": 3600
        })));
    if let Some(n) = user {
        u = u.expect(n);
    }
    u.mount(server).await;
}

/// A builder pointed at `server` (API, auth and widget host), retries off.
pub(crate) fn builder(server: &MockServer) -> LinxoClientBuilder {
    LinxoClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .client_credentials(CLIENT_ID, SecretString::from(CLIENT_SECRET))
        .retry_policy(RetryPolicy::none())
}

/// A client-mode client on `server`.
pub(crate) fn client(server: &MockServer) -> LinxoClient {
    builder(server).build().unwrap()
}

/// A user-mode client on `server`.
pub(crate) fn user_client(server: &MockServer) -> LinxoClient {
    builder(server)
        .user(USER_EMAIL, SecretString::from(USER_PASSWORD))
        .build()
        .unwrap()
}

/// Matches requests whose whole query string is `expected`.
pub(crate) fn query_is(expected: &'static str) -> impl Fn(&Request) -> bool + Send + Sync {
    move |r: &Request| r.url.query().unwrap_or("") == expected
}

/// Matches requests without an `Authorization` header.
pub(crate) fn no_authorization(r: &Request) -> bool {
    r.headers.get("authorization").is_none()
}

/// A UTC instant from epoch seconds.
pub(crate) fn at(secs: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(secs, 0).unwrap()
}
