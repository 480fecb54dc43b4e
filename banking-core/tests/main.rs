//! Integration tests of banking-core against local mock servers.

mod deadlines;
mod http_client;
mod neutral;
mod support;
mod transport;
mod webhook;
