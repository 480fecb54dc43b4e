//! On-demand synchronisation of connections.
//!
//! Synchronisations are asynchronous jobs that fetch balances, transactions
//! and new accounts (official sync how-to, research notes 2(h)). Widget
//! connections are synced daily; these calls start one now. Follow a job
//! through an event queue ([`crate::Queues`]), subscribed to before the
//! sync starts, or by polling the connection until its status is no longer
//! `RUNNING`.
//!
//! **Paths inferred.** The docs describe the behaviour (all connections:
//! "a list of links" to the connections being synced; one connection: HTTP
//! 204, with a `type` of `ALL` or `LIST_ACCOUNTS`) but no source found gives
//! the paths. This module sends `POST /connections/synchronize` and
//! `POST /connections/{connection_id}/synchronize?type=...`; check them
//! against the Linxo reference and use [`LinxoClient::raw`](crate::LinxoClient::raw) if they differ.

use banking_core::transport::Request;

use crate::ids::ConnectionId;

banking_core::wire_enum! {
    /// What a synchronisation of one connection fetches (official sync
    /// how-to).
    SyncType {
        /// Balances, transactions and other data of the connection's
        /// accounts.
        All = "ALL",
        /// The list of accounts: new accounts, and accounts deleted before,
        /// are added. An `ALL` sync starts by itself when it ends.
        ListAccounts = "LIST_ACCOUNTS",
    }
}

/// The answer to a sync of all connections: links to the connections being
/// synced.
///
/// The exact JSON shape is not published, so the body is kept whole and
/// read leniently: every string in it that points at `/connections/{id}`
/// counts, wherever it sits (an array of links, `href` objects or a
/// `_links` map).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SyncStarted {
    /// The body as sent (`null` when empty).
    pub body: serde_json::Value,
}

impl SyncStarted {
    /// The links to the connections being synced, in body order.
    pub fn links(&self) -> Vec<&str> {
        let mut out = Vec::new();
        collect_links(&self.body, &mut out);
        out
    }

    /// The ids of the connections being synced (the segment after
    /// `/connections/` in each link).
    pub fn connection_ids(&self) -> Vec<ConnectionId> {
        self.links()
            .into_iter()
            .filter_map(|link| {
                let rest = link.rsplit_once("/connections/")?.1;
                let id = rest.split(['/', '?', '#']).next()?;
                (!id.is_empty()).then(|| ConnectionId::from(id))
            })
            .collect()
    }
}

fn collect_links<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::String(s) if s.contains("/connections/") => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_links(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_links(v, out)),
        _ => {}
    }
}

banking_core::resource_handle! {
    /// `client.sync()`: start synchronisations.
    pub struct SyncJobs for crate::client::LinxoClient, "Linxo";
}

impl SyncJobs<'_> {
    /// `POST /connections/synchronize` (path inferred): syncs every
    /// connection of the user (scope `connections_sync`).
    pub async fn all(&self) -> banking_core::Result<SyncStarted> {
        let response = self
            .handle
            .send(Request::post("/connections/synchronize"))
            .await?;
        let body = if response.body().iter().all(u8::is_ascii_whitespace) {
            serde_json::Value::Null
        } else {
            response.json()?
        };
        Ok(SyncStarted { body })
    }

    /// `POST /connections/{connection_id}/synchronize?type=...` (path
    /// inferred): syncs one connection; Linxo answers 204 once the job is
    /// accepted.
    pub async fn connection(
        &self,
        connection_id: &ConnectionId,
        sync_type: SyncType,
    ) -> banking_core::Result<()> {
        let request = Request::post("/connections/{connection_id}/synchronize")
            .param("connection_id", connection_id)
            .query("type", sync_type);
        self.handle.send(request).await.map(drop)
    }
}
