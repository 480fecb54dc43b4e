//! Counterparty groups: named sets of counterparty accounts, used in the UI to scope
//! which users see and pay from or to which counterparties.
//!
//! The groups exist in the UI guides (research notes 1(c): "Account groups,
//! counterparty groups | UI guides"); the API paths are not documented.
//! The path `/v2/counterparty-groups[/{id}]` and every field name are
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
//! let groups = client.counterparty_groups().list().await?;
//! let group = client.counterparty_groups().get(&groups[0].id).await?;
//! assert!(!group.counterparty_ids.is_empty());
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::ids::{CounterpartyGroupId, CounterpartyId};

/// A counterparty group. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CounterpartyGroup {
    /// Its id.
    pub id: CounterpartyGroupId,
    /// Its display name.
    #[serde(default)]
    pub name: Option<String>,
    /// A longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// The counterparties in the group.
    #[serde(default)]
    pub counterparty_ids: Vec<CounterpartyId>,
}

banking_core::resource_handle! {
    /// Counterparty group calls; from [`LynksClient::counterparty_groups`](crate::LynksClient::counterparty_groups).
    pub struct CounterpartyGroups for crate::LynksClient, "LYNKS";
}

impl CounterpartyGroups<'_> {
    /// `GET /v2/counterparty-groups` (path inferred; no paging documented).
    pub async fn list(&self) -> Result<Vec<CounterpartyGroup>> {
        self.handle
            .send_json(Request::get("/v2/counterparty-groups"))
            .await
    }

    /// `GET /v2/counterparty-groups/{id}` (path inferred).
    pub async fn get(&self, id: &CounterpartyGroupId) -> Result<CounterpartyGroup> {
        self.handle
            .send_json(Request::get("/v2/counterparty-groups/{id}").param("id", id))
            .await
    }
}
