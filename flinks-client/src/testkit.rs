//! An offline Flinks simulator for tests (feature `testkit`).
//!
//! [`FlinksSandbox`] is a local HTTP server (wiremock) that behaves like
//! Flinks' `toolbox` sandbox with the `FlinksCapital` test institution,
//! serving the docs' sample payloads:
//!
//! - `GenerateAuthorizeToken` issues one-time tokens; `Authorize` accepts
//!   each token once, as Flinks does;
//! - `Authorize` with [`login_id`] cached answers 200; a live login as
//!   [`MFA_USERNAME`] answers 203 with one challenge ([`MFA_PROMPT`]), whose
//!   right answer is [`MFA_ANSWER`] (a wrong one: 401
//!   `INVALID_SECURITY_RESPONSE`); [`NO_MFA_USERNAME`] logs in without MFA;
//! - `GetAccountsDetail` and `GetAccountsSummary` answer 202
//!   `OPERATION_PENDING`, their `*Async` endpoints answer 200 (after
//!   [`FlinksSandboxBuilder::pending_polls`] more 202s);
//! - the accounts detail honours its documented filters: `AccountsFilter`
//!   keeps the accounts named, `WithTransactions: false` leaves their
//!   transactions out, `DateFrom` / `DateTo` bound the transactions'
//!   `Date`. `DaysOfTransactions` counts back from today, which the
//!   simulator, serving dated samples, does not apply. Flinks pages
//!   nothing: there is no page size to honour;
//! - an unknown `RequestId` answers 400 `SESSION_NONEXISTENT`;
//! - scenarios: [`FlinksSandbox::fail_next_call`] answers the next call
//!   with a Flinks error, [`FlinksSandbox::require_sca`] makes the next
//!   `Authorize` ask for MFA, [`FlinksSandbox::answer_pending`] sets how
//!   many polls answer 202 (all through this type; [`FlinksSandbox::server`]
//!   is an escape hatch to the mock server, not needed for any of them);
//! - every endpoint checks its credential (`flinks-auth-key`, `x-api-key`
//!   or `Authorization: Bearer`) and answers 401 `ACCESS_DENIED` otherwise.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use flinks_client::connect::{AuthorizeOutcome, AuthorizeRequest};
//! use flinks_client::testkit::{self, FlinksSandbox};
//!
//! let sandbox = FlinksSandbox::start().await;
//! let client = sandbox.client();
//! let outcome = client.connect().authorize(&AuthorizeRequest::cached(testkit::login_id())).await?;
//! assert!(matches!(outcome, AuthorizeOutcome::Authorized(_)));
//! # Ok(()) }
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use banking_core::retry::RetryPolicy;
use banking_core::testkit::{
    Countdown, Filter, Query, Record, Records, Rule, Scenarios, SimulatedError,
};
use banking_core::transport::Environment;
use secrecy::SecretString;
use serde_json::Value;
use uuid::Uuid;
use wiremock::matchers::path_regex;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client::{FlinksClient, FlinksClientBuilder};
use crate::ids::{CustomerId, LoginId};

/// The customer id of Flinks' public sandbox, used by the simulator.
pub const CUSTOMER_ID: &str = "43387ca6-0391-4c82-857d-70d95f087ecb";
/// The secret key the simulator accepts.
pub const SECRET_KEY: &str = "testkit-secret-key";
/// The `x-api-key` the simulator accepts.
pub const API_KEY: &str = "testkit-api-key";
/// The test institution.
pub const INSTITUTION: &str = "FlinksCapital";
/// A test user whose live login asks one MFA question.
pub const MFA_USERNAME: &str = "Greatday";
/// A test user whose live login needs no MFA.
pub const NO_MFA_USERNAME: &str = "greatday_nomfa";
/// The password of both test users.
pub const PASSWORD: &str = "Everyday";
/// The MFA question the simulator asks.
pub const MFA_PROMPT: &str = "What is the best country on earth?";
/// The right answer to [`MFA_PROMPT`].
pub const MFA_ANSWER: &str = "Canada";

