//! Client mode, user mode, token caching, re-authentication, environments.

use std::collections::HashMap;

use linxo_client::{
    AuthMode, Environment, LinxoClient, LinxoClientBuilder, PRODUCTION_API_URL, SANDBOX_API_URL,
    USER_SCOPE,
};
use secrecy::SecretString;
use wiremock::matchers::{bearer_token, header, method, path};
use wiremock::{Mock, Request, ResponseTemplate};

use crate::support::*;

fn form(request: &Request) -> HashMap<String, String> {
    url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect()
}

fn form_is(
    expected: &'static [(&'static str, &'static str)],
) -> impl Fn(&Request) -> bool + Send + Sync {
    move |r: &Request| {
        let expected: HashMap<String, String> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        form(r) == expected
    }
}

/// The access token of `schema_built_token_user_200.json`.
const FIXTURE_USER_TOKEN: &str = "sim-user-token";

/// The user token answer `schema_built_token_user_200.json`.
fn user_token_granted() -> ResponseTemplate {
    ok_fixture("schema_built_token_user_200.json")
}

/// Builds a user-mode client from `builder` and reads `/users/me` once.
async fn me_as_user(builder: LinxoClientBuilder) {
    builder
        .user(USER_EMAIL, SecretString::from(USER_PASSWORD))
        .build()
        .unwrap()
        .users()
        .me()
        .await
        .unwrap();
}

async fn mount_me(server: &wiremock::MockServer, token: &str) {
    me().and(bearer_token(token))
        .respond_with(me_found())
        .mount(server)
        .await;
}

#[tokio::test]
async fn client_mode_uses_client_credentials_once_for_many_calls() {
    let server = server().await;
    token_endpoint()
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(form_is(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("scope", "users_create"),
        ]))
        .respond_with(ok_fixture("schema_built_token_client_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/5120034"))
        .and(bearer_token("sim-client-token"))
        .respond_with(me_found())
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(client.mode(), AuthMode::Client);
    let calls = (0..3).map(|_| {
        let client = client.clone();
        async move { client.users().get(&"5120034".into()).await }
    });
    for user in futures::future::join_all(calls).await {
        assert_eq!(user.unwrap().id.as_str(), "5120034");
    }
}

#[tokio::test]
async fn user_mode_uses_the_password_grant_with_the_user_scope() {
    let server = server().await;
    token_endpoint()
        .and(form_is(&[
            ("grant_type", "password"),
            ("username", USER_EMAIL),
            ("password", USER_PASSWORD),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            (
                "scope",
                "profile profile_edit accounts_manage connections_manage connections_sync transactions_read",
            ),
        ]))
        .respond_with(user_token_granted())
        .expect(1)
        .mount(&server)
        .await;
    mount_me(&server, FIXTURE_USER_TOKEN).await;
    let user = user_client(&server);
    assert_eq!(user.mode(), AuthMode::User);
    user.users().me().await.unwrap();
    user.users().me().await.unwrap();
    assert!(USER_SCOPE.contains("connections_sync"));
}

#[tokio::test]
async fn custom_scopes_are_sent() {
    let server = server().await;
    token_endpoint()
        .and(|r: &Request| {
            form(r).get("scope").map(String::as_str) == Some("accounts_read transactions_read")
        })
        .respond_with(user_token_granted())
        .expect(1)
        .mount(&server)
        .await;
    mount_me(&server, FIXTURE_USER_TOKEN).await;
    me_as_user(builder(&server).user_scope("accounts_read transactions_read")).await;
}

#[tokio::test]
async fn as_user_and_as_client_switch_modes_and_share_the_client_token() {
    let server = server().await;
    mount_tokens(&server, Some(1), Some(1)).await;
    mount_me(&server, USER_TOKEN).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .and(bearer_token(CLIENT_TOKEN))
        .respond_with(ResponseTemplate::new(201).insert_header("location", "/users/1"))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    let new_user = linxo_client::NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD));
    client.users().create(&new_user).await.unwrap();
    let user = client
        .as_user(USER_EMAIL, SecretString::from(USER_PASSWORD))
        .unwrap();
    user.users().me().await.unwrap();
    let back = user.as_client();
    assert_eq!(back.mode(), AuthMode::Client);
    back.users().create(&new_user).await.unwrap();
}

