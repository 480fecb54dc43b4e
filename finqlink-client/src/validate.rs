//! Client-side checks shared by the request types that banking-core does
//! not provide (IBANs and amounts are checked with
//! [`banking_core::validate`]). Each returns
//! `banking_core::Error::Validation` naming the wire field.

use banking_core::Error;
use url::Url;

/// Text of `min..=max` characters without control characters.
pub(crate) fn text(field: &str, value: &str, min: usize, max: usize) -> banking_core::Result<()> {
    banking_core::validate::length(field, value, min, max)?;
    if value.chars().any(char::is_control) {
        return Err(Error::validation(
            field,
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// `from <= to` when both are set.
pub(crate) fn range<T: PartialOrd + std::fmt::Display>(
    field: &str,
    from: Option<&T>,
    to: Option<&T>,
) -> banking_core::Result<()> {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(Error::validation(
            field,
            format!("range start {from} is after its end {to}"),
        ));
    }
    Ok(())
}

/// Whether `url` is an http(s) URL with a host.
pub(crate) fn is_web_url(url: &Url) -> bool {
    matches!(url.scheme(), "https" | "http") && url.host().is_some()
}

/// An http(s) URL FinqLink can call or redirect to.
pub(crate) fn web_url(field: &str, url: &Url) -> banking_core::Result<()> {
    if !is_web_url(url) {
        return Err(Error::validation(
            field,
            "must be an http(s) URL with a host",
        ));
    }
    Ok(())
}
