//! Statement balances.

use banking_core::money::{Currency, Decimal};
use chrono::NaiveDate;
use lynks_client::balances::BalanceType;
use lynks_client::{AccountId, CreditDebit};
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::common::{bearer, respond, setup};

#[tokio::test]
async fn list() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path(
            "/v2/ordering-party-accounts/0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b/balances",
        ))
        .and(bearer())
        .respond_with(respond(200, "inferred_balances_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let balances = client
        .balances()
        .list(&AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b"))
        .await
        .unwrap();
    let kinds: Vec<_> = balances
        .iter()
        .map(|b| b.balance_type.clone().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            BalanceType::OpeningBooked,
            BalanceType::InterimBooked,
            BalanceType::ClosingBooked,
            BalanceType::ClosingAvailable
        ]
    );
    let opening = &balances[0];
    // The scale is kept: 118250.00, not 118250.
    assert_eq!(opening.amount.unwrap().to_string(), "118250.00");
    assert_eq!(opening.currency, Some(Currency::EUR));
    assert_eq!(opening.credit_debit_indicator, Some(CreditDebit::Credit));
    assert_eq!(opening.date, NaiveDate::from_ymd_opt(2025, 3, 3));
    assert_eq!(balances[1].amount, Some(Decimal::new(12_148_042, 2)));
    assert_eq!(
        balances[2].signed_amount(),
        Some(Decimal::new(12_543_017, 2))
    );
    let available = &balances[3];
    assert_eq!(available.credit_debit_indicator, Some(CreditDebit::Debit));
    assert_eq!(available.amount.unwrap().to_string(), "1500.50");
    assert_eq!(available.signed_amount().unwrap().to_string(), "-1500.50");
}
