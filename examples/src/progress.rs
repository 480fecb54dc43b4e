//! A progress line on stderr while a step waits (an SCA approval, 202
//! polling, a sync): a spinner when stderr is a terminal, one plain
//! `waiting for ...` line otherwise, so stdout stays the checked report.

use std::future::Future;
use std::io::{IsTerminal, Write};
use std::time::Duration;

const FRAMES: [char; 4] = ['|', '/', '-', '\\'];

/// Awaits `step`, showing `waiting for {what}` on stderr meanwhile.
pub async fn wait<T>(what: &str, step: impl Future<Output = T>) -> T {
    if !std::io::stderr().is_terminal() {
        eprintln!("waiting for {what} ...");
        return step.await;
    }
    let label = what.to_owned();
    let spinner = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(120));
        for frame in FRAMES.iter().cycle() {
            tick.tick().await;
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{frame} waiting for {label} ");
            let _ = err.flush();
        }
    });
    let out = step.await;
    spinner.abort();
    // Clears the spinner's line.
    eprint!("\r\x1b[2K");
    out
}
