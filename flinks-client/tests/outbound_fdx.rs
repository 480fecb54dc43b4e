//! FDX data access: customers, accounts, transactions (paging), payment
//! networks, statements, typed FDX errors.

use std::time::{Duration, Instant};

use banking_core::transport::CallOptions;
use chrono::{NaiveDate, TimeZone, Utc};
use flinks_client::outbound::fdx::FdxError;
use flinks_client::outbound::fdx::accounts::{
    AccountCategory, AccountId, AccountKind, AccountStatus, AccountType, AccountsRequest,
    BalanceType, InterestRateType, ResultType,
};
use flinks_client::outbound::fdx::payment_networks::{
    IdentifierType, PaymentNetworkType, PaymentNetworksRequest,
};
use flinks_client::outbound::fdx::statements::{
    StatementContent, StatementFormat, StatementId, StatementStatus, StatementsRequest,
};
use flinks_client::outbound::fdx::transactions::{
    DebitCreditMemo, TransactionKind, TransactionStatus, TransactionsRequest,
};
use flinks_client::outbound::{FdxConnection, OutboundErrorExt};
use futures::TryStreamExt;
use rust_decimal::Decimal;
use secrecy::SecretString;
use wiremock::matchers::{header, query_param, query_param_is_missing};
use wiremock::{MockServer, ResponseTemplate};

use crate::common::{fixture, fixture_response};
use crate::outbound_common::{bearer, client, on, refresh_grant, server};

const USER_TOKEN: &str = "user-access-token";

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A server whose refresh grant yields `USER_TOKEN`, and a connection on it.
async fn connection() -> (MockServer, FdxConnection) {
    let server = server().await;
    refresh_grant("rt")
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": USER_TOKEN,
            "expires_in": 3600,
        })))
        .mount(&server)
        .await;
    let connection = client(&server).connect_with_refresh_token(SecretString::from("rt"));
    (server, connection)
}

#[tokio::test]
async fn customers_current_decodes_the_profile() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/customers/current")
        .and(bearer(USER_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_customers_current_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let customer = connection.customers().current().await.unwrap();
    assert_eq!(
        customer.customer_id.unwrap().as_str(),
        "bbc6eb83-60fa-4fb0-a6ea-9e2bd54e1071"
    );
    assert_eq!(customer.date_of_birth, NaiveDate::from_ymd_opt(1985, 7, 4));
    assert_eq!(
        customer.addresses[0].postal_code.as_deref(),
        Some("M5J 2V5")
    );
    assert_eq!(customer.telephones[0].number.as_deref(), Some("9051234567"));
    assert_eq!(customer.email, ["jane.doe@example.com"]);
}

#[tokio::test]
async fn customer_not_found_is_a_typed_fdx_error() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/customers/current")
        .respond_with(fixture_response(
            404,
            "outbound_seed_fdx_customers_not_found.json",
        ))
        .mount(&server)
        .await;
    let error = connection.customers().current().await.unwrap_err();
    assert!(error.is_not_found());
    let fdx = error.fdx_error().unwrap();
    assert_eq!(fdx.code, Some(FdxError::CUSTOMER_NOT_FOUND));
    assert_eq!(fdx.message.as_deref(), Some("Customer not found"));
    assert_eq!(
        fdx.debug_message.as_deref(),
        Some("The provided customer was not found")
    );
    assert_eq!(error.provider_code(), Some("601"));
}

#[tokio::test]
async fn customer_5xx_body_is_typed_too() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/customers/current")
        .respond_with(fixture_response(
            500,
            "outbound_seed_fdx_customers_5xx.json",
        ))
        .mount(&server)
        .await;
    let error = connection.customers().current().await.unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.fdx_error().unwrap().code, Some(500));
}

