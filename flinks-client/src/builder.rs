//! What the client builders share: the default `User-Agent`, base URLs
//! that end with `/`, and, for Outbound and Pay, the OAuth client
//! credentials and transport settings.

#[cfg(any(feature = "outbound", feature = "pay"))]
use std::time::Duration;

#[cfg(any(feature = "outbound", feature = "pay"))]
use banking_core::retry::RetryPolicy;
#[cfg(any(feature = "outbound", feature = "pay"))]
use banking_core::transport::TransportBuilder;
#[cfg(any(feature = "outbound", feature = "pay"))]
use banking_core::{Error, Result};
#[cfg(any(feature = "outbound", feature = "pay"))]
use secrecy::SecretString;

/// The `User-Agent` of every client unless the builder sets another.
pub(crate) const USER_AGENT: &str = concat!("flinks-client/", env!("CARGO_PKG_VERSION"));

/// `join` replaces the last path segment unless the base ends with `/`.
#[cfg(any(
    feature = "connect",
    feature = "enrich",
    feature = "upload",
    feature = "outbound"
))]
pub(crate) fn with_trailing_slash(mut url: url::Url) -> url::Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

/// The settings of the Outbound and Pay builders, set through the methods
/// [`client_settings!`] declares.
#[cfg(any(feature = "outbound", feature = "pay"))]
#[derive(Debug, Default)]
pub(crate) struct ClientSettings {
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<SecretString>,
    pub(crate) user_agent: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
}

#[cfg(any(feature = "outbound", feature = "pay"))]
impl ClientSettings {
    /// The client id and secret, or a configuration error naming the API
    /// `family` (`Outbound`, `Pay`).
    pub(crate) fn credentials(&mut self, family: &str) -> Result<(String, SecretString)> {
        let client_id = self
            .client_id
            .take()
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| {
                Error::config(format!(
                    "{family} credentials are required: call credentials(client_id, secret)"
                ))
            })?;
        let client_secret = self
            .client_secret
            .take()
            .ok_or_else(|| Error::config(format!("{family} client secret is required")))?;
        Ok((client_id, client_secret))
    }

    /// `builder` with the `User-Agent`, the timeout and the retry policy.
    pub(crate) fn transport(self, builder: TransportBuilder) -> TransportBuilder {
        let mut builder =
            builder.user_agent(self.user_agent.unwrap_or_else(|| USER_AGENT.to_owned()));
        if let Some(timeout) = self.timeout {
            builder = builder.total_timeout(timeout);
        }
        if let Some(retry) = self.retry {
            builder = builder.retry_policy(retry);
        }
        builder
    }
}

/// Declares `credentials`, `user_agent`, `timeout` and `retry_policy` on a
/// builder whose `settings` field is a [`ClientSettings`]; the two
/// documents differ per API family.
#[cfg(any(feature = "outbound", feature = "pay"))]
macro_rules! client_settings {
    (credentials: $credentials:literal, retry_policy: $retry:literal $(,)?) => {
        #[doc = $credentials]
        pub fn credentials(
            mut self,
            client_id: impl Into<String>,
            client_secret: secrecy::SecretString,
        ) -> Self {
            self.settings.client_id = Some(client_id.into());
            self.settings.client_secret = Some(client_secret);
            self
        }

        /// Sets the `User-Agent`.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.settings.user_agent = Some(user_agent.into());
            self
        }

        /// Deadline of each call, retries included.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.settings.timeout = Some(timeout);
            self
        }

        #[doc = $retry]
        pub fn retry_policy(mut self, retry: banking_core::retry::RetryPolicy) -> Self {
            self.settings.retry = Some(retry);
            self
        }
    };
}
#[cfg(any(feature = "outbound", feature = "pay"))]
pub(crate) use client_settings;
