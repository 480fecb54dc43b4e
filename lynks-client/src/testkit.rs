//! An offline LYNKS simulator for tests (feature `testkit`).
//!
//! [`LynksSimulator::start`] runs a local [`wiremock`] server that plays one
//! tenant:
//!
//! * `POST /token`: the OAuth2 password grant for the simulator's
//!   [credentials](LynksSimulator::credentials), and the refresh-token
//!   grant (refresh tokens rotate). Wrong credentials get a 401
//!   `invalid_grant`.
//! * every `/v2/...` endpoint this crate models, answering with the crate's
//!   fixtures; without a valid bearer token it answers 401.
//! * creates answer 201 with one new id per submitted item; a created
//!   resource (or a fixture's own id) can then be fetched, and lists show
//!   it after the fixture's items, with what was submitted and its current
//!   status. Unknown ids get 404.
//! * list filters are applied: `status`, `orderingPartyAccountId`,
//!   `endToEndId`, `iban` and `direction` keep the items whose member of
//!   that name equals the value; `fromDate` / `toDate` bound a statement's
//!   `bookingDate`.
//! * flows: [`expire_access_tokens`](LynksSimulator::expire_access_tokens)
//!   makes the next call meet a 401 (the client refreshes and retries);
//!   [`set_credit_transfer_status`](LynksSimulator::set_credit_transfer_status),
//!   [`set_direct_debit_status`](LynksSimulator::set_direct_debit_status)
//!   and [`set_counterparty_status`](LynksSimulator::set_counterparty_status)
//!   play the signatories, the bank and the approvers;
//!   [`fail_next_call`](LynksSimulator::fail_next_call) answers the next
//!   call with a LYNKS error;
//!   [`answer_pending`](LynksSimulator::answer_pending) has the signatories
//!   sign new credit transfers and direct debits after that many reads.
//!   These scenarios go through this type only;
//!   [`server`](LynksSimulator::server) is an escape hatch to the mock
//!   server, not needed for any of them. LYNKS has no SCA challenge in its
//!   API (signatories approve in the LYNKS app), so there is no
//!   `require_sca`, and it documents no paging: lists answer whole.
//!
//! Requests no route matches get status 599 with a body naming them.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::credit_transfers::CreditTransferStatus;
//! use lynks_client::testkit::LynksSimulator;
//! use lynks_client::CreditTransferId;
//!
//! let sim = LynksSimulator::start().await;
//! let client = sim.client();
//! let id = CreditTransferId::new("5f3e2d1c-0b9a-4876-a543-210fedcba987");
//! let transfer = client.credit_transfers().get(&id).await?;
//! assert_eq!(transfer.status, Some(CreditTransferStatus::WaitingForSignatures));
//!
//! // The signatories sign, the bank executes; meanwhile the session expires.
//! sim.set_credit_transfer_status(&id, CreditTransferStatus::Executed);
//! sim.expire_access_tokens();
//! let transfer = client.credit_transfers().get(&id).await?;
//! assert_eq!(transfer.status, Some(CreditTransferStatus::Executed));
//! // One login, then one refresh after the 401.
//! assert_eq!((sim.password_grants(), sim.refresh_grants()), (1, 1));
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use banking_core::retry::RetryPolicy;
use banking_core::testkit::{Countdown, Scenarios, SimulatedError};
use secrecy::SecretString;
use serde_json::value::RawValue;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client::{Environment, LynksClient, LynksClientBuilder, LynksCredentials};
use crate::counterparties::CounterpartyStatus;
use crate::credit_transfers::CreditTransferStatus;
use crate::direct_debits::DirectDebitStatus;
use crate::ids::{CounterpartyId, CreditTransferId, DirectDebitId};

/// The simulator's OAuth2 client id.
pub const CLIENT_ID: &str = "lynks-simulator";
/// The simulator's technical user.
pub const USERNAME: &str = "simulator-api-user";
/// The simulator technical user's password.
pub const PASSWORD: &str = "simulator-password";

/// Lifetime of the simulator's access tokens, in seconds.
const TOKEN_LIFETIME: u64 = 300;

/// One modelled resource: its path segment, the fixtures served, and the
/// id and status the single-resource fixture carries.
struct Resource {
    segment: &'static str,
    list: &'static str,
    one: Option<One>,
    creatable: bool,
}

struct One {
    body: &'static str,
    id: &'static str,
    status: Option<&'static str>,
}

const ACCOUNT_ID: &str = "0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b";

