//! Password reset: no token, the research body, 204.

use linkcy_client::PasswordResetRequest;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{client, fixture_json, seen, server};

#[tokio::test]
async fn reset_sends_the_body_without_a_token_and_accepts_204() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/passwords/reset"))
        .and(body_json(fixture_json(
            "schema_built_passwords_reset_request.json",
        )))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .passwords()
        .reset(&PasswordResetRequest::consumer("33612345678", "acme"))
        .await
        .unwrap();
    let sent = seen(&server, "/api/partner/passwords/reset").await;
    assert!(sent[0].headers.get("authorization").is_none());
    // Security "None": no login was needed either.
    assert!(seen(&server, "/api/partner/login").await.is_empty());
}
