//! [`LinxoClient`], its builder, environments and the two auth modes.

use std::sync::Arc;

use banking_core::auth::{BearerAuth, ClientCredentials, PasswordGrant, TokenEncoding};
use banking_core::transport::{
    Transport, TransportSettings, required_credential, required_secret, with_trailing_slash,
};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use banking_core::transport::Environment;

use crate::accounts::Accounts;
use crate::categories::Categories;
use crate::connections::Connections;
use crate::error::LinxoErrorDecoder;
use crate::providers::Providers;
use crate::queues::Queues;
use crate::sync::SyncJobs;
use crate::transactions::Transactions;
use crate::users::Users;
use crate::widget::WidgetSessions;

/// Sandbox API base (API v2.1 on `oxlin.io`; research notes 2(b),
/// third-party configuration).
pub const SANDBOX_API_URL: &str = "https://sandbox-api.oxlin.io/v2.1/";
/// Production API base (API v2.1 on `oxlin.io`; research notes 2(b)).
pub const PRODUCTION_API_URL: &str = "https://api.oxlin.io/v2.1/";
/// Sandbox authorization server; tokens come from `{this}token`.
pub const SANDBOX_AUTH_URL: &str = "https://sandbox-auth.oxlin.io/";
/// Production authorization server; tokens come from `{this}token`.
pub const PRODUCTION_AUTH_URL: &str = "https://auth.oxlin.io/";
/// Sandbox widget host (the Linxo docs link
/// `https://sandbox-embed.oxlin.io/v2.1/widget/add_connection`).
pub const SANDBOX_EMBED_URL: &str = "https://sandbox-embed.oxlin.io/v2.1/";
/// Production widget host.
pub const PRODUCTION_EMBED_URL: &str = "https://embed.oxlin.io/v2.1/";

/// Scope of the client token: creating users (research notes 2(c),
/// third-party code).
pub const CLIENT_SCOPE: &str = "users_create";
/// Scope of the user token: the user's profile, accounts, connections,
/// syncs and transactions (research notes 2(c), third-party code).
pub const USER_SCOPE: &str =
    "profile profile_edit accounts_manage connections_manage connections_sync transactions_read";

/// Which token the client sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthMode {
    /// Client credentials: your application itself, to create users and, when
    /// Linxo granted the rights, to read every user's resources.
    Client,
    /// Resource-owner password: one user, for their resources and widget
    /// sessions.
    User,
}

/// A Linxo Connect Accounts API client.
///
/// Cheap to clone (an `Arc` inside); clones share the connection pool and
/// tokens. A client authenticates either as your application
/// ([`AuthMode::Client`]) or as one user ([`AuthMode::User`]); switch with
/// [`as_user`](Self::as_user) and [`as_client`](Self::as_client), which share
/// the pool and the client token.
#[derive(Debug, Clone)]
pub struct LinxoClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    shared: Arc<Shared>,
    /// The API transport carrying this mode's token.
    transport: Transport,
    user: Option<Arc<BearerAuth<PasswordGrant>>>,
}

/// What both modes share.
#[derive(Debug)]
struct Shared {
    /// The API transport with the client token.
    client_transport: Transport,
    client_auth: Arc<BearerAuth<ClientCredentials>>,
    /// The widget host; its calls carry credentials in the body, not a
    /// header.
    embed: Transport,
    token_url: Url,
    token_encoding: TokenEncoding,
    client_id: String,
    client_secret: SecretString,
    user_scope: String,
}

impl banking_core::resource_handle::ResourceClient for LinxoClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

impl LinxoClient {
    /// A builder; the client id and secret are required.
    pub fn builder() -> LinxoClientBuilder {
        LinxoClientBuilder::default()
    }

    /// Which token this client sends.
    pub fn mode(&self) -> AuthMode {
        match self.inner.user {
            Some(_) => AuthMode::User,
            None => AuthMode::Client,
        }
    }

    /// A client acting as the user `username` (the e-mail the user was
    /// created with), with a password-grant token fetched on first use and
    /// cached. Shares this client's pool; keep the returned client to reuse
    /// its token.
    pub fn as_user(
        &self,
        username: impl Into<String>,
        password: SecretString,
    ) -> banking_core::Result<LinxoClient> {
        let username = username.into();
        check_user(&username, &password)?;
        let shared = self.inner.shared.clone();
        let grant = PasswordGrant::new(
            shared.token_url.clone(),
            shared.client_id.clone(),
            Some(shared.client_secret.clone()),
            username,
            password,
        )
        .scope(shared.user_scope.clone())
        .encoding(shared.token_encoding);
        let auth = BearerAuth::new(grant);
        let transport = shared.client_transport.with_auth(auth.clone());
        Ok(LinxoClient {
            inner: Arc::new(Inner {
                shared,
                transport,
                user: Some(auth),
            }),
        })
    }

