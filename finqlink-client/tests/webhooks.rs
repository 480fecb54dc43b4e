//! Webhook signatures, made here with freshly generated RSA and P-256 keys
//! (aws-lc-rs) and checked by the crate (jsonwebtoken): the two sides share
//! no code.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair, RSA_PKCS1_SHA256, RsaKeyPair,
};
use banking_core::webhook::{HeaderMap, Verify};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use finqlink_client::consents::ConsentStatus;
use finqlink_client::jobs::JobStatus;
use finqlink_client::links::LinkStatus;
use finqlink_client::webhooks::{WebhookError, WebhookEvent, WebhookVerifier};
use finqlink_client::{JobId, LinkId, WebId};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

struct Keys {
    rsa: RsaKeyPair,
    ec: EcdsaKeyPair,
    rng: SystemRandom,
}

impl Keys {
    fn generate() -> Self {
        Keys {
            rsa: RsaKeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap(),
            ec: EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap(),
            rng: SystemRandom::new(),
        }
    }

    fn jwks(&self) -> Value {
        let b64 = |b: &[u8]| URL_SAFE_NO_PAD.encode(b);
        let rsa = self.rsa.public_key();
        let point = self.ec.public_key().as_ref();
        assert_eq!(point[0], 4, "uncompressed P-256 point");
        json!({ "keys": [
            { "kty": "RSA", "kid": "rsa-1", "alg": "RS256", "use": "sig",
              "n": b64(rsa.modulus().big_endian_without_leading_zero()),
              "e": b64(rsa.exponent().big_endian_without_leading_zero()) },
            { "kty": "EC", "kid": "ec-1", "alg": "ES256", "use": "sig", "crv": "P-256",
              "x": b64(&point[1..33]), "y": b64(&point[33..65]) },
            { "kty": "OKP", "kid": "okp-1", "crv": "Ed25519", "alg": "EdDSA", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
            { "kty": "PQC", "kid": "pq-1", "alg": "ML-DSA-65", "pub": "AAAA" },
            { "kty": "RSA", "kid": "broken-1", "use": 42, "n": "AQAB", "e": "AQAB" }
        ]})
    }

    fn verifier(&self) -> WebhookVerifier {
        WebhookVerifier::from_jwks_json(self.jwks().to_string().as_bytes()).unwrap()
    }

    /// A compact JWS over `payload` with this header.
    fn sign(&self, header: Value, payload: &[u8]) -> String {
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let signature = match header["alg"].as_str() {
            Some("RS256") => {
                let mut sig = vec![0; self.rsa.public_modulus_len()];
                self.rsa
                    .sign(&RSA_PKCS1_SHA256, &self.rng, input.as_bytes(), &mut sig)
                    .unwrap();
                sig
            }
            _ => self
                .ec
                .sign(&self.rng, input.as_bytes())
                .unwrap()
                .as_ref()
                .to_vec(),
        };
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn rs256(&self, payload: &[u8]) -> String {
        self.sign(
            json!({ "alg": "RS256", "kid": "rsa-1", "typ": "JWT" }),
            payload,
        )
    }

    fn es256(&self, payload: &[u8]) -> String {
        self.sign(json!({ "alg": "ES256", "kid": "ec-1" }), payload)
    }
}

#[test]
fn good_rs256_and_es256_signatures_verify_and_parse_the_seed_payloads() {
    let keys = Keys::generate();
    let verifier = keys.verifier();
    let mut ids: Vec<_> = verifier.key_ids().collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["ec-1", "okp-1", "pq-1", "rsa-1"],
        "the malformed key is skipped"
    );

    let consent_body = fixture_bytes("seed_consents_webhook_consent_status_update.json");
    let event = verifier
        .verify_jws(&keys.rs256(&consent_body), "rsa-1", &consent_body)
        .unwrap();
    let WebhookEvent::ConsentStatusUpdate(update) = event else {
        panic!("{event:?}")
    };
    assert_eq!(update.consent_id, consent_id());
    assert_eq!(update.status, ConsentStatus::Active);

    let job_body = fixture_bytes("seed_jobs_webhook_job_status_update.json");
    let event = verifier
        .verify_jws(&keys.es256(&job_body), "ec-1", &job_body)
        .unwrap();
    let WebhookEvent::JobStatusUpdate(update) = event else {
        panic!("{event:?}")
    };
    assert_eq!(update.job_id, JobId::from("job-uuid-456"));
    assert_eq!(update.consent_id, consent_id());
    assert_eq!(update.status, JobStatus::JobCompleted);

    let link_body = fixture_bytes("schema_built_link_status_update_webhook.json");
    let event = verifier
        .verify_jws(&keys.es256(&link_body), "ec-1", &link_body)
        .unwrap();
    let WebhookEvent::LinkStatusUpdate(update) = event else {
        panic!("{event:?}")
    };
    assert_eq!(
        update.link_id,
        "6f1c2a4e-8d3b-4c57-9a0e-1b2c3d4e5f60"
            .parse::<LinkId>()
            .unwrap()
    );
    assert_eq!(update.web_id, Some(WebId::from("pl-7hq2xk")));
    assert_eq!(update.status, LinkStatus::Completed);
}

#[test]
fn a_tampered_body_or_signature_is_rejected() {
    let keys = Keys::generate();
    let verifier = keys.verifier();
    let body = fixture_bytes("seed_consents_webhook_consent_status_update.json");
    let signature = keys.rs256(&body);

    // The body received differs from the one signed.
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("active", "revoked");
    assert_eq!(
        verifier
            .verify_jws(&signature, "rsa-1", tampered.as_bytes())
            .unwrap_err(),
        WebhookError::PayloadMismatch
    );
    // Even a whitespace change is a different body.
    let mut spaced = body.clone();
    spaced.push(b'\n');
    assert_eq!(
        verifier
            .verify_jws(&signature, "rsa-1", &spaced)
            .unwrap_err(),
        WebhookError::PayloadMismatch
    );

    // The payload inside the JWS was swapped: the signature no longer fits.
    let parts: Vec<&str> = signature.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(tampered.as_bytes()),
        parts[2]
    );
    assert_eq!(
        verifier
            .verify_jws(&forged, "rsa-1", tampered.as_bytes())
            .unwrap_err(),
        WebhookError::BadSignature
    );
    // An ES256 signature with one byte flipped.
    let es = keys.es256(&body);
    let (input, sig) = es.rsplit_once('.').unwrap();
    let mut raw = URL_SAFE_NO_PAD.decode(sig).unwrap();
    raw[10] ^= 0x01;
    let flipped = format!("{input}.{}", URL_SAFE_NO_PAD.encode(raw));
    assert_eq!(
        verifier.verify_jws(&flipped, "ec-1", &body).unwrap_err(),
        WebhookError::BadSignature
    );
}

