//! Shared foundation of the open-banking SDK: transport, authentication,
//! exact money, pagination, strong customer authentication (SCA) and errors.
//!
//! Provider crates (`linkcy-client`, `finqlink-client`, `flinks-client`, ...)
//! describe each call as a [`transport::Request`]; this crate executes it:
//! build URL → authenticate → send → retry what is safe → map errors → decode.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod money;
pub mod pagination;
