//! The paging cells: every paged client's `stream` against servers that
//! make no progress. Each cell must end with its typed
//! [`PaginationError`] after a fixed number of requests.
//!
//! Bodies are built from each provider's list schema (the item of a
//! schema-built or research fixture with its id varied per page), so that
//! only the paging fields can show the loop.

use std::time::Duration;

use banking_core::pagination::{PaginationError, StreamOptions};
use banking_core::transport::Environment;
use futures::StreamExt;
use futures::future::BoxFuture;
use secrecy::SecretString;
use serde_json::{Value, json};
use url::Url;

use super::providers::{self, ATTEMPT_TIMEOUT, CONNECT_TIMEOUT, TOTAL_TIMEOUT, fast_retries};
use crate::fault_server::{FaultServer, Reply};

/// The page cap of the "endless" cells.
pub(crate) const CAP: usize = 5;

/// How the server fails to make progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loop {
    /// The same page whatever is asked (a server ignoring the cursor).
    SamePage,
    /// Cursors A, B, then A again; every page new.
    CursorsGoRound,
    /// New pages beyond the total the server reports.
    BeyondTotal,
    /// New pages without end (the stream capped at [`CAP`] pages).
    Endless,
}

pub(crate) const LOOPS: [Loop; 4] = [
    Loop::SamePage,
    Loop::CursorsGoRound,
    Loop::BeyondTotal,
    Loop::Endless,
];

impl Loop {
    fn describe(self) -> &'static str {
        match self {
            Loop::SamePage => "the same page for every cursor",
            Loop::CursorsGoRound => "cursors A, B, A (new items on every page)",
            Loop::BeyondTotal => "new pages beyond the reported total of 2 items",
            Loop::Endless => "new pages without end, `max_pages(5)`",
        }
    }
}

/// One paged client as the cells drive it.
pub(crate) struct Paged {
    name: &'static str,
    path: &'static str,
    token_paths: &'static [&'static str],
    token_body: fn() -> String,
    /// Page `index` (its own items) pointing to cursor `next`, with the
    /// listing's `total`.
    page: fn(index: usize, next: usize, total: u64) -> String,
    /// Whether the server hands out the cursors (Linxo's are page numbers
    /// the client counts itself) and reports a total.
    server_cursors: bool,
    totals: bool,
    /// Streams every item at `base`, with these options.
    stream: fn(Url, StreamOptions) -> BoxFuture<'static, Vec<banking_core::Result<()>>>,
}

impl Paged {
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }
}

fn provider(name: &str) -> &'static providers::Provider {
    providers::PROVIDERS
        .iter()
        .find(|p| p.name == name)
        .expect("a provider of the matrix")
}

macro_rules! fixture_json {
    ($krate:literal, $name:literal) => {
        serde_json::from_str::<Value>(include_str!(concat!(
            "../../../",
            $krate,
            "/fixtures/",
            $name
        )))
        .expect("fixture JSON")
    };
}

/// Drains `stream` into `()` results.
async fn drain<T>(
    stream: impl futures::Stream<Item = banking_core::Result<T>>,
) -> Vec<banking_core::Result<()>> {
    stream.map(|item| item.map(drop)).collect().await
}

const FDX_REFRESH: &str = "Fo4rTk9WmQ2xLp7Z";

