//! Webhooks: the documented triggers as typed events, with an HMAC-SHA256
//! check.
//!
//! LYNKS webhooks are set up by Finologee support (by email; there is no
//! subscription API) for these triggers (webhooks page): a payment
//! processed by the bank, approved by its signatories, failed, rejected by
//! the bank or cancelled; a direct-debit batch that completed collection,
//! failed or was rejected; an account statement received.
//!
//! # Inferred
//!
//! The docs publish **neither the payload nor the event names nor any
//! signing**. What this module reads is therefore inferred and lenient:
//!
//! - the event name is taken from `event`, `eventType`, `event_type` or
//!   `type`, and matched ignoring case and separators, so
//!   `PAYMENT_PROCESSED_BY_BANK`, `payment.processed_by_bank` and
//!   `PaymentProcessedByBank` are the same trigger;
//! - the event id from `id` or `eventId`, its subject from `data` (or
//!   `payload`), kept unparsed: [`EventPayload::data`] decodes it into the
//!   type you expect (for payments, probably a
//!   [`CreditTransfer`](crate::credit_transfers::CreditTransfer));
//! - every typed event keeps the raw body, and any other name is
//!   [`WebhookEvent::Unknown`], raw body kept.
//!
//! Authenticity: the same configurable check as Flinks,
//! `base64(HMAC-SHA256(secret, raw body))` in a header you name, with an
//! optional signed timestamp and replay tolerance
//! ([`HmacSignature`](banking_core::webhook::HmacSignature)); agree the
//! secret and header with Finologee. Where they sign nothing, build the
//! verifier with `WebhookVerifier::unsigned` and an
//! [`UnsignedPolicy`](banking_core::webhook::UnsignedPolicy), authenticate
//! the transport (HTTPS, an IP allow-list), and read the state back through
//! the API before acting on an event.
//!
//! ```
//! use banking_core::webhook::{HeaderMap, HeaderName, Verify, WebhookError};
//! use lynks_client::webhooks::WebhookVerifier;
//! use secrecy::SecretString;
//!
//! let verifier = WebhookVerifier::new(
//!     HeaderName::from_static("x-lynks-signature"),
//!     &SecretString::from("agreed-secret"),
//! );
//! let mut headers = HeaderMap::new();
//! headers.insert("x-lynks-signature", "Zm9yZ2Vk".parse().unwrap());
//! let forged = verifier.verify(&headers, br#"{"event":"PAYMENT_FAILED"}"#);
//! assert_eq!(forged.unwrap_err(), WebhookError::BadSignature);
//! ```

use banking_core::webhook::{self, ConfiguredVerifier, DecodeEvent, UnknownEvent, WebhookError};
use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// Checks the (inferred) HMAC-SHA256 on LYNKS deliveries, then decodes the
/// [`WebhookEvent`]: `WebhookVerifier::new(header, &secret)`.
pub type WebhookVerifier = ConfiguredVerifier<WebhookEvent>;

/// A typed event's content (shape inferred, see the [module docs](self)).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EventPayload {
    /// The event name as sent.
    pub event_type: String,
    /// The event's id (`id` or `eventId`), when sent: deduplicate on it.
    pub event_id: Option<String>,
    /// The event's subject (`data` or `payload`), as sent.
    pub data: Option<Box<RawValue>>,
    /// The raw body, byte for byte.
    pub body: Bytes,
}

impl PartialEq for EventPayload {
    fn eq(&self, other: &Self) -> bool {
        // The body holds everything else.
        self.event_type == other.event_type && self.body == other.body
    }
}

impl EventPayload {
    /// The subject decoded as `T`; [`WebhookError::Body`] when absent or
    /// of another shape.
    pub fn data<T: DeserializeOwned>(&self) -> Result<T, WebhookError> {
        let data = self
            .data
            .as_ref()
            .ok_or_else(|| WebhookError::Body("the event has no `data`".into()))?;
        webhook::decode(data.get().as_bytes())
    }

    /// The whole body as JSON.
    pub fn json(&self) -> Result<serde_json::Value, WebhookError> {
        webhook::decode(&self.body)
    }
}

