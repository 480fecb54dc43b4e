//! An offline Linkcy simulator for tests (feature `testkit`).
//!
//! [`LinkcySimulator::start`] runs a local [`wiremock`] server that serves
//! the documentation's sample payloads and Linkcy's flows:
//!
//! - **login and refresh**: the partner credentials of this module (or the
//!   consumer / corporate phones) get a JWT and a refresh token; every other
//!   endpoint answers `401` without a valid bearer token.
//!   [`expire_tokens`](LinkcySimulator::expire_tokens) and
//!   [`revoke_refresh_tokens`](LinkcySimulator::revoke_refresh_tokens)
//!   simulate expiry mid-session.
//! - **SCA**: transfers, inter-ledger transfers, beneficiary and card
//!   creation and card rules answer `202 Waiting SCA`; once the interaction
//!   is [approved](LinkcySimulator::approve), a replay with `Linkcy-SCA-Id`
//!   and the byte-identical body succeeds; every `SCA_INTERACTION_*` error
//!   is produced where Linkcy documents it. Strategy `BY_PASS` skips SCA,
//!   `FAIL` gives `SCA_REQUIRED`, `DATA_SIGNING` needs a signature.
//! - **paging**: `GET /api/partner/transactions` serves three pages of two,
//!   two and one transactions.
//! - **the research notes' endpoints**: password reset (no token), the
//!   webhook portal URL, one consumer, the corporate-related patch, KYC
//!   (create, simulate, get, list), card profiles and their rules, and SCA
//!   device enrolment and removal answer with this crate's fixtures.
//!
//! - **scenarios**: [`fail_next_call`](LinkcySimulator::fail_next_call)
//!   answers the next call with a Linkcy error;
//!   [`require_sca`](LinkcySimulator::require_sca) makes the next
//!   SCA-capable call answer `202 Waiting SCA` whatever its strategy.
//!
//! Requests nothing matches get status 599 and a body naming the request.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use linkcy_client::testkit::LinkcySimulator;
//! use linkcy_client::TransactionFilter;
//!
//! let simulator = LinkcySimulator::start().await;
//! let client = simulator.client();
//! let page = client.transactions().list(&TransactionFilter::new()).await?;
//! assert_eq!(page.total_elements, 5);
//! assert_eq!(simulator.login_count(), 1);
//! # Ok(()) }
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use banking_core::retry::RetryPolicy;
use banking_core::testkit::{Scenarios, SimulatedError};
use secrecy::SecretString;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Match, Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::ScaId;
use crate::auth::{LOGIN, LinkcyCredentials, LoginRequest, REFRESH};
use crate::client::{Environment, LinkcyClient, LinkcyClientBuilder};
use crate::sca::SCA_HEADERS;

/// Partner user the simulator accepts.
pub const PARTNER_USERNAME: &str = "partner-admin";
/// Partner name the simulator accepts.
pub const PARTNER_NAME: &str = "acme";
/// Password of every simulated user.
pub const PASSWORD: &str = "s3cr3t-Pa55";
/// Consumer phone the simulator accepts (end-user login).
pub const CONSUMER_PHONE: &str = "33612345678";
/// Corporate account-owner phone the simulator accepts.
pub const CORPORATE_PHONE: &str = "33698765432";
/// The SCA id of the first challenge (the documentation's sample).
pub const FIRST_SCA_ID: &str = "b3cefad3-4f89-419b-8221-cc5050122ff3";
/// The id of the transaction `GET /api/partner/transactions/{id}` knows.
pub const TRANSACTION_ID: &str = "497f6eca-6276-4993-bfeb-53cbbbba6f08";

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/", $name))
    };
}

