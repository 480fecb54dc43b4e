//! FX reconciliation: does an entry's original amount, converted at its
//! exchange rate, give the amount booked?
//!
//! LYNKS documents that FX statement entries carry an exchange rate, an
//! original amount and an original currency "to enable FX validation and
//! reconciliation workflows" (API overview, "FX statement transaction
//! entries"). The check follows ISO 20022: a rate is the number of units of
//! the quoted currency per one unit of the unit currency (`UnitCcy`; by
//! default the source, which is the original currency). A rate quoted per
//! unit of the original currency is applied by multiplication, one quoted
//! per unit of the booked currency by division. The result matches when it
//! is within half a minor unit of the booked currency
//! ([`Currency::minor_units`]) of the booked amount.
//!
//! The same check serves the API's transactions and entries read from a
//! CAMT statement (through `Entry::to_transaction`, feature `camt`):
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::fx::{FxCheck, FxSummary};
//! use lynks_client::transactions::TransactionQuery;
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! # let account = lynks_client::AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b");
//! let entries = client.transactions().list(&TransactionQuery::new(account)).await?;
//! // 10000.00 USD × 0.92345 = 9234.50 EUR, as booked.
//! assert!(matches!(entries[0].fx_check(), FxCheck::Matches { .. }));
//! let summary = FxSummary::of(&entries);
//! assert!(summary.is_reconciled());
//! # Ok(()) }
//! ```

use banking_core::money::{Currency, Decimal, Money};

use crate::transactions::Transaction;

/// The outcome of checking one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "a failed check means the entry's FX figures disagree"]
pub enum FxCheck {
    /// The converted amount is within half a minor unit of the booked one.
    Matches {
        /// The converted amount, rounded to the booked currency's minor units.
        expected: Money,
        /// The amount booked.
        booked: Money,
    },
    /// The converted amount is further than half a minor unit away.
    Differs(FxDifference),
    /// The entry cannot be checked, and why.
    NotApplicable(NotApplicable),
}

/// An FX entry whose booked amount is not what its rate gives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FxDifference {
    /// The converted amount, rounded to the booked currency's minor units
    /// (halves away from zero).
    pub expected: Money,
    /// The amount booked.
    pub booked: Money,
    /// `booked - expected`, in the booked currency.
    pub difference: Decimal,
}

/// Why an entry was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotApplicable {
    /// Not an FX entry: no exchange rate and no original amount.
    NotFx,
    /// An FX entry missing a field the check needs (its name).
    Incomplete(&'static str),
    /// The rate is quoted per a currency that is neither the original nor
    /// the booked one.
    UnrelatedUnitCurrency(Currency),
    /// The booked currency's minor units are unknown, so there is no
    /// tolerance to apply.
    UnknownMinorUnits(Currency),
    /// A rate of zero quoted per unit of the booked currency, or a product
    /// beyond what a `Decimal` holds.
    Arithmetic,
}

/// Checks one entry; see the [module docs](self).
pub fn check(transaction: &Transaction) -> FxCheck {
    match checked(transaction) {
        Ok(check) => check,
        Err(reason) => FxCheck::NotApplicable(reason),
    }
}

