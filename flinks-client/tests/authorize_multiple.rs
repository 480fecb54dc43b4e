//! AuthorizeMultiple (legacy SDKs only; schema-built samples).

use flinks_client::FlinksCode;
use flinks_client::connect::AuthorizeMultipleRequest;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{SECRET, api_path, client, fixture, fixture_json, json, no_header, server};

const TOKEN: &str = "d65f1adb-8ebc-48dc-be8b-20c773ba1565";

#[tokio::test]
async fn authorize_multiple_sends_the_login_ids_with_a_fresh_token() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GenerateAuthorizeToken")))
        .and(header("flinks-auth-key", SECRET))
        .respond_with(json(
            200,
            fixture("research_generate_authorize_token_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/AuthorizeMultiple")))
        .and(header("flinks-auth-key", TOKEN))
        .and(no_header("x-api-key"))
        .and(body_json(fixture_json(
            "schema_built_authorize_multiple_request.json",
        )))
        .respond_with(json(
            200,
            fixture("schema_built_authorize_multiple_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let request = AuthorizeMultipleRequest::cached([
        "5e115eac-1209-4f19-641c-08d6d484e2fe".parse().unwrap(),
        "8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31".parse().unwrap(),
    ]);
    let answer = client(&server)
        .connect()
        .authorize_multiple(&request)
        .await
        .unwrap();
    assert_eq!(answer.http_status_code, Some(200));
    assert_eq!(
        answer.request_id.unwrap().to_string(),
        "1243c283-e0ca-4fda-a5e4-343068430190"
    );
    assert_eq!(answer.flinks_code, Some(FlinksCode::Ok));
    assert_eq!(answer.message.as_deref(), Some("Authorized"));
    assert_eq!(
        answer.other["InvalidLoginIds"],
        serde_json::json!(["8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31"])
    );
    assert_eq!(
        answer.other["ValidLoginIds"][0]["LoginId"],
        "5e115eac-1209-4f19-641c-08d6d484e2fe"
    );
}

#[tokio::test]
async fn an_empty_login_list_is_refused_and_a_live_one_is_not_cached() {
    let server = server().await;
    let err = client(&server)
        .connect()
        .authorize_multiple(&AuthorizeMultipleRequest::cached([]))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
    let live = serde_json::to_value(AuthorizeMultipleRequest::live([
        "5e115eac-1209-4f19-641c-08d6d484e2fe".parse().unwrap(),
    ]))
    .unwrap();
    assert_eq!(live["MostRecentCached"], false);
}
