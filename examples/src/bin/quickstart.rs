//! An offline tour of the SDK: it starts local simulators and talks to them
//! through the same code paths a real integration uses.
//!
//! Run it with `cargo run -p examples --bin quickstart`.
#![allow(clippy::print_stdout)] // a command-line tour prints what it does

use banking_core::auth::{BearerAuth, ClientCredentials};
use banking_core::money::{Currency, Decimal, Money};
use banking_core::transport::Request;
use secrecy::SecretString;
use serde::Deserialize;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An account as the simulated API returns it.
#[derive(Debug, Deserialize)]
struct Account {
    id: String,
    #[serde(with = "banking_core::money::wire::exact_number")]
    balance: Decimal,
    currency: Currency,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("== banking-core: OAuth2 client credentials, then an authenticated call");
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
    let token_url = format!("{}/oauth/token", server.uri()).parse()?;
    let source =
        ClientCredentials::new(token_url, "demo-client", SecretString::from("demo-secret"));
    let transport = banking_core::testkit::transport_for(&server)
        .auth(BearerAuth::new(source))
        .build()?;
    let accounts: Vec<Account> = transport.send_json(Request::get("/accounts")).await?;
    for account in &accounts {
        // Every digit survives: no f64 on the way.
        let balance = Money::new(account.balance, account.currency);
        println!("account {}: {balance}", account.id);
    }
    Ok(())
}
