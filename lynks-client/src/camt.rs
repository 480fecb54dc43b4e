//! Statement vocabulary shared by balances and transactions.
//!
//! LYNKS ingests intraday CAMT.052.001.02 bank statements (API overview,
//! "Statement data"), so balances and entries carry the ISO 20022 codes of
//! that message. The JSON field names are not in the archived docs; they
//! are inferred from the CAMT element names (research notes 1(e)).

use banking_core::money::Decimal;

banking_core::wire_enum! {
    /// Whether an amount credits or debits the account (CAMT
    /// `CdtDbtInd`). Amounts in CAMT are unsigned; this gives the sign.
    CreditDebit {
        /// Money in.
        Credit = "CRDT",
        /// Money out.
        Debit = "DBIT",
    }
}

/// `amount` signed by `indicator`: debits negative. `None` when either is
/// missing or the indicator is a value this version does not know.
pub(crate) fn signed(amount: Option<Decimal>, indicator: Option<&CreditDebit>) -> Option<Decimal> {
    match indicator? {
        CreditDebit::Credit => amount,
        CreditDebit::Debit => amount.map(|a| -a),
        CreditDebit::Unknown(_) => None,
    }
}

/// Dates that may arrive as `2025-03-03` or as a date-time.
///
/// CAMT allows either a date (`Dt`) or a date-time (`DtTm`) for booking and
/// value dates; the JSON form LYNKS uses is not documented, so both decode
/// to the calendar date as written (the time and offset are dropped, not
/// converted). Encodes as `YYYY-MM-DD`.
pub(crate) mod lenient_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(date) => s.collect_str(&date.format("%Y-%m-%d")),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        let date_part = match text.get(10..11) {
            None if text.len() == 10 => text.as_str(),
            Some("T" | " ") => &text[..10],
            _ => "",
        };
        NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("{text:?} is not a date or date-time")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize, Serialize)]
    struct Dated {
        #[serde(default, with = "lenient_date")]
        date: Option<NaiveDate>,
    }

    #[test]
    fn dates_and_date_times() {
        for (json, expected) in [
            (r#"{"date":"2025-03-03"}"#, Some((2025, 3, 3))),
            (
                r#"{"date":"2025-03-03T23:59:59+01:00"}"#,
                Some((2025, 3, 3)),
            ),
            (r#"{"date":"2025-03-03 08:00:00"}"#, Some((2025, 3, 3))),
            (r#"{"date":null}"#, None),
            ("{}", None),
        ] {
            let d: Dated = serde_json::from_str(json).unwrap();
            let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert_eq!(d.date, expected, "{json}");
        }
        for bad in [
            r#"{"date":"03/03/2025"}"#,
            r#"{"date":"2025-03-03X"}"#,
            r#"{"date":"2025-3-3"}"#,
        ] {
            assert!(serde_json::from_str::<Dated>(bad).is_err(), "{bad}");
        }
        let d: Dated = serde_json::from_str(r#"{"date":"2025-03-03T10:00:00Z"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"date":"2025-03-03"}"#
        );
    }

    #[test]
    fn signs() {
        let amount = Some(Decimal::new(1050, 2));
        assert_eq!(signed(amount, Some(&CreditDebit::Credit)), amount);
        assert_eq!(
            signed(amount, Some(&CreditDebit::Debit)),
            Some(Decimal::new(-1050, 2))
        );
        assert_eq!(signed(amount, None), None);
        assert_eq!(signed(amount, Some(&CreditDebit::from("XXXX"))), None);
    }
}
