//! Typed async client for the Linxo Connect Accounts API (France), built on
//! `banking-core`.
//!
//! The whole widget flow, run here against the offline simulator of the
//! `testkit` feature: create a user, open the add-connection widget for
//! them, then sync the new connection and read its accounts and
//! transactions.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! use futures::TryStreamExt;
//! use linxo_client::testkit::LinxoSimulator;
//! use linxo_client::{
//!     AccountsQuery, NewUser, SyncType, TransactionsQuery, WidgetFlow, WidgetParams,
//! };
//! use secrecy::SecretString;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! let simulator = LinxoSimulator::start().await;
//! // In production: LinxoClient::builder()
//! //     .environment(Environment::Production)
//! //     .client_credentials(client_id, client_secret)
//! //     .build()?
//! let client = simulator.client();
//!
//! // 1-2. Client mode (client credentials): create the user.
//! let password = SecretString::from(LinxoSimulator::USER_PASSWORD);
//! let user_id = client
//!     .users()
//!     .create(&NewUser::new(LinxoSimulator::USER_EMAIL, password.clone()))
//!     .await?;
//!
//! // 3-4. User mode (password grant): a widget session for that user.
//! let user = client.as_user(LinxoSimulator::USER_EMAIL, password)?;
//! assert_eq!(user.users().me().await?.id, user_id);
//! let session = user.widget_sessions().create().await?;
//! let url = user.widget_sessions().url(
//!     &session,
//!     WidgetFlow::AddConnection,
//!     &WidgetParams::new()
//!         .redirect_url("https://app.example/linxo/done".parse().unwrap())
//!         .wait_sync_end(true),
//! )?;
//! assert!(url.query().unwrap().contains("wait_sync_end=true"));
//!
//! // 5. The user picks a bank in the widget at `url`. 6. Back in your app:
//! let connection = user.connections().list().await?.remove(0);
//! let queue = user.queues().subscribe().await?;
//! user.sync().connection(&connection.id, SyncType::All).await?;
//! let events = user.queues().poll(&queue).await?;
//! assert!(!events.is_empty());
//!
//! // 7. Accounts and transactions; amounts are exact decimals.
//! let accounts = user
//!     .accounts()
//!     .list(&AccountsQuery::new().connection_id(connection.id.clone()))
//!     .await?;
//! let account = &accounts[0];
//! assert_eq!(account.balance_money().unwrap().to_string(), "1523.07 EUR");
//! let transactions: Vec<_> = user
//!     .transactions()
//!     .stream(TransactionsQuery::new().account_id(account.id.clone()).limit(1))
//!     .try_collect()
//!     .await?;
//! assert_eq!(transactions.len(), 3); // one page per transaction
//! assert_eq!(transactions[0].amount.to_string(), "-42.90"); // scale kept
//! # Ok(()) }
//! ```
//!
//! # In production
//!
//! ```no_run
//! use linxo_client::{Environment, LinxoClient, ProvidersQuery};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let secret = std::env::var("LINXO_CLIENT_SECRET").expect("LINXO_CLIENT_SECRET is set");
//! let client = LinxoClient::builder()
//!     .environment(Environment::Production)
//!     .client_credentials("my-client-id", SecretString::from(secret))
//!     .build()?;
//!
//! for provider in client.providers().list(&ProvidersQuery::new()).await? {
//!     println!("{} {:?}", provider.id, provider.name);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # What is covered
//!
//! | resource | calls |
//! |---|---|
//! | [`users`](LinxoClient::users) | `create` (client mode), `get`, `me`, `delete` |
//! | [`connections`](LinxoClient::connections) | `list`, `get`; channels come inside each [`Connection`] |
//! | [`accounts`](LinxoClient::accounts) | `list`, `stream`, `get` |
//! | [`transactions`](LinxoClient::transactions) | `list` (14 filters), `stream`, `get` |
//! | [`widget_sessions`](LinxoClient::widget_sessions) | `create` (user mode), `url` for every widget page |
//! | [`sync`](LinxoClient::sync) | `all`, `connection` (paths inferred) |
//! | [`queues`](LinxoClient::queues) | `subscribe`, `poll` (paths inferred) |
//! | [`providers`](LinxoClient::providers) | `list`, `get` (paths inferred) |
//! | [`categories`](LinxoClient::categories) | `list`, `get` (paths inferred) |
//! | [`webhooks`] | [`webhooks::WebhookVerifier`] (feature `webhooks`; Linxo documents no signature: the check is configured) |
//!
//! Anything else goes through [`LinxoClient::raw`], with the same token,
//! retries and error mapping.
//!
//! # Authentication
//!
//! Two modes, both OAuth2 against the authorization server's `/token`:
//! **client mode** (client credentials, scope [`CLIENT_SCOPE`]) to create
//! users and, with the rights, read every user's data; **user mode**
//! (resource-owner password with the user's e-mail and password, scope
//! [`USER_SCOPE`]) for one user's data and for widget sessions. Build a
//! client in either mode ([`LinxoClientBuilder::user`]) or switch with
//! [`LinxoClient::as_user`] / [`LinxoClient::as_client`]. Tokens are fetched
//! on first use by one caller, cached, refreshed ahead of expiry, and a
//! `401` drops the token and retries the call once. Secrets are
//! [`secrecy::SecretString`]s and never appear in `Debug` output or errors.
//!
//! # Per-call options
//!
//! Every resource handle takes `with_options(..)` with a [`CallOptions`]
//! (timeout, retry policy, extra headers), e.g. `client.transactions().with_options(..)`: the options apply to
//! every request sent through the handle, each page of a stream, each poll
//! of a wait and each SCA send included. Linxo documents no idempotency
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
//! again. A `401` is sent once more with a fresh token, since the server
//! refused it before any effect.
//!
//! Every `stream` ends within a bounded number of requests: on a cursor
//! seen before, a page with the items of an earlier one (Linxo sends no
//! total, so a server that ignores `page` is caught by its repeated items),
//! and at the page and item caps of the builder's
//! [`stream_options`](banking_core::pagination::StreamOptions) (by default
//! 100,000 pages and 10,000,000 items), each with a typed
//! [`banking_core::Error::Pagination`] after the items read so far:
//!
//! ```no_run
//! use banking_core::pagination::StreamOptions;
//! use futures::TryStreamExt;
//! use linxo_client::{AccountsQuery, Environment, LinxoClient};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let client = LinxoClient::builder()
//!     .environment(Environment::Production)
//!     .client_credentials("client-id", SecretString::from("client-secret"))
//!     .stream_options(StreamOptions::new().max_pages(50).max_items(5_000))
//!     .build()?;
//! let accounts: Vec<_> = client
//!     .accounts()
//!     .stream(AccountsQuery::new())
//!     .try_collect()
//!     .await?;
//! # let _ = accounts;
//! # Ok(()) }
//! ```
//!
//! Page numbers are computable, so
//! [`StreamOptions::concurrent_pages`](banking_core::pagination::StreamOptions::concurrent_pages)
//! can keep several pages in flight (pages are still yielded in order;
//! with no total, up to `n - 1` requests past the last page are sent and
//! dropped). The default is one page ahead.
//!
//! The fault matrix in `docs/RELIABILITY.md` shows each of these behaviours
//! against a misbehaving local server.
//!
//! # Sources and versions
//!
//! The seed documentation describes the API's concepts; paths, fields and
//! samples come from research notes on the public reference and on client
//! code (mostly third-party). Each doc comment says where its facts come
//! from, and **"inferred"** marks paths or fields no source states: sync,
//! queues, providers and categories. The client targets API v2.1 on
//! `oxlin.io` (lists are bare arrays, amounts JSON numbers, dates epoch
//! seconds); API v3 (wrapped lists, decimal-string amounts) is not
//! supported. Server enums keep unknown values as `Unknown(String)`;
//! requests are validated before anything is sent
//! ([`banking_core::Error::Validation`]).
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod accounts;
pub mod categories;
pub mod channels;
mod client;
pub mod connections;
mod error;
mod ids;
mod location;
pub mod neutral;
mod paging;
pub mod providers;
pub mod queues;
pub mod sync;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
pub mod transactions;
pub mod users;
#[cfg(feature = "webhooks")]
pub mod webhooks;
pub mod widget;

