//! Login and token refresh (`POST /api/partner/login`, `POST
//! /api/partner/refresh`).
//!
//! Linkcy answers a login with a bare JWT and a refresh token; the expiry is
//! the JWT's `exp` claim (no `expires_in` is returned). The client logs in
//! lazily on its first call through [`LinkcyTokenSource`] wrapped in
//! banking-core's `BearerAuth`: one login for any number of concurrent
//! callers, a refresh ahead of `exp` (refresh token first, password login
//! when the refresh is refused), and a 401 drops the token and retries the
//! call once.
//!
//! Sources: the operations, bodies and the answer are in the research notes
//! (stated in the public reference); the login path comes from third-party client code; partner login's
//! user field is `username` there and in the older guide but `userName` in
//! the newer guide (the sources conflict). The SDK sends `username`, and the testkit accepts
//! both.

use std::fmt;
use std::sync::Mutex;

use crate::ids::EndUserId;
use banking_core::Error;
use banking_core::auth::{AuthContext, Token, TokenSource, jwt_expiry};
use banking_core::error::AuthError;
use banking_core::transport::{Request, RequestAuth, missing_credential};
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, Serializer};

use crate::client::LinkcyClient;
use crate::sca::{LinkcyScaOutcome, ScaOptions};

pub(crate) const LOGIN: &str = "/api/partner/login";
pub(crate) const REFRESH: &str = "/api/partner/refresh";

fn expose<S: Serializer>(secret: &SecretString, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret.expose_secret())
}

/// The body of `POST /api/partner/login`: a partner user, a consumer or a
/// corporate account owner. The password never appears in `Debug`.
#[derive(Clone, Serialize)]
#[serde(transparent)]
#[must_use]
pub struct LoginRequest(LoginBody);

#[derive(Clone, Serialize)]
#[serde(untagged)]
enum LoginBody {
    #[serde(rename_all = "camelCase")]
    Partner {
        username: String,
        partner_name: String,
        #[serde(serialize_with = "expose")]
        password: SecretString,
    },
    #[serde(rename_all = "camelCase")]
    Consumer {
        consumer_phone: String,
        partner_name: String,
        #[serde(serialize_with = "expose")]
        password: SecretString,
    },
    #[serde(rename_all = "camelCase")]
    Corporate {
        account_owner_phone: String,
        partner_name: String,
        #[serde(serialize_with = "expose")]
        password: SecretString,
    },
}

impl LoginRequest {
    /// A partner user: `{username, partnerName, password}`.
    pub fn partner(
        username: impl Into<String>,
        partner_name: impl Into<String>,
        password: SecretString,
    ) -> Self {
        LoginRequest(LoginBody::Partner {
            username: username.into(),
            partner_name: partner_name.into(),
            password,
        })
    }

    /// A consumer: `{consumerPhone, partnerName, password}`; the phone is
    /// 2 to 17 digits with the country code and no `+` (e.g. `33612345678`).
    pub fn consumer(
        consumer_phone: impl Into<String>,
        partner_name: impl Into<String>,
        password: SecretString,
    ) -> Self {
        LoginRequest(LoginBody::Consumer {
            consumer_phone: consumer_phone.into(),
            partner_name: partner_name.into(),
            password,
        })
    }

    /// A corporate account owner: `{accountOwnerPhone, partnerName,
    /// password}` (phone written like a consumer's, inferred).
    pub fn corporate(
        account_owner_phone: impl Into<String>,
        partner_name: impl Into<String>,
        password: SecretString,
    ) -> Self {
        LoginRequest(LoginBody::Corporate {
            account_owner_phone: account_owner_phone.into(),
            partner_name: partner_name.into(),
            password,
        })
    }

    /// Non-empty fields, and phones matching `^[0-9]{2,17}$`.
    pub fn validate(&self) -> banking_core::Result<()> {
        let (login_field, login, partner_name, password) = match &self.0 {
            LoginBody::Partner {
                username,
                partner_name,
                password,
            } => ("username", username, partner_name, password),
            LoginBody::Consumer {
                consumer_phone,
                partner_name,
                password,
            } => ("consumerPhone", consumer_phone, partner_name, password),
            LoginBody::Corporate {
                account_owner_phone,
                partner_name,
                password,
            } => (
                "accountOwnerPhone",
                account_owner_phone,
                partner_name,
                password,
            ),
        };
        if login_field != "username" {
            phone(login_field, login)?;
        } else if login.trim().is_empty() {
            return Err(missing_credential(login_field));
        }
        if partner_name.trim().is_empty() {
            return Err(missing_credential("partnerName"));
        }
        if password.expose_secret().trim().is_empty() {
            return Err(missing_credential("password"));
        }
        Ok(())
    }
}

