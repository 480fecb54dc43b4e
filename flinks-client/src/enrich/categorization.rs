//! `GetCategorization`: the categories Flinks gives a login's transactions.
//!
//! The docs' legacy navigation lists `/GetCategorization` (GET) among the
//! attribute endpoints without its path or answer (research notes
//! `[DOC-old]`); the attributes prefix
//! `insight/login/{loginId}/attributes/{requestId}/` is inferred, as are
//! the answer's members beyond the attribute envelope (`Login`,
//! `RequestId`), which are kept as JSON.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Enrich;
use crate::ids::{LoginId, RequestId};
use crate::login::Login;

const PATH: &str = "insight/login/{loginId}/attributes/{requestId}/GetCategorization";

/// The answer of `GetCategorization`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Categorization {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The login.
    #[serde(default)]
    pub login: Option<Login>,
    /// The session.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// Every other member (the categorized data), as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Enrich<'_> {
    /// `GET .../attributes/{requestId}/GetCategorization`.
    pub async fn categorization(
        &self,
        login_id: LoginId,
        request_id: RequestId,
    ) -> Result<Categorization> {
        let http = Request::get(PATH)
            .param("loginId", login_id)
            .param("requestId", request_id)
            .auth(self.handle.client().api_key_auth("GetCategorization")?);
        self.handle.send_json(http).await
    }
}