#[test]
fn keys_algorithms_and_shapes_are_checked() {
    let keys = Keys::generate();
    let verifier = keys.verifier();
    let body = fixture_bytes("seed_jobs_webhook_job_status_update.json");

    let unknown = verifier.verify_jws(&keys.sign(json!({"alg": "RS256"}), &body), "rsa-9", &body);
    assert_eq!(
        unknown.unwrap_err(),
        WebhookError::UnknownKeyId("rsa-9".into())
    );

    // The JWS kid must be the header's kid.
    let other_kid = keys.sign(json!({"alg": "ES256", "kid": "ec-2"}), &body);
    assert!(matches!(
        verifier.verify_jws(&other_kid, "ec-1", &body),
        Err(WebhookError::KeyMismatch(_))
    ));

    // An ES256 signature presented with the RSA key id.
    let es = keys.sign(json!({"alg": "ES256"}), &body);
    assert!(matches!(
        verifier.verify_jws(&es, "rsa-1", &body),
        Err(WebhookError::KeyMismatch(_))
    ));
    // Keys of other algorithms, known or not, never verify an ES256 JWS.
    for kid in ["okp-1", "pq-1"] {
        assert!(
            matches!(
                verifier.verify_jws(&es, kid, &body),
                Err(WebhookError::KeyMismatch(_))
            ),
            "{kid}"
        );
    }
    // A malformed key was skipped: its id is unknown.
    assert_eq!(
        verifier.verify_jws(&es, "broken-1", &body).unwrap_err(),
        WebhookError::UnknownKeyId("broken-1".into())
    );

    for alg in ["none", "HS256", "RS512", "PS256"] {
        let jws = keys.sign(json!({ "alg": alg, "kid": "rsa-1" }), &body);
        assert_eq!(
            verifier.verify_jws(&jws, "rsa-1", &body).unwrap_err(),
            WebhookError::UnsupportedAlgorithm(alg.into())
        );
    }
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(&body)
    );
    assert!(matches!(
        verifier.verify_jws(&unsigned, "rsa-1", &body),
        Err(WebhookError::UnsupportedAlgorithm(_))
    ));

    let crit = keys.sign(json!({"alg": "RS256", "crit": ["exp"], "exp": 1}), &body);
    assert!(matches!(
        verifier.verify_jws(&crit, "rsa-1", &body),
        Err(WebhookError::MalformedHeader { .. })
    ));
    for malformed in ["", "a.b", "a.b.c.d.e", "!!.e30.e30"] {
        assert!(
            matches!(
                verifier.verify_jws(malformed, "rsa-1", &body),
                Err(WebhookError::MalformedHeader { .. })
            ),
            "{malformed}"
        );
    }
}

