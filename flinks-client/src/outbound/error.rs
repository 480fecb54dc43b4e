//! Typed Outbound error bodies: the FDX body `{code, message, debugMessage}`
//! and the OAuth body `{error, error_description}`.
//!
//! banking-core's generic decoder already fills [`banking_core::error::ApiError`]'s
//! `code` and `message` from both shapes; [`OutboundErrorExt`] gives the typed
//! bodies back from any [`banking_core::Error`].

use serde::{Deserialize, Serialize};

use super::fdx::FdxError;

banking_core::wire_enum! {
    /// RFC 6749 error codes, as sent by the token, revoke and consent
    /// endpoints.
    OAuthErrorCode {
        /// A parameter is missing or malformed.
        InvalidRequest = "invalid_request",
        /// Client authentication failed.
        InvalidClient = "invalid_client",
        /// The code or refresh token is invalid, expired or revoked.
        InvalidGrant = "invalid_grant",
        /// The client may not use this grant.
        UnauthorizedClient = "unauthorized_client",
        /// The grant type is not supported.
        UnsupportedGrantType = "unsupported_grant_type",
        /// The scope is invalid.
        InvalidScope = "invalid_scope",
        /// The user or the Data Provider refused consent.
        AccessDenied = "access_denied",
        /// The authorization server failed.
        ServerError = "server_error",
        /// The authorization server is overloaded.
        TemporarilyUnavailable = "temporarily_unavailable",
    }
}

/// The OAuth error body (research notes, revoke sample:
/// `{"error": "invalid_request", "error_description": "..."}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OAuthError {
    /// Error code.
    pub error: OAuthErrorCode,
    /// Human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// Typed Outbound error bodies from a [`banking_core::Error`].
pub trait OutboundErrorExt {
    /// The FDX error body of an API error, when the body has that shape.
    fn fdx_error(&self) -> Option<FdxError>;
    /// The OAuth error body of an API or token error.
    fn oauth_error(&self) -> Option<OAuthError>;
}

impl OutboundErrorExt for banking_core::Error {
    fn fdx_error(&self) -> Option<FdxError> {
        let body = self.raw_body()?;
        let error: FdxError = serde_json::from_slice(body).ok()?;
        // Any JSON object decodes into the all-optional FdxError; require
        // the code that makes it an FDX body.
        error.code.is_some().then_some(error)
    }

    fn oauth_error(&self) -> Option<OAuthError> {
        if let banking_core::Error::Auth(auth) = self {
            let error = auth.error.as_deref()?;
            return Some(OAuthError {
                error: OAuthErrorCode::from(error),
                error_description: auth.error_description.clone(),
            });
        }
        serde_json::from_slice(self.raw_body()?).ok()
    }
}
