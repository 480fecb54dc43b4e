//! Faults a real network produces, against raw TCP servers: truncated bodies,
//! slow bodies, connections dropped mid-response.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use banking_core::Error;
use banking_core::retry::RetryPolicy;
use banking_core::transport::{Request, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves every connection with `reply` (raw bytes), then waits `hold`
/// before closing; counts connections.
async fn raw_server(reply: &'static [u8], hold: Duration) -> (Transport, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = sock.read(&mut buf).await;
                let _ = sock.write_all(reply).await;
                tokio::time::sleep(hold).await;
            });
        }
    });
    let transport = Transport::builder(format!("http://{addr}/").parse().unwrap())
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
    (transport, count)
}

const TRUNCATED: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"amount\": 12";

const SLOW_HEADERS_ONLY: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n{";

#[tokio::test]
async fn truncated_body_on_a_read_is_retried_then_reported() {
    let (t, count) = raw_server(TRUNCATED, Duration::ZERO).await;
    let err = t.send(Request::get("/accounts")).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn truncated_body_on_a_write_is_outcome_unknown_and_sent_once() {
    let (t, count) = raw_server(TRUNCATED, Duration::ZERO).await;
    let req = Request::post("/payments")
        .json(&serde_json::json!({"amount": "10.00"}))
        .unwrap();
    let err = t.send(req).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn slow_body_hits_the_attempt_deadline() {
    let (t, count) = raw_server(SLOW_HEADERS_ONLY, Duration::from_secs(5)).await;
    let err = t.send(Request::get("/accounts")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(
        count.load(Ordering::SeqCst),
        3,
        "reads retry after a timeout"
    );
}

#[tokio::test]
async fn slow_body_on_a_keyed_write_is_retried_with_its_key() {
    let (t, count) = raw_server(SLOW_HEADERS_ONLY, Duration::from_secs(5)).await;
    let err = t
        .send(Request::post("/payments").idempotency_key("k-1"))
        .await
        .unwrap_err();
    assert!(err.is_timeout() && !err.is_outcome_unknown(), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 3);
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
