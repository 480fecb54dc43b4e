//! The state machine behind [`Paginator`](super::Paginator)'s streams.
//!
//! The in-flight fetch lives in the stream itself (boxed, so the stream is
//! `Unpin` without unsafe pinning) and is polled by whichever stream method
//! runs: no task is spawned, so the streams work on any executor and stop
//! all work when dropped.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::Stream;
use futures::stream::FusedStream;

use super::{Page, PaginationError};

/// Fetches pages one at a time and decides when to stop.
pub(super) struct Pager<T, C, E, F, Fut> {
    fetch: F,
    /// Cursor of the next request; `None` once no request is due.
    next: Option<Option<C>>,
    /// Cursor of the latest request, to spot a page that points to itself.
    last: Option<C>,
    requested: usize,
    max_pages: Option<usize>,
    prefetch: bool,
    in_flight: Option<Pin<Box<Fut>>>,
    /// A result that completed while the caller was still busy with the
    /// previous page.
    arrived: Option<Result<Page<T, C>, E>>,
    repeated: bool,
    terminated: bool,
}

// Nothing is pinned in place: the future is boxed and the rest is moved
// freely, so the pager is `Unpin` whatever its type parameters are.
impl<T, C, E, F, Fut> Unpin for Pager<T, C, E, F, Fut> {}

impl<T, C, E, F, Fut> Pager<T, C, E, F, Fut> {
    pub(super) fn new(
        first: Option<C>,
        fetch: F,
        max_pages: Option<usize>,
        prefetch: bool,
    ) -> Self {
        Pager {
            fetch,
            next: Some(first),
            last: None,
            requested: 0,
            max_pages,
            prefetch,
            in_flight: None,
            arrived: None,
            repeated: false,
            terminated: false,
        }
    }
}

impl<T, C, E, F, Fut> Pager<T, C, E, F, Fut>
where
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
    C: Clone + PartialEq,
    E: From<PaginationError>,
{
    /// Starts the next request unless one is pending or the listing is over.
    fn start(&mut self) {
        if self.in_flight.is_some() || self.arrived.is_some() {
            return;
        }
        if self.max_pages.is_some_and(|max| self.requested >= max) {
            self.next = None;
        }
        let Some(cursor) = self.next.take() else {
            return;
        };
        // Only the first request may go out without a cursor.
        if self.requested > 0 && cursor == self.last {
            self.repeated = true;
            return;
        }
        self.in_flight = Some(Box::pin((self.fetch)(cursor.clone())));
        self.last = cursor;
        self.requested += 1;
    }

    /// Records where a finished request leaves the listing.
    fn settle(&mut self, result: Result<Page<T, C>, E>) -> Result<Page<T, C>, E> {
        self.next = match &result {
            Ok(page) => page.next.clone().map(Some),
            Err(_) => None,
        };
        result
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
                if mem::take(&mut self.repeated) {
                    let page = self.requested;
                    return Poll::Ready(Some(Err(PaginationError::RepeatedCursor { page }.into())));
                }
                self.terminated = true;
                return Poll::Ready(None);
            }
        }
    }

    /// Starts the following request early when prefetching.
    fn prefetch_after_page(&mut self, cx: &mut Context<'_>) {
        if self.prefetch {
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
    C: Clone + PartialEq,
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
    C: Clone + PartialEq,
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
                    if this.pager.prefetch {
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
