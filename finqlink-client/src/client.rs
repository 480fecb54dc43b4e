//! [`FinqLinkClient`], its builder, environments, API versions and
//! credentials.
//!
//! Every FinqLink call is a `POST` with a JSON body that carries `client_id`
//! (required by every endpoint, whatever the auth mode) and, in test mode,
//! `client_secret`. The client adds both; request types hold only the
//! endpoint's own fields.

use std::fmt;
use std::sync::Arc;

use banking_core::auth::{BearerAuth, ClientCredentials};
use banking_core::transport::{
    CallOptions, Environment, Request, Transport, TransportSettings, missing_credential,
};
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use url::Url;

use crate::accounts::Accounts;
use crate::balances::Balances;
use crate::consents::Consents;
use crate::error::FinqLinkErrorDecoder;
use crate::jobs::Jobs;
use crate::links::Links;
use crate::providers::Providers;
use crate::transactions::Transactions;
#[cfg(feature = "webhooks")]
use crate::webhooks::Webhooks;

/// Longest `client_id` and `client_secret` FinqLink accepts.
const MAX_CREDENTIAL_LEN: usize = 128;

/// The FinqLink API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ApiVersion {
    /// v1: Pay only. `remitter_type` is a string; `/links/list` has no
    /// paging or filters; AIS calls fail with a validation error before any
    /// request.
    V1,
    /// v2 (current): Pay and Data (AIS).
    #[default]
    V2,
}

impl ApiVersion {
    /// The path segment (`v1`, `v2`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1",
            ApiVersion::V2 => "v2",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the client authenticates.
#[derive(Clone)]
pub struct Credentials {
    client_id: String,
    client_secret: SecretString,
    mode: AuthMode,
}

#[derive(Clone)]
enum AuthMode {
    OAuth2 {
        token_url: Url,
        scope: Option<String>,
    },
    Test,
}

impl Credentials {
    /// OAuth2 client credentials (mandatory for production): a bearer token
    /// from `token_url`, cached and refreshed ahead of expiry. FinqLink does
    /// not publish its token endpoint; use the one Finqware gave you.
    /// `client_id` is still sent in each body, as every endpoint requires.
    pub fn oauth2(
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        Credentials {
            client_id: client_id.into(),
            client_secret,
            mode: AuthMode::OAuth2 {
                token_url,
                scope: None,
            },
        }
    }

    /// FinqLink's internal test-only mode: `client_id` and `client_secret`
    /// in every request body, no token.
    pub fn test_mode(client_id: impl Into<String>, client_secret: SecretString) -> Self {
        Credentials {
            client_id: client_id.into(),
            client_secret,
            mode: AuthMode::Test,
        }
    }

    /// Requests this OAuth2 scope (ignored in test mode).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        if let AuthMode::OAuth2 { scope: s, .. } = &mut self.mode {
            *s = Some(scope.into());
        }
        self
    }

    /// The API client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match &self.mode {
            AuthMode::OAuth2 { token_url, .. } => format!("OAuth2({token_url})"),
            AuthMode::Test => "Test".to_owned(),
        };
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("mode", &mode)
            .finish()
    }
}

/// Configures a [`FinqLinkClient`].
#[must_use]
pub struct FinqLinkClientBuilder {
    environment: Option<Environment>,
    host: Option<Url>,
    credentials: Option<Credentials>,
    version: ApiVersion,
    path_prefix: Option<String>,
    ais_segment: Option<bool>,
    identity_pem: Option<SecretSlice<u8>>,
    transport: TransportSettings,
}

impl fmt::Debug for FinqLinkClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FinqLinkClientBuilder")
            .field("environment", &self.environment)
            .field("host", &self.host)
            .field("credentials", &self.credentials)
            .field("version", &self.version)
            .field("path_prefix", &self.path_prefix)
            .field("ais_segment", &self.ais_segment)
            .field("mtls", &self.identity_pem.is_some())
            .finish_non_exhaustive()
    }
}

