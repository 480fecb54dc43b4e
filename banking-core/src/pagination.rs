//! Lazy pagination over page-number, keyset, offset and next-URL cursors.
//!
//! A [`Paginator`] turns "fetch one page for this cursor" into a
//! [`futures::Stream`] of pages ([`Paginator::pages`]) or of items
//! ([`Paginator::items`]). The streams are lazy (nothing is fetched until
//! they are polled) and hold at most one page in memory, plus one prefetched
//! page when [`prefetch`](Paginator::prefetch) is on. They end:
//!
//! * after the first error, which is yielded;
//! * when a page has no next cursor;
//! * when a page's next cursor equals the cursor it was fetched with: the
//!   server would serve the same page forever, so the stream yields a
//!   [`PaginationError::RepeatedCursor`] instead of looping or silently
//!   dropping the rest of the listing. The stream's error type converts it
//!   with `From` (hence the `E: From<PaginationError>` bound); for
//!   [`crate::Error`] it becomes the non-retryable [`crate::Error::Pagination`];
//! * after [`max_pages`](Paginator::max_pages) pages (checked first, so a
//!   capped listing never reports a repeat it did not need to follow).
//!
//! Pages without items but with a next cursor do not end the stream. The
//! [`cursor`] helpers turn each provider's paging fields into the next cursor
//! (or `None` at the end).
//!
//! ```
//! use banking_core::pagination::{Page, Paginator, cursor};
//! use futures::TryStreamExt;
//!
//! /// Stand-in for an API with 5 items served 2 per page (page numbers from 0).
//! async fn list(page: u32) -> banking_core::Result<(Vec<u32>, u64)> {
//!     let all = [10, 20, 30, 40, 50];
//!     let from = (page as usize * 2).min(all.len());
//!     Ok((all[from..(from + 2).min(all.len())].to_vec(), all.len() as u64))
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! let paginator = Paginator::new(Some(0), |page: Option<u32>| async move {
//!     let page = page.unwrap_or(0);
//!     let (items, total) = list(page).await?;
//!     let next = cursor::next_page_number(page, 2, total, items.len());
//!     Ok::<_, banking_core::Error>(Page::new(items, next))
//! });
//! let items: Vec<u32> = paginator.prefetch(true).items().try_collect().await?;
//! assert_eq!(items, [10, 20, 30, 40, 50]);
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;

use futures::stream::FusedStream;

pub mod cursor;
mod stream;

#[cfg(test)]
mod tests;

use stream::{Items, Pager, Pages};

/// One page of a listing: its items and the cursor of the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T, C> {
    /// The items on this page, in server order.
    pub items: Vec<T>,
    /// The cursor that fetches the next page; `None` on the last page.
    pub next: Option<C>,
}

impl<T, C> Page<T, C> {
    /// A page of `items` followed by the page at `next`.
    pub fn new(items: Vec<T>, next: Option<C>) -> Self {
        Page { items, next }
    }
}

/// Why a paginator stopped with an error of its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationError {
    /// A page's next cursor equalled the cursor it was fetched with.
    #[error(
        "the server answered page {page} with the cursor it was fetched with; \
         stopped instead of fetching the same page again"
    )]
    RepeatedCursor {
        /// The 1-based number of the page whose next cursor repeated.
        page: usize,
    },
    /// A page said more items follow but carried nothing to fetch them
    /// with (no cursor): stopping quietly would drop the rest of the
    /// listing.
    #[error(
        "the server said more items follow but gave no cursor to fetch them; \
         stopped instead of dropping the rest of the listing"
    )]
    MissingCursor,
}

/// Builds page and item streams from a function that fetches one page.
///
/// `fetch(cursor)` loads the page at `cursor` (`None` asks for the first
/// page when `first` is `None`) and returns its items and next cursor.
/// Type parameters: `T` item, `C` cursor, `E` error, `F` the fetch function.
pub struct Paginator<T, C, E, F> {
    first: Option<C>,
    fetch: F,
    max_pages: Option<usize>,
    prefetch: bool,
    // `fn() -> _` keeps the paginator Send + Sync whatever T and E are.
    _output: PhantomData<fn() -> (T, E)>,
}

impl<T, C, E, F> Paginator<T, C, E, F> {
    /// A paginator starting at `first` (`None`: the API's first page).
    /// Nothing is fetched until a stream built from it is polled.
    pub fn new<Fut>(first: Option<C>, fetch: F) -> Self
    where
        F: FnMut(Option<C>) -> Fut,
        Fut: Future<Output = Result<Page<T, C>, E>>,
    {
        Paginator {
            first,
            fetch,
            max_pages: None,
            prefetch: false,
            _output: PhantomData,
        }
    }

    /// Fetch at most `n` pages; `0` fetches nothing.
    pub fn max_pages(mut self, n: usize) -> Self {
        self.max_pages = Some(n);
        self
    }

    /// When on, the next page's request starts as soon as a page is
    /// yielded. [`items`](Self::items) then drives it each time an item is
    /// taken, so the next page downloads while the caller works through the
    /// current one; [`pages`](Self::pages) polls it once when it hands out a
    /// page and completes it on the next poll. At most one page is fetched
    /// ahead, and no task is spawned. Off by default.
    pub fn prefetch(mut self, on: bool) -> Self {
        self.prefetch = on;
        self
    }

    /// A stream of whole pages.
    pub fn pages<Fut>(self) -> impl FusedStream<Item = Result<Page<T, C>, E>>
    where
        F: FnMut(Option<C>) -> Fut,
        Fut: Future<Output = Result<Page<T, C>, E>>,
        C: Clone + PartialEq,
        E: From<PaginationError>,
    {
        Pages::new(self.into_pager())
    }

    /// A stream of the items of every page, in order.
    pub fn items<Fut>(self) -> impl FusedStream<Item = Result<T, E>>
    where
        F: FnMut(Option<C>) -> Fut,
        Fut: Future<Output = Result<Page<T, C>, E>>,
        C: Clone + PartialEq,
        E: From<PaginationError>,
    {
        Items::new(self.into_pager())
    }

    fn into_pager<Fut>(self) -> Pager<T, C, E, F, Fut> {
        Pager::new(self.first, self.fetch, self.max_pages, self.prefetch)
    }
}

impl<T, C: fmt::Debug, E, F> fmt::Debug for Paginator<T, C, E, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("first", &self.first)
            .field("max_pages", &self.max_pages)
            .field("prefetch", &self.prefetch)
            .finish_non_exhaustive()
    }
}
