//! `GET /api/partner/webhooks`: the URL of the SVIX portal where webhook
//! endpoints are configured (research notes, \[S\], webhooks guide).

use banking_core::transport::Request;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::client::LinkcyClient;

const WEBHOOKS: &str = "/api/partner/webhooks";

/// The portal's address.
///
/// The guide says the call "returns the SVIX portal URL" but shows no
/// body: the SDK accepts a bare JSON string or an object with a `url`
/// field (both inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PortalBody")]
#[non_exhaustive]
pub struct WebhookPortalUrl {
    /// Open it in a browser to manage webhook endpoints.
    pub url: Url,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PortalBody {
    Bare(Url),
    Object { url: Url },
}

impl From<PortalBody> for WebhookPortalUrl {
    fn from(body: PortalBody) -> Self {
        match body {
            PortalBody::Bare(url) | PortalBody::Object { url } => WebhookPortalUrl { url },
        }
    }
}

banking_core::resource_handle! {
    /// The webhook portal endpoint; from [`LinkcyClient::webhook_portal`].
    pub struct WebhookPortal for LinkcyClient, "Linkcy";
}

impl<'a> WebhookPortal<'a> {
    /// `GET /api/partner/webhooks`.
    pub async fn url(&self) -> banking_core::Result<WebhookPortalUrl> {
        self.handle.send_json(Request::get(WEBHOOKS)).await
    }
}
