//! GenerateAuthorizeToken and Authorize: credentials, the three outcomes,
//! MFA answers and errors carried in the body.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Timelike;
use flinks_client::connect::{
    AuthorizeOutcome, AuthorizeRequest, ChallengeAsk, ChallengeType, Language, MfaChallenge,
};
use flinks_client::{CustomerType, FlinksCode, FlinksErrorExt};
use secrecy::SecretString;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

use crate::common::{SECRET, api_path, client, fixture, fixture_json, json, server};

const FIXTURE_TOKEN: &str = "d65f1adb-8ebc-48dc-be8b-20c773ba1565";

async fn mount_token(server: &MockServer, times: u64) {
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GenerateAuthorizeToken")))
        .and(header("flinks-auth-key", SECRET))
        .respond_with(json(
            200,
            fixture("research_generate_authorize_token_200.json"),
        ))
        .expect(times)
        .mount(server)
        .await;
}

fn login() -> flinks_client::ids::LoginId {
    "5e115eac-1209-4f19-641c-08d6d484e2fe".parse().unwrap()
}

/// `POST .../BankingServices/Authorize`.
fn authorize_call() -> MockBuilder {
    Mock::given(method("POST")).and(path(api_path("BankingServices/Authorize")))
}

/// Sends `request` to a server whose Authorize answers `status` and `body`
/// (after one authorize token).
async fn authorize_answered(
    request: &AuthorizeRequest,
    status: u16,
    body: impl Into<String>,
) -> banking_core::Result<AuthorizeOutcome> {
    let server = server().await;
    mount_token(&server, 1).await;
    authorize_call()
        .respond_with(json(status, body))
        .mount(&server)
        .await;
    client(&server).connect().authorize(request).await
}

/// The challenge of an MFA outcome.
fn mfa(outcome: AuthorizeOutcome) -> MfaChallenge {
    let AuthorizeOutcome::MfaRequired(challenge) = outcome else {
        panic!("expected MfaRequired, got {outcome:?}")
    };
    challenge
}

#[tokio::test]
async fn generate_authorize_token_sends_the_secret_key() {
    let server = server().await;
    mount_token(&server, 1).await;
    let token = client(&server)
        .connect()
        .generate_authorize_token()
        .await
        .unwrap();
    assert_eq!(token.expose_secret(), FIXTURE_TOKEN);
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(
        sent.headers.get("x-api-key").is_none(),
        "the token call must not send x-api-key"
    );
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn cached_authorize_sends_the_token_and_decodes_the_documented_200() {
    let server = server().await;
    mount_token(&server, 1).await;
    authorize_call()
        .and(header("flinks-auth-key", FIXTURE_TOKEN))
        .and(body_json(fixture_json(
            "seed_authorize_request_cached.json",
        )))
        .respond_with(json(200, fixture("schema_built_authorize_200.json")))
        .expect(1)
        .mount(&server)
        .await;

    let outcome = client(&server)
        .connect()
        .authorize(&AuthorizeRequest::cached(login()))
        .await
        .unwrap();
    let AuthorizeOutcome::Authorized(auth) = outcome else {
        panic!("expected Authorized, got {outcome:?}")
    };
    assert_eq!(
        auth.request_id.to_string(),
        "1243c283-e0ca-4fda-a5e4-343068430190"
    );
    assert_eq!(auth.http_status_code, Some(200));
    assert_eq!(auth.institution.as_deref(), Some("FlinksCapital"));
    let login = auth.login.unwrap();
    assert_eq!(login.id.to_string(), "5e115eac-1209-4f19-641c-08d6d484e2fe");
    assert_eq!(login.username.as_deref(), Some("Greatday"));
    assert_eq!(login.is_scheduled_refresh, Some(false));
    assert_eq!(login.kind, Some(CustomerType::Personal));
    let last = login.last_refresh.unwrap();
    assert_eq!(last.offset(), None);
    assert_eq!(last.naive().to_string(), "2019-05-09 13:47:46.522790100");
    assert_eq!(last.naive().nanosecond(), 522_790_100);
    let rels: Vec<_> = auth
        .links
        .iter()
        .map(|l| l.rel.as_deref().unwrap())
        .collect();
    assert_eq!(rels, ["AccountsDetail", "AccountsSummary", "Statements"]);
    assert_eq!(auth.links[0].href.as_deref(), Some("/GetAccountsDetail"));
    assert_eq!(auth.links[0].example, None);
}

/// Hands out `token-1`, `token-2`, ... so each Authorize call can be told
/// apart.
struct CountingTokens(AtomicUsize);

impl Respond for CountingTokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        json(
            200,
            format!(r#"{{"HttpStatusCode":200,"Token":"token-{n}"}}"#),
        )
    }
}

