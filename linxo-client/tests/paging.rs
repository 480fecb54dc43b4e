//! Streams walk `page`/`limit` pages until a short or empty page.

use futures::{StreamExt, TryStreamExt};
use linxo_client::{AccountsQuery, TransactionsQuery};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

/// `GET /transactions` with exactly `query`, answered with `answer` and
/// expected `times` times.
fn on_page(query: &'static str, answer: ResponseTemplate, times: u64) -> Mock {
    Mock::given(method("GET"))
        .and(path("/transactions"))
        .and(query_is(query))
        .respond_with(answer)
        .expect(times)
}

/// `GET /transactions` with exactly `query`, answered with a fixture.
fn page(query: &'static str, fixture_name: &str, times: u64) -> Mock {
    on_page(query, ok_fixture(fixture_name), times)
}

/// `GET /transactions` with exactly `query`, answered with no transaction.
fn empty_page(query: &'static str, times: u64) -> Mock {
    on_page(
        query,
        ResponseTemplate::new(200).set_body_raw("[]", "application/json"),
        times,
    )
}

#[tokio::test]
async fn transactions_stream_reads_pages_until_a_short_one() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    page(
        "account_id=81234567&page=1&limit=2",
        "schema_built_transactions_list_page1_200.json",
        1,
    )
    .mount(&server)
    .await;
    page(
        "account_id=81234567&page=2&limit=2",
        "schema_built_transactions_list_page2_200.json",
        1,
    )
    .mount(&server)
    .await;
    empty_page("account_id=81234567&page=3&limit=2", 0)
        .mount(&server)
        .await;
    let all: Vec<_> = user_client(&server)
        .transactions()
        .stream(TransactionsQuery::new().account_id("81234567").limit(2))
        .try_collect()
        .await
        .unwrap();
    let amounts: Vec<String> = all.iter().map(|t| t.amount.to_string()).collect();
    assert_eq!(amounts, ["-42.90", "-4", "2150.00"]);
}

#[tokio::test]
async fn an_empty_page_ends_the_stream_and_streams_are_lazy() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    page(
        "page=3&limit=2",
        "schema_built_transactions_list_page1_200.json",
        1,
    )
    .mount(&server)
    .await;
    empty_page("page=4&limit=2", 1).mount(&server).await;
    let client = user_client(&server);
    // Built but never polled: nothing is sent.
    let _unused = client
        .transactions()
        .stream(TransactionsQuery::new().page(9).limit(2));
    let count = client
        .transactions()
        .stream(TransactionsQuery::new().page(3).limit(2))
        .try_fold(0, |n, _| async move { Ok(n + 1) })
        .await
        .unwrap();
    assert_eq!(count, 2);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    page(
        "page=1&limit=2",
        "schema_built_transactions_list_page1_200.json",
        1,
    )
    .mount(&server)
    .await;
    on_page("page=2&limit=2", ResponseTemplate::new(500), 1)
        .mount(&server)
        .await;
    let results: Vec<_> = user_client(&server)
        .transactions()
        .stream(TransactionsQuery::new().limit(2))
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(results[2].as_ref().unwrap_err().status(), Some(500));
}

#[tokio::test]
async fn accounts_stream_uses_the_default_limit() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .and(query_is("connection_id=7730021&page=1&limit=100"))
        .respond_with(ok_fixture("schema_built_accounts_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ids: Vec<String> = user_client(&server)
        .accounts()
        .stream(AccountsQuery::new().connection_id("7730021"))
        .map_ok(|a| a.id.to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["81234567", "81234568"]);
}

#[tokio::test]
async fn a_server_ignoring_the_page_ends_the_stream_without_repeating_items() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    // Whatever the page, the same two transactions: a full page every time.
    Mock::given(method("GET"))
        .and(path("/transactions"))
        .respond_with(ok_fixture("schema_built_transactions_list_page1_200.json"))
        .expect(2)
        .mount(&server)
        .await;
    let stream = user_client(&server)
        .transactions()
        .stream(TransactionsQuery::new().account_id("81234567").limit(2));
    let results: Vec<_> =
        tokio::time::timeout(std::time::Duration::from_secs(10), stream.collect())
            .await
            .expect("the stream ends");
    assert_eq!(results.len(), 3, "two transactions, then the error");
    assert!(
        matches!(
            results[2],
            Err(banking_core::Error::Pagination(
                banking_core::pagination::PaginationError::IdenticalPage {
                    page: 2,
                    same_as: 1
                }
            ))
        ),
        "{:?}",
        results[2]
    );
}

