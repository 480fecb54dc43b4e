//! A tour of the SDK: each provider's main flow against its offline
//! simulator, or against its real sandbox when its variables are set (see
//! `examples/src/live.rs` and the README), then all five through the
//! provider-neutral aggregator.
//!
//! Run it with `cargo run -p examples --bin quickstart`. The report goes to
//! stdout, progress on waits to stderr. It stops at the first failing step
//! and exits with code 1, naming the error on stderr; 0 means every step
//! succeeded.

use std::process::ExitCode;

use examples::live::{self, ProcessEnv};
use examples::{
    aggregate_tour, core_tour, finqlink_tour, flinks_tour, linkcy_tour, linxo_tour, lynks_tour,
    print_section,
};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quickstart failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), banking_core::Error> {
    // Every provider's variables are checked before the first request.
    let live = live::selected(&ProcessEnv)?;
    if live.is_empty() {
        eprintln!("live sandboxes: none, every provider on its simulator");
    } else {
        eprintln!("live sandboxes: {}", live.join(", "));
    }
    print_section(
        "banking-core: OAuth2, an authenticated call, exact money",
        &core_tour::run().await?,
    );
    print_section(
        "Linkcy: a transfer with SCA, then the history",
        &linkcy_tour::run().await?,
    );
    print_section(
        "FinqLink: pay by link, then a consent and a refresh job",
        &finqlink_tour::run().await?,
    );
    print_section(
        "Flinks: Authorize, then the accounts detail",
        &flinks_tour::run().await?,
    );
    print_section(
        "LYNKS: FX statement entries and their check, then a credit transfer",
        &lynks_tour::run().await?,
    );
    print_section(
        "Linxo Connect: a user, the widget, a sync, the data",
        &linxo_tour::run().await?,
    );
    let (_simulators, aggregator) = aggregate_tour::sources().await?;
    print_section(
        "All five through one view: accounts, totals per currency, merged transactions",
        &aggregate_tour::run(&aggregator).await?,
    );
    Ok(())
}
