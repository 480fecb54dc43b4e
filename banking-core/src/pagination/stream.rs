//! The state machine behind [`Paginator`](super::Paginator)'s streams.
//!
//! The in-flight fetch lives in the stream itself (boxed, so the stream is
//! `Unpin` without unsafe pinning) and is polled by whichever stream method
//! runs: no task is spawned, so the streams work on any executor and stop
//! all work when dropped.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::Stream;
use futures::stream::FusedStream;

use super::{Page, PaginationError, StreamOptions, cursor_hash};

/// Fetches pages one at a time and decides when to stop.
pub(super) struct Pager<T, C, E, F, Fut> {
    fetch: F,
    /// Cursor of the next request; `None` once no request is due.
    next: Option<Option<C>>,
    requested: usize,
    options: StreamOptions,
    in_flight: Option<Pin<Box<Fut>>>,
    /// A result that completed while the caller was still busy with the
    /// previous page.
    arrived: Option<Result<Page<T, C>, E>>,
    /// The error that ends the stream instead of the next request.
    stop: Option<PaginationError>,
    progress: Progress,
    terminated: bool,
}

/// What the stream has seen, to tell a server that makes no progress.
///
/// Cursors and pages are remembered by 64-bit hash, 16 bytes a page, so
/// memory grows with the number of pages but not with their size.
#[derive(Default)]
struct Progress {
    /// Hash of each cursor requested, and the page it fetched.
    cursors: HashMap<u64, usize>,
    /// Fingerprint of each non-empty page, and its number.
    pages: HashMap<u64, usize>,
    /// Items received, those cut off by the item cap excluded.
    items: u64,
    /// The largest total any page reported.
    total: Option<u64>,
}

// Nothing is pinned in place: the future is boxed and the rest is moved
// freely, so the pager is `Unpin` whatever its type parameters are.
impl<T, C, E, F, Fut> Unpin for Pager<T, C, E, F, Fut> {}

impl<T, C, E, F, Fut> Pager<T, C, E, F, Fut> {
    pub(super) fn new(first: Option<C>, fetch: F, options: StreamOptions) -> Self {
        Pager {
            fetch,
            next: Some(first),
            requested: 0,
            options,
            in_flight: None,
            arrived: None,
            stop: None,
            progress: Progress::default(),
            terminated: false,
        }
    }

    fn prefetches(&self) -> bool {
        self.options.prefetches()
    }
}

impl<T, C, E, F, Fut> Pager<T, C, E, F, Fut>
where
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
    C: Clone + Hash,
    E: From<PaginationError>,
{
    /// Starts the next request unless one is pending, the listing is over,
    /// or a cap forbids it.
    fn start(&mut self) {
        if self.in_flight.is_some() || self.arrived.is_some() {
            return;
        }
        let Some(cursor) = self.next.take() else {
            return;
        };
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
        self.requested += 1;
        if let Some(cursor) = &cursor {
            self.progress
                .cursors
                .entry(cursor_hash(cursor))
                .or_insert(self.requested);
        }
        self.in_flight = Some(Box::pin((self.fetch)(cursor)));
    }

    /// Checks a finished request and records where it leaves the listing.
    fn settle(&mut self, result: Result<Page<T, C>, E>) -> Result<Page<T, C>, E> {
        self.next = None;
        let mut page = result?;
        let number = self.requested;
        let progress = &mut self.progress;
        if let Some(print) = page.fingerprint
            && !page.items.is_empty()
            && let Some(&same_as) = progress.pages.get(&print)
        {
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
            progress.pages.insert(print, number);
        }
        if let Some(max_items) = self.options.item_cap()
            && received > max_items as u64
        {
            let room = (max_items as u64).saturating_sub(progress.items);
            page.items
                .truncate(usize::try_from(room).unwrap_or(usize::MAX));
            progress.items = max_items as u64;
            self.stop = Some(PaginationError::ItemCapReached { max_items });
            return Ok(page);
        }
        progress.items = received;
        if let Some(next) = &page.next {
            match progress.cursors.get(&cursor_hash(next)) {
                Some(&seen) if seen == number => {
                    self.stop = Some(PaginationError::RepeatedCursor { page: number });
                }
                Some(&first_seen) => {
                    self.stop = Some(PaginationError::CursorCycle {
                        page: number,
                        first_seen,
                    });
                }
                None => self.next = Some(Some(next.clone())),
            }
        }
        Ok(page)
    }

    /// Polls the in-flight request once, keeping its result for later.
    fn drive(&mut self, cx: &mut Context<'_>) {
        if let Some(fut) = self.in_flight.as_mut()
            && let Poll::Ready(result) = fut.as_mut().poll(cx)
        {
            self.in_flight = None;
            self.arrived = Some(self.settle(result));
        }
    }

    /// The next page, error, or the end of the listing.
    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Page<T, C>, E>>> {
        loop {
            if let Some(result) = self.arrived.take() {
                return Poll::Ready(Some(result));
            }
            if let Some(fut) = self.in_flight.as_mut() {
                let result = ready!(fut.as_mut().poll(cx));
                self.in_flight = None;
                return Poll::Ready(Some(self.settle(result)));
            }
            self.start();
            if self.in_flight.is_none() {
                if let Some(error) = self.stop.take() {
                    return Poll::Ready(Some(Err(error.into())));
                }
                self.terminated = true;
                return Poll::Ready(None);
            }
        }
    }

    /// Starts the following request early when prefetching.
    fn prefetch_after_page(&mut self, cx: &mut Context<'_>) {
        if self.prefetches() {
            self.start();
            // One poll sends the request on its way; later polls come from
            // `Items` as items are taken, or from the next `poll_next`.
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
                // Keep the prefetched request moving while items are taken.
                this.pager.drive(cx);
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(this.pager.poll_page(cx)) {
                Some(Ok(page)) => {
                    this.buffer = page.items.into_iter();
                    if this.pager.prefetches() {
                        this.pager.start();
                    }
                }
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
