//! The transport settings every provider client exposes on its builder, and
//! the checks its build step runs.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::{Host, Url};

use crate::Error;
use crate::error::Result;
use crate::pagination::StreamOptions;
use crate::retry::RetryPolicy;
use crate::transport::TransportBuilder;

/// User agent, timeouts, retry policy and the HTTP client, as a client
/// builder collects them.
///
/// A provider client keeps one in its builder (the setters come from
/// [`transport_settings!`](crate::transport_settings)) and applies it to
/// the transport it builds; what is left unset keeps the transport's
/// default.
///
/// ```
/// use std::time::Duration;
/// use banking_core::reqwest;
/// use banking_core::transport::{Transport, TransportSettings};
///
/// #[derive(Default)]
/// struct MyClientBuilder {
///     transport: TransportSettings,
/// }
///
/// impl MyClientBuilder {
///     banking_core::transport_settings!(transport);
/// }
///
/// let builder = MyClientBuilder::default()
///     .user_agent("my-app/1.0")
///     .attempt_timeout(Duration::from_secs(30))
///     .http_client_builder(reqwest::Client::builder().pool_max_idle_per_host(4))
///     .default_header("x-correlation-id", "batch-42");
/// let transport = builder
///     .transport
///     .apply(Transport::builder("https://api.example.com/".parse().unwrap()))
///     .build()
///     .unwrap();
/// # let _ = transport;
/// ```
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct TransportSettings {
    /// The user agent.
    pub user_agent: Option<String>,
    /// The connect timeout.
    pub connect_timeout: Option<Duration>,
    /// The timeout of one attempt.
    pub attempt_timeout: Option<Duration>,
    /// The timeout of a whole call, retries included.
    pub total_timeout: Option<Duration>,
    /// The retry policy.
    pub retry_policy: Option<RetryPolicy>,
    /// The integrator's HTTP client builder (proxies, local address, pool
    /// settings, ...), on which the transport sets its own guarantees.
    pub http_client_builder: Option<reqwest::ClientBuilder>,
    /// Extra trusted root certificates.
    pub root_certificates: Vec<reqwest::Certificate>,
    /// Headers sent with every request.
    pub default_headers: Vec<(String, String)>,
    /// Whether plain `http://` to a host other than loopback is allowed.
    pub allow_insecure_http: bool,
    /// The caps and prefetch setting of the client's streams.
    pub stream_options: Option<StreamOptions>,
}

impl TransportSettings {
    /// Applies what is set to `builder`.
    pub fn apply(self, mut builder: TransportBuilder) -> TransportBuilder {
        if let Some(user_agent) = self.user_agent {
            builder = builder.user_agent(user_agent);
        }
        if let Some(timeout) = self.connect_timeout {
            builder = builder.connect_timeout(timeout);
        }
        if let Some(timeout) = self.attempt_timeout {
            builder = builder.attempt_timeout(timeout);
        }
        if let Some(timeout) = self.total_timeout {
            builder = builder.total_timeout(timeout);
        }
        if let Some(policy) = self.retry_policy {
            builder = builder.retry_policy(policy);
        }
        if let Some(http) = self.http_client_builder {
            builder = builder.http_client_builder(http);
        }
        for certificate in self.root_certificates {
            builder = builder.add_root_certificate(certificate);
        }
        for (name, value) in self.default_headers {
            builder = builder.default_header(&name, value);
        }
        if self.allow_insecure_http {
            builder = builder.allow_insecure_http();
        }
        if let Some(options) = self.stream_options {
            builder = builder.stream_options(options);
        }
        builder
    }

    /// Checks a URL the client calls besides its base URL (a token or
    /// widget endpoint) with the rules of [`check_base_url`] and these
    /// settings' [`allow_insecure_http`](Self::allow_insecure_http).
    pub fn check_url(&self, what: &str, url: &Url) -> Result<()> {
        check_url(what, url, self.allow_insecure_http)
    }
}

/// Refuses a base URL that would hurt later: a scheme other than `http`
/// and `https`, no host, user name or password in the URL (it would show
/// in logs), a query or fragment (joined paths would drop or misplace
/// them), and plain `http` to a host other than loopback (`127.0.0.0/8`,
/// `::1`, `localhost`) unless `allow_insecure_http`: credentials and
/// payments would cross the network in clear.
///
/// ```
/// use banking_core::transport::check_base_url;
///
/// let url = |s: &str| s.parse().unwrap();
/// assert!(check_base_url(&url("https://api.example.com/v1/"), false).is_ok());
/// assert!(check_base_url(&url("http://127.0.0.1:8080/"), false).is_ok());
/// assert!(check_base_url(&url("http://api.example.com/"), false).is_err());
/// assert!(check_base_url(&url("http://api.example.com/"), true).is_ok());
/// assert!(check_base_url(&url("ftp://api.example.com/"), true).is_err());
/// assert!(check_base_url(&url("https://api.example.com/?v=1"), false).is_err());
/// ```
pub fn check_base_url(url: &Url, allow_insecure_http: bool) -> Result<()> {
    check_url("base", url, allow_insecure_http)
}

