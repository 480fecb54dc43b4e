//! Typed identifiers.
//!
//! Linxo ids are numeric strings on the wire (`"63723418"`, research notes
//! 2(e)); they are kept as text, never parsed as numbers, so an id longer
//! than an integer type or with a leading zero survives. A bare JSON number
//! is accepted too, in case an endpoint sends one (not seen; forward
//! compatibility).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// An id from its text.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.0)
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

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(IdVisitor).map($name)
            }
        }
    };
}

/// Reads an id from a JSON string or integer.
struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id (string or integer)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

id_type! {
    /// A Linxo Connect user id.
    UserId
}
id_type! {
    /// A connection id (the link between a user and a provider).
    ConnectionId
}
id_type! {
    /// An account id.
    AccountId
}
id_type! {
    /// A transaction id.
    TransactionId
}
id_type! {
    /// A provider (financial institution) id.
    ProviderId
}
id_type! {
    /// A channel definition id: one provider's REDIRECT or EMBEDDED channel
    /// (`"102201"`). Events and webhooks name the channel they concern with
    /// it.
    ChannelDefinitionId
}
id_type! {
    /// A transaction category id. Categories are named by readable ids
    /// (`"SERVICES"`, `"UNCATEGORIZED"`, research notes 2(e)).
    CategoryId
}
id_type! {
    /// A widget session id (`session_id`), put in the widget URLs.
    WidgetSessionId
}
id_type! {
    /// An event queue id.
    QueueId
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decode_from_strings_and_integers_and_encode_as_strings() {
        let id: AccountId = serde_json::from_str(r#""0063723418""#).unwrap();
        assert_eq!(id.as_str(), "0063723418");
        let id: AccountId = serde_json::from_str("63723418").unwrap();
        assert_eq!(id, AccountId::from("63723418"));
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""63723418""#);
        assert!(serde_json::from_str::<AccountId>("1.5").is_err());
        assert_eq!(format!("{id:?}"), r#"AccountId("63723418")"#);
    }
}
