//! Clients for real sandboxes, built from the environment; a provider
//! whose variables are not all set stays on its simulator.
//!
//! | provider | variables |
//! |---|---|
//! | Linkcy | `LINKCY_USER`, `LINKCY_PARTNER`, `LINKCY_PASSWORD`; optional `LINKCY_BASE_URL` (default: the sandbox) |
//! | LYNKS | `LYNKS_TENANT`, `LYNKS_CLIENT_ID`, `LYNKS_USER`, `LYNKS_PASSWORD`; optional `LYNKS_CLIENT_SECRET` |

use banking_core::transport::Environment;
use linkcy_client::{LinkcyClient, LinkcyCredentials, LoginRequest};
use lynks_client::{LynksClient, LynksCredentials};
use secrecy::SecretString;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A Linkcy partner client for the sandbox (or `LINKCY_BASE_URL`), when
/// `LINKCY_USER`, `LINKCY_PARTNER` and `LINKCY_PASSWORD` are set.
pub fn linkcy() -> Option<banking_core::Result<LinkcyClient>> {
    let (user, partner, password) = (
        var("LINKCY_USER")?,
        var("LINKCY_PARTNER")?,
        var("LINKCY_PASSWORD")?,
    );
    let login = LoginRequest::partner(user, partner, SecretString::from(password));
    let mut builder = LinkcyClient::builder().credentials(LinkcyCredentials::login(login));
    if let Some(url) = var("LINKCY_BASE_URL") {
        match url.parse() {
            Ok(url) => builder = builder.environment(Environment::Custom(url)),
            Err(e) => {
                return Some(Err(banking_core::Error::config(format!(
                    "LINKCY_BASE_URL: {e}"
                ))));
            }
        }
    }
    Some(builder.build())
}

/// A LYNKS client for the tenant's sandbox, when `LYNKS_TENANT`,
/// `LYNKS_CLIENT_ID`, `LYNKS_USER` and `LYNKS_PASSWORD` are set.
pub fn lynks() -> Option<banking_core::Result<LynksClient>> {
    let (tenant, client_id, user, password) = (
        var("LYNKS_TENANT")?,
        var("LYNKS_CLIENT_ID")?,
        var("LYNKS_USER")?,
        var("LYNKS_PASSWORD")?,
    );
    let mut credentials = LynksCredentials::new(client_id, user, SecretString::from(password));
    if let Some(secret) = var("LYNKS_CLIENT_SECRET") {
        credentials = credentials.client_secret(SecretString::from(secret));
    }
    Some(
        LynksClient::builder()
            .tenant(tenant)
            .credentials(credentials)
            .build(),
    )
}
