//! Webhook deliveries: one verification shape for every provider.
//!
//! Each provider crate has a `webhooks` module (behind its default-on
//! `webhooks` feature) with a verifier that implements [`Verify`]:
//!
//! ```text
//! verifier.verify(&headers, raw_body) -> Result<WebhookEvent, WebhookError>
//! ```
//!
//! - **Verification comes before decoding.** A body is parsed only once its
//!   signature (or, for providers that publish no signature, the policy the
//!   integrator chose) has been checked, so a forged body never reaches a
//!   JSON decoder.
//! - **The raw body is verified byte for byte.** Pass the bytes exactly as
//!   received, before any JSON parsing or re-serialisation.
//! - **Replay protection**: where a scheme signs a timestamp, deliveries
//!   older or newer than a tolerance ([`DEFAULT_TOLERANCE`], configurable
//!   per verifier) are refused with [`WebhookError::TimestampOutOfTolerance`].
//! - **Constant-time comparison**: MACs are checked with `hmac`'s
//!   `verify_slice` (through [`HmacSha256Key::verify`]), shared header
//!   secrets through the same MAC check.
//! - **Secrets stay secret**: they are [`SecretString`]s, and no
//!   [`WebhookError`] ever shows a secret, a signature or a header value.
//! - **Unknown events decode**: each provider's event enum has an `Unknown`
//!   variant holding an [`UnknownEvent`] that keeps the raw body.
//!
//! A receiver written once against [`Verify`] serves every provider:
//!
//! ```
//! use banking_core::webhook::{HeaderMap, Verify, WebhookError};
//!
//! fn receive<V: Verify>(verifier: &V, headers: &HeaderMap, body: &[u8]) -> Result<V::Event, WebhookError> {
//!     verifier.verify(headers, body)
//! }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

pub use http::{HeaderMap, HeaderName, HeaderValue};

/// How far a signed timestamp may be from the receiver's clock, either way,
/// unless a verifier is told otherwise: five minutes, the window Svix and
/// most signing schemes recommend.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// A provider's webhook verifier: checks a delivery, then decodes it.
pub trait Verify {
    /// The provider's typed event.
    type Event;

    /// Verifies a delivery from its HTTP headers and raw body (the bytes
    /// exactly as received), then decodes the body.
    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Self::Event, WebhookError>;
}

/// Why a webhook delivery was refused. No variant holds a secret, a
/// signature or a header value: only header names and fixed reasons.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is missing, empty or not text.
    #[error("webhook header {0} is missing")]
    MissingHeader(String),
    /// A header is present but cannot be read.
    #[error("webhook header {header} is malformed: {reason}")]
    MalformedHeader {
        /// The header's name.
        header: String,
        /// What is wrong with it (never its value).
        reason: &'static str,
    },
    /// The signature does not match the body (or a shared header secret
    /// does not match).
    #[error("webhook signature is invalid")]
    BadSignature,
    /// The signed timestamp is too far from the receiver's clock: a replay,
    /// or a clock out of sync.
    #[error(
        "webhook timestamp is {skew_secs} s from now, beyond the tolerance of {tolerance_secs} s"
    )]
    TimestampOutOfTolerance {
        /// Receiver time minus signed time, in seconds (negative: from the
        /// future).
        skew_secs: i64,
        /// The tolerance in force.
        tolerance_secs: u64,
    },
    /// No signing key with this id is known (keys rotate: fetch them again).
    #[error("unknown webhook signing key id {0:?}")]
    UnknownKeyId(String),
    /// The signature uses an algorithm the verifier does not accept.
    #[error("unsupported webhook signature algorithm {0:?}")]
    UnsupportedAlgorithm(String),
    /// The signature's algorithm or key id disagrees with the key.
    #[error("webhook signature does not fit its key: {0}")]
    KeyMismatch(String),
    /// The signed payload is not the body received.
    #[error("webhook signature payload differs from the body")]
    PayloadMismatch,
    /// The verifier's own key material is unusable (a secret in the wrong
    /// format, an unreadable key set).
    #[error("webhook verification keys are unusable: {0}")]
    Keys(String),
    /// The verified body is not an event this crate can read.
    #[error("cannot decode the webhook body: {0}")]
    Body(String),
}

