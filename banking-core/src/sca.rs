//! Strong customer authentication (SCA): header types and the 202 flow.
//!
//! An operation that may need SCA answers either with its result or with
//! `202` and a challenge. [`send_with_sca`] turns that into an
//! [`ScaOutcome`]; [`PendingSca::complete`] replays the byte-identical
//! request with the SCA id the challenge named, since providers reject a
//! body that differs from the one the user approved.
//!
//! ```
//! use banking_core::sca::{ScaFactor, ScaHeaderNames, ScaOptions, ScaStrategy};
//! use banking_core::transport::Request;
//!
//! const NAMES: ScaHeaderNames = ScaHeaderNames {
//!     strategy: "Linkcy-SCA-Strategy",
//!     factor: "Linkcy-SCA-Factor",
//!     id: "Linkcy-SCA-Id",
//!     signature: "Linkcy-SCA-Signature",
//! };
//! let options = ScaOptions::new()
//!     .strategy(ScaStrategy::JoinCode)
//!     .factor(ScaFactor::Pin);
//! let request = options.apply(Request::post("/api/partner/transactions"), &NAMES);
//! # let _ = request;
//! assert_eq!(ScaStrategy::from("DATA_SIGNING"), ScaStrategy::DataSigning);
//! assert_eq!(ScaStrategy::from("NEW_ONE").as_str(), "NEW_ONE");
//! ```

use std::fmt;
use std::marker::PhantomData;

use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::transport::{Request, Transport};

crate::wire_enum! {
    /// How the provider should obtain SCA when an operation needs it.
    ScaStrategy {
        /// Send a push notification to the user's device.
        PushNotification = "PUSH_NOTIFICATION",
        /// Return a join code for the user to enter.
        JoinCode = "JOIN_CODE",
        /// Fail if SCA is required.
        Fail = "FAIL",
        /// Sandbox only: skip SCA.
        ByPass = "BY_PASS",
        /// Sign the operation's data on the device; the signature travels in
        /// the signature header.
        DataSigning = "DATA_SIGNING",
    }
}

crate::wire_enum! {
    /// The factor the user confirms with.
    ScaFactor {
        /// Fingerprint or face recognition.
        Biometry = "BIOMETRY",
        /// A PIN.
        Pin = "PIN",
    }
}

/// The id of an SCA operation, sent back once the user completed it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScaId(String);

impl ScaId {
    /// Wraps an SCA id.
    pub fn new(id: impl Into<String>) -> Self {
        ScaId(id.into())
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ScaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScaId({})", self.0)
    }
}

impl fmt::Display for ScaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ScaId {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(ScaId(s.to_owned()))
    }
}

/// A provider's 202 challenge body: it names the SCA to complete, so
/// [`PendingSca::complete`] needs no id from the caller.
pub trait ScaChallenge {
    /// The id of the SCA interaction the challenge opened.
    fn sca_id(&self) -> &ScaId;
}

/// A provider's SCA header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaHeaderNames {
    /// Strategy header.
    pub strategy: &'static str,
    /// Factor header.
    pub factor: &'static str,
    /// Completed-SCA id header.
    pub id: &'static str,
    /// Data-signing signature header.
    pub signature: &'static str,
}

/// SCA choices for one operation.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
#[must_use]
pub struct ScaOptions {
    /// Strategy (provider default when unset).
    pub strategy: Option<ScaStrategy>,
    /// Factor (provider default when unset).
    pub factor: Option<ScaFactor>,
    /// The id of an SCA the user already completed.
    pub sca_id: Option<ScaId>,
    /// A data-signing signature.
    pub signature: Option<SecretString>,
}

impl ScaOptions {
    /// No SCA headers.
    pub fn new() -> Self {
        ScaOptions::default()
    }

    /// Sets the strategy.
    pub fn strategy(mut self, strategy: ScaStrategy) -> Self {
        self.strategy = Some(strategy);
        self
    }

    /// Sets the factor.
    pub fn factor(mut self, factor: ScaFactor) -> Self {
        self.factor = Some(factor);
        self
    }

    /// Sets a completed SCA id.
    pub fn sca_id(mut self, id: ScaId) -> Self {
        self.sca_id = Some(id);
        self
    }

