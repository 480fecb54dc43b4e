//! FinqLink's keyset pagination: `{"limit", "after": cursor}` in the
//! request, `{"count", "more?", "after"}` in the response.
//!
//! Where the next page's cursor comes from differs between the doc pages.
//! The Data APIs page says of the transactions and balances lists: "Use the
//! keyset value from the last record as the `after` parameter in your next
//! request", so each [`Transaction`](crate::transactions::Transaction) and
//! [`Balance`](crate::balances::Balance) carries its `keyset`. The
//! changelog shows `/links/list` answering with a response-level
//! `pagination.after` instead. Streams follow both: the last record's
//! keyset first, the response's `after` as the fallback when a record has
//! none. They stop when `"more?"` is `false`, or, when the response has no
//! `"more?"`, at the first page that is empty or offers no cursor. A page
//! that says `"more?": true` but offers no cursor ends the stream with
//! [`PaginationError::MissingCursor`](banking_core::pagination::PaginationError::MissingCursor)
//! rather than silently dropping the rest.

use banking_core::pagination::{Page, Paginator};
use banking_core::resource_handle::Handle;
use futures::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::{Body, Endpoint, FinqLinkClient};

/// Largest `/links/list` page (changelog: `pagination.limit` is 1-250,
/// default 50).
///
/// The docs give no limit range for the transactions and balances lists,
/// so their `limit` is sent as given and the server decides.
pub const MAX_LIMIT: u16 = 250;

/// The `pagination` object of a list request.
///
/// Without a limit the server uses its default (50 records on `/links/list`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Pagination {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<String>,
}

impl Pagination {
    /// The first page with the server's default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records per page: `1..=250` on `/links/list` (checked before
    /// sending); on the AIS lists the docs give no range.
    pub fn limit(mut self, limit: u16) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Continue after this cursor: the last record's `keyset`
    /// (transactions, balances) or the previous response's `after`
    /// (links).
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.after = Some(cursor.into());
        self
    }

    /// No limit and no cursor: the request leaves `pagination` out.
    pub(crate) fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The `/links/list` rules: the documented limit range, and a cursor.
    pub(crate) fn validate_links(&self) -> banking_core::Result<()> {
        if let Some(limit) = self.limit
            && !(1..=MAX_LIMIT).contains(&limit)
        {
            return Err(banking_core::Error::validation(
                "pagination.limit",
                format!("must be between 1 and {MAX_LIMIT}, got {limit}"),
            ));
        }
        self.validate()
    }

    /// An empty cursor is how a last page marks "no next page"; sent back,
    /// it would start the listing over.
    pub(crate) fn validate(&self) -> banking_core::Result<()> {
        if self.after.as_deref() == Some("") {
            return Err(banking_core::Error::validation(
                "pagination.after",
                "must not be empty",
            ));
        }
        Ok(())
    }
}

/// The `pagination` object of a list response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PageInfo {
    /// Records in this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Whether more records follow (`"more?"` on the wire); `None` when the
    /// response does not say.
    #[serde(rename = "more?", default, skip_serializing_if = "Option::is_none")]
    pub more: Option<bool>,
    /// Response-level cursor for the next page (the `/links/list` shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl PageInfo {
    /// The response-level cursor to request next, or `None` on the last
    /// page or when the response carries none (the AIS lists page from the
    /// last record's `keyset`: see [`next_cursor`]).
    pub fn next_cursor(&self) -> Option<&str> {
        if self.more == Some(false) {
            return None;
        }
        self.after.as_deref().filter(|c| !c.is_empty())
    }
}

/// The cursor of the page after one holding `items` with paging `info`, as
/// the [module docs](self) describe: `Ok(None)` at the end of the listing.
///
/// Public so that callers paging by hand follow the same rule as the
/// streams.
pub fn next_cursor<T: KeysetRecord>(
    items: &[T],
    info: Option<&PageInfo>,
) -> banking_core::Result<Option<String>> {
    let more = info.and_then(|i| i.more);
    if more == Some(false) {
        return Ok(None);
    }
    let cursor = items
        .last()
        .and_then(KeysetRecord::keyset_value)
        .filter(|k| !k.is_empty())
        .or_else(|| info.and_then(PageInfo::next_cursor))
        .map(str::to_owned);
    match (more, cursor) {
        (Some(true), None) => Err(banking_core::Error::Pagination(
            banking_core::pagination::PaginationError::MissingCursor,
        )),
        // Without `"more?"` an empty page is the end, whatever it carries.
        (None, _) if items.is_empty() => Ok(None),
        (_, cursor) => Ok(cursor),
    }
}

