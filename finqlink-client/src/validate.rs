//! Client-side checks shared by the request types. Each returns
//! `banking_core::Error::Validation` naming the wire field.

use banking_core::Error;
use banking_core::money::Currency;
use rust_decimal::Decimal;
use url::Url;

/// A positive amount with no more decimals than the currency has.
pub(crate) fn amount(field: &str, amount: Decimal, currency: Currency) -> banking_core::Result<()> {
    if amount <= Decimal::ZERO {
        return Err(Error::validation(
            field,
            format!("must be positive, got {amount}"),
        ));
    }
    non_negative_scale(field, amount, currency)
}

/// An amount (filter bound) with no more decimals than the currency has,
/// when the currency is known; any scale otherwise.
pub(crate) fn non_negative_scale(
    field: &str,
    amount: Decimal,
    currency: Currency,
) -> banking_core::Result<()> {
    if amount < Decimal::ZERO {
        return Err(Error::validation(
            field,
            format!("must not be negative, got {amount}"),
        ));
    }
    if let Some(units) = currency.minor_units() {
        if amount.normalize().scale() > units {
            return Err(Error::validation(
                field,
                format!("{currency} has {units} decimal places, got {amount}"),
            ));
        }
    }
    Ok(())
}

/// An IBAN: country code, check digits, 11 to 30 alphanumerics, and a
/// correct ISO 13616 mod-97 checksum, so a typo is caught before money moves.
pub(crate) fn iban(field: &str, iban: &str) -> banking_core::Result<()> {
    let bytes = iban.as_bytes();
    let shape = (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !shape {
        return Err(Error::validation(
            field,
            "must be an IBAN in electronic format (upper case, no spaces)",
        ));
    }
    let remainder = bytes[4..].iter().chain(&bytes[..4]).fold(0u32, |acc, &b| {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        let acc = if value >= 10 { acc * 100 } else { acc * 10 };
        (acc + value) % 97
    });
    if remainder != 1 {
        return Err(Error::validation(field, "IBAN checksum does not match"));
    }
    Ok(())
}

/// Text of `min..=max` characters without control characters.
pub(crate) fn text(field: &str, value: &str, min: usize, max: usize) -> banking_core::Result<()> {
    let len = value.chars().count();
    if len < min || len > max {
        return Err(Error::validation(
            field,
            format!("must be {min} to {max} characters, got {len}"),
        ));
    }
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
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::validation(
                field,
                format!("range start {from} is after its end {to}"),
            ));
        }
    }
    Ok(())
}

/// An http(s) URL FinqLink can call or redirect to.
pub(crate) fn web_url(field: &str, url: &Url) -> banking_core::Result<()> {
    if !matches!(url.scheme(), "https" | "http") || url.host().is_none() {
        return Err(Error::validation(
            field,
            "must be an http(s) URL with a host",
        ));
    }
    Ok(())
}
