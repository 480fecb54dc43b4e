//! `Decimal` as a JSON string with FinqLink's rules: `"100.50"` ↔ `100.50`.
//!
//! FinqLink sends and expects amounts as strings "to maintain precision":
//! no leading zeros except for values below 1 (`"0.50"`), no separators, the
//! decimal point optional for whole amounts. This adapter enforces the
//! grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?` in both directions, so it rejects:
//! leading zeros (`"0100"`), thousands or other separators (`"1,000.00"`,
//! `"1 000"`, `"1_000"`), exponents (`"1e3"`), a `+` sign or any sign but
//! one leading `-`, whitespace (`" 5"`), a bare point (`".5"`, `"5."`) and
//! the empty string. The scale is kept (`"100.50"` is scale 2, and encodes
//! back as `"100.50"`).
//!
//! `"-0.00"` follows the grammar and decodes to zero; zero is always encoded
//! without a sign (`"0.00"`). Encoding checks its own output against the same
//! grammar and fails rather than send an amount that breaks it.
//!
//! ```
//! use banking_core::money::Decimal;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Deserialize, Serialize)]
//! struct PaymentIntent {
//!     #[serde(with = "banking_core::money::wire::decimal_string")]
//!     amount: Decimal,
//! }
//!
//! let intent: PaymentIntent = serde_json::from_str(r#"{"amount": "100.50"}"#)?;
//! assert_eq!(intent.amount, Decimal::new(10050, 2));
//! assert_eq!(serde_json::to_string(&intent)?, r#"{"amount":"100.50"}"#);
//!
//! for bad in [r#""0100.50""#, r#""1,000.00""#, r#""1e3""#, r#""+5""#, r#""""#, "100.50"] {
//!     let json = format!(r#"{{"amount": {bad}}}"#);
//!     assert!(serde_json::from_str::<PaymentIntent>(&json).is_err(), "{bad}");
//! }
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Exponent, canonical_text, parse_decimal};

/// Encodes `value` as a decimal string with every digit of its scale.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let text = canonical_text(value);
    // Guards the wire against a change in `Decimal`'s formatting (an
    // exponent form, say): the server would reject or misread it.
    parse_decimal(&text, Exponent::Rejected).map_err(S::Error::custom)?;
    serializer.serialize_str(&text)
}

/// Parses text that follows the rules above into the exact `Decimal` it
/// denotes, scale kept: the same grammar as [`deserialize`], for amounts
/// and rates that arrive as plain text (user input, or a string field that
/// the caller reads on demand).
///
/// ```
/// use banking_core::money::wire::decimal_string;
///
/// assert_eq!(decimal_string::parse("1.0847").unwrap().to_string(), "1.0847");
/// // `Decimal::from_str` would read these as 10847 and as a rounded value.
/// assert!(decimal_string::parse("1_0847").is_err());
/// assert!(decimal_string::parse("0.12345678901234567890123456789").is_err());
/// ```
pub fn parse(text: &str) -> Result<Decimal, ParseError> {
    parse_decimal(text, Exponent::Rejected).map_err(|e| ParseError(e.to_string()))
}

/// Why [`parse`] refused a text; its message names the rule broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(String);

/// Decodes a decimal string that follows the rules above.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_str(DecimalStringVisitor)
}

struct DecimalStringVisitor;

impl Visitor<'_> for DecimalStringVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string such as \"100.50\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse_decimal(text, Exponent::Rejected).map_err(E::custom)
    }
}

/// A decimal that (de)serialises through this module, for `Option` fields.
struct DecimalString(Decimal);

impl Serialize for DecimalString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for DecimalString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer).map(DecimalString)
    }
}

/// `Option<Decimal>` as a decimal string or `null`; pair with
/// `#[serde(default)]` so a missing field is `None`.
///
/// ```
/// use banking_core::money::Decimal;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Filter {
///     #[serde(default, with = "banking_core::money::wire::decimal_string::option")]
///     amount_min: Option<Decimal>,
/// }
///
/// let filter: Filter = serde_json::from_str(r#"{"amount_min": "0.50"}"#)?;
/// assert_eq!(filter.amount_min, Some(Decimal::new(50, 2)));
/// assert_eq!(serde_json::from_str::<Filter>("{}")?.amount_min, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod option {
    use super::*;

    /// Encodes `Some` as a decimal string and `None` as `null`.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&DecimalString(*value)),
            None => serializer.serialize_none(),
        }
    }

    /// Decodes `null` as `None` and a decimal string as its `Decimal`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<DecimalString>::deserialize(deserializer)?.map(|value| value.0))
    }
}
