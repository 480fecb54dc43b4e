//! Decoders never panic, whatever the server sends: property tests over
//! arbitrary JSON shaped like the providers' payloads, and over arbitrary
//! text for the hand-written parsers (durations, timestamps, amounts).

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Field names the providers use, so generated objects reach deep into the
/// types instead of failing at the first missing field.
const KEYS: &[&str] = &[
    "id",
    "amount",
    "currency",
    "status",
    "type",
    "paymentType",
    "creationDate",
    "reference",
    "content",
    "totalElements",
    "page",
    "pageSize",
    "Balance",
    "Current",
    "Available",
    "Limit",
    "Debit",
    "Credit",
    "Date",
    "Description",
    "Transactions",
    "Accounts",
    "transactionId",
    "accountId",
    "value",
    "date",
    "booking_date",
    "amount_details",
    "ttl",
    "scaId",
    "seconds",
    "nano",
    "exchangeRate",
    "originalAmount",
    "originalCurrency",
    "label",
    "balance",
    "creditDebitIndicator",
    "more?",
    "after",
    "count",
    "items",
    "links",
    "next",
    "href",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        // Decimal-looking text, including exponents and huge digit runs.
        "-?[0-9]{1,30}(\\.[0-9]{0,30})?([eE][-+]?[0-9]{1,4})?"
            .prop_map(|n| serde_json::from_str(&n).unwrap_or(Value::String(n))),
        "-?[0-9]{1,12}(\\.[0-9]{0,4})?".prop_map(Value::String),
        "[A-Z_]{1,20}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?)?"
            .prop_map(Value::String),
        ".{0,40}".prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..10).prop_map(|fields| {
                Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// Decodes `body` as `T` through the SDK's decoder; any result is fine, a
/// panic is not.
fn decodes_without_panic<T: DeserializeOwned>(body: &[u8]) {
    let _ = banking_core::json::from_slice::<T>(body);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn provider_types_decode_any_json_without_panicking(value in json()) {
        let body = serde_json::to_vec(&value).unwrap();
        decodes_without_panic::<linkcy_client::Transaction>(&body);
        decodes_without_panic::<linkcy_client::LinkcyPage<linkcy_client::Transaction>>(&body);
        decodes_without_panic::<linkcy_client::LinkcyScaChallenge>(&body);
        decodes_without_panic::<finqlink_client::transactions::Transaction>(&body);
        decodes_without_panic::<finqlink_client::links::Link>(&body);
        decodes_without_panic::<flinks_client::connect::Transaction>(&body);
        decodes_without_panic::<flinks_client::connect::Account>(&body);
        decodes_without_panic::<lynks_client::transactions::Transaction>(&body);
        decodes_without_panic::<linxo_client::Transaction>(&body);
    }

    #[test]
    fn sca_ttl_readers_never_panic(text in ".{0,40}", seconds in any::<i64>(), nano in any::<u64>()) {
        for ttl in [
            Value::String(text.clone()),
            Value::String(format!("PT{seconds}S")),
            Value::String(format!("P{seconds}DT{seconds}H")),
            Value::from(seconds),
            serde_json::json!({"seconds": seconds, "nano": nano}),
        ] {
            let body = serde_json::json!({"scaId": "s", "ttl": ttl});
            let challenge: linkcy_client::LinkcyScaChallenge =
                serde_json::from_value(body).unwrap();
            let ttl = challenge.ttl.unwrap();
            let _ = (ttl.duration(), ttl.expires_at());
        }
    }

    #[test]
    fn flinks_timestamps_parse_or_refuse(text in ".{0,40}") {
        let _ = text.parse::<flinks_client::datetime::Timestamp>();
        let _ = serde_json::from_value::<flinks_client::datetime::Timestamp>(Value::String(text));
    }

    #[test]
    fn finqlink_amounts_parse_or_refuse(text in ".{0,40}") {
        if let Ok(amount) = finqlink_client::parse_amount(&text) {
            // What is accepted prints back as it came.
            prop_assert_eq!(amount.to_string(), text);
        }
    }
}
