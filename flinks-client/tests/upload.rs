//! Upload: attributes from uploaded transactions.

use chrono::NaiveDate;
use flinks_client::upload::{OriginCountry, UploadRequest, UploadTransaction};
use rust_decimal::Decimal;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{SECRET, api_path, client, fixture, fixture_json, json, server};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, d).unwrap()
}

/// The request of `schema_built_upload_request_multiple_accounts.json`.
fn multiple_accounts() -> UploadRequest {
    UploadRequest::new(
        OriginCountry::Canada,
        [
            UploadTransaction::debit(date(22), "payroll - flinks technologies", dec("100"))
                .account_id("chequing-1")
                .transaction_id("tx-1"),
            UploadTransaction::debit(date(21), "nsf fee random", dec("10.0"))
                .account_id("savings-2")
                .transaction_id("tx-2"),
        ],
    )
    .user_identifier("User Identifier Value")
    .card(["sum_debits_30_days"])
    .attributes_detail(["sum_debits_30_days"])
    .account_most_recent_balance("chequing-1", dec("900"))
    .account_most_recent_balance("savings-2", dec("1110.00"))
}

#[tokio::test]
async fn upload_sends_the_documented_layout_with_the_secret_bearer() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("attributes/upload")))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .and(body_json(fixture_json(
            "schema_built_upload_request_multiple_accounts.json",
        )))
        .respond_with(json(200, fixture("schema_built_upload_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let attributes = client(&server)
        .upload()
        .attributes(&multiple_accounts())
        .await
        .unwrap();
    assert_eq!(
        attributes.request_id.unwrap().to_string(),
        "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
    );
    assert_eq!(attributes.card.id.as_deref(), Some("User Identifier Value"));
    let total = attributes
        .card
        .get("sum_debits_30_days")
        .unwrap()
        .as_decimal()
        .unwrap();
    assert_eq!(total.to_string(), "110.00", "the scale of 110.00 is kept");
    let detail = &attributes.card.details[0];
    assert_eq!(detail.attribute.as_deref(), Some("sum_debits_30_days"));
    let tx = &detail.transactions[0];
    assert_eq!(tx.date, Some(date(22)));
    assert_eq!(tx.debit.unwrap().to_string(), "100.00");
    assert_eq!(tx.balance.unwrap().to_string(), "900.00");
    assert_eq!(tx.transaction_id.as_deref(), Some("tx-1"));
}

#[tokio::test]
async fn all_attributes_need_no_card_and_send_running_balances() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("attributes/upload/AllAttributes")))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .and(body_json(serde_json::json!({
            "Options": { "OriginCountry": "us" },
            "Transactions": [
                { "TransactionDate": "2021/01/22", "Description": "payroll", "Debit": null, "Credit": "1000.50", "Balance": "1900.50" },
                { "TransactionDate": "2021/01/21", "Description": "rent", "Debit": "900.00", "Credit": null, "Balance": "900.00" }
            ]
        })))
        .respond_with(json(200, fixture("schema_built_upload_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let request = UploadRequest::new(
        OriginCountry::UnitedStates,
        [
            UploadTransaction::credit(date(22), "payroll", dec("1000.5")).balance(dec("1900.5")),
            UploadTransaction::debit(date(21), "rent", dec("900")).balance(dec("900")),
        ],
    );
    client(&server)
        .upload()
        .all_attributes(&request)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_documented_rules_are_checked_before_sending() {
    let server = server().await;
    let client = client(&server);
    let upload = client.upload();
    let tx = || UploadTransaction::debit(date(22), "payroll", dec("100"));
    let cases: Vec<(UploadRequest, &str)> = vec![
        (
            UploadRequest::new(OriginCountry::Canada, []).most_recent_balance(dec("1")),
            "Transactions",
        ),
        (UploadRequest::new(OriginCountry::Canada, [tx()]), "Balance"),
        (
            UploadRequest::new(OriginCountry::Canada, [tx().balance(dec("1"))])
                .most_recent_balance(dec("1")),
            "Balance",
        ),
        (
            UploadRequest::new(OriginCountry::Canada, [tx()])
                .most_recent_balance(dec("1"))
                .oldest_balance(dec("2")),
            "OldestBalance",
        ),
        (
            UploadRequest::new(
                OriginCountry::Canada,
                [UploadTransaction::debit(date(22), "fee", dec("1.005"))],
            )
            .most_recent_balance(dec("1")),
            "Debit",
        ),
    ];
    for (request, field) in &cases {
        let err = upload.all_attributes(request).await.unwrap_err();
        assert!(err.is_validation(), "{err}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
    let no_card = UploadRequest::new(OriginCountry::Canada, [tx()]).most_recent_balance(dec("1"));
    let err = upload.attributes(&no_card).await.unwrap_err();
    assert!(err.to_string().contains("Card"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn what_the_docs_leave_open_reaches_the_server() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("attributes/upload/AllAttributes")))
        .respond_with(json(200, fixture("schema_built_upload_200.json")))
        .expect(4)
        .mount(&server)
        .await;
    let client = client(&server);
    let upload = client.upload();
    let tx = || UploadTransaction::debit(date(22), "payroll", dec("100"));
    let open_cases = [
        // A negative credit (a reversal): the docs name no sign.
        UploadRequest::new(
            OriginCountry::Canada,
            [UploadTransaction::credit(date(22), "refund", dec("-5"))],
        )
        .most_recent_balance(dec("1")),
        // AccountId on some transactions only.
        UploadRequest::new(OriginCountry::Canada, [tx().account_id("a"), tx()])
            .most_recent_balance(dec("1")),
        // A balance for an account no transaction names.
        UploadRequest::new(OriginCountry::Canada, [tx().account_id("a")])
            .account_most_recent_balance("b", dec("1")),
        // Details for an attribute outside the card.
        UploadRequest::new(OriginCountry::Canada, [tx()])
            .most_recent_balance(dec("1"))
            .card(["a"])
            .attributes_detail(["b"]),
    ];
    for request in &open_cases {
        upload.all_attributes(request).await.unwrap();
    }
}

#[tokio::test]
async fn categorization_sends_the_upload_body_and_decodes_exact_amounts() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("attributes/upload/Categorization")))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .and(body_json(serde_json::json!({
            "Options": { "OriginCountry": "ca" },
            "Transactions": [
                { "TransactionDate": "2021/01/22", "Description": "payroll - flinks technologies", "Debit": "100.00", "Credit": null, "Balance": "900.00" }
            ]
        })))
        .respond_with(json(200, fixture("schema_built_upload_categorization_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let request = UploadRequest::new(
        OriginCountry::Canada,
        [
            UploadTransaction::debit(date(22), "payroll - flinks technologies", dec("100"))
                .balance(dec("900")),
        ],
    );
    let answer = client(&server)
        .upload()
        .categorization(&request)
        .await
        .unwrap();
    assert_eq!(
        answer.user_identifier.as_deref(),
        Some("User Identifier Value")
    );
    let transaction = &answer.transactions[0];
    assert_eq!(transaction.debit, Some(dec("100.00")));
    assert_eq!(transaction.debit.unwrap().scale(), 2);
    assert_eq!(transaction.credit, None);
    assert_eq!(transaction.category.as_deref(), Some("Income"));
    assert_eq!(transaction.sub_category.as_deref(), Some("Payroll"));
}

#[tokio::test]
async fn fraud_analysis_is_a_get_by_login_with_the_secret_bearer() {
    let server = server().await;
    let login = "5e115eac-1209-4f19-641c-08d6d484e2fe";
    Mock::given(method("GET"))
        .and(path(api_path(&format!("FraudAnalysis/{login}"))))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .respond_with(json(200, fixture("schema_built_fraud_analysis_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let analysis = client(&server)
        .upload()
        .fraud_analysis(login.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(analysis.login_id.unwrap().to_string(), login);
    assert_eq!(
        analysis.other["Documents"][0]["Alerts"][0],
        "MODIFIED_METADATA"
    );
}