const LOGIN_200: &str = fixture!("schema_built_auth_login_200.json");
const LOGIN_END_USER_200: &str = fixture!("schema_built_auth_login_end_user_200.json");
const CREATED: &str = fixture!("seed_transactions_create_201.json");
const TRANSACTION: &str = fixture!("schema_built_transactions_get_200.json");
const TRANSACTIONS_PAGES: [&str; 3] = [
    fixture!("schema_built_transactions_list_page0_200.json"),
    fixture!("schema_built_transactions_list_page1_200.json"),
    fixture!("schema_built_transactions_list_page2_200.json"),
];
const SCA_WAITING: &str = fixture!("research_sca_waiting_202.json");
const LEDGERS: &str = fixture!("schema_built_ledgers_list_200.json");
const LEDGER: &str = fixture!("schema_built_ledgers_get_200.json");
const BENEFICIARIES: &str = fixture!("schema_built_beneficiaries_list_200.json");
const MANDATES: &str = fixture!("schema_built_mandates_list_200.json");
const MANDATE: &str = fixture!("schema_built_mandates_get_200.json");
const CARDS: &str = fixture!("schema_built_cards_list_200.json");
const CARD: &str = fixture!("inferred_cards_get_200.json");
const CONSUMERS: &str = fixture!("schema_built_consumers_list_200.json");
const CORPORATES: &str = fixture!("schema_built_corporates_list_200.json");
const CORPORATE_CREATED: &str = fixture!("schema_built_corporates_create_201.json");
const CONSUMER: &str = fixture!("schema_built_consumers_get_200.json");
const WEBHOOK_PORTAL: &str = fixture!("inferred_webhooks_portal_200.json");
const KYC: &str = fixture!("inferred_kyc_200.json");
const KYC_LIST: &str = fixture!("inferred_kyc_list_200.json");
const RESOURCE_CREATED: &str = fixture!("research_created_201.json");
const SCA_ENROLLED: &str = fixture!("schema_built_sca_enrol_201.json");
const UNAUTHORIZED: &str = fixture!("schema_built_error_unauthorized_401.json");
const NOT_FOUND: &str = fixture!("schema_built_error_not_found_404.json");
const SCA_REQUIRED: &str = fixture!("schema_built_error_sca_required_409.json");
const SCA_SIGNATURE_MISSING: &str = fixture!("schema_built_error_sca_signature_missing_409.json");
const NOT_FOUND_INTERACTION: &str =
    fixture!("schema_built_error_sca_interaction_not_found_404.json");
const NOT_COMPLETED: &str = fixture!("schema_built_error_sca_interaction_not_completed_409.json");
const DECLINED: &str = fixture!("schema_built_error_sca_interaction_declined_409.json");
const CONSUMED: &str = fixture!("schema_built_error_sca_interaction_already_consumed_409.json");
const MISMATCH: &str = fixture!("schema_built_error_sca_interaction_does_not_match_409.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Interaction {
    Pending,
    Approved,
    Declined,
    Consumed,
}

#[derive(Debug)]
struct ScaInteraction {
    method: String,
    path: String,
    body: Vec<u8>,
    state: Interaction,
}

#[derive(Debug, Default)]
struct State {
    tokens: HashSet<String>,
    refresh_tokens: HashSet<String>,
    issued: u64,
    logins: u64,
    refreshes: u64,
    interactions: HashMap<String, ScaInteraction>,
    /// SCA-capable calls left that answer `202 Waiting SCA` whatever
    /// their strategy header.
    forced_sca: u32,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// A running Linkcy simulator; dropped, it stops.
#[derive(Debug)]
pub struct LinkcySimulator {
    server: MockServer,
    state: Shared,
    scenarios: Scenarios,
}

impl LinkcySimulator {
    /// Start a simulator on a free local port with every endpoint mounted.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state: Shared = Arc::default();
        let scenarios = Scenarios::mount(&server, "^/api/partner/", &[LOGIN, REFRESH]).await;
        mount(&server, &state).await;
        LinkcySimulator {
            server,
            state,
            scenarios,
        }
    }

    /// The base URL.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The underlying mock server (to inspect received requests or mount
    /// more mocks).
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// Partner credentials the simulator accepts.
    pub fn credentials() -> LinkcyCredentials {
        LinkcyCredentials::login(LoginRequest::partner(
            PARTNER_USERNAME,
            PARTNER_NAME,
            SecretString::from(PASSWORD),
        ))
    }

    /// A client builder pointed at the simulator with
    /// [`credentials`](Self::credentials) and retries off.
    pub fn client_builder(&self) -> LinkcyClientBuilder {
        let url = self.uri().parse().expect("the mock server URI is a URL");
        LinkcyClient::builder()
            .environment(Environment::Custom(url))
            .credentials(Self::credentials())
            .retry_policy(RetryPolicy::none())
    }

    /// A client pointed at the simulator.
    pub fn client(&self) -> LinkcyClient {
        self.client_builder()
            .build()
            .expect("the simulator's configuration is valid")
    }

