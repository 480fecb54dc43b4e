//! Typed async client for the LYNKS API of Finologee (Luxembourg): the
//! Payments API (ordering party accounts, statement balances and
//! transactions with their FX fields, counterparties, payment categories,
//! credit transfers) and the Invoicing API (invoices and credit notes over
//! Peppol), built on `banking-core`.
//!
//! This example runs offline against the crate's simulator (feature
//! `testkit`); against a real tenant, build the client with
//! `.tenant("your-tenant")` and your onboarding credentials instead.
//!
//! ```
//! use banking_core::money::{Currency, Decimal};
//! use lynks_client::credit_transfers::{CreditTransferStatus, NewCreditTransfer};
//! use lynks_client::testkit::LynksSimulator;
//! use lynks_client::transactions::TransactionQuery;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! let sim = LynksSimulator::start().await;
//! // let client = LynksClient::builder()
//! //     .tenant("acme")                        // https://test-acme.lynks.lu
//! //     .credentials(LynksCredentials::new(client_id, username, password))
//! //     .build()?;
//! let client = sim.client();
//!
//! // Own accounts, their statement entries and the FX details.
//! let accounts = client.accounts().list().await?;
//! let account = accounts[0].id.clone();
//! let entries = client
//!     .transactions()
//!     .list(&TransactionQuery::new(account.clone()))
//!     .await?;
//! let fx = &entries[0];
//! assert_eq!(fx.signed_amount().unwrap().to_string(), "9234.50");
//! assert_eq!(fx.original().unwrap().to_string(), "10000.00 USD");
//!
//! // Pay an approved counterparty; signatories then authorise it.
//! let counterparty = client.counterparties().list(&Default::default()).await?[0].id.clone();
//! let category = client.payment_categories().list().await?[0].id.clone();
//! let payment = NewCreditTransfer::new(account, counterparty, Decimal::new(12_500_00, 2), Currency::EUR, category)
//!     .remittance_information("Invoice 2025-0042");
//! let ids = client.credit_transfers().create(&[payment]).await?;
//! let status = client.credit_transfers().get(&ids[0]).await?.status;
//! assert_eq!(status, Some(CreditTransferStatus::WaitingForSignatures));
//! # Ok(()) }
//! ```
//!
//! # What the docs say, and what is inferred
//!
//! The public LYNKS docs describe the auth flow, the tenant URLs, the REST
//! conventions (creates take a batch and answer 201 with the new ids;
//! status codes), `POST /v2/counterparties`, the credit transfer statuses
//! and charge bearers, and the statement FX fields. The OpenAPI files
//! were not available, so the other paths, the field names, the error body
//! and the list filters are inferred; each item's documentation says which.
//! Responses are lenient (every field but the id optional, unknown fields
//! ignored, unknown enum values kept), so a difference in the real API
//! shows up as a missing field rather than a failed call; endpoints not
//! modelled can be called through [`LynksClient::raw`].
//!
//! # Money and retries
//!
//! Amounts are `Decimal`s decoded exactly from the JSON text (numbers or
//! strings); no `f64` is involved. Reads are retried on transient
//! failures. Creates, which can move money or send invoices, are never
//! resent: LYNKS documents no idempotency key, so a create that may have
//! reached the server fails with `Error::OutcomeUnknown`. A create that
//! fails with `Error::Decode` was accepted (the server answered 2xx with a
//! body this version cannot read): look it up before creating it again.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod client;
mod ids;
mod resource;
mod validate;

pub mod accounts;
pub mod balances;
pub mod camt;
pub mod counterparties;
pub mod credit_notes;
pub mod credit_transfers;
pub mod error;
pub mod fx;
pub mod invoices;
pub mod payment_categories;
pub mod peppol;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod transactions;

/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{Error, Result, money::Money, retry::RetryPolicy};
pub use camt::CreditDebit;
pub use client::{
    Environment, LynksClient, LynksClientBuilder, LynksCredentials, PRODUCTION_URL_TEMPLATE,
    SANDBOX_URL_TEMPLATE, TOKEN_PATH,
};
pub use error::{LynksErrorCode, LynksErrorExt};
pub use ids::{
    AccountId, CounterpartyId, CreditNoteId, CreditTransferId, InvoiceId, PaymentCategoryId,
    TransactionId,
};
