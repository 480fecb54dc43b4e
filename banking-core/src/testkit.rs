//! Helpers shared by the provider testkits (feature `testkit`).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = wiremock::MockServer::start().await;
//! banking_core::testkit::catch_all(&server).await;
//! let transport = banking_core::testkit::transport_for(&server).build().unwrap();
//! let err = transport
//!     .send(banking_core::transport::Request::get("/not/mocked"))
//!     .await
//!     .unwrap_err();
//! assert_eq!(err.status(), Some(599));
//! assert!(err.api_error().unwrap().body_excerpt().contains("GET /not/mocked"));
//! # }
//! ```

use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod logs;
mod records;
mod scenario;

pub use logs::LogCapture;
pub use records::{Filter, Query, Record, Records, Rule, page};
pub use scenario::{Countdown, Scenarios, SimulatedError};

use crate::retry::RetryPolicy;
use crate::transport::{Transport, TransportBuilder};

/// The status the catch-all answers with: no real API uses it.
pub const UNMATCHED_STATUS: u16 = 599;

struct NameTheRequest;

impl Respond for NameTheRequest {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = request
            .url
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        ResponseTemplate::new(UNMATCHED_STATUS).set_body_string(format!(
            "no mock matches {} {}{}",
            request.method,
            request.url.path(),
            query
        ))
    }
}

/// Mounts a lowest-priority mock that answers any unmatched request with
/// status 599 and a body naming the request, so a failing test says what it
/// sent.
pub async fn catch_all(server: &MockServer) {
    Mock::given(wiremock::matchers::any())
        .respond_with(NameTheRequest)
        .with_priority(u8::MAX)
        .mount(server)
        .await;
}

/// A transport builder pointed at `server`, with retries off so that tests
/// see each response as served.
pub fn transport_for(server: &MockServer) -> TransportBuilder {
    let url = server.uri().parse().expect("mock server URI is a URL");
    Transport::builder(url).retry_policy(RetryPolicy::none())
}

/// An integrator's HTTP client builder for tests of the transport's
/// guarantees: it sends `x-integrator: acme` on every request and would
/// follow up to ten redirects if the transport let it.
pub fn integrator_client_builder() -> reqwest::ClientBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-integrator",
        reqwest::header::HeaderValue::from_static("acme"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::limited(10))
}
