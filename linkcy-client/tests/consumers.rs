//! Consumers: list and create.

use futures::TryStreamExt;
use linkcy_client::{
    BankingStatus, ComplianceStatus, ConsumerFilter, ConsumerSortAttribute, ConsumerStatus,
    CreateConsumerRequest, Gender, KycStatus, LinkcyStatus, Occupation, OverallStatus, Phone,
    SourceOfFunds, SuspensionStatus,
};
use wiremock::Mock;
use wiremock::matchers::{body_json, method, path};

use crate::support::{
    bearer, client, fixture_json, query, reply, server, untouched_server, validation_field,
};

#[tokio::test]
async fn list_sends_every_filter_and_decodes_a_consumer() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/consumers"))
        .and(bearer())
        .and(query(&[
            ("sortAttribute", "LAST_NAME"),
            ("lastName", "Doe"),
            ("phone", "33612345678"),
            ("emailAddress", "jane.doe@example.com"),
            ("kycStatus", "VALIDATED"),
            ("kycStatus", "PENDING_REVIEW"),
            ("bankingStatus", "VALIDATED"),
            ("suspensionStatus", "NOT_SUSPENDED"),
            ("linkcyStatus", "VALIDATED"),
            ("complianceStatus", "VALIDATED"),
            ("overallStatus", "ACTIVE"),
            ("page", "3"),
        ]))
        .respond_with(reply(200, "schema_built_consumers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = ConsumerFilter::new()
        .sort_attribute(ConsumerSortAttribute::LastName)
        .last_name("Doe")
        .phone("33612345678")
        .email_address("jane.doe@example.com")
        .kyc_status([KycStatus::Validated, KycStatus::PendingReview])
        .banking_status([BankingStatus::Validated])
        .suspension_status([SuspensionStatus::NotSuspended])
        .linkcy_status([LinkcyStatus::Validated])
        .compliance_status([ComplianceStatus::Validated])
        .overall_status(OverallStatus::Active)
        .page(3);
    let page = client(&server).consumers().list(&filter).await.unwrap();
    let consumer = &page.content[0];
    assert_eq!(
        consumer.id.to_string(),
        "120e9d1f-8444-4b91-85e8-5b208615a3e5"
    );
    assert_eq!(consumer.external_id.as_deref(), Some("customer-42"));
    let phone = consumer.phone.as_ref().unwrap();
    assert_eq!(
        (phone.country_code.as_deref(), phone.verified),
        (Some("33"), Some(true))
    );
    let kyc = consumer.kyc_info.as_ref().unwrap();
    assert_eq!(kyc.status, Some(KycStatus::Validated));
    assert_eq!(kyc.kyc_type.as_deref(), Some("FULL_KYC"));
    assert_eq!(consumer.status, Some(ConsumerStatus::Active));
    assert_eq!(
        consumer.address.as_ref().unwrap().city.as_deref(),
        Some("Paris")
    );
    assert_eq!(consumer.gender, Some(Gender::Female));
    assert_eq!(consumer.birth_date.unwrap().to_string(), "1990-05-17");
    assert_eq!(
        consumer.source_of_funds,
        Some(SourceOfFunds::SavingsFromSalary)
    );
    assert_eq!(consumer.occupation, Some(Occupation::Engineer));
    assert_eq!(
        consumer.email.as_ref().unwrap()["address"],
        "jane.doe@example.com"
    );
    assert_eq!(consumer.middle_name, None);
}

#[tokio::test]
async fn stream_collects_consumers() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/consumers"))
        .respond_with(reply(200, "schema_built_consumers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server)
        .consumers()
        .stream(ConsumerFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
}

#[tokio::test]
async fn create_sends_the_body() {
    let server = server().await;
    let mut expected = fixture_json("schema_built_consumers_create_request.json");
    expected["termsVersion"] = serde_json::json!("2024-01");
    Mock::given(method("POST"))
        .and(path("/api/partner/consumers"))
        .and(bearer())
        .and(body_json(&expected))
        .respond_with(reply(201, "research_created_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let consumer = CreateConsumerRequest::new(Phone::new("33", "612345678"))
        .partner_name("acme")
        .external_id("customer-42")
        .first_name("Jane")
        .last_name("Doe")
        .email_address("jane.doe@example.com")
        .source_of_funds(SourceOfFunds::SavingsFromSalary)
        .occupation(Occupation::Engineer)
        .birth_iso_country_code("FRA")
        .other_field("termsVersion", serde_json::json!("2024-01"));
    let created = client(&server).consumers().create(&consumer).await.unwrap();
    assert_eq!(
        created.id.to_string(),
        "497f6eca-6276-4993-bfeb-53cbbbba6f08"
    );
}

#[tokio::test]
async fn invalid_consumers_are_refused_before_sending() {
    let server = untouched_server().await;
    let client = client(&server);
    let no_number = CreateConsumerRequest::new(Phone::new("33", ""));
    assert_eq!(
        validation_field(&client.consumers().create(&no_number).await.unwrap_err()),
        "phone.number"
    );
    let country = CreateConsumerRequest::new(Phone::new("33", "6")).birth_iso_country_code("FR");
    assert_eq!(
        validation_field(&client.consumers().create(&country).await.unwrap_err()),
        "birthIsoCountryCode"
    );
    let long = CreateConsumerRequest::new(Phone::new("33", "6")).external_id("x".repeat(512));
    assert_eq!(
        validation_field(&client.consumers().create(&long).await.unwrap_err()),
        "externalId"
    );
    let other = CreateConsumerRequest::new(Phone::new("33", "6"))
        .source_of_funds(SourceOfFunds::Other)
        .other_source_of_funds("Crowdfunding");
    assert!(other.validate().is_ok());
}

#[tokio::test]
async fn get_decodes_one_consumer() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(
            "/api/partner/consumers/7c9e6679-7425-40de-944b-e07fc1f90ae7",
        ))
        .and(bearer())
        .respond_with(reply(200, "schema_built_consumers_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let consumer = client(&server)
        .consumers()
        .get(crate::support::id("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
        .await
        .unwrap();
    assert_eq!(consumer.status, Some(ConsumerStatus::Lock));
    assert_eq!(consumer.middle_name.as_deref(), Some("Marie"));
    assert_eq!(consumer.gender, Some(Gender::Male));
    assert_eq!(consumer.occupation, Some(Occupation::Other));
    assert_eq!(consumer.other_occupation.as_deref(), Some("musician"));
    assert_eq!(
        consumer.kyc_info.unwrap().status,
        Some(KycStatus::PendingReview)
    );
}