/// A login phone: `^[0-9]{2,17}$` (research notes).
pub(crate) fn phone(field: &str, value: &str) -> banking_core::Result<()> {
    let digits = value.bytes().all(|b| b.is_ascii_digit());
    if !digits || !(2..=17).contains(&value.len()) {
        return Err(Error::validation(
            field,
            "must be 2 to 17 digits, country code first, without '+'",
        ));
    }
    Ok(())
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, login, partner_name) = match &self.0 {
            LoginBody::Partner {
                username,
                partner_name,
                ..
            } => ("Partner", username, partner_name),
            LoginBody::Consumer {
                consumer_phone,
                partner_name,
                ..
            } => ("Consumer", consumer_phone, partner_name),
            LoginBody::Corporate {
                account_owner_phone,
                partner_name,
                ..
            } => ("Corporate", account_owner_phone, partner_name),
        };
        f.debug_struct("LoginRequest")
            .field("kind", &kind)
            .field("login", login)
            .field("partner_name", partner_name)
            .field("password", &"[REDACTED]")
            .finish()
    }
}

/// The body of `POST /api/partner/refresh`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct RefreshRequest {
    #[serde(serialize_with = "expose")]
    refresh_token: SecretString,
}

impl RefreshRequest {
    /// Refresh with `refresh_token`.
    pub fn new(refresh_token: SecretString) -> Self {
        RefreshRequest { refresh_token }
    }
}

impl fmt::Debug for RefreshRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshRequest")
            .field("refresh_token", &"[REDACTED]")
            .finish()
    }
}

/// The answer of a login or refresh: `{token, refreshToken, endUserId?}`.
/// Tokens never appear in `Debug`.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LoginResponse {
    /// The JWT to send as `Authorization: Bearer`.
    pub token: SecretString,
    /// The refresh token.
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    /// The end-user, when a consumer or corporate logged in.
    #[serde(default)]
    pub end_user_id: Option<EndUserId>,
}

impl LoginResponse {
    /// When the JWT expires (its `exp` claim, signature not checked).
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        jwt_expiry(self.token.expose_secret())
    }
}

impl fmt::Debug for LoginResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginResponse")
            .field("token", &"[REDACTED]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("end_user_id", &self.end_user_id)
            .finish()
    }
}

/// How a [`LinkcyClient`] authenticates.
#[derive(Clone, Debug)]
pub struct LinkcyCredentials {
    login: Option<LoginRequest>,
    session: Option<LoginResponse>,
}

impl LinkcyCredentials {
    /// Log in with these credentials when a token is needed.
    pub fn login(login: LoginRequest) -> Self {
        LinkcyCredentials {
            login: Some(login),
            session: None,
        }
    }

    /// Start from a session obtained elsewhere (for instance an end-user
    /// login that needed SCA, completed through
    /// [`Auth::login`](crate::Auth::login)). Its token is used until it
    /// expires, then its refresh token; once the refresh is refused the
    /// client fails with [`Error::Auth`].
    pub fn session(session: LoginResponse) -> Self {
        LinkcyCredentials {
            login: None,
            session: Some(session),
        }
    }

    /// Log in again with `login` once the session can no longer be refreshed.
    pub fn with_login(mut self, login: LoginRequest) -> Self {
        self.login = Some(login);
        self
    }

    pub(crate) fn validate(&self) -> banking_core::Result<()> {
        match &self.login {
            Some(login) => login.validate(),
            None => Ok(()),
        }
    }
}

#[derive(Default)]
struct Session {
    /// A token handed in with the credentials, used once before any login.
    initial: Option<SecretString>,
    refresh: Option<SecretString>,
}

