//! Svix-signed webhooks: the published Svix test vector, and deliveries
//! signed here with freshly generated secrets.

use std::time::Duration;

use banking_core::webhook::{HeaderMap, HmacSha256Key, Verify, WebhookError};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use linkcy_client::webhooks::{WebhookEvent, WebhookVerifier};
use linkcy_client::{Card, CardStatus};
use secrecy::SecretString;
use uuid::Uuid;

use crate::support::{fixture, id};

/// A fresh `whsec_` secret and its raw key.
fn generated_secret() -> (SecretString, Vec<u8>) {
    let key = [Uuid::new_v4().into_bytes(), Uuid::new_v4().into_bytes()].concat();
    let secret = format!("whsec_{}", STANDARD.encode(&key));
    (SecretString::from(secret), key)
}

/// Svix headers for `body`, signed with `key` at `timestamp`.
fn signed(key: &[u8], msg_id: &str, timestamp: i64, body: &[u8]) -> HeaderMap {
    let ts = timestamp.to_string();
    let mac = HmacSha256Key::new(key).sign(&[msg_id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    let mut headers = HeaderMap::new();
    headers.insert("svix-id", msg_id.parse().unwrap());
    headers.insert("svix-timestamp", ts.parse().unwrap());
    headers.insert(
        "svix-signature",
        format!("v1,{}", STANDARD.encode(mac)).parse().unwrap(),
    );
    headers
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

#[test]
fn the_published_svix_test_vector_verifies_and_decodes_as_an_unknown_event() {
    // docs.svix.com, "How to Verify Webhooks": secret, headers and payload.
    let verifier = WebhookVerifier::new(&SecretString::from(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ))
    .unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek".parse().unwrap());
    headers.insert("svix-timestamp", "1614265330".parse().unwrap());
    headers.insert(
        "svix-signature",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
            .parse()
            .unwrap(),
    );
    let body = br#"{"test": 2432232314}"#;
    let event = verifier
        .verify_at(&headers, body, at(1_614_265_330))
        .unwrap();
    let WebhookEvent::Unknown(unknown) = event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.event_type, None);
    assert_eq!(&unknown.body[..], body);

    // The same vector, one byte changed.
    assert_eq!(
        verifier
            .verify_at(&headers, br#"{"test": 2432232315}"#, at(1_614_265_330))
            .unwrap_err(),
        WebhookError::BadSignature
    );
    // And years later, through the trait with the real clock: a replay.
    assert!(matches!(
        verifier.verify(&headers, body),
        Err(WebhookError::TimestampOutOfTolerance {
            tolerance_secs: 300,
            ..
        })
    ));
}

#[test]
fn a_valid_delivery_decodes_into_the_typed_event_and_the_card() {
    let (secret, key) = generated_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let body = fixture("schema_built_webhook_card_created.json");
    let now = Utc::now().timestamp();
    let headers = signed(&key, "msg_2a", now, body.as_bytes());

    let event = verifier.verify(&headers, body.as_bytes()).unwrap();
    assert_eq!(event.event_type(), Some("CARD_CREATED"));
    let WebhookEvent::CardCreated(created) = event else {
        panic!("{event:?}")
    };
    assert_eq!(created.message_id, "msg_2a");
    assert_eq!(created.timestamp, at(now));
    let card: Card = created.resource().unwrap();
    assert_eq!(card.id, id("c0ffee00-1234-4abc-9def-0123456789ab"));
    assert_eq!(card.status, Some(CardStatus::Created));

    // The secret may be given without its prefix.
    let bare = SecretString::from(STANDARD.encode(&key));
    assert!(
        WebhookVerifier::new(&bare)
            .unwrap()
            .verify(&headers, body.as_bytes())
            .is_ok()
    );
}

#[test]
fn a_tampered_body_or_signature_is_refused() {
    let (secret, key) = generated_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let body = fixture("schema_built_webhook_card_created.json");
    let now = Utc::now().timestamp();
    let headers = signed(&key, "msg_1", now, body.as_bytes());

    let tampered = body.replace("Travel card", "Travel cart");
    assert_eq!(
        verifier.verify(&headers, tampered.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );
    let mut spaced = body.clone().into_bytes();
    spaced.push(b'\n');
    assert_eq!(
        verifier.verify(&headers, &spaced).unwrap_err(),
        WebhookError::BadSignature
    );
    // The id and timestamp are signed too.
    let mut other_id = headers.clone();
    other_id.insert("svix-id", "msg_2".parse().unwrap());
    assert_eq!(
        verifier.verify(&other_id, body.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );
    let mut other_ts = headers.clone();
    other_ts.insert("svix-timestamp", (now - 1).to_string().parse().unwrap());
    assert_eq!(
        verifier.verify(&other_ts, body.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );
    // Signatures of other schemes or not in base64 never count.
    let sig = headers["svix-signature"].to_str().unwrap().to_owned();
    for bad in [
        sig.replacen("v1,", "v2,", 1),
        sig.replacen("v1,", "v1a,", 1),
        "v1,!!!".to_owned(),
        "v1,".to_owned(),
        sig.trim_start_matches("v1,").to_owned(),
    ] {
        let mut forged = headers.clone();
        forged.insert("svix-signature", bad.parse().unwrap());
        assert_eq!(
            verifier.verify(&forged, body.as_bytes()).unwrap_err(),
            WebhookError::BadSignature,
            "{bad}"
        );
    }
}

#[test]
fn a_wrong_key_is_refused_and_rotation_lists_several_signatures() {
    let (secret, key) = generated_secret();
    let (old_secret, old_key) = generated_secret();
    let body = fixture("schema_built_webhook_card_created.json");
    let now = Utc::now().timestamp();
    let headers = signed(&old_key, "msg_1", now, body.as_bytes());
    let verifier = WebhookVerifier::new(&secret).unwrap();
    assert_eq!(
        verifier.verify(&headers, body.as_bytes()).unwrap_err(),
        WebhookError::BadSignature
    );

    // During rotation Svix signs with both secrets, space separated.
    let new = signed(&key, "msg_1", now, body.as_bytes());
    let both = format!(
        "v1,{} {}",
        STANDARD.encode([0u8; 32]),
        [&headers, &new]
            .map(|h| h["svix-signature"].to_str().unwrap().to_owned())
            .join(" ")
    );
    let mut rotated = headers.clone();
    rotated.insert("svix-signature", both.parse().unwrap());
    assert!(verifier.verify(&rotated, body.as_bytes()).is_ok());
    assert!(
        WebhookVerifier::new(&old_secret)
            .unwrap()
            .verify(&rotated, body.as_bytes())
            .is_ok()
    );

    for bad in ["whsec_", "whsec_***", "not base64!"] {
        assert!(matches!(
            WebhookVerifier::new(&SecretString::from(bad)),
            Err(WebhookError::Keys(_))
        ));
    }
}

#[test]
fn expired_and_future_timestamps_are_refused_within_a_configurable_tolerance() {
    let (secret, key) = generated_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let body = fixture("schema_built_webhook_card_created.json");
    let signed_at = 1_700_000_000;
    let headers = signed(&key, "msg_1", signed_at, body.as_bytes());

    assert!(
        verifier
            .verify_at(&headers, body.as_bytes(), at(signed_at + 300))
            .is_ok()
    );
    assert_eq!(
        verifier
            .verify_at(&headers, body.as_bytes(), at(signed_at + 301))
            .unwrap_err(),
        WebhookError::TimestampOutOfTolerance {
            skew_secs: 301,
            tolerance_secs: 300
        }
    );
    assert!(matches!(
        verifier.verify_at(&headers, body.as_bytes(), at(signed_at - 301)),
        Err(WebhookError::TimestampOutOfTolerance {
            skew_secs: -301,
            ..
        })
    ));
    let lenient = verifier.clone().tolerance(Duration::from_secs(3600));
    assert!(
        lenient
            .verify_at(&headers, body.as_bytes(), at(signed_at + 3000))
            .is_ok()
    );
    // A stale delivery is only reported as such once its signature holds.
    let forged = fixture("schema_built_webhook_card_created.json").replace("JANE", "JOHN");
    assert_eq!(
        verifier
            .verify_at(&headers, forged.as_bytes(), at(signed_at + 10_000))
            .unwrap_err(),
        WebhookError::BadSignature
    );
}

#[test]
fn unknown_types_keep_the_body_and_headers_are_checked() {
    let (secret, key) = generated_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let body = br#"{"type":"LEDGER_SUSPENDED","data":{"id":"l-1"}}"#;
    let now = Utc::now().timestamp();
    let headers = signed(&key, "msg_9", now, body);
    let WebhookEvent::Unknown(unknown) = verifier.verify(&headers, body).unwrap() else {
        panic!()
    };
    assert_eq!(unknown.event_type.as_deref(), Some("LEDGER_SUSPENDED"));
    assert_eq!(unknown.json().unwrap()["data"]["id"], "l-1");

    // A signed body that is not JSON is a body error, after verification.
    let garbage = signed(&key, "msg_9", now, b"<html>");
    assert!(matches!(
        verifier.verify(&garbage, b"<html>"),
        Err(WebhookError::Body(_))
    ));

    // The white-labelled `webhook-` headers are read too.
    let mut renamed = HeaderMap::new();
    for (name, value) in &headers {
        let name = name.as_str().replace("svix-", "webhook-");
        renamed.insert(
            banking_core::webhook::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.clone(),
        );
    }
    assert!(verifier.verify(&renamed, body).is_ok());

    for missing in ["svix-id", "svix-timestamp", "svix-signature"] {
        let mut partial = headers.clone();
        partial.remove(missing);
        assert_eq!(
            verifier.verify(&partial, body).unwrap_err(),
            WebhookError::MissingHeader(missing.into())
        );
    }
    let mut bad_ts = headers.clone();
    bad_ts.insert("svix-timestamp", "yesterday".parse().unwrap());
    assert!(matches!(
        verifier.verify(&bad_ts, body),
        Err(WebhookError::MalformedHeader { .. })
    ));
}

#[test]
fn neither_the_secret_nor_a_signature_shows_in_debug_or_errors() {
    let (secret, key) = generated_secret();
    let encoded = STANDARD.encode(&key);
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let body = br#"{"type":"CARD_CLOSED","data":{"id":"c0ffee00-1234-4abc-9def-0123456789ab"}}"#;
    let headers = signed(&key, "msg_1", Utc::now().timestamp(), body);
    let signature = headers["svix-signature"].to_str().unwrap().to_owned();
    let mut shown = format!("{verifier:?}");
    let event = verifier.verify(&headers, body).unwrap();
    shown.push_str(&format!("{event:?}"));
    for err in [
        verifier.verify(&headers, b"{}x").unwrap_err(),
        verifier.verify_at(&headers, body, at(0)).unwrap_err(),
    ] {
        shown.push_str(&format!("{err} {err:?}"));
    }
    assert!(!shown.contains(&encoded), "{shown}");
    assert!(
        !shown.contains(signature.trim_start_matches("v1,")),
        "{shown}"
    );
}
