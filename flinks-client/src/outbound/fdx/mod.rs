//! FDX 5 data access (`/api/fdx/5/...`): customers, accounts, transactions,
//! payment networks and statements, read with a connection's user token.
//!
//! FDX lists are paged with an opaque offset: each page carries
//! `page.nextOffset` and `links.next.href`; the next page is the same request
//! with `offset=<nextOffset>`. The `stream` methods follow it through
//! [`banking_core::pagination::Paginator`].
//!
//! The docs warn that "FDX responses are different for each Data Provider"
//! (research notes, `[DOC]`); every field is therefore optional.

pub mod accounts;
pub mod customers;
pub mod payment_networks;
pub mod statements;
pub mod transactions;

use banking_core::pagination::{Page, Paginator};
use banking_core::resource_handle::Handle;
use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::NaiveDate;
use futures::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::connection::FdxConnection;

/// Paging block of an FDX list (`page`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PageMetadata {
    /// Opaque offset of the next page; empty or absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<String>,
    /// Number of elements across all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_elements: Option<u64>,
}

/// Links block of an FDX list (`links`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PageLinks {
    /// Link to the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<HateoasLink>,
}

/// An FDX hypermedia link.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HateoasLink {
    /// Target URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// HTTP verb to use (`GET`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Relation of the link (`self`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    /// Content types the target can be fetched as.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The offset of the page after one with this paging metadata: the
/// non-empty `page.nextOffset`, else the non-empty `offset` parameter of
/// `links.next.href`. `None` ends the stream.
///
/// The offset is preferred to following `href` because the docs' samples
/// point `href` at another host (`ob-preprod.flinksapp.dev`) than the one
/// that served the page.
pub(crate) fn next_offset(
    page: Option<&PageMetadata>,
    links: Option<&PageLinks>,
) -> Option<String> {
    if let Some(offset) = page.and_then(|p| p.next_offset.as_deref())
        && !offset.is_empty()
    {
        return Some(offset.to_owned());
    }
    let href = links?.next.as_ref()?.href.as_deref()?;
    let url = url::Url::parse(href).ok()?;
    url.query_pairs()
        .find(|(key, _)| key == "offset")
        .map(|(_, value)| value.into_owned())
        .filter(|value| !value.is_empty())
}

/// The FDX error body `{code, message, debugMessage}` (seed: Get
/// Transactions and Get Customers error samples).
///
/// Codes seen in the docs: `500` internal error, `601` customer not found,
/// `702` invalid start or end date, `1203` unsupported statement type,
/// `1300` statement still processing (the last two from the research notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FdxError {
    /// Numeric FDX error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Extra detail for developers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_message: Option<String>,
}

impl FdxError {
    /// `601`: the customer was not found.
    pub const CUSTOMER_NOT_FOUND: i64 = 601;
    /// `702`: invalid start or end date.
    pub const INVALID_DATE_RANGE: i64 = 702;
    /// `1203`: the requested statement content type is not supported.
    pub const UNSUPPORTED_STATEMENT_TYPE: i64 = 1203;
    /// `1300`: the statement is still being produced; try again later.
    pub const STATEMENT_PROCESSING: i64 = 1300;
}

/// Rejects `limit=0` before anything is sent.
pub(crate) fn validate_limit(limit: Option<u32>) -> Result<()> {
    if limit == Some(0) {
        return Err(Error::validation("limit", "must be at least 1"));
    }
    Ok(())
}

/// Rejects a `startTime` after the `endTime`.
pub(crate) fn validate_dates(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
    if let (Some(start), Some(end)) = (start, end)
        && start > end
    {
        return Err(Error::validation(
            "startTime",
            format!("{start} is after endTime {end}"),
        ));
    }
    Ok(())
}

/// The query of a paged FDX list, implemented by [`fdx_list!`]: the page
/// it answers with, where that page keeps its items, and the request for
/// the page at the query's `offset`.
pub(crate) trait ListQuery: Clone + Send + Sync + 'static {
    /// One page of the list.
    type Page: DeserializeOwned + Send + 'static;
    /// One item of the list.
    type Item: Serialize + Send + 'static;

    /// The request for the page at the query's offset, checked before
    /// anything is sent.
    fn to_request(&self) -> Result<Request>;

    /// The same query at another offset.
    fn at(self, offset: Option<String>) -> Self;

    /// The offset the query starts at.
    fn first(&self) -> Option<String>;

    /// The page's items and the offset of the next page, fingerprinted,
    /// with `page.totalElements` as the total when the page has one. That
    /// it counts the whole listing, not the page, is inferred from the
    /// docs' samples (5 and 6 on pages of one item).
    fn into_page(page: Self::Page) -> Page<Self::Item, String>;
}

