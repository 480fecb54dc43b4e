//! An offline Outbound simulator (feature `testkit`): a local mock server
//! serving the docs' payloads, for integrators' tests and examples.
//!
//! - FDX lists (accounts, and account `11`'s transactions, payment networks
//!   and statements) hold the docs' sample items, each served as written,
//!   and page like the API: `limit` items from `offset` (no `limit`: all
//!   of them), with `page.totalElements` (the items the filters keep),
//!   `page.nextOffset` and `links.next.href` while more follow. Offsets
//!   are opaque ids (UUIDs) as in the docs; an offset the simulator did
//!   not hand out answers 400. Transactions and statements apply
//!   `startTime` / `endTime` (days included) to `postedTimestamp` and
//!   `statementDate` (the docs do not name the member the dates bound: this
//!   is inferred); a date that is not `YYYY-MM-DD`, or a start after the
//!   end, answers the docs' 702 `Invalid start or end date`.
//! - Registrations: `registrations().request(..)` keeps one registration
//!   per recipient and provider, `PENDING_APPROVAL` (as in the docs'
//!   sample), listed by `registrations().list()` after the sample's.
//! - Recipients: `recipients().create(..)` keeps the recipient (new
//!   `client_id`, its secret in the answer only); `get`,
//!   `update_redirect_uris` and `regenerate_secret` read and change it.
//!   The docs show no list of recipients, so there is none to serve.
//! - [`fail_next_call`](OutboundSimulator::fail_next_call) answers the next
//!   API call with an FDX error. Outbound has no SCA step the API can force
//!   (consent is given at the Data Provider) and no 202 or status flow, so
//!   there is no `require_sca` or `answer_pending`.
//!   [`server`](OutboundSimulator::server) is an escape hatch to the mock
//!   server, needed by none of these.
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
//! assert_eq!(transactions.len(), 2); // the docs' two, one page each
//! # Ok(()) }
//! ```

use std::sync::{Arc, Mutex, MutexGuard};

use banking_core::testkit::{
    Filter, Query, Record, Records, Rule, Scenarios, SimulatedError, page,
};
use banking_core::transport::Environment;
use chrono::NaiveDate;
use secrecy::SecretString;
use serde_json::{Value, json};
use url::Url;
use uuid::Uuid;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::OutboundClient;

/// Client id the simulator's client uses.
pub const CLIENT_ID: &str = "testkit-client";
/// Authorization code the simulator grants.
pub const CONSENT_CODE: &str = "testkit-consent-code";

const PROVIDERS: &str = include_str!("../../fixtures/outbound_seed_providers_supported_200.json");
const REGISTRATIONS: &str = include_str!("../../fixtures/outbound_seed_registrations_all_200.json");
const RECIPIENT: &str = include_str!("../../fixtures/outbound_schema_built_recipient_200.json");
const ACCOUNTS: &str =
    include_str!("../../fixtures/outbound_schema_built_fdx_accounts_loan_investment_200.json");
const TRANSACTIONS_FIRST: &str =
    include_str!("../../fixtures/outbound_research_fdx_transactions_200.json");
const TRANSACTIONS_LAST: &str =
    include_str!("../../fixtures/outbound_schema_built_fdx_transactions_last_page_200.json");
const PAYMENT_NETWORKS: &str =
    include_str!("../../fixtures/outbound_seed_fdx_payment_networks_first_page_200.json");
const STATEMENTS: &str =
    include_str!("../../fixtures/outbound_schema_built_fdx_statements_200.json");
const INVALID_DATES: &str = include_str!("../../fixtures/outbound_seed_fdx_transactions_4xx.json");

fn json(body: &'static str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

fn raw_json(status: u16, text: String) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(text, "application/json")
}

/// An FDX error body without a code (the docs show none for the case).
fn fdx_error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"message": message, "debugMessage": "simulated"}))
}

/// The FDX date bounds, on the member each list dates its items by.
const fn dated(pointer: &'static str) -> [Filter; 2] {
    [
        Filter::new("startTime", Rule::From(pointer)),
        Filter::new("endTime", Rule::Until(pointer)),
    ]
}

const TRANSACTION_FILTERS: &[Filter] = &dated("/*/postedTimestamp");
const STATEMENT_FILTERS: &[Filter] = &dated("/statementDate");

/// The offset of the item at `position`: an opaque id, as the docs' are.
fn offset_at(position: usize) -> String {
    Uuid::from_u128(position as u128).to_string()
}

/// The position an offset stands for (none or empty: the start).
fn position_of(offset: Option<&str>) -> Option<usize> {
    match offset {
        None | Some("") => Some(0),
        Some(offset) => Uuid::parse_str(offset)
            .ok()
            .and_then(|id| usize::try_from(id.as_u128()).ok()),
    }
}

