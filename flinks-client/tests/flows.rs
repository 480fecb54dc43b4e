//! The simulator's flows end to end: cached Authorize → 202 → 200, the
//! 203 MFA flow, a wrong answer, ended sessions and single-use tokens.

use std::time::Duration;

use flinks_client::connect::{
    AccountsDetailRequest, AuthorizeOutcome, AuthorizeRequest, PollOptions,
};
use flinks_client::testkit::{self, FlinksSandbox};
use flinks_client::upload::{OriginCountry, UploadRequest, UploadTransaction};
use flinks_client::{FlinksCode, FlinksErrorExt};
use secrecy::SecretString;

fn fast() -> PollOptions {
    PollOptions::new()
        .interval(Duration::from_millis(5))
        .timeout(Duration::from_secs(5))
}

#[tokio::test]
async fn cached_authorize_then_detail_after_polling() {
    let sandbox = FlinksSandbox::builder().pending_polls(2).start().await;
    let client = sandbox.client();
    let connect = client.connect();

    let AuthorizeOutcome::Authorized(auth) = connect
        .authorize(&AuthorizeRequest::cached(testkit::login_id()))
        .await
        .unwrap()
    else {
        panic!("a cached login needs no MFA")
    };
    let request = AccountsDetailRequest::new(auth.request_id).with_transactions(true);
    let first = connect.accounts_detail(&request).await.unwrap();
    assert_eq!(first.pending().unwrap().request_id, auth.request_id);
    let detail = connect.wait_ready(first, &fast()).await.unwrap();
    assert_eq!(detail.request_id, Some(auth.request_id));
    assert_eq!(detail.login.unwrap().id, testkit::login_id());
    assert_eq!(
        detail.accounts[0].transactions[0]
            .debit
            .unwrap()
            .to_string(),
        "1000.4"
    );

    let polls = sandbox
        .server()
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().contains("GetAccountsDetailAsync"))
        .count();
    assert_eq!(polls, 3, "two pending polls, then the ready one");
}

#[tokio::test]
async fn live_login_with_mfa_then_summary() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let connect = client.connect();

    let request = AuthorizeRequest::credentials(
        testkit::INSTITUTION,
        testkit::MFA_USERNAME,
        SecretString::from(testkit::PASSWORD),
    )
    .save(true);
    let AuthorizeOutcome::MfaRequired(challenge) = connect.authorize(&request).await.unwrap()
    else {
        panic!("the MFA user must be challenged")
    };
    assert_eq!(challenge.security_challenges[0].prompt, testkit::MFA_PROMPT);

    let answers = challenge
        .responses()
        .answer(testkit::MFA_PROMPT, SecretString::from(testkit::MFA_ANSWER));
    let AuthorizeOutcome::Authorized(auth) =
        connect.answer_security_challenges(&answers).await.unwrap()
    else {
        panic!("the right answer opens the session")
    };
    let summary = connect
        .wait_ready(
            connect.accounts_summary(auth.request_id).await.unwrap(),
            &fast(),
        )
        .await
        .unwrap();
    assert_eq!(summary.request_id, Some(auth.request_id));
    assert_eq!(
        summary.accounts[0].title.as_deref(),
        Some("Primary Chequing Account")
    );
}

#[tokio::test]
async fn a_user_without_mfa_is_authorized_at_once() {
    let sandbox = FlinksSandbox::start().await;
    let request = AuthorizeRequest::credentials(
        testkit::INSTITUTION,
        testkit::NO_MFA_USERNAME,
        SecretString::from(testkit::PASSWORD),
    );
    let outcome = sandbox
        .client()
        .connect()
        .authorize(&request)
        .await
        .unwrap();
    assert!(
        matches!(outcome, AuthorizeOutcome::Authorized(_)),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_wrong_mfa_answer_ends_the_session() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let connect = client.connect();
    let AuthorizeOutcome::MfaRequired(challenge) = connect
        .authorize(&AuthorizeRequest::refresh(testkit::login_id()))
        .await
        .unwrap()
    else {
        panic!("a live refresh is challenged")
    };
    let wrong = challenge
        .responses()
        .answer(testkit::MFA_PROMPT, SecretString::from("Atlantis"));
    let err = connect
        .answer_security_challenges(&wrong)
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::InvalidSecurityResponse));

    let retry = challenge
        .responses()
        .answer(testkit::MFA_PROMPT, SecretString::from(testkit::MFA_ANSWER));
    let err = connect
        .answer_security_challenges(&retry)
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::SessionNonexistent));
}

#[tokio::test]
async fn an_unknown_session_is_session_nonexistent() {
    let sandbox = FlinksSandbox::start().await;
    let err = sandbox
        .client()
        .connect()
        .accounts_detail_async("1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::SessionNonexistent));
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn an_authorize_token_is_accepted_once() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let token = client.connect().generate_authorize_token().await.unwrap();
    let value = token.expose_secret().to_owned();
    let _ = client
        .connect()
        .authorize_with_token(token, &AuthorizeRequest::cached(testkit::login_id()))
        .await
        .unwrap();

    // Replaying the same token by hand (the typed API cannot) is refused.
    let replay = banking_core::transport::Request::post("BankingServices/Authorize")
        .json(&AuthorizeRequest::cached(testkit::login_id()))
        .unwrap()
        .header("flinks-auth-key", value);
    let err = client.raw().send(replay).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.flinks_code(), Some(FlinksCode::AccessDenied));
}

#[tokio::test]
async fn wrong_credentials_are_refused() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox
        .client_builder()
        .api_key(SecretString::from("not-the-key"))
        .build()
        .unwrap();
    let err = client
        .connect()
        .delete_card(testkit::login_id())
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::AccessDenied));
    assert!(err.is_unauthorized());
    // The institution calls carry the secret key instead.
    let client = sandbox
        .client_builder()
        .secret_key(SecretString::from("not-the-secret"))
        .build()
        .unwrap();
    let err = client.connect().institutions().await.unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::AccessDenied));
}

#[tokio::test]
async fn enrich_and_upload_against_the_simulator() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let AuthorizeOutcome::Authorized(auth) = client
        .connect()
        .authorize(&AuthorizeRequest::cached(testkit::login_id()))
        .await
        .unwrap()
    else {
        panic!("cached")
    };
    let attributes = client
        .enrich()
        .attributes(
            flinks_client::enrich::AttributePackage::Lending,
            testkit::login_id(),
            auth.request_id,
        )
        .await
        .unwrap();
    assert_eq!(attributes.request_id, Some(auth.request_id));

    let upload = UploadRequest::new(
        OriginCountry::Canada,
        [UploadTransaction::debit(
            chrono::NaiveDate::from_ymd_opt(2021, 1, 22).unwrap(),
            "fee",
            "10".parse().unwrap(),
        )],
    )
    .most_recent_balance("900".parse().unwrap());
    let uploaded = client.upload().all_attributes(&upload).await.unwrap();
    assert!(uploaded.card.get("sum_debits_30_days").is_some());
}
