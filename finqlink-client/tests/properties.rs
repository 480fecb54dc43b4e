//! Property tests for the amount rules and the enum and remitter decoders.

use finqlink_client::links::LinkStatus;
use finqlink_client::parse_amount;
use finqlink_client::providers::{OwnerType, Provider};
use proptest::prelude::*;
use rust_decimal::Decimal;

proptest! {
    #[test]
    fn every_canonical_amount_parses_exactly(units in 0u64..10_000_000_000, scale in 0u32..=4) {
        let amount = Decimal::new(units as i64, scale);
        let text = amount.to_string();
        let parsed = parse_amount(&text).unwrap();
        prop_assert_eq!(parsed, amount);
        prop_assert_eq!(parsed.to_string(), text);
    }

    #[test]
    fn leading_zeros_and_separators_are_always_refused(units in 1u64..1_000_000, cents in 0u32..100) {
        let leading = format!("0{units}.{cents:02}");
        prop_assert!(parse_amount(&leading).unwrap_err().is_validation());
        let grouped = format!("{},{:03}.{cents:02}", units, units % 1000);
        prop_assert!(parse_amount(&grouped).is_err());
        let exponent = format!("{units}e{}", cents % 10);
        prop_assert!(parse_amount(&exponent).is_err());
    }

    #[test]
    fn any_status_string_round_trips(value in "[a-z_]{1,24}") {
        let json = serde_json::to_string(&value).unwrap();
        let status: LinkStatus = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(status.as_str(), value.as_str());
        prop_assert_eq!(serde_json::to_string(&status).unwrap(), json);
    }

    #[test]
    fn remitter_types_decode_from_a_string_or_an_array(values in proptest::collection::vec("[a-z]{1,12}", 1..4)) {
        let as_array = serde_json::json!({ "payment_methods": [{ "remitter_type": values }] });
        let provider: Provider = serde_json::from_value(as_array).unwrap();
        let decoded = provider.payment_methods[0].remitter_type.clone().unwrap();
        let expected: Vec<OwnerType> = values.iter().map(|v| OwnerType::from(v.as_str())).collect();
        prop_assert_eq!(decoded.as_slice(), expected.as_slice());

        let as_string = serde_json::json!({ "payment_methods": [{ "remitter_type": values[0] }] });
        let provider: Provider = serde_json::from_value(as_string).unwrap();
        let decoded = provider.payment_methods[0].remitter_type.clone().unwrap();
        prop_assert_eq!(decoded.as_slice(), &expected[..1]);
    }
}
