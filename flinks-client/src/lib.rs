//! Typed async client for the Flinks APIs (Canada), built on `banking-core`.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use flinks_client::connect::{AccountsDetailRequest, AuthorizeOutcome, AuthorizeRequest, PollOptions};
//! use flinks_client::testkit::{self, FlinksSandbox};
//! # use std::time::Duration;
//!
//! // An offline simulator of Flinks' sandbox; in production build the client
//! // with `FlinksClient::builder()` and your instance and keys.
//! let sandbox = FlinksSandbox::start().await;
//! let client = sandbox.client();
//! let connect = client.connect();
//!
//! // Open a session on the data cached for a login (a fresh one-time
//! // authorize token is fetched for the call).
//! let session = match connect.authorize(&AuthorizeRequest::cached(testkit::login_id())).await? {
//!     AuthorizeOutcome::Authorized(session) => session,
//!     other => panic!("a cached login is authorized at once: {other:?}"),
//! };
//!
//! // The detail usually answers 202 first: wait_ready polls
//! // GetAccountsDetailAsync (every 10 s for up to 30 min by default).
//! let request = AccountsDetailRequest::new(session.request_id)
//!     .with_transactions(true)
//!     .with_account_identity(true);
//! let outcome = connect.accounts_detail(&request).await?;
//! # let poll = PollOptions::new().interval(Duration::from_millis(10));
//! # #[cfg(any())]
//! let poll = PollOptions::default();
//! let detail = connect.wait_ready(outcome, &poll).await?;
//!
//! let account = &detail.accounts[0];
//! let balance = account.balance.as_ref().and_then(|b| b.current);
//! assert_eq!(balance.map(|b| b.to_string()).as_deref(), Some("5105.5"));
//! assert_eq!(account.transactions[0].credit.map(|c| c.to_string()).as_deref(), Some("1500.25"));
//! # Ok(()) }
//! ```
//!
//! # In production
//!
//! ```no_run
//! use banking_core::transport::Environment;
//! use flinks_client::FlinksClient;
//! use flinks_client::connect::{AuthorizeOutcome, AuthorizeRequest};
//! use flinks_client::ids::{CustomerId, LoginId};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let secret_key = std::env::var("FLINKS_SECRET_KEY").expect("FLINKS_SECRET_KEY is set");
//! let api_key = std::env::var("FLINKS_API_KEY").expect("FLINKS_API_KEY is set");
//! let customer_id: CustomerId = "43387ca6-0391-4c82-857d-70d95f087ecb".parse().expect("a GUID");
//! let client = FlinksClient::builder()
//!     .environment(Environment::Production)
//!     .instance("acme") // https://acme-api.private.fin.ag
//!     .customer_id(customer_id)
//!     .secret_key(SecretString::from(secret_key))
//!     .api_key(SecretString::from(api_key))
//!     .build()?;
//!
//! let login: LoginId = "5e0b3e4c-9f1a-4a2b-8c3d-1e2f3a4b5c6d".parse().expect("a GUID");
//! match client.connect().authorize(&AuthorizeRequest::cached(login)).await? {
//!     AuthorizeOutcome::Authorized(session) => println!("session {}", session.request_id),
//!     other => println!("not yet: {other:?}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # API families
//!
//! One cargo feature per family, all on by default:
//!
//! | feature | module | host | credential |
//! |---|---|---|---|
//! | `connect` | [`connect`] | `{instance}-api.private.fin.ag/v3/{customerId}/BankingServices`; Investments on `{instance}-wealth-api...` | secret key, one-time authorize token, `x-api-key` |
//! | `enrich` | [`enrich`] | `{instance}-api.private.fin.ag/v3/{customerId}/insight` | `x-api-key` |
//! | `upload` | [`upload`] | `{instance}-api.private.fin.ag/v3/{customerId}/attributes/upload`, `.../FraudAnalysis` | secret key (Bearer) |
//! | `outbound` | `outbound` | `ob.flinksapp.com` | OAuth |
//! | `pay` | `pay` | the payments host | Basic, then Bearer |
//! | `webhooks` | `webhooks` | deliveries to you | HMAC-SHA256 (header configurable) |
//!
//! Connect, Enrich and Upload share [`FlinksClient`]; Outbound and Pay have
//! their own clients. The `testkit` feature adds [`testkit::FlinksSandbox`],
//! and with `outbound` and `pay` their simulators
//! (`outbound::testkit::OutboundSimulator`: FDX lists paged by `limit` and
//! `offset`, created recipients and registrations kept;
//! `pay::testkit::PaySimulator`: created sessions, payment requests and
//! schedules kept, `answer_pending(n)` for sessions in progress).
//! The `webhooks` feature (on by default; it needs `connect` and `pay`)
//! verifies deliveries and decodes them into the same types the API
//! answers with: `webhooks::WebhookVerifier` implements the SDK's common
//! `banking_core::webhook::Verify`.
//!
//! # What to know about Flinks
//!
//! - **Branch on `FlinksCode`, not the HTTP status.** The docs disagree on
//!   statuses; a pending body is pending and an error code is an error
//!   whatever the status. Read codes with [`FlinksErrorExt::flinks_code`].
//! - **Authorize has three outcomes** ([`connect::AuthorizeOutcome`]):
//!   authorized, pending, or MFA required; answer MFA with
//!   [`connect::Connect::answer_security_challenges`].
//! - **Data calls may be pending** ([`connect::Outcome`]); hand them to
//!   [`connect::Connect::wait_ready`].
//! - **Amounts are exact**: `Debit`, `Credit`, `Balance` are
//!   [`rust_decimal::Decimal`], whether Flinks sends a number or a string.
//! - **Timestamps** come with or without an offset: [`datetime::Timestamp`].
//!
//! # Per-call options
//!
//! Every resource handle takes `with_options(..)` with a [`CallOptions`]
//! (timeout, retry policy, extra headers), e.g. `client.connect().with_options(..)`, `pay.sessions().with_options(..)`, `connection.accounts().with_options(..)`: the options apply to
//! every request sent through the handle, each page of a stream, each poll
//! of a wait and each SCA send included. Flinks documents no idempotency
//! key, so a key set there fails the call with a validation error before
//! anything is sent.
//!
//! # Reliability
//!
//! Every call runs under the builder's connect, attempt and total
//! deadlines, token requests included. Reads are retried on connect errors,
//! broken connections, timeouts, 408, 429 (after its `Retry-After`), 502,
//! 503 and 504; writes are resent only when they never left the client (a
//! refused connection). A call that may have reached the server but whose
//! answer was lost (a reset, a stalled body) fails with
//! [`banking_core::Error::OutcomeUnknown`] and is never resent: the
//! operation may or may not have taken effect, so look it up before trying
//! again. A `401` is sent once more with a fresh token (except on Pay,
//! whose tokens are single-use), since the server refused it before any
//! effect.
//!
//! Every FDX `stream` (Outbound) ends within a bounded number of requests:
//! on a cursor seen before, a page with the items of an earlier one, more
//! items than `page.totalElements`, and at the page and item caps of the
//! builder's [`stream_options`](banking_core::pagination::StreamOptions)
//! (by default 100,000 pages and 10,000,000 items), each with a typed
//! [`banking_core::Error::Pagination`] after the items read so far:
//!
//! ```no_run
//! # #[cfg(feature = "outbound")]
//! # async fn demo() -> banking_core::Result<()> {
//! use banking_core::pagination::StreamOptions;
//! use flinks_client::outbound::OutboundClient;
//! use flinks_client::outbound::fdx::transactions::TransactionsRequest;
//! use futures::TryStreamExt;
//! use secrecy::SecretString;
//!
//! let client = OutboundClient::builder()
//!     .credentials("client-id", SecretString::from("client-secret"))
//!     .stream_options(StreamOptions::new().max_pages(50).max_items(5_000))
//!     .build()?;
//! let connection = client.connect_with_refresh_token(SecretString::from("stored-refresh-token"));
//! let transactions: Vec<_> = connection
//!     .transactions()
//!     .stream(TransactionsRequest::new("account-id"))
//!     .try_collect()
//!     .await?;
//! # let _ = transactions;
//! # Ok(()) }
//! ```
//!
//! The fault matrix in `docs/RELIABILITY.md` shows each of these behaviours
//! against a misbehaving local server.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

