//! Tours of the SDK, one module per crate, run by the `quickstart` binary.
//!
//! Each tour starts the crate's offline simulator (its `testkit` feature)
//! and goes through the same calls a real integration makes. Each returns
//! the lines it would print, so the tours double as smoke tests.
#![forbid(unsafe_code)]

pub mod core_tour;
pub mod finqlink_tour;
pub mod flinks_tour;
pub mod linkcy_tour;
pub mod linxo_tour;
pub mod lynks_tour;
pub mod webhook_receiver;

/// What a tour reports, line by line.
pub type Report = Vec<String>;
