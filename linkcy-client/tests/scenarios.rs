//! The simulator's scenario helpers: a Linkcy error on the next call and
//! SCA on demand.

use std::str::FromStr;

use banking_core::testkit::SimulatedError;
use linkcy_client::testkit::LinkcySimulator;
use linkcy_client::{
    BeneficiaryTransferRequest, LinkcyErrorCode, LinkcyErrorExt, ScaOptions, ScaOutcome,
    ScaStrategy, TransactionFilter,
};
use rust_decimal::Decimal;
use uuid::Uuid;

fn transfer() -> BeneficiaryTransferRequest {
    BeneficiaryTransferRequest::new(
        Decimal::from_str("99.90").unwrap(),
        Uuid::parse_str("410e5c37-9603-4e5b-81b1-7cb895f362e8")
            .unwrap()
            .into(),
        Uuid::parse_str("b595c981-8a0f-4604-a66c-209d65193394")
            .unwrap()
            .into(),
    )
}

#[tokio::test]
async fn fail_next_call_answers_one_call_with_the_linkcy_error() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    simulator.fail_next_call(SimulatedError::new(
        404,
        "CONSUMER_NOT_FOUND",
        "Consumer with id 1 was not found.",
    ));
    let err = client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.error_code(), Some(LinkcyErrorCode::ConsumerNotFound));
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("Consumer with id 1 was not found.")
    );
    // The login before the call was not the one failed, and the next call
    // is served as usual.
    assert_eq!(simulator.login_count(), 1);
    let page = client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    assert_eq!(page.total_elements, 5);
}

#[tokio::test]
async fn require_sca_sends_a_by_pass_transfer_down_the_pending_path() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let by_pass = ScaOptions::new().strategy(ScaStrategy::ByPass);
    let done = client
        .transactions()
        .create(&transfer(), &by_pass)
        .await
        .unwrap();
    assert!(matches!(done, ScaOutcome::Done(_)));

    simulator.require_sca();
    let ScaOutcome::Pending(pending) = client
        .transactions()
        .create(&transfer(), &by_pass)
        .await
        .unwrap()
    else {
        panic!("SCA was required")
    };
    let sca_id = pending.challenge().sca_id.clone();
    assert!(simulator.approve(&sca_id));
    let created = pending.complete().await.unwrap();
    assert!(matches!(created, ScaOutcome::Done(_)));

    // Required once: the next BY_PASS call skips SCA again.
    let done = client
        .transactions()
        .create(&transfer(), &by_pass)
        .await
        .unwrap();
    assert!(matches!(done, ScaOutcome::Done(_)));
}

#[tokio::test]
async fn answer_pending_keeps_the_interaction_pending_for_that_many_replays() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    simulator.answer_pending(2);
    let ScaOutcome::Pending(pending) = client
        .transactions()
        .create(&transfer(), &ScaOptions::new())
        .await
        .unwrap()
    else {
        panic!("SCA is needed")
    };
    for _ in 0..2 {
        let err = pending.complete().await.unwrap_err();
        assert_eq!(err.status(), Some(409));
        assert_eq!(
            err.error_code(),
            Some(LinkcyErrorCode::ScaInteractionNotCompleted)
        );
    }
    // The simulated user approved on their own: no `approve` call.
    let created = pending.complete().await.unwrap().done().unwrap();
    let listed = client
        .transactions()
        .list(&TransactionFilter::new())
        .await
        .unwrap();
    let kept = listed.content.iter().find(|t| t.id == created.id).unwrap();
    assert_eq!(kept.amount.to_string(), "99.90");
    // Only the next interaction: the one after waits for `approve` again.
    let ScaOutcome::Pending(next) = client
        .transactions()
        .create(&transfer(), &ScaOptions::new())
        .await
        .unwrap()
    else {
        panic!("SCA is needed")
    };
    for _ in 0..3 {
        assert!(next.complete().await.is_err());
    }
    assert!(simulator.approve(&next.challenge().sca_id));
    assert!(next.complete().await.unwrap().is_done());
}
