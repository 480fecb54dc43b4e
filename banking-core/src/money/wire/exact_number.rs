//! `Decimal` as a JSON number, exactly: `100.50` ↔ `100.50`.
//!
//! Decoding reads the number's source text (see the [module limits](super)),
//! so every digit and the scale survive: `12345678901234567.89` stays that
//! and `100.50` keeps scale 2. Exponent forms decode to the value they denote
//! (`1e3` is `1000`, scale 0; `1.5E-2` is `0.015`, scale 3). A JSON string,
//! boolean, object, array or `null` is an error (use [`option`] for nullable
//! fields, [`decimal_string`](super::decimal_string) or
//! [`lenient`](super::lenient) for quoted amounts), as is a number a
//! `Decimal` cannot hold exactly.
//!
//! Encoding writes the decimal's digits as a JSON number (`100.50`, never
//! `100.5`, never an exponent).
//!
//! ```
//! use banking_core::money::Decimal;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Deserialize, Serialize)]
//! struct Transfer {
//!     #[serde(with = "banking_core::money::wire::exact_number")]
//!     amount: Decimal,
//! }
//!
//! let transfer: Transfer = serde_json::from_str(r#"{"amount": 15.210}"#)?;
//! assert_eq!(transfer.amount.scale(), 3);
//! assert_eq!(serde_json::to_string(&transfer)?, r#"{"amount":15.210}"#);
//!
//! let quoted = serde_json::from_str::<Transfer>(r#"{"amount": "15.21"}"#);
//! assert!(quoted.is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::{Exponent, NumberError, canonical_text, non_number, parse_decimal};

/// Encodes `value` as a JSON number with the same digits and scale.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let raw = RawValue::from_string(canonical_text(value)).map_err(S::Error::custom)?;
    raw.serialize(serializer)
}

/// Decodes a JSON number into the exact `Decimal` it denotes.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let raw = <&RawValue>::deserialize(deserializer)?;
    from_raw(
        raw,
        "a JSON number (use wire::exact_number::option for a nullable amount, \
         wire::decimal_string or wire::lenient for a quoted one)",
    )
    .map_err(D::Error::custom)
}

/// Parses a raw JSON value that must be a number; `expected` completes the
/// error message when it is not.
pub(super) fn from_raw(raw: &RawValue, expected: &'static str) -> Result<Decimal, NumberError> {
    let text = raw.get();
    match non_number(text) {
        None => parse_decimal(text, Exponent::Allowed),
        Some(found) => Err(NumberError::WrongType { found, expected }),
    }
}

/// Serialises a borrowed decimal through [`serialize`], for `Option` fields.
pub(super) struct Exact<'a>(pub(super) &'a Decimal);

impl Serialize for Exact<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

/// `Option<Decimal>` as a JSON number or `null`; pair with `#[serde(default)]`
/// so a missing field is `None`.
///
/// ```
/// use banking_core::money::Decimal;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Account {
///     #[serde(default, with = "banking_core::money::wire::exact_number::option")]
///     overdraft_limit: Option<Decimal>,
/// }
///
/// let with: Account = serde_json::from_str(r#"{"overdraft_limit": 100.5}"#)?;
/// assert_eq!(with.overdraft_limit, Some(Decimal::new(1005, 1)));
/// let null: Account = serde_json::from_str(r#"{"overdraft_limit": null}"#)?;
/// assert_eq!(null.overdraft_limit, None);
/// let missing: Account = serde_json::from_str("{}")?;
/// assert_eq!(missing.overdraft_limit, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod option {
    use super::*;

    /// Encodes `Some` as an exact JSON number and `None` as `null`.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&Exact(value)),
            None => serializer.serialize_none(),
        }
    }

    /// Decodes `null` as `None` and a JSON number as its exact `Decimal`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Option::<&RawValue>::deserialize(deserializer)?
            .map(|raw| {
                from_raw(
                    raw,
                    "a JSON number or null (use wire::decimal_string::option or \
                     wire::lenient for a quoted amount)",
                )
            })
            .transpose()
            .map_err(D::Error::custom)
    }
}
