//! Executes described requests: URL → auth → headers → send → retry → errors.
//!
//! A provider crate never calls reqwest for an ordinary call: it describes the
//! call as a [`Request`] (method, path template and parameters, query, body,
//! safety class) and a [`Transport`] runs it. Path parameters are always
//! percent-encoded as one segment, so an id like `../admin` cannot change the
//! path.
//!
//! ```
//! use banking_core::transport::{ArrayStyle, Request, Transport};
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let transport = Transport::builder("https://api.example.com/v2/".parse().unwrap())
//!     .user_agent("my-app/1.0")
//!     .build()?;
//! let request = Request::get("/accounts/{accountId}/transactions")
//!     .param("accountId", "acc 1/2")
//!     .query_array("status", ["BOOKED", "PENDING"], ArrayStyle::Comma);
//! # let _ = (transport, request);
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, redirect};
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

use crate::auth::{Authenticator, NoAuth};

mod settings;

use crate::error::{
    ApiError, AuthError, ErrorDecoder, GenericErrorDecoder, OutcomeUnknown, Result, TimeoutError,
    TimeoutKind, TransportError,
};
use crate::pagination::StreamOptions;
use crate::retry::{self, Attempt, Decision, Failure, RetryPolicy, Safety};
use crate::{Error, json};
pub use settings::{
    TransportSettings, check_base_url, missing_credential, required_credential, required_secret,
};

/// Which deployment of a provider to talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Environment {
    /// The provider's sandbox.
    Sandbox,
    /// The provider's production API.
    Production,
    /// Any other base URL: a mock server, a proxy, a new region.
    Custom(Url),
}

impl Environment {
    /// The base URL of this environment, given the provider's two defaults.
    pub fn resolve(&self, sandbox: &str, production: &str) -> Result<Url> {
        match self {
            Environment::Sandbox => parse_base(sandbox),
            Environment::Production => parse_base(production),
            Environment::Custom(url) => Ok(with_trailing_slash(url.clone())),
        }
    }
}

fn parse_base(s: &str) -> Result<Url> {
    Url::parse(s)
        .map(with_trailing_slash)
        .map_err(|e| Error::config(format!("invalid base URL {s:?}: {e}")))
}

/// `url` as a base URL: ending with `/`, so that relative paths append
/// rather than replace its last segment.
///
/// ```
/// let base = banking_core::transport::with_trailing_slash("https://h.example/v3".parse().unwrap());
/// assert_eq!(base.join("accounts").unwrap().as_str(), "https://h.example/v3/accounts");
/// ```
pub fn with_trailing_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

/// Fills `{name}` placeholders of a base-URL template (tenant or instance
/// hosts, customer ids in a base path).
///
/// Values must be non-empty runs of ASCII letters, digits and `-` (the
/// characters of a DNS label), so a value can never change the host or the
/// path it lands in.
///
/// ```
/// use banking_core::transport::base_url_template;
///
/// let url = base_url_template(
///     "https://{instance}-api.private.fin.ag/v3/{customerId}/",
///     &[("instance", "toolbox"), ("customerId", "43387ca6-0391-4c82-857d-70d95f087ecb")],
/// ).unwrap();
/// assert_eq!(url.as_str(), "https://toolbox-api.private.fin.ag/v3/43387ca6-0391-4c82-857d-70d95f087ecb/");
/// assert!(base_url_template("https://{tenant}.example.com/", &[("tenant", "evil.com/x")]).is_err());
/// ```
pub fn base_url_template(template: &str, vars: &[(&str, &str)]) -> Result<Url> {
    let mut out = template.to_owned();
    for (name, value) in vars {
        let ok = !value.is_empty()
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return Err(Error::validation(
                *name,
                format!("{value:?} is not a valid host label or path segment"),
            ));
        }
        out = out.replace(&format!("{{{name}}}"), value);
    }
    if let Some(start) = out.find('{') {
        return Err(Error::config(format!(
            "base URL template has an unfilled placeholder at {:?}",
            &out[start..]
        )));
    }
    parse_base(&out)
}

/// How a query parameter with several values is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayStyle {
    /// `status=A&status=B`
    Repeated,
    /// `status=A,B`
    Comma,
}

/// How a request is authenticated.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum RequestAuth {
    /// The transport's authenticator.
    #[default]
    Default,
    /// No credentials (login endpoints).
    None,
    /// A specific authenticator for this request.
    With(Arc<dyn Authenticator>),
}

/// Per-call options.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
#[must_use]
pub struct CallOptions {
    /// Overrides the transport's total timeout for this call.
    pub timeout: Option<Duration>,
    /// Overrides the retry policy for this call.
    pub retry: Option<RetryPolicy>,
    /// An idempotency key; makes a write safe to retry where the provider
    /// deduplicates on it. Refused before sending by a transport whose API
    /// documents no deduplication (see
    /// [`TransportBuilder::idempotency_header`]).
    pub idempotency_key: Option<String>,
    /// Extra headers for this call (a correlation id, a tenant header).
    /// They never replace a header the SDK sets itself: the request's own,
    /// the content type, the idempotency key and credentials win.
    pub headers: Vec<(String, String)>,
}

