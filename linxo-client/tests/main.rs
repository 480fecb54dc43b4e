//! Integration tests of linxo-client: one binary, one module per concern.

mod support;

mod accounts;
mod auth;
mod categories;
mod connections;
mod errors;
mod hygiene;
mod neutral;
mod paging;
mod providers;
mod queues;
mod roundtrip;
mod sync;
mod testkit_flow;
mod transactions;
mod users;
mod validation;
mod webhooks;
mod widget;
