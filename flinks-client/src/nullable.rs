//! Flinks (an ASP.NET API) may send `null` where a list is expected.

use serde::{Deserialize, Deserializer};

/// Deserializes `null` (or a missing field, with `#[serde(default)]`) as the
/// type's default, e.g. an empty list.
pub(crate) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}
