//! The Linkcy error body becomes a typed API error.

use banking_core::error::ErrorDecoder;
use linkcy_client::{LinkcyErrorBody, LinkcyErrorCode, LinkcyErrorDecoder, LinkcyErrorExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{client, fixture, list_transactions, reply, server};

#[test]
fn decoder_reads_the_research_sample() {
    let details = LinkcyErrorDecoder.decode(
        400,
        fixture("research_error_consumer_not_found_400.json").as_bytes(),
    );
    assert_eq!(details.code.as_deref(), Some("CONSUMER_NOT_FOUND"));
    assert_eq!(
        details.message.as_deref(),
        Some("Consumer with id {0} was not found.")
    );
    assert_eq!(details.field_errors.len(), 1);
    let field = &details.field_errors[0];
    assert_eq!(field.field.as_deref(), Some("{path.to.field}"));
    assert_eq!(
        field.rejected_value,
        Some(serde_json::json!("{rejectedValue}"))
    );
}

#[test]
fn decoder_falls_back_to_the_generic_error_without_error_code() {
    let body = fixture("research_error_bad_request_without_code_400.json");
    let details = LinkcyErrorDecoder.decode(400, body.as_bytes());
    assert_eq!(details.code.as_deref(), Some("linkcy.bad.request"));
    assert_eq!(
        details.message.as_deref(),
        Some("Name must contains only letters")
    );
    assert_eq!(details.field_errors[0].field.as_deref(), Some("name"));
    let parsed = LinkcyErrorBody::from_slice(body.as_bytes()).unwrap();
    assert_eq!(parsed.error_code, None);
    assert_eq!(parsed.status, Some(400));
    assert_eq!(
        parsed.timestamp.unwrap().to_rfc3339(),
        "2019-08-24T14:15:22+00:00"
    );
    assert_eq!(
        parsed.details[0].rejected_value,
        Some(serde_json::json!("John Doe 56"))
    );
}

#[test]
fn decoder_leaves_other_bodies_empty() {
    for body in [
        &b"<html>502 Bad Gateway</html>"[..],
        b"",
        b"{}",
        b"[1,2]",
        br#"{"foo":"bar"}"#,
    ] {
        let details = LinkcyErrorDecoder.decode(502, body);
        assert_eq!(details.code, None);
        assert!(details.field_errors.is_empty());
        assert!(LinkcyErrorBody::from_slice(body).is_none());
    }
}

#[test]
fn unknown_codes_are_kept() {
    let body =
        br#"{"errorCode":"LEDGER_FROZEN","error":"linkcy.conflict","status":409,"details":[]}"#;
    let parsed = LinkcyErrorBody::from_slice(body).unwrap();
    assert_eq!(
        parsed.error_code,
        Some(LinkcyErrorCode::Unknown("LEDGER_FROZEN".into()))
    );
    assert!(!parsed.error_code.as_ref().unwrap().is_sca());
    assert!(LinkcyErrorCode::NoActiveScaDeviceFound.is_sca());
    assert!(LinkcyErrorCode::ScaSignatureDoesNotMatch.is_sca());
    assert!(!LinkcyErrorCode::ScaSignatureDoesNotMatch.is_sca_interaction());
    assert_eq!(
        LinkcyErrorCode::from("END_USER_NOT_FOUND"),
        LinkcyErrorCode::EndUserNotFound
    );
}

#[tokio::test]
async fn api_errors_carry_the_typed_code_and_the_raw_body() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/transactions"))
        .respond_with(reply(400, "research_error_consumer_not_found_400.json"))
        .expect(1)
        .mount(&server)
        .await;
    let error = list_transactions(&client(&server)).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.error_code(), Some(LinkcyErrorCode::ConsumerNotFound));
    let api = error.api_error().unwrap();
    assert_eq!(api.field_errors.len(), 1);
    assert_eq!(
        api.body.as_ref(),
        fixture("research_error_consumer_not_found_400.json").as_bytes()
    );
    assert_eq!(
        error.linkcy_body().unwrap().timestamp.unwrap().to_rfc3339(),
        "2024-11-14T16:15:01.629595888+00:00"
    );
}

#[tokio::test]
async fn an_html_gateway_page_is_still_an_api_error() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/transactions"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
        .mount(&server)
        .await;
    let error = list_transactions(&client(&server)).await.unwrap_err();
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.error_code(), None);
    assert!(error.linkcy_body().is_none());
}
