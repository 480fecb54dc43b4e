//! Credentials: token sources, a single-flight token cache, and the
//! authenticators that put credentials on requests.
//!
//! A [`TokenSource`] fetches a fresh token (OAuth2 client credentials,
//! password or refresh-token grants, or a provider's own login). A
//! [`TokenCache`] makes it lazy and single-flight: however many calls need a
//! token at once, one request is made; the token is refreshed ahead of its
//! expiry with jitter, and a failed refresh keeps a token that is still valid.
//! [`BearerAuth`] puts the cached token on each request and, on a 401, drops
//! it so the call is retried once with a new one. [`SingleUse`] fetches a
//! fresh token for every request, for providers whose tokens serve once.
//!
//! Token requests run under the deadline of the call that needs them (see
//! [`AuthContext`]): one attempt, bounded by the attempt timeout and by what
//! is left of the call's total timeout, with the response size cap. A
//! caller waiting for another caller's fetch waits within its own deadline;
//! when that fetch is refused, every caller waiting for it gets the same
//! [`Error::Auth`] rather than sending a request of its own. The next call
//! fetches again, so a client recovers as soon as the endpoint does. Token
//! answers are [credential-bearing](crate::transport::Request::credential_bearing):
//! no part of one ever reaches an error, `Debug` output or log.
//!
//! ```
//! use std::sync::Arc;
//! use banking_core::auth::{BearerAuth, ClientCredentials};
//! use banking_core::transport::Transport;
//! use secrecy::SecretString;
//!
//! # fn demo() -> banking_core::Result<()> {
//! let source = ClientCredentials::new(
//!     "https://auth.example.com/oauth/token".parse().unwrap(),
//!     "my-client",
//!     SecretString::from("my-secret"),
//! )
//! .scope("accounts payments");
//! let transport = Transport::builder("https://api.example.com/".parse().unwrap())
//!     .auth(BearerAuth::new(source))
//!     .build()?;
//! # let _ = transport; Ok(()) }
//! ```

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use futures::FutureExt;
use futures::future::BoxFuture;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

use crate::error::{AuthError, Error, Result};
pub use crate::transport::AuthContext;
use crate::transport::Request;

/// A fetched access token.
#[derive(Clone)]
#[non_exhaustive]
pub struct Token {
    /// The access token.
    pub access_token: SecretString,
    /// How long it is valid from the moment it was fetched; `None` when the
    /// provider does not say (it is then used until a 401).
    pub expires_in: Option<Duration>,
    /// A refresh token, when the grant returned one.
    pub refresh_token: Option<SecretString>,
    /// The token type (`Bearer`).
    pub token_type: Option<String>,
    /// The granted scope.
    pub scope: Option<String>,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"[REDACTED]")
            .field("expires_in", &self.expires_in)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("token_type", &self.token_type)
            .field("scope", &self.scope)
            .finish()
    }
}

impl Token {
    /// A token with no known expiry.
    pub fn new(access_token: SecretString) -> Self {
        Token {
            access_token,
            expires_in: None,
            refresh_token: None,
            token_type: None,
            scope: None,
        }
    }

    /// Sets the lifetime.
    pub fn with_expires_in(mut self, expires_in: Duration) -> Self {
        self.expires_in = Some(expires_in);
        self
    }

    /// Sets the lifetime from an absolute expiry (a JWT's `exp`).
    pub fn with_expires_at(mut self, at: DateTime<Utc>) -> Self {
        self.expires_in = Some((at - Utc::now()).to_std().unwrap_or(Duration::ZERO));
        self
    }

    /// Sets the refresh token.
    pub fn with_refresh_token(mut self, refresh_token: Option<SecretString>) -> Self {
        self.refresh_token = refresh_token;
        self
    }
}

/// Fetches a fresh token; no caching (wrap it in a [`TokenCache`] or
/// [`BearerAuth`]).
pub trait TokenSource: Send + Sync + fmt::Debug + 'static {
    /// Requests a new token through `context`
    /// ([`AuthContext::send`]: the call's deadline, the size cap, no
    /// redirects).
    fn fetch<'a>(&'a self, context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>>;
}

/// Puts credentials on a request.
pub trait Authenticator: Send + Sync + fmt::Debug + 'static {
    /// Adds the credentials to `headers`; any request it needs goes through
    /// `context`, under the deadline of the call.
    fn apply<'a>(
        &'a self,
        context: &'a AuthContext<'a>,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>>;

    /// Drops cached credentials after the API answered 401.
    fn invalidate(&self) {}

    /// Whether a 401 should drop the credentials and retry the call once.
    fn retry_on_unauthorized(&self) -> bool {
        false
    }

    /// Statuses besides 401 with which the API refuses expired or invalid
    /// credentials (Flinks Outbound answers an expired token with 400).
    /// Where [`retry_on_unauthorized`](Self::retry_on_unauthorized) holds,
    /// these too drop the credentials and retry the call once: a refusal
    /// is an answer before any effect.
    fn refused_with(&self) -> &[u16] {
        &[]
    }
}

/// When to refresh a token ahead of its expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshPolicy {
    /// Refresh this long before expiry (at most half the lifetime).
    pub ahead: Duration,
    /// Plus a random extra of up to this much, so many clients do not refresh
    /// at the same instant (at most a tenth of the lifetime).
    pub jitter: Duration,
    /// A token closer than this to its expiry is not used.
    pub margin: Duration,
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        RefreshPolicy {
            ahead: Duration::from_secs(60),
            jitter: Duration::from_secs(30),
            margin: Duration::from_secs(5),
        }
    }
}

