//! An offline Pay simulator (feature `testkit`): a local mock server
//! serving the docs' payloads, for integrators' tests and examples.
//!
//! It serves the samples as they are: Pay has no list endpoint, so there is
//! no filter or page size to honour, and every session reads as the docs'
//! completed GEFT sample. [`fail_next_call`](PaySimulator::fail_next_call)
//! answers the next API call with RFC 7807 problem details. The payer's
//! authorisation happens in Flinks' hosted flow and no Pay endpoint answers
//! 202, so there is no `require_sca` or `answer_pending`.
//! [`server`](PaySimulator::server) is an escape hatch to the mock server.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use banking_core::money::Currency;
//! use flinks_client::pay::testkit::PaySimulator;
//! use flinks_client::pay::{CreateSession, PaymentDirection, SessionPayor, SessionStatus};
//!
//! let sim = PaySimulator::start().await;
//! let pay = sim.client()?;
//!
//! let session = CreateSession::geft(PaymentDirection::Debit)
//!     .reference_id("USER12345")
//!     .amount("500.00".parse().unwrap(), Currency::CAD)
//!     .payor(SessionPayor::new("Sara", "Ahmad").email("sara.ahmad@example.com"));
//! let created = pay.sessions().create(&session).await?;
//! let _open_in_browser = pay.hosted_flow_url(&created.session_id);
//!
//! let status = pay.sessions().status(&created.session_id).await?;
//! assert_eq!(status.status, Some(SessionStatus::Completed));
//! # Ok(()) }
//! ```

use banking_core::testkit::{Scenarios, SimulatedError};
use banking_core::transport::Environment;
use secrecy::SecretString;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::PayClient;

fn json(status: u16, body: &'static str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

/// A running Pay simulator.
#[derive(Debug)]
pub struct PaySimulator {
    server: MockServer,
    scenarios: Scenarios,
}

impl PaySimulator {
    /// Starts the simulator: authorize, EFT v1 transaction create, payment
    /// request status, institutions and the v2 session endpoints (every
    /// session completes, as in the docs' GEFT sample).
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let scenarios = Scenarios::mount(&server, "^/api/", &["/api/v1/authorize"]).await;
        banking_core::testkit::catch_all(&server).await;
        let exact = [
            (
                "POST",
                "/api/v1/authorize",
                json(
                    200,
                    include_str!("../../fixtures/pay_research_authorize_200.json"),
                ),
            ),
            (
                "POST",
                "/api/v1/transactions",
                json(
                    200,
                    include_str!("../../fixtures/pay_seed_eft_create_transaction_200.json"),
                ),
            ),
            ("GET", "/api/v1/institutions", json(200, "[]")),
            (
                "POST",
                "/api/v2/sessions",
                json(
                    201,
                    include_str!("../../fixtures/pay_research_session_create_201.json"),
                ),
            ),
        ];
        for (verb, route, response) in exact {
            Mock::given(method(verb))
                .and(path(route))
                .respond_with(response)
                .mount(&server)
                .await;
        }
        let patterns = [
            (
                "GET",
                r"^/api/v1/paymentrequests/[^/]+$",
                json(
                    200,
                    include_str!("../../fixtures/pay_schema_built_payment_request_200.json"),
                ),
            ),
            (
                "POST",
                r"^/api/v1/(paymentrequests|schedules)/[^/]+/cancel$",
                ResponseTemplate::new(200),
            ),
            (
                "GET",
                r"^/api/v2/sessions/[^/]+/(status|details)$",
                json(
                    200,
                    include_str!("../../fixtures/pay_seed_geft_session_200.json"),
                ),
            ),
            (
                "POST",
                r"^/api/v2/sessions/[^/]+/guarantees/confirm$",
                ResponseTemplate::new(200),
            ),
            (
                "POST",
                r"^/api/v2/sessions/[^/]+/cancel$",
                json(
                    200,
                    include_str!("../../fixtures/pay_schema_built_geft_cancel_200.json"),
                ),
            ),
        ];
        for (verb, pattern, response) in patterns {
            Mock::given(method(verb))
                .and(path_regex(pattern))
                .respond_with(response)
                .mount(&server)
                .await;
        }
        Self { server, scenarios }
    }

    /// The next API call (not the authorize call that gets a token) fails
    /// with `error`, in RFC 7807 problem details (`type` is the code,
    /// `title` and `detail` the message); the calls after it are served as
    /// usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use flinks_client::pay::PayErrorExt;
    /// use flinks_client::pay::testkit::PaySimulator;
    ///
    /// let sim = PaySimulator::start().await;
    /// let pay = sim.client().unwrap();
    /// sim.fail_next_call(SimulatedError::new(403, "forbidden", "Not allowed for this client"));
    /// let err = pay.institutions().list().await.unwrap_err();
    /// assert_eq!(err.problem_details().unwrap().detail.as_deref(), Some("Not allowed for this client"));
    /// assert!(pay.institutions().list().await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios.answer_next(
            1,
            error.status,
            serde_json::json!({
                "type": error.code,
                "title": error.message,
                "status": error.status,
                "detail": error.message,
            }),
        );
    }

    /// The mock server (an escape hatch: the scenario above needs none), to
    /// mount more behaviour or inspect requests.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// A client pointed at the simulator, with an `x-client-id`.
    pub fn client(&self) -> banking_core::Result<PayClient> {
        let url = self
            .server
            .uri()
            .parse()
            .map_err(|e| banking_core::Error::config(format!("simulator URL: {e}")))?;
        PayClient::builder()
            .environment(Environment::Custom(url))
            .credentials("testkit-client", SecretString::from("testkit-secret"))
            .x_client_id("testkit-x-client-id")
            .build()
    }
}
