//! [`FlinksClient`]: the client of the private.fin.ag APIs (Connect, Enrich,
//! Upload), and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use banking_core::auth::ApiKeyHeader;
#[cfg(any(feature = "connect", feature = "upload"))]
use banking_core::auth::StaticBearer;
use banking_core::transport::{
    Environment, RequestAuth, Transport, TransportSettings, base_url_template, required_secret,
    with_trailing_slash,
};
use banking_core::{Error, Result};
use secrecy::SecretString;
use url::Url;

use crate::error::FlinksErrorDecoder;
use crate::ids::CustomerId;

/// `{instance}-api.private.fin.ag`, with your customer id as the base path.
const BASE_TEMPLATE: &str = "https://{instance}-api.private.fin.ag/v3/{customerId}/";
/// Flinks' public sandbox instance.
const SANDBOX_INSTANCE: &str = "toolbox";
/// The Wealth (Investments) API's host: `{instanceWealth}-api.private.fin.ag`
/// (research notes `[DOC]`, openapi-wealth.yaml; default `toolbox-wealth`).
#[cfg(feature = "connect")]
const WEALTH_SUFFIX: &str = "-wealth";
/// Flinks answers a synchronous call within 210 s, then moves it to the
/// background (`OPERATION_DISPATCHED`); attempts must outlast that.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(240);

/// Client of the Flinks private.fin.ag APIs: Connect, Enrich and Upload.
///
/// Cheap to clone (an `Arc` inside); clones share one connection pool. Built
/// with [`FlinksClient::builder`]. Outbound and Pay have their own clients:
/// other hosts, other credentials.
#[derive(Clone)]
pub struct FlinksClient {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    /// The same transport on the Wealth host.
    #[cfg(feature = "connect")]
    wealth_transport: Transport,
    customer_id: CustomerId,
    /// `flinks-auth-key: <secret key>` (GenerateAuthorizeToken).
    #[cfg(feature = "connect")]
    secret_key: Arc<ApiKeyHeader>,
    /// `Authorization: Bearer <secret key>` (nightly status, Upload).
    #[cfg(any(feature = "connect", feature = "upload"))]
    secret_bearer: Arc<StaticBearer>,
    /// `x-api-key` (data endpoints), when configured.
    api_key: Option<Arc<ApiKeyHeader>>,
}

impl fmt::Debug for FlinksClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut f = f.debug_struct("FlinksClient");
        f.field("base_url", &self.inner.transport.base_url().as_str());
        #[cfg(feature = "connect")]
        f.field(
            "wealth_url",
            &self.inner.wealth_transport.base_url().as_str(),
        );
        f.field("customer_id", &self.inner.customer_id)
            .field(
                "api_key",
                &self.inner.api_key.as_ref().map(|_| "[REDACTED]"),
            )
            .finish_non_exhaustive()
    }
}

impl banking_core::resource_handle::ResourceClient for FlinksClient {
    fn transport(&self) -> &Transport {
        &self.inner.transport
    }
}

impl FlinksClient {
    /// Starts a builder (sandbox environment by default).
    pub fn builder() -> FlinksClientBuilder {
        FlinksClientBuilder::default()
    }

    /// The Connect API.
    #[cfg(feature = "connect")]
    pub fn connect(&self) -> crate::connect::Connect<'_> {
        crate::connect::Connect::new(self)
    }

    /// The Enrich (attributes) API.
    #[cfg(feature = "enrich")]
    pub fn enrich(&self) -> crate::enrich::Enrich<'_> {
        crate::enrich::Enrich::new(self)
    }

    /// The Upload (attributes from your own transactions) API.
    #[cfg(feature = "upload")]
    pub fn upload(&self) -> crate::upload::Upload<'_> {
        crate::upload::Upload::new(self)
    }

    /// Your customer id.
    pub fn customer_id(&self) -> CustomerId {
        self.inner.customer_id
    }

    /// The transport, to send requests this crate does not model yet with
    /// the same retry, error mapping and tracing. Paths are relative to
    /// `.../v3/{customerId}/`; pass the credential with
    /// [`Request::auth`](banking_core::transport::Request::auth).
    pub fn raw(&self) -> &Transport {
        &self.inner.transport
    }

    /// The transport on the Wealth host (`{instance}-wealth-api...`).
    #[cfg(feature = "connect")]
    pub(crate) fn wealth_transport(&self) -> &Transport {
        &self.inner.wealth_transport
    }

    /// `flinks-auth-key: <secret key>`.
    #[cfg(feature = "connect")]
    pub(crate) fn secret_key_auth(&self) -> RequestAuth {
        RequestAuth::With(self.inner.secret_key.clone())
    }

    /// `Authorization: Bearer <secret key>`.
    #[cfg(any(feature = "connect", feature = "upload"))]
    pub(crate) fn secret_bearer_auth(&self) -> RequestAuth {
        RequestAuth::With(self.inner.secret_bearer.clone())
    }

    /// `x-api-key`, or a configuration error naming the endpoint that needs
    /// it (raised before anything is sent).
    #[cfg(any(feature = "connect", feature = "enrich"))]
    pub(crate) fn api_key_auth(&self, endpoint: &str) -> Result<RequestAuth> {
        match &self.inner.api_key {
            Some(key) => Ok(RequestAuth::With(key.clone())),
            None => Err(Error::config(format!(
                "{endpoint} needs the x-api-key: set it with FlinksClientBuilder::api_key"
            ))),
        }
    }
}

