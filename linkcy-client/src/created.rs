//! The answer of Linkcy's create endpoints.

use serde::{Deserialize, Serialize};

/// `201 Created` (and the `200` of mandate activation/cancellation): the id
/// of the resource (seed: `{"id": "497f6eca-..."}`), typed by the resource
/// created (for example `Created<LedgerId>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Created<I> {
    /// The id of the created (or changed) resource.
    pub id: I,
}