fn check_url(what: &str, url: &Url, allow_insecure_http: bool) -> Result<()> {
    let refuse = |why: &str| {
        Err(Error::config(format!(
            "the {what} URL {} {why}",
            redacted(url)
        )))
    };
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(url) => {}
        "http" => {
            return refuse(
                "uses plain http to a host other than loopback; use https, or allow_insecure_http() for a trusted network",
            );
        }
        _ => return refuse("must use https (or http to loopback)"),
    }
    if url.host().is_none() {
        return refuse("has no host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("must not carry a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return refuse("must not have a query or fragment");
    }
    Ok(())
}

/// `url` without user name, password, query and fragment, for messages.
fn redacted(url: &Url) -> String {
    format!(
        "{}://{}{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port().map(|p| format!(":{p}")).unwrap_or_default()
    ) + url.path()
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(domain)) => {
            let domain = domain.trim_end_matches('.').to_ascii_lowercase();
            domain == "localhost" || domain.ends_with(".localhost")
        }
        None => false,
    }
}

/// Refuses a zero timeout: every call would fail before it starts.
pub(crate) fn check_timeout(what: &str, timeout: Option<Duration>) -> Result<()> {
    if timeout == Some(Duration::ZERO) {
        return Err(Error::config(format!(
            "the {what} timeout must not be zero"
        )));
    }
    Ok(())
}

/// A credential a client builder needs: missing, empty and blank are the
/// same configuration error in every client.
///
/// ```
/// use banking_core::transport::required_credential;
///
/// assert_eq!(required_credential("client_id", Some("abc".to_owned())).unwrap(), "abc");
/// let missing = required_credential("client_id", None).unwrap_err();
/// let empty = required_credential("client_id", Some(" ".to_owned())).unwrap_err();
/// assert_eq!(missing.to_string(), empty.to_string());
/// ```
pub fn required_credential(what: &str, value: Option<String>) -> Result<String> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(missing_credential(what)),
    }
}

/// [`required_credential`] for a secret.
pub fn required_secret(what: &str, value: Option<SecretString>) -> Result<SecretString> {
    match value {
        Some(value) if !value.expose_secret().trim().is_empty() => Ok(value),
        _ => Err(missing_credential(what)),
    }
}

/// The error for a credential that is missing or empty.
pub fn missing_credential(what: &str) -> Error {
    Error::config(format!("{what} is required and must not be empty"))
}

