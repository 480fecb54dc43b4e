//! Direct-debit mandates: list, create, get, activate, cancel.

use futures::TryStreamExt;
use linkcy_client::{
    CreateMandateRequest, MandateFilter, MandateSortAttribute, MandateStatus, NewMandateDebtor,
    PartyType, SortDirection,
};
use wiremock::Mock;
use wiremock::matchers::{body_json, body_string, method, path};

use crate::support::{
    bearer, client, fixture_json, id, query, reply, server, untouched_server, validation_field,
};

const MANDATE_ID: &str = "d4dbf0da-b5aa-43ae-b9db-c2aff331d3ad";

#[tokio::test]
async fn list_sends_filters_and_decodes_mandates() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/mandates"))
        .and(bearer())
        .and(query(&[
            ("sortAttribute", "DEBTOR_NAME"),
            ("endUserId", "120e9d1f-8444-4b91-85e8-5b208615a3e5"),
            ("status", "ACTIVATED"),
            ("page", "0"),
            ("sortDirection", "DESC"),
        ]))
        .respond_with(reply(200, "schema_built_mandates_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = MandateFilter::new()
        .sort_attribute(MandateSortAttribute::DebtorName)
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .status(MandateStatus::Activated)
        .page(0)
        .sort_direction(SortDirection::Desc);
    let page = client(&server).mandates().list(&filter).await.unwrap();
    assert_eq!(page.total_elements, 2);
    assert_eq!(page.content[1].status, Some(MandateStatus::Activated));
    assert_eq!(page.content[1].recurring, Some(false));
}

#[tokio::test]
async fn stream_collects_mandates() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/mandates"))
        .respond_with(reply(200, "schema_built_mandates_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server)
        .mandates()
        .stream(MandateFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn create_sends_the_body() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/mandates"))
        .and(bearer())
        .and(body_json(fixture_json(
            "schema_built_mandates_create_request.json",
        )))
        .respond_with(reply(201, "research_created_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let debtor = NewMandateDebtor::new(PartyType::Person, "John Smith", "DE89370400440532013000")
        .bic("COBADEFFXXX");
    let mandate = CreateMandateRequest::new(debtor)
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .friendly_name("Gym subscription")
        .recurring(true)
        .expiration_date("2099-12-31".parse().unwrap());
    let created = client(&server).mandates().create(&mandate).await.unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
}

#[tokio::test]
async fn get_decodes_the_research_mandate() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/partner/mandates/{MANDATE_ID}")))
        .and(bearer())
        .respond_with(reply(200, "schema_built_mandates_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let mandate = client(&server)
        .mandates()
        .get(id(MANDATE_ID))
        .await
        .unwrap();
    assert_eq!(mandate.id, id(MANDATE_ID));
    assert_eq!(mandate.unique_reference.as_deref(), Some("string"));
    assert_eq!(mandate.status, Some(MandateStatus::AwaitingActivation));
    let debtor = mandate.debtor.as_ref().unwrap();
    assert_eq!(debtor.party_type, Some(PartyType::Person));
    assert_eq!(
        debtor.banking_details.as_ref().unwrap().bic.as_deref(),
        Some("string")
    );
    assert_eq!(
        debtor.ledger_id,
        Some(id("a2873d47-59a8-4daf-a325-cb2c04557dd7"))
    );
    assert_eq!(mandate.recurring, Some(true));
    assert_eq!(mandate.expiration_date.unwrap().to_string(), "2019-08-24");
    assert_eq!(
        mandate.creation_date.unwrap().to_rfc3339(),
        "2019-08-24T14:15:22+00:00"
    );
}

#[tokio::test]
async fn activate_and_cancel_post_without_a_body() {
    let server = server().await;
    for action in ["activate", "cancel"] {
        Mock::given(method("POST"))
            .and(path(format!("/api/partner/mandates/{MANDATE_ID}/{action}")))
            .and(bearer())
            .and(body_string(""))
            .respond_with(reply(200, "research_created_201.json"))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let activated = client.mandates().activate(id(MANDATE_ID)).await.unwrap();
    let cancelled = client.mandates().cancel(id(MANDATE_ID)).await.unwrap();
    assert_eq!(activated.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    assert_eq!(cancelled, activated);
}

#[tokio::test]
async fn invalid_mandates_are_refused_before_sending() {
    let server = untouched_server().await;
    let client = client(&server);
    let debtor = || NewMandateDebtor::new(PartyType::Company, "ACME", "DE89370400440532013000");
    // No rule for `expirationDate` is documented: the server decides.
    let past = CreateMandateRequest::new(debtor()).expiration_date("2020-01-01".parse().unwrap());
    assert!(past.validate().is_ok());
    let bad_iban =
        CreateMandateRequest::new(NewMandateDebtor::new(PartyType::Company, "ACME", "DE00"));
    assert_eq!(
        validation_field(&client.mandates().create(&bad_iban).await.unwrap_err()),
        "debtor.bankingDetails.iban"
    );
    let no_name = CreateMandateRequest::new(NewMandateDebtor::new(
        PartyType::Company,
        "",
        "DE89370400440532013000",
    ));
    assert_eq!(
        validation_field(&client.mandates().create(&no_name).await.unwrap_err()),
        "debtor.name"
    );
    let long = CreateMandateRequest::new(debtor()).friendly_name("x".repeat(256));
    assert_eq!(
        validation_field(&client.mandates().create(&long).await.unwrap_err()),
        "friendlyName"
    );
}
