//! Types shared by consumers and corporates (the two kinds of end-user):
//! statuses, phone, address and KYC information (research notes).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

banking_core::wire_enum! {
    /// `bankingStatus` of an end-user.
    BankingStatus {
        /// Validated.
        Validated = "VALIDATED",
        /// Pending.
        Pending = "PENDING",
        /// Data missing.
        MissingData = "MISSING_DATA",
        /// Blocked.
        Blocked = "BLOCKED",
        /// Not created.
        NotCreated = "NOT_CREATED",
    }
}

banking_core::wire_enum! {
    /// `suspensionStatus` of an end-user.
    SuspensionStatus {
        /// Suspended.
        Suspended = "SUSPENDED",
        /// Not suspended.
        NotSuspended = "NOT_SUSPENDED",
    }
}

banking_core::wire_enum! {
    /// `linkcyStatus` of an end-user (one more value is not visible in the docs).
    LinkcyStatus {
        /// Pending.
        Pending = "PENDING",
        /// Forbidden.
        Forbidden = "FORBIDDEN",
        /// Data missing.
        MissingData = "MISSING_DATA",
        /// Validated.
        Validated = "VALIDATED",
        /// Closing.
        Closing = "CLOSING",
    }
}

banking_core::wire_enum! {
    /// `complianceStatus` of an end-user.
    ComplianceStatus {
        /// Pending.
        Pending = "PENDING",
        /// Declined.
        Declined = "DECLINED",
        /// Under review.
        PendingReview = "PENDING_REVIEW",
        /// Validated.
        Validated = "VALIDATED",
    }
}

banking_core::wire_enum! {
    /// `overallStatus` of an end-user.
    OverallStatus {
        /// Active.
        Active = "ACTIVE",
        /// Inactive.
        Inactive = "INACTIVE",
    }
}

/// A phone number as Linkcy returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PhoneInfo {
    /// Country calling code.
    #[serde(default)]
    pub country_code: Option<String>,
    /// The number.
    #[serde(default)]
    pub number: Option<String>,
    /// Whether the number was verified.
    #[serde(default)]
    pub verified: Option<bool>,
    /// When it was verified.
    #[serde(default)]
    pub verification_date: Option<DateTime<Utc>>,
}

/// A phone number to register: `{countryCode, number}` (sub-field names
/// from third-party code, inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    pub(crate) country_code: String,
    pub(crate) number: String,
}

impl Phone {
    /// A phone number: calling code (e.g. `33`) and national number.
    pub fn new(country_code: impl Into<String>, number: impl Into<String>) -> Self {
        Phone {
            country_code: country_code.into(),
            number: number.into(),
        }
    }
}

/// A postal address as Linkcy returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// ISO 3166 alpha-3 country.
    #[serde(default)]
    pub iso_country_code: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// Street.
    #[serde(default)]
    pub street: Option<String>,
    /// House number.
    #[serde(default)]
    pub number: Option<String>,
    /// Complement (floor, building).
    #[serde(default)]
    pub refinement: Option<String>,
    /// State or province.
    #[serde(default)]
    pub state_or_province: Option<String>,
    /// Verification status (e.g. `INVALID`), as sent.
    #[serde(default)]
    pub status: Option<String>,
}

/// KYC information of a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KycInfo {
    /// The KYC application.
    #[serde(default)]
    pub kyc_application_id: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<KycStatus>,
    /// Why the status was set.
    #[serde(default)]
    pub status_reason: Option<String>,
    /// KYC level (e.g. `FULL_KYC`), as sent.
    #[serde(rename = "type", default)]
    pub kyc_type: Option<String>,
    /// Last update.
    #[serde(default)]
    pub update_date: Option<DateTime<Utc>>,
}

banking_core::wire_enum! {
    /// KYC status of a person. `VALIDATED` comes from third-party code (the
    /// docs hide two values).
    KycStatus {
        /// Not started.
        NotStarted = "NOT_STARTED",
        /// Created.
        Created = "CREATED",
        /// Processing.
        Processing = "PROCESSING",
        /// Aborted.
        Aborted = "ABORTED",
        /// Under review.
        PendingReview = "PENDING_REVIEW",
        /// Validated.
        Validated = "VALIDATED",
    }
}

/// Check an ISO 3166 alpha-3 country code (`FRA`, `BEL`).
pub(crate) fn validate_iso3(field: &str, code: &str) -> banking_core::Result<()> {
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(banking_core::Error::validation(
            field,
            format!("must be an ISO 3166 alpha-3 code such as FRA, got {code:?}"),
        ));
    }
    Ok(())
}
