//! Tours of the SDK, one module per crate, run by the `quickstart` binary
//! and one binary per provider (`linkcy`, `finqlink`, `flinks`, `lynks`,
//! `linxo`, `aggregator`).
//!
//! Each tour starts the crate's offline simulator (its `testkit` feature),
//! or builds a client for the real sandbox when [`live`] finds that
//! provider's variables, and goes through the same calls a real
//! integration makes. Each returns
//! the lines it would print, so the tours double as smoke tests.
#![forbid(unsafe_code)]

pub mod aggregate_tour;
pub mod core_tour;
pub mod finqlink_tour;
pub mod flinks_tour;
pub mod linkcy_tour;
pub mod linxo_tour;
pub mod live;
pub mod lynks_tour;
pub mod progress;
pub mod webhook_receiver;

/// What a tour reports, line by line.
pub type Report = Vec<String>;

/// Prints a tour's title and its lines, indented.
#[allow(clippy::print_stdout)] // the example binaries print what they do
pub fn print_section(title: &str, report: &Report) {
    println!("== {title}");
    for line in report {
        println!("   {line}");
    }
}
