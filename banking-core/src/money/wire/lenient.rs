//! `Option<Decimal>` from whatever a loosely typed API sends: a JSON number,
//! a numeric string, or `null`.
//!
//! Flinks, for one, sends `"Limit": "5105.5"` next to `"Current": 5105.5` in
//! the same object, and `null` where there is no value. This adapter decodes:
//!
//! * a JSON number exactly, as [`exact_number`] does;
//! * a string holding a JSON number (`"5105.5"`, `"-12"`, `"1e3"`), with
//!   surrounding whitespace trimmed; separators, a `+` sign and leading
//!   zeros are still errors, since `"1,234"` could mean 1234 or 1.234;
//! * `null`, an empty or all-whitespace string, or (with
//!   `#[serde(default)]`) a missing field as `None`: none of them carries a
//!   value.
//!
//! Booleans, objects and arrays are errors. Encoding writes an exact JSON
//! number or `null`. The [module limits](super) apply.
//!
//! ```
//! use banking_core::money::Decimal;
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct Balance {
//!     #[serde(default, with = "banking_core::money::wire::lenient")]
//!     current: Option<Decimal>,
//!     #[serde(default, with = "banking_core::money::wire::lenient")]
//!     limit: Option<Decimal>,
//!     #[serde(default, with = "banking_core::money::wire::lenient")]
//!     available: Option<Decimal>,
//! }
//!
//! let balance: Balance =
//!     serde_json::from_str(r#"{"Current": 5105.5, "Limit": "5105.5", "Available": null}"#)?;
//! assert_eq!(balance.current, Some(Decimal::new(51055, 1)));
//! assert_eq!(balance.limit, Some(Decimal::new(51055, 1)));
//! assert_eq!(balance.available, None);
//! # Ok::<(), serde_json::Error>(())
//! ```

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::value::RawValue;

use super::exact_number::{self, from_raw};
use super::{Exponent, parse_decimal};

/// Encodes `Some` as an exact JSON number and `None` as `null`.
pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    exact_number::option::serialize(value, serializer)
}

/// Decodes a number, a numeric string or `null` (see the module docs).
pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    let Some(raw) = Option::<&RawValue>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let token = raw.get();
    if !token.starts_with('"') {
        return from_raw(raw, "a number, a numeric string or null")
            .map(Some)
            .map_err(D::Error::custom);
    }
    // A string token without escapes is its own text between the quotes;
    // decoding one with escapes resolves them (`\u0035` is `5`).
    let unescaped;
    let text = match token.get(1..token.len() - 1) {
        Some(inner) if !inner.contains('\\') => inner,
        _ => {
            unescaped = serde_json::from_str::<String>(token).map_err(D::Error::custom)?;
            unescaped.as_str()
        }
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_decimal(text, Exponent::Allowed)
        .map(Some)
        .map_err(D::Error::custom)
}
