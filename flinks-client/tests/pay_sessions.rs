//! Pay v2 sessions: create (EFT, GEFT, e-Transfer), status without auth,
//! details, guarantee confirm, cancel, hosted flow URL, problem details.

use banking_core::money::Currency;
use flinks_client::pay::{
    AccountInfo, CreateSession, Language, PayErrorExt, PaymentDirection, PayorAddress, SessionId,
    SessionPayor, SessionStatus,
};
use wiremock::matchers::{body_json, header, header_exists, method, path};
use wiremock::{Mock, Request};

use crate::common::{fixture_json, fixture_response};
use crate::pay_common::{PAY_TOKEN, X_CLIENT_ID, ok, pay_client, pay_server, token_requests};

fn session_id() -> SessionId {
    "850750a4-3021-4061-ac03-a8d873aa4179".parse().unwrap()
}

#[tokio::test]
async fn eft_session_sends_the_docs_body() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/sessions"))
        .and(header(
            "authorization",
            format!("Bearer {PAY_TOKEN}").as_str(),
        ))
        .and(header("x-client-id", X_CLIENT_ID))
        .and(body_json(fixture_json(
            "pay_research_eft_v2_session_request.json",
        )))
        .respond_with(fixture_response(
            201,
            "pay_research_session_create_201.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let session = CreateSession::eft(PaymentDirection::Debit)
        .language(Language::En)
        .show_consent_screen(false)
        .payor(
            SessionPayor::new("Sara", "Ahmad")
                .email("sara.ahmad@example.com")
                .address(PayorAddress::new(
                    "123 Street",
                    "Toronto",
                    "M5H2N2",
                    "ON",
                    "CA",
                )),
        );
    let created = pay_client(&server)
        .sessions()
        .create(&session)
        .await
        .unwrap();
    assert_eq!(created.session_id, session_id());
    assert_eq!(created.reference_id.as_deref(), Some("USER12345"));
}

#[tokio::test]
async fn e_transfer_session_keeps_the_amount_scale() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/sessions"))
        .and(body_json(fixture_json(
            "pay_research_e_transfer_session_request.json",
        )))
        .respond_with(fixture_response(
            201,
            "pay_research_session_create_201.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let session = CreateSession::e_transfer(PaymentDirection::Debit)
        .reference_id("USER12345")
        .amount("250.00".parse().unwrap(), Currency::CAD)
        .send_interac_link(true)
        .payor(SessionPayor::new("John", "Smith").email("john.smith@example.com"))
        .payee(AccountInfo::new("999", "30265", "9876541"));
    pay_client(&server)
        .sessions()
        .create(&session)
        .await
        .unwrap();
    let sent = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.url.path() == "/api/v2/sessions")
        .unwrap();
    assert!(String::from_utf8_lossy(&sent.body).contains(r#""amount":250.00"#));
}

#[tokio::test]
async fn geft_session_enables_the_guarantee_and_each_session_gets_its_own_token() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/sessions"))
        .and(body_json(serde_json::json!({
            "type": "EFT",
            "direction": "DEBIT",
            "currency": "CAD",
            "amount": 500.00,
            "options": {"guarantee": {"enable": true}}
        })))
        .respond_with(fixture_response(
            201,
            "pay_research_session_create_201.json",
        ))
        .expect(2)
        .mount(&server)
        .await;
    let client = pay_client(&server);
    let session = CreateSession::geft(PaymentDirection::Debit)
        .amount("500.00".parse().unwrap(), Currency::CAD);
    client.sessions().create(&session).await.unwrap();
    client.sessions().create(&session).await.unwrap();
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn sessions_are_validated_before_sending() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/sessions"))
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    let api_client = pay_client(&server);
    let api = api_client.sessions();
    let payee_on_eft = CreateSession::eft(PaymentDirection::Debit)
        .payee(AccountInfo::new("999", "30265", "9876541"));
    assert!(
        api.create(&payee_on_eft)
            .await
            .unwrap_err()
            .to_string()
            .contains("payee")
    );
    let negative = CreateSession::e_transfer(PaymentDirection::Debit)
        .amount("-1".parse().unwrap(), Currency::CAD);
    assert!(api.create(&negative).await.unwrap_err().is_validation());
    let bad_email = CreateSession::e_transfer(PaymentDirection::Debit)
        .payor(SessionPayor::new("A", "B").email("nope"));
    assert!(
        api.create(&bad_email)
            .await
            .unwrap_err()
            .to_string()
            .contains("payor.email")
    );
    let bad_account = CreateSession::e_transfer(PaymentDirection::Debit)
        .payee(AccountInfo::new("99", "30265", "9876541"));
    assert!(
        api.create(&bad_account)
            .await
            .unwrap_err()
            .to_string()
            .contains("institutionCode")
    );
    assert_eq!(token_requests(&server).await, 0);
}

#[tokio::test]
async fn status_is_read_without_credentials() {
    let server = pay_server().await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v2/sessions/aadd08f2-83ce-456d-84ed-c68cfed4ee7b/status",
        ))
        .and(|request: &Request| !request.headers.contains_key("authorization"))
        .respond_with(fixture_response(200, "pay_research_geft_status_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id: SessionId = "aadd08f2-83ce-456d-84ed-c68cfed4ee7b".parse().unwrap();
    let status = pay_client(&server).sessions().status(&id).await.unwrap();
    assert_eq!(status.session_id, Some(id));
    assert_eq!(status.amount.unwrap().to_string(), "500");
    assert_eq!(status.status, Some(SessionStatus::Completed));
    assert!(status.status.unwrap().is_terminal());
    assert_eq!(status.status_details.as_deref(), Some("EFT0301"));
    assert_eq!(token_requests(&server).await, 0);
}

#[tokio::test]
async fn details_decode_the_geft_session_object() {
    let server = pay_server().await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v2/sessions/850750a4-3021-4061-ac03-a8d873aa4179/details",
        ))
        .and(header_exists("authorization"))
        .respond_with(fixture_response(200, "pay_seed_geft_session_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let details = pay_client(&server)
        .sessions()
        .details(&session_id())
        .await
        .unwrap();
    assert_eq!(details.reference_id.as_deref(), Some("USER12345"));
    assert_eq!(details.amount.unwrap().to_string(), "500.00");
    assert_eq!(details.status, Some(SessionStatus::Completed));
    assert_eq!(details.status_details.as_deref(), Some("EFT0301"));
}

#[tokio::test]
async fn guarantee_confirm_and_cancel() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path(
            "/api/v2/sessions/850750a4-3021-4061-ac03-a8d873aa4179/guarantees/confirm",
        ))
        .and(header(
            "authorization",
            format!("Bearer {PAY_TOKEN}").as_str(),
        ))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(
            "/api/v2/sessions/850750a4-3021-4061-ac03-a8d873aa4179/cancel",
        ))
        .respond_with(fixture_response(
            200,
            "pay_schema_built_geft_cancel_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = pay_client(&server);
    client
        .sessions()
        .confirm_guarantee(&session_id())
        .await
        .unwrap();
    let canceled = client.sessions().cancel(&session_id()).await.unwrap();
    assert_eq!(canceled.reference_id.as_deref(), Some("Happy2"));
    assert_eq!(canceled.status, Some(SessionStatus::Canceled));
    assert_eq!(canceled.status_details.as_deref(), Some("EFT0501"));
    assert_eq!(canceled.amount, None);
}

#[tokio::test]
async fn cancel_of_a_terminal_session_reports_problem_details() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path(
            "/api/v2/sessions/850750a4-3021-4061-ac03-a8d873aa4179/cancel",
        ))
        .respond_with(fixture_response(
            400,
            "pay_schema_built_problem_details_400.json",
        ))
        .mount(&server)
        .await;
    let error = pay_client(&server)
        .sessions()
        .cancel(&session_id())
        .await
        .unwrap_err();
    let problem = error.problem_details().unwrap();
    assert_eq!(problem.status, Some(400));
    assert_eq!(
        problem.detail.as_deref(),
        Some("The session is already in a terminal state.")
    );
    let api = error.api_error().unwrap();
    assert_eq!(
        api.message.as_deref(),
        Some("The session is already in a terminal state.")
    );
    assert_eq!(api.field_errors.len(), 1);
    assert_eq!(api.field_errors[0].field.as_deref(), Some("amount"));
}

#[test]
fn hosted_flow_url_appends_the_session_id() {
    let client = flinks_client::pay::PayClient::builder()
        .credentials("id", secrecy::SecretString::from("secret"))
        .build()
        .unwrap();
    assert_eq!(
        client.hosted_flow_url(&session_id()).as_str(),
        "https://payments-uat.flinksapp.com/app/?sessionId=850750a4-3021-4061-ac03-a8d873aa4179"
    );
}

#[test]
fn unknown_session_status_is_kept() {
    let session: flinks_client::pay::Session =
        serde_json::from_str(r#"{"status": "OnHold", "amount": 1.10, "extra": 1}"#).unwrap();
    assert_eq!(
        session.status,
        Some(SessionStatus::Unknown("OnHold".into()))
    );
    assert_eq!(session.amount.unwrap().to_string(), "1.10");
}
