//! The neutral view of Flinks Connect (against the sandbox, which answers
//! `GetAccountsDetail` with `research_accounts_detail_200.json` after its
//! 202s) and of Outbound FDX (against the Outbound simulator: the FDX
//! account and transaction fixtures).

use std::time::Duration;

use banking_core::neutral::{
    AccountKind, AccountSource, AccountStatus, BalanceKind, DateRange, Provider, TransactionSource,
    TransactionStatus,
};
use chrono::NaiveDate;
use flinks_client::connect::{AuthorizeOutcome, AuthorizeRequest, PollOptions};
use flinks_client::neutral::{ConnectSession, fdx_account};
use flinks_client::outbound::fdx::accounts::AccountId;
use flinks_client::outbound::testkit::OutboundSimulator;
use flinks_client::outbound::{ConsentCallback, ConsentRequest, FdxConnection, Scope};
use flinks_client::testkit::{self, FlinksSandbox};
use futures::TryStreamExt;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn balances(account: &banking_core::neutral::Account) -> Vec<String> {
    account
        .balances
        .iter()
        .map(|b| format!("{:?} {}", b.kind, b.money))
        .collect()
}

#[tokio::test]
async fn connect_accounts_detail_maps_identity_balances_and_net_amounts() {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let AuthorizeOutcome::Authorized(session) = client
        .connect()
        .authorize(&AuthorizeRequest::cached(testkit::login_id()))
        .await
        .unwrap()
    else {
        panic!("a cached login is authorized at once");
    };
    let poll = PollOptions::new().interval(Duration::from_millis(5));
    let source = ConnectSession::new(client, session.request_id, poll);
    let accounts = source.list_accounts().await.unwrap();
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0];
    assert_eq!(account.provider, Provider::Flinks);
    assert_eq!(account.id, "27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889");
    assert_eq!(account.display_name.as_deref(), Some("Chequing Account"));
    assert_eq!(account.kind, AccountKind::Checking);
    let ids = &account.identifiers;
    assert_eq!(ids.transit_number.as_deref(), Some("12347"));
    assert_eq!(ids.institution_number.as_deref(), Some("777"));
    assert_eq!(ids.account_number.as_deref(), Some("7641238"));
    assert_eq!(
        balances(account),
        ["Booked 5105.5 CAD", "Available 5405.5 CAD"]
    );

    let all = DateRange::new(day("2025-01-01"), day("2025-01-31")).unwrap();
    let transactions: Vec<_> = source
        .stream_transactions(account, all)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(transactions.len(), 1);
    let payroll = &transactions[0];
    // Credit 1500.25 and Debit 1000.4 on one line.
    assert_eq!(payroll.amount.to_string(), "499.85 CAD");
    assert_eq!(payroll.booking_date, Some(day("2025-01-31")));
    assert_eq!(
        payroll.description.as_deref(),
        Some("PAYROLL - Stripe Paycheck")
    );
    assert_eq!(payroll.status, TransactionStatus::Booked);
    let raw = payroll
        .source::<flinks_client::connect::Transaction>()
        .unwrap();
    assert_eq!(raw.balance.unwrap().to_string(), "5105.6");

    let before = DateRange::new(day("2025-01-01"), day("2025-01-30")).unwrap();
    let none: Vec<_> = source
        .stream_transactions(account, before)
        .try_collect()
        .await
        .unwrap();
    assert!(none.is_empty());
}

async fn fdx() -> (OutboundSimulator, FdxConnection) {
    let sim = OutboundSimulator::start().await;
    let client = sim.client().unwrap();
    let redirect: url::Url = "https://example.com/callback".parse().unwrap();
    let consent = ConsentRequest::new("dc-demo", redirect.clone(), "xyz")
        .scopes([Scope::AccountBasic, Scope::Transactions]);
    client.consent_url(&consent).unwrap();
    let back = sim.consent_redirect(&redirect, "xyz");
    let ConsentCallback::Granted { code } = ConsentCallback::parse(&back, "xyz").unwrap() else {
        panic!("the simulator grants consent");
    };
    let connection = client.connect_with_code(&code, &redirect).await.unwrap();
    (sim, connection)
}

#[tokio::test]
async fn fdx_accounts_net_liabilities_and_keep_unknown_kinds() {
    let (_sim, connection) = fdx().await;
    let accounts = connection.list_accounts().await.unwrap();
    let kinds: Vec<_> = accounts.iter().map(|a| (a.id.as_str(), &a.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("21", &AccountKind::Loan),
            ("31", &AccountKind::Investment),
            ("41", &AccountKind::Unknown("annuityAccount".to_owned())),
        ]
    );
    // The mortgage's principal is a LIABILITY: owed, so negative.
    assert_eq!(balances(&accounts[0]), ["Booked -245000.75 CAD"]);
    assert_eq!(accounts[0].balances[0].date, Some(day("2024-01-15")));
    assert_eq!(
        accounts[0].display_name.as_deref(),
        Some("Fixed Rate Mortgage")
    );
    assert_eq!(
        balances(&accounts[1]),
        ["Booked 12345678901234567.89 CAD", "Available 100.50 CAD"]
    );
    assert!(accounts[2].balances.is_empty());
    assert_eq!(accounts[2].currency, None);
}

#[tokio::test]
async fn fdx_transactions_are_signed_by_their_memo_and_dated_when_posted() {
    let (_sim, connection) = fdx().await;
    let savings = fdx_account(
        connection
            .accounts()
            .get(&AccountId::from("11"))
            .await
            .unwrap(),
    );
    assert_eq!(savings.kind, AccountKind::Savings);
    assert_eq!(savings.status, AccountStatus::Active);
    assert_eq!(savings.identifiers.transit_number.as_deref(), Some("12347"));
    assert_eq!(savings.display_name.as_deref(), Some("Savings"));
    assert_eq!(
        balances(&savings),
        ["Booked 5105.50 CAD", "Available 5405.5 CAD"]
    );
    assert_eq!(savings.main_balance().unwrap().kind, BalanceKind::Booked);

    let range = DateRange::new(day("2020-01-01"), day("2020-02-01")).unwrap();
    let transactions: Vec<_> = connection
        .stream_transactions(&savings, range)
        .try_collect()
        .await
        .unwrap();
    let shown: Vec<String> = transactions
        .iter()
        .map(|t| {
            format!(
                "{} {} {:?} {}",
                t.id.as_deref().unwrap(),
                t.booking_date.unwrap(),
                t.status,
                t.amount
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "1 2020-02-01 Booked 1.1 CAD",
            "2 2020-01-15 Pending -1000.40 CAD"
        ]
    );
}