/// A cached token, shared by every call that uses it, with its
/// `Authorization: Bearer` value built (and checked) once, on first use.
struct Credential {
    token: SecretString,
    /// `None` once built when the token has characters headers refuse.
    bearer: OnceLock<Option<HeaderValue>>,
}

impl Credential {
    fn new(token: SecretString) -> Arc<Self> {
        Arc::new(Credential {
            token,
            bearer: OnceLock::new(),
        })
    }

    /// The sensitive `Bearer <token>` header value; cloning it shares the
    /// bytes.
    fn bearer(&self) -> Result<HeaderValue> {
        self.bearer
            .get_or_init(|| bearer(&self.token).ok())
            .clone()
            .ok_or_else(invalid_credential)
    }
}

#[derive(Clone)]
struct Cached {
    credential: Arc<Credential>,
    fetched_at: Instant,
    expires_at: Option<Instant>,
    refresh_at: Option<Instant>,
}

impl Cached {
    fn fresh(&self, now: Instant) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }

    fn usable(&self, now: Instant, margin: Duration) -> bool {
        self.expires_at.is_none_or(|at| now + margin < at)
    }
}

type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

/// A lazy, single-flight cache over a [`TokenSource`].
pub struct TokenCache<S> {
    source: S,
    policy: RefreshPolicy,
    current: RwLock<Option<Cached>>,
    refreshing: tokio::sync::Mutex<()>,
    fetches: AtomicU64,
    /// Fetches that ended with a token or a refusal; a waiter that sees it
    /// move knows the fetch it waited for is over.
    settled: AtomicU64,
    /// The refusal of the latest settled fetch, shared with its waiters.
    refused: Mutex<Option<AuthError>>,
    clock: Clock,
}

impl<S: TokenSource> fmt::Debug for TokenCache<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("source", &self.source)
            .field("fetches", &self.fetches.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl<S: TokenSource> TokenCache<S> {
    /// A cache over `source` with the default refresh policy.
    pub fn new(source: S) -> Self {
        TokenCache {
            source,
            policy: RefreshPolicy::default(),
            current: RwLock::new(None),
            refreshing: tokio::sync::Mutex::new(()),
            fetches: AtomicU64::new(0),
            settled: AtomicU64::new(0),
            refused: Mutex::new(None),
            clock: Arc::new(Instant::now),
        }
    }

    /// Sets the refresh policy.
    pub fn with_policy(mut self, policy: RefreshPolicy) -> Self {
        self.policy = policy;
        self
    }

    #[cfg(test)]
    fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The token source.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// How many tokens have been fetched.
    pub fn fetch_count(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }

    /// Drops the cached token; the next call fetches a new one.
    pub fn invalidate(&self) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The cached entry; cloning it shares the token rather than copying
    /// the secret.
    fn snapshot(&self) -> Option<Cached> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// A valid token: cached, or fetched by exactly one of the callers.
    ///
    /// Waiting for another caller's fetch and fetching both end by
    /// `context`'s deadline, with an [`Error::Timeout`]; a refusal of the
    /// fetch this caller waited for is its [`Error::Auth`] too.
    pub async fn token(&self, context: &AuthContext<'_>) -> Result<SecretString> {
        self.credential(context)
            .await
            .map(|credential| credential.token.clone())
    }

    /// [`token`](Self::token), shared rather than copied.
    async fn credential(&self, context: &AuthContext<'_>) -> Result<Arc<Credential>> {
        let now = (self.clock)();
        if let Some(c) = self.snapshot() {
            if c.fresh(now) {
                return Ok(c.credential);
            }
            if c.usable(now, self.policy.margin) {
                // Due for refresh but still valid: one caller refreshes, the
                // others keep using the current token meanwhile.
                let Ok(_guard) = self.refreshing.try_lock() else {
                    return Ok(c.credential);
                };
                return self.refresh(context, None).await;
            }
        }
        let settled = self.settled.load(Ordering::Acquire);
        let _guard = context.within(self.refreshing.lock().map(Ok)).await?;
        self.refresh(context, Some(settled)).await
    }

    /// Fetches under the single-flight lock, unless a caller that held the
    /// lock before already did: its token is used, or, when the caller
    /// waited for it (`waited_since` is the settled count it saw), its
    /// refusal is returned.
    async fn refresh(
        &self,
        context: &AuthContext<'_>,
        waited_since: Option<u64>,
    ) -> Result<Arc<Credential>> {
        let previous = self.snapshot();
        if let Some(c) = previous.as_ref().filter(|c| c.fresh((self.clock)())) {
            return Ok(c.credential.clone());
        }
        if let Some(seen) = waited_since
            && self.settled.load(Ordering::Acquire) != seen
            && let Some(refusal) = self
                .refused
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
        {
            return Err(Error::Auth(Box::new(refusal)));
        }
        self.fetches.fetch_add(1, Ordering::Relaxed);
        let result = match context.within(self.source.fetch(context)).await {
            // A timeout or a broken connection is this caller's: the others
            // try within their own deadlines.
            Err(e) if !matches!(e, Error::Auth(_)) => return self.fall_back(previous, Err(e)),
            result => result,
        };
        let refusal = match &result {
            Err(Error::Auth(refusal)) => Some((**refusal).clone()),
            _ => None,
        };
        *self.refused.lock().unwrap_or_else(|e| e.into_inner()) = refusal;
        let result = result.map(|token| {
            let cached = self.cache_entry(token);
            let credential = cached.credential.clone();
            *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(cached);
            credential
        });
        self.settled.fetch_add(1, Ordering::Release);
        self.fall_back(previous, result)
    }

    /// The fetched token, or on failure the previous one while it is valid.
    fn fall_back(
        &self,
        previous: Option<Cached>,
        result: Result<Arc<Credential>>,
    ) -> Result<Arc<Credential>> {
        match result {
            Ok(credential) => Ok(credential),
            Err(e) => match previous.filter(|c| c.usable((self.clock)(), self.policy.margin)) {
                Some(c) => {
                    tracing::warn!(error = %e, "token refresh failed; using the still-valid token");
                    Ok(c.credential)
                }
                None => Err(e),
            },
        }
    }

    fn cache_entry(&self, token: Token) -> Cached {
        let now = (self.clock)();
        let (expires_at, refresh_at) = match token.expires_in {
            Some(life) => {
                let ahead = self.policy.ahead.min(life / 2);
                let jitter_cap = self.policy.jitter.min(life / 10);
                let jitter = jitter_cap.mul_f64(fastrand::f64());
                let refresh_in = life.saturating_sub(ahead).saturating_sub(jitter);
                (Some(now + life), Some(now + refresh_in))
            }
            None => (None, None),
        };
        Cached {
            credential: Credential::new(token.access_token),
            fetched_at: now,
            expires_at,
            refresh_at,
        }
    }

    /// How long ago the cached token was fetched.
    pub fn age(&self) -> Option<Duration> {
        self.snapshot()
            .map(|c| (self.clock)().saturating_duration_since(c.fetched_at))
    }
}

/// `Authorization: Bearer <token>` from a [`TokenCache`]; a 401 drops the
/// token and the call is retried once.
pub struct BearerAuth<S> {
    cache: TokenCache<S>,
    refused_with: Vec<u16>,
}

impl<S: TokenSource> fmt::Debug for BearerAuth<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BearerAuth")
            .field("cache", &self.cache)
            .field("refused_with", &self.refused_with)
            .finish()
    }
}

