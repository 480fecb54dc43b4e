//! Invoices sent and received over Peppol.
//!
//! See [`crate::peppol`] for what is documented and what is inferred: the
//! paths `/v2/invoices[/{id}]`, the payload (the UBL 2.1 `Invoice`
//! document) and the response fields are inferred; creates follow the
//! REST conventions (a batch in, 201 with the new ids out).
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::invoices::NewInvoice;
//! use lynks_client::peppol::{DocumentDirection, DocumentFilter};
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! let ubl = r#"<?xml version="1.0" encoding="UTF-8"?>
//! <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
//!   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
//!   <cbc:ID>INV-2025-0042</cbc:ID>
//! </Invoice>"#;
//! let ids = client.invoices().send(&[NewInvoice::from_ubl(ubl)]).await?;
//! assert_eq!(ids.len(), 1);
//! let received = client
//!     .invoices()
//!     .list(&DocumentFilter::new().direction(DocumentDirection::Incoming))
//!     .await?;
//! assert!(!received.is_empty());
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::camt::lenient_date;
use crate::ids::{InvoiceId, NewIds};
use crate::peppol::{
    DocumentDirection, DocumentFilter, DocumentKind, DocumentStatus, UblSubmission,
};

/// The UBL 2.1 invoice namespace (Peppol BIS Billing 3.0).
pub const UBL_INVOICE_NAMESPACE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";

const INVOICES: DocumentKind = DocumentKind {
    path: "/v2/invoices",
    item_path: "/v2/invoices/{id}",
    batch: "invoices",
    root: "Invoice",
    namespace: UBL_INVOICE_NAMESPACE,
};

/// An invoice to send: a Peppol BIS Billing 3.0 UBL `Invoice` document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
#[must_use]
pub struct NewInvoice(UblSubmission);

impl NewInvoice {
    /// The UBL XML text; checked before sending to have an `Invoice` root
    /// element in the UBL invoice namespace.
    pub fn from_ubl(xml: impl Into<String>) -> Self {
        NewInvoice(UblSubmission::new(xml.into()))
    }
}

/// An invoice as LYNKS returns it. Field names inferred (they follow the
/// UBL elements they would come from).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Invoice {
    /// Its id in LYNKS.
    pub id: InvoiceId,
    /// The invoice number (UBL `cbc:ID`).
    #[serde(default)]
    pub invoice_number: Option<String>,
    /// Sent or received.
    #[serde(default)]
    pub direction: Option<DocumentDirection>,
    /// Where it is in its delivery.
    #[serde(default)]
    pub status: Option<DocumentStatus>,
    /// The issue date.
    #[serde(default, with = "lenient_date")]
    pub issue_date: Option<NaiveDate>,
    /// The due date.
    #[serde(default, with = "lenient_date")]
    pub due_date: Option<NaiveDate>,
    /// The document currency.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// The amount due (UBL `cbc:PayableAmount`).
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub total_amount: Option<Decimal>,
    /// The seller's name.
    #[serde(default)]
    pub sender_name: Option<String>,
    /// The seller's Peppol participant id (`scheme:identifier`).
    #[serde(default)]
    pub sender_peppol_id: Option<String>,
    /// The buyer's name.
    #[serde(default)]
    pub receiver_name: Option<String>,
    /// The buyer's Peppol participant id (`scheme:identifier`).
    #[serde(default)]
    pub receiver_peppol_id: Option<String>,
}

impl Invoice {
    /// The amount due as [`Money`], when amount and currency are known.
    pub fn total(&self) -> Option<Money> {
        Some(Money::new(self.total_amount?, self.currency?))
    }
}

banking_core::resource_handle! {
    /// Invoice calls; from [`LynksClient::invoices`](crate::LynksClient::invoices).
    pub struct Invoices for crate::LynksClient, "LYNKS";
}

impl Invoices<'_> {
    /// `POST /v2/invoices`: sends a batch over Peppol and returns the new
    /// ids. Never resent on failure (the receiver could get it twice).
    pub async fn send(&self, invoices: &[NewInvoice]) -> Result<Vec<InvoiceId>> {
        let NewIds(ids) = self
            .handle
            .send_json(INVOICES.send(invoices, |i| &i.0)?)
            .await?;
        Ok(ids)
    }

    /// `GET /v2/invoices/{id}`.
    pub async fn get(&self, id: &InvoiceId) -> Result<Invoice> {
        self.handle.send_json(INVOICES.get(id)).await
    }

    /// `GET /v2/invoices` with filters (no paging documented).
    pub async fn list(&self, filter: &DocumentFilter) -> Result<Vec<Invoice>> {
        self.handle.send_json(INVOICES.list(filter)).await
    }
}
