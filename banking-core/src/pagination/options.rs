//! The caps, prefetch and concurrency settings of a stream, shared by every
//! provider client.

/// The default [page cap](StreamOptions::max_pages): 100,000 pages.
pub const DEFAULT_MAX_PAGES: usize = 100_000;

/// The default [item cap](StreamOptions::max_items): 10,000,000 items.
pub const DEFAULT_MAX_ITEMS: usize = 10_000_000;

/// The default [number of page requests in flight](StreamOptions::concurrent_pages): 1,
/// the page after the one being read.
///
/// Not more, although Linkcy's and Linxo's page numbers would allow it:
/// neither provider's documentation states a rate limit, which leaves the
/// limit unknown rather than absent, and a stream that sends several
/// requests at once multiplies the load of every caller that lists at the
/// same moment. Linxo also sends no total, so a stream cannot tell the last
/// page before it arrives and would send up to `n - 1` requests past the
/// end of every listing longer than a page. A caller who knows their
/// quota raises it.
pub const DEFAULT_CONCURRENT_PAGES: usize = 1;

/// How far a stream may read, and whether and how far it fetches ahead.
///
/// The loop detection and the caps hold with prefetch and concurrent pages
/// on: pages are checked and yielded strictly in order, and a request is
/// only sent ahead when the stream would send it anyway or, with
/// [`concurrent_pages`](Self::concurrent_pages), when it follows a page
/// that may not be the last.
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
/// assert_eq!(StreamOptions::new().page_concurrency(), 1);
/// assert_eq!(StreamOptions::new().concurrent_pages(4).page_concurrency(), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamOptions {
    max_pages: Option<usize>,
    max_items: Option<usize>,
    prefetch: bool,
    concurrent_pages: usize,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            max_pages: Some(DEFAULT_MAX_PAGES),
            max_items: Some(DEFAULT_MAX_ITEMS),
            prefetch: true,
            concurrent_pages: DEFAULT_CONCURRENT_PAGES,
        }
    }
}

impl StreamOptions {
    /// The defaults: [`DEFAULT_MAX_PAGES`], [`DEFAULT_MAX_ITEMS`], and
    /// one page fetched ahead ([`DEFAULT_CONCURRENT_PAGES`]; every provider
    /// stream is a read, so a request sent ahead and dropped unread changes
    /// nothing).
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
    /// the page before, whatever [`concurrent_pages`](Self::concurrent_pages)
    /// says.
    pub fn prefetch(mut self, on: bool) -> Self {
        self.prefetch = on;
        self
    }

    /// Keep up to `n` page requests in flight where the provider can
    /// compute the cursors ahead (page numbers, offsets; see
    /// [`Paginator::computable_cursors`](super::Paginator::computable_cursors)),
    /// while the caller reads the current page. `1` (the default,
    /// [`DEFAULT_CONCURRENT_PAGES`]) fetches only the next page; `0` counts
    /// as `1`. Streams over opaque cursors (keysets, next links) always
    /// fetch one page ahead, since each cursor comes with the page before.
    ///
    /// Pages are still checked and yielded strictly in order, so the loop
    /// detection, the caps and the error order hold: an error on page `k`
    /// comes after the pages before `k`, and pages fetched beyond the end of
    /// the listing (a last page, an error, a cap) are dropped unread. No
    /// request is sent beyond the server's own total, nor beyond the page
    /// cap (which counts requests sent); without a total, up to `n - 1`
    /// requests may be in flight when the last page arrives. With
    /// [`prefetch`](Self::prefetch) off, nothing is fetched ahead and this
    /// setting has no effect.
    pub fn concurrent_pages(mut self, n: usize) -> Self {
        self.concurrent_pages = n.max(1);
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

    /// The most page requests a stream over computable cursors keeps in
    /// flight ([`concurrent_pages`](Self::concurrent_pages)).
    pub fn page_concurrency(&self) -> usize {
        self.concurrent_pages
    }
}
