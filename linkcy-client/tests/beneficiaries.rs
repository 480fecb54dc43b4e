//! Beneficiaries: list and create (might require SCA).

use futures::TryStreamExt;
use linkcy_client::{
    BeneficiaryAccount, BeneficiaryFilter, BeneficiarySortAttribute, BeneficiaryStatus,
    CreateBeneficiaryRequest, PartyType, ScaOptions, ScaStrategy, SortDirection,
};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::support::{
    bearer, client, fixture_json, id, query, reply, seen, server, untouched_server,
    validation_field,
};

fn sepa() -> CreateBeneficiaryRequest {
    CreateBeneficiaryRequest::new(
        PartyType::Company,
        "ACME SARL",
        BeneficiaryAccount::Sepa {
            iban: "FR1420041010050500013M02606".into(),
            bic: Some("PSSTFRPPXXX".into()),
        },
    )
    .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
    .display(true)
}

#[tokio::test]
async fn list_sends_filters_and_decodes_both_account_kinds() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/beneficiaries"))
        .and(bearer())
        .and(query(&[
            ("endUserId", "120e9d1f-8444-4b91-85e8-5b208615a3e5"),
            ("name", "ACME"),
            ("iban", "FR1420041010050500013M02606"),
            ("status", "VALID"),
            ("status", "PENDING_REVIEW"),
            ("sortAttribute", "NAME"),
            ("display", "true"),
            ("active", "true"),
            ("pageSize", "50"),
            ("sortDirection", "ASC"),
        ]))
        .respond_with(reply(200, "schema_built_beneficiaries_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = BeneficiaryFilter::new()
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .name("ACME")
        .iban("FR1420041010050500013M02606")
        .status([BeneficiaryStatus::Valid, BeneficiaryStatus::PendingReview])
        .sort_attribute(BeneficiarySortAttribute::Name)
        .display(true)
        .active(true)
        .page_size(50)
        .sort_direction(SortDirection::Asc);
    let page = client(&server).beneficiaries().list(&filter).await.unwrap();
    let [company, person] = &page.content[..] else {
        panic!("two beneficiaries")
    };
    assert_eq!(company.id, id("410e5c37-9603-4e5b-81b1-7cb895f362e8"));
    assert_eq!(company.party_type, Some(PartyType::Company));
    assert_eq!(company.status, Some(BeneficiaryStatus::Valid));
    let sepa = company.banking_details.as_ref().unwrap();
    assert_eq!(sepa.iban.as_deref(), Some("FR1420041010050500013M02606"));
    assert_eq!(sepa.sort_code, None);
    assert_eq!(person.party_type, Some(PartyType::Person));
    assert_eq!(person.full_name.as_deref(), Some("John Smith"));
    let gbp = person.banking_details.as_ref().unwrap();
    assert_eq!(gbp.sort_code.as_deref(), Some("401276"));
    assert_eq!(gbp.account_number.as_deref(), Some("31926819"));
    assert_eq!(gbp.swift.as_deref(), Some("MIDLGB22"));
    assert_eq!(person.display, Some(false));
}

#[tokio::test]
async fn stream_collects_every_beneficiary() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/beneficiaries"))
        .respond_with(reply(200, "schema_built_beneficiaries_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server)
        .beneficiaries()
        .stream(BeneficiaryFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn create_sends_the_body_and_may_wait_for_sca() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/beneficiaries"))
        .and(bearer())
        .and(header("Linkcy-SCA-Strategy", "JOIN_CODE"))
        .and(body_json(fixture_json(
            "schema_built_beneficiaries_create_request.json",
        )))
        .respond_with(reply(202, "research_sca_waiting_202.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/partner/beneficiaries"))
        .and(header(
            "Linkcy-SCA-Id",
            "b3cefad3-4f89-419b-8221-cc5050122ff3",
        ))
        .respond_with(reply(201, "research_created_201.json"))
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let pending = client
        .beneficiaries()
        .create(&sepa(), &ScaOptions::new().strategy(ScaStrategy::JoinCode))
        .await
        .unwrap()
        .pending()
        .unwrap();
    let created = pending.complete().await.unwrap().done().unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    let sent = seen(&server, "/api/partner/beneficiaries").await;
    assert_eq!(sent[0].body, sent[1].body);
}

#[tokio::test]
async fn gbp_and_usd_accounts_serialise_with_their_field_names() {
    let gbp = BeneficiaryAccount::Gbp {
        sort_code: "401276".into(),
        account_number: "31926819".into(),
        swift: None,
    };
    assert_eq!(
        serde_json::to_value(&gbp).unwrap(),
        serde_json::json!({"sortCode": "401276", "accountNumber": "31926819"})
    );
    let usd = BeneficiaryAccount::Usd {
        aba_code: "026009593".into(),
        account_number: "123456789".into(),
        swift: Some("BOFAUS3N".into()),
    };
    assert_eq!(
        serde_json::to_value(&usd).unwrap(),
        serde_json::json!({"abaCode": "026009593", "accountNumber": "123456789", "swift": "BOFAUS3N"})
    );
}

#[tokio::test]
async fn invalid_beneficiaries_are_refused_before_sending() {
    let server = untouched_server().await;
    let client = client(&server);
    let none = ScaOptions::new();
    let bad_iban = CreateBeneficiaryRequest::new(
        PartyType::Person,
        "Jane",
        BeneficiaryAccount::Sepa {
            iban: "FR1420041010050500013M02607".into(),
            bic: None,
        },
    );
    let error = client
        .beneficiaries()
        .create(&bad_iban, &none)
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "bankingDetails.iban");
    let long = CreateBeneficiaryRequest::new(
        PartyType::Person,
        "x".repeat(512),
        BeneficiaryAccount::Usd {
            aba_code: "026009593".into(),
            account_number: "1".into(),
            swift: None,
        },
    );
    let error = client
        .beneficiaries()
        .create(&long, &none)
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "fullName");
    let empty = CreateBeneficiaryRequest::new(
        PartyType::Person,
        "Jane",
        BeneficiaryAccount::Gbp {
            sort_code: " ".into(),
            account_number: "1".into(),
            swift: None,
        },
    );
    let error = client
        .beneficiaries()
        .create(&empty, &none)
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "bankingDetails.sortCode");
}
