//! Webhooks: typed events and signature verification.
//!
//! FinqLink signs every webhook (payment link, consent and job status) with
//! a JWS in compact form in the `x-signature` header; `x-signature-kid`
//! names the key in the JWKS published at `{host}/.well-known/jwks.json`.
//! Keys are RS256 or ES256 (per the key's `alg`) and the JWS payload is the
//! raw JSON body. A webhook is rejected when its key id is unknown, its
//! signature is invalid, or its payload differs from the body. (The signing
//! scheme comes from the research notes, a published copy of FinqLink's
//! webhook signing page; the docs give the payloads.)
//!
//! ```
//! use finqlink_client::webhooks::{WebhookEvent, WebhookVerifier, WebhookError};
//!
//! let verifier = WebhookVerifier::from_jwks_json(br#"{"keys": []}"#).unwrap();
//! let body = br#"{"type":"consent_status_update","consent_id":"123e4567-e89b-12d3-a456-426614174000","status":"active"}"#;
//! // A forged or unsigned webhook never gets parsed.
//! let err = verifier.verify("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", "key-1", body).unwrap_err();
//! assert!(matches!(err, WebhookError::UnknownKeyId(kid) if kid == "key-1"));
//! // Trusted bodies (already verified upstream) can be parsed directly.
//! assert!(matches!(WebhookEvent::parse(body).unwrap(), WebhookEvent::ConsentStatusUpdate(_)));
//! ```

use std::fmt;

use banking_core::transport::{Request, RequestAuth};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::{Deserialize, Serialize};

use crate::client::resource;
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
    /// A type this version does not know, kept whole.
    Unknown {
        /// The `type` value.
        event_type: String,
        /// The whole body.
        payload: serde_json::Value,
    },
}

impl WebhookEvent {
    /// Parses a webhook body **without** checking its signature: use
    /// [`WebhookVerifier::verify`] for bodies from the network.
    pub fn parse(body: &[u8]) -> Result<Self, WebhookError> {
        let payload: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| WebhookError::Body(e.to_string()))?;
        let event_type = payload
            .get("type")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| WebhookError::Body("missing string field `type`".to_owned()))?
            .to_owned();
        fn typed<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, WebhookError> {
            serde_json::from_value(v).map_err(|e| WebhookError::Body(e.to_string()))
        }
        Ok(match event_type.as_str() {
            "link_status_update" => WebhookEvent::LinkStatusUpdate(typed(payload)?),
            "consent_status_update" => WebhookEvent::ConsentStatusUpdate(typed(payload)?),
            "job_status_update" => WebhookEvent::JobStatusUpdate(typed(payload)?),
            _ => {
                tracing::debug!(event_type, "unknown FinqLink webhook type kept");
                WebhookEvent::Unknown {
                    event_type,
                    payload,
                }
            }
        })
    }
}

/// Why a webhook was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is missing or not text.
    MissingHeader(&'static str),
    /// The signature is not a compact JWS this verifier accepts.
    Malformed(String),
    /// No key with this id in the JWKS (fetch it again: keys rotate).
    UnknownKeyId(String),
    /// The JWS uses an algorithm other than RS256 / ES256.
    UnsupportedAlgorithm(String),
    /// The JWS algorithm or key id disagrees with the key.
    KeyMismatch(String),
    /// The signature does not verify.
    BadSignature,
    /// The signed payload is not the body received.
    PayloadMismatch,
    /// The JWKS could not be read.
    Jwks(String),
    /// The (verified) body is not a webhook this crate can read.
    Body(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader(h) => write!(f, "webhook header {h} is missing"),
            WebhookError::Malformed(why) => write!(f, "malformed webhook signature: {why}"),
            WebhookError::UnknownKeyId(kid) => write!(f, "unknown webhook signing key id {kid:?}"),
            WebhookError::UnsupportedAlgorithm(alg) => {
                write!(f, "unsupported webhook signature algorithm {alg:?}")
            }
            WebhookError::KeyMismatch(why) => {
                write!(f, "webhook signature does not fit its key: {why}")
            }
            WebhookError::BadSignature => f.write_str("webhook signature is invalid"),
            WebhookError::PayloadMismatch => {
                f.write_str("webhook signature payload differs from the body")
            }
            WebhookError::Jwks(why) => write!(f, "cannot read the webhook JWKS: {why}"),
            WebhookError::Body(why) => write!(f, "cannot read the webhook body: {why}"),
        }
    }
}

impl std::error::Error for WebhookError {}

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
            serde_json::from_slice(jwks).map_err(|e| WebhookError::Jwks(e.to_string()))?;
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

    /// Verifies a webhook from its headers (`x-signature`,
    /// `x-signature-kid`) and raw body, then parses it.
    pub fn verify_headers(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<WebhookEvent, WebhookError> {
        let header = |name: &'static str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .ok_or(WebhookError::MissingHeader(name))
        };
        self.verify(header(SIGNATURE_HEADER)?, header(KEY_ID_HEADER)?, body)
    }

    /// Verifies `signature` (the `x-signature` value) made with key `kid`
    /// (the `x-signature-kid` value) over `body` (the raw request body,
    /// byte for byte), then parses the body.
    pub fn verify(
        &self,
        signature: &str,
        kid: &str,
        body: &[u8],
    ) -> Result<WebhookEvent, WebhookError> {
        let mut parts = signature.split('.');
        let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(WebhookError::Malformed(
                "expected header.payload.signature".to_owned(),
            ));
        };
        let header_json = URL_SAFE_NO_PAD
            .decode(header_b64)
            .map_err(|e| WebhookError::Malformed(format!("header is not base64url: {e}")))?;
        let header: JwsHeader = serde_json::from_slice(&header_json)
            .map_err(|e| WebhookError::Malformed(format!("header is not a JWS header: {e}")))?;
        if header.crit.is_some() || header.b64 == Some(false) {
            return Err(WebhookError::Malformed(
                "critical or unencoded-payload JWS extensions are not accepted".to_owned(),
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
            .map_err(|e| WebhookError::Malformed(format!("payload is not base64url: {e}")))?;
        if payload != body {
            return Err(WebhookError::PayloadMismatch);
        }
        WebhookEvent::parse(body)
    }
}

resource!(
    /// Webhook key retrieval. Get it with
    /// [`FinqLinkClient::webhooks`](crate::FinqLinkClient::webhooks).
    Webhooks
);

impl Webhooks<'_> {
    /// `GET {host}/.well-known/jwks.json`: the current signing keys, as a
    /// verifier. Fetch again when a webhook names an unknown key id.
    pub async fn verifier(&self) -> banking_core::Result<WebhookVerifier> {
        let mut request = Request::get(".well-known/jwks.json")
            .absolute_url(self.client.jwks_url().clone())
            .auth(RequestAuth::None);
        if let Some(options) = &self.options {
            request = request.options(options.clone());
        }
        let set: JwksDocument = self.client.raw().send_json(request).await?;
        Ok(WebhookVerifier::from_keys(set.keys))
    }
}