/// The saved test login (the `LoginId` of the docs' Authorize sample).
pub fn login_id() -> LoginId {
    LoginId::new(Uuid::from_u128(0x5e115eac_1209_4f19_641c_08d6d484e2fe))
}

mod fixtures {
    pub(super) const AUTHORIZE_200: &str =
        include_str!("../fixtures/schema_built_authorize_200.json");
    pub(super) const AUTHORIZE_200_REQUEST_ID: &str = "1243c283-e0ca-4fda-a5e4-343068430190";
    pub(super) const AUTHORIZE_203: &str = include_str!("../fixtures/research_authorize_203.json");
    pub(super) const AUTHORIZE_203_REQUEST_ID: &str = "a10fbd41-d942-4a1f-b202-16f63b5a9a81";
    pub(super) const TOKEN_200: &str =
        include_str!("../fixtures/research_generate_authorize_token_200.json");
    pub(super) const TOKEN_200_TOKEN: &str = "d65f1adb-8ebc-48dc-be8b-20c773ba1565";
    pub(super) const DETAIL_202: &str =
        include_str!("../fixtures/research_accounts_detail_202.json");
    pub(super) const SUMMARY_202: &str =
        include_str!("../fixtures/seed_accounts_summary_async_202.json");
    pub(super) const PENDING_REQUEST_ID: &str = "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff";
    pub(super) const DETAIL_200: &str =
        include_str!("../fixtures/research_accounts_detail_200.json");
    pub(super) const DETAIL_200_REQUEST_ID: &str = "22178382-31ee-485c-a750-c20929b6a344";
    pub(super) const DETAIL_200_LOGIN_ID: &str = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";
    pub(super) const SUMMARY_200: &str =
        include_str!("../fixtures/schema_built_accounts_summary_200.json");
    pub(super) const SESSION_400: &str =
        include_str!("../fixtures/seed_accounts_summary_async_400.json");
    pub(super) const SESSION_400_REQUEST_ID: &str = "1df20baf-65d5-40ee-9be0-8058c13042e2";
    pub(super) const STATEMENTS_200: &str =
        include_str!("../fixtures/schema_built_statements_200.json");
    pub(super) const SCHEDULED_REFRESH_200: &str =
        include_str!("../fixtures/research_set_scheduled_refresh_200.json");
    pub(super) const SCHEDULED_REFRESH_LOGIN_ID: &str = "bb8b8569-3bfc-43c1-ae31-08d6decf1675";
    pub(super) const DELETE_CARD_200: &str =
        include_str!("../fixtures/research_delete_card_200.json");
    pub(super) const DELETE_CARD_LOGIN_ID: &str = "eceae0c0-1ed3-468f-ae30-08d6decf1675";
    pub(super) const MFA_QUESTIONS_200: &str =
        include_str!("../fixtures/seed_get_mfa_questions_200.json");
    pub(super) const MFA_QUESTIONS_400: &str =
        include_str!("../fixtures/seed_get_mfa_questions_400.json");
    pub(super) const MFA_QUESTIONS_400_LOGIN_ID: &str = "bb8b8569-3bfc-43c1-ae31-08d6de7f1675";
    pub(super) const ANSWER_MFA_QUESTIONS_200: &str =
        include_str!("../fixtures/research_answer_mfa_questions_200.json");
    pub(super) const NIGHTLY_200: &str =
        include_str!("../fixtures/seed_get_nightly_refresh_status_200.json");
    pub(super) const INSTITUTIONS_200: &str =
        include_str!("../fixtures/schema_built_institutions_200.json");
    pub(super) const ROUTING_200: &str =
        include_str!("../fixtures/seed_institution_by_routing_number_200.json");
    pub(super) const ROUTING_404: &str =
        include_str!("../fixtures/seed_institution_by_routing_number_404.json");
    pub(super) const ROUTING_404_NUMBER: &str = "322271622";
    pub(super) const ENRICH_200: &str =
        include_str!("../fixtures/schema_built_enrich_attributes_200.json");
    pub(super) const UPLOAD_200: &str = include_str!("../fixtures/schema_built_upload_200.json");
}

