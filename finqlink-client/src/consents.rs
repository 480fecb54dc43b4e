//! AIS consents (FinqLink Data, v2 only): `/ais/consents/create`, `get`,
//! `revoke` and `redirect`.
//!
//! Documented: the statuses, the two scopes, `expires_in` (link expiry, at
//! most 45 days) → `expires_at`, `consent_validity_days` (at most 180) →
//! `authorized_until`, `webhook_url`, `options.ux_template`, and the
//! redirect endpoint. The redirect's `state` requirement, its wait flag and
//! `redirect_in_progress`, and the `deactivated` status, come from the
//! research notes (a published copy of the reference). Inferred names: the id
//! fields (`consent_id` in requests as in the data endpoints, `id`/`web_id`/
//! `web_url` in the consent as in links), `scope`, `ais_method`,
//! `redirect_url`, `inserted_at`, and the redirect's `query` and `wait`.
//! `expires_in` is taken to be in seconds (the unit is not documented).

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use url::Url;

use crate::client::{ApiVersion, Body, Endpoint};
use crate::ids::{ConsentId, ProviderId, WebId};
use crate::links::FlowType;
use crate::providers::{OwnerType, ProviderEnv};
use crate::validate;
use crate::webui::UxTemplate;

/// Longest authorization link lifetime: 45 days.
pub const MAX_EXPIRES_IN: Duration = Duration::from_secs(45 * 24 * 60 * 60);

/// Longest data access validity: 180 days.
pub const MAX_CONSENT_VALIDITY_DAYS: u16 = 180;

banking_core::wire_enum! {
    /// An AIS consent's status. Lifecycle: `created → started → requested →
    /// sca_url_retrieved → awaiting_authz → authorized → active`; terminal:
    /// `expired`, `revoked`, `failed`, `suspended` (and `deactivated`).
    ConsentStatus {
        /// Created, not yet opened.
        Created = "created",
        /// The user opened the consent link.
        Started = "started",
        /// Authorization requested from the bank.
        Requested = "requested",
        /// The bank's SCA URL was obtained.
        ScaUrlRetrieved = "sca_url_retrieved",
        /// Waiting for the user's authorization.
        AwaitingAuthz = "awaiting_authz",
        /// Authorized; being processed.
        Authorized = "authorized",
        /// Active: data can be read.
        Active = "active",
        /// The authorization link timed out (the user can no longer open it).
        Expired = "expired",
        /// Data access withdrawn, by `/ais/consents/revoke` or when
        /// `authorized_until` passed.
        Revoked = "revoked",
        /// Validity ended (seen in one copy of the docs only).
        Deactivated = "deactivated",
        /// Authorization failed.
        Failed = "failed",
        /// Temporarily suspended.
        Suspended = "suspended",
        /// Returned by `/ais/consents/redirect` while the callback is
        /// processed (without the wait flag).
        RedirectInProgress = "redirect_in_progress",
    }
}

impl ConsentStatus {
    /// The consent will never become usable again: `expired`, `revoked`,
    /// `deactivated`, `failed` or `suspended` (the data endpoints answer
    /// `consent_not_active` for these).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            ConsentStatus::Expired
                | ConsentStatus::Revoked
                | ConsentStatus::Deactivated
                | ConsentStatus::Failed
                | ConsentStatus::Suspended
        )
    }

    /// Data can be read and refresh jobs created (`active`).
    pub fn is_usable(&self) -> bool {
        matches!(self, ConsentStatus::Active)
    }

    /// Still on its way to `active` (not usable, not terminal, known).
    pub fn is_pending(&self) -> bool {
        !self.is_usable() && !self.is_terminal() && !matches!(self, ConsentStatus::Unknown(_))
    }
}

/// What a consent gives access to. Only the two documented combinations
/// can be requested; a response with any other is kept in `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ConsentScope {
    /// `["accounts", "balances", "transactions"]` (the default).
    #[default]
    Full,
    /// `["accounts", "balances"]`: faster refresh jobs, no transactions.
    AccountsAndBalances,
    /// A combination this version does not know, kept as sent.
    Unknown(Vec<String>),
}

const FULL: [&str; 3] = ["accounts", "balances", "transactions"];
const ACCOUNTS_AND_BALANCES: [&str; 2] = ["accounts", "balances"];

impl ConsentScope {
    /// The wire array.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            ConsentScope::Full => FULL.iter().map(|s| (*s).to_owned()).collect(),
            ConsentScope::AccountsAndBalances => ACCOUNTS_AND_BALANCES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            ConsentScope::Unknown(items) => items.clone(),
        }
    }

    /// Whether transactions are included.
    pub fn includes_transactions(&self) -> bool {
        match self {
            ConsentScope::Full => true,
            ConsentScope::AccountsAndBalances => false,
            ConsentScope::Unknown(items) => items.iter().any(|s| s == "transactions"),
        }
    }

    fn from_items(items: Vec<String>) -> Self {
        let mut sorted: Vec<&str> = items.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted == FULL {
            ConsentScope::Full
        } else if sorted == ACCOUNTS_AND_BALANCES {
            ConsentScope::AccountsAndBalances
        } else {
            tracing::debug!(?items, "unknown FinqLink consent scope kept");
            ConsentScope::Unknown(items)
        }
    }
}

