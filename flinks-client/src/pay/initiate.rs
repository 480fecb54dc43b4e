//! Flinks Pay "Initiate Payment Session" on the Pay API host:
//! `POST https://api.flinks.com/v2/pay/sessions/initiate` with `x-api-key`
//! (seed, "Initiate Payment Session API Call", from docs.flinks.com
//! `skill.md`).
//!
//! This host and key differ from the payments host of [`PayClient`]
//! (`payments[-uat].flinksapp.com`, single-use Bearer token), so the call
//! has a client of its own, [`PayApiClient`]. The research notes found the
//! endpoint in no other source; it is modelled exactly as the seed shows
//! it. The seed names no sandbox host: build with
//! [`Environment::Production`] or [`Environment::Custom`].
//!
//! [`PayClient`]: super::PayClient

use std::sync::Arc;

use banking_core::auth::ApiKeyHeader;
use banking_core::money::Currency;
use banking_core::transport::{Environment, Request, Transport, TransportSettings};
use banking_core::{Error, Result};
use rust_decimal::Decimal;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::error::PayErrorDecoder;
use super::parties::{amount, non_blank};
use crate::builder::USER_AGENT;

/// The Pay API host of the seed's curl sample.
pub const PAY_API_URL: &str = "https://api.flinks.com/";

const INITIATE_PATH: &str = "v2/pay/sessions/initiate";

banking_core::string_id! {
    /// The Pay API's `customerId`: your Flinks customer id, sent as given
    /// (the seed shows a placeholder and states no format).
    PayCustomerId
}

banking_core::string_id! {
    /// The Pay API's `requestId`: the `RequestId` of an authorized session,
    /// sent as given (the seed states no format).
    PayRequestId
}

/// The body of "Initiate Payment Session".
///
/// The seed's sample shows `customerId` and `requestId` as placeholders
/// (`YOUR_CUSTOMER_ID`, `YOUR_REQUEST_ID`) and states no format for them,
/// so they are sent as given: your Flinks customer id and the `RequestId`
/// of an authorized session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[must_use]
pub struct InitiatePaymentSession {
    /// Your customer id.
    pub customer_id: PayCustomerId,
    /// The session (`RequestId`) the payment belongs to.
    pub request_id: PayRequestId,
    /// Amount, exact, sent as a JSON number with its scale (`100.00`).
    #[serde(with = "banking_core::money::wire::exact_number")]
    pub amount: Decimal,
    /// Currency.
    pub currency: Currency,
    /// What the payment is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl InitiatePaymentSession {
    /// A session for `amount` in `currency`.
    pub fn new(
        customer_id: PayCustomerId,
        request_id: PayRequestId,
        amount: Decimal,
        currency: Currency,
    ) -> Self {
        Self {
            customer_id,
            request_id,
            amount,
            currency,
            description: None,
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Checks the request before it is sent: ids present, a positive
    /// amount in cents.
    pub fn validate(&self) -> Result<()> {
        non_blank("customerId", self.customer_id.as_str())?;
        non_blank("requestId", self.request_id.as_str())?;
        banking_core::validate::currency("currency", self.currency)?;
        amount("amount", self.amount)
    }
}

/// What "Initiate Payment Session" returns: the `sessionId` used by the
/// following payment steps (its format is not documented, so it is kept
/// as text). Other members are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InitiatedPaymentSession {
    /// The new payment session.
    pub session_id: String,
    /// Members the seed does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Client of the Pay API host (`api.flinks.com`), authenticated with
/// `x-api-key`.
///
/// Cheap to clone; clones share the connection pool.
#[derive(Debug, Clone)]
pub struct PayApiClient {
    transport: Arc<Transport>,
}

impl PayApiClient {
    /// A builder; the API key and an environment are required.
    pub fn builder() -> PayApiClientBuilder {
        PayApiClientBuilder::default()
    }

    /// `POST v2/pay/sessions/initiate`.
    ///
    /// Validated first; never resent automatically (a repeat could open a
    /// second session): an ambiguous failure is reported as outcome-unknown.
    pub async fn initiate_session(
        &self,
        request: &InitiatePaymentSession,
    ) -> Result<InitiatedPaymentSession> {
        request.validate()?;
        let http = Request::post(INITIATE_PATH).json(request)?;
        self.transport.send_json(http).await
    }

    /// The transport, for endpoints of this host not modelled here.
    pub fn raw(&self) -> &Transport {
        &self.transport
    }
}

/// Builds a [`PayApiClient`].
#[derive(Debug, Default)]
#[must_use]
pub struct PayApiClientBuilder {
    environment: Option<Environment>,
    api_key: Option<SecretString>,
    transport: TransportSettings,
}

impl PayApiClientBuilder {
    /// [`Environment::Production`] (`https://api.flinks.com/`) or a custom
    /// URL; [`Environment::Sandbox`] is refused because no sandbox host is
    /// documented.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// The `x-api-key` Flinks gave you.
    pub fn api_key(mut self, api_key: SecretString) -> Self {
        self.api_key = Some(api_key);
        self
    }

    // Writes are never resent blindly, whatever the retry policy.
    banking_core::transport_settings!(transport);

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<PayApiClient> {
        let base = match self.environment {
            None | Some(Environment::Sandbox) => {
                return Err(Error::config(
                    "the Pay API host has no documented sandbox: use Environment::Production or Environment::Custom",
                ));
            }
            Some(environment) => environment.resolve(PAY_API_URL, PAY_API_URL)?,
        };
        let api_key = self
            .api_key
            .ok_or_else(|| Error::config("the Pay API needs the x-api-key: call api_key"))?;
        let builder = Transport::builder(base)
            .auth(ApiKeyHeader::new("x-api-key", api_key)?)
            .error_decoder(Arc::new(PayErrorDecoder))
            .user_agent(USER_AGENT);
        Ok(PayApiClient {
            transport: Arc::new(self.transport.apply(builder).build()?),
        })
    }
}
