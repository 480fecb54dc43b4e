//! The dictionaries of attributes and categories: `/Library` (Consumer),
//! `/Library` (Business) and `/Categories`.
//!
//! The docs' navigation lists the three (GET) without paths or answers
//! (research notes `[DOC]`, `[DOC-old]`): the paths
//! `insight/attributes/Library/Consumer`,
//! `insight/attributes/Library/Business` and `insight/attributes/Categories`
//! and the entry members (`Name`, `Description`) are inferred; any other
//! member is kept as JSON.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Enrich;

/// Which dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Library {
    /// The consumer attributes.
    Consumer,
    /// The business attributes.
    Business,
    /// The transaction categories.
    Categories,
}

impl Library {
    fn path(self) -> &'static str {
        match self {
            Self::Consumer => "insight/attributes/Library/Consumer",
            Self::Business => "insight/attributes/Library/Business",
            Self::Categories => "insight/attributes/Categories",
        }
    }
}

/// One attribute or category of a dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct LibraryEntry {
    /// The attribute or category name.
    #[serde(default)]
    pub name: Option<String>,
    /// What it means.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Enrich<'_> {
    /// `GET` one dictionary.
    pub async fn library(&self, library: Library) -> Result<Vec<LibraryEntry>> {
        let http =
            Request::get(library.path()).auth(self.handle.client().api_key_auth(library.path())?);
        self.handle.send_json(http).await
    }
}
