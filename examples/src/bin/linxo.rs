//! Linxo Connect's main flows against its offline simulator (its real sandbox when its
//! variables are set, see `examples/src/live.rs`); the code is in `examples/src/linxo_tour.rs`.
//!
//! Run it with `cargo run -p examples --bin linxo`.

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let report = examples::linxo_tour::run().await?;
    examples::print_section(
        "Linxo Connect: a user, the widget, a sync, the data",
        &report,
    );
    Ok(())
}
