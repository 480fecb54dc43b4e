//! KYC requests (paths and bodies from third-party code, inferred).

use futures::TryStreamExt;
use linkcy_client::{
    CreateKycRequest, KycConfiguration, KycFilter, KycPersonType, KycSortAttribute, KycStatus,
    SimulateKycRequest,
};
use wiremock::Mock;
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_json, method, path};

use crate::support::{bearer, client, fixture_json, id, query, reply, server};

const CONSUMER: &str = "120e9d1f-8444-4b91-85e8-5b208615a3e5";

#[tokio::test]
async fn create_sends_the_configuration_and_decodes_the_kyc() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/kyc"))
        .and(bearer())
        .and(body_json(fixture_json("inferred_kyc_create_request.json")))
        .respond_with(reply(201, "inferred_kyc_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let request = CreateKycRequest::new(
        id(CONSUMER),
        KycConfiguration::link()
            .url_on_complete("https://partner.example/kyc/done".parse().unwrap())
            .url_on_failure("https://partner.example/kyc/failed".parse().unwrap()),
    );
    let kyc = client(&server).kyc().create(&request).await.unwrap();
    assert_eq!(kyc.id, Some(id("5d1f0c7a-93b4-4f6e-8a2d-1c3b5e7f9a0b")));
    assert_eq!(kyc.consumer_id, Some(id(CONSUMER)));
    assert_eq!(kyc.status, Some(KycStatus::Created));
    assert_eq!(
        kyc.url.as_deref(),
        Some("https://kyc.example/flow/5d1f0c7a")
    );
    assert_eq!(kyc.other["provider"], "SUMSUB");
}

#[tokio::test]
async fn simulate_get_and_list() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/kyc/simulate"))
        .and(body_json(fixture_json(
            "inferred_kyc_simulate_request.json",
        )))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/api/partner/kyc/5d1f0c7a-93b4-4f6e-8a2d-1c3b5e7f9a0b",
        ))
        .respond_with(reply(200, "inferred_kyc_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/partner/kyc"))
        .and(query(&[
            ("sortAttribute", "CREATION_DATE"),
            ("personType", "CONSUMER"),
            ("kycStatus", "PENDING_REVIEW"),
            ("kycStatus", "CREATED"),
        ]))
        .respond_with(reply(200, "inferred_kyc_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    // The stream asks for its first page by number.
    Mock::given(method("GET"))
        .and(path("/api/partner/kyc"))
        .and(query(&[
            ("sortAttribute", "CREATION_DATE"),
            ("personType", "CONSUMER"),
            ("kycStatus", "PENDING_REVIEW"),
            ("kycStatus", "CREATED"),
            ("page", "0"),
        ]))
        .respond_with(reply(200, "inferred_kyc_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let kyc = client.kyc();
    kyc.simulate(&SimulateKycRequest::new(id(CONSUMER), KycStatus::Validated))
        .await
        .unwrap();
    let one = kyc
        .get(id("5d1f0c7a-93b4-4f6e-8a2d-1c3b5e7f9a0b"))
        .await
        .unwrap();
    assert_eq!(one.status, Some(KycStatus::Created));
    let filter = KycFilter::new()
        .sort_attribute(KycSortAttribute::CreationDate)
        .person_type(KycPersonType::Consumer)
        .kyc_status([KycStatus::PendingReview, KycStatus::Created]);
    let page = kyc.list(&filter).await.unwrap();
    assert_eq!(page.total_elements, 1);
    assert_eq!(page.content[0].status, Some(KycStatus::PendingReview));
    assert_eq!(page.content[0].url, None);
    let all: Vec<_> = kyc.stream(filter).try_collect().await.unwrap();
    assert_eq!(all, page.content);
}
