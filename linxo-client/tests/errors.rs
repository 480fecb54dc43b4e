//! Error bodies become typed API errors.

use linxo_client::{AccountId, LinxoErrorCode, LinxoErrorExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

async fn get_account_answering(template: ResponseTemplate) -> banking_core::Error {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/accounts/1"))
        .respond_with(template.insert_header("x-request-id", "req-42"))
        .mount(&server)
        .await;
    user_client(&server)
        .accounts()
        .get(&AccountId::from("1"))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn oauth_style_bodies_are_typed() {
    let err = get_account_answering(ResponseTemplate::new(403).set_body_json(serde_json::json!({
        "error": "insufficient_scope", "error_description": "Scope accounts_read required"
    })))
    .await;
    assert_eq!(err.status(), Some(403));
    assert_eq!(
        err.linxo_error_code(),
        Some(LinxoErrorCode::InsufficientScope)
    );
    let api = err.api_error().unwrap();
    assert_eq!(api.message.as_deref(), Some("Scope accounts_read required"));
    assert_eq!(err.request_id(), Some("req-42"));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn not_found_is_a_predicate_whatever_the_body() {
    let err = get_account_answering(ResponseTemplate::new(404).set_body_json(serde_json::json!({
        "code": "ACCOUNT_NOT_FOUND", "message": "No account 1"
    })))
    .await;
    assert!(err.is_not_found());
    assert_eq!(
        err.linxo_error_code(),
        Some(LinxoErrorCode::Unknown("ACCOUNT_NOT_FOUND".into()))
    );
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("No account 1")
    );
}

#[tokio::test]
async fn html_gateway_pages_keep_status_and_body() {
    let err = get_account_answering(
        ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"),
    )
    .await;
    assert_eq!(err.status(), Some(502));
    assert!(err.is_retryable());
    assert_eq!(err.linxo_error_code(), None);
    assert_eq!(err.raw_body(), Some(&b"<html>Bad Gateway</html>"[..]));
}

#[tokio::test]
async fn a_success_body_of_the_wrong_shape_names_the_path() {
    let err = get_account_answering(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"id":"1","balance":"12.30"}"#, "application/json"),
    )
    .await;
    let banking_core::Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "balance");
    assert_eq!(decode.request_id.as_deref(), Some("req-42"));
}
