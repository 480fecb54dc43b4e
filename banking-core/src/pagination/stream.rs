//! The state machine behind [`Paginator`](super::Paginator)'s streams.
//!
//! The requests in flight live in the stream itself (each boxed, so the
//! stream is `Unpin` without unsafe pinning) and are polled by whichever
//! stream method runs: no task is spawned, so the streams work on any
//! executor and stop all work when dropped.
//!
//! Requests complete in any order but are checked in the order they were
//! sent: a page's result waits until every page before it has been checked,
//! so the loop detection, the caps and the error order are those of a
//! stream that fetches one page at a time.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::Stream;
use futures::stream::FusedStream;

use super::{Page, PaginationError, Step, StreamOptions, cursor_hash};

/// Fetches pages, up to the options' concurrency at a time, and decides
/// when to stop.
pub(super) struct Pager<T, C, E, F, Fut> {
    fetch: F,
    /// The cursor after a given one, where the provider can compute it.
    step: Option<Step<C>>,
    /// Cursor of the next request: with nothing in flight, the next cursor
    /// of the last page checked; otherwise the one computed after the last
    /// request sent. `None` once no request is due.
    next: Option<Option<C>>,
    requested: usize,
    options: StreamOptions,
    /// Requests sent and not yet checked, in listing order.
    in_flight: VecDeque<InFlight<T, C, E, Fut>>,
    /// Checked results the caller has not taken yet, in listing order.
    arrived: VecDeque<Result<Page<T, C>, E>>,
    /// The error that ends the stream instead of the next request.
    stop: Option<PaginationError>,
    progress: Progress,
    terminated: bool,
}

/// One request sent.
struct InFlight<T, C, E, Fut> {
    /// Hash of the cursor it was sent with (`None`: the API's first page).
    cursor: Option<u64>,
    /// The request, until it completes.
    future: Option<Pin<Box<Fut>>>,
    /// Its result, until the pages before it have been checked.
    done: Option<Result<Page<T, C>, E>>,
}

/// What the stream has seen, to tell a server that makes no progress.
///
/// Cursors and pages are remembered by 64-bit hash, 16 bytes a page, so
/// memory grows with the number of pages but not with their size.
#[derive(Default)]
struct Progress {
    /// Pages checked.
    pages: usize,
    /// Hash of each cursor a checked page was fetched with, and its number.
    cursors: HashMap<u64, usize>,
    /// Fingerprint of each non-empty page, and its number.
    prints: HashMap<u64, usize>,
    /// Items received, those cut off by the item cap excluded.
    items: u64,
    /// The largest total any page reported.
    total: Option<u64>,
    /// The most items a page held: what a page fetched ahead is expected
    /// to hold.
    page_len: u64,
}

// Nothing is pinned in place: the futures are boxed and the rest is moved
// freely, so the pager is `Unpin` whatever its type parameters are.
impl<T, C, E, F, Fut> Unpin for Pager<T, C, E, F, Fut> {}

impl<T, C, E, F, Fut> Pager<T, C, E, F, Fut> {
    pub(super) fn new(
        first: Option<C>,
        fetch: F,
        step: Option<Step<C>>,
        options: StreamOptions,
    ) -> Self {
        Pager {
            fetch,
            step,
            next: Some(first),
            requested: 0,
            options,
            in_flight: VecDeque::new(),
            arrived: VecDeque::new(),
            stop: None,
            progress: Progress::default(),
            terminated: false,
        }
    }

    fn prefetches(&self) -> bool {
        self.options.prefetches()
    }

    /// How many pages may be fetched and not yet taken by the caller:
    /// the options' concurrency where the cursors are computable, else one.
    fn window(&self) -> usize {
        match self.step {
            Some(_) if self.prefetches() => self.options.page_concurrency(),
            _ => 1,
        }
    }

    /// No request is due any more: the listing is over (or ends in an
    /// error), so the requests sent beyond it are dropped unread.
    fn end(&mut self) {
        self.next = None;
        self.in_flight.clear();
    }

    /// Whether a request computed ahead may go out: only after a page with
    /// items (which tells how many a page holds), and only when the pages
    /// in flight, if full, still leave room under the server's total, the
    /// item cap and the page cap.
    fn may_fetch_ahead(&self) -> bool {
        let progress = &self.progress;
        if progress.page_len == 0 {
            return false;
        }
        let pending = u64::try_from(self.in_flight.len()).unwrap_or(u64::MAX);
        let expected = progress
            .items
            .saturating_add(progress.page_len.saturating_mul(pending));
        let below = |limit: Option<u64>| limit.is_none_or(|limit| expected < limit);
        below(progress.total)
            && below(self.options.item_cap().map(|cap| cap as u64))
            && self
                .options
                .page_cap()
                .is_none_or(|cap| self.requested < cap)
    }
}

