//! Hostile input and hostile answers: every client-side rule refuses before
//! anything is sent (the server must receive nothing), string path
//! parameters never change the path, and bodies over the size cap or nested
//! without end end in typed errors with bounded memory.
//!
//! String path parameters exist in LYNKS, Linxo and Flinks Outbound, and
//! all are tried here. Linkcy's, Flinks Connect's and Flinks Pay's path
//! parameters are UUID types (a Flinks routing number is checked as nine
//! digits), and FinqLink sends ids in bodies: no hostile string can reach
//! their paths. Every parameter goes through `Request::param`, which the
//! property test below covers for any string.

use std::future::Future;

use banking_core::Error;
use banking_core::money::Currency;
use banking_core::transport::Request;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;
use rust_decimal::Decimal;
use secrecy::SecretString;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fault_server::{FaultServer, Reply};
use crate::matrix::providers;
use crate::matrix::{Op, PROVIDERS};

/// A server that fails the test if it receives any request.
async fn nothing_sent() -> (MockServer, url::Url) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .named("a request that validation should have stopped")
        .mount(&server)
        .await;
    let url = server.uri().parse().expect("a URL");
    (server, url)
}

async fn refused<T: std::fmt::Debug>(
    what: &str,
    field: &str,
    call: impl Future<Output = banking_core::Result<T>>,
) {
    match call.await {
        Err(Error::Validation(e)) => assert_eq!(e.field, field, "{what}: {e:?}"),
        other => panic!("{what}: expected a validation error on {field}, got {other:?}"),
    }
}

fn linkcy_transfer(amount: Decimal) -> linkcy_client::BeneficiaryTransferRequest {
    linkcy_client::BeneficiaryTransferRequest::new(
        amount,
        uuid::Uuid::from_u128(1).into(),
        uuid::Uuid::from_u128(2).into(),
    )
}

#[tokio::test]
async fn linkcy_rules_refuse_before_sending() {
    let (server, url) = nothing_sent().await;
    let client = providers::linkcy(&url).build().unwrap();
    let sca = linkcy_client::ScaOptions::new();
    let tx = client.transactions();
    let cases: Vec<(&str, &str, linkcy_client::BeneficiaryTransferRequest)> = vec![
        ("zero amount", "amount", linkcy_transfer(Decimal::ZERO)),
        (
            "negative amount",
            "amount",
            linkcy_transfer(Decimal::new(-100, 2)),
        ),
        (
            "three decimals",
            "amount",
            linkcy_transfer(Decimal::new(1001, 3)),
        ),
        (
            "reference over 60 characters",
            "reference",
            linkcy_transfer(Decimal::ONE).reference("R".repeat(61)),
        ),
        (
            "reference with a forbidden character",
            "reference",
            linkcy_transfer(Decimal::ONE).reference("Invoice #42"),
        ),
    ];
    for (what, field, transfer) in cases {
        refused(what, field, tx.create(&transfer, &sca)).await;
    }
    server.verify().await;
}

