//! [`LinkcyClient`] and its builder.

use std::sync::Arc;

use banking_core::auth::BearerAuth;
use banking_core::transport::{Request, Transport, TransportSettings, missing_credential};
use serde::de::DeserializeOwned;

pub use banking_core::transport::Environment;

use crate::auth::{Auth, LinkcyCredentials, LinkcyTokenSource};
use crate::beneficiaries::Beneficiaries;
use crate::card_profiles::CardProfiles;
use crate::cards::Cards;
use crate::consumers::Consumers;
use crate::corporate_related::CorporateRelated;
use crate::corporates::Corporates;
use crate::error::LinkcyErrorDecoder;
use crate::kyc::KycRequests;
use crate::ledgers::Ledgers;
use crate::mandates::Mandates;
use crate::passwords::Passwords;
use crate::sca::{LinkcyScaOutcome, SCA_HEADERS, ScaOptions};
use crate::sca_devices::ScaDevices;
use crate::transactions::Transactions;
use crate::webhook_portal::WebhookPortal;

/// The sandbox base URL ("Generated server url" in the docs).
pub const SANDBOX_URL: &str = "https://api.sandbox.linkcy.cloud/";

/// A Linkcy partner API client.
///
/// Cheap to clone (an `Arc` inside): clones share the connection pool and
/// the token. Calls are grouped by resource: [`transactions`](Self::transactions),
/// [`ledgers`](Self::ledgers), [`beneficiaries`](Self::beneficiaries),
/// [`mandates`](Self::mandates), [`cards`](Self::cards),
/// [`consumers`](Self::consumers), [`corporates`](Self::corporates) and
/// [`auth`](Self::auth).
#[derive(Debug, Clone)]
pub struct LinkcyClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: Transport,
    auth: Arc<BearerAuth<LinkcyTokenSource>>,
}

impl LinkcyClient {
    /// A builder; credentials are required.
    pub fn builder() -> LinkcyClientBuilder {
        LinkcyClientBuilder::default()
    }

    /// Transactions: list, stream, get, transfers and direct debits.
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions::new(self)
    }

    /// Ledgers: list, stream, create, get.
    pub fn ledgers(&self) -> Ledgers<'_> {
        Ledgers::new(self)
    }

    /// Beneficiaries: list, stream, create (might require SCA).
    pub fn beneficiaries(&self) -> Beneficiaries<'_> {
        Beneficiaries::new(self)
    }

    /// Direct-debit mandates: list, stream, create, get, activate, cancel.
    pub fn mandates(&self) -> Mandates<'_> {
        Mandates::new(self)
    }

    /// Cards: list, stream, create, get, rules (creation and rules might
    /// require SCA).
    pub fn cards(&self) -> Cards<'_> {
        Cards::new(self)
    }

    /// Card profiles: create, default rules.
    pub fn card_profiles(&self) -> CardProfiles<'_> {
        CardProfiles::new(self)
    }

    /// Consumers: list, stream, get, create.
    pub fn consumers(&self) -> Consumers<'_> {
        Consumers::new(self)
    }

    /// Corporates: list, stream, create.
    pub fn corporates(&self) -> Corporates<'_> {
        Corporates::new(self)
    }

    /// A person or company related to a corporate: patch.
    pub fn corporate_related(&self) -> CorporateRelated<'_> {
        CorporateRelated::new(self)
    }

    /// KYC requests: create, simulate (sandbox), get, list, stream.
    pub fn kyc(&self) -> KycRequests<'_> {
        KycRequests::new(self)
    }

    /// Password reset.
    pub fn passwords(&self) -> Passwords<'_> {
        Passwords::new(self)
    }

    /// SCA device enrolment and removal.
    pub fn sca_devices(&self) -> ScaDevices<'_> {
        ScaDevices::new(self)
    }

    /// The webhook (SVIX) portal URL.
    pub fn webhook_portal(&self) -> WebhookPortal<'_> {
        WebhookPortal::new(self)
    }

    /// Login and refresh as typed calls (the client logs in by itself).
    pub fn auth(&self) -> Auth<'_> {
        Auth::new(self)
    }

    /// The transport, for endpoints this crate does not model yet: requests
    /// sent through it get the same authentication, retries and Linkcy error
    /// mapping.
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }

    /// Drop the cached token: the next call logs in (or refreshes) again.
    pub fn invalidate_token(&self) {
        self.inner.auth.cache().invalidate();
    }

    /// Send an operation that might require SCA, with the SCA headers of
    /// `sca`; a 202 becomes [`ScaOutcome::Pending`](crate::ScaOutcome::Pending).
    pub(crate) async fn send_sca<T: DeserializeOwned>(
        &self,
        request: Request,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<T>> {
        let request = sca.apply(request, &SCA_HEADERS);
        banking_core::sca::send_with_sca(&self.inner.transport, request, SCA_HEADERS).await
    }
}

impl banking_core::resource_handle::ResourceClient for LinkcyClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

/// Configures a [`LinkcyClient`]. [`build`](Self::build) validates
/// everything, needs no async runtime and starts no task.
#[derive(Debug, Default)]
#[must_use]
pub struct LinkcyClientBuilder {
    environment: Option<Environment>,
    credentials: Option<LinkcyCredentials>,
    transport: TransportSettings,
}

impl LinkcyClientBuilder {
    /// Which Linkcy to talk to (default: sandbox).
    ///
    /// Linkcy's production URL is handed out with production credentials
    /// and is not in the public docs, so [`Environment::Production`] is
    /// refused by [`build`](Self::build): pass it as
    /// [`Environment::Custom`].
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// How to authenticate (required).
    pub fn credentials(mut self, credentials: LinkcyCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    // Writes that may move money are never resent, whatever the retry
    // policy.
    banking_core::transport_settings!(transport);

    /// Check the configuration and build the client.
    pub fn build(self) -> banking_core::Result<LinkcyClient> {
        let credentials = self
            .credentials
            .ok_or_else(|| missing_credential("Linkcy credentials"))?;
        credentials.validate()?;
        let environment = self.environment.unwrap_or(Environment::Sandbox);
        if environment == Environment::Production {
            return Err(banking_core::Error::config(
                "Linkcy's production URL is not publicly documented; pass the URL Linkcy gave you as Environment::Custom",
            ));
        }
        let base_url = environment.resolve(SANDBOX_URL, SANDBOX_URL)?;
        let builder = Transport::builder(base_url)
            .error_decoder(Arc::new(LinkcyErrorDecoder))
            .user_agent(concat!("linkcy-client/", env!("CARGO_PKG_VERSION")));
        // Logins go through the same transport, under the deadline of the
        // call that needs the token.
        let auth = BearerAuth::new(LinkcyTokenSource::new(credentials));
        let transport = self.transport.apply(builder.auth(auth.clone())).build()?;
        Ok(LinkcyClient {
            inner: Arc::new(Inner { transport, auth }),
        })
    }
}
