//! An offline FinqLink sandbox for tests (feature `testkit`).
//!
//! [`FinqLinkSimulator::start`] runs a local HTTP server (wiremock) that
//! answers the sandbox `/test/...` paths with the documentation's payloads
//! and plays FinqLink's flows:
//!
//! * payment links advance one status per `/links/get`:
//!   `created → started → requested → intent_accepted → awaiting_authz →
//!   completed`, as if a payer went through the WebUI;
//! * `/links/list` pages the links created so far, newest first, with the
//!   keyset cursor (`limit`, default 50; `after`; `"more?"`), after the
//!   documented filters (`status`, `inserted_at_from`, `inserted_at_to`);
//! * consents advance one status per `/consents/get`: `created →
//!   started → requested → sca_url_retrieved → awaiting_authz → authorized →
//!   active`; `revoke` ends them; `redirect` (with a `state`) activates them;
//! * data endpoints answer `consent_not_active` until the consent is active;
//!   balances (three) and transactions (three) are filtered as documented
//!   (balances: `currency`, `type`, `account_id`; transactions:
//!   `amount_min`, `amount_max`, `currency`, `booking_date_from`,
//!   `booking_date_to` on `booking_date_time`, `account_id`,
//!   `credit_debit_indicator`, `status`, `updated_from`, `updated_to` on
//!   `updated_at`), then paged by `limit` (default 2, the fixtures' pages)
//!   after the last record's keyset;
//! * jobs advance one status per `/jobs/get`: `job_started →
//!   accounts_ready → balances_ready → transactions_fetching →
//!   job_completed` (`transactions_fetching` is skipped for an
//!   accounts/balances consent); a second job for a consent whose last job
//!   has not finished gets `cooldown_failed` (the simulator has no clock).
//!
//! Scenarios, through this type only:
//! [`fail_next_call`](FinqLinkSimulator::fail_next_call) answers the next
//! call with a FinqLink error;
//! [`answer_pending`](FinqLinkSimulator::answer_pending) holds consents and
//! jobs at their status for that many polls. FinqLink has no SCA step the
//! API can force (the payer authorises at their bank, through the link or
//! consent URL), so there is no `require_sca`.
//! [`server`](FinqLinkSimulator::server) is an escape hatch to the mock
//! server, not needed for any of these.
//!
//! Requests must carry [`CLIENT_ID`] and [`CLIENT_SECRET`] in the body (test
//! mode), as [`FinqLinkSimulator::client`] does; others get a 401. Unknown
//! ids get FinqLink's 404 `not_found`; requests outside `/test` get a 599
//! naming the request.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use finqlink_client::consents::{ConsentCreateRequest, ConsentRequest};
//! use finqlink_client::testkit::FinqLinkSimulator;
//!
//! let sim = FinqLinkSimulator::start().await;
//! let client = sim.client();
//! let consent = client.consents().create(&ConsentCreateRequest::new()).await?;
//! let get = ConsentRequest::new(consent.id.expect("the simulator sets ids"));
//! let mut status = client.consents().get(&get).await?.status;
//! while !status.as_ref().is_some_and(|s| s.is_usable()) {
//!     status = client.consents().get(&get).await?.status;
//! }
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use banking_core::testkit::{
    Countdown, Filter, Query, Record, Records, Rule, Scenarios, SimulatedError,
};
use serde_json::{Value, json};
use uuid::Uuid;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client::{Credentials, FinqLinkClient, FinqLinkClientBuilder};
use banking_core::transport::Environment;

/// The `client_id` the simulator accepts.
pub const CLIENT_ID: &str = "testkit-client";
/// The `client_secret` the simulator accepts.
pub const CLIENT_SECRET: &str = "testkit-secret";

const LINK_FLOW: [&str; 6] = [
    "created",
    "started",
    "requested",
    "intent_accepted",
    "awaiting_authz",
    "completed",
];
const CONSENT_FLOW: [&str; 7] = [
    "created",
    "started",
    "requested",
    "sca_url_retrieved",
    "awaiting_authz",
    "authorized",
    "active",
];
const FULL_JOB_FLOW: [&str; 5] = [
    "job_started",
    "accounts_ready",
    "balances_ready",
    "transactions_fetching",
    "job_completed",
];
const SHORT_JOB_FLOW: [&str; 4] = [
    "job_started",
    "accounts_ready",
    "balances_ready",
    "job_completed",
];

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("testkit fixtures are valid JSON")
}

