//! GetAccountsSummary and GetAccountsSummaryAsync.

use std::time::Duration;

use banking_core::money::Currency;
use flinks_client::connect::{AccountCategory, PollOptions};
use flinks_client::{CustomerType, FlinksCode, FlinksErrorExt};
use rust_decimal::Decimal;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{API_KEY, api_path, client, fixture, json, server};

const SESSION: &str = "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff";

#[tokio::test]
async fn summary_posts_the_request_id_and_reads_the_seed_202() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetAccountsSummary")))
        .and(header("x-api-key", API_KEY))
        .and(body_json(serde_json::json!({ "RequestId": SESSION })))
        .respond_with(json(202, fixture("seed_accounts_summary_async_202.json")))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .accounts_summary(SESSION.parse().unwrap())
        .await
        .unwrap();
    let pending = outcome.pending().unwrap();
    assert_eq!(pending.flinks_code, FlinksCode::OperationPending);
    assert_eq!(pending.request_id.to_string(), SESSION);
    assert_eq!(pending.links.len(), 1);
    assert_eq!(
        pending.links[0].rel.as_deref(),
        Some("GetAccountsSummaryAsync")
    );
    assert_eq!(
        pending.links[0].href.as_deref(),
        Some("/GetAccountsSummaryAsync")
    );
}

#[tokio::test]
async fn async_summary_polls_with_get_until_ready() {
    let server = server().await;
    let async_path = api_path(&format!(
        "BankingServices/GetAccountsSummaryAsync/{SESSION}"
    ));
    Mock::given(method("GET"))
        .and(path(async_path.clone()))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(202, fixture("seed_accounts_summary_async_202.json")))
        .up_to_n_times(2)
        .with_priority(1)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(async_path))
        .respond_with(json(200, fixture("schema_built_accounts_summary_200.json")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let connect = client.connect();
    let first = connect
        .accounts_summary_async(SESSION.parse().unwrap())
        .await
        .unwrap();
    assert!(first.pending().is_some());
    let options = PollOptions::new().interval(Duration::from_millis(5));
    let summary = connect.wait_ready(first, &options).await.unwrap();
    assert_eq!(summary.institution.as_deref(), Some("BMO"));
    assert_eq!(summary.institution_id, Some(1));
    assert_eq!(summary.tag.as_deref(), Some("userId=xxxxxxxxxxxx"));
    assert_eq!(
        summary.login.as_ref().unwrap().kind,
        Some(CustomerType::Business)
    );
    assert_eq!(summary.links.len(), 2);
    let account = &summary.accounts[0];
    assert_eq!(account.eft_eligible_ratio, Some(Decimal::ZERO));
    assert_eq!(account.e_transfer_eligible_ratio, Some(Decimal::ZERO));
    assert_eq!(account.account_type, Some(CustomerType::Personal));
    assert_eq!(account.category, Some(AccountCategory::Operations));
    assert_eq!(account.currency, Some(Currency::CAD));
    let balance = account.balance.as_ref().unwrap();
    assert_eq!(balance.available.unwrap().to_string(), "1234.45");
    assert_eq!(balance.current.unwrap().to_string(), "4321.45");
    assert_eq!(balance.limit, None);
    assert_eq!(
        account.holder.as_ref().unwrap().phone_number.as_deref(),
        Some("+1 123-456-7890")
    );
}

#[tokio::test]
async fn async_summary_for_an_ended_session_is_session_nonexistent() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsSummaryAsync/1df20baf-65d5-40ee-9be0-8058c13042e2",
        )))
        .respond_with(json(400, fixture("seed_accounts_summary_async_400.json")))
        .mount(&server)
        .await;
    let err = client(&server)
        .connect()
        .accounts_summary_async("1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::SessionNonexistent));
    assert_eq!(err.provider_code(), Some("SESSION_NONEXISTENT"));
    assert!(!err.is_retryable());
    // The seed's body names no RequestId, and no header carries one.
    assert_eq!(err.request_id(), None);
    let body = err.connect_error_body().unwrap();
    assert_eq!(body.http_status_code, Some(400));
    assert_eq!(
        body.message.as_deref(),
        Some("RequestId 1df20baf-65d5-40ee-9be0-8058c13042e2 is invalid or session has ended")
    );
}

#[tokio::test]
async fn the_request_id_and_field_details_of_an_error_body_reach_the_error() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsSummaryAsync/1df20baf-65d5-40ee-9be0-8058c13042e2",
        )))
        .respond_with(json(
            400,
            fixture("schema_built_error_with_request_id_400.json"),
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .connect()
        .accounts_summary_async("1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        err.request_id(),
        Some("1df20baf-65d5-40ee-9be0-8058c13042e2")
    );
    let api = err.api_error().unwrap();
    assert_eq!(api.field_errors.len(), 1);
    assert_eq!(api.field_errors[0].field.as_deref(), Some("RequestId"));
    let body = err.connect_error_body().unwrap();
    assert_eq!(body.http_status_code, Some(400));
    assert_eq!(body.flinks_code, Some(FlinksCode::SessionNonexistent));
    assert_eq!(
        body.request_id.as_deref(),
        Some("1df20baf-65d5-40ee-9be0-8058c13042e2")
    );
}

#[tokio::test]
async fn a_request_id_header_wins_over_the_body() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsSummaryAsync/1df20baf-65d5-40ee-9be0-8058c13042e2",
        )))
        .respond_with(
            json(400, fixture("schema_built_error_with_request_id_400.json"))
                .insert_header("x-request-id", "gateway-7"),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .connect()
        .accounts_summary_async("1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("gateway-7"));
    // The body's id stays readable.
    assert_eq!(
        err.connect_error_body().unwrap().request_id.as_deref(),
        Some("1df20baf-65d5-40ee-9be0-8058c13042e2")
    );
}
