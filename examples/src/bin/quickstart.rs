//! An offline tour of the SDK: it starts local simulators and talks to them
//! through the same code paths a real integration uses, then reads all five
//! through the provider-neutral aggregator.
//!
//! Run it with `cargo run -p examples --bin quickstart`. It exits with a
//! non-zero code as soon as a step fails.

use examples::{
    aggregate_tour, core_tour, finqlink_tour, flinks_tour, linkcy_tour, linxo_tour, lynks_tour,
    print_section,
};

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
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
