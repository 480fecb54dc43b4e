//! An offline Pay simulator (feature `testkit`): a local mock server
//! serving the docs' payloads, for integrators' tests and examples.
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
}

impl PaySimulator {
    /// Starts the simulator: authorize, EFT v1 transaction create, payment
    /// request status, institutions and the v2 session endpoints (every
    /// session completes, as in the docs' GEFT sample).
    pub async fn start() -> Self {
        let server = MockServer::start().await;
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
        Self { server }
    }

    /// The mock server, to mount more behaviour or inspect requests.
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