pub(crate) const PAGED: [Paged; 4] = [
    Paged {
        name: "Linkcy",
        path: "/api/partner/transactions",
        token_paths: &["/api/partner/login", "/api/partner/refresh"],
        token_body: || (provider("Linkcy").token_body)(),
        page: |index, next, total| {
            let mut item = fixture_json!(
                "linkcy-client",
                "schema_built_transactions_list_page0_200.json"
            )["content"][0]
                .clone();
            item["id"] = json!(format!("00000000-0000-4000-8000-{index:012}"));
            // Linkcy's next page is the page number after the one echoed.
            json!({"content": [item], "totalElements": total, "page": next - 1, "pageSize": 1})
                .to_string()
        },
        server_cursors: true,
        totals: true,
        stream: |base, options| {
            Box::pin(async move {
                let client = providers::linkcy(&base)
                    .stream_options(options)
                    .build()
                    .expect("a valid Linkcy configuration");
                drain(
                    client
                        .transactions()
                        .stream(linkcy_client::TransactionFilter::new()),
                )
                .await
            })
        },
    },
    Paged {
        name: "FinqLink",
        path: "/test/links/list",
        token_paths: &["/oauth/token"],
        token_body: || (provider("FinqLink").token_body)(),
        page: |index, next, _| {
            json!({
                "pagination": {"count": 1, "more?": true, "after": format!("c{next}")},
                "links": [{"web_id": format!("pl-{index:06}"), "status": "created"}]
            })
            .to_string()
        },
        server_cursors: true,
        totals: false,
        stream: |base, options| {
            Box::pin(async move {
                let client = providers::finqlink(&base)
                    .stream_options(options)
                    .build()
                    .expect("a valid FinqLink configuration");
                drain(
                    client
                        .links()
                        .stream(finqlink_client::links::LinksListRequest::new()),
                )
                .await
            })
        },
    },
    Paged {
        name: "Flinks Outbound (FDX)",
        path: "/api/fdx/5/accounts/11/transactions",
        token_paths: &["/api/v1/token"],
        token_body: || {
            json!({"access_token": "Fu8tLm3QwZ6pKx2V", "refresh_token": FDX_REFRESH, "expires_in": 3600})
                .to_string()
        },
        page: |index, next, total| {
            let mut body = fixture_json!(
                "flinks-client",
                "outbound_research_fdx_transactions_200.json"
            );
            let transaction = &mut body["transactions"][0];
            let kind = transaction
                .as_object()
                .and_then(|o| o.keys().next().cloned())
                .expect("a kind-wrapped transaction");
            transaction[&kind]["transactionId"] = json!(format!("t{index}"));
            body["page"] = json!({"nextOffset": format!("o{next}"), "totalElements": total});
            body["links"] = Value::Null;
            body.to_string()
        },
        server_cursors: true,
        totals: true,
        stream: |base, options| {
            Box::pin(async move {
                let client = flinks_client::outbound::OutboundClient::builder()
                    .environment(Environment::Custom(base))
                    .credentials("outbound-client", SecretString::from("Fs5kWq8TzM3xRv6N"))
                    .token_encoding(flinks_client::outbound::TokenEncoding::Json)
                    .connect_timeout(CONNECT_TIMEOUT)
                    .attempt_timeout(ATTEMPT_TIMEOUT)
                    .total_timeout(TOTAL_TIMEOUT)
                    .retry_policy(fast_retries())
                    .stream_options(options)
                    .build()
                    .expect("a valid Outbound configuration");
                let connection = client.connect_with_refresh_token(SecretString::from(FDX_REFRESH));
                drain(connection.transactions().stream(
                    flinks_client::outbound::fdx::transactions::TransactionsRequest::new("11"),
                ))
                .await
            })
        },
    },
    Paged {
        name: "Linxo",
        path: "/accounts",
        token_paths: &["/auth/token"],
        token_body: || (provider("Linxo").token_body)(),
        page: |index, _, _| {
            let mut item =
                fixture_json!("linxo-client", "schema_built_accounts_list_200.json")[0].clone();
            item["id"] = json!(format!("{}", 90_000_000 + index));
            json!([item]).to_string()
        },
        server_cursors: false,
        totals: false,
        stream: |base, options| {
            Box::pin(async move {
                let client = providers::linxo(&base)
                    .stream_options(options)
                    .build()
                    .expect("a valid Linxo configuration");
                drain(
                    client
                        .accounts()
                        .stream(linxo_client::AccountsQuery::new().limit(1)),
                )
                .await
            })
        },
    },
];

/// What a paging cell observed: items before the end, how it ended, and
/// the requests on the list path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ended {
    pub(crate) items: usize,
    pub(crate) error: Option<PaginationError>,
    pub(crate) requests: usize,
}

