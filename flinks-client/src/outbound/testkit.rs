//! An offline Outbound simulator (feature `testkit`): a local mock server
//! serving the docs' payloads, for integrators' tests and examples.
//!
//! It serves the samples as they are: the transactions are the docs' two
//! pages, followed by `offset`; the simulator keeps nothing (Outbound reads
//! data and registers recipients, it creates no listed item).
//! [`fail_next_call`](OutboundSimulator::fail_next_call) answers the next
//! API call with an FDX error. Outbound has no SCA step the API can force
//! (consent is given at the Data Provider) and no 202 flow, so there is no
//! `require_sca` or `answer_pending`. [`server`](OutboundSimulator::server)
//! is an escape hatch to the mock server.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use flinks_client::outbound::testkit::OutboundSimulator;
//! use flinks_client::outbound::{ConsentCallback, ConsentRequest, Scope};
//! use flinks_client::outbound::fdx::transactions::TransactionsRequest;
//! use futures::TryStreamExt;
//!
//! let sim = OutboundSimulator::start().await;
//! let client = sim.client()?;
//!
//! // Partner side: providers and registrations with the client:admin token.
//! let providers = client.providers().list().await?;
//! assert_eq!(providers[0].name.as_deref(), Some("Flinks Capital"));
//!
//! // User side: consent URL, callback, code exchange, FDX data.
//! let redirect: url::Url = "https://example.com/callback".parse().unwrap();
//! let consent = ConsentRequest::new("dc-demo", redirect.clone(), "xyz")
//!     .scopes([Scope::AccountBasic, Scope::Transactions]);
//! let _send_the_user_to = client.consent_url(&consent)?;
//! let back = sim.consent_redirect(&redirect, "xyz");
//! let ConsentCallback::Granted { code } = ConsentCallback::parse(&back, "xyz")? else {
//!     unreachable!("the simulator grants consent")
//! };
//! let connection = client.connect_with_code(&code, &redirect).await?;
//! let transactions: Vec<_> = connection
//!     .transactions()
//!     .stream(TransactionsRequest::new("11").limit(1))
//!     .try_collect()
//!     .await?;
//! assert_eq!(transactions.len(), 2); // two pages, followed by offset
//! # Ok(()) }
//! ```

use banking_core::testkit::{Scenarios, SimulatedError};
use banking_core::transport::Environment;
use secrecy::SecretString;
use url::Url;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::OutboundClient;

/// Client id the simulator's client uses.
pub const CLIENT_ID: &str = "testkit-client";
/// Authorization code the simulator grants.
pub const CONSENT_CODE: &str = "testkit-consent-code";

fn json(body: &'static str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

/// A running Outbound simulator.
#[derive(Debug)]
pub struct OutboundSimulator {
    server: MockServer,
    scenarios: Scenarios,
}

impl OutboundSimulator {
    /// Starts the simulator: token endpoint (every grant), providers,
    /// registrations, customer, accounts, two pages of transactions,
    /// payment networks, statements and revoke.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let scenarios = Scenarios::mount(&server, "^/api/", &["/api/v1/token"]).await;
        banking_core::testkit::catch_all(&server).await;
        let token = ResponseTemplate::new(200).set_body_raw(
            include_str!("../../fixtures/outbound_schema_built_token_authorization_code_200.json"),
            "application/json",
        );
        let routes = [
            ("POST", "/api/v1/token", token),
            (
                "GET",
                "/api/v1/providers",
                json(include_str!(
                    "../../fixtures/outbound_seed_providers_supported_200.json"
                )),
            ),
            (
                "GET",
                "/api/v1/recipients/providers/requests",
                json(include_str!(
                    "../../fixtures/outbound_seed_registrations_all_200.json"
                )),
            ),
            (
                "GET",
                "/api/fdx/5/customers/current",
                json(include_str!(
                    "../../fixtures/outbound_schema_built_fdx_customers_current_200.json"
                )),
            ),
            (
                "GET",
                "/api/fdx/5/accounts",
                json(include_str!(
                    "../../fixtures/outbound_schema_built_fdx_accounts_loan_investment_200.json"
                )),
            ),
            (
                "GET",
                "/api/fdx/5/accounts/11",
                json(include_str!(
                    "../../fixtures/outbound_schema_built_fdx_account_details_200.json"
                )),
            ),
            (
                "GET",
                "/api/fdx/5/accounts/11/payment-networks",
                json(include_str!(
                    "../../fixtures/outbound_seed_fdx_payment_networks_first_page_200.json"
                )),
            ),
            (
                "GET",
                "/api/fdx/5/accounts/11/statements",
                json(include_str!(
                    "../../fixtures/outbound_schema_built_fdx_statements_200.json"
                )),
            ),
            ("DELETE", "/api/v1/revoke", ResponseTemplate::new(204)),
        ];
        for (verb, route, response) in routes {
            Mock::given(method(verb))
                .and(path(route))
                .respond_with(response)
                .mount(&server)
                .await;
        }
        Mock::given(method("GET"))
            .and(path("/api/fdx/5/accounts/11/transactions"))
            .and(query_param_is_missing("offset"))
            .respond_with(json(include_str!(
                "../../fixtures/outbound_research_fdx_transactions_200.json"
            )))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/fdx/5/accounts/11/transactions"))
            .and(query_param(
                "offset",
                "97fcd39f-6e32-470b-a107-d4cb1080abcc",
            ))
            .respond_with(json(include_str!(
                "../../fixtures/outbound_schema_built_fdx_transactions_last_page_200.json"
            )))
            .mount(&server)
            .await;
        Self { server, scenarios }
    }

    /// The next API call (not a token request) fails with `error`, in the
    /// FDX error body (`code`, a number when the code is one, `message`,
    /// `debugMessage`); the calls after it are served as usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use flinks_client::outbound::OutboundErrorExt;
    /// use flinks_client::outbound::testkit::OutboundSimulator;
    ///
    /// let sim = OutboundSimulator::start().await;
    /// let client = sim.client().unwrap();
    /// sim.fail_next_call(SimulatedError::new(404, "1107", "Provider not found"));
    /// let err = client.providers().list().await.unwrap_err();
    /// let fdx = err.fdx_error().unwrap();
    /// assert_eq!((fdx.code, fdx.message.as_deref()), (Some(1107), Some("Provider not found")));
    /// assert!(client.providers().list().await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios.answer_next(
            1,
            error.status,
            serde_json::json!({
                "code": error
                    .code
                    .parse::<i64>()
                    .map_or_else(|_| serde_json::Value::from(error.code.clone()), Into::into),
                "message": error.message,
                "debugMessage": "simulated",
            }),
        );
    }

    /// The mock server (an escape hatch: the scenarios above need none), to
    /// mount more behaviour or inspect requests.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// A client pointed at the simulator (API and authorization host).
    pub fn client(&self) -> banking_core::Result<OutboundClient> {
        let url = self
            .server
            .uri()
            .parse()
            .map_err(|e| banking_core::Error::config(format!("simulator URL: {e}")))?;
        OutboundClient::builder()
            .environment(Environment::Custom(url))
            .credentials(CLIENT_ID, SecretString::from("testkit-secret"))
            .build()
    }

    /// The redirect a user who consents comes back with:
    /// `redirect_uri?code=<CONSENT_CODE>&state=<state>`.
    pub fn consent_redirect(&self, redirect_uri: &Url, state: &str) -> Url {
        let mut url = redirect_uri.clone();
        url.query_pairs_mut()
            .append_pair("code", CONSENT_CODE)
            .append_pair("state", state);
        url
    }
}
