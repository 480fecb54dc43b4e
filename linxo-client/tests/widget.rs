//! `POST /widget/widget_session` and widget URLs.

use linxo_client::{Environment, LinxoClient, WidgetFlow, WidgetParams, WidgetSession};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::support::*;

#[tokio::test]
async fn create_sends_the_user_token_and_client_credentials_in_the_body() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(1)).await;
    widget_session()
        .and(no_authorization)
        .and(header("content-type", "application/json"))
        .and(body_json(serde_json::json!({
            "access_token": USER_TOKEN,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        })))
        .respond_with(session_created())
        .expect(1)
        .mount(&server)
        .await;
    let session = user_client(&server)
        .widget_sessions()
        .create()
        .await
        .unwrap();
    assert_eq!(session.session_id.as_str(), "f3c1a9e2");
    let links = session.links.unwrap();
    assert_eq!(
        links.add_connection.as_deref(),
        Some("https://sandbox-embed.oxlin.io/widget/add_connection?session_id=f3c1a9e2")
    );
    assert_eq!(
        links.professional_account.as_deref(),
        Some("https://sandbox-embed.oxlin.io/widget/professional-account?session_id=f3c1a9e2")
    );
    assert_eq!(
        links.terms.as_deref(),
        Some("https://sandbox-embed.oxlin.io/widget/terms?session_id=f3c1a9e2")
    );
}

#[tokio::test]
async fn create_goes_to_the_widget_host_not_the_api() {
    let api = server().await;
    let embed = server().await;
    mount_tokens(&api, None, Some(1)).await;
    Mock::given(method("POST"))
        .and(path("/v2.1/widget/widget_session"))
        .respond_with(session_created())
        .expect(1)
        .mount(&embed)
        .await;
    let client = builder(&api)
        .embed_url(format!("{}/v2.1", embed.uri()).parse().unwrap())
        .user(USER_EMAIL, secrecy::SecretString::from(USER_PASSWORD))
        .build()
        .unwrap();
    let session = client.widget_sessions().create().await.unwrap();
    assert_eq!(session.session_id.as_str(), "f3c1a9e2");
}

#[tokio::test]
async fn create_refetches_the_user_token_once_when_refused() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(2)).await;
    widget_session()
        .respond_with(invalid_token())
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    widget_session()
        .respond_with(session_created())
        .expect(1)
        .mount(&server)
        .await;
    let session = user_client(&server)
        .widget_sessions()
        .create()
        .await
        .unwrap();
    assert_eq!(session.session_id.as_str(), "f3c1a9e2");
}

#[tokio::test]
async fn create_in_client_mode_fails_before_sending() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(0)).await;
    widget_session()
        .respond_with(session_created())
        .expect(0)
        .mount(&server)
        .await;
    let err = client(&server)
        .widget_sessions()
        .create()
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err:?}");
    assert!(err.to_string().contains("as_user"), "{err}");
}

/// A client on `environment`'s hosts, for building URLs: nothing is sent.
fn offline_client(environment: Environment) -> LinxoClient {
    LinxoClient::builder()
        .client_credentials(CLIENT_ID, secrecy::SecretString::from(CLIENT_SECRET))
        .environment(environment)
        .build()
        .unwrap()
}

fn session(links: bool) -> WidgetSession {
    let mut body = fixture("schema_built_widget_session_200.json");
    if !links {
        body = r#"{"session_id":"f3c1a9e2"}"#.to_owned();
    }
    serde_json::from_str(&body).unwrap()
}

#[test]
fn add_connection_url_uses_the_session_link_and_adds_the_parameters() {
    let client = offline_client(Environment::Sandbox);
    let params = WidgetParams::new()
        .redirect_url("https://app.example/linxo/done?step=2".parse().unwrap())
        .aspsp_callback_uri("https://app.example/linxo/bank".parse().unwrap())
        .consent_per_account(true)
        .wait_sync_end(false)
        .select_accounts(true)
        .captive_mode(true)
        .locale("fr")
        .font("Open Sans")
        .font_color("#1a1a1a")
        .elements_color("#0055ff")
        .param("redirect_uri", "https://app.example/linxo/done");
    let url = client
        .widget_sessions()
        .url(&session(true), WidgetFlow::AddConnection, &params)
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://sandbox-embed.oxlin.io/widget/add_connection?session_id=f3c1a9e2\
         &redirect_url=https%3A%2F%2Fapp.example%2Flinxo%2Fdone%3Fstep%3D2\
         &aspsp_callback_uri=https%3A%2F%2Fapp.example%2Flinxo%2Fbank\
         &consent_per_account=true&wait_sync_end=false&select_accounts=true&captive_mode=true\
         &locale=fr&font=Open+Sans&font_color=%231a1a1a&elements_color=%230055ff\
         &redirect_uri=https%3A%2F%2Fapp.example%2Flinxo%2Fdone"
    );
}

#[test]
fn flows_without_a_link_are_built_on_the_widget_host() {
    let client = offline_client(Environment::Production);
    let sessions = client.widget_sessions();
    let params = WidgetParams::new();
    let expected = [
        (WidgetFlow::EditCredentials, "edit_credentials"),
        (WidgetFlow::UserInput, "user_input"),
        (WidgetFlow::ManageAccounts, "manage_accounts"),
        (WidgetFlow::Terms, "terms"),
        (WidgetFlow::ProfessionalAccount, "professional-account"),
        (WidgetFlow::AddConnection, "add_connection"),
    ];
    for (flow, segment) in expected {
        let url = sessions.url(&session(false), flow, &params).unwrap();
        assert_eq!(
            url.as_str(),
            format!("https://embed.oxlin.io/v2.1/widget/{segment}?session_id=f3c1a9e2")
        );
    }
    // A link to another host is not trusted: the URL is built instead.
    let foreign: WidgetSession = serde_json::from_str(
        r#"{"session_id":"f3c1a9e2","_links":{"add_connection":"https://evil.example/x"}}"#,
    )
    .unwrap();
    let url = sessions
        .url(&foreign, WidgetFlow::AddConnection, &params)
        .unwrap();
    assert_eq!(url.host_str(), Some("embed.oxlin.io"));
}