impl FinqLinkClientBuilder {
    /// Which deployment to talk to (default: the sandbox).
    ///
    /// FinqLink does not publish fixed host names: each API client gets its
    /// own environment host (the docs' placeholder is
    /// `https://your-env.finqware.com`), set with [`host`](Self::host).
    /// [`Environment::Sandbox`] calls the `/test` paths on that host, as the
    /// quick start (the one page that spells out the test paths) names them:
    /// `/test/providers/list`, `/test/links/create` and
    /// `/test/consents/create`. The two doc pages differ on the AIS paths:
    /// the v2 changelog lists `/ais/consents/create`, the quick start
    /// `/test/consents/create`. In the sandbox the client follows the quick
    /// start and sends every AIS call without the `ais/` segment
    /// (`/test/consents/get`, `/test/transactions/list`, ...: the quick start
    /// names only consent creation, the others follow it by analogy,
    /// inferred); [`ais_path_segment`](Self::ais_path_segment) switches to
    /// the changelog's form. The docs do not say how `/test` combines with
    /// `/v1`; with [`ApiVersion::V1`] set [`path_prefix`](Self::path_prefix).
    ///
    /// [`Environment::Production`] calls the versioned paths on the host
    /// (`/v2/links/create`, `/v1/links/create`). [`Environment::Custom`] is a
    /// base URL used as is, with no version or `/test` segment and no host
    /// needed: for proxies, simulators and layouts the others do not cover.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// Your FinqLink environment host, e.g. `https://your-env.finqware.com`
    /// (required for the sandbox and production; not used with
    /// [`Environment::Custom`]).
    pub fn host(mut self, host: Url) -> Self {
        self.host = Some(host);
        self
    }

    /// How the client authenticates (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Targets this API version (default [`ApiVersion::V2`]).
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Replaces the path prefix derived from the environment and version
    /// (`/test`, `/v2`, `/v1`), e.g. `"/test/v1"`, should Finqware give you
    /// another layout. Segments of letters, digits, `-`, `_` and `.` only.
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Whether AIS paths carry the `ais/` segment (`{prefix}/ais/consents/create`)
    /// as the v2 changelog writes them. Default: yes, except in
    /// [`Environment::Sandbox`], where the quick start's
    /// `/test/consents/create` has none (the two doc pages differ).
    pub fn ais_path_segment(mut self, on: bool) -> Self {
        self.ais_segment = Some(on);
        self
    }

