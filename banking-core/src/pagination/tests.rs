use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use futures::future::{Ready, ready};
use futures::stream::FusedStream;
use futures::{FutureExt, StreamExt, TryStreamExt};
use tokio::sync::oneshot;

use super::*;

#[derive(Debug, PartialEq)]
enum TestError {
    Server(&'static str),
    Paging(PaginationError),
}

impl From<PaginationError> for TestError {
    fn from(err: PaginationError) -> Self {
        TestError::Paging(err)
    }
}

type TestPage = Page<u32, u32>;

/// The cursors each fetch was called with, in order.
#[derive(Clone, Default)]
struct Calls(Arc<Mutex<Vec<Option<u32>>>>);

impl Calls {
    fn record(&self, cursor: Option<u32>) {
        self.0.lock().unwrap().push(cursor);
    }

    fn get(&self) -> Vec<Option<u32>> {
        self.0.lock().unwrap().clone()
    }
}

/// An API whose pages are listed up front; the cursor is the page index and
/// `None` asks for page 0. Page `i` points to `i + 1` unless it is the last.
fn api(
    pages: Vec<Result<Vec<u32>, &'static str>>,
    calls: &Calls,
) -> impl FnMut(Option<u32>) -> Ready<Result<TestPage, TestError>> + use<> {
    let calls = calls.clone();
    move |cursor| {
        calls.record(cursor);
        let index = cursor.unwrap_or(0);
        let next = (index + 1 < pages.len() as u32).then_some(index + 1);
        let page = pages[index as usize].clone();
        ready(
            page.map(|items| Page::new(items, next))
                .map_err(TestError::Server),
        )
    }
}

/// An API with `per_page` items on each of an endless run of pages.
fn endless(
    per_page: u32,
    calls: &Calls,
) -> impl FnMut(Option<u32>) -> Ready<Result<TestPage, TestError>> + use<> {
    let calls = calls.clone();
    move |cursor| {
        calls.record(cursor);
        let index = cursor.unwrap_or(0);
        let items = (index * per_page..(index + 1) * per_page).collect();
        ready(Ok(Page::new(items, Some(index + 1))))
    }
}

fn three_pages() -> Vec<Result<Vec<u32>, &'static str>> {
    vec![Ok(vec![0, 1, 2]), Ok(vec![3, 4, 5]), Ok(vec![6, 7, 8])]
}

#[tokio::test]
async fn nothing_is_fetched_until_polled() {
    let calls = Calls::default();
    let mut items = Paginator::new(None, api(three_pages(), &calls))
        .prefetch(false)
        .items();
    assert!(calls.get().is_empty());

    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(calls.get(), [None]);
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(calls.get(), [None], "page 1 is only fetched when needed");
    assert_eq!(items.next().await, Some(Ok(3)));
    assert_eq!(calls.get(), [None, Some(1)]);
}

#[tokio::test]
async fn items_follow_the_cursors_in_order() {
    let calls = Calls::default();
    let items: Vec<u32> = Paginator::new(None, api(three_pages(), &calls))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(calls.get(), [None, Some(1), Some(2)]);
}

#[tokio::test]
async fn pages_start_at_the_given_cursor_and_end_without_next() {
    let calls = Calls::default();
    let pages: Vec<TestPage> = Paginator::new(Some(1), api(three_pages(), &calls))
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages,
        [
            Page::new(vec![3, 4, 5], Some(2)),
            Page::new(vec![6, 7, 8], None)
        ]
    );
    assert_eq!(calls.get(), [Some(1), Some(2)]);
}

#[tokio::test]
async fn the_first_error_is_yielded_then_the_stream_ends() {
    let calls = Calls::default();
    let pages = vec![Ok(vec![0, 1]), Err("boom"), Ok(vec![4, 5])];
    let mut items = Paginator::new(None, api(pages, &calls)).items();
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().await, Some(Err(TestError::Server("boom"))));
    assert!(!items.is_terminated());
    assert_eq!(items.next().await, None);
    assert!(items.is_terminated());
    assert_eq!(items.next().await, None);
    assert_eq!(calls.get(), [None, Some(1)]);
}

#[tokio::test]
async fn a_failing_first_page_ends_the_page_stream() {
    let calls = Calls::default();
    let mut pages = Paginator::new(None, api(vec![Err("down")], &calls)).pages();
    assert_eq!(pages.next().await, Some(Err(TestError::Server("down"))));
    assert_eq!(pages.next().await, None);
    assert_eq!(calls.get(), [None]);
}

/// A server that answers every page with the same cursor.
fn stuck(calls: &Calls) -> impl FnMut(Option<u32>) -> Ready<Result<TestPage, TestError>> + use<> {
    let calls = calls.clone();
    move |cursor| {
        calls.record(cursor);
        ready(Ok(Page::new(vec![cursor.unwrap_or(0)], Some(7))))
    }
}

