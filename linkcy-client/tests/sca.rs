//! SCA: 202 Waiting SCA, the byte-identical replay with Linkcy-SCA-Id, and
//! every documented SCA error.

use std::str::FromStr;

use chrono::TimeDelta;
use linkcy_client::testkit::{FIRST_SCA_ID, LinkcySimulator};
use linkcy_client::{
    BeneficiaryTransferRequest, LinkcyErrorCode, LinkcyErrorExt, ScaFactor, ScaId, ScaOptions,
    ScaOutcome, ScaStrategy,
};
use rust_decimal::Decimal;
use secrecy::SecretString;
use uuid::Uuid;
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, Request};

use crate::support::{body_text, client, reply, seen, server};

fn transfer() -> BeneficiaryTransferRequest {
    BeneficiaryTransferRequest::new(
        Decimal::from_str("250.00").unwrap(),
        Uuid::parse_str("410e5c37-9603-4e5b-81b1-7cb895f362e8")
            .unwrap()
            .into(),
        Uuid::parse_str("b595c981-8a0f-4604-a66c-209d65193394")
            .unwrap()
            .into(),
    )
    .reference("Rent March")
}

/// Matches requests without the SCA id header.
struct NoScaId;

impl wiremock::Match for NoScaId {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key("Linkcy-SCA-Id")
    }
}