#[tokio::test]
async fn linkcy_list_and_create_rules_refuse_before_sending() {
    use linkcy_client::{
        BeneficiaryAccount, CreateBeneficiaryRequest, CreateLedgerRequest, CreateMandateRequest,
        LedgerType, NewMandateDebtor, PartyType, TransactionFilter,
    };
    let (server, url) = nothing_sent().await;
    let client = providers::linkcy(&url).build().unwrap();
    for size in [linkcy_client::MAX_PAGE_SIZE + 1] {
        refused(
            "page size out of range",
            "pageSize",
            client
                .transactions()
                .list(&TransactionFilter::new().page_size(size)),
        )
        .await;
    }
    let day = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2025, 1, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    };
    refused(
        "start after end",
        "startDate",
        client
            .transactions()
            .list(&TransactionFilter::new().start_date(day(2)).end_date(day(1))),
    )
    .await;
    let sepa = |iban: &str| BeneficiaryAccount::Sepa {
        iban: iban.to_owned(),
        bic: None,
    };
    let sca = linkcy_client::ScaOptions::new();
    let beneficiaries = [
        (
            "beneficiary IBAN with a wrong check digit",
            "bankingDetails.iban",
            CreateBeneficiaryRequest::new(
                PartyType::Person,
                "Jane",
                sepa("FR7730006000011234567890188"),
            ),
        ),
        (
            "beneficiary BIC of nine characters",
            "bankingDetails.bic",
            CreateBeneficiaryRequest::new(
                PartyType::Person,
                "Jane",
                BeneficiaryAccount::Sepa {
                    iban: "FR7630006000011234567890189".to_owned(),
                    bic: Some("BNPAFRPP1".to_owned()),
                },
            ),
        ),
        (
            "beneficiary name over 511 characters",
            "fullName",
            CreateBeneficiaryRequest::new(
                PartyType::Person,
                "n".repeat(512),
                sepa("FR7630006000011234567890189"),
            ),
        ),
    ];
    for (what, field, beneficiary) in beneficiaries {
        refused(
            what,
            field,
            client.beneficiaries().create(&beneficiary, &sca),
        )
        .await;
    }
    let mandates = [
        (
            "mandate debtor without a name",
            "debtor.name",
            CreateMandateRequest::new(NewMandateDebtor::new(
                PartyType::Person,
                " ",
                "FR7630006000011234567890189",
            )),
        ),
        (
            "mandate debtor IBAN with a wrong check digit",
            "debtor.bankingDetails.iban",
            CreateMandateRequest::new(NewMandateDebtor::new(
                PartyType::Person,
                "Jane",
                "FR7730006000011234567890188",
            )),
        ),
        (
            "mandate debtor BIC in lower case",
            "debtor.bankingDetails.bic",
            CreateMandateRequest::new(
                NewMandateDebtor::new(PartyType::Person, "Jane", "FR7630006000011234567890189")
                    .bic("bnpafrpp"),
            ),
        ),
        (
            "empty mandate friendly name",
            "friendlyName",
            CreateMandateRequest::new(NewMandateDebtor::new(
                PartyType::Person,
                "Jane",
                "FR7630006000011234567890189",
            ))
            .friendly_name(""),
        ),
    ];
    for (what, field, mandate) in mandates {
        refused(what, field, client.mandates().create(&mandate)).await;
    }
    refused(
        "empty ledger friendly name",
        "friendlyName",
        client
            .ledgers()
            .create(&CreateLedgerRequest::new(LedgerType::EurFrance).friendly_name("")),
    )
    .await;
    server.verify().await;
}

fn intent(amount: Decimal, iban: &str, name: &str) -> finqlink_client::links::PaymentIntent {
    finqlink_client::links::PaymentIntent::new(amount, Currency::RON, iban, name)
}