const RESOURCES: &[Resource] = &[
    Resource {
        segment: "ordering-party-accounts",
        list: include_str!("../fixtures/inferred_accounts_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_account_get_200.json"),
            id: ACCOUNT_ID,
            status: Some("ACTIVE"),
        }),
        creatable: true,
    },
    Resource {
        segment: "counterparties",
        list: include_str!("../fixtures/inferred_counterparties_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_counterparty_get_200.json"),
            id: "7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11",
            status: Some("PENDING"),
        }),
        creatable: true,
    },
    Resource {
        segment: "credit-transfers",
        list: include_str!("../fixtures/inferred_credit_transfers_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_credit_transfer_get_200.json"),
            id: "5f3e2d1c-0b9a-4876-a543-210fedcba987",
            status: Some("WAITING_FOR_SIGNATURES"),
        }),
        creatable: true,
    },
    Resource {
        segment: "direct-debits",
        list: include_str!("../fixtures/inferred_direct_debits_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_direct_debit_get_200.json"),
            id: "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3c5e7a",
            status: Some("WAITING_FOR_SIGNATURES"),
        }),
        creatable: true,
    },
    Resource {
        segment: "account-groups",
        list: include_str!("../fixtures/inferred_account_groups_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_account_group_get_200.json"),
            id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
            status: None,
        }),
        creatable: false,
    },
    Resource {
        segment: "counterparty-groups",
        list: include_str!("../fixtures/inferred_counterparty_groups_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_counterparty_group_get_200.json"),
            id: "c0ffee00-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
            status: None,
        }),
        creatable: false,
    },
    Resource {
        segment: "payment-categories",
        list: include_str!("../fixtures/inferred_payment_categories_200.json"),
        one: None,
        creatable: false,
    },
    Resource {
        segment: "invoices",
        list: include_str!("../fixtures/inferred_invoices_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_invoice_get_200.json"),
            id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
            status: Some("DELIVERED"),
        }),
        creatable: true,
    },
    Resource {
        segment: "credit-notes",
        list: include_str!("../fixtures/inferred_credit_notes_list_200.json"),
        one: Some(One {
            body: include_str!("../fixtures/inferred_credit_note_get_200.json"),
            id: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
            status: Some("SENT"),
        }),
        creatable: true,
    },
];

const BALANCES: &str = include_str!("../fixtures/inferred_balances_200.json");
const TRANSACTIONS: &str = include_str!("../fixtures/inferred_transactions_200.json");
const NOT_FOUND: &str = include_str!("../fixtures/inferred_error_404.json");
const INVALID_GRANT: &str = include_str!("../fixtures/inferred_token_invalid_grant_401.json");

#[derive(Default)]
struct State {
    next: AtomicU64,
    access_tokens: Mutex<HashSet<String>>,
    refresh_tokens: Mutex<HashSet<String>>,
    password_grants: AtomicU64,
    refresh_grants: AtomicU64,
    /// Created resources, by id: their segment and body.
    created: Mutex<HashMap<String, (&'static str, Item)>>,
    /// Creation order, for lists.
    created_order: Mutex<Vec<String>>,
    /// Status overrides, by id.
    statuses: Mutex<HashMap<String, String>>,
    /// Reads a new credit transfer or direct debit stays unsigned, once
    /// `answer_pending` was called.
    reads_before_signed: Mutex<Option<u32>>,
    /// Created payments waiting for their signatures, by id: the reads
    /// left before they are signed.
    unsigned: Mutex<HashMap<String, Countdown>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    fn next(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn issue(&self) -> ResponseTemplate {
        let n = self.next();
        let access = format!("sim-access-{n}");
        let refresh = format!("sim-refresh-{n}");
        lock(&self.access_tokens).insert(access.clone());
        lock(&self.refresh_tokens).insert(refresh.clone());
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": access,
            "expires_in": TOKEN_LIFETIME,
            "refresh_token": refresh,
            "token_type": "Bearer",
        }))
    }

    fn authorized(&self, request: &Request) -> bool {
        request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|token| lock(&self.access_tokens).contains(token))
    }

    /// Whether `id` names a resource of `segment` the tenant holds.
    fn known(&self, resource: &Resource, one: &One, id: &str) -> bool {
        id == one.id || lock(&self.created).get(id).map(|(s, _)| *s) == Some(resource.segment)
    }

    /// A read of payment `id`: once its reads before signing ran out, the
    /// signatories have signed and it is `PENDING_DELIVERY_TO_BANK`.
    fn read(&self, id: &str) {
        let mut unsigned = lock(&self.unsigned);
        let Some(left) = unsigned.get(id) else {
            return;
        };
        if !left.take() {
            unsigned.remove(id);
            lock(&self.statuses)
                .entry(id.to_owned())
                .or_insert_with(|| "PENDING_DELIVERY_TO_BANK".to_owned());
        }
    }

    /// A created resource's body with its current status.
    fn created_item(&self, id: &str) -> Option<Item> {
        let mut item = lock(&self.created).get(id)?.1.clone();
        if let Some(status) = lock(&self.statuses).get(id) {
            item.insert("status".into(), raw_string(status));
        }
        Some(item)
    }
}

