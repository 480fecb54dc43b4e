//! Strong customer authentication (SCA) on Linkcy.
//!
//! Operations that "might require SCA" (transfer to a beneficiary,
//! inter-ledger transfer, beneficiary and card creation, card rules, login)
//! take [`ScaOptions`] and return an [`ScaOutcome`]:
//!
//! 1. the first call carries `Linkcy-SCA-Strategy` / `Linkcy-SCA-Factor`
//!    (and `Linkcy-SCA-Signature` with `DATA_SIGNING`);
//! 2. when SCA is needed Linkcy answers **202 Waiting SCA** with a
//!    [`LinkcyScaChallenge`] and the SDK returns [`ScaOutcome::Pending`];
//! 3. once the user approved on their device,
//!    [`PendingSca::complete`](banking_core::sca::PendingSca::complete) replays
//!    the byte-identical request with the challenge's id in `Linkcy-SCA-Id`
//!    ([`PendingSca::complete_with`](banking_core::sca::PendingSca::complete_with)
//!    sends another id; Linkcy rejects a
//!    replay whose body or URL differs with `SCA_INTERACTION_DOES_NOT_MATCH`).
//!
//! The header names and the strategy/factor values come from the seed
//! documentation; `DATA_SIGNING` and `Linkcy-SCA-Signature` from the newer
//! reference in the research notes (stated in the public reference).

use std::fmt;

use banking_core::sca::{ScaChallenge, ScaHeaderNames, ScaId};
use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

pub use banking_core::sca::{PendingSca, ScaFactor, ScaOptions, ScaOutcome, ScaStrategy};

/// The Linkcy SCA request headers.
pub const SCA_HEADERS: ScaHeaderNames = ScaHeaderNames {
    strategy: "Linkcy-SCA-Strategy",
    factor: "Linkcy-SCA-Factor",
    id: "Linkcy-SCA-Id",
    signature: "Linkcy-SCA-Signature",
};

/// The outcome of an operation that might require SCA on Linkcy.
pub type LinkcyScaOutcome<T> = ScaOutcome<T, LinkcyScaChallenge>;

/// The body of a **202 Waiting SCA** answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LinkcyScaChallenge {
    /// The SCA interaction; send it back as `Linkcy-SCA-Id` once approved.
    pub sca_id: ScaId,
    /// The join code to show the user (strategy `JOIN_CODE`).
    #[serde(default)]
    pub join_code: Option<String>,
    /// How long the interaction stays valid; see [`ScaTtl`].
    #[serde(default)]
    pub ttl: Option<ScaTtl>,
    /// The device the interaction was sent to.
    #[serde(default)]
    pub sca_device_id: Option<String>,
}

impl ScaChallenge for LinkcyScaChallenge {
    fn sca_id(&self) -> &ScaId {
        &self.sca_id
    }
}

/// The lifetime of an SCA interaction, as Linkcy sent it.
///
/// The docs show two shapes (the sources conflict in the research notes): a serialized Java
/// `Duration` object (`{"seconds": 600, "nano": 0, "negative": false, ...}`)
/// and an ISO-8601 string (`"PT10M"`). Some answers may also carry an
/// expiry instant. The original JSON is kept ([`ScaTtl::raw`]) and encoded
/// back unchanged; [`ScaTtl::duration`] and [`ScaTtl::expires_at`] read
/// what they can.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScaTtl(serde_json::Value);

impl ScaTtl {
    /// The value exactly as received.
    pub fn raw(&self) -> &serde_json::Value {
        &self.0
    }

    /// The lifetime, when the value is a Java `Duration` object
    /// (`seconds` + `nano`), an ISO-8601 duration (`PT10M`, `P1DT2H`,
    /// `PT-0.5S`, weeks and days included; years and months are not fixed
    /// lengths and give `None`) or a number of seconds.
    pub fn duration(&self) -> Option<TimeDelta> {
        match &self.0 {
            serde_json::Value::Object(object) => {
                let seconds = object.get("seconds")?.as_i64()?;
                let nanos = match object.get("nano") {
                    Some(nano) => nano.as_u64()?,
                    None => 0,
                };
                TimeDelta::try_seconds(seconds)?
                    .checked_add(&TimeDelta::nanoseconds(i64::try_from(nanos).ok()?))
            }
            serde_json::Value::String(text) => parse_iso_duration(text),
            serde_json::Value::Number(number) => TimeDelta::try_seconds(number.as_i64()?),
            _ => None,
        }
    }

    /// The expiry instant, when the value is an RFC 3339 date-time string.
    pub fn expires_at(&self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(self.0.as_str()?).ok()
    }
}

impl fmt::Debug for ScaTtl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScaTtl({})", self.0)
    }
}