/// Whether `startTime` / `endTime` are days and in order.
fn dates_valid(query: &Query) -> bool {
    let day = |name| query.get(name).map(|v| v.parse::<NaiveDate>());
    match (day("startTime"), day("endTime")) {
        (Some(Err(_)), _) | (_, Some(Err(_))) => false,
        (Some(Ok(start)), Some(Ok(end))) => start <= end,
        _ => true,
    }
}

/// An FDX list: the items its filters keep, `limit` from `offset`, in the
/// FDX page envelope with the items under `member`.
struct FdxList {
    records: Records,
    member: &'static str,
    filters: &'static [Filter],
}

impl Respond for FdxList {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = Query::of(request);
        if !self.filters.is_empty() && !dates_valid(&query) {
            return raw_json(400, INVALID_DATES.to_owned());
        }
        let kept = self.records.select(self.filters, &query);
        let Some(start) = position_of(query.get("offset")).filter(|&at| at <= kept.len()) else {
            return fdx_error(400, "Unknown offset");
        };
        let limit = query
            .number("limit")
            .filter(|&n| n > 0)
            .unwrap_or(kept.len());
        let items = page(&kept[start..], 0, limit);
        let texts: Vec<&str> = items.iter().map(|r| r.text()).collect();
        let next = start + items.len();
        let (paging, links) = if next < kept.len() {
            let offset = offset_at(next);
            let mut href = request.url.clone();
            let pairs: Vec<(String, String)> = request
                .url
                .query_pairs()
                .filter(|(name, _)| name != "offset")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            href.query_pairs_mut()
                .clear()
                .extend_pairs(pairs)
                .append_pair("offset", &offset);
            (
                json!({"nextOffset": offset, "totalElements": kept.len()}),
                json!({"next": {"href": href.as_str(), "action": "GET"}}),
            )
        } else {
            (json!({"totalElements": kept.len()}), json!({}))
        };
        raw_json(
            200,
            format!(
                r#"{{"page":{paging},"links":{links},"{}":[{}]}}"#,
                self.member,
                texts.join(",")
            ),
        )
    }
}

/// What partners create: registrations and recipients.
#[derive(Debug)]
struct State {
    registrations: Records,
    recipients: Records,
    created: u32,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

fn record(value: Value) -> Record {
    Record::from_value(value)
}

/// `GET /api/v1/recipients/providers/requests`: the sample's, then those
/// requested.
struct ListRegistrations(Shared);

impl Respond for ListRegistrations {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let state = lock(&self.0);
        let texts: Vec<&str> = state
            .registrations
            .select(&[], &Query::default())
            .into_iter()
            .map(Record::text)
            .collect();
        raw_json(200, format!("[{}]", texts.join(",")))
    }
}

/// One recipient's registration with one provider.
const PAIR: &[Filter] = &[
    Filter::new("client_id", Rule::Equals(&["/client_id"])),
    Filter::new("provider_id", Rule::Equals(&["/provider_id"])),
];

/// `POST /api/v1/recipients/providers/requests/{recipient_ids}/{provider_ids}`:
/// one `PENDING_APPROVAL` registration per pair not registered yet.
struct RequestRegistrations(Shared);

impl Respond for RequestRegistrations {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let segments: Vec<&str> = request.url.path().rsplit('/').take(2).collect();
        let [providers, recipients] = segments[..] else {
            return fdx_error(400, "Recipient and provider ids are required");
        };
        let Ok(providers) = providers
            .split(',')
            .map(str::parse::<u64>)
            .collect::<Result<Vec<_>, _>>()
        else {
            return fdx_error(400, "Provider ids are numbers");
        };
        let known = Records::new(Record::array(PROVIDERS));
        let mut state = lock(&self.0);
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        for recipient in recipients.split(',') {
            let client_name = state
                .recipients
                .find("/client_id", recipient)
                .and_then(|r| r.member("/name"));
            for provider in &providers {
                let id = provider.to_string();
                let pair = Query::from_pairs([("client_id", recipient), ("provider_id", &id)]);
                if !state.registrations.select(PAIR, &pair).is_empty() {
                    continue;
                }
                let provider_record = known.find("/provider_id", &id);
                state.registrations.push(record(json!({
                    "client_id": recipient,
                    "client_name": client_name,
                    "provider_id": provider,
                    "provider_name": provider_record.and_then(|p| p.member("/name")),
                    "country": provider_record.and_then(|p| p.member("/country")),
                    "registration_status": "PENDING_APPROVAL",
                    "requested_on": now,
                })));
            }
        }
        ResponseTemplate::new(200)
    }
}

/// The `client_id` of `/api/v1/recipients/{client_id}[/secret]`.
fn recipient_id(request: &Request) -> String {
    request
        .url
        .path_segments()
        .and_then(|mut s| s.nth(3))
        .unwrap_or_default()
        .to_owned()
}

/// The recipient routes: create, get, update redirect URIs, new secret.
struct Recipients(Shared);

