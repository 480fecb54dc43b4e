//! ISO 4217 alphabetic currency codes.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An ISO 4217 alphabetic currency code such as `EUR`.
///
/// Any three uppercase ASCII letters are accepted, not only the codes known
/// today: providers add currencies (for example `XCG` in 2025) faster than
/// SDKs ship, and a balance in a new currency must still decode. Lowercase or
/// padded input is rejected rather than normalised, so a malformed value from
/// a server is reported instead of silently repaired.
///
/// Serialises as the bare code string (`"EUR"`).
///
/// ```
/// use banking_core::money::Currency;
///
/// let eur: Currency = "EUR".parse()?;
/// assert_eq!(eur, Currency::EUR);
/// assert_eq!(eur.code(), "EUR");
/// assert_eq!(Currency::JPY.minor_units(), Some(0));
/// assert!(Currency::new("eur").is_err());
/// # Ok::<(), banking_core::money::CurrencyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");
    /// United States dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// Pound sterling.
    pub const GBP: Currency = Currency(*b"GBP");
    /// Canadian dollar.
    pub const CAD: Currency = Currency(*b"CAD");
    /// Romanian leu.
    pub const RON: Currency = Currency(*b"RON");
    /// Swiss franc.
    pub const CHF: Currency = Currency(*b"CHF");
    /// Polish złoty.
    pub const PLN: Currency = Currency(*b"PLN");
    /// Swedish krona.
    pub const SEK: Currency = Currency(*b"SEK");
    /// Norwegian krone.
    pub const NOK: Currency = Currency(*b"NOK");
    /// Japanese yen.
    pub const JPY: Currency = Currency(*b"JPY");
    /// Australian dollar.
    pub const AUD: Currency = Currency(*b"AUD");

    /// Validates `code`: exactly three ASCII letters `A`-`Z`.
    pub fn new(code: &str) -> Result<Self, CurrencyError> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(CurrencyError {
                input: code.to_owned(),
            }),
        }
    }

    /// The three-letter code, e.g. `"EUR"`.
    pub fn code(&self) -> &str {
        // Only ASCII letters get past `new`, so this is always valid UTF-8.
        std::str::from_utf8(&self.0).expect("currency codes are ASCII by construction")
    }

    /// Number of decimal places of the currency's minor unit (JPY 0, EUR 2,
    /// KWD 3, CLF 4) as listed in ISO 4217, or `None` for codes this SDK
    /// does not know and for codes without a minor unit (gold `XAU`,
    /// special drawing rights `XDR`, ...).
    pub fn minor_units(&self) -> Option<u32> {
        match &self.0 {
            b"BIF" | b"CLP" | b"DJF" | b"GNF" | b"ISK" | b"JPY" | b"KMF" | b"KRW" | b"PYG"
            | b"RWF" | b"UGX" | b"UYI" | b"VND" | b"VUV" | b"XAF" | b"XOF" | b"XPF" => Some(0),
            b"BHD" | b"IQD" | b"JOD" | b"KWD" | b"LYD" | b"OMR" | b"TND" => Some(3),
            b"CLF" | b"UYW" => Some(4),
            b"AED" | b"AFN" | b"ALL" | b"AMD" | b"ANG" | b"AOA" | b"ARS" | b"AUD" | b"AWG"
            | b"AZN" | b"BAM" | b"BBD" | b"BDT" | b"BGN" | b"BMD" | b"BND" | b"BOB" | b"BOV"
            | b"BRL" | b"BSD" | b"BTN" | b"BWP" | b"BYN" | b"BZD" | b"CAD" | b"CDF" | b"CHE"
            | b"CHF" | b"CHW" | b"CNY" | b"COP" | b"COU" | b"CRC" | b"CUP" | b"CVE" | b"CZK"
            | b"DKK" | b"DOP" | b"DZD" | b"EGP" | b"ERN" | b"ETB" | b"EUR" | b"FJD" | b"FKP"
            | b"GBP" | b"GEL" | b"GHS" | b"GIP" | b"GMD" | b"GTQ" | b"GYD" | b"HKD" | b"HNL"
            | b"HTG" | b"HUF" | b"IDR" | b"ILS" | b"INR" | b"IRR" | b"JMD" | b"KES" | b"KGS"
            | b"KHR" | b"KPW" | b"KYD" | b"KZT" | b"LAK" | b"LBP" | b"LKR" | b"LRD" | b"LSL"
            | b"MAD" | b"MDL" | b"MGA" | b"MKD" | b"MMK" | b"MNT" | b"MOP" | b"MRU" | b"MUR"
            | b"MVR" | b"MWK" | b"MXN" | b"MXV" | b"MYR" | b"MZN" | b"NAD" | b"NGN" | b"NIO"
            | b"NOK" | b"NPR" | b"NZD" | b"PAB" | b"PEN" | b"PGK" | b"PHP" | b"PKR" | b"PLN"
            | b"QAR" | b"RON" | b"RSD" | b"RUB" | b"SAR" | b"SBD" | b"SCR" | b"SDG" | b"SEK"
            | b"SGD" | b"SHP" | b"SLE" | b"SOS" | b"SRD" | b"SSP" | b"STN" | b"SVC" | b"SYP"
            | b"SZL" | b"THB" | b"TJS" | b"TMT" | b"TOP" | b"TRY" | b"TTD" | b"TWD" | b"TZS"
            | b"UAH" | b"USD" | b"USN" | b"UYU" | b"UZS" | b"VED" | b"VES" | b"WST" | b"XCD"
            | b"XCG" | b"YER" | b"ZAR" | b"ZMW" | b"ZWG" => Some(2),
            _ => None,
        }
    }

    /// Whether the code is in ISO 4217's list of active codes (the table
    /// above, plus the funds and metals without a minor unit), or is `HRK`,
    /// withdrawn in 2023 but still listed by Linkcy's ledger currencies.
    /// Decoding never uses this: a code new to the server still decodes.
    pub fn is_iso4217(&self) -> bool {
        self.minor_units().is_some()
            || matches!(
                &self.0,
                b"XAG"
                    | b"XAU"
                    | b"XBA"
                    | b"XBB"
                    | b"XBC"
                    | b"XBD"
                    | b"XDR"
                    | b"XPD"
                    | b"XPT"
                    | b"XSU"
                    | b"XTS"
                    | b"XUA"
                    | b"XXX"
                    | b"HRK"
            )
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Currency").field(&self.code()).finish()
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Currency::new(code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl Visitor<'_> for CodeVisitor {
            type Value = Currency;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 4217 currency code such as \"EUR\"")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<Currency, E> {
                Currency::new(code).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(CodeVisitor)
    }
}

