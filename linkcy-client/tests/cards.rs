//! Cards: list, create (SCA), get, card rules (SCA, 204).

use futures::TryStreamExt;
use linkcy_client::{
    CardFilter, CardRuleCreator, CardRuleRequest, CardRuleType, CardStatus, CardType,
    CreateCardRequest, DeliveryMethod, ScaFactor, ScaOptions, ScaOutcome, ScaStrategy,
};
use uuid::Uuid;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{
    bearer, client, fixture_json, id, query, reply, seen, server, untouched_server,
    validation_field,
};

const CARD_ID: &str = "c0ffee00-1234-4abc-9def-0123456789ab";

#[tokio::test]
async fn list_sends_filters_and_keeps_unknown_statuses() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/cards"))
        .and(bearer())
        .and(query(&[
            ("endUserId", "120e9d1f-8444-4b91-85e8-5b208615a3e5"),
            ("ledgerId", "a2873d47-59a8-4daf-a325-cb2c04557dd7"),
            ("profileId", "6a1e7c2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d"),
            ("pageSize", "10"),
        ]))
        .respond_with(reply(200, "schema_built_cards_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let filter = CardFilter::new()
        .end_user_id(id("120e9d1f-8444-4b91-85e8-5b208615a3e5"))
        .ledger_id(id("a2873d47-59a8-4daf-a325-cb2c04557dd7"))
        .profile_id(id("6a1e7c2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d"))
        .page_size(10);
    let page = client(&server).cards().list(&filter).await.unwrap();
    assert_eq!(page.content[0].card_type, Some(CardType::Physical));
    assert_eq!(page.content[0].status, Some(CardStatus::Created));
    assert_eq!(page.content[1].card_type, Some(CardType::Virtual));
    assert_eq!(
        page.content[1].status,
        Some(CardStatus::Unknown("ACTIVE".into()))
    );
    assert_eq!(
        serde_json::to_value(&page.content[1].status).unwrap(),
        "ACTIVE"
    );
}

#[tokio::test]
async fn stream_collects_cards() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/cards"))
        .respond_with(reply(200, "schema_built_cards_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = client(&server)
        .cards()
        .stream(CardFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn create_sends_the_body_with_sca_headers() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/cards"))
        .and(bearer())
        .and(header("Linkcy-SCA-Strategy", "BY_PASS"))
        .and(header("Linkcy-SCA-Factor", "BIOMETRY"))
        .and(body_json(fixture_json(
            "schema_built_cards_create_request.json",
        )))
        .respond_with(reply(201, "research_created_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let card = CreateCardRequest::new(
        id("a2873d47-59a8-4daf-a325-cb2c04557dd7"),
        id("6a1e7c2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d"),
        "JANE DOE",
    )
    .delivery_method(DeliveryMethod::FrenchMail);
    let sca = ScaOptions::new()
        .strategy(ScaStrategy::ByPass)
        .factor(ScaFactor::Biometry);
    let created = client(&server)
        .cards()
        .create(&card, &sca)
        .await
        .unwrap()
        .done()
        .unwrap();
    assert_eq!(created.id, id("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
}

#[tokio::test]
async fn get_decodes_a_card() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/partner/cards/{CARD_ID}")))
        .and(bearer())
        .respond_with(reply(200, "inferred_cards_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let card = client(&server).cards().get(id(CARD_ID)).await.unwrap();
    assert_eq!(card.id, id(CARD_ID));
    assert_eq!(card.name_on_card.as_deref(), Some("JANE DOE"));
    assert_eq!(card.expiry_date.as_deref(), Some("2028-03-31"));
    let profile = card.profile.unwrap();
    assert_eq!(profile.id, id("6a1e7c2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d"));
    assert_eq!(profile.name.as_deref(), Some("Standard"));
    assert_eq!(
        card.ledger_id,
        Some(id("a2873d47-59a8-4daf-a325-cb2c04557dd7"))
    );
}

#[tokio::test]
async fn set_rule_puts_the_rule_and_completes_after_sca() {
    let server = server().await;
    let rules_path = format!("/api/partner/cards/{CARD_ID}/rules");
    Mock::given(method("PUT"))
        .and(path(rules_path.as_str()))
        .and(bearer())
        .and(body_json(fixture_json(
            "schema_built_cards_rules_request.json",
        )))
        .and(header("Linkcy-SCA-Strategy", "PUSH_NOTIFICATION"))
        .and(wiremock::matchers::header_exists("Linkcy-SCA-Id"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(rules_path.as_str()))
        .respond_with(reply(202, "research_sca_waiting_202.json"))
        .expect(1)
        .mount(&server)
        .await;
    let rule = CardRuleRequest::new(CardRuleType::DailyMaxSpend, 500)
        .name("Daily cap")
        .creator_type(CardRuleCreator::EndUser);
    let sca = ScaOptions::new().strategy(ScaStrategy::PushNotification);
    let outcome = client(&server)
        .cards()
        .set_rule(id(CARD_ID), &rule, &sca)
        .await
        .unwrap();
    assert!(!outcome.is_done());
    let pending = outcome.pending().unwrap();
    let done = pending.complete().await.unwrap();
    assert!(matches!(done, ScaOutcome::Done(())));
    let sent = seen(&server, &rules_path).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(
        sent[1].headers["Linkcy-SCA-Id"],
        "b3cefad3-4f89-419b-8221-cc5050122ff3"
    );
}

#[tokio::test]
async fn invalid_cards_and_rules_are_refused_before_sending() {
    let server = untouched_server().await;
    let client = client(&server);
    let none = ScaOptions::new();
    for value in [0, 1_000_000_000] {
        let rule = CardRuleRequest::new(CardRuleType::WeeklyMaxCount, value);
        let error = client
            .cards()
            .set_rule(Uuid::nil().into(), &rule, &none)
            .await
            .unwrap_err();
        assert_eq!(validation_field(&error), "value");
    }
    // No rule for `nameOnCard` is documented: the server decides.
    assert!(
        CreateCardRequest::new(Uuid::nil().into(), Uuid::nil().into(), "  ")
            .validate()
            .is_ok()
    );
}
