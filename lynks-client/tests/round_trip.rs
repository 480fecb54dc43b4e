//! Every JSON fixture decodes into its type and re-encodes without losing
//! or changing a field; amounts keep their exact text.

use lynks_client::accounts::Account;
use lynks_client::balances::Balance;
use lynks_client::counterparties::Counterparty;
use lynks_client::counterparty_groups::CounterpartyGroup;
use lynks_client::credit_notes::CreditNote;
use lynks_client::credit_transfers::CreditTransfer;
use lynks_client::direct_debits::DirectDebit;
use lynks_client::invoices::Invoice;
use lynks_client::payment_categories::PaymentCategory;
use lynks_client::transactions::Transaction;
use lynks_client::{
    AccountId, CounterpartyId, CreditNoteId, CreditTransferId, DirectDebitId, InvoiceId,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::common::fixture;

/// Drops `null`s: an absent optional field re-encodes as `null`.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Every number token of a JSON text, as written.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '-' || c.is_ascii_digit() {
            let mut n = c.to_string();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() || matches!(d, '.' | 'e' | 'E' | '+' | '-') {
                    n.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(n);
        }
    }
    out
}

fn round_trip<T: DeserializeOwned + Serialize>(name: &str) {
    let text = fixture(name);
    let decoded: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let encoded = serde_json::to_string(&decoded).unwrap();
    assert_eq!(
        without_nulls(serde_json::from_str(&encoded).unwrap()),
        without_nulls(serde_json::from_str(&text).unwrap()),
        "{name}"
    );
    assert_eq!(numbers(&encoded), numbers(&text), "{name}: numbers changed");
}

#[test]
fn every_response_fixture_round_trips() {
    round_trip::<Vec<Account>>("inferred_accounts_list_200.json");
    round_trip::<Account>("inferred_account_get_200.json");
    round_trip::<Vec<AccountId>>("schema_built_accounts_create_201.json");
    round_trip::<Vec<Balance>>("inferred_balances_200.json");
    round_trip::<Vec<Transaction>>("inferred_transactions_200.json");
    round_trip::<Counterparty>("inferred_counterparty_get_200.json");
    round_trip::<Vec<Counterparty>>("inferred_counterparties_list_200.json");
    round_trip::<Vec<CounterpartyId>>("schema_built_counterparties_create_201.json");
    round_trip::<CreditTransfer>("inferred_credit_transfer_get_200.json");
    round_trip::<Vec<CreditTransfer>>("inferred_credit_transfers_list_200.json");
    round_trip::<Vec<CreditTransferId>>("schema_built_credit_transfers_create_201.json");
    round_trip::<DirectDebit>("inferred_direct_debit_get_200.json");
    round_trip::<Vec<DirectDebitId>>("schema_built_direct_debits_create_201.json");
    round_trip::<CounterpartyGroup>("inferred_counterparty_group_get_200.json");
    round_trip::<Vec<CounterpartyGroup>>("inferred_counterparty_groups_list_200.json");
    round_trip::<Vec<PaymentCategory>>("inferred_payment_categories_200.json");
    round_trip::<Invoice>("inferred_invoice_get_200.json");
    round_trip::<Vec<Invoice>>("inferred_invoices_list_200.json");
    round_trip::<Vec<InvoiceId>>("schema_built_invoices_send_201.json");
    round_trip::<CreditNote>("inferred_credit_note_get_200.json");
    round_trip::<Vec<CreditNote>>("inferred_credit_notes_list_200.json");
    round_trip::<Vec<CreditNoteId>>("schema_built_credit_notes_send_201.json");
}

#[test]
fn the_number_scanner_sees_every_amount() {
    assert_eq!(
        numbers(r#"{"a":9234.50,"b":"12.0","c":[-1,2e3],"d":"x\"1"}"#),
        ["9234.50", "-1", "2e3"]
    );
}
