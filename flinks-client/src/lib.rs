//! Typed async client for the Flinks APIs, built on `banking-core`.
//!
//! One cargo feature per API family, all on by default: `connect`,
//! `enrich`, `upload`, `outbound`, `pay`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod macros;

pub mod datetime;
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

pub use error::FlinksCode;
