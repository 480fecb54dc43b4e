//! FinqLink client tests: one binary, one module per resource.

mod support;

mod accounts;
mod balances;
mod client;
mod consents;
mod errors;
mod jobs;
mod links;
mod neutral;
mod properties;
mod providers;
mod roundtrip;
mod scenarios;
mod testkit;
mod transactions;
mod validation;
mod webhooks;