#[tokio::test]
async fn accounts_lightweight_page_decodes_the_loc_sample() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts")
        .and(query_param("resultType", "lightweight"))
        .and(query_param("limit", "1"))
        .and(query_param_is_missing("offset"))
        .and(bearer(USER_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_seed_fdx_accounts_paging_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let request = AccountsRequest::new()
        .result_type(ResultType::Lightweight)
        .limit(1);
    let page = connection.accounts().list(&request).await.unwrap();
    assert_eq!(page.page.as_ref().unwrap().total_elements, Some(6));
    // The sample's empty nextOffset and `offset=` href mean "no next page".
    assert_eq!(page.next_offset(), None);
    let account = &page.accounts[0];
    assert_eq!(account.kind, AccountKind::LineOfCredit);
    let fields = &account.account;
    assert_eq!(fields.account_id, Some(AccountId::new("11")));
    assert_eq!(fields.account_type, Some(AccountType::CreditCard));
    assert_eq!(fields.account_number.as_deref(), Some("4200240024244242"));
    assert_eq!(
        fields.product_name.as_deref(),
        Some("Product Name Credit Card")
    );
    assert_eq!(fields.nickname.as_deref(), Some("Credit Card"));
    assert_eq!(fields.status, Some(AccountStatus::Open));
    assert_eq!(
        fields
            .currency
            .as_ref()
            .unwrap()
            .currency_code
            .unwrap()
            .code(),
        "CAD"
    );
}

#[tokio::test]
async fn accounts_details_keep_every_decimal_exact() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts")
        .and(query_param("resultType", "details"))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_accounts_deposit_details_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let page = connection
        .accounts()
        .list(&AccountsRequest::new().result_type(ResultType::Details))
        .await
        .unwrap();
    let account = &page.accounts[0];
    assert_eq!(account.kind, AccountKind::Deposit);
    let a = &account.account;
    assert_eq!(a.account_category, Some(AccountCategory::Deposit));
    assert_eq!(a.account_type, Some(AccountType::Checking));
    assert_eq!(a.balance_type, Some(BalanceType::Asset));
    assert_eq!(a.interest_rate_type, Some(InterestRateType::Fixed));
    assert_eq!(a.current_balance, Some(dec("5000.5")));
    assert_eq!(a.available_balance.unwrap().to_string(), "4500.0");
    assert_eq!(a.interest_rate, Some(dec("1.5")));
    assert_eq!(a.annual_percentage_yield, Some(dec("1.25")));
    assert_eq!(a.interest_ytd.unwrap().to_string(), "25.0");
    assert_eq!(
        a.currency
            .as_ref()
            .unwrap()
            .currency_rate
            .unwrap()
            .to_string(),
        "1.0"
    );
    assert_eq!(a.last_activity_date, NaiveDate::from_ymd_opt(2024, 1, 15));
    assert_eq!(
        a.balance_as_of,
        Some(Utc.with_ymd_and_hms(2024, 1, 15, 10, 30, 0).unwrap())
    );
    assert_eq!(a.transfer_in, Some(true));
    assert_eq!(a.transactions.len(), 1);
    assert_eq!(a.transactions[0].amount.unwrap().to_string(), "1500.0");
    assert_eq!(a.transactions[0].payee.as_deref(), Some("Employer Inc."));
    assert_eq!(page.next_offset().as_deref(), Some("string"));
}

#[tokio::test]
async fn loan_investment_and_unknown_account_kinds_decode() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts")
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_accounts_loan_investment_200.json",
        ))
        .mount(&server)
        .await;
    let page = connection
        .accounts()
        .list(&AccountsRequest::new())
        .await
        .unwrap();
    let [loan, investment, annuity] = &page.accounts[..] else {
        panic!("three accounts expected: {page:?}");
    };
    assert_eq!(loan.kind, AccountKind::Loan);
    assert_eq!(loan.account.principal_balance, Some(dec("245000.75")));
    assert_eq!(
        loan.account.original_principal.unwrap().to_string(),
        "300000.00"
    );
    assert_eq!(
        loan.account.next_payment_amount.unwrap().to_string(),
        "1725.10"
    );
    assert_eq!(loan.account.loan_term, Some(300));
    assert_eq!(loan.account.balance_type, Some(BalanceType::Liability));
    assert_eq!(investment.kind, AccountKind::Investment);
    assert_eq!(
        investment.account.current_value.unwrap().to_string(),
        "12345678901234567.89"
    );
    assert_eq!(investment.account.account_type, Some(AccountType::Tfsa));
    assert_eq!(annuity.kind, AccountKind::Unknown("annuityAccount".into()));
    assert_eq!(
        annuity.account.account_category,
        Some(AccountCategory::Annuity)
    );
    // Re-encoding keeps the wrapping key and the exact digits.
    let json = serde_json::to_string(&page.accounts).unwrap();
    assert!(
        json.contains(r#"{"annuityAccount":{"accountId":"41""#),
        "{json}"
    );
    assert!(json.contains("12345678901234567.89"), "{json}");
}