#[tokio::test]
async fn a_repeated_cursor_ends_with_a_typed_error() {
    let calls = Calls::default();
    let mut pages = Paginator::new(None, stuck(&calls)).pages();
    assert_eq!(pages.next().await, Some(Ok(Page::new(vec![0], Some(7)))));
    // Fetched with 7, answered with 7: yielded, then no further request.
    assert_eq!(pages.next().await, Some(Ok(Page::new(vec![7], Some(7)))));
    assert_eq!(
        pages.next().await,
        Some(Err(TestError::Paging(PaginationError::RepeatedCursor {
            page: 2
        })))
    );
    assert_eq!(pages.next().await, None);
    assert_eq!(calls.get(), [None, Some(7)]);
}

#[tokio::test]
async fn a_repeated_cursor_on_the_first_page_is_caught() {
    let calls = Calls::default();
    let items: Vec<Result<u32, TestError>> = Paginator::new(Some(7), stuck(&calls))
        .prefetch(true)
        .items()
        .collect()
        .await;
    assert_eq!(
        items,
        [
            Ok(7),
            Err(TestError::Paging(PaginationError::RepeatedCursor {
                page: 1
            }))
        ]
    );
    assert_eq!(calls.get(), [Some(7)]);
}

fn page_cap(max_pages: usize) -> TestError {
    TestError::Paging(PaginationError::PageCapReached { max_pages })
}

fn item_cap(max_items: usize) -> TestError {
    TestError::Paging(PaginationError::ItemCapReached { max_items })
}

#[tokio::test]
async fn max_pages_caps_the_requests_and_says_so() {
    for prefetch in [false, true] {
        let calls = Calls::default();
        let items: Vec<_> = Paginator::new(None, endless(2, &calls))
            .max_pages(2)
            .prefetch(prefetch)
            .items()
            .collect()
            .await;
        assert_eq!(
            items,
            [Ok(0), Ok(1), Ok(2), Ok(3), Err(page_cap(2))],
            "prefetch {prefetch}"
        );
        assert_eq!(calls.get(), [None, Some(1)], "prefetch {prefetch}");
    }

    let calls = Calls::default();
    let mut none = Paginator::new(None, endless(2, &calls))
        .max_pages(0)
        .pages();
    assert_eq!(none.next().await, Some(Err(page_cap(0))));
    assert_eq!(none.next().await, None);
    assert!(calls.get().is_empty());
}

#[tokio::test]
async fn a_listing_that_ends_at_the_page_cap_ends_cleanly() {
    let calls = Calls::default();
    let items: Vec<u32> = Paginator::new(None, api(three_pages(), &calls))
        .max_pages(3)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 9);
}

#[tokio::test]
async fn a_repeat_is_reported_before_the_page_cap() {
    let calls = Calls::default();
    let pages: Vec<_> = Paginator::new(None, stuck(&calls))
        .max_pages(2)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 3);
    assert_eq!(
        pages[2],
        Err(TestError::Paging(PaginationError::RepeatedCursor {
            page: 2
        }))
    );
}

#[tokio::test]
async fn max_items_cuts_the_page_at_the_cap_and_says_so() {
    for prefetch in [false, true] {
        let calls = Calls::default();
        let items: Vec<_> = Paginator::new(None, endless(3, &calls))
            .max_items(4)
            .prefetch(prefetch)
            .items()
            .collect()
            .await;
        assert_eq!(
            items,
            [Ok(0), Ok(1), Ok(2), Ok(3), Err(item_cap(4))],
            "prefetch {prefetch}"
        );
        assert_eq!(calls.get(), [None, Some(1)], "prefetch {prefetch}");
    }
    // Pages are cut the same way.
    let calls = Calls::default();
    let pages: Vec<_> = Paginator::new(None, endless(3, &calls))
        .max_items(4)
        .pages()
        .collect()
        .await;
    assert_eq!(
        pages,
        [
            Ok(Page::new(vec![0, 1, 2], Some(1))),
            Ok(Page::new(vec![3], Some(2))),
            Err(item_cap(4))
        ]
    );
}

#[tokio::test]
async fn the_item_cap_on_a_page_boundary_stops_before_the_next_request() {
    let calls = Calls::default();
    let items: Vec<_> = Paginator::new(None, endless(3, &calls))
        .max_items(3)
        .items()
        .collect()
        .await;
    assert_eq!(items, [Ok(0), Ok(1), Ok(2), Err(item_cap(3))]);
    assert_eq!(calls.get(), [None]);

    // A listing that ends exactly at the cap ends cleanly.
    let calls = Calls::default();
    let items: Vec<u32> = Paginator::new(None, api(three_pages(), &calls))
        .max_items(9)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 9);

    let calls = Calls::default();
    let mut none = Paginator::new(None, endless(3, &calls))
        .max_items(0)
        .items();
    assert_eq!(none.next().await, Some(Err(item_cap(0))));
    assert_eq!(none.next().await, None);
    assert!(calls.get().is_empty());
}

