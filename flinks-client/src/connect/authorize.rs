//! `GenerateAuthorizeToken` and `Authorize`: open a session (`RequestId`)
//! for a login, cached or live, and answer its MFA challenges.
//!
//! Every Authorize call sends a fresh one-time authorize token in
//! `flinks-auth-key`: the token is single-use (and expires after 30 minutes
//! unused), so [`AuthorizeToken`] is consumed by the call that uses it.

use banking_core::resource_handle::ResourceClient;
use std::collections::BTreeMap;
use std::fmt;

use banking_core::auth::{ApiKeyHeader, AuthContext, SingleUse, Token, TokenSource};
use banking_core::transport::{Request, RequestAuth};
use banking_core::{Error, Result};
use futures::future::BoxFuture;
use secrecy::{ExposeSecret, SecretString};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::Connect;
use super::outcome::{self, Answer, Link, Pending};
use crate::ids::{LoginId, RequestId};
use crate::login::Login;

const TOKEN_PATH: &str = "BankingServices/GenerateAuthorizeToken";
const AUTHORIZE_PATH: &str = "BankingServices/Authorize";
const AUTH_KEY_HEADER: &str = "flinks-auth-key";

/// A one-time authorize token from `GenerateAuthorizeToken`.
///
/// Single use, valid 30 minutes. Hand it to the Flinks Connect iframe
/// (`authorizeToken=`) or to [`Connect::authorize_with_token`], which
/// consumes it. Never printed.
pub struct AuthorizeToken(SecretString);

impl AuthorizeToken {
    /// The token, for the Flinks Connect iframe URL.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for AuthorizeToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizeToken([REDACTED])")
    }
}

#[derive(Deserialize)]
struct TokenBody {
    #[serde(rename = "Token")]
    token: SecretString,
}

/// `GenerateAuthorizeToken` as a token source: one credential-bearing
/// request with the secret key, under the deadline of the call that needs
/// the token.
#[derive(Debug)]
struct AuthorizeTokens {
    secret_key: RequestAuth,
}

impl TokenSource for AuthorizeTokens {
    fn fetch<'a>(&'a self, context: &'a AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(async move {
            let request = Request::post(TOKEN_PATH).auth(self.secret_key.clone());
            let body: TokenBody = context.send(request).await?.json()?;
            Ok(Token::new(body.token))
        })
    }
}

/// The language of institution messages (`Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Language {
    /// English.
    #[serde(rename = "en")]
    En,
    /// French.
    #[serde(rename = "fr")]
    Fr,
}

/// Whom to authorize: a known login or live credentials.
#[derive(Debug, Clone)]
enum Subject {
    Login(LoginId),
    Credentials {
        institution: String,
        username: String,
        password: SecretString,
    },
}

/// The body of `Authorize`.
///
/// `LoginId`, `MostRecentCached`, `Save`, `Institution`, `Username`,
/// `Password`, `Language` and `DirectRefresh` are in the docs; `Tag` and
/// `ScheduleRefresh` are Flinks Connect parameters that Flinks' C# SDK also
/// sends to Authorize. The password is never printed.
#[derive(Debug, Clone)]
#[must_use]
pub struct AuthorizeRequest {
    subject: Subject,
    most_recent_cached: bool,
    save: Option<bool>,
    language: Option<Language>,
    direct_refresh: Option<bool>,
    schedule_refresh: Option<bool>,
    tag: Option<String>,
}

impl AuthorizeRequest {
    fn with_subject(subject: Subject, most_recent_cached: bool) -> Self {
        Self {
            subject,
            most_recent_cached,
            save: None,
            language: None,
            direct_refresh: None,
            schedule_refresh: None,
            tag: None,
        }
    }

    /// Opens a session on the data cached for `login_id`
    /// (`{"LoginId": ..., "MostRecentCached": true}`): no bank round trip,
    /// no MFA.
    pub fn cached(login_id: LoginId) -> Self {
        Self::with_subject(Subject::Login(login_id), true)
    }

    /// Refreshes `login_id` live at the institution
    /// (`MostRecentCached: false`); may answer with MFA challenges.
    pub fn refresh(login_id: LoginId) -> Self {
        Self::with_subject(Subject::Login(login_id), false)
    }

