//! The Pay simulator keeps what the client creates (sessions, payment
//! requests, EFT schedules) and serves it back with its state, over the
//! docs' samples (GEFT session, payment request, EFT schedule fixtures).

use banking_core::money::Currency;
use chrono::{Days, Utc};
use flinks_client::pay::testkit::PaySimulator;
use flinks_client::pay::{
    AccountInfo, ContactInfo, CreateSession, EftParty, EftTransaction, PayErrorExt,
    PaymentDirection, PaymentRequestId, PaymentRequestStatus, ScheduleId, ScheduleInfo, SessionId,
    SessionStatus,
};
use rust_decimal::Decimal;

const SAMPLE_SESSION: &str = "850750a4-3021-4061-ac03-a8d873aa4179";
const SAMPLE_REQUEST: &str = "4b1f8c2e-6a3d-4e59-9b7a-2f0c1d3e5a77";

fn geft(amount: &str) -> CreateSession {
    CreateSession::geft(PaymentDirection::Debit)
        .reference_id("INV-77")
        .amount(amount.parse().unwrap(), Currency::CAD)
}

#[tokio::test]
async fn a_created_session_is_read_back_with_what_was_sent() {
    let sim = PaySimulator::start().await;
    let pay = sim.client().unwrap();
    let created = pay.sessions().create(&geft("12.50")).await.unwrap();
    assert_ne!(created.session_id.to_string(), SAMPLE_SESSION);
    assert_eq!(created.reference_id.as_deref(), Some("INV-77"));
    for read in [
        pay.sessions().status(&created.session_id).await.unwrap(),
        pay.sessions().details(&created.session_id).await.unwrap(),
    ] {
        assert_eq!(read.session_id, Some(created.session_id));
        assert_eq!(read.reference_id.as_deref(), Some("INV-77"));
        assert_eq!(read.amount.unwrap().to_string(), "12.50");
        assert_eq!(read.status, Some(SessionStatus::Completed));
        assert_eq!(read.status_details.as_deref(), Some("EFT0301"));
    }
    let other = pay.sessions().create(&geft("3")).await.unwrap();
    assert_ne!(other.session_id, created.session_id);
    let sample: SessionId = SAMPLE_SESSION.parse().unwrap();
    let read = pay.sessions().status(&sample).await.unwrap();
    assert_eq!(read.amount.unwrap().to_string(), "500.00");
    let unknown: SessionId = "00000000-0000-0000-0000-000000000009".parse().unwrap();
    let err = pay.sessions().status(&unknown).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.problem_details().unwrap().status, Some(404));
}

#[tokio::test]
async fn answer_pending_holds_new_sessions_in_progress_for_that_many_reads() {
    let sim = PaySimulator::start().await;
    let pay = sim.client().unwrap();
    sim.answer_pending(3);
    let id = pay
        .sessions()
        .create(&geft("1.00"))
        .await
        .unwrap()
        .session_id;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(pay.sessions().status(&id).await.unwrap().status.unwrap());
    }
    assert_eq!(
        statuses,
        [
            SessionStatus::InProgress,
            SessionStatus::InProgress,
            SessionStatus::InProgress,
            SessionStatus::Completed
        ]
    );
    // Sessions created before the call are not held.
    sim.answer_pending(0);
    let now = pay
        .sessions()
        .create(&geft("1.00"))
        .await
        .unwrap()
        .session_id;
    let read = pay.sessions().status(&now).await.unwrap();
    assert_eq!(read.status, Some(SessionStatus::Completed));
}

