//! Client-side checks shared by the provider crates.
//!
//! Each check returns [`Error::Validation`] naming the wire field, so a bad
//! request is refused before anything is sent.
//!
//! ```
//! use banking_core::money::{Currency, Decimal};
//! use banking_core::validate;
//!
//! assert!(validate::iban("iban", "FR1420041010050500013M02606").is_ok());
//! let err = validate::iban("iban", "FR1420041010050500013M02607").unwrap_err();
//! assert_eq!(err.to_string(), "invalid request: iban: invalid IBAN: the check digits do not match");
//!
//! assert!(validate::positive_amount("amount", Decimal::new(1521, 2), 2).is_ok());
//! assert!(validate::positive_amount("amount", Decimal::new(15215, 3), 2).is_err());
//! assert!(validate::amount_for_currency("amount", Decimal::new(100, 0), Currency::JPY).is_ok());
//! assert!(validate::amount_for_currency("amount", Decimal::new(1005, 1), Currency::JPY).is_err());
//!
//! assert!(validate::bic("bic", "BCEELULL").is_ok());
//! assert!(validate::bic("bic", "BCEELU").is_err());
//! // Three letters decode (a server may send a code new to this SDK), but a
//! // request in a currency ISO 4217 does not list is refused.
//! let made_up = Currency::new("ABC").unwrap();
//! assert!(validate::currency("currency", made_up).is_err());
//! assert!(validate::currency("currency", Currency::EUR).is_ok());
//! ```

use rust_decimal::Decimal;

use crate::Error;
use crate::error::Result;
use crate::money::Currency;

/// An IBAN in electronic form (ISO 13616): upper-case letters and digits
/// without spaces, a country of the SWIFT IBAN registry, that country's
/// length and BBAN format, and a matching mod-97 checksum (the
/// `iban_validate` crate), so a typo is caught before money moves. The
/// printed form with spaces is refused: APIs expect the electronic one.
pub fn iban(field: &str, iban: &str) -> Result<()> {
    let invalid = |why: &str| Error::validation(field, format!("invalid IBAN: {why}"));
    if !iban
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(invalid(
            "only upper-case letters and digits are allowed, without spaces",
        ));
    }
    match iban.parse::<iban::Iban>() {
        Ok(_) => Ok(()),
        Err(iban::ParseIbanError::InvalidBaseIban { source }) => Err(invalid(match source {
            iban::ParseBaseIbanError::InvalidChecksum => "the check digits do not match",
            _ => "must be 15 to 34 characters: a country code, two check digits and the account",
        })),
        Err(iban::ParseIbanError::UnknownCountry(_)) => {
            Err(invalid("the country has no IBAN in the SWIFT registry"))
        }
        Err(iban::ParseIbanError::InvalidBban(_)) => Err(invalid(
            "the length or format does not match the country's IBAN",
        )),
    }
}

/// A strictly positive amount with at most `max_decimals` decimal places
/// (trailing zeros do not count: `10.50` has one).
pub fn positive_amount(field: &str, amount: Decimal, max_decimals: u32) -> Result<()> {
    if amount <= Decimal::ZERO {
        return Err(Error::validation(
            field,
            format!("must be positive, got {amount}"),
        ));
    }
    max_scale(field, amount, max_decimals)
}

/// A strictly positive amount with no more decimal places than `currency`
/// has (any, for a currency without a minor unit), in a currency of
/// ISO 4217 (see [`currency`]; the error names the `currency` field).
pub fn amount_for_currency(field: &str, amount: Decimal, currency: Currency) -> Result<()> {
    self::currency("currency", currency)?;
    positive_amount(field, amount, currency.minor_units().unwrap_or(u32::MAX))
}

/// A currency ISO 4217 lists ([`Currency::is_iso4217`]): checked on what a
/// request sends, never on what a server answers.
pub fn currency(field: &str, currency: Currency) -> Result<()> {
    if currency.is_iso4217() {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{currency} is not an ISO 4217 currency code"),
        ))
    }
}

/// A BIC by its ISO 9362 format: 4 letters (institution), 2 letters
/// (country), 2 letters or digits (location), optionally 3 letters or
/// digits (branch). Whether the bank exists is the server's to say.
pub fn bic(field: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            "is not a BIC (8 or 11 characters: AAAABBCC or AAAABBCCDDD)",
        ))
    }
}

/// At most `max_decimals` decimal places, trailing zeros not counted.
pub fn max_scale(field: &str, amount: Decimal, max_decimals: u32) -> Result<()> {
    if amount.normalize().scale() > max_decimals {
        return Err(Error::validation(
            field,
            format!("must have at most {max_decimals} decimal places, got {amount}"),
        ));
    }
    Ok(())
}

/// Text of `min..=max` characters (Unicode scalar values).
pub fn length(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let len = value.chars().count();
    if len < min || len > max {
        return Err(Error::validation(
            field,
            format!("must be {min} to {max} characters, got {len}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_are_checked_on_requests_only() {
        let new_code: Currency = serde_json::from_str(r#""ZZZ""#).unwrap();
        assert_eq!(new_code.code(), "ZZZ");
        let err = currency("currency", new_code).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid request: currency: ZZZ is not an ISO 4217 currency code"
        );
        for listed in ["EUR", "JPY", "KWD", "XAU", "XDR", "HRK"] {
            currency("currency", Currency::new(listed).unwrap()).unwrap();
        }
        assert!(amount_for_currency("amount", Decimal::ONE, new_code).is_err());
    }

    #[test]
    fn ibans() {
        for good in [
            "FR1420041010050500013M02606",
            "GB82WEST12345698765432",
            "BE68539007547034",
            "DE89370400440532013000",
            "RO10RZBR0000069999999970",
        ] {
            assert!(iban("iban", good).is_ok(), "{good}");
        }
        for bad in [
            "FR1420041010050500013M02607",
            "GB82 WEST 1234 5698 7654 32",
            "gb82west12345698765432",
            "1282WEST12345698765432",
            "GB8",
            "string",
            // Right mod-97 checksums, wrong registry lengths (FR 27, DE 22)
            // or no registry entry.
            "FR352004101005050001302606",
            "DE6537040044053201300012",
            "XX46370400440532013000",
            "",
        ] {
            let err = iban("iban", bad).unwrap_err();
            assert!(err.is_validation(), "{bad}");
        }
    }

    #[test]
    fn amounts() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(positive_amount("a", d("0.01"), 2).is_ok());
        assert!(
            positive_amount("a", d("10.50"), 1).is_ok(),
            "trailing zeros do not count"
        );
        assert!(positive_amount("a", d("0"), 2).is_err());
        assert!(positive_amount("a", d("-1"), 2).is_err());
        assert!(positive_amount("a", d("1.001"), 2).is_err());
        assert!(amount_for_currency("a", d("1.001"), Currency::new("XAU").unwrap()).is_ok());
        assert_eq!(
            max_scale("amount", d("1.234"), 2).unwrap_err().to_string(),
            "invalid request: amount: must have at most 2 decimal places, got 1.234"
        );
    }

    #[test]
    fn lengths() {
        assert!(length("ref", "Rent", 0, 18).is_ok());
        assert!(
            length("ref", "ééé", 3, 3).is_ok(),
            "counts characters, not bytes"
        );
        assert!(length("ref", "", 1, 18).is_err());
        assert!(length("ref", &"x".repeat(19), 0, 18).is_err());
    }
}
