//! Flinks error codes and error bodies of the private.fin.ag APIs.
//!
//! The private.fin.ag APIs (Connect, Enrich, Upload) answer with
//! `{"HttpStatusCode": 400, "Message": "...", "FlinksCode": "SESSION_NONEXISTENT"}`.
//! The HTTP status a code comes with has drifted between versions of the docs
//! (`INVALID_LOGIN` is 401 in the current error table and 400 in the older
//! help centre; `TOO_MANY_REQUESTS` is 403 in an older client), so callers
//! should branch on [`FlinksCode`], never on the status.

use std::collections::BTreeMap;

use banking_core::error::{ErrorDecoder, ErrorDetails, FieldError, GenericErrorDecoder};
use serde::{Deserialize, Serialize};

banking_core::wire_enum! {
    /// The `FlinksCode` of a private.fin.ag response.
    ///
    /// Codes and meanings come from the Flinks error-code table (research
    /// notes, [DOC]) unless a variant says otherwise.
    FlinksCode {
        /// Success.
        Ok = "OK",
        /// Created.
        Created = "CREATED",
        /// Still processing in the background: poll the `*Async` endpoint.
        OperationPending = "OPERATION_PENDING",
        /// A synchronous call ran past 210 s and moved to the background:
        /// poll the `*Async` endpoint.
        OperationDispatched = "OPERATION_DISPATCHED",
        /// The `RequestId` is unknown or its session has ended.
        SessionNonexistent = "SESSION_NONEXISTENT",
        /// The login is still being processed (for example `DeleteCard`
        /// right after `Authorize`).
        CardInUse = "CARD_IN_USE",
        /// Authentication with Flinks failed.
        AccessDenied = "ACCESS_DENIED",
        /// Unknown `LoginId`, or wrong username or password.
        InvalidLogin = "INVALID_LOGIN",
        /// Malformed or missing input.
        InvalidRequest = "INVALID_REQUEST",
        /// Wrong answer to an MFA challenge.
        InvalidSecurityResponse = "INVALID_SECURITY_RESPONSE",
        /// Wrong or incomplete MFA answer that cannot be retried (older docs).
        InvalidSecurityResponseNoRetry = "INVALID_SECURITY_RESPONSE_NO_RETRY",
        /// The institution rejected the username.
        InvalidUsername = "INVALID_USERNAME",
        /// The institution rejected the password.
        InvalidPassword = "INVALID_PASSWORD",
        /// No stored answer for the MFA prompt.
        QuestionNotFound = "QUESTION_NOT_FOUND",
        /// The institution cannot be reached; try again later.
        RetryLater = "RETRY_LATER",
        /// Rate limited.
        TooManyRequests = "TOO_MANY_REQUESTS",
        /// An answer was given to a prompt that was not asked.
        UnknownChallengeKey = "UNKNOWN_CHALLENGE_KEY",
        /// The institution did not authorize, or data was requested before
        /// the session was authorized.
        Unauthorized = "UNAUTHORIZED",
        /// The user must act in their online banking first.
        NewAccount = "NEW_ACCOUNT",
        /// The institution deactivated the login.
        DisabledLogin = "DISABLED_LOGIN",
        /// The institution is unavailable.
        DisabledInstitution = "DISABLED_INSTITUTION",
        /// Unexpected Flinks error.
        AggregationError = "AGGREGATION_ERROR",
        /// Another session is open on this login (seen only in a
        /// third-party Node client).
        ConcurrentSession = "CONCURRENT_SESSION",
        /// The session expired: 8 minutes idle during `Authorize` or 30
        /// minutes of processing (seen only in a third-party Node client).
        SessionExpired = "SESSION_EXPIRED",
        /// `Authorize` was called on an already authorized session (seen
        /// only in a third-party Node client).
        AlreadyAuthorized = "ALREADY_AUTHORIZED",
        /// Not every MFA prompt was answered (seen only in a third-party
        /// Node client).
        SecurityResponsesIncomplete = "SECURITYRESPONSES_INCOMPLETE",
        /// No transactions, or fewer than required (seen only in a
        /// third-party Node client).
        NoTransaction = "NO_TRANSACTION",
        /// The feature is not enabled on the instance (seen only in a
        /// third-party Node client).
        MethodNotAvailable = "METHOD_NOT_AVAILABLE",
        /// The institution is in maintenance (listed among nightly-refresh
        /// errors; the space is verbatim).
        BankMaintenanceRetryLater = "BANK MAINTENANCE_RETRY_LATER",
    }
}

impl FlinksCode {
    /// `OK` or `CREATED`.
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Ok | Self::Created)
    }

    /// `OPERATION_PENDING` or `OPERATION_DISPATCHED`: the result is being
    /// prepared and the `*Async` endpoint must be polled.
    pub fn is_pending(&self) -> bool {
        matches!(self, Self::OperationPending | Self::OperationDispatched)
    }

    /// Conditions that clear by themselves, so the same call may succeed
    /// later (a heuristic from a third-party client, not from the docs).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::OperationPending
                | Self::OperationDispatched
                | Self::CardInUse
                | Self::RetryLater
                | Self::ConcurrentSession
                | Self::TooManyRequests
                | Self::BankMaintenanceRetryLater
        )
    }
}

/// The error envelope of the private.fin.ag APIs:
/// `{"HttpStatusCode": 400, "Message": "...", "FlinksCode": "SESSION_NONEXISTENT"}`.
///
/// `DeleteCard` says `StatusCode` instead of `HttpStatusCode`;
/// `ValidationDetails` (field → messages) comes from Flinks' C# SDK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ConnectErrorBody {
    /// The HTTP status echoed in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status_code: Option<u16>,
    /// The status as `DeleteCard` spells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The code to branch on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flinks_code: Option<FlinksCode>,
    /// The session the error belongs to, when given (kept as text: an error
    /// body must decode even when this is not a GUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Field → messages, when the input failed validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_details: Option<BTreeMap<String, Vec<String>>>,
}

