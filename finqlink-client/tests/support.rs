//! Shared test helpers: fixtures, a mock server and clients pointed at it.

use banking_core::retry::RetryPolicy;
use finqlink_client::{
    ApiVersion, Credentials, Environment, FinqLinkClient, FinqLinkClientBuilder,
};
use serde_json::Value;
use wiremock::MockServer;

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
pub(crate) fn json_response(name: &str) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(200).set_body_raw(fixture_bytes(name), "application/json")
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

/// A test-mode production client for `server` (paths `/v2/...` or
/// `/v1/...`), retries off.
pub(crate) fn builder(server: &MockServer, version: ApiVersion) -> FinqLinkClientBuilder {
    FinqLinkClient::builder(
        Environment::Production(server.uri().parse().unwrap()),
        Credentials::test_mode(CLIENT_ID, CLIENT_SECRET.to_owned().into()),
    )
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