/// Builder of a [`FlinksSandbox`].
#[derive(Debug, Default)]
#[must_use]
pub struct FlinksSandboxBuilder {
    pending_polls: u32,
}

impl FlinksSandboxBuilder {
    /// How many polls of an `*Async` endpoint answer 202 before the 200
    /// (0 by default: the first poll is ready).
    pub fn pending_polls(mut self, polls: u32) -> Self {
        self.pending_polls = polls;
        self
    }

    /// Starts the simulator on a free local port.
    pub async fn start(self) -> FlinksSandbox {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State {
            issued_tokens: HashSet::new(),
            logins: HashSet::from([login_id().into()]),
            sessions: HashMap::new(),
            pending_polls: self.pending_polls,
            forced_mfa: Countdown::default(),
        }));
        let scenarios = Scenarios::mount(&server, &format!("^/v3/{CUSTOMER_ID}/"), &[]).await;
        Mock::given(path_regex(format!("^/v3/{CUSTOMER_ID}/")))
            .respond_with(Simulator {
                state: Arc::clone(&state),
            })
            .mount(&server)
            .await;
        banking_core::testkit::catch_all(&server).await;
        FlinksSandbox {
            server,
            state,
            scenarios,
        }
    }
}

/// A running Flinks simulator; stops when dropped.
pub struct FlinksSandbox {
    server: MockServer,
    state: Arc<Mutex<State>>,
    scenarios: Scenarios,
}

impl std::fmt::Debug for FlinksSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlinksSandbox")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

impl FlinksSandbox {
    /// Starts a simulator with default settings.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    /// Configures a simulator.
    pub fn builder() -> FlinksSandboxBuilder {
        FlinksSandboxBuilder::default()
    }

    /// The server's root URL (`http://127.0.0.1:port`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The wiremock server, to mount extra mocks or inspect received
    /// requests.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// A client builder pointed at the simulator with its credentials and
    /// retries off.
    pub fn client_builder(&self) -> FlinksClientBuilder {
        let root = self
            .server
            .uri()
            .parse()
            .expect("the mock server URI is a URL");
        FlinksClient::builder()
            .environment(Environment::Custom(root))
            .customer_id(CUSTOMER_ID.parse::<CustomerId>().expect("a GUID"))
            .secret_key(SecretString::from(SECRET_KEY))
            .api_key(SecretString::from(API_KEY))
            .retry_policy(RetryPolicy::none())
    }

    /// A client pointed at the simulator.
    pub fn client(&self) -> FlinksClient {
        self.client_builder()
            .build()
            .expect("the testkit configuration is valid")
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next call fails with `error`, in Flinks' error body
    /// (`HttpStatusCode`, `Message`, `FlinksCode`); the calls after it are
    /// served as usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use flinks_client::connect::AuthorizeRequest;
    /// use flinks_client::testkit::{self, FlinksSandbox};
    /// use flinks_client::{FlinksCode, FlinksErrorExt};
    ///
    /// let sandbox = FlinksSandbox::start().await;
    /// sandbox.fail_next_call(SimulatedError::new(
    ///     401,
    ///     "DISABLED_LOGIN",
    ///     "The login was disabled by the institution",
    /// ));
    /// let connect = sandbox.client();
    /// let request = AuthorizeRequest::cached(testkit::login_id());
    /// let err = connect.connect().authorize(&request).await.unwrap_err();
    /// assert_eq!(err.flinks_code(), Some(FlinksCode::DisabledLogin));
    /// assert!(connect.connect().authorize(&request).await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios.answer_next(
            1,
            error.status,
            serde_json::json!({
                "HttpStatusCode": error.status,
                "Message": error.message,
                "FlinksCode": error.code,
            }),
        );
    }

    /// The next `Authorize` of a login asks for MFA (203 with the
    /// [`MFA_PROMPT`] challenge) even from the cache or for
    /// [`NO_MFA_USERNAME`], as when the institution asks again.
    pub fn require_sca(&self) {
        self.state().forced_mfa.add(1);
    }

    /// Data calls (`GetAccountsDetail`, `GetAccountsSummary`) started from
    /// now answer 202 `OPERATION_PENDING` on `polls` polls of their
    /// `*Async` endpoint before the data, as
    /// [`FlinksSandboxBuilder::pending_polls`] does from the start.
    pub fn answer_pending(&self, polls: u32) {
        self.state().pending_polls = polls;
    }
}