    /// The user approves the SCA interaction on their device; `false` when
    /// the simulator does not know it or it is no longer pending.
    pub fn approve(&self, sca_id: &ScaId) -> bool {
        self.settle(sca_id, Interaction::Approved)
    }

    /// The user declines the SCA interaction (or it expires).
    pub fn decline(&self, sca_id: &ScaId) -> bool {
        self.settle(sca_id, Interaction::Declined)
    }

    fn settle(&self, sca_id: &ScaId, to: Interaction) -> bool {
        let mut state = lock(&self.state);
        match state.interactions.get_mut(sca_id.as_str()) {
            Some(interaction) if interaction.state == Interaction::Pending => {
                interaction.state = to;
                true
            }
            _ => false,
        }
    }

    /// The next API call (not a login or refresh) fails with `error`, in
    /// Linkcy's error body (`errorCode`, `error`, `status`, `details`,
    /// `timestamp`); the calls after it are served as usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use linkcy_client::testkit::LinkcySimulator;
    /// use linkcy_client::{LedgerFilter, LinkcyErrorCode, LinkcyErrorExt};
    ///
    /// let simulator = LinkcySimulator::start().await;
    /// simulator.fail_next_call(SimulatedError::new(404, "END_USER_NOT_FOUND", "End user not found."));
    /// let client = simulator.client();
    /// let err = client.ledgers().list(&LedgerFilter::new()).await.unwrap_err();
    /// assert_eq!(err.error_code(), Some(LinkcyErrorCode::EndUserNotFound));
    /// assert!(client.ledgers().list(&LedgerFilter::new()).await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios.answer_next(
            1,
            error.status,
            serde_json::json!({
                "details": [{ "message": error.message }],
                "errorCode": error.code,
                "error": "linkcy.simulated",
                "status": error.status,
                "timestamp": "2024-11-14T16:15:01.629595888Z",
            }),
        );
    }

    /// The next SCA-capable call (transfers, beneficiary and card creation,
    /// card rules) answers `202 Waiting SCA` whatever its strategy header,
    /// as when Linkcy decides the operation needs SCA: code written for a
    /// `BY_PASS` sandbox meets the pending path.
    pub fn require_sca(&self) {
        lock(&self.state).forced_sca += 1;
    }

    /// Every access token issued so far is refused from now on (as after
    /// its expiry); refresh tokens stay valid.
    pub fn expire_tokens(&self) {
        lock(&self.state).tokens.clear();
    }

    /// Every refresh token issued so far is refused from now on.
    pub fn revoke_refresh_tokens(&self) {
        lock(&self.state).refresh_tokens.clear();
    }

    /// Number of successful logins.
    pub fn login_count(&self) -> u64 {
        lock(&self.state).logins
    }

    /// Number of successful refreshes.
    pub fn refresh_count(&self) -> u64 {
        lock(&self.state).refreshes
    }
}

