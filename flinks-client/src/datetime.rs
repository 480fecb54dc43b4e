//! Timestamps as Flinks sends them.
//!
//! The private.fin.ag APIs send local timestamps without an offset and with
//! six or seven fractional digits (`"LastRefresh": "2025-01-31T17:40:54.569261"`,
//! `"LastRefreshDate": "2020-06-18T03:26:34.6854364"`); other Flinks APIs send
//! RFC 3339 with an offset (`"requested_on": "2024-02-29T14:24:42.6055680Z"`).
//! [`Timestamp`] decodes both and keeps whether an offset was given, because
//! the docs do not say which zone an offset-less value is in.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Layout of an offset-less timestamp; `%.f` accepts 0 to 9 fractional digits.
const NAIVE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// A timestamp with or without an offset, decoded from either wire form.
///
/// ```
/// use flinks_client::datetime::Timestamp;
///
/// let naive: Timestamp = "2025-01-31T17:40:54.569261".parse().unwrap();
/// assert_eq!(naive.offset(), None);
/// assert_eq!(naive.to_utc(), None);
///
/// let zoned: Timestamp = "2024-02-29T14:24:42.6055680Z".parse().unwrap();
/// assert_eq!(zoned.to_utc().unwrap().to_rfc3339(), "2024-02-29T14:24:42.605568+00:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

impl Timestamp {
    /// The wall-clock date and time exactly as sent (in the sender's offset
    /// when one was given).
    pub fn naive(&self) -> NaiveDateTime {
        self.local
    }

    /// The offset, when the value carried one.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant in UTC, when the value carried an offset.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        let offset = self.offset?;
        self.local
            .and_local_timezone(offset)
            .single()
            .map(|at| at.with_timezone(&Utc))
    }

    /// The instant in UTC, reading an offset-less value as UTC.
    ///
    /// Whether Flinks' offset-less values are UTC is not documented; use this
    /// only where that reading is acceptable.
    pub fn assume_utc(&self) -> DateTime<Utc> {
        self.to_utc().unwrap_or_else(|| self.local.and_utc())
    }
}

impl From<NaiveDateTime> for Timestamp {
    fn from(local: NaiveDateTime) -> Self {
        Self {
            local,
            offset: None,
        }
    }
}

impl<Tz: chrono::TimeZone> From<DateTime<Tz>> for Timestamp {
    fn from(at: DateTime<Tz>) -> Self {
        let fixed = at.fixed_offset();
        Self {
            local: fixed.naive_local(),
            offset: Some(*fixed.offset()),
        }
    }
}

/// A value that is neither an RFC 3339 timestamp nor an offset-less
/// `YYYY-MM-DDTHH:MM:SS[.fraction]` one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    value: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid timestamp {:?}: expected YYYY-MM-DDTHH:MM:SS[.fraction][offset]",
            self.value
        )
    }
}

impl std::error::Error for TimestampError {}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Most values are offset-less: read those by hand, without chrono's
        // format-string interpreter.
        if let Some(local) = fast::naive_date_time(s) {
            return Ok(local.into());
        }
        if let Ok(at) = DateTime::parse_from_rfc3339(s) {
            return Ok(at.into());
        }
        NaiveDateTime::parse_from_str(s, NAIVE_FORMAT)
            .map(Self::from)
            .map_err(|_| TimestampError {
                value: s.to_owned(),
            })
    }
}

impl fmt::Display for Timestamp {
    /// The wire form: offset-less values stay offset-less, UTC prints `Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.local.format(NAIVE_FORMAT))?;
        match self.offset {
            None => Ok(()),
            Some(offset) if offset.local_minus_utc() == 0 => f.write_str("Z"),
            Some(offset) => write!(f, "{offset}"),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;

        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp string")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Timestamp, E> {
                s.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TimestampVisitor)
    }
}

/// Hand-written readers for the common, fixed-width forms; anything else
/// falls through to chrono's general parsers.
mod fast {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

    /// `n` ASCII digits at `at` as a number.
    fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
        b.get(at..at + n)?.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    }

    /// `YYYY-MM-DD`, or `YYYY/MM/DD` with `separator` `/`.
    pub(super) fn date(s: &str, separator: u8) -> Option<NaiveDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != separator || b[7] != separator {
            return None;
        }
        let year = i32::try_from(digits(b, 0, 4)?).ok()?;
        NaiveDate::from_ymd_opt(year, digits(b, 5, 2)?, digits(b, 8, 2)?)
    }

    /// `YYYY-MM-DDTHH:MM:SS` with an optional fraction of 1 to 9 digits and
    /// nothing after it.
    pub(super) fn naive_date_time(s: &str) -> Option<NaiveDateTime> {
        let b = s.as_bytes();
        if b.len() < 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let date = date(s.get(..10)?, b'-')?;
        let nanos = match &b[19..] {
            [] => 0,
            [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
                let value = digits(fraction, 0, fraction.len())?;
                value * 10u32.pow(9 - u32::try_from(fraction.len()).ok()?)
            }
            _ => return None,
        };
        let time = NaiveTime::from_hms_nano_opt(
            digits(b, 11, 2)?,
            digits(b, 14, 2)?,
            digits(b, 17, 2)?,
            nanos,
        )?;
        Some(date.and_time(time))
    }
}

/// Serde adapter for an optional calendar date that Flinks writes as
/// `2025-01-31`, `2021/01/22` or as a timestamp whose date part is meant.
///
/// Encodes as `YYYY-MM-DD`.
pub mod lenient_date {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::de::Visitor;
    use serde::{Deserializer, Serializer};