impl<S: TokenSource> BearerAuth<S> {
    /// Bearer auth over a cache of `source`.
    pub fn new(source: S) -> Arc<Self> {
        Self::with_cache(TokenCache::new(source))
    }

    /// Bearer auth over an existing cache.
    pub fn with_cache(cache: TokenCache<S>) -> Arc<Self> {
        Self::refused_with_statuses(cache, &[])
    }

    /// Bearer auth over `cache` for an API that also refuses an expired
    /// token with one of `statuses` (besides 401): those drop the token and
    /// the call is retried once, as after a 401.
    pub fn refused_with_statuses(cache: TokenCache<S>, statuses: &[u16]) -> Arc<Self> {
        Arc::new(BearerAuth {
            cache,
            refused_with: statuses.to_vec(),
        })
    }

    /// The token cache.
    pub fn cache(&self) -> &TokenCache<S> {
        &self.cache
    }
}

impl<S: TokenSource> Authenticator for BearerAuth<S> {
    fn apply<'a>(
        &'a self,
        context: &'a AuthContext<'a>,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            // The header value is built once per token and shared by every
            // call that uses it.
            let credential = self.cache.credential(context).await?;
            headers.insert(AUTHORIZATION, credential.bearer()?);
            Ok(())
        })
    }

    fn invalidate(&self) {
        self.cache.invalidate();
    }

    fn retry_on_unauthorized(&self) -> bool {
        true
    }

    fn refused_with(&self) -> &[u16] {
        &self.refused_with
    }
}

fn bearer(token: &SecretString) -> Result<HeaderValue> {
    sensitive(&format!("Bearer {}", token.expose_secret()))
}

fn sensitive(value: &str) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(value).map_err(|_| invalid_credential())?;
    v.set_sensitive(true);
    Ok(v)
}

fn invalid_credential() -> Error {
    Error::config("credential has characters HTTP headers do not allow")
}

/// A token fetched for each request and never reused, for providers whose
/// tokens serve one request (Flinks Pay, Flinks Connect's authorize token).
///
/// Every attempt of a call fetches its own token through the
/// [`AuthContext`], under that attempt's deadline; a 401 is not retried,
/// since a fresh token was already used.
pub struct SingleUse<S> {
    source: S,
    header: HeaderName,
    bearer: bool,
}

impl<S: TokenSource> fmt::Debug for SingleUse<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SingleUse")
            .field("source", &self.source)
            .field("header", &self.header)
            .finish()
    }
}

impl<S: TokenSource> SingleUse<S> {
    /// Sends each token as `Authorization: Bearer <token>`.
    pub fn bearer(source: S) -> Arc<Self> {
        Arc::new(SingleUse {
            source,
            header: AUTHORIZATION,
            bearer: true,
        })
    }

    /// Sends each token, as is, in header `name`.
    pub fn header(name: &str, source: S) -> Result<Arc<Self>> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::config(format!("invalid header name {name:?}")))?;
        Ok(Arc::new(SingleUse {
            source,
            header,
            bearer: false,
        }))
    }
}

impl<S: TokenSource> Authenticator for SingleUse<S> {
    fn apply<'a>(
        &'a self,
        context: &'a AuthContext<'a>,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let token = context.within(self.source.fetch(context)).await?;
            let value = if self.bearer {
                bearer(&token.access_token)?
            } else {
                sensitive(token.access_token.expose_secret())?
            };
            headers.insert(self.header.clone(), value);
            Ok(())
        })
    }
}

