//! Corporates: list and create.

use futures::TryStreamExt;
use linkcy_client::{
    BankingStatus, ComplianceStatus, CorporateFilter, CorporateSortAttribute,
    CreateCorporateRequest, KybStatus, LinkcyStatus, OverallStatus, SuspensionStatus,
};
use wiremock::Mock;
use wiremock::matchers::{body_json, method, path};

use crate::support::{
    bearer, client, fixture_json, query, reply, server, untouched_server, validation_field,
};

#[tokio::test]
async fn list_sends_every_filter_and_decodes_a_corporate() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/corporates"))
        .and(bearer())
        .and(query(&[
            ("sortAttribute", "UPDATE_DATE"),
            ("registeredName", "Société Générale de Café"),
            ("kybStatus", "VALIDATED"),
            ("bankingStatus", "PENDING"),
            ("suspensionStatus", "SUSPENDED"),
            ("linkcyStatus", "CLOSING"),
            ("complianceStatus", "DECLINED"),
            ("overallStatus", "INACTIVE"),
            ("emailAddress", "contact@cafe.example.com"),
            ("pageSize", "1"),
        ]))
        .respond_with(reply(200, "schema_built_corporates_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = CorporateFilter::new()
        .sort_attribute(CorporateSortAttribute::UpdateDate)
        .registered_name("Société Générale de Café")
        .kyb_status([KybStatus::Validated])
        .banking_status([BankingStatus::Pending])
        .suspension_status([SuspensionStatus::Suspended])
        .linkcy_status([LinkcyStatus::Closing])
        .compliance_status([ComplianceStatus::Declined])
        .overall_status(OverallStatus::Inactive)
        .email_address("contact@cafe.example.com")
        .page_size(1);
    let page = client(&server).corporates().list(&filter).await.unwrap();
    let corporate = &page.content[0];
    assert_eq!(
        corporate.registered_name.as_deref(),
        Some("Société Générale de Café")
    );
    assert_eq!(corporate.incorporation_country.as_deref(), Some("FRA"));
    assert_eq!(
        corporate.incorporation_date.unwrap().to_string(),
        "2015-06-01"
    );
    assert_eq!(corporate.kyb_status, Some(KybStatus::Validated));
    assert_eq!(
        corporate.suspension_status,
        Some(SuspensionStatus::NotSuspended)
    );
    assert_eq!(corporate.overall_status, Some(OverallStatus::Active));
    assert_eq!(
        corporate.account_owner_id.unwrap().to_string(),
        "7b6a5f4e-3d2c-4b1a-8f9e-0d1c2b3a4f5e"
    );
}

#[tokio::test]
async fn stream_collects_corporates() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/corporates"))
        .respond_with(reply(200, "schema_built_corporates_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server)
        .corporates()
        .stream(CorporateFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
}

#[tokio::test]
async fn create_sends_the_body_and_decodes_the_account_owner() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/corporates"))
        .and(bearer())
        .and(body_json(fixture_json(
            "schema_built_corporates_create_request.json",
        )))
        .respond_with(reply(201, "schema_built_corporates_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let corporate = CreateCorporateRequest::new("Société Générale de Café", "FRA")
        .partner_name("acme")
        .external_id("company-7")
        .trade_name("Café SG")
        .incorporation_date("2015-06-01".parse().unwrap())
        .legal_type("SAS")
        .website("https://cafe.example.com")
        .employees_range("RANGE_11_50");
    let created = client(&server)
        .corporates()
        .create(&corporate)
        .await
        .unwrap();
    assert_eq!(
        created.id.to_string(),
        "3f9a8b7c-6d5e-4f3a-9b2c-1d0e9f8a7b6c"
    );
    assert_eq!(
        created.account_owner_id.unwrap().to_string(),
        "7b6a5f4e-3d2c-4b1a-8f9e-0d1c2b3a4f5e"
    );
}

#[tokio::test]
async fn invalid_corporates_are_refused_before_sending() {
    let server = untouched_server().await;
    let client = client(&server);
    let cases = [
        (CreateCorporateRequest::new("", "FRA"), "registeredName"),
        (
            CreateCorporateRequest::new("x".repeat(256), "FRA"),
            "registeredName",
        ),
        (
            CreateCorporateRequest::new("Łódź Sp. z o.o.", "POL"),
            "registeredName",
        ),
        (
            CreateCorporateRequest::new("ACME", "FR"),
            "incorporationCountry",
        ),
        (
            CreateCorporateRequest::new("ACME", "fra"),
            "incorporationCountry",
        ),
    ];
    for (request, field) in cases {
        let error = client.corporates().create(&request).await.unwrap_err();
        assert_eq!(validation_field(&error), field);
    }
    let other = CreateCorporateRequest::new("ACME", "FRA")
        .other_field("registeredAddress", serde_json::json!({"city": "Paris"}));
    assert!(other.validate().is_ok());
}
