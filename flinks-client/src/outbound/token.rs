//! The Outbound OAuth token endpoint (`POST /api/v1/token`) and the token
//! sources built on it: client credentials (scope `client:admin`),
//! authorization code and refresh token.
//!
//! The seed ("Get an Access Token") shows the token request as a JSON body
//! `{grant_type, client_id, client_secret, scope}`; the research notes mark
//! the encoding as unconfirmed. JSON is therefore the default and the
//! RFC 6749 form encoding is one builder call away
//! ([`TokenEncoding::Form`]). Because banking-core's grants only speak
//! form encoding and have no authorization-code grant, this module has its
//! own [`TokenSource`].

use std::sync::Mutex;
use std::time::{Duration, Instant};

use banking_core::auth::{Token, TokenSource};
use banking_core::error::{AuthError, TransportError};
use banking_core::{Error, Result};
use futures::future::BoxFuture;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

/// How token requests are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenEncoding {
    /// `application/json`, as in the seed's request example (the default).
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, as RFC 6749 specifies.
    Form,
}

/// The grant a token request uses.
#[derive(Clone)]
pub(crate) enum Grant {
    /// `client_credentials` with an optional scope.
    ClientCredentials { scope: Option<String> },
    /// `authorization_code` with the code from the consent callback.
    AuthorizationCode {
        code: SecretString,
        redirect_uri: Url,
    },
    /// `refresh_token`; Flinks' refresh tokens do not rotate.
    RefreshToken(SecretString),
}

impl Grant {
    fn name(&self) -> &'static str {
        match self {
            Grant::ClientCredentials { .. } => "client_credentials",
            Grant::AuthorizationCode { .. } => "authorization_code",
            Grant::RefreshToken(_) => "refresh_token",
        }
    }
}

/// Client id and secret of a partner or Data Recipient, with the token URL.
#[derive(Clone)]
pub(crate) struct OAuthClient {
    pub(crate) token_url: Url,
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) encoding: TokenEncoding,
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("encoding", &self.encoding)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

impl OAuthClient {
    /// Requests a token with `grant` (the only place secrets are exposed).
    pub(crate) async fn request(&self, http: &reqwest::Client, grant: &Grant) -> Result<Token> {
        let mut fields: Vec<(&str, &str)> = vec![
            ("grant_type", grant.name()),
            ("client_id", &self.client_id),
            ("client_secret", self.client_secret.expose_secret()),
        ];
        match grant {
            Grant::ClientCredentials { scope } => {
                if let Some(scope) = scope {
                    fields.push(("scope", scope));
                }
            }
            Grant::AuthorizationCode { code, redirect_uri } => {
                fields.push(("code", code.expose_secret()));
                fields.push(("redirect_uri", redirect_uri.as_str()));
            }
            Grant::RefreshToken(refresh_token) => {
                fields.push(("refresh_token", refresh_token.expose_secret()));
            }
        }
        let (content_type, body) = match self.encoding {
            TokenEncoding::Json => {
                let map: serde_json::Map<String, serde_json::Value> = fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
                    .collect();
                (
                    "application/json",
                    serde_json::Value::Object(map).to_string(),
                )
            }
            TokenEncoding::Form => (
                "application/x-www-form-urlencoded",
                url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(fields)
                    .finish(),
            ),
        };
        let response = http
            .post(self.token_url.clone())
            .header("content-type", content_type)
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| {
                let not_sent = e.is_connect();
                Error::Transport(TransportError::new(
                    "token request failed",
                    not_sent,
                    Some(Box::new(e.without_url())),
                ))
            })?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| {
            Error::Transport(TransportError::new(
                "token response broke off",
                false,
                Some(Box::new(e.without_url())),
            ))
        })?;
        if !(200..300).contains(&status) {
            // Redirects land here too: the pooled client follows none.
            return Err(Error::Auth(Box::new(AuthError::from_body(status, &body))));
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            Error::Auth(Box::new(AuthError::new(
                Some(status),
                None,
                Some("token response is not an OAuth2 token".to_owned()),
            )))
        })?;
        let mut token = Token::new(SecretString::from(parsed.access_token));
        token.expires_in = match parsed.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_u64().map(Duration::from_secs),
            Some(serde_json::Value::String(s)) => s.parse().ok().map(Duration::from_secs),
            _ => None,
        };
        token.refresh_token = parsed.refresh_token.map(SecretString::from);
        token.token_type = parsed.token_type;
        token.scope = parsed.scope;
        Ok(token)
    }
}

/// A [`TokenSource`] for one grant.
#[derive(Debug, Clone)]
pub(crate) struct GrantSource {
    client: OAuthClient,
    grant: Grant,
}

impl GrantSource {
    pub(crate) fn new(client: OAuthClient, grant: Grant) -> Self {
        Self { client, grant }
    }
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl TokenSource for GrantSource {
    fn fetch<'a>(&'a self, http: &'a reqwest::Client) -> BoxFuture<'a, Result<Token>> {
        Box::pin(self.client.request(http, &self.grant))
    }
}

/// Hands out the token of the code exchange first, then refreshes with the
/// refresh token: the exchanged access token is not wasted.
pub(crate) struct SeededSource {
    first: Mutex<Option<(Token, Instant)>>,
    refresh: GrantSource,
}

impl SeededSource {
    /// `first` was fetched now; `refresh` gets every later token.
    pub(crate) fn new(first: Token, refresh: GrantSource) -> Self {
        Self {
            first: Mutex::new(Some((first, Instant::now()))),
            refresh,
        }
    }
}

impl std::fmt::Debug for SeededSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeededSource")
            .field("refresh", &self.refresh)
            .finish_non_exhaustive()
    }
}

impl TokenSource for SeededSource {
    fn fetch<'a>(&'a self, http: &'a reqwest::Client) -> BoxFuture<'a, Result<Token>> {
        let first = self.first.lock().unwrap_or_else(|e| e.into_inner()).take();
        // The cache times expiry from the hand-out, so the lifetime left is
        // what the exchange granted minus the time since; a spent one is
        // skipped.
        let first = first.and_then(|(mut token, fetched_at)| {
            if let Some(lifetime) = token.expires_in {
                token.expires_in = Some(lifetime.checked_sub(fetched_at.elapsed())?);
            }
            Some(token)
        });
        match first {
            Some(token) => Box::pin(async move { Ok(token) }),
            None => self.refresh.fetch(http),
        }
    }
}
