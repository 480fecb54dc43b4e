//! Webhooks: Svix signature verification and typed events.
//!
//! Linkcy delivers webhooks through Svix (docs.linkcy.io, webhooks guide;
//! endpoints are configured in the Svix portal). Deliveries carry the
//! standard Svix headers, `svix-id`, `svix-timestamp` and `svix-signature`
//! (or their white-labelled `webhook-` twins): the signature is
//! `v1,` + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")), with the
//! secret the portal shows as `whsec_<base64>`, and the header may list
//! several space-separated signatures while a secret rotates. (That Linkcy
//! uses the standard Svix headers is inferred: its guide names Svix, not
//! the headers; the scheme is Svix's "Verifying Webhooks Manually" page.)
//!
//! [`WebhookVerifier`] checks the signature over the raw body in constant
//! time, refuses timestamps more than five minutes from the receiver's
//! clock ([`WebhookVerifier::tolerance`] changes that), and only then
//! decodes the body.
//!
//! ```
//! use banking_core::webhook::{HeaderMap, Verify, WebhookError};
//! use linkcy_client::webhooks::{WebhookEvent, WebhookVerifier};
//! use secrecy::SecretString;
//!
//! let verifier = WebhookVerifier::new(&SecretString::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))?;
//! let mut headers = HeaderMap::new();
//! headers.insert("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek".parse().unwrap());
//! headers.insert("svix-timestamp", "1614265330".parse().unwrap());
//! headers.insert("svix-signature", "v1,Zm9yZ2Vk".parse().unwrap());
//! let forged = verifier.verify(&headers, br#"{"type":"CARD_CREATED","data":{}}"#);
//! assert_eq!(forged.unwrap_err(), WebhookError::BadSignature);
//! # Ok::<(), WebhookError>(())
//! ```
//!
//! # Events
//!
//! The payload schemas are not published. The envelope is read the way
//! Svix senders write it, `{"type": "...", "data": {...}}` (inferred). The
//! event types Linkcy's guides list are typed; each carries its `data`
//! unparsed, and [`ResourceEvent::resource`] decodes it into this crate's
//! type for that resource (that `data` is that resource is inferred). Any
//! other type is [`WebhookEvent::Unknown`], raw body kept.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use banking_core::webhook::{
    self, DEFAULT_TOLERANCE, HeaderMap, HmacSha256Key, UnknownEvent, Verify, WebhookError,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::{Beneficiary, Card, Consumer, Corporate};

/// The Svix signing-secret prefix.
const SECRET_PREFIX: &str = "whsec_";

