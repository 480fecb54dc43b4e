//! banking-core alone: OAuth2 client credentials, an authenticated call,
//! exact money.

use banking_core::auth::{BearerAuth, ClientCredentials};
use banking_core::money::{Currency, Decimal, Money};
use banking_core::transport::Request;
use secrecy::SecretString;
use serde::Deserialize;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::Report;

/// An account as the simulated API returns it.
#[derive(Debug, Deserialize)]
struct Account {
    id: String,
    #[serde(with = "banking_core::money::wire::exact_number")]
    balance: Decimal,
    currency: Currency,
}

/// Fetches a token once, then an account list whose balance has more
/// digits than an `f64` holds.
pub async fn run() -> banking_core::Result<Report> {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "demo-access-token", "token_type": "Bearer", "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .and(header("authorization", "Bearer demo-access-token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"[{"id":"acc-1","balance":12345678901234567.89,"currency":"EUR"}]"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let token_url = format!("{}/oauth/token", server.uri())
        .parse()
        .map_err(|e| banking_core::Error::config(format!("token URL: {e}")))?;
    let source =
        ClientCredentials::new(token_url, "demo-client", SecretString::from("demo-secret"));
    let transport = banking_core::testkit::transport_for(&server)
        .auth(BearerAuth::new(source))
        .build()?;
    let accounts: Vec<Account> = transport.send_json(Request::get("/accounts")).await?;
    Ok(accounts
        .iter()
        .map(|a| format!("account {}: {}", a.id, Money::new(a.balance, a.currency)))
        .collect())
}
