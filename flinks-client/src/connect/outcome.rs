//! The shapes a Connect call answers with, and how they are told apart.
//!
//! Flinks puts the truth in the body: `FlinksCode` says pending or failed,
//! `SecurityChallenges` says MFA, and the HTTP status merely echoes it (and
//! has drifted between versions of the docs). So the body decides:
//!
//! | body | result |
//! |---|---|
//! | `FlinksCode` `OPERATION_PENDING` / `OPERATION_DISPATCHED` (any status) | pending |
//! | no `FlinksCode`, and 202 in `HttpStatusCode` (or the status) | pending |
//! | any other `FlinksCode` except `OK` / `CREATED` (even with a 2xx) | `Error::Api` |
//! | non-empty `SecurityChallenges` (Authorize only) | MFA required |
//! | otherwise, on a 2xx | ready |

use banking_core::error::ApiError;
use banking_core::transport::{Request, Response, Transport};
use banking_core::{Error, Result};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::error::{FlinksCode, FlinksErrorDecoder};
use crate::ids::RequestId;

/// A hypermedia link of a Connect response (`{"rel", "href", "example"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// What the link points to (`AccountsDetail`, `GetAccountsDetailAsync`).
    #[serde(default)]
    pub rel: Option<String>,
    /// The path, relative to `BankingServices`.
    #[serde(default)]
    pub href: Option<String>,
    /// An example path, when given.
    #[serde(default)]
    pub example: Option<String>,
}

/// The result is still being prepared: `FlinksCode` `OPERATION_PENDING` or
/// `OPERATION_DISPATCHED`, usually with HTTP 202.
///
/// Poll the matching `*Async` endpoint with [`request_id`](Self::request_id),
/// or hand the whole [`Outcome`] to [`Connect::wait_ready`](super::Connect::wait_ready).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Pending {
    /// `OPERATION_PENDING` or `OPERATION_DISPATCHED` (`OPERATION_PENDING`
    /// for a bare 202 without a code).
    pub flinks_code: FlinksCode,
    /// The session to poll.
    pub request_id: RequestId,
    /// "Your operation is still processing".
    #[serde(default)]
    pub message: Option<String>,
    /// The HTTP status echoed in the body (202).
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The `*Async` endpoint to poll.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub links: Vec<Link>,
}

/// A result that is either ready or still being prepared.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[must_use = "a pending outcome must be polled until it is ready"]
pub enum Outcome<T> {
    /// The data (HTTP 200).
    Ready(T),
    /// Not yet: poll the `*Async` endpoint (HTTP 202).
    Pending(Pending),
}

impl<T> Outcome<T> {
    /// The data, if ready.
    pub fn ready(self) -> Option<T> {
        match self {
            Outcome::Ready(value) => Some(value),
            Outcome::Pending(_) => None,
        }
    }

    /// The pending notice, if not ready.
    pub fn pending(&self) -> Option<&Pending> {
        match self {
            Outcome::Ready(_) => None,
            Outcome::Pending(pending) => Some(pending),
        }
    }
}

/// What a Connect response turned out to be.
pub(crate) enum Answer {
    Ready(Response),
    Challenge(Response),
    Pending(Pending),
}

/// The part of a body that decides what it is.
#[derive(Deserialize, Default)]
struct Envelope {
    #[serde(default, rename = "FlinksCode")]
    flinks_code: Option<FlinksCode>,
    #[serde(default, rename = "HttpStatusCode")]
    http_status_code: Option<u16>,
    #[serde(default, rename = "SecurityChallenges")]
    security_challenges: Option<Vec<IgnoredAny>>,
}

impl Envelope {
    fn of(body: &[u8]) -> Self {
        serde_json::from_slice(body).unwrap_or_default()
    }

    /// A pending code; or, when the body has no code at all, a 202 in the
    /// body (or else the status): a bare 202 must never read as empty data.
    fn is_pending(&self, status: u16) -> bool {
        match &self.flinks_code {
            Some(code) => code.is_pending(),
            None => self.http_status_code.unwrap_or(status) == 202 && !self.has_challenges(),
        }
    }

    fn has_challenges(&self) -> bool {
        self.security_challenges
            .as_ref()
            .is_some_and(|challenges| !challenges.is_empty())
    }
}

/// A pending body; `RequestId` may be missing from it, then the session the
/// call was made for is used.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PendingWire {
    #[serde(default)]
    flinks_code: Option<FlinksCode>,
    #[serde(default)]
    request_id: Option<RequestId>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    http_status_code: Option<u16>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    links: Vec<Link>,
}

fn decode_pending(body: &[u8], session: Option<RequestId>) -> Result<Pending> {
    let wire: PendingWire = banking_core::json::from_slice(body)?;
    let request_id = wire.request_id.or(session).ok_or_else(|| {
        Error::Decode(Box::new(banking_core::error::DecodeError {
            path: "RequestId".into(),
            message: "a pending answer must name the session to poll".into(),
            excerpt: String::from_utf8_lossy(&body[..body.len().min(256)]).into_owned(),
            request_id: None,
        }))
    })?;
    Ok(Pending {
        flinks_code: wire.flinks_code.unwrap_or(FlinksCode::OperationPending),
        request_id,
        message: wire.message,
        http_status_code: wire.http_status_code,
        links: wire.links,
    })
}

/// Sends a Connect call and sorts the answer by its body (see the module
/// docs). `session` is the `RequestId` the call was made for, if any.
pub(crate) async fn send(
    transport: &Transport,
    request: Request,
    session: Option<RequestId>,
) -> Result<Answer> {
    match transport.send(request).await {
        Ok(response) => {
            let envelope = Envelope::of(response.body());
            if envelope.is_pending(response.status()) {
                return decode_pending(response.body(), session).map(Answer::Pending);
            }
            match &envelope.flinks_code {
                Some(code) if !code.is_success() => {
                    Err(Error::Api(Box::new(ApiError::from_response(
                        response.status(),
                        response.headers().clone(),
                        response.body().clone(),
                        &FlinksErrorDecoder,
                    ))))
                }
                _ if envelope.has_challenges() => Ok(Answer::Challenge(response)),
                _ => Ok(Answer::Ready(response)),
            }
        }
        Err(Error::Api(api)) => match Envelope::of(&api.body).flinks_code {
            Some(code) if code.is_pending() => {
                decode_pending(&api.body, session).map(Answer::Pending)
            }
            _ => Err(Error::Api(api)),
        },
        Err(other) => Err(other),
    }
}

/// [`send`] for calls that answer ready or pending; an MFA body here is
/// decoded as ready data (it cannot happen outside Authorize).
pub(crate) async fn send_outcome<T: serde::de::DeserializeOwned>(
    transport: &Transport,
    request: Request,
    session: Option<RequestId>,
) -> Result<Outcome<T>> {
    match send(transport, request, session).await? {
        Answer::Ready(response) | Answer::Challenge(response) => {
            response.json().map(Outcome::Ready)
        }
        Answer::Pending(pending) => Ok(Outcome::Pending(pending)),
    }
}
