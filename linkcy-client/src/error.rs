//! Linkcy error bodies and error codes.
//!
//! Linkcy answers failures with
//! `{details: [{field, rejectedValue, message}], errorCode, error, status, timestamp}`
//! (research notes). Older builds omit `errorCode` and only send the
//! generic `error` (`"linkcy.bad.request"`). [`LinkcyErrorDecoder`] teaches
//! banking-core to read that body, so every failed call becomes a
//! [`banking_core::Error::Api`] carrying the code, the first detail message
//! and the field errors; [`LinkcyErrorExt`] gives the typed code back.

use banking_core::error::{ErrorDecoder, ErrorDetails, FieldError};
use serde::{Deserialize, Serialize};

banking_core::wire_enum! {
    /// The `errorCode` of a Linkcy error body.
    ///
    /// The SCA codes and their statuses come from the seed documentation of
    /// the SCA headers; the others from the research notes (stated in the public reference).
    LinkcyErrorCode {
        /// 400: the consumer does not exist.
        ConsumerNotFound = "CONSUMER_NOT_FOUND",
        /// 400: the end-user does not exist.
        EndUserNotFound = "END_USER_NOT_FOUND",
        /// 409: the operation requires SCA; returned with strategy `FAIL`, or
        /// when `BY_PASS` is used where it is not allowed.
        ScaRequired = "SCA_REQUIRED",
        /// 409: SCA is required and allowed, but the user has no SCA device:
        /// enroll one first.
        ScaDeviceNotSet = "SCA_DEVICE_NOT_SET",
        /// 400: the user has an SCA device, but the requested factor is not
        /// enrolled: enroll it or change the factor.
        ScaFactorNotSet = "SCA_FACTOR_NOT_SET",
        /// 404: the `Linkcy-SCA-Id` does not exist.
        ScaInteractionNotFound = "SCA_INTERACTION_NOT_FOUND",
        /// 409: the SCA interaction is still pending on the user's device.
        ScaInteractionNotCompleted = "SCA_INTERACTION_NOT_COMPLETED",
        /// 409: the user declined the SCA interaction, or it expired.
        ScaInteractionDeclined = "SCA_INTERACTION_DECLINED",
        /// 409: the SCA interaction was already used; start a new one.
        ScaInteractionAlreadyConsumed = "SCA_INTERACTION_ALREADY_CONSUMED",
        /// 409: the SCA interaction was approved for another request (the
        /// body or URL differs).
        ScaInteractionDoesNotMatch = "SCA_INTERACTION_DOES_NOT_MATCH",
        /// 401: the `Linkcy-SCA-Signature` does not match (`DATA_SIGNING`).
        ScaSignatureDoesNotMatch = "SCA_SIGNATURE_DOES_NOT_MATCH",
        /// 404: the user has no active SCA device.
        NoActiveScaDeviceFound = "NO_ACTIVE_SCA_DEVICE_FOUND",
        /// 409: the user's SCA device is not valid.
        ScaDeviceNotValid = "SCA_DEVICE_NOT_VALID",
        /// 409: the `Linkcy-SCA-Signature` is malformed.
        ScaSignatureFormatInvalid = "SCA_SIGNATURE_FORMAT_INVALID",
        /// 409: `DATA_SIGNING` was requested without a `Linkcy-SCA-Signature`.
        ScaSignatureMissing = "SCA_SIGNATURE_MISSING",
        /// 500: Linkcy failed while processing SCA.
        ScaUnexpectedError = "SCA_UNEXPECTED_ERROR",
    }
}

impl LinkcyErrorCode {
    /// `true` for the errors of a `Linkcy-SCA-Id` replay (`SCA_INTERACTION_*`).
    pub fn is_sca_interaction(&self) -> bool {
        matches!(
            self,
            Self::ScaInteractionNotFound
                | Self::ScaInteractionNotCompleted
                | Self::ScaInteractionDeclined
                | Self::ScaInteractionAlreadyConsumed
                | Self::ScaInteractionDoesNotMatch
        )
    }