macro_rules! doc_payload {
    ($name:literal) => {
        fixture(include_str!(concat!("../fixtures/", $name)))
    };
}

struct Link {
    id: Uuid,
    web_id: String,
    step: usize,
    body: Value,
    inserted_at: String,
}

struct Consent {
    id: Uuid,
    web_id: String,
    status: String,
    step: usize,
    scope: Value,
}

struct Job {
    consent_id: Uuid,
    flow: &'static [&'static str],
    step: usize,
}

#[derive(Default)]
struct State {
    /// Oldest first.
    links: Vec<Link>,
    consents: HashMap<Uuid, Consent>,
    jobs: HashMap<String, Job>,
    /// The last job per consent, for the cooldown rule.
    last_job: HashMap<Uuid, String>,
    requests: u64,
    /// Polls of a consent or job left that answer without moving on.
    hold: Countdown,
}

/// An offline FinqLink sandbox; see the [module docs](self).
#[derive(Debug)]
pub struct FinqLinkSimulator {
    server: MockServer,
    scenarios: Scenarios,
    hold: Countdown,
}

struct Simulator {
    state: Arc<Mutex<State>>,
}

impl FinqLinkSimulator {
    /// Starts the simulator on a free local port.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let hold = Countdown::default();
        let state = Arc::new(Mutex::new(State {
            hold: hold.clone(),
            ..State::default()
        }));
        let scenarios = Scenarios::mount(&server, "^/test/", &[]).await;
        Mock::given(method("POST"))
            .and(path_regex("^/test/"))
            .respond_with(Simulator { state })
            .mount(&server)
            .await;
        banking_core::testkit::catch_all(&server).await;
        FinqLinkSimulator {
            server,
            scenarios,
            hold,
        }
    }

    /// The simulator's base URL (its host; the API is under `/test`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The underlying mock server, to mount extra mocks or inspect requests.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// A client builder for the simulator: sandbox paths, test-mode
    /// credentials, retries off (so tests see every response as served).
    pub fn client_builder(&self) -> FinqLinkClientBuilder {
        let host = self.server.uri().parse().expect("mock server URI is a URL");
        FinqLinkClient::builder()
            .environment(Environment::Sandbox)
            .host(host)
            .credentials(Credentials::test_mode(
                CLIENT_ID,
                CLIENT_SECRET.to_owned().into(),
            ))
            .retry_policy(banking_core::retry::RetryPolicy::none())
    }

    /// A client for the simulator.
    pub fn client(&self) -> FinqLinkClient {
        self.client_builder()
            .build()
            .expect("the simulator's client configuration is valid")
    }

    /// The next call fails with `error`, in FinqLink's error body (`id`,
    /// `request_id`, `code`, `message`); the calls after it are served as
    /// usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use finqlink_client::providers::ProvidersListRequest;
    /// use finqlink_client::testkit::FinqLinkSimulator;
    ///
    /// let sim = FinqLinkSimulator::start().await;
    /// sim.fail_next_call(SimulatedError::new(503, "service_unavailable", "Try again later"));
    /// let client = sim.client();
    /// let err = client.providers().list(&ProvidersListRequest::new()).await.unwrap_err();
    /// assert_eq!(err.api_error().unwrap().code.as_deref(), Some("service_unavailable"));
    /// assert!(client.providers().list(&ProvidersListRequest::new()).await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios
            .answer_next(1, error.status, error_body(&error.code, &error.message));
    }

    /// The next `polls` polls of a consent (`/consents/get`) or a job
    /// (`/jobs/get`) answer its current status without moving it on, as
    /// while the user has not finished at their bank or the data is still
    /// being fetched: code that polls meets its pending path that much
    /// longer.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> banking_core::Result<()> {
    /// use finqlink_client::consents::{ConsentCreateRequest, ConsentRequest};
    /// use finqlink_client::testkit::FinqLinkSimulator;
    ///
    /// let sim = FinqLinkSimulator::start().await;
    /// let client = sim.client();
    /// let consent = client.consents().create(&ConsentCreateRequest::new()).await?;
    /// let get = ConsentRequest::new(consent.id.expect("the simulator sets ids"));
    /// sim.answer_pending(2);
    /// for _ in 0..3 {
    ///     let status = client.consents().get(&get).await?.status.expect("a status");
    ///     assert_eq!(status.to_string(), "created");
    /// }
    /// let status = client.consents().get(&get).await?.status.expect("a status");
    /// assert_eq!(status.to_string(), "started");
    /// # Ok(()) }
    /// ```
    pub fn answer_pending(&self, polls: u32) {
        self.hold.arm(polls);
    }
}

