//! Integration tests of linkcy-client: one binary, one module per area.

mod auth;
mod beneficiaries;
mod call_options;
mod card_profiles;
mod cards;
mod consumers;
mod corporate_related;
mod corporates;
mod errors;
mod fixtures;
mod kyc;
mod ledgers;
mod mandates;
mod neutral;
mod paging;
mod passwords;
mod sca;
mod sca_devices;
mod scenarios;
mod secrets;
mod support;
mod testkit;
mod transactions;
mod webhook_portal;
mod webhooks;
