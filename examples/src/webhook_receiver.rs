//! The `webhook-receiver` example: one HTTP route per provider, each
//! verifying deliveries with the provider crate's [`Verify`] implementation
//! and printing the decoded event.
//!
//! | route | verifier | configured by |
//! |---|---|---|
//! | `POST /webhooks/finqlink` | JWS with the JWKS keys | `FINQLINK_JWKS_FILE` (the JWKS document) |
//! | `POST /webhooks/flinks` | HMAC-SHA256 of the body | `FLINKS_WEBHOOK_SECRET`, `FLINKS_WEBHOOK_HEADER` |
//! | `POST /webhooks/linkcy` | Svix signature | `LINKCY_WEBHOOK_SECRET` (`whsec_...`) |
//! | `POST /webhooks/linxo` | none documented: `LINXO_WEBHOOK_AUTHORIZATION`, when set, must be the `Authorization` header | (always on) |
//! | `POST /webhooks/lynks` | HMAC-SHA256 of the body | `LYNKS_WEBHOOK_SECRET`, `LYNKS_WEBHOOK_HEADER` |
//!
//! A provider whose settings are missing has no route (404). Accepted
//! deliveries answer 204, refused ones 401 (signature, key, timestamp) or
//! 400 (a verified body that does not decode); each prints one line.

use std::fmt;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use banking_core::webhook::{HeaderName, UnsignedPolicy, Verify, WebhookError};
use bytes::Bytes;
use secrecy::SecretString;

/// A line of output: what a route accepted or refused.
pub type Printer = Arc<dyn Fn(String) + Send + Sync>;

/// Why the receiver could not be configured.
#[derive(Debug)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A one-line description of a decoded event.
pub trait Describe {
    /// The event's type and what it is about.
    fn describe(&self) -> String;
}

impl Describe for finqlink_client::webhooks::WebhookEvent {
    fn describe(&self) -> String {
        use finqlink_client::webhooks::WebhookEvent as E;
        let about = match self {
            E::LinkStatusUpdate(u) => format!("link {} is {}", u.link_id, u.status.as_str()),
            E::ConsentStatusUpdate(u) => {
                format!("consent {} is {}", u.consent_id, u.status.as_str())
            }
            E::JobStatusUpdate(u) => format!("job {} is {}", u.job_id, u.status.as_str()),
            _ => unknown_body(self.event_type()),
        };
        format!("{} {about}", self.event_type().unwrap_or("-"))
    }
}

impl Describe for flinks_client::webhooks::WebhookEvent {
    fn describe(&self) -> String {
        use flinks_client::webhooks::WebhookEvent as E;
        let about = match self {
            E::Kyc(detail) | E::AccountsDetail(detail) => {
                format!("{} account(s)", detail.accounts.len())
            }
            E::SessionSetupStatusChanged(session) => format!(
                "session {} is {}",
                session
                    .session_id
                    .as_ref()
                    .map_or("-".to_owned(), ToString::to_string),
                session.status.as_ref().map_or("-", |s| s.as_str())
            ),
            E::UploadFraudAlert(alert) => format!("fraud alert of {} bytes", alert.body.len()),
            _ => unknown_body(self.event_type()),
        };
        format!("{} {about}", self.event_type().unwrap_or("-"))
    }
}

impl Describe for linkcy_client::webhooks::WebhookEvent {
    fn describe(&self) -> String {
        use linkcy_client::webhooks::WebhookEvent as E;
        let about = match self {
            E::Unknown(_) => unknown_body(self.event_type()),
            _ => "resource event".to_owned(),
        };
        format!("{} {about}", self.event_type().unwrap_or("-"))
    }
}

impl Describe for linxo_client::webhooks::WebhookEvent {
    fn describe(&self) -> String {
        use linxo_client::webhooks::WebhookEvent as E;
        let about = match self {
            E::Connection(event) => format!(
                "connection {}",
                event
                    .connection_id()
                    .map_or("-".to_owned(), |id| id.as_str().to_owned())
            ),
            _ => unknown_body(self.event_type()),
        };
        format!("{} {about}", self.event_type().unwrap_or("-"))
    }
}

impl Describe for lynks_client::webhooks::WebhookEvent {
    fn describe(&self) -> String {
        let about = match self.payload() {
            Some(payload) => format!("event {}", payload.event_id.as_deref().unwrap_or("-")),
            None => unknown_body(self.event_type()),
        };
        format!("{} {about}", self.event_type().unwrap_or("-"))
    }
}

fn unknown_body(event_type: Option<&str>) -> String {
    format!("(unknown event {}, body kept)", event_type.unwrap_or("-"))
}

