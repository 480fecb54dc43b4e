//! [`LynksClient`], its builder, credentials and environments.

use std::fmt;
use std::sync::Arc;

use banking_core::auth::{BearerAuth, PasswordGrant};
use banking_core::transport::{
    Transport, TransportSettings, base_url_template, missing_credential,
};
use banking_core::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use banking_core::transport::Environment;

use crate::account_groups::AccountGroups;
use crate::accounts::Accounts;
use crate::balances::Balances;
use crate::counterparties::Counterparties;
use crate::counterparty_groups::CounterpartyGroups;
use crate::credit_notes::CreditNotes;
use crate::credit_transfers::CreditTransfers;
use crate::direct_debits::DirectDebits;
use crate::error::LynksErrorDecoder;
use crate::invoices::Invoices;
use crate::payment_categories::PaymentCategories;
use crate::transactions::Transactions;

/// Sandbox host per tenant (API overview page, "Environments").
///
/// The UI getting-started page names the sandbox `uat-{tenant}` instead
/// (research notes 1(b), conflicting sources): if yours lives there, pass
/// its URL as [`Environment::Custom`].
pub const SANDBOX_URL_TEMPLATE: &str = "https://test-{tenant}.lynks.lu/";

/// Production host per tenant (API overview page, "Environments").
pub const PRODUCTION_URL_TEMPLATE: &str = "https://{tenant}.lynks.lu/";

/// Token endpoint, relative to the tenant host.
///
/// The REST conventions page calls it `/token`; the full path prefix is not
/// in the archived docs (research notes 1(b)). Override it with
/// [`LynksClientBuilder::token_url`] when your onboarding names another.
pub const TOKEN_PATH: &str = "token";

/// The credentials handed out at onboarding (authentication page): a
/// technical user's `username` and `password`, and the tenant's OAuth2
/// `client_id`.
///
/// The password (and the optional client secret) are [`SecretString`]s and
/// never appear in `Debug` output, errors or logs.
#[derive(Clone)]
pub struct LynksCredentials {
    client_id: String,
    username: String,
    password: SecretString,
    client_secret: Option<SecretString>,
}

impl fmt::Debug for LynksCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LynksCredentials")
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field("password", &"[REDACTED]")
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

impl LynksCredentials {
    /// A technical user of the tenant whose OAuth2 client is `client_id`.
    pub fn new(
        client_id: impl Into<String>,
        username: impl Into<String>,
        password: SecretString,
    ) -> Self {
        LynksCredentials {
            client_id: client_id.into(),
            username: username.into(),
            password,
            client_secret: None,
        }
    }

    /// A client secret, sent with the token request.
    ///
    /// The docs mention none, which suggests a public OAuth2 client
    /// (research notes 1(b), inferred); set one only if your onboarding
    /// gave you one.
    pub fn client_secret(mut self, secret: SecretString) -> Self {
        self.client_secret = Some(secret);
        self
    }

    fn validate(&self) -> Result<()> {
        for (field, value) in [
            ("client_id", self.client_id.as_str()),
            ("username", self.username.as_str()),
            ("password", self.password.expose_secret()),
        ] {
            if value.trim().is_empty() {
                return Err(missing_credential(&format!("LYNKS {field}")));
            }
        }
        Ok(())
    }
}

/// A client of one LYNKS tenant.
///
/// Cheap to clone (an `Arc` inside): clones share the connection pool and
/// the token. Calls are grouped by resource, as the API groups them:
///
/// | Payments API | Invoicing API |
/// |---|---|
/// | [`accounts`](Self::accounts), [`account_groups`](Self::account_groups), [`balances`](Self::balances), [`transactions`](Self::transactions) | [`invoices`](Self::invoices) |
/// | [`counterparties`](Self::counterparties), [`counterparty_groups`](Self::counterparty_groups), [`payment_categories`](Self::payment_categories) | [`credit_notes`](Self::credit_notes) |
/// | [`credit_transfers`](Self::credit_transfers), [`direct_debits`](Self::direct_debits) | |
///
/// The client logs in by itself (OAuth2 password grant), refreshes the
/// token with the refresh token ahead of expiry, and logs in again once
/// when the API answers 401.
#[derive(Debug, Clone)]
pub struct LynksClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: Transport,
    auth: Arc<BearerAuth<PasswordGrant>>,
}

