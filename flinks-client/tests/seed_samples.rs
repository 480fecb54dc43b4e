//! The seed's samples that are not valid JSON (unquoted keys, elided
//! members, curly quotes, placeholders), kept byte for byte, and the proof
//! that each `schema_built_` fixture differs from its sample only where the
//! docs mangled it.

use serde_json::Value;

use crate::common::{fixture, fixture_json};

fn not_json(name: &str) -> String {
    let text = fixture(name);
    assert!(
        serde_json::from_str::<Value>(&text).is_err(),
        "{name} parses: it could be used as it is"
    );
    text
}

#[test]
fn the_mfa_prompts_differ_from_their_schema_built_fixtures_only_by_quoted_keys() {
    for (seed, built) in [
        (
            "seed_authorize_203_triple_mfa_unquoted_keys.txt",
            "schema_built_authorize_203_triple_mfa.json",
        ),
        (
            "seed_authorize_203_select_questions_unquoted_keys.txt",
            "schema_built_authorize_203_select_questions.json",
        ),
    ] {
        let quoted = not_json(seed)
            .replace("Type :", "\"Type\":")
            .replace("Prompt :", "\"Prompt\":")
            .replace("Iterables :", "\"Iterables\":")
            .replace("Iterables:", "\"Iterables\":");
        let quoted: Value = serde_json::from_str(&quoted).unwrap();
        assert_eq!(quoted, fixture_json(built), "{seed}");
    }
}

#[test]
fn the_authorize_200_differs_from_its_schema_built_fixture_only_by_the_links() {
    let seed: Value = serde_json::from_str(
        &not_json("seed_authorize_200_links_elided_not_json.txt").replace("[...]", "null"),
    )
    .unwrap();
    let mut built = fixture_json("schema_built_authorize_200.json");
    assert!(built["Links"].as_array().is_some_and(|l| !l.is_empty()));
    built["Links"] = Value::Null;
    assert_eq!(seed, built);
}

/// Every object key of `value`, at any depth.
fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_member_the_upload_samples_name_is_in_the_schema_built_request() {
    let mut sent = Vec::new();
    keys(
        &fixture_json("schema_built_upload_request_multiple_accounts.json"),
        &mut sent,
    );
    for seed in [
        "seed_upload_multiple_accounts_and_balances_not_json.txt",
        "seed_upload_user_identifier_not_json.txt",
    ] {
        let text = not_json(seed).replace('\u{201d}', "\"");
        // A key is a quoted name followed by a colon; placeholders are
        // `{{...}}` and stand for your own names.
        let named: Vec<&str> = text
            .split('"')
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| w[1].trim_start().starts_with(':'))
            .map(|w| w[0])
            .filter(|k| !k.starts_with("{{"))
            .collect();
        assert!(named.len() >= 3, "{seed}: {named:?}");
        for key in named {
            assert!(sent.iter().any(|k| k == key), "{seed}: {key} is not sent");
        }
    }
}