/// A required header's value, trimmed; [`WebhookError::MissingHeader`] when
/// it is absent, empty or not visible ASCII.
pub fn required_header<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str, WebhookError> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| WebhookError::MissingHeader(name.to_owned()))
}

/// An HMAC-SHA256 key, for the providers that sign with a shared secret.
#[derive(Clone)]
pub struct HmacSha256Key(Hmac<Sha256>);

impl HmacSha256Key {
    /// A key from raw bytes (HMAC accepts any length).
    pub fn new(key: &[u8]) -> Self {
        HmacSha256Key(Hmac::new_from_slice(key).expect("HMAC takes keys of any length"))
    }

    /// `HMAC-SHA256(key, parts[0] || parts[1] || ...)`.
    pub fn sign(&self, parts: &[&[u8]]) -> [u8; 32] {
        self.mac(parts).finalize().into_bytes().into()
    }

    /// Whether `signature` is `HMAC-SHA256(key, parts...)`, compared in
    /// constant time.
    pub fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> bool {
        self.mac(parts).verify_slice(signature).is_ok()
    }

    fn mac(&self, parts: &[&[u8]]) -> Hmac<Sha256> {
        let mut mac = self.0.clone();
        for part in parts {
            mac.update(part);
        }
        mac
    }
}

impl fmt::Debug for HmacSha256Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacSha256Key(<redacted>)")
    }
}

/// How a signature header spells the MAC's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SignatureEncoding {
    /// Standard base64 with padding (the default).
    #[default]
    Base64,
    /// Hexadecimal, either case.
    Hex,
}

impl SignatureEncoding {
    fn decode(self, text: &str) -> Option<Vec<u8>> {
        use base64::Engine as _;
        match self {
            SignatureEncoding::Base64 => {
                base64::engine::general_purpose::STANDARD.decode(text).ok()
            }
            SignatureEncoding::Hex => {
                let digits = text.as_bytes();
                if !digits.len().is_multiple_of(2) {
                    return None;
                }
                digits
                    .chunks(2)
                    .map(|pair| {
                        let pair = std::str::from_utf8(pair).ok()?;
                        u8::from_str_radix(pair, 16).ok()
                    })
                    .collect()
            }
        }
    }
}

/// An HMAC-SHA256 signature of the raw body in one header, each part of
/// the scheme configurable: for providers that sign with a shared secret
/// but do not publish the details (Flinks, LYNKS).
///
/// By default the header carries `base64(HMAC-SHA256(secret, body))`, the
/// secret's UTF-8 bytes being the key; a `sha256=` prefix on the value is
/// ignored. [`encoding`](Self::encoding) switches to hex, and
/// [`signed_timestamp`](Self::signed_timestamp) adds replay protection
/// when the sender signs `"{timestamp}.{body}"` with a Unix timestamp in a
/// header of its own.
///
/// ```
/// use banking_core::webhook::{HeaderMap, HeaderName, HmacSignature, WebhookError};
/// use secrecy::SecretString;
///
/// let check = HmacSignature::new(HeaderName::from_static("x-signature"), &SecretString::from("s3cret"));
/// let mut headers = HeaderMap::new();
/// // base64(HMAC-SHA256("s3cret", "{}"))
/// headers.insert("x-signature", "rb3hzkDInBQhVofV12Kkffbfrvz61h4uhnGP/ISYVxs=".parse().unwrap());
/// assert_eq!(check.check(&headers, b"{}"), Ok(None));
/// assert_eq!(check.check(&headers, b"{ }"), Err(WebhookError::BadSignature));
/// ```
#[derive(Clone)]
pub struct HmacSignature {
    header: HeaderName,
    key: HmacSha256Key,
    encoding: SignatureEncoding,
    timestamp: Option<HeaderName>,
    tolerance: Duration,
}

