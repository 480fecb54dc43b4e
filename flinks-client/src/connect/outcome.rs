//! The shapes a Connect call answers with, and how they are told apart.
//!
//! Flinks puts the truth in the body: `FlinksCode` says pending or failed,
//! `SecurityChallenges` says MFA, and the HTTP status merely echoes it (and
//! has drifted between versions of the docs). So the body decides:
//!
//! | body | result |
//! |---|---|
//! | `FlinksCode` `OPERATION_PENDING` / `OPERATION_DISPATCHED` (any status) | pending |
//! | no `FlinksCode`, and 202 in `HttpStatusCode` (or the status) | pending |
//! | any other `FlinksCode` except `OK` / `CREATED` (even with a 2xx) | `Error::Api` |
//! | non-empty `SecurityChallenges` (Authorize only) | MFA required |
//! | otherwise, on a 2xx | ready |

use banking_core::error::ApiError;
use banking_core::transport::{Request, Transport};
use banking_core::{Error, Result};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::error::{FlinksCode, FlinksErrorDecoder};
use crate::ids::RequestId;

/// A hypermedia link of a Connect response (`{"rel", "href", "example"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// What the link points to (`AccountsDetail`, `GetAccountsDetailAsync`).
    #[serde(default)]
    pub rel: Option<String>,
    /// The path, relative to `BankingServices`.
    #[serde(default)]
    pub href: Option<String>,
    /// An example path, when given.
    #[serde(default)]
    pub example: Option<String>,
}

/// The result is still being prepared: `FlinksCode` `OPERATION_PENDING` or
/// `OPERATION_DISPATCHED`, usually with HTTP 202.
///
/// Poll the matching `*Async` endpoint with [`request_id`](Self::request_id),
/// or hand the whole [`Outcome`] to [`Connect::wait_ready`](super::Connect::wait_ready).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Pending {
    /// `OPERATION_PENDING` or `OPERATION_DISPATCHED` (`OPERATION_PENDING`
    /// for a bare 202 without a code).
    pub flinks_code: FlinksCode,
    /// The session to poll.
    pub request_id: RequestId,
    /// "Your operation is still processing".
    #[serde(default)]
    pub message: Option<String>,
    /// The HTTP status echoed in the body (202).
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// The `*Async` endpoint to poll.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub links: Vec<Link>,
}

/// A result that is either ready or still being prepared.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[must_use = "a pending outcome must be polled until it is ready"]
pub enum Outcome<T> {
    /// The data (HTTP 200).
    Ready(T),
    /// Not yet: poll the `*Async` endpoint (HTTP 202).
    Pending(Pending),
}

impl<T> Outcome<T> {
    /// The data, if ready.
    pub fn ready(self) -> Option<T> {
        match self {
            Outcome::Ready(value) => Some(value),
            Outcome::Pending(_) => None,
        }
    }

    /// The pending notice, if not ready.
    pub fn pending(&self) -> Option<&Pending> {
        match self {
            Outcome::Ready(_) => None,
            Outcome::Pending(pending) => Some(pending),
        }
    }
}

/// What a Connect response turned out to be: the data `T`, the data with
/// the `SecurityChallenges` `C` of an MFA answer, or a pending notice.
pub(crate) enum Answer<T, C> {
    Ready(T),
    Challenge(T, C),
    Pending(Pending),
}

/// The part of a body that decides what it is.
#[derive(Deserialize, Default)]
struct Envelope {
    #[serde(default, rename = "FlinksCode")]
    flinks_code: Option<FlinksCode>,
    #[serde(default, rename = "HttpStatusCode")]
    http_status_code: Option<u16>,
    #[serde(default, rename = "SecurityChallenges")]
    security_challenges: Option<Vec<IgnoredAny>>,
}

impl Envelope {
    /// The envelope alone, read in a pass of its own: for error bodies and
    /// for success bodies the data type does not decode.
    fn of(body: &[u8]) -> Self {
        serde_json::from_slice(body).unwrap_or_default()
    }

    /// A pending code; or, when the body has no code at all, a 202 in the
    /// body (or else the status): a bare 202 must never read as empty data.
    fn is_pending(&self, status: u16) -> bool {
        match &self.flinks_code {
            Some(code) => code.is_pending(),
            None => self.http_status_code.unwrap_or(status) == 202 && !self.has_challenges(),
        }
    }

    fn has_challenges(&self) -> bool {
        self.security_challenges
            .as_ref()
            .is_some_and(|challenges| !challenges.is_empty())
    }
}

