//! Linxo error bodies and error codes.
//!
//! The resource server's error schema is not published. Linxo's own Python
//! client reads `error_description` from every non-2xx body (research notes
//! 2(h), third-party code), and the authorization server answers in the
//! OAuth2 style `{"error": "...", "error_description": "..."}` (RFC 6749; the
//! resource server is assumed to do the same, inferred). [`LinxoErrorDecoder`]
//! reads that shape, and `{"code", "message"}` as a fallback, so every failed
//! call becomes a [`banking_core::Error::Api`] with the code and message;
//! [`LinxoErrorExt`] gives the code back typed. Statuses keep their meaning
//! whatever the body: `is_not_found()` for 404, `is_unauthorized()` for 401.

use banking_core::error::{ErrorDecoder, ErrorDetails};
use serde::Deserialize;

banking_core::wire_enum! {
    /// The `error` code of a Linxo error body.
    ///
    /// The values are the OAuth2 codes of RFC 6749 (token endpoint) and
    /// RFC 6750 (resource server); Linxo does not publish its list, so
    /// anything else is kept as [`LinxoErrorCode::Unknown`] (inferred).
    LinxoErrorCode {
        /// The request is malformed or misses a parameter.
        InvalidRequest = "invalid_request",
        /// Client authentication failed (wrong `client_id` or secret).
        InvalidClient = "invalid_client",
        /// The user's password (or a refresh token) was refused.
        InvalidGrant = "invalid_grant",
        /// The client may not use this grant type.
        UnauthorizedClient = "unauthorized_client",
        /// The grant type is not supported.
        UnsupportedGrantType = "unsupported_grant_type",
        /// A requested scope is unknown or not granted to the client.
        InvalidScope = "invalid_scope",
        /// The resource owner or the server refused the request.
        AccessDenied = "access_denied",
        /// The access token is expired, revoked or malformed (RFC 6750).
        InvalidToken = "invalid_token",
        /// The token lacks the scope the endpoint needs (RFC 6750), e.g. a
        /// client token on a user resource or a token without `users_create`.
        InsufficientScope = "insufficient_scope",
        /// The server failed.
        ServerError = "server_error",
        /// The server is overloaded or down for maintenance.
        TemporarilyUnavailable = "temporarily_unavailable",
    }
}

/// Reads Linxo error bodies for banking-core.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinxoErrorDecoder;

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default)]
    message: Option<String>,
}

fn text(value: Option<serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl ErrorDecoder for LinxoErrorDecoder {
    fn decode(&self, _status: u16, body: &[u8]) -> ErrorDetails {
        let Ok(body) = serde_json::from_slice::<Body>(body) else {
            return ErrorDetails::default();
        };
        let code = text(body.error).or_else(|| text(body.code));
        let message = body.error_description.or(body.message);
        ErrorDetails::new(code, message)
    }
}

/// Linxo's typed error code on [`banking_core::Error`].
pub trait LinxoErrorExt {
    /// The code of an API error or of a token-endpoint error, typed.
    fn linxo_error_code(&self) -> Option<LinxoErrorCode>;
}

impl LinxoErrorExt for banking_core::Error {
    fn linxo_error_code(&self) -> Option<LinxoErrorCode> {
        self.provider_code().map(LinxoErrorCode::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_oauth_and_code_message_shapes() {
        let d = LinxoErrorDecoder.decode(
            401,
            br#"{"error":"invalid_token","error_description":"Access token expired"}"#,
        );
        assert_eq!(d.code.as_deref(), Some("invalid_token"));
        assert_eq!(d.message.as_deref(), Some("Access token expired"));
        let d = LinxoErrorDecoder.decode(404, br#"{"code":404,"message":"No such account"}"#);
        assert_eq!(d.code.as_deref(), Some("404"));
        assert_eq!(d.message.as_deref(), Some("No such account"));
        let d = LinxoErrorDecoder.decode(502, b"<html>Bad gateway</html>");
        assert_eq!(d, ErrorDetails::default());
    }
}
