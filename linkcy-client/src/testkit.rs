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
//! - **lists** hold the fixtures' items and everything created since, and
//!   honour the documented filters (transactions: `endUserId`, `ledgerId`
//!   on either side, `cardId`, `transactionTypes`, `paymentTypes`,
//!   `status`, `showReleasedTransaction`, `showDeclinedTransaction`,
//!   `startDate` / `endDate` on `creationDate`; ledgers: `endUserId`,
//!   `status`, `parentId`, `iban`; beneficiaries: `endUserId`, `name`
//!   (contained in `fullName`), `iban`, `status`, `display`, `active`;
//!   mandates: `endUserId`, `status`; cards: `endUserId`, `ledgerId`,
//!   `profileId`; consumers: `lastName`, `phone`, `emailAddress` and the
//!   status lists; corporates: `registeredName`, `emailAddress` and the
//!   status lists; KYC: `personType`, `kycStatus`), then `sortDirection`
//!   (`DESC` reverses the creation order), `page` (from 0) and `pageSize`
//!   (default 20), in Linkcy's envelope. The transactions start as five
//!   (`schema_built_transactions_list_page{0,1,2}_200.json`).
//! - **creates keep what they create**: transfers (to a beneficiary,
//!   inter-ledger, direct debit), ledgers, beneficiaries, mandates, cards,
//!   consumers, corporates and KYC requests get a new id
//!   (`00000000-0000-4000-8000-…`) and appear in their list (and their
//!   `get`) with what was submitted and their first status: a transfer is
//!   `PENDING`; a mandate is `AWAITING_ACTIVATION` until `activate` or
//!   `cancel`. An SCA-capable create keeps nothing until it succeeds.
//!   `get` of an id the simulator does not hold answers the fixture (the
//!   transaction `get` answers 404).
//! - **the research notes' endpoints**: password reset (no token), the
//!   webhook portal URL, one consumer, the corporate-related patch, KYC
//!   simulation, card profiles and their rules, and SCA device enrolment
//!   and removal answer with this crate's fixtures.
//! - **scenarios**, through this type only:
//!   [`fail_next_call`](LinkcySimulator::fail_next_call) answers the next
//!   call with a Linkcy error;
//!   [`require_sca`](LinkcySimulator::require_sca) makes the next
//!   SCA-capable call answer `202 Waiting SCA` whatever its strategy;
//!   [`answer_pending`](LinkcySimulator::answer_pending) has the user
//!   approve the next SCA interaction only after that many replays met
//!   `SCA_INTERACTION_NOT_COMPLETED`.
//!   [`server`](LinkcySimulator::server) is an escape hatch to the
//!   underlying mock server, not needed for any of these.
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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use banking_core::retry::RetryPolicy;
use banking_core::testkit::{
    Countdown, Filter, Query, Record, Records, Rule, Scenarios, SimulatedError, page,
};
use secrecy::SecretString;
use serde_json::value::RawValue;
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
const CONSUMER: &str = fixture!("schema_built_consumers_get_200.json");
const WEBHOOK_PORTAL: &str = fixture!("inferred_webhooks_portal_200.json");
const KYC: &str = fixture!("inferred_kyc_200.json");
const KYC_LIST: &str = fixture!("inferred_kyc_list_200.json");
const RESOURCE_CREATED: &str = fixture!("research_created_201.json");
const SCA_ENROLLED: &str = fixture!("schema_built_sca_enrol_201.json");
const BAD_REQUEST: &str = fixture!("research_error_bad_request_without_code_400.json");
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
    /// Replays still answered `SCA_INTERACTION_NOT_COMPLETED` before the
    /// simulated user approves on their own (`answer_pending`).
    approve_after: Option<u32>,
}

/// `pageSize` when the request gives none (the docs' older default).
const DEFAULT_PAGE_SIZE: usize = 20;

