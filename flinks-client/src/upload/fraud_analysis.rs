//! `GET FraudAnalysis/{loginId}`: Flinks' fraud analysis of the documents
//! (bank statements, void cheques) uploaded for a login.
//!
//! The docs' legacy navigation lists `/FraudAnalysis` (GET) without its
//! path, parameters or answer (research notes `[DOC-old]`); documents are
//! uploaded through Flinks Connect, which yields a `loginId`. The
//! `{loginId}` segment, the Upload credential (`Authorization: Bearer
//! <secret key>`) and the answer's members are inferred; every member but
//! the envelope is kept as JSON.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Upload;
use crate::ids::LoginId;

const PATH: &str = "FraudAnalysis/{loginId}";

/// The answer of `FraudAnalysis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct FraudAnalysis {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The login.
    #[serde(default)]
    pub login_id: Option<LoginId>,
    /// Every other member (the findings), as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Upload<'_> {
    /// `GET FraudAnalysis/{loginId}`.
    pub async fn fraud_analysis(&self, login_id: LoginId) -> Result<FraudAnalysis> {
        let http = Request::get(PATH)
            .param("loginId", login_id)
            .auth(self.handle.client().secret_bearer_auth());
        self.handle.send_json(http).await
    }
}
