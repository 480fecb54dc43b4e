//! EFT v1: create transaction (body, rules), payment requests, schedules,
//! institutions, per-request tokens.

use banking_core::money::Currency;
use chrono::{Days, NaiveDate, Utc};
use flinks_client::pay::{
    AccountInfo, ContactInfo, EftParty, EftTransaction, PayClient, PaymentDirection,
    PaymentFrequency, PaymentRequestId, PaymentRequestStatus, ScheduleId, ScheduleInfo,
    ScheduleStatus,
};
use rust_decimal::Decimal;
use secrecy::SecretString;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{fixture_json, fixture_response};
use crate::pay_common::{
    PAY_SECRET, PAY_TOKEN, X_CLIENT_ID, ok, pay_client, pay_server, token_requests,
};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn jane() -> EftParty {
    EftParty::new(
        AccountInfo::new("001", "12345", "1234567"),
        ContactInfo::new("Jane", "Doe"),
    )
}

/// The seed's request, dated `start`.
fn seed_debit(start: NaiveDate) -> EftTransaction {
    EftTransaction::debit(
        Decimal::from(250),
        Currency::CAD,
        jane(),
        ScheduleInfo::one_time(start),
    )
    .transaction_code(1)
    .description("Invoice 1001")
    .cross_reference_number("INV-1001")
}

/// A server that must receive no transaction.
async fn no_transaction_server() -> (MockServer, PayClient) {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/transactions"))
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    let client = pay_client(&server);
    (server, client)
}