/// A top-level key of a body, borrowed from it where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A body decoded once into `T` while its envelope fields are read on the
/// way: every top-level value is handed to `T` as it comes, and the three
/// envelope values (a code, a number and a short list) are also kept raw.
struct Scanned<'de, T> {
    value: T,
    envelope: Envelope,
    challenges: Option<&'de RawValue>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Scanned<'de, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct ScanVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ScanVisitor<T> {
            type Value = Scanned<'de, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut tap = Tap {
                    map,
                    key: None,
                    raw: RawEnvelope::default(),
                };
                let value = T::deserialize(MapAccessDeserializer::new(&mut tap))?;
                let (envelope, challenges) = tap.raw.read();
                Ok(Scanned {
                    value,
                    envelope,
                    challenges,
                })
            }
        }
        deserializer.deserialize_map(ScanVisitor(PhantomData))
    }
}

/// Which envelope field a top-level key names.
#[derive(Clone, Copy)]
enum Field {
    Code,
    Status,
    Challenges,
}

impl Field {
    fn of(key: &str) -> Option<Field> {
        match key {
            "FlinksCode" => Some(Field::Code),
            "HttpStatusCode" => Some(Field::Status),
            "SecurityChallenges" => Some(Field::Challenges),
            _ => None,
        }
    }
}

/// The envelope values as they appeared; `duplicate` when one appeared
/// twice, which the separate pass also rejects.
#[derive(Default)]
struct RawEnvelope<'de> {
    code: Option<&'de RawValue>,
    status: Option<&'de RawValue>,
    challenges: Option<&'de RawValue>,
    duplicate: bool,
}

impl<'de> RawEnvelope<'de> {
    fn slot(&mut self, field: Field) -> &mut Option<&'de RawValue> {
        match field {
            Field::Code => &mut self.code,
            Field::Status => &mut self.status,
            Field::Challenges => &mut self.challenges,
        }
    }

    /// The envelope the separate pass would have read: all of it, or
    /// nothing when any field has the wrong shape.
    fn read(self) -> (Envelope, Option<&'de RawValue>) {
        fn field<'a, V: Deserialize<'a>>(raw: Option<&'a RawValue>) -> Option<Option<V>> {
            match raw {
                None => Some(None),
                Some(raw) => serde_json::from_str(raw.get()).ok(),
            }
        }
        let read = || {
            if self.duplicate {
                return None;
            }
            Some(Envelope {
                flinks_code: field(self.code)?,
                http_status_code: field(self.status)?,
                security_challenges: field(self.challenges)?,
            })
        };
        (read().unwrap_or_default(), self.challenges)
    }
}

/// A [`MapAccess`] that passes every entry on and keeps the raw envelope
/// values.
struct Tap<'de, A> {
    map: A,
    key: Option<Field>,
    raw: RawEnvelope<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for &mut Tap<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, A::Error> {
        let Some(Key(key)) = self.map.next_key::<Key<'de>>()? else {
            return Ok(None);
        };
        self.key = Field::of(&key);
        match key {
            Cow::Borrowed(key) => seed.deserialize(BorrowedStrDeserializer::new(key)),
            Cow::Owned(key) => seed.deserialize(StringDeserializer::new(key)),
        }
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, A::Error> {
        let Some(field) = self.key.take() else {
            return self.map.next_value_seed(seed);
        };
        let raw: &'de RawValue = self.map.next_value()?;
        let seen = self.raw.slot(field).replace(raw).is_some();
        self.raw.duplicate |= seen;
        seed.deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
            .map_err(de::Error::custom)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// `{"SecurityChallenges": C}`, to decode the challenges again with their
/// JSON path when they do not decode as `C`.
#[derive(Deserialize)]
struct ChallengesOnly<C> {
    #[serde(rename = "SecurityChallenges")]
    challenges: C,
}

/// A pending body; `RequestId` may be missing from it, then the session the
/// call was made for is used.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PendingWire {
    #[serde(default)]
    flinks_code: Option<FlinksCode>,
    #[serde(default)]
    request_id: Option<RequestId>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    http_status_code: Option<u16>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    links: Vec<Link>,
}

fn decode_pending(body: &[u8], session: Option<RequestId>) -> Result<Pending> {
    let wire: PendingWire = banking_core::json::from_slice(body)?;
    let request_id = wire.request_id.or(session).ok_or_else(|| {
        Error::Decode(Box::new(banking_core::error::DecodeError {
            path: "RequestId".into(),
            message: "a pending answer must name the session to poll".into(),
            excerpt: String::from_utf8_lossy(&body[..body.len().min(256)]).into_owned(),
            request_id: None,
        }))
    })?;
    Ok(Pending {
        flinks_code: wire.flinks_code.unwrap_or(FlinksCode::OperationPending),
        request_id,
        message: wire.message,
        http_status_code: wire.http_status_code,
        links: wire.links,
    })
}

