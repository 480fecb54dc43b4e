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

mod header_hmac {
    use banking_core::webhook::{
        HeaderMap, HeaderName, HmacSignature, SignatureEncoding, WebhookError,
    };
    use chrono::{TimeZone, Utc};
    use secrecy::SecretString;
    use std::time::Duration;

    // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
    const BODY: &[u8] = b"what do ya want for nothing?";
    const MAC_HEX: &str = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    const MAC_B64: &str = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";

    fn check() -> HmacSignature {
        HmacSignature::new(
            HeaderName::from_static("x-sig"),
            &SecretString::from("Jefe"),
        )
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn base64_and_hex_macs_of_the_body_verify_and_any_change_is_refused() {
        assert_eq!(
            check().check(&headers(&[("x-sig", MAC_B64)]), BODY),
            Ok(None)
        );
        let prefixed = format!("sha256={MAC_B64}");
        assert_eq!(
            check().check(&headers(&[("x-sig", &prefixed)]), BODY),
            Ok(None)
        );
        let hex = check().encoding(SignatureEncoding::Hex);
        assert_eq!(hex.check(&headers(&[("x-sig", MAC_HEX)]), BODY), Ok(None));
        assert_eq!(
            hex.check(&headers(&[("x-sig", &MAC_HEX.to_uppercase())]), BODY),
            Ok(None)
        );

        assert_eq!(
            check().check(
                &headers(&[("x-sig", MAC_B64)]),
                b"what do ya want for nothing!"
            ),
            Err(WebhookError::BadSignature)
        );
        let wrong_key = HmacSignature::new(
            HeaderName::from_static("x-sig"),
            &SecretString::from("Jeff"),
        );
        assert_eq!(
            wrong_key.check(&headers(&[("x-sig", MAC_B64)]), BODY),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            check().check(&headers(&[("x-other", MAC_B64)]), BODY),
            Err(WebhookError::MissingHeader("x-sig".into()))
        );
        assert!(matches!(
            hex.check(&headers(&[("x-sig", MAC_B64)]), BODY),
            Err(WebhookError::MalformedHeader { .. })
        ));
        assert!(matches!(
            hex.check(&headers(&[("x-sig", "5bd")]), BODY),
            Err(WebhookError::MalformedHeader { .. })
        ));
        let debug = format!("{:?}", check());
        assert!(
            debug.contains("x-sig") && !debug.contains("Jefe"),
            "{debug}"
        );
    }

    #[test]
    fn a_signed_timestamp_is_part_of_the_mac_and_bounded_by_the_tolerance() {
        use banking_core::webhook::HmacSha256Key;
        use base64::Engine as _;
        let ts = "1700000000";
        let mac = HmacSha256Key::new(b"Jefe").sign(&[b"1700000000.", BODY]);
        let mac = base64::engine::general_purpose::STANDARD.encode(mac);
        let check = check()
            .signed_timestamp(HeaderName::from_static("x-ts"))
            .tolerance(Duration::from_secs(60));
        let signed = headers(&[("x-sig", &mac), ("x-ts", ts)]);
        let at = |secs| Utc.timestamp_opt(secs, 0).unwrap();

        assert_eq!(
            check.check_at(&signed, BODY, at(1_700_000_060)),
            Ok(Some(1_700_000_000))
        );
        assert_eq!(
            check.check_at(&signed, BODY, at(1_700_000_061)),
            Err(WebhookError::TimestampOutOfTolerance {
                skew_secs: 61,
                tolerance_secs: 60
            })
        );
        let moved = headers(&[("x-sig", &mac), ("x-ts", "1700000030")]);
        assert_eq!(
            check.check_at(&moved, BODY, at(1_700_000_030)),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            check.check_at(&headers(&[("x-sig", &mac)]), BODY, at(1_700_000_000)),
            Err(WebhookError::MissingHeader("x-ts".into()))
        );
        // The body-only MAC does not pass a timestamped scheme.
        assert_eq!(
            check.check_at(
                &headers(&[("x-sig", MAC_B64), ("x-ts", ts)]),
                BODY,
                at(1_700_000_000)
            ),
            Err(WebhookError::BadSignature)
        );
    }
}
