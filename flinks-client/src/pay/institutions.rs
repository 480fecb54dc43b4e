//! EFT institutions: `GET /api/v1/institutions`.
//!
//! The docs list the endpoint ("List supported institutions") without a
//! response body, so each institution is kept as the JSON object sent.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::client::PayClient;

/// A supported institution, as the open JSON object Flinks sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PayInstitution(pub serde_json::Map<String, serde_json::Value>);

impl PayInstitution {
    /// A field of the institution.
    pub fn get(&self, field: &str) -> Option<&serde_json::Value> {
        self.0.get(field)
    }

    /// A text field of the institution.
    pub fn get_str(&self, field: &str) -> Option<&str> {
        self.0.get(field).and_then(serde_json::Value::as_str)
    }
}

banking_core::resource_handle! {
    /// Institutions supported by EFT.
    pub struct InstitutionsApi for PayClient, "Flinks";
}

impl InstitutionsApi<'_> {
    /// `GET /api/v1/institutions`.
    pub async fn list(&self) -> Result<Vec<PayInstitution>> {
        let request = self
            .handle
            .client()
            .v1(Request::get("api/v1/institutions"))?;
        self.handle.send_json(request).await
    }
}