#[tokio::test]
async fn finqlink_rules_refuse_before_sending() {
    let (server, url) = nothing_sent().await;
    let client = providers::finqlink(&url).build().unwrap();
    const IBAN: &str = "RO10RZBR0000069999999970";
    let cases = [
        (
            "zero amount",
            "payment_intent.amount",
            intent(Decimal::ZERO, IBAN, "Shop"),
        ),
        (
            "more decimals than RON has",
            "payment_intent.amount",
            intent(Decimal::new(10001, 3), IBAN, "Shop"),
        ),
        (
            "IBAN with a wrong check digit",
            "payment_intent.creditor_iban",
            intent(Decimal::ONE, "RO11RZBR0000069999999970", "Shop"),
        ),
        (
            "empty creditor name",
            "payment_intent.creditor_name",
            intent(Decimal::ONE, IBAN, ""),
        ),
        (
            "debtor IBAN with a wrong check digit",
            "payment_intent.debtor_iban",
            intent(Decimal::ONE, IBAN, "Shop").debtor_iban("RO11RZBR0000069999999970"),
        ),
        (
            "a currency ISO 4217 does not list",
            "currency",
            finqlink_client::links::PaymentIntent::new(
                Decimal::ONE,
                Currency::new("ABC").unwrap(),
                IBAN,
                "Shop",
            ),
        ),
    ];
    for (what, field, intent) in cases {
        let request = finqlink_client::links::LinkCreateRequest::new(intent);
        refused(what, field, client.links().create(&request)).await;
    }
    let ftp: url::Url = "ftp://hooks.example.com/".parse().unwrap();
    let link = finqlink_client::links::LinkCreateRequest::new(intent(Decimal::ONE, IBAN, "Shop"))
        .webhook_url(ftp.clone());
    refused(
        "non-web webhook URL",
        "webhook_url",
        client.links().create(&link),
    )
    .await;
    let now = chrono::Utc::now();
    let list = finqlink_client::links::LinksListRequest::new()
        .inserted_at_from(now)
        .inserted_at_to(now - chrono::Duration::days(1));
    refused(
        "inverted date range",
        "filter.inserted_at_from",
        client.links().list(&list),
    )
    .await;
    use finqlink_client::consents::ConsentCreateRequest;
    let consents = [
        (
            "expiry over 45 days",
            "expires_in",
            ConsentCreateRequest::new().expires_in(std::time::Duration::from_secs(46 * 86_400)),
        ),
        (
            "non-web webhook URL",
            "webhook_url",
            ConsentCreateRequest::new().webhook_url(ftp),
        ),
    ];
    for (what, field, consent) in consents {
        refused(what, field, client.consents().create(&consent)).await;
    }
    server.verify().await;
}

fn lynks_transfer(amount: Decimal) -> lynks_client::credit_transfers::NewCreditTransfer {
    lynks_client::credit_transfers::NewCreditTransfer::new(
        "acc-1".into(),
        "cp-1".into(),
        amount,
        Currency::EUR,
        "cat-1".into(),
    )
}

#[tokio::test]
async fn lynks_rules_refuse_before_sending() {
    let (server, url) = nothing_sent().await;
    let client = providers::lynks(&url).build().unwrap();
    let yesterday_but_one = chrono::Utc::now().date_naive() - chrono::Days::new(3);
    let cases = [
        ("zero amount", "[0].amount", lynks_transfer(Decimal::ZERO)),
        (
            "more decimals than EUR has",
            "[0].amount",
            lynks_transfer(Decimal::new(1001, 3)),
        ),
        (
            "remittance over 140 characters",
            "[0].remittanceInformation",
            lynks_transfer(Decimal::ONE).remittance_information("r".repeat(141)),
        ),
        (
            "end-to-end id over 35 characters",
            "[0].endToEndId",
            lynks_transfer(Decimal::ONE).end_to_end_id("e".repeat(36)),
        ),
        (
            "execution date in the past",
            "[0].requestedExecutionDate",
            lynks_transfer(Decimal::ONE).requested_execution_date(yesterday_but_one),
        ),
    ];
    for (what, field, transfer) in cases {
        refused(what, field, client.credit_transfers().create(&[transfer])).await;
    }
    server.verify().await;
}

