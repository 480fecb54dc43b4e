//! Statement transaction entries, with the FX fields.

use banking_core::money::{Currency, Decimal, Money};
use chrono::NaiveDate;
use lynks_client::transactions::{EntryStatus, TransactionQuery};
use lynks_client::{AccountId, CreditDebit, TransactionId};
use wiremock::Mock;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};

use crate::common::{bearer, respond, setup};

const PATH: &str = "/v2/ordering-party-accounts/0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b/transactions";

fn account() -> AccountId {
    AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b")
}

#[tokio::test]
async fn list_with_date_range_decodes_fx_entries_exactly() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(bearer())
        .and(query_param("fromDate", "2025-03-01"))
        .and(query_param("toDate", "2025-03-03"))
        .respond_with(respond(200, "inferred_transactions_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let query = TransactionQuery::new(account())
        .from_date(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())
        .to_date(NaiveDate::from_ymd_opt(2025, 3, 3).unwrap());
    let entries = client.transactions().list(&query).await.unwrap();
    assert_eq!(entries.len(), 2);

    let fx = &entries[0];
    assert_eq!(
        fx.id,
        Some(TransactionId::new("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"))
    );
    assert_eq!(fx.amount.unwrap().to_string(), "9234.50");
    assert_eq!(fx.currency, Some(Currency::EUR));
    assert_eq!(fx.credit_debit_indicator, Some(CreditDebit::Credit));
    assert_eq!(fx.status, Some(EntryStatus::Booked));
    assert_eq!(fx.booking_date, NaiveDate::from_ymd_opt(2025, 3, 3));
    assert_eq!(fx.value_date, NaiveDate::from_ymd_opt(2025, 3, 4));
    assert_eq!(fx.bank_reference.as_deref(), Some("2025030300017745"));
    assert_eq!(fx.end_to_end_id.as_deref(), Some("NOTPROVIDED"));
    assert_eq!(
        fx.remittance_information.as_deref(),
        Some("Invoice US-7781 settlement")
    );
    assert_eq!(
        fx.counterparty_name.as_deref(),
        Some("Northwind Traders Inc.")
    );
    assert_eq!(fx.counterparty_iban, None);
    assert_eq!(fx.bank_transaction_code.as_deref(), Some("PMNT-RCDT-XBCT"));
    assert_eq!(fx.exchange_rate, Some(Decimal::new(92_345, 5)));
    assert_eq!(fx.exchange_rate.unwrap().to_string(), "0.92345");
    assert_eq!(fx.original_amount.unwrap().to_string(), "10000.00");
    assert_eq!(fx.original_currency, Some(Currency::USD));
    assert_eq!(
        fx.original(),
        Some(Money::new(Decimal::new(1_000_000, 2), Currency::USD))
    );
    // Reconciliation: original amount × rate is the booked amount, exactly.
    assert_eq!(
        (fx.original_amount.unwrap() * fx.exchange_rate.unwrap()).round_dp(2),
        fx.amount.unwrap()
    );

    let domestic = &entries[1];
    assert_eq!(domestic.status, Some(EntryStatus::Pending));
    assert_eq!(domestic.signed_amount().unwrap().to_string(), "-12500.00");
    assert_eq!(
        domestic.money(),
        Some(Money::new(Decimal::new(1_250_000, 2), Currency::EUR))
    );
    assert_eq!(
        domestic.counterparty_iban.as_deref(),
        Some("LU280019400644750000")
    );
    assert_eq!(domestic.end_to_end_id.as_deref(), Some("E2E-2025-0042"));
    assert_eq!(domestic.exchange_rate, None);
    assert_eq!(domestic.original(), None);
}

#[tokio::test]
async fn list_without_dates_sends_no_date_parameters() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param_is_missing("fromDate"))
        .and(query_param_is_missing("toDate"))
        .respond_with(respond(200, "inferred_transactions_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let entries = client
        .transactions()
        .list(&TransactionQuery::new(account()))
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
}
