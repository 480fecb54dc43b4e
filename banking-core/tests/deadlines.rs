//! Deadlines and secrecy of token requests, timeout reports.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use banking_core::Error;
use banking_core::auth::{BearerAuth, ClientCredentials, SingleUse};
use banking_core::error::TimeoutKind;
use banking_core::retry::RetryPolicy;
use banking_core::testkit::LogCapture;
use banking_core::transport::{CallOptions, Request, Transport};
use secrecy::SecretString;
use tracing::Instrument;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that accepts every connection, reads the request and never
/// answers; returns its base URL and how many connections it accepted.
pub(crate) async fn hung_server() -> (String, Arc<AtomicUsize>) {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                while sock.read(&mut buf).await.is_ok_and(|n| n > 0) {}
            });
        }
    });
    (format!("http://{addr}/"), accepted)
}

fn credentials(token_url: &str) -> ClientCredentials {
    ClientCredentials::new(
        format!("{token_url}oauth/token").parse().unwrap(),
        "client-1",
        SecretString::from("client-secret-9f3e"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_token_server_ends_every_caller_within_its_deadline() {
    let api = MockServer::start().await;
    Mock::given(path("/accounts"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&api)
        .await;
    let (hung, accepted) = hung_server().await;
    let t = Transport::builder(api.uri().parse().unwrap())
        .auth(BearerAuth::new(credentials(&hung)))
        .attempt_timeout(Duration::from_secs(30))
        .total_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let calls = (0..20).map(|_| {
        let t = t.clone();
        tokio::spawn(async move { t.send(Request::get("/accounts")).await })
    });
    for result in futures::future::join_all(calls).await {
        let err = result.unwrap().unwrap_err();
        let Error::Timeout(timeout) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(timeout.kind, TimeoutKind::Total, "{err}");
        assert!(timeout.after >= Duration::from_millis(300), "{err}");
    }
    // Every caller ended by its own deadline, not one after another.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(accepted.load(Ordering::SeqCst) >= 1);
}

#[tokio::test]
async fn a_token_fetch_is_bounded_by_the_attempt_timeout_and_recovers() {
    let api = MockServer::start().await;
    Mock::given(path("/accounts"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&api)
        .await;
    let token = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "late"}))
                .set_delay(Duration::from_secs(10)),
        )
        .up_to_n_times(1)
        .mount(&token)
        .await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": "ok"})),
        )
        .mount(&token)
        .await;
    let t = Transport::builder(api.uri().parse().unwrap())
        .auth(BearerAuth::new(credentials(&format!("{}/", token.uri()))))
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = t.send(Request::get("/accounts")).await.unwrap_err();
    let Error::Timeout(timeout) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(timeout.kind, TimeoutKind::Attempt);
    assert_eq!(timeout.limit, Some(Duration::from_millis(200)));
    // The endpoint recovered: the next call gets a token.
    t.send(Request::get("/accounts")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_refusal_answers_every_waiting_caller() {
    let api = MockServer::start().await;
    let token = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("x-request-id", "tok-req-1")
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&token)
        .await;
    let t = Transport::builder(api.uri().parse().unwrap())
        .auth(BearerAuth::new(credentials(&format!("{}/", token.uri()))))
        .build()
        .unwrap();
    let calls = (0..20).map(|_| {
        let t = t.clone();
        tokio::spawn(async move { t.send(Request::get("/accounts")).await })
    });
    for result in futures::future::join_all(calls).await {
        let err = result.unwrap().unwrap_err();
        assert!(err.is_auth(), "{err:?}");
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.request_id(), Some("tok-req-1"));
    }
}