#[tokio::test]
async fn lynks_account_and_counterparty_rules_refuse_before_sending() {
    use lynks_client::accounts::NewAccount;
    use lynks_client::counterparties::NewCounterparty;
    let (server, url) = nothing_sent().await;
    let client = providers::lynks(&url).build().unwrap();
    const IBAN: &str = "LU120010001234567891";
    let accounts = [
        (
            "empty name",
            "[0].name",
            NewAccount::new(" ", IBAN, Currency::EUR),
        ),
        (
            "bad IBAN",
            "[0].iban",
            NewAccount::new("Ops", "LU130010001234567891", Currency::EUR),
        ),
        (
            "bad BIC",
            "[0].bic",
            NewAccount::new("Ops", IBAN, Currency::EUR).bic("BCEE1"),
        ),
        (
            "holder name over 140 characters",
            "[0].holderName",
            NewAccount::new("Ops", IBAN, Currency::EUR).holder_name("h".repeat(141)),
        ),
    ];
    for (what, field, account) in accounts {
        refused(what, field, client.accounts().create(&[account])).await;
    }
    let counterparties = [
        (
            "name over 140 characters",
            "[0].name",
            NewCounterparty::new("n".repeat(141), IBAN),
        ),
        (
            "bad IBAN",
            "[0].iban",
            NewCounterparty::new("Supplier", "LU130010001234567891"),
        ),
        (
            "bad country",
            "[0].country",
            NewCounterparty::new("Supplier", IBAN).country("lux"),
        ),
        (
            "empty address line",
            "[0].addressLines",
            NewCounterparty::new("Supplier", IBAN).address_line(" "),
        ),
    ];
    for (what, field, counterparty) in counterparties {
        refused(what, field, client.counterparties().create(&[counterparty])).await;
    }
    server.verify().await;
}

#[tokio::test]
async fn linxo_rules_refuse_before_sending() {
    let (server, url) = nothing_sent().await;
    let client = providers::linxo(&url).build().unwrap();
    let user = |email: &str, password: &str| {
        linxo_client::NewUser::new(email, SecretString::from(password.to_owned()))
    };
    let cases = [
        (
            "e-mail without a domain",
            "email",
            user("jean.martin", "Passw0rd-long"),
        ),
        (
            "e-mail with a space",
            "email",
            user("jean martin@example.com", "Passw0rd-long"),
        ),
        // The seed only recommends a password shape, so only an empty
        // password is refused.
        ("empty password", "password", user("jean@example.com", "")),
    ];
    for (what, field, user) in cases {
        refused(what, field, client.users().create(&user)).await;
    }
    use linxo_client::{AccountsQuery, TransactionStatus, TransactionsQuery};
    let now = chrono::Utc::now();
    let queries = [
        ("page 0", "page", TransactionsQuery::new().page(0)),
        ("limit 0", "limit", TransactionsQuery::new().limit(0)),
        (
            "limit too large",
            "limit",
            TransactionsQuery::new().limit(100_000),
        ),
        (
            "min amount above max amount",
            "min_amount",
            TransactionsQuery::new()
                .min_amount(Decimal::TEN)
                .max_amount(Decimal::ONE),
        ),
        (
            "start after end",
            "start_date",
            TransactionsQuery::new()
                .start_date(now)
                .end_date(now - chrono::Duration::days(1)),
        ),
        (
            "a status both included and excluded",
            "excluded_statuses",
            TransactionsQuery::new()
                .included_statuses([TransactionStatus::Booked])
                .excluded_statuses([TransactionStatus::Booked]),
        ),
    ];
    for (what, field, query) in queries {
        refused(what, field, client.transactions().list(&query)).await;
    }
    refused(
        "a blank search",
        "q",
        client.accounts().list(&AccountsQuery::new().q(" ")),
    )
    .await;
    refused(
        "providers page 0",
        "page",
        client
            .providers()
            .list(&linxo_client::ProvidersQuery::new().page(0)),
    )
    .await;
    server.verify().await;
}

