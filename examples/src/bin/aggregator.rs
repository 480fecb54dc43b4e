//! The provider-neutral view over the five offline simulators: accounts,
//! per-currency totals and merged transactions (a provider whose variables
//! are set, see `examples/src/live.rs`, reads its real sandbox instead).
//!
//! Run it with `cargo run -p examples --bin aggregator`.
#![allow(clippy::print_stdout)] // a command-line tour prints what it does

use examples::aggregate_tour;

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let (_simulators, aggregator) = aggregate_tour::sources().await?;
    for line in aggregate_tour::run(&aggregator).await? {
        println!("{line}");
    }
    Ok(())
}
