//! Every response fixture decodes, re-encodes and decodes to the same value,
//! with amounts written back exactly.

use flinks_client::connect::{
    AccountsDetail, AccountsSummary, Authorization, DeletedCard, Institution, MfaChallenge,
    MfaQuestions, MfaQuestionsUpdated, NightlyRefreshStatus, Pending, Statements,
};
use flinks_client::enrich::Attributes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::common::fixture;

/// Decodes `name`, encodes it, decodes that again and compares; returns the
/// encoded text.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> String {
    let first: T = banking_core::json::from_slice(fixture(name).as_bytes())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let encoded = serde_json::to_string(&first).unwrap();
    let second: T = banking_core::json::from_slice(encoded.as_bytes())
        .unwrap_or_else(|e| panic!("{name} re-encoded: {e}\n{encoded}"));
    assert_eq!(first, second, "{name}");
    encoded
}

#[test]
fn connect_fixtures_round_trip() {
    let detail = round_trip::<AccountsDetail>("seed_accounts_detail_200.json");
    for amount in ["1000.4", "1500.25", "5105.6", "5405.5", "100.5"] {
        assert!(detail.contains(amount), "{amount} missing from {detail}");
    }
    round_trip::<AccountsDetail>("seed_accounts_detail_200_tail.json");
    round_trip::<AccountsDetail>("research_accounts_detail_200.json");
    let summary = round_trip::<AccountsSummary>("schema_built_accounts_summary_200.json");
    assert!(
        summary.contains("1234.45") && summary.contains("4321.45"),
        "{summary}"
    );
    round_trip::<Pending>("seed_accounts_summary_async_202.json");
    round_trip::<Pending>("research_accounts_detail_202.json");
    round_trip::<Authorization>("schema_built_authorize_200.json");
    round_trip::<MfaChallenge>("research_authorize_203.json");
    round_trip::<MfaChallenge>("schema_built_authorize_203_triple_mfa.json");
    round_trip::<MfaChallenge>("schema_built_authorize_203_select_questions.json");
    round_trip::<Statements>("schema_built_statements_200.json");
    round_trip::<DeletedCard>("research_delete_card_200.json");
    round_trip::<MfaQuestions>("seed_get_mfa_questions_200.json");
    round_trip::<MfaQuestionsUpdated>("research_answer_mfa_questions_200.json");
    let nightly = round_trip::<NightlyRefreshStatus>("seed_get_nightly_refresh_status_200.json");
    assert!(
        nightly.contains("2020-06-18T03:26:34.685436400"),
        "{nightly}"
    );
    round_trip::<Institution>("seed_institution_by_routing_number_200.json");
    round_trip::<Vec<Institution>>("schema_built_institutions_200.json");
    round_trip::<String>("research_set_scheduled_refresh_200.json");
}

#[test]
fn attribute_fixtures_round_trip_exactly() {
    let enrich = round_trip::<Attributes>("schema_built_enrich_attributes_200.json");
    assert!(enrich.contains("12345678901234567.89"), "{enrich}");
    let upload = round_trip::<Attributes>("schema_built_upload_200.json");
    assert!(upload.contains("\"sum_debits_30_days\":110.00"), "{upload}");
}
