//! Shared helpers: fixtures, a mock server with a catch-all, clients.

use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use flinks_client::FlinksClient;
use secrecy::SecretString;
use wiremock::MockServer;

pub(crate) const CUSTOMER: &str = "43387ca6-0391-4c82-857d-70d95f087ecb";
pub(crate) const SECRET: &str = "test-secret-key";
pub(crate) const API_KEY: &str = "test-api-key";

/// A fixture's text.
pub(crate) fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A fixture as a JSON value (for `body_json` matchers; no amounts in
/// request fixtures go through `f64` in a way that matters for equality).
pub(crate) fn fixture_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A response with a fixture's exact bytes as its JSON body.
pub(crate) fn fixture_response(status: u16, name: &str) -> wiremock::ResponseTemplate {
    json(status, fixture(name))
}

/// `/v3/{customer}/{rest}`.
pub(crate) fn api_path(rest: &str) -> String {
    format!("/v3/{CUSTOMER}/{rest}")
}

/// A mock server whose unmatched requests answer 599 naming the request.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    server
}

/// A client pointed at `server` with both credentials and retries off.
pub(crate) fn client(server: &MockServer) -> FlinksClient {
    builder(server)
        .api_key(SecretString::from(API_KEY))
        .build()
        .unwrap()
}

/// A builder pointed at `server` with the secret key only.
pub(crate) fn builder(server: &MockServer) -> flinks_client::FlinksClientBuilder {
    FlinksClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .customer_id(CUSTOMER.parse().unwrap())
        .secret_key(SecretString::from(SECRET))
        .retry_policy(RetryPolicy::none())
}

/// A JSON response with a raw body (amounts are served as written).
pub(crate) fn json(status: u16, body: impl Into<String>) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(status).set_body_raw(body.into(), "application/json")
}

/// Matches requests that do not carry the header `name`.
pub(crate) fn no_header(name: &'static str) -> NoHeader {
    NoHeader(name)
}

/// See [`no_header`].
pub(crate) struct NoHeader(&'static str);

impl wiremock::Match for NoHeader {
    fn matches(&self, request: &wiremock::Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}