const fn equals(param: &'static str, members: &'static [&'static str]) -> Filter {
    Filter::new(param, Rule::Equals(members))
}

const LINK_FILTERS: &[Filter] = &[
    equals("status", &["/status"]),
    Filter::new("inserted_at_from", Rule::From("/inserted_at")),
    Filter::new("inserted_at_to", Rule::Until("/inserted_at")),
];

const BALANCE_FILTERS: &[Filter] = &[
    equals("currency", &["/currency"]),
    equals("type", &["/type"]),
    equals("account_id", &["/account_id"]),
];

const TRANSACTION_FILTERS: &[Filter] = &[
    Filter::new("amount_min", Rule::From("/amount")),
    Filter::new("amount_max", Rule::Until("/amount")),
    equals("currency", &["/currency"]),
    Filter::new("booking_date_from", Rule::From("/booking_date_time")),
    Filter::new("booking_date_to", Rule::Until("/booking_date_time")),
    equals("account_id", &["/account_id"]),
    equals("credit_debit_indicator", &["/credit_debit_indicator"]),
    equals("status", &["/status"]),
    Filter::new("updated_from", Rule::From("/updated_at")),
    Filter::new("updated_to", Rule::Until("/updated_at")),
];

/// Records per balances or transactions page when the request sets no
/// `limit`: the fixtures' page size.
const DATA_PAGE: usize = 2;

/// A FinqLink error answer: status, code, message.
struct SimError {
    status: u16,
    code: &'static str,
    message: String,
}

fn error(status: u16, code: &'static str, message: &str) -> SimError {
    SimError {
        status,
        code,
        message: message.to_owned(),
    }
}

/// FinqLink's answer for data access through an unusable consent.
fn consent_not_active() -> SimError {
    error(
        400,
        "consent_not_active",
        "Consent is not usable for this operation (e.g. expired, revoked, failed, suspended)",
    )
}

impl SimError {
    fn response(self) -> ResponseTemplate {
        ResponseTemplate::new(self.status).set_body_json(error_body(self.code, &self.message))
    }
}

fn error_body(code: &str, message: &str) -> Value {
    json!({
        "id": format!("err-{}", Uuid::new_v4()),
        "request_id": format!("req-{}", Uuid::new_v4()),
        "code": code,
        "message": message,
    })
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn uuid_field(body: &Value, field: &str) -> Result<Uuid, SimError> {
    body.get(field)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| error(400, "validation_error", &format!("{field} must be a UUID")))
}

fn page_limit(body: &Value, default: usize) -> usize {
    body.pointer("/pagination/limit")
        .and_then(Value::as_u64)
        .map_or(default, |l| l.clamp(1, 250) as usize)
}

fn filter_of(body: &Value) -> Query {
    Query::from_object(body.get("filter"))
}

fn cursor(body: &Value) -> Option<&str> {
    body.pointer("/pagination/after").and_then(Value::as_str)
}

impl Respond for Simulator {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
            return error(400, "bad_request", "body must be JSON").response();
        };
        let authenticated = body.get("client_id").and_then(Value::as_str) == Some(CLIENT_ID)
            && body.get("client_secret").and_then(Value::as_str) == Some(CLIENT_SECRET);
        if !authenticated {
            return error(401, "unauthorized", "invalid client credentials").response();
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.requests += 1;
        let path = request.url.path().trim_start_matches("/test/");
        // The quick start's sandbox paths have no `ais/` segment; accept the
        // changelog's form too (`FinqLinkClientBuilder::ais_path_segment`).
        let path = path.strip_prefix("ais/").unwrap_or(path);
        let result = match path {
            "providers/list" => Ok(doc_payload!("schema_built_providers_list_v2_200.json").into()),
            "providers/get" => Ok(doc_payload!("schema_built_providers_get_200.json").into()),
            "links/create" => Ok(state.create_link(&body).into()),
            "links/get" => state.get_link(&body).map(Answer::from),
            "links/list" => Ok(state.list_links(&body).into()),
            "consents/create" => Ok(state.create_consent(&body).into()),
            "consents/get" => state.advance_consent(&body).map(Answer::from),
            "consents/revoke" => state.revoke_consent(&body).map(Answer::from),
            "consents/redirect" => state.redirect_consent(&body).map(Answer::from),
            "accounts/list" => state
                .active_consent(&body)
                .map(|_| doc_payload!("schema_built_accounts_list_200.json").into()),
            "balances/list" => state.active_consent(&body).map(|_| {
                keyset_page(
                    &body,
                    "balances",
                    BALANCE_FILTERS,
                    include_str!("../fixtures/schema_built_balances_list_page1_200.json"),
                    include_str!("../fixtures/schema_built_balances_list_page2_200.json"),
                )
            }),
            "transactions/list" => state.active_consent(&body).map(|_| {
                keyset_page(
                    &body,
                    "transactions",
                    TRANSACTION_FILTERS,
                    include_str!("../fixtures/schema_built_transactions_list_page1_200.json"),
                    include_str!("../fixtures/schema_built_transactions_list_page2_200.json"),
                )
            }),
            "jobs/create" => state.create_job(&body).map(Answer::from),
            "jobs/get" => state.advance_job(&body).map(Answer::from),
            _ => Err(error(404, "not_found", &format!("no endpoint {path}"))),
        };
        result.map_or_else(SimError::response, |answer| match answer {
            Answer::Json(body) => ok(body),
            Answer::Text(text) => ResponseTemplate::new(200).set_body_raw(text, "application/json"),
        })
    }
}