/// Builder of [`FlinksClient`]. `build()` validates everything and needs no
/// async runtime.
///
/// ```
/// use banking_core::transport::Environment;
/// use flinks_client::FlinksClient;
/// use secrecy::SecretString;
///
/// let client = FlinksClient::builder()
///     .environment(Environment::Production)
///     .instance("acme")
///     .customer_id("43387ca6-0391-4c82-857d-70d95f087ecb".parse().unwrap())
///     .secret_key(SecretString::from("secret"))
///     .api_key(SecretString::from("api-key"))
///     .build()
///     .unwrap();
/// assert_eq!(
///     client.raw().base_url().as_str(),
///     "https://acme-api.private.fin.ag/v3/43387ca6-0391-4c82-857d-70d95f087ecb/"
/// );
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct FlinksClientBuilder {
    environment: Option<Environment>,
    instance: Option<String>,
    wealth_instance: Option<String>,
    customer_id: Option<CustomerId>,
    secret_key: Option<SecretString>,
    api_key: Option<SecretString>,
    transport: TransportSettings,
}

impl FlinksClientBuilder {
    /// Where to connect:
    /// - `Sandbox` (default): instance `toolbox` unless [`instance`](Self::instance) says otherwise;
    /// - `Production`: your instance, which [`instance`](Self::instance) must name;
    /// - `Custom(url)`: any server standing in for `https://{instance}-api.private.fin.ag`
    ///   (a proxy, the testkit); `v3/{customerId}/` is appended to its path.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// Your instance name, the `{instance}` of `{instance}-api.private.fin.ag`.
    pub fn instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// The instance of the Wealth (Investments) API, the `{instanceWealth}`
    /// of `{instanceWealth}-api.private.fin.ag`. Defaults to the instance
    /// followed by `-wealth` (`toolbox-wealth` in the sandbox, as the
    /// Wealth spec's default; the rule for other instances is inferred).
    /// Ignored for `Environment::Custom`, which serves both APIs.
    pub fn wealth_instance(mut self, instance: impl Into<String>) -> Self {
        self.wealth_instance = Some(instance.into());
        self
    }

    /// Your customer id (required).
    pub fn customer_id(mut self, customer_id: CustomerId) -> Self {
        self.customer_id = Some(customer_id);
        self
    }

    /// Your secret key (required): `GenerateAuthorizeToken`,
    /// `GetNightlyRefreshStatus` and Upload use it.
    pub fn secret_key(mut self, secret_key: SecretString) -> Self {
        self.secret_key = Some(secret_key);
        self
    }

    /// Your `x-api-key`: the data endpoints (accounts, statements,
    /// attributes, ...) need it.
    pub fn api_key(mut self, api_key: SecretString) -> Self {
        self.api_key = Some(api_key);
        self
    }

