//! GetAccountsDetail and GetAccountsDetailAsync.

use std::time::Duration;

use banking_core::money::Currency;
use chrono::NaiveDate;
use flinks_client::connect::{
    Account, AccountCategory, AccountKind, AccountsDetail, AccountsDetailRequest, Address,
    DaysOfTransactions, Holder, Outcome, PollOptions, StatementPeriod,
};
use flinks_client::ids::RequestId;
use flinks_client::{CustomerType, FlinksCode, FlinksErrorExt};
use rust_decimal::Decimal;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{API_KEY, api_path, builder, client, fixture, fixture_json, json, server};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn request_id() -> RequestId {
    "3fa391bc-bc52-4424-82c5-8662600df9b2".parse().unwrap()
}

/// The default body a third-party client sends (research notes).
fn documented_request() -> AccountsDetailRequest {
    AccountsDetailRequest::new(request_id())
        .with_account_identity(true)
        .with_kyc(true)
        .with_transactions(true)
        .days_of_transactions(DaysOfTransactions::Days90)
        .with_details_and_banking_statements(false)
        .number_of_banking_statements(StatementPeriod::MostRecent)
}

#[tokio::test]
async fn sends_the_flags_with_the_api_key_and_decodes_the_seed_sample_exactly() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetAccountsDetail")))
        .and(header("x-api-key", API_KEY))
        .and(body_json(fixture_json(
            "research_accounts_detail_request_default.json",
        )))
        .respond_with(json(200, fixture("seed_accounts_detail_200.json")))
        .expect(1)
        .mount(&server)
        .await;

    let outcome = client(&server)
        .connect()
        .accounts_detail(&documented_request())
        .await
        .unwrap();
    let Outcome::Ready(detail) = outcome else {
        panic!("expected Ready, got {outcome:?}")
    };
    assert_eq!(detail.http_status_code, Some(200));
    assert_eq!(detail.accounts.len(), 1);
    let account = &detail.accounts[0];
    assert_eq!(account.title.as_deref(), Some("Chequing Account"));
    assert_eq!(account.account_number.as_deref(), Some("7641238"));
    assert_eq!(account.transit_number.as_deref(), Some("12347"));
    assert_eq!(account.institution_number.as_deref(), Some("777"));
    assert_eq!(account.last_four_digits, None);
    assert_eq!(account.overdraft_limit, Some(dec("100.5")));
    assert_eq!(account.category, Some(AccountCategory::Operations));
    assert_eq!(account.kind, Some(AccountKind::Chequing));
    assert_eq!(account.currency, Some(Currency::CAD));
    assert_eq!(account.id, None, "the seed sample's account has no Id");

    let balance = account.balance.as_ref().unwrap();
    assert_eq!(balance.available, Some(dec("5405.5")));
    assert_eq!(balance.current, Some(dec("5105.5")));
    // "Limit": "5105.5" is a string in the seed.
    assert_eq!(balance.limit, Some(dec("5105.5")));

    let holder = account.holder.as_ref().unwrap();
    assert_eq!(holder.name.as_deref(), Some("Testing"));
    let address = holder.address.as_ref().unwrap();
    assert_eq!(address.civic_address.as_deref(), Some("25 york street"));
    assert_eq!(address.city.as_deref(), Some("TOR"));
    assert_eq!(address.province, None);

    let tx = &account.transactions[0];
    assert_eq!(tx.date, NaiveDate::from_ymd_opt(2025, 1, 31));
    assert_eq!(tx.code, None);
    assert_eq!(tx.description.as_deref(), Some("PAYROLL - Stripe Paycheck"));
    assert_eq!(tx.debit.unwrap().to_string(), "1000.4");
    assert_eq!(tx.credit.unwrap().to_string(), "1500.25");
    assert_eq!(tx.balance.unwrap().to_string(), "5105.6");
    assert_eq!(
        tx.id.unwrap().to_string(),
        "94584aed-7c98-42a4-9836-9f8557db63f5"
    );
}

