//! Integration tests of `flinks-client`: one wiremock test per endpoint
//! (request sent + documented sample decoded), the simulator's flows,
//! forward compatibility, round trips and secret hygiene.

mod common;

mod accounts_detail;
mod accounts_summary;
mod authorize;
mod authorize_multiple;
mod connect_redirect;
mod delete_card;
mod enrich;
mod enrich_categorization;
mod enrich_score;
mod flows;
mod forward_compat;
mod institutions;
mod investments;
mod mfa_questions;
mod neutral;
mod nightly_refresh;
mod outbound_auth;
mod outbound_common;
mod outbound_fdx;
mod outbound_management;
mod outbound_simulator;
mod pay_common;
mod pay_e_transfer_v1;
mod pay_eft;
mod pay_initiate;
mod pay_sessions;
mod pay_simulator;
mod round_trip;
mod scenarios;
mod scheduled_refresh;
mod secrets;
mod seed_samples;
mod statements;
mod upload;
mod webhooks;