/// Checks Svix signatures on Linkcy webhook deliveries.
#[derive(Clone)]
pub struct WebhookVerifier {
    key: HmacSha256Key,
    tolerance: Duration,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

impl WebhookVerifier {
    /// A verifier for the endpoint secret shown in the Svix portal
    /// (`whsec_...`; the prefix may be left out). A secret that is not
    /// base64 is [`WebhookError::Keys`].
    pub fn new(secret: &SecretString) -> Result<Self, WebhookError> {
        let secret = secret.expose_secret().trim();
        let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
        let key = STANDARD
            .decode(encoded)
            .ok()
            .filter(|key| !key.is_empty())
            .ok_or_else(|| {
                WebhookError::Keys("the signing secret is not whsec_ followed by base64".into())
            })?;
        Ok(WebhookVerifier {
            key: HmacSha256Key::new(&key),
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// How far `svix-timestamp` may be from the receiver's clock, either
    /// way (default [`DEFAULT_TOLERANCE`], five minutes).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// [`Verify::verify`] with the receiver's clock reading `now`.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<WebhookEvent, WebhookError> {
        let id = svix_header(headers, "id")?;
        let timestamp = svix_header(headers, "timestamp")?;
        let signatures = svix_header(headers, "signature")?;
        let signed_at: i64 = timestamp
            .parse()
            .map_err(|_| WebhookError::MalformedHeader {
                header: "svix-timestamp".into(),
                reason: "not whole seconds since the epoch",
            })?;
        let parts: [&[u8]; 5] = [id.as_bytes(), b".", timestamp.as_bytes(), b".", body];
        // Every `v1,` signature is tried: several are listed while a secret
        // rotates. Other versions are for other schemes and are skipped.
        let valid = signatures
            .split_ascii_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|sig| STANDARD.decode(sig).ok())
            .any(|sig| self.key.verify(&parts, &sig));
        if !valid {
            return Err(WebhookError::BadSignature);
        }
        webhook::check_timestamp(signed_at, now, self.tolerance)?;
        WebhookEvent::decode(id, signed_at, body)
    }
}

impl Verify for WebhookVerifier {
    type Event = WebhookEvent;

    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        self.verify_at(headers, body, Utc::now())
    }
}

/// `svix-{name}`, or the white-labelled `webhook-{name}`.
fn svix_header<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str, WebhookError> {
    let svix = format!("svix-{name}");
    webhook::required_header(headers, &svix)
        .or_else(|_| webhook::required_header(headers, &format!("webhook-{name}")))
        .map_err(|_| WebhookError::MissingHeader(svix))
}

/// An event about one resource, its `data` kept unparsed until asked for.
#[non_exhaustive]
pub struct ResourceEvent<T> {
    /// The Svix message id (`svix-id`): the same on every retry of a
    /// delivery, so deduplicate on it.
    pub message_id: String,
    /// When the delivery was signed (`svix-timestamp`).
    pub timestamp: DateTime<Utc>,
    /// The envelope's `data`, as sent.
    pub data: Option<Box<RawValue>>,
    resource: PhantomData<fn() -> T>,
}

impl<T> ResourceEvent<T> {
    fn new(message_id: &str, timestamp: DateTime<Utc>, data: Option<Box<RawValue>>) -> Self {
        ResourceEvent {
            message_id: message_id.to_owned(),
            timestamp,
            data,
            resource: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> ResourceEvent<T> {
    /// `data` decoded as the resource the event is about (its shape is
    /// inferred to be the API's); [`WebhookError::Body`] when it is absent
    /// or does not decode.
    pub fn resource(&self) -> Result<T, WebhookError> {
        let data = self
            .data
            .as_ref()
            .ok_or_else(|| WebhookError::Body("the event has no `data`".into()))?;
        webhook::decode(data.get().as_bytes())
    }
}

impl<T> fmt::Debug for ResourceEvent<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResourceEvent")
            .field("message_id", &self.message_id)
            .field("timestamp", &self.timestamp)
            .field("data_len", &self.data.as_ref().map(|d| d.get().len()))
            .finish()
    }
}

impl<T> Clone for ResourceEvent<T> {
    fn clone(&self) -> Self {
        ResourceEvent {
            message_id: self.message_id.clone(),
            timestamp: self.timestamp,
            data: self.data.clone(),
            resource: PhantomData,
        }
    }
}

macro_rules! linkcy_events {
    ($($(#[$doc:meta])* $variant:ident($resource:ty) = $wire:literal,)*) => {
        /// A Linkcy webhook, by its `type`.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            $($(#[$doc])* $variant(ResourceEvent<$resource>),)*
            /// A type this version does not know, raw body kept.
            Unknown(UnknownEvent),
        }

        impl WebhookEvent {
            /// The event's `type` as sent (`None` for an unknown event that
            /// names none).
            pub fn event_type(&self) -> Option<&str> {
                match self {
                    $(WebhookEvent::$variant(_) => Some($wire),)*
                    WebhookEvent::Unknown(unknown) => unknown.event_type.as_deref(),
                }
            }

            fn typed(
                event_type: &str,
                message_id: &str,
                timestamp: DateTime<Utc>,
                data: Option<Box<RawValue>>,
            ) -> Option<Self> {
                Some(match event_type {
                    $($wire => WebhookEvent::$variant(ResourceEvent::new(message_id, timestamp, data)),)*
                    _ => return None,
                })
            }
        }
    };
}

linkcy_events! {
    /// `BENEFICIARY_CREATED`.
    BeneficiaryCreated(Beneficiary) = "BENEFICIARY_CREATED",
    /// `BENEFICIARY_UPDATED`.
    BeneficiaryUpdated(Beneficiary) = "BENEFICIARY_UPDATED",
    /// `CARD_CREATED`.
    CardCreated(Card) = "CARD_CREATED",
    /// `CARD_UPDATED`.
    CardUpdated(Card) = "CARD_UPDATED",
    /// `CARD_CLOSED`.
    CardClosed(Card) = "CARD_CLOSED",
    /// `CONSUMER_CREATED`.
    ConsumerCreated(Consumer) = "CONSUMER_CREATED",
    /// `CONSUMER_UPDATED`.
    ConsumerUpdated(Consumer) = "CONSUMER_UPDATED",
    /// `CONSUMER_KYC_CREATED`.
    ConsumerKycCreated(Consumer) = "CONSUMER_KYC_CREATED",
    /// `CONSUMER_KYC_UPDATED`.
    ConsumerKycUpdated(Consumer) = "CONSUMER_KYC_UPDATED",
    /// `CONSUMER_LOGGED_IN`.
    ConsumerLoggedIn(Consumer) = "CONSUMER_LOGGED_IN",
    /// `CORPORATE_RELATED_KYC_VALIDATED` (corporate guide).
    CorporateRelatedKycValidated(Corporate) = "CORPORATE_RELATED_KYC_VALIDATED",
    /// `CORPORATE_KYB_VALIDATED` (corporate guide).
    CorporateKybValidated(Corporate) = "CORPORATE_KYB_VALIDATED",
}

/// The Svix envelope (inferred for Linkcy).
#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type", default)]
    event_type: Option<String>,
    #[serde(default)]
    data: Option<Box<RawValue>>,
}

impl WebhookEvent {
    fn decode(message_id: &str, signed_at: i64, body: &[u8]) -> Result<Self, WebhookError> {
        let Envelope { event_type, data } = webhook::decode(body)?;
        let timestamp = DateTime::from_timestamp(signed_at, 0).ok_or_else(|| {
            WebhookError::Body("svix-timestamp is out of the representable range".into())
        })?;
        let typed = event_type
            .as_deref()
            .and_then(|t| Self::typed(t, message_id, timestamp, data));
        Ok(typed.unwrap_or_else(|| WebhookEvent::Unknown(UnknownEvent::new(event_type, body))))
    }
}
