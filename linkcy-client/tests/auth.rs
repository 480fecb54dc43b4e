//! Login, refresh, lazy single-flight token, 401 then a new token.

use std::time::Duration;

use banking_core::error::AuthError;
use banking_core::retry::RetryPolicy;
use linkcy_client::{
    Environment, LinkcyClient, LinkcyCredentials, LoginRequest, LoginResponse, RefreshRequest,
    ScaOptions, ScaStrategy, TransactionFilter,
};
use secrecy::{ExposeSecret, SecretString};
use wiremock::matchers::{bearer_token, body_json, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

use crate::support::{
    PASSWORD, client, credentials, fixture_json, list_transactions, login_mock, partner_login,
    reply, seen, server, token, untouched_server, validation_field,
};

fn list_mock() -> MockBuilder {
    Mock::given(method("GET")).and(path("/api/partner/transactions"))
}

fn refresh_mock() -> MockBuilder {
    Mock::given(method("POST")).and(path("/api/partner/refresh"))
}

fn login_answer(token: &str, refresh: &str) -> ResponseTemplate {
    // Same JWT claims as the fixture, another signature part.
    let fixture = crate::support::token();
    let head = fixture.rsplit_once('.').unwrap().0;
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "token": format!("{head}.{token}"),
        "refreshToken": refresh,
    }))
}

fn with_signature(signature: &str) -> String {
    let fixture = token();
    format!("{}.{signature}", fixture.rsplit_once('.').unwrap().0)
}

/// The list is refused once with the fixture token, the fixture's refresh
/// token buys a token signed `signature` (and refresh token `refresh`),
/// and the list succeeds with it: each step exactly once.
async fn mount_refresh_after_401(server: &MockServer, signature: &str, refresh: &str) {
    list_mock()
        .and(bearer_token(token()))
        .respond_with(reply(401, "schema_built_error_unauthorized_401.json"))
        .expect(1)
        .mount(server)
        .await;
    refresh_mock()
        .and(body_json(
            serde_json::json!({"refreshToken": "rt-7a1c2f9e-partner"}),
        ))
        .respond_with(login_answer(signature, refresh))
        .expect(1)
        .mount(server)
        .await;
    list_mock()
        .and(bearer_token(with_signature(signature)))
        .respond_with(reply(200, "seed_transactions_list_200.json"))
        .expect(1)
        .mount(server)
        .await;
}

/// The error of a first call whose login is answered with `fixture`.
async fn error_when_login_answers(status: u16, fixture: &str) -> banking_core::Error {
    let server = MockServer::start().await;
    login_mock()
        .respond_with(reply(status, fixture))
        .expect(1)
        .mount(&server)
        .await;
    list_transactions(&client(&server)).await.unwrap_err()
}

fn auth_error(error: &banking_core::Error) -> &AuthError {
    match error {
        banking_core::Error::Auth(auth) => auth,
        other => panic!("expected an auth error, got {other:?}"),
    }
}

#[tokio::test]
async fn building_sends_nothing_and_the_first_calls_log_in_once() {
    let server = server().await;
    list_mock()
        .and(bearer_token(token()))
        .respond_with(reply(200, "seed_transactions_list_200.json"))
        .expect(8)
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(seen(&server, "/api/partner/login").await.is_empty());
    let filter = TransactionFilter::new();
    let calls = (0..8).map(|_| {
        let client = client.clone();
        let filter = filter.clone();
        tokio::spawn(async move { client.transactions().list(&filter).await })
    });
    for call in futures::future::join_all(calls).await {
        assert_eq!(call.unwrap().unwrap().total_elements, 1);
    }
    assert_eq!(seen(&server, "/api/partner/login").await.len(), 1);
}

#[tokio::test]
async fn a_401_refreshes_the_token_and_retries_once() {
    let server = server().await;
    mount_refresh_after_401(&server, "refreshed", "rt-2").await;
    let page = list_transactions(&client(&server)).await.unwrap();
    assert_eq!(page.total_elements, 1);
    assert_eq!(seen(&server, "/api/partner/login").await.len(), 1);
}

