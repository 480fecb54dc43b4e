//! Exact money: amounts, currencies and serde adapters for each wire style.
