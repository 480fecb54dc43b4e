//! Lazy pagination over page-number, keyset, offset and next-URL cursors.
//!
//! A [`Paginator`] turns "fetch one page for this cursor" into a
//! [`futures::Stream`] of pages ([`Paginator::pages`]) or of items
//! ([`Paginator::items`]). The streams are lazy (nothing is fetched until
//! they are polled) and hold at most one page in memory, plus one prefetched
//! page when [`prefetch`](Paginator::prefetch) is on (the default). Where
//! the provider can compute the cursors ahead (page numbers, offsets:
//! [`Paginator::computable_cursors`]), [`StreamOptions::concurrent_pages`]
//! lets `n` page requests be in flight at once, and `n` pages be held
//! ahead; pages are still yielded, and checked, strictly in order.
//!
//! Every stream ends within a bounded number of requests, whatever the
//! server does. It ends:
//!
//! * after the first error, which is yielded;
//! * when a page has no next cursor;
//! * with a [`PaginationError`] when the server makes no progress: a next
//!   cursor equal to the one the page was fetched with
//!   ([`RepeatedCursor`](PaginationError::RepeatedCursor)) or to one fetched
//!   earlier in the stream ([`CursorCycle`](PaginationError::CursorCycle));
//!   a non-empty page with the [fingerprint](Page::with_fingerprint) of an
//!   earlier one ([`IdenticalPage`](PaginationError::IdenticalPage)); more
//!   items than the server's own [total](Page::with_total_items)
//!   ([`BeyondTotal`](PaginationError::BeyondTotal));
//! * with a [`PaginationError`] when the listing goes on beyond the
//!   [`StreamOptions`] page or item cap (on by default), after the pages
//!   and items within the cap. A listing that ends within the caps ends
//!   cleanly.
//!
//! The stream's error type converts these with `From` (hence the
//! `E: From<PaginationError>` bound); for [`crate::Error`] they become the
//! non-retryable [`crate::Error::Pagination`]. Cursors are remembered by
//! hash (`C: Hash`), pages by fingerprint: 16 bytes a page.
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
//!     // The fingerprint and the total let the stream catch a server
//!     // that makes no progress.
//!     Ok::<_, banking_core::Error>(Page::new(items, next).fingerprinted().with_total_items(total))
//! });
//! let items: Vec<u32> = paginator.prefetch(true).items().try_collect().await?;
//! assert_eq!(items, [10, 20, 30, 40, 50]);
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::marker::PhantomData;

use futures::stream::FusedStream;
use serde::Serialize;

pub mod cursor;
mod options;
mod stream;

#[cfg(test)]
mod tests;

pub use options::{DEFAULT_CONCURRENT_PAGES, DEFAULT_MAX_ITEMS, DEFAULT_MAX_PAGES, StreamOptions};
use stream::{Items, Pager, Pages};

/// One page of a listing: its items, the cursor of the next page, and what
/// the stream needs to tell a server that makes no progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T, C> {
    /// The items on this page, in server order.
    pub items: Vec<T>,
    /// The cursor that fetches the next page; `None` on the last page.
    pub next: Option<C>,
    fingerprint: Option<u64>,
    total_items: Option<u64>,
}

impl<T, C> Page<T, C> {
    /// A page of `items` followed by the page at `next`.
    pub fn new(items: Vec<T>, next: Option<C>) -> Self {
        Page {
            items,
            next,
            fingerprint: None,
            total_items: None,
        }
    }

    /// Marks the page with a fingerprint of its items: a stream that meets
    /// a non-empty page with the fingerprint of an earlier one ends with
    /// [`PaginationError::IdenticalPage`] instead of yielding its items
    /// again. Any stable hash of the items (their raw bytes, their ids)
    /// will do; [`fingerprinted`](Self::fingerprinted) hashes their JSON.
    pub fn with_fingerprint(mut self, fingerprint: u64) -> Self {
        self.fingerprint = Some(fingerprint);
        self
    }

    /// [`with_fingerprint`](Self::with_fingerprint) with the [`fingerprint`]
    /// of the items.
    pub fn fingerprinted(self) -> Self
    where
        T: Serialize,
    {
        match fingerprint(&self.items) {
            Some(print) => self.with_fingerprint(print),
            None => self,
        }
    }

    /// The number of items the server says the whole listing holds: a
    /// stream that receives more ends with [`PaginationError::BeyondTotal`].
    /// The largest total any page reported counts, so a listing that grows
    /// while it is read is not cut short.
    pub fn with_total_items(mut self, total: u64) -> Self {
        self.total_items = Some(total);
        self
    }

