//! Transaction categories.
//!
//! **Paths and fields inferred.** The docs define categories (seed, "The
//! resources": "Category for a Transaction") and transactions carry a
//! readable `category_id` (`"SERVICES"`, `"UNCATEGORIZED"`), but no source
//! found gives the endpoints or schema. This module sends `GET /categories`
//! and `GET /categories/{category_id}` and types `id`, `name` and
//! `parent_id`; every other field is kept in [`Category::other`]. Check
//! against the Linxo reference and use [`LinxoClient::raw`](crate::LinxoClient::raw) if they differ.

use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

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

banking_core::resource_handle! {
    /// `client.categories()`: list and get.
    pub struct Categories for crate::client::LinxoClient, "Linxo";
}

impl Categories<'_> {
    /// `GET /categories` (path inferred).
    pub async fn list(&self) -> banking_core::Result<Vec<Category>> {
        self.handle.send_json(Request::get("/categories")).await
    }

    /// `GET /categories/{category_id}` (path inferred).
    pub async fn get(&self, category_id: &CategoryId) -> banking_core::Result<Category> {
        self.handle
            .send_json(Request::get("/categories/{category_id}").param("category_id", category_id))
            .await
    }
}
