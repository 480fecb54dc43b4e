//! Enrich: the seven attribute packages and the custom request.

use chrono::NaiveDate;
use flinks_client::enrich::{AttributePackage, AttributeValue, CustomAttributesRequest};
use flinks_client::{FlinksCode, FlinksErrorExt};
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path, query_param};

use crate::common::{API_KEY, CUSTOMER, api_path, client, fixture, json, server};

const LOGIN: &str = "5e115eac-1209-4f19-641c-08d6d484e2fe";
const SESSION: &str = "1243c283-e0ca-4fda-a5e4-343068430190";

#[tokio::test]
async fn every_package_is_a_get_on_its_own_path() {
    let packages = [
        (AttributePackage::AllBusiness, "GetAllBusinessAttributes"),
        (AttributePackage::CreditRisk, "GetCreditRiskAttributes"),
        (AttributePackage::UserAnalysis, "GetUserAnalysisAttributes"),
        (AttributePackage::Income, "GetIncomeAttributes"),
        (AttributePackage::Lending, "GetLendingAttributes"),
        (AttributePackage::All, "GetAllAttributes"),
        (
            AttributePackage::BusinessAnalysis,
            "GetBusinessAnalysisAttributes",
        ),
    ];
    let server = server().await;
    for (_, endpoint) in packages {
        Mock::given(method("GET"))
            .and(path(api_path(&format!(
                "insight/login/{LOGIN}/attributes/{SESSION}/{endpoint}"
            ))))
            .and(header("x-api-key", API_KEY))
            .respond_with(json(
                200,
                fixture("schema_built_enrich_attributes_200.json"),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for (package, endpoint) in packages {
        assert_eq!(package.endpoint(), endpoint);
        let attributes = client
            .enrich()
            .attributes(package, LOGIN.parse().unwrap(), SESSION.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(attributes.card.id.as_deref(), Some(LOGIN));
    }
}

#[tokio::test]
async fn credit_risk_also_sends_the_seeds_three_query_parameters() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/attributes/{SESSION}/GetCreditRiskAttributes"
        ))))
        .and(query_param("customerId", CUSTOMER))
        .and(query_param("loginId", LOGIN))
        .and(query_param("requestId", SESSION))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(
            200,
            fixture("schema_built_enrich_attributes_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    // The other packages carry no query.
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/attributes/{SESSION}/GetIncomeAttributes"
        ))))
        .and(NoQuery)
        .respond_with(json(
            200,
            fixture("schema_built_enrich_attributes_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    for package in [AttributePackage::CreditRisk, AttributePackage::Income] {
        client
            .enrich()
            .attributes(package, LOGIN.parse().unwrap(), SESSION.parse().unwrap())
            .await
            .unwrap();
    }
}

struct NoQuery;

impl wiremock::Match for NoQuery {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.url.query().is_none()
    }
}

#[tokio::test]
async fn attribute_values_keep_their_kind_and_numbers_stay_exact() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/attributes/{SESSION}/GetCreditRiskAttributes"
        ))))
        .respond_with(json(
            200,
            fixture("schema_built_enrich_attributes_200.json"),
        ))
        .mount(&server)
        .await;
    let attributes = client(&server)
        .enrich()
        .attributes(
            AttributePackage::CreditRisk,
            LOGIN.parse().unwrap(),
            SESSION.parse().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(attributes.http_status_code, Some(200));
    assert_eq!(attributes.request_id.unwrap().to_string(), SESSION);
    assert_eq!(attributes.login.as_ref().unwrap().id.to_string(), LOGIN);
    let card = &attributes.card;
    assert_eq!(card.values.len(), 6);
    assert_eq!(
        card.get("sum_credits_12_months")
            .unwrap()
            .as_decimal()
            .unwrap()
            .to_string(),
        "12345678901234567.89"
    );
    assert_eq!(
        card.get("sum_debits_30_days")
            .unwrap()
            .as_decimal()
            .unwrap()
            .to_string(),
        "1520.35"
    );
    assert_eq!(
        card.get("count_nsf_90_days"),
        Some(&AttributeValue::Number(0.into()))
    );
    assert_eq!(
        card.get("is_primary_account_detected"),
        Some(&AttributeValue::Bool(true))
    );
    assert_eq!(
        card.get("employer_name").unwrap().as_str(),
        Some("Flinks Technologies")
    );
    assert_eq!(
        card.get("avg_monthly_income_12_months"),
        Some(&AttributeValue::Null)
    );
    let detail = &attributes.attributes_details["sum_debits_30_days"][0];
    assert_eq!(detail.date, NaiveDate::from_ymd_opt(2025, 1, 31));
    assert_eq!(detail.debit.unwrap().to_string(), "1520.35");
    assert_eq!(detail.credit, None);
    assert_eq!(
        detail.account_id.as_deref(),
        Some("27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889")
    );
}

#[tokio::test]
async fn an_ended_session_is_session_nonexistent() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/attributes/1df20baf-65d5-40ee-9be0-8058c13042e2/GetIncomeAttributes"
        ))))
        .respond_with(json(400, fixture("schema_built_enrich_attributes_400.json")))
        .mount(&server)
        .await;
    let err = client(&server)
        .enrich()
        .attributes(
            AttributePackage::Income,
            LOGIN.parse().unwrap(),
            "1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.flinks_code(), Some(FlinksCode::SessionNonexistent));
}

#[tokio::test]
async fn custom_attributes_post_the_chosen_card() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/attributes/{SESSION}"
        ))))
        .and(header("x-api-key", API_KEY))
        .and(body_json(serde_json::json!({
            "attributes": { "card": ["sum_debits_30_days", "count_nsf_90_days"] },
            "filters": { "accountCategory": ["Operations"] },
            "options": { "AttributesDetail": ["sum_debits_30_days"] }
        })))
        .respond_with(json(
            200,
            fixture("schema_built_enrich_attributes_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let request = CustomAttributesRequest::new(
        LOGIN.parse().unwrap(),
        SESSION.parse().unwrap(),
        ["sum_debits_30_days", "count_nsf_90_days"],
    )
    .account_categories([flinks_client::connect::AccountCategory::Operations])
    .attributes_detail(["sum_debits_30_days"]);
    let attributes = client(&server)
        .enrich()
        .custom_attributes(&request)
        .await
        .unwrap();
    assert_eq!(attributes.attributes_details.len(), 1);
}

#[tokio::test]
async fn an_empty_card_is_rejected_before_sending() {
    let server = server().await;
    let request = CustomAttributesRequest::new(
        LOGIN.parse().unwrap(),
        SESSION.parse().unwrap(),
        Vec::<String>::new(),
    );
    let err = client(&server)
        .enrich()
        .custom_attributes(&request)
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
    // Only the catch-all is mounted: nothing may have reached it.
    assert!(server.received_requests().await.unwrap().is_empty());
}
