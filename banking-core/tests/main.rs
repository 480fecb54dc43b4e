//! Integration tests of banking-core against local mock servers.

mod deadlines;
mod support;
mod transport;
