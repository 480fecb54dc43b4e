//! Invoices over Peppol: send, get, list.

use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use lynks_client::InvoiceId;
use lynks_client::invoices::NewInvoice;
use lynks_client::peppol::{DocumentDirection, DocumentFilter, DocumentStatus};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path, query_param};

use crate::common::{bearer, fixture, respond, setup};

#[tokio::test]
async fn send_posts_the_ubl_document() {
    let (server, client) = setup().await;
    let ubl = fixture("built_ubl_invoice.xml");
    Mock::given(method("POST"))
        .and(path("/v2/invoices"))
        .and(bearer())
        .and(header("content-type", "application/json"))
        .and(body_json(serde_json::json!([{ "document": ubl }])))
        .respond_with(respond(201, "schema_built_invoices_send_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client
        .invoices()
        .send(&[NewInvoice::from_ubl(ubl.clone())])
        .await
        .unwrap();
    assert_eq!(
        ids,
        [InvoiceId::new("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")]
    );
}

#[tokio::test]
async fn get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/invoices/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"))
        .and(bearer())
        .respond_with(respond(200, "inferred_invoice_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = InvoiceId::new("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    let invoice = client.invoices().get(&id).await.unwrap();
    assert_eq!(invoice.id, id);
    assert_eq!(invoice.invoice_number.as_deref(), Some("INV-2025-0042"));
    assert_eq!(invoice.direction, Some(DocumentDirection::Outgoing));
    assert_eq!(invoice.status, Some(DocumentStatus::Delivered));
    assert_eq!(invoice.issue_date, NaiveDate::from_ymd_opt(2025, 3, 3));
    assert_eq!(invoice.due_date, NaiveDate::from_ymd_opt(2025, 4, 2));
    assert_eq!(invoice.total_amount.unwrap().to_string(), "14625.00");
    assert_eq!(
        invoice.total(),
        Some(Money::new(Decimal::new(1_462_500, 2), Currency::EUR))
    );
    assert_eq!(
        invoice.sender_name.as_deref(),
        Some("Finsolutions S.à r.l.")
    );
    assert_eq!(invoice.sender_peppol_id.as_deref(), Some("9938:LU12345678"));
    assert_eq!(
        invoice.receiver_name.as_deref(),
        Some("Ville de Luxembourg")
    );
    assert_eq!(
        invoice.receiver_peppol_id.as_deref(),
        Some("9938:LU87654321")
    );
}

#[tokio::test]
async fn list_received() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/invoices"))
        .and(bearer())
        .and(query_param("direction", "INCOMING"))
        .and(query_param("status", "RECEIVED"))
        .respond_with(respond(200, "inferred_invoices_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = DocumentFilter::new()
        .direction(DocumentDirection::Incoming)
        .status(DocumentStatus::Received);
    let invoices = client.invoices().list(&filter).await.unwrap();
    assert_eq!(invoices.len(), 1);
    let i = &invoices[0];
    assert_eq!(i.id.as_str(), "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e");
    assert_eq!(i.invoice_number.as_deref(), Some("S-88-2025-311"));
    assert_eq!(i.direction, Some(DocumentDirection::Incoming));
    assert_eq!(i.status, Some(DocumentStatus::Received));
    assert_eq!(i.total_amount.unwrap().to_string(), "3180.40");
    assert_eq!(i.sender_peppol_id.as_deref(), Some("9938:LU24681357"));
}
