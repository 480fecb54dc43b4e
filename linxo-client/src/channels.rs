//! Channels: how Linxo reaches a provider for one connection.
//!
//! A connection has up to two non-exclusive channels (seed, "The
//! resources"): `REDIRECT`, the provider's PSD2 API with authentication on
//! the provider's site, and `EMBEDDED`, a form collecting the user's bank
//! credentials (scraping). Events, webhooks and account lists come per
//! channel, named by its [`ChannelDefinitionId`]; consume both. Channels have
//! no endpoint of their own: they arrive inside a
//! [`Connection`](crate::Connection).
//!
//! Field list: research notes 2(e) (third-party samples and code).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::accounts::AccountType;
use crate::ids::ChannelDefinitionId;

banking_core::wire_enum! {
    /// How a channel reaches the provider (seed).
    ChannelMode {
        /// The user authenticates on the provider's website (PSD2 API).
        Redirect = "REDIRECT",
        /// Linxo collects the user's credentials in a form (scraping).
        Embedded = "EMBEDDED",
    }
}

banking_core::wire_enum! {
    /// The state of a channel. Only `SUCCESS` and `EMPTY` were seen in
    /// samples; the full list is not published (research notes 2(g)).
    ChannelStatus {
        /// The last synchronisation over this channel succeeded.
        Success = "SUCCESS",
        /// The channel is not set up (no credentials or consent yet).
        Empty = "EMPTY",
    }
}

/// One channel of a connection.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Channel {
    /// Which channel of the provider this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_definition_id: Option<ChannelDefinitionId>,
    /// REDIRECT or EMBEDDED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ChannelMode>,
    /// When the channel's consent expires (REDIRECT; epoch seconds on the
    /// wire).
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires: Option<DateTime<Utc>>,
    /// The channel's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ChannelStatus>,
    /// The last successful synchronisation.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_success_date: Option<DateTime<Utc>>,
    /// The end of the last synchronisation, successful or not.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_end_date: Option<DateTime<Utc>>,
    /// Stored credential entries. Their shape is not published, so each is
    /// kept as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Vec<Box<RawValue>>>,
    /// The account types this channel can retrieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_types: Option<Vec<AccountType>>,
    /// Whether the channel found accounts it may retrieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible_accounts: Option<bool>,
    /// Whether the provider's channel is currently unavailable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_definition_unavailable: Option<bool>,
}