impl CallOptions {
    /// Empty options.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Sets the total timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets the idempotency key.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Adds an extra header; an invalid name or value fails the call
    /// before sending.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

#[derive(Clone)]
enum HeaderVal {
    Plain(String),
    Secret(SecretString),
}

/// A described call, ready for a [`Transport`].
///
/// The body is kept as bytes, so every attempt (and an SCA replay) sends the
/// identical body.
#[derive(Clone)]
#[must_use = "a request does nothing until a transport sends it"]
pub struct Request {
    method: Method,
    template: &'static str,
    params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, HeaderVal)>,
    body: Option<(&'static str, Bytes)>,
    read_only: Option<bool>,
    auth: RequestAuth,
    absolute: Option<Url>,
    options: CallOptions,
    credential: bool,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values of params, query and headers may be personal data or
        // secrets: only names are shown.
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.template)
            .field(
                "query",
                &self
                    .query
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.as_ref().map(|(_, b)| b.len()))
            .field("credential_bearing", &self.credential)
            .finish()
    }
}

impl Request {
    /// A request for `template`, relative to the base URL; `{name}`
    /// placeholders are filled by [`Request::param`].
    pub fn new(method: Method, template: &'static str) -> Self {
        Request {
            method,
            template,
            params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            read_only: None,
            auth: RequestAuth::Default,
            absolute: None,
            options: CallOptions::default(),
            credential: false,
        }
    }

    /// A GET request.
    pub fn get(template: &'static str) -> Self {
        Request::new(Method::GET, template)
    }

    /// A POST request.
    pub fn post(template: &'static str) -> Self {
        Request::new(Method::POST, template)
    }

    /// A PUT request.
    pub fn put(template: &'static str) -> Self {
        Request::new(Method::PUT, template)
    }

    /// A PATCH request.
    pub fn patch(template: &'static str) -> Self {
        Request::new(Method::PATCH, template)
    }

    /// A DELETE request.
    pub fn delete(template: &'static str) -> Self {
        Request::new(Method::DELETE, template)
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template, as used in traces.
    pub fn path_template(&self) -> &'static str {
        self.template
    }

    /// The body bytes, if any.
    pub fn body(&self) -> Option<&Bytes> {
        self.body.as_ref().map(|(_, b)| b)
    }

    /// Fills the `{name}` placeholder with `value`, percent-encoded as one
    /// path segment.
    pub fn param(mut self, name: &str, value: impl fmt::Display) -> Self {
        self.params.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl fmt::Display) -> Self {
        self.query.push((key.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter when `value` is set.
    pub fn query_opt(self, key: &str, value: Option<impl fmt::Display>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Adds a query parameter with several values; nothing when empty.
    pub fn query_array<I>(mut self, key: &str, values: I, style: ArrayStyle) -> Self
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        let values: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
        if values.is_empty() {
            return self;
        }
        match style {
            ArrayStyle::Repeated => {
                for v in values {
                    self.query.push((key.to_owned(), v));
                }
            }
            ArrayStyle::Comma => self.query.push((key.to_owned(), values.join(","))),
        }
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers
            .push((name.to_owned(), HeaderVal::Plain(value.into())));
        self
    }

    /// Adds a header whose value is a secret: marked sensitive, never logged.
    pub fn sensitive_header(mut self, name: &str, value: &SecretString) -> Self {
        self.headers
            .push((name.to_owned(), HeaderVal::Secret(value.clone())));
        self
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self> {
        self.body = Some(("application/json", json::to_vec(body)?));
        Ok(self)
    }

    /// Sets a body of any content type.
    pub fn body_bytes(mut self, content_type: &'static str, body: Bytes) -> Self {
        self.body = Some((content_type, body));
        self
    }

    /// Marks a non-GET request as only reading, so it may be retried.
    pub fn read_only(mut self) -> Self {
        self.read_only = Some(true);
        self
    }

    /// Sets an idempotency key, sent in the transport's idempotency header;
    /// a write with a key may be retried.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Marks the answer as credential-bearing (a login, a token grant, a
    /// one-time token): a success body that does not decode, and any
    /// non-success answer, become an [`Error::Auth`] that keeps no part of
    /// the body, so no token can reach an error message, `Debug` output or
    /// log line.
    pub fn credential_bearing(mut self) -> Self {
        self.credential = true;
        self
    }

    /// Overrides the authentication.
    pub fn auth(mut self, auth: RequestAuth) -> Self {
        self.auth = auth;
        self
    }

    /// Sends to this absolute URL instead of the template (next-page links).
    /// It must have the base URL's origin, so credentials never leave it.
    pub fn absolute_url(mut self, url: Url) -> Self {
        self.absolute = Some(url);
        self
    }

    /// Sets per-call options; an idempotency key already set is kept unless
    /// `options` has one.
    pub fn options(mut self, options: CallOptions) -> Self {
        let key = options
            .idempotency_key
            .clone()
            .or(self.options.idempotency_key.take());
        self.options = options;
        self.options.idempotency_key = key;
        self
    }

    fn safety(&self) -> Safety {
        let reads = self.read_only.unwrap_or(matches!(
            self.method,
            Method::GET | Method::HEAD | Method::OPTIONS
        ));
        if reads {
            Safety::Read
        } else if self.options.idempotency_key.is_some() {
            Safety::IdempotentWrite
        } else {
            Safety::UnsafeWrite
        }
    }

    /// Resolves the URL against `base`.
    pub fn url(&self, base: &Url) -> Result<Url> {
        if let Some(url) = &self.absolute {
            if url.origin() != base.origin() {
                return Err(Error::validation(
                    "url",
                    format!(
                        "{} is not on the API's origin",
                        url.origin().ascii_serialization()
                    ),
                ));
            }
            return Ok(url.clone());
        }
        let mut path = String::with_capacity(base.path().len() + self.template.len() + 32);
        path.push_str(base.path());
        let mut rest = self.template.trim_start_matches('/');
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| {
                Error::config(format!("unclosed placeholder in {}", self.template))
            })?;
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let value = self
                .params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| {
                    Error::config(format!("no value for {{{name}}} in {}", self.template))
                })?;
            push_segment(&mut path, name, value)?;
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        let mut url = base.clone();
        // One parse, of the path only: the url crate has no unchecked
        // setter, and joining a relative reference would parse the same
        // characters and read `:` or `?` in a template as syntax.
        url.set_path(&path);
        if url.query().is_some() {
            url.set_query(None);
        }
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        Ok(url)
    }
}

/// Everything but RFC 3986 unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends `value` to `path` as one encoded segment; the encoder yields
/// runs of the input as they are, so an id needs no formatting.
fn push_segment(path: &mut String, name: &str, value: &str) -> Result<()> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::validation(
            name,
            format!("{value:?} is not a valid path segment"),
        ));
    }
    path.extend(utf8_percent_encode(value, SEGMENT));
    Ok(())
}

