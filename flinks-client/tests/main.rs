//! The one integration-test binary of flinks-client.

mod outbound_auth;
mod outbound_common;
mod outbound_fdx;
mod outbound_management;
mod pay_common;
mod pay_eft;
mod pay_sessions;
