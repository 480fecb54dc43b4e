//! No client-side rule is stricter than the FinqLink docs: requests they
//! allow reach the server, and the server decides.

use std::time::Duration;

use banking_core::money::Currency;
use finqlink_client::accounts::AccountsListRequest;
use finqlink_client::consents::ConsentCreateRequest;
use finqlink_client::jobs::JobGetRequest;
use finqlink_client::links::{LinkCreateRequest, PaymentIntent};
use finqlink_client::pagination::Pagination;
use finqlink_client::transactions::TransactionsListRequest;
use rust_decimal::Decimal;

use crate::support::*;

#[tokio::test]
async fn requests_the_docs_allow_reach_the_server() {
    let server = server().await;
    let answer = |endpoint: &'static str, fixture: &'static str| {
        post(endpoint)
            .respond_with(json_response(fixture))
            .expect(1)
            .named(endpoint)
    };
    answer("/v2/links/create", "schema_built_links_create_200.json")
        .mount(&server)
        .await;
    answer(
        "/v2/ais/consents/create",
        "schema_built_consents_create_200.json",
    )
    .mount(&server)
    .await;
    answer(
        "/v2/ais/transactions/list",
        "schema_built_transactions_list_page2_200.json",
    )
    .mount(&server)
    .await;
    answer(
        "/v2/ais/accounts/list",
        "schema_built_accounts_list_200.json",
    )
    .mount(&server)
    .await;
    answer("/v2/ais/jobs/get", "schema_built_jobs_get_200.json")
        .mount(&server)
        .await;
    let client = client(&server);

    // No documented length or character rules for an intent's texts.
    let intent = PaymentIntent::new(
        Decimal::new(10050, 2),
        Currency::RON,
        "RO10RZBR0000069999999970",
        "N".repeat(200),
    )
    .remittance_info("r".repeat(300))
    .psu_id("");
    client
        .links()
        .create(&LinkCreateRequest::new(intent))
        .await
        .unwrap();
    // The docs give maxima only for the consent timings.
    client
        .consents()
        .create(
            &ConsentCreateRequest::new()
                .expires_in(Duration::ZERO)
                .consent_validity_days(0),
        )
        .await
        .unwrap();
    // Signed bounds, and no documented page-size range on the AIS lists.
    client
        .transactions()
        .list(
            &TransactionsListRequest::new(consent_id())
                .amount_min(Decimal::new(-500, 0))
                .pagination(Pagination::new().limit(1000)),
        )
        .await
        .unwrap();
    // Account type values are not documented.
    client
        .accounts()
        .list(&AccountsListRequest::new(consent_id()).account_type(""))
        .await
        .unwrap();
    // `job_id` has no documented format.
    client
        .jobs()
        .get(&JobGetRequest::new("x".repeat(200).into(), consent_id()))
        .await
        .unwrap();
}