/// A success response: status, headers and the whole body.
#[derive(Clone)]
pub struct Response {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    request_id: Option<String>,
    idempotency_key: Option<String>,
    credential: bool,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The provider's request id, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The idempotency key the request carried, if any.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// Decodes the body; errors name the JSON path. An empty body (204)
    /// decodes as JSON `null`, so `()` and `Option<T>` accept it.
    ///
    /// The answer of a [credential-bearing](Request::credential_bearing)
    /// request that does not decode is an [`Error::Auth`] with no part of
    /// the body; any other is an [`Error::Decode`] with the start of it.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.is_empty() {
            b"null"
        } else {
            &self.body
        };
        if self.credential {
            return json::decode_credential(body, self.status, self.request_id.as_deref());
        }
        json::decode_with_request_id(body, self.request_id.as_deref())
    }
}

/// Header names that carry a provider's request id, parsed once: a lookup
/// by `&str` would parse and lower-case each name again on every response.
static REQUEST_ID_HEADERS: [HeaderName; 4] = [
    HeaderName::from_static("x-request-id"),
    HeaderName::from_static("request-id"),
    HeaderName::from_static("x-correlation-id"),
    HeaderName::from_static("x-amzn-requestid"),
];

pub(crate) fn request_id_of(headers: &HeaderMap) -> Option<String> {
    if headers.is_empty() {
        return None;
    }
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| headers.get(h))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[derive(Clone)]
struct Inner {
    http: reqwest::Client,
    base_url: Url,
    auth: Arc<dyn Authenticator>,
    error_decoder: Arc<dyn ErrorDecoder>,
    retry: RetryPolicy,
    /// The connect timeout, when this crate built the HTTP client.
    connect_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_response_bytes: usize,
    default_headers: HeaderMap,
    idempotency_header: Option<HeaderName>,
    stream_options: StreamOptions,
}

/// Runs [`Request`]s: one pooled HTTP client, shared by clones.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.inner.base_url.as_str())
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

/// Default cap on a response body: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Configures a [`Transport`].
#[must_use]
pub struct TransportBuilder {
    base_url: Url,
    auth: Arc<dyn Authenticator>,
    error_decoder: Arc<dyn ErrorDecoder>,
    user_agent: String,
    connect_timeout: Duration,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_response_bytes: usize,
    retry: RetryPolicy,
    default_headers: Vec<(String, String)>,
    idempotency_header: Option<String>,
    identity_pem: Option<SecretSlice<u8>>,
    http: Option<reqwest::ClientBuilder>,
    root_certificates: Vec<reqwest::Certificate>,
    allow_insecure_http: bool,
    stream_options: StreamOptions,
}

impl fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("base_url", &self.base_url.as_str())
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

impl TransportBuilder {
    /// Sets the default authenticator.
    pub fn auth(mut self, auth: Arc<dyn Authenticator>) -> Self {
        self.auth = auth;
        self
    }

    /// Sets how error bodies are read.
    pub fn error_decoder(mut self, decoder: Arc<dyn ErrorDecoder>) -> Self {
        self.error_decoder = decoder;
        self
    }

