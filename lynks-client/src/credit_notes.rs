//! Credit notes sent and received over Peppol.
//!
//! See [`crate::peppol`] for what is documented and what is inferred: the
//! paths `/v2/credit-notes[/{id}]`, the payload (the UBL 2.1 `CreditNote`
//! document) and the response fields are inferred; creates follow the
//! REST conventions (a batch in, 201 with the new ids out).
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::credit_notes::NewCreditNote;
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! let ubl = r#"<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/>"#;
//! let ids = client.credit_notes().send(&[NewCreditNote::from_ubl(ubl)]).await?;
//! let note = client.credit_notes().get(&ids[0]).await?;
//! assert_eq!(note.invoice_reference.as_deref(), Some("INV-2025-0042"));
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::camt::lenient_date;
use crate::ids::{CreditNoteId, NewIds};
use crate::peppol::{
    DocumentDirection, DocumentFilter, DocumentKind, DocumentStatus, UblSubmission,
};

/// The UBL 2.1 credit note namespace (Peppol BIS Billing 3.0).
pub const UBL_CREDIT_NOTE_NAMESPACE: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

const CREDIT_NOTES: DocumentKind = DocumentKind {
    path: "/v2/credit-notes",
    item_path: "/v2/credit-notes/{id}",
    batch: "creditNotes",
    root: "CreditNote",
    namespace: UBL_CREDIT_NOTE_NAMESPACE,
};

/// A credit note to send: a Peppol BIS Billing 3.0 UBL `CreditNote`
/// document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
#[must_use]
pub struct NewCreditNote(UblSubmission);

impl NewCreditNote {
    /// The UBL XML text; checked before sending to have a `CreditNote` root
    /// element in the UBL credit note namespace.
    pub fn from_ubl(xml: impl Into<String>) -> Self {
        NewCreditNote(UblSubmission::new(xml.into()))
    }
}

/// A credit note as LYNKS returns it. Field names inferred (they follow the
/// UBL elements they would come from).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditNote {
    /// Its id in LYNKS.
    pub id: CreditNoteId,
    /// The credit note number (UBL `cbc:ID`).
    #[serde(default)]
    pub credit_note_number: Option<String>,
    /// The invoice it credits (UBL `cac:BillingReference`).
    #[serde(default)]
    pub invoice_reference: Option<String>,
    /// Sent or received.
    #[serde(default)]
    pub direction: Option<DocumentDirection>,
    /// Where it is in its delivery.
    #[serde(default)]
    pub status: Option<DocumentStatus>,
    /// The issue date.
    #[serde(default, with = "lenient_date")]
    pub issue_date: Option<NaiveDate>,
    /// The document currency.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// The amount credited (UBL `cbc:PayableAmount`).
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

impl CreditNote {
    /// The amount credited as [`Money`], when amount and currency are known.
    pub fn total(&self) -> Option<Money> {
        Some(Money::new(self.total_amount?, self.currency?))
    }
}

banking_core::resource_handle! {
    /// Credit note calls; from [`LynksClient::credit_notes`](crate::LynksClient::credit_notes).
    pub struct CreditNotes for crate::LynksClient, "LYNKS";
}

impl CreditNotes<'_> {
    /// `POST /v2/credit-notes`: sends a batch over Peppol and returns the
    /// new ids. Never resent on failure.
    pub async fn send(&self, credit_notes: &[NewCreditNote]) -> Result<Vec<CreditNoteId>> {
        let NewIds(ids) = self
            .handle
            .send_json(CREDIT_NOTES.send(credit_notes, |n| &n.0)?)
            .await?;
        Ok(ids)
    }

    /// `GET /v2/credit-notes/{id}`.
    pub async fn get(&self, id: &CreditNoteId) -> Result<CreditNote> {
        self.handle.send_json(CREDIT_NOTES.get(id)).await
    }

    /// `GET /v2/credit-notes` with filters (no paging documented).
    pub async fn list(&self, filter: &DocumentFilter) -> Result<Vec<CreditNote>> {
        self.handle.send_json(CREDIT_NOTES.list(filter)).await
    }
}
