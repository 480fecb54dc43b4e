//! An offline Linxo Connect simulator for tests (feature `testkit`).
//!
//! [`LinxoSimulator::start`] runs a local wiremock server playing the
//! authorization server, the API and the widget host at one base URL, with
//! the crate's fixtures as data and the Linxo flows as behaviour:
//!
//! - `POST /token` (form or JSON body) issues a client token for the
//!   client-credentials grant with [`LinxoSimulator::CLIENT_ID`] /
//!   [`LinxoSimulator::CLIENT_SECRET`], and a user token for the password grant with
//!   [`LinxoSimulator::USER_EMAIL`] / [`LinxoSimulator::USER_PASSWORD`];
//!   other credentials get an OAuth2 error.
//! - `POST /users` (client token) answers 201 with `Location: /users/{id}`;
//!   the other resources need the user token. A client token on them gets
//!   403 `insufficient_scope`, no or another token 401 `invalid_token`.
//! - Widget: `POST /widget/widget_session` checks the body's user token and
//!   client credentials and returns a session whose links point at the
//!   simulator; `GET /widget/add_connection?session_id=...` serves a page.
//!   The user's connection exists from the start, as if the widget had run;
//!   `POST /connections` (manual creation) answers 201 with its
//!   `Location`.
//!   `POST /connections` (manual creation) keeps the new connection: it
//!   answers 201 with its `Location` and is listed by `GET /connections`.
//! - Sync: after `POST /connections/{id}/synchronize` the connection reads
//!   `RUNNING` once (or as many times as
//!   [`LinxoSimulator::answer_pending`] says), then `SUCCESS`; every
//!   subscribed queue receives the fixture events, which a poll returns
//!   once.
//! - Accounts and transactions are paged by `page` (from 1) and `limit`
//!   (no limit: everything), after the documented filters: accounts by
//!   `connection_id`, `type`, `status`, `usage` and `q` (contained in the
//!   name); transactions by `account_id`, `origin`, `included_statuses`,
//!   `excluded_statuses`, `min_amount`, `max_amount`, `amount`,
//!   `account_type` (the account's), `start_date` / `end_date` (on `date`),
//!   `category_id` and `start_import_date`.
//! - Scenarios, through this type only:
//!   [`LinxoSimulator::expire_token_once`] makes the next API call answer
//!   401, to exercise re-authentication;
//!   [`LinxoSimulator::fail_next_call`] answers it with a Linxo error;
//!   [`LinxoSimulator::answer_pending`] sets how many reads of a syncing
//!   connection answer `RUNNING`. Linxo has no SCA step of its own (the
//!   bank's happens in the widget), so there is no `require_sca`.
//!   [`LinxoSimulator::server`] is an escape hatch to the mock server, not
//!   needed for any of these.
//!
//! Anything else answers 599 with a body naming the request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use banking_core::retry::RetryPolicy;
use banking_core::testkit::{
    Countdown, Filter, Query, Record, Records, Rule, Scenarios, SimulatedError, page,
};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{bearer_token, method, path, path_regex, query_param};
use wiremock::{Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

use crate::client::{Environment, LinxoClient, LinxoClientBuilder};

const USER: &str = include_str!("../fixtures/schema_built_users_me_200.json");
const CONNECTION: &str = include_str!("../fixtures/schema_built_connections_get_200.json");
const ACCOUNTS: &str = include_str!("../fixtures/schema_built_accounts_list_200.json");
const TRANSACTIONS_PAGE1: &str =
    include_str!("../fixtures/schema_built_transactions_list_page1_200.json");
const TRANSACTIONS_PAGE2: &str =
    include_str!("../fixtures/schema_built_transactions_list_page2_200.json");
const TRANSACTION: &str = include_str!("../fixtures/schema_built_transactions_get_200.json");
const WIDGET_SESSION: &str = include_str!("../fixtures/schema_built_widget_session_200.json");
const QUEUE_EVENTS: &str = include_str!("../fixtures/schema_built_inferred_queue_events_200.json");
const PROVIDERS: &str = include_str!("../fixtures/schema_built_inferred_providers_list_200.json");
const CATEGORIES: &str = include_str!("../fixtures/schema_built_inferred_categories_list_200.json");

/// A running simulator; stops when dropped.
#[derive(Debug)]
pub struct LinxoSimulator {
    server: MockServer,
    state: Arc<State>,
    scenarios: Scenarios,
}

#[derive(Debug)]
struct State {
    /// Connection reads left that answer `RUNNING`.
    running_reads: Countdown,
    /// How many reads answer `RUNNING` after a sync starts.
    reads_per_sync: AtomicU32,
    /// The user's connections: the fixture's, then those created.
    connections: Mutex<Records>,
    /// Events waiting in each subscribed queue.
    queues: Mutex<HashMap<String, Vec<Value>>>,
    next_queue: AtomicU32,
    /// The next API call answers 401.
    expire_next: AtomicBool,
}

impl Default for State {
    fn default() -> Self {
        State {
            running_reads: Countdown::default(),
            reads_per_sync: AtomicU32::new(1),
            connections: Mutex::new(Records::new([
                Record::parse(CONNECTION).expect("the connection fixture is JSON")
            ])),
            queues: Mutex::default(),
            next_queue: AtomicU32::default(),
            expire_next: AtomicBool::default(),
        }
    }
}

impl State {
    fn connections(&self) -> MutexGuard<'_, Records> {
        self.connections.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn queues(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<Value>>> {
        self.queues.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn json_body(text: &str) -> Value {
    serde_json::from_str(text).expect("fixtures are JSON")
}

fn oauth_error(status: u16, error: &str, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"error": error, "error_description": description}))
}

/// A token request's fields, form or JSON encoded.
fn token_fields(request: &Request) -> HashMap<String, String> {
    if let Ok(json) = serde_json::from_slice::<HashMap<String, String>>(&request.body) {
        return json;
    }
    url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect()
}

fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

fn bearer(request: &Request) -> Option<String> {
    let value = request.headers.get("authorization")?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(str::to_owned)
}

fn raw_json(text: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(text, "application/json")
}

const fn equals(param: &'static str, members: &'static [&'static str]) -> Filter {
    Filter::new(param, Rule::Equals(members))
}

const ACCOUNT_FILTERS: &[Filter] = &[
    equals("connection_id", &["/connection_id"]),
    equals("type", &["/type"]),
    equals("status", &["/status"]),
    equals("usage", &["/usage"]),
    Filter::new("q", Rule::Contains("/name")),
];

/// `account_type`: the type of the transaction's account.
fn account_type_matches(record: &Record, wanted: &str) -> bool {
    let account = record.member("/account_id");
    Record::array(ACCOUNTS)
        .iter()
        .any(|a| a.member("/id") == account && a.member("/type").as_deref() == Some(wanted))
}

const TRANSACTION_FILTERS: &[Filter] = &[
    equals("account_id", &["/account_id"]),
    equals("origin", &["/origin"]),
    equals("included_statuses", &["/status"]),
    Filter::new("excluded_statuses", Rule::Excludes("/status")),
    Filter::new("min_amount", Rule::From("/amount")),
    Filter::new("max_amount", Rule::Until("/amount")),
    // `amount`: both bounds at once, compared as numbers.
    Filter::new("amount", Rule::From("/amount")),
    Filter::new("amount", Rule::Until("/amount")),
    Filter::new("account_type", Rule::Custom(account_type_matches)),
    Filter::new("start_date", Rule::From("/date")),
    Filter::new("end_date", Rule::Until("/date")),
    equals("category_id", &["/category_id"]),
    Filter::new("start_import_date", Rule::From("/import_date")),
];

/// Serves the records `filters` keep, by `page` (from 1) and `limit`
/// (absent: all of them), as a bare array.
struct Paged {
    records: Records,
    filters: &'static [Filter],
}

impl Respond for Paged {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = Query::of(request);
        let kept = self.records.select(self.filters, &query);
        let number = query.number("page").unwrap_or(1).saturating_sub(1);
        let limit = query.number("limit").unwrap_or(kept.len());
        let texts: Vec<&str> = page(&kept, number, limit)
            .iter()
            .map(|r| r.text())
            .collect();
        raw_json(format!("[{}]", texts.join(",")))
    }
}

/// A mock that needs the user token.
fn user(mock: MockBuilder) -> MockBuilder {
    mock.and(bearer_token(LinxoSimulator::USER_TOKEN))
}

/// A GET of exactly `p`.
fn get(p: &str) -> MockBuilder {
    Mock::given(method("GET")).and(path(p.to_owned()))
}

struct Token;

impl Respond for Token {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let form = token_fields(request);
        let field = |name: &str| form.get(name).map(String::as_str);
        let client_ok = field("client_id") == Some(LinxoSimulator::CLIENT_ID)
            && field("client_secret") == Some(LinxoSimulator::CLIENT_SECRET);
        if !client_ok {
            return oauth_error(401, "invalid_client", "Unknown client or wrong secret");
        }
        let token = match field("grant_type") {
            Some("client_credentials") => LinxoSimulator::CLIENT_TOKEN,
            Some("password")
                if field("username") == Some(LinxoSimulator::USER_EMAIL)
                    && field("password") == Some(LinxoSimulator::USER_PASSWORD) =>
            {
                LinxoSimulator::USER_TOKEN
            }
            Some("password") => {
                return oauth_error(400, "invalid_grant", "Wrong username or password");
            }
            _ => return oauth_error(400, "unsupported_grant_type", "Unsupported grant"),
        };
        ResponseTemplate::new(200).set_body_json(
            json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600}),
        )
    }
}

