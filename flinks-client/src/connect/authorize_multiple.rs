//! `AuthorizeMultiple`: open sessions for several logins in one call.
//!
//! Only Flinks' legacy Ruby and Python SDKs call it (research notes
//! `[SDK-RB]`, `[SDK-PY]`): body `{"LoginIds": [...], "MostRecentCached":
//! ...}`; no doc shows the answer. The credential (a fresh one-time
//! authorize token in `flinks-auth-key`, as for `Authorize`) is inferred,
//! and the answer is read into the members the other Connect answers carry,
//! the rest kept as JSON.

use banking_core::transport::Request;
use banking_core::{Error, Result};
use serde::{Deserialize, Serialize};

use super::Connect;
use crate::error::FlinksCode;
use crate::ids::{LoginId, RequestId};

const PATH: &str = "BankingServices/AuthorizeMultiple";

/// The body of `AuthorizeMultiple`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthorizeMultipleRequest {
    login_ids: Vec<LoginId>,
    most_recent_cached: bool,
}

impl AuthorizeMultipleRequest {
    /// Authorizes `login_ids` from Flinks' cache (`MostRecentCached: true`).
    pub fn cached(login_ids: impl IntoIterator<Item = LoginId>) -> Self {
        Self {
            login_ids: login_ids.into_iter().collect(),
            most_recent_cached: true,
        }
    }

    /// Authorizes `login_ids` with a live refresh at each institution.
    pub fn live(login_ids: impl IntoIterator<Item = LoginId>) -> Self {
        Self {
            most_recent_cached: false,
            ..Self::cached(login_ids)
        }
    }

    fn validate(&self) -> Result<()> {
        if self.login_ids.is_empty() {
            return Err(Error::validation(
                "LoginIds",
                "at least one login is required",
            ));
        }
        Ok(())
    }
}

/// The answer of `AuthorizeMultiple` (undocumented: see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AuthorizeMultipleResponse {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The session, when one is given for the whole call.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// Flinks' code for the outcome.
    #[serde(default)]
    pub flinks_code: Option<FlinksCode>,
    /// A message.
    #[serde(default)]
    pub message: Option<String>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Connect<'_> {
    /// `POST AuthorizeMultiple` with a freshly generated one-time token.
    /// Never retried, like `Authorize`.
    pub async fn authorize_multiple(
        &self,
        request: &AuthorizeMultipleRequest,
    ) -> Result<AuthorizeMultipleResponse> {
        request.validate()?;
        let http = Request::post(PATH).json(request)?.auth(self.fresh_token()?);
        self.handle.send_json(http).await
    }
}