#[tokio::test]
async fn the_default_options_cap_an_endless_listing() {
    let calls = Calls::default();
    let pages = Paginator::new(None, endless(0, &calls))
        .pages()
        .filter_map(|page| async move { page.err() })
        .collect::<Vec<_>>();
    let errors = tokio::time::timeout(std::time::Duration::from_secs(30), pages)
        .await
        .expect("the stream ends");
    assert_eq!(errors, [page_cap(DEFAULT_MAX_PAGES)]);
    assert_eq!(calls.get().len(), DEFAULT_MAX_PAGES);
}

/// A server whose page `i` points to `cycle[i]`: the cursor sequence the
/// stream follows is `None, cycle[0], cycle[cycle[0]], ...`. Every page
/// holds different items (the cursor and the call count), so only the
/// cursors can show the loop.
fn cycling(
    cycle: Vec<u32>,
    calls: &Calls,
) -> impl FnMut(Option<u32>) -> Ready<Result<TestPage, TestError>> + use<> {
    let calls = calls.clone();
    move |cursor| {
        calls.record(cursor);
        let index = cursor.unwrap_or(0);
        let call = calls.get().len() as u32;
        let page = Page::new(vec![index, call], Some(cycle[index as usize])).fingerprinted();
        ready(Ok(page))
    }
}

#[tokio::test]
async fn a_cursor_seen_earlier_in_the_stream_ends_it() {
    for prefetch in [false, true] {
        // 0 -> 1 -> 2 -> 1: A, B, A.
        let calls = Calls::default();
        let items: Vec<_> = Paginator::new(None, cycling(vec![1, 2, 1], &calls))
            .prefetch(prefetch)
            .pages()
            .collect()
            .await;
        assert_eq!(items.len(), 4, "prefetch {prefetch}");
        assert!(items[..3].iter().all(Result::is_ok));
        assert_eq!(
            items[3],
            Err(TestError::Paging(PaginationError::CursorCycle {
                page: 3,
                first_seen: 2
            })),
            "prefetch {prefetch}"
        );
        assert_eq!(calls.get(), [None, Some(1), Some(2)], "prefetch {prefetch}");
    }

    // Back to the cursor the stream started at.
    let calls = Calls::default();
    let items: Vec<_> = Paginator::new(Some(0), cycling(vec![1, 2, 0], &calls))
        .items()
        .collect()
        .await;
    assert_eq!(
        items.last().unwrap(),
        &Err(TestError::Paging(PaginationError::CursorCycle {
            page: 3,
            first_seen: 1
        }))
    );
    assert_eq!(calls.get(), [Some(0), Some(1), Some(2)]);
}

/// A server that echoes the requested page number (so the next cursor always
/// moves on) but serves the same items whatever is asked, like Linxo
/// ignoring `page`.
fn ignores_the_cursor(
    calls: &Calls,
) -> impl FnMut(Option<u32>) -> Ready<Result<TestPage, TestError>> + use<> {
    let calls = calls.clone();
    move |cursor| {
        calls.record(cursor);
        let page = cursor.unwrap_or(1);
        ready(Ok(
            Page::new(vec![10, 20, 30], Some(page + 1)).fingerprinted()
        ))
    }
}

#[tokio::test]
async fn a_page_with_the_items_of_an_earlier_one_ends_the_stream_without_them() {
    for prefetch in [false, true] {
        let calls = Calls::default();
        let items: Vec<_> = Paginator::new(Some(1), ignores_the_cursor(&calls))
            .prefetch(prefetch)
            .items()
            .collect()
            .await;
        assert_eq!(
            items,
            [
                Ok(10),
                Ok(20),
                Ok(30),
                Err(TestError::Paging(PaginationError::IdenticalPage {
                    page: 2,
                    same_as: 1
                }))
            ],
            "prefetch {prefetch}"
        );
        assert_eq!(calls.get(), [Some(1), Some(2)]);
    }
}

#[tokio::test]
async fn identical_pages_are_told_apart_by_the_fingerprint_only() {
    // Same items, but no fingerprint: the stream cannot tell.
    let calls = Calls::default();
    let pages: Vec<_> = Paginator::new(None, move |cursor: Option<u32>| {
        calls.record(cursor);
        let page = cursor.unwrap_or(0);
        ready(Ok::<_, TestError>(Page::new(
            vec![1],
            (page < 2).then_some(page + 1),
        )))
    })
    .pages()
    .try_collect()
    .await
    .unwrap();
    assert_eq!(pages.len(), 3);

    // Empty pages all look alike but are not a loop.
    let calls = Calls::default();
    let items: Vec<u32> = Paginator::new(None, move |cursor: Option<u32>| {
        calls.record(cursor);
        let page = cursor.unwrap_or(0);
        let items = if page == 3 { vec![7] } else { vec![] };
        ready(Ok::<_, TestError>(
            Page::new(items, (page < 3).then_some(page + 1)).fingerprinted(),
        ))
    })
    .items()
    .try_collect()
    .await
    .unwrap();
    assert_eq!(items, [7]);
}