#[tokio::test]
async fn a_session_in_progress_cancels_and_a_terminal_one_refuses() {
    let sim = PaySimulator::start().await;
    let pay = sim.client().unwrap();
    sim.answer_pending(5);
    let id = pay
        .sessions()
        .create(&geft("9.99"))
        .await
        .unwrap()
        .session_id;
    let canceled = pay.sessions().cancel(&id).await.unwrap();
    assert_eq!(canceled.status, Some(SessionStatus::Canceled));
    assert_eq!(canceled.status_details.as_deref(), Some("EFT0501"));
    assert_eq!(canceled.reference_id.as_deref(), Some("INV-77"));
    let read = pay.sessions().status(&id).await.unwrap();
    assert_eq!(read.status, Some(SessionStatus::Canceled));
    assert_eq!(read.amount.unwrap().to_string(), "9.99");
    let again = pay.sessions().cancel(&id).await.unwrap_err();
    assert_eq!(again.status(), Some(400));
    let sample: SessionId = SAMPLE_SESSION.parse().unwrap();
    let completed = pay.sessions().cancel(&sample).await.unwrap_err();
    assert_eq!(
        completed.problem_details().unwrap().detail.as_deref(),
        Some("The session is Completed")
    );
    pay.sessions().confirm_guarantee(&sample).await.unwrap();
}

#[tokio::test]
async fn a_linked_payment_request_is_read_and_cancelled_once() {
    let sim = PaySimulator::start().await;
    let pay = sim.client().unwrap();
    let session = pay
        .sessions()
        .create(&geft("20.00"))
        .await
        .unwrap()
        .session_id;
    let id: PaymentRequestId = "11111111-2222-4333-8444-555555555555".parse().unwrap();
    let linked = pay.payment_requests().link(&session, &id).await.unwrap();
    assert_eq!(linked.status, Some(PaymentRequestStatus::Initiated));
    let read = pay.payment_requests().get(&id).await.unwrap();
    assert_eq!(read.request_id, Some(id));
    assert_eq!(read.reference_id.as_deref(), Some("INV-77"));
    assert!(
        read.payment_link
            .as_deref()
            .unwrap()
            .ends_with(&format!("/app/?sessionId={session}")),
        "{read:?}"
    );
    pay.payment_requests().cancel(&id).await.unwrap();
    let read = pay.payment_requests().get(&id).await.unwrap();
    assert_eq!(read.status, Some(PaymentRequestStatus::Cancelled));
    let again = pay.payment_requests().cancel(&id).await.unwrap_err();
    assert_eq!(again.status(), Some(400));

    let sample: PaymentRequestId = SAMPLE_REQUEST.parse().unwrap();
    let read = pay.payment_requests().get(&sample).await.unwrap();
    assert_eq!(read.status, Some(PaymentRequestStatus::Processing));
    let unknown: PaymentRequestId = "00000000-0000-0000-0000-000000000009".parse().unwrap();
    assert_eq!(
        pay.payment_requests()
            .get(&unknown)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
}

#[tokio::test]
async fn a_created_eft_schedule_carries_what_was_sent_and_can_be_cancelled() {
    let sim = PaySimulator::start().await;
    let pay = sim.client().unwrap();
    let start = Utc::now().date_naive() + Days::new(30);
    let transaction = EftTransaction::debit(
        "75.10".parse::<Decimal>().unwrap(),
        Currency::CAD,
        EftParty::new(
            AccountInfo::new("001", "12345", "1234567"),
            ContactInfo::new("Jane", "Doe"),
        ),
        ScheduleInfo::one_time(start),
    )
    .cross_reference_number("INV-2002");
    let created = pay.transactions().create(&transaction).await.unwrap();
    let schedule = &created.schedules[0];
    assert_eq!(schedule.amount.unwrap().to_string(), "75.10");
    assert_eq!(schedule.cross_reference_number.as_deref(), Some("INV-2002"));
    assert_eq!(schedule.payment_direction, Some(PaymentDirection::Debit));
    let id = schedule.id.unwrap();
    let as_array = pay
        .transactions()
        .create_as_array(&transaction)
        .await
        .unwrap();
    assert_ne!(as_array.schedules[0].id, Some(id));
    pay.schedules().cancel(&id).await.unwrap();
    let unknown: ScheduleId = "00000000-0000-0000-0000-000000000009".parse().unwrap();
    assert_eq!(
        pay.schedules().cancel(&unknown).await.unwrap_err().status(),
        Some(404)
    );
}
