use banking_core::error::ErrorDecoder;
use finqlink_client::consents::ConsentRequest;
use finqlink_client::{FinqLinkErrorCode, FinqLinkErrorDecoder, FinqLinkErrorExt};
use wiremock::ResponseTemplate;

use crate::support::*;

#[test]
fn flat_and_nested_error_bodies_keep_code_and_message() {
    let flat = FinqLinkErrorDecoder.decode(
        400,
        &fixture_bytes("schema_built_error_cooldown_failed_400.json"),
    );
    assert_eq!(flat.code.as_deref(), Some("cooldown_failed"));
    assert_eq!(
        flat.message.as_deref(),
        Some("Data refresh cooldown period not yet elapsed")
    );
    let nested = FinqLinkErrorDecoder.decode(
        400,
        &fixture_bytes("schema_built_error_consent_not_active_400.json"),
    );
    assert_eq!(nested.code.as_deref(), Some("consent_not_active"));
    assert!(nested.message.unwrap().starts_with("Consent is not usable"));
}

#[test]
fn odd_error_bodies_still_yield_what_they_can() {
    let d = FinqLinkErrorDecoder;
    let gateway = d.decode(401, br#"{"error": "unauthorized"}"#);
    assert_eq!(gateway.code.as_deref(), Some("unauthorized"));
    let with_fields = d.decode(
        400,
        br#"{"code":"validation_error","message":"bad","errors":[{"field":"payment_intent.amount","message":"invalid"}, "ignored"]}"#,
    );
    assert_eq!(with_fields.code.as_deref(), Some("validation_error"));
    assert_eq!(with_fields.field_errors.len(), 1);
    assert_eq!(
        with_fields.field_errors[0].field.as_deref(),
        Some("payment_intent.amount")
    );
    assert_eq!(
        with_fields.field_errors[0].message.as_deref(),
        Some("invalid")
    );
    // `errors` as a map must not hide the code.
    let map = d.decode(
        400,
        br#"{"code":"invalid_input","errors":{"amount":["bad"]}}"#,
    );
    assert_eq!(map.code.as_deref(), Some("invalid_input"));
    let html = d.decode(502, b"<html>Bad gateway</html>");
    assert_eq!((html.code, html.message), (None, None));
}

#[test]
fn every_documented_code_is_typed_and_unknown_codes_are_kept() {
    use FinqLinkErrorCode::*;
    let table = [
        ("bad_request", BadRequest),
        ("validation_error", ValidationError),
        ("invalid_input", InvalidInput),
        ("unprocessable_entity", UnprocessableEntity),
        ("cooldown_failed", CooldownFailed),
        ("consent_not_active", ConsentNotActive),
        ("method_selection_error", MethodSelectionError),
        ("method_input_validation_error", MethodInputValidationError),
        ("link_expired", LinkExpired),
        ("unauthorized", Unauthorized),
        ("not_found", NotFound),
        ("internal_error", InternalError),
        ("internal_server_error", InternalServerError),
    ];
    for (wire, code) in table {
        assert_eq!(FinqLinkErrorCode::from(wire), code);
        assert_eq!(code.as_str(), wire);
    }
    assert_eq!(
        FinqLinkErrorCode::from("rate_limited"),
        Unknown("rate_limited".into())
    );
}

#[tokio::test]
async fn api_errors_expose_typed_codes_and_not_found() {
    let server = server().await;
    post("/v2/ais/consents/get")
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            r#"{"id":"err-1","request_id":"req-404","code":"not_found","message":"Consent not found"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    post("/v2/links/get")
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"code":"link_expired","message":"Link expired"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .consents()
        .get(&ConsentRequest::new(consent_id()))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.finqlink_code(), Some(FinqLinkErrorCode::NotFound));
    assert_eq!(err.provider_code(), Some("not_found"));
    let link = finqlink_client::links::LinkGetRequest::new(
        "6f1c2a4e-8d3b-4c57-9a0e-1b2c3d4e5f60".parse().unwrap(),
    );
    let err = client.links().get(&link).await.unwrap_err();
    assert!(err.is_link_expired());
}
