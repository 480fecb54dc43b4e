//! Offline tour of the SDK (filled in by the examples work).
fn main() {}
