//! Transport behaviour: retries, re-authentication, deadlines, caps, hygiene.

use std::sync::atomic::Ordering;
use std::time::Duration;

use banking_core::Error;
use banking_core::auth::{ApiKeyHeader, BearerAuth, StaticBearer, TokenCache};
use banking_core::error::TimeoutKind;
use banking_core::retry::RetryPolicy;
use banking_core::testkit::LogCapture;
use banking_core::transport::{CallOptions, Request, Transport};
use secrecy::SecretString;
use tracing::Instrument;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{Counting, counting_bearer, dropping_server};

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn transport(server: &MockServer) -> Transport {
    Transport::builder(server.uri().parse().unwrap())
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn get_is_retried_on_503_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let v: serde_json::Value = transport(&server)
        .send_json(Request::get("/x"))
        .await
        .unwrap();
    assert_eq!(v["ok"], true);
}

#[tokio::test]
async fn unkeyed_post_is_not_retried_on_503() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let req = Request::post("/payments")
        .json(&serde_json::json!({"amount": "1.00"}))
        .unwrap();
    let err = transport(&server).send(req).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn keyed_post_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("Idempotency-Key", "key-123"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("Idempotency-Key", "key-123"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .retry_policy(fast_retries())
        .idempotency_header("Idempotency-Key")
        .build()
        .unwrap();
    let req = Request::post("/payments").idempotency_key("key-123");
    let res = t.send(req).await.unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.idempotency_key(), Some("key-123"));
}

#[tokio::test]
async fn read_only_post_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(504))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let res = transport(&server)
        .send(Request::post("/links/list").read_only())
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    transport(&server).send(Request::get("/x")).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn dropped_connection_on_unkeyed_write_is_outcome_unknown_and_not_resent() {
    let (url, seen) = dropping_server(3).await;
    let t = Transport::builder(url.parse().unwrap())
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let req = Request::post("/transfers")
        .json(&serde_json::json!({"amount": 10}))
        .unwrap();
    let err = t.send(req).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(
        seen.load(Ordering::SeqCst),
        1,
        "a write must never be resent blindly"
    );
}

#[tokio::test]
async fn dropped_connection_on_read_is_retried() {
    let (url, seen) = dropping_server(3).await;
    let t = Transport::builder(url.parse().unwrap())
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = t.send(Request::get("/x")).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn refused_connection_is_retried_even_for_writes() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let t = Transport::builder(format!("http://{addr}/").parse().unwrap())
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = t.send(Request::post("/transfers")).await.unwrap_err();
    let Error::Transport(e) = &err else {
        panic!("{err:?}")
    };
    assert!(e.not_sent);
    assert!(err.is_retryable());
}