pub use accounts::{Account, AccountStatus, AccountType, AccountUsage, Accounts, AccountsQuery};
pub use banking_core::auth::TokenEncoding;
/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{
    Error, Result, money::Money, pagination::StreamOptions, retry::RetryPolicy,
    transport::CallOptions,
};
pub use categories::{Categories, Category};
pub use channels::{Channel, ChannelMode, ChannelStatus};
pub use client::{
    AuthMode, CLIENT_SCOPE, Environment, LinxoClient, LinxoClientBuilder, PRODUCTION_API_URL,
    PRODUCTION_AUTH_URL, PRODUCTION_EMBED_URL, SANDBOX_API_URL, SANDBOX_AUTH_URL,
    SANDBOX_EMBED_URL, USER_SCOPE,
};
pub use connections::{
    Connection, ConnectionStatus, Connections, Credential, NewConnection, Owner,
};
pub use error::{LinxoErrorCode, LinxoErrorDecoder, LinxoErrorExt};
pub use ids::{
    AccountId, CategoryId, ChannelDefinitionId, ConnectionId, ProviderId, QueueId, TransactionId,
    UserId, WidgetSessionId,
};
pub use paging::DEFAULT_STREAM_LIMIT;
pub use providers::{Provider, Providers, ProvidersQuery};
pub use queues::{EventName, QueueEvent, Queues};
pub use sync::{SyncJobs, SyncStarted, SyncType};
pub use transactions::{
    MAX_TRANSACTIONS_LIMIT, Transaction, TransactionOrigin, TransactionSource, TransactionStatus,
    TransactionType, Transactions, TransactionsQuery,
};
pub use users::{Address, Gender, MIN_PASSWORD_CHARS, NewUser, User, Users};
#[cfg(feature = "webhooks")]
pub use webhooks::{ConnectionEvent, WebhookEvent, WebhookEventType, WebhookResourceType};
pub use widget::{WidgetFlow, WidgetLinks, WidgetParams, WidgetSession, WidgetSessions};

// The README is the crates.io page: its examples must compile too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
