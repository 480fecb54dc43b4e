//! Flinks's main flows against its offline simulator (its real sandbox when its
//! variables are set, see `examples/src/live.rs`); the code is in `examples/src/flinks_tour.rs`.
//!
//! Run it with `cargo run -p examples --bin flinks`.

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let report = examples::flinks_tour::run().await?;
    examples::print_section("Flinks: Authorize, then the accounts detail", &report);
    Ok(())
}
