//! Transactions: every endpoint's request and the documented answers.

use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Utc, Weekday};
use futures::TryStreamExt;
use linkcy_client::{
    BeneficiaryTransferRequest, DeclineReason, DirectDebitRequest, InterLedgerTransferRequest,
    PaymentType, ScaFactor, ScaOptions, ScaOutcome, ScaStrategy, SortDirection, Transaction,
    TransactionFilter, TransactionSortAttribute, TransactionStatus, TransactionType,
};
use rust_decimal::Decimal;
use uuid::Uuid;
use wiremock::matchers::{body_json, body_string, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{
    bearer, client, fixture, fixture_json, id, list_transactions, query, reply, seen, server,
    untouched_server, validation_field,
};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The first working day at least two days from today (UTC).
fn next_collection_date() -> NaiveDate {
    let mut date = Utc::now().date_naive() + Days::new(2);
    while matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        date = date + Days::new(1);
    }
    date
}

/// `GET /api/partner/transactions/{transaction_id}` answered with `fixture`.
async fn get_served(
    transaction_id: &str,
    status: u16,
    fixture: &str,
) -> banking_core::Result<Transaction> {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/partner/transactions/{transaction_id}")))
        .and(bearer())
        .respond_with(reply(status, fixture))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).transactions().get(id(transaction_id)).await
}

