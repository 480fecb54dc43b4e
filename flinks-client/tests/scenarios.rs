//! The simulator's scenario helpers: a Flinks error on the next call, MFA
//! on demand, and a chosen number of 202 polls.

use std::time::Duration;

use banking_core::testkit::SimulatedError;
use flinks_client::connect::{
    AccountsDetailRequest, AuthorizeOutcome, AuthorizeRequest, PollOptions,
};
use flinks_client::testkit::{self, FlinksSandbox};
use flinks_client::{FlinksCode, FlinksErrorExt};

fn fast() -> PollOptions {
    PollOptions::new()
        .interval(Duration::from_millis(5))
        .timeout(Duration::from_secs(5))
}

#[tokio::test]
async fn fail_next_call_answers_one_call_with_the_flinks_error() {
    let sandbox = FlinksSandbox::start().await;
    let connect = sandbox.client();
    sandbox.fail_next_call(SimulatedError::new(
        400,
        "RETRY_LATER",
        "The institution is unavailable",
    ));
    let request = AuthorizeRequest::cached(testkit::login_id());
    let err = connect.connect().authorize(&request).await.unwrap_err();
    // The first call of an Authorize fetches its one-time token: that
    // call failed, so Authorize itself was never sent.
    assert_eq!(err.flinks_code(), Some(FlinksCode::RetryLater));
    let outcome = connect.connect().authorize(&request).await.unwrap();
    assert!(
        matches!(outcome, AuthorizeOutcome::Authorized(_)),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn require_sca_makes_the_next_cached_authorize_ask_for_mfa() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let request = AuthorizeRequest::cached(testkit::login_id());
    sandbox.require_sca();
    let outcome = client.connect().authorize(&request).await.unwrap();
    let AuthorizeOutcome::MfaRequired(challenge) = outcome else {
        panic!("expected MFA, got {outcome:?}")
    };
    assert_eq!(challenge.security_challenges[0].prompt, testkit::MFA_PROMPT);
    // Once only: the next Authorize is served from the cache again.
    let outcome = client.connect().authorize(&request).await.unwrap();
    assert!(
        matches!(outcome, AuthorizeOutcome::Authorized(_)),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn answer_pending_sets_how_many_polls_answer_202() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let connect = client.connect();
    sandbox.answer_pending(3);
    let AuthorizeOutcome::Authorized(auth) = connect
        .authorize(&AuthorizeRequest::cached(testkit::login_id()))
        .await
        .unwrap()
    else {
        panic!("a cached login needs no MFA")
    };
    let first = connect
        .accounts_detail(&AccountsDetailRequest::new(auth.request_id))
        .await
        .unwrap();
    let detail = connect.wait_ready(first, &fast()).await.unwrap();
    assert_eq!(detail.request_id, Some(auth.request_id));
    let polls = sandbox
        .server()
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().contains("GetAccountsDetailAsync"))
        .count();
    assert_eq!(polls, 4, "three pending polls, then the ready one");
}

/// The accounts detail the sandbox answers for `build(request)`: account
/// ids and, per account, its transaction count.
async fn detail_with(
    build: impl FnOnce(AccountsDetailRequest) -> AccountsDetailRequest,
) -> Vec<(String, usize)> {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let connect = client.connect();
    let AuthorizeOutcome::Authorized(auth) = connect
        .authorize(&AuthorizeRequest::cached(testkit::login_id()))
        .await
        .unwrap()
    else {
        panic!("a cached login needs no MFA")
    };
    let first = connect
        .accounts_detail(&build(AccountsDetailRequest::new(auth.request_id)))
        .await
        .unwrap();
    let detail = connect.wait_ready(first, &fast()).await.unwrap();
    detail
        .accounts
        .iter()
        .map(|a| (a.id.unwrap().to_string(), a.transactions.len()))
        .collect()
}

/// The sample's one account (one transaction, 31 January 2025).
const ACCOUNT: &str = "27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889";

#[tokio::test]
async fn the_accounts_detail_applies_its_filters() {
    use chrono::NaiveDate;
    use flinks_client::ids::AccountId;
    let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
    assert_eq!(
        detail_with(|r| r.with_transactions(true)).await,
        [(ACCOUNT.to_owned(), 1)]
    );
    let other: AccountId = "00000000-0000-0000-0000-000000000002".parse().unwrap();
    assert!(detail_with(|r| r.accounts_filter([other])).await.is_empty());
    let this: AccountId = ACCOUNT.parse().unwrap();
    assert_eq!(
        detail_with(|r| r.accounts_filter([this])).await,
        [(ACCOUNT.to_owned(), 1)]
    );
    assert_eq!(
        detail_with(|r| r.with_transactions(false)).await,
        [(ACCOUNT.to_owned(), 0)]
    );
    assert_eq!(
        detail_with(|r| r.date_from(day(31)).date_to(day(31))).await,
        [(ACCOUNT.to_owned(), 1)]
    );
    assert_eq!(
        detail_with(|r| r.date_to(day(30))).await,
        [(ACCOUNT.to_owned(), 0)]
    );
}

#[tokio::test]
async fn the_outbound_and_pay_simulators_fail_the_next_call_in_their_bodies() {
    use flinks_client::outbound::OutboundErrorExt;
    use flinks_client::outbound::testkit::OutboundSimulator;
    use flinks_client::pay::PayErrorExt;
    use flinks_client::pay::testkit::PaySimulator;

    let outbound = OutboundSimulator::start().await;
    let client = outbound.client().unwrap();
    outbound.fail_next_call(SimulatedError::new(
        403,
        "603",
        "Consent does not cover this data",
    ));
    let err = client.providers().list().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.fdx_error().unwrap().code, Some(603));
    assert!(client.providers().list().await.is_ok());

    let pay = PaySimulator::start().await;
    let client = pay.client().unwrap();
    pay.fail_next_call(SimulatedError::new(400, "validation", "Amount is required"));
    let err = client.institutions().list().await.unwrap_err();
    let problem = err.problem_details().unwrap();
    assert_eq!(problem.detail.as_deref(), Some("Amount is required"));
    assert_eq!(problem.status, Some(400));
    assert!(client.institutions().list().await.is_ok());
}
