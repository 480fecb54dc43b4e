//! CAMT.052.001.02 bank statements: the ISO 20022 vocabulary that balances
//! and transactions share and, with feature `camt` (on by default), a
//! streaming parser for the statement files themselves.
//!
//! LYNKS ingests intraday CAMT.052.001.02 bank statements (API overview,
//! "Statement data"), so balances and entries carry the ISO 20022 codes of
//! that message. The JSON field names are not in the archived docs; they
//! are inferred from the CAMT element names (research notes 1(e)).
//!
//! Treasury teams receive the same statements from their banks as files.
//! [`CamtReader`] reads a `BkToCstmrAcctRpt` message (namespace
//! [`NAMESPACE`]) from any [`BufRead`](std::io::BufRead) as a stream of
//! report headers and entries, one entry in memory at a time; [`read`]
//! collects a whole message. Amounts are exact `Decimal`s with the scale
//! as written, paired with their `Ccy` as [`Money`](banking_core::money::Money).
//! Malformed or truncated XML, another message version, a bad currency or
//! amount and a missing mandatory element are each a [`CamtError`] naming
//! the element path; elements the model does not cover are skipped.
//! [`Entry::to_transaction`] turns an entry into the
//! [`Transaction`](crate::transactions::Transaction) the API returns, so
//! one reconciliation path, [`fx`](crate::fx) included, serves both:
//!
//! ```
//! use lynks_client::camt::{self, Item};
//! use lynks_client::fx::{FxCheck, FxSummary};
//!
//! let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
//! <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02">
//!   <BkToCstmrAcctRpt>
//!     <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2025-03-03T10:00:00Z</CreDtTm></GrpHdr>
//!     <Rpt>
//!       <Id>RPT-1</Id><CreDtTm>2025-03-03T10:00:00Z</CreDtTm>
//!       <Acct><Id><IBAN>LU280019400644750000</IBAN></Id><Ccy>EUR</Ccy></Acct>
//!       <Ntry>
//!         <Amt Ccy="EUR">9234.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
//!         <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>XBCT</SubFmlyCd></Fmly></Domn></BkTxCd>
//!         <AmtDtls><InstdAmt><Amt Ccy="USD">10000.00</Amt>
//!           <CcyXchg><SrcCcy>USD</SrcCcy><TrgtCcy>EUR</TrgtCcy><XchgRate>0.92345</XchgRate></CcyXchg>
//!         </InstdAmt></AmtDtls>
//!       </Ntry>
//!     </Rpt>
//!   </BkToCstmrAcctRpt>
//! </Document>"#;
//! let mut summary = FxSummary::default();
//! for item in camt::CamtReader::new(xml.as_bytes())? {
//!     if let Item::Entry(entry) = item? {
//!         summary.record(&entry.to_transaction().fx_check());
//!     }
//! }
//! assert_eq!(summary.matching, 1);
//! assert!(summary.is_reconciled());
//! # Ok::<(), camt::CamtError>(())
//! ```

#[cfg(feature = "camt")]
mod error;
#[cfg(feature = "camt")]
mod model;
#[cfg(feature = "camt")]
mod parse;
#[cfg(feature = "camt")]
mod reader;
#[cfg(feature = "camt")]
mod statement;
#[cfg(feature = "camt")]
mod xml;

#[cfg(feature = "camt")]
#[cfg_attr(docsrs, doc(cfg(feature = "camt")))]
pub use error::CamtError;
#[cfg(feature = "camt")]
#[cfg_attr(docsrs, doc(cfg(feature = "camt")))]
pub use model::*;
#[cfg(feature = "camt")]
#[cfg_attr(docsrs, doc(cfg(feature = "camt")))]
pub use reader::{CamtReader, Item, NAMESPACE};
#[cfg(feature = "camt")]
#[cfg_attr(docsrs, doc(cfg(feature = "camt")))]
pub use statement::{Message, Statement, read};

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