impl HmacSignature {
    /// Signatures in header `header`, keyed with `secret`'s bytes.
    pub fn new(header: HeaderName, secret: &SecretString) -> Self {
        HmacSignature {
            header,
            key: HmacSha256Key::new(secret.expose_secret().as_bytes()),
            encoding: SignatureEncoding::default(),
            timestamp: None,
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// How the MAC is spelled in the header (default base64).
    pub fn encoding(mut self, encoding: SignatureEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The sender signs `"{timestamp}.{body}"`, the Unix timestamp (whole
    /// seconds) in header `header`; deliveries further than the
    /// [`tolerance`](Self::tolerance) from the receiver's clock are refused.
    pub fn signed_timestamp(mut self, header: HeaderName) -> Self {
        self.timestamp = Some(header);
        self
    }

    /// How far a signed timestamp may be from the receiver's clock, either
    /// way (default [`DEFAULT_TOLERANCE`]).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks `body` against the signature in `headers` with the
    /// receiver's clock; the signed timestamp, when the scheme has one.
    pub fn check(&self, headers: &HeaderMap, body: &[u8]) -> Result<Option<i64>, WebhookError> {
        self.check_at(headers, body, Utc::now())
    }

    /// [`check`](Self::check) with the receiver's clock reading `now`.
    pub fn check_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, WebhookError> {
        let value = required_header(headers, self.header.as_str())?;
        let value = value.strip_prefix("sha256=").unwrap_or(value);
        let signature =
            self.encoding
                .decode(value)
                .ok_or_else(|| WebhookError::MalformedHeader {
                    header: self.header.as_str().to_owned(),
                    reason: "not a MAC in the configured encoding",
                })?;
        let Some(ts_header) = &self.timestamp else {
            return if self.key.verify(&[body], &signature) {
                Ok(None)
            } else {
                Err(WebhookError::BadSignature)
            };
        };
        let timestamp = required_header(headers, ts_header.as_str())?;
        let signed_at: i64 = timestamp
            .parse()
            .map_err(|_| WebhookError::MalformedHeader {
                header: ts_header.as_str().to_owned(),
                reason: "not whole seconds since the epoch",
            })?;
        if !self
            .key
            .verify(&[timestamp.as_bytes(), b".", body], &signature)
        {
            return Err(WebhookError::BadSignature);
        }
        check_timestamp(signed_at, now, self.tolerance)?;
        Ok(Some(signed_at))
    }
}

impl fmt::Debug for HmacSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacSignature")
            .field("header", &self.header)
            .field("encoding", &self.encoding)
            .field("timestamp", &self.timestamp)
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

/// A provider's event type, read from a body whose authenticity has been
/// checked.
pub trait DecodeEvent: Sized {
    /// Decodes a verified body; unknown event types decode into the
    /// type's `Unknown` variant, raw body kept.
    fn decode_event(body: &[u8]) -> Result<Self, WebhookError>;
}

/// A [`Verify`] for providers that publish no complete signing scheme
/// (Flinks, LYNKS, Linxo): the check is configured, an [`HmacSignature`]
/// or an [`UnsignedPolicy`], and runs before `E` is decoded. Provider
/// crates name it for their event type
/// (`pub type WebhookVerifier = ConfiguredVerifier<WebhookEvent>`).
pub struct ConfiguredVerifier<E> {
    check: Check,
    event: PhantomData<fn() -> E>,
}

/// What a [`ConfiguredVerifier`] checks.
#[derive(Clone, Debug)]
enum Check {
    Hmac(HmacSignature),
    Unsigned(UnsignedPolicy),
}

impl<E: DecodeEvent> ConfiguredVerifier<E> {
    /// `base64(HMAC-SHA256(secret, body))` in header `header` (see
    /// [`HmacSignature`] for the rest of the scheme).
    pub fn new(header: HeaderName, secret: &SecretString) -> Self {
        Self::from_signature(HmacSignature::new(header, secret))
    }

    /// A verifier for a scheme configured in full (encoding, signed
    /// timestamp and tolerance).
    pub fn from_signature(signature: HmacSignature) -> Self {
        ConfiguredVerifier {
            check: Check::Hmac(signature),
            event: PhantomData,
        }
    }

    /// A verifier for deliveries that carry no signature, checked only
    /// against `policy` (see [`UnsignedPolicy`]).
    pub fn unsigned(policy: UnsignedPolicy) -> Self {
        ConfiguredVerifier {
            check: Check::Unsigned(policy),
            event: PhantomData,
        }
    }

    /// [`Verify::verify`] with the receiver's clock reading `now` (used
    /// only when the scheme signs a timestamp).
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<E, WebhookError> {
        match &self.check {
            Check::Hmac(signature) => {
                signature.check_at(headers, body, now)?;
            }
            Check::Unsigned(policy) => policy.check(headers)?,
        }
        E::decode_event(body)
    }
}

impl<E: DecodeEvent> Verify for ConfiguredVerifier<E> {
    type Event = E;

    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<E, WebhookError> {
        self.verify_at(headers, body, Utc::now())
    }
}

impl<E> Clone for ConfiguredVerifier<E> {
    fn clone(&self) -> Self {
        ConfiguredVerifier {
            check: self.check.clone(),
            event: PhantomData,
        }
    }
}

impl<E> fmt::Debug for ConfiguredVerifier<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfiguredVerifier")
            .field("check", &self.check)
            .finish()
    }
}

/// Refuses a signed Unix timestamp (seconds) further than `tolerance` from
/// `now`, in either direction.
pub fn check_timestamp(
    signed_at: i64,
    now: DateTime<Utc>,
    tolerance: Duration,
) -> Result<(), WebhookError> {
    let skew_secs = now.timestamp().saturating_sub(signed_at);
    if skew_secs.unsigned_abs() > tolerance.as_secs() {
        return Err(WebhookError::TimestampOutOfTolerance {
            skew_secs,
            tolerance_secs: tolerance.as_secs(),
        });
    }
    Ok(())
}

/// An event of a type this version does not know, kept whole.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The event's type as sent, when the body names one.
    pub event_type: Option<String>,
    /// The raw body, byte for byte.
    pub body: Bytes,
}

impl UnknownEvent {
    /// Keeps `body`, with the type the provider's decoder read from it.
    pub fn new(event_type: Option<String>, body: &[u8]) -> Self {
        if let Some(event_type) = &event_type {
            tracing::debug!(event_type, "unknown webhook event kept");
        }
        UnknownEvent {
            event_type,
            body: Bytes::copy_from_slice(body),
        }
    }