#[tokio::test]
async fn decodes_the_second_seed_fragment() {
    let detail: AccountsDetail =
        banking_core::json::from_slice(fixture("seed_accounts_detail_200_tail.json").as_bytes())
            .unwrap();
    assert_eq!(detail.institution_name.as_deref(), Some("FlinksCapital"));
    assert_eq!(detail.institution_id, Some(14));
    assert_eq!(detail.institution.as_deref(), Some("FlinksCapital"));
    assert_eq!(
        detail.request_id.unwrap().to_string(),
        "22178382-31ee-485c-a750-c20929b6a344"
    );
    let login = detail.login.unwrap();
    assert_eq!(login.username.as_deref(), Some("chat_gpt"));
    assert_eq!(login.kind, Some(CustomerType::Personal));
    assert_eq!(
        login.last_refresh.unwrap().to_string(),
        "2025-01-31T17:40:54.569261"
    );
    assert!(detail.accounts.is_empty());
}

/// The tail fragment opens inside the first fragment's account: its first
/// four members end `Holder.Address`, the next two end `Holder`, and
/// `AccountType` and `Id` end the account. Each level decodes from it.
#[test]
fn the_second_seed_fragment_completes_the_address_holder_and_account() {
    let tail = fixture("seed_accounts_detail_200_tail.json");
    let address: Address = banking_core::json::from_slice(tail.as_bytes()).unwrap();
    assert_eq!(address.province.as_deref(), Some("ON"));
    assert_eq!(address.postal_code.as_deref(), Some("M5J 2V5"));
    assert_eq!(address.po_box, None);
    assert_eq!(address.country.as_deref(), Some("CA"));
    let holder: Holder = banking_core::json::from_slice(tail.as_bytes()).unwrap();
    assert_eq!(holder.email.as_deref(), Some("test_user1@nomail.com"));
    assert_eq!(holder.phone_number.as_deref(), Some("9051234567"));
    let account: Account = banking_core::json::from_slice(tail.as_bytes()).unwrap();
    assert_eq!(account.account_type, None);
    assert_eq!(
        account.id.unwrap().to_string(),
        "27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889"
    );
    let login = banking_core::json::from_slice::<AccountsDetail>(tail.as_bytes())
        .unwrap()
        .login
        .unwrap();
    assert_eq!(login.is_scheduled_refresh, Some(false));
    assert_eq!(login.id.to_string(), "5602459c-f6d0-4ca0-6750-08dccdcadcc0");
}

#[tokio::test]
async fn async_poll_is_a_get_with_the_request_id_in_the_path() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsDetailAsync/22178382-31ee-485c-a750-c20929b6a344",
        )))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(200, fixture("research_accounts_detail_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .accounts_detail_async("22178382-31ee-485c-a750-c20929b6a344".parse().unwrap())
        .await
        .unwrap();
    let detail = outcome.ready().unwrap();
    let account = &detail.accounts[0];
    // The research sample sends Limit as a number.
    assert_eq!(account.balance.as_ref().unwrap().limit, Some(dec("5105.5")));
    assert_eq!(
        account.id.unwrap().to_string(),
        "27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889"
    );
    assert_eq!(account.account_type, None);
    let address = account.holder.as_ref().unwrap().address.as_ref().unwrap();
    assert_eq!(address.postal_code.as_deref(), Some("M5J 2V5"));
    assert_eq!(address.po_box, None);
    assert_eq!(address.country.as_deref(), Some("CA"));
}

#[tokio::test]
async fn pending_then_ready_through_wait_ready() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetAccountsDetail")))
        .respond_with(json(202, fixture("research_accounts_detail_202.json")))
        .expect(1)
        .mount(&server)
        .await;
    let async_path =
        api_path("BankingServices/GetAccountsDetailAsync/077785a3-fd0f-42f7-9251-ee2ff7f3b4ff");
    Mock::given(method("GET"))
        .and(path(async_path.clone()))
        .respond_with(json(202, fixture("research_accounts_detail_202.json")))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(async_path))
        .respond_with(json(200, fixture("research_accounts_detail_200.json")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let connect = client.connect();
    let request =
        AccountsDetailRequest::new("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap());
    let outcome = connect.accounts_detail(&request).await.unwrap();
    let pending = outcome.pending().unwrap().clone();
    assert_eq!(pending.flinks_code, FlinksCode::OperationPending);
    assert_eq!(pending.http_status_code, Some(202));
    assert_eq!(
        pending.message.as_deref(),
        Some("Your operation is still processing")
    );
    assert_eq!(
        pending.links[0].example.as_deref(),
        Some("/GetAccountsDetailAsync/077785a3-fd0f-42f7-9251-ee2ff7f3b4ff")
    );

    let options = PollOptions::new()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_secs(10));
    let detail = connect.wait_ready(outcome, &options).await.unwrap();
    assert_eq!(
        detail.request_id.unwrap().to_string(),
        "22178382-31ee-485c-a750-c20929b6a344"
    );
    assert_eq!(
        detail.accounts[0].transactions[0].credit,
        Some(dec("1500.25"))
    );
}

#[tokio::test]
async fn wait_ready_gives_up_with_a_typed_timeout() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsDetailAsync/077785a3-fd0f-42f7-9251-ee2ff7f3b4ff",
        )))
        .respond_with(json(202, fixture("research_accounts_detail_202.json")))
        .mount(&server)
        .await;
    let client = client(&server);
    let connect = client.connect();
    let outcome: Outcome<AccountsDetail> = connect
        .accounts_detail_async("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap())
        .await
        .unwrap();
    let options = PollOptions::new()
        .interval(Duration::from_millis(20))
        .timeout(Duration::from_millis(100));
    let err = connect.wait_ready(outcome, &options).await.unwrap_err();
    let flinks_client::connect::WaitError::TimedOut {
        request_id,
        waited,
        polls,
    } = &err
    else {
        panic!("expected a time-out, got {err:?}")
    };
    assert_eq!(
        request_id.to_string(),
        "077785a3-fd0f-42f7-9251-ee2ff7f3b4ff"
    );
    assert!(*waited >= Duration::from_millis(100), "{waited:?}");
    assert!((1..=5).contains(polls), "{polls} polls");
    assert!(err.is_timeout());
    let core: banking_core::Error = err.into();
    assert!(core.is_timeout());
}

