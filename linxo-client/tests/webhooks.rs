//! Webhook deliveries: the documented fields, and each way a delivery can
//! be checked (Linxo documents no signature; see the module docs).

use banking_core::webhook::{
    HeaderMap, HeaderName, HmacSha256Key, UnsignedPolicy, Verify, WebhookError,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use linxo_client::webhooks::{WebhookEvent, WebhookVerifier};
use linxo_client::{ConnectionStatus, WebhookEventType, WebhookResourceType};
use secrecy::SecretString;

use crate::support::*;

const BODY: &str = "schema_built_webhook_connection_updated.json";

fn connection_event(event: WebhookEvent) -> linxo_client::ConnectionEvent {
    match event {
        WebhookEvent::Connection(event) => event,
        other => panic!("{other:?}"),
    }
}

#[test]
fn parses_the_documented_fields_and_the_connection() {
    let verifier = WebhookVerifier::unsigned(UnsignedPolicy::accept_unsigned());
    let body = fixture(BODY);
    let event = verifier.verify(&HeaderMap::new(), body.as_bytes()).unwrap();
    assert_eq!(event.event_type(), Some("UPDATED"));
    let event = connection_event(event);
    assert_eq!(
        event.id.as_deref(),
        Some("9d0f4c2e-51a3-4c57-9b4e-2f6f1c3a8e10")
    );
    assert_eq!(event.event_type, Some(WebhookEventType::Updated));
    assert_eq!(event.resource_type, Some(WebhookResourceType::Connections));
    assert_eq!(event.creation_date, Some(at(1_700_086_410)));
    assert_eq!(
        event.channel_definition_id.as_ref().unwrap().as_str(),
        "102201"
    );
    assert_eq!(event.new_transactions, Some(true));
    assert_eq!(event.connection_id().unwrap().as_str(), "7730021");
    let connection = event.connection().unwrap().unwrap();
    assert_eq!(connection.status, Some(ConnectionStatus::Success));
    assert_eq!(connection.user_id.unwrap().as_str(), "5120034");
}

#[test]
fn a_required_header_secret_is_checked_and_a_wrong_one_refused() {
    let verifier = WebhookVerifier::unsigned(UnsignedPolicy::require_header(
        HeaderName::from_static("authorization"),
        SecretString::from("Basic d2ViaG9vazpzM2NyZXQ="),
    ));
    let body = fixture(BODY);
    let mut headers = HeaderMap::new();
    headers.insert(
        "authorization",
        "Basic d2ViaG9vazpzM2NyZXQ=".parse().unwrap(),
    );
    assert!(matches!(
        verifier.verify(&headers, body.as_bytes()),
        Ok(WebhookEvent::Connection(_))
    ));
    headers.insert(
        "authorization",
        "Basic d2ViaG9vazpndWVzcw==".parse().unwrap(),
    );
    assert_eq!(
        verifier.verify(&headers, body.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );
    assert_eq!(
        verifier
            .verify(&HeaderMap::new(), body.as_bytes())
            .unwrap_err(),
        WebhookError::MissingHeader("authorization".into())
    );
}

#[test]
fn an_agreed_hmac_refuses_a_tampered_body_and_a_wrong_key() {
    let header = HeaderName::from_static("x-linxo-signature");
    let verifier = WebhookVerifier::new(header.clone(), &SecretString::from("agreed"));
    let body = fixture(BODY);
    let mac = HmacSha256Key::new(b"agreed").sign(&[body.as_bytes()]);
    let mut headers = HeaderMap::new();
    headers.insert(header.clone(), STANDARD.encode(mac).parse().unwrap());

    assert!(verifier.verify(&headers, body.as_bytes()).is_ok());
    let tampered = body.replace("\"new_transactions\":true", "\"new_transactions\":false");
    assert_eq!(
        verifier.verify(&headers, tampered.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );
    let other = WebhookVerifier::new(header, &SecretString::from("other"));
    assert_eq!(
        other.verify(&headers, body.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );
}

#[test]
fn keeps_the_documented_typo_and_other_resources() {
    let typo = WebhookEvent::parse(
        br#"{"id":"e1","event_type":"UDPATED","resource_type":"CONNECTIONS","resource":{"id":"7730021"}}"#,
    )
    .unwrap();
    assert_eq!(
        connection_event(typo).event_type,
        Some(WebhookEventType::Unknown("UDPATED".into()))
    );

    let body = br#"{"id":"e2","event_type":"UPDATED","resource_type":"ACCOUNTS","resource":{"id":"81234567"}}"#;
    let event = WebhookEvent::parse(body).unwrap();
    let WebhookEvent::Unknown(unknown) = event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.event_type.as_deref(), Some("UPDATED"));
    assert_eq!(&unknown.body[..], body);
}

#[test]
fn a_broken_body_is_a_body_error_with_the_path() {
    let err = WebhookEvent::parse(
        br#"{"id":"e3","resource_type":"CONNECTIONS","creation_date":"yesterday"}"#,
    )
    .unwrap_err();
    let WebhookError::Body(why) = &err else {
        panic!("{err:?}")
    };
    assert!(why.contains("creation_date"), "{why}");
}
