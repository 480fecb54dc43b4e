//! No password or token appears in Debug, Display or errors.

use banking_core::testkit::LogCapture;
use linkcy_client::testkit::LinkcySimulator;
use linkcy_client::{LinkcyCredentials, LoginRequest, LoginResponse, RefreshRequest, ScaOptions};
use secrecy::SecretString;
use tracing::Instrument;
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::support::{PASSWORD, client, fixture_json, list_transactions, reply, token};

const REFRESH_TOKEN: &str = "rt-7a1c2f9e-partner";

fn assert_clean(text: &str) {
    for secret in [PASSWORD, &token(), REFRESH_TOKEN, "c2lnbmF0dXJl"] {
        assert!(!text.contains(secret), "secret leaked in {text}");
    }
}

#[test]
fn credentials_and_tokens_are_redacted_in_debug() {
    let login = LoginRequest::partner("partner-admin", "acme", SecretString::from(PASSWORD));
    let debug = format!("{login:?}");
    assert!(debug.contains("partner-admin") && debug.contains("[REDACTED]"));
    assert_clean(&debug);
    assert_clean(&format!("{:?}", LinkcyCredentials::login(login)));
    let answer: LoginResponse =
        serde_json::from_value(fixture_json("schema_built_auth_login_200.json")).unwrap();
    assert_clean(&format!("{answer:?}"));
    assert_clean(&format!("{:?}", LinkcyCredentials::session(answer)));
    assert_clean(&format!(
        "{:?}",
        RefreshRequest::new(SecretString::from(REFRESH_TOKEN))
    ));
    let signed = ScaOptions::new().signature(SecretString::from("c2lnbmF0dXJl"));
    assert_clean(&format!("{signed:?}"));
}

#[tokio::test]
async fn clients_and_errors_do_not_show_secrets() {
    let simulator = LinkcySimulator::start().await;
    let simulated = simulator.client();
    list_transactions(&simulated).await.unwrap();
    assert_clean(&format!("{simulated:?}"));

    let server = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/login"))
        .respond_with(reply(200, "schema_built_auth_login_200.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/partner/transactions"))
        .respond_with(reply(403, "research_error_consumer_not_found_400.json"))
        .mount(&server)
        .await;
    let error = list_transactions(&client(&server)).await.unwrap_err();
    assert_clean(&format!("{error} {error:?}"));
}

#[tokio::test]
async fn logs_of_logins_refreshes_and_sca_calls_hold_no_secret() {
    let capture = LogCapture::start();
    async {
        let simulator = LinkcySimulator::start().await;
        let client = simulator.client();
        list_transactions(&client).await.unwrap();
        simulator.expire_tokens();
        simulator.revoke_refresh_tokens();
        list_transactions(&client).await.unwrap();
        let signed = ScaOptions::new()
            .strategy(linkcy_client::ScaStrategy::DataSigning)
            .signature(SecretString::from("c2lnbmF0dXJl"));
        let card = linkcy_client::CreateCardRequest::new(
            uuid::Uuid::nil().into(),
            uuid::Uuid::nil().into(),
            "JANE",
        );
        // Only the logs matter here, whichever outcome the call has.
        let _outcome = client.cards().create(&card, &signed).await.unwrap();
    }
    .instrument(capture.span())
    .await;

    let lines = capture.lines();
    assert!(
        lines.iter().any(|l| l.contains("/api/partner/login")),
        "{lines:?}"
    );
    let logs = capture.everything();
    assert_clean(&logs);
    assert!(!logs.contains("simulated-"), "{logs}");
}