/// A successful answer: built by the simulator, or records kept as written.
enum Answer {
    Json(Value),
    Text(String),
}

impl From<Value> for Answer {
    fn from(body: Value) -> Self {
        Answer::Json(body)
    }
}

/// The records of both fixture pages (in member `records`) that the
/// request's `filter` keeps, from the one after the `after` keyset, at
/// most `limit` of them, in the first page's envelope with `"more?"` and
/// the last keyset as `after`. Amounts are served as written.
fn keyset_page(
    body: &Value,
    records: &str,
    filters: &[Filter],
    first: &str,
    second: &str,
) -> Answer {
    let all = Records::new(
        Record::array_in(first, records)
            .into_iter()
            .chain(Record::array_in(second, records)),
    );
    let kept = all.select(filters, &filter_of(body));
    let start = cursor(body)
        .and_then(|after| {
            kept.iter()
                .position(|r| r.member("/keyset").as_deref() == Some(after))
        })
        .map_or(0, |at| at + 1);
    let limit = page_limit(body, DATA_PAGE);
    let served: Vec<&Record> = kept.iter().skip(start).take(limit).copied().collect();
    let more = start + served.len() < kept.len();
    let mut pagination = json!({ "count": served.len(), "more?": more });
    if let Some(last) = served.last().filter(|_| more) {
        pagination["after"] = json!(last.member("/keyset"));
    }
    let page: Vec<&str> = served.iter().map(|r| r.text()).collect();
    let mut envelope: serde_json::Map<String, Value> =
        serde_json::from_str(first).expect("fixtures are JSON objects");
    envelope.remove(records);
    envelope.insert("pagination".into(), pagination);
    let mut text = Value::Object(envelope).to_string();
    // The records go in as written: `{"...", "records": [...]}`.
    text.pop();
    text.push_str(&format!(",\"{records}\":[{}]}}", page.join(",")));
    Answer::Text(text)
}