/// Pages of `per_page` new items forever, each saying the listing holds
/// `total` items.
fn over_total(
    per_page: u32,
    total: u64,
    calls: &Calls,
) -> impl FnMut(Option<u32>) -> Ready<Result<TestPage, TestError>> + use<> {
    let mut endless = endless(per_page, calls);
    move |cursor| {
        let page = endless(cursor).into_inner().unwrap();
        ready(Ok(page.fingerprinted().with_total_items(total)))
    }
}

#[tokio::test]
async fn more_items_than_the_server_total_end_the_stream() {
    let calls = Calls::default();
    let items: Vec<_> = Paginator::new(None, over_total(2, 5, &calls))
        .items()
        .collect()
        .await;
    assert_eq!(
        items,
        [
            Ok(0),
            Ok(1),
            Ok(2),
            Ok(3),
            Err(TestError::Paging(PaginationError::BeyondTotal {
                page: 3,
                items: 6,
                total: 5
            }))
        ]
    );
    assert_eq!(calls.get(), [None, Some(1), Some(2)]);

    // A total that grows while the listing is read is followed.
    let calls = Calls::default();
    let mut total = 2;
    let mut pages = api(three_pages(), &calls);
    let items: Vec<u32> = Paginator::new(None, move |cursor| {
        total += 3;
        ready(Ok::<_, TestError>(
            pages(cursor).into_inner().unwrap().with_total_items(total),
        ))
    })
    .items()
    .try_collect()
    .await
    .unwrap();
    assert_eq!(items.len(), 9);
}

#[test]
fn fingerprints_follow_the_items() {
    let page = |items: Vec<u32>| Page::<u32, u32>::new(items, None).fingerprinted();
    assert_eq!(
        page(vec![1, 2]).fingerprint(),
        page(vec![1, 2]).fingerprint()
    );
    assert_ne!(
        page(vec![1, 2]).fingerprint(),
        page(vec![2, 1]).fingerprint()
    );
    assert!(page(vec![]).fingerprint().is_some());
    assert_eq!(Page::<u32, u32>::new(vec![1], None).fingerprint(), None);
    assert_eq!(
        Page::<u32, u32>::new(vec![], None)
            .with_total_items(4)
            .total_items(),
        Some(4)
    );
}

#[tokio::test]
async fn empty_pages_do_not_end_the_listing() {
    let calls = Calls::default();
    let pages = vec![
        Ok(vec![]),
        Ok(vec![1, 2]),
        Ok(vec![]),
        Ok(vec![3]),
        Ok(vec![]),
    ];
    let items: Vec<u32> = Paginator::new(None, api(pages, &calls))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [1, 2, 3]);
    assert_eq!(calls.get().len(), 5);
}

#[tokio::test]
async fn prefetch_is_on_by_default() {
    let calls = Calls::default();
    let mut items = Paginator::new(None, endless(3, &calls)).items();
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(calls.get(), [None, Some(1)]);
}

#[tokio::test]
async fn prefetch_fetches_at_most_one_page_ahead() {
    let calls = Calls::default();
    let mut items = Paginator::new(None, endless(3, &calls))
        .prefetch(true)
        .items();
    assert!(calls.get().is_empty());
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(calls.get(), [None, Some(1)]);
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(calls.get(), [None, Some(1)]);
    assert_eq!(items.next().await, Some(Ok(3)));
    assert_eq!(calls.get(), [None, Some(1), Some(2)]);
}

/// A fetch whose pages are released one by one through oneshot channels; the
/// log shows when each request is made, first polled and completed.
struct Gated {
    log: Arc<Mutex<Vec<String>>>,
    senders: VecDeque<oneshot::Sender<TestPage>>,
}

impl Gated {
    fn new(
        pages: usize,
    ) -> (
        Self,
        impl FnMut(Option<u32>) -> futures::future::BoxFuture<'static, Result<TestPage, TestError>>
        + use<>,
    ) {
        let log = Arc::new(Mutex::new(Vec::new()));
        let (senders, mut receivers): (VecDeque<_>, VecDeque<_>) =
            (0..pages).map(|_| oneshot::channel()).unzip();
        let fetch_log = log.clone();
        let fetch = move |cursor: Option<u32>| {
            let log = fetch_log.clone();
            log.lock().unwrap().push(format!("fetch {cursor:?}"));
            let receiver = receivers.pop_front().expect("no more pages than planned");
            let future = async move {
                log.lock().unwrap().push(format!("polled {cursor:?}"));
                let page = receiver.await.expect("test keeps the sender");
                log.lock().unwrap().push(format!("received {cursor:?}"));
                Ok(page)
            };
            Box::pin(future) as futures::future::BoxFuture<'static, _>
        };
        (Gated { log, senders }, fetch)
    }

