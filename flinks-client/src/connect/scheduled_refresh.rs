//! `SetScheduledRefresh`: turn the nightly refresh of a login on or off.

use banking_core::Result;
use banking_core::transport::Request;
use serde::Serialize;

use super::Connect;
use crate::ids::LoginId;

const PATH: &str = "BankingServices/SetScheduledRefresh";

/// The body, in the docs' camelCase: `{"isActivated": true, "loginId": "..."}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    is_activated: bool,
    login_id: LoginId,
}

impl Connect<'_> {
    /// `PATCH SetScheduledRefresh`: enables (`true`) or disables the nightly
    /// refresh of `login_id`.
    ///
    /// Returns Flinks' confirmation, a bare JSON string such as
    /// `"LoginId ... has now been activated for automatic refresh"`.
    pub async fn set_scheduled_refresh(
        &self,
        login_id: LoginId,
        activated: bool,
    ) -> Result<String> {
        let http = Request::patch(PATH)
            .json(&Body {
                is_activated: activated,
                login_id,
            })?
            .auth(self.handle.client().api_key_auth(PATH)?);
        self.handle.send_json(http).await
    }
}
