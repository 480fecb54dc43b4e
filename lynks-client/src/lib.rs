//! Typed async client for the LYNKS (Finologee) API, built on `banking-core`.
//!
//! This crate is being built out; see the workspace `docs/ENDPOINTS.md` for
//! the endpoints it covers.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
