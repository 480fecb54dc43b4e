//! What invoices and credit notes share: Peppol UBL documents, directions,
//! statuses and list filters.
//!
//! LYNKS sends and receives e-invoices over Peppol as a certified access
//! point; invoicing is enabled per tenant and needs the `INVOICE_READ` /
//! `INVOICE_WRITE` permissions (UI guide `invoices`). The archived docs do
//! not say whether the API takes a JSON invoice model or the UBL document
//! itself, nor the status values (research notes 1(e), 1(f)). This crate
//! sends the Peppol BIS Billing 3.0 UBL 2.1 document as the payload, in a
//! JSON object (the REST conventions make every body JSON): the document is
//! what travels over Peppol, so no second invoice schema is invented. The
//! field name `document`, the paths and the response fields are inferred.

use std::fmt;

use banking_core::transport::Request;
use banking_core::{Error, Result};
use serde::Serialize;

use crate::validate;

banking_core::wire_enum! {
    /// Whether a document was sent or received (wire values inferred).
    DocumentDirection {
        /// Sent by this tenant.
        Outgoing = "OUTGOING",
        /// Received from another Peppol participant.
        Incoming = "INCOMING",
    }
}

banking_core::wire_enum! {
    /// Where a Peppol document is in its delivery. The docs list no
    /// values; these are inferred from the Peppol exchange (submitted,
    /// sent to the receiver's access point, delivered or failed; received).
    DocumentStatus {
        /// Accepted by LYNKS, not yet sent over Peppol.
        Processing = "PROCESSING",
        /// Sent to the receiver's access point.
        Sent = "SENT",
        /// Delivered to the receiver.
        Delivered = "DELIVERED",
        /// Could not be delivered.
        Failed = "FAILED",
        /// Received from another participant.
        Received = "RECEIVED",
    }
}

/// A UBL 2.1 document to send, as JSON `{"document": "<Invoice ...>"}`.
///
/// `Debug` shows only the size: invoices hold personal and business data.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub(crate) struct UblSubmission {
    document: String,
}

impl fmt::Debug for UblSubmission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UblSubmission")
            .field("document_bytes", &self.document.len())
            .finish()
    }
}

impl UblSubmission {
    pub(crate) fn new(document: String) -> Self {
        UblSubmission { document }
    }

    /// The document's root element must be `root` in the UBL namespace
    /// `namespace` (Peppol BIS Billing 3.0).
    pub(crate) fn check(&self, root: &str, namespace: &str) -> Result<()> {
        let root_tag = root_tag(&self.document).ok_or_else(|| {
            Error::validation("document", "is not an XML document with a root element")
        })?;
        let name = root_tag
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or_default();
        let local = name.rsplit(':').next().unwrap_or_default();
        if local != root {
            return Err(Error::validation(
                "document",
                format!("root element is <{name}>, expected a UBL <{root}>"),
            ));
        }
        if !root_tag.contains(namespace) {
            return Err(Error::validation(
                "document",
                format!("root element does not declare the UBL namespace {namespace}"),
            ));
        }
        Ok(())
    }
}

/// The root start tag (after `<`, up to `>`), past the BOM, the XML
/// declaration, processing instructions and comments. A DOCTYPE is not
/// skipped: Peppol documents have none, so it is reported as the root.
fn root_tag(xml: &str) -> Option<&str> {
    let mut rest = xml.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1.trim_start();
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    tag.split_once('>').map(|(start, _)| start)
}

/// One kind of Peppol document (invoices, credit notes): its paths, the
/// name of its batch and the UBL root element its documents must have.
/// Sending, reading and listing work the same for every kind.
pub(crate) struct DocumentKind {
    /// The collection, e.g. `/v2/invoices`.
    pub(crate) path: &'static str,
    /// One document, e.g. `/v2/invoices/{id}`.
    pub(crate) item_path: &'static str,
    /// The batch's name in validation errors, e.g. `invoices`.
    pub(crate) batch: &'static str,
    /// The UBL root element, e.g. `Invoice`.
    pub(crate) root: &'static str,
    /// The UBL namespace of `root`.
    pub(crate) namespace: &'static str,
}

impl DocumentKind {
    /// `POST {path}` with a batch of documents, each checked first.
    pub(crate) fn send<T: Serialize>(
        &self,
        documents: &[T],
        ubl: impl Fn(&T) -> &UblSubmission,
    ) -> Result<Request> {
        validate::batch(self.batch, documents, |d| {
            ubl(d).check(self.root, self.namespace)
        })?;
        Request::post(self.path).json(documents)
    }

    /// `GET {item_path}`.
    pub(crate) fn get(&self, id: impl fmt::Display) -> Request {
        Request::get(self.item_path).param("id", id)
    }

    /// `GET {path}` with `filter`.
    pub(crate) fn list(&self, filter: &DocumentFilter) -> Request {
        Request::get(self.path)
            .query_opt("direction", filter.direction.as_ref())
            .query_opt("status", filter.status.as_ref())
    }
}

/// Filters for invoice and credit note lists (parameter names inferred).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct DocumentFilter {
    direction: Option<DocumentDirection>,
    status: Option<DocumentStatus>,
}

impl DocumentFilter {
    /// No filter.
    pub fn new() -> Self {
        DocumentFilter::default()
    }

    /// Only sent, or only received, documents.
    pub fn direction(mut self, direction: DocumentDirection) -> Self {
        self.direction = Some(direction);
        self
    }

    /// Only documents in this state.
    pub fn status(mut self, status: DocumentStatus) -> Self {
        self.status = Some(status);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";

    fn check(xml: &str) -> Result<()> {
        UblSubmission::new(xml.to_owned()).check("Invoice", NS)
    }

    #[test]
    fn accepts_ubl_invoices() {
        check(&format!(r#"<Invoice xmlns="{NS}"><ID>1</ID></Invoice>"#)).unwrap();
        check(&format!(
            "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- exported -->\n<ubl:Invoice xmlns:ubl='{NS}'\n  xmlns:cbc=\"x\"></ubl:Invoice>"
        ))
        .unwrap();
    }

    #[test]
    fn refuses_other_documents() {
        for bad in [
            String::new(),
            "not xml".to_owned(),
            format!(r#"<CreditNote xmlns="{NS}"/>"#),
            r#"<Invoice xmlns="urn:other"></Invoice>"#.to_owned(),
            format!(r#"<!DOCTYPE x><Invoice xmlns="{NS}"/>"#),
            "<?xml version=\"1.0\"".to_owned(),
        ] {
            let err = check(&bad).unwrap_err();
            assert!(err.is_validation(), "{bad:?}");
        }
    }

    #[test]
    fn debug_hides_the_document() {
        let s = UblSubmission::new("<Invoice>ACME confidential</Invoice>".into());
        assert_eq!(format!("{s:?}"), "UblSubmission { document_bytes: 36 }");
    }
}