impl State {
    fn create_link(&mut self, body: &Value) -> Value {
        let id = Uuid::new_v4();
        let web_id = format!("pl-{}", &id.simple().to_string()[..8]);
        let mut link = doc_payload!("schema_built_links_create_200.json");
        link["id"] = json!(id);
        link["web_id"] = json!(web_id);
        link["web_url"] = json!(format!("https://sandbox.invalid/pay/{web_id}"));
        link["request_id"] = json!(format!("req-{}", self.requests));
        let inserted_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        link["inserted_at"] = json!(inserted_at);
        self.links.push(Link {
            id,
            web_id,
            step: 0,
            body: body.clone(),
            inserted_at,
        });
        link
    }

    fn link_view(link: &Link) -> Value {
        let mut view = doc_payload!("schema_built_links_get_200.json");
        view["id"] = json!(link.id);
        view["web_id"] = json!(link.web_id);
        view["web_url"] = json!(format!("https://sandbox.invalid/pay/{}", link.web_id));
        view["status"] = json!(LINK_FLOW[link.step]);
        view["inserted_at"] = json!(link.inserted_at);
        if let Some(provider) = link.body.pointer("/payment_method/provider_id") {
            view["service_provider"]["provider_id"] = provider.clone();
            view["payment_method"]["provider_id"] = provider.clone();
        }
        view
    }

    fn get_link(&mut self, body: &Value) -> Result<Value, SimError> {
        let id = uuid_field(body, "link_id")?;
        let link = self
            .links
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or_else(|| error(404, "not_found", "no such link"))?;
        let view = Self::link_view(link);
        link.step = (link.step + 1).min(LINK_FLOW.len() - 1);
        Ok(view)
    }

