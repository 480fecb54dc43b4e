//! Providers: the financial institutions a connection can reach.
//!
//! **Paths and fields inferred.** The docs define providers (seed, "The
//! resources") but no source found gives their endpoints or schema. This
//! module sends `GET /providers` and `GET /providers/{provider_id}`, with
//! the `page` and `limit` parameters of the other v2.1 lists, and types the
//! fields a connection shows of its provider (`id`, `name`, `logo_url`);
//! every other field is kept in [`Provider::other`]. Check against the
//! Linxo reference and use [`LinxoClient::raw`] if they differ.

use banking_core::transport::{CallOptions, Request};
use serde::{Deserialize, Serialize};

use crate::client::LinxoClient;
use crate::ids::ProviderId;
use crate::paging;

/// A provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provider {
    /// The provider id (as in [`Connection::provider_id`](crate::Connection::provider_id)).
    pub id: ProviderId,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// Every other field, as sent (channel definitions, countries, ...).
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// Paging of `GET /providers`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct ProvidersQuery {
    page: Option<u32>,
    limit: Option<u32>,
}

impl ProvidersQuery {
    /// The server's first page, its default size.
    pub fn new() -> Self {
        ProvidersQuery::default()
    }

    /// The page to read, from 1 (`page`).
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Providers per page (`limit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// `client.providers()`: list and get.
///
/// No `stream`: whether the server pages providers at all is unknown, and a
/// server that ignored `page` would make a page walk loop.
#[derive(Debug, Clone)]
pub struct Providers<'a> {
    client: &'a LinxoClient,
    options: CallOptions,
}

impl<'a> Providers<'a> {
    pub(crate) fn new(client: &'a LinxoClient) -> Self {
        Providers {
            client,
            options: CallOptions::default(),
        }
    }

    /// Per-call options (timeout, retry policy) for the calls made through
    /// this handle. An idempotency key makes the call fail validation:
    /// Linxo documents none, and a keyed write would be resent after a
    /// failure the server does not deduplicate.
    pub fn with_options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    /// `GET /providers` (path inferred).
    pub async fn list(&self, query: &ProvidersQuery) -> banking_core::Result<Vec<Provider>> {
        paging::check(query.page, query.limit, None)?;
        let request = Request::get("/providers")
            .query_opt("page", query.page)
            .query_opt("limit", query.limit)
            .options(self.options.clone());
        self.client.send_json(request).await
    }

    /// `GET /providers/{provider_id}` (path inferred).
    pub async fn get(&self, provider_id: &ProviderId) -> banking_core::Result<Provider> {
        let request = Request::get("/providers/{provider_id}")
            .param("provider_id", provider_id)
            .options(self.options.clone());
        self.client.send_json(request).await
    }
}
