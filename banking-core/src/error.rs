//! One error type for every call, with predicates and accessors.
//!
//! Every failure a call can meet is a variant of [`Error`]: a client-side
//! [`ValidationError`] raised before anything is sent, an [`ApiError`] for a
//! non-success answer (whatever its body looks like), token failures, transport
//! failures, timeouts, decode failures with the JSON path, and
//! [`OutcomeUnknown`] for a write that may have reached the server.
//!
//! ```
//! use banking_core::error::Error;
//!
//! let err = Error::validation("reference", "must be at most 18 characters");
//! assert!(err.is_validation());
//! assert!(!err.is_retryable());
//! assert_eq!(err.to_string(), "invalid request: reference: must be at most 18 characters");
//! ```

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::Deserialize;

/// Result alias used across the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a call.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request was rejected on the client before anything was sent.
    #[error("invalid request: {0}")]
    Validation(ValidationError),
    /// The server answered with a non-success status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The token endpoint refused or failed.
    #[error(transparent)]
    Auth(Box<AuthError>),
    /// The connection failed or broke.
    #[error(transparent)]
    Transport(TransportError),
    /// A connect, per-attempt or total deadline passed (token requests
    /// included).
    #[error(transparent)]
    Timeout(TimeoutError),
    /// A write without an idempotency key failed after it may have reached the
    /// server. It was not resent: check its effect before trying again.
    #[error(transparent)]
    OutcomeUnknown(Box<OutcomeUnknown>),
    /// A success body did not match the expected type.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The response body was larger than the configured cap.
    #[error("response body larger than the {limit}-byte limit")]
    ResponseTooLarge {
        /// The configured cap in bytes.
        limit: usize,
    },
    /// The client was configured with an invalid value (URL, header, ...).
    #[error("configuration error: {0}")]
    Config(String),
    /// A listing made no progress (a cursor or page seen before, more pages
    /// than its total allows): the stream stopped instead of looping.
    #[error(transparent)]
    Pagination(#[from] crate::pagination::PaginationError),
}

impl Error {
    /// A client-side validation error for `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation(ValidationError {
            field: field.into(),
            message: message.into(),
        })
    }

    /// A configuration error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config(message.into())
    }

    /// Whether the same call may succeed if tried again later.
    ///
    /// True for timeouts, connection failures and the statuses 408, 429, 502,
    /// 503 and 504; never for [`Error::OutcomeUnknown`], whose retry could
    /// repeat a write.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => matches!(e.status, 408 | 429 | 502 | 503 | 504),
            Error::Auth(e) => e.status.is_none_or(|s| s >= 500 || s == 429),
            Error::Transport(_) | Error::Timeout(_) => true,
            _ => false,
        }
    }

    /// Whether a deadline passed.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout(_) => true,
            Error::OutcomeUnknown(e) => e.timed_out,
            _ => false,
        }
    }

    /// Whether the server said the resource does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Whether the server refused the credentials (401).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Whether authentication failed: the token or login endpoint refused,
    /// failed, or sent an answer that could not be read.
    pub fn is_auth(&self) -> bool {
        matches!(self, Error::Auth(_))
    }

    /// Whether the request was rejected before sending.
    pub fn is_validation(&self) -> bool {
        matches!(self, Error::Validation(_))
    }

    /// Whether a write may or may not have taken effect.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown(_))
    }

    /// The HTTP status of an API or token-endpoint error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Auth(e) => e.status,
            _ => None,
        }
    }

    /// The provider's request id, when the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Auth(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The API error, when the server answered with a non-success status.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The provider's raw error code (`errorCode`, `FlinksCode`, `code`, ...).
    pub fn provider_code(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.code.as_deref(),
            Error::Auth(e) => e.error.as_deref(),
            _ => None,
        }
    }

    /// The raw body of an API error.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The idempotency key the failed call carried, if any.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.idempotency_key.as_deref(),
            Error::OutcomeUnknown(e) => e.idempotency_key.as_deref(),
            _ => None,
        }
    }
}

/// A request rejected on the client, before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The field (or wire name) at fault.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// One field-level complaint in an API error body.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct FieldError {
    /// The field the server names.
    pub field: Option<String>,
    /// The server's message.
    pub message: Option<String>,
    /// The value the server rejected, as sent back.
    pub rejected_value: Option<serde_json::Value>,
}