#[tokio::test]
async fn the_builder_caps_the_pages_of_every_stream() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    page(
        "account_id=81234567&page=1&limit=2",
        "schema_built_transactions_list_page1_200.json",
        1,
    )
    .mount(&server)
    .await;
    empty_page("account_id=81234567&page=2&limit=2", 0)
        .mount(&server)
        .await;
    let client = builder(&server)
        .user(USER_EMAIL, secrecy::SecretString::from(USER_PASSWORD))
        .stream_options(banking_core::pagination::StreamOptions::new().max_pages(1))
        .build()
        .unwrap();
    let results: Vec<_> = client
        .transactions()
        .stream(TransactionsQuery::new().account_id("81234567").limit(2))
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(
        matches!(
            results[2],
            Err(banking_core::Error::Pagination(
                banking_core::pagination::PaginationError::PageCapReached { max_pages: 1 }
            ))
        ),
        "{:?}",
        results[2]
    );
}

#[tokio::test]
async fn concurrent_pages_end_at_the_short_page_and_drop_the_pages_past_it() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    page(
        "account_id=81234567&page=1&limit=2",
        "schema_built_transactions_list_page1_200.json",
        1,
    )
    .mount(&server)
    .await;
    page(
        "account_id=81234567&page=2&limit=2",
        "schema_built_transactions_list_page2_200.json",
        1,
    )
    .mount(&server)
    .await;
    // Linxo sends no total: with 3 pages in flight, pages 3 and 4 may be
    // sent before page 2 turns out short, and are then dropped unread.
    // Nothing is sent once page 2 has arrived.
    for (query, times) in [
        ("account_id=81234567&page=3&limit=2", 0..=1),
        ("account_id=81234567&page=4&limit=2", 0..=1),
        ("account_id=81234567&page=5&limit=2", 0..=0),
    ] {
        Mock::given(method("GET"))
            .and(path("/transactions"))
            .and(query_is(query))
            .respond_with(ok_fixture("schema_built_transactions_list_page1_200.json"))
            .expect(times)
            .mount(&server)
            .await;
    }
    let client = builder(&server)
        .user(USER_EMAIL, secrecy::SecretString::from(USER_PASSWORD))
        .stream_options(banking_core::pagination::StreamOptions::new().concurrent_pages(3))
        .build()
        .unwrap();
    let all: Vec<_> = client
        .transactions()
        .stream(TransactionsQuery::new().account_id("81234567").limit(2))
        .try_collect()
        .await
        .unwrap();
    let amounts: Vec<String> = all.iter().map(|t| t.amount.to_string()).collect();
    assert_eq!(amounts, ["-42.90", "-4", "2150.00"]);
}

#[tokio::test]
async fn with_options_headers_reach_every_page_of_a_stream() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    for (query, fixture_name) in [
        (
            "account_id=81234567&page=1&limit=2",
            "schema_built_transactions_list_page1_200.json",
        ),
        (
            "account_id=81234567&page=2&limit=2",
            "schema_built_transactions_list_page2_200.json",
        ),
    ] {
        Mock::given(method("GET"))
            .and(path("/transactions"))
            .and(query_is(query))
            .and(wiremock::matchers::header("x-correlation-id", "corr-linxo"))
            .respond_with(ok_fixture(fixture_name))
            .expect(1)
            .mount(&server)
            .await;
    }
    let all: Vec<_> = user_client(&server)
        .transactions()
        .with_options(
            banking_core::transport::CallOptions::new().header("x-correlation-id", "corr-linxo"),
        )
        .stream(TransactionsQuery::new().account_id("81234567").limit(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
}
