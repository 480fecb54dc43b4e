//! `GET /transactions` and `GET /transactions/{id}`.

use banking_core::money::{Currency, Decimal};
use linxo_client::{
    AccountType, TransactionId, TransactionOrigin, TransactionStatus, TransactionType,
    TransactionsQuery,
};
use wiremock::Mock;
use wiremock::matchers::{bearer_token, method, path};

use crate::support::*;

#[tokio::test]
async fn list_sends_all_fourteen_parameters_and_decodes_exactly() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/transactions"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is(
            "account_id=81234567&page=1&limit=500&origin=TRANSACTION\
             &included_statuses=BOOKED%2CPENDING&excluded_statuses=REJECTED\
             &min_amount=-100.50&max_amount=0&amount=-42.90&account_type=CHECKINGS\
             &start_date=1699830000&end_date=1700086400&category_id=SERVICES\
             &start_import_date=1700000000",
        ))
        .respond_with(ok_fixture("schema_built_transactions_list_page1_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let query = TransactionsQuery::new()
        .account_id("81234567")
        .page(1)
        .limit(500)
        .origin(TransactionOrigin::Transaction)
        .included_statuses([TransactionStatus::Booked, TransactionStatus::Pending])
        .excluded_statuses([TransactionStatus::Rejected])
        .min_amount(Decimal::new(-10050, 2))
        .max_amount(Decimal::ZERO)
        .amount(Decimal::new(-4290, 2))
        .account_type(AccountType::Checkings)
        .start_date(at(1_699_830_000))
        .end_date(at(1_700_086_400))
        .category_id("SERVICES")
        .start_import_date(at(1_700_000_000));
    let page = user_client(&server)
        .transactions()
        .list(&query)
        .await
        .unwrap();
    assert_eq!(page.len(), 2);

    let debit = &page[0];
    assert_eq!(debit.id.as_str(), "3100000001");
    assert_eq!(debit.account_id.as_ref().unwrap().as_str(), "81234567");
    assert_eq!(
        (debit.amount.to_string().as_str(), debit.amount.scale()),
        ("-42.90", 2)
    );
    assert_eq!(debit.currency, Some(Currency::EUR));
    assert_eq!(debit.money().unwrap().to_string(), "-42.90 EUR");
    assert_eq!(debit.origin, Some(TransactionOrigin::Transaction));
    assert_eq!(debit.transaction_type, Some(TransactionType::DirectDebit));
    assert_eq!(debit.category_id.as_ref().unwrap().as_str(), "SERVICES");
    assert_eq!(debit.label.as_deref(), Some("Opérateur Télécom"));
    assert_eq!(
        debit.notes.as_deref(),
        Some("PRELEVEMENT Opérateur Télécom\nAbonnement internet\nREF 7731904\nFR27ZZZ001234")
    );
    assert_eq!(debit.date, Some(at(1_700_002_800)));
    assert_eq!(debit.import_date, Some(at(1_700_086_400)));
    assert_eq!(debit.value_date, Some(at(1_700_002_800)));
    assert_eq!(debit.booking_date, Some(at(1_700_002_800)));
    assert_eq!(debit.transaction_date, None);
    assert_eq!(debit.status, Some(TransactionStatus::Booked));
    assert_eq!(
        debit.remittance_information.as_ref().unwrap(),
        &[
            "PRELEVEMENT Opérateur Télécom",
            "Abonnement internet",
            "REF 7731904",
            "FR27ZZZ001234"
        ]
    );
    assert_eq!(
        debit.source.as_ref().unwrap().label.as_deref(),
        Some("Opérateur Télécom")
    );

    let fee = &page[1];
    assert_eq!((fee.amount, fee.amount.scale()), (Decimal::new(-4, 0), 0));
    assert_eq!(fee.transaction_type, Some(TransactionType::Debit));
    assert_eq!(fee.category_id.as_ref().unwrap().as_str(), "UNCATEGORIZED");
    assert!(fee.source.is_none());
}

#[tokio::test]
async fn get_decodes_the_transaction() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/transactions/3100000003"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(ok_fixture("schema_built_transactions_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let t = user_client(&server)
        .transactions()
        .get(&TransactionId::from("3100000003"))
        .await
        .unwrap();
    assert_eq!(
        (t.amount.to_string().as_str(), t.amount.scale()),
        ("2150.00", 2)
    );
    assert_eq!(t.transaction_type, Some(TransactionType::Credit));
    assert_eq!(t.transaction_date, Some(at(1_699_826_400)));
    assert_eq!(t.original_trx_id.as_deref(), Some("3099999990"));
    assert_eq!(t.source.unwrap().label.as_deref(), Some("EMPLOYEUR SA"));
    assert_eq!(t.check_number, None);
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    let body = fixture("schema_built_transactions_get_200.json")
        .replace(r#""type":"CREDIT""#, r#""type":"INSTANT_TRANSFER""#)
        .replace(r#""status":"BOOKED""#, r#""status":"ON_HOLD""#)
        .replace(
            r#""origin":"TRANSACTION""#,
            r#""origin":"IMPORTED","brand_new_field":{"x":1}"#,
        );
    Mock::given(method("GET"))
        .and(path("/transactions/3100000003"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let t = user_client(&server)
        .transactions()
        .get(&TransactionId::from("3100000003"))
        .await
        .unwrap();
    assert_eq!(
        t.transaction_type,
        Some(TransactionType::Unknown("INSTANT_TRANSFER".into()))
    );
    assert_eq!(t.status.unwrap().as_str(), "ON_HOLD");
    assert_eq!(t.origin.unwrap().to_string(), "IMPORTED");
}
