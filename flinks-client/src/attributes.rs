//! Attribute cards: what Enrich and Upload return.
//!
//! A card is an open map of attribute name → value (`sum_debits_30_days`,
//! ...): Flinks adds attributes all the time, so names stay strings and
//! values keep their JSON kind, numbers decoded exactly.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use banking_core::{Error, Result};

use crate::ids::RequestId;
use crate::login::Login;

/// The value of one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttributeValue {
    /// `null`: not computable for this login.
    Null,
    /// A flag.
    Bool(bool),
    /// A number, exact (amounts, counts, ratios).
    Number(Decimal),
    /// A text.
    Text(String),
    /// Anything else (arrays, objects, numbers beyond `Decimal`), as raw
    /// JSON text.
    Json(String),
}

impl AttributeValue {
    /// The number, if this is one.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            AttributeValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The text, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttributeValue::Text(s) => Some(s),
            _ => None,
        }
    }

    fn from_raw(raw: &RawValue) -> Self {
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'n') => AttributeValue::Null,
            Some(b't') => AttributeValue::Bool(true),
            Some(b'f') => AttributeValue::Bool(false),
            Some(b'"') => serde_json::from_str(text)
                .map(AttributeValue::Text)
                .unwrap_or_else(|_| AttributeValue::Json(text.to_owned())),
            Some(b'-' | b'0'..=b'9') => Decimal::from_str_exact(text)
                .or_else(|_| Decimal::from_scientific(text))
                .map(AttributeValue::Number)
                .unwrap_or_else(|_| AttributeValue::Json(text.to_owned())),
            _ => AttributeValue::Json(text.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(AttributeValue::from_raw(&raw))
    }
}

impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AttributeValue::Null => serializer.serialize_none(),
            AttributeValue::Bool(b) => serializer.serialize_bool(*b),
            AttributeValue::Number(n) => {
                banking_core::money::wire::exact_number::serialize(n, serializer)
            }
            AttributeValue::Text(s) => serializer.serialize_str(s),
            AttributeValue::Json(text) => RawValue::from_string(text.clone())
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
        }
    }
}

/// A transaction behind an attribute (when asked for with
/// `AttributesDetail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AttributeTransaction {
    /// Transaction id (Flinks' GUID, or yours for uploaded data).
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// Account id (Flinks' GUID, or yours for uploaded data).
    #[serde(default)]
    pub account_id: Option<String>,
    /// Booking date.
    #[serde(default, with = "crate::datetime::lenient_date")]
    pub date: Option<NaiveDate>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Money out.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub debit: Option<Decimal>,
    /// Money in.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub credit: Option<Decimal>,
    /// Running balance.
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub balance: Option<Decimal>,
}

/// The transactions behind one attribute, as the Upload answer lists them
/// inside the card (`Card.AttributesDetail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AttributeDetail {
    /// The attribute name.
    #[serde(default)]
    pub attribute: Option<String>,
    /// Its transactions.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub transactions: Vec<AttributeTransaction>,
}

/// An attribute card: the login id (or your `UserIdentifier`) and the
/// attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttributeCard {
    /// `Id`: the `LoginId`, or the `UserIdentifier` of an upload.
    pub id: Option<String>,
    /// Attribute name → value.
    pub values: BTreeMap<String, AttributeValue>,
    /// `AttributesDetail` inside the card (Upload answers).
    pub details: Vec<AttributeDetail>,
}

impl AttributeCard {
    /// The value of attribute `name`.
    pub fn get(&self, name: &str) -> Option<&AttributeValue> {
        self.values.get(name)
    }
}

impl<'de> Deserialize<'de> for AttributeCard {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CardVisitor;

        impl<'de> Visitor<'de> for CardVisitor {
            type Value = AttributeCard;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an attribute card object")
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<AttributeCard, E> {
                Ok(AttributeCard::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AttributeCard, A::Error> {
                let mut card = AttributeCard::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "Id" | "id" => {
                            card.id = match map.next_value::<AttributeValue>()? {
                                AttributeValue::Null => None,
                                AttributeValue::Text(s) => Some(s),
                                AttributeValue::Number(n) => Some(n.to_string()),
                                other => Some(format!("{other:?}")),
                            }
                        }
                        "AttributesDetail" => {
                            card.details = map
                                .next_value::<Option<Vec<AttributeDetail>>>()?
                                .unwrap_or_default();
                        }
                        _ => {
                            let value = map.next_value::<AttributeValue>()?;
                            card.values.insert(key, value);
                        }
                    }
                }
                Ok(card)
            }
        }

        deserializer.deserialize_option(OptionCard(CardVisitor))
    }
}

/// Lets a `null` card decode as an empty one.
struct OptionCard<V>(V);

impl<'de, V: Visitor<'de, Value = AttributeCard>> Visitor<'de> for OptionCard<V> {
    type Value = AttributeCard;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<AttributeCard, E> {
        Ok(AttributeCard::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<AttributeCard, D::Error> {
        deserializer.deserialize_map(self.0)
    }
}

impl Serialize for AttributeCard {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(id) = &self.id {
            map.serialize_entry("Id", id)?;
        }
        for (name, value) in &self.values {
            map.serialize_entry(name, value)?;
        }
        if !self.details.is_empty() {
            map.serialize_entry("AttributesDetail", &self.details)?;
        }
        map.end()
    }
}

/// The answer of an attribute package, the custom `/Attributes` request or
/// an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Attributes {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The attributes.
    #[serde(default)]
    pub card: AttributeCard,
    /// The login (Enrich).
    #[serde(default)]
    pub login: Option<Login>,
    /// The session (`RequestId`; `requestId` in Upload answers).
    #[serde(default, alias = "requestId")]
    pub request_id: Option<RequestId>,
    /// Attribute name → the transactions behind it (`AttributesDetails`;
    /// also read as `AttributeDetails`, the spelling of another docs page).
    #[serde(
        default,
        rename = "AttributesDetails",
        alias = "AttributeDetails",
        deserialize_with = "crate::nullable::or_default"
    )]
    pub attributes_details: BTreeMap<String, Vec<AttributeTransaction>>,
}

/// Attribute names must be non-empty (a repeated name is the server's to
/// judge: the docs do not forbid it).
pub(crate) fn validate_names(field: &str, names: &[String]) -> Result<()> {
    if let Some(i) = names.iter().position(|name| name.trim().is_empty()) {
        return Err(Error::validation(
            format!("{field}[{i}]"),
            "must not be empty",
        ));
    }
    Ok(())
}
