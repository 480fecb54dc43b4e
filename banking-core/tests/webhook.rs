//! The shared webhook building blocks.

use std::time::Duration;

use banking_core::webhook::{
    HeaderMap, HmacSha256Key, UnknownEvent, UnsignedPolicy, WebhookError, check_timestamp,
    required_header,
};
use chrono::{TimeZone, Utc};
use secrecy::SecretString;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn hmac_sha256_matches_rfc_4231_test_case_2_and_verifies_in_parts() {
    let key = HmacSha256Key::new(b"Jefe");
    let mac = key.sign(&[b"what do ya want ", b"for nothing?"]);
    assert_eq!(
        hex(&mac),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert!(key.verify(&[b"what do ya want for nothing?"], &mac));
    let mut flipped = mac;
    flipped[31] ^= 1;
    assert!(!key.verify(&[b"what do ya want for nothing?"], &flipped));
    assert!(!key.verify(&[b"what do ya want for nothing?"], &mac[..31]));
    assert!(!HmacSha256Key::new(b"Jeff").verify(&[b"what do ya want for nothing?"], &mac));
    assert_eq!(format!("{key:?}"), "HmacSha256Key(<redacted>)");
}

#[test]
fn timestamps_outside_the_tolerance_either_way_are_refused() {
    let now = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    let five_minutes = Duration::from_secs(300);
    assert!(check_timestamp(1_700_000_000 - 300, now, five_minutes).is_ok());
    assert!(check_timestamp(1_700_000_000 + 300, now, five_minutes).is_ok());
    assert_eq!(
        check_timestamp(1_700_000_000 - 301, now, five_minutes),
        Err(WebhookError::TimestampOutOfTolerance {
            skew_secs: 301,
            tolerance_secs: 300
        })
    );
    assert_eq!(
        check_timestamp(1_700_000_000 + 301, now, five_minutes),
        Err(WebhookError::TimestampOutOfTolerance {
            skew_secs: -301,
            tolerance_secs: 300
        })
    );
    // Absurd values do not overflow.
    assert!(check_timestamp(i64::MIN, now, five_minutes).is_err());
    assert!(check_timestamp(i64::MAX, now, five_minutes).is_err());
}

#[test]
fn required_headers_must_be_present_non_empty_text() {
    let mut headers = HeaderMap::new();
    headers.insert("x-a", "  value ".parse().unwrap());
    headers.insert("x-empty", " ".parse().unwrap());
    headers.insert(
        "x-bin",
        banking_core::webhook::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
    );
    assert_eq!(required_header(&headers, "x-a"), Ok("value"));
    for name in ["x-empty", "x-bin", "x-none"] {
        assert_eq!(
            required_header(&headers, name),
            Err(WebhookError::MissingHeader(name.to_owned()))
        );
    }
}

#[test]
fn the_unsigned_policy_checks_a_shared_header_without_showing_it() {
    let body_headers = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", value.parse().unwrap());
        headers
    };
    assert!(
        UnsignedPolicy::accept_unsigned()
            .check(&HeaderMap::new())
            .is_ok()
    );

    let policy = UnsignedPolicy::require_header(
        "authorization".parse().unwrap(),
        SecretString::from("Basic c2VjcmV0LXZhbHVl"),
    );
    assert!(
        policy
            .check(&body_headers("Basic c2VjcmV0LXZhbHVl"))
            .is_ok()
    );
    let wrong = policy
        .check(&body_headers("Basic c2VjcmV0LXZhbHVm"))
        .unwrap_err();
    assert_eq!(wrong, WebhookError::BadSignature);
    assert_eq!(
        policy.check(&HeaderMap::new()).unwrap_err(),
        WebhookError::MissingHeader("authorization".into())
    );
    let shown = format!("{policy:?} {wrong} {wrong:?}");
    assert!(!shown.contains("c2VjcmV0"), "{shown}");
}

#[test]
fn unknown_events_keep_the_raw_body_and_debug_only_its_length() {
    let body = br#"{"type":"new_thing","secret_looking":"abc"}"#;
    let event = UnknownEvent::new(Some("new_thing".into()), body);
    assert_eq!(&event.body[..], &body[..]);
    assert_eq!(event.json().unwrap()["secret_looking"], "abc");
    assert_eq!(
        format!("{event:?}"),
        format!(
            "UnknownEvent {{ event_type: Some(\"new_thing\"), body_len: {} }}",
            body.len()
        )
    );
    assert!(matches!(
        UnknownEvent::new(None, b"not json").json(),
        Err(WebhookError::Body(_))
    ));
}