macro_rules! lynks_events {
    ($($(#[$doc:meta])* $variant:ident = $wire:literal $(| $alt:literal)*,)*) => {
        /// A LYNKS webhook, by its trigger.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            $($(#[$doc])* $variant(EventPayload),)*
            /// A trigger this version does not know (or a body naming
            /// none), raw body kept.
            Unknown(UnknownEvent),
        }

        impl WebhookEvent {
            /// The event name as sent (`None` for an unknown event that
            /// names none).
            pub fn event_type(&self) -> Option<&str> {
                match self {
                    $(WebhookEvent::$variant(payload) => Some(&payload.event_type),)*
                    WebhookEvent::Unknown(unknown) => unknown.event_type.as_deref(),
                }
            }

            /// The typed event's content (`None` for an unknown event).
            pub fn payload(&self) -> Option<&EventPayload> {
                match self {
                    $(WebhookEvent::$variant(payload) => Some(payload),)*
                    WebhookEvent::Unknown(_) => None,
                }
            }

            fn typed(normalized: &str, payload: EventPayload) -> Result<Self, EventPayload> {
                Ok(match normalized {
                    $($wire $(| $alt)* => WebhookEvent::$variant(payload),)*
                    _ => return Err(payload),
                })
            }
        }
    };
}

// Names in the normalised form (lower case, letters and digits only) of
// the trigger as the docs word it; the wire names are inferred.
lynks_events! {
    /// Payment processed by bank.
    PaymentProcessedByBank = "paymentprocessedbybank",
    /// Payment approved by signatories.
    PaymentApprovedBySignatories = "paymentapprovedbysignatories",
    /// Payment failed.
    PaymentFailed = "paymentfailed",
    /// Payment rejected by bank.
    PaymentRejectedByBank = "paymentrejectedbybank",
    /// Payment cancelled (either spelling).
    PaymentCancelled = "paymentcancelled" | "paymentcanceled",
    /// Direct debit batch completed collection.
    DirectDebitBatchCompletedCollection = "directdebitbatchcompletedcollection",
    /// Direct debit batch failed.
    DirectDebitBatchFailed = "directdebitbatchfailed",
    /// Direct debit batch rejected.
    DirectDebitBatchRejected = "directdebitbatchrejected",
    /// Account statement received.
    AccountStatementReceived = "accountstatementreceived",
}

/// The envelope (inferred).
#[derive(Deserialize)]
struct Envelope {
    #[serde(
        rename = "event",
        alias = "eventType",
        alias = "event_type",
        alias = "type",
        default
    )]
    event_type: Option<String>,
    #[serde(rename = "id", alias = "eventId", default)]
    event_id: Option<serde_json::Value>,
    #[serde(rename = "data", alias = "payload", default)]
    data: Option<Box<RawValue>>,
}

impl WebhookEvent {
    /// Decodes a body **without** checking it: use
    /// [`Verify::verify`](banking_core::webhook::Verify::verify) on a
    /// [`WebhookVerifier`] for bodies from the network.
    pub fn parse(body: &[u8]) -> Result<Self, WebhookError> {
        let envelope: Envelope = webhook::decode(body)?;
        let Some(event_type) = envelope.event_type else {
            return Ok(WebhookEvent::Unknown(UnknownEvent::new(None, body)));
        };
        let normalized: String = event_type
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        // Ids may be numbers or strings: both are kept as text.
        let event_id = envelope.event_id.and_then(|id| match id {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        let payload = EventPayload {
            event_type,
            event_id,
            data: envelope.data,
            body: Bytes::copy_from_slice(body),
        };
        Ok(Self::typed(&normalized, payload).unwrap_or_else(|payload| {
            WebhookEvent::Unknown(UnknownEvent::new(Some(payload.event_type), body))
        }))
    }
}

impl DecodeEvent for WebhookEvent {
    fn decode_event(body: &[u8]) -> Result<Self, WebhookError> {
        WebhookEvent::parse(body)
    }
}
