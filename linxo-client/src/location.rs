//! Ids of created resources, read from the `Location` header.
//!
//! `POST /users` answers with an empty body and `Location: /users/{id}`
//! (research notes 2(d), third-party code); the id is the last path segment.

use banking_core::error::DecodeError;
use banking_core::transport::Response;

/// The last path segment of the `Location` header, if any.
pub(crate) fn last_segment(response: &Response) -> Option<String> {
    let location = response.headers().get("location")?.to_str().ok()?;
    let path = location.split(['?', '#']).next()?;
    let id = path.trim_end_matches('/').rsplit('/').next()?;
    (!id.is_empty()).then(|| id.to_owned())
}

/// The error for a creation answer that does not say what it created.
pub(crate) fn missing(response: &Response, what: &str) -> banking_core::Error {
    banking_core::Error::Decode(Box::new(DecodeError {
        path: "Location".to_owned(),
        message: format!("the answer does not name the created {what}"),
        excerpt: String::from_utf8_lossy(response.body())
            .chars()
            .take(256)
            .collect(),
        request_id: response.request_id().map(str::to_owned),
    }))
}