/// The verifiers of the providers that are configured.
#[derive(Default)]
#[non_exhaustive]
pub struct Receivers {
    /// FinqLink's JWKS verifier.
    pub finqlink: Option<finqlink_client::webhooks::WebhookVerifier>,
    /// Flinks' HMAC verifier.
    pub flinks: Option<flinks_client::webhooks::WebhookVerifier>,
    /// Linkcy's Svix verifier.
    pub linkcy: Option<linkcy_client::webhooks::WebhookVerifier>,
    /// Linxo's verifier.
    pub linxo: Option<linxo_client::webhooks::WebhookVerifier>,
    /// LYNKS' HMAC verifier.
    pub lynks: Option<lynks_client::webhooks::WebhookVerifier>,
}

impl Receivers {
    /// Reads the settings of the table above through `var`.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let secret = |name: &str| var(name).map(SecretString::from);
        let header = |name: &str| -> Result<Option<HeaderName>, ConfigError> {
            var(name)
                .map(|h| {
                    HeaderName::try_from(h.trim().to_ascii_lowercase())
                        .map_err(|_| ConfigError(format!("{name} is not a header name")))
                })
                .transpose()
        };
        let finqlink = var("FINQLINK_JWKS_FILE")
            .map(|path| {
                let jwks = std::fs::read(&path)
                    .map_err(|e| ConfigError(format!("FINQLINK_JWKS_FILE {path}: {e}")))?;
                finqlink_client::webhooks::WebhookVerifier::from_jwks_json(&jwks)
                    .map_err(|e| ConfigError(format!("FINQLINK_JWKS_FILE {path}: {e}")))
            })
            .transpose()?;
        let flinks = match (
            secret("FLINKS_WEBHOOK_SECRET"),
            header("FLINKS_WEBHOOK_HEADER")?,
        ) {
            (Some(secret), Some(header)) => Some(flinks_client::webhooks::WebhookVerifier::new(
                header, &secret,
            )),
            _ => None,
        };
        let linkcy = secret("LINKCY_WEBHOOK_SECRET")
            .map(|s| linkcy_client::webhooks::WebhookVerifier::new(&s))
            .transpose()
            .map_err(|e| ConfigError(format!("LINKCY_WEBHOOK_SECRET: {e}")))?;
        let linxo_policy = match secret("LINXO_WEBHOOK_AUTHORIZATION") {
            Some(value) => {
                UnsignedPolicy::require_header(HeaderName::from_static("authorization"), value)
            }
            None => UnsignedPolicy::accept_unsigned(),
        };
        let linxo = Some(linxo_client::webhooks::WebhookVerifier::unsigned(
            linxo_policy,
        ));
        let lynks = match (
            secret("LYNKS_WEBHOOK_SECRET"),
            header("LYNKS_WEBHOOK_HEADER")?,
        ) {
            (Some(secret), Some(header)) => Some(lynks_client::webhooks::WebhookVerifier::new(
                header, &secret,
            )),
            _ => None,
        };
        Ok(Receivers {
            finqlink,
            flinks,
            linkcy,
            linxo,
            lynks,
        })
    }

    /// The providers that have a route.
    pub fn routes(&self) -> Vec<&'static str> {
        [
            ("finqlink", self.finqlink.is_some()),
            ("flinks", self.flinks.is_some()),
            ("linkcy", self.linkcy.is_some()),
            ("linxo", self.linxo.is_some()),
            ("lynks", self.lynks.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect()
    }

    /// The HTTP routes, each printing one line per delivery through
    /// `print`.
    pub fn router(self, print: Printer) -> Router {
        let mut router = Router::new();
        router = mount(router, "finqlink", self.finqlink, &print);
        router = mount(router, "flinks", self.flinks, &print);
        router = mount(router, "linkcy", self.linkcy, &print);
        router = mount(router, "linxo", self.linxo, &print);
        mount(router, "lynks", self.lynks, &print)
    }
}

/// Adds `POST /webhooks/{provider}` when the provider is configured.
fn mount<V>(router: Router, provider: &'static str, verifier: Option<V>, print: &Printer) -> Router
where
    V: Verify + Send + Sync + 'static,
    V::Event: Describe,
{
    let Some(verifier) = verifier else {
        return router;
    };
    let verifier = Arc::new(verifier);
    let print = Arc::clone(print);
    router.route(
        &format!("/webhooks/{provider}"),
        post(move |headers: HeaderMap, body: Bytes| {
            let status = receive(provider, verifier.as_ref(), &headers, &body, &print);
            async move { status }
        }),
    )
}

/// Verifies and decodes one delivery, prints the outcome and answers.
fn receive<V>(
    provider: &str,
    verifier: &V,
    headers: &HeaderMap,
    body: &[u8],
    print: &Printer,
) -> StatusCode
where
    V: Verify,
    V::Event: Describe,
{
    match verifier.verify(headers, body) {
        Ok(event) => {
            print(format!("{provider} accepted {}", event.describe()));
            StatusCode::NO_CONTENT
        }
        Err(error) => {
            // WebhookError never shows a secret, a signature or a header value.
            print(format!("{provider} refused: {error}"));
            match error {
                WebhookError::Body(_) => StatusCode::BAD_REQUEST,
                _ => StatusCode::UNAUTHORIZED,
            }
        }
    }
}