#[tokio::test]
async fn account_details_by_id() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11")
        .and(bearer(USER_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_account_details_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let account = connection
        .accounts()
        .get(&AccountId::new("11"))
        .await
        .unwrap();
    assert_eq!(account.kind, AccountKind::Deposit);
    assert_eq!(account.account.account_type, Some(AccountType::Savings));
    assert_eq!(
        account.account.current_balance.unwrap().to_string(),
        "5105.50"
    );
    assert_eq!(
        account.account.routing_transit_number.as_deref(),
        Some("12347")
    );
}

#[tokio::test]
async fn transactions_send_the_filters_and_decode_the_sample() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param("startTime", "2020-01-01"))
        .and(query_param("endTime", "2020-02-01"))
        .and(query_param("limit", "1"))
        .and(query_param("offset", "start-here"))
        .and(bearer(USER_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_research_fdx_transactions_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let request = TransactionsRequest::new("11")
        .between(
            NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2020, 2, 1).unwrap(),
        )
        .limit(1)
        .offset("start-here");
    let page = connection.transactions().list(&request).await.unwrap();
    assert_eq!(
        page.next_offset().as_deref(),
        Some("97fcd39f-6e32-470b-a107-d4cb1080abcc")
    );
    assert_eq!(page.page.as_ref().unwrap().total_elements, Some(32));
    let tx = &page.transactions[0];
    assert_eq!(tx.kind, TransactionKind::LineOfCredit);
    let t = &tx.transaction;
    assert_eq!(t.account_id, Some(AccountId::new("11")));
    assert_eq!(t.transaction_id.as_ref().unwrap().as_str(), "1");
    assert_eq!(
        t.posted_timestamp,
        Some(Utc.with_ymd_and_hms(2020, 2, 1, 0, 0, 0).unwrap())
    );
    assert_eq!(t.description.as_deref(), Some("Transaction TrxLoc@Cr0.01"));
    assert_eq!(t.debit_credit_memo, Some(DebitCreditMemo::Credit));
    assert_eq!(t.amount.unwrap().to_string(), "1.1");
    assert_eq!(t.status, Some(TransactionStatus::Posted));
}

#[tokio::test]
async fn transactions_stream_follows_next_offset_to_the_last_page() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param("limit", "1"))
        .and(query_param_is_missing("offset"))
        .respond_with(fixture_response(
            200,
            "outbound_research_fdx_transactions_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param("limit", "1"))
        .and(query_param(
            "offset",
            "97fcd39f-6e32-470b-a107-d4cb1080abcc",
        ))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_transactions_last_page_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = connection
        .transactions()
        .stream(TransactionsRequest::new("11").limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].transaction.transaction_id.as_ref().unwrap().as_str(),
        "1"
    );
    assert_eq!(all[1].kind, TransactionKind::Deposit);
    assert_eq!(all[1].transaction.amount.unwrap().to_string(), "1000.40");
    assert_eq!(
        all[1].transaction.debit_credit_memo,
        Some(DebitCreditMemo::Debit)
    );
    assert_eq!(all[1].transaction.status, Some(TransactionStatus::Pending));
}

#[tokio::test]
async fn transactions_stream_follows_the_next_href_when_next_offset_is_absent() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param_is_missing("offset"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "links": {"next": {"href": "https://elsewhere.example/api/fdx/5/accounts/11/transactions?offset=from-href"}},
            "transactions": [{"depositTransaction": {"transactionId": "a", "amount": 1}}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param("offset", "from-href"))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_transactions_last_page_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = connection
        .transactions()
        .stream(TransactionsRequest::new("11"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn transactions_stream_stops_on_the_first_error() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param_is_missing("offset"))
        .respond_with(fixture_response(
            200,
            "outbound_research_fdx_transactions_200.json",
        ))
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param(
            "offset",
            "97fcd39f-6e32-470b-a107-d4cb1080abcc",
        ))
        .respond_with(fixture_response(
            400,
            "outbound_seed_fdx_transactions_4xx.json",
        ))
        // Once more with a fresh token (a 400 may be an expired token).
        .expect(2)
        .mount(&server)
        .await;
    let results: Vec<_> = futures::StreamExt::collect(
        connection
            .transactions()
            .stream(TransactionsRequest::new("11")),
    )
    .await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let error = results[1].as_ref().unwrap_err();
    assert_eq!(
        error.fdx_error().unwrap().code,
        Some(FdxError::INVALID_DATE_RANGE)
    );
}

