//! Cross-crate suites: reliability under faults and acceptance flows.

mod abuse;
mod acceptance;
mod builders;
mod decoders;
mod endpoints_doc;
mod fault_server;
mod matrix;
mod reliability;
mod secrecy;
mod seed_samples;