struct ConnectionRead(Arc<State>);

impl Respond for ConnectionRead {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = request.url.path().rsplit('/').next().unwrap_or_default();
        let Some(mut connection) = self.0.connections().get(id).cloned() else {
            return oauth_error(404, "not_found", "No such connection");
        };
        if self.0.running_reads.take() {
            connection.set_str("status", "RUNNING");
        }
        raw_json(connection.text().to_owned())
    }
}

/// `POST /connections`: a new connection of the submitted provider (its
/// credentials are not kept), synced as after `synchronize`.
struct CreateConnection(Arc<State>);

impl Respond for CreateConnection {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(submitted) = serde_json::from_slice::<Value>(&request.body) else {
            return oauth_error(400, "invalid_request", "The body must be JSON");
        };
        let Some(provider) = submitted.get("provider_id").and_then(Value::as_str) else {
            return oauth_error(400, "invalid_request", "provider_id is required");
        };
        let mut connections = self.0.connections();
        let id = format!("{}", 7_730_021 + connections.len());
        let mut connection = Record::parse(CONNECTION).expect("the connection fixture is JSON");
        connection.set_str("provider_id", provider);
        connection.set_str("id", &id);
        connections.push(connection);
        self.0
            .running_reads
            .arm(self.0.reads_per_sync.load(Ordering::SeqCst));
        ResponseTemplate::new(201).insert_header("location", format!("/connections/{id}"))
    }
}