#[tokio::test]
async fn transactions_errors_are_typed() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .respond_with(fixture_response(
            400,
            "outbound_seed_fdx_transactions_4xx.json",
        ))
        .mount(&server)
        .await;
    let error = connection
        .transactions()
        .list(&TransactionsRequest::new("11"))
        .await
        .unwrap_err();
    let fdx = error.fdx_error().unwrap();
    assert_eq!(fdx.code, Some(702));
    assert_eq!(fdx.message.as_deref(), Some("Invalid start or end date"));
    assert_eq!(fdx.debug_message.as_deref(), Some("Start time is invalid"));
    let server_error: FdxError =
        serde_json::from_str(&fixture("outbound_seed_fdx_transactions_5xx.json")).unwrap();
    assert_eq!(
        server_error.debug_message.as_deref(),
        Some("An unexpected error occured")
    );
}

#[tokio::test]
async fn transactions_reject_bad_input_before_sending() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let reversed = TransactionsRequest::new("11").between(
        NaiveDate::from_ymd_opt(2020, 2, 1).unwrap(),
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
    );
    assert!(
        connection
            .transactions()
            .list(&reversed)
            .await
            .unwrap_err()
            .is_validation()
    );
    let zero = TransactionsRequest::new("11").limit(0);
    assert!(
        connection
            .transactions()
            .list(&zero)
            .await
            .unwrap_err()
            .is_validation()
    );
}

#[tokio::test]
async fn payment_networks_decode_the_seed_sample() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/payment-networks")
        .and(query_param("limit", "1"))
        .and(bearer(USER_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_seed_fdx_payment_networks_first_page_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let page = connection
        .payment_networks()
        .list(&PaymentNetworksRequest::new("11").limit(1))
        .await
        .unwrap();
    assert_eq!(
        page.next_offset().as_deref(),
        Some("806801cd-999a-461b-9d08-5fd95d0e3300")
    );
    assert_eq!(page.page.as_ref().unwrap().total_elements, Some(5));
    let network = &page.payment_networks[0];
    assert_eq!(network.bank_id.as_deref(), Some("string"));
    assert_eq!(network.identifier.as_deref(), Some("string"));
    assert_eq!(network.identifier_type, Some(IdentifierType::AccountNumber));
    assert_eq!(network.network_type, Some(PaymentNetworkType::UsAch));
    assert_eq!(
        (network.transfer_in, network.transfer_out),
        (Some(true), Some(true))
    );
}

#[tokio::test]
async fn statements_list_and_download() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/statements")
        .and(bearer(USER_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_statements_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts/11/statements/st-2024-01")
        .and(header("accept", "application/pdf"))
        .and(bearer(USER_TOKEN))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7 fake".to_vec(), "application/pdf"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = connection
        .statements()
        .list(&StatementsRequest::new("11"))
        .await
        .unwrap();
    let statement = &page.statements[0];
    assert_eq!(statement.status, Some(StatementStatus::Available));
    assert_eq!(
        statement.statement_date,
        NaiveDate::from_ymd_opt(2024, 1, 31)
    );
    assert_eq!(statement.links[0].types, ["application/pdf"]);
    let content = connection
        .statements()
        .download(
            &AccountId::new("11"),
            statement.statement_id.as_ref().unwrap(),
            StatementFormat::Pdf,
        )
        .await
        .unwrap();
    match content {
        StatementContent::File {
            content_type,
            bytes,
        } => {
            assert_eq!(content_type.as_deref(), Some("application/pdf"));
            assert_eq!(bytes, b"%PDF-1.7 fake");
        }
        other => panic!("expected a file, got {other:?}"),
    }
}

#[tokio::test]
async fn statement_download_reports_redirects_and_processing() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/statements/moved")
        .and(header("accept", "image/png"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", "https://files.example/st.png"),
        )
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts/11/statements/busy")
        .respond_with(fixture_response(
            400,
            "outbound_schema_built_fdx_statement_processing_400.json",
        ))
        .mount(&server)
        .await;
    let moved = connection
        .statements()
        .download(
            &AccountId::new("11"),
            &StatementId::new("moved"),
            StatementFormat::Png,
        )
        .await
        .unwrap();
    assert_eq!(
        moved,
        StatementContent::Redirect("https://files.example/st.png".into())
    );
    let error = connection
        .statements()
        .download(
            &AccountId::new("11"),
            &StatementId::new("busy"),
            StatementFormat::Pdf,
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.fdx_error().unwrap().code,
        Some(FdxError::STATEMENT_PROCESSING)
    );
}

/// An FDX server that invents pages: page `n` (after the offset `o<n-1>`)
/// holds transaction `t<n>` and points to the offset `next(n)`, and every
/// page reports `totalElements: total`. Bodies are built from the FDX
/// transactions schema.
struct Invents {
    next: fn(u32) -> u32,
    total: u64,
}

impl wiremock::Respond for Invents {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let page = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "offset")
            .map_or(0, |(_, v)| v[1..].parse::<u32>().unwrap() + 1);
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "page": {"nextOffset": format!("o{}", (self.next)(page)), "totalElements": self.total},
            "transactions": [{"depositTransaction": {"transactionId": format!("t{page}"), "amount": 1}}]
        }))
    }
}

