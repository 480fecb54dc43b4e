//! Typed async client for the FinqLink (Finqware) API, built on
//! `banking-core`: FinqLink Pay (providers and payment links) and FinqLink
//! Data (AIS consents, accounts, balances, transactions and refresh jobs),
//! on the v2 API (default), the v1 API (Pay only) and the sandbox.
//!
//! # Pay by link
//!
//! The creditor creates a payment link; the payer opens it, picks a bank and
//! authorizes the transfer there; the creditor follows the link's status (or
//! receives `link_status_update` webhooks). This example runs offline
//! against the crate's simulator (feature `testkit`); with real credentials
//! build the client with [`Environment::Sandbox`] or
//! [`Environment::Production`] and your FinqLink
//! [`host`](FinqLinkClientBuilder::host) instead.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! use banking_core::money::Currency;
//! use finqlink_client::links::{FlowType, LinkCreateRequest, LinkGetRequest, PaymentIntent};
//! use finqlink_client::parse_amount;
//! use finqlink_client::testkit::FinqLinkSimulator;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! let sim = FinqLinkSimulator::start().await;
//! let client = sim.client();
//!
//! // 100.50 RON to the sandbox creditor account; amounts are exact decimals.
//! let intent = PaymentIntent::new(
//!     parse_amount("100.50")?,
//!     Currency::RON,
//!     "RO10RZBR0000069999999970",
//!     "Demo Shop SRL",
//! )
//! .remittance_info("Order 1234");
//! let link = client
//!     .links()
//!     .create(&LinkCreateRequest::new(intent).flow_type(FlowType::Link))
//!     .await?;
//! println!("send the payer to {}", link.web_url.as_ref().expect("a WebUI link"));
//!
//! // Follow the link until the payment settles one way or the other.
//! let get = LinkGetRequest::new(link.id.expect("created links have an id"));
//! let status = loop {
//!     let status = client.links().get(&get).await?.status.expect("links have a status");
//!     if status.is_paid() || status.is_failed() {
//!         break status;
//!     }
//!     // Real code waits here (or listens for webhooks).
//! };
//! assert!(status.is_paid());
//! # Ok(()) }
//! ```
//!
//! # In production
//!
//! ```no_run
//! use finqlink_client::providers::ProvidersListRequest;
//! use finqlink_client::{Credentials, Environment, FinqLinkClient};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let secret = std::env::var("FINQLINK_CLIENT_SECRET").expect("FINQLINK_CLIENT_SECRET is set");
//! // FinqLink gives each customer its own host and token endpoint.
//! let host = "https://acme.finqware.com".parse().expect("a URL");
//! let token_url = "https://acme.finqware.com/oauth/token".parse().expect("a URL");
//! let client = FinqLinkClient::builder()
//!     .environment(Environment::Production)
//!     .host(host)
//!     .credentials(Credentials::oauth2(token_url, "my-client-id", SecretString::from(secret)))
//!     .build()?;
//!
//! let list = client.providers().list(&ProvidersListRequest::new()).await?;
//! println!("{} providers", list.providers.len());
//! # Ok(())
//! # }
//! ```
//!
//! # Versions, environments and credentials
//!
//! * [`ApiVersion::V2`] (default) or [`ApiVersion::V1`]; an AIS call on a
//!   v1 client fails with [`banking_core::Error::Validation`] before any
//!   request.
//! * `banking_core`'s [`Environment`], as in every crate of the SDK:
//!   [`Environment::Sandbox`] uses the `/test` paths and
//!   [`Environment::Production`] the `/v2` or `/v1` paths on your
//!   [`host`](FinqLinkClientBuilder::host) (FinqLink publishes no fixed
//!   hosts), [`Environment::Custom`] a base URL as is;
//!   [`FinqLinkClientBuilder::path_prefix`] overrides the prefix.
//! * [`Credentials::oauth2`] (production: bearer tokens from your token
//!   URL, cached and refreshed) or [`Credentials::test_mode`] (credentials in
//!   each body); `client_id` is always in the body, as FinqLink requires.
//!   Optional mutual TLS with [`FinqLinkClientBuilder::identity_pem`].
//!
//! # Safety rails
//!
//! Creates, revokes and the consent redirect are never resent by the
//! transport (FinqLink has no idempotency keys); reads (`get`/`list`) are
//! retried. Requests are validated before sending (amounts, IBANs, limits,
//! consent timings, scopes, page sizes). Errors carry typed FinqLink codes
//! through [`FinqLinkErrorExt`].
//!
//! # Webhooks
//!
//! The `webhooks` module (default-on feature `webhooks`) verifies the JWS
//! FinqLink puts on every webhook against the keys of its JWKS, then
//! decodes the typed event: [`webhooks::WebhookVerifier`] implements the
//! SDK's common `banking_core::webhook::Verify`. Turning the feature off
//! drops the JOSE dependency and its `aws-lc` build.
//!
//! # Per-call options
//!
//! Every resource handle takes `with_options(..)` with a [`CallOptions`]
//! (timeout, retry policy, extra headers), e.g. `client.links().with_options(..)`: the options apply to
//! every request sent through the handle, each page of a stream, each poll
//! of a wait and each SCA send included. FinqLink documents no idempotency
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
//! seen before, a page with the items of an earlier one (FinqLink's `count`
//! is a page size, not a total), and at the page and item caps of the
//! builder's [`stream_options`](banking_core::pagination::StreamOptions)
//! (by default 100,000 pages and 10,000,000 items), each with a typed
//! [`banking_core::Error::Pagination`] after the items read so far:
//!
//! ```no_run
//! use banking_core::pagination::StreamOptions;
//! use finqlink_client::links::LinksListRequest;
//! use finqlink_client::{Credentials, Environment, FinqLinkClient};
//! use futures::TryStreamExt;
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let client = FinqLinkClient::builder()
//!     .environment(Environment::Production)
//!     .host("https://api.example/".parse().unwrap())
//!     .credentials(Credentials::test_mode("client-id", SecretString::from("client-secret")))
//!     .stream_options(StreamOptions::new().max_pages(50).max_items(5_000))
//!     .build()?;
//! let links: Vec<_> = client
//!     .links()
//!     .stream(LinksListRequest::new())
//!     .try_collect()
//!     .await?;
//! # let _ = links;
//! # Ok(()) }
//! ```
//!
//! The fault matrix in `docs/RELIABILITY.md` shows each of these behaviours
//! against a misbehaving local server.
//!
//! # Sources
//!
//! The published docs show few JSON samples and hide many field names.
//! Where a name is inferred rather than documented, the item's doc comment
//! says so; `docs/ENDPOINTS.md` lists each endpoint with its source.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod accounts;
mod amount;
pub mod balances;
mod client;
pub mod consents;
mod dates;
mod error;
mod ids;
pub mod jobs;
pub mod links;
pub mod neutral;
pub mod pagination;
pub mod providers;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
pub mod transactions;
mod validate;
#[cfg(feature = "webhooks")]
pub mod webhooks;
mod webui;

pub use amount::parse_amount;
/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{
    Error, Result, money::Money, pagination::StreamOptions, retry::RetryPolicy,
    transport::CallOptions, transport::Environment,
};
pub use client::{ApiVersion, Credentials, FinqLinkClient, FinqLinkClientBuilder};
pub use error::{FinqLinkErrorCode, FinqLinkErrorDecoder, FinqLinkErrorExt};
pub use ids::{AccountId, ConsentId, JobId, LinkId, ProviderId, TransactionId, WebId};
pub use webui::UxTemplate;

// The README is the crates.io page: its examples must compile too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