#[tokio::test]
async fn an_ended_session_answers_session_nonexistent() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetAccountsDetailAsync/1df20baf-65d5-40ee-9be0-8058c13042e2",
        )))
        .respond_with(json(400, fixture("seed_accounts_summary_async_400.json")))
        .mount(&server)
        .await;
    let err = client(&server)
        .connect()
        .accounts_detail_async("1df20baf-65d5-40ee-9be0-8058c13042e2".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.flinks_code(), Some(FlinksCode::SessionNonexistent));
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("RequestId 1df20baf-65d5-40ee-9be0-8058c13042e2 is invalid or session has ended")
    );
}

#[tokio::test]
async fn nothing_is_sent_without_an_api_key_or_with_inverted_dates() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetAccountsDetail")))
        .respond_with(json(200, "{}"))
        .expect(0)
        .mount(&server)
        .await;
    let no_key = builder(&server).build().unwrap();
    let err = no_key
        .connect()
        .accounts_detail(&AccountsDetailRequest::new(request_id()))
        .await
        .unwrap_err();
    assert!(matches!(err, banking_core::Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("x-api-key"), "{err}");

    let inverted = AccountsDetailRequest::new(request_id())
        .date_from(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())
        .date_to(NaiveDate::from_ymd_opt(2025, 2, 1).unwrap());
    let err = client(&server)
        .connect()
        .accounts_detail(&inverted)
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
}

/// `with_options` on the Connect handle reaches the first call and every
/// poll of `wait_ready` (research samples, as in
/// `pending_then_ready_through_wait_ready`).
#[tokio::test]
async fn with_options_headers_reach_the_call_and_every_poll() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/GetAccountsDetail")))
        .and(header("x-correlation-id", "corr-flinks"))
        .respond_with(json(202, fixture("research_accounts_detail_202.json")))
        .expect(1)
        .mount(&server)
        .await;
    let async_path =
        api_path("BankingServices/GetAccountsDetailAsync/077785a3-fd0f-42f7-9251-ee2ff7f3b4ff");
    Mock::given(method("GET"))
        .and(path(async_path.clone()))
        .and(header("x-correlation-id", "corr-flinks"))
        .respond_with(json(202, fixture("research_accounts_detail_202.json")))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(async_path))
        .and(header("x-correlation-id", "corr-flinks"))
        .respond_with(json(200, fixture("research_accounts_detail_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let connect = client.connect().with_options(
        banking_core::transport::CallOptions::new().header("x-correlation-id", "corr-flinks"),
    );
    let request =
        AccountsDetailRequest::new("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff".parse().unwrap());
    let outcome = connect.accounts_detail(&request).await.unwrap();
    let options = PollOptions::new()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_secs(10));
    connect.wait_ready(outcome, &options).await.unwrap();
}