/// A string that is not three uppercase ASCII letters was given as a currency code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid currency code {input:?}: expected three uppercase ASCII letters (ISO 4217, e.g. \"EUR\")"
)]
pub struct CurrencyError {
    input: String,
}

impl CurrencyError {
    /// The rejected input, unchanged.
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn accepts_any_well_formed_code() {
        assert_eq!(Currency::new("EUR"), Ok(Currency::EUR));
        // Not (yet) in ISO 4217: still accepted, just without minor-unit knowledge.
        let future = Currency::new("QQQ").unwrap();
        assert_eq!(future.code(), "QQQ");
        assert_eq!(future.minor_units(), None);
    }

    #[test]
    fn rejects_malformed_codes_with_the_input() {
        for bad in [
            "eur", "Eur", "EU", "EURO", "", " EUR", "EUR ", "E1R", "ÉUR", "€",
        ] {
            let err = Currency::new(bad).unwrap_err();
            assert_eq!(err.input(), bad);
            assert_eq!(
                err.to_string(),
                format!(
                    "invalid currency code {bad:?}: expected three uppercase ASCII letters (ISO 4217, e.g. \"EUR\")"
                )
            );
        }
    }

    #[test]
    fn consts_match_their_codes() {
        let consts = [
            (Currency::EUR, "EUR"),
            (Currency::USD, "USD"),
            (Currency::GBP, "GBP"),
            (Currency::CAD, "CAD"),
            (Currency::RON, "RON"),
            (Currency::CHF, "CHF"),
            (Currency::PLN, "PLN"),
            (Currency::SEK, "SEK"),
            (Currency::NOK, "NOK"),
            (Currency::JPY, "JPY"),
            (Currency::AUD, "AUD"),
        ];
        for (currency, code) in consts {
            assert_eq!(currency.code(), code);
            assert_eq!(code.parse::<Currency>(), Ok(currency));
        }
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        let cases = [
            ("EUR", Some(2)),
            ("USD", Some(2)),
            ("RON", Some(2)),
            ("JPY", Some(0)),
            ("KRW", Some(0)),
            ("KWD", Some(3)),
            ("TND", Some(3)),
            ("CLF", Some(4)),
            ("XCG", Some(2)),
            ("XAU", None),
            ("XXX", None),
            ("ABC", None),
        ];
        for (code, units) in cases {
            assert_eq!(Currency::new(code).unwrap().minor_units(), units, "{code}");
        }
    }

    #[test]
    fn display_debug_and_ordering() {
        assert_eq!(Currency::CHF.to_string(), "CHF");
        assert_eq!(format!("{:?}", Currency::CHF), "Currency(\"CHF\")");
        let mut codes = vec![Currency::USD, Currency::AUD, Currency::EUR];
        codes.sort();
        assert_eq!(codes, [Currency::AUD, Currency::EUR, Currency::USD]);
        let set: HashSet<_> = [Currency::EUR, "EUR".parse().unwrap()].into();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn serde_uses_the_code_string() {
        assert_eq!(serde_json::to_string(&Currency::RON).unwrap(), "\"RON\"");
        assert_eq!(
            serde_json::from_str::<Currency>("\"SEK\"").unwrap(),
            Currency::SEK
        );
        let err = serde_json::from_str::<Currency>("\"sek\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid currency code \"sek\": expected three uppercase ASCII letters (ISO 4217, e.g. \"EUR\") at line 1 column 5"
        );
        let err = serde_json::from_str::<Currency>("978").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: integer `978`, expected an ISO 4217 currency code such as \"EUR\" at line 1 column 3"
        );
    }
}
