//! LYNKS's main flows against its offline simulator (its real sandbox when its
//! variables are set, see `examples/src/live.rs`); the code is in `examples/src/lynks_tour.rs`.
//!
//! Run it with `cargo run -p examples --bin lynks`.

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let report = examples::lynks_tour::run().await?;
    examples::print_section(
        "LYNKS: FX statement entries and their check, then a credit transfer",
        &report,
    );
    Ok(())
}
