use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use futures::future::{Ready, ready};
use futures::stream::FusedStream;
use futures::{StreamExt, TryStreamExt};
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
    let mut items = Paginator::new(None, api(three_pages(), &calls)).items();
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

#[tokio::test]
async fn max_pages_caps_the_requests() {
    for prefetch in [false, true] {
        let calls = Calls::default();
        let items: Vec<u32> = Paginator::new(None, endless(2, &calls))
            .max_pages(2)
            .prefetch(prefetch)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, [0, 1, 2, 3], "prefetch {prefetch}");
        assert_eq!(calls.get(), [None, Some(1)], "prefetch {prefetch}");
    }

    let calls = Calls::default();
    let mut none = Paginator::new(None, endless(2, &calls))
        .max_pages(0)
        .pages();
    assert_eq!(none.next().await, None);
    assert!(calls.get().is_empty());
}

#[tokio::test]
async fn max_pages_is_reached_before_a_repeat_is_reported() {
    let calls = Calls::default();
    let pages: Vec<_> = Paginator::new(None, stuck(&calls))
        .max_pages(2)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(Result::is_ok));
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
    let mut items = Paginator::new(None, fetch).items();

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
        "Paginator { first: None, max_pages: None, prefetch: false, .. }"
    );
    assert_send(&paginator.items());
    assert_send(&Paginator::new(None, api(three_pages(), &calls)).pages());
}
