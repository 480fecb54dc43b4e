use banking_core::retry::RetryPolicy;
use banking_core::testkit::LogCapture;
use banking_core::transport::CallOptions;
use finqlink_client::links::{LinkCreateRequest, LinkGetRequest, PaymentIntent};
use finqlink_client::providers::ProvidersListRequest;
use finqlink_client::{ApiVersion, Credentials, Environment, FinqLinkClient};
use secrecy::SecretString;
use serde_json::json;
use tracing::Instrument;
use url::Url;
use wiremock::matchers::{body_json, body_string_contains, header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::*;

fn test_mode() -> Credentials {
    Credentials::test_mode(CLIENT_ID, SecretString::from(CLIENT_SECRET))
}

fn host(server: &MockServer) -> Url {
    server.uri().parse().unwrap()
}

async fn providers_at(server: &MockServer, p: &str) {
    post(p)
        .respond_with(json_response("schema_built_providers_list_v2_200.json"))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn sandbox_uses_the_test_paths() {
    let server = server().await;
    providers_at(&server, "/test/providers/list").await;
    let client = FinqLinkClient::builder()
        .environment(Environment::Sandbox)
        .host(host(&server))
        .credentials(test_mode())
        .build()
        .unwrap();
    assert_eq!(client.base_url().path(), "/test/");
    client
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn sandbox_follows_the_quick_start_paths_for_links_and_consents() {
    let server = server().await;
    for (endpoint, fixture) in [
        ("/test/links/create", "schema_built_links_create_200.json"),
        (
            "/test/consents/create",
            "schema_built_consents_create_200.json",
        ),
        (
            "/test/transactions/list",
            "schema_built_transactions_list_page2_200.json",
        ),
        (
            "/test/ais/consents/get",
            "schema_built_consents_get_200.json",
        ),
    ] {
        post(endpoint)
            .respond_with(json_response(fixture))
            .expect(1)
            .named(endpoint)
            .mount(&server)
            .await;
    }
    let sandbox = || {
        FinqLinkClient::builder()
            .environment(Environment::Sandbox)
            .host(host(&server))
            .credentials(test_mode())
    };
    let client = sandbox().build().unwrap();
    let intent = PaymentIntent::new(
        rust_decimal::Decimal::ONE,
        banking_core::money::Currency::RON,
        "RO10RZBR0000069999999970",
        "Demo Shop SRL",
    );
    client
        .links()
        .create(&LinkCreateRequest::new(intent))
        .await
        .unwrap();
    client
        .consents()
        .create(&finqlink_client::consents::ConsentCreateRequest::new())
        .await
        .unwrap();
    client
        .transactions()
        .list(&finqlink_client::transactions::TransactionsListRequest::new(consent_id()))
        .await
        .unwrap();
    // The changelog's form, for a sandbox that turns out to use it.
    sandbox()
        .ais_path_segment(true)
        .build()
        .unwrap()
        .consents()
        .get(&finqlink_client::consents::ConsentRequest::new(consent_id()))
        .await
        .unwrap();
}

#[tokio::test]
async fn production_uses_the_versioned_paths() {
    let server = server().await;
    providers_at(&server, "/v1/providers/list").await;
    providers_at(&server, "/v2/providers/list").await;
    for version in [ApiVersion::V1, ApiVersion::V2] {
        let client = FinqLinkClient::builder()
            .environment(Environment::Production)
            .host(host(&server))
            .credentials(test_mode())
            .api_version(version)
            .build()
            .unwrap();
        assert_eq!(client.api_version(), version);
        client
            .providers()
            .list(&ProvidersListRequest::new())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_custom_url_is_used_as_is_and_a_prefix_can_be_set() {
    let server = server().await;
    providers_at(&server, "/proxy/finqlink/providers/list").await;
    providers_at(&server, "/test/v1/providers/list").await;
    let custom = format!("{}/proxy/finqlink", server.uri()).parse().unwrap();
    FinqLinkClient::builder()
        .environment(Environment::Custom(custom))
        .credentials(test_mode())
        .build()
        .unwrap()
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
    FinqLinkClient::builder()
        .environment(Environment::Sandbox)
        .host(host(&server))
        .credentials(test_mode())
        .api_version(ApiVersion::V1)
        .path_prefix("/test/v1")
        .build()
        .unwrap()
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
}

#[test]
fn build_validates_its_configuration() {
    let host: Url = "https://your-env.finqware.com".parse().unwrap();
    let sandbox_v1 = FinqLinkClient::builder()
        .environment(Environment::Sandbox)
        .host(host.clone())
        .credentials(test_mode())
        .api_version(ApiVersion::V1)
        .build()
        .unwrap_err();
    assert!(
        sandbox_v1.to_string().contains("path_prefix"),
        "{sandbox_v1}"
    );
    for prefix in ["test", "/test/../v1", "/te st", "/a//b"] {
        let err = FinqLinkClient::builder()
            .environment(Environment::Production)
            .host(host.clone())
            .credentials(test_mode())
            .path_prefix(prefix)
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("prefix"), "{prefix}: {err}");
    }
    // FinqLink publishes no hosts: the sandbox and production need one.
    for environment in [Environment::Sandbox, Environment::Production] {
        let err = FinqLinkClient::builder()
            .environment(environment)
            .credentials(test_mode())
            .build()
            .unwrap_err();
        assert!(
            matches!(err, banking_core::Error::Config(_)) && err.to_string().contains("host"),
            "{err}"
        );
    }
    // The default environment is the sandbox, as in the other crates.
    let sandbox = FinqLinkClient::builder()
        .host(host.clone())
        .credentials(test_mode())
        .build()
        .unwrap();
    assert_eq!(
        sandbox.base_url().as_str(),
        "https://your-env.finqware.com/test/"
    );
    let ftp = FinqLinkClient::builder()
        .environment(Environment::Production)
        .host("ftp://example.com".parse().unwrap())
        .credentials(test_mode())
        .build();
    assert!(ftp.is_err());
    let long_id = Credentials::test_mode("x".repeat(129), SecretString::from("s"));
    let err = FinqLinkClient::builder()
        .environment(Environment::Production)
        .host(host.clone())
        .credentials(long_id)
        .build()
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
    let empty_secret = Credentials::test_mode("id", SecretString::from(""));
    assert!(
        FinqLinkClient::builder()
            .environment(Environment::Production)
            .host(host.clone())
            .credentials(empty_secret)
            .build()
            .is_err()
    );
    let bad_pem = FinqLinkClient::builder()
        .environment(Environment::Production)
        .host(host)
        .credentials(test_mode())
        .identity_pem(
            b"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n".to_vec(),
        )
        .build()
        .unwrap_err();
    assert!(bad_pem.to_string().contains("identity"), "{bad_pem}");
    assert!(!bad_pem.to_string().contains("not a key"), "{bad_pem}");
}

#[test]
fn the_jwks_url_is_at_the_host_root() {
    let host: Url = "https://your-env.finqware.com".parse().unwrap();
    let client = FinqLinkClient::builder()
        .environment(Environment::Sandbox)
        .host(host)
        .credentials(test_mode())
        .build()
        .unwrap();
    assert_eq!(
        client.jwks_url().as_str(),
        "https://your-env.finqware.com/.well-known/jwks.json"
    );
    assert_eq!(
        client.base_url().as_str(),
        "https://your-env.finqware.com/test/"
    );
}

#[tokio::test]
async fn oauth2_sends_a_bearer_token_and_client_id_but_no_secret_in_the_body() {
    let server = server().await;
    post("/oauth/token")
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "tok-abc", "token_type": "Bearer", "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    post("/v2/providers/list")
        .and(header("authorization", "Bearer tok-abc"))
        .and(body_json(json!({ "client_id": CLIENT_ID })))
        .respond_with(json_response("schema_built_providers_list_v2_200.json"))
        .expect(2)
        .mount(&server)
        .await;
    let token_url = format!("{}/oauth/token", server.uri()).parse().unwrap();
    let client = FinqLinkClient::builder()
        .environment(Environment::Production)
        .host(host(&server))
        .credentials(Credentials::oauth2(
            token_url,
            CLIENT_ID,
            SecretString::from(CLIENT_SECRET),
        ))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    client
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
    client
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn test_mode_sends_both_credentials_in_the_body() {
    let server = server().await;
    post("/v2/providers/list")
        .and(body_json(
            json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET }),
        ))
        .respond_with(json_response("schema_built_providers_list_v2_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let requests_before = server.received_requests().await.unwrap().len();
    client(&server)
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[requests_before];
    assert!(sent.headers.get("authorization").is_none());
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_errors() {
    let server = server().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"code":"unauthorized","message":"invalid client credentials"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let creds = test_mode();
    let builder = builder(&server, ApiVersion::V2).identity_pem(b"PEM-SECRET-MATERIAL".to_vec());
    let client = client(&server);
    let err = client
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap_err();
    assert!(err.is_unauthorized());
    let oauth = Credentials::oauth2(
        "https://auth.example/token".parse().unwrap(),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    );
    for text in [
        format!("{creds:?}"),
        format!("{oauth:?}"),
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{err}"),
        format!("{err:?}"),
    ] {
        assert!(!text.contains(CLIENT_SECRET), "secret leaked: {text}");
        assert!(!text.contains("PEM-SECRET-MATERIAL"), "PEM leaked: {text}");
    }
    assert!(format!("{client:?}").contains(CLIENT_ID));
}

#[tokio::test]
async fn idempotency_keys_are_refused_because_finqlink_does_not_deduplicate() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let intent = PaymentIntent::new(
        rust_decimal::Decimal::ONE,
        banking_core::money::Currency::EUR,
        "RO10RZBR0000069999999970",
        "A",
    );
    let err = client(&server)
        .links()
        .with_options(CallOptions::new().idempotency_key("k-1"))
        .create(&LinkCreateRequest::new(intent))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
}

#[tokio::test]
async fn per_call_options_apply_a_timeout() {
    let server = server().await;
    post("/v2/providers/list")
        .respond_with(
            json_response("schema_built_providers_list_v2_200.json")
                .set_delay(std::time::Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .providers()
        .with_options(CallOptions::new().timeout(std::time::Duration::from_millis(100)))
        .list(&ProvidersListRequest::new())
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
}

#[test]
fn the_client_is_cheap_to_share() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<FinqLinkClient>();
}

#[tokio::test]
async fn secrets_never_reach_the_logs() {
    let capture = LogCapture::start();
    async {
        let server = server().await;
        post("/oauth/token")
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": "tok-logged-never", "expires_in": 3600
            })))
            .mount(&server)
            .await;
        post("/v2/providers/list")
            .respond_with(ResponseTemplate::new(401).set_body_raw(
                r#"{"code":"unauthorized","message":"no"}"#,
                "application/json",
            ))
            .mount(&server)
            .await;
        let err = client(&server)
            .providers()
            .list(&ProvidersListRequest::new())
            .await
            .unwrap_err();
        tracing::error!(error = %err, debug = ?err, "call failed");
        let token_url = format!("{}/oauth/token", server.uri()).parse().unwrap();
        let oauth = FinqLinkClient::builder()
            .environment(Environment::Production)
            .host(host(&server))
            .credentials(Credentials::oauth2(
                token_url,
                CLIENT_ID,
                SecretString::from(CLIENT_SECRET),
            ))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let err = oauth
            .providers()
            .list(&ProvidersListRequest::new())
            .await
            .unwrap_err();
        tracing::error!(error = %err, debug = ?err, client = ?oauth, "call failed");
    }
    .instrument(capture.span())
    .await;

    let lines = capture.lines();
    assert!(
        lines.iter().any(|l| l.contains("call failed")),
        "the subscriber captured nothing: {lines:?}"
    );
    let logs = capture.everything();
    assert!(!logs.contains(CLIENT_SECRET), "secret in logs: {logs}");
    assert!(!logs.contains("tok-logged-never"), "token in logs: {logs}");
}

#[tokio::test]
async fn test_mode_error_paths_never_carry_the_body_secret() {
    let capture = LogCapture::start();
    let errors = async {
        let server = server().await;
        post("/v2/links/get")
            .respond_with(
                ResponseTemplate::new(200).set_body_raw(r#"{"id": 7}"#, "application/json"),
            )
            .mount(&server)
            .await;
        post("/v2/links/create")
            .respond_with(ResponseTemplate::new(503))
            .mount(&server)
            .await;
        post("/v2/providers/list")
            .respond_with(
                json_response("schema_built_providers_list_v2_200.json")
                    .set_delay(std::time::Duration::from_secs(5)),
            )
            .mount(&server)
            .await;
        let client = client(&server);
        let intent = |iban: &str| {
            PaymentIntent::new(
                rust_decimal::Decimal::ONE,
                banking_core::money::Currency::RON,
                iban,
                "A",
            )
        };
        let errors = [
            client
                .links()
                .get(&LinkGetRequest::new(CONSENT_ID.parse().unwrap()))
                .await
                .unwrap_err(),
            client
                .links()
                .create(&LinkCreateRequest::new(intent("RO10RZBR0000069999999970")))
                .await
                .unwrap_err(),
            client
                .providers()
                .with_options(CallOptions::new().timeout(std::time::Duration::from_millis(100)))
                .list(&ProvidersListRequest::new())
                .await
                .unwrap_err(),
            client
                .links()
                .create(&LinkCreateRequest::new(intent("RO10RZBR0000069999999971")))
                .await
                .unwrap_err(),
        ];
        for err in &errors {
            tracing::error!(error = %err, debug = ?err, "call failed");
        }
        errors
    }
    .instrument(capture.span())
    .await;

    let [decode, unavailable, timeout, invalid] = &errors;
    assert!(matches!(decode, banking_core::Error::Decode(_)), "{decode}");
    assert_eq!(unavailable.status(), Some(503), "{unavailable}");
    assert!(timeout.is_timeout(), "{timeout}");
    assert!(invalid.is_validation(), "{invalid}");
    for err in &errors {
        for text in [format!("{err}"), format!("{err:?}")] {
            assert!(!text.contains(CLIENT_SECRET), "secret leaked: {text}");
        }
    }
    let lines = capture.lines();
    assert_eq!(
        lines.iter().filter(|l| l.contains("call failed")).count(),
        4,
        "{lines:?}"
    );
    let logs = capture.everything();
    assert!(!logs.contains(CLIENT_SECRET), "secret in logs: {logs}");
}

#[tokio::test]
async fn per_call_extra_headers_are_sent() {
    let server = server().await;
    post("/test/providers/list")
        .and(header("x-correlation-id", "corr-7"))
        .respond_with(json_response("schema_built_providers_list_v2_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = FinqLinkClient::builder()
        .environment(Environment::Sandbox)
        .host(host(&server))
        .credentials(test_mode())
        .build()
        .unwrap();
    client
        .providers()
        .with_options(CallOptions::new().header("x-correlation-id", "corr-7"))
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
}