/// Sends a Connect call and sorts the answer by its body (see the module
/// docs). `session` is the `RequestId` the call was made for, if any.
///
/// A success body is decoded once, as `T`, with the envelope read on the
/// way; only a body that does not decode as `T` is read again, for its
/// envelope and then for the error with its JSON path. A pending answer,
/// small by nature, is decoded as [`Pending`].
pub(crate) async fn send<T: DeserializeOwned, C: DeserializeOwned>(
    transport: &Transport,
    request: Request,
    session: Option<RequestId>,
) -> Result<Answer<T, C>> {
    let response = match transport.send(request).await {
        Ok(response) => response,
        Err(Error::Api(api)) => {
            return match Envelope::of(&api.body).flinks_code {
                Some(code) if code.is_pending() => {
                    decode_pending(&api.body, session).map(Answer::Pending)
                }
                _ => Err(Error::Api(api)),
            };
        }
        Err(other) => return Err(other),
    };
    let body: &[u8] = response.body();
    let (value, envelope, challenges) = match serde_json::from_slice::<Scanned<'_, T>>(body) {
        Ok(scanned) => (Some(scanned.value), scanned.envelope, scanned.challenges),
        Err(_) => (None, Envelope::of(body), None),
    };
    if envelope.is_pending(response.status()) {
        return decode_pending(body, session).map(Answer::Pending);
    }
    if let Some(code) = &envelope.flinks_code
        && !code.is_success()
    {
        return Err(Error::Api(Box::new(ApiError::from_response(
            response.status(),
            response.headers().clone(),
            response.body().clone(),
            &FlinksErrorDecoder,
        ))));
    }
    // Either decoded, or the same decode again for its JSON path.
    let value = match value {
        Some(value) => value,
        None => response.json()?,
    };
    if !envelope.has_challenges() {
        return Ok(Answer::Ready(value));
    }
    let decoded = challenges.and_then(|raw| serde_json::from_str::<C>(raw.get()).ok());
    let challenges = match decoded {
        Some(challenges) => challenges,
        None => response.json::<ChallengesOnly<C>>()?.challenges,
    };
    Ok(Answer::Challenge(value, challenges))
}

/// [`send`] for calls that answer ready or pending; an MFA body here is
/// decoded as ready data (it cannot happen outside Authorize).
pub(crate) async fn send_outcome<T: DeserializeOwned>(
    transport: &Transport,
    request: Request,
    session: Option<RequestId>,
) -> Result<Outcome<T>> {
    match send::<T, IgnoredAny>(transport, request, session).await? {
        Answer::Ready(value) | Answer::Challenge(value, _) => Ok(Outcome::Ready(value)),
        Answer::Pending(pending) => Ok(Outcome::Pending(pending)),
    }
}

#[cfg(test)]
mod tests {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::connect::{AccountsDetail, Authorization, MfaChallenge, SecurityChallenge};

    fn fixture(name: &str) -> String {
        let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn session() -> RequestId {
        "1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap()
    }

    /// Serves `body` with `status` once and sorts the answer through [`send`].
    async fn sort<T: DeserializeOwned, C: DeserializeOwned>(
        status: u16,
        body: &str,
    ) -> Result<Answer<T, C>> {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json"),
            )
            .expect(1)
            .mount(&server)
            .await;
        let transport = Transport::builder(server.uri().parse().unwrap())
            .retry_policy(banking_core::retry::RetryPolicy::none())
            .build()
            .unwrap();
        send(
            &transport,
            Request::post("BankingServices/X"),
            Some(session()),
        )
        .await
    }

    #[tokio::test]
    async fn ready_data_is_the_plain_decode_of_the_body() {
        let body = fixture("seed_accounts_detail_200.json");
        let Answer::Ready(detail) = sort::<AccountsDetail, IgnoredAny>(200, &body)
            .await
            .unwrap()
        else {
            panic!("expected ready data")
        };
        let plain: AccountsDetail = banking_core::json::from_slice(body.as_bytes()).unwrap();
        assert_eq!(detail, plain);
        assert_eq!(
            detail.http_status_code,
            Some(200),
            "envelope fields reach the data too"
        );
    }

    #[tokio::test]
    async fn an_mfa_answer_keeps_the_session_and_decodes_the_challenges() {
        let body = fixture("research_authorize_203.json");
        let Answer::Challenge(session, challenges) =
            sort::<Authorization, Vec<SecurityChallenge>>(203, &body)
                .await
                .unwrap()
        else {
            panic!("expected an MFA challenge")
        };
        let plain: MfaChallenge = banking_core::json::from_slice(body.as_bytes()).unwrap();
        assert_eq!(session.request_id, plain.request_id);
        assert_eq!(session.institution, plain.institution);
        assert_eq!(session.http_status_code, Some(203));
        assert_eq!(session.links, plain.links);
        assert_eq!(challenges, plain.security_challenges);
    }

