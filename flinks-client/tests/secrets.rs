//! No credential, token, password or MFA answer appears in Debug output,
//! errors or logs.

use banking_core::testkit::LogCapture;
use flinks_client::connect::{
    AccountsDetailRequest, AnswerMfaQuestionsRequest, AuthorizeOutcome, AuthorizeRequest,
    MfaAnswer, SecurityResponses,
};
use flinks_client::testkit::{self, FlinksSandbox};
use secrecy::SecretString;
use tracing::Instrument;
use wiremock::Mock;
use wiremock::matchers::method;

use crate::common::{API_KEY, SECRET, builder, client, json, server};

#[test]
fn debug_output_hides_every_secret() {
    let request = AuthorizeRequest::credentials(
        "FlinksCapital",
        "user",
        SecretString::from("hunter2-password"),
    );
    let responses = SecurityResponses::new("a10fbd41-d942-4a1f-b202-16f63b5a9a81".parse().unwrap())
        .answer("Q?", SecretString::from("hunter2-answer"));
    let stored = AnswerMfaQuestionsRequest::new(
        testkit::login_id(),
        [MfaAnswer::new("Q?", SecretString::from("hunter2-stored"))],
    );
    let builder = flinks_client::FlinksClient::builder()
        .secret_key(SecretString::from("hunter2-secret"))
        .api_key(SecretString::from("hunter2-api"));
    let printed = format!("{request:?} {responses:?} {stored:?} {builder:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
}

#[tokio::test]
async fn errors_do_not_carry_the_credentials_sent() {
    let server = server().await;
    Mock::given(method("POST"))
        .respond_with(json(
            401,
            r#"{"HttpStatusCode":401,"Message":"denied","FlinksCode":"ACCESS_DENIED"}"#,
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .connect()
        .generate_authorize_token()
        .await
        .unwrap_err();
    let printed = format!("{err} {err:?}");
    assert!(!printed.contains(SECRET), "{printed}");

    let err = client
        .connect()
        .accounts_detail(&AccountsDetailRequest::new(
            "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap(),
        ))
        .await
        .unwrap_err();
    let printed = format!("{err} {err:?}");
    assert!(!printed.contains(API_KEY), "{printed}");

    let no_key = builder(&server).build().unwrap();
    let printed = format!("{no_key:?}");
    assert!(!printed.contains(SECRET), "{printed}");
}

#[tokio::test]
async fn logs_never_contain_credentials_tokens_or_answers() {
    let capture = LogCapture::start();
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let connect = client.connect();
    let span = capture.span();
    let token = connect
        .generate_authorize_token()
        .instrument(span.clone())
        .await
        .unwrap();
    let token_value = token.expose_secret().to_owned();
    let AuthorizeOutcome::MfaRequired(challenge) = connect
        .authorize_with_token(
            token,
            &AuthorizeRequest::credentials(
                testkit::INSTITUTION,
                testkit::MFA_USERNAME,
                SecretString::from(testkit::PASSWORD),
            ),
        )
        .instrument(span.clone())
        .await
        .unwrap()
    else {
        panic!("challenged")
    };
    let answers = challenge
        .responses()
        .answer(testkit::MFA_PROMPT, SecretString::from(testkit::MFA_ANSWER));
    let _ = connect
        .answer_security_challenges(&answers)
        .instrument(span.clone())
        .await
        .unwrap();
    connect.institutions().instrument(span).await.unwrap();

    let lines = capture.lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("BankingServices/Authorize")),
        "the transport logs each call:\n{lines:?}"
    );
    let logs = capture.everything();
    for secret in [
        testkit::SECRET_KEY,
        testkit::API_KEY,
        testkit::PASSWORD,
        testkit::MFA_ANSWER,
        &token_value,
    ] {
        assert!(
            !logs.contains(secret),
            "{secret} leaked into the logs:\n{logs}"
        );
    }
}