impl ConnectErrorBody {
    /// Parses a private.fin.ag error body; `None` when the body has another
    /// shape (an OAuth or FDX body, an HTML page, an empty 401).
    pub fn from_slice(body: &[u8]) -> Option<Self> {
        let parsed: Self = serde_json::from_slice(body).ok()?;
        (parsed.flinks_code.is_some() || parsed.message.is_some()).then_some(parsed)
    }
}

/// Reads private.fin.ag error bodies for `banking-core`: `FlinksCode` →
/// code, `Message` → message, `ValidationDetails` → field errors,
/// `RequestId` → request id (a request id header, when present, wins).
/// Bodies of another shape (`{"message": "..."}`, an HTML page) fall back
/// to [`GenericErrorDecoder`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FlinksErrorDecoder;

impl ErrorDecoder for FlinksErrorDecoder {
    fn decode(&self, status: u16, body: &[u8]) -> ErrorDetails {
        let Some(parsed) = ConnectErrorBody::from_slice(body) else {
            return GenericErrorDecoder.decode(status, body);
        };
        let field_errors = parsed
            .validation_details
            .unwrap_or_default()
            .into_iter()
            .flat_map(|(field, messages)| {
                messages
                    .into_iter()
                    .map(move |message| FieldError::new(Some(field.clone()), Some(message)))
            })
            .collect();
        ErrorDetails::new(
            parsed.flinks_code.map(|code| code.as_str().to_owned()),
            parsed.message,
        )
        .with_field_errors(field_errors)
        .with_request_id(parsed.request_id)
    }
}

/// Flinks views of a `banking_core::Error`.
///
/// ```
/// use flinks_client::error::{FlinksCode, FlinksErrorExt};
///
/// fn should_ask_the_user_again(err: &banking_core::Error) -> bool {
///     matches!(
///         err.flinks_code(),
///         Some(FlinksCode::InvalidSecurityResponse | FlinksCode::InvalidLogin)
///     )
/// }
/// # let _ = should_ask_the_user_again;
/// ```
pub trait FlinksErrorExt {
    /// The `FlinksCode` of an API error, if the body had one.
    fn flinks_code(&self) -> Option<FlinksCode>;
    /// The full private.fin.ag error body of an API error, when it has that
    /// shape.
    fn connect_error_body(&self) -> Option<ConnectErrorBody>;
}

impl FlinksErrorExt for banking_core::Error {
    fn flinks_code(&self) -> Option<FlinksCode> {
        self.provider_code().map(FlinksCode::from)
    }

    fn connect_error_body(&self) -> Option<ConnectErrorBody> {
        self.raw_body().and_then(ConnectErrorBody::from_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_kept() {
        let code: FlinksCode = serde_json::from_str("\"SESSION_NONEXISTENT\"").unwrap();
        assert_eq!(code, FlinksCode::SessionNonexistent);
        let spaced: FlinksCode = serde_json::from_str("\"BANK MAINTENANCE_RETRY_LATER\"").unwrap();
        assert_eq!(spaced, FlinksCode::BankMaintenanceRetryLater);
        let new: FlinksCode = serde_json::from_str("\"SOMETHING_NEW\"").unwrap();
        assert_eq!(new, FlinksCode::Unknown("SOMETHING_NEW".into()));
        assert_eq!(serde_json::to_string(&new).unwrap(), "\"SOMETHING_NEW\"");
        assert_eq!(
            FlinksCode::OperationDispatched.to_string(),
            "OPERATION_DISPATCHED"
        );
    }

    #[test]
    fn decoder_reads_the_envelope_and_validation_details() {
        let body = br#"{"HttpStatusCode":400,"Message":"bad","FlinksCode":"INVALID_REQUEST",
            "RequestId":"077785a3-fd0f-42f7-9251-ee2ff7f3b4ff",
            "ValidationDetails":{"LoginId":["is required","must be a GUID"]}}"#;
        let details = FlinksErrorDecoder.decode(400, body);
        assert_eq!(
            details.request_id.as_deref(),
            Some("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff")
        );
        assert_eq!(details.code.as_deref(), Some("INVALID_REQUEST"));
        assert_eq!(details.message.as_deref(), Some("bad"));
        assert_eq!(details.field_errors.len(), 2);
        assert_eq!(details.field_errors[1].field.as_deref(), Some("LoginId"));
        assert_eq!(
            details.field_errors[1].message.as_deref(),
            Some("must be a GUID")
        );
    }

    #[test]
    fn decoder_falls_back_for_other_shapes() {
        let details = FlinksErrorDecoder.decode(401, br#"{"message":"Invalid Bearer Token"}"#);
        assert_eq!(details.message.as_deref(), Some("Invalid Bearer Token"));
        let details = FlinksErrorDecoder.decode(502, b"<html>Bad Gateway</html>");
        assert_eq!(details.code, None);
    }

    #[test]
    fn classification() {
        assert!(FlinksCode::OperationPending.is_pending());
        assert!(FlinksCode::OperationDispatched.is_pending());
        assert!(!FlinksCode::SessionNonexistent.is_pending());
        assert!(FlinksCode::Ok.is_success());
        assert!(!FlinksCode::Unknown("OK ".into()).is_success());
        assert!(FlinksCode::RetryLater.is_transient());
        assert!(!FlinksCode::InvalidSecurityResponse.is_transient());
    }
}
