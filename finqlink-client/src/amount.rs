//! Amounts given as text, checked against FinqLink's decimal string rules.

use rust_decimal::Decimal;

/// Parses an amount written the way FinqLink writes them: `"100.50"`,
/// `"0.50"`, `"100"`. Leading zeros (`"0100.5"`), separators (`"1,000.00"`)
/// and exponents (`"1e3"`) are refused with
/// [`banking_core::Error::Validation`], before anything is sent. The scale
/// is kept (`"100.50"` stays two decimals).
///
/// ```
/// use finqlink_client::parse_amount;
///
/// assert_eq!(parse_amount("100.50").unwrap().to_string(), "100.50");
/// for bad in ["0100.5", "1,000.00", "1e3"] {
///     assert!(parse_amount(bad).unwrap_err().is_validation(), "{bad}");
/// }
/// ```
pub fn parse_amount(text: &str) -> banking_core::Result<Decimal> {
    // The same grammar as the wire adapter, applied to user input.
    banking_core::money::wire::decimal_string::parse(text)
        .map_err(|e| banking_core::Error::validation("amount", format!("{text:?}: {e}")))
}
