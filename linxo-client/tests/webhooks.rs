//! Webhook payloads.

use linxo_client::webhooks::parse;
use linxo_client::{ConnectionStatus, WebhookEventType, WebhookResourceType};

use crate::support::*;

#[test]
fn parses_the_documented_fields_and_the_connection() {
    let event = parse(fixture("schema_built_webhook_connection_updated.json").as_bytes()).unwrap();
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
fn keeps_the_documented_typo_and_other_resources() {
    let event = parse(
        br#"{"id":"e2","event_type":"UDPATED","resource_type":"ACCOUNTS","resource":{"id":"81234567"}}"#,
    )
    .unwrap();
    assert_eq!(
        event.event_type,
        Some(WebhookEventType::Unknown("UDPATED".into()))
    );
    assert_eq!(event.resource_type.as_ref().unwrap().as_str(), "ACCOUNTS");
    // Not a connection event: no connection is read from it.
    assert!(event.connection_id().is_none());
    assert!(event.connection().unwrap().is_none());
}

#[test]
fn a_broken_body_is_a_decode_error_with_the_path() {
    let err = parse(br#"{"id":"e3","creation_date":"yesterday"}"#).unwrap_err();
    let banking_core::Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "creation_date");
}