    /// The body as JSON.
    pub fn json(&self) -> Result<serde_json::Value, WebhookError> {
        serde_json::from_slice(&self.body).map_err(|e| WebhookError::Body(e.to_string()))
    }
}

impl fmt::Debug for UnknownEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownEvent")
            .field("event_type", &self.event_type)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Decodes a verified body into `T`, as [`WebhookError::Body`] on failure
/// (the error names the JSON path).
pub fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    crate::json::from_slice(body).map_err(|e| WebhookError::Body(e.to_string()))
}

/// What to check on deliveries of a provider that publishes no signature
/// scheme (Linxo; LYNKS when no secret is agreed), through
/// [`ConfiguredVerifier::unsigned`].
///
/// Such deliveries are authenticated by the transport only: HTTPS (and
/// mutual TLS where the provider offers it) on your endpoint. Where your
/// setup with the provider lets a fixed secret ride on every delivery (a
/// header agreed with support, or credentials in the webhook URL that
/// arrive as an `Authorization` header), [`require_header`] checks it in
/// constant time. Either way, treat an event as a hint and read the state
/// back through the API before acting on it.
///
/// [`require_header`]: UnsignedPolicy::require_header
#[derive(Clone)]
pub struct UnsignedPolicy {
    required: Option<(HeaderName, HmacSha256Key, [u8; 32])>,
}

impl UnsignedPolicy {
    /// Accepts deliveries without any check at this layer.
    pub fn accept_unsigned() -> Self {
        UnsignedPolicy { required: None }
    }

    /// Accepts only deliveries whose header `name` carries exactly `value`.
    pub fn require_header(name: HeaderName, value: SecretString) -> Self {
        // Only a MAC of the value under a key of this process is kept; the
        // header received goes through the same MAC, so the comparison is
        // constant-time and its length says nothing about the secret's.
        let key = HmacSha256Key::new(&fastrand::u128(..).to_le_bytes());
        let expected = key.sign(&[value.expose_secret().as_bytes()]);
        UnsignedPolicy {
            required: Some((name, key, expected)),
        }
    }

    /// Checks `headers` against the policy.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), WebhookError> {
        let Some((name, key, expected)) = &self.required else {
            return Ok(());
        };
        let got = required_header(headers, name.as_str())?;
        if key.verify(&[got.as_bytes()], expected) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}

impl fmt::Debug for UnsignedPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnsignedPolicy")
            .field("required_header", &self.required.as_ref().map(|(n, ..)| n))
            .finish()
    }
}