    /// The fingerprint set with [`with_fingerprint`](Self::with_fingerprint).
    pub fn fingerprint(&self) -> Option<u64> {
        self.fingerprint
    }

    /// The total set with [`with_total_items`](Self::with_total_items).
    pub fn total_items(&self) -> Option<u64> {
        self.total_items
    }
}

/// A stable 64-bit hash of `value`'s JSON, for
/// [`Page::with_fingerprint`]; `None` when `value` cannot be written as JSON.
///
/// Written straight into the hasher, without building the JSON text. The
/// hash is SipHash with fixed keys: equal within a process and across runs.
///
/// ```
/// use banking_core::pagination::fingerprint;
///
/// assert_eq!(fingerprint(&["a", "b"]), fingerprint(&vec!["a", "b"]));
/// assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["b", "a"]));
/// ```
pub fn fingerprint<T: Serialize + ?Sized>(value: &T) -> Option<u64> {
    struct HashWriter(DefaultHasher);

    impl io::Write for HashWriter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    let mut writer = HashWriter(DefaultHasher::new());
    serde_json::to_writer(&mut writer, value).ok()?;
    Some(writer.0.finish())
}

/// Computes the cursor after a given one ([`Paginator::computable_cursors`]).
type Step<C> = Box<dyn Fn(&C) -> Option<C> + Send + Sync>;

/// The hash under which a stream remembers a cursor it has requested.
pub(crate) fn cursor_hash<C: Hash>(cursor: &C) -> u64 {
    let mut hasher = DefaultHasher::new();
    cursor.hash(&mut hasher);
    hasher.finish()
}

/// Why a paginator stopped with an error of its own.
///
/// Each variant names the 1-based number of the page, counted from the
/// first page the stream fetched, at which the stream stopped. None is
/// retryable: the same requests would meet the same answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationError {
    /// A page's next cursor equalled the cursor it was fetched with. The
    /// page is yielded; the error comes instead of fetching it again.
    #[error(
        "the server answered page {page} with the cursor it was fetched with; \
         stopped instead of fetching the same page again"
    )]
    RepeatedCursor {
        /// The number of the page whose next cursor repeated.
        page: usize,
    },
    /// A page's next cursor is one an earlier page was fetched with (A, B,
    /// A, ...): following it would go round the same pages forever. The
    /// page is yielded; the error comes instead of the request.
    #[error(
        "the server answered page {page} with the cursor page {first_seen} was fetched with; \
         stopped instead of going round the same pages again"
    )]
    CursorCycle {
        /// The number of the page whose next cursor was seen before.
        page: usize,
        /// The number of the page fetched with that cursor.
        first_seen: usize,
    },
    /// A page held the same items as an earlier one (same
    /// [fingerprint](Page::with_fingerprint)): a server that ignores the
    /// cursor, or echoes it while serving the same items. The page is not
    /// yielded, so no item comes twice.
    #[error(
        "the server answered page {page} with the same items as page {same_as}; \
         stopped instead of yielding them again"
    )]
    IdenticalPage {
        /// The number of the repeated page.
        page: usize,
        /// The number of the earlier page with the same items.
        same_as: usize,
    },
    /// The pages held more items than the server's own total for the
    /// listing ([`Page::with_total_items`]). The page that went beyond is
    /// not yielded.
    #[error(
        "page {page} brought the listing to {items} items, more than the {total} the server \
         reported; stopped instead of reading on"
    )]
    BeyondTotal {
        /// The number of the page that went beyond the total.
        page: usize,
        /// The items received up to and including that page.
        items: u64,
        /// The largest total the server reported.
        total: u64,
    },
    /// The stream fetched its [page cap](StreamOptions::max_pages) and the
    /// listing goes on. Every page fetched was yielded.
    #[error(
        "the listing has more than the {max_pages} pages the stream may fetch; \
         raise StreamOptions::max_pages to read further"
    )]
    PageCapReached {
        /// The cap.
        max_pages: usize,
    },
    /// The stream yielded its [item cap](StreamOptions::max_items) and the
    /// listing may go on (the last page was cut at the cap, or has a next
    /// cursor).
    #[error(
        "the listing has more than the {max_items} items the stream may yield; \
         raise StreamOptions::max_items to read further"
    )]
    ItemCapReached {
        /// The cap.
        max_items: usize,
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
    step: Option<Step<C>>,
    options: StreamOptions,
    // `fn() -> _` keeps the paginator Send + Sync whatever T and E are.
    _output: PhantomData<fn() -> (T, E)>,
}

