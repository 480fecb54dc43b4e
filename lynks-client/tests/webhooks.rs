//! Webhook deliveries of the documented triggers, signed here: the payload and the signing are inferred (see the module
//! docs), the fixtures say so in their names.

use std::time::Duration;

use banking_core::money::Currency;
use banking_core::webhook::{
    HeaderMap, HeaderName, HmacSha256Key, HmacSignature, SignatureEncoding, Verify, WebhookError,
};
use chrono::{DateTime, Utc};
use lynks_client::credit_transfers::{CreditTransfer, CreditTransferStatus};
use lynks_client::webhooks::{WebhookEvent, WebhookVerifier};
use secrecy::SecretString;

use crate::common::fixture;

const HEADER: &str = "x-lynks-signature";

/// Whether an event is of the expected variant.
type Is = fn(&WebhookEvent) -> bool;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn secret() -> String {
    "test-webhook-secret-agreed-with-support".to_owned()
}

/// A hex-encoded scheme, to show the encoding is configurable too.
fn verifier(secret: &str) -> WebhookVerifier {
    WebhookVerifier::from_signature(
        HmacSignature::new(
            HeaderName::from_static(HEADER),
            &SecretString::from(secret.to_owned()),
        )
        .encoding(SignatureEncoding::Hex),
    )
}

fn signed(secret: &str, body: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let mac = HmacSha256Key::new(secret.as_bytes()).sign(&[body]);
    headers.insert(HEADER, hex(&mac).parse().unwrap());
    headers
}

#[test]
fn a_payment_processed_delivery_decodes_with_its_credit_transfer() {
    let secret = secret();
    let body = fixture("inferred_webhook_payment_processed_by_bank.json");
    let event = verifier(&secret)
        .verify(&signed(&secret, body.as_bytes()), body.as_bytes())
        .unwrap();
    assert_eq!(event.event_type(), Some("PAYMENT_PROCESSED_BY_BANK"));
    let WebhookEvent::PaymentProcessedByBank(payload) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(payload.event_id.as_deref(), Some("evt-2025-03-05-0001"));
    assert_eq!(&payload.body[..], body.as_bytes());
    let transfer: CreditTransfer = payload.data().unwrap();
    assert_eq!(transfer.status, Some(CreditTransferStatus::Executed));
    assert_eq!(transfer.amount.unwrap().to_string(), "12500.00");
    assert_eq!(transfer.currency, Some(Currency::EUR));
}

