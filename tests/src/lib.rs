//! Cross-crate acceptance, reliability and performance suites for the SDK.
//!
//! The library part is empty; the suites live in `tests/`.
#![forbid(unsafe_code)]
