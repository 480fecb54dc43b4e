//! [`OutboundClient`] and its builder: hosts, credentials, token handling.

use std::sync::Arc;

use banking_core::auth::{BearerAuth, StaticBearer};
use banking_core::transport::{Environment, Transport};
use banking_core::{Error, Result};
use secrecy::SecretString;
use url::Url;

use super::connection::FdxConnection;
use super::consent::ConsentRequest;
use super::providers::ProvidersApi;
use super::recipients::RecipientsApi;
use super::registrations::RegistrationsApi;
use super::token::{Grant, GrantSource, OAuthClient, SeededSource, TokenEncoding};
use crate::builder::{ClientSettings, client_settings, with_trailing_slash};

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

impl OutboundClient {
    /// A builder; credentials are required.
    pub fn builder() -> OutboundClientBuilder {
        OutboundClientBuilder::default()
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// `GET /api/v1/providers`.
    pub fn providers(&self) -> ProvidersApi<'_> {
        ProvidersApi { client: self }
    }

    /// Data Recipient management (partner, `client:admin`).
    pub fn recipients(&self) -> RecipientsApi<'_> {
        RecipientsApi { client: self }
    }

    /// Data Provider registrations (partner, `client:admin`).
    pub fn registrations(&self) -> RegistrationsApi<'_> {
        RegistrationsApi { client: self }
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
    /// single-use: the exchange is never retried.
    pub async fn connect_with_code(
        &self,
        code: &SecretString,
        redirect_uri: &Url,
    ) -> Result<FdxConnection> {
        let grant = Grant::AuthorizationCode {
            code: code.clone(),
            redirect_uri: redirect_uri.clone(),
        };
        let token = self
            .inner
            .oauth
            .request(self.inner.transport.http(), &grant)
            .await?;
        Ok(match token.refresh_token.clone() {
            Some(refresh_token) => {
                let refresh = GrantSource::new(
                    self.inner.oauth.clone(),
                    Grant::RefreshToken(refresh_token.clone()),
                );
                let auth = BearerAuth::new(SeededSource::new(token, refresh));
                FdxConnection::new(self.inner.transport.with_auth(auth), Some(refresh_token))
            }
            None => {
                let auth = StaticBearer::new(token.access_token);
                FdxConnection::new(self.inner.transport.with_auth(auth), None)
            }
        })
    }

    /// Resumes a connection from a stored refresh token (grant
    /// `refresh_token`). No request is sent until the first call.
    pub fn connect_with_refresh_token(&self, refresh_token: SecretString) -> FdxConnection {
        let source = GrantSource::new(
            self.inner.oauth.clone(),
            Grant::RefreshToken(refresh_token.clone()),
        );
        FdxConnection::new(
            self.inner.transport.with_auth(BearerAuth::new(source)),
            Some(refresh_token),
        )
    }

    /// The transport with the client-credentials token, for Outbound
    /// endpoints not modelled here.
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
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
            encoding: TokenEncoding::default(),
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
        retry_policy: "Retry policy of reads (writes are never resent blindly).",
    }

    /// Scope of the client-credentials token (`client:admin` by default;
    /// `None` to send none).
    pub fn scope(mut self, scope: Option<String>) -> Self {
        self.scope = scope;
        self
    }

    /// Encoding of token requests (JSON by default, as in the seed).
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
        let token_url = auth_base
            .join("api/v1/token")
            .map_err(|e| Error::config(format!("token URL: {e}")))?;
        let oauth = OAuthClient {
            token_url,
            client_id,
            client_secret,
            encoding: self.encoding,
        };
        let admin = GrantSource::new(
            oauth.clone(),
            Grant::ClientCredentials { scope: self.scope },
        );
        let builder = self
            .settings
            .transport(Transport::builder(api_base).auth(BearerAuth::new(admin)));
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