    use super::Timestamp;

    /// Parses one of the accepted forms.
    pub fn parse(s: &str) -> Option<NaiveDate> {
        super::fast::date(s, b'-')
            .or_else(|| super::fast::date(s, b'/'))
            .or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .or_else(|| NaiveDate::parse_from_str(s, "%Y/%m/%d").ok())
            .or_else(|| s.parse::<Timestamp>().ok().map(|t| t.naive().date()))
    }

    /// Serializes `Some(date)` as `YYYY-MM-DD`, `None` as null.
    pub fn serialize<S: Serializer>(
        value: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes null or one of the accepted forms.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        deserializer.deserialize_option(OptionalDate)
    }

    /// Reads null, an empty string or a date, borrowing the text.
    struct OptionalDate;

    impl<'de> Visitor<'de> for OptionalDate {
        type Value = Option<NaiveDate>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date string or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            if s.is_empty() {
                return Ok(None);
            }
            parse(s)
                .map(Some)
                .ok_or_else(|| E::custom(format!("invalid date {s:?}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Timelike};

    #[test]
    fn offset_less_values_keep_their_fraction_and_no_offset() {
        let t: Timestamp = "2020-06-18T03:26:34.6854364".parse().unwrap();
        assert_eq!(t.offset(), None);
        assert_eq!(
            t.naive().date(),
            NaiveDate::from_ymd_opt(2020, 6, 18).unwrap()
        );
        assert_eq!(t.naive().nanosecond(), 685_436_400);
        assert_eq!(
            t.assume_utc().to_rfc3339(),
            "2020-06-18T03:26:34.685436400+00:00"
        );
    }

    #[test]
    fn offsets_are_kept_and_converted() {
        let t: Timestamp = "2024-02-29T09:24:42-05:00".parse().unwrap();
        assert_eq!(t.offset().unwrap().local_minus_utc(), -5 * 3600);
        assert_eq!(t.naive().hour(), 9);
        assert_eq!(t.to_utc().unwrap().hour(), 14);
        assert_eq!(t.to_string(), "2024-02-29T09:24:42-05:00");
    }

    #[test]
    fn wire_forms_round_trip() {
        for wire in [
            "2025-01-31T17:40:54.569261",
            "2026-04-15T00:00:00",
            "2024-01-15T10:30:00Z",
        ] {
            let t: Timestamp = serde_json::from_value(serde_json::json!(wire)).unwrap();
            assert_eq!(serde_json::to_value(t).unwrap(), serde_json::json!(wire));
        }
    }

    #[test]
    fn lenient_dates_accept_each_documented_form() {
        let expected = NaiveDate::from_ymd_opt(2021, 1, 22);
        assert_eq!(lenient_date::parse("2021-01-22"), expected);
        assert_eq!(lenient_date::parse("2021/01/22"), expected);
        assert_eq!(lenient_date::parse("2021-01-22T00:00:00"), expected);
        assert_eq!(lenient_date::parse("22.01.2021"), None);
    }

    #[test]
    fn fast_path_agrees_with_chrono() {
        for wire in [
            "2025-01-31T17:40:54.569261",
            "2020-06-18T03:26:34.6854364",
            "2026-04-15T00:00:00",
            "2024-02-29T23:59:59.1",
            "2024-02-29T23:59:59.123456789",
        ] {
            let chrono = NaiveDateTime::parse_from_str(wire, NAIVE_FORMAT).unwrap();
            assert_eq!(fast::naive_date_time(wire), Some(chrono), "{wire}");
        }
        // Left to chrono, which accepts or refuses them itself.
        for other in [
            "2024-02-30T00:00:00",
            "2024-02-29T24:00:00",
            "2024-02-29T10:30:00Z",
            "2024-02-29T10:30:00.",
            "2024-02-29T10:30:00.1234567890",
            "2024-02-29 10:30:00",
            "+2024-02-29T10:30:00",
        ] {
            assert_eq!(fast::naive_date_time(other), None, "{other}");
        }
        assert_eq!(fast::date("2021-13-01", b'-'), None);
        assert_eq!(fast::date("2021-1-011", b'-'), None);
    }

    #[test]
    fn lenient_dates_decode_null_empty_and_borrowed_or_owned_text() {
        #[derive(Deserialize)]
        struct Row {
            #[serde(default, with = "lenient_date")]
            date: Option<NaiveDate>,
        }
        let decode = |json: &str| serde_json::from_str::<Row>(json).map(|r| r.date);
        let expected = NaiveDate::from_ymd_opt(2021, 1, 22);
        assert_eq!(decode(r#"{"date":"2021-01-22"}"#).unwrap(), expected);
        assert_eq!(decode(r#"{"date":"2021\/01\/22"}"#).unwrap(), expected);
        assert_eq!(decode(r#"{"date":null}"#).unwrap(), None);
        assert_eq!(decode(r#"{"date":""}"#).unwrap(), None);
        assert_eq!(decode("{}").unwrap(), None);
        assert!(decode(r#"{"date":"22.01.2021"}"#).is_err());
        assert!(decode(r#"{"date":20210122}"#).is_err());
        let owned: Row = serde_json::from_value(serde_json::json!({"date": "2021-01-22"})).unwrap();
        assert_eq!(owned.date, expected);
    }

    #[test]
    fn garbage_is_rejected_with_the_value() {
        let err = "31/01/2025".parse::<Timestamp>().unwrap_err();
        assert!(err.to_string().contains("31/01/2025"));
        assert!(serde_json::from_str::<Timestamp>("\"2025-01-31\"").is_err());
    }
}