    #[tokio::test]
    async fn a_pending_code_wins_over_data_that_decodes() {
        // Every field of the data type is optional, so this body decodes as
        // data too: the code must still make it pending.
        let body = fixture("research_accounts_detail_202.json");
        for status in [200, 202] {
            let Answer::Pending(pending) = sort::<AccountsDetail, IgnoredAny>(status, &body)
                .await
                .unwrap()
            else {
                panic!("expected pending at {status}")
            };
            assert_eq!(pending.flinks_code, FlinksCode::OperationPending);
            let polled: RequestId = "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap();
            assert_eq!(pending.request_id, polled);
            assert_eq!(pending.http_status_code, Some(202));
        }
    }

    #[tokio::test]
    async fn a_bare_202_is_pending_for_the_session_of_the_call() {
        let Answer::Pending(pending) = sort::<AccountsDetail, IgnoredAny>(202, "{}").await.unwrap()
        else {
            panic!("expected pending")
        };
        assert_eq!(pending.request_id, session());
    }

    #[tokio::test]
    async fn an_error_code_in_a_2xx_body_is_an_api_error() {
        let body = fixture("seed_accounts_summary_async_400.json");
        let err = sort::<AccountsDetail, IgnoredAny>(200, &body)
            .await
            .err()
            .expect("an error code is never data");
        let Error::Api(api) = &err else {
            panic!("expected Error::Api, got {err:?}")
        };
        assert_eq!(api.code.as_deref(), Some("SESSION_NONEXISTENT"));
        assert_eq!(api.status, 200);
    }

    #[tokio::test]
    async fn an_error_code_on_an_error_status_stays_an_api_error() {
        let body = fixture("seed_accounts_summary_async_400.json");
        let err = sort::<AccountsDetail, IgnoredAny>(400, &body)
            .await
            .err()
            .unwrap();
        assert!(matches!(err, Error::Api(_)), "{err:?}");
    }

    #[tokio::test]
    async fn a_body_that_does_not_decode_names_the_json_path() {
        let body = r#"{"HttpStatusCode": 200, "Accounts": [7]}"#;
        let err = sort::<AccountsDetail, IgnoredAny>(200, body)
            .await
            .err()
            .unwrap();
        let Error::Decode(decode) = &err else {
            panic!("expected Error::Decode, got {err:?}")
        };
        assert!(decode.path.starts_with("Accounts[0]"), "{}", decode.path);
    }

    #[tokio::test]
    async fn challenges_that_do_not_decode_name_their_path() {
        let body = r#"{"RequestId": "a10fbd41-d942-4a1f-b202-16f63b5a9a81", "SecurityChallenges": [{"Type": "QuestionAndAnswer"}]}"#;
        let err = sort::<Authorization, Vec<SecurityChallenge>>(203, body)
            .await
            .err()
            .unwrap();
        let Error::Decode(decode) = &err else {
            panic!("expected Error::Decode, got {err:?}")
        };
        assert!(
            decode.path.starts_with("SecurityChallenges[0]"),
            "{}",
            decode.path
        );
    }

    #[test]
    fn the_envelope_read_on_the_way_is_the_one_a_separate_pass_reads() {
        let bodies = [
            fixture("seed_accounts_detail_200.json"),
            fixture("research_accounts_detail_202.json"),
            fixture("research_authorize_203.json"),
            fixture("seed_accounts_summary_async_400.json"),
            // Wrong shapes and repeated keys: the separate pass reads no
            // envelope at all, and neither may the single one.
            r#"{"FlinksCode": 7, "HttpStatusCode": 202}"#.to_owned(),
            r#"{"HttpStatusCode": "202", "FlinksCode": "OPERATION_PENDING"}"#.to_owned(),
            r#"{"FlinksCode": "OK", "FlinksCode": "OPERATION_PENDING"}"#.to_owned(),
            r#"{"SecurityChallenges": null, "HttpStatusCode": 202}"#.to_owned(),
            r#"{"SecurityChallenges": [], "FlinksCode": "\u004fK"}"#.to_owned(),
            r#"{"Flinks\u0043ode": "OPERATION_DISPATCHED"}"#.to_owned(),
        ];
        for body in &bodies {
            let scanned: Scanned<'_, IgnoredAny> = serde_json::from_str(body).unwrap();
            let separate = Envelope::of(body.as_bytes());
            assert_eq!(scanned.envelope.flinks_code, separate.flinks_code, "{body}");
            assert_eq!(
                scanned.envelope.http_status_code, separate.http_status_code,
                "{body}"
            );
            assert_eq!(
                scanned.envelope.has_challenges(),
                separate.has_challenges(),
                "{body}"
            );
            for status in [200, 202] {
                assert_eq!(
                    scanned.envelope.is_pending(status),
                    separate.is_pending(status),
                    "{body}"
                );
            }
        }
    }
}
