//! Typed async client for the Flinks APIs, built on `banking-core`.
//!
//! One cargo feature per API family, all on by default: `connect`,
//! `enrich`, `upload`, `outbound`, `pay`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod macros;
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

#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
pub use client::{FlinksClient, FlinksClientBuilder};
pub use error::{FlinksCode, FlinksErrorExt};
#[cfg(any(feature = "connect", feature = "enrich", feature = "upload"))]
pub use login::{CustomerType, Login};
