//! Account groups: named sets of ordering party accounts, used in the UI to scope
//! which users see and pay from or to which accounts.
//!
//! The groups exist in the UI guides (research notes 1(c): "Account groups,
//! counterparty groups | UI guides"); the API paths are not documented.
//! The path `/v2/account-groups[/{id}]` and every field name are
//! **inferred**, by analogy with the documented resources; only reads are
//! modelled, as no source says groups are managed through the API (use
//! [`LynksClient::raw`](crate::LynksClient::raw) otherwise).
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! let groups = client.account_groups().list().await?;
//! let group = client.account_groups().get(&groups[0].id).await?;
//! assert!(!group.account_ids.is_empty());
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::ids::{AccountGroupId, AccountId};

/// A account group. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountGroup {
    /// Its id.
    pub id: AccountGroupId,
    /// Its display name.
    #[serde(default)]
    pub name: Option<String>,
    /// A longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// The accounts in the group.
    #[serde(default)]
    pub account_ids: Vec<AccountId>,
}

banking_core::resource_handle! {
    /// Account group calls; from [`LynksClient::account_groups`](crate::LynksClient::account_groups).
    pub struct AccountGroups for crate::LynksClient, "LYNKS";
}

impl AccountGroups<'_> {
    /// `GET /v2/account-groups` (path inferred; no paging documented).
    pub async fn list(&self) -> Result<Vec<AccountGroup>> {
        self.handle
            .send_json(Request::get("/v2/account-groups"))
            .await
    }

    /// `GET /v2/account-groups/{id}` (path inferred).
    pub async fn get(&self, id: &AccountGroupId) -> Result<AccountGroup> {
        self.handle
            .send_json(Request::get("/v2/account-groups/{id}").param("id", id))
            .await
    }
}