    /// A client acting as your application (client credentials), sharing
    /// this client's pool and client token.
    pub fn as_client(&self) -> LinxoClient {
        let shared = self.inner.shared.clone();
        LinxoClient {
            inner: Arc::new(Inner {
                transport: shared.client_transport.clone(),
                shared,
                user: None,
            }),
        }
    }

    /// Users: create, get, me, delete.
    pub fn users(&self) -> Users<'_> {
        Users::new(self)
    }

    /// Providers (financial institutions): list, get. Paths inferred.
    pub fn providers(&self) -> Providers<'_> {
        Providers::new(self)
    }

    /// Connections (with their channels): list, get.
    pub fn connections(&self) -> Connections<'_> {
        Connections::new(self)
    }

    /// Accounts: list, stream, get.
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(self)
    }

    /// Transactions: list, stream, get.
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions::new(self)
    }

    /// Transaction categories: list, get. Paths inferred.
    pub fn categories(&self) -> Categories<'_> {
        Categories::new(self)
    }

    /// Widget sessions and widget URLs (user mode).
    pub fn widget_sessions(&self) -> WidgetSessions<'_> {
        WidgetSessions::new(self)
    }

    /// On-demand synchronisation of connections. Paths inferred.
    pub fn sync(&self) -> SyncJobs<'_> {
        SyncJobs::new(self)
    }

    /// Event queues: subscribe and poll. Paths inferred.
    pub fn queues(&self) -> Queues<'_> {
        Queues::new(self)
    }

    /// The API transport, for endpoints this crate does not model: requests
    /// sent through it get this mode's token, retries and the Linxo error
    /// mapping.
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }

    /// Drops this mode's cached token; the next call fetches a new one.
    pub fn invalidate_token(&self) {
        match &self.inner.user {
            Some(user) => user.cache().invalidate(),
            None => self.inner.shared.client_auth.cache().invalidate(),
        }
    }

    pub(crate) fn embed(&self) -> &Transport {
        &self.inner.shared.embed
    }

    pub(crate) fn client_id(&self) -> &str {
        &self.inner.shared.client_id
    }

    pub(crate) fn client_secret(&self) -> &SecretString {
        &self.inner.shared.client_secret
    }

    /// The user's access token (cached, fetched by one caller when cold),
    /// for the widget session call that carries it in its body.
    pub(crate) async fn user_token(&self) -> banking_core::Result<SecretString> {
        let Some(user) = &self.inner.user else {
            return Err(banking_core::Error::validation(
                "mode",
                "this call needs a user token: use a client from as_user(...)",
            ));
        };
        user.cache()
            .token(&self.inner.transport.auth_context())
            .await
    }

    /// Drops the cached user token (the widget host refused it).
    pub(crate) fn invalidate_user_token(&self) {
        if let Some(user) = &self.inner.user {
            user.cache().invalidate();
        }
    }
}

fn check_user(username: &str, password: &SecretString) -> banking_core::Result<()> {
    if username.trim().is_empty() {
        return Err(banking_core::Error::validation(
            "username",
            "must not be empty",
        ));
    }
    if password.expose_secret().is_empty() {
        return Err(banking_core::Error::validation(
            "password",
            "must not be empty",
        ));
    }
    Ok(())
}

/// Configures a [`LinxoClient`]. [`build`](Self::build) validates
/// everything, needs no async runtime and starts no task.
///
/// Linxo uses three hosts: the API, the authorization server (`/token`) and
/// the widget host (`/widget/...`). [`Environment::Sandbox`] and
/// [`Environment::Production`] pick all three (API v2.1 on `oxlin.io`);
/// [`Environment::Custom`] points all three at one base URL (a proxy or a
/// simulator), unless [`auth_url`](Self::auth_url) or
/// [`embed_url`](Self::embed_url) say otherwise.
#[derive(Debug, Default)]
#[must_use]
pub struct LinxoClientBuilder {
    environment: Option<Environment>,
    auth_url: Option<Url>,
    embed_url: Option<Url>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    client_scope: Option<String>,
    user_scope: Option<String>,
    token_encoding: Option<TokenEncoding>,
    user: Option<(String, SecretString)>,
    transport: TransportSettings,
}