#[tokio::test]
async fn unauthorized_invalidates_and_retries_once() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let auth = counting_bearer();
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(auth.clone())
        .build()
        .unwrap();
    // Even a write: a 401 is refused before any effect.
    let res = t.send(Request::post("/transfers")).await.unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(auth.cache().source().0.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_status_the_api_refuses_tokens_with_also_refreshes_once() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(400))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(400).set_body_string(r#"{"message":"bad"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let auth = BearerAuth::refused_with_statuses(TokenCache::new(Counting::default()), &[400]);
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(auth.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    // One refresh, then the second 400 is the answer; a plain bearer does
    // not refresh on 400.
    let err = t.send(Request::post("/recipients")).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(auth.cache().source().0.load(Ordering::SeqCst), 2);

    let plain = counting_bearer();
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(plain.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        t.send(Request::get("/x")).await.unwrap_err().status(),
        Some(400)
    );
    assert_eq!(plain.cache().source().0.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn second_unauthorized_is_returned() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string(r#"{"error":"bad token"}"#))
        .expect(2)
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(counting_bearer())
        .build()
        .unwrap();
    let err = t.send(Request::get("/x")).await.unwrap_err();
    assert!(err.is_unauthorized());
}

#[tokio::test]
async fn static_credentials_do_not_retry_401() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(StaticBearer::new(SecretString::from("fixed")))
        .build()
        .unwrap();
    assert!(
        t.send(Request::get("/x"))
            .await
            .unwrap_err()
            .is_unauthorized()
    );
}

#[tokio::test]
async fn attempt_timeout_on_slow_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .attempt_timeout(Duration::from_millis(50))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = t.send(Request::get("/slow")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(matches!(err, Error::Timeout(ref e) if e.kind == TimeoutKind::Attempt));
}

#[tokio::test]
async fn total_timeout_bounds_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let t = transport(&server);
    let started = std::time::Instant::now();
    let err = t
        .send(Request::get("/slow").options(CallOptions::new().timeout(Duration::from_millis(100))))
        .await
        .unwrap_err();
    let Error::Timeout(timeout) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(timeout.kind, TimeoutKind::Total);
    assert_eq!(timeout.limit, Some(Duration::from_millis(100)));
    assert!(timeout.after >= Duration::from_millis(100), "{timeout}");
    // Well under one slow answer, with room for a loaded machine.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn slow_write_timeout_is_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_millis(500)))
        .expect(1)
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .attempt_timeout(Duration::from_millis(50))
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = t.send(Request::post("/transfers")).await.unwrap_err();
    assert!(err.is_outcome_unknown() && err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn response_size_is_capped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(10_000)))
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = t.send(Request::get("/big")).await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn user_agent_default_headers_and_path_encoding_reach_the_server() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/items/..%2Fadmin"))
        .and(header("user-agent", "sdk-test/1.0"))
        .and(header("x-tenant", "acme"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .user_agent("sdk-test/1.0")
        .default_header("x-tenant", "acme")
        .build()
        .unwrap();
    t.send(Request::get("/api/items/{id}").param("id", "../admin"))
        .await
        .unwrap();
}

#[tokio::test]
async fn error_bodies_keep_status_request_id_and_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("x-request-id", "req-77")
                .set_body_string("<html><h1>502 Bad Gateway</h1></html>"),
        )
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = t.send(Request::get("/x")).await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.request_id(), Some("req-77"));
    assert!(
        err.api_error()
            .unwrap()
            .body_excerpt()
            .contains("502 Bad Gateway")
    );
}

#[tokio::test]
async fn decode_errors_name_the_path() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        id: u32,
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id":1},{"id":"two"}]"#))
        .mount(&server)
        .await;
    let err = transport(&server)
        .send_json::<Vec<Item>>(Request::get("/items"))
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.path, "[1].id");
}

#[tokio::test]
async fn no_secret_reaches_logs_debug_or_errors() {
    let capture = LogCapture::start();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string(r#"{"errorCode":"BAD"}"#))
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(ApiKeyHeader::new("x-api-key", SecretString::from("key-SECRET-1")).unwrap())
        .build()
        .unwrap();
    let req = Request::post("/p")
        .sensitive_header("flinks-auth-key", &SecretString::from("hdr-SECRET-2"))
        .json(&serde_json::json!({"password": "body-SECRET-3"}))
        .unwrap();
    let err = t.send(req).instrument(capture.span()).await.unwrap_err();
    assert!(
        capture
            .lines()
            .iter()
            .any(|l| l.contains("banking.request")),
        "spans are emitted: {:?}",
        capture.lines()
    );
    for text in [
        capture.everything(),
        format!("{err}"),
        format!("{err:?}"),
        format!("{t:?}"),
    ] {
        for secret in ["key-SECRET-1", "hdr-SECRET-2", "body-SECRET-3"] {
            assert!(!text.contains(secret), "{secret} leaked into: {text}");
        }
    }
}

#[tokio::test]
async fn no_content_decodes_as_unit() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let t = transport(&server);
    t.send_json::<()>(Request::put("/rules")).await.unwrap();
    let missing: Option<serde_json::Value> = t.send_json(Request::put("/rules")).await.unwrap();
    assert_eq!(missing, None);
}

#[tokio::test]
async fn keys_are_refused_unless_the_api_deduplicates() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(0)
        .mount(&server)
        .await;
    // By default, and when declared, a transport has no idempotency header.
    let default = transport(&server);
    let declared = Transport::builder(server.uri().parse().unwrap())
        .idempotency_header("Idempotency-Key")
        .without_idempotency_keys()
        .build()
        .unwrap();
    for t in [default, declared] {
        let err = t
            .send(Request::post("/payments").idempotency_key("k-1"))
            .await
            .unwrap_err();
        assert!(err.is_validation(), "{err:?}");
    }
}