#[cfg(any(
    feature = "connect",
    feature = "enrich",
    feature = "upload",
    feature = "outbound",
    feature = "pay"
))]
mod builder;
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
mod nullable;

#[cfg(any(feature = "enrich", feature = "upload"))]
mod attributes;
#[cfg(any(feature = "connect", feature = "enrich"))]
mod category;
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
mod client;
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
mod login;

#[cfg(feature = "connect")]
#[cfg_attr(docsrs, doc(cfg(feature = "connect")))]
pub mod connect;
pub mod datetime;
#[cfg(feature = "enrich")]
#[cfg_attr(docsrs, doc(cfg(feature = "enrich")))]
pub mod enrich;
pub mod error;
pub mod ids;
#[cfg(any(feature = "connect", feature = "outbound"))]
pub mod neutral;
/// Flinks Outbound (Open Banking): OAuth consent, Data Providers, Data
/// Recipients, registrations and FDX 5 data access.
#[cfg(feature = "outbound")]
#[cfg_attr(docsrs, doc(cfg(feature = "outbound")))]
pub mod outbound;
/// Flinks Pay: EFT v1 transactions and v2 payment sessions (EFT, GEFT,
/// e-Transfer).
#[cfg(feature = "pay")]
#[cfg_attr(docsrs, doc(cfg(feature = "pay")))]
pub mod pay;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
#[cfg(feature = "upload")]
#[cfg_attr(docsrs, doc(cfg(feature = "upload")))]
pub mod upload;
#[cfg(feature = "webhooks")]
pub mod webhooks;

pub use banking_core::transport::Environment;
/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{
    Error, Result, money::Money, pagination::StreamOptions, retry::RetryPolicy,
    transport::CallOptions,
};
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "connect", feature = "enrich", feature = "upload")))
)]
pub use client::{FlinksClient, FlinksClientBuilder};
pub use error::{FlinksCode, FlinksErrorExt};
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "connect", feature = "enrich", feature = "upload")))
)]
pub use login::{CustomerType, Login};

// The README is the crates.io page: its examples must compile too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
