//! An offline Pay simulator (feature `testkit`): a local mock server
//! serving the docs' payloads, for integrators' tests and examples.
//!
//! It keeps what the client creates and serves it back from the
//! documented reads (Pay has no list endpoint, so there is no filter or
//! page size to honour):
//!
//! - Sessions: `sessions().create(..)` keeps the session under a new id
//!   with its `referenceId` and `amount` as sent; `status` and `details`
//!   read it. The payer's flow runs in Flinks' hosted page, so the
//!   simulator plays it: a session reads `InProgress` for as many reads as
//!   [`answer_pending`](PaySimulator::answer_pending) says (0 until
//!   called), then `Completed` (`EFT0301`), as the docs' GEFT sample.
//!   `cancel` moves a session still in progress to `Canceled` (`EFT0501`)
//!   and is refused (400) once the session is terminal, as the docs say.
//!   The docs' sample session (`850750a4-…`) is there from the start.
//! - Payment requests: `payment_requests().link(..)` keeps a request
//!   (`Initiated`, the session's reference, its hosted-flow link); `get`
//!   reads it, `cancel` makes it `Cancelled` (refused once final). The
//!   docs' sample request (`4b1f8c2e-…`, `Processing`) is there too.
//! - EFT v1: `transactions().create(..)` answers the docs' schedule sample
//!   with a new id, the amount, reference and direction sent; the schedule
//!   is kept, so `schedules().cancel(..)` knows it (an unknown one: 404).
//!   No endpoint reads a schedule back.
//! - Unknown session or request ids answer 404, in problem details.
//!
//! [`fail_next_call`](PaySimulator::fail_next_call) answers the next API
//! call with RFC 7807 problem details. The payer's authorisation happens
//! in the hosted flow, not through the API, so there is no `require_sca`.
//! [`server`](PaySimulator::server) is an escape hatch to the mock server,
//! needed by none of these.
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
//! assert_eq!(status.amount, Some("500.00".parse().unwrap()));
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use banking_core::testkit::{Countdown, Record, Records, Scenarios, SimulatedError};
use banking_core::transport::Environment;
use secrecy::SecretString;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use uuid::Uuid;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::PayClient;

const SESSION: &str = include_str!("../../fixtures/pay_seed_geft_session_200.json");
const PAYMENT_REQUEST: &str =
    include_str!("../../fixtures/pay_schema_built_payment_request_200.json");
const CREATED_TRANSACTION: &str =
    include_str!("../../fixtures/pay_seed_eft_create_transaction_200.json");

fn json(status: u16, body: &'static str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

fn raw_json(text: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(text, "application/json")
}

/// RFC 7807 problem details, as the Pay API answers errors.
fn problem(status: u16, title: &str, detail: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }))
}

/// The top-level members of a JSON object body, each as sent.
fn members(body: &[u8]) -> Option<BTreeMap<String, Box<RawValue>>> {
    serde_json::from_slice(body).ok()
}

/// What the client created, and how the simulated payer proceeds.
#[derive(Debug)]
struct State {
    sessions: Records,
    /// Reads left that answer `InProgress`, per session.
    in_progress: HashMap<String, Countdown>,
    /// How many reads of a session created from now on answer `InProgress`.
    reads_per_session: u32,
    payment_requests: Records,
    schedules: Records,
    created: u128,
    base: String,
}

impl State {
    fn new_id(&mut self) -> String {
        self.created += 1;
        Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | self.created).to_string()
    }

    fn in_progress(&self, session: &str) -> bool {
        self.in_progress
            .get(session)
            .is_some_and(|left| left.remaining() > 0)
    }
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// The path segment after `after` (`sessions`, `paymentrequests`, ...).
fn id_after(request: &Request, after: &str) -> String {
    let segments: Vec<&str> = request.url.path_segments().into_iter().flatten().collect();
    segments
        .iter()
        .position(|s| *s == after)
        .and_then(|at| segments.get(at + 1))
        .map(|s| (*s).to_owned())
        .unwrap_or_default()
}

/// `POST /api/v2/sessions`: a new session with the reference and amount
/// sent.
struct CreateSessionRoute(Shared);

impl Respond for CreateSessionRoute {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Some(body) = members(&request.body) else {
            return problem(400, "Bad Request", "The body must be a JSON object");
        };
        let mut state = lock(&self.0);
        let id = state.new_id();
        let mut session = Record::parse(SESSION).expect("the session fixture is JSON");
        session.set_str("sessionId", &id);
        for member in ["referenceId", "amount"] {
            let sent = body.get(member).map_or("null", |raw| raw.get());
            session.set_raw(member, sent);
        }
        let reference = session.value()["referenceId"].clone();
        state.sessions.push(session);
        let reads = state.reads_per_session;
        state.in_progress.insert(id.clone(), Countdown::new(reads));
        ResponseTemplate::new(201).set_body_json(json!({"sessionId": id, "referenceId": reference}))
    }
}

