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

use serde::{Deserialize, Serialize};

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
    if let Some(offset) = page.and_then(|p| p.next_offset.as_deref()) {
        if !offset.is_empty() {
            return Some(offset.to_owned());
        }
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
pub(crate) fn validate_limit(limit: Option<u32>) -> banking_core::Result<()> {
    if limit == Some(0) {
        return Err(banking_core::Error::validation(
            "limit",
            "must be at least 1",
        ));
    }
    Ok(())
}

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
