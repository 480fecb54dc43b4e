//! Wealth: `Investments` (a login's investment accounts, positions,
//! securities and transactions) and `Investments/Delete`, on the Wealth
//! host (`{instanceWealth}-api.private.fin.ag`, see
//! [`FlinksClientBuilder::wealth_instance`](crate::FlinksClientBuilder::wealth_instance)).
//!
//! Flinks retires the Investments product on 2026-04-30 (research notes
//! `[DOC]`). The docs' navigation names `POST /Investments` (after a cached
//! `Authorize`) and `DELETE /Investments/Delete`, without bodies or
//! answers: the `BankingServices/` prefix (that of the Wealth spec's one
//! spelled-out path), the `{"RequestId"}` body, the `{loginId}` segment of
//! the delete, the `x-api-key` credential and the member names beyond the
//! documented concepts (Institution, Accounts, Positions, Securities,
//! Transactions) are inferred.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Connect;
use super::delete_card::DeletedCard;
use super::outcome::Outcome;
use crate::ids::{LoginId, RequestId};
use crate::login::Login;

const PATH: &str = "BankingServices/Investments";
const DELETE_PATH: &str = "BankingServices/Investments/Delete/{loginId}";

/// An investment account, with its holdings and movements (member shapes
/// not documented, kept as JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InvestmentAccount {
    /// Flinks' account id.
    #[serde(default)]
    pub id: Option<String>,
    /// Positions held.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub positions: Vec<serde_json::Value>,
    /// Securities referred to by the positions.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub securities: Vec<serde_json::Value>,
    /// Movements of the account.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub transactions: Vec<serde_json::Value>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The answer of `Investments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Investments {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The investment accounts.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub accounts: Vec<InvestmentAccount>,
    /// The institution.
    #[serde(default)]
    pub institution: Option<String>,
    /// The login.
    #[serde(default)]
    pub login: Option<Login>,
    /// The session.
    #[serde(default)]
    pub request_id: Option<RequestId>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InvestmentsBody {
    request_id: RequestId,
}

impl Connect<'_> {
    /// `POST Investments` on the Wealth host for an authorized session; may
    /// answer pending like the other data calls.
    pub async fn investments(&self, request_id: RequestId) -> Result<Outcome<Investments>> {
        self.data_read(
            self.handle.client().wealth_transport(),
            PATH,
            &InvestmentsBody { request_id },
            request_id,
        )
        .await
    }

    /// `DELETE Investments/Delete/{loginId}` on the Wealth host: removes the
    /// investment data of `login_id`.
    pub async fn delete_investments(&self, login_id: LoginId) -> Result<DeletedCard> {
        let http = Request::delete(DELETE_PATH)
            .param("loginId", login_id)
            .auth(self.handle.client().api_key_auth(DELETE_PATH)?);
        self.handle
            .client()
            .wealth_transport()
            .send_json(self.handle.prepare(http))
            .await
    }
}
