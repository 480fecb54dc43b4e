//! Typed identifiers, so one resource's id can never be passed where
//! another's is expected.
//!
//! [`uuid_id!`](crate::uuid_id) declares a `Copy` newtype over a UUID;
//! [`string_id!`](crate::string_id) an opaque string id that also decodes
//! from a JSON integer (kept as its decimal text, so a long id or a leading
//! zero survives) for APIs whose ids are numeric on some endpoints.
//!
//! ```
//! banking_core::uuid_id! {
//!     /// A consent.
//!     ConsentId
//! }
//! banking_core::string_id! {
//!     /// A user.
//!     UserId
//! }
//!
//! let consent: ConsentId = "67e55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap();
//! assert_eq!(consent.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
//! let user: UserId = serde_json::from_str("63723418").unwrap();
//! assert_eq!(user.as_str(), "63723418");
//! assert_eq!(serde_json::to_string(&user).unwrap(), r#""63723418""#);
//! ```

use std::fmt;

use serde::Deserializer;
use serde::de::{Error, Visitor};

/// Declares a UUID identifier newtype: serde-transparent, `Copy`,
/// `Display` and `FromStr` in the hyphenated form.
#[macro_export]
macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($crate::__private::uuid::Uuid);

        impl $name {
            /// Wraps a UUID.
            pub const fn new(id: $crate::__private::uuid::Uuid) -> Self {
                Self(id)
            }

            /// The UUID inside.
            pub const fn as_uuid(&self) -> &$crate::__private::uuid::Uuid {
                &self.0
            }
        }

        impl From<$crate::__private::uuid::Uuid> for $name {
            fn from(id: $crate::__private::uuid::Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for $crate::__private::uuid::Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::__private::uuid::Error;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::__private::uuid::Uuid::parse_str(s).map(Self)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.0, s)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <$crate::__private::uuid::Uuid as $crate::__private::serde::Deserialize>::deserialize(d)
                    .map(Self)
            }
        }
    };
}

/// Declares an opaque string identifier newtype: serialized as a string,
/// decoded from a string or an integer; `Display`, `AsRef<str>`,
/// `From<String>` and `From<&str>`.
#[macro_export]
macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id as the API sent it.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::ids::string_or_integer(d).map(Self)
            }
        }
    };
}

/// Reads a JSON string, or an integer as its decimal text (used by
/// [`string_id!`](crate::string_id)).
pub fn string_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;

    impl Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (string or integer)")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }

        fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    d.deserialize_any(Text)
}

#[cfg(test)]
mod tests {
    // The macros write the public API of real id types; here they are local.
    #![allow(dead_code, unreachable_pub)]

    crate::string_id! {
        /// Test id.
        SomeId
    }
    crate::uuid_id! {
        /// Test id.
        SomeUuid
    }

    #[test]
    fn string_ids_decode_strings_and_integers_only() {
        let id: SomeId = serde_json::from_str(r#""0042""#).unwrap();
        assert_eq!(id.as_str(), "0042");
        let id: SomeId = serde_json::from_str("18446744073709551615").unwrap();
        assert_eq!(id.to_string(), "18446744073709551615");
        assert!(serde_json::from_str::<SomeId>("1.5").is_err());
        assert!(serde_json::from_str::<SomeId>("{}").is_err());
    }

    #[test]
    fn uuid_ids_round_trip() {
        let text = r#""67e55044-10b1-426f-9247-bb680e5fe0c8""#;
        let id: SomeUuid = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), text);
        assert!("not-a-uuid".parse::<SomeUuid>().is_err());
    }
}