    /// Sets the user agent.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets the connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the timeout of one attempt, body included (default 60 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Sets the timeout of a whole call, retries included (default none
    /// beyond the retry policy's elapsed budget).
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// Caps the size of a response body (default 32 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sets the retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Adds a header sent with every request.
    pub fn default_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.default_headers.push((name.to_owned(), value.into()));
        self
    }

    /// Declares that the API deduplicates writes on this header
    /// (`Idempotency-Key`, ...): a write that carries a key is sent with it
    /// and may be retried like a read.
    ///
    /// Off by default: a key would make the transport resend a write, which
    /// is safe only where the server deduplicates. Without this, a request
    /// with a key fails validation before anything is sent.
    pub fn idempotency_header(mut self, name: &str) -> Self {
        self.idempotency_header = Some(name.to_owned());
        self
    }

    /// Declares that the API documents no idempotency key (the default). A
    /// request that carries one is then refused before sending: the key
    /// would make the transport resend a write the server cannot
    /// deduplicate.
    pub fn without_idempotency_keys(mut self) -> Self {
        self.idempotency_header = None;
        self
    }

    /// Presents this PEM client certificate and key (mutual TLS).
    /// The PEM holds a private key: it is kept as a secret (zeroed on drop,
    /// never printed).
    pub fn identity_pem(mut self, pem: &[u8]) -> Self {
        self.identity_pem = Some(SecretSlice::from(pem.to_vec()));
        self
    }

    /// Builds the HTTP client from this `reqwest::ClientBuilder` (proxies,
    /// local address, pool settings, root certificates, ...). The
    /// transport's guarantees are set on top of it: redirects are never
    /// followed, rustls is the TLS stack, and the connect timeout, user
    /// agent and identity are the ones set here.
    pub fn http_client_builder(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http = Some(builder);
        self
    }

    /// Trusts this root certificate besides the built-in ones.
    pub fn add_root_certificate(mut self, certificate: reqwest::Certificate) -> Self {
        self.root_certificates.push(certificate);
        self
    }

    /// Allows plain `http://` to a host other than loopback (see
    /// [`check_base_url`]).
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
    }

    /// Sets the caps and prefetch setting of the client's streams
    /// (default [`StreamOptions::default`]).
    pub fn stream_options(mut self, options: StreamOptions) -> Self {
        self.stream_options = options;
        self
    }

    /// Validates the configuration and builds the transport. Needs no
    /// running runtime and starts no task.
    ///
    /// Refuses, as [`Error::Config`]: a base URL [`check_base_url`]
    /// refuses, a zero timeout, an invalid header or client identity.
    pub fn build(self) -> Result<Transport> {
        check_base_url(&self.base_url, self.allow_insecure_http)?;
        settings::check_timeout("connect", Some(self.connect_timeout))?;
        settings::check_timeout("attempt", self.attempt_timeout)?;
        settings::check_timeout("total", self.total_timeout)?;
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            default_headers.insert(header_name(name)?, header_value(name, value)?);
        }
        // The SDK sets the connect timeout on every client, the integrator's
        // builder included, so a connect timeout is always reported as such.
        let connect_timeout = Some(self.connect_timeout);
        let mut b = self
            .http
            .unwrap_or_default()
            .use_rustls_tls()
            // Redirects are never followed: a token or a write must not be
            // replayed to another location.
            .redirect(redirect::Policy::none())
            .connect_timeout(self.connect_timeout)
            .user_agent(header_value("user-agent", &self.user_agent)?);
        for certificate in self.root_certificates {
            b = b.add_root_certificate(certificate);
        }
        if let Some(pem) = &self.identity_pem {
            let id = reqwest::Identity::from_pem(pem.expose_secret())
                .map_err(|e| Error::config(format!("invalid client identity: {e}")))?;
            b = b.identity(id);
        }
        let http = b
            .build()
            .map_err(|e| Error::config(format!("cannot build HTTP client: {e}")))?;
        Ok(Transport {
            inner: Arc::new(Inner {
                http,
                base_url: with_trailing_slash(self.base_url),
                auth: self.auth,
                error_decoder: self.error_decoder,
                retry: self.retry,
                connect_timeout,
                attempt_timeout: self.attempt_timeout,
                total_timeout: self.total_timeout,
                max_response_bytes: self.max_response_bytes,
                default_headers,
                idempotency_header: self
                    .idempotency_header
                    .as_deref()
                    .map(header_name)
                    .transpose()?,
                stream_options: self.stream_options,
            }),
        })
    }
}

fn header_name(name: &str) -> Result<HeaderName> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::config(format!("invalid header name {name:?}")))
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(value)
        .map_err(|_| Error::validation(name, "header value has characters HTTP does not allow"))
}

/// What one attempt produced.
enum AttemptResult {
    Done(Response),
    Failed(Failure, Error),
    /// 401 from the API.
    Unauthorized(Error),
}

/// The deadline one attempt (or one token fetch) runs under: the attempt
/// timeout, or what is left of the call's total timeout when that is
/// sooner.
#[derive(Debug, Clone, Copy)]
struct Budget {
    /// When the call started.
    started: Instant,
    /// When this attempt must be over; `None` when nothing bounds it.
    deadline: Option<Instant>,
    /// Which limit sets the deadline.
    kind: TimeoutKind,
    /// How long that limit is.
    limit: Option<Duration>,
}

impl Budget {
    fn expired(&self) -> bool {
        self.deadline.is_some_and(|d| d <= Instant::now())
    }

    /// The error for this deadline passing, with the time since the call
    /// started.
    fn timeout(&self) -> Error {
        Error::Timeout(TimeoutError::new(
            self.kind,
            self.limit,
            self.started.elapsed(),
        ))
    }

    /// Runs `fut`, or fails with a timeout once the deadline passes.
    async fn run<T>(&self, fut: impl Future<Output = Result<T>>) -> Result<T> {
        match self.deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), fut)
                .await
                .unwrap_or_else(|_| Err(self.timeout())),
            None => fut.await,
        }
    }
}

