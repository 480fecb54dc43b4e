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

#[tokio::test]
async fn concurrent_pages_fetch_each_page_once_and_none_beyond_the_total() {
    let server = server().await;
    // `totalElements: 5` in 2-item pages: pages 0 to 2, and no page 3.
    three_pages(&server, [1, 1, 1]).await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(query(&[("page", "3"), ("pageSize", "2")]))
        .respond_with(reply(200, "schema_built_transactions_list_page2_200.json"))
        .expect(0)
        .mount(&server)
        .await;
    let client = capped(&server, StreamOptions::new().concurrent_pages(4));
    let results = drain(
        client
            .transactions()
            .stream(TransactionFilter::new().page_size(2)),
    )
    .await;
    let ids: Vec<String> = results
        .into_iter()
        .map(|t| t.unwrap().id.to_string()[..8].to_owned())
        .collect();
    assert_eq!(
        ids,
        ["1c1f6b1e", "2d2e7c2f", "3e3f8d30", "4f409e41", "50511f52"]
    );
}

#[tokio::test]
async fn concurrent_pages_still_catch_a_server_echoing_the_page() {
    let server = server().await;
    // Page 0 goes alone; pages 1 and 2 may both be sent before page 1's
    // repeated items end the stream.
    Mock::given(method("GET"))
        .and(path(LIST))
        .respond_with(EchoesThePage)
        .expect(2..=3)
        .mount(&server)
        .await;
    let client = capped(&server, StreamOptions::new().concurrent_pages(4));
    let results = drain(client.transactions().stream(TransactionFilter::new())).await;
    assert_eq!(results.len(), 3, "page 0's two items, then the error");
    assert_eq!(
        pagination_error(&results),
        &PaginationError::IdenticalPage {
            page: 2,
            same_as: 1
        }
    );
}

#[tokio::test]
async fn concurrent_pages_request_the_next_page_while_one_is_unanswered() {
    let server = server().await;
    for (page, delay) in [(0, 0), (1, 60), (2, 0)] {
        Mock::given(method("GET"))
            .and(path(LIST))
            .and(query(&[("page", &page.to_string()), ("pageSize", "2")]))
            .respond_with(
                reply(
                    200,
                    &format!("schema_built_transactions_list_page{page}_200.json"),
                )
                .set_delay(Duration::from_secs(delay)),
            )
            .mount(&server)
            .await;
    }
    let client = capped(&server, StreamOptions::new().concurrent_pages(4));
    let reader = tokio::spawn(drain(
        client
            .transactions()
            .stream(TransactionFilter::new().page_size(2)),
    ));
    // Page 1 is held back for a minute; page 2 is asked for meanwhile.
    let asked_for_page_2 = async {
        loop {
            let requests = server.received_requests().await.unwrap_or_default();
            if requests
                .iter()
                .any(|r| r.url.query_pairs().any(|(k, v)| k == "page" && v == "2"))
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), asked_for_page_2)
        .await
        .expect("page 2 is requested before page 1 is answered");
    assert!(!reader.is_finished());
    reader.abort();
}
