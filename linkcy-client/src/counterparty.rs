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
