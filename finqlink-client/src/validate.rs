//! Client-side checks shared by the request types that banking-core does
//! not provide (IBANs and amounts are checked with
//! [`banking_core::validate`]). Each returns
//! `banking_core::Error::Validation` naming the wire field. No check is
//! stricter than the FinqLink docs: where they give no rule, the server
//! decides.

use banking_core::Error;
use url::Url;

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
