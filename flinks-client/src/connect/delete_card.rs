//! `DeleteCard/{loginId}`: erase everything Flinks holds about a login.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::Connect;
use crate::ids::LoginId;

const PATH: &str = "BankingServices/DeleteCard/{loginId}";

/// The answer of `DeleteCard`.
///
/// ```json
/// { "StatusCode": 200, "Message": "All of the information about LoginId ... has been removed" }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct DeletedCard {
    /// The status echoed in the body (`StatusCode`, not `HttpStatusCode`).
    #[serde(default)]
    pub status_code: Option<u16>,
    /// Confirmation.
    #[serde(default)]
    pub message: Option<String>,
}

impl Connect<'_> {
    /// `DELETE DeleteCard/{loginId}`: removes all data of `login_id`; the
    /// login cannot be authorized again. Answers `CARD_IN_USE` while the
    /// login is being processed.
    pub async fn delete_card(&self, login_id: LoginId) -> Result<DeletedCard> {
        let http = Request::delete(PATH)
            .param("loginId", login_id)
            .auth(self.handle.client().api_key_auth(PATH)?);
        self.handle.send_json(http).await
    }
}
