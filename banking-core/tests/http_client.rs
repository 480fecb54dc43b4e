//! The integrator's HTTP client builder: used, and the SDK's guarantees
//! kept on top of it.

use banking_core::Error;
use banking_core::reqwest;
use banking_core::retry::RetryPolicy;
use banking_core::transport::{Request, Transport};
use wiremock::matchers::{header as has_header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A self-signed root made for these tests (no key is kept).
const TEST_ROOT_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIBjzCCATWgAwIBAgIUHJZV0eS6LkEkj2mjasAJ17wpK9owCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRRXhhbXBsZSBUZXN0IFJvb3QwIBcNMjYxMjAyMDcwNTI5WhgP
MjEyNjExMDgwNzA1MjlaMBwxGjAYBgNVBAMMEUV4YW1wbGUgVGVzdCBSb290MFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIqvz+KL6pgPmBs79UhZS8ZeH8qRBnaez
Om6zprC1oQjG1ZIjo2db3kU6TSbi1RJ/zGD6mjPPLz5FmSfki/wm2qNTMFEwHQYD
VR0OBBYEFO+N9GOh3Hbc/kMavOs7+MgcggApMB8GA1UdIwQYMBaAFO+N9GOh3Hbc
/kMavOs7+MgcggApMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIh
AJH4Pa+26kvpWwh4EzpATLRAg6IPlh5K9PTh6wmwzz1zAiBcABz/o6codbOXdBAy
9GwC6aHsAbPW5IIxyR9XWry83A==
-----END CERTIFICATE-----
";

#[tokio::test]
async fn the_integrators_builder_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/ping"))
        .and(has_header("x-integrator", "acme"))
        .and(has_header("x-direct", "1"))
        .and(has_header("user-agent", "sdk-test/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(1)
        .mount(&server)
        .await;
    let transport = Transport::builder(server.uri().parse().unwrap())
        .http_client_builder(banking_core::testkit::integrator_client_builder())
        .default_header("x-direct", "1")
        .user_agent("sdk-test/1")
        .add_root_certificate(reqwest::Certificate::from_pem(TEST_ROOT_PEM.as_bytes()).unwrap())
        .build()
        .unwrap();
    let _: serde_json::Value = transport.send_json(Request::get("/ping")).await.unwrap();
}

#[tokio::test]
async fn redirects_are_not_followed_even_when_the_integrator_enabled_them() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pay"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/elsewhere", server.uri())),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/elsewhere"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(0)
        .mount(&server)
        .await;
    let transport = Transport::builder(server.uri().parse().unwrap())
        .http_client_builder(banking_core::testkit::integrator_client_builder())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = transport
        .send(
            Request::post("/pay")
                .json(&serde_json::json!({"amount": "1.00"}))
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(307), "the redirect is the answer: {err}");
}

#[test]
fn build_refuses_what_would_hurt_later_with_a_user_builder_too() {
    let build = |url: &str| {
        Transport::builder(url.parse().unwrap())
            .http_client_builder(banking_core::testkit::integrator_client_builder())
            .build()
    };
    for bad in [
        "ftp://api.example.com/",
        "http://api.example.com/",
        "https://api.example.com/?tenant=x",
        "https://api.example.com/#x",
    ] {
        assert!(matches!(build(bad), Err(Error::Config(_))), "{bad}");
    }
    build("http://127.0.0.1:9/").unwrap();
    Transport::builder("http://gateway.internal/".parse().unwrap())
        .allow_insecure_http()
        .build()
        .unwrap();
}

#[tokio::test]
async fn per_call_headers_are_sent_and_never_replace_the_sdks_own() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/ping"))
        .and(has_header("x-correlation-id", "c-1"))
        .and(has_header("x-direct", "call"))
        .and(has_header("x-request-own", "sdk"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(1)
        .mount(&server)
        .await;
    let transport = Transport::builder(server.uri().parse().unwrap())
        .default_header("x-direct", "1")
        .build()
        .unwrap();
    let options = banking_core::transport::CallOptions::new()
        .header("x-correlation-id", "c-1")
        .header("x-direct", "call")
        .header("x-request-own", "caller");
    let request = Request::get("/ping")
        .header("x-request-own", "sdk")
        .options(options);
    let _: serde_json::Value = transport.send_json(request).await.unwrap();

    let bad = Request::get("/ping")
        .options(banking_core::transport::CallOptions::new().header("x-bad", "line\nbreak"));
    let error = transport
        .send_json::<serde_json::Value>(bad)
        .await
        .unwrap_err();
    assert!(
        matches!(error, banking_core::Error::Validation { .. }),
        "{error:?}"
    );
}
