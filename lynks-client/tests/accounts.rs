//! Ordering party accounts: list, get, create.

use banking_core::money::Currency;
use lynks_client::AccountId;
use lynks_client::accounts::{AccountStatus, NewAccount};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{bearer, fixture_json, respond, setup};

#[tokio::test]
async fn list() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/ordering-party-accounts"))
        .and(bearer())
        .respond_with(respond(200, "inferred_accounts_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let accounts = client.accounts().list().await.unwrap();
    assert_eq!(accounts.len(), 2);
    let a = &accounts[0];
    assert_eq!(a.id, AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"));
    assert_eq!(a.name.as_deref(), Some("Operating account EUR"));
    assert_eq!(a.holder_name.as_deref(), Some("Finsolutions S.à r.l."));
    assert_eq!(a.iban.as_deref(), Some("LU120010001234567891"));
    assert_eq!(a.bic.as_deref(), Some("BCEELULL"));
    assert_eq!(a.bank_name.as_deref(), Some("Spuerkeess"));
    assert_eq!(a.currency, Some(Currency::EUR));
    assert_eq!(a.status, Some(AccountStatus::Active));
    let b = &accounts[1];
    assert_eq!(b.id.as_str(), "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b");
    assert_eq!(b.currency, Some(Currency::USD));
    assert_eq!(b.status, Some(AccountStatus::Deactivated));
    assert_eq!(b.bank_name.as_deref(), Some("ING Luxembourg"));
}

#[tokio::test]
async fn get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(
            "/v2/ordering-party-accounts/0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b",
        ))
        .and(bearer())
        .respond_with(respond(200, "inferred_account_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b");
    let account = client.accounts().get(&id).await.unwrap();
    assert_eq!(account.id, id);
    assert_eq!(account.name.as_deref(), Some("Operating account EUR"));
    assert_eq!(account.iban.as_deref(), Some("LU120010001234567891"));
    assert_eq!(account.currency, Some(Currency::EUR));
    assert_eq!(account.status, Some(AccountStatus::Active));
}

#[tokio::test]
async fn get_encodes_the_id_as_one_segment() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/ordering-party-accounts/..%2Fcounterparties"))
        .respond_with(respond(200, "inferred_account_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .accounts()
        .get(&AccountId::new("../counterparties"))
        .await
        .unwrap();
}

#[tokio::test]
async fn create() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/ordering-party-accounts"))
        .and(bearer())
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json(
            "inferred_accounts_create_request.json",
        )))
        .respond_with(respond(201, "schema_built_accounts_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client
        .accounts()
        .create(&[NewAccount::new(
            "Operating account EUR",
            "LU12 0010 0012 3456 7891",
            Currency::EUR,
        )
        .bic("bceelull")
        .holder_name("Finsolutions S.à r.l.")])
        .await
        .unwrap();
    assert_eq!(
        ids,
        [AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b")]
    );
}

#[tokio::test]
async fn with_options_headers_reach_the_call() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/ordering-party-accounts"))
        .and(wiremock::matchers::header("x-correlation-id", "corr-lynks"))
        .respond_with(respond(200, "inferred_accounts_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let accounts = client
        .accounts()
        .with_options(
            banking_core::transport::CallOptions::new().header("x-correlation-id", "corr-lynks"),
        )
        .list()
        .await
        .unwrap();
    assert_eq!(accounts.len(), 2);
}

#[tokio::test]
#[allow(deprecated)]
async fn the_former_options_name_still_applies_the_options() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/ordering-party-accounts"))
        .and(wiremock::matchers::header("x-correlation-id", "corr-lynks"))
        .respond_with(respond(200, "inferred_accounts_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .accounts()
        .options(
            banking_core::transport::CallOptions::new().header("x-correlation-id", "corr-lynks"),
        )
        .list()
        .await
        .unwrap();
}

#[tokio::test]
async fn with_options_timeout_ends_a_call_on_a_hanging_server() {
    use std::time::{Duration, Instant};

    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/ordering-party-accounts"))
        .respond_with(
            respond(200, "inferred_accounts_list_200.json").set_delay(Duration::from_secs(10)),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = client
        .accounts()
        .with_options(
            banking_core::transport::CallOptions::new().timeout(Duration::from_millis(200)),
        )
        .list()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