struct State {
    issued_tokens: HashSet<String>,
    logins: HashSet<Uuid>,
    sessions: HashMap<Uuid, Session>,
    pending_polls: u32,
    /// Authorize calls left that ask for MFA whatever the login.
    forced_mfa: Countdown,
}

struct Session {
    login: Uuid,
    awaiting_mfa: bool,
    detail_polls_left: u32,
    summary_polls_left: u32,
    /// The last `GetAccountsDetail` body, whose filters the answer applies.
    detail_request: Value,
}

/// `GetAccountsDetail`'s account filter.
const ACCOUNT_FILTERS: &[Filter] = &[Filter::new("AccountsFilter", Rule::Equals(&["/Id"]))];

/// `GetAccountsDetail`'s transaction filters (dates as `YYYY-MM-DD`).
const TRANSACTION_FILTERS: &[Filter] = &[
    Filter::new("DateFrom", Rule::From("/Date")),
    Filter::new("DateTo", Rule::Until("/Date")),
];

/// The accounts detail `text` with the filters of `request` applied; every
/// other member is served as written.
fn filter_detail(text: &str, request: &Value) -> String {
    let query = Query::from_object(Some(request));
    let mut answer = Record::parse(text).expect("the detail fixture is JSON");
    let accounts = Records::new(Record::array_in(text, "Accounts"));
    let kept: Vec<String> = accounts
        .select(ACCOUNT_FILTERS, &query)
        .into_iter()
        .map(|account| {
            let mut account = account.clone();
            if request["WithTransactions"] == Value::Bool(false) {
                account.set_raw("Transactions", "[]");
            } else if account.value()["Transactions"].is_array() {
                let transactions = Records::new(Record::array_in(account.text(), "Transactions"));
                let texts: Vec<&str> = transactions
                    .select(TRANSACTION_FILTERS, &query)
                    .into_iter()
                    .map(Record::text)
                    .collect();
                account.set_raw("Transactions", &format!("[{}]", texts.join(",")));
            }
            account.text().to_owned()
        })
        .collect();
    answer.set_raw("Accounts", &format!("[{}]", kept.join(",")));
    answer.text().to_owned()
}

struct Simulator {
    state: Arc<Mutex<State>>,
}

fn json(status: u16, body: impl Into<String>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.into(), "application/json")
}

fn flinks_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    json(
        status,
        serde_json::json!({ "HttpStatusCode": status, "Message": message, "FlinksCode": code })
            .to_string(),
    )
}