#[tokio::test]
async fn token_answers_over_the_size_cap_are_refused() {
    let api = MockServer::start().await;
    let token = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "x".repeat(4096)
        })))
        .mount(&token)
        .await;
    let t = Transport::builder(api.uri().parse().unwrap())
        .auth(BearerAuth::new(credentials(&format!("{}/", token.uri()))))
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = t.send(Request::get("/accounts")).await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_undecodable_token_answer_is_an_auth_error_without_the_body() {
    let api = MockServer::start().await;
    let token = MockServer::start().await;
    let secret = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2ln";
    // `expires_in` of the wrong type, so serde's message would quote values.
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"access_token": ["{secret}"], "refresh_token": "{secret}"}}"#
        )))
        .mount(&token)
        .await;
    let t = Transport::builder(api.uri().parse().unwrap())
        .auth(BearerAuth::new(credentials(&format!("{}/", token.uri()))))
        .build()
        .unwrap();
    let logs = LogCapture::start();
    let err = t
        .send(Request::get("/accounts"))
        .instrument(logs.span())
        .await
        .unwrap_err();
    assert!(err.is_auth(), "{err:?}");
    assert_eq!(err.status(), Some(200));
    for text in [err.to_string(), format!("{err:?}"), logs.everything()] {
        for part in [secret, "c2VjcmV0LXRva2Vu", "client-secret-9f3e"] {
            assert!(!text.contains(part), "{text}");
        }
    }
}

#[tokio::test]
async fn credential_bearing_answers_keep_no_body() {
    let server = MockServer::start().await;
    let secret = "tok-5b1d-very-secret";
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(format!(r#"{{"token": 42, "x": "{secret}""#)),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/refresh"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_string(format!(r#"{{"code": "BAD_REFRESH", "echo": "{secret}"}}"#)),
        )
        .mount(&server)
        .await;
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Login {
        token: String,
    }
    let t = Transport::builder(server.uri().parse().unwrap())
        .build()
        .unwrap();
    let decode = t
        .send_json::<Login>(Request::post("/login").credential_bearing())
        .await
        .unwrap_err();
    let refused = t
        .send(Request::post("/refresh").credential_bearing())
        .await
        .unwrap_err();
    assert!(
        decode.is_auth() && refused.is_auth(),
        "{decode:?} {refused:?}"
    );
    assert_eq!(refused.status(), Some(400));
    assert_eq!(refused.provider_code(), Some("BAD_REFRESH"));
    for text in [
        decode.to_string(),
        format!("{decode:?}"),
        refused.to_string(),
        format!("{refused:?}"),
    ] {
        assert!(!text.contains(secret), "{text}");
    }
    // Without the mark, a decode error shows the start of the body.
    let plain = t
        .send_json::<Login>(Request::post("/login"))
        .await
        .unwrap_err();
    assert!(matches!(plain, Error::Decode(_)), "{plain:?}");
}

#[tokio::test]
async fn a_single_use_token_is_fetched_for_every_attempt() {
    let server = MockServer::start().await;
    let fetched = Arc::new(AtomicUsize::new(0));
    let counter = fetched.clone();
    Mock::given(path("/oauth/token"))
        .respond_with(move |_: &wiremock::Request| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": format!("one-{n}")}))
        })
        .mount(&server)
        .await;
    Mock::given(path("/data"))
        .and(wiremock::matchers::header("authorization", "Bearer one-0"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(path("/data"))
        .and(wiremock::matchers::header("authorization", "Bearer one-1"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .auth(SingleUse::bearer(credentials(&format!(
            "{}/",
            server.uri()
        ))))
        .retry_policy(
            RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        )
        .build()
        .unwrap();
    t.send(Request::get("/data")).await.unwrap();
    assert_eq!(fetched.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_total_timeout_reports_the_time_the_call_took() {
    // Two quick 503s, then a slow answer: the last attempt gets what is left
    // of the total, and the error still reports the whole call.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(150)))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let t = Transport::builder(server.uri().parse().unwrap())
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(5)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        )
        .build()
        .unwrap();
    let total = Duration::from_millis(600);
    let err = t
        .send(Request::get("/x").options(CallOptions::new().timeout(total)))
        .await
        .unwrap_err();
    let Error::Timeout(timeout) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(timeout.kind, TimeoutKind::Total);
    assert_eq!(timeout.limit, Some(total));
    assert!(timeout.after >= total, "{err}");
    let text = err.to_string();
    assert!(
        text.starts_with("total timeout (limit 600ms) after"),
        "{text}"
    );
}
