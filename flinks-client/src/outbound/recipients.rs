//! Data Recipients (partner management, scope `client:admin`):
//! create (`POST /api/v1/recipients`), get (`GET /api/v1/recipients/{client_id}`),
//! update redirect URIs (`PUT /api/v1/recipients/{client_id}`) and regenerate
//! the secret (`POST /api/v1/recipients/{client_id}/secret`).
//!
//! The recipient object is documented by the update response (research
//! notes `[DOC]`). The create body and the create and regenerate responses
//! are not shown in the docs: the create body reuses the recipient
//! object's fields and the secret is read from `client_secret` (inferred).

use banking_core::transport::Request;
use banking_core::{Error, Result};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use url::Url;

use super::client::OutboundClient;

banking_core::string_id! {
    /// A Data Recipient's OAuth client id (`dc-...`).
    RecipientId
}

/// A Data Recipient.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Recipient {
    /// OAuth client id.
    #[serde(default)]
    pub client_id: Option<RecipientId>,
    /// Granted scopes, space-separated as sent.
    #[serde(default)]
    pub scope: Option<String>,
    /// Registered redirect URIs.
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Logo URL.
    #[serde(default)]
    pub logo_uri: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Terms of service URL.
    #[serde(default)]
    pub terms_uri: Option<String>,
    /// Home page URL.
    #[serde(default)]
    pub client_uri: Option<String>,
    /// Country code.
    #[serde(default)]
    pub country: Option<String>,
    /// Contacts (open objects).
    #[serde(default)]
    pub contacts: Vec<serde_json::Map<String, serde_json::Value>>,
    /// Client secret, when the response carries one (creation).
    #[serde(default)]
    pub client_secret: Option<SecretString>,
}

/// A regenerated client secret.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct RecipientSecret {
    /// OAuth client id.
    #[serde(default)]
    pub client_id: Option<RecipientId>,
    /// The new secret; the old one stops working.
    pub client_secret: SecretString,
}

/// Body of `POST /api/v1/recipients`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateRecipient {
    /// Display name.
    pub name: String,
    /// Redirect URIs (at least one).
    #[serde(serialize_with = "url_list")]
    pub redirect_uris: Vec<Url>,
    /// Logo URL.
    #[serde(
        serialize_with = "optional_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub logo_uri: Option<Url>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Terms of service URL.
    #[serde(
        serialize_with = "optional_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub terms_uri: Option<Url>,
    /// Home page URL.
    #[serde(
        serialize_with = "optional_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_uri: Option<Url>,
    /// Country code (`CA`, `US`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Contacts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<serde_json::Map<String, serde_json::Value>>,
}

impl CreateRecipient {
    /// A recipient named `name` redirecting to `redirect_uris`.
    pub fn new(name: impl Into<String>, redirect_uris: impl IntoIterator<Item = Url>) -> Self {
        Self {
            name: name.into(),
            redirect_uris: redirect_uris.into_iter().collect(),
            logo_uri: None,
            description: None,
            terms_uri: None,
            client_uri: None,
            country: None,
            contacts: Vec::new(),
        }
    }

    /// Sets the logo URL.
    pub fn logo_uri(mut self, url: Url) -> Self {
        self.logo_uri = Some(url);
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the terms of service URL.
    pub fn terms_uri(mut self, url: Url) -> Self {
        self.terms_uri = Some(url);
        self
    }

    /// Sets the home page URL.
    pub fn client_uri(mut self, url: Url) -> Self {
        self.client_uri = Some(url);
        self
    }

    /// Sets the two-letter country code.
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    /// Adds a contact object.
    pub fn contact(mut self, contact: serde_json::Map<String, serde_json::Value>) -> Self {
        self.contacts.push(contact);
        self
    }

    fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::validation("name", "must not be empty"));
        }
        validate_redirect_uris(&self.redirect_uris)?;
        if let Some(country) = &self.country
            && (country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(Error::validation(
                "country",
                format!("{country:?} is not a two-letter country code"),
            ));
        }
        Ok(())
    }
}

fn validate_redirect_uris(uris: &[Url]) -> Result<()> {
    if uris.is_empty() {
        return Err(Error::validation(
            "redirect_uris",
            "at least one is required",
        ));
    }
    if let Some(bad) = uris.iter().find(|u| u.fragment().is_some()) {
        // RFC 6749 §3.1.2: a redirect URI must not include a fragment.
        return Err(Error::validation(
            "redirect_uris",
            format!("{bad} has a fragment, which redirect URIs may not have"),
        ));
    }
    Ok(())
}

#[derive(Serialize)]
struct UpdateRedirectUris<'a> {
    #[serde(serialize_with = "url_list")]
    redirect_uris: &'a [Url],
}

// `url` is built without its serde feature; URLs go out as strings.
fn url_list<S: serde::Serializer>(urls: &[Url], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(urls.iter().map(Url::as_str))
}

fn optional_url<S: serde::Serializer>(url: &Option<Url>, serializer: S) -> Result<S::Ok, S::Error> {
    match url {
        Some(url) => serializer.serialize_str(url.as_str()),
        None => serializer.serialize_none(),
    }
}

banking_core::resource_handle! {
    /// Data Recipient management, with the partner's `client:admin` token.
    pub struct RecipientsApi for OutboundClient, "Flinks";
}

impl RecipientsApi<'_> {
    /// `POST /api/v1/recipients`: adds a Data Recipient. Not retried.
    pub async fn create(&self, recipient: &CreateRecipient) -> Result<Recipient> {
        recipient.validate()?;
        let request = Request::post("api/v1/recipients").json(recipient)?;
        self.handle.send_json(request).await
    }

    /// `GET /api/v1/recipients/{client_id}`: details, scopes and redirect URIs.
    pub async fn get(&self, client_id: &RecipientId) -> Result<Recipient> {
        let request = Request::get("api/v1/recipients/{client_id}").param("client_id", client_id);
        self.handle.send_json(request).await
    }

    /// `PUT /api/v1/recipients/{client_id}`: replaces (does not append to)
    /// the redirect URIs.
    pub async fn update_redirect_uris(
        &self,
        client_id: &RecipientId,
        redirect_uris: &[Url],
    ) -> Result<Recipient> {
        validate_redirect_uris(redirect_uris)?;
        let request = Request::put("api/v1/recipients/{client_id}")
            .param("client_id", client_id)
            .json(&UpdateRedirectUris { redirect_uris })?;
        self.handle.send_json(request).await
    }

    /// `POST /api/v1/recipients/{client_id}/secret`: a new client secret.
    /// Not retried (a resend would rotate the secret again).
    pub async fn regenerate_secret(&self, client_id: &RecipientId) -> Result<RecipientSecret> {
        let request =
            Request::post("api/v1/recipients/{client_id}/secret").param("client_id", client_id);
        self.handle.send_json(request).await
    }
}
