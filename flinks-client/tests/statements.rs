//! GetStatements and GetStatementsAsync.

use flinks_client::connect::{StatementPeriod, StatementsRequest};
use flinks_client::ids::AccountId;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{API_KEY, api_path, client, fixture, json, server};

const SESSION: &str = "1243c283-e0ca-4fda-a5e4-343068430190";
const ACCOUNT: &str = "27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889";

#[tokio::test]
async fn statements_send_the_period_and_filter_and_decode_the_files() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetStatements")))
        .and(header("x-api-key", API_KEY))
        .and(body_json(serde_json::json!({
            "RequestId": SESSION,
            "NumberOfStatements": "Months12",
            "AccountsFilter": [ACCOUNT]
        })))
        .respond_with(json(200, fixture("schema_built_statements_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let request = StatementsRequest::new(SESSION.parse().unwrap())
        .number_of_statements(StatementPeriod::Months12)
        .accounts_filter([ACCOUNT.parse::<AccountId>().unwrap()]);
    let statements = client(&server)
        .connect()
        .statements(&request)
        .await
        .unwrap()
        .ready()
        .unwrap();
    assert_eq!(statements.request_id.unwrap().to_string(), SESSION);
    assert_eq!(statements.institution.as_deref(), Some("FlinksCapital"));
    let account = &statements.statements_by_account[0];
    assert_eq!(account.account_number.as_deref(), Some("7641238"));
    let file = &account.statements[0];
    assert_eq!(file.file_type.as_deref(), Some("pdf"));
    assert_eq!(
        file.unique_id.as_deref(),
        Some("3f1d2c4b-0a9e-4b8f-8c7d-6e5f4a3b2c1d")
    );
    assert_eq!(file.bytes().unwrap(), b"%PDF-1.4\n");
}

#[tokio::test]
async fn async_statements_are_a_get() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "BankingServices/GetStatementsAsync/{SESSION}"
        ))))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(200, fixture("schema_built_statements_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .statements_async(SESSION.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(outcome.ready().unwrap().statements_by_account.len(), 1);
}

#[tokio::test]
async fn twelve_months_without_an_accounts_filter_reach_the_server() {
    // Flinks' C# SDK wants one account with Months12; the docs do not.
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetStatements")))
        .and(body_json(serde_json::json!({
            "RequestId": SESSION,
            "NumberOfStatements": "Months12"
        })))
        .respond_with(json(200, fixture("schema_built_statements_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let request = StatementsRequest::new(SESSION.parse().unwrap())
        .number_of_statements(StatementPeriod::Months12);
    let _ = client(&server)
        .connect()
        .statements(&request)
        .await
        .unwrap();
}
