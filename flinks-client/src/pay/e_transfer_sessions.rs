//! e-Transfer v1 sessions (legacy): `POST /api/v1/sessions/initiate` and
//! `POST /api/v1/sessions/sendrequest`, which also e-mails the payment link
//! to the customer.
//!
//! From docs.flinks.com's legacy e-Transfer pages (research notes `[DOC]`,
//! `[DOC-old]`): the answer `{sessionId, referenceId}`, and the members
//! `amount`, `customerName`, `customerEmail` (mandatory), `referenceId` and
//! `clientURIs` (optional; also spelled `clientUrls`), plus `firstName`,
//! `middleName` and `lastName` for the identity match. The shape of
//! `clientURIs` is not shown, so it is passed as given. Newer docs move
//! e-Transfer to v2 sessions ([`SessionsApi`](super::SessionsApi)).

use banking_core::Result;
use banking_core::transport::Request;
use rust_decimal::Decimal;
use serde::Serialize;

use super::client::PayClient;
use super::parties::{amount, email, non_blank};
use super::sessions::CreatedSession;

/// The body of an e-Transfer v1 session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ETransferSessionRequest {
    /// The amount, exact.
    #[serde(with = "banking_core::money::wire::exact_number")]
    pub amount: Decimal,
    /// The customer's name.
    pub customer_name: String,
    /// The customer's e-mail address.
    pub customer_email: String,
    /// Your reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// First name, for the identity match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name, for the identity match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name, for the identity match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Where the hosted flow sends the customer back, as the docs'
    /// `clientURIs` (shape not documented: passed as given).
    #[serde(rename = "clientURIs", skip_serializing_if = "Option::is_none")]
    pub client_uris: Option<serde_json::Value>,
}

impl ETransferSessionRequest {
    /// A session for `amount` paid by the customer `customer_name`
    /// (`customer_email`).
    pub fn new(
        amount: Decimal,
        customer_name: impl Into<String>,
        customer_email: impl Into<String>,
    ) -> Self {
        Self {
            amount,
            customer_name: customer_name.into(),
            customer_email: customer_email.into(),
            reference_id: None,
            first_name: None,
            middle_name: None,
            last_name: None,
            client_uris: None,
        }
    }

    /// Sets your reference.
    pub fn reference_id(mut self, reference_id: impl Into<String>) -> Self {
        self.reference_id = Some(reference_id.into());
        self
    }

    fn validate(&self) -> Result<()> {
        amount("amount", self.amount)?;
        non_blank("customerName", &self.customer_name)?;
        email("customerEmail", &self.customer_email)
    }
}

banking_core::resource_handle! {
    /// e-Transfer v1 sessions.
    pub struct ETransferSessionsApi for PayClient, "Flinks";
}

impl ETransferSessionsApi<'_> {
    /// `POST /api/v1/sessions/initiate`. Not retried.
    pub async fn initiate(&self, request: &ETransferSessionRequest) -> Result<CreatedSession> {
        self.send("api/v1/sessions/initiate", request).await
    }

    /// `POST /api/v1/sessions/sendrequest`: as `initiate`, and Flinks
    /// e-mails the payment link. Not retried.
    pub async fn send_request(&self, request: &ETransferSessionRequest) -> Result<CreatedSession> {
        self.send("api/v1/sessions/sendrequest", request).await
    }

    async fn send(
        &self,
        path: &'static str,
        request: &ETransferSessionRequest,
    ) -> Result<CreatedSession> {
        request.validate()?;
        let http = self
            .handle
            .client()
            .with_client_id(Request::post(path))
            .json(request)?;
        self.handle.send_json(http).await
    }
}
