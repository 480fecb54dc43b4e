//! Typed async client for the Flinks APIs (Canada), built on `banking-core`.
//!
//! ```
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
//! # API families
//!
//! One cargo feature per family, all on by default:
//!
//! | feature | module | host | credential |
//! |---|---|---|---|
//! | `connect` | [`connect`] | `{instance}-api.private.fin.ag/v3/{customerId}/BankingServices` | secret key, one-time authorize token, `x-api-key` |
//! | `enrich` | [`enrich`] | `{instance}-api.private.fin.ag/v3/{customerId}/insight` | `x-api-key` |
//! | `upload` | [`upload`] | `{instance}-api.private.fin.ag/v3/{customerId}/attributes/upload` | secret key (Bearer) |
//! | `outbound` | `outbound` | `ob.flinksapp.com` | OAuth |
//! | `pay` | `pay` | the payments host | Basic, then Bearer |
//!
//! Connect, Enrich and Upload share [`FlinksClient`]; Outbound and Pay have
//! their own clients. The `testkit` feature adds [`testkit::FlinksSandbox`].
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
#![forbid(unsafe_code)]
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
pub mod connect;
pub mod datetime;
#[cfg(feature = "enrich")]
pub mod enrich;
pub mod error;
pub mod ids;
/// Flinks Outbound (Open Banking): OAuth consent, Data Providers, Data
/// Recipients, registrations and FDX 5 data access.
#[cfg(feature = "outbound")]
pub mod outbound;
/// Flinks Pay: EFT v1 transactions and v2 payment sessions (EFT, GEFT,
/// e-Transfer).
#[cfg(feature = "pay")]
pub mod pay;
#[cfg(feature = "testkit")]
pub mod testkit;
#[cfg(feature = "upload")]
pub mod upload;

pub use banking_core::transport::Environment;
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{Error, Result, money::Money, retry::RetryPolicy};
pub use client::{FlinksClient, FlinksClientBuilder};
pub use error::{FlinksCode, FlinksErrorExt};
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
pub use login::{CustomerType, Login};