struct StartSync(Arc<State>);

impl Respond for StartSync {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        self.0
            .running_reads
            .arm(self.0.reads_per_sync.load(Ordering::SeqCst));
        let events = json_body(QUEUE_EVENTS);
        let events = events.as_array().cloned().unwrap_or_default();
        for queue in self.0.queues().values_mut() {
            queue.extend(events.iter().cloned());
        }
        ResponseTemplate::new(204)
    }
}

struct Subscribe(Arc<State>);

impl Respond for Subscribe {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let id = format!("q{}", self.0.next_queue.fetch_add(1, Ordering::SeqCst) + 1);
        self.0.queues().insert(id.clone(), Vec::new());
        ResponseTemplate::new(201).insert_header("location", format!("/queues/{id}"))
    }
}

struct Poll(Arc<State>);

impl Respond for Poll {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = request.url.path_segments().and_then(|mut s| s.nth(1));
        match id.and_then(|id| self.0.queues().get_mut(id).map(std::mem::take)) {
            Some(events) => ResponseTemplate::new(200).set_body_json(events),
            None => oauth_error(404, "not_found", "No such queue"),
        }
    }
}

struct WidgetSession(String);

impl Respond for WidgetSession {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let body = WIDGET_SESSION.replace("https://sandbox-embed.oxlin.io", &self.0);
        ResponseTemplate::new(200).set_body_raw(body, "application/json")
    }
}