    /// Presents this PEM client certificate and private key (mutual TLS).
    pub fn identity_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.identity_pem = Some(SecretSlice::from(pem.into()));
        self
    }

    // Creates and revokes are never resent, whatever the retry policy.
    banking_core::transport_settings!(transport);

    /// Validates the configuration and builds the client. Needs no running
    /// runtime and starts no task.
    pub fn build(self) -> banking_core::Result<FinqLinkClient> {
        let creds = self
            .credentials
            .as_ref()
            .ok_or_else(|| missing_credential("FinqLink credentials"))?;
        check_credential("client_id", &creds.client_id)?;
        check_credential("client_secret", creds.client_secret.expose_secret())?;

        let (base_url, jwks_url) = self.urls()?;
        let sandbox = matches!(self.chosen_environment(), Environment::Sandbox);
        if let AuthMode::OAuth2 { token_url, .. } = &creds.mode {
            self.transport.check_url("token", token_url)?;
        }
        let mut transport = Transport::builder(base_url)
            // FinqLink documents no idempotency header: a key would make the
            // transport resend a create the server does not deduplicate.
            .without_idempotency_keys()
            .error_decoder(Arc::new(FinqLinkErrorDecoder))
            .user_agent(concat!("finqlink-client/", env!("CARGO_PKG_VERSION")));
        transport = self.transport.apply(transport);
        if let Some(pem) = &self.identity_pem {
            transport = transport.identity_pem(pem.expose_secret());
        }
        let body_secret = match &creds.mode {
            AuthMode::OAuth2 { token_url, scope } => {
                let mut source = ClientCredentials::new(
                    token_url.clone(),
                    creds.client_id.clone(),
                    creds.client_secret.clone(),
                );
                if let Some(scope) = scope {
                    source = source.scope(scope.clone());
                }
                transport = transport.auth(BearerAuth::new(source));
                None
            }
            AuthMode::Test => Some(creds.client_secret.clone()),
        };
        Ok(FinqLinkClient {
            inner: Arc::new(Inner {
                transport: transport.build()?,
                client_id: creds.client_id.clone(),
                body_secret,
                version: self.version,
                ais_segment: self.ais_segment.unwrap_or(!sandbox),
                jwks_url,
            }),
        })
    }

    fn chosen_environment(&self) -> &Environment {
        self.environment.as_ref().unwrap_or(&Environment::Sandbox)
    }

    /// The API base URL (host + prefix + `/`) and the JWKS URL.
    fn urls(&self) -> banking_core::Result<(Url, Url)> {
        let host = || {
            self.host.as_ref().ok_or_else(|| {
                banking_core::Error::config(
                    "FinqLink has no public host: set host() to your environment host \
                     for the sandbox and production",
                )
            })
        };
        let custom = matches!(self.chosen_environment(), Environment::Custom(_));
        let (host, derived) = match self.chosen_environment() {
            Environment::Sandbox => {
                let host = host()?;
                let prefix = match self.version {
                    ApiVersion::V2 => Some("/test".to_owned()),
                    // Undocumented combination: make the caller choose.
                    ApiVersion::V1 => None,
                };
                (host, prefix)
            }
            Environment::Production => (host()?, Some(format!("/{}", self.version))),
            Environment::Custom(url) => (url, Some(String::new())),
            other => {
                return Err(banking_core::Error::config(format!(
                    "unsupported FinqLink environment {other:?}"
                )));
            }
        };
        check_base(host)?;
        let prefix = match (&self.path_prefix, derived) {
            (Some(p), _) => check_prefix(p)?,
            (None, Some(p)) => p,
            (None, None) => {
                return Err(banking_core::Error::config(
                    "the FinqLink docs do not say how /test combines with /v1: \
                     set path_prefix for a v1 sandbox client",
                ));
            }
        };
        let mut base = host.clone();
        // A custom URL keeps its own path; the prefix (if any) follows it.
        let path = if custom {
            format!("{}{}/", host.path().trim_end_matches('/'), prefix)
        } else {
            format!("{prefix}/")
        };
        base.set_path(&path);
        let jwks_root = if custom {
            base.clone()
        } else {
            let mut root = host.clone();
            root.set_path("/");
            root
        };
        let jwks = jwks_root
            .join(".well-known/jwks.json")
            .map_err(|e| banking_core::Error::config(format!("invalid JWKS URL: {e}")))?;
        Ok((base, jwks))
    }
}

fn check_credential(field: &str, value: &str) -> banking_core::Result<()> {
    if value.trim().is_empty() {
        return Err(banking_core::transport::missing_credential(field));
    }
    if value.chars().count() > MAX_CREDENTIAL_LEN {
        return Err(banking_core::Error::validation(
            field,
            format!("must be at most {MAX_CREDENTIAL_LEN} characters"),
        ));
    }
    Ok(())
}

