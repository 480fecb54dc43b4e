//! Flinks Outbound (Open Banking): OAuth consent, Data Providers, Data
//! Recipients, registrations and FDX 5 data access.
//!
//! Two kinds of credentials meet here:
//!
//! * a **client-credentials** token (partner or Data Recipient `client_id`
//!   and secret, scope `client:admin`) for [`OutboundClient::providers`](crate::outbound::OutboundClient::providers),
//!   [`OutboundClient::recipients`](crate::outbound::OutboundClient::recipients) and [`OutboundClient::registrations`](crate::outbound::OutboundClient::registrations);
//! * a **user** token, obtained after the user consents: build the consent
//!   URL with [`OutboundClient::consent_url`](crate::outbound::OutboundClient::consent_url), read the redirect with
//!   [`ConsentCallback::parse`](crate::outbound::ConsentCallback::parse), exchange the code with
//!   [`OutboundClient::connect_with_code`](crate::outbound::OutboundClient::connect_with_code) and read FDX data through the
//!   returned [`FdxConnection`](crate::outbound::FdxConnection). Store its refresh token to resume later
//!   with [`OutboundClient::connect_with_refresh_token`](crate::outbound::OutboundClient::connect_with_refresh_token).
//!
//! Errors: FDX bodies `{code, message, debugMessage}` and OAuth bodies
//! `{error, error_description}` are typed through [`OutboundErrorExt`](crate::outbound::OutboundErrorExt).

mod client;
mod connection;
mod consent;
mod error;
pub mod fdx;
mod providers;
mod recipients;
mod registrations;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;

pub use banking_core::auth::TokenEncoding;
pub use client::{
    ADMIN_SCOPE, OutboundClient, OutboundClientBuilder, PRODUCTION_API_URL, PRODUCTION_AUTH_URL,
    SANDBOX_URL,
};
pub use connection::FdxConnection;
pub use consent::{ConsentCallback, ConsentRequest, Scope};
pub use error::{OAuthError, OAuthErrorCode, OutboundErrorExt};
pub use providers::{Provider, ProviderId, ProvidersApi};
pub use recipients::{CreateRecipient, Recipient, RecipientId, RecipientSecret, RecipientsApi};
pub use registrations::{Registration, RegistrationStatus, RegistrationsApi};