/// What an [`Authenticator`] or [`TokenSource`](crate::auth::TokenSource)
/// fetches credentials with: the transport's HTTP client, error decoder and
/// response size cap, under the deadline of the call that needs them.
///
/// A token fetch is one attempt of its call: it must end before the attempt
/// timeout, and before the call's total timeout when that comes first. The
/// transport enforces this around every authenticator; [`send`](Self::send)
/// and [`within`](Self::within) give a fetch the same bound, and the typed
/// error, from the inside.
pub struct AuthContext<'a> {
    inner: &'a Inner,
    budget: Budget,
}

impl fmt::Debug for AuthContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthContext")
            .field("base_url", &self.inner.base_url.as_str())
            .field("remaining", &self.remaining())
            .finish()
    }
}

impl AuthContext<'_> {
    /// The pooled HTTP client (no redirects), for credential schemes that
    /// cannot be described as a [`Request`]. Prefer [`send`](Self::send),
    /// which applies the deadline and the size cap.
    pub fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The transport's base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// How long the fetch may still take; `None` when nothing bounds it.
    pub fn remaining(&self) -> Option<Duration> {
        self.budget
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// Runs `fut` under this context's deadline: its result, or an
    /// [`Error::Timeout`] naming the limit once the deadline passes.
    pub async fn within<T>(&self, fut: impl Future<Output = Result<T>>) -> Result<T> {
        self.budget.run(fut).await
    }

    /// Sends a credential request (a token grant, a login) once: under the
    /// call's deadline, with the transport's default headers and size cap,
    /// and never retried. The answer is
    /// [credential-bearing](Request::credential_bearing): a non-success
    /// status is an [`Error::Auth`] with the status, the provider's code
    /// and the request id, and a body that does not decode is one too.
    ///
    /// A path template resolves against the transport's base URL; an
    /// [absolute URL](Request::absolute_url) (a token endpoint on another
    /// host) is used as given, since the transport's own credentials are
    /// never added here. An authenticator set with
    /// [`RequestAuth::With`] is applied (a key that fetches a one-time
    /// token); [`RequestAuth::Default`] counts as none.
    pub async fn send(&self, request: Request) -> Result<Response> {
        let span = tracing::info_span!(
            "banking.request",
            method = %request.method,
            path = request.template,
            credential = true,
            status = tracing::field::Empty,
        );
        self.send_inner(request).instrument(span).await
    }

    async fn send_inner(&self, request: Request) -> Result<Response> {
        let request = request.credential_bearing();
        let url = match &request.absolute {
            Some(url) => url.clone(),
            None => request.url(&self.inner.base_url)?,
        };
        let mut headers = self.inner.headers(&request)?;
        if let RequestAuth::With(auth) = &request.auth {
            auth.apply(self, &mut headers).await?;
            mark_sensitive(&mut headers);
        }
        if self.budget.expired() {
            return Err(self.budget.timeout());
        }
        let result = match self
            .inner
            .attempt(&request, &url, headers, &self.budget)
            .await
        {
            AttemptResult::Done(response) => Ok(response),
            AttemptResult::Failed(_, error) | AttemptResult::Unauthorized(error) => Err(error),
        };
        if let Some(status) = result
            .as_ref()
            .map_or_else(Error::status, |r| Some(r.status))
        {
            tracing::Span::current().record("status", status);
        }
        result
    }
}

impl Transport {
    /// A builder for a transport to `base_url`.
    pub fn builder(base_url: Url) -> TransportBuilder {
        TransportBuilder {
            base_url,
            auth: Arc::new(NoAuth),
            error_decoder: Arc::new(GenericErrorDecoder),
            user_agent: concat!("banking-core/", env!("CARGO_PKG_VERSION")).to_owned(),
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Some(Duration::from_secs(60)),
            total_timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
            default_headers: Vec::new(),
            idempotency_header: None,
            identity_pem: None,
            http: None,
            root_certificates: Vec::new(),
            allow_insecure_http: false,
            stream_options: StreamOptions::default(),
        }
    }

    /// The base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The pooled HTTP client.
    pub fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The caps and prefetch setting a provider client applies to its
    /// streams.
    pub fn stream_options(&self) -> &StreamOptions {
        &self.inner.stream_options
    }

