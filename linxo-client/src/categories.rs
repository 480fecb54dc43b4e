//! Transaction categories.
//!
//! **Paths and fields inferred.** The docs define categories (seed, "The
//! resources": "Category for a Transaction") and transactions carry a
//! readable `category_id` (`"SERVICES"`, `"UNCATEGORIZED"`), but no source
//! found gives the endpoints or schema. This module sends `GET /categories`
//! and `GET /categories/{category_id}` and types `id`, `name` and
//! `parent_id`; every other field is kept in [`Category::other`]. Check
//! against the Linxo reference and use [`LinxoClient::raw`] if they differ.

use banking_core::transport::{CallOptions, Request};
use serde::{Deserialize, Serialize};

use crate::client::LinxoClient;
use crate::ids::CategoryId;

/// A transaction category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Category {
    /// The category id, as in [`Transaction::category_id`](crate::Transaction::category_id).
    pub id: CategoryId,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The parent category, for a category tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<CategoryId>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// `client.categories()`: list and get.
#[derive(Debug, Clone)]
pub struct Categories<'a> {
    client: &'a LinxoClient,
    options: CallOptions,
}

impl<'a> Categories<'a> {
    pub(crate) fn new(client: &'a LinxoClient) -> Self {
        Categories {
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

    /// `GET /categories` (path inferred).
    pub async fn list(&self) -> banking_core::Result<Vec<Category>> {
        let request = Request::get("/categories").options(self.options.clone());
        self.client.send_json(request).await
    }

    /// `GET /categories/{category_id}` (path inferred).
    pub async fn get(&self, category_id: &CategoryId) -> banking_core::Result<Category> {
        let request = Request::get("/categories/{category_id}")
            .param("category_id", category_id)
            .options(self.options.clone());
        self.client.send_json(request).await
    }
}