/// A fixed bearer token.
#[derive(Clone)]
pub struct StaticBearer {
    token: SecretString,
}

impl fmt::Debug for StaticBearer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticBearer([REDACTED])")
    }
}

impl StaticBearer {
    /// Sends `token` as `Authorization: Bearer`.
    pub fn new(token: SecretString) -> Arc<Self> {
        Arc::new(StaticBearer { token })
    }
}

impl Authenticator for StaticBearer {
    fn apply<'a>(
        &'a self,
        _context: &'a AuthContext<'a>,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            headers.insert(AUTHORIZATION, bearer(&self.token)?);
            Ok(())
        })
    }
}

/// A secret in a named header (`x-api-key`, `flinks-auth-key`, ...).
#[derive(Clone)]
pub struct ApiKeyHeader {
    name: HeaderName,
    key: SecretString,
}

impl fmt::Debug for ApiKeyHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKeyHeader({}: [REDACTED])", self.name)
    }
}

impl ApiKeyHeader {
    /// Sends `key` in header `name`.
    pub fn new(name: &str, key: SecretString) -> Result<Arc<Self>> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::config(format!("invalid header name {name:?}")))?;
        Ok(Arc::new(ApiKeyHeader { name, key }))
    }
}

impl Authenticator for ApiKeyHeader {
    fn apply<'a>(
        &'a self,
        _context: &'a AuthContext<'a>,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            headers.insert(self.name.clone(), sensitive(self.key.expose_secret())?);
            Ok(())
        })
    }
}

/// HTTP Basic credentials.
#[derive(Clone)]
pub struct BasicAuth {
    user: String,
    password: SecretString,
}

impl fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BasicAuth({}:[REDACTED])", self.user)
    }
}

impl BasicAuth {
    /// Sends `user:password` as `Authorization: Basic`.
    pub fn new(user: impl Into<String>, password: SecretString) -> Arc<Self> {
        Arc::new(BasicAuth {
            user: user.into(),
            password,
        })
    }
}

/// `Basic base64(user:password)`.
fn basic(user: &str, password: &SecretString) -> SecretString {
    let raw = format!("{user}:{}", password.expose_secret());
    SecretString::from(format!("Basic {}", STANDARD.encode(raw)))
}

impl Authenticator for BasicAuth {
    fn apply<'a>(
        &'a self,
        _context: &'a AuthContext<'a>,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let value = basic(&self.user, &self.password);
            headers.insert(AUTHORIZATION, sensitive(value.expose_secret())?);
            Ok(())
        })
    }
}

/// No credentials.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAuth;

impl Authenticator for NoAuth {
    fn apply<'a>(
        &'a self,
        _context: &'a AuthContext<'a>,
        _headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// How an OAuth2 client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuthMethod {
    /// `client_id` and `client_secret` in the form body.
    #[default]
    Body,
    /// HTTP Basic with the client id and secret.
    Basic,
}

/// How a token request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenEncoding {
    /// `application/x-www-form-urlencoded`, as RFC 6749 specifies.
    #[default]
    Form,
    /// `application/json`, for providers that document a JSON body.
    Json,
}

/// The OAuth2 client: token URL and client credentials.
#[derive(Clone)]
struct OAuthClient {
    token_url: Url,
    client_id: String,
    client_secret: Option<SecretString>,
    method: ClientAuthMethod,
    encoding: TokenEncoding,
    scope: Option<String>,
}

impl fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClient")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("method", &self.method)
            .field("encoding", &self.encoding)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

impl OAuthClient {
    fn new(token_url: Url, client_id: String, client_secret: Option<SecretString>) -> Self {
        OAuthClient {
            token_url,
            client_id,
            client_secret,
            method: ClientAuthMethod::Body,
            encoding: TokenEncoding::Form,
            scope: None,
        }
    }

    /// Posts a token request with `params` (secrets exposed only here),
    /// through `context`: one attempt under the call's deadline.
    async fn request(&self, context: &AuthContext<'_>, params: &[(&str, &str)]) -> Result<Token> {
        let mut req = Request::post("token endpoint")
            .absolute_url(self.token_url.clone())
            .header(ACCEPT.as_str(), "application/json");
        let mut form: Vec<(&str, &str)> = params.to_vec();
        if let Some(scope) = &self.scope {
            form.push(("scope", scope));
        }
        match (self.method, &self.client_secret) {
            (ClientAuthMethod::Basic, Some(secret)) => {
                req = req.sensitive_header(AUTHORIZATION.as_str(), &basic(&self.client_id, secret));
            }
            (_, secret) => {
                form.push(("client_id", &self.client_id));
                if let Some(secret) = secret {
                    form.push(("client_secret", secret.expose_secret()));
                }
            }
        }
        let (content_type, body) = match self.encoding {
            TokenEncoding::Form => (
                "application/x-www-form-urlencoded",
                url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(form)
                    .finish(),
            ),
            TokenEncoding::Json => {
                let map: serde_json::Map<String, serde_json::Value> = form
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), serde_json::Value::from(v)))
                    .collect();
                (
                    "application/json",
                    serde_json::Value::Object(map).to_string(),
                )
            }
        };
        // Redirects are never followed: a 3xx is an `Error::Auth` too.
        let response = context
            .send(req.body_bytes(content_type, body.into()))
            .await?;
        let parsed: TokenResponse = response.json()?;
        let expires_in = match parsed.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_u64().map(Duration::from_secs),
            Some(serde_json::Value::String(s)) => s.parse().ok().map(Duration::from_secs),
            _ => None,
        };
        let mut token = Token::new(SecretString::from(parsed.access_token.clone()));
        token.expires_in = expires_in;
        if token.expires_in.is_none()
            && let Some(at) = jwt_expiry(&parsed.access_token)
        {
            token = token.with_expires_at(at);
        }
        token.refresh_token = parsed.refresh_token.map(SecretString::from);
        token.token_type = parsed.token_type;
        token.scope = parsed.scope;
        Ok(token)
    }
}