fn session_error(request_id: &str) -> ResponseTemplate {
    json(
        400,
        fixtures::SESSION_400.replace(fixtures::SESSION_400_REQUEST_ID, request_id),
    )
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

impl Respond for Simulator {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let prefix = format!("/v3/{CUSTOMER_ID}/");
        let path = request
            .url
            .path()
            .strip_prefix(&prefix)
            .unwrap_or_default()
            .to_owned();
        let segments: Vec<&str> = path.split('/').collect();
        let method = request.method.as_str();
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);

        let api_key_ok = header(request, "x-api-key") == Some(API_KEY);
        let bearer_ok = header(request, "authorization") == Some(&format!("Bearer {SECRET_KEY}"));
        let secret_ok = header(request, "flinks-auth-key") == Some(SECRET_KEY);
        let denied = || flinks_error(401, "ACCESS_DENIED", "You must provide a valid auth key");

        match (method, segments.as_slice()) {
            ("POST", ["BankingServices", "GenerateAuthorizeToken"]) => {
                if !secret_ok {
                    return denied();
                }
                let token = Uuid::new_v4().to_string();
                state.issued_tokens.insert(token.clone());
                json(
                    200,
                    fixtures::TOKEN_200.replace(fixtures::TOKEN_200_TOKEN, &token),
                )
            }
            ("POST", ["BankingServices", "Authorize"]) => {
                let token = header(request, "flinks-auth-key").unwrap_or_default();
                if !state.issued_tokens.remove(token) {
                    return denied();
                }
                state.authorize(&body)
            }
            (_, ["BankingServices", ..]) if segments[1] == "GetNightlyRefreshStatus" => {
                if !bearer_ok {
                    return denied();
                }
                json(200, fixtures::NIGHTLY_200)
            }
            (_, ["BankingServices", name, ..])
                if matches!(
                    *name,
                    "GetMFAQuestions" | "AnswerMFAQuestions" | "Institutions"
                ) && !secret_ok =>
            {
                denied()
            }
            (_, ["BankingServices", name, ..])
                if !api_key_ok
                    && !matches!(
                        *name,
                        "GetMFAQuestions" | "AnswerMFAQuestions" | "Institutions"
                    ) =>
            {
                denied()
            }
            ("POST", ["BankingServices", "GetAccountsDetail"]) => {
                let request = body.clone();
                state.start_pending(&body, fixtures::DETAIL_202, move |s, polls| {
                    s.detail_polls_left = polls;
                    s.detail_request = request;
                })
            }
            ("GET", ["BankingServices", "GetAccountsDetailAsync", id]) => state.poll(id, true),
            ("POST", ["BankingServices", "GetAccountsSummary"]) => {
                state.start_pending(&body, fixtures::SUMMARY_202, |s, polls| {
                    s.summary_polls_left = polls
                })
            }
            ("GET", ["BankingServices", "GetAccountsSummaryAsync", id]) => state.poll(id, false),
            ("POST", ["BankingServices", "GetStatements"])
            | ("GET", ["BankingServices", "GetStatementsAsync", _]) => {
                let id = segments
                    .get(2)
                    .map(|s| s.to_string())
                    .or_else(|| body["RequestId"].as_str().map(str::to_owned))
                    .unwrap_or_default();
                match state.authorized(&id) {
                    Some(_) => json(
                        200,
                        fixtures::STATEMENTS_200.replace(fixtures::AUTHORIZE_200_REQUEST_ID, &id),
                    ),
                    None => session_error(&id),
                }
            }
            ("PATCH", ["BankingServices", "SetScheduledRefresh"]) => {
                let login = body["loginId"].as_str().unwrap_or_default();
                if !state.knows_login(login) {
                    return flinks_error(
                        400,
                        "INVALID_LOGIN",
                        &format!("The login '{login}' is invalid."),
                    );
                }
                let text = fixtures::SCHEDULED_REFRESH_200
                    .replace(fixtures::SCHEDULED_REFRESH_LOGIN_ID, login);
                // The docs show only the activation wording.
                if body["isActivated"] == Value::Bool(false) {
                    json(
                        200,
                        text.replace("has now been activated", "has now been deactivated"),
                    )
                } else {
                    json(200, text)
                }
            }
            ("DELETE", ["BankingServices", "DeleteCard", login]) => {
                if !state.knows_login(login) {
                    return flinks_error(
                        400,
                        "INVALID_LOGIN",
                        &format!("The login '{login}' is invalid."),
                    );
                }
                if let Ok(id) = login.parse::<Uuid>() {
                    state.logins.remove(&id);
                }
                json(
                    200,
                    fixtures::DELETE_CARD_200.replace(fixtures::DELETE_CARD_LOGIN_ID, login),
                )
            }
            ("GET", ["BankingServices", "GetMFAQuestions", login]) => {
                if state.knows_login(login) {
                    json(200, fixtures::MFA_QUESTIONS_200)
                } else {
                    json(
                        400,
                        fixtures::MFA_QUESTIONS_400
                            .replace(fixtures::MFA_QUESTIONS_400_LOGIN_ID, login),
                    )
                }
            }
            ("PATCH", ["BankingServices", "AnswerMFAQuestions"]) => {
                let login = body["loginId"].as_str().unwrap_or_default();
                if state.knows_login(login) {
                    json(200, fixtures::ANSWER_MFA_QUESTIONS_200)
                } else {
                    flinks_error(
                        400,
                        "INVALID_REQUEST",
                        &format!("The login '{login}' is invalid."),
                    )
                }
            }
            ("GET", ["BankingServices", "Institutions"]) => json(200, fixtures::INSTITUTIONS_200),
            ("GET", ["BankingServices", "Institutions", "RoutingNumber", number]) => {
                if fixtures::ROUTING_200.contains(&format!("\"{number}\"")) {
                    json(200, fixtures::ROUTING_200)
                } else {
                    json(
                        404,
                        fixtures::ROUTING_404.replace(fixtures::ROUTING_404_NUMBER, number),
                    )
                }
            }
            (_, ["insight", "login", _login, "attributes", id, ..]) => {
                if !api_key_ok {
                    return denied();
                }
                let known = matches!((method, segments.len()), ("GET", 6) | ("POST", 5));
                if !known {
                    return not_found(request);
                }
                match state.authorized(id) {
                    Some(_) => json(
                        200,
                        fixtures::ENRICH_200.replace(fixtures::AUTHORIZE_200_REQUEST_ID, id),
                    ),
                    None => session_error(id),
                }
            }
            ("POST", ["attributes", "upload"])
            | ("POST", ["attributes", "upload", "AllAttributes"]) => {
                if !bearer_ok {
                    return denied();
                }
                json(200, fixtures::UPLOAD_200)
            }
            _ => not_found(request),
        }
    }
}

