//! Page and limit paging over bare JSON arrays.
//!
//! API v2.1 list endpoints take `page` (from 1) and `limit`, and answer a
//! bare array with no total and no next link (research notes 2(h),
//! third-party code). A page shorter than the limit, or empty, is the last
//! one. Streams walk the pages with banking-core's paginator, lazily; the
//! page numbers are computable, so
//! [`StreamOptions::concurrent_pages`](banking_core::pagination::StreamOptions::concurrent_pages)
//! applies.

use banking_core::pagination::{Page, Paginator, cursor};
use banking_core::resource_handle::Handle;
use banking_core::transport::Request;
use futures::{Stream, StreamExt};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::LinxoClient;

/// The first page number.
const FIRST_PAGE: u32 = 1;

/// The page size streams use when the query sets none: Linxo's server-side
/// default is not published, and a stream must know the size to tell the
/// last (short) page.
pub const DEFAULT_STREAM_LIMIT: u32 = 100;

/// `page` is 1 or more; `limit` is 1 or more and at most `max_limit`.
pub(crate) fn check(
    page: Option<u32>,
    limit: Option<u32>,
    max_limit: Option<u32>,
) -> banking_core::Result<()> {
    if page == Some(0) {
        return Err(banking_core::Error::validation(
            "page",
            "pages are numbered from 1",
        ));
    }
    match (limit, max_limit) {
        (Some(0), _) => Err(banking_core::Error::validation(
            "limit",
            "must be at least 1",
        )),
        (Some(limit), Some(max)) if limit > max => Err(banking_core::Error::validation(
            "limit",
            format!("must be at most {max}, got {limit}"),
        )),
        _ => Ok(()),
    }
}

/// A query of a page-and-limit list.
pub(crate) trait PagedQuery: Send + 'static {
    /// Checks the query, its paging included, before anything is sent.
    fn validate(&self) -> banking_core::Result<()>;

    /// The `page` and `limit` the query sets.
    fn paging(&self) -> (Option<u32>, Option<u32>);

    /// The request for one page.
    fn request(&self, page: Option<u32>, limit: Option<u32>) -> Request;
}

/// One page of a page-and-limit list: the page and limit `query` sets,
/// sent with the handle's options.
pub(crate) async fn list<Q: PagedQuery, T: DeserializeOwned>(
    handle: &Handle<'_, LinxoClient>,
    query: &Q,
) -> banking_core::Result<Vec<T>> {
    query.validate()?;
    let (page, limit) = query.paging();
    handle.send_json(query.request(page, limit)).await
}

/// Every item matching `query`, from its page (default [`FIRST_PAGE`]) on,
/// its limit per page (default [`DEFAULT_STREAM_LIMIT`]), each page sent
/// with the handle's options. A query that fails validation is the
/// stream's only item.
pub(crate) fn stream<Q, T>(
    handle: &Handle<'_, LinxoClient>,
    query: Q,
) -> impl Stream<Item = banking_core::Result<T>> + Send + 'static
where
    Q: PagedQuery,
    T: DeserializeOwned + Serialize + Send + 'static,
{
    if let Err(e) = query.validate() {
        return futures::stream::once(async move { Err(e) }).left_stream();
    }
    let (page, limit) = query.paging();
    let first_page = page.unwrap_or(FIRST_PAGE);
    let limit = limit.unwrap_or(DEFAULT_STREAM_LIMIT);
    let client = handle.client();
    let stream_options = client.raw().stream_options().clone();
    let options = handle.options().clone();
    let client = client.clone();
    Paginator::new(Some(first_page), move |page: Option<u32>| {
        let page = page.unwrap_or(first_page);
        let request = query
            .request(Some(page), Some(limit))
            .options(options.clone());
        let client = client.clone();
        async move {
            let items: Vec<T> = client.raw().send_json(request).await?;
            let next = cursor::next_page_if_full(page, limit, items.len());
            // Linxo sends no total; the fingerprint catches a server that
            // ignores `page` and answers every page alike.
            Ok::<_, banking_core::Error>(Page::new(items, next).fingerprinted())
        }
    })
    // Page numbers are computable. With no total, a stream with
    // `concurrent_pages` above 1 learns of the last page when it arrives,
    // and drops the requests sent past it.
    .computable_cursors(cursor::page_after)
    .options(stream_options)
    .items()
    .right_stream()
}
