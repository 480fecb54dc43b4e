//! A webhook receiver for every provider: verifies each delivery with the
//! provider crate's verifier, then prints the decoded event.
//!
//! ```text
//! LINKCY_WEBHOOK_SECRET=whsec_... FLINKS_WEBHOOK_SECRET=... FLINKS_WEBHOOK_HEADER=... \
//!   cargo run -p examples --bin webhook-receiver
//! ```
//!
//! Listens on `WEBHOOK_RECEIVER_ADDR` (default `127.0.0.1:8080`); the
//! settings of each provider are listed in `examples::webhook_receiver`.
#![allow(clippy::print_stdout)] // a command-line receiver prints what it receives

use std::io::Write as _;
use std::sync::Arc;

use examples::webhook_receiver::{Printer, Receivers};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let receivers = Receivers::from_env(|name| std::env::var(name).ok())?;
    let addr = std::env::var("WEBHOOK_RECEIVER_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    for provider in receivers.routes() {
        println!("route POST /webhooks/{provider}");
    }
    let print: Printer = Arc::new(|line| {
        let mut out = std::io::stdout().lock();
        // A closed stdout must not stop the server.
        let _ = writeln!(out, "{line}").and_then(|()| out.flush());
    });
    std::io::stdout().flush()?;
    axum::serve(listener, receivers.router(print)).await?;
    Ok(())
}
