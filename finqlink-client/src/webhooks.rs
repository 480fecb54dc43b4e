//! Webhooks: typed events and signature verification.
//!
//! FinqLink signs every webhook (payment link, consent and job status) with
//! a JWS in compact form in the `x-signature` header; `x-signature-kid`
//! names the key in the JWKS published at `{host}/.well-known/jwks.json`.
//! Keys are RS256 or ES256 (per the key's `alg`) and the JWS payload is the
//! raw JSON body. A webhook is rejected when its key id is unknown, its
//! signature is invalid, or its payload differs from the body. (The signing
//! scheme comes from the research notes, a published copy of FinqLink's
//! webhook signing page; the docs give the payloads.) The scheme signs no
//! timestamp, so there is no replay window to check: deduplicate on the
//! event's content.
//!
//! [`WebhookVerifier`] implements the SDK's common
//! [`Verify`] shape. This module and its
//! JOSE dependency (which builds `aws-lc`) are the crate's default-on
//! `webhooks` feature: turn it off when you receive no webhooks.
//!
//! ```
//! use banking_core::webhook::{HeaderMap, Verify};
//! use finqlink_client::webhooks::{WebhookEvent, WebhookVerifier, WebhookError};
//!
//! let verifier = WebhookVerifier::from_jwks_json(br#"{"keys": []}"#).unwrap();
//! let body = br#"{"type":"consent_status_update","consent_id":"123e4567-e89b-12d3-a456-426614174000","status":"active"}"#;
//! let mut headers = HeaderMap::new();
//! headers.insert("x-signature", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln".parse().unwrap());
//! headers.insert("x-signature-kid", "key-1".parse().unwrap());
//! // A forged or unsigned webhook never gets parsed.
//! let err = verifier.verify(&headers, body).unwrap_err();
//! assert!(matches!(err, WebhookError::UnknownKeyId(kid) if kid == "key-1"));
//! // Trusted bodies (already verified upstream) can be parsed directly.
//! assert!(matches!(WebhookEvent::parse(body).unwrap(), WebhookEvent::ConsentStatusUpdate(_)));
//! ```

use std::fmt;

use banking_core::transport::{Request, RequestAuth};
pub use banking_core::webhook::WebhookError;
use banking_core::webhook::{self, HeaderMap, UnknownEvent, Verify};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::{Deserialize, Serialize};

use crate::consents::ConsentStatus;
use crate::ids::{ConsentId, JobId, LinkId, WebId};
use crate::jobs::JobStatus;
use crate::links::LinkStatus;

/// Header carrying the compact JWS.
pub const SIGNATURE_HEADER: &str = "x-signature";
/// Header naming the signing key.
pub const KEY_ID_HEADER: &str = "x-signature-kid";

/// `link_status_update`: a payment link changed status. The docs list
/// `type`, `link_id`, `web_id` and `status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LinkStatusUpdate {
    /// The payment link.
    pub link_id: LinkId,
    /// Its public id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_id: Option<WebId>,
    /// The new status.
    pub status: LinkStatus,
}

/// `consent_status_update`: a consent changed status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConsentStatusUpdate {
    /// The consent.
    pub consent_id: ConsentId,
    /// The new status.
    pub status: ConsentStatus,
}

/// `job_status_update`: a data refresh job changed status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JobStatusUpdate {
    /// The job's consent.
    pub consent_id: ConsentId,
    /// The job.
    pub job_id: JobId,
    /// The new status.
    pub status: JobStatus,
}

/// A webhook, by its `type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `link_status_update`.
    LinkStatusUpdate(LinkStatusUpdate),
    /// `consent_status_update`.
    ConsentStatusUpdate(ConsentStatusUpdate),
    /// `job_status_update`.
    JobStatusUpdate(JobStatusUpdate),
    /// A type this version does not know (or a body naming none), raw body
    /// kept.
    Unknown(UnknownEvent),
}

impl WebhookEvent {
    /// The event's `type` as sent (`None` for an unknown event that names
    /// none).
    pub fn event_type(&self) -> Option<&str> {
        match self {
            WebhookEvent::LinkStatusUpdate(_) => Some("link_status_update"),
            WebhookEvent::ConsentStatusUpdate(_) => Some("consent_status_update"),
            WebhookEvent::JobStatusUpdate(_) => Some("job_status_update"),
            WebhookEvent::Unknown(unknown) => unknown.event_type.as_deref(),
        }
    }

    /// Parses a webhook body **without** checking its signature: use
    /// [`Verify::verify`] on a [`WebhookVerifier`] for bodies from the
    /// network.
    pub fn parse(body: &[u8]) -> Result<Self, WebhookError> {
        #[derive(Deserialize)]
        struct Type {
            #[serde(rename = "type", default)]
            event_type: Option<String>,
        }
        let Type { event_type } = webhook::decode(body)?;
        Ok(match event_type.as_deref() {
            Some("link_status_update") => WebhookEvent::LinkStatusUpdate(webhook::decode(body)?),
            Some("consent_status_update") => {
                WebhookEvent::ConsentStatusUpdate(webhook::decode(body)?)
            }
            Some("job_status_update") => WebhookEvent::JobStatusUpdate(webhook::decode(body)?),
            _ => WebhookEvent::Unknown(UnknownEvent::new(event_type, body)),
        })
    }
}

/// `{"keys": [...]}`, each key read on its own.
#[derive(Deserialize)]
struct JwksDocument {
    keys: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct JwsHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    crit: Option<Vec<String>>,
    #[serde(default)]
    b64: Option<bool>,
}

/// Checks webhook signatures against FinqLink's JWKS.
#[derive(Clone)]
pub struct WebhookVerifier {
    keys: Vec<(String, Jwk)>,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("key_ids", &self.key_ids().collect::<Vec<_>>())
            .finish()
    }
}

