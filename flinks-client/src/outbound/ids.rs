//! String identifiers of the Outbound API.
//!
//! FDX and Outbound ids are opaque strings chosen by each Data Provider
//! (`"11"`, `"dc-7tf8..."`), not GUIDs, so they are typed as string
//! newtypes rather than `Uuid`.

/// Declares a string identifier newtype (`Display`, `AsRef<str>`, serde
/// transparent, `From<String>` / `From<&str>`).
macro_rules! string_id {
    ( $(#[$meta:meta])* $vis:vis struct $name:ident; ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        $vis struct $name(String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

pub(crate) use string_id;