impl Serialize for ConsentScope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_vec().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ConsentScope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items;

        impl<'de> Visitor<'de> for Items {
            type Value = ConsentScope;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of scope names")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(ConsentScope::from_items(items))
            }
        }

        deserializer.deserialize_seq(Items)
    }
}

/// The `ais_method` filter of a new consent (inferred name and fields,
/// mirroring the documented `ais_methods_filter`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AisMethodFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_id: Option<ProviderId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    account_owner_type: Vec<OwnerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface_env: Option<ProviderEnv>,
}

impl AisMethodFilter {
    /// No restriction: the user picks the bank.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this provider (bank).
    pub fn provider_id(mut self, provider: impl Into<ProviderId>) -> Self {
        self.provider_id = Some(provider.into());
        self
    }

    /// Only methods for this account owner type (repeatable).
    pub fn account_owner_type(mut self, owner: OwnerType) -> Self {
        self.account_owner_type.push(owner);
        self
    }

    /// Only methods in this environment.
    pub fn interface_env(mut self, env: ProviderEnv) -> Self {
        self.interface_env = Some(env);
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct ConsentOptions {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    flow: Option<FlowType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ux_template: Option<UxTemplate>,
}

impl ConsentOptions {
    fn is_empty(&self) -> bool {
        *self == ConsentOptions::default()
    }
}

fn as_seconds<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_u64(d.as_secs()),
        None => s.serialize_none(),
    }
}

/// Body of `/ais/consents/create`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ConsentCreateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<ConsentScope>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ais_method: Option<AisMethodFilter>,
    #[serde(serialize_with = "as_seconds", skip_serializing_if = "Option::is_none")]
    expires_in: Option<Duration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consent_validity_days: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webhook_url: Option<Url>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect_url: Option<Url>,
    #[serde(skip_serializing_if = "ConsentOptions::is_empty")]
    options: ConsentOptions,
}

impl ConsentCreateRequest {
    /// A consent link with the full scope and the server's default timings.
    pub fn new() -> Self {
        Self::default()
    }

    /// What the consent covers (default [`ConsentScope::Full`]).
    pub fn scope(mut self, scope: ConsentScope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Restricts the AIS methods offered.
    pub fn ais_method(mut self, filter: AisMethodFilter) -> Self {
        self.ais_method = Some(filter);
        self
    }

    /// How long the authorization link stays open (`expires_in`, whole
    /// seconds, at most 45 days: the docs' maximum).
    pub fn expires_in(mut self, expires_in: Duration) -> Self {
        self.expires_in = Some(expires_in);
        self
    }

    /// How long data access lasts once authorized
    /// (`consent_validity_days`, at most 180: the docs' maximum).
    pub fn consent_validity_days(mut self, days: u16) -> Self {
        self.consent_validity_days = Some(days);
        self
    }

    /// Where `consent_status_update` webhooks go.
    pub fn webhook_url(mut self, url: Url) -> Self {
        self.webhook_url = Some(url);
        self
    }

    /// Where the user returns after the bank (`redirect_url`, inferred).
    pub fn redirect_url(mut self, url: Url) -> Self {
        self.redirect_url = Some(url);
        self
    }

    /// The flow type (`options.type`; `direct_sca` needs
    /// [`Consents::redirect`]).
    pub fn flow_type(mut self, flow: FlowType) -> Self {
        self.options.flow = Some(flow);
        self
    }

    /// The WebUI template (`options.ux_template`).
    pub fn ux_template(mut self, template: UxTemplate) -> Self {
        self.options.ux_template = Some(template);
        self
    }
}

impl Body for ConsentCreateRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        if let Some(ConsentScope::Unknown(items)) = &self.scope {
            return Err(banking_core::Error::validation(
                "scope",
                format!(
                    "{items:?} is not supported: use [accounts, balances, transactions] \
                     or [accounts, balances]"
                ),
            ));
        }
        // The docs give maxima only ("Max 45 days", "Max 180 days"); the
        // server decides what a zero means.
        if let Some(expires_in) = self.expires_in
            && expires_in > MAX_EXPIRES_IN
        {
            return Err(banking_core::Error::validation(
                "expires_in",
                "must be at most 45 days",
            ));
        }
        if let Some(days) = self.consent_validity_days
            && days > MAX_CONSENT_VALIDITY_DAYS
        {
            return Err(banking_core::Error::validation(
                "consent_validity_days",
                format!("must be at most {MAX_CONSENT_VALIDITY_DAYS}, got {days}"),
            ));
        }
        if let Some(url) = &self.webhook_url {
            validate::web_url("webhook_url", url)?;
        }
        Ok(())
    }
}

