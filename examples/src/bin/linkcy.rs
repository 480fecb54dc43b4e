//! Linkcy's main flows against its offline simulator (its real sandbox when its
//! variables are set, see `examples/src/live.rs`); the code is in `examples/src/linkcy_tour.rs`.
//!
//! Run it with `cargo run -p examples --bin linkcy`.

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let report = examples::linkcy_tour::run().await?;
    examples::print_section("Linkcy: a transfer with SCA, then the history", &report);
    Ok(())
}