/// A record of a keyset list: a transaction, a balance or a link.
pub trait KeysetRecord {
    /// The record's own keyset value (`None` for links, which page by the
    /// response-level `after`).
    fn keyset_value(&self) -> Option<&str>;
}

/// A list request with a keyset `pagination` object, and its response.
pub(crate) trait KeysetRequest: Body + Clone + Send + Sync + 'static {
    type Page: KeysetPage;
    fn pagination_mut(&mut self) -> &mut Pagination;
}

/// A list response: this page's items and its `pagination` object.
pub(crate) trait KeysetPage: DeserializeOwned + Send + 'static {
    type Item: KeysetRecord + Serialize + Send + 'static;
    fn into_parts(self) -> (Vec<Self::Item>, Option<PageInfo>);
}

/// Declares a keyset list: `$request` (with a `pagination: Pagination`
/// field) gets its `pagination` builder and is answered by `$page`, whose
/// `$items` field holds this page's `$item`s next to its `pagination`.
macro_rules! keyset_list {
    ($request:ty => $page:ty { $items:ident: $item:ty }) => {
        impl $request {
            /// Page size and cursor.
            pub fn pagination(mut self, pagination: $crate::pagination::Pagination) -> Self {
                self.pagination = pagination;
                self
            }
        }

        impl $crate::pagination::KeysetRequest for $request {
            type Page = $page;

            fn pagination_mut(&mut self) -> &mut $crate::pagination::Pagination {
                &mut self.pagination
            }
        }

        impl $crate::pagination::KeysetPage for $page {
            type Item = $item;

            fn into_parts(self) -> (Vec<$item>, Option<$crate::pagination::PageInfo>) {
                (self.$items, self.pagination)
            }
        }

        impl $page {
            /// The cursor of the next page ([`next_cursor`](crate::pagination::next_cursor)),
            /// `Ok(None)` on the last one.
            pub fn next_cursor(&self) -> banking_core::Result<Option<String>> {
                $crate::pagination::next_cursor(&self.$items, self.pagination.as_ref())
            }
        }
    };
}

pub(crate) use keyset_list;

/// Every item of `req`'s pages, lazily, starting at `req`'s cursor and
/// following [`next_cursor`]. A response without a `pagination` object or
/// keysets (v1 `/links/list`) is the only page. A page whose next cursor is
/// missing is yielded whole before the error.
pub(crate) fn items<R: KeysetRequest>(
    handle: &Handle<'_, FinqLinkClient>,
    endpoint: Endpoint,
    mut req: R,
) -> impl Stream<Item = banking_core::Result<<R::Page as KeysetPage>::Item>> + Send + 'static {
    /// The next page's cursor, or the error to yield after this page.
    #[derive(Clone, PartialEq, Hash)]
    enum Next {
        After(String),
        Broken(banking_core::pagination::PaginationError),
    }

    let client = handle.client().clone();
    let options = handle.options().clone();
    let stream_options = client.raw().stream_options().clone();
    let first = req.pagination_mut().after.clone().map(Next::After);
    Paginator::new(first, move |cursor: Option<Next>| {
        let client = client.clone();
        let options = options.clone();
        let mut req = req.clone();
        let after = match cursor {
            Some(Next::Broken(error)) => Err(error),
            Some(Next::After(after)) => Ok(Some(after)),
            None => Ok(None),
        };
        async move {
            req.pagination_mut().after = after?;
            let page: R::Page = client.call(endpoint, &req, &options).await?;
            let (items, info) = page.into_parts();
            let next = match next_cursor(&items, info.as_ref()) {
                Ok(next) => next.map(Next::After),
                Err(banking_core::Error::Pagination(error)) => Some(Next::Broken(error)),
                Err(error) => return Err(error),
            };
            // `count` is this page's size, not a total: FinqLink gives none.
            Ok(Page::new(items, next).fingerprinted())
        }
    })
    .options(stream_options)
    .items()
}
