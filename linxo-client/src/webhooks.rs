//! Webhook events Linxo posts to your HTTPS endpoint.
//!
//! Linxo Support sets webhooks up on request. They are delivered by `POST`
//! with a JSON body whose fields are documented (official webhooks page,
//! research notes 2(h)); no sample body was found, so the fixture is built
//! from that field list.
//!
//! # Authenticity
//!
//! Linxo documents **no signature** on webhook bodies: the protection the
//! docs describe is HTTPS, optionally with mutual TLS (configure it on
//! your server). [`WebhookVerifier`] (the SDK's common
//! [`Verify`](banking_core::webhook::Verify) shape) therefore checks what
//! your setup with Linxo Support provides, then decodes:
//!
//! - [`WebhookVerifier::unsigned`] with
//!   [`UnsignedPolicy::accept_unsigned`](banking_core::webhook::UnsignedPolicy::accept_unsigned)
//!   (transport only, as documented) or
//!   [`UnsignedPolicy::require_header`](banking_core::webhook::UnsignedPolicy::require_header)
//!   (a fixed secret on every delivery, compared in constant time);
//! - [`WebhookVerifier::new`]: an HMAC-SHA256 of the body in a header,
//!   should Linxo agree to sign with a shared secret. Not documented: the
//!   scheme is the SDK's configurable one, inferred.
//!
//! Either way, treat an event as a hint: act on the state you read back
//! through the API (for example
//! [`Connections::get`](crate::Connections::get) with
//! [`ConnectionEvent::connection_id`]), never on the body alone. The
//! creation date is not signed, so there is no replay window to check:
//! deduplicate on the event `id`.
//!
//! ```
//! use banking_core::webhook::{HeaderMap, Verify};
//! use banking_core::webhook::UnsignedPolicy;
//! use linxo_client::webhooks::{WebhookEvent, WebhookVerifier};
//!
//! let verifier = WebhookVerifier::unsigned(UnsignedPolicy::accept_unsigned());
//! let body = br#"{"id":"evt-1","event_type":"UPDATED","resource_type":"CONNECTIONS",
//!     "creation_date":1700000000,"new_transactions":true,
//!     "resource":{"id":"4422323","status":"SUCCESS"}}"#;
//! let WebhookEvent::Connection(event) = verifier.verify(&HeaderMap::new(), body)? else {
//!     panic!("a connection event")
//! };
//! assert_eq!(event.event_type, Some(linxo_client::WebhookEventType::Updated));
//! assert_eq!(event.connection_id().unwrap().as_str(), "4422323");
//! # Ok::<(), banking_core::webhook::WebhookError>(())
//! ```

use banking_core::webhook::{self, ConfiguredVerifier, DecodeEvent, UnknownEvent, WebhookError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::connections::Connection;
use crate::ids::{ChannelDefinitionId, ConnectionId};

banking_core::wire_enum! {
    /// What happened to the resource. Only `UPDATED` is sent today (the docs
    /// also spell it `UDPATED` once, a typo kept as
    /// [`WebhookEventType::Unknown`]).
    WebhookEventType {
        /// The resource changed (a sync ended).
        Updated = "UPDATED",
        /// The resource was created (documented, not sent yet).
        Created = "CREATED",
        /// The resource was deleted (documented, not sent yet).
        Deleted = "DELETED",
    }
}

banking_core::wire_enum! {
    /// The kind of resource an event is about.
    WebhookResourceType {
        /// A connection: the only value today.
        Connections = "CONNECTIONS",
    }
}

/// Checks Linxo deliveries as configured (see the [module docs](self)),
/// then decodes the [`WebhookEvent`].
pub type WebhookVerifier = ConfiguredVerifier<WebhookEvent>;

/// A Linxo webhook, by its resource type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `"resource_type": "CONNECTIONS"`, any `event_type` (only `UPDATED`
    /// is sent today).
    Connection(ConnectionEvent),
    /// Another resource type, or a body naming none: raw body kept.
    Unknown(UnknownEvent),
}

impl WebhookEvent {
    /// The event's `event_type` as sent (`None` when it names none).
    pub fn event_type(&self) -> Option<&str> {
        match self {
            WebhookEvent::Connection(event) => event.event_type.as_ref().map(|t| t.as_str()),
            WebhookEvent::Unknown(unknown) => unknown.event_type.as_deref(),
        }
    }

    /// Decodes a body **without** any check: use
    /// [`Verify::verify`](banking_core::webhook::Verify::verify) on a
    /// [`WebhookVerifier`] for bodies from the network. A body of the
    /// wrong shape is [`WebhookError::Body`], naming the JSON path.
    pub fn parse(body: &[u8]) -> Result<Self, WebhookError> {
        #[derive(Deserialize)]
        struct Kind {
            #[serde(default)]
            event_type: Option<String>,
            #[serde(default)]
            resource_type: Option<WebhookResourceType>,
        }
        let kind: Kind = webhook::decode(body)?;
        Ok(match kind.resource_type {
            Some(WebhookResourceType::Connections) => {
                WebhookEvent::Connection(webhook::decode(body)?)
            }
            _ => WebhookEvent::Unknown(UnknownEvent::new(kind.event_type, body)),
        })
    }
}

impl DecodeEvent for WebhookEvent {
    fn decode_event(body: &[u8]) -> Result<Self, WebhookError> {
        WebhookEvent::parse(body)
    }
}

/// A webhook event about a connection (fields from the webhooks page).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectionEvent {
    /// The event's unique id: deduplicate deliveries on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<WebhookEventType>,
    /// The kind of resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<WebhookResourceType>,
    /// When the event was created (epoch seconds on the wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<DateTime<Utc>>,
    /// The channel concerned (added in v2.1 for REDIRECT channels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_definition_id: Option<ChannelDefinitionId>,
    /// "A representation of the resource", kept as raw JSON; for
    /// `CONNECTIONS` read it with [`connection`](Self::connection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Box<RawValue>>,
    /// Whether the sync brought new transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_transactions: Option<bool>,
}

impl ConnectionEvent {
    /// The resource decoded as a [`Connection`], for `CONNECTIONS` events
    /// that carry one. That the resource is a full connection is inferred;
    /// a resource that does not decode is an error.
    pub fn connection(&self) -> banking_core::Result<Option<Connection>> {
        if self.resource_type != Some(WebhookResourceType::Connections) {
            return Ok(None);
        }
        self.resource
            .as_ref()
            .map(|raw| banking_core::json::from_slice(raw.get().as_bytes()))
            .transpose()
    }

    /// The id of the connection concerned: the resource's `id` on a
    /// `CONNECTIONS` event.
    pub fn connection_id(&self) -> Option<ConnectionId> {
        #[derive(Deserialize)]
        struct Id {
            id: ConnectionId,
        }
        if self.resource_type != Some(WebhookResourceType::Connections) {
            return None;
        }
        let raw = self.resource.as_ref()?;
        serde_json::from_str::<Id>(raw.get()).ok().map(|r| r.id)
    }
}