impl<T, C, E, F, Fut> Pager<T, C, E, F, Fut>
where
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
    C: Clone + Hash,
    E: From<PaginationError>,
{
    /// Sends requests while the window has room, the listing may go on and
    /// the caps allow. With nothing in flight the next cursor is the one a
    /// page gave, and a cap that forbids it ends the stream; a cursor
    /// computed ahead is only sent when [`may_fetch_ahead`](Self::may_fetch_ahead).
    fn start(&mut self) {
        loop {
            let waiting = self.in_flight.len() + self.arrived.len();
            if waiting >= self.window() {
                return;
            }
            let ahead = !self.in_flight.is_empty();
            if ahead && !self.may_fetch_ahead() {
                return;
            }
            let Some(cursor) = self.next.take() else {
                return;
            };
            if !ahead {
                if let Some(max_pages) = self.options.page_cap()
                    && self.requested >= max_pages
                {
                    self.stop = Some(PaginationError::PageCapReached { max_pages });
                    return;
                }
                if let Some(max_items) = self.options.item_cap()
                    && self.progress.items >= max_items as u64
                {
                    self.stop = Some(PaginationError::ItemCapReached { max_items });
                    return;
                }
            }
            self.requested += 1;
            self.next = match (&self.step, &cursor) {
                (Some(step), Some(cursor)) => step(cursor).map(Some),
                _ => None,
            };
            self.in_flight.push_back(InFlight {
                cursor: cursor.as_ref().map(cursor_hash),
                future: Some(Box::pin((self.fetch)(cursor))),
                done: None,
            });
        }
    }

    /// Checks a finished request, the pages before it checked already, and
    /// records where it leaves the listing.
    fn settle(
        &mut self,
        cursor: Option<u64>,
        result: Result<Page<T, C>, E>,
    ) -> Result<Page<T, C>, E> {
        let progress = &mut self.progress;
        progress.pages += 1;
        let number = progress.pages;
        if let Some(cursor) = cursor {
            progress.cursors.entry(cursor).or_insert(number);
        }
        let mut page = match result {
            Ok(page) => page,
            Err(err) => {
                self.end();
                return Err(err);
            }
        };
        if let Some(print) = page.fingerprint
            && !page.items.is_empty()
            && let Some(&same_as) = progress.prints.get(&print)
        {
            self.end();
            return Err(PaginationError::IdenticalPage {
                page: number,
                same_as,
            }
            .into());
        }
        let received = progress.items.saturating_add(page.items.len() as u64);
        let total = progress.total.max(page.total_items);
        progress.total = total;
        if let Some(total) = total
            && received > total
        {
            self.end();
            return Err(PaginationError::BeyondTotal {
                page: number,
                items: received,
                total,
            }
            .into());
        }
        if let Some(print) = page.fingerprint
            && !page.items.is_empty()
        {
            progress.prints.insert(print, number);
        }
        progress.page_len = progress.page_len.max(page.items.len() as u64);
        if let Some(max_items) = self.options.item_cap()
            && received > max_items as u64
        {
            let room = (max_items as u64).saturating_sub(progress.items);
            page.items
                .truncate(usize::try_from(room).unwrap_or(usize::MAX));
            progress.items = max_items as u64;
            self.stop = Some(PaginationError::ItemCapReached { max_items });
            self.end();
            return Ok(page);
        }
        progress.items = received;
        let Some(next) = &page.next else {
            self.end();
            return Ok(page);
        };
        let hash = cursor_hash(next);
        match progress.cursors.get(&hash) {
            Some(&seen) => {
                self.stop = Some(if seen == number {
                    PaginationError::RepeatedCursor { page: number }
                } else {
                    PaginationError::CursorCycle {
                        page: number,
                        first_seen: seen,
                    }
                });
                self.end();
            }
            // The request computed for the next page is the right one.
            None if self
                .in_flight
                .front()
                .is_some_and(|ahead| ahead.cursor == Some(hash)) => {}
            // Nothing was sent for it, or the server numbers its pages
            // otherwise than computed: follow the page.
            None => {
                self.in_flight.clear();
                self.next = Some(Some(next.clone()));
            }
        }
        Ok(page)
    }

    /// Polls every request in flight, checks those that completed in
    /// order and, when prefetching, sends the requests that now fit.
    fn drive(&mut self, cx: &mut Context<'_>) {
        loop {
            for request in &mut self.in_flight {
                if let Some(future) = request.future.as_mut()
                    && let Poll::Ready(result) = future.as_mut().poll(cx)
                {
                    request.future = None;
                    request.done = Some(result);
                }
            }
            while let Some(first) = self.in_flight.front_mut() {
                let Some(result) = first.done.take() else {
                    break;
                };
                let cursor = first.cursor;
                self.in_flight.pop_front();
                let checked = self.settle(cursor, result);
                self.arrived.push_back(checked);
            }
            if !self.prefetches() {
                return;
            }
            let sent = self.requested;
            self.start();
            if self.requested == sent {
                return;
            }
        }
    }

    /// The next page, error, or the end of the listing.
    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Page<T, C>, E>>> {
        loop {
            if let Some(result) = self.arrived.pop_front() {
                return Poll::Ready(Some(result));
            }
            if !self.in_flight.is_empty() {
                self.drive(cx);
                if self.arrived.is_empty() {
                    // Every request in flight was polled and is pending.
                    return Poll::Pending;
                }
                continue;
            }
            self.start();
            if self.in_flight.is_empty() {
                if let Some(error) = self.stop.take() {
                    return Poll::Ready(Some(Err(error.into())));
                }
                self.terminated = true;
                return Poll::Ready(None);
            }
        }
    }

    /// Starts the following requests early when prefetching.
    fn prefetch_after_page(&mut self, cx: &mut Context<'_>) {
        if self.prefetches() {
            // One poll sends the requests on their way; later polls come
            // from `Items` as items are taken, or from the next `poll_next`.
            self.drive(cx);
        }
    }
}