impl LinxoSimulator {
    /// The simulator's client id.
    pub const CLIENT_ID: &'static str = "sim-client";
    /// The simulator's client secret.
    pub const CLIENT_SECRET: &'static str = "sim-client-secret";
    /// The sample user's e-mail (their login).
    pub const USER_EMAIL: &'static str = "jean.martin@example.com";
    /// The sample user's password.
    pub const USER_PASSWORD: &'static str = "Sim-pass-2024";
    /// The token the client-credentials grant returns.
    pub const CLIENT_TOKEN: &'static str = "sim-client-token";
    /// The token the password grant returns.
    pub const USER_TOKEN: &'static str = "sim-user-token";
    /// The sample user's id (also the id `POST /users` returns).
    pub const USER_ID: &'static str = "5120034";
    /// The sample user's connection.
    pub const CONNECTION_ID: &'static str = "7730021";
    /// The sample current account.
    pub const ACCOUNT_ID: &'static str = "81234567";
    /// The widget session id the simulator hands out.
    pub const SESSION_ID: &'static str = "f3c1a9e2";

    /// Starts the simulator on a free local port.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(State::default());
        let scenarios = Scenarios::mount(&server, "^/", &["/token"]).await;
        let simulator = LinxoSimulator {
            server,
            state,
            scenarios,
        };
        simulator.mount().await;
        simulator
    }

    /// The simulator's base URL (API, auth and widget host at once).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The underlying mock server, to add mocks or inspect requests.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// A client builder pointed at the simulator with its client
    /// credentials, retries off so tests see each response as served.
    pub fn builder(&self) -> LinxoClientBuilder {
        let url = self.uri().parse().expect("mock server URI is a URL");
        LinxoClient::builder()
            .environment(Environment::Custom(url))
            .client_credentials(Self::CLIENT_ID, SecretString::from(Self::CLIENT_SECRET))
            .retry_policy(RetryPolicy::none())
    }

    /// A client-mode client.
    pub fn client(&self) -> LinxoClient {
        self.builder()
            .build()
            .expect("the simulator's configuration is valid")
    }

    /// A user-mode client for the sample user.
    pub fn user_client(&self) -> LinxoClient {
        self.builder()
            .user(Self::USER_EMAIL, SecretString::from(Self::USER_PASSWORD))
            .build()
            .expect("the simulator's configuration is valid")
    }

    /// The next API call (with any token) answers 401 `invalid_token`, as
    /// when Linxo revokes or expires a token early.
    pub fn expire_token_once(&self) {
        self.state.expire_next.store(true, Ordering::SeqCst);
    }

    /// From the next sync on, a syncing connection reads `RUNNING` for
    /// `reads` reads before `SUCCESS` (1 until this is called; 0: done at
    /// once), so code that polls a sync meets its pending path that often.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use linxo_client::testkit::LinxoSimulator;
    /// use linxo_client::{ConnectionId, ConnectionStatus, SyncType};
    ///
    /// let simulator = LinxoSimulator::start().await;
    /// let client = simulator.user_client();
    /// let id = ConnectionId::from(LinxoSimulator::CONNECTION_ID);
    /// simulator.answer_pending(3);
    /// client.sync().connection(&id, SyncType::All).await.unwrap();
    /// for _ in 0..3 {
    ///     let read = client.connections().get(&id).await.unwrap();
    ///     assert_eq!(read.status, Some(ConnectionStatus::Running));
    /// }
    /// let read = client.connections().get(&id).await.unwrap();
    /// assert_eq!(read.status, Some(ConnectionStatus::Success));
    /// # }
    /// ```
    pub fn answer_pending(&self, reads: u32) {
        self.state.reads_per_sync.store(reads, Ordering::SeqCst);
    }

    /// The next API call (not a token request) fails with `error`, in
    /// Linxo's OAuth2-style error body (`error`, `error_description`); the
    /// calls after it are served as usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use linxo_client::testkit::LinxoSimulator;
    /// use linxo_client::ProvidersQuery;
    ///
    /// let simulator = LinxoSimulator::start().await;
    /// simulator.fail_next_call(SimulatedError::new(429, "too_many_requests", "Slow down"));
    /// let client = simulator.user_client();
    /// let err = client.providers().list(&ProvidersQuery::new()).await.unwrap_err();
    /// assert_eq!(err.status(), Some(429));
    /// assert!(client.providers().list(&ProvidersQuery::new()).await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios.answer_next(
            1,
            error.status,
            json!({ "error": error.code, "error_description": error.message }),
        );
    }

    async fn mount(&self) {
        banking_core::testkit::catch_all(&self.server).await;
        self.mount_auth().await;
        self.mount_users().await;
        self.mount_connections().await;
        self.mount_accounts_and_transactions().await;
        self.mount_providers_and_categories().await;
        self.mount_widget().await;
    }

    /// Tokens, early expiry, and the answers to missing or wrong tokens.
    async fn mount_auth(&self) {
        let (server, state) = (&self.server, &self.state);

        Mock::given(method("POST"))
            .and(path("/token"))
            .respond_with(Token)
            .mount(server)
            .await;

        let expiring = state.clone();
        let expired = state.clone();
        Mock::given(move |request: &Request| {
            expiring.expire_next.load(Ordering::SeqCst)
                && request.url.path() != "/token"
                && bearer(request).is_some()
        })
        .respond_with(move |_: &Request| {
            expired.expire_next.store(false, Ordering::SeqCst);
            oauth_error(401, "invalid_token", "The access token expired")
        })
        .with_priority(1)
        .mount(server)
        .await;

        // No or an unknown token: unauthenticated. A client token on a
        // user resource: refused for its scope. Anything else falls
        // through to the catch-all, which names the request.
        Mock::given(move |request: &Request| {
            let p = request.url.path();
            p != "/token"
                && !p.starts_with("/widget/")
                && !matches!(
                    bearer(request).as_deref(),
                    Some(Self::CLIENT_TOKEN | Self::USER_TOKEN)
                )
        })
        .respond_with(oauth_error(
            401,
            "invalid_token",
            "Missing or unknown access token",
        ))
        .with_priority(10)
        .mount(server)
        .await;
        Mock::given(path_regex(
            r"^/(users/|connections|accounts|transactions|providers|categories|queues)",
        ))
        .and(bearer_token(Self::CLIENT_TOKEN))
        .respond_with(oauth_error(
            403,
            "insufficient_scope",
            "A user token is needed",
        ))
        .with_priority(10)
        .mount(server)
        .await;
    }

    async fn mount_users(&self) {
        let server = &self.server;
        Mock::given(method("POST"))
            .and(path("/users"))
            .and(bearer_token(Self::CLIENT_TOKEN))
            .respond_with(
                ResponseTemplate::new(201)
                    .insert_header("location", format!("/users/{}", Self::USER_ID)),
            )
            .mount(server)
            .await;

        let user_id = format!("/users/{}", Self::USER_ID);
        for p in ["/users/me", user_id.as_str()] {
            user(get(p))
                .respond_with(ResponseTemplate::new(200).set_body_json(json_body(USER)))
                .mount(server)
                .await;
        }
        user(Mock::given(method("DELETE")).and(path(user_id)))
            .respond_with(ResponseTemplate::new(204))
            .mount(server)
            .await;
    }

    /// Connections, sync and queues.
    async fn mount_connections(&self) {
        let (server, state) = (&self.server, &self.state);
        let listed = state.clone();
        user(get("/connections"))
            .respond_with(move |_: &Request| {
                let connections = listed.connections();
                let texts: Vec<&str> = connections
                    .select(&[], &Query::default())
                    .into_iter()
                    .map(Record::text)
                    .collect();
                raw_json(format!("[{}]", texts.join(",")))
            })
            .mount(server)
            .await;
        user(Mock::given(method("GET")).and(path_regex(r"^/connections/[^/]+$")))
            .respond_with(ConnectionRead(state.clone()))
            .mount(server)
            .await;
        user(
            Mock::given(method("POST"))
                .and(path_regex(r"^/connections/[^/]+/synchronize$"))
                .and(|request: &Request| {
                    matches!(
                        query(request, "type").as_deref(),
                        Some("ALL" | "LIST_ACCOUNTS")
                    )
                }),
        )
        .respond_with(StartSync(state.clone()))
        .mount(server)
        .await;
        user(Mock::given(method("POST")).and(path("/connections")))
            .respond_with(CreateConnection(state.clone()))
            .mount(server)
            .await;
        user(Mock::given(method("POST")).and(path("/connections/synchronize")))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([format!("/connections/{}", Self::CONNECTION_ID)])),
            )
            .mount(server)
            .await;

        user(Mock::given(method("POST")).and(path("/queues")))
            .respond_with(Subscribe(state.clone()))
            .mount(server)
            .await;
        user(Mock::given(method("GET")).and(path_regex(r"^/queues/[^/]+/events$")))
            .respond_with(Poll(state.clone()))
            .mount(server)
            .await;
    }

    /// Accounts and transactions, paged, with their amounts as written.
    async fn mount_accounts_and_transactions(&self) {
        let server = &self.server;
        let accounts = Records::new(Record::array(ACCOUNTS));
        for account in Record::array(ACCOUNTS) {
            let id = account.id().unwrap_or_default().to_owned();
            user(get(&format!("/accounts/{id}")))
                .respond_with(raw_json(account.text().to_owned()))
                .mount(server)
                .await;
        }
        user(get("/accounts"))
            .respond_with(Paged {
                records: accounts,
                filters: ACCOUNT_FILTERS,
            })
            .mount(server)
            .await;

        let transactions = Records::new(
            Record::array(TRANSACTIONS_PAGE1)
                .into_iter()
                .chain(Record::array(TRANSACTIONS_PAGE2)),
        );
        let single_id = json_body(TRANSACTION)["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        user(get(&format!("/transactions/{single_id}")))
            .respond_with(raw_json(TRANSACTION.to_owned()))
            .mount(server)
            .await;
        user(get("/transactions"))
            .respond_with(Paged {
                records: transactions,
                filters: TRANSACTION_FILTERS,
            })
            .mount(server)
            .await;
    }

    async fn mount_providers_and_categories(&self) {
        let server = &self.server;
        let providers = json_body(PROVIDERS);
        user(get("/providers"))
            .respond_with(ResponseTemplate::new(200).set_body_json(providers.clone()))
            .mount(server)
            .await;
        user(get(&format!(
            "/providers/{}",
            providers[0]["id"].as_str().unwrap_or_default()
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(providers[0].clone()))
        .mount(server)
        .await;
        let categories = json_body(CATEGORIES);
        user(get("/categories"))
            .respond_with(ResponseTemplate::new(200).set_body_json(categories.clone()))
            .mount(server)
            .await;
        for category in categories.as_array().into_iter().flatten() {
            let id = category["id"].as_str().unwrap_or_default();
            user(get(&format!("/categories/{id}")))
                .respond_with(ResponseTemplate::new(200).set_body_json(category.clone()))
                .mount(server)
                .await;
        }
    }

    /// The widget session and the add-connection page.
    async fn mount_widget(&self) {
        let server = &self.server;
        Mock::given(method("POST"))
            .and(path("/widget/widget_session"))
            .and(wiremock::matchers::body_partial_json(json!({
                "access_token": Self::USER_TOKEN,
                "client_id": Self::CLIENT_ID,
                "client_secret": Self::CLIENT_SECRET,
            })))
            .respond_with(WidgetSession(self.uri()))
            .mount(server)
            .await;
        Mock::given(method("POST"))
            .and(path("/widget/widget_session"))
            .respond_with(oauth_error(
                401,
                "invalid_token",
                "Unknown user token or client",
            ))
            .with_priority(6)
            .mount(server)
            .await;
        Mock::given(method("GET"))
            .and(path("/widget/add_connection"))
            .and(query_param("session_id", Self::SESSION_ID))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                "<!doctype html><title>Linxo Connect simulator</title><p>add_connection</p>",
                "text/html",
            ))
            .mount(server)
            .await;
    }
}
