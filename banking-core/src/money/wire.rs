//! Serde adapters that move [`Decimal`] amounts on and off the wire exactly,
//! one per style the providers use.
//!
//! | adapter | wire form | Rust type |
//! |---|---|---|
//! | [`exact_number`] | JSON number `100.50` | `Decimal` ([`exact_number::option`]: `Option<Decimal>`) |
//! | [`decimal_string`] | JSON string `"100.50"` with FinqLink's rules | `Decimal` ([`decimal_string::option`]: `Option<Decimal>`) |
//! | [`lenient`] | number, numeric string or `null` | `Option<Decimal>` |
//!
//! Use them with `#[serde(with = "banking_core::money::wire::exact_number")]`;
//! put `#[serde(default)]` next to the `Option` variants so a missing field
//! decodes as `None`.
//!
//! Every adapter keeps every digit and the scale (`100.50` stays `100.50`,
//! scale 2) and never goes through `f64`. A value that a [`Decimal`] cannot
//! hold exactly (more than 28 decimal places, or a magnitude above
//! 79228162514264337593543950335) is an error, never a rounded value.
//!
//! # Known limits: decode from JSON text, outside `flatten` and untagged enums
//!
//! [`exact_number`] and [`lenient`] read the number's source text through
//! [`serde_json::value::RawValue`], because serde_json's other paths turn
//! numbers into `f64` (its `arbitrary_precision` feature would fix that but
//! changes number handling in every crate of an integrator's build, so this
//! SDK does not enable it). Two consequences:
//!
//! * Inside `#[serde(flatten)]` and `#[serde(untagged)]` enums serde buffers
//!   the value before the adapter sees it, and the source text is gone. The
//!   decode then **fails** (serde reports `invalid type: newtype struct,
//!   expected any valid JSON value`, or `data did not match any variant` for
//!   untagged enums); it never rounds. Keep amount fields out of those
//!   constructs. [`decimal_string`] has no such limit.
//! * Decode from bytes or text in memory (`serde_json::from_slice`,
//!   `from_str`), not from a [`serde_json::Value`]: a `Value` already holds
//!   numbers as `f64`, and encoding into a `Value` (`serde_json::to_value`)
//!   converts to `f64` as well. The adapters borrow the number's text from
//!   the input instead of copying it, so `serde_json::from_reader` (which
//!   has nothing to lend) fails with an error too: read the body into a
//!   buffer first. Encoding with `serde_json::to_vec`, `to_string` or
//!   `to_writer` is exact.
//!
//! These adapters are JSON-specific; other serde formats are not supported.
//!
//! # Negative zero
//!
//! A `Decimal` can hold `-0.00` (for example after negating zero). The
//! encoders write it as `0.00`: the sign of zero carries no meaning for an
//! amount and some servers reject it.
//!
//! # Example
//!
//! ```
//! use banking_core::money::Decimal;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Deserialize, Serialize)]
//! struct Balance {
//!     #[serde(with = "banking_core::money::wire::exact_number")]
//!     current: Decimal,
//!     #[serde(default, with = "banking_core::money::wire::lenient")]
//!     limit: Option<Decimal>,
//!     #[serde(default, with = "banking_core::money::wire::decimal_string::option")]
//!     fee: Option<Decimal>,
//! }
//!
//! let json = r#"{"current": 12345678901234567.89, "limit": "5105.5", "fee": "0.50"}"#;
//! let balance: Balance = serde_json::from_str(json)?;
//! assert_eq!(balance.current.to_string(), "12345678901234567.89");
//! assert_eq!(balance.limit.map(|l| l.to_string()).as_deref(), Some("5105.5"));
//! assert_eq!(balance.fee.map(|f| f.scale()), Some(2));
//!
//! let back = serde_json::to_string(&balance)?;
//! assert_eq!(back, r#"{"current":12345678901234567.89,"limit":5105.5,"fee":"0.50"}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;

pub mod decimal_string;
pub mod exact_number;
pub mod lenient;

#[cfg(test)]
mod tests;

/// Which optional parts of the number grammar a wire style allows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exponent {
    Allowed,
    Rejected,
}

/// Parses `text` as a JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`,
/// the exponent part only when allowed) into the exact `Decimal` it denotes.
///
/// The scale is the number of fraction digits minus the exponent, so
/// `100.50` has scale 2, `1.5E-2` scale 3 and `1e3` scale 0. Written by hand
/// rather than with `Decimal::from_str_exact`/`from_scientific`, which accept
/// `+5`, `.5`, `00.5` and `1_000`, and (for `from_scientific`) round a long
/// significand instead of failing.
/// How many decimal digits always fit a `u64` (`10^19 - 1 < 2^64`).
const U64_DIGITS: usize = 19;

