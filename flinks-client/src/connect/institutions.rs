//! `Institutions` and `Institutions/RoutingNumber/{routingNumber}`: the
//! institutions Flinks connects to.

use std::fmt;
use std::str::FromStr;

use banking_core::transport::Request;
use banking_core::{Error, Result};
use serde::{Deserialize, Serialize};

use super::Connect;

const LIST_PATH: &str = "BankingServices/Institutions";
const BY_ROUTING_PATH: &str = "BankingServices/Institutions/RoutingNumber/{routingNumber}";

/// A US ABA routing number: nine digits, leading zeros kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoutingNumber(String);

impl RoutingNumber {
    /// Checks that `value` is nine ASCII digits.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        if value.len() == 9 && value.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(value))
        } else {
            Err(Error::validation(
                "routingNumber",
                format!("{value:?} is not a nine-digit routing number"),
            ))
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for RoutingNumber {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl fmt::Display for RoutingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

banking_core::wire_enum! {
    /// Whether Flinks can connect to an institution (`Status`).
    InstitutionStatus {
        /// Available.
        Enabled = "Enabled",
    }
}

/// A link of an institution (`{"Type": "Main", "Url": "https://www.chase.com/"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InstitutionUrl {
    /// What the URL is (`Main`).
    #[serde(default, rename = "Type")]
    pub kind: Option<String>,
    /// The URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// The institution's name and links in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Localization {
    /// Language code (`en`).
    #[serde(default)]
    pub language: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Links.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub urls: Vec<InstitutionUrl>,
}

/// An institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Institution {
    /// Flinks' institution id.
    pub id: u32,
    /// Names and links per language.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub localizations: Vec<Localization>,
    /// Availability.
    #[serde(default)]
    pub status: Option<InstitutionStatus>,
    /// Country code (`US`, `CA`).
    #[serde(default)]
    pub country: Option<String>,
    /// US routing numbers of the institution.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub routing_numbers: Vec<String>,
}

impl Institution {
    /// The name in `language` (`"en"`, `"fr"`), if localized.
    pub fn name(&self, language: &str) -> Option<&str> {
        self.localizations
            .iter()
            .find(|l| l.language.as_deref() == Some(language))
            .and_then(|l| l.name.as_deref())
    }
}

impl Connect<'_> {
    /// `GET Institutions`: every institution.
    ///
    /// The docs name this endpoint but show no sample; the answer is read as
    /// a list of the objects `Institutions/RoutingNumber` returns (inferred).
    /// Sent with `flinks-auth-key: <secret key>` like
    /// `Institutions/RoutingNumber` (the credential is inferred from that
    /// sibling).
    pub async fn institutions(&self) -> Result<Vec<Institution>> {
        let http = Request::get(LIST_PATH).auth(self.handle.client().secret_key_auth());
        self.handle.send_json(http).await
    }

    /// `GET Institutions/RoutingNumber/{routingNumber}`: the US institution
    /// of a routing number. An unknown number answers 404
    /// (`err.is_not_found()`).
    ///
    /// Sent with `flinks-auth-key: <secret key>`: the seed's OpenAPI
    /// fragment for this endpoint names the `flinks-auth-key` header
    /// ("Bearer token"); that it carries the secret key is inferred.
    pub async fn institution_by_routing_number(
        &self,
        routing_number: &RoutingNumber,
    ) -> Result<Institution> {
        let http = Request::get(BY_ROUTING_PATH)
            .param("routingNumber", routing_number)
            .auth(self.handle.client().secret_key_auth());
        self.handle.send_json(http).await
    }
}
