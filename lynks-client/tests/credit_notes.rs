//! Credit notes over Peppol: send, get, list.

use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use lynks_client::CreditNoteId;
use lynks_client::credit_notes::NewCreditNote;
use lynks_client::peppol::{DocumentDirection, DocumentFilter, DocumentStatus};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path, query_param};

use crate::common::{bearer, fixture, respond, setup};

#[tokio::test]
async fn send_posts_the_ubl_document() {
    let (server, client) = setup().await;
    let ubl = fixture("built_ubl_credit_note.xml");
    Mock::given(method("POST"))
        .and(path("/v2/credit-notes"))
        .and(bearer())
        .and(header("content-type", "application/json"))
        .and(body_json(serde_json::json!([{ "document": ubl }])))
        .respond_with(respond(201, "schema_built_credit_notes_send_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client
        .credit_notes()
        .send(&[NewCreditNote::from_ubl(ubl.clone())])
        .await
        .unwrap();
    assert_eq!(
        ids,
        [CreditNoteId::new("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f")]
    );
}

#[tokio::test]
async fn get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(
            "/v2/credit-notes/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        ))
        .and(bearer())
        .respond_with(respond(200, "inferred_credit_note_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = CreditNoteId::new("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
    let note = client.credit_notes().get(&id).await.unwrap();
    assert_eq!(note.id, id);
    assert_eq!(note.credit_note_number.as_deref(), Some("CN-2025-0007"));
    assert_eq!(note.invoice_reference.as_deref(), Some("INV-2025-0042"));
    assert_eq!(note.direction, Some(DocumentDirection::Outgoing));
    assert_eq!(note.status, Some(DocumentStatus::Sent));
    assert_eq!(note.issue_date, NaiveDate::from_ymd_opt(2025, 3, 10));
    assert_eq!(note.total_amount.unwrap().to_string(), "1462.50");
    assert_eq!(
        note.total(),
        Some(Money::new(Decimal::new(146_250, 2), Currency::EUR))
    );
    assert_eq!(note.sender_name.as_deref(), Some("Finsolutions S.à r.l."));
    assert_eq!(note.receiver_peppol_id.as_deref(), Some("9938:LU87654321"));
}

#[tokio::test]
async fn list_sent() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/credit-notes"))
        .and(bearer())
        .and(query_param("direction", "OUTGOING"))
        .respond_with(respond(200, "inferred_credit_notes_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let notes = client
        .credit_notes()
        .list(&DocumentFilter::new().direction(DocumentDirection::Outgoing))
        .await
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].id.as_str(), "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
    assert_eq!(notes[0].status, Some(DocumentStatus::Sent));
    assert_eq!(notes[0].currency, Some(Currency::EUR));
}