#[tokio::test]
async fn flinks_pay_rules_refuse_before_sending() {
    use flinks_client::pay::{AccountInfo, ContactInfo, EftParty, EftTransaction, ScheduleInfo};
    let (server, url) = nothing_sent().await;
    let client = providers::flinks_pay(&url).build().unwrap();
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(7);
    let eft = |amount: Decimal, account: AccountInfo| {
        EftTransaction::debit(
            amount,
            Currency::CAD,
            EftParty::new(account, ContactInfo::new("Jane", "Doe")),
            ScheduleInfo::one_time(start),
        )
    };
    let good = || AccountInfo::new("001", "12345", "1234567");
    let cases = [
        ("zero amount", eft(Decimal::ZERO, good())),
        ("three decimals", eft(Decimal::new(1001, 3), good())),
        (
            "letters in the institution code",
            eft(Decimal::ONE, AccountInfo::new("0A1", "12345", "1234567")),
        ),
        (
            "a short transit number",
            eft(Decimal::ONE, AccountInfo::new("001", "123", "1234567")),
        ),
    ];
    for (what, transaction) in cases {
        match client.transactions().create(&transaction).await {
            Err(e) if e.is_validation() => {}
            other => panic!("{what}: expected a validation error, got {other:?}"),
        }
    }
    let today = chrono::Utc::now().date_naive();
    let debit = |schedule: ScheduleInfo| {
        EftTransaction::debit(
            Decimal::ONE,
            Currency::CAD,
            EftParty::new(good(), ContactInfo::new("Jane", "Doe")),
            schedule,
        )
    };
    let schedules = [
        (
            // Today is still in the future west of UTC, so the date must be
            // past in every time zone to be refused.
            "a debit that started two days ago",
            "scheduleInfo.startDate",
            debit(ScheduleInfo::one_time(today - chrono::Days::new(2))),
        ),
        (
            "a recurring debit ending before it starts",
            "scheduleInfo.endDate",
            debit(ScheduleInfo::recurring_until(start, start)),
        ),
        (
            "a recurring debit of 301 transactions",
            "scheduleInfo.transactionsCount",
            debit(ScheduleInfo::recurring_count(start, 301)),
        ),
        (
            "a recurring debit of no transactions",
            "scheduleInfo.transactionsCount",
            debit(ScheduleInfo::recurring_count(start, 0)),
        ),
    ];
    for (what, field, transaction) in schedules {
        refused(what, field, client.transactions().create(&transaction)).await;
    }
    use flinks_client::pay::{CreateSession, PaymentDirection, SessionPayor};
    let sessions = [
        (
            "a blank reference",
            "referenceId",
            CreateSession::geft(PaymentDirection::Debit).reference_id(" "),
        ),
        (
            "a payor without a first name",
            "payor.firstName",
            CreateSession::geft(PaymentDirection::Debit).payor(SessionPayor::new(" ", "Doe")),
        ),
        (
            "a payor e-mail without a domain",
            "payor.email",
            CreateSession::geft(PaymentDirection::Debit)
                .payor(SessionPayor::new("Jane", "Doe").email("jane")),
        ),
        (
            "a payee on a regular EFT session",
            "payee",
            CreateSession::eft(PaymentDirection::Debit).payee(good()),
        ),
    ];
    for (what, field, session) in sessions {
        refused(what, field, client.sessions().create(&session)).await;
    }
    server.verify().await;
}