async fn mount(server: &MockServer, state: &Shared) {
    Mock::given(method("POST"))
        .and(path(LOGIN))
        .respond_with(Login(state.clone()))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(REFRESH))
        .respond_with(Refresh(state.clone()))
        .mount(server)
        .await;

    let authed = |verb: &str, pattern: &str| {
        Mock::given(method(verb))
            .and(path_regex(pattern))
            .and(Bearer(state.clone(), true))
    };
    let sca = |success: ResponseTemplate| Sca {
        state: state.clone(),
        success,
    };

    authed("GET", r"^/api/partner/transactions$")
        .respond_with(TransactionPages)
        .mount(server)
        .await;
    authed("GET", r"^/api/partner/transactions/[^/]+$")
        .respond_with(TransactionById)
        .mount(server)
        .await;
    authed("POST", r"^/api/partner/transactions(/inter-ledger)?$")
        .respond_with(sca(json(201, CREATED)))
        .mount(server)
        .await;
    authed("POST", r"^/api/partner/beneficiaries$")
        .respond_with(sca(json(201, CREATED)))
        .mount(server)
        .await;
    authed("POST", r"^/api/partner/cards$")
        .respond_with(sca(json(201, CREATED)))
        .mount(server)
        .await;
    authed("PUT", r"^/api/partner/cards/[^/]+/rules$")
        .respond_with(sca(ResponseTemplate::new(204)))
        .mount(server)
        .await;

    // Security "None" (research notes 2(b)): no bearer token needed.
    Mock::given(method("POST"))
        .and(path("/api/partner/passwords/reset"))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;

    let plain: [(&str, &str, u16, &str); 22] = [
        (
            "POST",
            r"^/api/partner/transactions/direct-debit$",
            201,
            CREATED,
        ),
        ("GET", r"^/api/partner/ledgers$", 200, LEDGERS),
        ("POST", r"^/api/partner/ledgers$", 201, CREATED),
        ("GET", r"^/api/partner/ledgers/[^/]+$", 200, LEDGER),
        ("GET", r"^/api/partner/beneficiaries$", 200, BENEFICIARIES),
        ("GET", r"^/api/partner/mandates$", 200, MANDATES),
        ("POST", r"^/api/partner/mandates$", 201, CREATED),
        ("GET", r"^/api/partner/mandates/[^/]+$", 200, MANDATE),
        (
            "POST",
            r"^/api/partner/mandates/[^/]+/(activate|cancel)$",
            200,
            CREATED,
        ),
        ("GET", r"^/api/partner/cards$", 200, CARDS),
        ("GET", r"^/api/partner/cards/[^/]+$", 200, CARD),
        ("GET", r"^/api/partner/consumers$", 200, CONSUMERS),
        ("POST", r"^/api/partner/consumers$", 201, CREATED),
        ("GET", r"^/api/partner/corporates$", 200, CORPORATES),
        ("POST", r"^/api/partner/corporates$", 201, CORPORATE_CREATED),
        ("GET", r"^/api/partner/consumers/[^/]+$", 200, CONSUMER),
        ("GET", r"^/api/partner/webhooks$", 200, WEBHOOK_PORTAL),
        ("POST", r"^/api/partner/kyc$", 201, KYC),
        ("GET", r"^/api/partner/kyc$", 200, KYC_LIST),
        ("GET", r"^/api/partner/kyc/[^/]+$", 200, KYC),
        (
            "POST",
            r"^/api/partner/card-profiles$",
            201,
            RESOURCE_CREATED,
        ),
        ("POST", r"^/api/partner/sca$", 201, SCA_ENROLLED),
    ];
    for (verb, pattern, status, body) in plain {
        authed(verb, pattern)
            .respond_with(json(status, body))
            .mount(server)
            .await;
    }
    let no_content: [(&str, &str); 4] = [
        ("PATCH", r"^/api/partner/corporates/related/[^/]+$"),
        ("POST", r"^/api/partner/kyc/simulate$"),
        ("PUT", r"^/api/partner/card-profiles/[^/]+/rules$"),
        ("DELETE", r"^/api/partner/sca$"),
    ];
    for (verb, pattern) in no_content {
        authed(verb, pattern)
            .respond_with(ResponseTemplate::new(204))
            .mount(server)
            .await;
    }

    Mock::given(path_regex(r"^/api/partner/"))
        .and(Bearer(state.clone(), false))
        .respond_with(json(401, UNAUTHORIZED))
        .with_priority(10)
        .mount(server)
        .await;
    banking_core::testkit::catch_all(server).await;
}

/// Matches when the bearer token is (`true`) or is not (`false`) valid.
struct Bearer(Shared, bool);

impl Match for Bearer {
    fn matches(&self, request: &Request) -> bool {
        let token = request
            .headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        let valid = token.is_some_and(|token| lock(&self.0).tokens.contains(token));
        valid == self.1
    }
}

/// Issue a token pair: the first is the documentation's sample, later
/// ones differ in their signature part.
fn issue(state: &mut State, template: &str) -> String {
    let mut body: serde_json::Value =
        serde_json::from_str(template).expect("login fixtures are JSON");
    if state.issued > 0 {
        let token = body["token"].as_str().unwrap_or_default();
        let unsigned = token.rsplit_once('.').map_or(token, |(head, _)| head);
        body["token"] = format!("{unsigned}.simulated-{}", state.issued).into();
        body["refreshToken"] = format!("rt-simulated-{}", state.issued).into();
    }
    state.issued += 1;
    for (key, set) in [
        ("token", &mut state.tokens),
        ("refreshToken", &mut state.refresh_tokens),
    ] {
        if let Some(value) = body[key].as_str() {
            set.insert(value.to_owned());
        }
    }
    body.to_string()
}

