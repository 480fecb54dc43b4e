//! Typed async client for the LYNKS API of Finologee (Luxembourg): the
//! Payments API (ordering party accounts and their groups, statement
//! balances and transactions with their FX fields, counterparties and
//! their groups, payment categories, credit transfers, direct debits) and the Invoicing API (invoices and credit notes over
//! Peppol), built on `banking-core`.
//!
//! This example runs offline against the crate's simulator (feature
//! `testkit`); against a real tenant, build the client with
//! `.tenant("your-tenant")` and your onboarding credentials instead.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! use banking_core::money::{Currency, Decimal};
//! use lynks_client::credit_transfers::{CreditTransferStatus, NewCreditTransfer};
//! use lynks_client::testkit::LynksSimulator;
//! use lynks_client::transactions::TransactionQuery;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! let sim = LynksSimulator::start().await;
//! // let client = LynksClient::builder()
//! //     .tenant("acme")                        // https://test-acme.lynks.lu
//! //     .credentials(LynksCredentials::new(client_id, username, password))
//! //     .build()?;
//! let client = sim.client();
//!
//! // Own accounts, their statement entries and the FX details.
//! let accounts = client.accounts().list().await?;
//! let account = accounts[0].id.clone();
//! let entries = client
//!     .transactions()
//!     .list(&TransactionQuery::new(account.clone()))
//!     .await?;
//! let fx = &entries[0];
//! assert_eq!(fx.signed_amount().unwrap().to_string(), "9234.50");
//! assert_eq!(fx.original().unwrap().to_string(), "10000.00 USD");
//!
//! // Pay an approved counterparty; signatories then authorise it.
//! let counterparty = client.counterparties().list(&Default::default()).await?[0].id.clone();
//! let category = client.payment_categories().list().await?[0].id.clone();
//! let payment = NewCreditTransfer::new(account, counterparty, Decimal::new(12_500_00, 2), Currency::EUR, category)
//!     .remittance_information("Invoice 2025-0042");
//! let ids = client.credit_transfers().create(&[payment]).await?;
//! let status = client.credit_transfers().get(&ids[0]).await?.status;
//! assert_eq!(status, Some(CreditTransferStatus::WaitingForSignatures));
//! # Ok(()) }
//! ```
//!
//! # In production
//!
//! ```no_run
//! use lynks_client::{Environment, LynksClient, LynksCredentials};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let password = std::env::var("LYNKS_PASSWORD").expect("LYNKS_PASSWORD is set");
//! let client = LynksClient::builder()
//!     .tenant("acme") // https://acme.lynks.lu
//!     .environment(Environment::Production)
//!     .credentials(LynksCredentials::new("acme-client-id", "api-user", SecretString::from(password)))
//!     .build()?;
//! let accounts = client.accounts().list().await?;
//! # let _ = accounts;
//! # Ok(()) }
//! ```
//!
//! # What is covered
//!
//! | resource | calls |
//! |---|---|
//! | [`accounts`](LynksClient::accounts) | `list`, `get`, `create` |
//! | [`balances`](LynksClient::balances) | `list` (per account) |
//! | [`transactions`](LynksClient::transactions) | `list` (per account, with FX fields) |
//! | [`counterparties`](LynksClient::counterparties) | `list` (filters), `get`, `create` |
//! | [`payment_categories`](LynksClient::payment_categories) | `list` |
//! | [`credit_transfers`](LynksClient::credit_transfers) | `list` (filters), `get`, `create` (never resent) |
//! | [`invoices`](LynksClient::invoices) | `list` (filters), `get`, `send` (Peppol, never resent) |
//! | [`credit_notes`](LynksClient::credit_notes) | `list` (filters), `get`, `send` (Peppol, never resent) |
//! | [`camt`] | CAMT.052.001.02 statement files (feature `camt`) |
//!
//! Anything else goes through [`LynksClient::raw`], with the same token,
//! retries and error mapping.
//!
//! # Authentication
//!
//! Each tenant has its own host ([`SANDBOX_URL_TEMPLATE`],
//! [`PRODUCTION_URL_TEMPLATE`]; [`Environment::Custom`] for any other). The
//! client logs in on its first call with the OAuth2 password grant of the
//! technical user in [`LynksCredentials`] at [`TOKEN_PATH`] (one login for
//! any number of concurrent calls), refreshes the token with the refresh
//! token ahead of expiry (logging in again when the refresh is refused),
//! and on a `401` drops the token and retries the call once. Passwords,
//! client secrets and tokens are [`secrecy::SecretString`]s and never
//! appear in `Debug` output, errors or logs.
//!
//! # Errors
//!
//! Every call returns [`banking_core::Result`]. An answer outside 2xx is
//! [`banking_core::Error::Api`] with the status, the decoded code, message
//! and field errors, and the raw body; [`LynksErrorExt::lynks_error_code`]
//! gives a typed [`LynksErrorCode`] (the body's code, else the documented
//! meaning of the status). Requests are validated before anything is sent
//! ([`banking_core::Error::Validation`]: IBANs, BICs, amounts, empty
//! batches); a create that may have reached the server but got no answer is
//! [`banking_core::Error::OutcomeUnknown`], never resent.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! use banking_core::Error;
//! use lynks_client::testkit::LynksSimulator;
//! use lynks_client::{CreditTransferId, LynksErrorCode, LynksErrorExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let sim = LynksSimulator::start().await;
//! let unknown = CreditTransferId::new("00000000-0000-4000-8000-00000000dead");
//! let err = sim.client().credit_transfers().get(&unknown).await.unwrap_err();
//! assert!(matches!(err, Error::Api(_)));
//! assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::NotFound));
//! # }
//! ```
//!
//! # What the docs say, and what is inferred
//!
//! The public LYNKS docs describe the auth flow, the tenant URLs, the REST
//! conventions (creates take a batch and answer 201 with the new ids;
//! status codes), `POST /v2/counterparties`, the credit transfer statuses
//! and charge bearers, and the statement FX fields. The OpenAPI files
//! were not available, so the other paths, the field names, the error body
//! and the list filters are inferred; each item's documentation says which.
//! Responses are lenient (every field but the id optional, unknown fields
//! ignored, unknown enum values kept), so a difference in the real API
//! shows up as a missing field rather than a failed call; endpoints not
//! modelled can be called through [`LynksClient::raw`].
//!
//! # Money and retries
//!
//! Amounts are `Decimal`s decoded exactly from the JSON text (numbers or
//! strings); no `f64` is involved. Reads are retried on transient
//! failures. Creates, which can move money or send invoices, are never
//! resent: LYNKS documents no idempotency key, so a create that may have
//! reached the server fails with `Error::OutcomeUnknown`. A create that
//! fails with `Error::Decode` was accepted (the server answered 2xx with a
//! body this version cannot read): look it up before creating it again.
//!
//! # Webhooks
//!
//! The `webhooks` module (default-on feature `webhooks`) types the
//! documented triggers (payments processed, approved, failed, rejected or
//! cancelled; direct-debit batches collected, failed or rejected; account
//! statements received) and checks a configurable HMAC-SHA256 before
//! decoding: `webhooks::WebhookVerifier` implements the SDK's common
//! `banking_core::webhook::Verify`. LYNKS publishes neither the payload nor
//! a signing scheme, so both are inferred and read leniently; unknown
//! events keep their raw body.
//!
//! # Per-call options
//!
//! Every resource handle takes `with_options(..)` with a [`CallOptions`]
//! (timeout, retry policy, extra headers), e.g. `client.credit_transfers().with_options(..)`: the options apply to
//! every request sent through the handle, each page of a stream, each poll
//! of a wait and each SCA send included. LYNKS documents no idempotency
//! key, so a key set there fails the call with a validation error before
//! anything is sent.
//! (`options(..)`, the former name, is kept as a deprecated alias.)
//!
//! # Reliability
//!
//! Every call runs under the builder's connect, attempt and total
//! deadlines, token requests included. Reads are retried on connect errors,
//! broken connections, timeouts, 408, 429 (after its `Retry-After`), 502,
//! 503 and 504. A create that may have reached the server fails with
//! [`banking_core::Error::OutcomeUnknown`] as described above. LYNKS
//! documents no paging: lists come whole, so there is no `stream` to cap
//! (the builder's `stream_options` is there for the shape every client
//! shares, and bounds nothing here). The fault matrix in
//! `docs/RELIABILITY.md` shows these behaviours against a misbehaving local
//! server.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod client;
mod ids;
mod resource;
mod validate;

pub mod account_groups;
pub mod accounts;
pub mod balances;
pub mod camt;
pub mod counterparties;
pub mod counterparty_groups;
pub mod credit_notes;
pub mod credit_transfers;
pub mod direct_debits;
pub mod error;
pub mod fx;
pub mod invoices;
pub mod neutral;
pub mod payment_categories;
pub mod peppol;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
pub mod transactions;
#[cfg(feature = "webhooks")]
pub mod webhooks;

/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{
    Error, Result, money::Money, pagination::StreamOptions, retry::RetryPolicy,
    transport::CallOptions,
};
pub use camt::CreditDebit;
pub use client::{
    Environment, LynksClient, LynksClientBuilder, LynksCredentials, PRODUCTION_URL_TEMPLATE,
    SANDBOX_URL_TEMPLATE, TOKEN_PATH,
};
pub use error::{LynksErrorCode, LynksErrorExt};
pub use ids::{
    AccountGroupId, AccountId, CounterpartyGroupId, CounterpartyId, CreditNoteId, CreditTransferId,
    DirectDebitId, InvoiceId, PaymentCategoryId, TransactionId,
};

// The README is the crates.io page: its examples must compile too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
