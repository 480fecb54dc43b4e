//! The Linkcy page envelope and the paging query parameters.
//!
//! Every list endpoint takes `page` (0-based), `pageSize` (at most 100) and
//! `sortDirection`, and answers `{content, totalElements, page, pageSize}`
//! (seed and research notes). Streams walk the pages with banking-core's
//! page-number paginator; the page numbers are computable, so
//! [`StreamOptions::concurrent_pages`](banking_core::pagination::StreamOptions::concurrent_pages)
//! applies.
//!
//! Each resource's filter is declared with [`list_filter!`], which gives it
//! these parameters; [`list`] and [`stream`] serve every resource's `list`
//! and `stream` calls.

use banking_core::pagination::{Page, Paginator, cursor};
use banking_core::resource_handle::Handle;
use banking_core::transport::Request;
use futures::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;

/// Largest `pageSize` Linkcy accepts.
pub const MAX_PAGE_SIZE: u32 = 100;

banking_core::wire_enum! {
    /// Sort order of a list.
    SortDirection {
        /// Oldest / smallest first.
        Asc = "ASC",
        /// Newest / largest first.
        Desc = "DESC",
    }
}

/// One page of a Linkcy list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LinkcyPage<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub content: Vec<T>,
    /// Number of items over all pages.
    #[serde(default)]
    pub total_elements: u64,
    /// This page's number, 0-based.
    #[serde(default)]
    pub page: u32,
    /// The page size the server applied.
    #[serde(default)]
    pub page_size: u32,
}

impl<T> LinkcyPage<T> {
    /// The number of the page after this one, when there is one.
    pub fn next_page(&self) -> Option<u32> {
        cursor::next_page_number(
            self.page,
            self.page_size,
            self.total_elements,
            self.content.len(),
        )
    }
}

/// `page`, `pageSize` and `sortDirection`, shared by every list request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageParams {
    pub(crate) page: Option<u32>,
    pub(crate) page_size: Option<u32>,
    pub(crate) sort_direction: Option<SortDirection>,
}

impl PageParams {
    /// `page` fits the server's int32 and `pageSize` is at most 100.
    ///
    /// The docs give `pageSize` as `<= 100` (older builds `[0 .. 100]`) and
    /// `page` as `>= 0`; newer builds cap `page` at 500, which the SDK
    /// leaves to the server.
    pub(crate) fn validate(&self) -> banking_core::Result<()> {
        if let Some(size) = self.page_size
            && size > MAX_PAGE_SIZE
        {
            return Err(banking_core::Error::validation(
                "pageSize",
                format!("must be at most {MAX_PAGE_SIZE}, got {size}"),
            ));
        }
        if let Some(page) = self.page
            && i32::try_from(page).is_err()
        {
            return Err(banking_core::Error::validation(
                "page",
                format!("must be at most {}, got {page}", i32::MAX),
            ));
        }
        Ok(())
    }

    /// Add the query parameters, with `page` overridden by a stream's cursor.
    pub(crate) fn apply(&self, request: Request, page: Option<u32>) -> Request {
        request
            .query_opt("page", page.or(self.page))
            .query_opt("pageSize", self.page_size)
            .query_opt("sortDirection", self.sort_direction.as_ref())
    }
}

/// A list endpoint's filter, as the generic [`list`] and [`stream`] use it.
///
/// Implemented by [`list_filter!`], which also gives the filter its paging
/// builders.
pub(crate) trait ListFilter: Send + 'static {
    /// The listed item.
    type Item: DeserializeOwned + Serialize + Send + 'static;

    /// The filter's `validate`: nothing is sent when it fails.
    fn check(&self) -> banking_core::Result<()>;

    /// The page a stream starts from (the filter's `page`).
    fn first_page(&self) -> Option<u32>;

    /// The list request for `page` (`None`: the filter's own `page`).
    fn request(&self, page: Option<u32>) -> Request;
}

/// Declares a list filter: a struct with a `paging: PageParams` field and
/// an inherent `fn filters(&self, request: Request) -> Request` adding its
/// own query parameters.
///
/// `list_filter!(Filter => Item, PATH)` adds the `page`, `page_size` and
/// `sort_direction` builders, a `validate` that checks the paging bounds,
/// and [`ListFilter`]. With `, own validate` the filter writes its
/// `validate` itself (it must check `self.paging` too).
macro_rules! list_filter {
    ($filter:ident => $item:ty, $path:expr) => {
        impl $filter {
            /// Paging bounds.
            pub fn validate(&self) -> banking_core::Result<()> {
                self.paging.validate()
            }
        }

        $crate::paging::list_filter!($filter => $item, $path, own validate);
    };
    ($filter:ident => $item:ty, $path:expr, own validate) => {
        impl $filter {
            /// `page`: the 0-based page to return (or to start streaming from).
            pub fn page(mut self, page: u32) -> Self {
                self.paging.page = Some(page);
                self
            }

            /// `pageSize`: at most 100.
            pub fn page_size(mut self, size: u32) -> Self {
                self.paging.page_size = Some(size);
                self
            }

            /// `sortDirection`.
            pub fn sort_direction(mut self, direction: $crate::paging::SortDirection) -> Self {
                self.paging.sort_direction = Some(direction);
                self
            }
        }

        impl $crate::paging::ListFilter for $filter {
            type Item = $item;

            fn check(&self) -> banking_core::Result<()> {
                self.validate()
            }

            fn first_page(&self) -> Option<u32> {
                self.paging.page
            }

            fn request(&self, page: Option<u32>) -> banking_core::transport::Request {
                let request = self.filters(banking_core::transport::Request::get($path));
                self.paging.apply(request, page)
            }
        }
    };
}

pub(crate) use list_filter;

/// One page of the list `filter` selects, sent with the handle's options;
/// nothing is sent when the filter is invalid.
pub(crate) async fn list<F: ListFilter>(
    handle: &Handle<'_, LinkcyClient>,
    filter: &F,
) -> banking_core::Result<LinkcyPage<F::Item>> {
    filter.check()?;
    handle.send_json(filter.request(None)).await
}

/// Every item of the list `filter` selects, fetching pages lazily from the
/// filter's `page` (default 0), each page sent with the handle's options.
///
/// An invalid filter is the stream's only item, and nothing is sent.
pub(crate) fn stream<F: ListFilter>(
    handle: &Handle<'_, LinkcyClient>,
    filter: F,
) -> impl Stream<Item = banking_core::Result<F::Item>> + Send + 'static {
    let client = handle.client().clone();
    let call_options = handle.options().clone();
    let options = client.raw().stream_options().clone();
    let mut invalid = filter.check().err();
    Paginator::new(
        Some(filter.first_page().unwrap_or(0)),
        move |page: Option<u32>| {
            let next = match invalid.take() {
                Some(error) => Err(error),
                None => Ok((
                    client.clone(),
                    filter
                        .request(Some(page.unwrap_or(0)))
                        .options(call_options.clone()),
                )),
            };
            async move {
                let (client, request) = next?;
                let page: LinkcyPage<F::Item> = client.raw().send_json(request).await?;
                let next = page.next_page();
                let total = page.total_elements;
                let page = Page::new(page.content, next).fingerprinted();
                // An absent `totalElements` decodes as 0, and the listing
                // then ends after this page anyway.
                Ok(if total > 0 {
                    page.with_total_items(total)
                } else {
                    page
                })
            }
        },
    )
    // Page numbers are computable: with `concurrent_pages` above 1 the
    // stream keeps several pages in flight, never beyond `totalElements`.
    .computable_cursors(cursor::page_after)
    .options(options)
    .items()
}
