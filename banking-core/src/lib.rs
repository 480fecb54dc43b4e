//! Shared foundation of the open-banking SDK: transport, authentication,
//! exact money, pagination, strong customer authentication (SCA) and errors.
//!
//! Provider crates (`linkcy-client`, `finqlink-client`, `flinks-client`, ...)
//! describe each call as a [`transport::Request`]; this crate executes it:
//! build the URL → authenticate → send → retry what is safe → map errors →
//! decode. The same path is open to integrators for endpoints a provider
//! crate does not model yet (the raw escape hatch):
//!
//! ```no_run
//! use banking_core::auth::StaticBearer;
//! use banking_core::transport::{Request, Transport};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let transport = Transport::builder("https://api.example.com/v1/".parse().unwrap())
//!     .auth(StaticBearer::new(SecretString::from("token")))
//!     .build()?;
//! let accounts: serde_json::Value = transport
//!     .send_json(Request::get("/accounts/{id}").param("id", "acc-1"))
//!     .await?;
//! println!("{accounts}");
//! # Ok(()) }
//! ```
//!
//! | module | holds |
//! |---|---|
//! | [`transport`] | environments, request description, execution, timeouts, size cap, tracing |
//! | [`auth`] | token sources, single-flight token cache, authenticators |
//! | [`retry`] | the pure retry decision and its policy |
//! | [`error`] | the one [`Error`] type and the API error body decoders |
//! | [`money`] | `Money`, `Currency` and exact serde adapters |
//! | [`neutral`] | provider-neutral accounts and transactions, their traits, the aggregator |
//! | [`pagination`] | lazy page and item streams over any cursor |
//! | [`resource_handle`](mod@resource_handle) | the resource handle every provider crate declares: a borrowed client plus per-call options |
//! | [`sca`] | SCA headers and the 202 flow |
//! | [`enums`] | server enums that keep unknown values |
//! | [`ids`] | typed identifier newtypes |
//! | [`json`] | path-aware decoding |
//! | [`validate`] | client-side checks shared by the providers (IBAN, amounts, lengths) |
//! | `webhook` | (feature `webhook`) the `Verify` trait, `WebhookError`, HMAC-SHA256, a configurable header HMAC, timestamp tolerance, unknown events |
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod auth;
pub mod enums;
pub mod error;
pub mod ids;
pub mod json;
pub mod money;
pub mod neutral;
pub mod pagination;
pub mod resource_handle;
pub mod retry;
pub mod sca;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
pub mod transport;
pub mod validate;
#[cfg(feature = "webhook")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhook")))]
pub mod webhook;

pub use error::{Error, Result};
/// The HTTP client the SDK runs on, for implementing [`auth::TokenSource`]
/// and [`auth::Authenticator`] without a direct dependency.
pub use reqwest;

#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use tracing;
    pub use uuid;
}

// The README is the crates.io page: its examples must compile too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
