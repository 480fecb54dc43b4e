//! GetMFAQuestions and AnswerMFAQuestions.

use flinks_client::connect::{AnswerMfaQuestionsRequest, MfaAnswer};
use flinks_client::{FlinksCode, FlinksErrorExt};
use secrecy::SecretString;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{SECRET, api_path, builder, client, fixture, json, no_header, server};

const LOGIN: &str = "bb8b8569-3bfc-43c1-ae31-08d6de7f1675";

#[tokio::test]
async fn questions_are_a_get_by_login() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "BankingServices/GetMFAQuestions/{LOGIN}"
        ))))
        .and(header("flinks-auth-key", SECRET))
        .and(no_header("x-api-key"))
        .respond_with(json(200, fixture("seed_get_mfa_questions_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let questions = builder(&server)
        .build()
        .unwrap()
        .connect()
        .mfa_questions(LOGIN.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(questions.message.as_deref(), Some("SUCCESS"));
    let texts: Vec<_> = questions
        .questions
        .iter()
        .map(|q| q.question.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "What shape do people like most?",
            "What is the best country on earth?"
        ]
    );
}

#[tokio::test]
async fn an_invalid_login_is_invalid_request() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "BankingServices/GetMFAQuestions/{LOGIN}"
        ))))
        .respond_with(json(400, fixture("seed_get_mfa_questions_400.json")))
        .mount(&server)
        .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .connect()
        .mfa_questions(LOGIN.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::InvalidRequest));
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("The login 'bb8b8569-3bfc-43c1-ae31-08d6de7f1675' is invalid.")
    );
}

#[tokio::test]
async fn answers_are_patched_in_the_documented_casing() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(api_path("BankingServices/AnswerMFAQuestions")))
        .and(header("flinks-auth-key", SECRET))
        .and(no_header("x-api-key"))
        .and(body_json(serde_json::json!({
            "loginId": LOGIN,
            "Questions": [
                { "Question": "What shape do people like most?", "Answer": "circle" },
                { "Question": "What is the best country on earth?", "Answer": "Canada" }
            ]
        })))
        .respond_with(json(200, fixture("research_answer_mfa_questions_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let request = AnswerMfaQuestionsRequest::new(
        LOGIN.parse().unwrap(),
        [
            MfaAnswer::new(
                "What shape do people like most?",
                SecretString::from("circle"),
            ),
            MfaAnswer::new(
                "What is the best country on earth?",
                SecretString::from("Canada"),
            ),
        ],
    );
    let updated = builder(&server)
        .build()
        .unwrap()
        .connect()
        .answer_mfa_questions(&request)
        .await
        .unwrap();
    assert_eq!(updated.message.as_deref(), Some("Answers updated"));
}

#[tokio::test]
async fn empty_or_duplicate_answers_are_rejected_before_sending() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(api_path("BankingServices/AnswerMFAQuestions")))
        .respond_with(json(200, "{}"))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let cases = [
        AnswerMfaQuestionsRequest::new(LOGIN.parse().unwrap(), []),
        AnswerMfaQuestionsRequest::new(
            LOGIN.parse().unwrap(),
            [MfaAnswer::new("Q?", SecretString::from(" "))],
        ),
        AnswerMfaQuestionsRequest::new(
            LOGIN.parse().unwrap(),
            [
                MfaAnswer::new("Q?", SecretString::from("a")),
                MfaAnswer::new("Q?", SecretString::from("b")),
            ],
        ),
    ];
    for request in &cases {
        let err = client
            .connect()
            .answer_mfa_questions(request)
            .await
            .unwrap_err();
        assert!(err.is_validation(), "{err}");
    }
}
