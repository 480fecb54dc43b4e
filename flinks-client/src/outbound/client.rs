//! [`OutboundClient`] and its builder: hosts, credentials, token handling.

use std::sync::Arc;

use banking_core::auth::{
    AuthorizationCodeGrant, BearerAuth, ClientCredentials, RefreshTokenGrant, StaticBearer,
    TokenCache, TokenEncoding,
};
use banking_core::transport::{Environment, Transport};
use banking_core::{Error, Result};
use secrecy::SecretString;
use url::Url;

use super::connection::FdxConnection;
use super::consent::ConsentRequest;
use super::providers::ProvidersApi;
use super::recipients::RecipientsApi;
use super::registrations::RegistrationsApi;
use banking_core::transport::with_trailing_slash;

use crate::builder::{ClientSettings, client_settings};

/// Production API host ("Flinks Outbound Production" in the seed's specs).
pub const PRODUCTION_API_URL: &str = "https://ob.flinksapp.com/";
/// Production authorization host: consent URL and token endpoint (seed
/// "Example Authorize URL"; the token page names `https://api.flinks.io/api/v1/token`).
pub const PRODUCTION_AUTH_URL: &str = "https://api.flinks.io/";
/// Pre-production host. Flinks documents no Outbound sandbox; this host
/// appears in the docs' paging samples (inferred).
pub const SANDBOX_URL: &str = "https://ob-preprod.flinksapp.dev/";

/// The scope of the client-credentials token: partner management.
pub const ADMIN_SCOPE: &str = "client:admin";

/// Statuses besides 401 with which Outbound refuses an expired or invalid
/// partner token: the seed ("Get Access Token": "If you pass an expired or
/// invalid `access_token`, you'll receive a 400 error response"). On one,
/// the token is dropped and the call retried once with a fresh one.
const ADMIN_TOKEN_REFUSED_WITH: &[u16] = &[400];
/// The same for a user's token on the FDX endpoints: 400 (seed) and 403
/// (research notes `[DOC]`, token page: "400/401/403 => Flinks-managed
/// tokens expired").
const USER_TOKEN_REFUSED_WITH: &[u16] = &[400, 403];

/// Client of the Flinks Outbound (Open Banking) API.
///
/// Holds one set of OAuth client credentials: a partner's (recipients,
/// registrations, providers, scope `client:admin`) or a Data Recipient's
/// (providers, consent and the FDX data of its users). Cheap to clone;
/// clones share the connection pool and the token cache.
#[derive(Debug, Clone)]
pub struct OutboundClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: Transport,
    auth_base: Url,
    oauth: OAuthClient,
}

impl banking_core::resource_handle::ResourceClient for OutboundClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

impl OutboundClient {
    /// A builder; credentials are required.
    pub fn builder() -> OutboundClientBuilder {
        OutboundClientBuilder::default()
    }

    /// `GET /api/v1/providers`.
    pub fn providers(&self) -> ProvidersApi<'_> {
        ProvidersApi::new(self)
    }

    /// Data Recipient management (partner, `client:admin`).
    pub fn recipients(&self) -> RecipientsApi<'_> {
        RecipientsApi::new(self)
    }

    /// Data Provider registrations (partner, `client:admin`).
    pub fn registrations(&self) -> RegistrationsApi<'_> {
        RegistrationsApi::new(self)
    }

    /// The consent URL to send the user to
    /// (`{auth host}/api/v1/authorize?response_type=code&...`).
    pub fn consent_url(&self, request: &ConsentRequest) -> Result<Url> {
        request.to_url(&self.inner.auth_base)
    }

    /// Exchanges the code of a consent callback (grant
    /// `authorization_code`) and returns the user's connection.
    ///
    /// `redirect_uri` must be the one of the consent URL. The code is
    /// single-use: the exchange is never retried. The exchanged access
    /// token is used first, then the refresh token gets new ones.
    pub async fn connect_with_code(
        &self,
        code: &SecretString,
        redirect_uri: &Url,
    ) -> Result<FdxConnection> {
        let grant = self
            .inner
            .oauth
            .authorization_code(code.clone(), redirect_uri.clone());
        let cache = TokenCache::new(grant);
        let access_token = cache.token(&self.inner.transport.auth_context()).await?;
        Ok(match cache.source().refresh_token() {
            Some(refresh_token) => FdxConnection::new(
                self.inner
                    .transport
                    .with_auth(BearerAuth::refused_with_statuses(
                        cache,
                        USER_TOKEN_REFUSED_WITH,
                    )),
                Some(refresh_token),
            ),
            // Nothing to refresh with: the access token is used until it
            // is refused.
            None => FdxConnection::new(
                self.inner
                    .transport
                    .with_auth(StaticBearer::new(access_token)),
                None,
            ),
        })
    }

    /// Resumes a connection from a stored refresh token (grant
    /// `refresh_token`). No request is sent until the first call.
    pub fn connect_with_refresh_token(&self, refresh_token: SecretString) -> FdxConnection {
        let grant = self.inner.oauth.refresh_token(refresh_token.clone());
        FdxConnection::new(
            self.inner
                .transport
                .with_auth(BearerAuth::refused_with_statuses(
                    TokenCache::new(grant),
                    USER_TOKEN_REFUSED_WITH,
                )),
            Some(refresh_token),
        )
    }

    /// The transport with the client-credentials token, for Outbound
    /// endpoints not modelled here.
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }
}