    fn release(&mut self, page: TestPage) {
        let sender = self.senders.pop_front().unwrap();
        sender.send(page).unwrap();
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn prefetch_downloads_the_next_page_while_items_are_taken() {
    let (mut gate, fetch) = Gated::new(2);
    let mut items = Paginator::new(None, fetch).prefetch(true).items();

    gate.release(Page::new(vec![1, 2, 3], Some(2)));
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(
        gate.log(),
        [
            "fetch None",
            "polled None",
            "received None",
            "fetch Some(2)",
            "polled Some(2)"
        ]
    );

    // Page 2 arrives while the caller still holds most of page 1; taking
    // the next item of page 1 completes its download.
    gate.release(Page::new(vec![4], None));
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(gate.log().last().unwrap(), "received Some(2)");
    assert_eq!(items.next().await, Some(Ok(3)));
    assert_eq!(items.next().await, Some(Ok(4)));
    assert_eq!(items.next().await, None);
    assert_eq!(gate.log().len(), 6);
}

#[tokio::test]
async fn without_prefetch_the_next_request_waits_for_the_caller() {
    let (mut gate, fetch) = Gated::new(2);
    let mut items = Paginator::new(None, fetch).prefetch(false).items();

    gate.release(Page::new(vec![1, 2], Some(2)));
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(gate.log(), ["fetch None", "polled None", "received None"]);

    gate.release(Page::new(vec![3], None));
    assert_eq!(items.next().await, Some(Ok(3)));
    assert_eq!(gate.log().len(), 6);
}

#[tokio::test]
async fn prefetch_with_pages_starts_the_next_request_on_yield() {
    let (mut gate, fetch) = Gated::new(2);
    let mut pages = Paginator::new(None, fetch).prefetch(true).pages();

    gate.release(Page::new(vec![1], Some(2)));
    assert_eq!(pages.next().await, Some(Ok(Page::new(vec![1], Some(2)))));
    assert_eq!(gate.log()[3..], ["fetch Some(2)", "polled Some(2)"]);

    gate.release(Page::new(vec![2], None));
    assert_eq!(pages.next().await, Some(Ok(Page::new(vec![2], None))));
    assert_eq!(pages.next().await, None);
}

#[tokio::test]
async fn dropping_the_stream_cancels_the_prefetched_request() {
    let (mut gate, fetch) = Gated::new(2);
    let mut items = Paginator::new(None, fetch).prefetch(true).items();
    gate.release(Page::new(vec![1, 2], Some(2)));
    assert_eq!(items.next().await, Some(Ok(1)));
    assert!(!gate.senders[0].is_closed());
    drop(items);
    assert!(
        gate.senders[0].is_closed(),
        "no task keeps the request alive"
    );
}

#[tokio::test]
async fn an_error_in_the_prefetched_page_comes_after_the_current_items() {
    let calls = Calls::default();
    let pages = vec![Ok(vec![0, 1]), Err("late")];
    let items: Vec<_> = Paginator::new(None, api(pages, &calls))
        .prefetch(true)
        .items()
        .collect()
        .await;
    assert_eq!(items, [Ok(0), Ok(1), Err(TestError::Server("late"))]);
    assert_eq!(calls.get(), [None, Some(1)]);
}

#[tokio::test]
async fn core_errors_plug_in() {
    let mut pages = Paginator::new(None, |_cursor: Option<u32>| async {
        Ok::<_, crate::Error>(Page::new(vec!["a"], Some(1_u32)))
    })
    .max_pages(5)
    .pages();
    assert!(pages.next().await.unwrap().is_ok());
    assert!(pages.next().await.unwrap().is_ok());
    let err = pages.next().await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            crate::Error::Pagination(PaginationError::RepeatedCursor { page: 2 })
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert_eq!(
        err.to_string(),
        "the server answered page 2 with the cursor it was fetched with; stopped instead of \
         fetching the same page again"
    );
}

#[test]
fn streams_are_send_when_the_fetch_is() {
    fn assert_send<S: Send + Unpin>(_: &S) {}
    let calls = Calls::default();
    let paginator = Paginator::new(None, api(three_pages(), &calls));
    assert_send(&paginator);
    assert_eq!(
        format!("{paginator:?}"),
        "Paginator { first: None, computable_cursors: false, options: StreamOptions { \
         max_pages: Some(100000), max_items: Some(10000000), prefetch: true, \
         concurrent_pages: 1 }, .. }"
    );
    assert_send(&paginator.items());
    assert_send(&Paginator::new(None, api(three_pages(), &calls)).pages());
}

// Concurrent pages over computable cursors.

/// A fetch whose pages the test answers by cursor, in any order; each
/// request is logged when it is made.
#[derive(Clone, Default)]
struct ByCursor {
    calls: Calls,
    pending: Arc<Mutex<HashMap<u32, Answer>>>,
}

/// Where the test sends a page's answer.
type Answer = oneshot::Sender<Result<TestPage, TestError>>;

impl ByCursor {
    fn fetch(
        &self,
    ) -> impl FnMut(Option<u32>) -> futures::future::BoxFuture<'static, Result<TestPage, TestError>>
    + use<> {
        let this = self.clone();
        move |cursor| {
            this.calls.record(cursor);
            let (sender, receiver) = oneshot::channel();
            let page = cursor.expect("these streams start at page 0");
            this.pending.lock().unwrap().insert(page, sender);
            Box::pin(async move { receiver.await.expect("test keeps the sender") })
        }
    }

    fn answer(&self, page: u32, result: Result<TestPage, TestError>) {
        let sender = self.pending.lock().unwrap().remove(&page);
        let sent = sender.expect("page was requested").send(result);
        assert!(sent.is_ok(), "page {page} is still awaited");
    }

    /// The pages requested whose request the stream still holds.
    fn held(&self) -> Vec<u32> {
        let pending = self.pending.lock().unwrap();
        let mut held: Vec<u32> = pending
            .iter()
            .filter(|(_, sender)| !sender.is_closed())
            .map(|(page, _)| *page)
            .collect();
        held.sort_unstable();
        held
    }

    fn pages_requested(&self) -> Vec<u32> {
        self.calls.get().into_iter().flatten().collect()
    }
}

/// Page `page` of a listing of 2 items a page, the last being `last`.
fn numbered(page: u32, last: u32) -> Result<TestPage, TestError> {
    let items = vec![page * 2, page * 2 + 1];
    Ok(Page::new(items, (page < last).then_some(page + 1)).fingerprinted())
}

/// A paginator over `fetch` from page 0 with computable page numbers.
fn concurrent<F, Fut>(fetch: F, n: usize) -> Paginator<u32, u32, TestError, F>
where
    F: FnMut(Option<u32>) -> Fut,
    Fut: std::future::Future<Output = Result<TestPage, TestError>>,
{
    Paginator::new(Some(0), fetch)
        .computable_cursors(cursor::page_after)
        .concurrent_pages(n)
}

fn items_of(page: Option<Result<TestPage, TestError>>) -> Vec<u32> {
    page.expect("a page").expect("not an error").items
}

#[tokio::test]
async fn concurrent_pages_are_yielded_in_order_whatever_order_they_complete_in() {
    let server = ByCursor::default();
    let mut pages = concurrent(server.fetch(), 3).pages();

    // The first page goes alone: until it arrives, nothing says there is a
    // second.
    assert_eq!(pages.next().now_or_never(), None);
    assert_eq!(server.pages_requested(), [0]);
    server.answer(0, numbered(0, 5));
    assert_eq!(items_of(pages.next().await), [0, 1]);
    assert_eq!(server.pages_requested(), [0, 1, 2, 3], "three in flight");

    // Pages 3 and 2 complete before page 1: nothing is yielded before 1.
    server.answer(3, numbered(3, 5));
    server.answer(2, numbered(2, 5));
    assert_eq!(pages.next().now_or_never(), None);
    assert_eq!(server.pages_requested(), [0, 1, 2, 3], "the window is full");
    server.answer(1, numbered(1, 5));
    assert_eq!(items_of(pages.next().await), [2, 3]);
    assert_eq!(items_of(pages.next().await), [4, 5]);
    assert_eq!(items_of(pages.next().await), [6, 7]);
    // Page 5 is the last, but without a total nothing says so before it
    // arrives: page 6 is in flight too.
    assert_eq!(server.held(), [4, 5, 6]);

    server.answer(5, numbered(5, 5));
    server.answer(4, numbered(4, 5));
    assert_eq!(items_of(pages.next().await), [8, 9]);
    assert_eq!(items_of(pages.next().await), [10, 11]);
    assert_eq!(pages.next().await, None);
    assert!(server.held().is_empty(), "page 6 is cancelled, not awaited");
    assert_eq!(server.pages_requested(), [0, 1, 2, 3, 4, 5, 6]);
}

#[tokio::test]
async fn concurrent_items_keep_up_to_n_requests_in_flight_while_items_are_taken() {
    let server = ByCursor::default();
    let mut items = concurrent(server.fetch(), 4).items();
    assert_eq!(items.next().now_or_never(), None);
    server.answer(0, numbered(0, 9));
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(server.held(), [1, 2, 3, 4]);
    server.answer(2, numbered(2, 9));
    server.answer(1, numbered(1, 9));
    assert_eq!(items.next().await, Some(Ok(1)));
    // Pages 1 and 2 have arrived and wait for the caller: they count as
    // fetched ahead, so nothing more is sent.
    assert_eq!(server.held(), [3, 4]);
    assert_eq!(server.pages_requested(), [0, 1, 2, 3, 4]);
    // The caller takes page 1: one more request.
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(server.pages_requested(), [0, 1, 2, 3, 4, 5]);
    assert_eq!(server.held(), [3, 4, 5]);
}

#[tokio::test]
async fn no_request_goes_beyond_the_servers_total() {
    // 9 items, 2 a page: pages 0 to 4, the last with one item.
    let calls = Calls::default();
    let log = calls.clone();
    let fetch = move |cursor: Option<u32>| {
        log.record(cursor);
        let page = cursor.unwrap_or(0);
        let items: Vec<u32> = (page * 2..(page * 2 + 2).min(9)).collect();
        let next = cursor::next_page_number(page, 2, 9, items.len());
        ready(Ok::<_, TestError>(
            Page::new(items, next).fingerprinted().with_total_items(9),
        ))
    };
    let items: Vec<u32> = concurrent(fetch, 4).items().try_collect().await.unwrap();
    assert_eq!(items, (0..9).collect::<Vec<_>>());
    assert_eq!(calls.get(), [0, 1, 2, 3, 4].map(Some));

    // With room for 8 in flight, the total alone stops at page 4.
    let server = ByCursor::default();
    let mut items = concurrent(server.fetch(), 8).items();
    assert_eq!(items.next().now_or_never(), None);
    server.answer(0, numbered(0, 4).map(|page| page.with_total_items(9)));
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(server.held(), [1, 2, 3, 4]);
}

#[tokio::test]
async fn nothing_is_requested_after_a_short_page_and_the_pages_past_it_are_dropped() {
    let server = ByCursor::default();
    let mut items = concurrent(server.fetch(), 3).items();
    assert_eq!(items.next().now_or_never(), None);
    server.answer(0, numbered(0, 9));
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(server.held(), [1, 2, 3]);

    // Page 3, past the end, completes first; page 2 is short, the last.
    server.answer(3, numbered(3, 9));
    server.answer(2, Ok(Page::new(vec![4], None)));
    server.answer(1, numbered(1, 9));
    let rest: Vec<u32> = items.try_collect().await.unwrap();
    assert_eq!(rest, [1, 2, 3, 4], "page 3's items are not yielded");
    assert_eq!(server.pages_requested(), [0, 1, 2, 3]);

    // A page in flight past the last one is cancelled when the last arrives.
    let server = ByCursor::default();
    let mut pages = concurrent(server.fetch(), 3).pages();
    assert_eq!(pages.next().now_or_never(), None);
    server.answer(0, numbered(0, 9));
    assert_eq!(items_of(pages.next().await), [0, 1]);
    server.answer(1, Ok(Page::new(vec![], None)));
    assert_eq!(items_of(pages.next().await), Vec::<u32>::new());
    assert!(server.held().is_empty(), "pages 2 and 3 are cancelled");
    assert_eq!(pages.next().await, None);
    assert_eq!(server.pages_requested(), [0, 1, 2, 3]);
}

#[tokio::test]
async fn an_error_on_a_concurrent_page_comes_after_the_pages_before_it() {
    let server = ByCursor::default();
    let mut items = concurrent(server.fetch(), 3).items();
    assert_eq!(items.next().now_or_never(), None);
    server.answer(0, numbered(0, 9));
    assert_eq!(items.next().await, Some(Ok(0)));
    server.answer(2, Err(TestError::Server("boom")));
    server.answer(3, numbered(3, 9));
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().now_or_never(), None, "page 1 comes first");
    server.answer(1, numbered(1, 9));
    let rest: Vec<_> = items.collect().await;
    assert_eq!(rest, [Ok(2), Ok(3), Err(TestError::Server("boom"))]);
    assert_eq!(server.pages_requested(), [0, 1, 2, 3]);

    // An error past the last page is dropped with the page.
    let server = ByCursor::default();
    let mut items = concurrent(server.fetch(), 3).items();
    assert_eq!(items.next().now_or_never(), None);
    server.answer(0, numbered(0, 9));
    assert_eq!(items.next().await, Some(Ok(0)));
    server.answer(2, Err(TestError::Server("past the end")));
    server.answer(1, numbered(1, 1));
    let rest: Vec<_> = items.collect().await;
    assert_eq!(rest, [Ok(1), Ok(2), Ok(3)]);
}

#[tokio::test]
async fn the_caps_hold_with_concurrent_pages() {
    // The page cap counts requests sent, those sent ahead included.
    let calls = Calls::default();
    let items: Vec<_> = concurrent(endless(2, &calls), 4)
        .max_pages(3)
        .items()
        .collect()
        .await;
    assert_eq!(
        items,
        [Ok(0), Ok(1), Ok(2), Ok(3), Ok(4), Ok(5), Err(page_cap(3))]
    );
    assert_eq!(calls.get(), [0, 1, 2].map(Some));

    // A listing that ends at the page cap ends cleanly.
    let calls = Calls::default();
    let items: Vec<u32> = concurrent(api(three_pages(), &calls), 4)
        .max_pages(3)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 9);
    assert_eq!(calls.get(), [0, 1, 2].map(Some));

