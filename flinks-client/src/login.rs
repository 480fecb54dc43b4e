//! The login (`Login`) object that Authorize, the account calls and the
//! attribute packages return.

use serde::{Deserialize, Serialize};

use crate::datetime::Timestamp;
use crate::ids::LoginId;

banking_core::wire_enum! {
    /// Whether a login or an account is personal or business
    /// (`Login.Type`, `Accounts[].AccountType`).
    CustomerType {
        /// A personal login or account.
        Personal = "Personal",
        /// A business login or account.
        Business = "Business",
    }
}

/// The end user's login at their institution.
///
/// ```json
/// { "Username": "chat_gpt", "IsScheduledRefresh": false,
///   "LastRefresh": "2025-01-31T17:40:54.569261", "Type": "Personal",
///   "Id": "5602459c-f6d0-4ca0-6750-08dccdcadcc0" }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Login {
    /// The `LoginId`: keep it to authorize again later without the user.
    pub id: LoginId,
    /// The username at the institution.
    #[serde(default)]
    pub username: Option<String>,
    /// Whether the nightly refresh is enabled for this login.
    #[serde(default)]
    pub is_scheduled_refresh: Option<bool>,
    /// When the data was last refreshed (sent without an offset).
    #[serde(default)]
    pub last_refresh: Option<Timestamp>,
    /// Personal or business.
    #[serde(default, rename = "Type")]
    pub kind: Option<CustomerType>,
}
