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

#[tokio::test]
async fn answer_pending_holds_consents_and_jobs_for_that_many_polls() {
    use finqlink_client::consents::{ConsentCreateRequest, ConsentRequest, ConsentStatus};
    use finqlink_client::jobs::{JobCreateRequest, JobGetRequest, JobStatus};

    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let id = client
        .consents()
        .create(&ConsentCreateRequest::new())
        .await
        .unwrap()
        .id
        .unwrap();
    let get = ConsentRequest::new(id);
    sim.answer_pending(3);
    let mut seen = Vec::new();
    loop {
        let status = client.consents().get(&get).await.unwrap().status.unwrap();
        seen.push(status.clone());
        if status.is_usable() {
            break;
        }
    }
    use ConsentStatus::*;
    assert_eq!(
        seen,
        [
            Created,
            Created,
            Created,
            Created,
            Started,
            Requested,
            ScaUrlRetrieved,
            AwaitingAuthz,
            Authorized,
            Active
        ]
    );

    let job = client
        .jobs()
        .create(&JobCreateRequest::new(id))
        .await
        .unwrap();
    let get = JobGetRequest::new(job.job_id.clone(), id);
    sim.answer_pending(1);
    let first = client.jobs().get(&get).await.unwrap().status;
    let second = client.jobs().get(&get).await.unwrap().status;
    let third = client.jobs().get(&get).await.unwrap().status;
    assert_eq!(
        (first, second, third),
        (
            JobStatus::JobStarted,
            JobStatus::JobStarted,
            JobStatus::AccountsReady
        )
    );
}
