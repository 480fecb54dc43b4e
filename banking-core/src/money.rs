//! Exact money: amounts, currencies and serde adapters for each wire style.
//!
//! Amounts are [`Decimal`]s from end to end, never `f64`: a [`Money`] pairs
//! one with a validated ISO 4217 [`Currency`], and the [`wire`] adapters
//! decode and encode amounts without losing a digit or the scale, whether a
//! provider sends JSON numbers (`100.50`), FinqLink's decimal strings
//! (`"100.50"`) or a mix of numbers, strings and nulls.
//!
//! ```
//! use banking_core::money::{Currency, Decimal, Money};
//!
//! let money: Money = serde_json::from_str(r#"{"amount": 100.50, "currency": "EUR"}"#)?;
//! assert_eq!(money, Money::new(Decimal::new(10050, 2), Currency::EUR));
//! assert_eq!(money.to_string(), "100.50 EUR");
//! assert_eq!(serde_json::to_string(&money)?, r#"{"amount":100.50,"currency":"EUR"}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

mod currency;
pub mod wire;

pub use currency::{Currency, CurrencyError};
/// The decimal type of every amount, re-exported so callers use the same
/// version as this crate.
pub use rust_decimal::Decimal;

/// An exact amount in a currency.
///
/// Serialises as `{"amount": <exact JSON number>, "currency": "EUR"}`; the
/// amount goes through [`wire::exact_number`], so its limits apply. The
/// amount keeps the scale it was given or decoded with (`100.50` stays
/// `100.50`); it is not rounded to the currency's
/// [minor units](Currency::minor_units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount; negative for debits where a provider signs amounts.
    #[serde(with = "wire::exact_number")]
    pub amount: Decimal,
    /// The ISO 4217 currency of `amount`.
    pub currency: Currency,
}

impl Money {
    /// Pairs `amount` with `currency`.
    pub const fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// The amount rounded to the currency's [minor units](Currency::minor_units),
    /// halves away from zero (`0.125 EUR` becomes `0.13 EUR`), with exactly
    /// that scale (`5 EUR` becomes `5.00 EUR`); `None` for a currency whose
    /// minor units this SDK does not know.
    ///
    /// ```
    /// use banking_core::money::{Currency, Decimal, Money};
    ///
    /// let fx = Money::new(Decimal::new(-9234565, 4), Currency::EUR);
    /// assert_eq!(fx.round_to_minor_units().unwrap().to_string(), "-923.46 EUR");
    /// let yen = Money::new(Decimal::new(15, 1), Currency::JPY);
    /// assert_eq!(yen.round_to_minor_units().unwrap().to_string(), "2 JPY");
    /// ```
    pub fn round_to_minor_units(&self) -> Option<Money> {
        let places = self.currency.minor_units()?;
        let mut amount = self
            .amount
            .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        amount.rescale(places);
        Some(Money::new(amount, self.currency))
    }
}

/// Writes the amount with its scale, a space and the code: `100.50 EUR`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_keeps_scale_and_sign() {
        let money = Money::new(Decimal::new(10050, 2), Currency::EUR);
        assert_eq!(money.to_string(), "100.50 EUR");
        let debit = Money::new(Decimal::new(-5, 0), Currency::JPY);
        assert_eq!(debit.to_string(), "-5 JPY");
    }

    #[test]
    fn rounds_to_minor_units_half_away_from_zero() {
        let round = |amount, currency| {
            Money::new(amount, currency)
                .round_to_minor_units()
                .map(|m| m.to_string())
        };
        assert_eq!(
            round(Decimal::new(125, 3), Currency::EUR).as_deref(),
            Some("0.13 EUR")
        );
        assert_eq!(
            round(Decimal::new(-125, 3), Currency::EUR).as_deref(),
            Some("-0.13 EUR")
        );
        assert_eq!(
            round(Decimal::new(124, 3), Currency::EUR).as_deref(),
            Some("0.12 EUR")
        );
        assert_eq!(
            round(Decimal::new(5, 0), Currency::EUR).as_deref(),
            Some("5.00 EUR")
        );
        assert_eq!(
            round(Decimal::new(123455, 4), Currency::new("KWD").unwrap()).as_deref(),
            Some("12.346 KWD")
        );
        assert_eq!(
            round(Decimal::new(25, 1), Currency::JPY).as_deref(),
            Some("3 JPY")
        );
        assert_eq!(
            round(Decimal::new(1, 0), Currency::new("XAU").unwrap()),
            None
        );
    }

    #[test]
    fn serde_round_trip_is_exact() {
        let json = r#"{"amount":12345678901234567.89,"currency":"CAD"}"#;
        let money: Money = serde_json::from_str(json).unwrap();
        assert_eq!(money.amount.to_string(), "12345678901234567.89");
        assert_eq!(money.currency, Currency::CAD);
        assert_eq!(serde_json::to_string(&money).unwrap(), json);
    }

    #[test]
    fn serde_rejects_bad_parts() {
        let quoted = serde_json::from_str::<Money>(r#"{"amount":"1.00","currency":"EUR"}"#);
        assert!(
            quoted
                .unwrap_err()
                .to_string()
                .starts_with("invalid type: a string, expected a JSON number")
        );
        let lower = serde_json::from_str::<Money>(r#"{"amount":1.00,"currency":"eur"}"#);
        assert!(
            lower
                .unwrap_err()
                .to_string()
                .starts_with("invalid currency code \"eur\"")
        );
        let missing = serde_json::from_str::<Money>(r#"{"amount":1.00}"#);
        assert_eq!(
            missing.unwrap_err().to_string(),
            "missing field `currency` at line 1 column 15"
        );
    }
}