/// `GET /api/v2/sessions/{id}/status` and `.../details`.
struct ReadSession(Shared);

impl Respond for ReadSession {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = id_after(request, "sessions");
        let state = lock(&self.0);
        let Some(session) = state.sessions.find("/sessionId", &id) else {
            return problem(404, "Not Found", "No such session");
        };
        let mut read = session.clone();
        if state.in_progress.get(&id).is_some_and(Countdown::take) {
            read.set_str("status", "InProgress");
            read.set_raw("statusDetails", "null");
        }
        raw_json(read.text().to_owned())
    }
}

/// `POST /api/v2/sessions/{id}/cancel`: refused once terminal.
struct CancelSession(Shared);

impl Respond for CancelSession {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = id_after(request, "sessions");
        let mut state = lock(&self.0);
        let pending = state.in_progress(&id);
        let Some(session) = state.sessions.find_mut("/sessionId", &id) else {
            return problem(404, "Not Found", "No such session");
        };
        if !pending {
            let status = session.member("/status").unwrap_or_default();
            return problem(400, "Bad Request", &format!("The session is {status}"));
        }
        session.set_str("status", "Canceled");
        session.set_str("statusDetails", "EFT0501");
        let answer = json!({
            "sessionId": id,
            "referenceId": session.value()["referenceId"],
            "status": "Canceled",
            "statusDetails": "EFT0501",
        });
        state.in_progress.remove(&id);
        ResponseTemplate::new(200).set_body_json(answer)
    }
}

/// `POST /api/v2/sessions/{id}/guarantees/confirm`: known sessions only.
struct ConfirmGuarantee(Shared);

impl Respond for ConfirmGuarantee {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = id_after(request, "sessions");
        match lock(&self.0).sessions.find("/sessionId", &id) {
            Some(_) => ResponseTemplate::new(200),
            None => problem(404, "Not Found", "No such session"),
        }
    }
}

/// The payment request routes: link, get, cancel.
struct PaymentRequests(Shared);

impl Respond for PaymentRequests {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = lock(&self.0);
        if request.url.path() == "/api/v1/paymentrequests" {
            let body = serde_json::from_slice::<Value>(&request.body).unwrap_or_default();
            let (Some(session), Some(id)) =
                (body["sessionId"].as_str(), body["requestId"].as_str())
            else {
                return problem(400, "Bad Request", "sessionId and requestId are required");
            };
            let Some(reference) = state
                .sessions
                .find("/sessionId", session)
                .map(|s| s.value()["referenceId"].to_string())
            else {
                return problem(404, "Not Found", "No such session");
            };
            let mut linked =
                Record::parse(PAYMENT_REQUEST).expect("the payment request fixture is JSON");
            linked.set_str("requestId", id);
            linked.set_str("status", "Initiated");
            linked.set_raw("ReferenceId", &reference);
            linked.set_str(
                "PaymentLink",
                &format!("{}/app/?sessionId={session}", state.base),
            );
            let text = linked.text().to_owned();
            match state.payment_requests.find_mut("/requestId", id) {
                Some(known) => *known = linked,
                None => state.payment_requests.push(linked),
            }
            return raw_json(text);
        }
        let id = id_after(request, "paymentrequests");
        let Some(found) = state.payment_requests.find_mut("/requestId", &id) else {
            return problem(404, "Not Found", "No such payment request");
        };
        if request.method.as_str() == "GET" {
            return raw_json(found.text().to_owned());
        }
        let status = found.member("/status").unwrap_or_default();
        if matches!(
            status.as_str(),
            "Settled" | "Cancelled" | "Expired" | "Declined" | "Failed"
        ) {
            return problem(
                400,
                "Bad Request",
                &format!("The payment request is {status}"),
            );
        }
        found.set_str("status", "Cancelled");
        ResponseTemplate::new(200)
    }
}

/// `POST /api/v1/transactions`: the docs' schedule with a new id and the
/// amount, reference and direction sent (the body is the transaction or
/// an array of it).
struct CreateTransaction(Shared);

impl Respond for CreateTransaction {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let single = members(&request.body).or_else(|| {
            serde_json::from_slice::<Vec<BTreeMap<String, Box<RawValue>>>>(&request.body)
                .ok()
                .and_then(|mut items| (items.len() == 1).then(|| items.remove(0)))
        });
        let Some(body) = single else {
            return problem(400, "Bad Request", "One transaction is required");
        };
        let mut state = lock(&self.0);
        let mut schedule = Record::array_in(CREATED_TRANSACTION, "schedules").remove(0);
        schedule.set_str("id", &state.new_id());
        for member in ["amount", "crossReferenceNumber", "paymentDirection"] {
            let sent = body.get(member).map_or("null", |raw| raw.get());
            schedule.set_raw(member, sent);
        }
        let text = format!(r#"{{"schedules":[{}]}}"#, schedule.text());
        state.schedules.push(schedule);
        raw_json(text)
    }
}