impl<T, C, E, F> Paginator<T, C, E, F> {
    /// A paginator starting at `first` (`None`: the API's first page), with
    /// the default [`StreamOptions`] (its caps included). Nothing is
    /// fetched until a stream built from it is polled.
    pub fn new<Fut>(first: Option<C>, fetch: F) -> Self
    where
        F: FnMut(Option<C>) -> Fut,
        Fut: Future<Output = Result<Page<T, C>, E>>,
    {
        Paginator {
            first,
            fetch,
            step: None,
            options: StreamOptions::default(),
            _output: PhantomData,
        }
    }

    /// Declares the cursors computable: `step(cursor)` is the cursor of the
    /// page after the one fetched with `cursor`, whatever that page holds
    /// (page numbers: `n + 1`, [`cursor::page_after`]; offsets:
    /// `offset + size`), or `None` when there is none to compute (an
    /// overflow). Not for cursors the server makes up (keysets, next
    /// links, offset tokens).
    ///
    /// The stream may then keep up to
    /// [`StreamOptions::concurrent_pages`] requests in flight, sending the
    /// computed cursors ahead of the pages that confirm them. Each page's
    /// own next cursor still decides: when it differs from the computed
    /// one (a server that numbers its pages otherwise), the requests sent
    /// ahead are dropped and the stream follows the page. The computed and
    /// the given cursor are compared by hash, as the loop detection does.
    pub fn computable_cursors(
        mut self,
        step: impl Fn(&C) -> Option<C> + Send + Sync + 'static,
    ) -> Self {
        self.step = Some(Box::new(step));
        self
    }

    /// Uses these caps, prefetch and concurrency settings.
    pub fn options(mut self, options: StreamOptions) -> Self {
        self.options = options;
        self
    }

    /// Fetch at most `n` pages ([`StreamOptions::max_pages`]).
    pub fn max_pages(mut self, n: usize) -> Self {
        self.options = self.options.max_pages(n);
        self
    }

    /// Yield at most `n` items ([`StreamOptions::max_items`]).
    pub fn max_items(mut self, n: usize) -> Self {
        self.options = self.options.max_items(n);
        self
    }

    /// When on, the next page's request starts as soon as a page is
    /// yielded. [`items`](Self::items) then drives it each time an item is
    /// taken, so the next page downloads while the caller works through the
    /// current one; [`pages`](Self::pages) polls it once when it hands out a
    /// page and completes it on the next poll. One page is fetched ahead,
    /// or up to [`concurrent_pages`](Self::concurrent_pages) with
    /// [computable cursors](Self::computable_cursors), and no task is
    /// spawned. On by default ([`StreamOptions`]); off, nothing is fetched
    /// ahead.
    pub fn prefetch(mut self, on: bool) -> Self {
        self.options = self.options.prefetch(on);
        self
    }

    /// Keep up to `n` page requests in flight where the cursors are
    /// [computable](Self::computable_cursors)
    /// ([`StreamOptions::concurrent_pages`]).
    pub fn concurrent_pages(mut self, n: usize) -> Self {
        self.options = self.options.concurrent_pages(n);
        self
    }

    /// A stream of whole pages.
    pub fn pages<Fut>(self) -> impl FusedStream<Item = Result<Page<T, C>, E>>
    where
        F: FnMut(Option<C>) -> Fut,
        Fut: Future<Output = Result<Page<T, C>, E>>,
        C: Clone + Hash,
        E: From<PaginationError>,
    {
        Pages::new(self.into_pager())
    }

    /// A stream of the items of every page, in order.
    pub fn items<Fut>(self) -> impl FusedStream<Item = Result<T, E>>
    where
        F: FnMut(Option<C>) -> Fut,
        Fut: Future<Output = Result<Page<T, C>, E>>,
        C: Clone + Hash,
        E: From<PaginationError>,
    {
        Items::new(self.into_pager())
    }

    fn into_pager<Fut>(self) -> Pager<T, C, E, F, Fut> {
        Pager::new(self.first, self.fetch, self.step, self.options)
    }
}

impl<T, C: fmt::Debug, E, F> fmt::Debug for Paginator<T, C, E, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("first", &self.first)
            .field("computable_cursors", &self.step.is_some())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
