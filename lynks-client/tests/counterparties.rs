//! Counterparties: create (documented), get, list.

use lynks_client::CounterpartyId;
use lynks_client::counterparties::{CounterpartyFilter, CounterpartyStatus, NewCounterparty};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path, query_param};

use crate::common::{bearer, fixture_json, respond, setup};

#[tokio::test]
async fn create_sends_the_batch_and_returns_the_ids() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v2/counterparties"))
        .and(bearer())
        .and(header("content-type", "application/json"))
        .and(body_json(fixture_json(
            "inferred_counterparties_create_request.json",
        )))
        .respond_with(respond(201, "schema_built_counterparties_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client
        .counterparties()
        .create(&[
            NewCounterparty::new("Acme Supplies S.A.", "LU28 0019 4006 4475 0000")
                .bic("BCEELULL")
                .alias("acme")
                .address_line("12 Rue Erasme")
                .address_line("L-1468 Luxembourg")
                .country("LU"),
            NewCounterparty::new("Müller Logistik GmbH", "de89 3704 0044 0532 0130 00"),
        ])
        .await
        .unwrap();
    assert_eq!(
        ids,
        [
            CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11"),
            CounterpartyId::new("c2b5d8e1-9f4a-4b7c-8e2d-1a3f5c7e9b0d"),
        ]
    );
}

#[tokio::test]
async fn get() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(
            "/v2/counterparties/7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11",
        ))
        .and(bearer())
        .respond_with(respond(200, "inferred_counterparty_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let id = CounterpartyId::new("7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11");
    let c = client.counterparties().get(&id).await.unwrap();
    assert_eq!(c.id, id);
    assert_eq!(c.name.as_deref(), Some("Acme Supplies S.A."));
    assert_eq!(c.iban.as_deref(), Some("LU280019400644750000"));
    assert_eq!(c.bic.as_deref(), Some("BCEELULL"));
    assert_eq!(c.alias.as_deref(), Some("acme"));
    assert_eq!(c.status, Some(CounterpartyStatus::Pending));
    assert_eq!(c.address_lines, ["12 Rue Erasme", "L-1468 Luxembourg"]);
    assert_eq!(c.country.as_deref(), Some("LU"));
}

#[tokio::test]
async fn list_with_filters() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/counterparties"))
        .and(bearer())
        .and(query_param("status", "APPROVED"))
        .and(query_param("iban", "LU280019400644750000"))
        .respond_with(respond(200, "inferred_counterparties_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = CounterpartyFilter::new()
        .status(CounterpartyStatus::Approved)
        .iban("LU28 0019 4006 4475 0000");
    let list = client.counterparties().list(&filter).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].status, Some(CounterpartyStatus::Approved));
    assert_eq!(list[0].id.as_str(), "7d7c1f0e-3c1a-4c55-9d3f-0a8f4c1b2e11");
    assert_eq!(list[1].name.as_deref(), Some("Müller Logistik GmbH"));
    assert_eq!(list[1].bic.as_deref(), Some("COBADEFFXXX"));
    assert_eq!(list[1].alias, None);
    assert!(list[1].address_lines.is_empty());
    assert_eq!(list[1].status, Some(CounterpartyStatus::Pending));
}

#[tokio::test]
async fn list_without_filters_sends_no_query() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/counterparties"))
        .and(|r: &wiremock::Request| r.url.query().is_none())
        .respond_with(respond(200, "inferred_counterparties_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let list = client
        .counterparties()
        .list(&CounterpartyFilter::new())
        .await
        .unwrap();
    assert_eq!(list.len(), 2);
}
