//! Payment requests: status (`GET /api/v1/paymentrequests/{requestId}`) and
//! cancel (`POST /api/v1/paymentrequests/{requestId}/cancel`).
//!
//! The status body `{requestId, status, ReferenceId, PaymentLink}` (mixed
//! casing as printed) and the status values come from docs.flinks.com's
//! "Get payment requests" and "Troubleshooting payments" pages, not from the
//! seed; the cancel response is not documented.
//!
//! The legacy e-Transfer flow also POSTs to `/PaymentRequests` to link a
//! session to a request (research notes `[DOC]`: "link sessionId →
//! requestId", full path not seen). [`PaymentRequestsApi::link`] sends
//! `POST /api/v1/paymentrequests` with `{sessionId, requestId}`; the path
//! (that of the status call without the id), the member names and the
//! answer (read as the status body) are inferred.

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use super::client::PayClient;
use super::sessions::SessionId;

banking_core::uuid_id! {
    /// A payment request.
    PaymentRequestId
}

banking_core::wire_enum! {
    /// Where a payment request stands.
    PaymentRequestStatus {
        /// Received, ready for processing.
        Initiated = "Initiated",
        /// The user is completing the transaction.
        Processing = "Processing",
        /// The user accepted; funds flow has started (funds guaranteed).
        Accepted = "Accepted",
        /// Processed, awaiting settlement.
        Processed = "Processed",
        /// Funds transferred to your account.
        Settled = "Settled",
        /// Cancelled before being initiated.
        Cancelled = "Cancelled",
        /// The user did not act in time.
        Expired = "Expired",
        /// The user declined at their institution.
        Declined = "Declined",
        /// Failed; see the status details.
        Failed = "Failed",
    }
}

impl PaymentRequestStatus {
    /// Whether the request will not change any more.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Settled | Self::Cancelled | Self::Expired | Self::Declined | Self::Failed
        )
    }
}

/// Status of a payment request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentRequest {
    /// Payment request id.
    #[serde(default, rename = "requestId", alias = "RequestId")]
    pub request_id: Option<PaymentRequestId>,
    /// Status.
    #[serde(default, rename = "status", alias = "Status")]
    pub status: Option<PaymentRequestStatus>,
    /// Your reference, as given when the session was created.
    #[serde(default, rename = "ReferenceId", alias = "referenceId")]
    pub reference_id: Option<String>,
    /// Link the user pays through.
    #[serde(default, rename = "PaymentLink", alias = "paymentLink")]
    pub payment_link: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LinkBody<'a> {
    session_id: &'a SessionId,
    request_id: &'a PaymentRequestId,
}

banking_core::resource_handle! {
    /// Payment requests.
    pub struct PaymentRequestsApi for PayClient, "Flinks";
}

impl PaymentRequestsApi<'_> {
    /// `GET /api/v1/paymentrequests/{requestId}`.
    pub async fn get(&self, request_id: &PaymentRequestId) -> Result<PaymentRequest> {
        let request = self
            .handle
            .client()
            .v1(Request::get("api/v1/paymentrequests/{requestId}").param("requestId", request_id))?;
        self.handle.send_json(request).await
    }

    /// `POST /api/v1/paymentrequests`: links the session `session_id` to
    /// the payment request `request_id` (legacy e-Transfer). Not retried.
    pub async fn link(
        &self,
        session_id: &SessionId,
        request_id: &PaymentRequestId,
    ) -> Result<PaymentRequest> {
        let request = self
            .handle
            .client()
            .with_client_id(Request::post("api/v1/paymentrequests"))
            .json(&LinkBody {
                session_id,
                request_id,
            })?;
        self.handle.send_json(request).await
    }

    /// `POST /api/v1/paymentrequests/{requestId}/cancel`. Not retried.
    pub async fn cancel(&self, request_id: &PaymentRequestId) -> Result<()> {
        let request = self
            .handle
            .client()
            .v1(Request::post("api/v1/paymentrequests/{requestId}/cancel")
                .param("requestId", request_id))?;
        self.handle.send(request).await.map(drop)
    }
}
