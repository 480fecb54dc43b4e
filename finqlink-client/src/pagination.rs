//! FinqLink's keyset pagination: `{"limit": 1..=250, "after": cursor}` in
//! the request, `{"count", "more?", "after"}` in the response.

use banking_core::pagination::{Page, Paginator};
use banking_core::transport::CallOptions;
use futures::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::{Body, Endpoint, FinqLinkClient};

/// Largest page FinqLink serves.
pub const MAX_LIMIT: u16 = 250;

/// The `pagination` object of a list request.
///
/// Without a limit the server uses its default (50 records).
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

    /// Records per page, `1..=250` (checked before sending).
    pub fn limit(mut self, limit: u16) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Continue after this cursor (the previous response's `after`).
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.after = Some(cursor.into());
        self
    }

    /// No limit and no cursor: the request leaves `pagination` out.
    pub(crate) fn is_default(&self) -> bool {
        *self == Self::default()
    }

    pub(crate) fn validate(&self) -> banking_core::Result<()> {
        if let Some(limit) = self.limit
            && !(1..=MAX_LIMIT).contains(&limit)
        {
            return Err(banking_core::Error::validation(
                "pagination.limit",
                format!("must be between 1 and {MAX_LIMIT}, got {limit}"),
            ));
        }
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
    /// Whether more records follow (`"more?"` on the wire).
    #[serde(rename = "more?", default)]
    pub more: bool,
    /// Cursor for the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl PageInfo {
    /// The cursor to request next, or `None` on the last page.
    pub fn next_cursor(&self) -> Option<&str> {
        if self.more {
            self.after.as_deref().filter(|c| !c.is_empty())
        } else {
            None
        }
    }
}

/// A list request with a keyset `pagination` object, and its response.
pub(crate) trait KeysetRequest: Body + Clone + Send + Sync + 'static {
    type Page: KeysetPage;
    fn pagination_mut(&mut self) -> &mut Pagination;
}

/// A list response: this page's items and its `pagination` object.
pub(crate) trait KeysetPage: DeserializeOwned + Send + 'static {
    type Item: Send + 'static;
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
    };
}

pub(crate) use keyset_list;

/// Every item of `req`'s pages, lazily, starting at `req`'s cursor and
/// following `pagination.after` while `more?` is true. A response without a
/// `pagination` object (v1) is the only page.
pub(crate) fn items<R: KeysetRequest>(
    client: FinqLinkClient,
    endpoint: Endpoint,
    options: Option<CallOptions>,
    mut req: R,
) -> impl Stream<Item = banking_core::Result<<R::Page as KeysetPage>::Item>> + Send + 'static {
    let first = req.pagination_mut().after.clone();
    Paginator::new(first, move |cursor: Option<String>| {
        let client = client.clone();
        let options = options.clone();
        let mut req = req.clone();
        req.pagination_mut().after = cursor;
        async move {
            let page: R::Page = client.call(endpoint, &req, options.as_ref()).await?;
            let (items, info) = page.into_parts();
            let next = info
                .as_ref()
                .and_then(PageInfo::next_cursor)
                .map(str::to_owned);
            Ok(Page::new(items, next))
        }
    })
    .items()
}