#[test]
fn the_common_verify_shape_reads_the_documented_headers() {
    let keys = Keys::generate();
    let verifier = keys.verifier();
    let body = fixture_bytes("seed_jobs_webhook_job_status_update.json");
    let mut headers = HeaderMap::new();
    headers.insert("x-signature", keys.es256(&body).parse().unwrap());
    assert_eq!(
        verifier.verify(&headers, &body).unwrap_err(),
        WebhookError::MissingHeader("x-signature-kid".into())
    );
    headers.insert("x-signature-kid", "ec-1".parse().unwrap());
    let event = verifier.verify(&headers, &body).unwrap();
    assert_eq!(event.event_type(), Some("job_status_update"));
    assert!(matches!(event, WebhookEvent::JobStatusUpdate(_)));

    // A wrong key: the same key id, but the JWKS of another key pair.
    let other = Keys::generate().verifier();
    assert_eq!(
        other.verify(&headers, &body).unwrap_err(),
        WebhookError::BadSignature
    );
    // A tampered body through the headers.
    assert_eq!(
        verifier.verify(&headers, b"{}").unwrap_err(),
        WebhookError::PayloadMismatch
    );
}

#[test]
fn a_signed_unknown_event_is_kept_whole() {
    let keys = Keys::generate();
    let body = br#"{"type":"refund_status_update","refund_id":"r-1"}"#;
    let mut headers = HeaderMap::new();
    headers.insert("x-signature", keys.rs256(body).parse().unwrap());
    headers.insert("x-signature-kid", "rsa-1".parse().unwrap());
    let event = keys.verifier().verify(&headers, body).unwrap();
    let WebhookEvent::Unknown(unknown) = event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.event_type.as_deref(), Some("refund_status_update"));
    assert_eq!(&unknown.body[..], body);
}

#[tokio::test]
async fn the_verifier_is_built_from_the_jwks_at_the_host_root() {
    let keys = Keys::generate();
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(keys.jwks()))
        .expect(1)
        .mount(&server)
        .await;
    let verifier = client(&server).webhooks().verifier().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
    let body = fixture_bytes("seed_consents_webhook_consent_status_update.json");
    assert!(
        verifier
            .verify_jws(&keys.rs256(&body), "rsa-1", &body)
            .is_ok()
    );
}

#[test]
fn unknown_event_types_are_kept_and_bad_bodies_are_errors() {
    let event =
        WebhookEvent::parse(br#"{"type":"refund_status_update","refund_id":"r-1"}"#).unwrap();
    let WebhookEvent::Unknown(unknown) = event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.event_type.as_deref(), Some("refund_status_update"));
    assert_eq!(unknown.json().unwrap()["refund_id"], "r-1");
    // A body naming no type is an unknown event too; one that is not JSON
    // is an error.
    assert!(matches!(
        WebhookEvent::parse(b"{}"),
        Ok(WebhookEvent::Unknown(unknown)) if unknown.event_type.is_none()
    ));
    assert!(matches!(
        WebhookEvent::parse(b"not json"),
        Err(WebhookError::Body(_))
    ));
    assert!(matches!(
        WebhookEvent::parse(br#"{"type":"job_status_update","status":"job_completed"}"#),
        Err(WebhookError::Body(_))
    ));
    let unknown_status = WebhookEvent::parse(
        br#"{"type":"consent_status_update","consent_id":"123e4567-e89b-12d3-a456-426614174000","status":"paused"}"#,
    )
    .unwrap();
    let WebhookEvent::ConsentStatusUpdate(update) = unknown_status else {
        panic!()
    };
    assert_eq!(update.status, ConsentStatus::Unknown("paused".into()));
}
