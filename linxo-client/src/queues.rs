//! Event queues: follow asynchronous jobs (adding a connection, syncs).
//!
//! Jobs write dated, named events linked to a resource into a per-user
//! queue. Subscribe to a queue before starting a sync, then poll it for new
//! events; events name their channel (`channel_definition_id`) and both
//! channels' events must be consumed (official queues how-to, research
//! notes 2(h)). The widget flows also hand out a queue id.
//!
//! **Paths and event schema inferred.** No source found gives them. This
//! module sends `POST /queues` (the id read from a `Location: /queues/{id}`
//! header, as `POST /users` answers, or from an `id` / `queue_id` body
//! field) and `GET /queues/{queue_id}/events` (a bare array of events, as
//! the v2.1 lists are). Event fields beyond the documented ones are kept in
//! [`QueueEvent::other`]. Check against the Linxo reference and use
//! [`LinxoClient::raw`](crate::LinxoClient::raw) if they differ.

use banking_core::transport::Request;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ChannelDefinitionId, QueueId};
use crate::location;

banking_core::wire_enum! {
    /// An event's name. The docs name `AUTH_FAILED` and one `TOKEN...` event
    /// whose name is cut off in the copy found; every other name is kept as
    /// [`EventName::Unknown`].
    EventName {
        /// Authentication failed during the channel's last synchronisation:
        /// send the user to the `edit_credentials` widget.
        AuthFailed = "AUTH_FAILED",
    }
}

/// One event of a queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QueueEvent {
    /// The event id (field name inferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The event's name (field name inferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<EventName>,
    /// When it happened (field name and epoch seconds inferred, as the
    /// other v2.1 dates).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<DateTime<Utc>>,
    /// The channel the event concerns (documented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_definition_id: Option<ChannelDefinitionId>,
    /// Every other field, as sent (the linked resource, statuses, ...).
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct QueueBody {
    #[serde(default)]
    id: Option<QueueId>,
    #[serde(default)]
    queue_id: Option<QueueId>,
}

banking_core::resource_handle! {
    /// `client.queues()`: subscribe and poll.
    pub struct Queues for crate::client::LinxoClient, "Linxo";
}

impl Queues<'_> {
    /// `POST /queues` (path inferred): subscribes to a new queue for the
    /// user; do it before starting the sync to follow.
    pub async fn subscribe(&self) -> banking_core::Result<QueueId> {
        let response = self.handle.send(Request::post("/queues")).await?;
        if let Some(id) = location::last_segment(&response) {
            return Ok(QueueId::from(id));
        }
        serde_json::from_slice::<QueueBody>(response.body())
            .ok()
            .and_then(|body| body.id.or(body.queue_id))
            .ok_or_else(|| location::missing(&response, "queue"))
    }

    /// `GET /queues/{queue_id}/events` (path inferred): the events written
    /// since the last poll.
    pub async fn poll(&self, queue_id: &QueueId) -> banking_core::Result<Vec<QueueEvent>> {
        self.handle
            .send_json(Request::get("/queues/{queue_id}/events").param("queue_id", queue_id))
            .await
    }
}