struct Login(Shared);

impl Respond for Login {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let text = |key: &str| body.get(key).and_then(|v| v.as_str());
        let username = text("username").or_else(|| text("userName"));
        let partner =
            text("partnerName") == Some(PARTNER_NAME) && text("password") == Some(PASSWORD);
        let template = if !partner {
            None
        } else if username == Some(PARTNER_USERNAME) {
            Some(LOGIN_200)
        } else if text("consumerPhone") == Some(CONSUMER_PHONE)
            || text("accountOwnerPhone") == Some(CORPORATE_PHONE)
        {
            Some(LOGIN_END_USER_200)
        } else {
            None
        };
        match template {
            Some(template) => {
                let mut state = lock(&self.0);
                state.logins += 1;
                let answer = issue(&mut state, template);
                json(200, &answer)
            }
            None => json(401, UNAUTHORIZED),
        }
    }
}

struct Refresh(Shared);

impl Respond for Refresh {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let presented = body.get("refreshToken").and_then(|v| v.as_str());
        let mut state = lock(&self.0);
        match presented {
            Some(token) if state.refresh_tokens.remove(token) => {
                state.refreshes += 1;
                let answer = issue(&mut state, LOGIN_200);
                json(200, &answer)
            }
            _ => json(401, UNAUTHORIZED),
        }
    }
}

struct TransactionPages;

impl Respond for TransactionPages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = request
            .url
            .query_pairs()
            .find(|(key, _)| key == "page")
            .and_then(|(_, value)| value.parse::<usize>().ok())
            .unwrap_or(0);
        match TRANSACTIONS_PAGES.get(page) {
            Some(body) => json(200, body),
            None => json(
                200,
                &format!(r#"{{"content":[],"totalElements":5,"page":{page},"pageSize":2}}"#),
            ),
        }
    }
}

struct TransactionById;

impl Respond for TransactionById {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if request.url.path().ends_with(TRANSACTION_ID) {
            json(200, TRANSACTION)
        } else {
            json(404, NOT_FOUND)
        }
    }
}

/// An operation that might require SCA, with Linkcy's documented answers.
struct Sca {
    state: Shared,
    success: ResponseTemplate,
}

impl Respond for Sca {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let header = |name: &str| {
            request
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let mut state = lock(&self.state);
        if let Some(sca_id) = header(SCA_HEADERS.id) {
            let Some(interaction) = state.interactions.get_mut(&sca_id) else {
                return json(404, NOT_FOUND_INTERACTION);
            };
            if interaction.method != request.method.as_str()
                || interaction.path != request.url.path()
                || interaction.body != request.body
            {
                return json(409, MISMATCH);
            }
            return match interaction.state {
                Interaction::Pending => json(409, NOT_COMPLETED),
                Interaction::Declined => json(409, DECLINED),
                Interaction::Consumed => json(409, CONSUMED),
                Interaction::Approved => {
                    interaction.state = Interaction::Consumed;
                    self.success.clone()
                }
            };
        }
        let forced = state.forced_sca > 0;
        if forced {
            state.forced_sca -= 1;
        }
        match header(SCA_HEADERS.strategy).as_deref() {
            _ if forced => {}
            Some("BY_PASS") => return self.success.clone(),
            Some("FAIL") => return json(409, SCA_REQUIRED),
            Some("DATA_SIGNING") => {
                return match header(SCA_HEADERS.signature) {
                    Some(_) => self.success.clone(),
                    None => json(409, SCA_SIGNATURE_MISSING),
                };
            }
            _ => {}
        }
        let sca_id = if state.interactions.is_empty() {
            FIRST_SCA_ID.to_owned()
        } else {
            uuid::Uuid::new_v4().to_string()
        };
        state.interactions.insert(
            sca_id.clone(),
            ScaInteraction {
                method: request.method.to_string(),
                path: request.url.path().to_owned(),
                body: request.body.clone(),
                state: Interaction::Pending,
            },
        );
        let mut challenge: serde_json::Value =
            serde_json::from_str(SCA_WAITING).expect("the SCA fixture is JSON");
        challenge["scaId"] = sca_id.into();
        json(202, &challenge.to_string())
    }
}
