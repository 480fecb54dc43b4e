//! Typed identifiers of LYNKS resources.
//!
//! The docs say creates answer "an array of resource IDs" but not what an ID
//! looks like (research notes 1(e): "probably strings or UUIDs", inferred).
//! Every id here is therefore an opaque string that also decodes from a
//! JSON integer or from an object with an `id` member (`{"id": "..."}`),
//! so that the answer to a create, which may already have moved money,
//! decodes whichever of these forms the server uses. Ids go into paths
//! through banking-core, which percent-encodes them as one segment.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id as the API sent it.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                string_or_integer(d).map($name)
            }
        }
    };
}

id_type! {
    /// The id of a counterparty account.
    CounterpartyId
}
id_type! {
    /// The id of an ordering party account (one of your own bank accounts).
    AccountId
}
id_type! {
    /// The id of a credit transfer.
    CreditTransferId
}
id_type! {
    /// The id of a payment category.
    PaymentCategoryId
}
id_type! {
    /// The id of a statement transaction entry.
    TransactionId
}
id_type! {
    /// The id of an invoice.
    InvoiceId
}
id_type! {
    /// The id of a credit note.
    CreditNoteId
}

/// Reads a JSON string, an integer kept as its decimal text, or the `id`
/// member of an object.
fn string_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Visitor;

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (string, integer or object with an id)")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }

        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
            let mut id = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == "id" && id.is_none() {
                    id = Some(map.next_value::<Inner>()?.0);
                } else {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            id.ok_or_else(|| serde::de::Error::missing_field("id"))
        }
    }

    /// A string or integer id inside an object.
    struct Inner(String);

    impl<'de> Deserialize<'de> for Inner {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            string_or_integer(d).map(Inner)
        }
    }

    d.deserialize_any(Visitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decode_from_strings_and_integers() {
        let ids: Vec<CounterpartyId> =
            serde_json::from_str(r#"["7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11", 42]"#).unwrap();
        assert_eq!(ids[0].as_str(), "7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11");
        assert_eq!(ids[1], CounterpartyId::new("42"));
        assert_eq!(serde_json::to_string(&ids[1]).unwrap(), r#""42""#);
        let objects: Vec<CreditTransferId> =
            serde_json::from_str(r#"[{"id":"t-1","status":"DRAFT"},{"ref":"x","id":7}]"#).unwrap();
        assert_eq!(
            objects,
            [CreditTransferId::new("t-1"), CreditTransferId::new("7")]
        );
        assert!(serde_json::from_str::<AccountId>(r#"{"ref":"x"}"#).is_err());
        assert!(serde_json::from_str::<AccountId>(r#"{"id":{"id":"nested"}}"#).is_ok());
        assert!(serde_json::from_str::<AccountId>("1.5").is_err());
        assert!(serde_json::from_str::<AccountId>("null").is_err());
    }
}