/// One resource as JSON members kept as their exact text (amounts keep
/// every digit and their scale).
type Item = BTreeMap<String, Box<RawValue>>;

fn raw_string(text: &str) -> Box<RawValue> {
    RawValue::from_string(serde_json::Value::from(text).to_string()).expect("a JSON string")
}

fn items(text: &str) -> Vec<Item> {
    serde_json::from_str(text).expect("list fixtures are arrays of objects")
}

/// A member's value as a query parameter would spell it.
fn as_param(raw: &RawValue) -> String {
    serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_owned())
}

/// Whether `item` passes every filter of the query: a parameter names the
/// member it filters on (`status`, `orderingPartyAccountId`, `iban`, ...);
/// `fromDate` and `toDate` bound `bookingDate`, inclusive.
fn keep(item: &Item, request: &Request) -> bool {
    request.url.query_pairs().all(|(key, wanted)| {
        let member = |name: &str| item.get(name).map(|raw| as_param(raw));
        match key.as_ref() {
            "fromDate" => member("bookingDate").is_some_and(|d| *d >= *wanted),
            "toDate" => member("bookingDate").is_some_and(|d| *d <= *wanted),
            name => member(name).is_some_and(|v| v == wanted),
        }
    })
}

fn list_body(items: impl IntoIterator<Item = Item>) -> ResponseTemplate {
    let items: Vec<Item> = items.into_iter().collect();
    json(200, serde_json::to_vec(&items).expect("items serialize"))
}

struct TokenEndpoint(Arc<State>);

impl Respond for TokenEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let form: HashMap<String, String> = url::form_urlencoded::parse(&request.body)
            .into_owned()
            .collect();
        let field = |k: &str| form.get(k).map(String::as_str);
        if field("client_id") != Some(CLIENT_ID) {
            return oauth_error(401, "invalid_client", "Invalid client credentials");
        }
        match field("grant_type") {
            Some("password")
                if field("username") == Some(USERNAME) && field("password") == Some(PASSWORD) =>
            {
                self.0.password_grants.fetch_add(1, Ordering::Relaxed);
                self.0.issue()
            }
            Some("password") => ResponseTemplate::new(401)
                .set_body_raw(INVALID_GRANT.as_bytes().to_vec(), "application/json"),
            Some("refresh_token") => {
                let token = field("refresh_token").unwrap_or_default();
                // Refresh tokens rotate: each is good for one exchange.
                if lock(&self.0.refresh_tokens).remove(token) {
                    self.0.refresh_grants.fetch_add(1, Ordering::Relaxed);
                    self.0.issue()
                } else {
                    oauth_error(400, "invalid_grant", "Invalid refresh token")
                }
            }
            _ => oauth_error(400, "unsupported_grant_type", "Unsupported grant type"),
        }
    }
}

fn oauth_error(status: u16, error: &str, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(serde_json::json!({
        "error": error,
        "error_description": description,
    }))
}

fn json(status: u16, body: impl Into<Vec<u8>>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.into(), "application/json")
}

fn api_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(serde_json::json!({
        "code": code,
        "message": message,
    }))
}

struct Api(Arc<State>);

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if !self.0.authorized(request) {
            return api_error(401, "UNAUTHORIZED", "Missing or expired bearer token");
        }
        let segments: Vec<&str> = request
            .url
            .path_segments()
            .map(|s| s.collect())
            .unwrap_or_default();
        let (resource, rest) = match segments.as_slice() {
            ["v2", name, rest @ ..] => match RESOURCES.iter().find(|r| r.segment == *name) {
                Some(resource) => (resource, rest),
                None => return json(404, NOT_FOUND),
            },
            _ => return json(404, NOT_FOUND),
        };
        match (request.method.as_str(), rest) {
            ("GET", []) => self.list(resource, request),
            ("POST", []) if resource.creatable => self.create(resource, request),
            ("GET", [id]) => self.get(resource, id),
            ("GET", [id, "balances" | "transactions"])
                if resource.segment == "ordering-party-accounts" =>
            {
                let Some(one) = &resource.one else {
                    return json(404, NOT_FOUND);
                };
                if !self.0.known(resource, one, id) {
                    return json(404, NOT_FOUND);
                }
                if rest[1] == "balances" {
                    json(200, BALANCES)
                } else {
                    list_body(items(TRANSACTIONS).into_iter().filter(|t| keep(t, request)))
                }
            }
            _ => api_error(405, "METHOD_NOT_ALLOWED", "Not supported by the simulator"),
        }
    }
}

