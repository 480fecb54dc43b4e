//! Lenient decoding of the AIS data dates, whose formats FinqLink does not
//! document: a field named `*_date` may carry a date or a timestamp, and a
//! timestamp may lack its offset. Anything unreadable is an error naming
//! the field (through banking-core's path-aware decoding), never a guess.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serializer};

fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    // Bank data without an offset is taken as UTC.
    if let Ok(naive) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(naive.and_utc());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|naive| naive.and_utc())
}

/// `Option<DateTime<Utc>>` from RFC 3339, an offset-less timestamp (UTC) or
/// a bare date (midnight UTC); encodes as RFC 3339.
pub(crate) mod datetime {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => parse_datetime(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not a date or timestamp: {s:?}"))),
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        v: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(dt) => s.serialize_str(&dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
            None => s.serialize_none(),
        }
    }
}

/// `Option<NaiveDate>` from a bare date or the date part of a timestamp;
/// encodes as `YYYY-MM-DD`.
pub(crate) mod date {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .ok()
                .or_else(|| parse_datetime(&s).map(|dt| dt.date_naive()))
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}"))),
        }
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
            None => s.serialize_none(),
        }
    }
}