/// The stream behind [`Paginator::pages`](super::Paginator::pages).
pub(super) struct Pages<T, C, E, F, Fut> {
    pager: Pager<T, C, E, F, Fut>,
}

impl<T, C, E, F, Fut> Pages<T, C, E, F, Fut> {
    pub(super) fn new(pager: Pager<T, C, E, F, Fut>) -> Self {
        Pages { pager }
    }
}

impl<T, C, E, F, Fut> Stream for Pages<T, C, E, F, Fut>
where
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
    C: Clone + Hash,
    E: From<PaginationError>,
{
    type Item = Result<Page<T, C>, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let pager = &mut self.get_mut().pager;
        let page = ready!(pager.poll_page(cx));
        if matches!(page, Some(Ok(_))) {
            pager.prefetch_after_page(cx);
        }
        Poll::Ready(page)
    }
}

impl<T, C, E, F, Fut> FusedStream for Pages<T, C, E, F, Fut>
where
    Self: Stream,
{
    fn is_terminated(&self) -> bool {
        self.pager.terminated
    }
}

/// The stream behind [`Paginator::items`](super::Paginator::items).
pub(super) struct Items<T, C, E, F, Fut> {
    pager: Pager<T, C, E, F, Fut>,
    /// The rest of the current page.
    buffer: std::vec::IntoIter<T>,
}

impl<T, C, E, F, Fut> Items<T, C, E, F, Fut> {
    pub(super) fn new(pager: Pager<T, C, E, F, Fut>) -> Self {
        Items {
            pager,
            buffer: Vec::new().into_iter(),
        }
    }
}

impl<T, C, E, F, Fut> Unpin for Items<T, C, E, F, Fut> {}

impl<T, C, E, F, Fut> Stream for Items<T, C, E, F, Fut>
where
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
    C: Clone + Hash,
    E: From<PaginationError>,
{
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                // Keep the requests ahead moving while items are taken.
                this.pager.drive(cx);
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(this.pager.poll_page(cx)) {
                // Taking the page's first item sends the next requests.
                Some(Ok(page)) => this.buffer = page.items.into_iter(),
                Some(Err(err)) => return Poll::Ready(Some(Err(err))),
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.buffer.len();
        if self.pager.terminated {
            (buffered, Some(buffered))
        } else {
            (buffered, None)
        }
    }
}

impl<T, C, E, F, Fut> FusedStream for Items<T, C, E, F, Fut>
where
    Self: Stream,
{
    fn is_terminated(&self) -> bool {
        self.pager.terminated && self.buffer.as_slice().is_empty()
    }
}