impl FieldError {
    /// A field error with a field name and message.
    pub fn new(field: Option<String>, message: Option<String>) -> Self {
        FieldError {
            field,
            message,
            rejected_value: None,
        }
    }

    /// Sets the rejected value.
    pub fn with_rejected_value(mut self, value: Option<serde_json::Value>) -> Self {
        self.rejected_value = value;
        self
    }
}

/// A non-success answer from the API.
///
/// Built for every non-2xx status, whatever the body: an HTML 502 page or an
/// empty body still gives the status, headers and raw body.
#[derive(Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// The provider's error code, as sent.
    pub code: Option<String>,
    /// The provider's message.
    pub message: Option<String>,
    /// Field-level errors.
    pub field_errors: Vec<FieldError>,
    /// The provider's request id: from a request id header when present,
    /// else from the body as the provider's [`ErrorDecoder`] reads it.
    pub request_id: Option<String>,
    /// The idempotency key the request carried, if any.
    pub idempotency_key: Option<String>,
    /// Response headers (sensitive ones are never printed).
    pub headers: HeaderMap,
    /// The raw response body.
    pub body: Bytes,
}

impl ApiError {
    /// Builds an API error from a response, reading the body with `decoder`.
    ///
    /// The request id comes from the headers first (what the gateway says
    /// is also what support logs carry), then from the decoded body.
    pub fn from_response(
        status: u16,
        headers: HeaderMap,
        body: Bytes,
        decoder: &dyn ErrorDecoder,
    ) -> Self {
        let details = decoder.decode(status, &body);
        ApiError {
            status,
            code: details.code,
            message: details.message,
            field_errors: details.field_errors,
            request_id: crate::transport::request_id_of(&headers).or(details.request_id),
            idempotency_key: None,
            headers,
            body,
        }
    }

    /// The body as text, cut to a short excerpt.
    pub fn body_excerpt(&self) -> String {
        excerpt(&self.body)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers are left out: they may echo cookies or tokens.
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("field_errors", &self.field_errors)
            .field("request_id", &self.request_id)
            .field("idempotency_key", &self.idempotency_key)
            .field("body", &self.body_excerpt())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// What a provider's error body says, as read by an [`ErrorDecoder`].
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// The provider's error code.
    pub code: Option<String>,
    /// The provider's message.
    pub message: Option<String>,
    /// Field-level errors.
    pub field_errors: Vec<FieldError>,
    /// The request id the body names, for providers that send it there
    /// rather than (or as well as) in a header.
    pub request_id: Option<String>,
}

impl ErrorDetails {
    /// Details with a code and a message.
    pub fn new(code: Option<String>, message: Option<String>) -> Self {
        ErrorDetails {
            code,
            message,
            field_errors: Vec::new(),
            request_id: None,
        }
    }

    /// Sets the field errors.
    pub fn with_field_errors(mut self, field_errors: Vec<FieldError>) -> Self {
        self.field_errors = field_errors;
        self
    }

    /// Sets the request id read from the body; a request id header, when
    /// present, takes precedence in [`ApiError::request_id`].
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }
}

/// Reads a provider's error body. Unknown shapes leave the details empty; the
/// [`ApiError`] keeps the status and raw body either way.
pub trait ErrorDecoder: Send + Sync + fmt::Debug + 'static {
    /// Reads `body` of a response with `status`.
    fn decode(&self, status: u16, body: &[u8]) -> ErrorDetails;
}

/// Understands the common shapes: `{code|errorCode|error|FlinksCode,
/// message|error_description|detail|Message}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GenericErrorDecoder;

impl ErrorDecoder for GenericErrorDecoder {
    fn decode(&self, _status: u16, body: &[u8]) -> ErrorDetails {
        let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(body) else {
            return ErrorDetails::default();
        };
        let first = |keys: &[&str]| keys.iter().find_map(|k| as_text(map.get(*k).cloned()));
        ErrorDetails::new(
            first(&["errorCode", "code", "FlinksCode", "error"]),
            first(&["message", "Message", "error_description", "detail", "title"]),
        )
    }
}