#[tokio::test]
async fn flinks_connect_and_outbound_rules_refuse_before_sending() {
    use flinks_client::connect::{AccountsDetailRequest, AuthorizeRequest};
    use flinks_client::outbound::CreateRecipient;
    let (server, url) = nothing_sent().await;
    let connect = flinks_client::FlinksClient::builder()
        .environment(banking_core::transport::Environment::Custom(url.clone()))
        .customer_id("43387ca6-0391-4c82-857d-70d95f087ecb".parse().unwrap())
        .secret_key(SecretString::from("secret-key"))
        .api_key(SecretString::from("api-key"))
        .build()
        .unwrap();
    let login = |institution: &str, user: &str, password: &str| {
        AuthorizeRequest::credentials(institution, user, SecretString::from(password.to_owned()))
    };
    let requests = [
        (
            "an empty institution",
            "Institution",
            login("", "user", "pw"),
        ),
        ("an empty username", "Username", login("Bank", "", "pw")),
        ("an empty password", "Password", login("Bank", "user", "")),
        ("an empty tag", "Tag", login("Bank", "user", "pw").tag("")),
    ];
    for (what, field, request) in requests {
        refused(what, field, connect.connect().authorize(&request)).await;
    }
    let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
    let detail = AccountsDetailRequest::new(uuid::Uuid::from_u128(9).into())
        .date_from(day(2))
        .date_to(day(1));
    refused(
        "an inverted date range",
        "DateFrom",
        connect.connect().accounts_detail(&detail),
    )
    .await;
    let outbound = flinks_client::outbound::OutboundClient::builder()
        .environment(banking_core::transport::Environment::Custom(url))
        .credentials("outbound-app", SecretString::from("outbound-secret"))
        .build()
        .unwrap();
    let redirect: url::Url = "https://app.example.com/callback".parse().unwrap();
    let with_fragment: url::Url = "https://app.example.com/callback#x".parse().unwrap();
    let recipients = [
        (
            "an empty name",
            "name",
            CreateRecipient::new(" ", [redirect.clone()]),
        ),
        (
            "no redirect URI",
            "redirect_uris",
            CreateRecipient::new("App", []),
        ),
        (
            "a redirect URI with a fragment",
            "redirect_uris",
            CreateRecipient::new("App", [with_fragment]),
        ),
        (
            "a three-letter country",
            "country",
            CreateRecipient::new("App", [redirect]).country("CAN"),
        ),
    ];
    for (what, field, recipient) in recipients {
        refused(what, field, outbound.recipients().create(&recipient)).await;
    }
    server.verify().await;
}

/// No provider documents idempotency keys: a keyed write, which the
/// transport would resend, is refused before anything is sent.
#[tokio::test]
async fn keyed_writes_are_refused_where_no_deduplication_is_documented() {
    for provider in &PROVIDERS {
        let (server, url) = nothing_sent().await;
        let client = (provider.connect)(&url);
        let request = Request::post("/payments")
            .json(&serde_json::json!({"amount": "10.00"}))
            .unwrap()
            .idempotency_key("key-1");
        match client.raw().send(request).await {
            Err(Error::Validation(e)) => {
                assert_eq!(e.field, "idempotency_key", "{}", provider.name)
            }
            other => panic!(
                "{}: a keyed write was not refused: {other:?}",
                provider.name
            ),
        }
        server.verify().await;
    }
}

/// What a path segment must be sent as: everything but RFC 3986
/// unreserved characters percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

const HOSTILE: [&str; 9] = [
    "a/b",
    "../admin",
    "id?admin=true",
    "id#fragment",
    "100%",
    "%2e%2e",
    "with space",
    "café-€-日本",
    "a\\b",
];

/// Where a client gets its tokens, and a healthy token answer.
struct Tokens {
    paths: &'static [&'static str],
    body: String,
}

impl Tokens {
    fn of(provider: &providers::Provider) -> Tokens {
        Tokens {
            paths: provider.token_paths,
            body: (provider.token_body)(),
        }
    }
}

