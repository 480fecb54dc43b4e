//! OAuth2 password grant, refresh, 401 re-login and token URL handling.

use std::collections::HashMap;

use banking_core::money::{Currency, Decimal};
use lynks_client::LynksClient;
use secrecy::SecretString;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

use crate::common::{
    self, CLIENT_ID, PASSWORD, USERNAME, bearer, respond, token_endpoint, token_granted,
};

/// Matches a form body with exactly these fields.
fn form(expected: &[(&str, &str)]) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let expected: HashMap<String, String> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |request: &Request| {
        let sent: HashMap<String, String> = url::form_urlencoded::parse(&request.body)
            .into_owned()
            .collect();
        sent == expected
    }
}

fn password_form() -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    form(&[
        ("grant_type", "password"),
        ("username", USERNAME),
        ("password", PASSWORD),
        ("client_id", CLIENT_ID),
    ])
}

fn refresh_form() -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    form(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", "lynks-refresh-token-1"),
        ("client_id", CLIENT_ID),
    ])
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    server
}

/// A mock on the account list, the call these tests authenticate.
fn account_list() -> MockBuilder {
    Mock::given(method("GET")).and(path("/v2/ordering-party-accounts"))
}

/// The account list's answer (two accounts).
fn accounts_listed() -> ResponseTemplate {
    respond(200, "inferred_accounts_list_200.json")
}

/// Answers the account list to requests bearing the first token.
async fn mount_accounts(server: &MockServer) {
    account_list()
        .and(bearer())
        .respond_with(accounts_listed())
        .mount(server)
        .await;
}

#[tokio::test]
async fn password_grant_once_then_bearer_on_every_call() {
    let server = server().await;
    token_endpoint()
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(header("accept", "application/json"))
        .and(password_form())
        .respond_with(token_granted())
        .expect(1)
        .mount(&server)
        .await;
    account_list()
        .and(bearer())
        .and(header("accept", "application/json"))
        .respond_with(accounts_listed())
        .expect(2)
        .mount(&server)
        .await;
    let client = common::builder(&server).build().unwrap();
    assert_eq!(client.accounts().list().await.unwrap().len(), 2);
    assert_eq!(client.accounts().list().await.unwrap().len(), 2);
}