/// OAuth2 client-credentials grant.
#[derive(Debug, Clone)]
pub struct ClientCredentials {
    client: OAuthClient,
}

impl ClientCredentials {
    /// Client credentials against `token_url`.
    pub fn new(token_url: Url, client_id: impl Into<String>, client_secret: SecretString) -> Self {
        ClientCredentials {
            client: OAuthClient::new(token_url, client_id.into(), Some(client_secret)),
        }
    }
}

impl TokenSource for ClientCredentials {
    fn fetch<'a>(&'a self, context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(
            self.client
                .request(context, &[("grant_type", "client_credentials")]),
        )
    }
}

/// Keeps the latest refresh token; grants that rotate it replace it.
#[derive(Default)]
struct RefreshSlot(Mutex<Option<SecretString>>);

impl RefreshSlot {
    fn get(&self) -> Option<SecretString> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Exchanges the kept refresh token for a new token, keeping the
    /// rotated refresh token if the answer has one.
    async fn exchange(&self, client: &OAuthClient, context: &AuthContext<'_>) -> Result<Token> {
        let rt = self
            .get()
            .ok_or_else(|| Error::config("no refresh token"))?;
        let params = [
            ("grant_type", "refresh_token"),
            ("refresh_token", rt.expose_secret()),
        ];
        self.request(client, context, &params).await
    }

    /// Requests a token with `params`, keeping the refresh token it brings.
    async fn request(
        &self,
        client: &OAuthClient,
        context: &AuthContext<'_>,
        params: &[(&str, &str)],
    ) -> Result<Token> {
        let token = client.request(context, params).await?;
        self.keep(&token);
        Ok(token)
    }

    fn keep(&self, token: &Token) {
        if let Some(rt) = &token.refresh_token {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(rt.clone());
        }
    }
}

/// OAuth2 resource-owner password grant. Once a refresh token is returned,
/// later tokens come from the refresh-token grant (rotating it), falling back
/// to the password when the refresh token is refused.
pub struct PasswordGrant {
    client: OAuthClient,
    username: String,
    password: SecretString,
    refresh: RefreshSlot,
}

impl fmt::Debug for PasswordGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordGrant")
            .field("client", &self.client)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl PasswordGrant {
    /// Password grant for `username` against `token_url`.
    pub fn new(
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: Option<SecretString>,
        username: impl Into<String>,
        password: SecretString,
    ) -> Self {
        PasswordGrant {
            client: OAuthClient::new(token_url, client_id.into(), client_secret),
            username: username.into(),
            password,
            refresh: RefreshSlot::default(),
        }
    }
}

impl TokenSource for PasswordGrant {
    fn fetch<'a>(&'a self, context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(async move {
            if self.refresh.get().is_some() {
                match self.refresh.exchange(&self.client, context).await {
                    Ok(token) => return Ok(token),
                    Err(e) => {
                        tracing::debug!(status = ?e.status(), "refresh token refused; using the password")
                    }
                }
            }
            let params = [
                ("grant_type", "password"),
                ("username", self.username.as_str()),
                ("password", self.password.expose_secret()),
            ];
            self.refresh.request(&self.client, context, &params).await
        })
    }
}

/// OAuth2 refresh-token grant; keeps the rotated refresh token.
pub struct RefreshTokenGrant {
    client: OAuthClient,
    refresh: RefreshSlot,
}

impl fmt::Debug for RefreshTokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshTokenGrant")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

impl RefreshTokenGrant {
    /// Refresh-token grant starting from `refresh_token`.
    pub fn new(
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: Option<SecretString>,
        refresh_token: SecretString,
    ) -> Self {
        RefreshTokenGrant {
            client: OAuthClient::new(token_url, client_id.into(), client_secret),
            refresh: RefreshSlot(Mutex::new(Some(refresh_token))),
        }
    }

    /// The current refresh token, to persist across restarts.
    pub fn refresh_token(&self) -> Option<SecretString> {
        self.refresh.get()
    }
}

impl TokenSource for RefreshTokenGrant {
    fn fetch<'a>(&'a self, context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(self.refresh.exchange(&self.client, context))
    }
}

/// OAuth2 authorization-code grant: the first fetch exchanges the code
/// (once: codes are single-use), later ones use the refresh token it
/// returned, keeping it as it rotates.
pub struct AuthorizationCodeGrant {
    client: OAuthClient,
    code: Mutex<Option<SecretString>>,
    redirect_uri: Url,
    refresh: RefreshSlot,
}

impl fmt::Debug for AuthorizationCodeGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCodeGrant")
            .field("client", &self.client)
            .field("redirect_uri", &self.redirect_uri.as_str())
            .finish_non_exhaustive()
    }
}

impl AuthorizationCodeGrant {
    /// Exchanges `code`, received on `redirect_uri`, at `token_url`.
    pub fn new(
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: Option<SecretString>,
        code: SecretString,
        redirect_uri: Url,
    ) -> Self {
        AuthorizationCodeGrant {
            client: OAuthClient::new(token_url, client_id.into(), client_secret),
            code: Mutex::new(Some(code)),
            redirect_uri,
            refresh: RefreshSlot::default(),
        }
    }

