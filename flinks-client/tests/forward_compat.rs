//! Values and fields this version does not know still decode, and keep
//! what they carried.

use flinks_client::connect::{AccountCategory, AccountKind, AccountsDetail, MfaChallenge};
use flinks_client::{CustomerType, FlinksCode, FlinksErrorExt};
use rust_decimal::Decimal;
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::common::{api_path, client, json, server};

#[test]
fn unknown_enum_values_and_fields_are_kept_or_ignored() {
    let body = r#"{
        "HttpStatusCode": 200,
        "SomethingNew": {"nested": [1, 2]},
        "Accounts": [{
            "Id": "27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889",
            "Category": "Mortgages",
            "Type": "RESP",
            "AccountType": "Joint",
            "Balance": {"Available": "12.50", "Current": 0.10, "Limit": null, "Pending": 3},
            "Transactions": null,
            "NewField": true
        }],
        "Login": {"Id": "5602459c-f6d0-4ca0-6750-08dccdcadcc0", "Type": "Trust", "LastRefresh": "2025-01-31T17:40:54Z"},
        "Links": null
    }"#;
    let detail: AccountsDetail = banking_core::json::from_slice(body.as_bytes()).unwrap();
    let account = &detail.accounts[0];
    assert_eq!(
        account.category,
        Some(AccountCategory::Unknown("Mortgages".into()))
    );
    assert_eq!(account.kind, Some(AccountKind::Unknown("RESP".into())));
    assert_eq!(
        account.account_type,
        Some(CustomerType::Unknown("Joint".into()))
    );
    assert!(account.transactions.is_empty());
    let balance = account.balance.as_ref().unwrap();
    assert_eq!(balance.available, Some(Decimal::new(1250, 2)));
    assert_eq!(balance.current.unwrap().to_string(), "0.10");
    let login = detail.login.unwrap();
    assert_eq!(login.kind, Some(CustomerType::Unknown("Trust".into())));
    assert!(login.last_refresh.unwrap().to_utc().is_some());
    assert!(detail.links.is_empty());
}

#[test]
fn unknown_challenge_types_are_kept() {
    let body = r#"{"RequestId":"a10fbd41-d942-4a1f-b202-16f63b5a9a81",
        "SecurityChallenges":[{"Type":"ImageSelection","Prompt":"Pick your image","Iterables":null}]}"#;
    let challenge: MfaChallenge = serde_json::from_str(body).unwrap();
    let kind = &challenge.security_challenges[0].kind;
    assert_eq!(kind.as_str(), "ImageSelection");
    assert!(challenge.security_challenges[0].iterables.is_empty());
}

#[tokio::test]
async fn unknown_codes_and_unknown_error_bodies_still_make_api_errors() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetMFAQuestions/5e115eac-1209-4f19-641c-08d6d484e2fe",
        )))
        .respond_with(json(
            409,
            r#"{"HttpStatusCode":409,"Message":"new","FlinksCode":"BRAND_NEW_CODE"}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api_path("BankingServices/Institutions")))
        .respond_with(
            wiremock::ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .connect()
        .mfa_questions("5e115eac-1209-4f19-641c-08d6d484e2fe".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        err.flinks_code(),
        Some(FlinksCode::Unknown("BRAND_NEW_CODE".into()))
    );

    let err = client.connect().institutions().await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.flinks_code(), None);
    assert_eq!(err.raw_body(), Some(&b"<html>Bad Gateway</html>"[..]));
}

#[tokio::test]
async fn a_pending_code_wins_over_an_error_status() {
    // The docs disagree on statuses; a pending body is pending whatever the
    // status says.
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsDetailAsync/077785a3-fd0f-42f7-9251-ee2ff7f3b4ff",
        )))
        .respond_with(json(
            400,
            r#"{"FlinksCode":"OPERATION_PENDING","HttpStatusCode":202,"Message":"Your operation is still processing"}"#,
        ))
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .accounts_detail_async("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap())
        .await
        .unwrap();
    let pending = outcome.pending().unwrap();
    // RequestId is missing from this body: the polled session is used.
    assert_eq!(
        pending.request_id.to_string(),
        "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff"
    );
}

#[tokio::test]
async fn a_bare_202_is_pending_not_empty_data() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetAccountsSummary")))
        .respond_with(json(202, r#"{"HttpStatusCode":202}"#))
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .accounts_summary("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap())
        .await
        .unwrap();
    let pending = outcome.pending().expect("a 202 without data is pending");
    assert_eq!(pending.flinks_code, FlinksCode::OperationPending);
    assert_eq!(
        pending.request_id.to_string(),
        "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff"
    );
}

#[tokio::test]
async fn the_user_agent_names_the_crate() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path("BankingServices/Institutions")))
        .and(wiremock::matchers::header(
            "user-agent",
            concat!("flinks-client/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(json(200, "[]"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        client(&server)
            .connect()
            .institutions()
            .await
            .unwrap()
            .is_empty()
    );
}
