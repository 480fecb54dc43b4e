//! Every response fixture decodes into its type and encodes back to the same
//! JSON: no field is lost or renamed on the way.

use finqlink_client::accounts::AccountList;
use finqlink_client::balances::BalanceList;
use finqlink_client::consents::Consent;
use finqlink_client::jobs::Job;
use finqlink_client::links::{Link, LinkList};
use finqlink_client::providers::{Provider, ProviderList};
use finqlink_client::transactions::TransactionList;
use finqlink_client::webhooks::{ConsentStatusUpdate, JobStatusUpdate, LinkStatusUpdate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::support::*;

fn roundtrip<T: DeserializeOwned + Serialize>(name: &str) {
    let bytes = fixture_bytes(name);
    // Decode from bytes, as the client does (exact amounts).
    let typed: T = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let back: Value = serde_json::from_str(&serde_json::to_string(&typed).unwrap()).unwrap();
    let mut expected = fixture(name);
    if name.contains("webhook") {
        // The event type is the enum variant, not a struct field.
        expected.as_object_mut().unwrap().remove("type");
    }
    assert_eq!(back, expected, "{name}");
}

#[test]
fn response_fixtures_survive_a_round_trip() {
    roundtrip::<ProviderList>("schema_built_providers_list_v2_200.json");
    roundtrip::<Provider>("schema_built_providers_get_200.json");
    roundtrip::<Provider>("seed_changelog_remitter_type_v2.json");
    roundtrip::<Link>("schema_built_links_create_200.json");
    roundtrip::<Link>("schema_built_links_get_200.json");
    roundtrip::<LinkList>("schema_built_changelog_links_list_v2_200.json");
    roundtrip::<LinkList>("schema_built_links_list_v2_last_page_200.json");
    roundtrip::<LinkList>("schema_built_changelog_links_list_v1_200.json");
    roundtrip::<Consent>("schema_built_consents_create_200.json");
    roundtrip::<Consent>("schema_built_consents_get_200.json");
    roundtrip::<Consent>("schema_built_consents_revoke_200.json");
    roundtrip::<Consent>("schema_built_consents_redirect_200.json");
    roundtrip::<AccountList>("schema_built_accounts_list_200.json");
    roundtrip::<BalanceList>("schema_built_balances_list_page1_200.json");
    roundtrip::<BalanceList>("schema_built_balances_list_page2_200.json");
    roundtrip::<TransactionList>("schema_built_transactions_list_page1_200.json");
    roundtrip::<TransactionList>("schema_built_transactions_list_page2_200.json");
    roundtrip::<Job>("schema_built_jobs_create_200.json");
    roundtrip::<Job>("schema_built_jobs_get_200.json");
    roundtrip::<ConsentStatusUpdate>("seed_consents_webhook_consent_status_update.json");
    roundtrip::<JobStatusUpdate>("seed_jobs_webhook_job_status_update.json");
    roundtrip::<LinkStatusUpdate>("schema_built_link_status_update_webhook.json");
}

#[test]
fn the_v1_remitter_type_is_re_encoded_in_the_v2_form() {
    let v1: ProviderList =
        serde_json::from_slice(&fixture_bytes("schema_built_providers_list_v1_200.json")).unwrap();
    let back = serde_json::to_value(&v1).unwrap();
    assert_eq!(
        back["providers"][0]["payment_methods"][0]["remitter_type"],
        serde_json::json!(["retail"])
    );
}

#[test]
fn unknown_fields_and_values_do_not_break_decoding() {
    let link: Link = serde_json::from_str(
        r#"{"id":"6f1c2a4e-8d3b-4c57-9a0e-1b2c3d4e5f60","status":"settled","new_field":[1,2],"payment_method":{"env":"preprod","remitter_type":[]}}"#,
    )
    .unwrap();
    assert_eq!(
        link.status,
        Some(finqlink_client::links::LinkStatus::Unknown(
            "settled".into()
        ))
    );
    assert_eq!(
        link.payment_method.unwrap().env,
        Some(finqlink_client::providers::ProviderEnv::Unknown(
            "preprod".into()
        ))
    );
    let job: Job =
        serde_json::from_str(r#"{"job_id":"j","status":"job_paused","stats":{"accounts":3}}"#)
            .unwrap();
    assert_eq!(
        job.status,
        finqlink_client::jobs::JobStatus::Unknown("job_paused".into())
    );
}