fn check_base(url: &Url) -> banking_core::Result<()> {
    if !crate::validate::is_web_url(url) {
        return Err(banking_core::Error::config(format!(
            "FinqLink base URL must be an http(s) URL with a host, got {url}"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(banking_core::Error::config(format!(
            "FinqLink base URL must not have a query or fragment, got {url}"
        )));
    }
    Ok(())
}

fn check_prefix(prefix: &str) -> banking_core::Result<String> {
    let trimmed = prefix.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let valid = trimmed.starts_with('/')
        && trimmed[1..].split('/').all(|seg| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        });
    if !valid {
        return Err(banking_core::Error::config(format!(
            "invalid FinqLink path prefix {prefix:?}: expected segments like \"/test/v1\""
        )));
    }
    Ok(trimmed.to_owned())
}

struct Inner {
    transport: Transport,
    client_id: String,
    /// Test mode only: sent in each body.
    body_secret: Option<SecretString>,
    version: ApiVersion,
    /// Whether AIS paths keep their `ais/` segment.
    ais_segment: bool,
    jwks_url: Url,
}

/// A FinqLink API client: cheap to clone (an `Arc` inside), `Send + Sync`,
/// one connection pool shared by clones.
#[derive(Clone)]
pub struct FinqLinkClient {
    inner: Arc<Inner>,
}

impl fmt::Debug for FinqLinkClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FinqLinkClient")
            .field("base_url", &self.inner.transport.base_url().as_str())
            .field("version", &self.inner.version)
            .field("client_id", &self.inner.client_id)
            .field("test_mode", &self.inner.body_secret.is_some())
            .finish()
    }
}

impl FinqLinkClient {
    /// A builder: set [`environment`](FinqLinkClientBuilder::environment),
    /// [`host`](FinqLinkClientBuilder::host) and
    /// [`credentials`](FinqLinkClientBuilder::credentials), then `build()`.
    pub fn builder() -> FinqLinkClientBuilder {
        FinqLinkClientBuilder {
            environment: None,
            host: None,
            credentials: None,
            version: ApiVersion::default(),
            path_prefix: None,
            ais_segment: None,
            identity_pem: None,
            transport: TransportSettings::default(),
        }
    }

    /// The API version this client targets.
    pub fn api_version(&self) -> ApiVersion {
        self.inner.version
    }

    /// The base URL endpoint paths are appended to.
    pub fn base_url(&self) -> &Url {
        self.inner.transport.base_url()
    }

    /// Where the webhook signing keys are published:
    /// `{host}/.well-known/jwks.json`, or below the URL of an
    /// [`Environment::Custom`].
    pub fn jwks_url(&self) -> &Url {
        &self.inner.jwks_url
    }

    /// The transport, for endpoints this crate does not model yet: requests
    /// sent through it get the same auth, retry and error mapping. Remember
    /// that FinqLink expects `client_id` in every body.
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }

    /// `/providers/*`: banks and their payment and AIS methods.
    pub fn providers(&self) -> Providers<'_> {
        Providers::new(self)
    }

    /// `/links/*`: payment links (pay-by-link).
    pub fn links(&self) -> Links<'_> {
        Links::new(self)
    }

    /// `/ais/consents/*`: AIS consents (v2).
    pub fn consents(&self) -> Consents<'_> {
        Consents::new(self)
    }

    /// `/ais/accounts/list` (v2).
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(self)
    }

    /// `/ais/balances/list` (v2).
    pub fn balances(&self) -> Balances<'_> {
        Balances::new(self)
    }

    /// `/ais/transactions/list` (v2).
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions::new(self)
    }

    /// `/ais/jobs/*`: data refresh jobs (v2).
    pub fn jobs(&self) -> Jobs<'_> {
        Jobs::new(self)
    }

    /// Webhook signing keys and verification (feature `webhooks`).
    #[cfg(feature = "webhooks")]
    pub fn webhooks(&self) -> Webhooks<'_> {
        Webhooks::new(self)
    }

    /// Validates `body`, wraps it with the credentials and sends it.
    pub(crate) async fn call<B: Body, T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        body: &B,
        options: &CallOptions,
    ) -> banking_core::Result<T> {
        let request = self.request(endpoint, body, options)?;
        self.inner.transport.send_json(request).await
    }

    /// Builds the request; every check runs here, before anything is sent.
    pub(crate) fn request<B: Body>(
        &self,
        endpoint: Endpoint,
        body: &B,
        options: &CallOptions,
    ) -> banking_core::Result<Request> {
        let version = self.inner.version;
        if endpoint.ais && version == ApiVersion::V1 {
            return Err(banking_core::Error::validation(
                "api_version",
                format!(
                    "{} is a FinqLink Data (AIS) endpoint, available on the v2 API only; \
                     this client targets v1",
                    endpoint.path
                ),
            ));
        }
        body.validate(version)?;
        // Through a `Value` so that `adapt` can edit the v1 wire form. Safe
        // for money: FinqLink amounts encode as strings, never as numbers.
        let mut fields = serde_json::to_value(body)
            .map_err(|e| banking_core::Error::config(format!("cannot encode request: {e}")))?;
        body.adapt(version, &mut fields)?;
        let envelope = Envelope {
            client_id: &self.inner.client_id,
            client_secret: self.inner.body_secret.as_ref().map(ExposeOnSerialize),
            fields: &fields,
        };
        let mut request = Request::post(endpoint.path(self.inner.ais_segment)).json(&envelope)?;
        if endpoint.read_only {
            request = request.read_only();
        }
        Ok(request.options(options.clone()))
    }
}

