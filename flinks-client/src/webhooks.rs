//! Webhooks: HMAC-SHA256 verification and typed events.
//!
//! Flinks posts JSON webhooks to your callback URL (webhooks guide, research
//! notes `[DOC]`): Connect sends `"ResponseType": "KYC"` early with the
//! holder data and `"ResponseType": "GetAccountsDetail"` with the body of
//! the `GetAccountsDetail` 200 answer; Flinks Pay sends the GEFT event
//! `SessionSetupStatusChanged` once a session is Completed, Failed or
//! Canceled (no retries); Upload sends fraud alerts.
//!
//! # Authenticity
//!
//! The docs say deliveries carry an HMAC-SHA256 for integrity and that the
//! GEFT ones are signed with a secret, but **publish neither the header
//! name nor the exact input**. What is implemented is inferred from
//! Flinks' Node SDK (`isMessageValid`): `base64(HMAC-SHA256(secret, raw
//! body))`, in a header whose name you configure as Flinks gives it to you.
//! `WebhookVerifier::from_signature` takes a fully configured
//! [`HmacSignature`](banking_core::webhook::HmacSignature) (hex encoding, a signed timestamp with its replay
//! tolerance) should your setup differ. The MAC is checked in constant
//! time, before the body is decoded.
//!
//! ```
//! use banking_core::webhook::{HeaderMap, HeaderName, Verify, WebhookError};
//! use flinks_client::webhooks::WebhookVerifier;
//! use secrecy::SecretString;
//!
//! let verifier = WebhookVerifier::new(
//!     HeaderName::from_static("x-flinks-signature"),
//!     &SecretString::from("your-webhook-secret"),
//! );
//! let mut headers = HeaderMap::new();
//! headers.insert("x-flinks-signature", "Zm9yZ2Vk".parse().unwrap());
//! let forged = verifier.verify(&headers, br#"{"ResponseType":"KYC"}"#);
//! assert_eq!(forged.unwrap_err(), WebhookError::BadSignature);
//! ```

use banking_core::webhook::{self, ConfiguredVerifier, DecodeEvent, UnknownEvent, WebhookError};
use bytes::Bytes;
use serde::Deserialize;

use crate::connect::AccountsDetail;
use crate::ids::{LoginId, RequestId};
use crate::pay::Session;

/// Checks the HMAC-SHA256 on Flinks webhook deliveries (scheme inferred,
/// see the [module docs](self)), then decodes the [`WebhookEvent`]:
/// `WebhookVerifier::new(header, &secret)`.
pub type WebhookVerifier = ConfiguredVerifier<WebhookEvent>;

/// `ResponseType` of the KYC webhook.
const KYC: &str = "KYC";
/// `ResponseType` of the accounts-detail webhook.
const GET_ACCOUNTS_DETAIL: &str = "GetAccountsDetail";
/// The GEFT session event.
const SESSION_SETUP_STATUS_CHANGED: &str = "SessionSetupStatusChanged";

/// A Flinks webhook.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `"ResponseType": "KYC"`: the holder data, sent before the accounts
    /// detail. Its fields are not listed; it is read as the accounts-detail
    /// envelope, whose accounts carry the `Holder` (inferred).
    Kyc(AccountsDetail),
    /// `"ResponseType": "GetAccountsDetail"`: the same body as the
    /// `GetAccountsDetail` 200 answer, decoded into the same type.
    AccountsDetail(AccountsDetail),
    /// GEFT `SessionSetupStatusChanged`: a Pay session reached Completed,
    /// Failed or Canceled. The body is not published: it is read as the
    /// session object of the status endpoint (`sessionId`, `referenceId`,
    /// `amount`, `status`, `statusDetails`), inferred.
    SessionSetupStatusChanged(Session),
    /// An Upload fraud alert (inferred shape, see [`FraudAlert`]).
    UploadFraudAlert(FraudAlert),
    /// Anything else (Investments webhooks, new types), raw body kept.
    Unknown(UnknownEvent),
}

/// A Flinks Upload fraud alert. The docs name the webhook ("Flinks Upload
/// Fraud Alerts") but publish neither its type string nor its fields: a
/// delivery whose type names fraud is read as one (inferred), with the ids
/// that identify the login where present and the raw body kept for the
/// rest.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FraudAlert {
    /// The delivery's type as sent.
    pub event_type: String,
    /// The session concerned (`RequestId`), when present.
    pub request_id: Option<RequestId>,
    /// The login concerned (`LoginId`), when present.
    pub login_id: Option<LoginId>,
    /// The raw body, byte for byte.
    pub body: Bytes,
}

/// The fields that say which webhook a body is. `ResponseType` is
/// documented for Connect; Pay and Upload deliveries name their event in a
/// field the docs do not show, so the usual spellings are read (inferred).
#[derive(Deserialize)]
struct Kind {
    #[serde(rename = "ResponseType", default)]
    response_type: Option<String>,
    #[serde(rename = "eventType", alias = "EventType", alias = "type", default)]
    event_type: Option<String>,
}

/// The ids a fraud alert is read for.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AlertIds {
    #[serde(default)]
    request_id: Option<RequestId>,
    #[serde(default)]
    login_id: Option<LoginId>,
}

impl WebhookEvent {
    /// The delivery's type as sent (`ResponseType` or the event name);
    /// `None` for an unknown event that names none.
    pub fn event_type(&self) -> Option<&str> {
        match self {
            WebhookEvent::Kyc(_) => Some(KYC),
            WebhookEvent::AccountsDetail(_) => Some(GET_ACCOUNTS_DETAIL),
            WebhookEvent::SessionSetupStatusChanged(_) => Some(SESSION_SETUP_STATUS_CHANGED),
            WebhookEvent::UploadFraudAlert(alert) => Some(&alert.event_type),
            WebhookEvent::Unknown(unknown) => unknown.event_type.as_deref(),
        }
    }

    /// Decodes a body **without** checking its signature: use
    /// [`Verify::verify`](banking_core::webhook::Verify::verify) on a
    /// [`WebhookVerifier`] for bodies from the network.
    pub fn parse(body: &[u8]) -> Result<Self, WebhookError> {
        let kind: Kind = webhook::decode(body)?;
        let Some(event_type) = kind.response_type.or(kind.event_type) else {
            return Ok(WebhookEvent::Unknown(UnknownEvent::new(None, body)));
        };
        Ok(match event_type.as_str() {
            KYC => WebhookEvent::Kyc(webhook::decode(body)?),
            GET_ACCOUNTS_DETAIL => WebhookEvent::AccountsDetail(webhook::decode(body)?),
            SESSION_SETUP_STATUS_CHANGED => {
                WebhookEvent::SessionSetupStatusChanged(webhook::decode(body)?)
            }
            t if t.to_ascii_lowercase().contains("fraud") => {
                let ids: AlertIds = webhook::decode(body)?;
                WebhookEvent::UploadFraudAlert(FraudAlert {
                    event_type,
                    request_id: ids.request_id,
                    login_id: ids.login_id,
                    body: Bytes::copy_from_slice(body),
                })
            }
            _ => WebhookEvent::Unknown(UnknownEvent::new(Some(event_type), body)),
        })
    }
}

impl DecodeEvent for WebhookEvent {
    fn decode_event(body: &[u8]) -> Result<Self, WebhookError> {
        WebhookEvent::parse(body)
    }
}