/// The [`TokenSource`] of a Linkcy client: the session's token, then
/// `POST /api/partner/refresh` with the latest refresh token, then `POST
/// /api/partner/login`. The expiry is the JWT's `exp`.
///
/// Each login or refresh is sent once, under the deadline of the call that
/// needs the token. A refusal, or an answer that cannot be read, is an
/// [`Error::Auth`] that keeps no part of the body (it would hold tokens).
/// A login or refresh answered with `202 Waiting SCA` cannot complete
/// unattended: it fails with an [`Error::Auth`] whose `error` is
/// `SCA_REQUIRED`; complete it with [`Auth::login`](crate::Auth::login) and
/// build the client from [`LinkcyCredentials::session`].
pub struct LinkcyTokenSource {
    login: Option<LoginRequest>,
    session: Mutex<Session>,
}

impl fmt::Debug for LinkcyTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LinkcyTokenSource")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

impl LinkcyTokenSource {
    /// A token source for `credentials`; its requests go to the base URL of
    /// the transport that needs the token.
    pub fn new(credentials: LinkcyCredentials) -> Self {
        let session = match credentials.session {
            Some(session) => Session {
                initial: Some(session.token),
                refresh: session.refresh_token,
            },
            None => Session::default(),
        };
        LinkcyTokenSource {
            login: credentials.login,
            session: Mutex::new(session),
        }
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn exchange(
        &self,
        context: &AuthContext<'_>,
        request: Request,
    ) -> banking_core::Result<Token> {
        let response = context.send(request.auth(RequestAuth::None)).await?;
        if response.status() == 202 {
            return Err(Error::Auth(Box::new(AuthError::new(
                Some(202),
                Some("SCA_REQUIRED".to_owned()),
                Some("the login needs SCA; complete it with Auth::login and use LinkcyCredentials::session".to_owned()),
            ))));
        }
        let answer: LoginResponse = response.json()?;
        if let Some(refresh) = &answer.refresh_token {
            self.session().refresh = Some(refresh.clone());
        }
        Ok(token_of(answer))
    }
}

fn token_of(answer: LoginResponse) -> Token {
    let expires_at = answer.expires_at();
    let mut token = Token::new(answer.token).with_refresh_token(answer.refresh_token);
    if let Some(at) = expires_at {
        token = token.with_expires_at(at);
    }
    token
}

impl TokenSource for LinkcyTokenSource {
    fn fetch<'a>(
        &'a self,
        context: &'a AuthContext<'a>,
    ) -> BoxFuture<'a, banking_core::Result<Token>> {
        Box::pin(async move {
            let initial = self.session().initial.take();
            if let Some(token) = initial {
                let expiry = jwt_expiry(token.expose_secret());
                if expiry.is_none_or(|at| at > Utc::now()) {
                    let mut token = Token::new(token);
                    if let Some(at) = expiry {
                        token = token.with_expires_at(at);
                    }
                    return Ok(token);
                }
            }
            let refresh = self.session().refresh.clone();
            if let Some(refresh) = refresh {
                let request = Request::post(REFRESH).json(&RefreshRequest::new(refresh))?;
                match self.exchange(context, request).await {
                    Ok(token) => return Ok(token),
                    Err(error) if self.login.is_some() => {
                        // The status only: nothing of the answer is logged.
                        tracing::debug!(
                            status = ?error.status(),
                            timed_out = error.is_timeout(),
                            "Linkcy refresh refused; logging in again"
                        );
                    }
                    Err(error) => return Err(error),
                }
            }
            let Some(login) = &self.login else {
                return Err(Error::Auth(Box::new(AuthError::new(
                    None,
                    None,
                    Some(
                        "the Linkcy session expired and no login credentials were given".to_owned(),
                    ),
                ))));
            };
            let request = Request::post(LOGIN).json(login)?;
            self.exchange(context, request).await
        })
    }
}

banking_core::resource_handle! {
    /// The login and refresh endpoints as typed calls; from
    /// [`LinkcyClient::auth`]. The client logs in by itself: use these to run a
    /// login that needs SCA, or to obtain tokens for another process.
    pub struct Auth for LinkcyClient, "Linkcy";
}

impl<'a> Auth<'a> {
    /// `POST /api/partner/login`; might require SCA.
    pub async fn login(
        &self,
        login: &LoginRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<LoginResponse>> {
        login.validate()?;
        let request = Request::post(LOGIN)
            .json(login)?
            .auth(RequestAuth::None)
            .credential_bearing();
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }

    /// `POST /api/partner/refresh`; might require SCA.
    pub async fn refresh(
        &self,
        refresh: &RefreshRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<LoginResponse>> {
        let request = Request::post(REFRESH)
            .json(refresh)?
            .auth(RequestAuth::None)
            .credential_bearing();
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }
}
