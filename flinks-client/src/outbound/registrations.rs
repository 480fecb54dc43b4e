//! Data Provider registrations of Data Recipients:
//! status of all (`GET /api/v1/recipients/providers/requests`) and request
//! (`POST /api/v1/recipients/providers/requests/{recipient_ids}/{provider_ids}`).

use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::client::OutboundClient;
use super::providers::ProviderId;
use super::recipients::RecipientId;

banking_core::wire_enum! {
    /// Where a registration stands.
    RegistrationStatus {
        /// Waiting for the Data Provider's approval.
        PendingApproval = "PENDING_APPROVAL",
        /// Approved, not active yet.
        PendingActivation = "PENDING_ACTIVATION",
        /// Active: consent can be requested.
        Active = "ACTIVE",
    }
}

/// The registration of one Data Recipient with one Data Provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Registration {
    /// Data Recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<RecipientId>,
    /// Data Recipient name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Data Provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<ProviderId>,
    /// Data Provider name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<String>,
    /// Country code of the Data Provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_status: Option<RegistrationStatus>,
    /// When it was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_on: Option<DateTime<Utc>>,
}

banking_core::resource_handle! {
    /// Registrations, with the partner's `client:admin` token.
    pub struct RegistrationsApi for OutboundClient, "Flinks";
}

impl RegistrationsApi<'_> {
    /// `GET /api/v1/recipients/providers/requests`: the registration status
    /// of every Data Recipient with every Data Provider.
    pub async fn list(&self) -> Result<Vec<Registration>> {
        self.handle
            .send_json(Request::get("api/v1/recipients/providers/requests"))
            .await
    }

    /// `POST /api/v1/recipients/providers/requests/{recipient_ids}/{provider_ids}`:
    /// requests the registration of each recipient with each provider.
    ///
    /// The ids are sent comma-separated in their path segment (the path
    /// names them in the plural; the separator is inferred). The docs show
    /// no response body; read the outcome with [`Self::list`]. Not retried.
    pub async fn request(
        &self,
        recipient_ids: &[RecipientId],
        provider_ids: &[ProviderId],
    ) -> Result<()> {
        if recipient_ids.is_empty() {
            return Err(Error::validation(
                "recipient_ids",
                "at least one is required",
            ));
        }
        if provider_ids.is_empty() {
            return Err(Error::validation(
                "provider_ids",
                "at least one is required",
            ));
        }
        if let Some(bad) = recipient_ids
            .iter()
            .find(|id| id.as_str().is_empty() || id.as_str().contains(','))
        {
            return Err(Error::validation(
                "recipient_ids",
                format!("{bad:?} is empty or contains the list separator ','"),
            ));
        }
        let recipients = recipient_ids
            .iter()
            .map(RecipientId::as_str)
            .collect::<Vec<_>>()
            .join(",");
        let providers = provider_ids
            .iter()
            .map(ProviderId::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let request =
            Request::post("api/v1/recipients/providers/requests/{recipient_ids}/{provider_ids}")
                .param("recipient_ids", recipients)
                .param("provider_ids", providers);
        self.handle.send(request).await.map(drop)
    }
}