/// A listed resource: its path segment under `/api/partner/`, the
/// fixture page its items start from, the documented filters, and the
/// member and value a created item starts with.
struct Resource {
    segment: &'static str,
    pages: &'static [&'static str],
    filters: &'static [Filter],
    status: Option<(&'static str, &'static str)>,
}

const fn equals(param: &'static str, members: &'static [&'static str]) -> Filter {
    Filter::new(param, Rule::Equals(members))
}

/// The `phone` filter: the full number (country code and number) or the
/// number alone.
fn phone_matches(record: &Record, wanted: &str) -> bool {
    let wanted = wanted.trim_start_matches('+');
    let number = record.member("/phone/number").unwrap_or_default();
    let code = record.member("/phone/countryCode").unwrap_or_default();
    !number.is_empty() && (wanted == number || wanted == format!("{code}{number}"))
}

/// The KYC `personType` filter: a consumer's KYC names its consumer.
fn person_type_matches(record: &Record, wanted: &str) -> bool {
    match wanted {
        "CONSUMER" => record.member("/consumerId").is_some(),
        _ => record.member("/corporateId").is_some(),
    }
}

const END_USER_STATUSES: [Filter; 5] = [
    equals("bankingStatus", &["/bankingStatus"]),
    equals("suspensionStatus", &["/suspensionStatus"]),
    equals("linkcyStatus", &["/linkcyStatus"]),
    equals("complianceStatus", &["/complianceStatus"]),
    equals("overallStatus", &["/overallStatus", "/status"]),
];

const RESOURCES: &[Resource] = &[
    Resource {
        segment: "transactions",
        pages: &TRANSACTIONS_PAGES,
        filters: &[
            equals("endUserId", &["/sender/endUserId", "/receiver/endUserId"]),
            equals("ledgerId", &["/sender/ledgerId", "/receiver/ledgerId"]),
            equals("cardId", &["/cardId"]),
            equals("transactionTypes", &["/type"]),
            equals("paymentTypes", &["/paymentType"]),
            equals("status", &["/status"]),
            Filter::new(
                "showReleasedTransaction",
                Rule::Hides {
                    member: "/status",
                    values: &["RELEASED"],
                },
            ),
            Filter::new(
                "showDeclinedTransaction",
                Rule::Hides {
                    member: "/status",
                    values: &["DECLINED", "ABORTED"],
                },
            ),
            Filter::new("startDate", Rule::From("/creationDate")),
            Filter::new("endDate", Rule::Until("/creationDate")),
        ],
        status: Some(("status", "PENDING")),
    },
    Resource {
        segment: "ledgers",
        pages: &[LEDGERS],
        filters: &[
            equals("endUserId", &["/endUserId", "/endUser/id"]),
            equals("status", &["/status"]),
            equals("parentId", &["/parentId"]),
            equals("iban", &["/iban"]),
        ],
        status: Some(("status", "PENDING")),
    },
    Resource {
        segment: "beneficiaries",
        pages: &[BENEFICIARIES],
        filters: &[
            equals("endUserId", &["/endUserId"]),
            Filter::new("name", Rule::Contains("/fullName")),
            equals("iban", &["/bankingDetails/iban"]),
            equals("status", &["/status"]),
            equals("display", &["/display"]),
            equals("active", &["/active"]),
        ],
        status: Some(("status", "PENDING")),
    },
    Resource {
        segment: "mandates",
        pages: &[MANDATES],
        filters: &[
            equals("endUserId", &["/endUserId"]),
            equals("status", &["/status"]),
        ],
        status: Some(("status", "AWAITING_ACTIVATION")),
    },
    Resource {
        segment: "cards",
        pages: &[CARDS],
        filters: &[
            equals("endUserId", &["/endUserId"]),
            equals("ledgerId", &["/ledgerId"]),
            equals("profileId", &["/profile/id", "/profileId"]),
        ],
        status: Some(("status", "CREATED")),
    },
    Resource {
        segment: "consumers",
        pages: &[CONSUMERS],
        filters: &[
            Filter::new("lastName", Rule::Contains("/lastName")),
            Filter::new("phone", Rule::Custom(phone_matches)),
            equals("emailAddress", &["/email/address", "/emailAddress"]),
            equals("kycStatus", &["/kycInfo/status"]),
            END_USER_STATUSES[0],
            END_USER_STATUSES[1],
            END_USER_STATUSES[2],
            END_USER_STATUSES[3],
            END_USER_STATUSES[4],
        ],
        status: None,
    },
    Resource {
        segment: "corporates",
        pages: &[CORPORATES],
        filters: &[
            Filter::new("registeredName", Rule::Contains("/registeredName")),
            equals("emailAddress", &["/emailAddress"]),
            equals("kybStatus", &["/kybStatus"]),
            END_USER_STATUSES[0],
            END_USER_STATUSES[1],
            END_USER_STATUSES[2],
            END_USER_STATUSES[3],
            END_USER_STATUSES[4],
        ],
        status: Some(("kybStatus", "NOT_STARTED")),
    },
    Resource {
        segment: "kyc",
        pages: &[KYC_LIST],
        filters: &[
            Filter::new("personType", Rule::Custom(person_type_matches)),
            equals("kycStatus", &["/status"]),
        ],
        status: Some(("status", "CREATED")),
    },
];

fn resource(segment: &str) -> &'static Resource {
    RESOURCES
        .iter()
        .find(|r| r.segment == segment)
        .expect("every listed segment is declared")
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
    forced_sca: Countdown,
    /// Replays the next SCA interaction answers as not completed before
    /// the simulated user approves it.
    pending_replays: Option<u32>,
    /// Every listed resource's items, by path segment.
    records: HashMap<&'static str, Records>,
    /// Ids the client created (their `get` answers what was created).
    created: HashSet<String>,
    next_id: u64,
}