fn as_text(v: Option<serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A failure of the token endpoint.
///
/// RFC 6749 error bodies (`{"error": "invalid_client", "error_description":
/// ...}`) are typed in [`AuthError::error`] and
/// [`AuthError::error_description`]; other bodies are read by the
/// provider's [`ErrorDecoder`]. The body itself is never kept: a credential
/// endpoint's body may hold a token.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
#[error("token request failed{}{}{}", .status.map(|s| format!(" with status {s}")).unwrap_or_default(), .error.as_ref().map(|e| format!(": {e}")).unwrap_or_default(), .error_description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
pub struct AuthError {
    /// The token endpoint's HTTP status, when it answered.
    pub status: Option<u16>,
    /// The RFC 6749 `error` code (`invalid_client`, `invalid_grant`, ...).
    pub error: Option<String>,
    /// The RFC 6749 `error_description`.
    pub error_description: Option<String>,
    /// The provider's request id header, when present.
    pub request_id: Option<String>,
}

impl AuthError {
    /// An auth error with a status and RFC 6749 fields.
    pub fn new(status: Option<u16>, error: Option<String>, description: Option<String>) -> Self {
        AuthError {
            status,
            error,
            error_description: description,
            request_id: None,
        }
    }

    /// Reads an RFC 6749 error body; other bodies leave the fields empty.
    pub fn from_body(status: u16, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct Rfc6749 {
            error: Option<String>,
            error_description: Option<String>,
        }
        let parsed = serde_json::from_slice::<Rfc6749>(body).ok();
        AuthError::new(
            Some(status),
            parsed.as_ref().and_then(|p| p.error.clone()),
            parsed.and_then(|p| p.error_description),
        )
    }

    /// A credential endpoint's non-success answer: the RFC 6749 fields, or
    /// else the code and message `decoder` reads, and the request id.
    pub fn from_response(
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
        decoder: &dyn ErrorDecoder,
    ) -> Self {
        let mut error = AuthError::from_body(status, body);
        if error.error.is_none() && error.error_description.is_none() {
            let details = decoder.decode(status, body);
            error.error = details.code;
            error.error_description = details.message;
        }
        error.request_id = crate::transport::request_id_of(headers);
        error
    }
}

/// A connection failure.
#[derive(Debug, thiserror::Error)]
#[error("transport error: {message}")]
pub struct TransportError {
    /// What failed.
    pub message: String,
    /// Whether the request is known not to have reached the server.
    pub not_sent: bool,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// A transport error with a message and an optional cause.
    pub fn new(
        message: impl Into<String>,
        not_sent: bool,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        TransportError {
            message: message.into(),
            not_sent,
            source,
        }
    }
}

/// Which deadline passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Establishing the connection.
    Connect,
    /// One attempt (request and body).
    Attempt,
    /// The whole call, retries included.
    Total,
}

/// A deadline passed.
///
/// `kind` says which limit fired and `limit` how long it was; `after` is
/// the time since the call started (token fetch and earlier attempts
/// included), so a total deadline of 3 s reports about 3 s, whatever the
/// last attempt was given.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
#[error("{} timeout{} after {after:?}", kind.name(), .limit.map(|l| format!(" (limit {l:?})")).unwrap_or_default())]
pub struct TimeoutError {
    /// Which deadline.
    pub kind: TimeoutKind,
    /// The deadline that fired, when known (a connect timeout set on a
    /// caller's own HTTP client is not).
    pub limit: Option<Duration>,
    /// How long the call had been running when it fired.
    pub after: Duration,
}

impl TimeoutError {
    /// A timeout of `kind` with its `limit`, `after` this long.
    pub fn new(kind: TimeoutKind, limit: Option<Duration>, after: Duration) -> Self {
        TimeoutError { kind, limit, after }
    }
}

impl TimeoutKind {
    fn name(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "connect",
            TimeoutKind::Attempt => "attempt",
            TimeoutKind::Total => "total",
        }
    }
}

/// A write that may have reached the server failed; it was not resent.
#[derive(Debug, thiserror::Error)]
#[error("outcome unknown for {method} {path}: {reason}; the request was not resent")]
pub struct OutcomeUnknown {
    /// HTTP method.
    pub method: String,
    /// The path template of the call.
    pub path: String,
    /// What happened.
    pub reason: String,
    /// Whether a deadline passed.
    pub timed_out: bool,
    /// The idempotency key the request carried, if any.
    pub idempotency_key: Option<String>,
    /// The HTTP status, when the failure was a response.
    pub status: Option<u16>,
}