    /// Logs in live with the user's credentials (the legacy API flow);
    /// may answer with MFA challenges. Add [`save(true)`](Self::save) to
    /// keep the login for later cached calls.
    pub fn credentials(
        institution: impl Into<String>,
        username: impl Into<String>,
        password: SecretString,
    ) -> Self {
        Self::with_subject(
            Subject::Credentials {
                institution: institution.into(),
                username: username.into(),
                password,
            },
            false,
        )
    }

    /// Keep the login so it can be authorized again later (`Save`).
    pub fn save(mut self, on: bool) -> Self {
        self.save = Some(on);
        self
    }

    /// Language of institution messages (`Language`).
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Force a live refresh (`DirectRefresh`), used to reconnect a login.
    pub fn direct_refresh(mut self, on: bool) -> Self {
        self.direct_refresh = Some(on);
        self
    }

    /// Enable the nightly refresh for a new login (`ScheduleRefresh`).
    pub fn schedule_refresh(mut self, on: bool) -> Self {
        self.schedule_refresh = Some(on);
        self
    }

    /// A custom tag echoed back in account answers (`Tag`).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    fn validate(&self) -> Result<()> {
        if let Subject::Credentials {
            institution,
            username,
            password,
        } = &self.subject
        {
            for (field, value) in [
                ("Institution", institution.as_str()),
                ("Username", username.as_str()),
            ] {
                if value.trim().is_empty() {
                    return Err(Error::validation(field, "must not be empty"));
                }
            }
            if password.expose_secret().is_empty() {
                return Err(Error::validation("Password", "must not be empty"));
            }
        }
        if self.tag.as_deref().is_some_and(|tag| tag.trim().is_empty()) {
            return Err(Error::validation("Tag", "must not be empty when set"));
        }
        Ok(())
    }
}

impl Serialize for AuthorizeRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.subject {
            Subject::Login(login_id) => map.serialize_entry("LoginId", login_id)?,
            Subject::Credentials {
                institution,
                username,
                password,
            } => {
                map.serialize_entry("Institution", institution)?;
                map.serialize_entry("Username", username)?;
                map.serialize_entry("Password", password.expose_secret())?;
            }
        }
        map.serialize_entry("MostRecentCached", &self.most_recent_cached)?;
        let flags = [
            ("Save", self.save),
            ("DirectRefresh", self.direct_refresh),
            ("ScheduleRefresh", self.schedule_refresh),
        ];
        for (key, value) in flags {
            if let Some(value) = value {
                map.serialize_entry(key, &value)?;
            }
        }
        if let Some(language) = &self.language {
            map.serialize_entry("Language", language)?;
        }
        if let Some(tag) = &self.tag {
            map.serialize_entry("Tag", tag)?;
        }
        map.end()
    }
}

banking_core::wire_enum! {
    /// The kind of an MFA challenge (`SecurityChallenges[].Type`).
    ///
    /// `QuestionAndAnswer` is in the docs' samples. `MultipleChoice` and
    /// `ImageSelection` are the other challenge kinds of the legacy live
    /// flow; neither the docs nor the research notes show a sample of them,
    /// so their wire names and that their options come in `Iterables` are
    /// inferred. Any other type decodes as `Unknown`.
    ChallengeType {
        /// Answer the prompt (or pick questions from `Iterables`).
        QuestionAndAnswer = "QuestionAndAnswer",
        /// Pick one of the offered answers.
        MultipleChoice = "MultipleChoice",
        /// Pick one of the offered images.
        ImageSelection = "ImageSelection",
    }
}

/// One MFA challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct SecurityChallenge {
    /// The challenge kind.
    #[serde(rename = "Type")]
    pub kind: ChallengeType,
    /// The question; answers are keyed by it.
    pub prompt: String,
    /// Choices: questions to pick from, answers or images to choose among
    /// (see [`SecurityChallenge::ask`]).
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub iterables: Vec<String>,
}

/// What a [`SecurityChallenge`] asks of the user, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChallengeAsk<'a> {
    /// Type an answer; when `choose_from` is not empty, the user first
    /// picks a new question from it (the RBC "select new questions" case).
    Question {
        /// The question.
        prompt: &'a str,
        /// Questions to pick from, if any.
        choose_from: &'a [String],
    },
    /// Pick one answer; send its text as the answer to `prompt`.
    MultipleChoice {
        /// The question.
        prompt: &'a str,
        /// The offered answers.
        choices: &'a [String],
    },
    /// Pick one image; send the chosen entry as the answer to `prompt`.
    /// Each entry is the image as Flinks sends it (a URL or encoded data:
    /// not documented).
    ImageSelection {
        /// The instruction.
        prompt: &'a str,
        /// The offered images.
        images: &'a [String],
    },
    /// A type this version does not know.
    Other {
        /// The `Type` as sent.
        kind: &'a str,
        /// The prompt.
        prompt: &'a str,
        /// `Iterables` as sent.
        iterables: &'a [String],
    },
}