/// The expected end of a cell; `None` where the provider cannot misbehave
/// that way (Linxo counts its own page numbers; FinqLink and Linxo report
/// no total).
pub(crate) fn expected(paged: &Paged, fault: Loop) -> Option<Ended> {
    let (items, error, requests) = match fault {
        Loop::SamePage => (
            1,
            Some(PaginationError::IdenticalPage {
                page: 2,
                same_as: 1,
            }),
            2,
        ),
        Loop::CursorsGoRound if paged.server_cursors => (
            3,
            Some(PaginationError::CursorCycle {
                page: 3,
                first_seen: 2,
            }),
            3,
        ),
        // Linkcy's next page number is computed from the total: the
        // listing ends there, cleanly.
        Loop::BeyondTotal if paged.name == "Linkcy" => (2, None, 2),
        Loop::BeyondTotal if paged.totals => (
            2,
            Some(PaginationError::BeyondTotal {
                page: 3,
                items: 3,
                total: 2,
            }),
            3,
        ),
        Loop::Endless => (
            CAP,
            Some(PaginationError::PageCapReached { max_pages: CAP }),
            CAP,
        ),
        _ => return None,
    };
    Some(Ended {
        items,
        error,
        requests,
    })
}

/// Runs one cell on a fresh server.
pub(crate) async fn run(paged: &'static Paged, fault: Loop) -> Ended {
    let server = FaultServer::start().await;
    for path in paged.token_paths {
        server.script(path, vec![Reply::json(200, (paged.token_body)())]);
    }
    let page =
        |index: usize, next: usize, total: u64| Reply::json(200, (paged.page)(index, next, total));
    let (replies, options) = match fault {
        Loop::SamePage => (vec![page(0, 1, 1000)], StreamOptions::new()),
        Loop::CursorsGoRound => (
            vec![page(0, 1, 1000), page(1, 2, 1000), page(2, 1, 1000)],
            StreamOptions::new(),
        ),
        Loop::BeyondTotal => (
            (0..=CAP).map(|i| page(i, i + 1, 2)).collect(),
            StreamOptions::new(),
        ),
        Loop::Endless => (
            (0..=CAP).map(|i| page(i, i + 1, 1000)).collect(),
            StreamOptions::new().max_pages(CAP),
        ),
    };
    server.script(paged.path, replies);
    let results = tokio::time::timeout(
        Duration::from_secs(30),
        (paged.stream)(server.url(), options),
    )
    .await
    .expect("the stream ends");
    let items = results.iter().filter(|r| r.is_ok()).count();
    let error = match results.last() {
        Some(Err(banking_core::Error::Pagination(error))) => Some(error.clone()),
        _ => None,
    };
    let requests = server
        .received()
        .iter()
        .filter(|r| r.path() == paged.path)
        .count();
    Ended {
        items,
        error,
        requests,
    }
}

/// The paging section of the report.
pub(crate) fn render(results: &[(&'static Paged, Loop, Ended)]) -> String {
    let mut out = String::from(
        "
## Paging

Every paged client's `stream` against a server that makes no progress.
Each stream must end with a typed `PaginationError` after a fixed number
of requests; a dash marks a failure the provider's paging cannot produce
(Linxo's page numbers are counted by the client; FinqLink and Linxo
report no total). Linkcy computes its next page from the total, so its
listing ends there. **Ends with** is what follows the items yielded;
**Requests** is the requests the list endpoint received.

| Server | Client | Ends with | Requests |
|---|---|---|---|
",
    );
    for fault in LOOPS {
        for paged in &PAGED {
            let Some((_, _, ended)) = results
                .iter()
                .find(|(p, f, _)| p.name == paged.name && *f == fault)
            else {
                out.push_str(&format!(
                    "| {} | {} | — | — |\n",
                    fault.describe(),
                    paged.name
                ));
                continue;
            };
            let error = ended
                .error
                .as_ref()
                .map_or_else(|| "the end".to_owned(), |e| format!("`{e:?}`"));
            out.push_str(&format!(
                "| {} | {} | {} item(s), then {error} | {} |\n",
                fault.describe(),
                paged.name,
                ended.items,
                ended.requests
            ));
        }
    }
    out
}
