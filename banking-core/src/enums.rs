//! Server-controlled enums that keep values this version does not know.
//!
//! [`wire_enum!`](crate::wire_enum) declares an enum whose variants map to
//! wire strings, plus an `Unknown(String)` variant that keeps anything else:
//! a provider adding a status never breaks decoding, and the value survives a
//! round trip. Unknown values are logged at `debug`, never `warn`.
//!
//! ```
//! banking_core::wire_enum! {
//!     /// A link status.
//!     LinkStatus {
//!         /// Created, not yet opened.
//!         Created = "created",
//!         /// Paid.
//!         Completed = "completed",
//!     }
//! }
//!
//! let s: LinkStatus = serde_json::from_str(r#""funds_received""#).unwrap();
//! assert_eq!(s, LinkStatus::Unknown("funds_received".into()));
//! assert_eq!(serde_json::to_string(&s).unwrap(), r#""funds_received""#);
//! assert_eq!(LinkStatus::from("created"), LinkStatus::Created);
//! ```

/// Declares a string enum with an `Unknown(String)` fallback; see the
/// [module docs](crate::enums).
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown(s) => s,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)*
                    other => {
                        $crate::__private::tracing::debug!(value = other, r#type = stringify!($name), "unknown enum value kept");
                        $name::Unknown(other.to_owned())
                    }
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                // Known values are matched on the borrowed text: only an
                // unknown one is copied.
                struct WireVisitor;

                impl $crate::__private::serde::de::Visitor<'_> for WireVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }

                    fn visit_str<E: $crate::__private::serde::de::Error>(self, s: &str) -> ::std::result::Result<$name, E> {
                        Ok($name::from(s))
                    }
                }

                d.deserialize_str(WireVisitor)
            }
        }
    };
}