    // Nothing is sent ahead that the item cap would cut off.
    let calls = Calls::default();
    let items: Vec<_> = concurrent(endless(3, &calls), 4)
        .max_items(7)
        .items()
        .collect()
        .await;
    assert_eq!(
        items,
        [
            Ok(0),
            Ok(1),
            Ok(2),
            Ok(3),
            Ok(4),
            Ok(5),
            Ok(6),
            Err(item_cap(7))
        ]
    );
    assert_eq!(calls.get(), [0, 1, 2].map(Some));
}

#[tokio::test]
async fn a_server_ignoring_the_page_still_ends_with_a_typed_error() {
    let calls = Calls::default();
    let items: Vec<_> = Paginator::new(Some(1), ignores_the_cursor(&calls))
        .computable_cursors(cursor::page_after)
        .concurrent_pages(4)
        .items()
        .collect()
        .await;
    assert_eq!(
        items,
        [
            Ok(10),
            Ok(20),
            Ok(30),
            Err(TestError::Paging(PaginationError::IdenticalPage {
                page: 2,
                same_as: 1
            }))
        ]
    );
    assert!(calls.get().len() <= 5, "{:?}", calls.get());

    // Echoing one page number for every page: a repeated cursor.
    let calls = Calls::default();
    let pages: Vec<_> = concurrent(stuck(&calls), 4).pages().collect().await;
    assert_eq!(
        pages.last(),
        Some(&Err(TestError::Paging(PaginationError::RepeatedCursor {
            page: 2
        })))
    );
    assert_eq!(pages.len(), 3);

    // Going round: 0 -> 1 -> 2 -> 1.
    let calls = Calls::default();
    let pages: Vec<_> = concurrent(cycling(vec![1, 2, 1, 1, 1, 1], &calls), 4)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 4);
    assert_eq!(
        pages[3],
        Err(TestError::Paging(PaginationError::CursorCycle {
            page: 3,
            first_seen: 2
        }))
    );
}

