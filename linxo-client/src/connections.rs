//! Connections: a user's link to one provider, with its channels.
//!
//! Connections are created by the widget or, for clients with a PSD2
//! agreement, through the API ("manual connection creation", research
//! notes 2(d) \[S\] concept; seed: without the agreement "you are required to
//! perform all aggregation via Linxo Connect widgets"). Paths, operation ids
//! and fields of the reads: research notes 2(d) and 2(e) (third-party code
//! and samples). API v2.1 answers lists as bare JSON arrays.
//!
//! **Manual creation is inferred.** No source gives its path or body:
//! [`Connections::create`] sends `POST /connections` with the provider, the
//! channel and its credentials named as the Connection and Channel
//! resources name them (`provider_id`, `channel_definition_id`,
//! `credentials`), and reads the new id from a `Location:
//! /connections/{id}` header (as `POST /users` answers) or an `id` body
//! field. Check against the Linxo reference and use
//! [`LinxoClient::raw`](crate::LinxoClient::raw) if they differ.

use std::fmt;

use banking_core::transport::Request;
use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::channels::Channel;
use crate::ids::{ChannelDefinitionId, ConnectionId, ProviderId, UserId};
use crate::location;

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

/// One credential of an EMBEDDED channel: a field of the provider's login
/// form (its name as the provider's channel definition gives it) and its
/// value, a [`SecretString`] that never appears in `Debug` output.
#[derive(Clone)]
pub struct Credential {
    name: String,
    value: SecretString,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("name", &self.name)
            .field("value", &"[REDACTED]")
            .finish()
    }
}

impl Credential {
    /// The form field `name` holding `value`.
    pub fn new(name: impl Into<String>, value: SecretString) -> Self {
        Credential {
            name: name.into(),
            value,
        }
    }
}

/// A connection to create through the API (clients with a PSD2 agreement).
/// Not `Serialize`, so the credentials are only ever written into the
/// request body. Field names inferred (see the module docs).
#[derive(Debug, Clone)]
pub struct NewConnection {
    provider_id: ProviderId,
    channel_definition_id: Option<ChannelDefinitionId>,
    credentials: Vec<Credential>,
    auto_sync: Option<bool>,
}

#[derive(Serialize)]
struct NewConnectionBody<'a> {
    provider_id: &'a ProviderId,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel_definition_id: Option<&'a ChannelDefinitionId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    credentials: Vec<CredentialBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_sync: Option<bool>,
}

#[derive(Serialize)]
struct CredentialBody<'a> {
    name: &'a str,
    value: &'a str,
}

impl NewConnection {
    /// A connection to `provider`.
    pub fn new(provider: ProviderId) -> Self {
        NewConnection {
            provider_id: provider,
            channel_definition_id: None,
            credentials: Vec::new(),
            auto_sync: None,
        }
    }

    /// The provider's channel to use (REDIRECT or EMBEDDED); default: the
    /// provider's own choice.
    pub fn channel(mut self, channel: ChannelDefinitionId) -> Self {
        self.channel_definition_id = Some(channel);
        self
    }

    /// Adds a credential (EMBEDDED channels; REDIRECT channels need none).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials.push(credential);
        self
    }

    /// Whether Linxo synchronises it daily (Linxo's default: yes).
    pub fn auto_sync(mut self, auto_sync: bool) -> Self {
        self.auto_sync = Some(auto_sync);
        self
    }
}

#[derive(Deserialize)]
struct CreatedBody {
    #[serde(default)]
    id: Option<ConnectionId>,
}

banking_core::resource_handle! {
    /// `client.connections()`: create (manual creation), list and get.
    pub struct Connections for crate::client::LinxoClient, "Linxo";
}

impl Connections<'_> {
    /// `POST /connections` (path and body inferred; see the module docs):
    /// creates a connection without the widget, for clients with a PSD2
    /// agreement, and returns its id. Linxo then synchronises it; follow it
    /// with [`queues`](crate::LinxoClient::queues) or by polling
    /// [`get`](Self::get). Not resent after it may have reached the server:
    /// a lost answer is [`banking_core::Error::OutcomeUnknown`].
    pub async fn create(&self, connection: &NewConnection) -> banking_core::Result<ConnectionId> {
        let body = NewConnectionBody {
            provider_id: &connection.provider_id,
            channel_definition_id: connection.channel_definition_id.as_ref(),
            credentials: connection
                .credentials
                .iter()
                .map(|c| CredentialBody {
                    name: &c.name,
                    value: c.value.expose_secret(),
                })
                .collect(),
            auto_sync: connection.auto_sync,
        };
        let response = self
            .handle
            .send(Request::post("/connections").json(&body)?)
            .await?;
        if let Some(id) = location::last_segment(&response) {
            return Ok(ConnectionId::from(id));
        }
        serde_json::from_slice::<CreatedBody>(response.body())
            .ok()
            .and_then(|body| body.id)
            .ok_or_else(|| location::missing(&response, "connection"))
    }

    /// `GET /connections` (`getConnectionsUsingGET`): the user's
    /// connections, including those the widget just created.
    pub async fn list(&self) -> banking_core::Result<Vec<Connection>> {
        self.handle.send_json(Request::get("/connections")).await
    }

    /// `GET /connections/{connection_id}` (`getConnectionByIdUsingGET`).
    pub async fn get(&self, connection_id: &ConnectionId) -> banking_core::Result<Connection> {
        let request =
            Request::get("/connections/{connection_id}").param("connection_id", connection_id);
        self.handle.send_json(request).await
    }
}