    /// The current refresh token, to persist across restarts.
    pub fn refresh_token(&self) -> Option<SecretString> {
        self.refresh.get()
    }
}

impl TokenSource for AuthorizationCodeGrant {
    fn fetch<'a>(&'a self, context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(async move {
            // Taken even if the exchange fails: a code is never sent twice.
            let code = self.code.lock().unwrap_or_else(|e| e.into_inner()).take();
            let Some(code) = code else {
                return self.refresh.exchange(&self.client, context).await;
            };
            let params = [
                ("grant_type", "authorization_code"),
                ("code", code.expose_secret()),
                ("redirect_uri", self.redirect_uri.as_str()),
            ];
            self.refresh.request(&self.client, context, &params).await
        })
    }
}

/// The settings every grant shares: scope, client authentication and body
/// encoding.
macro_rules! oauth_settings {
    ($($grant:ty),*) => {$(
        impl $grant {
            /// Requests this scope.
            pub fn scope(mut self, scope: impl Into<String>) -> Self {
                self.client.scope = Some(scope.into());
                self
            }

            /// Sets how the client authenticates.
            pub fn auth_method(mut self, method: ClientAuthMethod) -> Self {
                self.client.method = method;
                self
            }

            /// Sets how the token request body is encoded.
            pub fn encoding(mut self, encoding: TokenEncoding) -> Self {
                self.client.encoding = encoding;
                self
            }
        }
    )*};
}

oauth_settings!(
    ClientCredentials,
    PasswordGrant,
    RefreshTokenGrant,
    AuthorizationCodeGrant
);