#[tokio::test]
async fn every_authorize_call_fetches_its_own_token() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GenerateAuthorizeToken")))
        .respond_with(CountingTokens(AtomicUsize::new(0)))
        .expect(2)
        .mount(&server)
        .await;
    authorize_call()
        .respond_with(json(200, fixture("schema_built_authorize_200.json")))
        .expect(2)
        .mount(&server)
        .await;

    let client = client(&server);
    for _ in 0..2 {
        let _ = client
            .connect()
            .authorize(&AuthorizeRequest::cached(login()))
            .await
            .unwrap();
    }
    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/Authorize"))
        .map(|r| r.headers["flinks-auth-key"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(keys, ["token-1", "token-2"]);
}

#[tokio::test]
async fn live_login_sends_the_documented_body_and_gets_an_mfa_challenge() {
    let server = server().await;
    mount_token(&server, 1).await;
    authorize_call()
        .and(body_json(fixture_json(
            "research_authorize_request_live.json",
        )))
        .respond_with(json(203, fixture("research_authorize_203.json")))
        .expect(1)
        .mount(&server)
        .await;

    let request =
        AuthorizeRequest::credentials("FlinksCapital", "greatday", SecretString::from("everyday"))
            .language(Language::En)
            .save(true);
    let outcome = client(&server).connect().authorize(&request).await.unwrap();
    let challenge = mfa(outcome);
    assert_eq!(
        challenge.request_id.to_string(),
        "a10fbd41-d942-4a1f-b202-16f63b5a9a81"
    );
    assert_eq!(challenge.http_status_code, Some(203));
    assert_eq!(challenge.institution.as_deref(), Some("FlinksCapital"));
    assert_eq!(challenge.security_challenges.len(), 1);
    assert_eq!(
        challenge.security_challenges[0].kind,
        ChallengeType::QuestionAndAnswer
    );
    assert_eq!(
        challenge.security_challenges[0].prompt,
        "What is the best country on earth?"
    );
    assert!(challenge.security_challenges[0].iterables.is_empty());
    assert_eq!(challenge.links[0].rel.as_deref(), Some("Authorization"));
}

#[tokio::test]
async fn challenges_are_recognised_by_the_body_not_the_status() {
    // The docs' triple-MFA sample has neither HttpStatusCode nor FlinksCode;
    // served with a 200 it must still be an MFA challenge.
    let outcome = authorize_answered(
        &AuthorizeRequest::refresh(login()),
        200,
        fixture("schema_built_authorize_203_triple_mfa.json"),
    )
    .await
    .unwrap();
    let challenge = mfa(outcome);
    let prompts: Vec<_> = challenge
        .security_challenges
        .iter()
        .map(|c| c.prompt.as_str())
        .collect();
    assert_eq!(
        prompts,
        [
            "What is the name of your mother",
            "What is the name of your father",
            "What is the name of your dog"
        ]
    );
}

#[tokio::test]
async fn multiple_choice_image_and_unknown_challenges_are_typed_with_their_data() {
    let outcome = authorize_answered(
        &AuthorizeRequest::refresh(login()),
        203,
        fixture("schema_built_authorize_203_other_challenge_types.json"),
    )
    .await
    .unwrap();
    let challenge = mfa(outcome);
    let [choice, image, push] = challenge.security_challenges.as_slice() else {
        panic!("three challenges: {challenge:?}");
    };
    assert_eq!(choice.kind, ChallengeType::MultipleChoice);
    assert_eq!(
        choice.ask(),
        ChallengeAsk::MultipleChoice {
            prompt: "Which of these streets have you lived on?",
            choices: &[
                "York Street".to_owned(),
                "Bay Street".to_owned(),
                "None of the above".to_owned()
            ],
        }
    );
    assert_eq!(image.kind, ChallengeType::ImageSelection);
    let ChallengeAsk::ImageSelection { prompt, images } = image.ask() else {
        panic!("{image:?}");
    };
    assert_eq!(prompt, "Select your security image");
    assert_eq!(images.len(), 2);
    assert!(images[1].ends_with("/2.png"));
    assert_eq!(
        push.ask(),
        ChallengeAsk::Other {
            kind: "PushNotification",
            prompt: "Approve the sign-in on your phone",
            iterables: &[],
        }
    );
    // The answer to a choice is the chosen text, keyed by the prompt.
    let responses = challenge
        .responses()
        .answer(choice.prompt.clone(), SecretString::from("Bay Street"))
        .answer(image.prompt.clone(), SecretString::from(images[1].clone()))
        .answer(push.prompt.clone(), SecretString::from("approved"));
    let body = serde_json::to_value(&responses).unwrap();
    assert_eq!(
        body["SecurityResponses"]["Which of these streets have you lived on?"],
        serde_json::json!(["Bay Street"])
    );
}

#[tokio::test]
async fn question_selection_challenges_keep_their_choices() {
    let outcome = authorize_answered(
        &AuthorizeRequest::refresh(login()),
        203,
        fixture("schema_built_authorize_203_select_questions.json"),
    )
    .await
    .unwrap();
    let challenge = mfa(outcome);
    assert_eq!(challenge.security_challenges.len(), 3);
    assert_eq!(
        challenge.security_challenges[1].prompt,
        "Personal Verification Question 2"
    );
    assert_eq!(
        challenge.security_challenges[1].iterables,
        [
            "What is the name of my mother",
            "What is the name of my dog",
            "..."
        ]
    );
    let ChallengeAsk::Question {
        prompt,
        choose_from,
    } = challenge.security_challenges[1].ask()
    else {
        panic!("a question");
    };
    assert_eq!(prompt, "Personal Verification Question 2");
    assert_eq!(choose_from.len(), 3);
}

#[tokio::test]
async fn mfa_answers_resubmit_request_id_and_security_responses_with_a_new_token() {
    let server = server().await;
    mount_token(&server, 1).await;
    authorize_call()
        .and(header("flinks-auth-key", FIXTURE_TOKEN))
        .and(body_json(fixture_json(
            "research_authorize_request_mfa_answer.json",
        )))
        .respond_with(json(200, fixture("schema_built_authorize_200.json")))
        .expect(1)
        .mount(&server)
        .await;

    let challenge: MfaChallenge =
        serde_json::from_str(&fixture("research_authorize_203.json")).unwrap();
    let responses = challenge.responses().answer(
        "What is the best country on earth?",
        SecretString::from("Canada"),
    );
    let outcome = client(&server)
        .connect()
        .answer_security_challenges(&responses)
        .await
        .unwrap();
    assert!(
        matches!(outcome, AuthorizeOutcome::Authorized(_)),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_wrong_mfa_answer_is_an_error_with_its_flinks_code() {
    let server = server().await;
    mount_token(&server, 1).await;
    authorize_call()
        .respond_with(json(
            401,
            r#"{"HttpStatusCode":401,"Message":"The security response is invalid","FlinksCode":"INVALID_SECURITY_RESPONSE"}"#,
        ))
        .mount(&server)
        .await;
    let responses = flinks_client::connect::SecurityResponses::new(
        "a10fbd41-d942-4a1f-b202-16f63b5a9a81".parse().unwrap(),
    )
    .answer(
        "What is the best country on earth?",
        SecretString::from("Atlantis"),
    );
    let err = client(&server)
        .connect()
        .answer_security_challenges(&responses)
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::InvalidSecurityResponse));
    assert_eq!(err.status(), Some(401));
    assert!(err.is_unauthorized());
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("The security response is invalid")
    );
}

