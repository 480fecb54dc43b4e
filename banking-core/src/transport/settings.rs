//! The transport settings every provider client exposes on its builder.

use std::time::Duration;

use crate::retry::RetryPolicy;
use crate::transport::TransportBuilder;

/// User agent, timeouts and retry policy, as a client builder collects them.
///
/// A provider client keeps one in its builder (the setters come from
/// [`transport_settings!`](crate::transport_settings)) and applies it to
/// the transport it builds; what is left unset keeps the transport's
/// default.
///
/// ```
/// use std::time::Duration;
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
///     .attempt_timeout(Duration::from_secs(30));
/// let transport = builder
///     .transport
///     .apply(Transport::builder("https://api.example.com/".parse().unwrap()))
///     .build()
///     .unwrap();
/// # let _ = transport;
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
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
}

impl TransportSettings {
    /// Applies what is set to `builder`.
    pub fn apply(&self, mut builder: TransportBuilder) -> TransportBuilder {
        if let Some(user_agent) = &self.user_agent {
            builder = builder.user_agent(user_agent.clone());
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
        builder
    }
}

/// Adds the [`TransportSettings`](crate::transport::TransportSettings)
/// setters (`user_agent`, `connect_timeout`, `attempt_timeout`,
/// `total_timeout`, `retry_policy`) to a client builder whose field (or
/// nested field, `settings.transport`) holds the settings.
#[macro_export]
macro_rules! transport_settings {
    ($($field:ident).+) => {
        /// Sets the user agent (default: the crate's name and version).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.$($field).+.user_agent = Some(user_agent.into());
            self
        }

        /// Sets the connect timeout.
        pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.$($field).+.connect_timeout = Some(timeout);
            self
        }

        /// Sets the timeout of one attempt, body included.
        pub fn attempt_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.$($field).+.attempt_timeout = Some(timeout);
            self
        }

        /// Sets the timeout of a whole call, retries included.
        pub fn total_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.$($field).+.total_timeout = Some(timeout);
            self
        }

        /// Sets the retry policy.
        pub fn retry_policy(mut self, policy: $crate::retry::RetryPolicy) -> Self {
            self.$($field).+.retry_policy = Some(policy);
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

    #[allow(unreachable_pub)] // the macro writes the public setters of real builders
    impl Builder {
        crate::transport_settings!(settings);
    }

    #[test]
    fn setters_fill_the_settings() {
        let b = Builder::default()
            .user_agent("ua/1")
            .connect_timeout(Duration::from_secs(1))
            .attempt_timeout(Duration::from_secs(2))
            .total_timeout(Duration::from_secs(3))
            .retry_policy(RetryPolicy::none());
        assert_eq!(
            b.settings,
            TransportSettings {
                user_agent: Some("ua/1".into()),
                connect_timeout: Some(Duration::from_secs(1)),
                attempt_timeout: Some(Duration::from_secs(2)),
                total_timeout: Some(Duration::from_secs(3)),
                retry_policy: Some(RetryPolicy::none()),
            }
        );
        let transport = b
            .settings
            .apply(Transport::builder(
                "https://api.example.com/".parse().unwrap(),
            ))
            .build()
            .unwrap();
        assert_eq!(transport.base_url().as_str(), "https://api.example.com/");
    }
}