fn checked(t: &Transaction) -> Result<FxCheck, NotApplicable> {
    if t.exchange_rate.is_none() && t.original_amount.is_none() {
        return Err(NotApplicable::NotFx);
    }
    let rate = t
        .exchange_rate
        .ok_or(NotApplicable::Incomplete("exchangeRate"))?;
    let original = Money::new(
        t.original_amount
            .ok_or(NotApplicable::Incomplete("originalAmount"))?,
        t.original_currency
            .ok_or(NotApplicable::Incomplete("originalCurrency"))?,
    );
    let booked = Money::new(
        t.amount.ok_or(NotApplicable::Incomplete("amount"))?,
        t.currency.ok_or(NotApplicable::Incomplete("currency"))?,
    );
    let per = t.rate_unit_currency.unwrap_or(original.currency);
    let converted = if per == original.currency {
        original.amount.checked_mul(rate)
    } else if per == booked.currency {
        original.amount.checked_div(rate)
    } else {
        return Err(NotApplicable::UnrelatedUnitCurrency(per));
    }
    .ok_or(NotApplicable::Arithmetic)?;
    let places = booked
        .currency
        .minor_units()
        .ok_or(NotApplicable::UnknownMinorUnits(booked.currency))?;
    let expected = Money::new(converted, booked.currency)
        .round_to_minor_units()
        .ok_or(NotApplicable::UnknownMinorUnits(booked.currency))?;
    let half_unit = Decimal::new(5, places + 1);
    if (booked.amount - converted).abs() <= half_unit {
        Ok(FxCheck::Matches { expected, booked })
    } else {
        Ok(FxCheck::Differs(FxDifference {
            expected,
            booked,
            difference: booked.amount - expected.amount,
        }))
    }
}

/// The checks over a statement: how many matched, which differed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FxSummary {
    /// Entries seen.
    pub entries: usize,
    /// FX entries that matched.
    pub matching: usize,
    /// Entries not checked (mostly non-FX ones).
    pub not_applicable: usize,
    /// FX entries that did not match: their position among the entries
    /// (from 0) and the difference.
    pub differences: Vec<(usize, FxDifference)>,
}

