//! Unknown enum values, unknown fields, other number styles and numeric
//! ids decode; amounts inside the models never pass through f64.

use banking_core::money::Decimal;
use lynks_client::CreditDebit;
use lynks_client::accounts::{Account, AccountStatus};
use lynks_client::balances::{Balance, BalanceType};
use lynks_client::counterparties::{Counterparty, CounterpartyStatus};
use lynks_client::credit_transfers::{ChargeBearer, CreditTransfer, CreditTransferStatus};
use lynks_client::invoices::Invoice;
use lynks_client::peppol::{DocumentDirection, DocumentStatus};
use lynks_client::transactions::{EntryStatus, Transaction};

#[test]
fn unknown_enum_values_are_kept_and_re_encoded() {
    let t: CreditTransfer = serde_json::from_str(
        r#"{"id":"t1","status":"WAITING_FOR_DEPOSITARY_APPROVAL","chargeBearer":"OUR","amount":1.00,"currency":"EUR"}"#,
    )
    .unwrap();
    assert_eq!(
        t.status,
        Some(CreditTransferStatus::Unknown(
            "WAITING_FOR_DEPOSITARY_APPROVAL".into()
        ))
    );
    assert_eq!(t.charge_bearer, Some(ChargeBearer::Unknown("OUR".into())));
    let back = serde_json::to_string(&t).unwrap();
    assert!(
        back.contains(r#""status":"WAITING_FOR_DEPOSITARY_APPROVAL""#),
        "{back}"
    );

    let c: Counterparty = serde_json::from_str(r#"{"id":"c1","status":"DEACTIVATED"}"#).unwrap();
    assert_eq!(
        c.status,
        Some(CounterpartyStatus::Unknown("DEACTIVATED".into()))
    );
    let a: Account = serde_json::from_str(r#"{"id":"a1","status":"BLOCKED"}"#).unwrap();
    assert_eq!(a.status, Some(AccountStatus::Unknown("BLOCKED".into())));
    let i: Invoice =
        serde_json::from_str(r#"{"id":"i1","direction":"BOTH","status":"ACKNOWLEDGED"}"#).unwrap();
    assert_eq!(i.direction, Some(DocumentDirection::Unknown("BOTH".into())));
    assert_eq!(
        i.status,
        Some(DocumentStatus::Unknown("ACKNOWLEDGED".into()))
    );
    let b: Balance = serde_json::from_str(r#"{"type":"XPCT","creditDebitIndicator":"X"}"#).unwrap();
    assert_eq!(b.balance_type, Some(BalanceType::Unknown("XPCT".into())));
    assert_eq!(
        b.credit_debit_indicator,
        Some(CreditDebit::Unknown("X".into()))
    );
    let e: Transaction = serde_json::from_str(r#"{"status":"FUTR"}"#).unwrap();
    assert_eq!(e.status, Some(EntryStatus::Unknown("FUTR".into())));
}

#[test]
fn unknown_fields_and_missing_optionals_decode() {
    let c: Counterparty = serde_json::from_str(
        r#"{"id":"c1","riskLevel":"LOW","groups":[{"id":"g"}],"createdAt":"2025-03-03T10:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(c.id.as_str(), "c1");
    assert_eq!(c.name, None);
    assert!(c.address_lines.is_empty());
    let t: Transaction = serde_json::from_str("{}").unwrap();
    assert_eq!(t.amount, None);
    assert_eq!(t.signed_amount(), None);
}

#[test]
fn amounts_as_strings_and_long_decimals_stay_exact() {
    let t: Transaction = serde_json::from_str(
        r#"{"amount":"9234.50","exchangeRate":"0.923456789012345678","originalAmount":12345678901234567.89,"originalCurrency":"USD","creditDebitIndicator":"DBIT"}"#,
    )
    .unwrap();
    assert_eq!(t.amount.unwrap().to_string(), "9234.50");
    assert_eq!(t.signed_amount().unwrap().to_string(), "-9234.50");
    assert_eq!(t.exchange_rate.unwrap().to_string(), "0.923456789012345678");
    assert_eq!(
        t.original_amount.unwrap().to_string(),
        "12345678901234567.89"
    );
    assert_eq!(
        t.original().unwrap().to_string(),
        "12345678901234567.89 USD"
    );
}

#[test]
fn a_malformed_amount_fails_rather_than_rounds() {
    let err = serde_json::from_str::<Transaction>(r#"{"amount":"12,50"}"#).unwrap_err();
    assert!(err.to_string().contains("amount") || err.is_data(), "{err}");
    assert!(serde_json::from_str::<Transaction>(r#"{"amount":1e400}"#).is_err());
}

#[test]
fn numeric_ids_and_date_times_decode() {
    let t: CreditTransfer = serde_json::from_str(
        r#"{"id":4711,"counterpartyId":42,"requestedExecutionDate":"2025-03-04T00:00:00+01:00"}"#,
    )
    .unwrap();
    assert_eq!(t.id.as_str(), "4711");
    assert_eq!(t.counterparty_id.unwrap().as_str(), "42");
    assert_eq!(
        t.requested_execution_date,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 4)
    );
    let entry: Transaction =
        serde_json::from_str(r#"{"bookingDate":"2025-03-03T18:30:00"}"#).unwrap();
    assert_eq!(
        entry.booking_date,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 3)
    );
    assert_eq!(Decimal::new(1, 0).to_string(), "1");
}
