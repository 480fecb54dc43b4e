//! Shared test helpers: fixtures, a mock server and clients pointed at it.

use banking_core::retry::RetryPolicy;
use finqlink_client::{
    ApiVersion, Credentials, Environment, FinqLinkClient, FinqLinkClientBuilder,
};
use serde_json::Value;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

pub(crate) const CLIENT_ID: &str = "demo-client";
pub(crate) const CLIENT_SECRET: &str = "s3cr3t-Demo-9f8e7d";
pub(crate) const CONSENT_ID: &str = "123e4567-e89b-12d3-a456-426614174000";

/// A fixture file's bytes, exactly as stored.
pub(crate) fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A fixture file as JSON.
pub(crate) fn fixture(name: &str) -> Value {
    serde_json::from_slice(&fixture_bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A JSON body from a fixture file.
pub(crate) fn json_response(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture_bytes(name), "application/json")
}

/// `fields` plus the test-mode credentials every body carries.
pub(crate) fn with_credentials(fields: Value) -> Value {
    let mut body = serde_json::json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET });
    if let Value::Object(map) = fields {
        body.as_object_mut().unwrap().extend(map);
    }
    body
}

/// A mock server with a catch-all that names unmatched requests.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    server
}

/// A FinqLink call: every endpoint is a `POST` to `endpoint`.
pub(crate) fn post(endpoint: &str) -> MockBuilder {
    Mock::given(method("POST")).and(path(endpoint))
}

/// Expects exactly one call to `endpoint` whose body is `fields` plus the
/// test-mode credentials, and answers it with the fixture `response`.
pub(crate) async fn expect_call(
    server: &MockServer,
    endpoint: &str,
    fields: Value,
    response: &str,
) {
    post(endpoint)
        .and(body_json(with_credentials(fields)))
        .respond_with(json_response(response))
        .expect(1)
        .mount(server)
        .await;
}

/// Fails the test if any `POST` reaches `server`, for requests that must be
/// refused before sending.
pub(crate) async fn expect_nothing_sent(server: &MockServer) {
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(server)
        .await;
}

/// Asserts that every named case failed with a validation error.
pub(crate) fn assert_all_refused<T: std::fmt::Debug>(
    cases: impl IntoIterator<Item = (&'static str, banking_core::Result<T>)>,
) {
    for (case, result) in cases {
        let err = result.expect_err(case);
        assert!(err.is_validation(), "{case}: {err}");
    }
}

/// A test-mode production client for `server` (paths `/v2/...` or
/// `/v1/...`), retries off.
pub(crate) fn builder(server: &MockServer, version: ApiVersion) -> FinqLinkClientBuilder {
    FinqLinkClient::builder()
        .environment(Environment::Production)
        .host(server.uri().parse().unwrap())
        .credentials(Credentials::test_mode(
            CLIENT_ID,
            CLIENT_SECRET.to_owned().into(),
        ))
        .api_version(version)
        .retry_policy(RetryPolicy::none())
}

pub(crate) fn client(server: &MockServer) -> FinqLinkClient {
    builder(server, ApiVersion::V2).build().unwrap()
}

pub(crate) fn v1_client(server: &MockServer) -> FinqLinkClient {
    builder(server, ApiVersion::V1).build().unwrap()
}

pub(crate) fn consent_id() -> finqlink_client::ConsentId {
    CONSENT_ID.parse().unwrap()
}

/// A keyset list server that works as the Data APIs page documents: it
/// serves `records` (the JSON objects of schema-built fixtures, each with
/// its `keyset`) `pagination.limit` at a time, starting after the record
/// whose keyset is `pagination.after`, and answers with `{items: [...]}`
/// plus, when `with_more`, `pagination: {count, "more?"}`. It never sends a
/// response-level cursor. Unknown cursors get a 400.
pub(crate) struct KeysetServer {
    pub(crate) items: &'static str,
    pub(crate) records: Vec<Value>,
    pub(crate) with_more: bool,
}

impl KeysetServer {
    /// The records of the `items` arrays of these fixtures, in order.
    pub(crate) fn from_fixtures(items: &'static str, fixtures: &[&str], with_more: bool) -> Self {
        let records = fixtures
            .iter()
            .flat_map(|name| fixture(name)[items].as_array().unwrap().clone())
            .collect();
        KeysetServer {
            items,
            records,
            with_more,
        }
    }
}

impl wiremock::Respond for KeysetServer {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let limit = body
            .pointer("/pagination/limit")
            .and_then(Value::as_u64)
            .map_or(50, |l| l as usize);
        let start = match body.pointer("/pagination/after").and_then(Value::as_str) {
            None => 0,
            Some(after) => match self.records.iter().position(|r| r["keyset"] == after) {
                Some(at) => at + 1,
                None => return ResponseTemplate::new(400),
            },
        };
        let page: Vec<Value> = self
            .records
            .iter()
            .skip(start)
            .take(limit)
            .cloned()
            .collect();
        let mut response = serde_json::json!({ self.items: page });
        if self.with_more {
            response["pagination"] = serde_json::json!({
                "count": page.len(),
                "more?": start + page.len() < self.records.len(),
            });
        }
        ResponseTemplate::new(200).set_body_json(response)
    }
}

/// The `pagination.after` of each request `server` received at `endpoint`.
pub(crate) async fn cursors_sent(server: &MockServer, endpoint: &str) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == endpoint)
        .map(|r| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            body.pointer("/pagination/after")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect()
}
