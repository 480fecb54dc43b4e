//! Shared helpers: a mock server with login, fixtures, matchers.

use banking_core::retry::RetryPolicy;
use linkcy_client::{
    Environment, LinkcyClient, LinkcyCredentials, LinkcyPage, LoginRequest, Transaction,
    TransactionFilter,
};
use secrecy::SecretString;
use uuid::Uuid;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

pub(crate) const USERNAME: &str = "partner-admin";
pub(crate) const PARTNER: &str = "acme";
pub(crate) const PASSWORD: &str = "s3cr3t-Pa55";

/// A typed id (any of the crate's `uuid_id!` types) from its text.
pub(crate) fn id<T: From<Uuid>>(s: &str) -> T {
    Uuid::parse_str(s).unwrap().into()
}

pub(crate) fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn fixture_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// The fixture's bytes, served as they are.
pub(crate) fn reply(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture(name).into_bytes(), "application/json")
}

/// The token of `schema_built_auth_login_200.json`.
pub(crate) fn token() -> String {
    fixture_json("schema_built_auth_login_200.json")["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub(crate) fn bearer() -> wiremock::matchers::BearerTokenMatcher {
    wiremock::matchers::bearer_token(token())
}

/// Matches when the query string holds exactly these pairs (in any order,
/// repeated keys included).
pub(crate) struct QueryIs(pub(crate) Vec<(&'static str, String)>);

impl wiremock::Match for QueryIs {
    fn matches(&self, request: &Request) -> bool {
        let mut seen: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut wanted: Vec<(String, String)> = self
            .0
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        seen.sort();
        wanted.sort();
        seen == wanted
    }
}

pub(crate) fn query(pairs: &[(&'static str, &str)]) -> QueryIs {
    QueryIs(pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect())
}

pub(crate) fn credentials() -> LinkcyCredentials {
    LinkcyCredentials::login(LoginRequest::partner(
        USERNAME,
        PARTNER,
        SecretString::from(PASSWORD),
    ))
}

/// `POST /api/partner/login`, whatever the body.
pub(crate) fn login_mock() -> MockBuilder {
    Mock::given(method("POST")).and(path("/api/partner/login"))
}

/// `POST /api/partner/login` with the partner credentials of [`credentials`].
pub(crate) fn partner_login() -> MockBuilder {
    login_mock().and(body_json(fixture_json(
        "schema_built_auth_login_partner_request.json",
    )))
}

/// A mock server that accepts the partner login (once per test unless a
/// test expects more) and names unmatched requests.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    partner_login()
        .respond_with(reply(200, "schema_built_auth_login_200.json"))
        .named("login")
        .mount(&server)
        .await;
    banking_core::testkit::catch_all(&server).await;
    server
}

pub(crate) fn client(server: &MockServer) -> LinkcyClient {
    LinkcyClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .credentials(credentials())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// `GET /api/partner/transactions` without filters: the call most tests
/// make to exercise login, retries and errors.
pub(crate) async fn list_transactions(
    client: &LinkcyClient,
) -> banking_core::Result<LinkcyPage<Transaction>> {
    client.transactions().list(&TransactionFilter::new()).await
}

/// Requests the server saw on `path`, in order.
pub(crate) async fn seen(server: &MockServer, request_path: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path() == request_path)
        .collect()
}

pub(crate) fn body_text(request: &Request) -> String {
    String::from_utf8(request.body.clone()).unwrap()
}

/// A server that must not receive any request except a login.
pub(crate) async fn untouched_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    server
}

pub(crate) fn validation_field(error: &banking_core::Error) -> String {
    match error {
        banking_core::Error::Validation(v) => v.field.clone(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}
