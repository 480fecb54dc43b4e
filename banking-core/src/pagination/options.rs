//! The caps and prefetch setting of a stream, shared by every provider
//! client.

/// The default [page cap](StreamOptions::max_pages): 100,000 pages.
pub const DEFAULT_MAX_PAGES: usize = 100_000;

/// The default [item cap](StreamOptions::max_items): 10,000,000 items.
pub const DEFAULT_MAX_ITEMS: usize = 10_000_000;

/// How far a stream may read, and whether it fetches ahead.
///
/// The loop detection and the caps hold with prefetch on: a request is
/// only sent ahead when the stream would send it anyway.
///
/// Every provider client takes one on its builder (`stream_options`) and
/// applies it to each of its `stream` calls; a
/// [`Paginator`](super::Paginator) takes one with
/// [`options`](super::Paginator::options).
///
/// The caps bound a listing that goes on and on without repeating itself
/// (which the stream's loop detection cannot tell from a long listing). A
/// listing that ends within the caps ends cleanly; one that goes on
/// beyond a cap ends with
/// [`PaginationError::PageCapReached`](super::PaginationError::PageCapReached)
/// or [`ItemCapReached`](super::PaginationError::ItemCapReached) after the
/// items within the cap, so a capped read is never mistaken for a whole one.
/// To read only the first items on purpose, use `StreamExt::take`.
///
/// ```
/// use banking_core::pagination::{DEFAULT_MAX_PAGES, StreamOptions};
///
/// let options = StreamOptions::new().max_pages(50).max_items(5_000);
/// assert_eq!(options.page_cap(), Some(50));
/// assert_eq!(options.item_cap(), Some(5_000));
/// assert_eq!(StreamOptions::default().page_cap(), Some(DEFAULT_MAX_PAGES));
/// assert_eq!(StreamOptions::new().no_caps().page_cap(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamOptions {
    max_pages: Option<usize>,
    max_items: Option<usize>,
    prefetch: bool,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            max_pages: Some(DEFAULT_MAX_PAGES),
            max_items: Some(DEFAULT_MAX_ITEMS),
            prefetch: true,
        }
    }
}

impl StreamOptions {
    /// The defaults: [`DEFAULT_MAX_PAGES`], [`DEFAULT_MAX_ITEMS`], and
    /// one page fetched ahead (every provider stream is a read, so a
    /// request sent ahead and dropped unread changes nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// Fetch at most `n` pages; `0` fetches nothing.
    pub fn max_pages(mut self, n: usize) -> Self {
        self.max_pages = Some(n);
        self
    }

    /// Yield at most `n` items; `0` fetches nothing.
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    /// No page or item cap: only the loop detection bounds the stream, so a
    /// server that invents new pages forever is read forever.
    pub fn no_caps(mut self) -> Self {
        self.max_pages = None;
        self.max_items = None;
        self
    }

    /// Start the next page's request as soon as a page is yielded (see
    /// [`Paginator::prefetch`](super::Paginator::prefetch)); on by default.
    /// Off, each request waits until the caller has taken every item of
    /// the page before.
    pub fn prefetch(mut self, on: bool) -> Self {
        self.prefetch = on;
        self
    }

    /// The page cap; `None` for none.
    pub fn page_cap(&self) -> Option<usize> {
        self.max_pages
    }

    /// The item cap; `None` for none.
    pub fn item_cap(&self) -> Option<usize> {
        self.max_items
    }

    /// Whether the next page is fetched ahead.
    pub fn prefetches(&self) -> bool {
        self.prefetch
    }
}
