//! Webhook deliveries signed here with a fresh secret, as Flinks' Node SDK
//! checks them: base64(HMAC-SHA256(secret, body)) in a configured header.

use std::time::Duration;

use banking_core::webhook::{
    HeaderMap, HeaderName, HmacSha256Key, HmacSignature, Verify, WebhookError,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use flinks_client::connect::AccountsDetail;
use flinks_client::pay::SessionStatus;
use flinks_client::webhooks::{WebhookEvent, WebhookVerifier};
use secrecy::SecretString;
use uuid::Uuid;

use crate::common::fixture;

const HEADER: &str = "x-webhook-signature";

fn secret() -> String {
    Uuid::new_v4().to_string()
}

fn verifier(secret: &str) -> WebhookVerifier {
    WebhookVerifier::new(
        HeaderName::from_static(HEADER),
        &SecretString::from(secret.to_owned()),
    )
}

fn signed(secret: &str, body: &[u8]) -> HeaderMap {
    let mac = HmacSha256Key::new(secret.as_bytes()).sign(&[body]);
    let mut headers = HeaderMap::new();
    headers.insert(HEADER, STANDARD.encode(mac).parse().unwrap());
    headers
}

#[test]
fn a_get_accounts_detail_delivery_decodes_into_the_api_response_type() {
    let secret = secret();
    let body = fixture("schema_built_webhook_get_accounts_detail_from_seed_200.json");
    let event = verifier(&secret)
        .verify(&signed(&secret, body.as_bytes()), body.as_bytes())
        .unwrap();
    assert_eq!(event.event_type(), Some("GetAccountsDetail"));
    let WebhookEvent::AccountsDetail(detail) = event else {
        panic!("{event:?}")
    };
    // The same value the API's 200 answer (the seed sample) decodes to.
    let api: AccountsDetail =
        serde_json::from_str(&fixture("seed_accounts_detail_200.json")).unwrap();
    assert_eq!(detail, api);
    let account = &detail.accounts[0];
    assert_eq!(
        account.transactions[0].credit.unwrap().to_string(),
        "1500.25"
    );
    assert_eq!(
        account
            .balance
            .as_ref()
            .unwrap()
            .current
            .unwrap()
            .to_string(),
        "5105.5"
    );
}

#[test]
fn kyc_geft_and_fraud_alert_deliveries_decode_typed() {
    let secret = secret();
    let verifier = verifier(&secret);
    let verify = |name: &str| {
        let body = fixture(name);
        verifier
            .verify(&signed(&secret, body.as_bytes()), body.as_bytes())
            .unwrap()
    };

    let event = verify("schema_built_webhook_kyc.json");
    let WebhookEvent::Kyc(kyc) = event else {
        panic!("{event:?}")
    };
    let holder = kyc.accounts[0].holder.as_ref().unwrap();
    assert_eq!(holder.name.as_deref(), Some("Testing"));
    assert_eq!(holder.email.as_deref(), Some("testing@example.com"));

    let event = verify("schema_built_webhook_geft_session_setup_status_changed.json");
    assert_eq!(event.event_type(), Some("SessionSetupStatusChanged"));
    let WebhookEvent::SessionSetupStatusChanged(session) = event else {
        panic!("{event:?}")
    };
    assert_eq!(session.status, Some(SessionStatus::Completed));
    assert_eq!(session.amount.unwrap().to_string(), "500.00");
    assert_eq!(session.status_details.as_deref(), Some("EFT0301"));

    let body = fixture("schema_built_webhook_upload_fraud_alert.json");
    let event = verify("schema_built_webhook_upload_fraud_alert.json");
    let WebhookEvent::UploadFraudAlert(alert) = event else {
        panic!("{event:?}")
    };
    assert_eq!(alert.event_type, "UploadFraudAlert");
    assert_eq!(
        alert.login_id.unwrap().to_string(),
        "5e115eac-1209-4f19-641c-08d6d484e2fe"
    );
    assert_eq!(&alert.body[..], body.as_bytes());
}

#[test]
fn a_tampered_body_a_wrong_key_or_a_missing_signature_is_refused() {
    let secret = secret();
    let body = fixture("schema_built_webhook_geft_session_setup_status_changed.json");
    let headers = signed(&secret, body.as_bytes());

    let tampered = body.replace("500.00", "5000.00");
    assert_eq!(
        verifier(&secret)
            .verify(&headers, tampered.as_bytes())
            .unwrap_err(),
        WebhookError::BadSignature
    );
    assert_eq!(
        verifier(&self::secret())
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
    // A forged body is never decoded: not even a body that is not JSON.
    assert_eq!(
        verifier(&secret).verify(&headers, b"not json").unwrap_err(),
        WebhookError::BadSignature
    );
}

#[test]
fn a_signed_timestamp_when_configured_protects_against_replays() {
    let secret = secret();
    let verifier = WebhookVerifier::from_signature(
        HmacSignature::new(
            HeaderName::from_static(HEADER),
            &SecretString::from(secret.clone()),
        )
        .signed_timestamp(HeaderName::from_static("x-webhook-timestamp"))
        .tolerance(Duration::from_secs(120)),
    );
    let body = fixture("schema_built_webhook_kyc.json");
    let signed_at = 1_738_404_930_i64;
    let ts = signed_at.to_string();
    let mac = HmacSha256Key::new(secret.as_bytes()).sign(&[ts.as_bytes(), b".", body.as_bytes()]);
    let mut headers = HeaderMap::new();
    headers.insert(HEADER, STANDARD.encode(mac).parse().unwrap());
    headers.insert("x-webhook-timestamp", ts.parse().unwrap());
    let at = |secs| DateTime::<Utc>::from_timestamp(secs, 0).unwrap();

    assert!(matches!(
        verifier.verify_at(&headers, body.as_bytes(), at(signed_at + 120)),
        Ok(WebhookEvent::Kyc(_))
    ));
    assert_eq!(
        verifier
            .verify_at(&headers, body.as_bytes(), at(signed_at + 121))
            .unwrap_err(),
        WebhookError::TimestampOutOfTolerance {
            skew_secs: 121,
            tolerance_secs: 120
        }
    );
    // Through the trait, with the real clock, the delivery is a replay.
    assert!(matches!(
        verifier.verify(&headers, body.as_bytes()),
        Err(WebhookError::TimestampOutOfTolerance { .. })
    ));
}

#[test]
fn unknown_deliveries_keep_the_raw_body() {
    let secret = secret();
    let verifier = verifier(&secret);
    for body in [
        &br#"{"ResponseType":"Investments","RequestId":"3fa391bc-bc52-4424-82c5-8662600df9b2"}"#[..],
        br#"{"eventType":"SessionCreated","sessionId":"850750a4-3021-4061-ac03-a8d873aa4179"}"#,
        br#"{"HttpStatusCode":200}"#,
    ] {
        let event = verifier.verify(&signed(&secret, body), body).unwrap();
        let WebhookEvent::Unknown(unknown) = event else {
            panic!("{event:?}")
        };
        assert_eq!(&unknown.body[..], body);
    }
    let body = br#"{"ResponseType":"Investments"}"#;
    let event = verifier.verify(&signed(&secret, body), body).unwrap();
    assert_eq!(event.event_type(), Some("Investments"));
}