impl State {
    fn new() -> Self {
        let records = RESOURCES
            .iter()
            .map(|r| {
                let items = r.pages.iter().flat_map(|p| Record::array_in(p, "content"));
                (r.segment, Records::new(items))
            })
            .collect();
        State {
            records,
            ..State::default()
        }
    }

    fn records(&mut self, segment: &str) -> &mut Records {
        self.records
            .get_mut(segment)
            .expect("every listed segment has records")
    }

    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("00000000-0000-4000-8000-{:012}", self.next_id)
    }
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
        let state: Shared = Arc::new(Mutex::new(State::new()));
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
        lock(&self.state).forced_sca.add(1);
    }

    /// The next SCA interaction is approved by the simulated user on their
    /// own, but only after `replays` replays with its `Linkcy-SCA-Id` met
    /// `409 SCA_INTERACTION_NOT_COMPLETED`: code that replays until the
    /// user answers meets its pending path `replays` times, without
    /// [`approve`](Self::approve).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use linkcy_client::testkit::LinkcySimulator;
    /// use linkcy_client::{
    ///     BeneficiaryTransferRequest, LinkcyErrorCode, LinkcyErrorExt, ScaOptions,
    ///     TransactionFilter,
    /// };
    /// use rust_decimal::Decimal;
    /// use uuid::Uuid;
    ///
    /// let simulator = LinkcySimulator::start().await;
    /// let client = simulator.client();
    /// simulator.answer_pending(1);
    /// let transfer = BeneficiaryTransferRequest::new(
    ///     Decimal::new(1000, 2),
    ///     Uuid::from_u128(1).into(),
    ///     Uuid::from_u128(2).into(),
    /// );
    /// let outcome = client.transactions().create(&transfer, &ScaOptions::new()).await.unwrap();
    /// let pending = outcome.pending().expect("SCA is needed");
    /// let early = pending.complete().await.unwrap_err();
    /// assert_eq!(early.error_code(), Some(LinkcyErrorCode::ScaInteractionNotCompleted));
    /// let created = pending.complete().await.unwrap().done().expect("approved");
    /// let listed = client.transactions().list(&TransactionFilter::new()).await.unwrap();
    /// assert!(listed.content.iter().any(|t| t.id == created.id));
    /// # }
    /// ```
    pub fn answer_pending(&self, replays: u32) {
        lock(&self.state).pending_replays = Some(replays);
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
    let sca = |action: Action| Sca {
        state: state.clone(),
        action,
    };

    for resource in RESOURCES {
        let segment = resource.segment;
        authed("GET", &format!("^/api/partner/{segment}$"))
            .respond_with(List(state.clone(), resource))
            .mount(server)
            .await;
    }
    authed("GET", r"^/api/partner/transactions/[^/]+$")
        .respond_with(TransactionById(state.clone()))
        .mount(server)
        .await;
    authed("POST", r"^/api/partner/transactions(/inter-ledger)?$")
        .respond_with(sca(Action::Create("transactions")))
        .mount(server)
        .await;
    authed("POST", r"^/api/partner/beneficiaries$")
        .respond_with(sca(Action::Create("beneficiaries")))
        .mount(server)
        .await;
    authed("POST", r"^/api/partner/cards$")
        .respond_with(sca(Action::Create("cards")))
        .mount(server)
        .await;
    authed("PUT", r"^/api/partner/cards/[^/]+/rules$")
        .respond_with(sca(Action::NoContent))
        .mount(server)
        .await;
    let creates: [(&str, &str); 6] = [
        (r"^/api/partner/transactions/direct-debit$", "transactions"),
        (r"^/api/partner/ledgers$", "ledgers"),
        (r"^/api/partner/mandates$", "mandates"),
        (r"^/api/partner/consumers$", "consumers"),
        (r"^/api/partner/corporates$", "corporates"),
        (r"^/api/partner/kyc$", "kyc"),
    ];
    for (pattern, segment) in creates {
        authed("POST", pattern)
            .respond_with(Create(state.clone(), segment))
            .mount(server)
            .await;
    }
    let gets: [(&str, &str, &str); 5] = [
        (r"^/api/partner/ledgers/[^/]+$", "ledgers", LEDGER),
        (r"^/api/partner/mandates/[^/]+$", "mandates", MANDATE),
        (r"^/api/partner/cards/[^/]+$", "cards", CARD),
        (r"^/api/partner/consumers/[^/]+$", "consumers", CONSUMER),
        (r"^/api/partner/kyc/[^/]+$", "kyc", KYC),
    ];
    for (pattern, segment, fixture) in gets {
        authed("GET", pattern)
            .respond_with(Get {
                state: state.clone(),
                segment,
                fixture,
            })
            .mount(server)
            .await;
    }
    authed("POST", r"^/api/partner/mandates/[^/]+/(activate|cancel)$")
        .respond_with(MandateChange(state.clone()))
        .mount(server)
        .await;

    // Security "None" (research notes 2(b)): no bearer token needed.
    Mock::given(method("POST"))
        .and(path("/api/partner/passwords/reset"))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;

    let plain: [(&str, &str, u16, &str); 3] = [
        ("GET", r"^/api/partner/webhooks$", 200, WEBHOOK_PORTAL),
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

/// A list: the resource's records the request's filters keep, sorted and
/// paged as asked, in Linkcy's page envelope.
struct List(Shared, &'static Resource);

impl Respond for List {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = Query::of(request);
        let mut state = lock(&self.0);
        let records = state.records(self.1.segment);
        let mut kept = records.select(self.1.filters, &query);
        if query.get("sortDirection") == Some("DESC") {
            kept.reverse();
        }
        let number = query.number("page").unwrap_or(0);
        let size = query.number("pageSize").unwrap_or(DEFAULT_PAGE_SIZE);
        let content: Vec<&str> = page(&kept, number, size).iter().map(|r| r.text()).collect();
        json(
            200,
            &format!(
                r#"{{"content":[{}],"totalElements":{},"page":{number},"pageSize":{size}}}"#,
                content.join(","),
                kept.len()
            ),
        )
    }
}

/// The last path segment: the id of a `get`.
fn last_segment(request: &Request) -> &str {
    request.url.path().rsplit('/').next().unwrap_or_default()
}

/// `GET /api/partner/transactions/{id}`: the documented sample for
/// [`TRANSACTION_ID`], any transaction the simulator holds, else 404.
struct TransactionById(Shared);

impl Respond for TransactionById {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = last_segment(request);
        if id == TRANSACTION_ID {
            return json(200, TRANSACTION);
        }
        let mut state = lock(&self.0);
        match state.records("transactions").get(id) {
            Some(record) => json(200, record.text()),
            None => json(404, NOT_FOUND),
        }
    }
}

/// A `get`: what the client created under that id, else the fixture.
struct Get {
    state: Shared,
    segment: &'static str,
    fixture: &'static str,
}

impl Respond for Get {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = last_segment(request);
        let mut state = lock(&self.state);
        if !state.created.contains(id) {
            return json(200, self.fixture);
        }
        match state.records(self.segment).get(id) {
            Some(record) => json(200, record.text()),
            None => json(200, self.fixture),
        }
    }
}