/// A body that did not match the expected type.
#[derive(Debug, thiserror::Error)]
#[error("could not decode response at `{path}`: {message}; body starts: {excerpt}")]
pub struct DecodeError {
    /// JSON path of the failing value (`content[2].amount`).
    pub path: String,
    /// What serde said.
    pub message: String,
    /// The beginning of the body.
    pub excerpt: String,
    /// The provider's request id, when present.
    pub request_id: Option<String>,
}

/// At most 256 characters of `body`, lossily decoded.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 256;
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, body: &str) -> Error {
        Error::Api(Box::new(ApiError::from_response(
            status,
            HeaderMap::new(),
            Bytes::from(body.to_owned()),
            &GenericErrorDecoder,
        )))
    }

    #[test]
    fn html_502_page_is_an_api_error_with_status() {
        let e = api(502, "<html><body>Bad Gateway</body></html>");
        assert_eq!(e.status(), Some(502));
        assert!(e.is_retryable());
        assert_eq!(e.provider_code(), None);
        assert_eq!(
            e.raw_body(),
            Some(&b"<html><body>Bad Gateway</body></html>"[..])
        );
    }

    #[test]
    fn empty_body_is_an_api_error_with_status() {
        let e = api(500, "");
        assert_eq!(e.status(), Some(500));
        assert!(!e.is_retryable());
        assert_eq!(e.to_string(), "API error 500");
    }

    #[test]
    fn other_json_keeps_code_and_message() {
        let e = api(
            404,
            r#"{"errorCode":"END_USER_NOT_FOUND","error":"x","detail":"no such user"}"#,
        );
        assert!(e.is_not_found());
        assert_eq!(e.provider_code(), Some("END_USER_NOT_FOUND"));
        assert_eq!(
            e.api_error().unwrap().message.as_deref(),
            Some("no such user")
        );
        let e = api(400, r#"{"FlinksCode":"INVALID_LOGIN","Message":"bad"}"#);
        assert_eq!(e.provider_code(), Some("INVALID_LOGIN"));
    }

    #[derive(Debug)]
    struct BodyRequestId;

    impl ErrorDecoder for BodyRequestId {
        fn decode(&self, _status: u16, _body: &[u8]) -> ErrorDetails {
            ErrorDetails::default().with_request_id(Some("from-body".into()))
        }
    }

    #[test]
    fn request_id_comes_from_the_header_first_then_the_decoded_body() {
        let from_body =
            ApiError::from_response(400, HeaderMap::new(), Bytes::new(), &BodyRequestId);
        assert_eq!(
            Error::Api(Box::new(from_body)).request_id(),
            Some("from-body")
        );
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "from-header".parse().unwrap());
        let from_header = ApiError::from_response(400, headers, Bytes::new(), &BodyRequestId);
        assert_eq!(from_header.request_id.as_deref(), Some("from-header"));
        let generic = api(400, r#"{"RequestId":"ignored-by-the-generic-decoder"}"#);
        assert_eq!(generic.request_id(), None);
    }

    #[test]
    fn rfc6749_body_is_typed() {
        let e = AuthError::from_body(
            400,
            br#"{"error":"invalid_client","error_description":"bad secret"}"#,
        );
        assert_eq!(e.error.as_deref(), Some("invalid_client"));
        assert_eq!(
            e.to_string(),
            "token request failed with status 400: invalid_client (bad secret)"
        );
        assert!(!Error::Auth(Box::new(e)).is_retryable());
    }

    #[test]
    fn retryable_statuses() {
        for s in [408, 429, 502, 503, 504] {
            assert!(api(s, "").is_retryable(), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 500, 501] {
            assert!(!api(s, "").is_retryable(), "{s}");
        }
    }

    #[test]
    fn excerpt_is_bounded() {
        let long = "x".repeat(1000);
        let e = excerpt(long.as_bytes());
        assert_eq!(e.chars().count(), 257);
        assert!(e.ends_with('…'));
    }
}
