//! `POST attributes/upload/Categorization`: categories for transactions you
//! upload.
//!
//! The docs' legacy navigation lists `/Upload/Categorization` (POST)
//! without its full path, body or answer (research notes `[DOC-old]`): the
//! path under `attributes/upload/` (where the docs put the other Upload
//! variants), the request (the Upload body) and the answer's members
//! (the uploaded transaction's members plus `Category` and `SubCategory`)
//! are inferred.

use banking_core::Result;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Upload, UploadRequest};

const PATH: &str = "attributes/upload/Categorization";

/// A transaction with its category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CategorizedTransaction {
    /// Your account id, if you sent one.
    #[serde(default)]
    pub account_id: Option<String>,
    /// Your transaction id, if you sent one.
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// The date, as sent (`2021/01/22`).
    #[serde(default)]
    pub transaction_date: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Debit, exact.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub debit: Option<Decimal>,
    /// Credit, exact.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub credit: Option<Decimal>,
    /// Category.
    #[serde(default)]
    pub category: Option<String>,
    /// Sub-category.
    #[serde(default)]
    pub sub_category: Option<String>,
}

/// The answer of `Upload/Categorization`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct UploadCategorization {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// Your identifier, passed through.
    #[serde(default)]
    pub user_identifier: Option<String>,
    /// The request id Flinks gave the upload.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The categorized transactions.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub transactions: Vec<CategorizedTransaction>,
}

impl Upload<'_> {
    /// `POST attributes/upload/Categorization` (the card is not needed).
    pub async fn categorization(&self, request: &UploadRequest) -> Result<UploadCategorization> {
        self.send(PATH, request).await
    }
}
