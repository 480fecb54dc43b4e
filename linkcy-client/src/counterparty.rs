//! Types shared by beneficiaries and mandate debtors.

use serde::{Deserialize, Serialize};

banking_core::wire_enum! {
    /// Whether a beneficiary or debtor is a person or a company.
    PartyType {
        /// A natural person.
        Person = "PERSON",
        /// A company.
        Company = "COMPANY",
    }
}

/// Bank account details as Linkcy returns them: the union of the SEPA
/// (`iban`, `bic`), GBP (`sortCode`, `accountNumber`, `swift`) and USD
/// (`abaCode`, `accountNumber`, `swift`) variants (research notes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BankingDetails {
    /// IBAN (SEPA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// BIC (SEPA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// Sort code (GBP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_code: Option<String>,
    /// Account number (GBP, USD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// SWIFT code (GBP, USD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swift: Option<String>,
    /// ABA routing code (USD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aba_code: Option<String>,
}

/// Check an IBAN: 15 to 34 upper-case letters and digits, a country code,
/// two check digits, and the ISO 13616 mod-97 checksum. Spaces (the printed
/// form) are refused: Linkcy expects the electronic form.
pub(crate) fn validate_iban(field: &str, iban: &str) -> banking_core::Result<()> {
    let invalid =
        |why: &str| banking_core::Error::validation(field, format!("invalid IBAN: {why}"));
    if !(15..=34).contains(&iban.len()) {
        return Err(invalid("must be 15 to 34 characters without spaces"));
    }
    let bytes = iban.as_bytes();
    if !bytes
        .iter()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(invalid("only upper-case letters and digits are allowed"));
    }
    if !bytes[..2].iter().all(u8::is_ascii_uppercase) || !bytes[2..4].iter().all(u8::is_ascii_digit)
    {
        return Err(invalid(
            "must start with a country code and two check digits",
        ));
    }
    let remainder = bytes[4..].iter().chain(&bytes[..4]).fold(0u32, |acc, b| {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        let shift = if value >= 10 { 100 } else { 10 };
        (acc * shift + value) % 97
    });
    if remainder != 1 {
        return Err(invalid("the check digits do not match"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans() {
        for good in [
            "FR1420041010050500013M02606",
            "GB82WEST12345698765432",
            "BE68539007547034",
            "DE89370400440532013000",
        ] {
            assert!(validate_iban("iban", good).is_ok(), "{good}");
        }
        for bad in [
            "FR1420041010050500013M02607",
            "GB82 WEST 1234 5698 7654 32",
            "gb82west12345698765432",
            "1282WEST12345698765432",
            "GB8",
            "string",
        ] {
            assert!(validate_iban("iban", bad).is_err(), "{bad}");
        }
    }
}