fn parse_decimal(text: &str, exponent: Exponent) -> Result<Decimal, NumberError> {
    let malformed = |reason| NumberError::Malformed {
        text: text.to_owned(),
        reason,
    };
    let bytes = text.as_bytes();
    let mut pos = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        pos += 1;
    }
    let digits_from = |start: usize| {
        bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| start + n)
    };

    let int_end = digits_from(pos);
    let int_digits = &bytes[pos..int_end];
    if int_digits.is_empty() {
        return Err(malformed(unexpected(text, pos, "a digit")));
    }
    if int_digits.len() > 1 && int_digits[0] == b'0' {
        return Err(malformed(Reason::LeadingZero));
    }
    pos = int_end;

    let mut frac_digits: &[u8] = &[];
    if bytes.get(pos) == Some(&b'.') {
        let frac_end = digits_from(pos + 1);
        frac_digits = &bytes[pos + 1..frac_end];
        if frac_digits.is_empty() {
            return Err(malformed(unexpected(text, frac_end, "a digit after '.'")));
        }
        pos = frac_end;
    }

    let mut exp: i64 = 0;
    if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        if exponent == Exponent::Rejected {
            return Err(malformed(Reason::Exponent));
        }
        pos += 1;
        let exp_negative = bytes.get(pos) == Some(&b'-');
        if matches!(bytes.get(pos), Some(b'-' | b'+')) {
            pos += 1;
        }
        let exp_end = digits_from(pos);
        if exp_end == pos {
            return Err(malformed(unexpected(text, pos, "an exponent digit")));
        }
        // An exponent that does not even fit an i64 is far out of range.
        let magnitude: i64 = text[pos..exp_end]
            .parse()
            .map_err(|_| NumberError::OutOfRange(text.to_owned()))?;
        exp = if exp_negative { -magnitude } else { magnitude };
        pos = exp_end;
    }
    if pos != bytes.len() {
        return Err(malformed(unexpected(text, pos, "end of number")));
    }

    let out_of_range = || NumberError::OutOfRange(text.to_owned());
    let digits = int_digits.iter().chain(frac_digits);
    let mut mantissa: i128 = if int_digits.len() + frac_digits.len() <= U64_DIGITS {
        // Every amount a bank sends: no 128-bit arithmetic, no overflow.
        i128::from(digits.fold(0u64, |m, &digit| m * 10 + u64::from(digit - b'0')))
    } else {
        let mut mantissa: i128 = 0;
        for &digit in digits {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(digit - b'0')))
                .ok_or_else(out_of_range)?;
        }
        mantissa
    };
    let fraction_len = i64::try_from(frac_digits.len()).map_err(|_| out_of_range())?;
    let mut scale = fraction_len.checked_sub(exp).ok_or_else(out_of_range)?;
    if scale < 0 {
        // `1.2e3` is 1200: move the exponent into the mantissa.
        let shift = u32::try_from(-scale).map_err(|_| out_of_range())?;
        mantissa = 10i128
            .checked_pow(shift)
            .and_then(|factor| mantissa.checked_mul(factor))
            .ok_or_else(out_of_range)?;
        scale = 0;
    }
    let scale = u32::try_from(scale).map_err(|_| out_of_range())?;
    if negative {
        mantissa = -mantissa;
    }
    // Fails when the mantissa exceeds 96 bits or the scale exceeds 28.
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())
}

/// Describes the byte at `pos` of `text` for an error message.
fn unexpected(text: &str, pos: usize, expected: &'static str) -> Reason {
    match text[pos..].chars().next() {
        None => Reason::Missing { expected },
        Some(found) if found.is_whitespace() => Reason::Whitespace,
        Some(found) => Reason::Unexpected {
            found,
            pos,
            expected,
        },
    }
}

/// Writes `value` with every digit of its scale; zero never carries a sign.
fn canonical_text(value: &Decimal) -> String {
    if value.is_zero() {
        value.abs().to_string()
    } else {
        value.to_string()
    }
}

/// Why a wire value was refused as a decimal.
#[derive(Debug)]
enum NumberError {
    /// The JSON value is not of a kind the adapter decodes.
    WrongType {
        found: &'static str,
        expected: &'static str,
    },
    Malformed {
        text: String,
        reason: Reason,
    },
    OutOfRange(String),
}

#[derive(Debug)]
enum Reason {
    LeadingZero,
    Exponent,
    Whitespace,
    Missing {
        expected: &'static str,
    },
    Unexpected {
        found: char,
        pos: usize,
        expected: &'static str,
    },
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::WrongType { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            NumberError::Malformed { text, reason } => {
                write!(f, "invalid decimal {:?}: ", excerpt(text))?;
                match reason {
                    Reason::LeadingZero => f.write_str("leading zeros are not allowed"),
                    Reason::Exponent => f.write_str("exponent notation is not allowed"),
                    Reason::Whitespace => f.write_str("whitespace is not allowed"),
                    Reason::Missing { expected } => write!(f, "expected {expected}"),
                    Reason::Unexpected {
                        found,
                        pos,
                        expected,
                    } => write!(f, "unexpected {found:?} at byte {pos}, expected {expected}"),
                }
            }
            NumberError::OutOfRange(text) => write!(
                f,
                "decimal {} cannot be held exactly: at most 28 decimal places and a \
                 magnitude up to 79228162514264337593543950335 are supported",
                excerpt(text)
            ),
        }
    }
}

/// The start of `text`, so a megabyte-long number cannot flood an error message.
fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 64;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Names the kind of a raw JSON value that is not a number, for an error
/// message; `None` for a number.
fn non_number(raw: &str) -> Option<&'static str> {
    match raw.as_bytes().first() {
        Some(b'"') => Some("a string"),
        Some(b'{') => Some("an object"),
        Some(b'[') => Some("an array"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        _ => None,
    }
}