/// `POST /api/partner/mandates/{id}/activate|cancel`: a mandate the
/// simulator holds moves to `ACTIVATED` / `CANCELED`; any other id gets
/// the documented sample answer.
struct MandateChange(Shared);

impl Respond for MandateChange {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut segments = request.url.path().rsplit('/');
        let change = segments.next().unwrap_or_default();
        let id = segments.next().unwrap_or_default();
        let status = if change == "activate" {
            "ACTIVATED"
        } else {
            "CANCELED"
        };
        let mut state = lock(&self.0);
        match state.records("mandates").get_mut(id) {
            Some(mandate) => {
                mandate.set_str("status", status);
                json(200, &serde_json::json!({ "id": id }).to_string())
            }
            None => json(200, CREATED),
        }
    }
}

/// A create without SCA.
struct Create(Shared, &'static str);

impl Respond for Create {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        create(&mut lock(&self.0), self.1, request)
    }
}

/// Keeps a new item of `segment` built from the request body and answers
/// as Linkcy does: `201 {"id"}` (a corporate also gets its account owner,
/// a KYC request the whole item).
fn create(state: &mut State, segment: &'static str, request: &Request) -> ResponseTemplate {
    let Ok(submitted) = serde_json::from_slice::<BTreeMap<String, Box<RawValue>>>(&request.body)
    else {
        return json(400, BAD_REQUEST);
    };
    let id = state.new_id();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let text = |name: &str| {
        submitted
            .get(name)
            .and_then(|raw| serde_json::from_str::<serde_json::Value>(raw.get()).ok())
            .unwrap_or_default()
    };
    let mut record = if segment == "transactions" {
        transaction(state, request.url.path(), &text)
    } else {
        let base = if segment == "kyc" { KYC } else { "{}" };
        let mut record = Record::parse(base).expect("fixtures are JSON");
        for (name, raw) in &submitted {
            record.set_raw(name, raw.get());
        }
        record
    };
    if let Some(amount) = submitted.get("amount") {
        record.set_raw("amount", amount.get());
    }
    record.set_str("id", &id);
    if let Some((member, value)) = resource(segment).status {
        record.set_str(member, value);
    }
    record.set_str("creationDate", &now);
    let answer = match segment {
        "kyc" => record.text().to_owned(),
        "corporates" => {
            let owner = state.new_id();
            record.set_str("accountOwnerId", &owner);
            serde_json::json!({ "id": id, "accountOwnerId": owner }).to_string()
        }
        _ => serde_json::json!({ "id": id }).to_string(),
    };
    state.records(segment).push(record);
    state.created.insert(id);
    json(201, &answer)
}

