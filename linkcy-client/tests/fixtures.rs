//! Every response fixture decodes, re-encodes without losing a field, and
//! unknown values and fields are tolerated.

use linkcy_client::{
    Beneficiary, Card, Consumer, Corporate, CorporateCreated, Created, Ledger, LinkcyErrorBody,
    LinkcyPage, LinkcyScaChallenge, Mandate, PaymentType, Transaction, TransactionId,
    TransactionStatus, TransactionType,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::support::{fixture, fixture_json};

/// Decode, encode, and compare with the fixture: nothing lost, nothing
/// invented (absent optional fields are compared as null).
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let decoded: T = banking_core::json::from_slice(fixture(name).as_bytes())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let encoded = serde_json::to_value(&decoded).unwrap();
    let original = fixture_json(name);
    assert_subset(&original, &encoded, name);
    decoded
}

/// Every value of `original` appears in `encoded` (absent optional values
/// encode as null, empty objects may encode with null members).
fn assert_subset(original: &serde_json::Value, encoded: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (original, encoded) {
        (Value::Object(o), Value::Object(e)) => {
            for (key, value) in o {
                let other = e.get(key).unwrap_or(&Value::Null);
                if value.is_null() {
                    assert!(other.is_null(), "{at}.{key}");
                } else {
                    assert_subset(value, other, &format!("{at}.{key}"));
                }
            }
        }
        (Value::Array(o), Value::Array(e)) => {
            assert_eq!(o.len(), e.len(), "{at}");
            for (index, (a, b)) in o.iter().zip(e).enumerate() {
                assert_subset(a, b, &format!("{at}[{index}]"));
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            assert_eq!(a.as_f64(), b.as_f64(), "{at}");
        }
        (a, b) => assert_eq!(a, b, "{at}"),
    }
}

#[test]
fn every_response_fixture_round_trips() {
    round_trip::<LinkcyPage<Transaction>>("seed_transactions_list_200.json");
    for page in 0..3 {
        round_trip::<LinkcyPage<Transaction>>(&format!(
            "schema_built_transactions_list_page{page}_200.json"
        ));
    }
    round_trip::<Transaction>("seed_transactions_get_200.json");
    round_trip::<Transaction>("schema_built_transactions_get_200.json");
    for name in [
        "seed_transactions_create_201.json",
        "seed_transactions_inter_ledger_201.json",
        "seed_transactions_direct_debit_201.json",
        "research_created_201.json",
    ] {
        round_trip::<Created<TransactionId>>(name);
    }
    round_trip::<LinkcyScaChallenge>("research_sca_waiting_202.json");
    round_trip::<LinkcyScaChallenge>("schema_built_sca_waiting_202_iso_ttl.json");
    round_trip::<LinkcyPage<Ledger>>("schema_built_ledgers_list_200.json");
    round_trip::<Ledger>("schema_built_ledgers_get_200.json");
    round_trip::<LinkcyPage<Beneficiary>>("schema_built_beneficiaries_list_200.json");
    round_trip::<LinkcyPage<Mandate>>("schema_built_mandates_list_200.json");
    round_trip::<Mandate>("schema_built_mandates_get_200.json");
    round_trip::<LinkcyPage<Card>>("schema_built_cards_list_200.json");
    round_trip::<Card>("inferred_cards_get_200.json");
    round_trip::<LinkcyPage<Consumer>>("schema_built_consumers_list_200.json");
    round_trip::<LinkcyPage<Corporate>>("schema_built_corporates_list_200.json");
    round_trip::<CorporateCreated>("schema_built_corporates_create_201.json");
    round_trip::<LinkcyErrorBody>("research_error_consumer_not_found_400.json");
    round_trip::<LinkcyErrorBody>("research_error_bad_request_without_code_400.json");
}

#[test]
fn amounts_keep_every_digit_when_re_encoded() {
    let tx: Transaction = banking_core::json::from_slice(
        fixture("schema_built_transactions_get_200.json").as_bytes(),
    )
    .unwrap();
    let text = serde_json::to_string(&tx).unwrap();
    assert!(text.contains(r#""amount":1250.50"#), "{text}");
    assert!(
        text.contains(r#""previousTotalBalance":12345678901234567.89"#),
        "{text}"
    );
}

#[test]
fn unknown_values_and_fields_are_tolerated() {
    let body = br#"{
        "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        "type": "CRYPTO_SWAP",
        "paymentType": "BRAND_NEW",
        "status": "ON_HOLD",
        "amount": 1e3,
        "currency": "EUR",
        "information": {"declineReason": "FRAUD_SUSPECTED", "newField": [1, 2]},
        "merchant": {"name": "Shop", "mcc": "5812"}
    }"#;
    let tx: Transaction = banking_core::json::from_slice(body).unwrap();
    assert_eq!(
        tx.transaction_type,
        Some(TransactionType::Unknown("CRYPTO_SWAP".into()))
    );
    assert_eq!(
        tx.payment_type,
        Some(PaymentType::Unknown("BRAND_NEW".into()))
    );
    assert_eq!(
        tx.status,
        Some(TransactionStatus::Unknown("ON_HOLD".into()))
    );
    assert_eq!(tx.amount.to_string(), "1000");
    assert_eq!(
        tx.information.unwrap().decline_reason.unwrap().as_str(),
        "FRAUD_SUSPECTED"
    );
    assert_eq!(tx.sender, None);
    assert_eq!(serde_json::to_value(&tx.status).unwrap(), "ON_HOLD");
    // Linkcy's own UNKNOWN type is a known value, not a decoding fallback.
    let unknown: TransactionType = serde_json::from_str(r#""UNKNOWN""#).unwrap();
    assert_eq!(unknown, TransactionType::Unclassified);
}

#[test]
fn a_bad_amount_names_its_json_path() {
    let body = br#"{"id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","amount":"12.5","currency":"EUR"}"#;
    let error = banking_core::json::from_slice::<Transaction>(body).unwrap_err();
    assert!(error.to_string().contains("amount"), "{error}");
}
