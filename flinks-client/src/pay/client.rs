//! [`PayClient`] and its builder; the single-use Pay token.

use std::sync::Arc;

use banking_core::auth::{ClientAuthMethod, ClientCredentials, SingleUse};
use banking_core::transport::{Environment, Request, Transport};
use banking_core::{Error, Result};
use url::Url;

use super::error::PayErrorDecoder;
use super::institutions::InstitutionsApi;
use super::payment_requests::PaymentRequestsApi;
use super::schedules::SchedulesApi;
use super::sessions::{SessionId, SessionsApi};
use super::transactions::TransactionsApi;
use crate::builder::{ClientSettings, client_settings};

/// Pay sandbox (EFT setup guide, research notes `[DOC]`).
pub const SANDBOX_URL: &str = "https://payments-uat.flinksapp.com/";
/// Pay production (EFT setup guide, research notes `[DOC]`).
pub const PRODUCTION_URL: &str = "https://payments.flinksapp.com/";

/// Client of Flinks Pay: EFT v1 transactions and v2 sessions (EFT, GEFT,
/// e-Transfer).
///
/// Pay tokens (`POST /api/v1/authorize`, Basic auth, `grant_type=client_credentials`)
/// are single-use: "a token can only initiate a single session". The client
/// therefore never caches one: every authenticated request gets a token of
/// its own (a retried read fetches a new one per attempt), under that
/// attempt's deadline. The session status endpoint needs no token and gets
/// none.
///
/// Cheap to clone; clones share the connection pool.
#[derive(Debug, Clone)]
pub struct PayClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: Transport,
    x_client_id: Option<String>,
}

impl banking_core::resource_handle::ResourceClient for PayClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

impl PayClient {
    /// A builder; credentials are required.
    pub fn builder() -> PayClientBuilder {
        PayClientBuilder::default()
    }

    /// Adds `x-client-id` when configured (declared by the v2 session spec).
    pub(crate) fn with_client_id(&self, request: Request) -> Request {
        match &self.inner.x_client_id {
            Some(id) => request.header("x-client-id", id.clone()),
            None => request,
        }
    }

    /// EFT v1 endpoints authenticate with `x-client-id` (and the bearer
    /// token); it must be configured.
    pub(crate) fn v1(&self, request: Request) -> Result<Request> {
        let id = self.inner.x_client_id.as_ref().ok_or_else(|| {
            Error::config(
                "EFT v1 endpoints need the x-client-id: call PayClientBuilder::x_client_id",
            )
        })?;
        Ok(request.header("x-client-id", id.clone()))
    }

    /// e-Transfer v1 (legacy) sessions.
    pub fn e_transfer_sessions(&self) -> super::e_transfer_sessions::ETransferSessionsApi<'_> {
        super::e_transfer_sessions::ETransferSessionsApi::new(self)
    }

    /// EFT v1 transactions.
    pub fn transactions(&self) -> TransactionsApi<'_> {
        TransactionsApi::new(self)
    }

    /// Payment requests.
    pub fn payment_requests(&self) -> PaymentRequestsApi<'_> {
        PaymentRequestsApi::new(self)
    }

    /// EFT schedules.
    pub fn schedules(&self) -> SchedulesApi<'_> {
        SchedulesApi::new(self)
    }

    /// Institutions supported by EFT.
    pub fn institutions(&self) -> InstitutionsApi<'_> {
        InstitutionsApi::new(self)
    }

    /// v2 sessions (EFT, GEFT, e-Transfer).
    pub fn sessions(&self) -> SessionsApi<'_> {
        SessionsApi::new(self)
    }

    /// The hosted Flinks Pay flow of a session: `{base}/app/?sessionId={id}`
    /// (research notes `[DOC]`). Open it in a browser or an iframe.
    pub fn hosted_flow_url(&self, session_id: &SessionId) -> Url {
        let mut url = self.inner.transport.base_url().clone();
        url.set_path(&format!("{}app/", url.path()));
        url.set_query(None);
        url.query_pairs_mut()
            .append_pair("sessionId", &session_id.to_string());
        url
    }

    /// The transport (per-request token, Pay error mapping), for endpoints
    /// not modelled here.
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }
}

/// Builds a [`PayClient`]; [`build`](Self::build) validates and needs no
/// runtime.
#[derive(Debug, Default)]
#[must_use]
pub struct PayClientBuilder {
    environment: Option<Environment>,
    x_client_id: Option<String>,
    settings: ClientSettings,
}

impl PayClientBuilder {
    /// Sandbox (the default), production, or any URL (a proxy, the testkit).
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    client_settings! {
        credentials: "Client id and secret for `POST /api/v1/authorize` (Basic auth).",
    }

    /// The `x-client-id` given at onboarding (needed by EFT v1 endpoints).
    pub fn x_client_id(mut self, x_client_id: impl Into<String>) -> Self {
        self.x_client_id = Some(x_client_id.into());
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(mut self) -> Result<PayClient> {
        let (client_id, client_secret) = self.settings.credentials("Pay")?;
        if let Some(id) = &self.x_client_id
            && id.trim().is_empty()
        {
            return Err(Error::config("x-client-id must not be empty"));
        }
        let base = self
            .environment
            .unwrap_or(Environment::Sandbox)
            .resolve(SANDBOX_URL, PRODUCTION_URL)?;
        let token_url = base
            .join("api/v1/authorize")
            .map_err(|e| Error::config(format!("Pay token URL: {e}")))?;
        let source = ClientCredentials::new(token_url, client_id, client_secret)
            .auth_method(ClientAuthMethod::Basic);
        let builder = Transport::builder(base)
            .auth(SingleUse::bearer(source))
            .error_decoder(Arc::new(PayErrorDecoder));
        let builder = self.settings.transport(builder);
        Ok(PayClient {
            inner: Arc::new(Inner {
                transport: builder.build()?,
                x_client_id: self.x_client_id,
            }),
        })
    }
}
