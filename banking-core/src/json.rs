//! JSON encoding and path-aware decoding.
//!
//! Decode errors name the JSON path of the failing value and show the start
//! of the body, so a provider's schema drift is found in seconds.
//!
//! ```
//! #[derive(serde::Deserialize, Debug)]
//! struct Page { items: Vec<Item> }
//! #[derive(serde::Deserialize, Debug)]
//! struct Item { id: u32 }
//!
//! let err = banking_core::json::from_slice::<Page>(br#"{"items":[{"id":1},{"id":"x"}]}"#)
//!     .unwrap_err();
//! assert!(err.to_string().contains("items[1].id"));
//! ```

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AuthError, DecodeError, Error, Result, excerpt};

/// Decodes `body` as `T`; errors carry the JSON path and a body excerpt.
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    decode_with_request_id(body, None)
}

pub(crate) fn decode_with_request_id<T: DeserializeOwned>(
    body: &[u8],
    request_id: Option<&str>,
) -> Result<T> {
    // Tracking the path costs an allocation per key and a copy per value,
    // so only a failed decode pays for it: decoding the same bytes again
    // fails at the same place, now with its path.
    serde_json::from_slice(body).map_err(|plain| decode_error::<T>(plain, body, request_id))
}

/// Decodes the answer of a credential endpoint (a login or token grant).
///
/// A failure is an [`Error::Auth`] naming the JSON path and the kind of
/// fault only: neither the body nor serde's message (which quotes the
/// offending value) is kept, since either could hold a token.
pub(crate) fn decode_credential<T: DeserializeOwned>(
    body: &[u8],
    status: u16,
    request_id: Option<&str>,
) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let fault = match e.inner().classify() {
            serde_json::error::Category::Data => "unexpected value",
            serde_json::error::Category::Eof => "truncated JSON",
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => "not JSON",
        };
        let mut error = AuthError::new(
            Some(status),
            None,
            Some(format!(
                "the credential answer could not be decoded at `{}`: {fault}",
                e.path()
            )),
        );
        error.request_id = request_id.map(str::to_owned);
        Error::Auth(Box::new(error))
    })
}

fn decode_error<T: DeserializeOwned>(
    plain: serde_json::Error,
    body: &[u8],
    request_id: Option<&str>,
) -> Error {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let (path, message) = match serde_path_to_error::deserialize::<_, T>(de) {
        Err(tracked) => (tracked.path().to_string(), tracked.inner().to_string()),
        // Decoding is deterministic, so this does not happen; the first
        // error is still reported rather than lost.
        Ok(_) => (String::from("."), plain.to_string()),
    };
    Error::Decode(Box::new(DecodeError {
        path,
        message,
        excerpt: excerpt(body),
        request_id: request_id.map(str::to_owned),
    }))
}

/// Encodes `value` as JSON bytes.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Bytes> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(|e| Error::validation("body", format!("cannot encode as JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        content: Vec<Inner>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        amount: u64,
    }

    #[test]
    fn decode_error_names_path_and_excerpt() {
        let body = br#"{"content":[{"amount":1},{"amount":1},{"amount":"no"}]}"#;
        let Err(Error::Decode(e)) = from_slice::<Outer>(body) else {
            panic!("expected a decode error")
        };
        assert_eq!(e.path, "content[2].amount");
        assert!(e.excerpt.starts_with(r#"{"content":["#));
    }

    #[test]
    fn truncated_body_is_a_decode_error() {
        let err = from_slice::<Outer>(br#"{"content":[{"amou"#).unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
    }

    #[test]
    fn trailing_garbage_is_a_decode_error_with_the_message() {
        let Err(Error::Decode(e)) = from_slice::<Outer>(br#"{"content":[]} <html>"#) else {
            panic!("expected a decode error")
        };
        assert!(e.message.contains("trailing characters"), "{}", e.message);
    }
}
