//! e-Transfer v1 (legacy) sessions and linking a payment request
//! (schema-built samples: the docs' answer sample is cut).

use flinks_client::pay::{ETransferSessionRequest, PaymentRequestId, SessionId};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{fixture_json, fixture_response};
use crate::pay_common::{PAY_TOKEN, X_CLIENT_ID, pay_client, pay_server, token_requests};

fn request() -> ETransferSessionRequest {
    ETransferSessionRequest::new(
        "250.00".parse().unwrap(),
        "John Smith",
        "john.smith@example.com",
    )
    .reference_id("User1234")
}

#[tokio::test]
async fn initiate_and_send_request_post_the_session_with_a_fresh_token_each() {
    let server = pay_server().await;
    for endpoint in ["/api/v1/sessions/initiate", "/api/v1/sessions/sendrequest"] {
        Mock::given(method("POST"))
            .and(path(endpoint))
            .and(header(
                "authorization",
                format!("Bearer {PAY_TOKEN}").as_str(),
            ))
            .and(header("x-client-id", X_CLIENT_ID))
            .and(body_json(fixture_json(
                "pay_schema_built_e_transfer_v1_session_request.json",
            )))
            .respond_with(fixture_response(
                200,
                "pay_schema_built_e_transfer_v1_session_200.json",
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = pay_client(&server);
    let sessions = client.e_transfer_sessions();
    let first = sessions.initiate(&request()).await.unwrap();
    let second = sessions.send_request(&request()).await.unwrap();
    assert_eq!(
        first.session_id.to_string(),
        "6c376ebd-2f3e-4d5b-9a0c-1b2c3d4e5f60"
    );
    assert_eq!(first, second);
    assert_eq!(first.reference_id.as_deref(), Some("User1234"));
    assert_eq!(token_requests(&server).await, 2);
    let sent = &server.received_requests().await.unwrap();
    let body = sent
        .iter()
        .find(|r| r.url.path() == "/api/v1/sessions/initiate")
        .unwrap();
    assert!(String::from_utf8_lossy(&body.body).contains("\"amount\":250.00"));
}

#[tokio::test]
async fn a_bad_amount_or_email_is_refused_before_anything_is_sent() {
    let server = pay_server().await;
    let client = pay_client(&server);
    for bad in [
        ETransferSessionRequest::new("0".parse().unwrap(), "John Smith", "john@example.com"),
        ETransferSessionRequest::new("1.001".parse().unwrap(), "John Smith", "john@example.com"),
        ETransferSessionRequest::new("10".parse().unwrap(), " ", "john@example.com"),
        ETransferSessionRequest::new("10".parse().unwrap(), "John Smith", "not-an-address"),
    ] {
        let err = client
            .e_transfer_sessions()
            .initiate(&bad)
            .await
            .unwrap_err();
        assert!(err.is_validation(), "{err}");
    }
    assert_eq!(token_requests(&server).await, 0);
}

#[tokio::test]
async fn link_posts_the_session_and_request_ids() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/paymentrequests"))
        .and(body_json(fixture_json(
            "pay_schema_built_payment_request_link_request.json",
        )))
        .respond_with(fixture_response(
            200,
            "pay_schema_built_payment_request_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let session: SessionId = "6c376ebd-2f3e-4d5b-9a0c-1b2c3d4e5f60".parse().unwrap();
    let id: PaymentRequestId = "4b1f8c2e-6a3d-4e59-9b7a-2f0c1d3e5a77".parse().unwrap();
    let linked = pay_client(&server)
        .payment_requests()
        .link(&session, &id)
        .await
        .unwrap();
    assert_eq!(linked.request_id, Some(id));
}
