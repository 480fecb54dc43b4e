//! SCA device enrolment and removal: `POST /api/partner/sca` and
//! `DELETE /api/partner/sca` (research notes, \[S\]; both marked deprecated
//! in the reference, which moves to device registration through the
//! PowerAuth mobile SDK).

use crate::ids::{EndUserId, ScaEnrolmentId};
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::sca::{ScaFactor, ScaStrategy};

const SCA: &str = "/api/partner/sca";

/// `POST /api/partner/sca`: onboard a known mobile endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct EnrolScaDeviceRequest {
    endpoint_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    factor: Option<ScaFactor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strategy: Option<ScaStrategy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_user_id: Option<EndUserId>,
}

impl EnrolScaDeviceRequest {
    /// Enrol the mobile endpoint `endpoint_id`.
    pub fn new(endpoint_id: impl Into<String>) -> Self {
        EnrolScaDeviceRequest {
            endpoint_id: endpoint_id.into(),
            factor: None,
            strategy: None,
            end_user_id: None,
        }
    }

    /// `factor` (server default `BIOMETRY`).
    pub fn factor(mut self, factor: ScaFactor) -> Self {
        self.factor = Some(factor);
        self
    }

    /// `strategy`: `PUSH_NOTIFICATION` or `JOIN_CODE` in older builds,
    /// `PUSH_NOTIFICATION` or `DATA_SIGNING` in newer ones.
    pub fn strategy(mut self, strategy: ScaStrategy) -> Self {
        self.strategy = Some(strategy);
        self
    }

    /// `endUserId`: the end-user whose device it is.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }
}

/// The 201 answer of an enrolment: `{id, endpointId, joinCode}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScaEnrolment {
    /// The enrolment id.
    pub id: ScaEnrolmentId,
    /// The enrolled endpoint.
    #[serde(default)]
    pub endpoint_id: Option<String>,
    /// The code the user enters on the device.
    #[serde(default)]
    pub join_code: Option<String>,
}

/// `DELETE /api/partner/sca`: reset an end-user's SCA device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct RemoveScaDeviceRequest {
    end_user_id: EndUserId,
}

impl RemoveScaDeviceRequest {
    /// Remove `end_user_id`'s device.
    pub fn new(end_user_id: EndUserId) -> Self {
        RemoveScaDeviceRequest { end_user_id }
    }
}

banking_core::resource_handle! {
    /// The SCA device endpoints; from [`LinkcyClient::sca_devices`].
    pub struct ScaDevices for LinkcyClient, "Linkcy";
}

impl<'a> ScaDevices<'a> {
    /// `POST /api/partner/sca` (deprecated by Linkcy).
    pub async fn enrol(&self, enrol: &EnrolScaDeviceRequest) -> banking_core::Result<ScaEnrolment> {
        let request = Request::post(SCA).json(enrol)?;
        self.handle.send_json(request).await
    }

    /// `DELETE /api/partner/sca` with `{endUserId}` (deprecated by Linkcy;
    /// 204).
    pub async fn remove(&self, remove: &RemoveScaDeviceRequest) -> banking_core::Result<()> {
        let request = Request::delete(SCA).json(remove)?;
        self.handle.send_json(request).await
    }
}