/// Adds the [`TransportSettings`](crate::transport::TransportSettings)
/// setters (`user_agent`, `connect_timeout`, `attempt_timeout`,
/// `total_timeout`, `retry_policy`, `http_client_builder`,
/// `add_root_certificate`, `default_header`, `allow_insecure_http`,
/// `stream_options`) to a
/// client builder whose field (or nested field, `settings.transport`) holds
/// the settings.
#[macro_export]
macro_rules! transport_settings {
    ($($field:ident).+) => {
        /// Sets the user agent (default: the crate's name and version).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.$($field).+.user_agent = Some(user_agent.into());
            self
        }

        /// Sets the connect timeout (not zero).
        pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.$($field).+.connect_timeout = Some(timeout);
            self
        }

        /// Sets the timeout of one attempt, body included (not zero).
        pub fn attempt_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.$($field).+.attempt_timeout = Some(timeout);
            self
        }

        /// Sets the timeout of a whole call, retries included (not zero).
        pub fn total_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.$($field).+.total_timeout = Some(timeout);
            self
        }

        /// Sets the retry policy.
        pub fn retry_policy(mut self, policy: $crate::retry::RetryPolicy) -> Self {
            self.$($field).+.retry_policy = Some(policy);
            self
        }

        /// Builds the HTTP client from your `reqwest::ClientBuilder`
        /// (proxies, local address, pool settings, root certificates, ...).
        /// The client's guarantees are set on top of it: redirects are
        /// never followed, rustls is the TLS stack, and the connect
        /// timeout and user agent are the ones of this builder.
        pub fn http_client_builder(mut self, builder: $crate::reqwest::ClientBuilder) -> Self {
            self.$($field).+.http_client_builder = Some(builder);
            self
        }

        /// Trusts this root certificate too (a corporate TLS proxy, a
        /// private CA).
        pub fn add_root_certificate(mut self, certificate: $crate::reqwest::Certificate) -> Self {
            self.$($field).+.root_certificates.push(certificate);
            self
        }

        /// Sends this header with every request (checked by `build`).
        pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.$($field).+.default_headers.push((name.into(), value.into()));
            self
        }

        /// Allows plain `http://` URLs to hosts other than loopback (a
        /// TLS-terminating proxy on a trusted network). Without it, `build`
        /// refuses them: credentials and payments would cross the network
        /// in clear.
        pub fn allow_insecure_http(mut self) -> Self {
            self.$($field).+.allow_insecure_http = true;
            self
        }

        /// Caps every `stream` of the client at these many pages and items
        /// (default [`StreamOptions::default`]($crate::pagination::StreamOptions)):
        /// a listing that goes on beyond a cap ends with a
        /// [`PaginationError`]($crate::pagination::PaginationError) after the
        /// items within it.
        pub fn stream_options(mut self, options: $crate::pagination::StreamOptions) -> Self {
            self.$($field).+.stream_options = Some(options);
            self
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Transport;

    #[derive(Default)]
    struct Builder {
        settings: TransportSettings,
    }

    #[allow(unreachable_pub, dead_code)] // the macro writes the public setters of real builders
    impl Builder {
        crate::transport_settings!(settings);
    }

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn setters_fill_the_settings() {
        let b = Builder::default()
            .user_agent("ua/1")
            .connect_timeout(Duration::from_secs(1))
            .attempt_timeout(Duration::from_secs(2))
            .total_timeout(Duration::from_secs(3))
            .retry_policy(RetryPolicy::none())
            .http_client_builder(reqwest::Client::builder())
            .default_header("x-a", "1")
            .allow_insecure_http()
            .stream_options(StreamOptions::new().max_pages(3));
        let s = &b.settings;
        assert_eq!(s.user_agent.as_deref(), Some("ua/1"));
        assert_eq!(s.connect_timeout, Some(Duration::from_secs(1)));
        assert_eq!(s.attempt_timeout, Some(Duration::from_secs(2)));
        assert_eq!(s.total_timeout, Some(Duration::from_secs(3)));
        assert_eq!(s.retry_policy, Some(RetryPolicy::none()));
        assert!(s.http_client_builder.is_some());
        assert_eq!(s.default_headers, [("x-a".to_owned(), "1".to_owned())]);
        assert!(s.allow_insecure_http);
        assert_eq!(s.stream_options, Some(StreamOptions::new().max_pages(3)));
        let transport = b
            .settings
            .apply(Transport::builder(url("http://api.example.com/")))
            .build()
            .unwrap();
        assert_eq!(transport.base_url().as_str(), "http://api.example.com/");
        assert_eq!(transport.stream_options().page_cap(), Some(3));
    }

    #[test]
    fn base_urls_that_would_hurt_are_refused() {
        for bad in [
            "ftp://api.example.com/",
            "file:///etc/passwd",
            "http://api.example.com/",
            "http://10.0.0.1/",
            "http://127.0.0.1.example.com/",
            "https://api.example.com/?version=2",
            "https://api.example.com/?",
            "https://api.example.com/#top",
            "https://user:pass@api.example.com/",
        ] {
            let err = check_base_url(&url(bad), false).unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{bad}: {err}");
            assert!(!err.to_string().contains("pass@"), "{err}");
        }
        for good in [
            "https://api.example.com/v1/",
            "http://127.0.0.1:8080/",
            "http://127.1.2.3/",
            "http://[::1]:9000/",
            "http://localhost:3000/",
            "http://sim.localhost/",
        ] {
            check_base_url(&url(good), false).unwrap();
        }
        check_base_url(&url("http://gateway.internal/"), true).unwrap();
        assert!(check_base_url(&url("ftp://gateway.internal/"), true).is_err());
    }

    #[test]
    fn zero_timeouts_and_bad_urls_fail_the_build() {
        let base = || Transport::builder(url("https://api.example.com/"));
        let zero = Duration::ZERO;
        for builder in [
            base().connect_timeout(zero),
            base().attempt_timeout(zero),
            base().total_timeout(zero),
            Transport::builder(url("http://api.example.com/")),
            Transport::builder(url("https://api.example.com/?a=b")),
        ] {
            let err = builder.build().unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{err}");
        }
    }

    #[test]
    fn missing_and_empty_credentials_are_one_error() {
        let missing = required_secret("client_secret", None).unwrap_err();
        let empty = required_secret("client_secret", Some(SecretString::from(""))).unwrap_err();
        assert!(matches!(missing, Error::Config(_)));
        assert_eq!(missing.to_string(), empty.to_string());
        assert!(required_secret("s", Some(SecretString::from("x"))).is_ok());
    }
}