impl WebhookVerifier {
    /// Reads a JWKS document (`{"keys": [...]}`). Keys without a `kid`, or
    /// of a type this crate cannot use, are skipped so that a new key type
    /// in the set never breaks verification with the others.
    pub fn from_jwks_json(jwks: &[u8]) -> Result<Self, WebhookError> {
        let set: JwksDocument =
            serde_json::from_slice(jwks).map_err(|e| WebhookError::Keys(format!("JWKS: {e}")))?;
        Ok(Self::from_keys(set.keys))
    }

    fn from_keys(keys: Vec<serde_json::Value>) -> Self {
        let keys = keys
            .into_iter()
            .filter_map(|raw| match serde_json::from_value::<Jwk>(raw) {
                Ok(jwk) => jwk.common.key_id.clone().map(|kid| (kid, jwk)),
                Err(e) => {
                    tracing::debug!(error = %e, "JWKS key skipped");
                    None
                }
            })
            .collect();
        WebhookVerifier { keys }
    }

    /// The key ids this verifier knows.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|(kid, _)| kid.as_str())
    }

    /// Verifies `signature` (the `x-signature` value) made with key `kid`
    /// (the `x-signature-kid` value) over `body` (the raw request body,
    /// byte for byte), then parses the body. [`Verify::verify`] reads both
    /// values from the request headers.
    pub fn verify_jws(
        &self,
        signature: &str,
        kid: &str,
        body: &[u8],
    ) -> Result<WebhookEvent, WebhookError> {
        let mut parts = signature.split('.');
        let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed("not a compact JWS (header.payload.signature)"));
        };
        let header_json = URL_SAFE_NO_PAD
            .decode(header_b64)
            .map_err(|_| malformed("the JWS header is not base64url"))?;
        let header: JwsHeader = serde_json::from_slice(&header_json)
            .map_err(|_| malformed("the JWS header is not a JOSE header"))?;
        if header.crit.is_some() || header.b64 == Some(false) {
            return Err(malformed(
                "critical or unencoded-payload JWS extensions are not accepted",
            ));
        }
        let algorithm = match header.alg.as_str() {
            "RS256" => Algorithm::RS256,
            "ES256" => Algorithm::ES256,
            other => return Err(WebhookError::UnsupportedAlgorithm(other.to_owned())),
        };
        if let Some(header_kid) = &header.kid
            && header_kid != kid
        {
            return Err(WebhookError::KeyMismatch(format!(
                "JWS kid {header_kid:?} is not {KEY_ID_HEADER} {kid:?}"
            )));
        }
        let jwk = self
            .keys
            .iter()
            .find(|(k, _)| k == kid)
            .map(|(_, jwk)| jwk)
            .ok_or_else(|| WebhookError::UnknownKeyId(kid.to_owned()))?;
        if let Some(key_alg) = jwk.common.key_algorithm {
            let same = matches!(
                (key_alg, algorithm),
                (KeyAlgorithm::RS256, Algorithm::RS256) | (KeyAlgorithm::ES256, Algorithm::ES256)
            );
            if !same {
                return Err(WebhookError::KeyMismatch(format!(
                    "key {kid:?} is for {key_alg:?}, the JWS uses {}",
                    header.alg
                )));
            }
        }
        if matches!(jwk.common.public_key_use, Some(ref u) if *u != PublicKeyUse::Signature) {
            return Err(WebhookError::KeyMismatch(format!(
                "key {kid:?} is not a signing key"
            )));
        }
        let key = DecodingKey::from_jwk(jwk)
            .map_err(|e| WebhookError::KeyMismatch(format!("key {kid:?} is unusable: {e}")))?;
        let signing_input = format!("{header_b64}.{payload_b64}");
        let valid =
            jsonwebtoken::crypto::verify(signature_b64, signing_input.as_bytes(), &key, algorithm)
                .map_err(|e| {
                    WebhookError::KeyMismatch(format!("cannot verify with key {kid:?}: {e}"))
                })?;
        if !valid {
            return Err(WebhookError::BadSignature);
        }
        let payload = URL_SAFE_NO_PAD
            .decode(payload_b64)
            .map_err(|_| malformed("the JWS payload is not base64url"))?;
        if payload != body {
            return Err(WebhookError::PayloadMismatch);
        }
        WebhookEvent::parse(body)
    }
}

impl Verify for WebhookVerifier {
    type Event = WebhookEvent;

    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        let signature = webhook::required_header(headers, SIGNATURE_HEADER)?;
        let kid = webhook::required_header(headers, KEY_ID_HEADER)?;
        self.verify_jws(signature, kid, body)
    }
}

/// A signature header that is not a JWS this verifier accepts.
fn malformed(reason: &'static str) -> WebhookError {
    WebhookError::MalformedHeader {
        header: SIGNATURE_HEADER.to_owned(),
        reason,
    }
}

banking_core::resource_handle! {
    /// Webhook key retrieval. Get it with
    /// [`FinqLinkClient::webhooks`](crate::FinqLinkClient::webhooks).
    pub struct Webhooks for crate::client::FinqLinkClient, "FinqLink";
}

impl Webhooks<'_> {
    /// `GET {host}/.well-known/jwks.json`: the current signing keys, as a
    /// verifier. Fetch again when a webhook names an unknown key id.
    pub async fn verifier(&self) -> banking_core::Result<WebhookVerifier> {
        let request = Request::get(".well-known/jwks.json")
            .absolute_url(self.handle.client().jwks_url().clone())
            .auth(RequestAuth::None);
        let set: JwksDocument = self.handle.send_json(request).await?;
        Ok(WebhookVerifier::from_keys(set.keys))
    }
}
