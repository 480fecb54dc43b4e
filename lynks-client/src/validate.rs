//! Client-side checks run before anything is sent.
//!
//! The LYNKS docs publish no field rules, so these checks only refuse what
//! no bank can accept: IBANs failing the ISO 13616 checksum, malformed BICs
//! (ISO 9362), texts longer than the ISO 20022 payment-message limits
//! (LYNKS forwards payments to banks; the limit each check applies is named
//! where it is used), amounts that are not positive or carry more decimals
//! than the currency has. A stricter server rule still comes back as an
//! [`ApiError`](banking_core::error::ApiError) with status 400.

use banking_core::money::{Currency, Decimal};
use banking_core::{Error, Result};

/// Removes spaces (the printed IBAN form) and upper-cases, giving the
/// electronic form banking-core's IBAN check expects.
pub(crate) fn normalize_account_code(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

pub(crate) use banking_core::validate::bic;

/// ISO 3166 alpha-2: two uppercase letters.
pub(crate) fn country(field: &str, value: &str) -> Result<()> {
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            "is not an ISO 3166 country code (two uppercase letters)",
        ))
    }
}

/// ISO 20022 `Nm` (Max140Text): the most a name may hold.
pub(crate) const NAME_MAX: usize = 140;

/// What every bank account to create names: a holder or display `name`
/// (at most [`NAME_MAX`] characters), an IBAN and, when set, a BIC.
pub(crate) fn bank_account(name: &str, iban: &str, bic_code: Option<&str>) -> Result<()> {
    text("name", name, NAME_MAX)?;
    banking_core::validate::iban("iban", iban)?;
    bic_code.map_or(Ok(()), |b| bic("bic", b))
}

/// Not blank and at most `max` characters.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    banking_core::validate::length(field, value, 1, max)
}

/// At most `max` characters when set.
pub(crate) fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<()> {
    value.map_or(Ok(()), |v| banking_core::validate::length(field, v, 0, max))
}

/// A positive amount with no more decimals than `currency` has
/// (banking-core's check) and at most 18 digits (ISO 20022
/// `ActiveOrHistoricCurrencyAndAmount`).
pub(crate) fn amount(field: &str, amount: Decimal, currency: Currency) -> Result<()> {
    banking_core::validate::amount_for_currency(field, amount, currency)?;
    let digits = amount
        .normalize()
        .mantissa()
        .unsigned_abs()
        .to_string()
        .len();
    if digits > 18 {
        return Err(Error::validation(field, "must have at most 18 digits"));
    }
    Ok(())
}

/// A batch to create: at least one item, each passing `check`; a failure
/// names the item by its position (`[2].iban`).
pub(crate) fn batch<T>(field: &str, items: &[T], check: impl Fn(&T) -> Result<()>) -> Result<()> {
    batch_not_empty(field, items)?;
    items
        .iter()
        .enumerate()
        .try_for_each(|(index, item)| in_batch(index, check(item)))
}

/// Prefixes a field name with its position in a batch: `[2].iban`.
fn in_batch(index: usize, result: Result<()>) -> Result<()> {
    result.map_err(|e| match e {
        Error::Validation(v) => Error::validation(format!("[{index}].{}", v.field), v.message),
        other => other,
    })
}

/// A batch must hold at least one item.
fn batch_not_empty<T>(field: &str, items: &[T]) -> Result<()> {
    if items.is_empty() {
        Err(Error::validation(field, "must hold at least one item"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_codes_are_normalized_then_checked() {
        let iban_text = normalize_account_code(" lu28 0019 4006 4475 0000 ");
        assert_eq!(iban_text, "LU280019400644750000");
        banking_core::validate::iban("iban", &iban_text).unwrap();
    }

    #[test]
    fn bics() {
        for ok in ["BCEELULL", "BGLLLULLXXX", "DEUTDEFF500"] {
            bic("bic", ok).unwrap();
        }
        for bad in [
            "BCEELUL",
            "BCEE1ULL",
            "bceelull",
            "BCEELULLXX",
            "BCEELULL-XX",
        ] {
            assert!(bic("bic", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts() {
        amount("amount", Decimal::new(10050, 2), Currency::EUR).unwrap();
        // Trailing zeros are not extra precision.
        amount("amount", Decimal::new(1_000, 3), Currency::EUR).unwrap();
        assert!(amount("amount", Decimal::new(1001, 3), Currency::EUR).is_err());
        assert!(amount("amount", Decimal::new(5, 1), Currency::JPY).is_err());
        assert!(amount("amount", Decimal::ZERO, Currency::EUR).is_err());
        assert!(amount("amount", Decimal::new(-1, 0), Currency::EUR).is_err());
        let nineteen_digits = Decimal::from_i128_with_scale(1_234_567_890_123_456_789, 2);
        assert!(amount("amount", nineteen_digits, Currency::EUR).is_err());
        amount(
            "amount",
            Decimal::new(999_999_999_999_999_999, 2),
            Currency::EUR,
        )
        .unwrap();
    }

    #[test]
    fn texts_and_batches() {
        text("name", "Acme", 140).unwrap();
        country("country", "LU").unwrap();
        for bad in ["lu", "LUX", "L", "L1"] {
            assert!(country("country", bad).is_err(), "{bad}");
        }
        assert!(text("name", "   ", 140).is_err());
        assert!(optional_text("info", Some(&"é".repeat(141)), 140).is_err());
        optional_text("info", Some(&"é".repeat(140)), 140).unwrap();
        let err = in_batch(2, text("name", "", 5)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid request: [2].name: must not be empty"
        );
        assert!(batch_not_empty::<u8>("counterparties", &[]).is_err());
        let err = batch("items", &["ok", "", "ok"], |t| text("name", t, 5)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid request: [1].name: must not be empty"
        );
        batch("items", &["ok"], |t| text("name", t, 5)).unwrap();
    }
}