/// A created transfer as the list shows it: its type, the ledgers (and
/// the beneficiary's or mandate debtor's name) on each side, the
/// reference; amount and status are set by [`create`].
fn transaction(state: &mut State, path: &str, text: &dyn Fn(&str) -> serde_json::Value) -> Record {
    let name_of = |state: &mut State, segment: &str, id: &serde_json::Value, pointer: &str| {
        id.as_str()
            .and_then(|id| state.records(segment).get(id))
            .and_then(|r| r.member(pointer))
    };
    let (kind, sender, receiver) = if path.ends_with("/inter-ledger") {
        (
            "INTER_LEDGER",
            serde_json::json!({ "ledgerId": text("ledgerFromId") }),
            serde_json::json!({ "ledgerId": text("ledgerToId") }),
        )
    } else if path.ends_with("/direct-debit") {
        let debtor = name_of(state, "mandates", &text("mandateId"), "/debtor/name");
        (
            "SEPA_DIRECT_DEBIT",
            serde_json::json!({ "name": debtor }),
            serde_json::json!({ "ledgerId": text("ledgerToId") }),
        )
    } else {
        let beneficiary = name_of(state, "beneficiaries", &text("beneficiaryId"), "/fullName");
        (
            "SEPA_CREDIT_TRANSFER",
            serde_json::json!({ "ledgerId": text("ledgerFromId") }),
            serde_json::json!({ "name": beneficiary }),
        )
    };
    let reference = text("reference");
    Record::from_value(serde_json::json!({
        "type": kind,
        "paymentType": "MONEY_TRANSFER",
        "currency": "EUR",
        "information": { "reference": if reference.is_null() { "Transfer".into() } else { reference } },
        "sender": sender,
        "receiver": receiver,
    }))
}

