//! `GetWealthNightlyRefreshStatus/` on the Wealth host: the investment
//! logins the nightly refresh skips, and why (deprecated in the Wealth
//! spec; research notes `[DOC]`, openapi-wealth.yaml, which spells the
//! path with its trailing slash).

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Connect;
use crate::datetime::Timestamp;
use crate::error::FlinksCode;
use crate::ids::LoginId;

const PATH: &str = "BankingServices/GetWealthNightlyRefreshStatus/";

/// An investment login that will not be refreshed tonight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct IneligibleWealth {
    /// The institution.
    #[serde(default)]
    pub institution: Option<String>,
    /// The login.
    pub login_id: LoginId,
    /// When the last refresh was attempted.
    #[serde(default)]
    pub last_refresh_date: Option<Timestamp>,
    /// Where the last refresh stopped.
    #[serde(default)]
    pub last_refresh_state: Option<String>,
    /// The `FlinksCode` of the last refresh, if it failed.
    #[serde(default)]
    pub last_refresh_error_code: Option<FlinksCode>,
}

/// The answer of `GetWealthNightlyRefreshStatus`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct WealthNightlyRefreshStatus {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// Logins that are not eligible.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub ineligible_wealths: Vec<IneligibleWealth>,
    /// A message about the request.
    #[serde(default)]
    pub message: Option<String>,
    /// A code about the request.
    #[serde(default)]
    pub flinks_code: Option<FlinksCode>,
}

impl Connect<'_> {
    /// `GET GetWealthNightlyRefreshStatus/` on the Wealth host, with
    /// `Authorization: Bearer <secret key>` as `GetNightlyRefreshStatus`
    /// (the credential is inferred from that sibling).
    pub async fn wealth_nightly_refresh_status(&self) -> Result<WealthNightlyRefreshStatus> {
        let http = Request::get(PATH).auth(self.handle.client().secret_bearer_auth());
        self.handle
            .client()
            .wealth_transport()
            .send_json(self.handle.prepare(http))
            .await
    }
}
