//! `GET /accounts` and `GET /accounts/{id}`.

use banking_core::money::Currency;
use linxo_client::{AccountId, AccountStatus, AccountType, AccountUsage, AccountsQuery};
use wiremock::Mock;
use wiremock::matchers::{bearer_token, method, path};

use crate::support::*;

#[tokio::test]
async fn list_sends_every_filter_and_decodes_balances_exactly() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is(
            "connection_id=7730021&page=2&limit=50&type=CHECKINGS&q=courant+%26+joint\
             &status=ACTIVE&usage=PERSONAL&sort=name",
        ))
        .respond_with(ok_fixture("schema_built_accounts_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let query = AccountsQuery::new()
        .connection_id("7730021")
        .page(2)
        .limit(50)
        .account_type(AccountType::Checkings)
        .q("courant & joint")
        .status(AccountStatus::Active)
        .usage(AccountUsage::Personal)
        .sort("name");
    let accounts = user_client(&server).accounts().list(&query).await.unwrap();
    assert_eq!(accounts.len(), 2);

    let checking = &accounts[0];
    assert_eq!(checking.id.as_str(), "81234567");
    assert_eq!(checking.connection_id.as_ref().unwrap().as_str(), "7730021");
    assert_eq!(checking.name.as_deref(), Some("COMPTE CHEQUES"));
    assert_eq!(checking.currency, Some(Currency::EUR));
    assert_eq!(checking.balance.unwrap().to_string(), "1523.07");
    assert_eq!(checking.balance_date, Some(at(1_700_086_400)));
    assert_eq!(
        checking.iban.as_deref(),
        Some("FR7630006000011234567890189")
    );
    assert_eq!(checking.status, Some(AccountStatus::Active));
    assert_eq!(checking.account_type, Some(AccountType::Checkings));
    assert_eq!(checking.creation_date, Some(at(1_700_000_240)));
    assert_eq!(checking.account_number.as_deref(), Some("00012345678"));
    assert_eq!(
        checking.owner.as_ref().unwrap().name.as_deref(),
        Some("JEAN MARTIN")
    );
    assert_eq!(checking.usage, Some(AccountUsage::Personal));
    assert_eq!(
        checking
            .last_channel_definition_id
            .as_ref()
            .unwrap()
            .as_str(),
        "102201"
    );
    assert!(checking.classification.is_none() && checking.loan.is_none());

    let savings = &accounts[1];
    assert_eq!(savings.account_type, Some(AccountType::Savings));
    assert!(savings.iban.is_none());
    // The trailing zero survives: 12005.50, scale 2.
    let balance = savings.balance.unwrap();
    assert_eq!(
        (balance.to_string().as_str(), balance.scale()),
        ("12005.50", 2)
    );
    assert_eq!(savings.balance_money().unwrap().to_string(), "12005.50 EUR");
}

#[tokio::test]
async fn list_without_filters_sends_no_query() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .and(query_is(""))
        .respond_with(ok_fixture("schema_built_accounts_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let accounts = user_client(&server)
        .accounts()
        .list(&AccountsQuery::new())
        .await
        .unwrap();
    assert_eq!(accounts.len(), 2);
}

#[tokio::test]
async fn get_decodes_the_account_and_its_money() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/accounts/81234567"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(ok_fixture("schema_built_accounts_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let account = user_client(&server)
        .accounts()
        .get(&AccountId::from("81234567"))
        .await
        .unwrap();
    let money = account.balance_money().unwrap();
    assert_eq!(money.amount.to_string(), "1523.07");
    assert_eq!(money.currency.code(), "EUR");
    assert_eq!(account.status, Some(AccountStatus::Active));
}

#[test]
fn older_personal_spelling_counts_as_personal() {
    assert!(AccountUsage::from("PERSONNAL").is_personal());
    assert!(AccountUsage::Personal.is_personal());
    assert!(!AccountUsage::Professional.is_personal());
}