/// One page of an FDX list.
pub(crate) async fn list<Q: ListQuery>(
    handle: &Handle<'_, FdxConnection>,
    query: &Q,
) -> Result<Q::Page> {
    handle.send_json(query.to_request()?).await
}

/// Every item of an FDX list, page after page: lazily, following the next
/// offset, stopping after the first error.
pub(crate) fn stream<Q: ListQuery>(
    handle: &Handle<'_, FdxConnection>,
    query: Q,
) -> impl Stream<Item = Result<Q::Item>> + 'static {
    let transport = handle.client().transport().clone();
    let call_options = handle.options().clone();
    let options = transport.stream_options().clone();
    Paginator::new(query.first(), move |offset: Option<String>| {
        let transport = transport.clone();
        let request = query
            .clone()
            .at(offset)
            .to_request()
            .map(|request| request.options(call_options.clone()));
        async move {
            let page: Q::Page = transport.send_json(request?).await?;
            Ok(Q::into_page(page))
        }
    })
    .options(options)
    .items()
}

/// Declares the page of an FDX list (`page`, `links` and the items) and
/// makes the query a [`ListQuery`] over it, with the `limit` and `offset`
/// setters. The query has `limit: Option<u32>` and `offset: Option<String>`
/// fields and a `filters(&self) -> Result<Request>` method giving the path
/// and the filters; `limit` and `offset` are appended to it.
macro_rules! fdx_list {
    (
        $query:ident => $(#[$meta:meta])*
        pub struct $page:ident {
            $(#[$items_meta:meta])*
            pub $items:ident: Vec<$item:ty>,
        }
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        pub struct $page {
            /// Paging metadata.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub page: Option<$crate::outbound::fdx::PageMetadata>,
            /// Links to the next page.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub links: Option<$crate::outbound::fdx::PageLinks>,
            $(#[$items_meta])*
            #[serde(default)]
            pub $items: Vec<$item>,
        }

        impl $page {
            /// The offset of the next page, or `None` on the last page.
            pub fn next_offset(&self) -> Option<String> {
                $crate::outbound::fdx::next_offset(self.page.as_ref(), self.links.as_ref())
            }
        }

        impl $query {
            /// Sets the page size (at least 1).
            pub fn limit(mut self, limit: u32) -> Self {
                self.limit = Some(limit);
                self
            }

            /// Starts at this offset.
            pub fn offset(mut self, offset: impl Into<String>) -> Self {
                self.offset = Some(offset.into());
                self
            }
        }

        impl $crate::outbound::fdx::ListQuery for $query {
            type Page = $page;
            type Item = $item;

            fn to_request(&self) -> banking_core::Result<banking_core::transport::Request> {
                $crate::outbound::fdx::validate_limit(self.limit)?;
                Ok(self
                    .filters()?
                    .query_opt("limit", self.limit)
                    .query_opt("offset", self.offset.as_deref()))
            }

            fn at(mut self, offset: Option<String>) -> Self {
                self.offset = offset;
                self
            }

            fn first(&self) -> Option<String> {
                self.offset.clone()
            }

            fn into_page(page: $page) -> banking_core::pagination::Page<$item, String> {
                let next = page.next_offset();
                let total = page.page.as_ref().and_then(|p| p.total_elements);
                let page = banking_core::pagination::Page::new(page.$items, next).fingerprinted();
                match total {
                    Some(total) => page.with_total_items(total),
                    None => page,
                }
            }
        }
    };
}
pub(crate) use fdx_list;

/// Reads an FDX "kind-wrapped" object such as `{"depositAccount": {...}}`:
/// the single key and its value. The value is decoded straight from the
/// input (not buffered), so exact decimals inside it survive.
pub(crate) fn deserialize_wrapped<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
) -> Result<(String, T), D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Wrapped<T> {
        expecting: &'static str,
        marker: std::marker::PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Wrapped<T> {
        type Value = (String, T);

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let Some(kind) = map.next_key::<String>()? else {
                return Err(serde::de::Error::invalid_length(0, &self));
            };
            let value = map.next_value::<T>()?;
            while map
                .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                .is_some()
            {}
            Ok((kind, value))
        }
    }

    deserializer.deserialize_map(Wrapped {
        expecting,
        marker: std::marker::PhantomData,
    })
}

/// Writes `{"<kind>": value}`, the inverse of [`deserialize_wrapped`].
pub(crate) fn serialize_wrapped<S, T>(
    serializer: S,
    kind: &str,
    value: &T,
) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    T: Serialize,
{
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(kind, value)?;
    map.end()
}