    /// Sets the data-signing signature.
    pub fn signature(mut self, signature: SecretString) -> Self {
        self.signature = Some(signature);
        self
    }

    /// Adds the headers these options set to `request`.
    pub fn apply(&self, mut request: Request, names: &ScaHeaderNames) -> Request {
        if let Some(s) = &self.strategy {
            request = request.header(names.strategy, s.as_str());
        }
        if let Some(f) = &self.factor {
            request = request.header(names.factor, f.as_str());
        }
        if let Some(id) = &self.sca_id {
            request = request.header(names.id, id.as_str());
        }
        if let Some(sig) = &self.signature {
            request = request.sensitive_header(names.signature, sig);
        }
        request
    }
}

/// The result of an operation that may need SCA.
#[derive(Debug)]
// Boxing the pending arm would cost an allocation on every 202 for no
// gain: outcomes are short-lived values, never stored in bulk.
#[allow(clippy::large_enum_variant)]
#[must_use = "a pending SCA must be completed, or the operation does not happen"]
pub enum ScaOutcome<T, C> {
    /// The operation completed.
    Done(T),
    /// The provider answered 202: the user must complete SCA first.
    Pending(PendingSca<T, C>),
}

impl<T, C> ScaOutcome<T, C> {
    /// Whether the operation completed.
    pub fn is_done(&self) -> bool {
        matches!(self, ScaOutcome::Done(_))
    }

    /// The result, if the operation completed.
    pub fn done(self) -> Option<T> {
        match self {
            ScaOutcome::Done(t) => Some(t),
            ScaOutcome::Pending(_) => None,
        }
    }

    /// The pending SCA, if one is needed.
    pub fn pending(self) -> Option<PendingSca<T, C>> {
        match self {
            ScaOutcome::Pending(p) => Some(p),
            ScaOutcome::Done(_) => None,
        }
    }
}

/// An operation waiting for the user's SCA; keeps the exact request.
#[must_use = "the operation happens only once the SCA is completed"]
pub struct PendingSca<T, C> {
    transport: Transport,
    request: Request,
    names: ScaHeaderNames,
    challenge: C,
    _result: PhantomData<fn() -> T>,
}

impl<T, C: fmt::Debug> fmt::Debug for PendingSca<T, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingSca")
            .field("request", &self.request)
            .field("challenge", &self.challenge)
            .finish()
    }
}

impl<T: DeserializeOwned, C: DeserializeOwned> PendingSca<T, C> {
    /// The provider's challenge (SCA id, join code, time to live, ...).
    pub fn challenge(&self) -> &C {
        &self.challenge
    }

    /// The request that will be replayed.
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// Replays the byte-identical request with `sca_id` in the SCA id header:
    /// for an SCA other than the one the challenge named (for example one
    /// the user completed on a new interaction for the same operation).
    /// [`PendingSca::complete`] is the usual call.
    pub async fn complete_with(&self, sca_id: &ScaId) -> Result<ScaOutcome<T, C>> {
        let request = self.request.clone().header(self.names.id, sca_id.as_str());
        send_with_sca(&self.transport, request, self.names).await
    }
}

impl<T: DeserializeOwned, C: ScaChallenge + DeserializeOwned> PendingSca<T, C> {
    /// Replays the byte-identical request with the challenge's SCA id, once
    /// the user approved it.
    pub async fn complete(&self) -> Result<ScaOutcome<T, C>> {
        self.complete_with(self.challenge.sca_id()).await
    }
}