#[tokio::test]
async fn a_401_drops_the_token_and_retries_once_in_both_modes() {
    let server = server().await;
    mount_tokens(&server, Some(2), Some(2)).await;
    for token in [CLIENT_TOKEN, USER_TOKEN] {
        me().and(bearer_token(token))
            .respond_with(invalid_token())
            .up_to_n_times(1)
            .with_priority(1)
            .expect(1)
            .mount(&server)
            .await;
        mount_me(&server, token).await;
    }
    for client in [client(&server), user_client(&server)] {
        let me = client.users().me().await.unwrap();
        assert_eq!(me.id.as_str(), "5120034");
    }
}

#[tokio::test]
async fn a_401_after_a_fresh_token_is_returned_not_looped() {
    let server = server().await;
    mount_tokens(&server, None, Some(2)).await;
    me().respond_with(invalid_token())
        .expect(2)
        .mount(&server)
        .await;
    let err = user_client(&server).users().me().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
}

#[tokio::test]
async fn a_wrong_password_is_a_typed_token_error() {
    let server = server().await;
    token_endpoint()
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant", "error_description": "Bad credentials"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let err = user_client(&server).users().me().await.unwrap_err();
    use linxo_client::{LinxoErrorCode, LinxoErrorExt};
    assert_eq!(err.linxo_error_code(), Some(LinxoErrorCode::InvalidGrant));
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn auth_and_widget_hosts_can_be_set_apart_from_the_api() {
    let api = server().await;
    let auth = server().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(user_token_granted())
        .expect(1)
        .mount(&auth)
        .await;
    mount_me(&api, FIXTURE_USER_TOKEN).await;
    me_as_user(builder(&api).auth_url(format!("{}/oauth", auth.uri()).parse().unwrap())).await;
}

#[test]
fn environments_resolve_the_oxlin_v2_1_hosts() {
    let build = |env: Option<Environment>| {
        let mut b = LinxoClient::builder().client_credentials("id", SecretString::from("s"));
        if let Some(env) = env {
            b = b.environment(env);
        }
        b.build().unwrap()
    };
    assert_eq!(build(None).raw().base_url().as_str(), SANDBOX_API_URL);
    assert_eq!(
        build(Some(Environment::Production))
            .raw()
            .base_url()
            .as_str(),
        PRODUCTION_API_URL
    );
    assert_eq!(
        build(Some(Environment::Custom(
            "https://proxy.example/linxo".parse().unwrap()
        )))
        .raw()
        .base_url()
        .as_str(),
        "https://proxy.example/linxo/"
    );
}

#[test]
fn build_refuses_incomplete_configuration_without_a_runtime() {
    let missing = LinxoClient::builder().build().unwrap_err();
    assert!(
        matches!(missing, banking_core::Error::Config(_)),
        "{missing:?}"
    );
    let empty_secret = LinxoClient::builder()
        .client_credentials("id", SecretString::from(""))
        .build()
        .unwrap_err();
    assert!(
        empty_secret.to_string().contains("secret"),
        "{empty_secret}"
    );
    let ftp = LinxoClient::builder()
        .client_credentials("id", SecretString::from("s"))
        .auth_url("ftp://auth.example/".parse().unwrap())
        .build()
        .unwrap_err();
    assert!(ftp.to_string().contains("auth URL"), "{ftp}");
    let no_user = LinxoClient::builder()
        .client_credentials("id", SecretString::from("s"))
        .user(" ", SecretString::from("pw"))
        .build()
        .unwrap_err();
    assert!(no_user.is_validation(), "{no_user:?}");
}

#[tokio::test]
async fn invalidate_token_makes_the_next_call_fetch_one() {
    let server = server().await;
    mount_tokens(&server, None, Some(2)).await;
    mount_me(&server, USER_TOKEN).await;
    let user = user_client(&server);
    user.users().me().await.unwrap();
    user.users().me().await.unwrap();
    user.invalidate_token();
    user.users().me().await.unwrap();
}

#[tokio::test]
async fn token_requests_can_be_sent_as_json() {
    let server = server().await;
    token_endpoint()
        .and(header("content-type", "application/json"))
        .and(wiremock::matchers::body_json(serde_json::json!({
            "grant_type": "password",
            "username": USER_EMAIL,
            "password": USER_PASSWORD,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scope": USER_SCOPE,
        })))
        .respond_with(user_token_granted())
        .expect(1)
        .mount(&server)
        .await;
    mount_me(&server, FIXTURE_USER_TOKEN).await;
    me_as_user(builder(&server).token_encoding(banking_core::auth::TokenEncoding::Json)).await;
}
