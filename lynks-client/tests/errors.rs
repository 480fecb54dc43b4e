//! Error bodies, typed codes, and the raw escape hatch.

use banking_core::transport::Request;
use lynks_client::counterparties::NewCounterparty;
use lynks_client::{CreditTransferId, LynksErrorCode, LynksErrorExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{bearer, respond, setup};

#[tokio::test]
async fn a_400_keeps_the_code_message_and_field_errors() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/counterparties"))
        .respond_with(
            respond(400, "inferred_error_400.json").insert_header("x-request-id", "req-7781"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .counterparties()
        .create(&[NewCounterparty::new("Acme", "LU280019400644750000")])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::BadRequest));
    assert_eq!(err.request_id(), Some("req-7781"));
    let api = err.api_error().unwrap();
    assert_eq!(api.code.as_deref(), Some("BAD_REQUEST"));
    assert_eq!(
        api.message.as_deref(),
        Some("The submitted counterparties are invalid")
    );
    assert_eq!(api.field_errors.len(), 1);
    assert_eq!(api.field_errors[0].field.as_deref(), Some("[0].iban"));
    assert_eq!(
        api.field_errors[0].message.as_deref(),
        Some("IBAN is not valid")
    );
    assert_eq!(
        api.field_errors[0].rejected_value,
        Some(serde_json::json!("LU280019400644750001"))
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_403_is_a_missing_permission() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/credit-transfers"))
        .respond_with(respond(403, "inferred_error_403.json"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .credit_transfers()
        .list(&Default::default())
        .await
        .unwrap_err();
    assert!(err.is_missing_permission());
    assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::Forbidden));
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("Technical user api-user lacks permission PAYMENT_CREATE")
    );
}

#[tokio::test]
async fn a_spring_404_is_not_found() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(
            "/v2/credit-transfers/00000000-0000-4000-8000-000000000000",
        ))
        .respond_with(respond(404, "inferred_error_404.json"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .credit_transfers()
        .get(&CreditTransferId::new(
            "00000000-0000-4000-8000-000000000000",
        ))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::NotFound));
    assert_eq!(err.provider_code(), Some("Not Found"));
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("Credit transfer not found")
    );
}

#[tokio::test]
async fn an_html_502_still_gives_status_and_body() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/payment-categories"))
        .respond_with(
            ResponseTemplate::new(502).set_body_string("<html><h1>502 Bad Gateway</h1></html>"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client.payment_categories().list().await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.lynks_error_code(), None);
    assert!(err.is_retryable());
    assert_eq!(
        err.raw_body(),
        Some(&b"<html><h1>502 Bad Gateway</h1></html>"[..])
    );
}

#[tokio::test]
async fn an_unknown_code_is_kept() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/payment-categories"))
        .respond_with(ResponseTemplate::new(422).set_body_string(
            r#"{"errorCode":"PEPPOL_NOT_ENABLED","detail":"Invoicing is not enabled"}"#,
        ))
        .mount(&server)
        .await;
    let err = client.payment_categories().list().await.unwrap_err();
    assert_eq!(
        err.lynks_error_code(),
        Some(LynksErrorCode::Unknown("PEPPOL_NOT_ENABLED".into()))
    );
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("Invoicing is not enabled")
    );
}

#[tokio::test]
async fn a_body_that_does_not_match_names_the_json_path() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/payment-categories"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"[{"id":"a"},{"name":"no id"}]"#),
        )
        .mount(&server)
        .await;
    let err = client.payment_categories().list().await.unwrap_err();
    let banking_core::Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert!(decode.to_string().contains("[1]"), "{decode}");
}

#[tokio::test]
async fn raw_sends_with_the_same_token_and_error_mapping() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/direct-debits"))
        .and(bearer())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id":"dd-1"}]"#))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v2/direct-debits/dd-1"))
        .and(bearer())
        .respond_with(respond(403, "inferred_error_403.json"))
        .expect(1)
        .mount(&server)
        .await;
    let listed: serde_json::Value = client
        .raw()
        .send_json(Request::get("/v2/direct-debits"))
        .await
        .unwrap();
    assert_eq!(listed[0]["id"], "dd-1");
    let err = client
        .raw()
        .send(Request::delete("/v2/direct-debits/{id}").param("id", "dd-1"))
        .await
        .unwrap_err();
    assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::Forbidden));
}