/// Calls `call` with each hostile value against a server that answers 404,
/// and checks the one request it sent went to `prefix` + the encoded value
/// + `suffix`; `.` and `..` are refused before sending.
async fn path_stays_put<F, Fut, T>(tokens: &Tokens, what: &str, prefix: &str, suffix: &str, call: F)
where
    F: Fn(url::Url, String) -> Fut,
    Fut: Future<Output = banking_core::Result<T>>,
    T: std::fmt::Debug,
{
    for value in HOSTILE {
        let server = FaultServer::start().await;
        server.script_others(vec![Reply::json(404, r#"{"error":"not found"}"#)]);
        for path in tokens.paths {
            server.script(path, vec![Reply::json(200, tokens.body.clone())]);
        }
        let _ = call(server.url(), value.to_owned()).await;
        let paths: Vec<String> = server
            .received()
            .into_iter()
            .filter(|r| !tokens.paths.contains(&r.path()))
            .map(|r| r.target)
            .collect();
        let expected = format!("{prefix}{}{suffix}", utf8_percent_encode(value, SEGMENT));
        assert!(
            !paths.is_empty() && paths.iter().all(|p| p.split('?').next() == Some(&expected)),
            "{what} with {value:?}: sent {paths:?}, expected {expected}"
        );
    }
    for value in [".", ".."] {
        let (server, url) = nothing_sent().await;
        match call(url, value.to_owned()).await {
            Err(e) if e.is_validation() => {}
            other => panic!("{what} with {value:?}: expected a validation error, got {other:?}"),
        }
        server.verify().await;
    }
}

#[tokio::test]
async fn lynks_path_parameters_never_change_the_path() {
    let p = &Tokens::of(&PROVIDERS[3]);
    let client = |url: url::Url| providers::lynks(&url).build().unwrap();
    path_stays_put(
        p,
        "credit transfer",
        "/v2/credit-transfers/",
        "",
        |url, id| async move { client(url).credit_transfers().get(&id.into()).await },
    )
    .await;
    path_stays_put(
        p,
        "account",
        "/v2/ordering-party-accounts/",
        "",
        |url, id| async move { client(url).accounts().get(&id.into()).await },
    )
    .await;
    path_stays_put(
        p,
        "balances",
        "/v2/ordering-party-accounts/",
        "/balances",
        |url, id| async move { client(url).balances().list(&id.into()).await },
    )
    .await;
    path_stays_put(
        p,
        "counterparty",
        "/v2/counterparties/",
        "",
        |url, id| async move { client(url).counterparties().get(&id.into()).await },
    )
    .await;
}

#[tokio::test]
async fn linxo_path_parameters_never_change_the_path() {
    let p = &Tokens::of(&PROVIDERS[4]);
    let client = |url: url::Url| providers::linxo(&url).build().unwrap();
    path_stays_put(p, "user", "/users/", "", |url, id| async move {
        client(url).users().get(&id.into()).await
    })
    .await;
    path_stays_put(p, "user delete", "/users/", "", |url, id| async move {
        client(url).users().delete(&id.into()).await
    })
    .await;
    path_stays_put(p, "provider", "/providers/", "", |url, id| async move {
        client(url).providers().get(&id.into()).await
    })
    .await;
    path_stays_put(p, "account", "/accounts/", "", |url, id| async move {
        client(url).accounts().get(&id.into()).await
    })
    .await;
    path_stays_put(
        p,
        "transaction",
        "/transactions/",
        "",
        |url, id| async move { client(url).transactions().get(&id.into()).await },
    )
    .await;
    path_stays_put(p, "category", "/categories/", "", |url, id| async move {
        client(url).categories().get(&id.into()).await
    })
    .await;
    path_stays_put(p, "connection", "/connections/", "", |url, id| async move {
        client(url).connections().get(&id.into()).await
    })
    .await;
    path_stays_put(p, "queue", "/queues/", "/events", |url, id| async move {
        client(url).queues().poll(&id.into()).await
    })
    .await;
}

#[tokio::test]
async fn flinks_outbound_path_parameters_never_change_the_path() {
    let p = &Tokens {
        paths: &["/api/v1/token"],
        body: serde_json::json!({"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
            .to_string(),
    };
    let client = |url: url::Url| {
        flinks_client::outbound::OutboundClient::builder()
            .environment(banking_core::transport::Environment::Custom(url))
            .credentials("outbound-app", SecretString::from("outbound-secret"))
            .retry_policy(banking_core::retry::RetryPolicy::none())
            .build()
            .unwrap()
    };
    path_stays_put(
        p,
        "recipient",
        "/api/v1/recipients/",
        "",
        |url, id| async move { client(url).recipients().get(&id.into()).await },
    )
    .await;
    path_stays_put(
        p,
        "recipient secret",
        "/api/v1/recipients/",
        "/secret",
        |url, id| async move { client(url).recipients().regenerate_secret(&id.into()).await },
    )
    .await;
    path_stays_put(
        p,
        "FDX account",
        "/api/fdx/5/accounts/",
        "",
        |url, id| async move {
            client(url)
                .connect_with_refresh_token(SecretString::from("refresh"))
                .accounts()
                .get(&id.into())
                .await
        },
    )
    .await;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The shared mechanism under every client's path parameters: any value
    /// stays one segment, and decodes back to itself.
    #[test]
    fn any_path_parameter_stays_one_segment(value in "[/?#% .a-zé€\\\\]{1,12}") {
        let base: url::Url = "https://api.example.com/v1/".parse().unwrap();
        let url = Request::get("/items/{id}/detail").param("id", &value).url(&base);
        if value == "." || value == ".." {
            prop_assert!(url.unwrap_err().is_validation());
        } else {
            let url = url.unwrap();
            prop_assert_eq!(url.query(), None);
            prop_assert_eq!(url.fragment(), None);
            let segments: Vec<&str> = url.path_segments().unwrap().collect();
            prop_assert_eq!(segments.len(), 4);
            prop_assert_eq!(segments[0], "v1");
            prop_assert_eq!(segments[1], "items");
            prop_assert_eq!(segments[3], "detail");
            let decoded = percent_encoding::percent_decode_str(segments[2]).decode_utf8().unwrap();
            prop_assert_eq!(decoded, value.as_str());
        }
    }
}

/// Every client's read, answered with an endless chunked body: the call
/// ends with `ResponseTooLarge`, and the server could push little more than
/// the cap before the client stopped reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_the_size_cap_end_in_a_typed_error() {
    for provider in &PROVIDERS {
        let server = FaultServer::start().await;
        for path in provider.token_paths {
            server.script(path, vec![Reply::json(200, (provider.token_body)())]);
        }
        server.script(provider.read.path, vec![Reply::Endless]);
        let client = (provider.connect)(&server.url());
        let err = client.read().await.expect_err("an endless body");
        assert!(
            matches!(err, Error::ResponseTooLarge { limit } if limit == banking_core::transport::DEFAULT_MAX_RESPONSE_BYTES),
            "{}: {err:?}",
            provider.name
        );
        let pushed = server.streamed();
        assert!(
            pushed < banking_core::transport::DEFAULT_MAX_RESPONSE_BYTES + 16 * 1024 * 1024,
            "{}: the client read {pushed} bytes",
            provider.name
        );
    }
}

/// Every client's read and write, answered with JSON nested a hundred
/// thousand levels deep: arrays, which no answer is, fail with a typed
/// decode error; objects nested under a field the type does not know are
/// skipped or refused the same way. No stack overflow either way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deeply_nested_bodies_end_in_a_decode_error() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}1{}", r#"{"deep":"#.repeat(depth), "}".repeat(depth));
    for provider in &PROVIDERS {
        for (op, endpoint) in [(Op::Read, provider.read), (Op::Write, provider.write)] {
            for (body, must_fail) in [(&nested, true), (&objects, false)] {
                let server = FaultServer::start().await;
                for path in provider.token_paths {
                    server.script(path, vec![Reply::json(200, (provider.token_body)())]);
                }
                server.script(endpoint.path, vec![endpoint.with_body(body)]);
                let client = (provider.connect)(&server.url());
                let result = match op {
                    Op::Read => client.read().await,
                    Op::Write => client.write().await,
                };
                // Linxo's create reads `Location`, not the body.
                if provider.name == "Linxo" && op == Op::Write {
                    assert!(result.is_ok(), "{result:?}");
                    continue;
                }
                assert!(
                    matches!(result, Err(Error::Decode(_))) || (!must_fail && result.is_ok()),
                    "{} {op:?}: {result:?}",
                    provider.name
                );
            }
        }
    }
}