impl Respond for Recipients {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = lock(&self.0);
        let body = serde_json::from_slice::<Value>(&request.body).ok();
        let secret_path = request.url.path().ends_with("/secret");
        match (request.method.as_str(), secret_path) {
            ("POST", false) => {
                let Some(Value::Object(mut recipient)) = body else {
                    return fdx_error(400, "The body must be a JSON object");
                };
                state.created += 1;
                let id = format!("dc-testkit-{}", state.created);
                recipient.insert("client_id".to_owned(), Value::from(id.as_str()));
                let kept = record(Value::Object(recipient.clone()));
                state.recipients.push(kept);
                recipient.insert(
                    "client_secret".to_owned(),
                    Value::from(format!("testkit-secret-{}", state.created)),
                );
                ResponseTemplate::new(200).set_body_json(Value::Object(recipient))
            }
            (verb, secret) => {
                let id = recipient_id(request);
                if secret {
                    state.created += 1;
                }
                let created = state.created;
                let Some(recipient) = state.recipients.find_mut("/client_id", &id) else {
                    return fdx_error(404, "Recipient not found");
                };
                match (verb, secret) {
                    ("PUT", false) => {
                        let Some(uris) = body.as_ref().and_then(|b| b.get("redirect_uris")) else {
                            return fdx_error(400, "redirect_uris is required");
                        };
                        recipient.set_raw("redirect_uris", &uris.to_string());
                        raw_json(200, recipient.text().to_owned())
                    }
                    ("POST", true) => ResponseTemplate::new(200).set_body_json(json!({
                        "client_id": id,
                        "client_secret": format!("testkit-secret-{created}"),
                    })),
                    _ => raw_json(200, recipient.text().to_owned()),
                }
            }
        }
    }
}

/// A running Outbound simulator.
#[derive(Debug)]
pub struct OutboundSimulator {
    server: MockServer,
    scenarios: Scenarios,
}

impl OutboundSimulator {
    /// Starts the simulator: token endpoint (every grant), providers,
    /// registrations, recipients, customer, accounts, transactions,
    /// payment networks, statements and revoke.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let scenarios = Scenarios::mount(&server, "^/api/", &["/api/v1/token"]).await;
        banking_core::testkit::catch_all(&server).await;
        let token = json(include_str!(
            "../../fixtures/outbound_schema_built_token_authorization_code_200.json"
        ));
        let routes = [
            ("POST", "/api/v1/token", token),
            ("GET", "/api/v1/providers", json(PROVIDERS)),
            (
                "GET",
                "/api/fdx/5/customers/current",
                json(include_str!(
                    "../../fixtures/outbound_schema_built_fdx_customers_current_200.json"
                )),
            ),
            (
                "GET",
                "/api/fdx/5/accounts/11",
                json(include_str!(
                    "../../fixtures/outbound_schema_built_fdx_account_details_200.json"
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
        let lists = [
            (
                "/api/fdx/5/accounts",
                Record::array_in(ACCOUNTS, "accounts"),
                "accounts",
                &[][..],
            ),
            (
                "/api/fdx/5/accounts/11/transactions",
                Record::array_in(TRANSACTIONS_FIRST, "transactions")
                    .into_iter()
                    .chain(Record::array_in(TRANSACTIONS_LAST, "transactions"))
                    .collect(),
                "transactions",
                TRANSACTION_FILTERS,
            ),
            (
                "/api/fdx/5/accounts/11/payment-networks",
                Record::array_in(PAYMENT_NETWORKS, "paymentNetworks"),
                "paymentNetworks",
                &[][..],
            ),
            (
                "/api/fdx/5/accounts/11/statements",
                Record::array_in(STATEMENTS, "statements"),
                "statements",
                STATEMENT_FILTERS,
            ),
        ];
        for (route, records, member, filters) in lists {
            Mock::given(method("GET"))
                .and(path(route))
                .respond_with(FdxList {
                    records: Records::new(records),
                    member,
                    filters,
                })
                .mount(&server)
                .await;
        }
        let state = Arc::new(Mutex::new(State {
            registrations: Records::new(Record::array(REGISTRATIONS)),
            recipients: Records::new([
                Record::parse(RECIPIENT).expect("the recipient fixture is JSON")
            ]),
            created: 0,
        }));
        Mock::given(method("GET"))
            .and(path("/api/v1/recipients/providers/requests"))
            .respond_with(ListRegistrations(state.clone()))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path_regex(
                r"^/api/v1/recipients/providers/requests/[^/]+/[^/]+$",
            ))
            .respond_with(RequestRegistrations(state.clone()))
            .mount(&server)
            .await;
        Mock::given(path_regex(r"^/api/v1/recipients(/[^/]+(/secret)?)?$"))
            .and(|request: &Request| {
                let secret = request.url.path().ends_with("/secret");
                let one = request.url.path() != "/api/v1/recipients";
                matches!(
                    (request.method.as_str(), one, secret),
                    ("POST", false, false) | ("GET" | "PUT", true, false) | ("POST", true, true)
                )
            })
            .respond_with(Recipients(state))
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