impl FxSummary {
    /// Checks every transaction.
    pub fn of<'a>(transactions: impl IntoIterator<Item = &'a Transaction>) -> Self {
        let mut summary = FxSummary::default();
        for transaction in transactions {
            summary.record(&transaction.fx_check());
        }
        summary
    }

    /// Adds the next entry's check (for statements read as a stream).
    pub fn record(&mut self, check: &FxCheck) {
        match check {
            FxCheck::Matches { .. } => self.matching += 1,
            FxCheck::Differs(difference) => {
                self.differences.push((self.entries, difference.clone()))
            }
            FxCheck::NotApplicable(_) => self.not_applicable += 1,
        }
        self.entries += 1;
    }

    /// No FX entry differs.
    pub fn is_reconciled(&self) -> bool {
        self.differences.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fx(
        booked: &str,
        currency: Currency,
        original: &str,
        from: Currency,
        rate: &str,
    ) -> Transaction {
        let json = format!(
            r#"{{"amount":{booked},"currency":"{currency}","exchangeRate":{rate},"originalAmount":{original},"originalCurrency":"{from}"}}"#
        );
        serde_json::from_str(&json).unwrap()
    }

    #[test]
    fn a_rate_per_unit_of_the_original_multiplies() {
        let t = fx(
            "9234.50",
            Currency::EUR,
            "10000.00",
            Currency::USD,
            "0.92345",
        );
        assert_eq!(
            t.fx_check(),
            FxCheck::Matches {
                expected: Money::new(Decimal::new(923450, 2), Currency::EUR),
                booked: Money::new(Decimal::new(923450, 2), Currency::EUR),
            }
        );
    }

    #[test]
    fn one_minor_unit_off_differs_and_half_a_unit_matches() {
        let t = fx(
            "9234.51",
            Currency::EUR,
            "10000.00",
            Currency::USD,
            "0.92345",
        );
        assert_eq!(
            t.fx_check(),
            FxCheck::Differs(FxDifference {
                expected: Money::new(Decimal::new(923450, 2), Currency::EUR),
                booked: Money::new(Decimal::new(923451, 2), Currency::EUR),
                difference: Decimal::new(1, 2),
            })
        );
        // 1000.00 × 0.923455 = 923.455: both neighbours are half a cent away.
        for booked in ["923.45", "923.46"] {
            let t = fx(booked, Currency::EUR, "1000.00", Currency::USD, "0.923455");
            assert!(matches!(t.fx_check(), FxCheck::Matches { .. }), "{booked}");
        }
        let t = fx(
            "923.47",
            Currency::EUR,
            "1000.00",
            Currency::USD,
            "0.923455",
        );
        let FxCheck::Differs(d) = t.fx_check() else {
            panic!("{:?}", t.fx_check())
        };
        assert_eq!(d.expected.to_string(), "923.46 EUR");
        assert_eq!(d.difference.to_string(), "0.01");
    }

    #[test]
    fn a_rate_per_unit_of_the_booked_currency_divides() {
        // 1.0829 USD per EUR: 10000.00 USD / 1.0829 = 9234.4630... EUR.
        let mut t = fx(
            "9234.46",
            Currency::EUR,
            "10000.00",
            Currency::USD,
            "1.0829",
        );
        t.rate_unit_currency = Some(Currency::EUR);
        assert!(matches!(t.fx_check(), FxCheck::Matches { .. }));
        t.amount = Some(Decimal::new(923447, 2));
        assert!(matches!(t.fx_check(), FxCheck::Differs(_)));
        t.rate_unit_currency = Some(Currency::GBP);
        assert_eq!(
            t.fx_check(),
            FxCheck::NotApplicable(NotApplicable::UnrelatedUnitCurrency(Currency::GBP))
        );
    }

    #[test]
    fn minor_units_of_the_booked_currency_set_the_tolerance() {
        // JPY has no minor unit: half a yen either way.
        let t = fx("15000", Currency::JPY, "100.00", Currency::USD, "150.004");
        assert!(matches!(t.fx_check(), FxCheck::Matches { .. }));
        let t = fx("15001", Currency::JPY, "100.00", Currency::USD, "150.004");
        assert!(matches!(t.fx_check(), FxCheck::Differs(_)));
        let xau = Currency::new("XAU").unwrap();
        let t = fx("1", xau, "100.00", Currency::USD, "0.01");
        assert_eq!(
            t.fx_check(),
            FxCheck::NotApplicable(NotApplicable::UnknownMinorUnits(xau))
        );
    }

    #[test]
    fn entries_that_cannot_be_checked_say_why() {
        let plain: Transaction =
            serde_json::from_str(r#"{"amount":1.00,"currency":"EUR"}"#).unwrap();
        assert_eq!(
            plain.fx_check(),
            FxCheck::NotApplicable(NotApplicable::NotFx)
        );
        let no_original: Transaction =
            serde_json::from_str(r#"{"amount":1.00,"currency":"EUR","exchangeRate":1.1}"#).unwrap();
        assert_eq!(
            no_original.fx_check(),
            FxCheck::NotApplicable(NotApplicable::Incomplete("originalAmount"))
        );
        let mut zero = fx("1.00", Currency::EUR, "1.00", Currency::USD, "0");
        zero.rate_unit_currency = Some(Currency::EUR);
        assert_eq!(
            zero.fx_check(),
            FxCheck::NotApplicable(NotApplicable::Arithmetic)
        );
    }

    #[test]
    fn the_summary_counts_and_locates_differences() {
        let entries = [
            fx(
                "9234.50",
                Currency::EUR,
                "10000.00",
                Currency::USD,
                "0.92345",
            ),
            serde_json::from_str(r#"{"amount":1.00,"currency":"EUR"}"#).unwrap(),
            fx(
                "9234.49",
                Currency::EUR,
                "10000.00",
                Currency::USD,
                "0.92345",
            ),
        ];
        let summary = FxSummary::of(&entries);
        assert_eq!(
            (summary.entries, summary.matching, summary.not_applicable),
            (3, 1, 1)
        );
        assert_eq!(summary.differences.len(), 1);
        assert_eq!(summary.differences[0].0, 2);
        assert_eq!(summary.differences[0].1.difference.to_string(), "-0.01");
        assert!(!summary.is_reconciled());
    }
}
