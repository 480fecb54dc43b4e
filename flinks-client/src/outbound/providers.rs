//! Data Providers: `GET /api/v1/providers`.
//!
//! The seed documents the endpoint twice: "Get Supported Data Providers"
//! (`provider_id`, `name`, `country`, `scopes`) and "List Active Data
//! Providers", whose example names the id `id`. Both spellings decode into
//! [`Provider::provider_id`].

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::client::OutboundClient;
use super::consent::Scope;

/// A Data Provider id (`provider_id`, e.g. `1000` for Flinks Capital).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProviderId(pub u64);

impl std::fmt::Display for ProviderId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A Data Provider (a financial institution in the Outbound ecosystem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provider {
    /// Provider id (`provider_id`; `id` in the "List Active Data Providers"
    /// example).
    #[serde(alias = "id")]
    pub provider_id: ProviderId,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country code (`CA`, `US`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Data scopes the provider supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<Scope>,
}

banking_core::resource_handle! {
    /// Data Providers, read with the client-credentials token.
    pub struct ProvidersApi for OutboundClient, "Flinks";
}

impl ProvidersApi<'_> {
    /// `GET /api/v1/providers`: the Data Providers available to these
    /// credentials.
    pub async fn list(&self) -> Result<Vec<Provider>> {
        self.handle
            .send_json(Request::get("api/v1/providers"))
            .await
    }
}