#[tokio::test]
async fn a_next_cursor_other_than_the_computed_one_is_followed() {
    // The server numbers its pages 0, 2, 4, 6; page 1 computed ahead is
    // dropped unread.
    let calls = Calls::default();
    let log = calls.clone();
    let fetch = move |cursor: Option<u32>| {
        log.record(cursor);
        let page = cursor.unwrap_or(0);
        ready(Ok::<_, TestError>(
            Page::new(vec![page + 100], (page < 6).then_some(page + 2)).fingerprinted(),
        ))
    };
    let items: Vec<u32> = concurrent(fetch, 3).items().try_collect().await.unwrap();
    assert_eq!(items, [100, 102, 104, 106]);
    let requested = calls.get();
    for page in [0, 2, 4, 6] {
        assert_eq!(
            requested.iter().filter(|c| **c == Some(page)).count(),
            1,
            "{requested:?}"
        );
    }
}

#[tokio::test]
async fn dropping_the_stream_cancels_every_request_in_flight() {
    let server = ByCursor::default();
    let mut items = concurrent(server.fetch(), 3).items();
    assert_eq!(items.next().now_or_never(), None);
    server.answer(0, numbered(0, 9));
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(server.held(), [1, 2, 3]);
    drop(items);
    assert!(server.held().is_empty(), "no task keeps a request alive");
}

#[tokio::test]
async fn concurrency_needs_prefetch_and_computable_cursors() {
    // Prefetch off: one request at a time, when the caller needs it.
    let calls = Calls::default();
    let mut items = concurrent(endless(2, &calls), 4).prefetch(false).items();
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(calls.get(), [Some(0)]);
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(calls.get(), [Some(0), Some(1)]);

    // Opaque cursors: one page ahead, whatever the setting.
    let calls = Calls::default();
    let mut items = Paginator::new(Some(0), endless(2, &calls))
        .concurrent_pages(4)
        .items();
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(calls.get(), [Some(0), Some(1)]);
    assert_eq!(items.next().await, Some(Ok(1)));
    assert_eq!(items.next().await, Some(Ok(2)));
    assert_eq!(calls.get(), [Some(0), Some(1), Some(2)]);

    // Concurrency 1 with computable cursors is the one page ahead of the
    // default.
    let calls = Calls::default();
    let mut items = concurrent(endless(2, &calls), 1).items();
    assert_eq!(items.next().await, Some(Ok(0)));
    assert_eq!(calls.get(), [Some(0), Some(1)]);
    assert_eq!(
        StreamOptions::new().concurrent_pages(0).page_concurrency(),
        1
    );
}