#[tokio::test]
async fn list_sends_all_fourteen_filters_and_decodes_the_seed_sample() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/transactions"))
        .and(bearer())
        .and(query(&[
            ("sortAttribute", "CREATION_DATE"),
            ("endUserId", "120e9d1f-8444-4b91-85e8-5b208615a3e5"),
            ("ledgerId", "a2873d47-59a8-4daf-a325-cb2c04557dd7"),
            ("cardId", "c0ffee00-1234-4abc-9def-0123456789ab"),
            ("transactionTypes", "CARD_AUTHORIZATION"),
            ("transactionTypes", "SEPA_DIRECT_DEBIT"),
            ("paymentTypes", "MONEY_TRANSFER"),
            ("paymentTypes", "NEW_PAYMENT_TYPE"),
            ("showReleasedTransaction", "false"),
            ("showDeclinedTransaction", "true"),
            ("startDate", "2022-05-16T10:30"),
            ("endDate", "2022-05-17T23:59:59"),
            ("status", "APPROVED"),
            ("status", "DECLINED"),
            ("pageSize", "100"),
            ("page", "0"),
            ("sortDirection", "DESC"),
        ]))
        .respond_with(reply(200, "seed_transactions_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = TransactionFilter::new()
        .sort_attribute(TransactionSortAttribute::CreationDate)
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .ledger_id(id("a2873d47-59a8-4daf-a325-cb2c04557dd7"))
        .card_id(id("c0ffee00-1234-4abc-9def-0123456789ab"))
        .transaction_types([
            TransactionType::CardAuthorization,
            TransactionType::SepaDirectDebit,
        ])
        .payment_types([
            PaymentType::MoneyTransfer,
            PaymentType::from("NEW_PAYMENT_TYPE"),
        ])
        .show_released_transaction(false)
        .show_declined_transaction(true)
        .start_date("2022-05-16T10:30:00".parse().unwrap())
        .end_date("2022-05-17T23:59:59".parse().unwrap())
        .status([TransactionStatus::Approved, TransactionStatus::Declined])
        .page_size(100)
        .page(0)
        .sort_direction(SortDirection::Desc);
    let page = client(&server).transactions().list(&filter).await.unwrap();
    assert!(page.content.is_empty());
    assert_eq!(page.total_elements, 1);
    assert_eq!(page.page, 0);
    assert_eq!(page.page_size, 0);
}

#[tokio::test]
async fn list_without_filters_sends_no_query_and_decodes_items_exactly() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/transactions"))
        .and(query(&[]))
        .respond_with(reply(200, "schema_built_transactions_list_page0_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let page = list_transactions(&client(&server)).await.unwrap();
    assert_eq!((page.total_elements, page.page, page.page_size), (5, 0, 2));
    assert_eq!(page.next_page(), Some(1));
    let card = &page.content[0];
    assert_eq!(card.id, id("1c1f6b1e-2a43-4d55-9a3b-0b7e6f1d2c01"));
    assert_eq!(
        card.transaction_type,
        Some(TransactionType::CardAuthorization)
    );
    assert_eq!(card.payment_type, Some(PaymentType::Payment));
    assert_eq!(card.status, Some(TransactionStatus::Released));
    assert_eq!(card.amount.to_string(), "42.10");
    let info = card.information.as_ref().unwrap();
    assert_eq!(info.original_amount.unwrap().to_string(), "45.00");
    assert_eq!(info.original_currency.as_deref(), Some("USD"));
    assert_eq!(info.conversion_rate_decimal(), Some(dec("0.9356")));
    assert_eq!(
        card.receiver.as_ref().unwrap().name.as_deref(),
        Some("COFFEE SHOP NYC")
    );
    let declined = &page.content[1];
    assert_eq!(declined.status, Some(TransactionStatus::Declined));
    assert_eq!(
        declined.information.as_ref().unwrap().decline_reason,
        Some(DeclineReason::BeneficiaryAccountClosedOrStopped)
    );
}

#[tokio::test]
async fn stream_walks_three_pages_lazily() {
    let server = server().await;
    for page in 0..3 {
        Mock::given(method("GET"))
            .and(path("/api/partner/transactions"))
            .and(query(&[("page", &page.to_string()), ("pageSize", "2")]))
            .respond_with(reply(
                200,
                &format!("schema_built_transactions_list_page{page}_200.json"),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let items: Vec<_> = client(&server)
        .transactions()
        .stream(TransactionFilter::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<String> = items
        .iter()
        .map(|t| t.id.to_string()[..8].to_owned())
        .collect();
    assert_eq!(
        ids,
        ["1c1f6b1e", "2d2e7c2f", "3e3f8d30", "4f409e41", "50511f52"]
    );
    assert_eq!(items[3].currency.code(), "GBP");
    assert_eq!(items[3].amount.to_string(), "99.99");
    assert_eq!(items[4].amount.to_string(), "1000");
}

#[tokio::test]
async fn stream_starts_at_the_filter_page() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/transactions"))
        .and(query(&[("page", "2")]))
        .respond_with(reply(200, "schema_built_transactions_list_page2_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server)
        .transactions()
        .stream(TransactionFilter::new().page(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].transaction_type, Some(TransactionType::Fx));
}

#[tokio::test]
async fn get_decodes_the_seed_sample() {
    let tx = get_served(
        "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        200,
        "seed_transactions_get_200.json",
    )
    .await
    .unwrap();
    assert_eq!(tx.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    assert_eq!(tx.transaction_type, Some(TransactionType::InterLedger));
    assert_eq!(tx.payment_type, Some(PaymentType::MoneyTransfer));
    assert_eq!(tx.status, Some(TransactionStatus::Approved));
    assert_eq!(
        tx.creation_date.unwrap().to_rfc3339(),
        "2019-08-24T14:15:22+00:00"
    );
    assert_eq!(tx.amount, Decimal::ZERO);
    assert_eq!(tx.currency.code(), "EUR");
    assert_eq!(tx.money().to_string(), "0 EUR");
    let info = tx.information.unwrap();
    assert_eq!(info.original_amount, None);
    assert_eq!(info.reference, None);
    assert_eq!(tx.sender.unwrap().ledger_id, None);
    assert_eq!(tx.receiver.unwrap().name, None);
}

#[tokio::test]
async fn get_decodes_the_full_schema_built_sample_exactly() {
    let tx = get_served(
        "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        200,
        "schema_built_transactions_get_200.json",
    )
    .await
    .unwrap();
    assert_eq!(tx.amount.to_string(), "1250.50");
    assert_eq!(tx.amount.scale(), 2);
    let info = tx.information.as_ref().unwrap();
    assert_eq!(info.original_amount, Some(dec("1250.50")));
    assert_eq!(info.conversion_rate.as_deref(), Some("1.0000"));
    assert_eq!(info.note.as_deref(), Some("string"));
    assert_eq!(
        info.clearing_date.unwrap().to_rfc3339(),
        "2019-08-24T14:15:22+00:00"
    );
    let sender = tx.sender.as_ref().unwrap();
    assert_eq!(
        sender.previous_total_balance.unwrap().to_string(),
        "12345678901234567.89"
    );
    assert_eq!(sender.previous_reserved_balance, Some(Decimal::ZERO));
    assert_eq!(
        sender.virtual_ledger_id,
        Some(id("9fd33797-d74c-48f1-ae37-6d778044619f"))
    );
    assert_eq!(
        sender.end_user_id,
        Some(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
    );
    assert_eq!(
        sender.ledger_id,
        Some(id("a2873d47-59a8-4daf-a325-cb2c04557dd7"))
    );
    let receiver = tx.receiver.as_ref().unwrap();
    assert_eq!(
        receiver.ledger_id,
        Some(id("7280fced-5334-43dd-8913-9f06bb46b488"))
    );
    assert_eq!(
        receiver.previous_total_balance.unwrap().to_string(),
        "300.00"
    );
}

#[tokio::test]
async fn get_percent_encodes_nothing_but_the_uuid_and_maps_404() {
    let error = get_served(
        "00000000-0000-0000-0000-000000000000",
        404,
        "schema_built_error_not_found_404.json",
    )
    .await
    .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.provider_code(), Some("TRANSACTION_NOT_FOUND"));
}

/// `request` encoded as the docs' samples are written (two-space indent,
/// a final newline), to compare with a seed fixture byte for byte.
fn pretty(request: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(request).unwrap() + "\n"
}

#[tokio::test]
async fn the_seed_transfer_sample_is_the_wire_form_and_its_zero_amount_is_refused() {
    let transfer = BeneficiaryTransferRequest::new(
        Decimal::ZERO,
        id("410e5c37-9603-4e5b-81b1-7cb895f362e8"),
        id("b595c981-8a0f-4604-a66c-209d65193394"),
    )
    .reference("string")
    .allow_fast_payment(true)
    .allow_inter_ledger(true);
    assert_eq!(
        pretty(&transfer),
        fixture("seed_transactions_create_request.json")
    );
    // The sample's `"amount": 0` is a placeholder: a zero transfer is
    // refused before anything is sent.
    let server = untouched_server().await;
    let error = client(&server)
        .transactions()
        .create(&transfer, &ScaOptions::new())
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "amount");
}

#[tokio::test]
async fn create_sends_the_body_with_sca_headers_and_decodes_the_seed_answer() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .and(bearer())
        .and(header("Linkcy-SCA-Strategy", "JOIN_CODE"))
        .and(header("Linkcy-SCA-Factor", "PIN"))
        .and(header("content-type", "application/json"))
        .and(body_string(
            r#"{"amount":15.21,"beneficiaryId":"410e5c37-9603-4e5b-81b1-7cb895f362e8","ledgerFromId":"b595c981-8a0f-4604-a66c-209d65193394","reference":"string","allowFastPayment":true,"allowInterLedger":true}"#,
        ))
        .respond_with(reply(201, "seed_transactions_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let transfer = BeneficiaryTransferRequest::new(
        dec("15.21"),
        id("410e5c37-9603-4e5b-81b1-7cb895f362e8"),
        id("b595c981-8a0f-4604-a66c-209d65193394"),
    )
    .reference("string")
    .allow_fast_payment(true)
    .allow_inter_ledger(true);
    let sca = ScaOptions::new()
        .strategy(ScaStrategy::JoinCode)
        .factor(ScaFactor::Pin);
    let outcome = client(&server)
        .transactions()
        .create(&transfer, &sca)
        .await
        .unwrap();
    let ScaOutcome::Done(created) = outcome else {
        panic!("201 is done")
    };
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
}

#[tokio::test]
async fn create_omits_unset_optional_fields() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .and(body_string(
            r#"{"amount":100.50,"beneficiaryId":"410e5c37-9603-4e5b-81b1-7cb895f362e8","ledgerFromId":"b595c981-8a0f-4604-a66c-209d65193394"}"#,
        ))
        .respond_with(reply(201, "seed_transactions_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let transfer = BeneficiaryTransferRequest::new(
        dec("100.50"),
        id("410e5c37-9603-4e5b-81b1-7cb895f362e8"),
        id("b595c981-8a0f-4604-a66c-209d65193394"),
    );
    let outcome = client(&server)
        .transactions()
        .create(&transfer, &ScaOptions::new())
        .await
        .unwrap();
    assert!(outcome.done().is_some());
    let sent = seen(&server, "/api/partner/transactions").await;
    assert!(sent[0].headers.get("Linkcy-SCA-Strategy").is_none());
}

#[tokio::test]
async fn the_seed_inter_ledger_sample_is_the_wire_form_and_its_zero_amount_is_refused() {
    let transfer = InterLedgerTransferRequest::new(
        id("b595c981-8a0f-4604-a66c-209d65193394"),
        id("7280fced-5334-43dd-8913-9f06bb46b488"),
        Decimal::ZERO,
    )
    .reference("string");
    assert_eq!(
        pretty(&transfer),
        fixture("seed_transactions_inter_ledger_request.json")
    );
    let server = untouched_server().await;
    let error = client(&server)
        .transactions()
        .create_inter_ledger(&transfer, &ScaOptions::new())
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "amount");
}

#[tokio::test]
async fn inter_ledger_sends_the_research_sample_byte_for_byte() {
    let server = server().await;
    let sample: serde_json::Value = fixture_json("research_transactions_inter_ledger_request.json");
    let compact = fixture("research_transactions_inter_ledger_request.json")
        .replace(", ", ",")
        .replace(": ", ":")
        .replace("{ ", "{")
        .replace(" }", "}")
        .trim()
        .to_owned();
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions/inter-ledger"))
        .and(bearer())
        .and(header("Linkcy-SCA-Strategy", "BY_PASS"))
        .and(body_json(&sample))
        .and(body_string(compact))
        .respond_with(reply(201, "seed_transactions_inter_ledger_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let transfer = InterLedgerTransferRequest::new(
        id("b595c981-8a0f-4604-a66c-209d65193394"),
        id("7280fced-5334-43dd-8913-9f06bb46b488"),
        dec("15.21"),
    )
    .reference("string");
    let created = client(&server)
        .transactions()
        .create_inter_ledger(&transfer, &ScaOptions::new().strategy(ScaStrategy::ByPass))
        .await
        .unwrap()
        .done()
        .unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
}

#[tokio::test]
async fn the_seed_direct_debit_sample_is_the_wire_form_and_is_refused() {
    let debit = DirectDebitRequest::new(
        id("d4dbf0da-b5aa-43ae-b9db-c2aff331d3ad"),
        id("7280fced-5334-43dd-8913-9f06bb46b488"),
        "2019-08-24".parse().unwrap(),
        Decimal::ZERO,
        "string",
    );
    assert_eq!(
        pretty(&debit),
        fixture("seed_transactions_direct_debit_request.json")
    );
    // A zero amount, and a date in the past (a Saturday, too).
    let server = untouched_server().await;
    let error = client(&server)
        .transactions()
        .create_direct_debit(&debit)
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "amount");
    let dated = DirectDebitRequest::new(
        id("d4dbf0da-b5aa-43ae-b9db-c2aff331d3ad"),
        id("7280fced-5334-43dd-8913-9f06bb46b488"),
        "2019-08-24".parse().unwrap(),
        dec("19.99"),
        "string",
    );
    let error = dated.validate().unwrap_err();
    assert_eq!(validation_field(&error), "date");
}

#[tokio::test]
async fn direct_debit_sends_the_body_and_decodes_the_seed_answer() {
    let server = server().await;
    let date = next_collection_date();
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions/direct-debit"))
        .and(bearer())
        .and(body_string(format!(
            r#"{{"mandateId":"d4dbf0da-b5aa-43ae-b9db-c2aff331d3ad","ledgerToId":"7280fced-5334-43dd-8913-9f06bb46b488","date":"{date}","amount":19.99,"reference":"string"}}"#
        )))
        .respond_with(reply(201, "seed_transactions_direct_debit_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let debit = DirectDebitRequest::new(
        id("d4dbf0da-b5aa-43ae-b9db-c2aff331d3ad"),
        id("7280fced-5334-43dd-8913-9f06bb46b488"),
        date,
        dec("19.99"),
        "string",
    );
    let created = client(&server)
        .transactions()
        .create_direct_debit(&debit)
        .await
        .unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    let sent = seen(&server, "/api/partner/transactions/direct-debit").await;
    assert!(sent[0].headers.get("Linkcy-SCA-Strategy").is_none());
}

#[tokio::test]
async fn writes_that_fail_on_the_server_are_not_resent() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    // Default retry policy on: a transfer must still be sent once only.
    let client = linkcy_client::LinkcyClient::builder()
        .environment(linkcy_client::Environment::Custom(
            server.uri().parse().unwrap(),
        ))
        .credentials(crate::support::credentials())
        .build()
        .unwrap();
    let transfer =
        BeneficiaryTransferRequest::new(dec("1"), Uuid::nil().into(), Uuid::nil().into());
    let error = client
        .transactions()
        .create(&transfer, &ScaOptions::new())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
}

#[tokio::test]
async fn invalid_requests_are_refused_before_sending() {
    let server = untouched_server().await;
    let client = client(&server);
    let tx = client.transactions();
    let nil = Uuid::nil();
    let other = id("7280fced-5334-43dd-8913-9f06bb46b488");
    let transfer = |amount: &str| BeneficiaryTransferRequest::new(dec(amount), nil.into(), other);
    let none = ScaOptions::new();

    let cases = [
        (tx.create(&transfer("0"), &none).await, "amount"),
        (tx.create(&transfer("-5"), &none).await, "amount"),
        (tx.create(&transfer("1.001"), &none).await, "amount"),
        (
            tx.create(&transfer("1").reference("a".repeat(61)), &none)
                .await,
            "reference",
        ),
        (
            tx.create(&transfer("1").reference("Invoice #42"), &none)
                .await,
            "reference",
        ),
        (
            tx.create(&transfer("1").reference("Café-Crème"), &none)
                .await,
            "reference",
        ),
    ];
    for (result, field) in cases {
        assert_eq!(validation_field(&result.unwrap_err()), field);
    }
    // Accents are accepted by the pattern; 19 to 60 characters by the seed's
    // limit, though the current reference documents 18.
    assert!(
        transfer("1")
            .reference("Réf. 42, O'Brien ?")
            .validate()
            .is_ok()
    );
    assert!(transfer("1").reference("a".repeat(60)).validate().is_ok());
    // Whether both ledgers may be the same is not documented.
    assert!(
        InterLedgerTransferRequest::new(nil.into(), nil.into(), dec("1"))
            .validate()
            .is_ok()
    );
    let long =
        InterLedgerTransferRequest::new(nil.into(), other, dec("1")).reference("a".repeat(61));
    let err = tx.create_inter_ledger(&long, &none).await.unwrap_err();
    assert_eq!(validation_field(&err), "reference");
    let sixty =
        InterLedgerTransferRequest::new(nil.into(), other, dec("1")).reference("a".repeat(60));
    assert!(sixty.validate().is_ok());

    // Today is before D+2 in every time zone.
    let today = Utc::now().date_naive();
    let soon = DirectDebitRequest::new(nil.into(), other, today, dec("1"), "r");
    let err = tx.create_direct_debit(&soon).await.unwrap_err();
    assert_eq!(validation_field(&err), "date");
    let mut saturday = Utc::now().date_naive() + Days::new(2);
    while saturday.weekday() != Weekday::Sat {
        saturday = saturday + Days::new(1);
    }
    let weekend = DirectDebitRequest::new(nil.into(), other, saturday, dec("1"), "r");
    assert_eq!(
        validation_field(&tx.create_direct_debit(&weekend).await.unwrap_err()),
        "date"
    );

    assert!(TransactionFilter::new().page_size(0).validate().is_ok());
    for size in [101, 500] {
        let err = tx
            .list(&TransactionFilter::new().page_size(size))
            .await
            .unwrap_err();
        assert_eq!(validation_field(&err), "pageSize");
    }
    let err = tx
        .list(
            &TransactionFilter::new()
                .start_date("2022-05-17T00:00:00".parse().unwrap())
                .end_date("2022-05-16T00:00:00".parse().unwrap()),
        )
        .await
        .unwrap_err();
    assert_eq!(validation_field(&err), "startDate");
    let streamed: Result<Vec<_>, _> = tx
        .stream(TransactionFilter::new().page_size(500))
        .try_collect()
        .await;
    assert_eq!(validation_field(&streamed.unwrap_err()), "pageSize");
}

#[test]
fn conversion_rates_are_read_strictly() {
    let rate = |text: &str| {
        let info: linkcy_client::TransactionInformation =
            serde_json::from_value(serde_json::json!({ "conversionRate": text })).unwrap();
        info.conversion_rate_decimal()
    };
    assert_eq!(rate("1.0847"), Some(dec("1.0847")));
    assert_eq!(rate("1.0847").unwrap().scale(), 4);
    // `Decimal::from_str` reads "1_0847" as 10847 and rounds long inputs.
    for refused in [
        "1_0847",
        "0.12345678901234567890123456789",
        "79228162514264337593543950336",
        " 1.08",
        "1e3",
        "+1.08",
        "1,08",
        "",
        "string",
    ] {
        assert_eq!(rate(refused), None, "{refused:?}");
    }
}