    /// The context for fetching a token outside any call (to log in
    /// eagerly): the transport's attempt and total timeouts, from now.
    pub fn auth_context(&self) -> AuthContext<'_> {
        AuthContext {
            inner: &self.inner,
            budget: self.inner.budget(Instant::now(), self.inner.total_timeout),
        }
    }

    /// The same transport (pool, auth, policies) for another base URL.
    pub fn with_base_url(&self, base_url: Url) -> Transport {
        let mut inner = (*self.inner).clone();
        inner.base_url = with_trailing_slash(base_url);
        Transport {
            inner: Arc::new(inner),
        }
    }

    /// The same transport with another default authenticator.
    pub fn with_auth(&self, auth: Arc<dyn Authenticator>) -> Transport {
        let mut inner = (*self.inner).clone();
        inner.auth = auth;
        Transport {
            inner: Arc::new(inner),
        }
    }

    /// Sends `request` and decodes a success body as `T`.
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        self.send(request).await?.json()
    }

    /// Sends `request` with auth, retry and error mapping. Any 2xx status is
    /// a success; the caller tells 200, 201, 202 and 203 apart.
    pub async fn send(&self, request: Request) -> Result<Response> {
        let span = tracing::info_span!(
            "banking.request",
            method = %request.method,
            path = request.template,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.send_inner(request).instrument(span).await
    }

    async fn send_inner(&self, request: Request) -> Result<Response> {
        let inner = &*self.inner;
        let url = request.url(&inner.base_url)?;
        // Built (and validated) before anything is sent; the first attempt
        // takes this map, a later one builds its own.
        let mut headers = Some(inner.headers(&request)?);
        let auth = match &request.auth {
            RequestAuth::Default => Some(inner.auth.clone()),
            RequestAuth::None => None,
            RequestAuth::With(a) => Some(a.clone()),
        };
        let policy = request.options.retry.unwrap_or(inner.retry);
        let total = request.options.timeout.or(inner.total_timeout);
        let safety = request.safety();
        let started = Instant::now();
        let mut attempt = 0u32;
        let mut reauthenticated = false;
        loop {
            attempt += 1;
            let mut attempt_headers = match headers.take() {
                Some(headers) => headers,
                None => inner.headers(&request)?,
            };
            if let Some(auth) = &auth {
                // The token fetch is bounded like an attempt, and counts
                // against the call's total deadline.
                let context = AuthContext {
                    inner,
                    budget: inner.budget(started, total),
                };
                context
                    .within(auth.apply(&context, &mut attempt_headers))
                    .await?;
                mark_sensitive(&mut attempt_headers);
            }
            let budget = inner.budget(started, total);
            if budget.expired() {
                return Err(budget.timeout());
            }
            let outcome = inner
                .attempt(&request, &url, attempt_headers, &budget)
                .await;
            let (failure, error) = match outcome {
                AttemptResult::Done(response) => {
                    let span = tracing::Span::current();
                    span.record("status", response.status);
                    span.record("attempts", attempt);
                    span.record("latency_ms", started.elapsed().as_millis() as u64);
                    if let Some(id) = &response.request_id {
                        span.record("request_id", id.as_str());
                    }
                    return Ok(response);
                }
                AttemptResult::Unauthorized(error) => {
                    // A 401 is an answer before any effect, so even a write
                    // may be sent again once, with fresh credentials.
                    match &auth {
                        Some(a) if !reauthenticated && a.retry_on_unauthorized() => {
                            tracing::debug!("401: invalidating credentials and retrying once");
                            a.invalidate();
                            reauthenticated = true;
                            attempt -= 1;
                            continue;
                        }
                        _ => return Err(finish(error, &request, attempt, started)),
                    }
                }
                AttemptResult::Failed(failure, error) => {
                    // Some APIs refuse an expired token with another status
                    // than 401; that too is an answer before any effect.
                    if let (Failure::Status { status, .. }, Some(a)) = (&failure, &auth)
                        && !reauthenticated
                        && a.retry_on_unauthorized()
                        && a.refused_with().contains(status)
                    {
                        tracing::debug!(
                            status,
                            "credentials refused: invalidating and retrying once"
                        );
                        a.invalidate();
                        reauthenticated = true;
                        attempt -= 1;
                        continue;
                    }
                    (failure, error)
                }
            };
            let decision = retry::decide(
                &policy,
                &Attempt {
                    safety,
                    failure,
                    attempt,
                    elapsed: started.elapsed(),
                    jitter: fastrand::f64(),
                },
            );
            match decision {
                Decision::RetryAfter(wait) => {
                    if let Some(total) = total
                        && started.elapsed() + wait >= total
                    {
                        return Err(finish(error, &request, attempt, started));
                    }
                    tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                }
                Decision::GiveUp => return Err(finish(error, &request, attempt, started)),
                Decision::OutcomeUnknown => {
                    let timed_out = error.is_timeout();
                    return Err(Error::OutcomeUnknown(Box::new(OutcomeUnknown {
                        method: request.method.to_string(),
                        path: request.template.to_owned(),
                        reason: error.to_string(),
                        timed_out,
                        idempotency_key: request.options.idempotency_key.clone(),
                        status: error.status(),
                    })));
                }
            }
        }
    }
}

fn finish(mut error: Error, request: &Request, attempts: u32, started: Instant) -> Error {
    let span = tracing::Span::current();
    span.record("attempts", attempts);
    span.record("latency_ms", started.elapsed().as_millis() as u64);
    if let Some(status) = error.status() {
        span.record("status", status);
    }
    if let Error::Api(api) = &mut error {
        api.idempotency_key = request.options.idempotency_key.clone();
    }
    error
}

impl Inner {
    /// The headers of `request` before credentials: the transport's
    /// defaults, the call's extra headers, the request's own (secret ones
    /// marked sensitive), the content type and the idempotency key, each
    /// replacing the one before.
    fn headers(&self, request: &Request) -> Result<HeaderMap> {
        let mut headers = self.default_headers.clone();
        for (name, value) in &request.options.headers {
            headers.insert(header_name(name)?, header_value(name, value)?);
        }
        for (name, value) in &request.headers {
            let hv = match value {
                HeaderVal::Plain(v) => header_value(name, v)?,
                HeaderVal::Secret(s) => {
                    let mut hv = header_value(name, s.expose_secret())?;
                    hv.set_sensitive(true);
                    hv
                }
            };
            headers.insert(header_name(name)?, hv);
        }
        if let Some((content_type, _)) = &request.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        if let Some(key) = &request.options.idempotency_key {
            let Some(name) = &self.idempotency_header else {
                return Err(Error::validation(
                    "idempotency_key",
                    "this API documents no idempotency key; a keyed write could be applied twice if resent",
                ));
            };
            headers.insert(name.clone(), header_value("idempotency_key", key)?);
        }
        Ok(headers)
    }