impl LynksClient {
    /// A builder; a tenant (or a custom URL) and credentials are required.
    pub fn builder() -> LynksClientBuilder {
        LynksClientBuilder::default()
    }

    /// Ordering party accounts: your own bank accounts.
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(self)
    }

    /// Groups of ordering party accounts (paths inferred).
    pub fn account_groups(&self) -> AccountGroups<'_> {
        AccountGroups::new(self)
    }

    /// Statement balances of an ordering party account.
    pub fn balances(&self) -> Balances<'_> {
        Balances::new(self)
    }

    /// Statement transaction entries of an ordering party account, with the
    /// FX fields.
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions::new(self)
    }

    /// Counterparty accounts: beneficiaries and payers.
    pub fn counterparties(&self) -> Counterparties<'_> {
        Counterparties::new(self)
    }

    /// Groups of counterparties (paths inferred).
    pub fn counterparty_groups(&self) -> CounterpartyGroups<'_> {
        CounterpartyGroups::new(self)
    }

    /// Payment categories, required on every payment.
    pub fn payment_categories(&self) -> PaymentCategories<'_> {
        PaymentCategories::new(self)
    }

    /// Credit transfers (payments).
    pub fn credit_transfers(&self) -> CreditTransfers<'_> {
        CreditTransfers::new(self)
    }

    /// SEPA direct debits (collections; paths inferred).
    pub fn direct_debits(&self) -> DirectDebits<'_> {
        DirectDebits::new(self)
    }

    /// Invoices sent and received over Peppol.
    pub fn invoices(&self) -> Invoices<'_> {
        Invoices::new(self)
    }

    /// Credit notes sent and received over Peppol.
    pub fn credit_notes(&self) -> CreditNotes<'_> {
        CreditNotes::new(self)
    }

    /// The transport, for endpoints this crate does not model: requests
    /// sent through it get the same token, retries and LYNKS error mapping.
    /// Paths are relative to the tenant host (`/v2/...`).
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }

    /// Drops the cached token: the next call logs in again.
    pub fn invalidate_token(&self) {
        self.inner.auth.cache().invalidate();
    }
}

impl banking_core::resource_handle::ResourceClient for LynksClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

/// Configures a [`LynksClient`]. [`build`](Self::build) validates
/// everything, needs no async runtime and starts no task.
#[derive(Debug, Default)]
#[must_use]
pub struct LynksClientBuilder {
    tenant: Option<String>,
    environment: Option<Environment>,
    credentials: Option<LynksCredentials>,
    token_url: Option<Url>,
    transport: TransportSettings,
}

