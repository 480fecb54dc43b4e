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

pub use error::FlinksCode;