    /// The deadline of an attempt starting now, in a call that started at
    /// `started` with the total timeout `total`.
    fn budget(&self, started: Instant, total: Option<Duration>) -> Budget {
        let now = Instant::now();
        let attempt_end = self.attempt_timeout.and_then(|t| now.checked_add(t));
        let total_end = total.and_then(|t| started.checked_add(t));
        match (attempt_end, total_end) {
            (Some(a), Some(t)) if a < t => Budget {
                started,
                deadline: Some(a),
                kind: TimeoutKind::Attempt,
                limit: self.attempt_timeout,
            },
            (_, Some(t)) => Budget {
                started,
                deadline: Some(t),
                kind: TimeoutKind::Total,
                limit: total,
            },
            (a, None) => Budget {
                started,
                deadline: a,
                kind: TimeoutKind::Attempt,
                limit: self.attempt_timeout,
            },
        }
    }

    async fn attempt(
        &self,
        request: &Request,
        url: &Url,
        headers: HeaderMap,
        budget: &Budget,
    ) -> AttemptResult {
        // Built directly rather than through a `RequestBuilder`, so the
        // header map is moved in, not copied entry by entry.
        let mut http_request = reqwest::Request::new(request.method.clone(), url.clone());
        *http_request.headers_mut() = headers;
        if let Some((_, body)) = &request.body {
            *http_request.body_mut() = Some(body.clone().into());
        }
        let classify = |e| classify(e, budget.started, self.connect_timeout);
        let run = async {
            let mut response = self.http.execute(http_request).await.map_err(classify)?;
            let status = response.status().as_u16();
            // The body is read without them, so the headers are moved out,
            // not copied.
            let headers = std::mem::take(response.headers_mut());
            let body = read_capped(response, self.max_response_bytes, classify).await?;
            Ok::<_, (Failure, Error)>((status, headers, body))
        };
        let outcome = match budget.deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), run).await,
            None => Ok(run.await),
        };
        let (status, headers, body) = match outcome {
            Err(_) => {
                return AttemptResult::Failed(
                    Failure::AfterSend { timed_out: true },
                    budget.timeout(),
                );
            }
            Ok(Err((failure, error))) => return AttemptResult::Failed(failure, error),
            Ok(Ok(parts)) => parts,
        };
        let request_id = request_id_of(&headers);
        if (200..300).contains(&status) {
            return AttemptResult::Done(Response {
                status,
                headers,
                body,
                request_id,
                idempotency_key: request.options.idempotency_key.clone(),
                credential: request.credential,
            });
        }
        let retry_after = retry::parse_retry_after(&headers, SystemTime::now());
        let error = if request.credential {
            // A credential endpoint's body is never kept, whatever its status.
            Error::Auth(Box::new(AuthError::from_response(
                status,
                &headers,
                &body,
                self.error_decoder.as_ref(),
            )))
        } else {
            Error::Api(Box::new(ApiError::from_response(
                status,
                headers,
                body,
                self.error_decoder.as_ref(),
            )))
        };
        if status == 401 {
            return AttemptResult::Unauthorized(error);
        }
        AttemptResult::Failed(
            Failure::Status {
                status,
                retry_after,
            },
            error,
        )
    }
}

fn mark_sensitive(headers: &mut HeaderMap) {
    if let Some(v) = headers.get_mut(AUTHORIZATION) {
        v.set_sensitive(true);
    }
}

/// Maps a reqwest error to a retry failure class and an SDK error; timeouts
/// are timed from `started`.
fn classify(
    e: reqwest::Error,
    started: Instant,
    connect_timeout: Option<Duration>,
) -> (Failure, Error) {
    // The URL is left out of messages: query strings may carry personal data.
    let e = e.without_url();
    if e.is_connect() {
        let error = if e.is_timeout() {
            Error::Timeout(TimeoutError::new(
                TimeoutKind::Connect,
                connect_timeout,
                started.elapsed(),
            ))
        } else {
            Error::Transport(TransportError::new(
                "could not connect",
                true,
                Some(Box::new(e)),
            ))
        };
        return (Failure::Connect, error);
    }
    let timed_out = e.is_timeout();
    let error = if timed_out {
        // Only a caller's own HTTP client sets reqwest timeouts.
        Error::Timeout(TimeoutError::new(
            TimeoutKind::Attempt,
            None,
            started.elapsed(),
        ))
    } else {
        Error::Transport(TransportError::new(
            "connection failed after the request was sent",
            false,
            Some(Box::new(e)),
        ))
    };
    (Failure::AfterSend { timed_out }, error)
}

