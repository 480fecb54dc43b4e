//! User consent: the `GET /api/v1/authorize` URL to send the user to, and
//! the parser of the redirect Flinks sends back.
//!
//! On success the user lands on `redirect_uri?code=...&state=...`; on
//! refusal on `redirect_uri?error=access_denied&error_description=...&state=...`
//! (seed "Example Authorize URL"; research notes).

use banking_core::{Error, Result};
use secrecy::SecretString;
use url::Url;
use uuid::Uuid;

use super::error::OAuthErrorCode;
use super::providers::ProviderId;
use super::recipients::RecipientId;

banking_core::wire_enum! {
    /// A data scope (consent) or the management scope `client:admin`.
    Scope {
        /// Basic account information.
        AccountBasic = "ACCOUNT_BASIC",
        /// Detailed account information, balances included.
        AccountDetailed = "ACCOUNT_DETAILED",
        /// Payment networks (account and routing numbers).
        AccountPayments = "ACCOUNT_PAYMENTS",
        /// Investment accounts.
        Investments = "INVESTMENTS",
        /// Transactions.
        Transactions = "TRANSACTIONS",
        /// Statements.
        Statements = "STATEMENTS",
        /// Customer contact details.
        CustomerContact = "CUSTOMER_CONTACT",
        /// Customer personal details.
        CustomerPersonal = "CUSTOMER_PERSONAL",
        /// Partner management (recipients, registrations); client credentials only.
        ClientAdmin = "client:admin",
    }
}

/// The parameters of a consent URL (`/api/v1/authorize`).
///
/// `response_type` is always `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct ConsentRequest {
    /// Data Recipient the user consents to.
    pub client_id: RecipientId,
    /// Where Flinks redirects the user afterwards; must be registered.
    pub redirect_uri: Url,
    /// Unguessable value tying the callback to this request (CSRF defence).
    pub state: String,
    /// Scopes asked for.
    pub scopes: Vec<Scope>,
    /// Data Provider to connect to.
    pub provider_id: Option<ProviderId>,
    /// Correlation id for support requests.
    pub correlation_id: Option<Uuid>,
}

impl ConsentRequest {
    /// A consent request for `client_id`, returning to `redirect_uri` with
    /// `state`.
    pub fn new(
        client_id: impl Into<RecipientId>,
        redirect_uri: Url,
        state: impl Into<String>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            redirect_uri,
            state: state.into(),
            scopes: Vec::new(),
            provider_id: None,
            correlation_id: None,
        }
    }

    /// Sets the scopes asked for (sent space-separated).
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> Self {
        self.scopes = scopes.into_iter().collect();
        self
    }

    /// Sets the Data Provider.
    pub fn provider_id(mut self, provider_id: ProviderId) -> Self {
        self.provider_id = Some(provider_id);
        self
    }

    /// Sets the correlation id.
    pub fn correlation_id(mut self, correlation_id: Uuid) -> Self {
        self.correlation_id = Some(correlation_id);
        self
    }

    /// The consent URL under `auth_base` (`{auth_base}/api/v1/authorize?...`).
    pub(crate) fn to_url(&self, auth_base: &Url) -> Result<Url> {
        if self.client_id.as_str().trim().is_empty() {
            return Err(Error::validation("client_id", "must not be empty"));
        }
        if self.state.trim().is_empty() {
            return Err(Error::validation(
                "state",
                "is required and must not be empty",
            ));
        }
        if self.scopes.contains(&Scope::ClientAdmin) {
            return Err(Error::validation(
                "scope",
                "client:admin is a client-credentials scope, not a consent scope",
            ));
        }
        let mut url = auth_base
            .join("api/v1/authorize")
            .map_err(|e| Error::config(format!("consent URL: {e}")))?;
        let scope = self
            .scopes
            .iter()
            .map(Scope::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let mut pairs: Vec<(&str, String)> = vec![
            ("response_type", "code".to_owned()),
            ("client_id", self.client_id.to_string()),
            ("redirect_uri", self.redirect_uri.to_string()),
        ];
        if !scope.is_empty() {
            pairs.push(("scope", scope));
        }
        pairs.push(("state", self.state.clone()));
        if let Some(provider_id) = self.provider_id {
            pairs.push(("provider_id", provider_id.to_string()));
        }
        if let Some(correlation_id) = self.correlation_id {
            pairs.push(("correlation_id", correlation_id.to_string()));
        }
        // Spaces as %20 (the seed's example), not the form encoding's `+`.
        let query = pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        url.set_query(Some(&query));
        Ok(url)
    }
}

fn encode(value: &str) -> String {
    // byte_serialize writes a literal `+` as %2B, so every `+` left is a space.
    url::form_urlencoded::byte_serialize(value.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// What the consent redirect carried.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ConsentCallback {
    /// Consent given: exchange `code` with
    /// [`OutboundClient::connect_with_code`](super::OutboundClient::connect_with_code).
    Granted {
        /// The one-time authorization code.
        code: SecretString,
    },
    /// Consent refused or failed.
    Denied {
        /// Error code (`access_denied`, ...).
        error: OAuthErrorCode,
        /// Description sent by Flinks.
        error_description: Option<String>,
    },
}

impl ConsentCallback {
    /// Reads the redirect URL and checks its `state` against the one sent.
    ///
    /// A missing or different `state` is a validation error: the redirect
    /// may be forged and its code must not be used.
    pub fn parse(redirect: &Url, expected_state: &str) -> Result<Self> {
        let mut code = None;
        let mut error = None;
        let mut error_description = None;
        let mut state = None;
        for (key, value) in redirect.query_pairs() {
            match key.as_ref() {
                "code" => code = Some(value.into_owned()),
                "error" => error = Some(value.into_owned()),
                "error_description" => error_description = Some(value.into_owned()),
                "state" => state = Some(value.into_owned()),
                _ => {}
            }
        }
        match state {
            None => {
                return Err(Error::validation(
                    "state",
                    "missing from the consent redirect",
                ));
            }
            Some(state) if state != expected_state => {
                return Err(Error::validation(
                    "state",
                    "does not match the state of the consent request",
                ));
            }
            Some(_) => {}
        }
        match (code, error) {
            (_, Some(error)) => Ok(Self::Denied {
                error: OAuthErrorCode::from(error.as_str()),
                error_description,
            }),
            (Some(code), None) if !code.is_empty() => Ok(Self::Granted {
                code: SecretString::from(code),
            }),
            _ => Err(Error::validation(
                "code",
                "the consent redirect carries neither a code nor an error",
            )),
        }
    }
}