fn not_found(request: &Request) -> ResponseTemplate {
    flinks_error(
        404,
        "INVALID_REQUEST",
        &format!(
            "the simulator has no {} {}",
            request.method,
            request.url.path()
        ),
    )
}

impl State {
    fn knows_login(&self, login: &str) -> bool {
        login.parse().is_ok_and(|id| self.logins.contains(&id))
    }

    fn authorized(&mut self, request_id: &str) -> Option<&mut Session> {
        let id = request_id.parse().ok()?;
        self.sessions.get_mut(&id).filter(|s| !s.awaiting_mfa)
    }

    fn open_session(&mut self, login: Uuid, awaiting_mfa: bool) -> Uuid {
        let id = Uuid::new_v4();
        self.sessions.insert(
            id,
            Session {
                login,
                awaiting_mfa,
                detail_polls_left: 0,
                summary_polls_left: 0,
                detail_request: Value::Null,
            },
        );
        id
    }

    fn authorized_answer(&mut self, login: Uuid) -> ResponseTemplate {
        let id = self.open_session(login, false);
        json(
            200,
            fixtures::AUTHORIZE_200
                .replace(fixtures::AUTHORIZE_200_REQUEST_ID, &id.to_string())
                .replace(&login_id().to_string(), &login.to_string()),
        )
    }

    fn mfa_answer(&mut self, login: Uuid) -> ResponseTemplate {
        let id = self.open_session(login, true);
        json(
            203,
            fixtures::AUTHORIZE_203.replace(fixtures::AUTHORIZE_203_REQUEST_ID, &id.to_string()),
        )
    }