/// Parse an ISO-8601 duration with fixed-length units:
/// `[-]P[nW][nD][T[nH][nM][n[.fffffffff]S]]`, each number optionally signed
/// (Java writes `PT-0.5S`).
fn parse_iso_duration(text: &str) -> Option<TimeDelta> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let (date_part, time_part) = match rest.split_once(['T', 't']) {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return None,
        None => (rest, None),
    };
    if date_part.is_empty() && time_part.is_none() {
        return None;
    }
    let mut total = TimeDelta::zero();
    for (value, unit) in duration_fields(date_part)? {
        let seconds_per_unit = match unit {
            'W' => 7 * 86_400,
            'D' => 86_400,
            _ => return None,
        };
        total = total.checked_add(&whole_units(value, seconds_per_unit)?)?;
    }
    if let Some(time) = time_part {
        for (value, unit) in duration_fields(time)? {
            let part = match unit {
                'H' => whole_units(value, 3_600)?,
                'M' => whole_units(value, 60)?,
                'S' => fractional_seconds(value)?,
                _ => return None,
            };
            total = total.checked_add(&part)?;
        }
    }
    Some(if negative { -total } else { total })
}

/// Split `10H5M` into `[("10", 'H'), ("5", 'M')]`.
fn duration_fields(text: &str) -> Option<Vec<(&str, char)>> {
    let mut fields = Vec::new();
    let mut start = 0;
    for (index, ch) in text.char_indices() {
        if ch.is_ascii_alphabetic() {
            let value = &text[start..index];
            if value.is_empty() {
                return None;
            }
            fields.push((value, ch.to_ascii_uppercase()));
            start = index + ch.len_utf8();
        }
    }
    (start == text.len()).then_some(fields)
}

fn whole_units(value: &str, seconds_per_unit: i64) -> Option<TimeDelta> {
    let count: i64 = value.parse().ok()?;
    TimeDelta::try_seconds(count.checked_mul(seconds_per_unit)?)
}

fn fractional_seconds(value: &str) -> Option<TimeDelta> {
    let (negative, digits) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits, ""),
    };
    let valid = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !valid(whole) || !valid(fraction) || fraction.len() > 9 {
        return None;
    }
    let seconds: i64 = whole.parse().ok()?;
    let nanos: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<9}").parse().ok()?
    };
    let magnitude = TimeDelta::try_seconds(seconds)?.checked_add(&TimeDelta::nanoseconds(nanos))?;
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ttl(json: &str) -> ScaTtl {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn iso_durations_parse() {
        let cases = [
            ("\"PT10M\"", Some(TimeDelta::minutes(10))),
            ("\"PT30S\"", Some(TimeDelta::seconds(30))),
            ("\"PT1H2M3.5S\"", Some(TimeDelta::milliseconds(3_723_500))),
            ("\"P1DT1H\"", Some(TimeDelta::hours(25))),
            ("\"P2W\"", Some(TimeDelta::days(14))),
            ("\"PT-0.5S\"", Some(TimeDelta::milliseconds(-500))),
            ("\"-PT1M\"", Some(TimeDelta::minutes(-1))),
            ("\"PT0S\"", Some(TimeDelta::zero())),
            ("\"P1M\"", None),
            ("\"P1Y\"", None),
            ("\"PT\"", None),
            ("\"P\"", None),
            ("\"PT10\"", None),
            ("\"10M\"", None),
            ("\"PTM\"", None),
            ("\"PT1.1234567891S\"", None),
        ];
        for (json, expected) in cases {
            assert_eq!(ttl(json).duration(), expected, "{json}");
        }
    }

    #[test]
    fn java_duration_object_parses() {
        let value = ttl(r#"{"seconds": 600, "nano": 500000000, "negative": false, "zero": false}"#);
        assert_eq!(value.duration(), Some(TimeDelta::milliseconds(600_500)));
        assert_eq!(ttl(r#"{"nano": 1}"#).duration(), None);
    }

    #[test]
    fn numbers_and_instants() {
        assert_eq!(ttl("300").duration(), Some(TimeDelta::minutes(5)));
        let instant = ttl("\"2024-11-14T16:25:01Z\"");
        assert_eq!(instant.duration(), None);
        assert_eq!(
            instant.expires_at(),
            DateTime::parse_from_rfc3339("2024-11-14T16:25:01Z").ok()
        );
        assert_eq!(ttl("\"PT10M\"").expires_at(), None);
        assert_eq!(ttl("true").duration(), None);
    }

    #[test]
    fn raw_value_round_trips() {
        let json = r#"{"nano":0,"seconds":0,"units":[{"dateBased":true}]}"#;
        let value = ttl(json);
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
        assert_eq!(format!("{value:?}"), format!("ScaTtl({json})"));
        assert_eq!(ttl("\"PT10M\"").raw(), &serde_json::json!("PT10M"));
    }
}