/// Sends `request`: `202` gives [`ScaOutcome::Pending`] with the challenge
/// decoded from the body; any other success decodes `T` (use `()` for a
/// bodiless `204`).
pub async fn send_with_sca<T: DeserializeOwned, C: DeserializeOwned>(
    transport: &Transport,
    request: Request,
    names: ScaHeaderNames,
) -> Result<ScaOutcome<T, C>> {
    let response = transport.send(request.clone()).await?;
    if response.status() == 202 {
        let challenge = response.json()?;
        return Ok(ScaOutcome::Pending(PendingSca {
            transport: transport.clone(),
            request,
            names,
            challenge,
            _result: PhantomData,
        }));
    }
    Ok(ScaOutcome::Done(response.json()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use wiremock::matchers::{header, header_exists, method, path};
    use wiremock::{Mock, MockServer, Request as Seen, Respond, ResponseTemplate};

    const NAMES: ScaHeaderNames = ScaHeaderNames {
        strategy: "X-SCA-Strategy",
        factor: "X-SCA-Factor",
        id: "X-SCA-Id",
        signature: "X-SCA-Signature",
    };

    #[derive(Debug, Deserialize, PartialEq)]
    struct Created {
        id: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Challenge {
        sca_id: ScaId,
    }

    impl ScaChallenge for Challenge {
        fn sca_id(&self) -> &ScaId {
            &self.sca_id
        }
    }

    /// Records every body it sees.
    struct Recorder(Arc<Mutex<Vec<Vec<u8>>>>, ResponseTemplate);
    impl Respond for Recorder {
        fn respond(&self, request: &Seen) -> ResponseTemplate {
            self.0.lock().unwrap().push(request.body.clone());
            self.1.clone()
        }
    }

    #[tokio::test]
    async fn pending_then_complete_replays_identical_body_with_sca_id() {
        let server = MockServer::start().await;
        let bodies = Arc::new(Mutex::new(Vec::new()));
        Mock::given(method("POST"))
            .and(path("/pay"))
            .and(header_exists("X-SCA-Id"))
            .and(header("X-SCA-Id", "sca-42"))
            .respond_with(Recorder(
                bodies.clone(),
                ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "t-1"})),
            ))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/pay"))
            .and(header("X-SCA-Strategy", "JOIN_CODE"))
            .respond_with(Recorder(
                bodies.clone(),
                ResponseTemplate::new(202).set_body_json(serde_json::json!({"scaId": "sca-42"})),
            ))
            .expect(1)
            .mount(&server)
            .await;
        let transport = Transport::builder(server.uri().parse().unwrap())
            .build()
            .unwrap();
        let request = ScaOptions::new()
            .strategy(ScaStrategy::JoinCode)
            .apply(Request::post("/pay"), &NAMES)
            .json(&serde_json::json!({"amount": 15.21, "reference": "Rent"}))
            .unwrap();
        let outcome = send_with_sca::<Created, Challenge>(&transport, request, NAMES)
            .await
            .unwrap();
        let pending = outcome.pending().expect("202 gives a pending SCA");
        assert_eq!(pending.challenge().sca_id.as_str(), "sca-42");
        let done = pending.complete().await.unwrap().done().expect("completed");
        assert_eq!(done, Created { id: "t-1".into() });
        let bodies = bodies.lock().unwrap();
        assert_eq!(bodies.len(), 2);
        assert_eq!(bodies[0], bodies[1], "the replay must be byte-identical");
    }

    #[tokio::test]
    async fn complete_with_sends_the_given_id_not_the_challenges() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/pay"))
            .and(header("X-SCA-Id", "sca-other"))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "t-2"})),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/pay"))
            .respond_with(
                ResponseTemplate::new(202).set_body_json(serde_json::json!({"scaId": "sca-42"})),
            )
            .expect(1)
            .mount(&server)
            .await;
        let transport = Transport::builder(server.uri().parse().unwrap())
            .build()
            .unwrap();
        let pending = send_with_sca::<Created, Challenge>(&transport, Request::post("/pay"), NAMES)
            .await
            .unwrap()
            .pending()
            .expect("202 gives a pending SCA");
        let done = pending
            .complete_with(&ScaId::new("sca-other"))
            .await
            .unwrap()
            .done();
        assert_eq!(done, Some(Created { id: "t-2".into() }));
    }

    #[test]
    fn unknown_strategies_and_factors_are_kept() {
        let s: ScaStrategy = serde_json::from_str(r#""QR_CODE""#).unwrap();
        assert_eq!(s, ScaStrategy::Unknown("QR_CODE".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""QR_CODE""#);
        let f: ScaFactor = serde_json::from_str(r#""PIN""#).unwrap();
        assert_eq!(f, ScaFactor::Pin);
    }
}