async fn stream_against(
    server: &MockServer,
    connection: &FdxConnection,
    invents: Invents,
    requests: u64,
) -> (usize, banking_core::pagination::PaginationError) {
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .respond_with(invents)
        .expect(requests)
        .mount(server)
        .await;
    let stream = connection
        .transactions()
        .stream(TransactionsRequest::new("11"));
    let results: Vec<_> = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        futures::StreamExt::collect::<Vec<_>>(stream),
    )
    .await
    .expect("the stream ends");
    match results.last() {
        Some(Err(banking_core::Error::Pagination(error))) => (results.len() - 1, error.clone()),
        other => panic!("expected a pagination error, got {other:?}"),
    }
}

#[tokio::test]
async fn transactions_stream_ends_when_the_offsets_go_round() {
    let (server, connection) = connection().await;
    // The first page points to o0, the second to o1, the third back to o0.
    let invents = Invents {
        next: |page| if page < 2 { page } else { 0 },
        total: 100,
    };
    let (items, error) = stream_against(&server, &connection, invents, 3).await;
    assert_eq!(items, 3);
    assert_eq!(
        error,
        banking_core::pagination::PaginationError::CursorCycle {
            page: 3,
            first_seen: 2
        }
    );
}

#[tokio::test]
async fn transactions_stream_ends_beyond_the_server_total() {
    let (server, connection) = connection().await;
    // New offsets and items forever, but `totalElements: 2`.
    let invents = Invents {
        next: |page| page,
        total: 2,
    };
    let (items, error) = stream_against(&server, &connection, invents, 3).await;
    assert_eq!(items, 2);
    assert_eq!(
        error,
        banking_core::pagination::PaginationError::BeyondTotal {
            page: 3,
            items: 3,
            total: 2
        }
    );
}

// Per-call options (`with_options`) on an FDX handle. Pages are the
// fixtures of `transactions_stream_follows_next_offset_to_the_last_page`.

#[tokio::test]
async fn with_options_headers_reach_every_page_of_a_stream() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param_is_missing("offset"))
        .and(header("x-correlation-id", "corr-fdx"))
        .respond_with(fixture_response(
            200,
            "outbound_research_fdx_transactions_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts/11/transactions")
        .and(query_param(
            "offset",
            "97fcd39f-6e32-470b-a107-d4cb1080abcc",
        ))
        .and(header("x-correlation-id", "corr-fdx"))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_transactions_last_page_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = connection
        .transactions()
        .with_options(CallOptions::new().header("x-correlation-id", "corr-fdx"))
        .stream(TransactionsRequest::new("11").limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn with_options_headers_reach_a_plain_call() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/customers/current")
        .and(header("x-correlation-id", "corr-fdx"))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_customers_current_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    connection
        .customers()
        .with_options(CallOptions::new().header("x-correlation-id", "corr-fdx"))
        .current()
        .await
        .unwrap();
}

#[tokio::test]
async fn with_options_timeout_ends_a_call_on_a_hanging_server() {
    let (server, connection) = connection().await;
    on("GET", "/api/fdx/5/customers/current")
        .respond_with(
            fixture_response(200, "outbound_schema_built_fdx_customers_current_200.json")
                .set_delay(Duration::from_secs(10)),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = connection
        .customers()
        .with_options(CallOptions::new().timeout(Duration::from_millis(200)))
        .current()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn with_options_idempotency_key_is_refused_before_anything_is_sent() {
    let (server, connection) = connection().await;
    let err = connection
        .accounts()
        .with_options(CallOptions::new().idempotency_key("k-1"))
        .get(&AccountId::new("11"))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}
