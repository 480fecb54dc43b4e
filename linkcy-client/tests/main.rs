//! Integration tests of linkcy-client: one binary, one module per area.

mod auth;
mod beneficiaries;
mod cards;
mod consumers;
mod corporates;
mod errors;
mod fixtures;
mod ledgers;
mod mandates;
mod sca;
mod secrets;
mod support;
mod testkit;
mod transactions;
mod webhooks;