#[tokio::test]
async fn waiting_sca_then_completion_replays_the_identical_body_with_the_sca_id() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .and(NoScaId)
        .and(header("Linkcy-SCA-Strategy", "PUSH_NOTIFICATION"))
        .and(header("Linkcy-SCA-Factor", "BIOMETRY"))
        .respond_with(reply(202, "research_sca_waiting_202.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .and(header("Linkcy-SCA-Id", FIRST_SCA_ID))
        .respond_with(reply(201, "seed_transactions_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let sca = ScaOptions::new()
        .strategy(ScaStrategy::PushNotification)
        .factor(ScaFactor::Biometry);
    let outcome = client(&server)
        .transactions()
        .create(&transfer(), &sca)
        .await
        .unwrap();
    let ScaOutcome::Pending(pending) = outcome else {
        panic!("202 must give a pending SCA")
    };
    let challenge = pending.challenge();
    assert_eq!(challenge.sca_id.as_str(), FIRST_SCA_ID);
    assert_eq!(
        challenge.join_code.as_deref(),
        Some("0907af4a-d224-4ddb-a7ab-11c52f9fed47")
    );
    assert_eq!(challenge.sca_device_id.as_deref(), Some("string"));
    let ttl = challenge.ttl.as_ref().unwrap();
    assert_eq!(ttl.duration(), Some(TimeDelta::zero()));
    assert_eq!(ttl.raw()["units"][0]["dateBased"], serde_json::json!(true));

    let done = pending
        .complete()
        .await
        .unwrap()
        .done()
        .expect("201 after completion");
    assert_eq!(done.id.to_string(), "497f6eca-6276-4993-bfeb-53cbbbba6f08");

    let sent = seen(&server, "/api/partner/transactions").await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0].body, sent[1].body,
        "the replay must be byte-identical"
    );
    assert!(body_text(&sent[1]).contains(r#""amount":250.00"#));
    assert_eq!(sent[1].headers["Linkcy-SCA-Id"], FIRST_SCA_ID);
    // The strategy and factor headers travel with the replay too.
    assert_eq!(sent[1].headers["Linkcy-SCA-Strategy"], "PUSH_NOTIFICATION");
    assert_eq!(
        sent[1].headers["authorization"],
        sent[0].headers["authorization"]
    );
}

#[tokio::test]
async fn iso_8601_ttl_is_understood() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .respond_with(reply(202, "schema_built_sca_waiting_202_iso_ttl.json"))
        .expect(1)
        .mount(&server)
        .await;
    let pending = client(&server)
        .transactions()
        .create(&transfer(), &ScaOptions::new())
        .await
        .unwrap()
        .pending()
        .unwrap();
    let ttl = pending.challenge().ttl.as_ref().unwrap();
    assert_eq!(ttl.duration(), Some(TimeDelta::minutes(10)));
    assert_eq!(ttl.raw(), &serde_json::json!("PT10M"));
}

#[tokio::test]
async fn data_signing_sends_the_signature_header() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/transactions"))
        .and(header("Linkcy-SCA-Strategy", "DATA_SIGNING"))
        .and(header("Linkcy-SCA-Signature", "c2lnbmVkLWRhdGE="))
        .and(header_exists("authorization"))
        .respond_with(reply(201, "seed_transactions_create_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    let sca = ScaOptions::new()
        .strategy(ScaStrategy::DataSigning)
        .signature(SecretString::from("c2lnbmVkLWRhdGE="));
    let outcome = client(&server)
        .transactions()
        .create(&transfer(), &sca)
        .await
        .unwrap();
    assert!(outcome.done().is_some());
}

/// Every documented SCA error, as the server answers it, becomes a typed
/// code on an API error with the right status.
#[tokio::test]
async fn each_sca_error_is_typed() {
    let cases = [
        (
            "schema_built_error_sca_required_409.json",
            409,
            LinkcyErrorCode::ScaRequired,
        ),
        (
            "schema_built_error_sca_device_not_set_409.json",
            409,
            LinkcyErrorCode::ScaDeviceNotSet,
        ),
        (
            "schema_built_error_sca_factor_not_set_400.json",
            400,
            LinkcyErrorCode::ScaFactorNotSet,
        ),
        (
            "schema_built_error_sca_interaction_not_found_404.json",
            404,
            LinkcyErrorCode::ScaInteractionNotFound,
        ),
        (
            "schema_built_error_sca_interaction_not_completed_409.json",
            409,
            LinkcyErrorCode::ScaInteractionNotCompleted,
        ),
        (
            "schema_built_error_sca_interaction_declined_409.json",
            409,
            LinkcyErrorCode::ScaInteractionDeclined,
        ),
        (
            "schema_built_error_sca_interaction_already_consumed_409.json",
            409,
            LinkcyErrorCode::ScaInteractionAlreadyConsumed,
        ),
        (
            "schema_built_error_sca_interaction_does_not_match_409.json",
            409,
            LinkcyErrorCode::ScaInteractionDoesNotMatch,
        ),
    ];
    for (fixture, status, code) in cases {
        let server = server().await;
        Mock::given(method("POST"))
            .and(path("/api/partner/transactions"))
            .respond_with(reply(status, fixture))
            .expect(1)
            .mount(&server)
            .await;
        let sca = ScaOptions::new().sca_id(ScaId::new(FIRST_SCA_ID));
        let error = client(&server)
            .transactions()
            .create(&transfer(), &sca)
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(status), "{fixture}");
        assert_eq!(error.error_code(), Some(code.clone()), "{fixture}");
        assert!(error.error_code().unwrap().is_sca());
        let interaction = code.as_str().starts_with("SCA_INTERACTION_");
        assert_eq!(code.is_sca_interaction(), interaction, "{fixture}");
        let body = error.linkcy_body().unwrap();
        assert_eq!(body.status, Some(status));
        assert_eq!(body.error_code, Some(code));
        assert!(error.api_error().unwrap().message.is_some());
    }
}

/// The SCA_INTERACTION_* errors arise from the simulator's flow in the
/// situations the docs describe.
#[tokio::test]
async fn each_sca_interaction_error_in_the_simulated_flow() {
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let transactions = client.transactions();
    let none = ScaOptions::new();
    let code = |result: banking_core::Result<_>| {
        result
            .map(|_: ScaOutcome<_, _>| ())
            .unwrap_err()
            .error_code()
    };

    // NOT_FOUND: an id the server never issued.
    let unknown = ScaOptions::new().sca_id(ScaId::new(Uuid::nil().to_string()));
    assert_eq!(
        code(transactions.create(&transfer(), &unknown).await),
        Some(LinkcyErrorCode::ScaInteractionNotFound)
    );

    let pending = transactions
        .create(&transfer(), &none)
        .await
        .unwrap()
        .pending()
        .unwrap();
    let sca_id = pending.challenge().sca_id.clone();
    assert_eq!(sca_id.as_str(), FIRST_SCA_ID);

    // NOT_COMPLETED: replayed before the user approved.
    assert_eq!(
        code(pending.complete().await),
        Some(LinkcyErrorCode::ScaInteractionNotCompleted)
    );

    // DOES_NOT_MATCH: the id used with another body.
    assert!(simulator.approve(&sca_id));
    let other = ScaOptions::new().sca_id(sca_id.clone());
    let different = transfer().reference("Rent April");
    assert_eq!(
        code(transactions.create(&different, &other).await),
        Some(LinkcyErrorCode::ScaInteractionDoesNotMatch)
    );

    // Completed once, then ALREADY_CONSUMED.
    assert!(pending.complete().await.unwrap().done().is_some());
    assert_eq!(
        code(pending.complete().await),
        Some(LinkcyErrorCode::ScaInteractionAlreadyConsumed)
    );

    // DECLINED: the user refused on the device.
    let second = transactions
        .create(&transfer(), &none)
        .await
        .unwrap()
        .pending()
        .unwrap();
    let second_id = second.challenge().sca_id.clone();
    assert_ne!(second_id, sca_id);
    assert!(simulator.decline(&second_id));
    assert_eq!(
        code(second.complete().await),
        Some(LinkcyErrorCode::ScaInteractionDeclined)
    );

    // FAIL strategy gives SCA_REQUIRED; BY_PASS skips SCA.
    let fail = ScaOptions::new().strategy(ScaStrategy::Fail);
    assert_eq!(
        code(transactions.create(&transfer(), &fail).await),
        Some(LinkcyErrorCode::ScaRequired)
    );
    let bypass = ScaOptions::new().strategy(ScaStrategy::ByPass);
    assert!(
        transactions
            .create(&transfer(), &bypass)
            .await
            .unwrap()
            .done()
            .is_some()
    );
}