impl LinxoClientBuilder {
    /// Which Linxo to talk to (default: sandbox).
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// Your client id and secret (required); used for both token grants and
    /// for widget sessions.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        self.client_id = Some(client_id.into());
        self.client_secret = Some(client_secret);
        self
    }

    /// Builds a client in user mode for this user (default: client mode;
    /// see also [`LinxoClient::as_user`]).
    pub fn user(mut self, username: impl Into<String>, password: SecretString) -> Self {
        self.user = Some((username.into(), password));
        self
    }

    /// The authorization server's base URL; tokens come from `{url}/token`.
    pub fn auth_url(mut self, url: Url) -> Self {
        self.auth_url = Some(url);
        self
    }

    /// The widget host's base URL (`{url}/widget/...`).
    pub fn embed_url(mut self, url: Url) -> Self {
        self.embed_url = Some(url);
        self
    }

    /// The client token's scope (default [`CLIENT_SCOPE`]).
    pub fn client_scope(mut self, scope: impl Into<String>) -> Self {
        self.client_scope = Some(scope.into());
        self
    }

    /// The user tokens' scope (default [`USER_SCOPE`]).
    pub fn user_scope(mut self, scope: impl Into<String>) -> Self {
        self.user_scope = Some(scope.into());
        self
    }

    /// How token requests are encoded (default
    /// [`TokenEncoding::Form`], as OAuth2 specifies). Sources conflict:
    /// one published connector posts JSON to `/token`, others send a form
    /// (research notes 2(c)); switch if your deployment asks for JSON.
    pub fn token_encoding(mut self, encoding: TokenEncoding) -> Self {
        self.token_encoding = Some(encoding);
        self
    }

    // Writes without an idempotency key are never resent after they may
    // have reached the server, whatever the retry policy.
    banking_core::transport_settings!(transport);

    /// Checks the configuration and builds the client.
    pub fn build(self) -> banking_core::Result<LinxoClient> {
        let client_id = required_credential("the Linxo client id", self.client_id)?;
        let client_secret = required_secret("the Linxo client secret", self.client_secret)?;
        let environment = self.environment.unwrap_or(Environment::Sandbox);
        let api = environment.resolve(SANDBOX_API_URL, PRODUCTION_API_URL)?;
        let auth = match self.auth_url {
            Some(url) => with_trailing_slash(url),
            None => environment.resolve(SANDBOX_AUTH_URL, PRODUCTION_AUTH_URL)?,
        };
        let embed = match self.embed_url {
            Some(url) => with_trailing_slash(url),
            None => environment.resolve(SANDBOX_EMBED_URL, PRODUCTION_EMBED_URL)?,
        };
        for (what, url) in [("auth", &auth), ("widget", &embed)] {
            self.transport.check_url(what, url)?;
        }
        let token_url = auth
            .join("token")
            .map_err(|e| banking_core::Error::config(format!("invalid auth URL: {e}")))?;

        let builder = Transport::builder(api)
            // Linxo documents no idempotency key: a resent POST /users
            // could create a second user.
            .without_idempotency_keys()
            .error_decoder(Arc::new(LinxoErrorDecoder))
            .default_header("accept", "application/json")
            .user_agent(concat!("linxo-client/", env!("CARGO_PKG_VERSION")));
        let builder = self.transport.apply(builder);
        let anonymous = builder.build()?;
        let token_encoding = self.token_encoding.unwrap_or_default();
        let client_auth = BearerAuth::new(
            ClientCredentials::new(token_url.clone(), client_id.clone(), client_secret.clone())
                .scope(self.client_scope.unwrap_or_else(|| CLIENT_SCOPE.to_owned()))
                .encoding(token_encoding),
        );
        let shared = Arc::new(Shared {
            client_transport: anonymous.with_auth(client_auth.clone()),
            client_auth,
            embed: anonymous.with_base_url(embed),
            token_url,
            token_encoding,
            client_id,
            client_secret,
            user_scope: self.user_scope.unwrap_or_else(|| USER_SCOPE.to_owned()),
        });
        let client = LinxoClient {
            inner: Arc::new(Inner {
                transport: shared.client_transport.clone(),
                shared,
                user: None,
            }),
        };
        match self.user {
            Some((username, password)) => client.as_user(username, password),
            None => Ok(client),
        }
    }
}
