//! Next-cursor rules for the paging styles the providers use.
//!
//! Each helper reads a page's paging fields and returns the cursor of the
//! next page, or `None` when the listing is over, ready for
//! [`Page::new`](super::Page::new).
//!
//! | style | provider fields | helper |
//! |---|---|---|
//! | page number with a total | Linkcy `{content, totalElements, page, pageSize}` | [`next_page_number`] |
//! | page number, no total | Linxo `?page=&limit=` over a bare array | [`next_page_if_full`] |
//! | keyset | FinqLink `pagination: {"more?", after}` | [`next_key`] |
//! | offset token | Flinks FDX `page.nextOffset` | [`next_offset`] |
//! | next link | Flinks FDX `links.next.href` | [`next_url`] |
//!
//! ```
//! use banking_core::pagination::cursor;
//!
//! // Linkcy: 45 transactions, 20 per page, pages numbered from 0.
//! assert_eq!(cursor::next_page_number(0, 20, 45, 20), Some(1));
//! assert_eq!(cursor::next_page_number(2, 20, 45, 5), None);
//! // FinqLink: `"more?": false` ends the listing whatever `after` says.
//! assert_eq!(cursor::next_key(false, Some("eyJpbnNlcnRlZF9hdCI6Li4u".into())), None);
//! // Flinks FDX: an empty `nextOffset` marks the last page.
//! assert_eq!(cursor::next_offset(Some(String::new())), None);
//! ```

use url::Url;

/// The next page number for APIs that report a total (Linkcy), with pages
/// numbered from 0.
///
/// `page` is the number of the page just read, `page_size` the size the
/// server reports, `total_elements` its total and `items_on_page` the
/// number of items the page held. The listing ends on an empty page (even
/// if the total says otherwise, so a wrong total cannot cause a loop) and
/// once the pages read so far cover the total. A `page_size` of 0, as some
/// samples echo, counts as the number of items on the page.
pub fn next_page_number(
    page: u32,
    page_size: u32,
    total_elements: u64,
    items_on_page: usize,
) -> Option<u32> {
    let items = u64::try_from(items_on_page).ok()?;
    if items == 0 {
        return None;
    }
    let size = u64::from(page_size).max(items);
    let seen = u64::from(page).checked_mul(size)?.checked_add(items)?;
    if seen >= total_elements {
        return None;
    }
    page.checked_add(1)
}

/// The next page number for APIs that return bare pages without a total
/// (Linxo `page` and `limit`): a page shorter than `limit`, or empty, is the
/// last. Works for pages numbered from 0 or from 1.
pub fn next_page_if_full(page: u32, limit: u32, items_on_page: usize) -> Option<u32> {
    let full = u32::try_from(items_on_page).is_ok_and(|items| items >= limit);
    if items_on_page == 0 || !full {
        return None;
    }
    page.checked_add(1)
}

/// The page number after `page`, for
/// [`Paginator::computable_cursors`](super::Paginator::computable_cursors)
/// over numbered pages (Linkcy, Linxo); `None` past `u32::MAX`.
pub fn page_after(page: &u32) -> Option<u32> {
    page.checked_add(1)
}

/// The next keyset cursor (FinqLink `pagination.after` with `more?`).
///
/// `None` when the server says there is nothing more, or sends no (or an
/// empty) `after`.
pub fn next_key(more: bool, after: Option<String>) -> Option<String> {
    after.filter(|key| more && !key.trim().is_empty())
}

/// The next offset token (Flinks FDX `page.nextOffset`); the last page
/// carries an empty string or none.
pub fn next_offset(next_offset: Option<String>) -> Option<String> {
    next_offset.filter(|offset| !offset.trim().is_empty())
}

