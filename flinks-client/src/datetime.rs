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
        let value = String::deserialize(deserializer)?;
        value.parse().map_err(serde::de::Error::custom)
    }
}

/// Serde adapter for an optional calendar date that Flinks writes as
/// `2025-01-31`, `2021/01/22` or as a timestamp whose date part is meant.
///
/// Encodes as `YYYY-MM-DD`.
pub mod lenient_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Timestamp;

    /// Parses one of the accepted forms.
    pub fn parse(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d"))
            .ok()
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
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) => parse(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}"))),
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
    fn garbage_is_rejected_with_the_value() {
        let err = "31/01/2025".parse::<Timestamp>().unwrap_err();
        assert!(err.to_string().contains("31/01/2025"));
        assert!(serde_json::from_str::<Timestamp>("\"2025-01-31\"").is_err());
    }
}