    // The per-attempt timeout defaults to 240 s: Flinks may take up to
    // 210 s before dispatching a call to the background. Reads and
    // read-only POSTs are retried; Authorize and writes never are.
    banking_core::transport_settings!(transport);

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<FlinksClient> {
        let customer_id = self
            .customer_id
            .ok_or_else(|| Error::config("FlinksClientBuilder: customer_id is required"))?;
        // Required even where only x-api-key endpoints are compiled in: it is
        // the account's base credential and the other families need it.
        #[cfg_attr(
            not(any(feature = "connect", feature = "upload")),
            allow(unused_variables)
        )]
        let secret_key = required_secret("the Flinks secret_key", self.secret_key)?;
        let api_key = non_empty(self.api_key, "api_key")?;
        let environment = self.environment.unwrap_or(Environment::Sandbox);
        // Checked before `v3/{customerId}/` is joined, which would drop a
        // query or fragment silently.
        if let Environment::Custom(root) = &environment {
            self.transport.check_url("custom", root)?;
        }
        #[cfg(feature = "connect")]
        let wealth_url = {
            let instance = self.wealth_instance.clone().or_else(|| {
                let main = match (&environment, self.instance.as_deref()) {
                    (Environment::Production, None) => return None,
                    (_, Some(instance)) => instance,
                    (_, None) => SANDBOX_INSTANCE,
                };
                Some(format!("{main}{WEALTH_SUFFIX}"))
            });
            base_url(environment.clone(), instance.as_deref(), customer_id)?
        };
        let base_url = base_url(environment, self.instance.as_deref(), customer_id)?;

        let transport = self.transport.apply(
            Transport::builder(base_url)
                .error_decoder(Arc::new(FlinksErrorDecoder))
                .user_agent(crate::builder::USER_AGENT)
                .attempt_timeout(ATTEMPT_TIMEOUT),
        );

        let transport = transport.build()?;
        Ok(FlinksClient {
            inner: Arc::new(Inner {
                #[cfg(feature = "connect")]
                wealth_transport: transport.with_base_url(wealth_url),
                transport,
                customer_id,
                #[cfg(feature = "connect")]
                secret_key: ApiKeyHeader::new("flinks-auth-key", secret_key.clone())?,
                #[cfg(any(feature = "connect", feature = "upload"))]
                secret_bearer: StaticBearer::new(secret_key),
                api_key: api_key
                    .map(|key| ApiKeyHeader::new("x-api-key", key))
                    .transpose()?,
            }),
        })
    }
}

fn non_empty(secret: Option<SecretString>, name: &str) -> Result<Option<SecretString>> {
    secret
        .map(|s| required_secret(&format!("the Flinks {name}"), Some(s)))
        .transpose()
}

fn base_url(
    environment: Environment,
    instance: Option<&str>,
    customer_id: CustomerId,
) -> Result<Url> {
    let customer = customer_id.to_string();
    let instance = match (&environment, instance) {
        (Environment::Custom(root), _) => {
            let root = with_trailing_slash(root.clone());
            return root
                .join(&format!("v3/{customer}/"))
                .map_err(|e| Error::config(format!("invalid custom URL {root}: {e}")));
        }
        (Environment::Production, None) => {
            return Err(Error::config(
                "FlinksClientBuilder: production needs the instance name Flinks gave you",
            ));
        }
        (_, Some(instance)) => instance,
        (_, None) => SANDBOX_INSTANCE,
    };
    base_url_template(
        BASE_TEMPLATE,
        &[("instance", instance), ("customerId", &customer)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer() -> CustomerId {
        "43387ca6-0391-4c82-857d-70d95f087ecb".parse().unwrap()
    }

    #[test]
    fn sandbox_defaults_to_the_toolbox_instance() {
        let url = base_url(Environment::Sandbox, None, customer()).unwrap();
        assert_eq!(
            url.as_str(),
            "https://toolbox-api.private.fin.ag/v3/43387ca6-0391-4c82-857d-70d95f087ecb/"
        );
    }

    #[test]
    fn production_needs_an_instance_and_it_cannot_change_the_host() {
        assert!(base_url(Environment::Production, None, customer()).is_err());
        let err = base_url(Environment::Production, Some("evil.com/x"), customer()).unwrap_err();
        assert!(err.is_validation(), "{err}");
    }

    #[test]
    fn custom_urls_get_the_customer_path() {
        let url = base_url(
            Environment::Custom("http://127.0.0.1:9000/proxy".parse().unwrap()),
            Some("ignored"),
            customer(),
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9000/proxy/v3/43387ca6-0391-4c82-857d-70d95f087ecb/"
        );
    }

    #[test]
    fn build_checks_required_settings_and_hides_secrets() {
        let err = FlinksClient::builder()
            .secret_key(SecretString::from("s"))
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("customer_id"), "{err}");
        let err = FlinksClient::builder()
            .customer_id(customer())
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("secret_key"), "{err}");
        let err = FlinksClient::builder()
            .customer_id(customer())
            .secret_key(SecretString::from("  "))
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");

        let builder = FlinksClient::builder()
            .customer_id(customer())
            .secret_key(SecretString::from("top-secret-key"))
            .api_key(SecretString::from("top-secret-api"));
        assert!(!format!("{builder:?}").contains("top-secret"));
        let client = builder.build().unwrap();
        let printed = format!("{client:?}");
        assert!(!printed.contains("top-secret"), "{printed}");
        assert!(printed.contains("43387ca6"), "{printed}");
    }
}