impl SecurityChallenge {
    /// What the challenge asks for, with the data its kind carries.
    pub fn ask(&self) -> ChallengeAsk<'_> {
        let prompt = self.prompt.as_str();
        let items = self.iterables.as_slice();
        match &self.kind {
            ChallengeType::QuestionAndAnswer => ChallengeAsk::Question {
                prompt,
                choose_from: items,
            },
            ChallengeType::MultipleChoice => ChallengeAsk::MultipleChoice {
                prompt,
                choices: items,
            },
            ChallengeType::ImageSelection => ChallengeAsk::ImageSelection {
                prompt,
                images: items,
            },
            ChallengeType::Unknown(kind) => ChallengeAsk::Other {
                kind,
                prompt,
                iterables: items,
            },
        }
    }
}

/// The institution asks for MFA (HTTP 203 with `SecurityChallenges`).
///
/// Answer with [`MfaChallenge::responses`] and
/// [`Connect::answer_security_challenges`], or relaunch Flinks Connect with
/// the `RequestId` and a fresh authorize token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct MfaChallenge {
    /// The session to answer in.
    pub request_id: RequestId,
    /// Every prompt must be answered in one call.
    pub security_challenges: Vec<SecurityChallenge>,
    /// Institution name.
    #[serde(default)]
    pub institution: Option<String>,
    /// The HTTP status echoed in the body (203).
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// Follow-up endpoints.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub links: Vec<Link>,
}

impl MfaChallenge {
    /// Empty answers for this challenge; sending checks that every prompt is
    /// answered and no other prompt is.
    pub fn responses(&self) -> SecurityResponses {
        SecurityResponses {
            request_id: self.request_id,
            answers: BTreeMap::new(),
            expected: Some(
                self.security_challenges
                    .iter()
                    .map(|c| c.prompt.clone())
                    .collect(),
            ),
        }
    }
}

/// Answers to MFA challenges, resubmitted to `Authorize` as
/// `{"RequestId": ..., "SecurityResponses": {"<prompt>": ["<answer>"]}}`.
///
/// The prompt → list-of-answers shape comes from Flinks' C# SDK. Answers are
/// credentials and never printed.
#[derive(Debug, Clone)]
pub struct SecurityResponses {
    request_id: RequestId,
    answers: BTreeMap<String, Vec<SecretString>>,
    expected: Option<Vec<String>>,
}

impl SecurityResponses {
    /// Answers in session `request_id`, without checking the prompts (prefer
    /// [`MfaChallenge::responses`]).
    pub fn new(request_id: RequestId) -> Self {
        Self {
            request_id,
            answers: BTreeMap::new(),
            expected: None,
        }
    }

    /// Adds `answer` to `prompt` (several answers to one prompt are kept in
    /// order).
    pub fn answer(mut self, prompt: impl Into<String>, answer: SecretString) -> Self {
        self.answers.entry(prompt.into()).or_default().push(answer);
        self
    }

    fn validate(&self) -> Result<()> {
        if self.answers.is_empty() {
            return Err(Error::validation(
                "SecurityResponses",
                "at least one answer is required",
            ));
        }
        for (prompt, answers) in &self.answers {
            if answers.iter().any(|a| a.expose_secret().is_empty()) {
                return Err(Error::validation(
                    "SecurityResponses",
                    format!("the answer to {prompt:?} is empty"),
                ));
            }
        }
        if let Some(expected) = &self.expected {
            if let Some(missing) = expected.iter().find(|p| !self.answers.contains_key(*p)) {
                return Err(Error::validation(
                    "SecurityResponses",
                    format!(
                        "{missing:?} is not answered; every prompt must be answered in one call"
                    ),
                ));
            }
            if let Some(unknown) = self.answers.keys().find(|p| !expected.contains(p)) {
                return Err(Error::validation(
                    "SecurityResponses",
                    format!("{unknown:?} was not asked"),
                ));
            }
        }
        Ok(())
    }
}