/// A request body: its own fields, checked before sending.
pub(crate) trait Body: Serialize {
    /// Client-side checks; an error here means nothing is sent.
    fn validate(&self, version: ApiVersion) -> banking_core::Result<()>;

    /// Version-specific wire changes to the encoded fields.
    fn adapt(
        &self,
        _version: ApiVersion,
        _fields: &mut serde_json::Value,
    ) -> banking_core::Result<()> {
        Ok(())
    }
}

/// One FinqLink endpoint: its path below the prefix and how it may be sent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Endpoint {
    pub(crate) path: &'static str,
    ais: bool,
    read_only: bool,
}

impl Endpoint {
    /// A Pay endpoint (v1 and v2).
    pub(crate) const fn pay(path: &'static str) -> Self {
        Endpoint {
            path,
            ais: false,
            read_only: false,
        }
    }

    /// A Data (AIS) endpoint (v2 only).
    pub(crate) const fn ais(path: &'static str) -> Self {
        Endpoint {
            path,
            ais: true,
            read_only: false,
        }
    }

    /// The path below the prefix: AIS paths lose their `ais/` segment when
    /// `ais_segment` is off (the quick start's sandbox form).
    pub(crate) fn path(&self, ais_segment: bool) -> &'static str {
        match self.path.strip_prefix("ais/") {
            Some(short) if self.ais && !ais_segment => short,
            _ => self.path,
        }
    }

    /// Marks a POST that only reads, so banking-core may retry it.
    pub(crate) const fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
}

/// The body sent: credentials first, then the endpoint's fields.
#[derive(Serialize)]
struct Envelope<'a> {
    client_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<ExposeOnSerialize<'a>>,
    #[serde(flatten)]
    fields: &'a serde_json::Value,
}

/// Exposes the secret only while the body is being written.
struct ExposeOnSerialize<'a>(&'a SecretString);

impl Serialize for ExposeOnSerialize<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose_secret())
    }
}

impl banking_core::resource_handle::ResourceClient for FinqLinkClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::ProvidersListRequest;

    const SECRET: &str = "s3cr3t-in-the-body";

    #[test]
    fn a_test_mode_request_carries_the_secret_in_its_body_but_not_in_its_debug() {
        let client = FinqLinkClient::builder()
            .environment(Environment::Custom(
                "https://finqlink.example".parse().unwrap(),
            ))
            .credentials(Credentials::test_mode(
                "demo-client",
                SecretString::from(SECRET),
            ))
            .build()
            .unwrap();
        let request = client
            .request(
                Endpoint::pay("providers/list"),
                &ProvidersListRequest::new().show_ais_methods(true),
                &CallOptions::new(),
            )
            .unwrap();
        let body = String::from_utf8(request.body().unwrap().to_vec()).unwrap();
        assert!(body.contains(SECRET), "test mode sends the secret: {body}");
        let debug = format!("{request:?}");
        assert!(!debug.contains(SECRET), "secret in Debug: {debug}");
        assert!(debug.contains("body_len"), "{debug}");
    }
}
