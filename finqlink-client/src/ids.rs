//! Typed identifiers, so a consent id can never be passed where a link id is
//! expected.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a UUID.
            pub const fn new(id: Uuid) -> Self {
                Self(id)
            }

            /// The UUID.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an identifier as FinqLink sent or documented it.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier as a string.
            pub fn as_str(&self) -> &str {
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

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

uuid_id!(
    /// A payment link's internal id (`link_id` in webhooks; "The payment link
    /// UUID").
    LinkId
);

uuid_id!(
    /// An AIS consent's id (`consent_id`, a UUID in the docs' samples).
    ConsentId
);

string_id!(
    /// A data refresh job's id (`job_id`). Documented as a UUID, but the
    /// docs' own webhook sample sends `"job-uuid-456"`, so any string is
    /// accepted.
    JobId
);

string_id!(
    /// A link's or consent's public identifier used in WebUI URLs (`web_id`).
    WebId
);

string_id!(
    /// A provider's unique code, e.g. `rzb_ro`, `bt_ro`, `cec_ro`.
    ProviderId
);

string_id!(
    /// An account id inside a consent's data (format not documented).
    AccountId
);

string_id!(
    /// A transaction id inside a consent's data (format not documented).
    TransactionId
);
