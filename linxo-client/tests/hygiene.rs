//! No secret in Debug, Display or errors.

use linxo_client::NewUser;
use secrecy::SecretString;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

fn assert_clean(text: &str) {
    for secret in [CLIENT_SECRET, USER_PASSWORD, USER_TOKEN, CLIENT_TOKEN] {
        assert!(!text.contains(secret), "{secret} leaked in {text}");
    }
}

#[tokio::test]
async fn clients_builders_and_requests_do_not_show_secrets() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    me().respond_with(me_found()).mount(&server).await;
    let user = user_client(&server);
    // With a token cached too.
    user.users().me().await.unwrap();
    assert_clean(&format!("{user:?}"));
    assert_clean(&format!("{:?}", user.as_client()));
    assert_clean(&format!(
        "{:?}",
        builder(&server).user(USER_EMAIL, SecretString::from(USER_PASSWORD))
    ));
    assert_clean(&format!(
        "{:?}",
        NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD))
    ));
}

#[tokio::test]
async fn errors_do_not_show_secrets() {
    let server = server().await;
    // The token endpoint echoes what it was sent, as a broken proxy might.
    token_endpoint()
        .respond_with(|r: &wiremock::Request| {
            ResponseTemplate::new(401).set_body_json(serde_json::json!({
                "error": "invalid_client",
                "echo": String::from_utf8_lossy(&r.body),
            }))
        })
        .mount(&server)
        .await;
    let err = user_client(&server).users().me().await.unwrap_err();
    assert_clean(&format!("{err}"));
    assert_clean(&format!("{err:?}"));

    // A widget host failure after the body carried the token and secret.
    let server = server_with_user_token().await;
    widget_session()
        .respond_with(ResponseTemplate::new(500).set_body_string("internal error"))
        .mount(&server)
        .await;
    let err = user_client(&server)
        .widget_sessions()
        .create()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_clean(&format!("{err}"));
    assert_clean(&format!("{err:?}"));
}

async fn server_with_user_token() -> wiremock::MockServer {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    server
}

#[tokio::test]
async fn validation_errors_do_not_echo_the_password() {
    let server = server().await;
    let err = client(&server)
        .users()
        .create(&NewUser::new("not-an-email", SecretString::from("abcdef")))
        .await
        .unwrap_err();
    assert!(err.is_validation());
    assert!(!format!("{err} {err:?}").contains("abcdef"));
}

#[tokio::test]
async fn logs_of_a_whole_flow_do_not_show_secrets() {
    use tracing::Instrument;

    let capture = banking_core::testkit::LogCapture::start();
    flow().instrument(capture.span()).await;
    let lines = capture.lines().join("\n");
    assert!(
        lines.contains("UNDISCLOSED"),
        "logs were not captured: {lines}"
    );
    assert!(lines.contains("/widget/widget_session"), "{lines}");
    assert_clean(&lines);
    assert_clean(&capture.everything());
}

/// User creation, a user token, a widget session and a decode that logs an
/// unknown enum value.
async fn flow() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(ResponseTemplate::new(201).insert_header("location", "/users/1"))
        .mount(&server)
        .await;
    widget_session()
        .respond_with(session_created())
        .mount(&server)
        .await;
    // An unknown status is logged at debug level.
    let body = fixture("schema_built_users_me_200.json").replace("MALE", "UNDISCLOSED");
    me().respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .users()
        .create(&NewUser::new(USER_EMAIL, SecretString::from(USER_PASSWORD)))
        .await
        .unwrap();
    let user = client
        .as_user(USER_EMAIL, SecretString::from(USER_PASSWORD))
        .unwrap();
    user.widget_sessions().create().await.unwrap();
    user.users().me().await.unwrap();
}
