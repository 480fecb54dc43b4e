use std::time::Duration;

use finqlink_client::jobs::{JobCreateRequest, JobGetRequest, JobStatus, WaitOptions};
use finqlink_client::providers::{OwnerType, ProviderEnv};
use finqlink_client::{FinqLinkErrorCode, FinqLinkErrorExt, JobId, ProviderId};
use serde_json::{Value, json};
use wiremock::ResponseTemplate;
use wiremock::matchers::body_json;

use crate::support::*;

fn job_get_body() -> Value {
    with_credentials(json!({ "job_id": "job-uuid-456", "consent_id": CONSENT_ID }))
}

fn job_with_status(status: &str) -> ResponseTemplate {
    let mut job = fixture("schema_built_jobs_get_200.json");
    job["status"] = json!(status);
    ResponseTemplate::new(200).set_body_json(job)
}

#[tokio::test]
async fn create_sends_the_consent_and_callback_and_decodes_the_started_job() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/jobs/create",
        json!({
            "consent_id": CONSENT_ID,
            "callback_url": "https://merchant.example/finqlink/jobs"
        }),
        "schema_built_jobs_create_200.json",
    )
    .await;
    let req = JobCreateRequest::new(consent_id())
        .callback_url("https://merchant.example/finqlink/jobs".parse().unwrap());
    let job = client(&server).jobs().create(&req).await.unwrap();
    assert_eq!(job.job_id, JobId::from("job-uuid-456"));
    assert_eq!(job.consent_id, Some(consent_id()));
    assert_eq!(job.status, JobStatus::JobStarted);
    assert_eq!(job.name.as_deref(), Some("Demo Shop"));
    assert_eq!(job.request_id.as_deref(), Some("req-jobs-create"));
    assert_eq!(
        job.get_request(),
        Some(JobGetRequest::new(
            JobId::from("job-uuid-456"),
            consent_id()
        ))
    );
}

#[tokio::test]
async fn get_sends_job_and_consent_and_decodes_the_details() {
    let server = server().await;
    post("/v2/ais/jobs/get")
        .and(body_json(job_get_body()))
        .respond_with(json_response("schema_built_jobs_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let job = client(&server)
        .jobs()
        .get(&JobGetRequest::new(
            JobId::from("job-uuid-456"),
            consent_id(),
        ))
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::JobCompleted);
    assert!(job.status.is_terminal());
    assert_eq!(
        job.webhook_url.unwrap().as_str(),
        "https://merchant.example/finqlink/jobs"
    );
    assert_eq!(
        job.service_provider.unwrap().provider_id,
        Some(ProviderId::from("cec_ro"))
    );
    let method = job.ais_method.unwrap();
    assert_eq!(method.account_owner_type, [OwnerType::Retail]);
    assert_eq!(method.interface_env, Some(ProviderEnv::Sandbox));
}

#[tokio::test]
async fn a_job_during_the_cooldown_is_a_typed_error_and_is_not_resent() {
    let server = server().await;
    post("/v2/ais/jobs/create")
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            fixture_bytes("schema_built_error_cooldown_failed_400.json"),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .jobs()
        .create(&JobCreateRequest::new(consent_id()))
        .await
        .unwrap_err();
    assert!(err.is_cooldown(), "{err}");
    assert_eq!(err.finqlink_code(), Some(FinqLinkErrorCode::CooldownFailed));
    assert_eq!(err.status(), Some(400));
    assert!(!err.is_retryable());
    let api = err.api_error().unwrap();
    assert_eq!(
        api.message.as_deref(),
        Some("Data refresh cooldown period not yet elapsed")
    );
}

#[tokio::test]
async fn wait_creates_then_polls_until_a_terminal_status() {
    let server = server().await;
    post("/v2/ais/jobs/create")
        .respond_with(json_response("schema_built_jobs_create_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    for (priority, status) in [
        (1, "accounts_ready"),
        (2, "balances_ready"),
        (3, "transactions_fetching"),
    ] {
        post("/v2/ais/jobs/get")
            .and(body_json(job_get_body()))
            .respond_with(job_with_status(status))
            .up_to_n_times(1)
            .with_priority(priority)
            .expect(1)
            .mount(&server)
            .await;
    }
    post("/v2/ais/jobs/get")
        .respond_with(job_with_status("job_partially_completed"))
        .with_priority(4)
        .expect(1)
        .mount(&server)
        .await;

    let job = client(&server)
        .jobs()
        .wait(
            &JobCreateRequest::new(consent_id()),
            WaitOptions::new(Duration::from_millis(5), Duration::from_secs(10)),
        )
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::JobPartiallyCompleted);
}

#[tokio::test]
async fn follow_gives_up_at_the_deadline_with_a_timeout() {
    let server = server().await;
    post("/v2/ais/jobs/get")
        .respond_with(job_with_status("transactions_fetching"))
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let err = client(&server)
        .jobs()
        .follow(
            &JobGetRequest::new(JobId::from("job-uuid-456"), consent_id()),
            WaitOptions::new(Duration::from_millis(20), Duration::from_millis(100)),
        )
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let polls = server.received_requests().await.unwrap().len();
    assert!((2..=6).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn wait_options_are_checked_before_anything_is_sent() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let client = client(&server);
    let create = JobCreateRequest::new(consent_id());
    let zero = WaitOptions::new(Duration::ZERO, Duration::from_secs(1));
    let short = WaitOptions::new(Duration::from_secs(2), Duration::from_secs(1));
    assert!(
        client
            .jobs()
            .wait(&create, zero)
            .await
            .unwrap_err()
            .is_validation()
    );
    assert!(
        client
            .jobs()
            .wait(&create, short)
            .await
            .unwrap_err()
            .is_validation()
    );
    let bad_callback =
        JobCreateRequest::new(consent_id()).callback_url("mailto:ops@example.com".parse().unwrap());
    assert!(
        client
            .jobs()
            .create(&bad_callback)
            .await
            .unwrap_err()
            .is_validation()
    );
}

#[test]
fn job_status_terminality() {
    use JobStatus::*;
    for s in [JobCompleted, JobPartiallyCompleted, JobFailed] {
        assert!(s.is_terminal(), "{s}");
    }
    for s in [
        JobStarted,
        AccountsReady,
        BalancesReady,
        TransactionsFetching,
        JobStatus::from("queued"),
    ] {
        assert!(!s.is_terminal(), "{s}");
    }
}
