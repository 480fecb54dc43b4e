//! Pay error bodies: RFC 7807 problem details (`400/401/403 ProblemDetails`
//! in the v2 session specs, research notes `[DOC]`).

use banking_core::error::{ErrorDecoder, ErrorDetails, FieldError};
use serde::{Deserialize, Serialize};

/// An RFC 7807 problem details body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProblemDetails {
    /// URI of the problem type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub problem_type: Option<String>,
    /// Short summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// HTTP status echoed in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Trace id, for support requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// Validation messages per field.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub errors: std::collections::BTreeMap<String, Vec<String>>,
}

/// Fills [`banking_core::error::ApiError`] from problem details: message
/// from `detail` (else `title`), one field error per validation message.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PayErrorDecoder;

impl ErrorDecoder for PayErrorDecoder {
    fn decode(&self, status: u16, body: &[u8]) -> ErrorDetails {
        match serde_json::from_slice::<ProblemDetails>(body) {
            Ok(problem)
                if problem.title.is_some()
                    || problem.detail.is_some()
                    || !problem.errors.is_empty() =>
            {
                let field_errors = problem
                    .errors
                    .iter()
                    .flat_map(|(field, messages)| {
                        messages.iter().map(|message| {
                            FieldError::new(Some(field.clone()), Some(message.clone()))
                        })
                    })
                    .collect();
                ErrorDetails::new(problem.problem_type, problem.detail.or(problem.title))
                    .with_field_errors(field_errors)
            }
            _ => banking_core::error::GenericErrorDecoder.decode(status, body),
        }
    }
}

/// Typed Pay error bodies from a [`banking_core::Error`].
pub trait PayErrorExt {
    /// The problem details of an API error, when the body has that shape.
    fn problem_details(&self) -> Option<ProblemDetails>;
}

impl PayErrorExt for banking_core::Error {
    fn problem_details(&self) -> Option<ProblemDetails> {
        let problem: ProblemDetails = serde_json::from_slice(self.raw_body()?).ok()?;
        (problem.title.is_some() || problem.detail.is_some() || problem.status.is_some())
            .then_some(problem)
    }
}
