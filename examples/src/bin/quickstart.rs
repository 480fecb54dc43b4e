//! An offline tour of the SDK: it starts local simulators and talks to them
//! through the same code paths a real integration uses.
//!
//! Run it with `cargo run -p examples --bin quickstart`.
#![allow(clippy::print_stdout)] // a command-line tour prints what it does

use examples::{core_tour, finqlink_tour, flinks_tour, linkcy_tour, linxo_tour, lynks_tour};

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let tours = [
        (
            "banking-core: OAuth2, an authenticated call, exact money",
            core_tour::run().await?,
        ),
        (
            "Linkcy: a transfer with SCA, then the history",
            linkcy_tour::run().await?,
        ),
        (
            "FinqLink: pay by link, then a consent and a refresh job",
            finqlink_tour::run().await?,
        ),
        (
            "Flinks: Authorize, then the accounts detail",
            flinks_tour::run().await?,
        ),
        (
            "LYNKS: FX statement entries and their check, then a credit transfer",
            lynks_tour::run().await?,
        ),
        (
            "Linxo Connect: a user, the widget, a sync, the data",
            linxo_tour::run().await?,
        ),
    ];
    for (title, report) in tours {
        println!("== {title}");
        for line in report {
            println!("   {line}");
        }
    }
    Ok(())
}