/// `POST /api/v1/schedules/{id}/cancel`: known schedules only.
struct CancelSchedule(Shared);

impl Respond for CancelSchedule {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = id_after(request, "schedules");
        match lock(&self.0).schedules.get(&id) {
            Some(_) => ResponseTemplate::new(200),
            None => problem(404, "Not Found", "No such schedule"),
        }
    }
}

/// Mounts `responder` for `verb` requests whose path matches `pattern`.
async fn route(server: &MockServer, verb: &str, pattern: &str, responder: impl Respond + 'static) {
    Mock::given(method(verb))
        .and(path_regex(pattern))
        .respond_with(responder)
        .mount(server)
        .await;
}

/// A running Pay simulator.
#[derive(Debug)]
pub struct PaySimulator {
    server: MockServer,
    scenarios: Scenarios,
    state: Shared,
}

impl PaySimulator {
    /// Starts the simulator: authorize, EFT v1 transactions and schedules,
    /// payment requests, institutions and the v2 session endpoints, holding
    /// the docs' sample session, payment request and schedule.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let scenarios = Scenarios::mount(&server, "^/api/", &["/api/v1/authorize"]).await;
        banking_core::testkit::catch_all(&server).await;
        let state = Arc::new(Mutex::new(State {
            sessions: Records::new([Record::parse(SESSION).expect("the session fixture is JSON")]),
            in_progress: HashMap::new(),
            reads_per_session: 0,
            payment_requests: Records::new([
                Record::parse(PAYMENT_REQUEST).expect("the payment request fixture is JSON")
            ]),
            schedules: Records::new(Record::array_in(CREATED_TRANSACTION, "schedules")),
            created: 0,
            base: server.uri(),
        }));
        Mock::given(method("POST"))
            .and(path("/api/v1/authorize"))
            .respond_with(json(
                200,
                include_str!("../../fixtures/pay_research_authorize_200.json"),
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/v1/institutions"))
            .respond_with(json(200, "[]"))
            .mount(&server)
            .await;
        route(
            &server,
            "POST",
            r"^/api/v2/sessions$",
            CreateSessionRoute(state.clone()),
        )
        .await;
        route(
            &server,
            "GET",
            r"^/api/v2/sessions/[^/]+/(status|details)$",
            ReadSession(state.clone()),
        )
        .await;
        route(
            &server,
            "POST",
            r"^/api/v2/sessions/[^/]+/cancel$",
            CancelSession(state.clone()),
        )
        .await;
        route(
            &server,
            "POST",
            r"^/api/v2/sessions/[^/]+/guarantees/confirm$",
            ConfirmGuarantee(state.clone()),
        )
        .await;
        route(
            &server,
            "POST",
            r"^/api/v1/paymentrequests(/[^/]+/cancel)?$",
            PaymentRequests(state.clone()),
        )
        .await;
        route(
            &server,
            "GET",
            r"^/api/v1/paymentrequests/[^/]+$",
            PaymentRequests(state.clone()),
        )
        .await;
        route(
            &server,
            "POST",
            r"^/api/v1/transactions$",
            CreateTransaction(state.clone()),
        )
        .await;
        route(
            &server,
            "POST",
            r"^/api/v1/schedules/[^/]+/cancel$",
            CancelSchedule(state.clone()),
        )
        .await;
        Self {
            server,
            scenarios,
            state,
        }
    }

    /// Sessions created from now on read `InProgress` (the payer is in the
    /// hosted flow) for `reads` status or details reads before `Completed`
    /// (0 until this is called: completed at once), so code that polls a
    /// session meets its pending path that often, and can cancel it
    /// meanwhile.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> banking_core::Result<()> {
    /// use banking_core::money::Currency;
    /// use flinks_client::pay::testkit::PaySimulator;
    /// use flinks_client::pay::{CreateSession, PaymentDirection, SessionStatus};
    ///
    /// let sim = PaySimulator::start().await;
    /// let pay = sim.client()?;
    /// sim.answer_pending(2);
    /// let session = CreateSession::geft(PaymentDirection::Debit)
    ///     .amount("12.50".parse().unwrap(), Currency::CAD);
    /// let id = pay.sessions().create(&session).await?.session_id;
    /// for _ in 0..2 {
    ///     let read = pay.sessions().status(&id).await?;
    ///     assert_eq!(read.status, Some(SessionStatus::InProgress));
    /// }
    /// let read = pay.sessions().status(&id).await?;
    /// assert_eq!(read.status, Some(SessionStatus::Completed));
    /// # Ok(()) }
    /// ```
    pub fn answer_pending(&self, reads: u32) {
        lock(&self.state).reads_per_session = reads;
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