#[test]
fn every_documented_trigger_is_typed_whatever_the_spelling() {
    let cases: [(&str, Is); 10] = [
        ("PAYMENT_PROCESSED_BY_BANK", |e| {
            matches!(e, WebhookEvent::PaymentProcessedByBank(_))
        }),
        ("payment.approved_by_signatories", |e| {
            matches!(e, WebhookEvent::PaymentApprovedBySignatories(_))
        }),
        ("PaymentFailed", |e| {
            matches!(e, WebhookEvent::PaymentFailed(_))
        }),
        ("payment-rejected-by-bank", |e| {
            matches!(e, WebhookEvent::PaymentRejectedByBank(_))
        }),
        ("PAYMENT_CANCELLED", |e| {
            matches!(e, WebhookEvent::PaymentCancelled(_))
        }),
        ("payment_canceled", |e| {
            matches!(e, WebhookEvent::PaymentCancelled(_))
        }),
        ("DIRECT_DEBIT_BATCH_COMPLETED_COLLECTION", |e| {
            matches!(e, WebhookEvent::DirectDebitBatchCompletedCollection(_))
        }),
        ("direct debit batch failed", |e| {
            matches!(e, WebhookEvent::DirectDebitBatchFailed(_))
        }),
        ("DIRECT_DEBIT_BATCH_REJECTED", |e| {
            matches!(e, WebhookEvent::DirectDebitBatchRejected(_))
        }),
        ("ACCOUNT_STATEMENT_RECEIVED", |e| {
            matches!(e, WebhookEvent::AccountStatementReceived(_))
        }),
    ];
    for (name, is) in cases {
        let body = format!(r#"{{"event":"{name}","data":{{}}}}"#);
        let event = WebhookEvent::parse(body.as_bytes()).unwrap();
        assert!(is(&event), "{name}: {event:?}");
        assert_eq!(event.event_type(), Some(name));
    }

    let secret = secret();
    for (name, is) in [
        (
            "inferred_webhook_direct_debit_batch_rejected.json",
            (|e| matches!(e, WebhookEvent::DirectDebitBatchRejected(_))) as Is,
        ),
        ("inferred_webhook_account_statement_received.json", |e| {
            matches!(e, WebhookEvent::AccountStatementReceived(_))
        }),
    ] {
        let body = fixture(name);
        let event = verifier(&secret)
            .verify(&signed(&secret, body.as_bytes()), body.as_bytes())
            .unwrap();
        assert!(is(&event), "{name}: {event:?}");
        assert!(event.payload().unwrap().event_id.is_some(), "{name}");
    }
}

#[test]
fn a_tampered_body_or_a_wrong_key_is_refused_before_decoding() {
    let secret = secret();
    let body = fixture("inferred_webhook_payment_processed_by_bank.json");
    let headers = signed(&secret, body.as_bytes());
    let tampered = body.replace("12500.00", "125000.00");
    assert_eq!(
        verifier(&secret)
            .verify(&headers, tampered.as_bytes())
            .unwrap_err(),
        WebhookError::BadSignature
    );
    assert_eq!(
        verifier("another-secret")
            .verify(&headers, body.as_bytes())
            .unwrap_err(),
        WebhookError::BadSignature
    );
    assert_eq!(
        verifier(&secret)
            .verify(&HeaderMap::new(), body.as_bytes())
            .unwrap_err(),
        WebhookError::MissingHeader(HEADER.into())
    );
}

#[test]
fn an_expired_signed_timestamp_is_refused() {
    let secret = secret();
    let verifier = WebhookVerifier::from_signature(
        HmacSignature::new(
            HeaderName::from_static(HEADER),
            &SecretString::from(secret.clone()),
        )
        .encoding(SignatureEncoding::Hex)
        .signed_timestamp(HeaderName::from_static("x-lynks-timestamp"))
        .tolerance(Duration::from_secs(300)),
    );
    let body = fixture("inferred_webhook_account_statement_received.json");
    let ts = "1741161672";
    let mac = HmacSha256Key::new(secret.as_bytes()).sign(&[ts.as_bytes(), b".", body.as_bytes()]);
    let mut headers = HeaderMap::new();
    headers.insert(HEADER, hex(&mac).parse().unwrap());
    headers.insert("x-lynks-timestamp", ts.parse().unwrap());
    let at = |secs| DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
    assert!(
        verifier
            .verify_at(&headers, body.as_bytes(), at(1_741_161_672 + 300))
            .is_ok()
    );
    assert_eq!(
        verifier
            .verify_at(&headers, body.as_bytes(), at(1_741_161_672 + 301))
            .unwrap_err(),
        WebhookError::TimestampOutOfTolerance {
            skew_secs: 301,
            tolerance_secs: 300
        }
    );
}

#[test]
fn unknown_events_keep_the_raw_body() {
    let secret = secret();
    for body in [
        &br#"{"event":"INVOICE_RECEIVED","data":{"invoiceId":"INV-1"}}"#[..],
        br#"{"data":{}}"#,
    ] {
        let event = verifier(&secret)
            .verify(&signed(&secret, body), body)
            .unwrap();
        let WebhookEvent::Unknown(unknown) = &event else {
            panic!("{event:?}")
        };
        assert_eq!(&unknown.body[..], body);
        assert!(event.payload().is_none());
    }
    let event = WebhookEvent::parse(br#"{"event":"INVOICE_RECEIVED"}"#).unwrap();
    assert_eq!(event.event_type(), Some("INVOICE_RECEIVED"));
    assert!(matches!(
        WebhookEvent::parse(b"[1,2"),
        Err(WebhookError::Body(_))
    ));
}
