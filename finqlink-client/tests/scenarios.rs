//! The simulator's scenario helper: a FinqLink error on the next call.

use banking_core::testkit::SimulatedError;
use finqlink_client::providers::ProvidersListRequest;
use finqlink_client::testkit::FinqLinkSimulator;
use finqlink_client::{FinqLinkErrorCode, FinqLinkErrorExt};

#[tokio::test]
async fn fail_next_call_answers_one_call_with_the_finqlink_error() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    sim.fail_next_call(SimulatedError::new(
        400,
        "consent_not_active",
        "Consent is not usable",
    ));
    let err = client
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.finqlink_code(),
        Some(FinqLinkErrorCode::ConsentNotActive)
    );
    assert!(
        client
            .providers()
            .list(&ProvidersListRequest::new())
            .await
            .is_ok()
    );
}