impl LynksClientBuilder {
    /// Your tenant name, as in `https://{tenant}.lynks.lu` (required for
    /// the sandbox and production; not used with a custom URL). Only
    /// letters, digits and inner hyphens are accepted, so a tenant can
    /// never change the host.
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// Which deployment to talk to (default: the sandbox).
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// The technical user's credentials (required).
    pub fn credentials(mut self, credentials: LynksCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The token endpoint (default: [`TOKEN_PATH`] on the tenant host).
    pub fn token_url(mut self, url: Url) -> Self {
        self.token_url = Some(url);
        self
    }

    // Creates are never resent whatever the retry policy: LYNKS documents
    // no idempotency key, so a create that may have reached the server
    // fails with `Error::OutcomeUnknown` instead.
    banking_core::transport_settings!(transport);

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<LynksClient> {
        let credentials = self
            .credentials
            .ok_or_else(|| missing_credential("LYNKS credentials"))?;
        credentials.validate()?;
        let environment = self.environment.unwrap_or(Environment::Sandbox);
        let base_url = match &environment {
            Environment::Sandbox => tenant_url(SANDBOX_URL_TEMPLATE, self.tenant.as_deref())?,
            Environment::Production => tenant_url(PRODUCTION_URL_TEMPLATE, self.tenant.as_deref())?,
            // Custom URLs (mocks, proxies, a `uat-` sandbox) are used as given.
            other => other.resolve("", "")?,
        };
        let token_url = match self.token_url {
            Some(url) => url,
            None => base_url
                .join(TOKEN_PATH)
                .map_err(|e| Error::config(format!("cannot derive the token URL: {e}")))?,
        };
        self.transport.check_url("token", &token_url)?;
        let grant = PasswordGrant::new(
            token_url,
            credentials.client_id,
            credentials.client_secret,
            credentials.username,
            credentials.password,
        );
        let auth = BearerAuth::new(grant);
        let builder = Transport::builder(base_url)
            // LYNKS documents no idempotency key: a resent payment could
            // execute twice, so keyed calls are refused.
            .without_idempotency_keys()
            .auth(auth.clone())
            .error_decoder(Arc::new(LynksErrorDecoder))
            .default_header("accept", "application/json")
            .user_agent(concat!("lynks-client/", env!("CARGO_PKG_VERSION")));
        let builder = self.transport.apply(builder);
        Ok(LynksClient {
            inner: Arc::new(Inner {
                transport: builder.build()?,
                auth,
            }),
        })
    }
}

/// Fills a tenant host template; the tenant must be a DNS label once
/// prefixed (`test-` takes 5 of its 63 characters).
fn tenant_url(template: &str, tenant: Option<&str>) -> Result<Url> {
    let tenant = tenant.ok_or_else(|| {
        Error::config("a LYNKS tenant is required for the sandbox and production")
    })?;
    let label_ok = tenant.len() <= 58
        && !tenant.starts_with('-')
        && !tenant.ends_with('-')
        && tenant
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !label_ok {
        return Err(Error::validation(
            "tenant",
            "must be 1 to 58 letters, digits or inner hyphens",
        ));
    }
    base_url_template(template, &[("tenant", tenant)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials() -> LynksCredentials {
        LynksCredentials::new("acme-api", "api-user", SecretString::from("pw"))
    }

    #[test]
    fn tenant_hosts() {
        let url = tenant_url(SANDBOX_URL_TEMPLATE, Some("acme")).unwrap();
        assert_eq!(url.as_str(), "https://test-acme.lynks.lu/");
        let url = tenant_url(PRODUCTION_URL_TEMPLATE, Some("acme-2")).unwrap();
        assert_eq!(url.as_str(), "https://acme-2.lynks.lu/");
        for bad in [
            "",
            "-acme",
            "acme-",
            "ac_me",
            "acme.evil.com",
            "a/b",
            "a@b",
            &"a".repeat(59),
        ] {
            let err = tenant_url(SANDBOX_URL_TEMPLATE, Some(bad)).unwrap_err();
            assert!(err.is_validation(), "{bad:?}: {err}");
        }
        assert!(matches!(
            tenant_url(SANDBOX_URL_TEMPLATE, None),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn build_checks_credentials() {
        let err = LynksClient::builder().tenant("acme").build().unwrap_err();
        assert!(matches!(err, Error::Config(_)));
        let err = LynksClient::builder()
            .tenant("acme")
            .credentials(LynksCredentials::new("", "u", SecretString::from("p")))
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("client_id"), "{err}");
        let err = LynksClient::builder()
            .tenant("acme")
            .credentials(LynksCredentials::new("c", "u", SecretString::from(" ")))
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("password"), "{err}");
    }

    #[test]
    fn environments_and_token_url() {
        let client = LynksClient::builder()
            .tenant("acme")
            .credentials(credentials())
            .build()
            .unwrap();
        assert_eq!(
            client.raw().base_url().as_str(),
            "https://test-acme.lynks.lu/"
        );
        let client = LynksClient::builder()
            .tenant("acme")
            .environment(Environment::Production)
            .credentials(credentials())
            .build()
            .unwrap();
        assert_eq!(client.raw().base_url().as_str(), "https://acme.lynks.lu/");
        let custom = LynksClient::builder()
            .environment(Environment::Custom(
                "https://uat-acme.lynks.lu".parse().unwrap(),
            ))
            .credentials(credentials())
            .build()
            .unwrap();
        assert_eq!(
            custom.raw().base_url().as_str(),
            "https://uat-acme.lynks.lu/"
        );
        let err = LynksClient::builder()
            .tenant("acme")
            .credentials(credentials())
            .token_url("ftp://acme.lynks.lu/token".parse().unwrap())
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)));
    }

    #[test]
    fn debug_hides_secrets() {
        let creds = credentials().client_secret(SecretString::from("client-s3cret"));
        let dbg = format!("{creds:?}");
        assert!(dbg.contains("api-user"));
        assert!(!dbg.contains("client-s3cret"));
        assert!(!dbg.contains("\"pw\""));
    }
}
