//! Streams against servers that make no progress: each ends with a typed
//! pagination error within a bounded number of requests.

use std::time::Duration;

use banking_core::pagination::{PaginationError, StreamOptions};
use banking_core::retry::RetryPolicy;
use futures::StreamExt;
use linkcy_client::{Environment, LinkcyClient, Transaction, TransactionFilter};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::support::{client, credentials, fixture, query, reply, server};

const LIST: &str = "/api/partner/transactions";

/// Serves `schema_built_transactions_list_page0_200.json` for every page,
/// with `"page"` echoing the page asked for: the cursor moves on, the items
/// never do.
struct EchoesThePage;

impl Respond for EchoesThePage {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_else(|| "0".into());
        let body = fixture("schema_built_transactions_list_page0_200.json")
            .replace("\"page\": 0", &format!("\"page\": {page}"));
        ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "application/json")
    }
}

/// All of a stream's results, within a deadline so a loop fails the test.
async fn drain(
    stream: impl futures::Stream<Item = banking_core::Result<Transaction>>,
) -> Vec<banking_core::Result<Transaction>> {
    tokio::time::timeout(Duration::from_secs(10), stream.collect())
        .await
        .expect("the stream ends")
}

fn pagination_error(results: &[banking_core::Result<Transaction>]) -> &PaginationError {
    match results.last() {
        Some(Err(banking_core::Error::Pagination(error))) => error,
        other => panic!("expected a pagination error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_server_echoing_the_page_over_the_same_items_ends_the_stream() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .respond_with(EchoesThePage)
        .expect(2)
        .mount(&server)
        .await;
    let results = drain(
        client(&server)
            .transactions()
            .stream(TransactionFilter::new()),
    )
    .await;
    assert_eq!(results.len(), 3, "page 0's two items, then the error");
    assert_eq!(
        pagination_error(&results),
        &PaginationError::IdenticalPage {
            page: 2,
            same_as: 1
        }
    );
}

fn capped(server: &MockServer, options: StreamOptions) -> LinkcyClient {
    LinkcyClient::builder()
        .environment(Environment::Custom(server.uri().parse().unwrap()))
        .credentials(credentials())
        .retry_policy(RetryPolicy::none())
        .stream_options(options)
        .build()
        .unwrap()
}

async fn three_pages(server: &MockServer, expected: [u64; 3]) {
    for (page, expect) in expected.into_iter().enumerate() {
        Mock::given(method("GET"))
            .and(path(LIST))
            .and(query(&[("page", &page.to_string()), ("pageSize", "2")]))
            .respond_with(reply(
                200,
                &format!("schema_built_transactions_list_page{page}_200.json"),
            ))
            .expect(expect)
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn the_builder_caps_every_stream_at_its_pages_and_items() {
    let server = server().await;
    three_pages(&server, [2, 2, 0]).await;
    let filter = || TransactionFilter::new().page_size(2);

    let pages = capped(&server, StreamOptions::new().max_pages(2));
    let results = drain(pages.transactions().stream(filter())).await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 4);
    assert_eq!(
        pagination_error(&results),
        &PaginationError::PageCapReached { max_pages: 2 }
    );

    let items = capped(&server, StreamOptions::new().max_items(3));
    let results = drain(items.transactions().stream(filter())).await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 3);
    assert_eq!(
        pagination_error(&results),
        &PaginationError::ItemCapReached { max_items: 3 }
    );
}