impl Api {
    fn create(&self, resource: &Resource, request: &Request) -> ResponseTemplate {
        let submitted = match serde_json::from_slice::<Vec<Item>>(&request.body) {
            Ok(items) if !items.is_empty() => items,
            _ => {
                return api_error(
                    400,
                    "BAD_REQUEST",
                    "Expected a non-empty array of resources",
                );
            }
        };
        let ids: Vec<String> = submitted
            .into_iter()
            .map(|fields| {
                let id = format!("00000000-0000-4000-8000-{:012}", self.0.next());
                // What was submitted, over the single-resource fixture for
                // the members the server adds; new resources start in the
                // fixture's status.
                let mut item: Item = resource
                    .one
                    .as_ref()
                    .map(|one| serde_json::from_str(one.body).expect("fixtures are objects"))
                    .unwrap_or_default();
                item.extend(fields);
                item.insert("id".into(), raw_string(&id));
                if let Some(status) = resource.one.as_ref().and_then(|one| one.status) {
                    item.insert("status".into(), raw_string(status));
                }
                lock(&self.0.created).insert(id.clone(), (resource.segment, item));
                lock(&self.0.created_order).push(id.clone());
                let signed_after = *lock(&self.0.reads_before_signed);
                if let Some(reads) = signed_after
                    && matches!(resource.segment, "credit-transfers" | "direct-debits")
                {
                    lock(&self.0.unsigned).insert(id.clone(), Countdown::new(reads));
                }
                id
            })
            .collect();
        ResponseTemplate::new(201).set_body_json(ids)
    }

    /// The fixture's items then those created, in their current status,
    /// filtered by the query.
    fn list(&self, resource: &Resource, request: &Request) -> ResponseTemplate {
        let statuses = lock(&self.0.statuses).clone();
        let fixture = items(resource.list).into_iter().map(|mut item| {
            let status = item.get("id").and_then(|id| statuses.get(&as_param(id)));
            if let Some(status) = status {
                item.insert("status".into(), raw_string(status));
            }
            item
        });
        let order = lock(&self.0.created_order).clone();
        let created = order.iter().filter_map(|id| {
            let belongs = lock(&self.0.created).get(id).map(|(s, _)| *s) == Some(resource.segment);
            belongs.then(|| self.0.created_item(id)).flatten()
        });
        list_body(fixture.chain(created).filter(|item| keep(item, request)))
    }

    fn get(&self, resource: &Resource, id: &str) -> ResponseTemplate {
        let Some(one) = &resource.one else {
            return json(404, NOT_FOUND);
        };
        if !self.0.known(resource, one, id) {
            return json(404, NOT_FOUND);
        }
        self.0.read(id);
        if let Some(item) = self.0.created_item(id) {
            return json(200, serde_json::to_vec(&item).expect("items serialize"));
        }
        // Text replacement keeps every amount exactly as the fixture has it.
        let mut body = one.body.replace(one.id, id);
        if let (Some(fixture_status), Some(status)) =
            (one.status, lock(&self.0.statuses).get(id).cloned())
        {
            body = body.replace(
                &format!("\"status\": \"{fixture_status}\""),
                &format!("\"status\": \"{status}\""),
            );
        }
        json(200, body)
    }
}

/// A running LYNKS simulator; dropping it stops the server.
pub struct LynksSimulator {
    server: MockServer,
    state: Arc<State>,
    scenarios: Scenarios,
}

impl std::fmt::Debug for LynksSimulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LynksSimulator")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