/// An AIS consent as the consent endpoints return it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Consent {
    /// The consent id (`id`, inferred name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ConsentId>,
    /// Public id used in WebUI URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_id: Option<WebId>,
    /// Current status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ConsentStatus>,
    /// What it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ConsentScope>,
    /// Where to send the user to authorize (`web_url`, inferred name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<Url>,
    /// When the authorization link stops working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// When data access ends (the consent is then revoked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_until: Option<DateTime<Utc>>,
    /// Validity in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_validity_days: Option<u16>,
    /// Creation time (`inserted_at`, inferred name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inserted_at: Option<DateTime<Utc>>,
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The API client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Consent {
    /// Data can be read now.
    pub fn is_usable(&self) -> bool {
        self.status.as_ref().is_some_and(ConsentStatus::is_usable)
    }

    /// The consent is finished for good.
    pub fn is_terminal(&self) -> bool {
        self.status.as_ref().is_some_and(ConsentStatus::is_terminal)
    }
}

/// Body of `/ais/consents/get` and `/ais/consents/revoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ConsentRequest {
    consent_id: ConsentId,
}

impl ConsentRequest {
    /// The consent with this id.
    pub fn new(consent_id: ConsentId) -> Self {
        ConsentRequest { consent_id }
    }
}

impl Body for ConsentRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        Ok(())
    }
}

/// Body of `/ais/consents/redirect`: hands FinqLink the bank's callback
/// query string (the `direct_sca` flow).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ConsentRedirectRequest {
    query: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    wait: Option<bool>,
}

impl ConsentRedirectRequest {
    /// The callback's query string (a leading `?` is dropped); it must
    /// contain a `state` parameter.
    pub fn new(query: impl Into<String>) -> Self {
        let query: String = query.into();
        let query = query.strip_prefix('?').map(str::to_owned).unwrap_or(query);
        ConsentRedirectRequest { query, wait: None }
    }

    /// The query string of the URL the bank redirected to.
    pub fn from_callback_url(url: &Url) -> Self {
        Self::new(url.query().unwrap_or_default())
    }

    /// Wait until the consent is `active`, `failed` or `authorized` instead
    /// of answering `redirect_in_progress` (default false).
    pub fn wait(mut self, wait: bool) -> Self {
        self.wait = Some(wait);
        self
    }
}

impl Body for ConsentRedirectRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        let has_state = url::form_urlencoded::parse(self.query.as_bytes())
            .any(|(k, v)| k == "state" && !v.is_empty());
        if !has_state {
            return Err(banking_core::Error::validation(
                "query",
                "the callback query string must contain a non-empty state parameter",
            ));
        }
        Ok(())
    }
}

const CREATE: Endpoint = Endpoint::ais("ais/consents/create");
const GET: Endpoint = Endpoint::ais("ais/consents/get").read_only();
const REVOKE: Endpoint = Endpoint::ais("ais/consents/revoke");
const REDIRECT: Endpoint = Endpoint::ais("ais/consents/redirect");

banking_core::resource_handle! {
    /// `/ais/consents/*` calls (v2). Get it with
    /// [`FinqLinkClient::consents`](crate::FinqLinkClient::consents).
    pub struct Consents for crate::client::FinqLinkClient, "FinqLink";
}

impl Consents<'_> {
    /// `POST /ais/consents/create`: a consent link for the user to
    /// authorize. Never resent automatically.
    pub async fn create(&self, req: &ConsentCreateRequest) -> banking_core::Result<Consent> {
        self.handle
            .client()
            .call(CREATE, req, self.handle.options())
            .await
    }

    /// `POST /ais/consents/get`: the consent and its status.
    pub async fn get(&self, req: &ConsentRequest) -> banking_core::Result<Consent> {
        self.handle
            .client()
            .call(GET, req, self.handle.options())
            .await
    }

    /// `POST /ais/consents/revoke`: withdraws data access. Never resent
    /// automatically.
    pub async fn revoke(&self, req: &ConsentRequest) -> banking_core::Result<Consent> {
        self.handle
            .client()
            .call(REVOKE, req, self.handle.options())
            .await
    }

    /// `POST /ais/consents/redirect`: passes the bank's SCA callback on.
    /// Not resent automatically (it completes an authorization).
    pub async fn redirect(&self, req: &ConsentRedirectRequest) -> banking_core::Result<Consent> {
        self.handle
            .client()
            .call(REDIRECT, req, self.handle.options())
            .await
    }
}
