//! The Flinks Connect iframe's `REDIRECT` event: what your page receives
//! (as a `postMessage`, or as the redirect URL) once the user has linked an
//! account, carrying the `loginId` to authorize with.
//!
//! The seed's "Example Redirected Landing Page URL with Tag" shows the
//! event `{"step": "REDIRECT", "institution": ..., "url": ...}` whose URL
//! carries `loginId`, `tag` and `institution` as query parameters.

use banking_core::{Error, Result};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::ids::LoginId;

/// A Flinks Connect `REDIRECT` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectRedirect {
    /// The event's step (`REDIRECT`).
    pub step: String,
    /// The institution the user linked.
    #[serde(default)]
    pub institution: Option<String>,
    /// Your redirect URL with the results as query parameters, as sent.
    pub url: String,
}

impl ConnectRedirect {
    /// Reads the event from its JSON text.
    pub fn parse(json: &str) -> Result<Self> {
        serde_json::from_str(json)
            .map_err(|e| Error::validation("event", format!("not a Connect event: {e}")))
    }

    fn query(&self, name: &str) -> Option<String> {
        Url::parse(&self.url)
            .ok()?
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    /// The `loginId` of the linked account, to authorize with. An error if
    /// the URL carries none or an id that is not a GUID.
    pub fn login_id(&self) -> Result<LoginId> {
        let value = self
            .query("loginId")
            .ok_or_else(|| Error::validation("url", "carries no loginId"))?;
        value
            .parse()
            .map_err(|_| Error::validation("loginId", format!("{value:?} is not a GUID")))
    }

    /// The custom `tag` you passed to Flinks Connect, if any.
    pub fn tag(&self) -> Option<String> {
        self.query("tag")
    }
}