/// What an SCA-capable operation does once it may go ahead.
#[derive(Debug, Clone, Copy)]
enum Action {
    /// Keep a new item of the resource.
    Create(&'static str),
    /// Answer `204` (card rules).
    NoContent,
}

impl Action {
    fn perform(self, state: &mut State, request: &Request) -> ResponseTemplate {
        match self {
            Action::Create(segment) => create(state, segment, request),
            Action::NoContent => ResponseTemplate::new(204),
        }
    }
}

/// An operation that might require SCA, with Linkcy's documented answers.
struct Sca {
    state: Shared,
    action: Action,
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
            if interaction.state == Interaction::Pending {
                match interaction.approve_after {
                    Some(0) => interaction.state = Interaction::Approved,
                    Some(left) => interaction.approve_after = Some(left - 1),
                    None => {}
                }
                if interaction.state == Interaction::Pending {
                    return json(409, NOT_COMPLETED);
                }
            }
            return match interaction.state {
                Interaction::Pending => json(409, NOT_COMPLETED),
                Interaction::Declined => json(409, DECLINED),
                Interaction::Consumed => json(409, CONSUMED),
                Interaction::Approved => {
                    interaction.state = Interaction::Consumed;
                    self.action.perform(&mut state, request)
                }
            };
        }
        let forced = state.forced_sca.take();
        match header(SCA_HEADERS.strategy).as_deref() {
            _ if forced => {}
            Some("BY_PASS") => return self.action.perform(&mut state, request),
            Some("FAIL") => return json(409, SCA_REQUIRED),
            Some("DATA_SIGNING") => {
                return match header(SCA_HEADERS.signature) {
                    Some(_) => self.action.perform(&mut state, request),
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
        let approve_after = state.pending_replays.take();
        state.interactions.insert(
            sca_id.clone(),
            ScaInteraction {
                method: request.method.to_string(),
                path: request.url.path().to_owned(),
                body: request.body.clone(),
                state: Interaction::Pending,
                approve_after,
            },
        );
        let mut challenge: serde_json::Value =
            serde_json::from_str(SCA_WAITING).expect("the SCA fixture is JSON");
        challenge["scaId"] = sca_id.into();
        json(202, &challenge.to_string())
    }
}