#[tokio::test]
async fn concurrent_cold_calls_log_in_once() {
    let server = server().await;
    token_endpoint()
        .respond_with(
            respond(200, "inferred_token_200.json").set_delay(std::time::Duration::from_millis(50)),
        )
        .expect(1)
        .mount(&server)
        .await;
    mount_accounts(&server).await;
    let client = common::builder(&server).build().unwrap();
    let calls = (0..8).map(|_| {
        let client = client.clone();
        async move { client.accounts().list().await }
    });
    for result in futures::future::join_all(calls).await {
        assert_eq!(result.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn client_secret_is_sent_when_configured() {
    let server = server().await;
    token_endpoint()
        .and(form(&[
            ("grant_type", "password"),
            ("username", USERNAME),
            ("password", PASSWORD),
            ("client_id", CLIENT_ID),
            ("client_secret", "cl1ent-s3cret"),
        ]))
        .respond_with(token_granted())
        .expect(1)
        .mount(&server)
        .await;
    mount_accounts(&server).await;
    let client = common::builder(&server)
        .credentials(common::credentials().client_secret(SecretString::from("cl1ent-s3cret")))
        .build()
        .unwrap();
    client.accounts().list().await.unwrap();
}

#[tokio::test]
async fn a_401_refreshes_the_token_and_retries_once() {
    let server = server().await;
    token_endpoint()
        .and(password_form())
        .respond_with(token_granted())
        .expect(1)
        .mount(&server)
        .await;
    token_endpoint()
        .and(refresh_form())
        .respond_with(respond(200, "inferred_token_refresh_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    // The first token is revoked server-side after one call.
    account_list()
        .and(bearer())
        .respond_with(accounts_listed())
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    account_list()
        .and(bearer())
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    account_list()
        .and(header("authorization", "Bearer lynks-access-token-2"))
        .respond_with(accounts_listed())
        .expect(1)
        .mount(&server)
        .await;
    let client = common::builder(&server).build().unwrap();
    client.accounts().list().await.unwrap();
    let accounts = client.accounts().list().await.unwrap();
    assert_eq!(
        accounts[0].id.as_str(),
        "0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"
    );
}

#[tokio::test]
async fn a_refused_refresh_token_falls_back_to_the_password() {
    let server = server().await;
    token_endpoint()
        .and(password_form())
        .respond_with(token_granted())
        .expect(2)
        .mount(&server)
        .await;
    token_endpoint()
        .and(refresh_form())
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"{"error":"invalid_grant","error_description":"Token is not active"}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    mount_accounts(&server).await;
    let client = common::builder(&server).build().unwrap();
    client.accounts().list().await.unwrap();
    client.invalidate_token();
    client.accounts().list().await.unwrap();
}

#[tokio::test]
async fn a_401_on_a_payment_resends_the_identical_body_once() {
    let (server, client) = common::setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/credit-transfers"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/credit-transfers"))
        .and(bearer())
        .respond_with(respond(
            201,
            "schema_built_credit_transfers_create_201.json",
        ))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let transfer = common::transfer(Decimal::new(1_250_000, 2), Currency::EUR);
    let ids = client.credit_transfers().create(&[transfer]).await.unwrap();
    assert_eq!(ids[0].as_str(), "5f3e2d1c-0b9a-4876-a543-210fedcba987");
    let bodies: Vec<Vec<u8>> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/v2/credit-transfers")
        .map(|r| r.body)
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
}

#[tokio::test]
async fn a_second_401_is_returned_not_looped() {
    let server = server().await;
    token_endpoint()
        .respond_with(token_granted())
        .expect(2)
        .mount(&server)
        .await;
    account_list()
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_string(r#"{"code":"UNAUTHORIZED","message":"Token revoked"}"#),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = common::builder(&server).build().unwrap();
    let err = client.accounts().list().await.unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("Token revoked")
    );
}

#[tokio::test]
async fn wrong_credentials_fail_with_the_oauth_error_and_send_nothing_else() {
    let server = server().await;
    token_endpoint()
        .respond_with(respond(401, "inferred_token_invalid_grant_401.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/v2/ordering-party-accounts"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = common::builder(&server).build().unwrap();
    let err = client.accounts().list().await.unwrap_err();
    let banking_core::Error::Auth(auth) = &err else {
        panic!("expected an auth error, got {err:?}");
    };
    assert_eq!(auth.status, Some(401));
    assert_eq!(auth.error.as_deref(), Some("invalid_grant"));
    assert_eq!(
        auth.error_description.as_deref(),
        Some("Invalid user credentials")
    );
    assert_eq!(err.provider_code(), Some("invalid_grant"));
}

#[tokio::test]
async fn token_url_can_be_overridden() {
    let server = server().await;
    let token_path = "/auth/realms/acme/protocol/openid-connect/token";
    Mock::given(method("POST"))
        .and(path(token_path))
        .and(password_form())
        .respond_with(token_granted())
        .expect(1)
        .mount(&server)
        .await;
    mount_accounts(&server).await;
    let client = common::builder(&server)
        .token_url(format!("{}{token_path}", server.uri()).parse().unwrap())
        .build()
        .unwrap();
    client.accounts().list().await.unwrap();
}

#[tokio::test]
async fn a_custom_base_path_prefixes_token_and_api_paths() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/proxy/lynks/token"))
        .respond_with(token_granted())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/proxy/lynks/v2/payment-categories"))
        .and(bearer())
        .respond_with(respond(200, "inferred_payment_categories_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = LynksClient::builder()
        .environment(lynks_client::Environment::Custom(
            format!("{}/proxy/lynks", server.uri()).parse().unwrap(),
        ))
        .credentials(common::credentials())
        .build()
        .unwrap();
    assert_eq!(client.payment_categories().list().await.unwrap().len(), 3);
}
