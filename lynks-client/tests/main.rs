//! Integration tests of the LYNKS client: one binary, one module per topic.
//!
//! Each endpoint test checks the request the client sends (method, path,
//! query, headers, body) against a wiremock server and decodes the fixture
//! with exact asserts.

mod common;

mod accounts;
mod auth;
mod balances;
mod camt;
mod counterparties;
mod credit_notes;
mod credit_transfers;
mod direct_debits;
mod errors;
mod forward_compat;
mod groups;
mod invoices;
mod neutral;
mod payment_categories;
mod round_trip;
mod secrets;
mod simulator;
mod transactions;
mod validation;
mod webhooks;
