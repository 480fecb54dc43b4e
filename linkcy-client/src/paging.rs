//! The Linkcy page envelope and the paging query parameters.
//!
//! Every list endpoint takes `page` (0-based), `pageSize` (at most 100) and
//! `sortDirection`, and answers `{content, totalElements, page, pageSize}`
//! (seed and research notes). Streams walk the pages with banking-core's
//! page-number paginator.

use banking_core::pagination::{Page, Paginator, cursor};
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
    /// `page` fits the server's int32 and `pageSize` is within `1..=100`.
    pub(crate) fn validate(&self) -> banking_core::Result<()> {
        if let Some(size) = self.page_size {
            if !(1..=MAX_PAGE_SIZE).contains(&size) {
                return Err(banking_core::Error::validation(
                    "pageSize",
                    format!("must be between 1 and {MAX_PAGE_SIZE}, got {size}"),
                ));
            }
        }
        if let Some(page) = self.page {
            if i32::try_from(page).is_err() {
                return Err(banking_core::Error::validation(
                    "page",
                    format!("must be at most {}, got {page}", i32::MAX),
                ));
            }
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

/// Stream every item of a list, fetching pages lazily from `first_page`
/// with the request `request(page)` builds.
///
/// `checked` is the request's validation: an error is the stream's only
/// item and nothing is sent.
pub(crate) fn stream_list<T, R>(
    client: &LinkcyClient,
    first_page: Option<u32>,
    checked: banking_core::Result<()>,
    request: R,
) -> impl Stream<Item = banking_core::Result<T>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
    R: Fn(u32) -> Request + Send + 'static,
{
    let client = client.clone();
    let mut invalid = checked.err();
    Paginator::new(Some(first_page.unwrap_or(0)), move |page: Option<u32>| {
        let next = match invalid.take() {
            Some(error) => Err(error),
            None => Ok((client.clone(), request(page.unwrap_or(0)))),
        };
        async move {
            let (client, request) = next?;
            let page: LinkcyPage<T> = client.send_json(request).await?;
            let next = page.next_page();
            Ok(Page {
                items: page.content,
                next,
            })
        }
    })
    .items()
}
