//! Providers: the financial institutions a connection can reach.
//!
//! **Paths and fields inferred.** The docs define providers (seed, "The
//! resources") but no source found gives their endpoints or schema. This
//! module sends `GET /providers` and `GET /providers/{provider_id}`, with
//! the `page` and `limit` parameters of the other v2.1 lists, and types the
//! fields a connection shows of its provider (`id`, `name`, `logo_url`);
//! every other field is kept in [`Provider::other`]. Check against the
//! Linxo reference and use [`LinxoClient::raw`](crate::LinxoClient::raw) if they differ.

use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::ids::ProviderId;
use crate::paging::{self, PagedQuery};

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

impl PagedQuery for ProvidersQuery {
    fn validate(&self) -> banking_core::Result<()> {
        paging::check(self.page, self.limit, None)
    }

    fn paging(&self) -> (Option<u32>, Option<u32>) {
        (self.page, self.limit)
    }

    fn request(&self, page: Option<u32>, limit: Option<u32>) -> Request {
        Request::get("/providers")
            .query_opt("page", page)
            .query_opt("limit", limit)
    }
}

banking_core::resource_handle! {
    /// `client.providers()`: list and get.
    ///
    /// No `stream`: whether the server pages providers at all is unknown,
    /// and a server that ignored `page` would make a page walk loop.
    pub struct Providers for crate::client::LinxoClient, "Linxo";
}

impl Providers<'_> {
    /// `GET /providers` (path inferred).
    pub async fn list(&self, query: &ProvidersQuery) -> banking_core::Result<Vec<Provider>> {
        paging::list(&self.handle, query).await
    }

    /// `GET /providers/{provider_id}` (path inferred).
    pub async fn get(&self, provider_id: &ProviderId) -> banking_core::Result<Provider> {
        self.handle
            .send_json(Request::get("/providers/{provider_id}").param("provider_id", provider_id))
            .await
    }
}
