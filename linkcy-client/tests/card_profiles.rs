//! Card profiles: create and default rules.

use linkcy_client::{CardRuleRequest, CardRuleType, CreateCardProfileRequest};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{
    bearer, client, fixture_json, id, reply, server, untouched_server, validation_field,
};

#[tokio::test]
async fn create_and_set_a_default_rule() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/card-profiles"))
        .and(bearer())
        .and(body_json(fixture_json(
            "inferred_card_profiles_create_request.json",
        )))
        .respond_with(reply(201, "research_created_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let profile = "6a1e7c2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d";
    Mock::given(method("PUT"))
        .and(path(format!("/api/partner/card-profiles/{profile}/rules")))
        .and(body_json(fixture_json(
            "schema_built_card_profiles_rules_request.json",
        )))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let created = client
        .card_profiles()
        .create(&CreateCardProfileRequest::new(
            "Standard",
            id("0f8e7d6c-5b4a-4392-8172-6e5d4c3b2a19"),
        ))
        .await
        .unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    client
        .card_profiles()
        .set_rule(
            id(profile),
            &CardRuleRequest::new(CardRuleType::DailyMaxSpend, 50000).name("daily cap"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_rule_value_out_of_range_is_refused_before_sending() {
    let server = untouched_server().await;
    let error = client(&server)
        .card_profiles()
        .set_rule(
            id("6a1e7c2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d"),
            &CardRuleRequest::new(CardRuleType::DailyMaxSpend, 0),
        )
        .await
        .unwrap_err();
    assert_eq!(validation_field(&error), "value");
}
