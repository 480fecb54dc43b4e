//! Faults a real network produces, against raw TCP servers: truncated bodies,
//! slow bodies, connections dropped mid-response.

use std::time::Duration;

use banking_core::Error;
use banking_core::retry::RetryPolicy;
use banking_core::transport::{Request, Transport};

use crate::fault_server::{FaultServer, Reply};

/// Serves every request with `reply` (raw bytes), then waits `hold`
/// before closing.
async fn raw_server(reply: &'static [u8], hold: Duration) -> (Transport, FaultServer) {
    let server = FaultServer::start().await;
    server.script_others(vec![Reply::Raw {
        bytes: reply.to_vec(),
        hold,
    }]);
    let transport = Transport::builder(server.url())
        .attempt_timeout(Duration::from_millis(300))
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        )
        // Declared, so keyed writes are sent (and retried) with their key.
        .idempotency_header("Idempotency-Key")
        .build()
        .unwrap();
    (transport, server)
}

const TRUNCATED: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"amount\": 12";

const SLOW_HEADERS_ONLY: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n{";

#[tokio::test]
async fn truncated_body_on_a_read_is_retried_then_reported() {
    let (t, server) = raw_server(TRUNCATED, Duration::ZERO).await;
    let err = t.send(Request::get("/accounts")).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn truncated_body_on_a_write_is_outcome_unknown_and_sent_once() {
    let (t, server) = raw_server(TRUNCATED, Duration::ZERO).await;
    let req = Request::post("/payments")
        .json(&serde_json::json!({"amount": "10.00"}))
        .unwrap();
    let err = t.send(req).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn slow_body_hits_the_attempt_deadline() {
    let (t, server) = raw_server(SLOW_HEADERS_ONLY, Duration::from_secs(5)).await;
    let err = t.send(Request::get("/accounts")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(server.received().len(), 3, "reads retry after a timeout");
}

#[tokio::test]
async fn slow_body_on_a_keyed_write_is_retried_with_its_key() {
    let (t, server) = raw_server(SLOW_HEADERS_ONLY, Duration::from_secs(5)).await;
    let err = t
        .send(Request::post("/payments").idempotency_key("k-1"))
        .await
        .unwrap_err();
    assert!(err.is_timeout() && !err.is_outcome_unknown(), "{err:?}");
    assert_eq!(server.received().len(), 3);
}

/// A chunked 2 KiB body: no content length, so the cap applies while reading.
fn chunked_2k() -> &'static [u8] {
    let mut reply = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n800\r\n".to_vec();
    reply.extend(std::iter::repeat_n(b'x', 0x800));
    reply.extend_from_slice(b"\r\n0\r\n\r\n");
    Box::leak(reply.into_boxed_slice())
}

#[tokio::test]
async fn chunked_body_without_length_is_capped_while_reading() {
    let (t, _) = raw_server(chunked_2k(), Duration::ZERO).await;
    let small = Transport::builder(t.base_url().clone())
        .max_response_bytes(1000)
        .build()
        .unwrap();
    let err = small.send(Request::get("/big")).await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1000 }),
        "{err:?}"
    );
    let ok = t.send(Request::get("/big")).await.unwrap();
    assert_eq!(ok.body().len(), 0x800);
}
