//! No password or token appears in Debug, Display or errors.

use linkcy_client::testkit::LinkcySimulator;
use linkcy_client::{
    LinkcyCredentials, LoginRequest, LoginResponse, RefreshRequest, ScaOptions, TransactionFilter,
};
use secrecy::SecretString;
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::support::{PASSWORD, client, fixture_json, reply, token};

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
    let client = simulator.client();
    client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    assert_clean(&format!("{client:?}"));

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
    let error = client_for(&server)
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap_err();
    assert_clean(&format!("{error} {error:?}"));
}

fn client_for(server: &wiremock::MockServer) -> linkcy_client::LinkcyClient {
    client(server)
}

/// A writer that keeps everything logged.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_of_logins_refreshes_and_sca_calls_hold_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    simulator.expire_tokens();
    simulator.revoke_refresh_tokens();
    client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    let signed = ScaOptions::new()
        .strategy(linkcy_client::ScaStrategy::DataSigning)
        .signature(SecretString::from("c2lnbmF0dXJl"));
    let card = linkcy_client::CreateCardRequest::new(uuid::Uuid::nil(), uuid::Uuid::nil(), "JANE");
    client.cards().create(&card, &signed).await.unwrap();

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("/api/partner/login"), "{logs}");
    assert_clean(&logs);
    assert!(!logs.contains("simulated-"), "{logs}");
}
