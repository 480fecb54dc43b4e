//! The testkit simulator: flows an integrator's tests rely on.

use banking_core::money::{Currency, Decimal};
use lynks_client::counterparties::{CounterpartyStatus, NewCounterparty};
use lynks_client::credit_transfers::{CreditTransferStatus, NewCreditTransfer};
use lynks_client::invoices::NewInvoice;
use lynks_client::testkit::LynksSimulator;
use lynks_client::transactions::TransactionQuery;
use lynks_client::{
    AccountId, CounterpartyId, CreditTransferId, LynksClient, LynksErrorCode, LynksErrorExt,
    PaymentCategoryId,
};
use secrecy::SecretString;

use crate::common::fixture;

#[tokio::test]
async fn create_then_follow_a_payment_through_its_statuses() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let account = client.accounts().list().await.unwrap()[0].id.clone();
    let ids = client
        .counterparties()
        .create(&[
            NewCounterparty::new("Acme Supplies S.A.", "LU280019400644750000"),
            NewCounterparty::new("Müller Logistik GmbH", "DE89370400440532013000"),
        ])
        .await
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    let counterparty = client.counterparties().get(&ids[1]).await.unwrap();
    assert_eq!(counterparty.id, ids[1]);
    assert_eq!(counterparty.status, Some(CounterpartyStatus::Pending));
    sim.set_counterparty_status(&ids[1], CounterpartyStatus::Approved);
    let counterparty = client.counterparties().get(&ids[1]).await.unwrap();
    assert_eq!(counterparty.status, Some(CounterpartyStatus::Approved));

    let transfer = NewCreditTransfer::new(
        account,
        ids[1].clone(),
        Decimal::new(1_250_000, 2),
        Currency::EUR,
        PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"),
    );
    let id = client.credit_transfers().create(&[transfer]).await.unwrap()[0].clone();
    for status in [
        CreditTransferStatus::WaitingForSignatures,
        CreditTransferStatus::PendingDeliveryToBank,
        CreditTransferStatus::PendingExecutionByBank,
        CreditTransferStatus::Executed,
    ] {
        if status != CreditTransferStatus::WaitingForSignatures {
            sim.set_credit_transfer_status(&id, status.clone());
        }
        let t = client.credit_transfers().get(&id).await.unwrap();
        assert_eq!(t.id, id);
        assert_eq!(t.status, Some(status));
        assert_eq!(t.amount.unwrap().to_string(), "12500.00");
    }
}

#[tokio::test]
async fn statements_and_invoices_are_served() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let account = AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b");
    assert_eq!(client.balances().list(&account).await.unwrap().len(), 4);
    let entries = client
        .transactions()
        .list(&TransactionQuery::new(account))
        .await
        .unwrap();
    assert_eq!(entries[0].exchange_rate.unwrap().to_string(), "0.92345");
    let ids = client
        .invoices()
        .send(&[NewInvoice::from_ubl(fixture("built_ubl_invoice.xml"))])
        .await
        .unwrap();
    let invoice = client.invoices().get(&ids[0]).await.unwrap();
    assert_eq!(invoice.id, ids[0]);
    assert_eq!(invoice.invoice_number.as_deref(), Some("INV-2025-0042"));
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let err = client
        .credit_transfers()
        .get(&CreditTransferId::new("no-such-transfer"))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    let err = client
        .balances()
        .list(&AccountId::new("no-such-account"))
        .await
        .unwrap_err();
    assert_eq!(err.lynks_error_code(), Some(LynksErrorCode::NotFound));
    // An id created as a counterparty is not a credit transfer.
    let ids = client
        .counterparties()
        .create(&[NewCounterparty::new("Acme", "LU280019400644750000")])
        .await
        .unwrap();
    let err = client
        .credit_transfers()
        .get(&CreditTransferId::new(ids[0].as_str()))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    let _ = CounterpartyId::new(ids[0].as_str());
}

#[tokio::test]
async fn expired_tokens_are_refreshed_and_wrong_passwords_refused() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    client.payment_categories().list().await.unwrap();
    sim.expire_access_tokens();
    client.payment_categories().list().await.unwrap();
    sim.expire_access_tokens();
    client.payment_categories().list().await.unwrap();
    assert_eq!((sim.password_grants(), sim.refresh_grants()), (1, 2));

    let wrong: LynksClient = sim
        .client_builder()
        .credentials(lynks_client::LynksCredentials::new(
            lynks_client::testkit::CLIENT_ID,
            lynks_client::testkit::USERNAME,
            SecretString::from("wrong"),
        ))
        .build()
        .unwrap();
    let err = wrong.payment_categories().list().await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.provider_code(), Some("invalid_grant"));
    assert_eq!(sim.password_grants(), 1);
}