/// The next page's absolute URL (Flinks FDX `links.next.href`), for
/// [`Request::absolute_url`](crate::transport::Request::absolute_url).
///
/// `None` when the link is missing or blank, or when its `cursor_param`
/// query parameter is present but empty: Flinks' last page links to
/// `...?limit=1&offset=`, which would start the listing over. A link that is
/// not an absolute URL is an error.
pub fn next_url(href: Option<&str>, cursor_param: &str) -> Result<Option<Url>, url::ParseError> {
    let Some(href) = href.map(str::trim).filter(|href| !href.is_empty()) else {
        return Ok(None);
    };
    let url = Url::parse(href)?;
    let ends = url
        .query_pairs()
        .any(|(name, value)| name == cursor_param && value.trim().is_empty());
    Ok((!ends).then_some(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_number_with_total() {
        // (page, page_size, total, items) -> next
        let cases = [
            (0, 20, 45, 20, Some(1)),
            (1, 20, 45, 20, Some(2)),
            (2, 20, 45, 5, None),
            // An exact fit ends without fetching an empty page.
            (1, 20, 40, 20, None),
            (0, 20, 0, 0, None),
            // An empty page ends even if the total promises more.
            (3, 20, 100, 0, None),
            // Linkcy's sample echoes `"pageSize": 0`.
            (0, 0, 10, 3, Some(1)),
            (0, 0, 1, 1, None),
            (0, 100, u64::MAX, 100, Some(1)),
            (u32::MAX, 1, u64::MAX, 1, None),
        ];
        for (page, size, total, items, next) in cases {
            assert_eq!(
                next_page_number(page, size, total, items),
                next,
                "page {page} size {size} total {total} items {items}"
            );
        }
    }

    #[test]
    fn page_number_without_total() {
        assert_eq!(next_page_if_full(1, 100, 100), Some(2));
        assert_eq!(next_page_if_full(0, 100, 100), Some(1));
        assert_eq!(next_page_if_full(2, 100, 37), None);
        assert_eq!(next_page_if_full(2, 100, 0), None);
        assert_eq!(next_page_if_full(u32::MAX, 1, 1), None);
    }

    #[test]
    fn page_after_counts_up_to_the_largest_number() {
        assert_eq!(page_after(&0), Some(1));
        assert_eq!(page_after(&41), Some(42));
        assert_eq!(page_after(&u32::MAX), None);
    }

    #[test]
    fn keyset() {
        // Cursor from FinqLink's /links/list sample.
        let after = || Some("eyJpbnNlcnRlZF9hdCI6Li4u".to_owned());
        assert_eq!(next_key(true, after()), after());
        assert_eq!(next_key(false, after()), None);
        assert_eq!(next_key(true, None), None);
        assert_eq!(next_key(true, Some(String::new())), None);
    }

    #[test]
    fn offset_token() {
        // Values from Flinks' FDX payment-networks and accounts samples.
        let offset = "806801cd-999a-461b-9d08-5fd95d0e3300";
        assert_eq!(
            next_offset(Some(offset.to_owned())).as_deref(),
            Some(offset)
        );
        assert_eq!(next_offset(Some(String::new())), None);
        assert_eq!(next_offset(None), None);
    }

    #[test]
    fn next_link() {
        // Hrefs from Flinks' FDX payment-networks (more) and accounts (last page) samples.
        let more = "https://ob.flinksapp.com/api/fdx/5/accounts/11/payment-networks?limit=1&offset=806801cd-999a-461b-9d08-5fd95d0e3300";
        assert_eq!(
            next_url(Some(more), "offset")
                .unwrap()
                .map(String::from)
                .as_deref(),
            Some(more)
        );
        let last = "https://ob-preprod.flinksapp.dev/api/fdx/5/accounts?limit=1&offset=";
        assert_eq!(next_url(Some(last), "offset").unwrap(), None);
        // Without the cursor parameter the link is followed as is.
        let plain = "https://api.example.com/items?page=2";
        assert!(next_url(Some(plain), "offset").unwrap().is_some());
        assert_eq!(next_url(None, "offset").unwrap(), None);
        assert_eq!(next_url(Some("  "), "offset").unwrap(), None);
        assert_eq!(
            next_url(Some("/api/fdx/5/accounts?offset=2"), "offset"),
            Err(url::ParseError::RelativeUrlWithoutBase)
        );
    }
}