async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
    classify: impl Fn(reqwest::Error) -> (Failure, Error),
) -> std::result::Result<Bytes, (Failure, Error)> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err((
            Failure::Status {
                status: response.status().as_u16(),
                retry_after: None,
            },
            Error::ResponseTooLarge { limit },
        ));
    }
    if response.content_length().is_some() {
        // The length is known and within the cap: one read, no copy.
        return response.bytes().await.map_err(classify);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(&classify)? {
        if body.len() + chunk.len() > limit {
            return Err((
                Failure::Status {
                    status: response.status().as_u16(),
                    retry_after: None,
                },
                Error::ResponseTooLarge { limit },
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        "https://api.example.com/v2/".parse().unwrap()
    }

    #[test]
    fn path_params_cannot_change_the_path() {
        let url = Request::get("/api/partner/transactions/{id}")
            .param("id", "../admin")
            .url(&base())
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://api.example.com/v2/api/partner/transactions/..%2Fadmin"
        );
        let url = Request::get("/items/{id}/detail")
            .param("id", "a/b?c")
            .url(&base())
            .unwrap();
        assert_eq!(url.path(), "/v2/items/a%2Fb%3Fc/detail");
        assert_eq!(url.query(), None);
        let url = Request::get("/items/{id}")
            .param("id", "x#y%z é")
            .url(&base())
            .unwrap();
        assert_eq!(url.path(), "/v2/items/x%23y%25z%20%C3%A9");
    }

    #[test]
    fn dot_segments_and_empty_ids_are_rejected() {
        for bad in ["", ".", ".."] {
            let err = Request::get("/items/{id}")
                .param("id", bad)
                .url(&base())
                .unwrap_err();
            assert!(err.is_validation(), "{bad:?}: {err}");
        }
    }

    #[test]
    fn unfilled_placeholder_is_a_config_error() {
        let err = Request::get("/items/{id}").url(&base()).unwrap_err();
        assert!(matches!(err, Error::Config(_)));
    }

    #[test]
    fn query_arrays_repeated_and_comma() {
        let url = Request::get("/t")
            .query_array("status", ["APPROVED", "DECLINED"], ArrayStyle::Repeated)
            .query_array("types", ["A", "B"], ArrayStyle::Comma)
            .query_array("none", Vec::<String>::new(), ArrayStyle::Repeated)
            .query_opt("page", Some(2))
            .query_opt("size", None::<u32>)
            .query("q", "a b&c")
            .url(&base())
            .unwrap();
        assert_eq!(
            url.query(),
            Some("status=APPROVED&status=DECLINED&types=A%2CB&page=2&q=a+b%26c")
        );
    }

    #[test]
    fn absolute_url_must_keep_the_origin() {
        let ok = Request::get("/ignored")
            .absolute_url("https://api.example.com/v2/next?offset=2".parse().unwrap())
            .url(&base())
            .unwrap();
        assert_eq!(ok.as_str(), "https://api.example.com/v2/next?offset=2");
        let err = Request::get("/ignored")
            .absolute_url("https://evil.example.net/steal".parse().unwrap())
            .url(&base())
            .unwrap_err();
        assert!(err.is_validation());
    }

    #[test]
    fn environments_resolve() {
        let e = Environment::Sandbox
            .resolve("https://sb.example.com/api", "https://example.com")
            .unwrap();
        assert_eq!(e.as_str(), "https://sb.example.com/api/");
        let e = Environment::Production
            .resolve("https://sb.example.com", "https://example.com")
            .unwrap();
        assert_eq!(e.as_str(), "https://example.com/");
        let custom = Environment::Custom("http://127.0.0.1:9000/mock".parse().unwrap());
        assert_eq!(
            custom.resolve("x", "y").unwrap().as_str(),
            "http://127.0.0.1:9000/mock/"
        );
        assert!(Environment::Sandbox.resolve("not a url", "y").is_err());
    }

    #[test]
    fn host_templates_reject_injection() {
        let ok =
            base_url_template("https://{tenant}.lynks.lu/api/", &[("tenant", "acme-1")]).unwrap();
        assert_eq!(ok.host_str(), Some("acme-1.lynks.lu"));
        for bad in ["evil.com#", "a.b", "x/y", "", "a@b", "a:1", "a_b"] {
            assert!(
                base_url_template("https://{tenant}.lynks.lu/", &[("tenant", bad)]).is_err(),
                "{bad:?}"
            );
        }
        assert!(base_url_template("https://{tenant}.lynks.lu/", &[]).is_err());
    }

    #[test]
    fn safety_classes() {
        assert_eq!(Request::get("/x").safety(), Safety::Read);
        assert_eq!(Request::post("/x").safety(), Safety::UnsafeWrite);
        assert_eq!(Request::post("/x").read_only().safety(), Safety::Read);
        assert_eq!(
            Request::post("/x").idempotency_key("k").safety(),
            Safety::IdempotentWrite
        );
        assert_eq!(
            Request::delete("/x")
                .options(CallOptions::new().idempotency_key("k"))
                .safety(),
            Safety::IdempotentWrite
        );
    }

    #[test]
    fn debug_hides_values() {
        let secret = SecretString::from("s3cr3t-token");
        let r = Request::get("/x/{id}")
            .param("id", "private-id")
            .query("iban", "FR7630006000011234567890189")
            .sensitive_header("flinks-auth-key", &secret)
            .header("x-plain", "plain-value");
        let dbg = format!("{r:?}");
        for hidden in [
            "s3cr3t-token",
            "private-id",
            "FR7630006000011234567890189",
            "plain-value",
        ] {
            assert!(!dbg.contains(hidden), "{dbg}");
        }
        assert!(dbg.contains("flinks-auth-key"));
    }
}