#[tokio::test]
async fn unmodelled_requests_are_named() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let err = client
        .raw()
        .send(banking_core::transport::Request::get("/v3/whatever"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(599));
    assert!(
        err.api_error()
            .unwrap()
            .body_excerpt()
            .contains("GET /v3/whatever")
    );
}

#[tokio::test]
async fn direct_debits_and_groups_are_served() {
    use lynks_client::direct_debits::{DirectDebitStatus, NewDirectDebit};

    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let accounts = client.account_groups().list().await.unwrap();
    let group = client.account_groups().get(&accounts[0].id).await.unwrap();
    let account = group.account_ids[0].clone();
    let counterparties = client.counterparty_groups().list().await.unwrap();
    let debtor = client
        .counterparty_groups()
        .get(&counterparties[0].id)
        .await
        .unwrap()
        .counterparty_ids[0]
        .clone();
    let unknown = lynks_client::AccountGroupId::new("no-such-group");
    let missing = client.account_groups().get(&unknown).await.unwrap_err();
    assert!(missing.is_not_found());

    let debit = NewDirectDebit::new(
        account,
        debtor,
        Decimal::new(4_990, 2),
        Currency::EUR,
        PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"),
        "MANDATE-2024-0117",
        chrono::NaiveDate::from_ymd_opt(2024, 1, 17).unwrap(),
    );
    let ids = client.direct_debits().create(&[debit]).await.unwrap();
    let created = client.direct_debits().get(&ids[0]).await.unwrap();
    assert_eq!(created.id, ids[0]);
    assert_eq!(
        created.status,
        Some(DirectDebitStatus::WaitingForSignatures)
    );
    sim.set_direct_debit_status(&ids[0], DirectDebitStatus::Completed);
    let collected = client.direct_debits().get(&ids[0]).await.unwrap();
    assert_eq!(collected.status, Some(DirectDebitStatus::Completed));
    assert_eq!(collected.amount.unwrap().to_string(), "49.90");
    let all = client
        .direct_debits()
        .list(&Default::default())
        .await
        .unwrap();
    // The fixture's three debits, then the created one in its current state.
    assert_eq!(all.len(), 4);
    let listed = all.iter().find(|d| d.id == ids[0]).unwrap();
    assert_eq!(listed.status, Some(DirectDebitStatus::Completed));
}

