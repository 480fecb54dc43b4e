//! Bad input is refused before anything is sent.

use banking_core::money::{Currency, Decimal};
use banking_core::transport::CallOptions;
use chrono::NaiveDate;
use lynks_client::accounts::NewAccount;
use lynks_client::counterparties::{CounterpartyFilter, NewCounterparty};
use lynks_client::credit_notes::NewCreditNote;
use lynks_client::invoices::NewInvoice;
use lynks_client::transactions::TransactionQuery;
use lynks_client::{AccountId, CounterpartyId, CreditTransferId};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{builder, fixture, transfer};

/// A server that fails the test if it receives anything at all (token
/// requests included).
async fn silent_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    server
}

fn field_of(err: &banking_core::Error) -> &str {
    match err {
        banking_core::Error::Validation(v) => &v.field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn counterparties() {
    let server = silent_server().await;
    let client = builder(&server).build().unwrap();
    let c = client.counterparties();
    let cases: Vec<(Vec<NewCounterparty>, &str)> = vec![
        (vec![], "counterparties"),
        (
            vec![NewCounterparty::new(" ", "LU280019400644750000")],
            "[0].name",
        ),
        (
            vec![NewCounterparty::new(
                "A".repeat(141),
                "LU280019400644750000",
            )],
            "[0].name",
        ),
        (
            vec![
                NewCounterparty::new("Ok", "LU280019400644750000"),
                NewCounterparty::new("Bad checksum", "LU280019400644750001"),
            ],
            "[1].iban",
        ),
        (
            vec![NewCounterparty::new("Acme", "LU280019400644750000").bic("BCEE")],
            "[0].bic",
        ),
        (
            vec![NewCounterparty::new("Acme", "LU280019400644750000").country("Lux")],
            "[0].country",
        ),
        (
            vec![NewCounterparty::new("Acme", "LU280019400644750000").address_line("x".repeat(71))],
            "[0].addressLines",
        ),
    ];
    for (batch, field) in cases {
        let err = c.create(&batch).await.unwrap_err();
        assert_eq!(field_of(&err), field, "{err}");
    }
    let err = c
        .list(&CounterpartyFilter::new().iban("LU00 1234"))
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "iban");
    let err = c.get(&CounterpartyId::new("..")).await.unwrap_err();
    assert!(err.is_validation());
}

#[tokio::test]
async fn accounts() {
    let server = silent_server().await;
    let client = builder(&server).build().unwrap();
    let err = client
        .accounts()
        .create(&[NewAccount::new(
            "Ops",
            "GB29NWBK60161331926818",
            Currency::GBP,
        )])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "[0].iban");
    let err = client
        .accounts()
        .create(&[NewAccount::new("Ops", "GB29NWBK60161331926819", Currency::GBP).holder_name("")])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "[0].holderName");
    let err = client
        .accounts()
        .get(&AccountId::new(""))
        .await
        .unwrap_err();
    assert!(err.is_validation());
}

#[tokio::test]
async fn credit_transfers() {
    let server = silent_server().await;
    let client = builder(&server).build().unwrap();
    let t = client.credit_transfers();
    let cases = [
        (transfer(Decimal::ZERO, Currency::EUR), "[0].amount"),
        (transfer(Decimal::new(-100, 2), Currency::EUR), "[0].amount"),
        (
            transfer(Decimal::new(10_001, 3), Currency::EUR),
            "[0].amount",
        ),
        (transfer(Decimal::new(15, 1), Currency::JPY), "[0].amount"),
        (
            transfer(Decimal::new(100, 2), Currency::EUR).remittance_information("r".repeat(141)),
            "[0].remittanceInformation",
        ),
        (
            transfer(Decimal::new(100, 2), Currency::EUR).end_to_end_id("e".repeat(36)),
            "[0].endToEndId",
        ),
        (
            transfer(Decimal::new(100, 2), Currency::EUR)
                .requested_execution_date(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
            "[0].requestedExecutionDate",
        ),
    ];
    for (bad, field) in cases {
        let err = t.create(&[bad]).await.unwrap_err();
        assert_eq!(field_of(&err), field, "{err}");
    }
    let err = t.create(&[]).await.unwrap_err();
    assert_eq!(field_of(&err), "creditTransfers");
    let err = t.get(&CreditTransferId::new(".")).await.unwrap_err();
    assert!(err.is_validation());
}

#[tokio::test]
async fn an_idempotency_key_is_refused_because_lynks_documents_none() {
    let server = silent_server().await;
    let client = builder(&server).build().unwrap();
    let err = client
        .credit_transfers()
        .with_options(CallOptions::new().idempotency_key("pay-2025-0042"))
        .create(&[transfer(Decimal::new(100, 2), Currency::EUR)])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "idempotency_key");
}

#[tokio::test]
async fn transactions_date_range() {
    let server = silent_server().await;
    let client = builder(&server).build().unwrap();
    let query = TransactionQuery::new(AccountId::new("a"))
        .from_date(NaiveDate::from_ymd_opt(2025, 3, 4).unwrap())
        .to_date(NaiveDate::from_ymd_opt(2025, 3, 3).unwrap());
    let err = client.transactions().list(&query).await.unwrap_err();
    assert_eq!(field_of(&err), "fromDate");
}

#[tokio::test]
async fn peppol_documents() {
    let server = silent_server().await;
    let client = builder(&server).build().unwrap();
    // A credit note is not an invoice, and the other way round.
    let err = client
        .invoices()
        .send(&[NewInvoice::from_ubl(fixture("built_ubl_credit_note.xml"))])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "[0].document");
    let err = client
        .credit_notes()
        .send(&[
            NewCreditNote::from_ubl(fixture("built_ubl_credit_note.xml")),
            NewCreditNote::from_ubl(fixture("built_ubl_invoice.xml")),
        ])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "[1].document");
    let err = client
        .invoices()
        .send(&[NewInvoice::from_ubl("{\"invoice\": 1}")])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "[0].document");
    let err = client.invoices().send(&[]).await.unwrap_err();
    assert_eq!(field_of(&err), "invoices");
}
