//! `POST /api/partner/passwords/reset`: send an end-user the SMS secret
//! that lets them choose a new password (research notes, \[S\]).

use banking_core::transport::{Request, RequestAuth};
use serde::Serialize;

use crate::client::LinkcyClient;

const RESET: &str = "/api/partner/passwords/reset";

/// The body of a password reset (research \[S\]: `{consumerPhone,
/// partnerName}`; the docs' `AnyOf` also shows a `phone` variant, whose
/// shape is not captured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct PasswordResetRequest {
    consumer_phone: String,
    partner_name: String,
}

impl PasswordResetRequest {
    /// Reset the password of the consumer with this phone (digits, country
    /// code first, as at login) of partner `partner_name`.
    pub fn consumer(phone: impl Into<String>, partner_name: impl Into<String>) -> Self {
        PasswordResetRequest {
            consumer_phone: phone.into(),
            partner_name: partner_name.into(),
        }
    }
}

banking_core::resource_handle! {
    /// The password endpoint; from [`LinkcyClient::passwords`].
    pub struct Passwords for LinkcyClient, "Linkcy";
}

impl<'a> Passwords<'a> {
    /// `POST /api/partner/passwords/reset` (security: none, so no token is
    /// sent): Linkcy texts the end-user a secret and answers 204. Not
    /// resent on failure: each send is another SMS.
    pub async fn reset(&self, reset: &PasswordResetRequest) -> banking_core::Result<()> {
        let request = Request::post(RESET).json(reset)?.auth(RequestAuth::None);
        self.handle.send_json(request).await
    }
}