#[tokio::test]
async fn a_status_filter_is_honoured_and_a_created_transfer_is_listed_in_its_state() {
    use banking_core::money::Money;
    use lynks_client::credit_transfers::CreditTransferFilter;

    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let waiting = CreditTransferFilter::new().status(CreditTransferStatus::WaitingForSignatures);
    let before = client.credit_transfers().list(&waiting).await.unwrap();
    assert_eq!(before.len(), 1, "the fixture holds one waiting transfer");
    let executed = CreditTransferFilter::new().status(CreditTransferStatus::Executed);
    let fixture_executed = client.credit_transfers().list(&executed).await.unwrap();
    assert_eq!(fixture_executed.len(), 1);
    assert_eq!(
        fixture_executed[0].status,
        Some(CreditTransferStatus::Executed)
    );

    let account = client.accounts().list().await.unwrap()[0].id.clone();
    let counterparty = client
        .counterparties()
        .list(&Default::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    let category = client.payment_categories().list().await.unwrap()[0]
        .id
        .clone();
    let transfer = NewCreditTransfer::new(
        account,
        counterparty,
        Decimal::new(420_010, 2),
        Currency::EUR,
        category,
    )
    .end_to_end_id("E2E-TESTKIT-1");
    let id = client.credit_transfers().create(&[transfer]).await.unwrap()[0].clone();

    let waiting_now = client.credit_transfers().list(&waiting).await.unwrap();
    assert_eq!(waiting_now.len(), 2);
    let created = waiting_now.iter().find(|t| t.id == id).expect("listed");
    // What was submitted, exactly: 4200.10 EUR, scale kept.
    assert_eq!(
        created.money(),
        Some(Money::new(Decimal::new(420_010, 2), Currency::EUR))
    );
    let by_end_to_end = CreditTransferFilter::new().end_to_end_id("E2E-TESTKIT-1");
    let found = client
        .credit_transfers()
        .list(&by_end_to_end)
        .await
        .unwrap();
    assert_eq!(found.iter().map(|t| &t.id).collect::<Vec<_>>(), [&id]);

    sim.set_credit_transfer_status(&id, CreditTransferStatus::Executed);
    assert_eq!(
        client
            .credit_transfers()
            .list(&waiting)
            .await
            .unwrap()
            .len(),
        1
    );
    let executed_now = client.credit_transfers().list(&executed).await.unwrap();
    assert!(executed_now.iter().any(|t| t.id == id));
    let fetched = client.credit_transfers().get(&id).await.unwrap();
    assert_eq!(fetched.status, Some(CreditTransferStatus::Executed));
    assert_eq!(fetched.end_to_end_id.as_deref(), Some("E2E-TESTKIT-1"));
}

#[tokio::test]
async fn statement_dates_bound_the_transactions() {
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let account = client.accounts().list().await.unwrap()[0].id.clone();
    let all = client
        .transactions()
        .list(&TransactionQuery::new(account.clone()))
        .await
        .unwrap();
    let far_future = chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
    let none = client
        .transactions()
        .list(&TransactionQuery::new(account).from_date(far_future))
        .await
        .unwrap();
    assert!(!all.is_empty());
    assert!(none.is_empty(), "{none:?}");
}

#[tokio::test]
async fn fail_next_call_plays_a_lynks_error_once() {
    use banking_core::testkit::SimulatedError;

    let sim = LynksSimulator::start().await;
    let client = sim.client();
    sim.fail_next_call(SimulatedError::new(
        503,
        "SERVICE_UNAVAILABLE",
        "Maintenance window",
    ));
    let err = client.payment_categories().list().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.lynks_error_code(),
        Some(LynksErrorCode::ServiceUnavailable)
    );
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("Maintenance window")
    );
    assert!(client.payment_categories().list().await.is_ok());
}

#[tokio::test]
async fn answer_pending_has_the_signatories_sign_after_that_many_reads() {
    use lynks_client::credit_transfers::CreditTransferFilter;
    use lynks_client::direct_debits::{DirectDebitStatus, NewDirectDebit};

    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let account = client.accounts().list().await.unwrap()[0].id.clone();
    let counterparty = lynks_client::CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11");
    let category = || PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b");
    let transfer = || {
        NewCreditTransfer::new(
            account.clone(),
            counterparty.clone(),
            Decimal::new(990, 2),
            Currency::EUR,
            category(),
        )
    };
    // Before the call, created transfers wait for signatures until moved.
    let before = client
        .credit_transfers()
        .create(&[transfer()])
        .await
        .unwrap()[0]
        .clone();
    sim.answer_pending(1);
    let after = client
        .credit_transfers()
        .create(&[transfer()])
        .await
        .unwrap()[0]
        .clone();
    let status = |id| {
        let client = client.clone();
        async move {
            client
                .credit_transfers()
                .get(&id)
                .await
                .unwrap()
                .status
                .unwrap()
        }
    };
    assert_eq!(
        status(after.clone()).await,
        CreditTransferStatus::WaitingForSignatures
    );
    assert_eq!(
        status(after.clone()).await,
        CreditTransferStatus::PendingDeliveryToBank
    );
    for _ in 0..3 {
        assert_eq!(
            status(before.clone()).await,
            CreditTransferStatus::WaitingForSignatures
        );
    }
    // The list shows the signed transfer in its new state.
    let signed = client
        .credit_transfers()
        .list(&CreditTransferFilter::new().status(CreditTransferStatus::PendingDeliveryToBank))
        .await
        .unwrap();
    let ids: Vec<_> = signed.into_iter().map(|t| t.id).collect();
    assert_eq!(ids, [after]);

    // Direct debits too, and `answer_pending(0)` signs at the first read.
    sim.answer_pending(0);
    let debit = NewDirectDebit::new(
        account,
        counterparty,
        Decimal::new(4_990, 2),
        Currency::EUR,
        category(),
        "MANDATE-2024-0117",
        chrono::NaiveDate::from_ymd_opt(2024, 1, 17).unwrap(),
    );
    let id = client
        .direct_debits()
        .create(&[debit])
        .await
        .unwrap()
        .remove(0);
    let read = client.direct_debits().get(&id).await.unwrap();
    assert_eq!(read.status, Some(DirectDebitStatus::PendingDeliveryToBank));
}