#[tokio::test]
async fn a_401_with_a_refused_refresh_logs_in_again() {
    let server = MockServer::start().await;
    partner_login()
        .respond_with(reply(200, "schema_built_auth_login_200.json"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    refresh_mock()
        .respond_with(reply(401, "schema_built_error_unauthorized_401.json"))
        .expect(1)
        .mount(&server)
        .await;
    partner_login()
        .respond_with(login_answer("second-login", "rt-3"))
        .expect(1)
        .mount(&server)
        .await;
    list_mock()
        .and(bearer_token(token()))
        .respond_with(reply(401, "schema_built_error_unauthorized_401.json"))
        .expect(1)
        .mount(&server)
        .await;
    list_mock()
        .and(bearer_token(with_signature("second-login")))
        .respond_with(reply(200, "seed_transactions_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    banking_core::testkit::catch_all(&server).await;
    let page = list_transactions(&client(&server)).await.unwrap();
    assert_eq!(page.total_elements, 1);
}

#[tokio::test]
async fn a_second_401_is_returned_not_retried_forever() {
    let server = server().await;
    list_mock()
        .respond_with(reply(401, "schema_built_error_unauthorized_401.json"))
        .expect(2)
        .mount(&server)
        .await;
    refresh_mock()
        .respond_with(login_answer("refreshed", "rt-2"))
        .expect(1)
        .mount(&server)
        .await;
    let error = list_transactions(&client(&server)).await.unwrap_err();
    assert!(error.is_unauthorized());
    assert_eq!(error.status(), Some(401));
}

#[tokio::test]
async fn refused_login_is_an_auth_error() {
    let error = error_when_login_answers(401, "schema_built_error_unauthorized_401.json").await;
    let auth = auth_error(&error);
    assert_eq!(auth.status, Some(401));
    assert_eq!(auth.error.as_deref(), Some("linkcy.unauthorized"));
    assert!(!format!("{error} {error:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_login_that_needs_sca_is_reported_not_hung() {
    let error = error_when_login_answers(202, "research_sca_waiting_202.json").await;
    let auth = auth_error(&error);
    assert_eq!(auth.status, Some(202));
    assert_eq!(auth.error.as_deref(), Some("SCA_REQUIRED"));
}

#[tokio::test]
async fn typed_login_for_consumers_and_corporates() {
    let server = MockServer::start().await;
    for (fixture, login) in [
        (
            "schema_built_auth_login_consumer_request.json",
            LoginRequest::consumer("33612345678", "acme", SecretString::from(PASSWORD)),
        ),
        (
            "schema_built_auth_login_corporate_request.json",
            LoginRequest::corporate("33698765432", "acme", SecretString::from(PASSWORD)),
        ),
    ] {
        let guard = login_mock()
            .and(body_json(fixture_json(fixture)))
            .and(header("Linkcy-SCA-Strategy", "BY_PASS"))
            .respond_with(reply(200, "schema_built_auth_login_end_user_200.json"))
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let answer: LoginResponse = client(&server)
            .auth()
            .login(&login, &ScaOptions::new().strategy(ScaStrategy::ByPass))
            .await
            .unwrap()
            .done()
            .unwrap();
        assert_eq!(
            answer.end_user_id.unwrap().to_string(),
            "120e9d1f-8444-4b91-85e8-5b208615a3e5"
        );
        assert_eq!(answer.expires_at().unwrap().timestamp(), 4_102_444_800);
        assert_eq!(
            answer.refresh_token.as_ref().unwrap().expose_secret(),
            "rt-3b9d4e1a-consumer"
        );
        drop(guard);
    }
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| !r.headers.contains_key("authorization"))
    );
}

#[tokio::test]
async fn typed_login_may_wait_for_sca() {
    let server = MockServer::start().await;
    login_mock()
        .respond_with(reply(202, "schema_built_sca_waiting_202_iso_ttl.json"))
        .expect(1)
        .mount(&server)
        .await;
    let login = LoginRequest::consumer("33612345678", "acme", SecretString::from(PASSWORD));
    let pending = client(&server)
        .auth()
        .login(&login, &ScaOptions::new())
        .await
        .unwrap()
        .pending()
        .unwrap();
    assert_eq!(
        pending.challenge().sca_id.as_str(),
        "b3cefad3-4f89-419b-8221-cc5050122ff3"
    );
}

#[tokio::test]
async fn typed_refresh_sends_the_research_body() {
    let server = MockServer::start().await;
    refresh_mock()
        .and(body_json(fixture_json(
            "research_auth_refresh_request.json",
        )))
        .respond_with(reply(200, "schema_built_auth_login_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let answer = client(&server)
        .auth()
        .refresh(
            &RefreshRequest::new(SecretString::from("string")),
            &ScaOptions::new(),
        )
        .await
        .unwrap()
        .done()
        .unwrap();
    assert_eq!(answer.token.expose_secret(), token());
    assert_eq!(answer.end_user_id, None);
}

#[tokio::test]
async fn a_session_is_used_then_refreshed_without_a_password() {
    let server = MockServer::start().await;
    mount_refresh_after_401(&server, "from-session", "rt-4").await;
    let session: LoginResponse =
        serde_json::from_value(fixture_json("schema_built_auth_login_200.json")).unwrap();
    let client = LinkcyClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .credentials(LinkcyCredentials::session(session))
        .retry_policy(RetryPolicy::none())
        .connect_timeout(Duration::from_secs(5))
        .attempt_timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(20))
        .user_agent("linkcy-tests/1")
        .build()
        .unwrap();
    list_transactions(&client).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| r.url.path() != "/api/partner/login")
    );
    assert_eq!(requests[0].headers["user-agent"], "linkcy-tests/1");
}

#[tokio::test]
async fn invalidate_token_forces_a_new_one() {
    let server = server().await;
    refresh_mock()
        .respond_with(login_answer("after-invalidate", "rt-5"))
        .expect(1)
        .mount(&server)
        .await;
    list_mock()
        .respond_with(reply(200, "seed_transactions_list_200.json"))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    list_transactions(&client).await.unwrap();
    client.invalidate_token();
    list_transactions(&client).await.unwrap();
    let lists = seen(&server, "/api/partner/transactions").await;
    assert_eq!(
        lists[1].headers["authorization"],
        format!("Bearer {}", with_signature("after-invalidate")).as_str()
    );
}

#[tokio::test]
async fn builder_checks_its_configuration() {
    let server = untouched_server().await;
    let base =
        || LinkcyClient::builder().environment(Environment::Custom(server.uri().parse().unwrap()));
    assert!(matches!(
        base().build(),
        Err(banking_core::Error::Config(_))
    ));
    let production = LinkcyClient::builder()
        .environment(Environment::Production)
        .credentials(credentials())
        .build();
    assert!(matches!(production, Err(banking_core::Error::Config(_))));
    let sandbox = LinkcyClient::builder()
        .credentials(credentials())
        .build()
        .unwrap();
    assert_eq!(
        sandbox.raw().base_url().as_str(),
        "https://api.sandbox.linkcy.cloud/"
    );

    let bad_phone = LinkcyCredentials::login(LoginRequest::consumer(
        "+33612345678",
        "acme",
        SecretString::from(PASSWORD),
    ));
    let error = base().credentials(bad_phone).build().unwrap_err();
    assert_eq!(validation_field(&error), "consumerPhone");
    let empty =
        LinkcyCredentials::login(LoginRequest::partner("", "acme", SecretString::from("x")));
    // Empty credentials are the same error as missing ones.
    let error = base().credentials(empty).build().unwrap_err();
    assert!(
        matches!(&error, banking_core::Error::Config(m) if m.contains("username")),
        "{error:?}"
    );
    let no_password =
        LinkcyCredentials::login(LoginRequest::partner("me", "acme", SecretString::from("")));
    let error = base().credentials(no_password).build().unwrap_err();
    assert!(
        matches!(&error, banking_core::Error::Config(m) if m.contains("password")),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_undecodable_login_answer_is_an_auth_error_without_the_body() {
    let server = MockServer::start().await;
    let secret = "eyJhbGciOiJIUzI1NiJ9.bGlua2N5LXNlY3JldA.sig";
    crate::support::login_mock()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(format!(r#"{{"token": 7, "refreshToken": "{secret}"}}"#)),
        )
        .mount(&server)
        .await;
    let err = crate::support::client(&server)
        .ledgers()
        .list(&linkcy_client::LedgerFilter::default())
        .await
        .unwrap_err();
    assert!(err.is_auth(), "{err:?}");
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains(secret), "{text}");
    }
}