impl Serialize for SecurityResponses {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        struct Answers<'a>(&'a BTreeMap<String, Vec<SecretString>>);
        impl Serialize for Answers<'_> {
            fn serialize<S: Serializer>(
                &self,
                serializer: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (prompt, answers) in self.0 {
                    let exposed: Vec<&str> = answers.iter().map(|a| a.expose_secret()).collect();
                    map.serialize_entry(prompt, &exposed)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("RequestId", &self.request_id)?;
        map.serialize_entry("SecurityResponses", &Answers(&self.answers))?;
        map.end()
    }
}

/// A session is open (HTTP 200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Authorization {
    /// The session: every data call of it carries this id.
    pub request_id: RequestId,
    /// The login (keep `login.id` to authorize again from the cache).
    #[serde(default)]
    pub login: Option<Login>,
    /// Institution name (`FlinksCapital`).
    #[serde(default)]
    pub institution: Option<String>,
    /// Institution display name.
    #[serde(default)]
    pub institution_name: Option<String>,
    /// Flinks' institution id.
    #[serde(default)]
    pub institution_id: Option<u32>,
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The data endpoints open to this session.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub links: Vec<Link>,
}

/// What `Authorize` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "an authorization may still need MFA answers or polling"]
pub enum AuthorizeOutcome {
    /// The session is open.
    Authorized(Authorization),
    /// Still working (`OPERATION_PENDING` / `OPERATION_DISPATCHED`): go on
    /// with the data calls of [`Pending::request_id`], which answer pending
    /// until the data is ready.
    Pending(Pending),
    /// The institution asks for MFA.
    MfaRequired(MfaChallenge),
}

