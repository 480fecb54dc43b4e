//! What the client builders share: the default `User-Agent` and, for
//! Outbound and Pay, the OAuth client credentials and transport settings.

#[cfg(any(feature = "outbound", feature = "pay"))]
use banking_core::Result;
#[cfg(any(feature = "outbound", feature = "pay"))]
use banking_core::transport::{
    TransportBuilder, TransportSettings, required_credential, required_secret,
};
#[cfg(any(feature = "outbound", feature = "pay"))]
use secrecy::SecretString;

/// The `User-Agent` of every client unless the builder sets another.
pub(crate) const USER_AGENT: &str = concat!("flinks-client/", env!("CARGO_PKG_VERSION"));

/// The settings of the Outbound and Pay builders, set through the methods
/// [`client_settings!`] declares.
#[cfg(any(feature = "outbound", feature = "pay"))]
#[derive(Debug, Default)]
pub(crate) struct ClientSettings {
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<SecretString>,
    pub(crate) transport: TransportSettings,
}

#[cfg(any(feature = "outbound", feature = "pay"))]
impl ClientSettings {
    /// The client id and secret, or a configuration error naming the API
    /// `family` (`Outbound`, `Pay`).
    pub(crate) fn credentials(&mut self, family: &str) -> Result<(String, SecretString)> {
        let client_id =
            required_credential(&format!("the {family} client id"), self.client_id.take())?;
        let client_secret = required_secret(
            &format!("the {family} client secret"),
            self.client_secret.take(),
        )?;
        Ok((client_id, client_secret))
    }

    /// `builder` with the crate's `User-Agent` and the settings made.
    pub(crate) fn transport(&mut self, builder: TransportBuilder) -> TransportBuilder {
        std::mem::take(&mut self.transport).apply(builder.user_agent(USER_AGENT))
    }
}

/// Declares `credentials` and the transport settings (`user_agent`,
/// `connect_timeout`, `attempt_timeout`, `total_timeout`, `retry_policy`)
/// on a builder whose `settings` field is a [`ClientSettings`]; the
/// credentials' documentation differs per API family.
#[cfg(any(feature = "outbound", feature = "pay"))]
macro_rules! client_settings {
    (credentials: $credentials:literal $(,)?) => {
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

        // Writes are never resent blindly, whatever the retry policy.
        banking_core::transport_settings!(settings.transport);
    };
}
#[cfg(any(feature = "outbound", feature = "pay"))]
pub(crate) use client_settings;
