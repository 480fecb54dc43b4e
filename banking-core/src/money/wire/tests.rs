use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Test structs: one per adapter, each with a single field `v`.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Exact {
    #[serde(with = "super::exact_number")]
    v: Decimal,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct ExactOpt {
    #[serde(default, with = "super::exact_number::option")]
    v: Option<Decimal>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Text {
    #[serde(with = "super::decimal_string")]
    v: Decimal,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct TextOpt {
    #[serde(default, with = "super::decimal_string::option")]
    v: Option<Decimal>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Lenient {
    #[serde(default, with = "super::lenient")]
    v: Option<Decimal>,
}

fn dec(mantissa: i128, scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(mantissa, scale)
}

fn exact(value: &str) -> Result<Decimal, String> {
    serde_json::from_str::<Exact>(&format!(r#"{{"v":{value}}}"#))
        .map(|e| e.v)
        .map_err(|e| e.to_string())
}

fn text(value: &str) -> Result<Decimal, String> {
    serde_json::from_str::<Text>(&format!(r#"{{"v":{value}}}"#))
        .map(|t| t.v)
        .map_err(|e| e.to_string())
}

fn lenient(value: &str) -> Result<Option<Decimal>, String> {
    serde_json::from_str::<Lenient>(&format!(r#"{{"v":{value}}}"#))
        .map(|l| l.v)
        .map_err(|e| e.to_string())
}

/// Asserts `value` decoded to `expected_text` with exactly `expected_scale`.
#[track_caller]
fn assert_digits(value: Decimal, expected_text: &str, expected_scale: u32) {
    assert_eq!(value.to_string(), expected_text);
    assert_eq!(value.scale(), expected_scale);
}

// ---------- exact_number ----------

#[test]
fn exact_number_keeps_digits_and_scale() {
    assert_digits(exact("100.50").unwrap(), "100.50", 2);
    assert_digits(
        exact("12345678901234567.89").unwrap(),
        "12345678901234567.89",
        2,
    );
    assert_digits(exact("0").unwrap(), "0", 0);
    assert_digits(exact("-0.01").unwrap(), "-0.01", 2);
    assert_digits(exact("15.210").unwrap(), "15.210", 3);
    assert_digits(
        exact("79228162514264337593543950335").unwrap(),
        "79228162514264337593543950335",
        0,
    );
    assert_digits(
        exact("-7.9228162514264337593543950335").unwrap(),
        "-7.9228162514264337593543950335",
        28,
    );
    assert_digits(
        exact("0.0000000000000000000000000001").unwrap(),
        "0.0000000000000000000000000001",
        28,
    );
}

#[test]
fn exact_number_reads_long_mantissas_on_both_sides_of_the_64_bit_fast_path() {
    // 19 digits are read in 64 bits, 20 and more in 128: the same values.
    for text in [
        "9999999999999999999",
        "-9999999999999999999",
        "999999999.9999999999",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "-1844674407.3709551616",
        "79228162514264337593543950335",
        "0.0000000000000000001",
        "0.00000000000000000001",
    ] {
        let expected = Decimal::from_str_exact(text).unwrap();
        let value = exact(text).unwrap();
        assert_eq!(value, expected, "{text}");
        assert_eq!(value.scale(), expected.scale(), "{text}");
        assert_eq!(value.to_string(), text, "{text}");
    }
}

#[test]
fn exact_number_decodes_exponent_forms() {
    assert_digits(exact("1e3").unwrap(), "1000", 0);
    assert_digits(exact("1.5E-2").unwrap(), "0.015", 3);
    assert_digits(exact("1.50e1").unwrap(), "15.0", 1);
    assert_digits(exact("2E+2").unwrap(), "200", 0);
    assert_digits(exact("-1.25e-1").unwrap(), "-0.125", 3);
    assert_digits(exact("0e0").unwrap(), "0", 0);
    assert_digits(
        exact("1e-28").unwrap(),
        "0.0000000000000000000000000001",
        28,
    );
    assert_digits(exact("1e28").unwrap(), "10000000000000000000000000000", 0);
    // rust_decimal's own `from_scientific` would round this significand.
    assert_digits(
        exact("1.234567890123456789012345678e2").unwrap(),
        "123.4567890123456789012345678",
        25,
    );
}

#[test]
fn exact_number_refuses_what_a_decimal_cannot_hold() {
    let limits = "cannot be held exactly: at most 28 decimal places and a magnitude up to \
                  79228162514264337593543950335 are supported";
    let cases = [
        "79228162514264337593543950336",
        "-79228162514264337593543950336",
        "0.12345678901234567890123456789",
        "1e29",
        "1e-29",
        "1.2345678901234567890123456789012e2",
        "1e99999999999999999999",
        "123456789012345678901234567890123456789012",
    ];
    for number in cases {
        assert_eq!(
            exact(number).unwrap_err(),
            format!(
                "decimal {number} {limits} at line 1 column {}",
                number.len() + 6
            ),
            "{number}"
        );
    }
}

#[test]
fn exact_number_error_text_is_bounded() {
    let huge = format!("1{}", "0".repeat(10_000));
    let err = exact(&huge).unwrap_err();
    assert!(err.starts_with(&format!("decimal 1{}... cannot", "0".repeat(63))));
    assert!(err.len() < 300, "{err}");
}

#[test]
fn exact_number_is_strict_about_the_json_type() {
    let expected = "expected a JSON number (use wire::exact_number::option for a nullable \
                    amount, wire::decimal_string or wire::lenient for a quoted one)";
    for (value, found) in [
        (r#""100.50""#, "a string"),
        ("null", "null"),
        ("true", "a boolean"),
        ("[1]", "an array"),
        (r#"{"a":1}"#, "an object"),
    ] {
        let err = exact(value).unwrap_err();
        assert!(
            err.starts_with(&format!("invalid type: {found}, {expected} at line 1")),
            "{value}: {err}"
        );
    }
    let missing = serde_json::from_str::<Exact>("{}").unwrap_err();
    assert_eq!(missing.to_string(), "missing field `v` at line 1 column 2");
}

#[test]
fn exact_number_encodes_the_same_digits() {
    let cases = [
        (dec(10050, 2), "100.50"),
        (dec(1234567890123456789, 2), "12345678901234567.89"),
        (dec(-1, 2), "-0.01"),
        (dec(1000, 0), "1000"),
        (Decimal::MAX, "79228162514264337593543950335"),
        (-dec(0, 2), "0.00"),
    ];
    for (value, json) in cases {
        assert_eq!(
            serde_json::to_string(&Exact { v: value }).unwrap(),
            format!(r#"{{"v":{json}}}"#)
        );
    }
}

#[test]
fn exact_number_option() {
    let decode = |json: &str| serde_json::from_str::<ExactOpt>(json).map(|o| o.v);
    assert_eq!(decode(r#"{"v":100.50}"#).unwrap(), Some(dec(10050, 2)));
    assert_eq!(decode(r#"{"v":null}"#).unwrap(), None);
    assert_eq!(decode("{}").unwrap(), None);
    assert_eq!(
        decode(r#"{"v":"1"}"#).unwrap_err().to_string(),
        "invalid type: a string, expected a JSON number or null (use \
         wire::decimal_string::option or wire::lenient for a quoted amount) at line 1 column 9"
    );
    let encode = |v| serde_json::to_string(&ExactOpt { v }).unwrap();
    assert_eq!(encode(Some(dec(10050, 2))), r#"{"v":100.50}"#);
    assert_eq!(encode(None), r#"{"v":null}"#);
}

#[test]
fn exact_number_through_serde_path_to_error() {
    #[derive(Debug, Deserialize)]
    struct Statement {
        items: Vec<Exact>,
    }
    let decode = |json: &str| {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize::<_, Statement>(&mut de)
    };

    let statement = decode(r#"{"items":[{"v":100.50},{"v":12345678901234567.89}]}"#).unwrap();
    assert_digits(statement.items[0].v, "100.50", 2);
    assert_digits(statement.items[1].v, "12345678901234567.89", 2);

    let err = decode(r#"{"items":[{"v":1},{"v":"2"}]}"#).unwrap_err();
    assert_eq!(err.path().to_string(), "items[1].v");
    assert!(
        err.inner()
            .to_string()
            .starts_with("invalid type: a string")
    );
}

/// RawValue needs the source text; serde buffers it away for `flatten` and
/// untagged enums. The decode must fail there, not round.
#[test]
fn exact_number_fails_loudly_where_serde_buffers() {
    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "only ever decoded, and the decode fails")]
    struct Flattened {
        #[serde(flatten)]
        inner: Exact,
    }
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    #[expect(dead_code, reason = "only ever decoded, and the decode fails")]
    enum Untagged {
        Amount(Exact),
    }
    let json = r#"{"v":12345678901234567.89}"#;

    let flattened = serde_json::from_str::<Flattened>(json).unwrap_err();
    assert_eq!(
        flattened.to_string(),
        "invalid type: newtype struct, expected any valid JSON value at line 1 column 26"
    );
    let untagged = serde_json::from_str::<Untagged>(json).unwrap_err();
    assert_eq!(
        untagged.to_string(),
        "data did not match any variant of untagged enum Untagged"
    );

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "only ever decoded, and the decode fails")]
    struct FlattenedLenient {
        #[serde(flatten)]
        inner: Lenient,
    }
    assert!(serde_json::from_str::<FlattenedLenient>(json).is_err());
}

// ---------- decimal_string ----------

#[test]
fn decimal_string_accepts_finqlink_amounts() {
    assert_digits(text(r#""100.50""#).unwrap(), "100.50", 2);
    assert_digits(text(r#""0.50""#).unwrap(), "0.50", 2);
    assert_digits(text(r#""0""#).unwrap(), "0", 0);
    assert_digits(text(r#""100""#).unwrap(), "100", 0);
    assert_digits(text(r#""-100.50""#).unwrap(), "-100.50", 2);
    assert_digits(
        text(r#""12345678901234567.89""#).unwrap(),
        "12345678901234567.89",
        2,
    );
    let zero = text(r#""-0.00""#).unwrap();
    assert_digits(zero, "0.00", 2);
    assert!(!zero.is_sign_negative());
}

#[test]
fn decimal_string_rejects_rule_breakers() {
    let cases = [
        ("0100.50", "leading zeros are not allowed"),
        ("00.5", "leading zeros are not allowed"),
        ("-01", "leading zeros are not allowed"),
        (
            "1,000.00",
            "unexpected ',' at byte 1, expected end of number",
        ),
        (
            "1.000,00",
            "unexpected ',' at byte 5, expected end of number",
        ),
        ("1_000", "unexpected '_' at byte 1, expected end of number"),
        (
            "1'000",
            "unexpected '\\'' at byte 1, expected end of number",
        ),
        ("1 000", "whitespace is not allowed"),
        (" 5", "whitespace is not allowed"),
        ("5 ", "whitespace is not allowed"),
        ("1e3", "exponent notation is not allowed"),
        ("1.5E-2", "exponent notation is not allowed"),
        ("+5", "unexpected '+' at byte 0, expected a digit"),
        ("--5", "unexpected '-' at byte 1, expected a digit"),
        ("5-", "unexpected '-' at byte 1, expected end of number"),
        ("-", "expected a digit"),
        ("", "expected a digit"),
        (".5", "unexpected '.' at byte 0, expected a digit"),
        ("5.", "expected a digit after '.'"),
        (
            "5.a",
            "unexpected 'a' at byte 2, expected a digit after '.'",
        ),
        ("0x10", "unexpected 'x' at byte 1, expected end of number"),
        ("NaN", "unexpected 'N' at byte 0, expected a digit"),
        (
            "\u{661}",
            "unexpected '\u{661}' at byte 0, expected a digit",
        ),
    ];
    for (input, reason) in cases {
        let err = text(&serde_json::to_string(input).unwrap()).unwrap_err();
        let expected = format!("invalid decimal {input:?}: {reason} at line 1 column");
        assert!(err.starts_with(&expected), "{input:?}: {err}");
    }
}

#[test]
fn decimal_string_refuses_numbers_and_nulls() {
    assert_eq!(
        text("100.50").unwrap_err(),
        "invalid type: floating point `100.5`, expected a decimal string such as \"100.50\" \
         at line 1 column 11"
    );
    assert_eq!(
        text("null").unwrap_err(),
        "invalid type: null, expected a decimal string such as \"100.50\" at line 1 column 9"
    );
    assert!(
        text(r#""0.12345678901234567890123456789""#)
            .unwrap_err()
            .starts_with("decimal 0.12345678901234567890123456789 cannot be held exactly")
    );
}

#[test]
fn decimal_string_encodes_with_scale_and_unsigned_zero() {
    let cases = [
        (dec(10050, 2), r#""100.50""#),
        (dec(-10050, 2), r#""-100.50""#),
        (dec(50, 2), r#""0.50""#),
        (dec(7, 0), r#""7""#),
        (-dec(0, 3), r#""0.000""#),
        (dec(1, 28), r#""0.0000000000000000000000000001""#),
    ];
    for (value, json) in cases {
        assert_eq!(
            serde_json::to_string(&Text { v: value }).unwrap(),
            format!(r#"{{"v":{json}}}"#)
        );
    }
}

#[test]
fn decimal_string_option() {
    let decode = |json: &str| serde_json::from_str::<TextOpt>(json).map(|o| o.v);
    assert_eq!(decode(r#"{"v":"0.50"}"#).unwrap(), Some(dec(50, 2)));
    assert_eq!(decode(r#"{"v":null}"#).unwrap(), None);
    assert_eq!(decode("{}").unwrap(), None);
    assert!(
        decode(r#"{"v":"01"}"#)
            .unwrap_err()
            .to_string()
            .starts_with("invalid decimal \"01\": leading zeros are not allowed")
    );
    let encode = |v| serde_json::to_string(&TextOpt { v }).unwrap();
    assert_eq!(encode(Some(dec(10050, 2))), r#"{"v":"100.50"}"#);
    assert_eq!(encode(None), r#"{"v":null}"#);
}

/// Strings survive serde's buffering, so this adapter works under `flatten`.
#[test]
fn decimal_string_works_under_flatten() {
    #[derive(Debug, Deserialize)]
    struct Flattened {
        #[serde(flatten)]
        inner: Text,
    }
    let decoded: Flattened = serde_json::from_str(r#"{"v":"12345678901234567.89"}"#).unwrap();
    assert_digits(decoded.inner.v, "12345678901234567.89", 2);
}

// ---------- lenient ----------

#[test]
fn lenient_accepts_numbers_strings_and_nothing() {
    let some = |v: &str| lenient(v).unwrap().unwrap();
    assert_digits(some("5105.5"), "5105.5", 1);
    assert_digits(some(r#""5105.5""#), "5105.5", 1);
    assert_digits(some(r#"" 5105.50 ""#), "5105.50", 2);
    assert_digits(some(r#""-12""#), "-12", 0);
    assert_digits(some(r#""1e3""#), "1000", 0);
    assert_digits(some(r#""\u0035""#), "5", 0);
    assert_digits(some("12345678901234567.89"), "12345678901234567.89", 2);
    assert_digits(some(r#""12345678901234567.89""#), "12345678901234567.89", 2);
    assert_eq!(lenient("null").unwrap(), None);
    assert_eq!(lenient(r#""""#).unwrap(), None);
    assert_eq!(lenient(r#""  ""#).unwrap(), None);
    assert_eq!(serde_json::from_str::<Lenient>("{}").unwrap().v, None);
}

#[test]
fn lenient_still_refuses_ambiguous_or_wrong_values() {
    let cases = [
        (r#""1,234""#, "invalid decimal \"1,234\": unexpected ','"),
        (r#""+5""#, "invalid decimal \"+5\": unexpected '+'"),
        (
            r#""05""#,
            "invalid decimal \"05\": leading zeros are not allowed",
        ),
        (r#""5 000""#, "invalid decimal \"5 000\": whitespace"),
        (r#""abc""#, "invalid decimal \"abc\": unexpected 'a'"),
        (
            "true",
            "invalid type: a boolean, expected a number, a numeric string or null",
        ),
        (
            "{}",
            "invalid type: an object, expected a number, a numeric string or null",
        ),
        ("1e40", "decimal 1e40 cannot be held exactly"),
    ];
    for (value, start) in cases {
        let err = lenient(value).unwrap_err();
        assert!(err.starts_with(start), "{value}: {err}");
    }
}

#[test]
fn lenient_encodes_as_exact_number_or_null() {
    let encode = |v| serde_json::to_string(&Lenient { v }).unwrap();
    assert_eq!(encode(Some(dec(51055, 1))), r#"{"v":5105.5}"#);
    assert_eq!(encode(Some(dec(510550, 2))), r#"{"v":5105.50}"#);
    assert_eq!(encode(None), r#"{"v":null}"#);
}

// ---------- properties ----------

/// Any `Decimal`: a 96-bit magnitude with any scale the type allows.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    let max = Decimal::MAX.mantissa();
    (-max..=max, 0..=Decimal::MAX_SCALE).prop_map(|(m, s)| dec(m, s))
}

/// The text FinqLink's rules allow, by construction.
const VALID_DECIMAL_STRING: &str = "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,10})?";

proptest! {
    #[test]
    fn exact_number_round_trips(value in any_decimal()) {
        let json = serde_json::to_string(&Exact { v: value }).unwrap();
        prop_assert_eq!(&json, &format!(r#"{{"v":{}}}"#, super::canonical_text(&value)));
        let back: Exact = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.v, value);
        prop_assert_eq!(back.v.scale(), value.scale());
    }

    #[test]
    fn decimal_string_round_trips(value in any_decimal()) {
        let json = serde_json::to_string(&Text { v: value }).unwrap();
        let back: Text = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.v, value);
        prop_assert_eq!(back.v.scale(), value.scale());
    }

    #[test]
    fn lenient_round_trips(value in any_decimal()) {
        let json = serde_json::to_string(&Lenient { v: Some(value) }).unwrap();
        let back: Lenient = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.v, Some(value));
        prop_assert_eq!(back.v.map(|v| v.scale()), Some(value.scale()));
    }

    /// `<d>e-<k>` moves the point k places left; `<d>E+<k>` right.
    #[test]
    fn exponents_shift_the_scale(value in any_decimal(), k in 0u32..=28) {
        let (mantissa, scale) = (value.mantissa(), value.scale());
        let base = super::canonical_text(&value);
        let left = exact(&format!("{base}e-{k}"));
        if scale + k <= Decimal::MAX_SCALE {
            let left = left.unwrap();
            prop_assert_eq!(left, dec(mantissa, scale + k));
            prop_assert_eq!(left.scale(), scale + k);
        } else {
            prop_assert!(left.unwrap_err().contains("cannot be held exactly"));
        }
        if k <= scale {
            let right = exact(&format!("{base}E+{k}")).unwrap();
            prop_assert_eq!(right, dec(mantissa, scale - k));
            prop_assert_eq!(right.scale(), scale - k);
        }
    }

    /// Every text the rules allow decodes, and encodes back to itself.
    #[test]
    fn valid_decimal_strings_round_trip_verbatim(input in VALID_DECIMAL_STRING) {
        let value = text(&format!("\"{input}\"")).unwrap();
        let encoded = serde_json::to_string(&Text { v: value }).unwrap();
        // Zero is written without a sign.
        let expected = if value.is_zero() { input.trim_start_matches('-') } else { &input };
        prop_assert_eq!(encoded, format!(r#"{{"v":"{expected}"}}"#));
    }

    /// A separator, sign, blank or exponent marker anywhere, or an extra
    /// leading zero, breaks the rules.
    #[test]
    fn mutated_decimal_strings_are_rejected(
        input in VALID_DECIMAL_STRING,
        at in any::<prop::sample::Index>(),
        extra in prop::sample::select(vec![",", " ", "_", "+", "e", "'"]),
    ) {
        let mut mutated = input.clone();
        mutated.insert_str(at.index(input.len() + 1), extra);
        prop_assert!(text(&format!("\"{mutated}\"")).is_err(), "{}", mutated);
        let padded = format!("\"0{input}\"");
        prop_assert!(text(&padded).is_err(), "{}", padded);
    }

    /// Whatever text is accepted is already in canonical form: the accepted
    /// set is exactly the grammar, with no lenient extras.
    #[test]
    fn accepted_decimal_strings_are_canonical(input in "[-+0-9.,eE _]{0,12}") {
        if let Ok(value) = text(&format!("\"{input}\"")) {
            let canonical = super::canonical_text(&value);
            let unsigned = input.trim_start_matches('-');
            prop_assert!(
                canonical == input || (value.is_zero() && canonical == unsigned),
                "{} decoded to {}", input, canonical
            );
        }
    }
}

// ---------- borrowed input ----------

#[test]
fn a_reader_cannot_lend_the_text_so_decoding_fails_rather_than_rounds() {
    let body: &[u8] = br#"{"v": 12345678901234567.89}"#;
    assert!(serde_json::from_reader::<_, Exact>(body).is_err());
    assert!(serde_json::from_reader::<_, Lenient>(body).is_err());
    // The same bytes from a slice decode exactly.
    let from_slice: Exact = serde_json::from_slice(body).unwrap();
    assert_digits(from_slice.v, "12345678901234567.89", 2);
}

#[test]
fn lenient_strings_with_and_without_escapes_decode_alike() {
    assert_eq!(lenient(r#""12.50""#).unwrap(), Some(dec(1250, 2)));
    assert_eq!(lenient(r#""1\u0032.50""#).unwrap(), Some(dec(1250, 2)));
    assert_eq!(lenient(r#"" 12.50\t""#).unwrap(), Some(dec(1250, 2)));
}