#[tokio::test]
async fn create_transaction_sends_the_seed_object_and_decodes_the_schedule() {
    let server = pay_server().await;
    let start = today() + Days::new(30);
    // The seed's request with a start date still in the future (the seed's
    // own date has passed: `the_seed_request_serialises_as_written` and
    // `the_seed_start_date_is_refused_once_past` pin it unpatched).
    let transaction = seed_debit(start);
    let expected = serde_json::to_value(&transaction).unwrap();
    assert_eq!(expected["scheduleInfo"]["startDate"], start.to_string());
    Mock::given(method("POST"))
        .and(path("/api/v1/transactions"))
        .and(header("x-client-id", X_CLIENT_ID))
        .and(header(
            "authorization",
            format!("Bearer {PAY_TOKEN}").as_str(),
        ))
        .and(body_json(expected))
        .respond_with(fixture_response(
            200,
            "pay_seed_eft_create_transaction_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let created = pay_client(&server)
        .transactions()
        .create(&transaction)
        .await
        .unwrap();
    let schedule = &created.schedules[0];
    assert_eq!(
        schedule.id,
        Some(
            "a1b2c3d4-5678-90ab-cdef-1234567890ab"
                .parse::<ScheduleId>()
                .unwrap()
        )
    );
    assert_eq!(schedule.amount.unwrap().to_string(), "250");
    assert_eq!(
        schedule.start_date.unwrap().naive(),
        NaiveDate::from_ymd_opt(2026, 4, 15)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    );
    assert_eq!(schedule.start_date.unwrap().offset(), None);
    assert_eq!(
        schedule.end_date, None,
        "0001-01-01T00:00:00 means no end date"
    );
    assert_eq!(schedule.transactions_count, Some(1));
    assert_eq!(schedule.frequency, Some(PaymentFrequency::OneTime));
    assert_eq!(
        schedule.payor.as_ref().unwrap().name.as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(schedule.payor.as_ref().unwrap().email, None);
    assert_eq!(schedule.payee.as_ref().unwrap().name, None);
    assert_eq!(schedule.status, Some(ScheduleStatus::Active));
    assert_eq!(schedule.pad_status, None);
    assert_eq!(schedule.cross_reference_number.as_deref(), Some("INV-1001"));
    assert_eq!(schedule.payment_direction, Some(PaymentDirection::Debit));
    assert_eq!(token_requests(&server).await, 1);
}

fn seed_start_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 15).unwrap()
}

#[test]
fn the_seed_request_serialises_as_written() {
    assert_eq!(
        serde_json::to_value(seed_debit(seed_start_date())).unwrap(),
        fixture_json("pay_seed_eft_create_transaction_request.json")
    );
}

#[tokio::test]
async fn the_seed_start_date_is_refused_once_past() {
    let (server, client) = no_transaction_server().await;
    let seed = seed_debit(seed_start_date());
    let at = |date: NaiveDate| date.and_hms_opt(12, 0, 0).unwrap().and_utc();
    // Before the date it is valid; on and after it no longer is.
    seed.validate(at(seed_start_date() - Days::new(1))).unwrap();
    let error = seed
        .validate(at(seed_start_date() + Days::new(1)))
        .unwrap_err();
    assert!(error.is_validation(), "{error}");
    assert!(
        error.to_string().contains("scheduleInfo.startDate"),
        "{error}"
    );
    if today() > seed_start_date() + Days::new(1) {
        let error = client.transactions().create(&seed).await.unwrap_err();
        assert!(error.is_validation(), "{error}");
    }
    assert_eq!(token_requests(&server).await, 0);
}

#[tokio::test]
async fn the_array_of_one_body_is_available() {
    let server = pay_server().await;
    let transaction = seed_debit(today() + Days::new(5));
    Mock::given(method("POST"))
        .and(path("/api/v1/transactions"))
        .and(body_json(serde_json::json!([serde_json::to_value(
            &transaction
        )
        .unwrap()])))
        .respond_with(fixture_response(
            200,
            "pay_seed_eft_create_transaction_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let created = pay_client(&server)
        .transactions()
        .create_as_array(&transaction)
        .await
        .unwrap();
    assert_eq!(created.schedules.len(), 1);
}

#[test]
fn today_is_read_in_every_time_zone() {
    // 02:00 UTC on 2 December is still 1 December west of UTC−2 and
    // already 2 December in UTC+14: a CREDIT dated either reaches the
    // server; 30 November or 3 December does not.
    let now = NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(2, 0, 0)
        .unwrap()
        .and_utc();
    let credit_on = |d: u32| {
        EftTransaction::credit(
            Decimal::from(5),
            Currency::CAD,
            jane(),
            NaiveDate::from_ymd_opt(2026, 12, d).unwrap(),
        )
    };
    credit_on(1).validate(now).unwrap();
    credit_on(2).validate(now).unwrap();
    credit_on(3).validate(now).unwrap_err();
    let november_30 = EftTransaction::credit(
        Decimal::from(5),
        Currency::CAD,
        jane(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    november_30.validate(now).unwrap_err();
    // A DEBIT dated 2 December is in the future west of UTC−2.
    seed_debit(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap())
        .validate(now)
        .unwrap();
    seed_debit(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .validate(now)
        .unwrap_err();
}

#[tokio::test]
async fn create_transaction_is_not_resent_after_a_server_error() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/transactions"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    // Default retry policy: reads would be retried, this payment must not be.
    let client = PayClient::builder()
        .environment(banking_core::transport::Environment::Custom(
            server.uri().parse().unwrap(),
        ))
        .credentials(
            crate::pay_common::PAY_CLIENT_ID,
            SecretString::from(PAY_SECRET),
        )
        .x_client_id(X_CLIENT_ID)
        .build()
        .unwrap();
    let error = client
        .transactions()
        .create(&seed_debit(today() + Days::new(3)))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
}

#[tokio::test]
async fn debit_rules_are_checked_before_sending() {
    let (_server, client) = no_transaction_server().await;
    let api = client.transactions();
    let start = today() + Days::new(10);
    let cases = [
        (
            "two days ago",
            seed_debit(today() - Days::new(2)),
            "startDate",
        ),
        (
            "recurring with both",
            EftTransaction::debit(Decimal::from(10), Currency::CAD, jane(), {
                let mut both = ScheduleInfo::recurring_until(start, start + Days::new(90));
                both.transactions_count = Some(3);
                both
            }),
            "exactly one",
        ),
        (
            "recurring with neither",
            EftTransaction::debit(Decimal::from(10), Currency::CAD, jane(), {
                let mut neither = ScheduleInfo::recurring_until(start, start);
                neither.end_date = None;
                neither
            }),
            "exactly one",
        ),
        (
            "301 payments",
            EftTransaction::debit(
                Decimal::from(10),
                Currency::CAD,
                jane(),
                ScheduleInfo::recurring_count(start, 301),
            ),
            "transactionsCount",
        ),
        (
            "end before start",
            EftTransaction::debit(
                Decimal::from(10),
                Currency::CAD,
                jane(),
                ScheduleInfo::recurring_until(start, start),
            ),
            "endDate",
        ),
        (
            "sub-cent amount",
            EftTransaction::debit(
                "10.001".parse().unwrap(),
                Currency::CAD,
                jane(),
                ScheduleInfo::one_time(start),
            ),
            "amount",
        ),
        (
            "zero amount",
            EftTransaction::debit(
                Decimal::ZERO,
                Currency::CAD,
                jane(),
                ScheduleInfo::one_time(start),
            ),
            "amount",
        ),
        (
            "short transit",
            EftTransaction::debit(
                Decimal::from(10),
                Currency::CAD,
                EftParty::new(
                    AccountInfo::new("001", "1234", "1234567"),
                    ContactInfo::new("J", "D"),
                ),
                ScheduleInfo::one_time(start),
            ),
            "transitNumber",
        ),
    ];
    for (name, transaction, field) in cases {
        let error = api.create(&transaction).await.unwrap_err();
        assert!(error.is_validation(), "{name}: {error}");
        assert!(error.to_string().contains(field), "{name}: {error}");
    }
    let mut with_payee = seed_debit(start);
    with_payee.payee = Some(jane());
    assert!(
        api.create(&with_payee)
            .await
            .unwrap_err()
            .to_string()
            .contains("payee")
    );
    assert_eq!(
        crate::pay_common::token_requests(&_server).await,
        0,
        "no token either"
    );
}

#[tokio::test]
async fn recurring_debits_within_the_rules_are_accepted() {
    let start = today() + Days::new(1);
    assert!(
        EftTransaction::debit(
            Decimal::from(10),
            Currency::CAD,
            jane(),
            ScheduleInfo::recurring_count(start, 300)
        )
        .validate(Utc::now())
        .is_ok()
    );
    assert!(
        EftTransaction::debit(
            Decimal::from(10),
            Currency::CAD,
            jane(),
            ScheduleInfo::recurring_until(start, start + Days::new(1))
        )
        .validate(Utc::now())
        .is_ok()
    );
}

#[tokio::test]
async fn credit_rules_are_checked_before_sending() {
    let (_server, client) = no_transaction_server().await;
    let api = client.transactions();
    let in_two_days = EftTransaction::credit(
        Decimal::from(5),
        Currency::CAD,
        jane(),
        today() + Days::new(2),
    );
    assert!(
        api.create(&in_two_days)
            .await
            .unwrap_err()
            .to_string()
            .contains("today")
    );
    let mut recurring = EftTransaction::credit(Decimal::from(5), Currency::CAD, jane(), today());
    recurring.schedule_info = ScheduleInfo::recurring_count(today(), 2);
    assert!(
        api.create(&recurring)
            .await
            .unwrap_err()
            .to_string()
            .contains("OneTime")
    );
    let mut with_payor = EftTransaction::credit(Decimal::from(5), Currency::CAD, jane(), today());
    with_payor.payor = Some(jane());
    assert!(
        api.create(&with_payor)
            .await
            .unwrap_err()
            .to_string()
            .contains("payor")
    );
    assert!(
        EftTransaction::credit(Decimal::from(5), Currency::CAD, jane(), today())
            .validate(Utc::now())
            .is_ok()
    );
}

#[tokio::test]
async fn credit_today_is_sent_with_the_payee() {
    let server = pay_server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/transactions"))
        .and(body_json(serde_json::json!({
            "amount": 12.50,
            "paymentDirection": "CREDIT",
            "currency": "CAD",
            "payee": {
                "accountInfo": {"institutionCode": "001", "transitNumber": "12345", "accountNumber": "1234567"},
                "contactInfo": {"firstName": "Jane", "lastName": "Doe"}
            },
            "scheduleInfo": {"paymentFrequency": "OneTime", "startDate": today().to_string()}
        })))
        .respond_with(fixture_response(200, "pay_seed_eft_create_transaction_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let credit = EftTransaction::credit("12.50".parse().unwrap(), Currency::CAD, jane(), today());
    pay_client(&server)
        .transactions()
        .create(&credit)
        .await
        .unwrap();
    let body = &server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.url.path() == "/api/v1/transactions")
        .unwrap()
        .body;
    assert!(
        String::from_utf8_lossy(body).contains(r#""amount":12.50"#),
        "scale kept on the wire"
    );
}

#[tokio::test]
async fn v1_calls_need_the_x_client_id() {
    let server = pay_server().await;
    let client = PayClient::builder()
        .environment(banking_core::transport::Environment::Custom(
            server.uri().parse().unwrap(),
        ))
        .credentials("pay-client", SecretString::from(PAY_SECRET))
        .build()
        .unwrap();
    let error = client.institutions().list().await.unwrap_err();
    assert!(error.to_string().contains("x-client-id"), "{error}");
    assert_eq!(token_requests(&server).await, 0);
}

#[tokio::test]
async fn payment_request_status_and_cancel() {
    let server = pay_server().await;
    let id: PaymentRequestId = "4b1f8c2e-6a3d-4e59-9b7a-2f0c1d3e5a77".parse().unwrap();
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/paymentrequests/{id}")))
        .and(header("x-client-id", X_CLIENT_ID))
        .and(header(
            "authorization",
            format!("Bearer {PAY_TOKEN}").as_str(),
        ))
        .respond_with(fixture_response(
            200,
            "pay_schema_built_payment_request_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v1/paymentrequests/{id}/cancel")))
        .and(header("x-client-id", X_CLIENT_ID))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let client = pay_client(&server);
    let request = client.payment_requests().get(&id).await.unwrap();
    assert_eq!(request.request_id, Some(id));
    assert_eq!(request.status, Some(PaymentRequestStatus::Processing));
    assert!(!request.status.as_ref().unwrap().is_final());
    assert_eq!(request.reference_id.as_deref(), Some("USER12345"));
    assert!(request.payment_link.unwrap().contains("sessionId="));
    client.payment_requests().cancel(&id).await.unwrap();
    // One token per request: tokens are single-use.
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn schedule_cancel_and_institutions() {
    let server = pay_server().await;
    let schedule: ScheduleId = "a1b2c3d4-5678-90ab-cdef-1234567890ab".parse().unwrap();
    Mock::given(method("POST"))
        .and(path(
            "/api/v1/schedules/a1b2c3d4-5678-90ab-cdef-1234567890ab/cancel",
        ))
        .and(header("x-client-id", X_CLIENT_ID))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/institutions"))
        .and(header("x-client-id", X_CLIENT_ID))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([
            {"institutionCode": "001", "name": "BMO"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let client = pay_client(&server);
    client.schedules().cancel(&schedule).await.unwrap();
    let institutions = client.institutions().list().await.unwrap();
    assert_eq!(institutions[0].get_str("institutionCode"), Some("001"));
    assert_eq!(institutions[0].get_str("name"), Some("BMO"));
}

#[tokio::test]
async fn pay_secrets_stay_out_of_debug_and_errors() {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/v1/authorize"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"error": "invalid_client"})),
        )
        .mount(&server)
        .await;
    let client = pay_client(&server);
    let error = client.institutions().list().await.unwrap_err();
    let shown = format!("{client:?} {error} {error:?}");
    assert!(!shown.contains(PAY_SECRET), "{shown}");
    assert!(
        !shown.contains("cGF5LWNsaWVudDpwYXktc2VjcmV0LXZhbHVl"),
        "{shown}"
    );
    assert!(matches!(error, banking_core::Error::Auth(_)), "{error:?}");
}