    fn authorize(&mut self, body: &Value) -> ResponseTemplate {
        if let Some(request_id) = body["RequestId"].as_str() {
            return self.answer_mfa(request_id, &body["SecurityResponses"]);
        }
        if let Some(login) = body["LoginId"].as_str() {
            let Some(login) = login
                .parse::<Uuid>()
                .ok()
                .filter(|l| self.logins.contains(l))
            else {
                return flinks_error(401, "INVALID_LOGIN", "The LoginId is invalid");
            };
            return if self.take_forced_mfa() {
                self.mfa_answer(login)
            } else if body["MostRecentCached"] == Value::Bool(true) {
                self.authorized_answer(login)
            } else {
                self.mfa_answer(login)
            };
        }
        let institution = body["Institution"].as_str().unwrap_or_default();
        let username = body["Username"].as_str().unwrap_or_default();
        let password = body["Password"].as_str().unwrap_or_default();
        if institution != INSTITUTION || password != PASSWORD {
            return flinks_error(401, "INVALID_LOGIN", "The username or password is invalid");
        }
        let login = login_id().into();
        if body["Save"] == Value::Bool(true) {
            self.logins.insert(login);
        }
        if username.eq_ignore_ascii_case(NO_MFA_USERNAME) && !self.take_forced_mfa() {
            self.authorized_answer(login)
        } else if username.eq_ignore_ascii_case(MFA_USERNAME) {
            self.mfa_answer(login)
        } else {
            flinks_error(401, "INVALID_LOGIN", "The username or password is invalid")
        }
    }

    fn answer_mfa(&mut self, request_id: &str, responses: &Value) -> ResponseTemplate {
        let Some(id) = request_id.parse::<Uuid>().ok() else {
            return session_error(request_id);
        };
        let Some(session) = self.sessions.get(&id).filter(|s| s.awaiting_mfa) else {
            return session_error(request_id);
        };
        let login = session.login;
        let Some(answers) = responses.as_object() else {
            return flinks_error(
                400,
                "SECURITYRESPONSES_INCOMPLETE",
                "Every challenge must be answered",
            );
        };
        if answers.keys().any(|prompt| prompt != MFA_PROMPT) {
            return flinks_error(
                401,
                "UNKNOWN_CHALLENGE_KEY",
                "An answer was given to a prompt that was not asked",
            );
        }
        let Some(answer) = answers.get(MFA_PROMPT) else {
            return flinks_error(
                400,
                "SECURITYRESPONSES_INCOMPLETE",
                "Every challenge must be answered",
            );
        };
        // A wrong answer ends the session: the current docs say it cannot be retried.
        self.sessions.remove(&id);
        if answer
            .as_array()
            .is_some_and(|a| a.len() == 1 && a[0] == MFA_ANSWER)
        {
            self.authorized_answer(login)
        } else {
            flinks_error(
                401,
                "INVALID_SECURITY_RESPONSE",
                "The security response is invalid",
            )
        }
    }

    fn take_forced_mfa(&mut self) -> bool {
        self.forced_mfa.take()
    }

    fn start_pending(
        &mut self,
        body: &Value,
        pending: &str,
        arm: impl FnOnce(&mut Session, u32),
    ) -> ResponseTemplate {
        let id = body["RequestId"].as_str().unwrap_or_default().to_owned();
        let polls = self.pending_polls;
        match self.authorized(&id) {
            Some(session) => {
                arm(session, polls);
                json(202, pending.replace(fixtures::PENDING_REQUEST_ID, &id))
            }
            None => session_error(&id),
        }
    }

    fn poll(&mut self, id: &str, detail: bool) -> ResponseTemplate {
        let Some(session) = self.authorized(id) else {
            return session_error(id);
        };
        let left = if detail {
            &mut session.detail_polls_left
        } else {
            &mut session.summary_polls_left
        };
        if *left > 0 {
            *left -= 1;
            let pending = if detail {
                fixtures::DETAIL_202
            } else {
                fixtures::SUMMARY_202
            };
            return json(202, pending.replace(fixtures::PENDING_REQUEST_ID, id));
        }
        let login = session.login.to_string();
        if detail {
            let text = fixtures::DETAIL_200
                .replace(fixtures::DETAIL_200_REQUEST_ID, id)
                .replace(fixtures::DETAIL_200_LOGIN_ID, &login);
            json(200, filter_detail(&text, &session.detail_request))
        } else {
            json(
                200,
                fixtures::SUMMARY_200.replace(fixtures::PENDING_REQUEST_ID, id),
            )
        }
    }
}