/// The token endpoint and the OAuth client, from which each grant is
/// built: client id and secret in the body, which is JSON unless
/// [`TokenEncoding::Form`] is chosen.
#[derive(Debug)]
struct OAuthClient {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    encoding: TokenEncoding,
}

impl OAuthClient {
    /// Grant `client_credentials`, with `scope` when given.
    fn client_credentials(&self, scope: Option<String>) -> ClientCredentials {
        let grant = ClientCredentials::new(
            self.token_url.clone(),
            self.client_id.clone(),
            self.client_secret.clone(),
        )
        .encoding(self.encoding);
        match scope {
            Some(scope) => grant.scope(scope),
            None => grant,
        }
    }

    /// Grant `authorization_code`, then `refresh_token` with the refresh
    /// token it returned.
    fn authorization_code(&self, code: SecretString, redirect_uri: Url) -> AuthorizationCodeGrant {
        AuthorizationCodeGrant::new(
            self.token_url.clone(),
            self.client_id.clone(),
            Some(self.client_secret.clone()),
            code,
            redirect_uri,
        )
        .encoding(self.encoding)
    }

    /// Grant `refresh_token`.
    fn refresh_token(&self, refresh_token: SecretString) -> RefreshTokenGrant {
        RefreshTokenGrant::new(
            self.token_url.clone(),
            self.client_id.clone(),
            Some(self.client_secret.clone()),
            refresh_token,
        )
        .encoding(self.encoding)
    }
}

/// Builds an [`OutboundClient`]; [`build`](Self::build) validates and needs
/// no runtime.
#[derive(Debug)]
#[must_use]
pub struct OutboundClientBuilder {
    environment: Environment,
    auth_url: Option<Url>,
    scope: Option<String>,
    encoding: TokenEncoding,
    settings: ClientSettings,
}

impl Default for OutboundClientBuilder {
    fn default() -> Self {
        Self {
            environment: Environment::Production,
            auth_url: None,
            scope: Some(ADMIN_SCOPE.to_owned()),
            encoding: TokenEncoding::Json,
            settings: ClientSettings::default(),
        }
    }
}

impl OutboundClientBuilder {
    /// Production (the default), pre-production, or any URL (a proxy, the
    /// testkit). A custom URL serves both the API and the authorization
    /// endpoints unless [`auth_url`](Self::auth_url) is set.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Overrides the host of the consent URL and the token endpoint.
    pub fn auth_url(mut self, url: Url) -> Self {
        self.auth_url = Some(url);
        self
    }

    client_settings! {
        credentials: "OAuth client id and secret of the partner or Data Recipient.",
    }

    /// Scope of the client-credentials token (`client:admin` by default;
    /// `None` to send none).
    pub fn scope(mut self, scope: Option<String>) -> Self {
        self.scope = scope;
        self
    }

    /// Encoding of token requests. JSON by default: the seed ("Get an
    /// Access Token") shows a JSON body `{grant_type, client_id,
    /// client_secret, scope}`, while the research notes leave the encoding
    /// unconfirmed; [`TokenEncoding::Form`] sends the RFC 6749 form body.
    pub fn token_encoding(mut self, encoding: TokenEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(mut self) -> Result<OutboundClient> {
        let (client_id, client_secret) = self.settings.credentials("Outbound")?;
        let api_base = self.environment.resolve(SANDBOX_URL, PRODUCTION_API_URL)?;
        let auth_base = with_trailing_slash(match (self.auth_url, &self.environment) {
            (Some(url), _) => url,
            (None, Environment::Production) => parse(PRODUCTION_AUTH_URL)?,
            (None, _) => api_base.clone(),
        });
        self.settings.transport.check_url("auth", &auth_base)?;
        // The token page (research notes `[DOC]`) names
        // `https://api.flinks.io/api/v1/token`; the seed's getting-started
        // page calls the endpoint `/Token`, its name rather than a path.
        let token_url = auth_base
            .join("api/v1/token")
            .map_err(|e| Error::config(format!("token URL: {e}")))?;
        let oauth = OAuthClient {
            token_url,
            client_id,
            client_secret,
            encoding: self.encoding,
        };
        let admin = oauth.client_credentials(self.scope);
        let builder = self.settings.transport(Transport::builder(api_base).auth(
            BearerAuth::refused_with_statuses(TokenCache::new(admin), ADMIN_TOKEN_REFUSED_WITH),
        ));
        Ok(OutboundClient {
            inner: Arc::new(Inner {
                transport: builder.build()?,
                auth_base,
                oauth,
            }),
        })
    }
}

fn parse(url: &str) -> Result<Url> {
    Url::parse(url).map_err(|e| Error::config(format!("{url}: {e}")))
}