impl LynksSimulator {
    /// Starts a simulator on a free local port.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(State::default());
        let scenarios = Scenarios::mount(&server, "^/v2/", &[]).await;
        Mock::given(method("POST"))
            .and(path("/token"))
            .respond_with(TokenEndpoint(state.clone()))
            .mount(&server)
            .await;
        Mock::given(path_regex("^/v2/"))
            .respond_with(Api(state.clone()))
            .mount(&server)
            .await;
        banking_core::testkit::catch_all(&server).await;
        LynksSimulator {
            server,
            state,
            scenarios,
        }
    }

    /// The simulator's base URL.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The underlying mock server, to mount more mocks or inspect the
    /// requests it received.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// The credentials the simulator accepts.
    pub fn credentials() -> LynksCredentials {
        LynksCredentials::new(CLIENT_ID, USERNAME, SecretString::from(PASSWORD))
    }

    /// A client builder pointed at the simulator, with its credentials and
    /// retries off (every answer is seen as served).
    pub fn client_builder(&self) -> LynksClientBuilder {
        let url = self
            .server
            .uri()
            .parse()
            .expect("the mock server URI is a URL");
        LynksClient::builder()
            .environment(Environment::Custom(url))
            .credentials(Self::credentials())
            .retry_policy(RetryPolicy::none())
    }

    /// A client pointed at the simulator.
    pub fn client(&self) -> LynksClient {
        self.client_builder()
            .build()
            .expect("the simulator's client configuration is valid")
    }

    /// Revokes every access token issued so far: the next API call gets a
    /// 401, and the client refreshes its token and retries once.
    pub fn expire_access_tokens(&self) {
        lock(&self.state.access_tokens).clear();
    }

    /// How many password grants the token endpoint served.
    pub fn password_grants(&self) -> u64 {
        self.state.password_grants.load(Ordering::Relaxed)
    }

    /// How many refresh-token grants the token endpoint served.
    pub fn refresh_grants(&self) -> u64 {
        self.state.refresh_grants.load(Ordering::Relaxed)
    }

    /// The next API call (not the token request) fails with `error`, in
    /// the error body the client reads (`code` and `message`, inferred
    /// like the rest of LYNKS' error object); the calls after it are
    /// served as usual.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use banking_core::testkit::SimulatedError;
    /// use lynks_client::testkit::LynksSimulator;
    /// use lynks_client::{LynksErrorCode, LynksErrorExt};
    ///
    /// let sim = LynksSimulator::start().await;
    /// sim.fail_next_call(SimulatedError::new(403, "FORBIDDEN", "Missing COUNTERPARTY_ACCOUNT_WRITE"));
    /// let err = sim.client().accounts().list().await.unwrap_err();
    /// assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::Forbidden));
    /// assert!(sim.client().accounts().list().await.is_ok());
    /// # }
    /// ```
    pub fn fail_next_call(&self, error: SimulatedError) {
        self.scenarios.answer_next(
            1,
            error.status,
            serde_json::json!({ "code": error.code, "message": error.message }),
        );
    }

    /// Credit transfers and direct debits created from now on answer
    /// `WAITING_FOR_SIGNATURES` to `reads` reads by id (`get`), then the
    /// signatories have signed: they are `PENDING_DELIVERY_TO_BANK`
    /// (unless moved with a `set_*_status` first). Without this call they
    /// wait for signatures until moved.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> banking_core::Result<()> {
    /// use banking_core::money::Currency;
    /// use lynks_client::credit_transfers::{CreditTransferStatus, NewCreditTransfer};
    /// use lynks_client::testkit::LynksSimulator;
    /// use lynks_client::{AccountId, CounterpartyId, PaymentCategoryId};
    ///
    /// let sim = LynksSimulator::start().await;
    /// let client = sim.client();
    /// sim.answer_pending(2);
    /// let transfer = NewCreditTransfer::new(
    ///     AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"),
    ///     CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11"),
    ///     "12.50".parse().unwrap(),
    ///     Currency::EUR,
    ///     PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"),
    /// );
    /// let id = client.credit_transfers().create(&[transfer]).await?.remove(0);
    /// for _ in 0..2 {
    ///     let read = client.credit_transfers().get(&id).await?;
    ///     assert_eq!(read.status, Some(CreditTransferStatus::WaitingForSignatures));
    /// }
    /// let read = client.credit_transfers().get(&id).await?;
    /// assert_eq!(read.status, Some(CreditTransferStatus::PendingDeliveryToBank));
    /// # Ok(()) }
    /// ```
    pub fn answer_pending(&self, reads: u32) {
        *lock(&self.state.reads_before_signed) = Some(reads);
    }

    /// Moves a credit transfer to `status`, as signatories or the bank
    /// would.
    pub fn set_credit_transfer_status(&self, id: &CreditTransferId, status: CreditTransferStatus) {
        lock(&self.state.statuses).insert(id.to_string(), status.to_string());
    }

    /// Moves a direct debit to `status`, as signatories or the bank would.
    pub fn set_direct_debit_status(&self, id: &DirectDebitId, status: DirectDebitStatus) {
        lock(&self.state.statuses).insert(id.to_string(), status.to_string());
    }

    /// Moves a counterparty to `status`, as an approver would.
    pub fn set_counterparty_status(&self, id: &CounterpartyId, status: CounterpartyStatus) {
        lock(&self.state.statuses).insert(id.to_string(), status.to_string());
    }
}
