//! Integration tests of banking-core against local mock servers.

mod support;
mod transport;
mod webhook;