    /// `true` for every SCA related code (`SCA_*` and `NO_ACTIVE_SCA_DEVICE_FOUND`).
    pub fn is_sca(&self) -> bool {
        match self {
            Self::NoActiveScaDeviceFound => true,
            other => other.as_str().starts_with("SCA_"),
        }
    }
}

/// One entry of `details[]`: the field, the rejected value and a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LinkcyErrorDetail {
    /// Path of the rejected field, e.g. `name`.
    #[serde(default)]
    pub field: Option<String>,
    /// The value the server rejected, as sent back.
    #[serde(default)]
    pub rejected_value: Option<serde_json::Value>,
    /// Human readable explanation.
    #[serde(default)]
    pub message: Option<String>,
}

/// The Linkcy error body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LinkcyErrorBody {
    /// Field level details.
    #[serde(default)]
    pub details: Vec<LinkcyErrorDetail>,
    /// The specific code; absent in older builds.
    #[serde(default)]
    pub error_code: Option<LinkcyErrorCode>,
    /// The generic error, e.g. `linkcy.bad.request`.
    #[serde(default)]
    pub error: Option<String>,
    /// The HTTP status repeated in the body.
    #[serde(default)]
    pub status: Option<u16>,
    /// When the server produced the error (nanosecond precision on the wire).
    #[serde(default)]
    pub timestamp: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl LinkcyErrorBody {
    /// Parse a Linkcy error body; `None` when the body has another shape
    /// (an HTML page from a proxy, an empty 401, ...).
    pub fn from_slice(body: &[u8]) -> Option<Self> {
        let parsed: Self = serde_json::from_slice(body).ok()?;
        let recognised = parsed.error_code.is_some()
            || parsed.error.is_some()
            || parsed.status.is_some()
            || !parsed.details.is_empty();
        recognised.then_some(parsed)
    }
}

/// Reads Linkcy error bodies for banking-core.
///
/// `code` is `errorCode`, or the generic `error` when `errorCode` is absent;
/// `message` is the first detail message, or `error`; every `details[]`
/// entry becomes a field error.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkcyErrorDecoder;

impl ErrorDecoder for LinkcyErrorDecoder {
    fn decode(&self, _status: u16, body: &[u8]) -> ErrorDetails {
        let Some(parsed) = LinkcyErrorBody::from_slice(body) else {
            return ErrorDetails::default();
        };
        let message = parsed
            .details
            .iter()
            .find_map(|detail| detail.message.clone())
            .or_else(|| parsed.error.clone());
        let code = parsed
            .error_code
            .map(|code| code.as_str().to_owned())
            .or(parsed.error);
        let field_errors = parsed
            .details
            .into_iter()
            .map(|detail| {
                FieldError::new(detail.field, detail.message)
                    .with_rejected_value(detail.rejected_value)
            })
            .collect();
        ErrorDetails::new(code, message).with_field_errors(field_errors)
    }
}

/// Linkcy views of a [`banking_core::Error`].
pub trait LinkcyErrorExt {
    /// The typed `errorCode` of an API error (or the generic `error` as
    /// [`LinkcyErrorCode::Unknown`] when the body has no `errorCode`).
    fn error_code(&self) -> Option<LinkcyErrorCode>;
    /// The full Linkcy error body of an API error, when it has that shape.
    fn linkcy_body(&self) -> Option<LinkcyErrorBody>;
}

impl LinkcyErrorExt for banking_core::Error {
    fn error_code(&self) -> Option<LinkcyErrorCode> {
        self.provider_code().map(LinkcyErrorCode::from)
    }

    fn linkcy_body(&self) -> Option<LinkcyErrorBody> {
        self.raw_body().and_then(LinkcyErrorBody::from_slice)
    }
}
