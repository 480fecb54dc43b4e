//! Ledgers: list, create, get.

use std::str::FromStr;

use futures::TryStreamExt;
use linkcy_client::{
    CreateLedgerRequest, LedgerCountry, LedgerFilter, LedgerLimits, LedgerSortAttribute,
    LedgerStatus, LedgerType, SortDirection,
};
use rust_decimal::Decimal;
use wiremock::Mock;
use wiremock::matchers::{body_json, body_string_contains, method, path};

use crate::support::{
    bearer, client, fixture_json, id, query, reply, server, untouched_server, validation_field,
};

#[tokio::test]
async fn list_sends_filters_and_decodes_the_list_element() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/ledgers"))
        .and(bearer())
        .and(query(&[
            ("sortAttribute", "CREATION_DATE"),
            ("endUserId", "120e9d1f-8444-4b91-85e8-5b208615a3e5"),
            ("status", "ACTIVE"),
            ("status", "PENDING"),
            ("parentId", "70850378-7d3c-4f45-91b7-942d4dfbbd43"),
            ("iban", "FR1420041010050500013M02606"),
            ("page", "1"),
            ("pageSize", "20"),
            ("sortDirection", "ASC"),
        ]))
        .respond_with(reply(200, "schema_built_ledgers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = LedgerFilter::new()
        .sort_attribute(LedgerSortAttribute::CreationDate)
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .status([LedgerStatus::Active, LedgerStatus::Pending])
        .parent_id(id("70850378-7d3c-4f45-91b7-942d4dfbbd43"))
        .iban("FR1420041010050500013M02606")
        .page(1)
        .page_size(20)
        .sort_direction(SortDirection::Asc);
    let page = client(&server).ledgers().list(&filter).await.unwrap();
    let ledger = &page.content[0];
    assert_eq!(ledger.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    assert_eq!(ledger.country, Some(LedgerCountry::Estonia));
    assert_eq!(ledger.currency.unwrap().code(), "EUR");
    assert_eq!(ledger.status, Some(LedgerStatus::Pending));
    assert_eq!(
        ledger.parent_id,
        Some(id("70850378-7d3c-4f45-91b7-942d4dfbbd43"))
    );
    assert_eq!(
        ledger.end_user.as_ref().unwrap().id,
        id("497f6eca-6276-4993-bfeb-53cbbbba6f08")
    );
    assert_eq!(ledger.friendly_name.as_deref(), Some("string"));
    assert_eq!(ledger.is_upgraded, Some(true));
    assert_eq!(ledger.total_amount, None);
}

#[tokio::test]
async fn stream_yields_the_single_page() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/ledgers"))
        .respond_with(reply(200, "schema_built_ledgers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server)
        .ledgers()
        .stream(LedgerFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
}

#[tokio::test]
async fn create_sends_the_research_sample() {
    let server = server().await;
    let mut expected = fixture_json("research_ledgers_create_request.json");
    expected["limits"]["transactionLimit"] = serde_json::json!(1000.50);
    Mock::given(method("POST"))
        .and(path("/api/partner/ledgers"))
        .and(bearer())
        .and(body_json(&expected))
        .and(body_string_contains(r#""transactionLimit":1000.50"#))
        .respond_with(reply(201, "research_created_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let limits = LedgerLimits::new()
        .dd_transaction_limit(Decimal::ZERO)
        .dd_monthly_limit(Decimal::ZERO)
        .transaction_limit(Decimal::from_str("1000.50").unwrap())
        .transaction_daily_limit(Decimal::ZERO)
        .transaction_monthly_limit(Decimal::ZERO);
    let request = CreateLedgerRequest::new(LedgerType::EurBelgium)
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .auto_upgrade(true)
        .limits(limits)
        .friendly_name("string");
    let created = client(&server).ledgers().create(&request).await.unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
}

#[tokio::test]
async fn get_decodes_balances_exactly() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(
            "/api/partner/ledgers/a2873d47-59a8-4daf-a325-cb2c04557dd7",
        ))
        .and(bearer())
        .respond_with(reply(200, "schema_built_ledgers_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ledger = client(&server)
        .ledgers()
        .get(id("a2873d47-59a8-4daf-a325-cb2c04557dd7"))
        .await
        .unwrap();
    assert_eq!(ledger.total_amount.unwrap().to_string(), "1520.75");
    assert_eq!(ledger.available_amount.unwrap().to_string(), "1478.65");
    assert_eq!(ledger.reserved_amount.unwrap().to_string(), "42.10");
    assert_eq!(ledger.country, Some(LedgerCountry::France));
    assert_eq!(ledger.status, Some(LedgerStatus::Active));
    assert_eq!(ledger.iban.as_deref(), Some("FR1420041010050500013M02606"));
    assert_eq!(ledger.bic_or_swift.as_deref(), Some("PSSTFRPPXXX"));
    assert_eq!(ledger.account_number.as_deref(), Some("0500013M026"));
    assert_eq!(ledger.sort_code, None);
    assert_eq!(ledger.routing_number, None);
    assert_eq!(
        ledger.update_date.unwrap().to_rfc3339(),
        "2024-03-05T08:00:00+00:00"
    );
}

#[tokio::test]
async fn invalid_ledgers_are_refused_before_sending() {
    let server = untouched_server().await;
    let ledgers = client(&server);
    let ledgers = ledgers.ledgers();
    let empty_name = CreateLedgerRequest::new(LedgerType::EurFrance).friendly_name("");
    assert_eq!(
        validation_field(&ledgers.create(&empty_name).await.unwrap_err()),
        "friendlyName"
    );
    let fractional = CreateLedgerRequest::new(LedgerType::EurFrance)
        .limits(LedgerLimits::new().dd_monthly_limit(Decimal::new(1005, 3)));
    assert_eq!(
        validation_field(&ledgers.create(&fractional).await.unwrap_err()),
        "limits.ddMonthlyLimit"
    );
    let page = LedgerFilter::new().page_size(101);
    assert_eq!(
        validation_field(&ledgers.list(&page).await.unwrap_err()),
        "pageSize"
    );
}
