//! Client-side checks run before a request is sent: Linkcy's own rules,
//! next to banking-core's shared checks (IBAN, lengths, decimal places).

use banking_core::Error;
use rust_decimal::Decimal;

pub(crate) use banking_core::validate::{bic, iban, length, max_scale};

/// Decimal places of a Linkcy amount.
///
/// Linkcy requests carry no currency (it is the ledger's), and every ledger
/// currency Linkcy lists (EUR, GBP, USD, PLN, AUD, CHF, CAD, SEK, NOK, JPY,
/// HUF, HKD, NZD, CZK, SGD, RON, HRK) has at most two minor units, so two
/// decimals is the tightest rule that is right for all of them.
pub(crate) const AMOUNT_DECIMALS: u32 = 2;

/// The payment reference pattern `^[.'a-zA-ZÀ-ÿ0-9,? ]*$` (seed).
pub(crate) fn reference(field: &str, value: &str, max_chars: usize) -> banking_core::Result<()> {
    let count = value.chars().count();
    if count > max_chars {
        return Err(Error::validation(
            field,
            format!("must be at most {max_chars} characters, got {count}"),
        ));
    }
    if let Some(bad) = value.chars().find(|c| !reference_char(*c)) {
        return Err(Error::validation(
            field,
            format!(
                "character {bad:?} is not allowed; use letters (including À-ÿ), digits, space and . ' , ?"
            ),
        ));
    }
    Ok(())
}

fn reference_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '\'' | ',' | '?' | ' ' | 'À'..='ÿ')
}

/// A transfer amount: strictly positive with at most [`AMOUNT_DECIMALS`]
/// decimal places. Trailing zeros do not count (`10.500` is accepted and
/// sent as written).
pub(crate) fn amount(field: &str, value: Decimal) -> banking_core::Result<()> {
    banking_core::validate::positive_amount(field, value, AMOUNT_DECIMALS)
}

/// A required string that must not be blank.
pub(crate) fn non_empty(field: &str, value: &str) -> banking_core::Result<()> {
    if value.trim().is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn reference_pattern_and_length() {
        assert!(reference("reference", "Invoice 12, O'Brien? é.ÿÀ", 60).is_ok());
        assert!(reference("reference", "", 18).is_ok());
        assert!(reference("reference", &"é".repeat(18), 18).is_ok());
        let too_long = reference("reference", &"a".repeat(19), 18).unwrap_err();
        assert_eq!(
            too_long.to_string(),
            Error::validation("reference", "must be at most 18 characters, got 19").to_string()
        );
        for bad in ["a-b", "a_b", "a/b", "€", "a\nb", "Ā", "a;b"] {
            assert!(reference("reference", bad, 60).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn amounts() {
        let ok = |s: &str| amount("amount", Decimal::from_str(s).unwrap());
        assert!(ok("0.01").is_ok());
        assert!(ok("10.500").is_ok());
        assert!(ok("12345678901234567.89").is_ok());
        assert!(ok("0").is_err());
        assert!(ok("-1").is_err());
        assert!(ok("0.001").is_err());
        assert!(ok("1.005").is_err());
    }

    #[test]
    fn ibans() {
        for good in [
            "FR1420041010050500013M02606",
            "GB82WEST12345698765432",
            "BE68539007547034",
            "DE89370400440532013000",
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
        ] {
            assert!(iban("iban", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths() {
        assert!(length("friendlyName", "a", 1, 255).is_ok());
        assert!(length("friendlyName", "", 1, 255).is_err());
        assert!(length("friendlyName", &"x".repeat(256), 1, 255).is_err());
    }
}
