//! Declarative helpers shared by the API families of the crate.
//!
//! Server-controlled string enums use `banking_core::wire_enum!`.

/// Declares a GUID identifier newtype: serde-transparent, `Display` and
/// `FromStr` in the hyphenated form Flinks uses.
macro_rules! uuid_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        $vis struct $name(uuid::Uuid);

        impl $name {
            /// Wraps a GUID.
            pub const fn new(id: uuid::Uuid) -> Self {
                Self(id)
            }

            /// The GUID inside.
            pub const fn as_uuid(&self) -> &uuid::Uuid {
                &self.0
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(id: uuid::Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for uuid::Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s).map(Self)
            }
        }
    };
}
pub(crate) use uuid_id;
