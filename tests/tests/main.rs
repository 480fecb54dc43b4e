//! Cross-crate suites: reliability under faults and acceptance flows.

mod acceptance;
mod builders;
mod decoders;
mod reliability;
