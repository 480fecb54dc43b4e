//! Shared set-up: a mock server with a token endpoint and a client on it.

use banking_core::money::{Currency, Decimal};
use banking_core::retry::RetryPolicy;
use lynks_client::credit_transfers::NewCreditTransfer;
use lynks_client::{
    AccountId, CounterpartyId, Environment, LynksClient, LynksClientBuilder, LynksCredentials,
    PaymentCategoryId,
};
use secrecy::SecretString;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

pub(crate) const CLIENT_ID: &str = "acme-lynks-api";
pub(crate) const USERNAME: &str = "api-user";
pub(crate) const PASSWORD: &str = "p4ss-w0rd-Secret!";
/// The access token of `inferred_token_200.json`.
pub(crate) const ACCESS_TOKEN: &str = "lynks-access-token-1";

pub(crate) fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn fixture_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// A response with the fixture as its body, byte for byte.
pub(crate) fn respond(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture(name).into_bytes(), "application/json")
}

/// A mock on the token endpoint, `POST /token`.
pub(crate) fn token_endpoint() -> MockBuilder {
    Mock::given(method("POST")).and(path("/token"))
}

/// The token endpoint's answer `inferred_token_200.json` ([`ACCESS_TOKEN`]).
pub(crate) fn token_granted() -> ResponseTemplate {
    respond(200, "inferred_token_200.json")
}

pub(crate) fn credentials() -> LynksCredentials {
    LynksCredentials::new(CLIENT_ID, USERNAME, SecretString::from(PASSWORD))
}

pub(crate) fn builder(server: &MockServer) -> LynksClientBuilder {
    LynksClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .credentials(credentials())
        .retry_policy(RetryPolicy::none())
}

/// A mock server answering the password grant with
/// `inferred_token_200.json`, a catch-all naming unmatched requests, and a
/// client pointed at it.
pub(crate) async fn setup() -> (MockServer, LynksClient) {
    let server = MockServer::start().await;
    token_endpoint()
        .respond_with(token_granted())
        .mount(&server)
        .await;
    banking_core::testkit::catch_all(&server).await;
    let client = builder(&server).build().unwrap();
    (server, client)
}

/// Matches the bearer token of `inferred_token_200.json`.
pub(crate) fn bearer() -> wiremock::matchers::HeaderExactMatcher {
    header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str())
}

/// The body of the one request the server received on `path`, as text.
pub(crate) async fn sent_body(server: &MockServer, on_path: &str) -> String {
    let requests = server.received_requests().await.unwrap();
    let matching: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path() == on_path)
        .collect();
    assert_eq!(matching.len(), 1, "requests on {on_path}");
    String::from_utf8(matching[0].body.clone()).unwrap()
}

/// A payment of `amount` from the fixtures' account to their counterparty,
/// in their payment category.
pub(crate) fn transfer(amount: Decimal, currency: Currency) -> NewCreditTransfer {
    NewCreditTransfer::new(
        AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"),
        CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11"),
        amount,
        currency,
        PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"),
    )
}