    fn list_links(&self, body: &Value) -> Value {
        // Newest first, filtered; the cursor is the position of the last
        // link served.
        let filter = filter_of(body);
        let newest_first: Vec<&Link> = self
            .links
            .iter()
            .rev()
            .filter(|l| {
                let view = Record::from_value(Self::link_view(l));
                LINK_FILTERS.iter().all(|f| f.keeps(&view, &filter))
            })
            .collect();
        let start = cursor(body)
            .and_then(|c| c.strip_prefix("cursor-"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let limit = page_limit(body, 50);
        let page: Vec<Value> = newest_first
            .iter()
            .skip(start)
            .take(limit)
            .map(|l| Self::link_view(l))
            .collect();
        let end = start + page.len();
        let more = end < newest_first.len();
        let mut pagination = json!({ "count": page.len(), "more?": more });
        if more {
            pagination["after"] = json!(format!("cursor-{end}"));
        }
        json!({ "client_id": CLIENT_ID, "links": page, "pagination": pagination })
    }

    fn create_consent(&mut self, body: &Value) -> Value {
        let id = Uuid::new_v4();
        let web_id = format!("cl-{}", &id.simple().to_string()[..8]);
        let scope = body
            .get("scope")
            .cloned()
            .unwrap_or_else(|| json!(["accounts", "balances", "transactions"]));
        let mut consent = doc_payload!("schema_built_consents_create_200.json");
        consent["id"] = json!(id);
        consent["web_id"] = json!(web_id);
        consent["web_url"] = json!(format!("https://sandbox.invalid/consent/{web_id}"));
        consent["scope"] = scope.clone();
        if let Some(days) = body.get("consent_validity_days") {
            consent["consent_validity_days"] = days.clone();
        }
        self.consents.insert(
            id,
            Consent {
                id,
                web_id,
                status: CONSENT_FLOW[0].to_owned(),
                step: 0,
                scope,
            },
        );
        consent
    }

    fn consent_view(consent: &Consent) -> Value {
        let mut view = doc_payload!("schema_built_consents_get_200.json");
        view["id"] = json!(consent.id);
        view["web_id"] = json!(consent.web_id);
        view["status"] = json!(consent.status);
        view["scope"] = consent.scope.clone();
        view
    }

    fn consent_mut(&mut self, body: &Value) -> Result<&mut Consent, SimError> {
        let id = uuid_field(body, "consent_id")?;
        self.consents
            .get_mut(&id)
            .ok_or_else(|| error(404, "not_found", "no such consent"))
    }

    fn advance_consent(&mut self, body: &Value) -> Result<Value, SimError> {
        let hold = self.hold.clone();
        let consent = self.consent_mut(body)?;
        let view = Self::consent_view(consent);
        if hold.take() {
            return Ok(view);
        }
        if consent.status == CONSENT_FLOW[consent.step] && consent.step + 1 < CONSENT_FLOW.len() {
            consent.step += 1;
            consent.status = CONSENT_FLOW[consent.step].to_owned();
        }
        Ok(view)
    }

    fn revoke_consent(&mut self, body: &Value) -> Result<Value, SimError> {
        let consent = self.consent_mut(body)?;
        consent.status = "revoked".to_owned();
        Ok(Self::consent_view(consent))
    }

    fn redirect_consent(&mut self, body: &Value) -> Result<Value, SimError> {
        let query = body
            .get("query")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let state = url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .ok_or_else(|| error(400, "validation_error", "query must contain state"))?;
        // The simulator's state parameter is the consent's web id.
        let consent = self
            .consents
            .values_mut()
            .find(|c| c.web_id == state)
            .ok_or_else(|| error(404, "not_found", "no consent for this state"))?;
        let wait = body.get("wait").and_then(Value::as_bool) == Some(true);
        consent.step = CONSENT_FLOW.len() - 1;
        consent.status = CONSENT_FLOW[consent.step].to_owned();
        let mut view = Self::consent_view(consent);
        if !wait {
            view["status"] = json!("redirect_in_progress");
        }
        Ok(view)
    }

    fn active_consent(&mut self, body: &Value) -> Result<Uuid, SimError> {
        let consent = self.consent_mut(body)?;
        if consent.status != "active" {
            return Err(consent_not_active());
        }
        Ok(consent.id)
    }

    fn create_job(&mut self, body: &Value) -> Result<Value, SimError> {
        let consent_id = self.active_consent(body)?;
        let busy = self
            .last_job
            .get(&consent_id)
            .and_then(|id| self.jobs.get(id))
            .is_some_and(|job| job.step + 1 < job.flow.len());
        if busy {
            return Err(error(
                400,
                "cooldown_failed",
                "Data refresh cooldown period not yet elapsed",
            ));
        }
        let with_transactions = self.consents[&consent_id]
            .scope
            .as_array()
            .is_some_and(|s| s.iter().any(|v| v == "transactions"));
        let job_id = Uuid::new_v4().to_string();
        self.jobs.insert(
            job_id.clone(),
            Job {
                consent_id,
                flow: if with_transactions {
                    &FULL_JOB_FLOW
                } else {
                    &SHORT_JOB_FLOW
                },
                step: 0,
            },
        );
        self.last_job.insert(consent_id, job_id.clone());
        let mut job = doc_payload!("schema_built_jobs_create_200.json");
        job["job_id"] = json!(job_id);
        job["consent_id"] = json!(consent_id);
        Ok(job)
    }

    fn advance_job(&mut self, body: &Value) -> Result<Value, SimError> {
        let consent_id = uuid_field(body, "consent_id")?;
        let consent_status = &self
            .consents
            .get(&consent_id)
            .ok_or_else(|| error(404, "not_found", "no such consent"))?
            .status;
        if ["expired", "revoked", "failed", "suspended"].contains(&consent_status.as_str()) {
            return Err(consent_not_active());
        }
        let job_id = body
            .get("job_id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let job = self
            .jobs
            .get_mut(job_id)
            .filter(|job| job.consent_id == consent_id)
            .ok_or_else(|| error(404, "not_found", "no such job for this consent"))?;
        let mut view = doc_payload!("schema_built_jobs_get_200.json");
        view["job_id"] = json!(job_id);
        view["consent_id"] = json!(consent_id);
        view["status"] = json!(job.flow[job.step]);
        if !self.hold.take() {
            job.step = (job.step + 1).min(job.flow.len() - 1);
        }
        Ok(view)
    }
}