#[tokio::test]
async fn a_pending_authorize_keeps_its_request_id() {
    let outcome = authorize_answered(
        &AuthorizeRequest::refresh(login()),
        202,
        r#"{"HttpStatusCode":202,"FlinksCode":"OPERATION_DISPATCHED","Message":"Your operation is still processing","RequestId":"077785a3-fd0f-42f7-9251-ee2ff7f3b4ff"}"#,
    )
    .await
    .unwrap();
    let AuthorizeOutcome::Pending(pending) = outcome else {
        panic!("expected Pending, got {outcome:?}")
    };
    assert_eq!(pending.flinks_code, FlinksCode::OperationDispatched);
    assert_eq!(
        pending.request_id.to_string(),
        "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff"
    );
}

#[tokio::test]
async fn an_error_code_in_a_success_body_is_still_an_error() {
    let err = authorize_answered(
        &AuthorizeRequest::cached(login()),
        200,
        r#"{"HttpStatusCode":400,"Message":"The LoginId is invalid","FlinksCode":"INVALID_LOGIN"}"#,
    )
    .await
    .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::InvalidLogin));
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("The LoginId is invalid")
    );
}

#[tokio::test]
async fn bad_input_is_rejected_before_any_token_is_spent() {
    let server = server().await;
    mount_token(&server, 0).await;
    let connect_client = client(&server);
    let connect = connect_client.connect();

    let err = connect
        .authorize(&AuthorizeRequest::credentials(
            "FlinksCapital",
            "",
            SecretString::from("pw"),
        ))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");

    let challenge: MfaChallenge =
        serde_json::from_str(&fixture("schema_built_authorize_203_triple_mfa.json")).unwrap();
    let partial = challenge
        .responses()
        .answer("What is the name of your dog", SecretString::from("Rex"));
    let err = connect
        .answer_security_challenges(&partial)
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
