//! Connections: a user's link to one provider, with its channels.
//!
//! Connections are created by the widget (or, with a PSD2 agreement, by the
//! full API, not covered: its paths are not published). Paths, operation ids
//! and fields: research notes 2(d) and 2(e) (third-party code and samples).
//! API v2.1 answers lists as bare JSON arrays.

use banking_core::transport::Request;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::channels::Channel;
use crate::handle::handle;
use crate::ids::{ConnectionId, ProviderId, UserId};

banking_core::wire_enum! {
    /// The state of a connection (research notes 2(g), third-party code).
    ConnectionStatus {
        /// A synchronisation is running; poll until it is not.
        Running = "RUNNING",
        /// The last synchronisation succeeded.
        Success = "SUCCESS",
        /// Some accounts or channels failed.
        PartialSuccess = "PARTIAL_SUCCESS",
        /// The last synchronisation failed.
        Failed = "FAILED",
        /// The connection is closed.
        Closed = "CLOSED",
        /// `NONE`: no synchronisation state yet (meaning inferred).
        Unset = "NONE",
    }
}

impl ConnectionStatus {
    /// Whether a synchronisation is still under way.
    pub fn is_running(&self) -> bool {
        matches!(self, ConnectionStatus::Running)
    }
}

/// The holder of a connection or account, as the provider names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Owner {
    /// The holder's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A connection to a provider.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Connection {
    /// The connection id.
    pub id: ConnectionId,
    /// The provider it connects to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<ProviderId>,
    /// The provider's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state of the last synchronisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ConnectionStatus>,
    /// When the connection was created (epoch seconds on the wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<DateTime<Utc>>,
    /// Whether Linxo synchronises it daily (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_sync: Option<bool>,
    /// The provider's logo. API v3 renames it `provider_logo_url`, accepted
    /// here too (research notes 2(e), third-party code).
    #[serde(
        default,
        alias = "provider_logo_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub logo_url: Option<String>,
    /// The REDIRECT and EMBEDDED channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<Channel>>,
    /// The holder as the provider names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// Whether the user consents per account (PSD2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_per_account: Option<bool>,
    /// The user owning the connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// Constraints on the connection; the shape is not published, so it is
    /// kept as raw JSON (research notes 2(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Box<RawValue>>,
}

handle! {
    /// `client.connections()`: list and get.
    Connections
}

impl Connections<'_> {
    /// `GET /connections` (`getConnectionsUsingGET`): the user's
    /// connections, including those the widget just created.
    pub async fn list(&self) -> banking_core::Result<Vec<Connection>> {
        self.handle.json(Request::get("/connections")).await
    }

    /// `GET /connections/{connection_id}` (`getConnectionByIdUsingGET`).
    pub async fn get(&self, connection_id: &ConnectionId) -> banking_core::Result<Connection> {
        let request =
            Request::get("/connections/{connection_id}").param("connection_id", connection_id);
        self.handle.json(request).await
    }
}
