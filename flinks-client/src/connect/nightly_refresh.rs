//! `GetNightlyRefreshStatus`: the logins with nightly refresh enabled that
//! are not eligible for it, and why.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Connect;
use crate::datetime::Timestamp;
use crate::error::FlinksCode;
use crate::ids::LoginId;

const PATH: &str = "BankingServices/GetNightlyRefreshStatus";

/// A login that will not be refreshed tonight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct IneligibleCard {
    /// The login.
    pub login_id: LoginId,
    /// When the last refresh was attempted (sent without an offset).
    #[serde(default)]
    pub last_refresh_date: Option<Timestamp>,
    /// Where the last refresh stopped (`AnsweringSecurityChallenge`).
    #[serde(default)]
    pub last_refresh_state: Option<String>,
    /// The `FlinksCode` of the last refresh, if it failed.
    #[serde(default)]
    pub last_refresh_error_code: Option<FlinksCode>,
}

/// The answer of `GetNightlyRefreshStatus`.
///
/// The documented 200 sample carries `FlinksCode: INVALID_REQUEST` and a
/// message beside the list; both are kept here rather than turned into an
/// error, since the list is the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct NightlyRefreshStatus {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// Logins that are not eligible.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub ineligible_cards: Vec<IneligibleCard>,
    /// A message about the request.
    #[serde(default)]
    pub message: Option<String>,
    /// A code about the request.
    #[serde(default)]
    pub flinks_code: Option<FlinksCode>,
}

impl Connect<'_> {
    /// `GET GetNightlyRefreshStatus`, authenticated with
    /// `Authorization: Bearer <secret key>` as the docs ask.
    pub async fn nightly_refresh_status(&self) -> Result<NightlyRefreshStatus> {
        let http = Request::get(PATH).auth(self.handle.client().secret_bearer_auth());
        self.handle.send_json(http).await
    }
}
