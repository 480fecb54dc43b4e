//! FinqLink's main flows against its offline simulator (its real sandbox when its
//! variables are set, see `examples/src/live.rs`); the code is in `examples/src/finqlink_tour.rs`.
//!
//! Run it with `cargo run -p examples --bin finqlink`.

#[tokio::main]
async fn main() -> Result<(), banking_core::Error> {
    let report = examples::finqlink_tour::run().await?;
    examples::print_section(
        "FinqLink: pay by link, then a consent and a refresh job",
        &report,
    );
    Ok(())
}
