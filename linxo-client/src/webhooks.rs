//! Webhook events Linxo posts to your HTTPS endpoint.
//!
//! Linxo Support sets webhooks up on request. They are delivered by `POST`
//! with a JSON body whose fields are documented (official webhooks page,
//! research notes 2(h)); no sample body was found, so the fixture is built
//! from that field list.
//!
//! # Authenticity
//!
//! Linxo documents **no signature** on webhook bodies: the only protection
//! offered is HTTPS, optionally with mutual TLS (configure it on your
//! server). [`parse`] therefore only decodes. Treat an event as a hint: act
//! on the state you read back through the API (for example
//! [`Connections::get`](crate::Connections::get) with
//! [`WebhookEvent::connection_id`]), never on the body alone.
//!
//! ```
//! let body = br#"{"id":"evt-1","event_type":"UPDATED","resource_type":"CONNECTIONS",
//!     "creation_date":1700000000,"new_transactions":true,
//!     "resource":{"id":"4422323","status":"SUCCESS"}}"#;
//! let event = linxo_client::webhooks::parse(body)?;
//! assert_eq!(event.event_type, Some(linxo_client::WebhookEventType::Updated));
//! assert_eq!(event.connection_id().unwrap().as_str(), "4422323");
//! # Ok::<(), banking_core::Error>(())
//! ```

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

/// A webhook event.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookEvent {
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

impl WebhookEvent {
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

/// Decodes a webhook body. Nothing is verified: Linxo does not sign
/// webhooks (see the [module docs](self)).
pub fn parse(body: &[u8]) -> banking_core::Result<WebhookEvent> {
    banking_core::json::from_slice(body)
}
