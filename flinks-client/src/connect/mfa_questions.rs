//! `GetMFAQuestions/{loginId}` and `AnswerMFAQuestions`: the simple security
//! questions stored for a login (Canada; the "Enhanced MFA" flow), so that
//! nightly refreshes can answer them without the user.

use banking_core::transport::Request;
use banking_core::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::Connect;
use crate::ids::LoginId;

const QUESTIONS_PATH: &str = "BankingServices/GetMFAQuestions/{loginId}";
const ANSWER_PATH: &str = "BankingServices/AnswerMFAQuestions";

/// A stored security question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct MfaQuestion {
    /// The question text.
    pub question: String,
}

/// The answer of `GetMFAQuestions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct MfaQuestions {
    /// `SUCCESS`.
    #[serde(default)]
    pub message: Option<String>,
    /// The questions.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub questions: Vec<MfaQuestion>,
}

/// The answer of `AnswerMFAQuestions`: `{"Message": "Answers updated"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct MfaQuestionsUpdated {
    /// Confirmation.
    #[serde(default)]
    pub message: Option<String>,
}

/// A question and the user's answer; the answer is a credential and never
/// printed.
#[derive(Debug, Clone)]
pub struct MfaAnswer {
    question: String,
    answer: SecretString,
}

impl MfaAnswer {
    /// `answer` to `question`.
    pub fn new(question: impl Into<String>, answer: SecretString) -> Self {
        Self {
            question: question.into(),
            answer,
        }
    }
}

impl Serialize for MfaAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("MfaAnswer", 2)?;
        s.serialize_field("Question", &self.question)?;
        s.serialize_field("Answer", self.answer.expose_secret())?;
        s.end()
    }
}

/// The body of `AnswerMFAQuestions`, in the docs' casing:
/// `{"loginId": "...", "Questions": [{"Question": "...", "Answer": "..."}]}`.
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct AnswerMfaQuestionsRequest {
    #[serde(rename = "loginId")]
    login_id: LoginId,
    #[serde(rename = "Questions")]
    questions: Vec<MfaAnswer>,
}

impl AnswerMfaQuestionsRequest {
    /// Stores `answers` for `login_id`.
    pub fn new(login_id: LoginId, answers: impl IntoIterator<Item = MfaAnswer>) -> Self {
        Self {
            login_id,
            questions: answers.into_iter().collect(),
        }
    }

    fn validate(&self) -> Result<()> {
        if self.questions.is_empty() {
            return Err(Error::validation(
                "Questions",
                "at least one answer is required",
            ));
        }
        for (i, qa) in self.questions.iter().enumerate() {
            if qa.question.trim().is_empty() {
                return Err(Error::validation(
                    format!("Questions[{i}].Question"),
                    "must not be empty",
                ));
            }
            if qa.answer.expose_secret().trim().is_empty() {
                return Err(Error::validation(
                    format!("Questions[{i}].Answer"),
                    "must not be empty",
                ));
            }
            if self.questions[..i]
                .iter()
                .any(|other| other.question == qa.question)
            {
                return Err(Error::validation(
                    format!("Questions[{i}].Question"),
                    format!("{:?} is answered twice", qa.question),
                ));
            }
        }
        Ok(())
    }
}

impl Connect<'_> {
    /// `GET GetMFAQuestions/{loginId}`: the security questions stored for a
    /// login.
    ///
    /// Sent with `flinks-auth-key: <secret key>`: the seed's OpenAPI
    /// fragment for this endpoint says "Endpoints require authentication
    /// using `flinks-auth-key` header (Bearer token)". Which credential the
    /// header carries is not stated; the secret key, which the header
    /// carries on `GenerateAuthorizeToken` and which does not expire, is
    /// inferred.
    pub async fn mfa_questions(&self, login_id: LoginId) -> Result<MfaQuestions> {
        let http = Request::get(QUESTIONS_PATH)
            .param("loginId", login_id)
            .auth(self.handle.client().secret_key_auth());
        self.handle.send_json(http).await
    }

    /// `PATCH AnswerMFAQuestions`: stores answers to a login's security
    /// questions.
    ///
    /// Sent with `flinks-auth-key: <secret key>` like `GetMFAQuestions`;
    /// no doc names this endpoint's credential (inferred from its sibling).
    pub async fn answer_mfa_questions(
        &self,
        request: &AnswerMfaQuestionsRequest,
    ) -> Result<MfaQuestionsUpdated> {
        request.validate()?;
        let http = Request::patch(ANSWER_PATH)
            .json(request)?
            .auth(self.handle.client().secret_key_auth());
        self.handle.send_json(http).await
    }
}