impl Connect<'_> {
    /// `POST GenerateAuthorizeToken` with the secret key: a one-time token
    /// for one `Authorize` call or one Flinks Connect iframe session.
    ///
    /// Sent once, under the client's attempt and total timeouts. A refusal,
    /// or an answer that cannot be read, is an
    /// [`Error::Auth`] that keeps no part of the
    /// body.
    pub async fn generate_authorize_token(&self) -> Result<AuthorizeToken> {
        let token = self
            .authorize_tokens()
            .fetch(&self.handle.client().transport().auth_context())
            .await?;
        Ok(AuthorizeToken(token.access_token))
    }

    fn authorize_tokens(&self) -> AuthorizeTokens {
        AuthorizeTokens {
            secret_key: self.handle.client().secret_key_auth(),
        }
    }

    /// A fresh one-time token for each attempt of an `Authorize` call,
    /// fetched within that call's deadlines.
    pub(super) fn fresh_token(&self) -> Result<RequestAuth> {
        let auth = SingleUse::header(AUTH_KEY_HEADER, self.authorize_tokens())?;
        Ok(RequestAuth::With(auth))
    }

    /// `POST Authorize` with a freshly generated one-time token; the
    /// call's total timeout covers fetching it.
    ///
    /// Branches on the body, not the HTTP status: ready, pending or MFA. A
    /// `FlinksCode` error (`INVALID_LOGIN`, `DISABLED_LOGIN`, ...) is an
    /// `Error::Api`; read it with
    /// [`FlinksErrorExt::flinks_code`](crate::error::FlinksErrorExt::flinks_code).
    pub async fn authorize(&self, request: &AuthorizeRequest) -> Result<AuthorizeOutcome> {
        request.validate()?;
        let http = Request::post(AUTHORIZE_PATH).json(request)?;
        self.send_authorize(self.fresh_token()?, http, None).await
    }

    /// `POST Authorize` with a token you generated earlier; the token is
    /// used up.
    pub async fn authorize_with_token(
        &self,
        token: AuthorizeToken,
        request: &AuthorizeRequest,
    ) -> Result<AuthorizeOutcome> {
        request.validate()?;
        let auth = RequestAuth::With(ApiKeyHeader::new(AUTH_KEY_HEADER, token.0)?);
        self.send_authorize(auth, Request::post(AUTHORIZE_PATH).json(request)?, None)
            .await
    }

    /// Resubmits `Authorize` with the answers to an MFA challenge (a fresh
    /// one-time token again). A wrong answer is an `Error::Api` with
    /// `INVALID_SECURITY_RESPONSE`; the institution may also ask another
    /// question ([`AuthorizeOutcome::MfaRequired`]).
    pub async fn answer_security_challenges(
        &self,
        responses: &SecurityResponses,
    ) -> Result<AuthorizeOutcome> {
        responses.validate()?;
        let http = Request::post(AUTHORIZE_PATH).json(responses)?;
        self.send_authorize(self.fresh_token()?, http, Some(responses.request_id))
            .await
    }

    async fn send_authorize(
        &self,
        auth: RequestAuth,
        request: Request,
        session: Option<RequestId>,
    ) -> Result<AuthorizeOutcome> {
        // One decode: an MFA body carries the session fields of an
        // authorization, plus the challenges.
        let answer = outcome::send::<Authorization, Vec<SecurityChallenge>>(
            self.handle.client().transport(),
            self.handle.prepare(request.auth(auth)),
            session,
        )
        .await?;
        Ok(match answer {
            Answer::Ready(authorization) => AuthorizeOutcome::Authorized(authorization),
            Answer::Challenge(session, security_challenges) => {
                AuthorizeOutcome::MfaRequired(MfaChallenge {
                    request_id: session.request_id,
                    security_challenges,
                    institution: session.institution,
                    http_status_code: session.http_status_code,
                    links: session.links,
                })
            }
            Answer::Pending(pending) => AuthorizeOutcome::Pending(pending),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login() -> LoginId {
        "5e115eac-1209-4f19-641c-08d6d484e2fe".parse().unwrap()
    }

    #[test]
    fn cached_body_is_the_documented_one() {
        let body = serde_json::to_value(AuthorizeRequest::cached(login())).unwrap();
        assert_eq!(
            body,
            serde_json::json!({ "LoginId": "5e115eac-1209-4f19-641c-08d6d484e2fe", "MostRecentCached": true })
        );
    }

    #[test]
    fn credentials_are_sent_but_never_printed() {
        let request = AuthorizeRequest::credentials(
            "FlinksCapital",
            "Greatday",
            SecretString::from("Everyday"),
        )
        .save(true)
        .language(Language::En)
        .tag("user-42");
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(body["Password"], "Everyday");
        assert_eq!(body["Language"], "en");
        assert_eq!(body["Save"], true);
        assert_eq!(body["Tag"], "user-42");
        assert!(!format!("{request:?}").contains("Everyday"));
    }

    #[test]
    fn empty_credentials_are_rejected() {
        let request = AuthorizeRequest::credentials("FlinksCapital", " ", SecretString::from("x"));
        assert!(
            request
                .validate()
                .unwrap_err()
                .to_string()
                .contains("Username")
        );
        let request =
            AuthorizeRequest::credentials("FlinksCapital", "Greatday", SecretString::from(""));
        assert!(
            request
                .validate()
                .unwrap_err()
                .to_string()
                .contains("Password")
        );
    }

    fn challenge() -> MfaChallenge {
        serde_json::from_str(include_str!(
            "../../fixtures/schema_built_authorize_203_triple_mfa.json"
        ))
        .unwrap()
    }

    #[test]
    fn every_prompt_must_be_answered_and_nothing_else() {
        let c = challenge();
        let partial = c
            .responses()
            .answer("What is the name of your mother", SecretString::from("Ann"));
        let err = partial.validate().unwrap_err();
        assert!(
            err.to_string().contains("What is the name of your father"),
            "{err}"
        );

        let extra = c
            .responses()
            .answer("What is the name of your mother", SecretString::from("Ann"))
            .answer("What is the name of your father", SecretString::from("Bob"))
            .answer("What is the name of your dog", SecretString::from("Rex"))
            .answer("What is your favourite colour", SecretString::from("Red"));
        assert!(
            extra
                .validate()
                .unwrap_err()
                .to_string()
                .contains("was not asked")
        );
    }

    #[test]
    fn answers_are_sent_as_prompt_to_list_and_never_printed() {
        let responses = challenge()
            .responses()
            .answer("What is the name of your mother", SecretString::from("Ann"))
            .answer("What is the name of your father", SecretString::from("Bob"))
            .answer("What is the name of your dog", SecretString::from("Rex"));
        responses.validate().unwrap();
        assert_eq!(
            serde_json::to_value(&responses).unwrap(),
            serde_json::json!({
                "RequestId": "2b000833-0bf4-4705-9ef8-80d4572af4c4",
                "SecurityResponses": {
                    "What is the name of your mother": ["Ann"],
                    "What is the name of your father": ["Bob"],
                    "What is the name of your dog": ["Rex"]
                }
            })
        );
        let printed = format!("{responses:?}");
        assert!(
            !printed.contains("Ann") && !printed.contains("Rex"),
            "{printed}"
        );
    }
}