/// Reads a JWT's `exp` claim, without checking its signature (the token is
/// only used to time its refresh).
///
/// ```
/// // {"alg":"none"}.{"exp":1700000000}.
/// let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.";
/// let at = banking_core::auth::jwt_expiry(jwt).unwrap();
/// assert_eq!(at.timestamp(), 1_700_000_000);
/// assert!(banking_core::auth::jwt_expiry("not-a-jwt").is_none());
/// ```
pub fn jwt_expiry(token: &str) -> Option<DateTime<Utc>> {
    #[derive(Deserialize)]
    struct Claims {
        exp: i64,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    DateTime::from_timestamp(claims.exp, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn token_body(token: &str, expires_in: u64) -> serde_json::Value {
        serde_json::json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in})
    }

    fn http() -> crate::transport::Transport {
        crate::transport::Transport::builder("http://127.0.0.1:9/".parse().unwrap())
            .build()
            .unwrap()
    }

    fn cc(server: &MockServer) -> ClientCredentials {
        ClientCredentials::new(
            format!("{}/oauth/token", server.uri()).parse().unwrap(),
            "client-1",
            SecretString::from("very-secret-client-secret"),
        )
    }

    /// A clock tests move by hand.
    fn manual_clock() -> (Clock, Arc<AtomicU64>) {
        let start = Instant::now();
        let offset = Arc::new(AtomicU64::new(0));
        let o = offset.clone();
        (
            Arc::new(move || start + Duration::from_secs(o.load(Ordering::SeqCst))),
            offset,
        )
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn thousand_concurrent_cold_calls_make_one_token_request() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(body_string_contains("grant_type=client_credentials"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(token_body("tok-1", 3600))
                    .set_delay(Duration::from_millis(50)),
            )
            .expect(1)
            .mount(&server)
            .await;
        let auth = BearerAuth::new(cc(&server));
        let http = http();
        let calls = (0..1000).map(|_| {
            let auth = auth.clone();
            let http = http.clone();
            tokio::spawn(async move {
                let mut h = HeaderMap::new();
                auth.apply(&http.auth_context(), &mut h).await.unwrap();
                h.get(AUTHORIZATION).unwrap().to_str().unwrap().to_owned()
            })
        });
        for header in futures::future::join_all(calls).await {
            assert_eq!(header.unwrap(), "Bearer tok-1");
        }
        assert_eq!(auth.cache().fetch_count(), 1);
    }

    #[tokio::test]
    async fn refreshes_ahead_of_expiry_and_keeps_valid_token_on_failure() {
        let server = MockServer::start().await;
        let (clock, offset) = manual_clock();
        let cache = TokenCache::new(cc(&server)).with_clock(clock);
        let http = http();
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_body("first", 1000)))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        assert_eq!(
            cache
                .token(&http.auth_context())
                .await
                .unwrap()
                .expose_secret(),
            "first"
        );
        // Well before the refresh window: cached.
        offset.store(800, Ordering::SeqCst);
        assert_eq!(
            cache
                .token(&http.auth_context())
                .await
                .unwrap()
                .expose_secret(),
            "first"
        );
        assert_eq!(cache.fetch_count(), 1);
        // Inside the window (60 s + up to 30 s jitter before expiry), the
        // token endpoint fails: the still-valid token is kept.
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        offset.store(960, Ordering::SeqCst);
        assert_eq!(
            cache
                .token(&http.auth_context())
                .await
                .unwrap()
                .expose_secret(),
            "first"
        );
        assert_eq!(cache.fetch_count(), 2);
        // Next call in the window refreshes for real.
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_body("second", 1000)))
            .mount(&server)
            .await;
        assert_eq!(
            cache
                .token(&http.auth_context())
                .await
                .unwrap()
                .expose_secret(),
            "second"
        );
        assert_eq!(cache.fetch_count(), 3);
    }

    #[tokio::test]
    async fn expired_token_and_failed_refresh_is_an_error() {
        let server = MockServer::start().await;
        let (clock, offset) = manual_clock();
        let cache = TokenCache::new(cc(&server)).with_clock(clock);
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_body("first", 100)))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(500))
            .mount(&server)
            .await;
        cache.token(&http().auth_context()).await.unwrap();
        offset.store(200, Ordering::SeqCst);
        let err = cache.token(&http().auth_context()).await.unwrap_err();
        assert_eq!(err.status(), Some(500));
    }

    #[tokio::test]
    async fn rfc6749_errors_are_typed_and_secret_free() {
        let server = MockServer::start().await;
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
                "error": "invalid_client", "error_description": "Client authentication failed"
            })))
            .mount(&server)
            .await;
        let err = cc(&server).fetch(&http().auth_context()).await.unwrap_err();
        let Error::Auth(auth) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(auth.error.as_deref(), Some("invalid_client"));
        assert_eq!(auth.status, Some(401));
        for text in [format!("{err}"), format!("{err:?}")] {
            assert!(!text.contains("very-secret-client-secret"), "{text}");
        }
    }

    #[tokio::test]
    async fn token_requests_never_follow_redirects() {
        let server = MockServer::start().await;
        Mock::given(path("/oauth/token"))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("location", format!("{}/elsewhere", server.uri())),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(path("/elsewhere"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_body("stolen", 10)))
            .expect(0)
            .mount(&server)
            .await;
        let err = cc(&server).fetch(&http().auth_context()).await.unwrap_err();
        assert_eq!(err.status(), Some(302));
    }

    #[tokio::test]
    async fn password_grant_then_rotating_refresh_tokens() {
        let server = MockServer::start().await;
        Mock::given(path("/token"))
            .and(body_string_contains("grant_type=password"))
            .and(body_string_contains("username=alice"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "a1", "expires_in": "3600", "refresh_token": "r1"
            })))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(path("/token"))
            .and(body_string_contains("refresh_token=r1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "a2", "expires_in": 3600, "refresh_token": "r2"
            })))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(path("/token"))
            .and(body_string_contains("refresh_token=r2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "a3", "expires_in": 3600
            })))
            .expect(1)
            .mount(&server)
            .await;
        let grant = PasswordGrant::new(
            format!("{}/token", server.uri()).parse().unwrap(),
            "cid",
            None,
            "alice",
            SecretString::from("pw-alice-123"),
        );
        let http = http();
        let t1 = grant.fetch(&http.auth_context()).await.unwrap();
        assert_eq!(t1.access_token.expose_secret(), "a1");
        assert_eq!(t1.expires_in, Some(Duration::from_secs(3600)));
        assert_eq!(
            grant
                .fetch(&http.auth_context())
                .await
                .unwrap()
                .access_token
                .expose_secret(),
            "a2"
        );
        // No new refresh token in the answer: the last one is kept.
        assert_eq!(
            grant
                .fetch(&http.auth_context())
                .await
                .unwrap()
                .access_token
                .expose_secret(),
            "a3"
        );
        assert_eq!(grant.refresh.get().unwrap().expose_secret(), "r2");
        assert!(!format!("{grant:?}").contains("pw-alice-123"));
    }

    #[tokio::test]
    async fn refresh_token_grant_keeps_rotation() {
        let server = MockServer::start().await;
        Mock::given(path("/token"))
            .and(body_string_contains("refresh_token=r0"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "a1", "refresh_token": "r1"
            })))
            .mount(&server)
            .await;
        let grant = RefreshTokenGrant::new(
            format!("{}/token", server.uri()).parse().unwrap(),
            "cid",
            Some(SecretString::from("cs")),
            SecretString::from("r0"),
        )
        .auth_method(ClientAuthMethod::Basic);
        grant.fetch(&http().auth_context()).await.unwrap();
        assert_eq!(grant.refresh_token().unwrap().expose_secret(), "r1");
    }

    #[tokio::test]
    async fn json_encoded_token_requests() {
        let server = MockServer::start().await;
        Mock::given(path("/oauth/token"))
            .and(wiremock::matchers::header(
                "content-type",
                "application/json",
            ))
            .and(wiremock::matchers::body_json(serde_json::json!({
                "grant_type": "client_credentials",
                "scope": "client:admin",
                "client_id": "client-1",
                "client_secret": "very-secret-client-secret"
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_body("j1", 60)))
            .expect(1)
            .mount(&server)
            .await;
        let token = cc(&server)
            .scope("client:admin")
            .encoding(TokenEncoding::Json)
            .fetch(&http().auth_context())
            .await
            .unwrap();
        assert_eq!(token.access_token.expose_secret(), "j1");
    }

    #[tokio::test]
    async fn authorization_code_is_exchanged_once_then_refreshed() {
        let server = MockServer::start().await;
        Mock::given(path("/token"))
            .and(body_string_contains("grant_type=authorization_code"))
            .and(body_string_contains("code=code-123"))
            .and(body_string_contains(
                "redirect_uri=https%3A%2F%2Fapp.example%2Fcallback",
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "a1", "refresh_token": "r1", "expires_in": 3600
            })))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(path("/token"))
            .and(body_string_contains("refresh_token=r1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "a2", "refresh_token": "r2"
            })))
            .expect(1)
            .mount(&server)
            .await;
        let grant = AuthorizationCodeGrant::new(
            format!("{}/token", server.uri()).parse().unwrap(),
            "cid",
            Some(SecretString::from("cs")),
            SecretString::from("code-123"),
            "https://app.example/callback".parse().unwrap(),
        );
        let http = http();
        assert_eq!(
            grant
                .fetch(&http.auth_context())
                .await
                .unwrap()
                .access_token
                .expose_secret(),
            "a1"
        );
        assert_eq!(
            grant
                .fetch(&http.auth_context())
                .await
                .unwrap()
                .access_token
                .expose_secret(),
            "a2"
        );
        assert_eq!(grant.refresh_token().unwrap().expose_secret(), "r2");
        assert!(!format!("{grant:?}").contains("code-123"));
    }

    #[tokio::test]
    async fn a_refused_code_is_not_sent_again() {
        let server = MockServer::start().await;
        Mock::given(path("/token"))
            .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
                "error": "invalid_grant"
            })))
            .expect(1)
            .mount(&server)
            .await;
        let grant = AuthorizationCodeGrant::new(
            format!("{}/token", server.uri()).parse().unwrap(),
            "cid",
            None,
            SecretString::from("code-123"),
            "https://app.example/callback".parse().unwrap(),
        );
        let first = grant.fetch(&http().auth_context()).await.unwrap_err();
        assert_eq!(first.provider_code(), Some("invalid_grant"));
        // No code and no refresh token left: a configuration error, no request.
        assert!(matches!(
            grant.fetch(&http().auth_context()).await.unwrap_err(),
            Error::Config(_)
        ));
    }

    #[test]
    fn debug_output_has_no_secrets() {
        let secret = "top-secret-value-42";
        let outputs = [
            format!("{:?}", StaticBearer::new(SecretString::from(secret))),
            format!(
                "{:?}",
                ApiKeyHeader::new("x-api-key", SecretString::from(secret)).unwrap()
            ),
            format!("{:?}", BasicAuth::new("user", SecretString::from(secret))),
            format!(
                "{:?}",
                Token::new(SecretString::from(secret))
                    .with_refresh_token(Some(SecretString::from(secret)))
            ),
            format!(
                "{:?}",
                ClientCredentials::new(
                    "https://a.example/t".parse().unwrap(),
                    "id",
                    SecretString::from(secret)
                )
            ),
        ];
        for out in outputs {
            assert!(!out.contains(secret), "{out}");
        }
    }

    #[tokio::test]
    async fn authenticators_set_sensitive_headers() {
        let http = http();
        let mut h = HeaderMap::new();
        BasicAuth::new("user", SecretString::from("pass"))
            .apply(&http.auth_context(), &mut h)
            .await
            .unwrap();
        let v = h.get(AUTHORIZATION).unwrap();
        assert_eq!(v.to_str().unwrap(), "Basic dXNlcjpwYXNz");
        assert!(v.is_sensitive());
        ApiKeyHeader::new("flinks-auth-key", SecretString::from("k"))
            .unwrap()
            .apply(&http.auth_context(), &mut h)
            .await
            .unwrap();
        assert!(h.get("flinks-auth-key").unwrap().is_sensitive());
    }

    /// Hands out the given tokens in turn, without any request.
    #[derive(Debug)]
    struct Sequence(Mutex<Vec<&'static str>>);

    impl TokenSource for Sequence {
        fn fetch<'a>(&'a self, _context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
            let next = self.0.lock().unwrap().remove(0);
            Box::pin(async move { Ok(Token::new(SecretString::from(next))) })
        }
    }

    #[tokio::test]
    async fn the_bearer_value_is_built_once_per_token_and_stays_sensitive() {
        let http = http();
        let auth = BearerAuth::new(Sequence(Mutex::new(vec!["tok-1", "tok-2"])));
        let apply = || async {
            let mut headers = HeaderMap::new();
            auth.apply(&http.auth_context(), &mut headers)
                .await
                .unwrap();
            headers.remove(AUTHORIZATION).unwrap()
        };
        let (first, second) = (apply().await, apply().await);
        assert_eq!(first.to_str().unwrap(), "Bearer tok-1");
        assert!(first.is_sensitive() && second.is_sensitive());
        // The same bytes, not an equal copy: nothing was formatted again.
        assert_eq!(first.as_bytes().as_ptr(), second.as_bytes().as_ptr());
        assert_eq!(auth.cache().fetch_count(), 1);

        auth.invalidate();
        let renewed = apply().await;
        assert_eq!(renewed.to_str().unwrap(), "Bearer tok-2");
        assert!(renewed.is_sensitive());
    }

    #[tokio::test]
    async fn a_token_headers_refuse_is_an_error_on_every_call_and_never_shown() {
        let http = http();
        let auth = BearerAuth::new(Sequence(Mutex::new(vec!["bad\ntoken-xyz"])));
        for _ in 0..2 {
            let mut headers = HeaderMap::new();
            let err = auth
                .apply(&http.auth_context(), &mut headers)
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{err:?}");
            assert!(!format!("{err} {err:?}").contains("token-xyz"));
            assert!(headers.is_empty());
        }
        assert_eq!(auth.cache().fetch_count(), 1, "the token itself is kept");
    }

    #[test]
    fn jwt_expiry_reads_exp() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"x","exp":1893456000}"#);
        let jwt = format!("h.{payload}.sig");
        assert_eq!(jwt_expiry(&jwt).unwrap().timestamp(), 1_893_456_000);
        assert!(jwt_expiry("a.b.c").is_none());
    }
}
