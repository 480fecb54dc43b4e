//! The simulator's flows, as an integrator's tests would use them.

use banking_core::money::Currency;
use finqlink_client::accounts::AccountsListRequest;
use finqlink_client::consents::{
    ConsentCreateRequest, ConsentRedirectRequest, ConsentRequest, ConsentScope, ConsentStatus,
};
use finqlink_client::jobs::{JobCreateRequest, JobGetRequest, JobStatus, WaitOptions};
use finqlink_client::links::{
    LinkCreateRequest, LinkGetRequest, LinkStatus, LinksListRequest, PaymentIntent,
};
use finqlink_client::pagination::Pagination;
use finqlink_client::providers::ProvidersListRequest;
use finqlink_client::testkit::FinqLinkSimulator;
use finqlink_client::transactions::TransactionsListRequest;
use finqlink_client::{
    ConsentId, Credentials, Environment, FinqLinkClient, FinqLinkErrorExt, parse_amount,
};
use futures::TryStreamExt;
use secrecy::SecretString;
use std::time::Duration;

fn fast() -> WaitOptions {
    WaitOptions::new(Duration::from_millis(1), Duration::from_secs(5))
}

pub(crate) async fn active_consent(client: &FinqLinkClient, scope: ConsentScope) -> ConsentId {
    let consent = client
        .consents()
        .create(&ConsentCreateRequest::new().scope(scope))
        .await
        .unwrap();
    let id = consent.id.unwrap();
    let mut seen = Vec::new();
    loop {
        let status = client
            .consents()
            .get(&ConsentRequest::new(id))
            .await
            .unwrap()
            .status
            .unwrap();
        seen.push(status.clone());
        if status.is_usable() {
            break;
        }
        assert!(seen.len() < 20, "consent never became active: {seen:?}");
    }
    use ConsentStatus::*;
    assert_eq!(
        seen,
        [
            Created,
            Started,
            Requested,
            ScaUrlRetrieved,
            AwaitingAuthz,
            Authorized,
            Active
        ]
    );
    id
}

#[tokio::test]
async fn a_payment_link_goes_from_created_to_completed() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let intent = PaymentIntent::new(
        parse_amount("49.90").unwrap(),
        Currency::RON,
        "RO10RZBR0000069999999970",
        "Shop",
    );
    let link = client
        .links()
        .create(&LinkCreateRequest::new(intent))
        .await
        .unwrap();
    let get = LinkGetRequest::new(link.id.unwrap());
    let mut statuses = Vec::new();
    loop {
        let status = client.links().get(&get).await.unwrap().status.unwrap();
        statuses.push(status.clone());
        if status.is_paid() {
            break;
        }
    }
    use LinkStatus::*;
    assert_eq!(
        statuses,
        [
            Created,
            Started,
            Requested,
            IntentAccepted,
            AwaitingAuthz,
            Completed
        ]
    );
}

#[tokio::test]
async fn links_are_paged_newest_first() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let mut created = Vec::new();
    for cents in 1..=5 {
        let intent = PaymentIntent::new(
            rust_decimal::Decimal::new(cents, 2),
            Currency::EUR,
            "RO10RZBR0000069999999970",
            "Shop",
        );
        created.push(
            client
                .links()
                .create(&LinkCreateRequest::new(intent))
                .await
                .unwrap()
                .id
                .unwrap(),
        );
    }
    let first = client
        .links()
        .list(&LinksListRequest::new().pagination(Pagination::new().limit(2)))
        .await
        .unwrap();
    assert_eq!(first.links.len(), 2);
    assert_eq!(first.pagination.as_ref().unwrap().more, Some(true));
    let all: Vec<_> = client
        .links()
        .stream(LinksListRequest::new().pagination(Pagination::new().limit(2)))
        .map_ok(|l| l.id.unwrap())
        .try_collect()
        .await
        .unwrap();
    created.reverse();
    assert_eq!(all, created);
}

#[tokio::test]
async fn data_needs_an_active_consent_and_jobs_progress_with_a_cooldown() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();

    let pending = client
        .consents()
        .create(&ConsentCreateRequest::new())
        .await
        .unwrap()
        .id
        .unwrap();
    let err = client
        .transactions()
        .list(&TransactionsListRequest::new(pending))
        .await
        .unwrap_err();
    assert!(err.is_consent_not_active(), "{err}");
    let err = client
        .jobs()
        .create(&JobCreateRequest::new(pending))
        .await
        .unwrap_err();
    assert!(err.is_consent_not_active(), "{err}");

    let consent = active_consent(&client, ConsentScope::Full).await;
    let accounts = client
        .accounts()
        .list(&AccountsListRequest::new(consent))
        .await
        .unwrap();
    assert_eq!(accounts.accounts.len(), 1);
    let transactions: Vec<_> = client
        .transactions()
        .stream(TransactionsListRequest::new(consent))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(transactions.len(), 3);

    let job = client
        .jobs()
        .create(&JobCreateRequest::new(consent))
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::JobStarted);
    let err = client
        .jobs()
        .create(&JobCreateRequest::new(consent))
        .await
        .unwrap_err();
    assert!(err.is_cooldown(), "{err}");
    let get = JobGetRequest::new(job.job_id.clone(), consent);
    let mut statuses = Vec::new();
    loop {
        let status = client.jobs().get(&get).await.unwrap().status;
        statuses.push(status.clone());
        if status.is_terminal() {
            break;
        }
    }
    use JobStatus::*;
    assert_eq!(
        statuses,
        [
            JobStarted,
            AccountsReady,
            BalancesReady,
            TransactionsFetching,
            JobCompleted
        ]
    );

    // The previous job finished: a new one may start, and wait() follows it.
    let done = client
        .jobs()
        .wait(&JobCreateRequest::new(consent), fast())
        .await
        .unwrap();
    assert_eq!(done.status, JobCompleted);

    let revoked = client
        .consents()
        .revoke(&ConsentRequest::new(consent))
        .await
        .unwrap();
    assert_eq!(revoked.status, Some(ConsentStatus::Revoked));
    let err = client.jobs().get(&get).await.unwrap_err();
    assert!(err.is_consent_not_active(), "{err}");
}

#[tokio::test]
async fn accounts_and_balances_jobs_skip_transactions() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let consent = active_consent(&client, ConsentScope::AccountsAndBalances).await;
    let job = client
        .jobs()
        .create(&JobCreateRequest::new(consent))
        .await
        .unwrap();
    let get = job.get_request().unwrap();
    let mut statuses = Vec::new();
    loop {
        let status = client.jobs().get(&get).await.unwrap().status;
        statuses.push(status.clone());
        if status.is_terminal() {
            break;
        }
    }
    use JobStatus::*;
    assert_eq!(
        statuses,
        [JobStarted, AccountsReady, BalancesReady, JobCompleted]
    );
}

#[tokio::test]
async fn the_redirect_flow_activates_a_consent() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let consent = client
        .consents()
        .create(&ConsentCreateRequest::new())
        .await
        .unwrap();
    let state = consent.web_id.unwrap();
    let answer = client
        .consents()
        .redirect(&ConsentRedirectRequest::new(format!("code=xyz&state={state}")).wait(true))
        .await
        .unwrap();
    assert_eq!(answer.status, Some(ConsentStatus::Active));
}

#[tokio::test]
async fn wrong_credentials_get_a_401_and_providers_are_served() {
    let sim = FinqLinkSimulator::start().await;
    let providers = sim
        .client()
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();
    assert_eq!(providers.providers.len(), 2);
    let stranger = FinqLinkClient::builder()
        .environment(Environment::Sandbox)
        .host(sim.uri().parse().unwrap())
        .credentials(Credentials::test_mode(
            "someone",
            SecretString::from("else"),
        ))
        .build()
        .unwrap();
    let err = stranger
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
}

/// The ids of the transactions `req` streams.
async fn streamed(client: &FinqLinkClient, req: TransactionsListRequest) -> Vec<String> {
    client
        .transactions()
        .stream(req)
        .map_ok(|t| t.id.expect("fixture transactions have ids").to_string())
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn transaction_filters_leave_out_what_they_exclude() {
    use finqlink_client::transactions::{CreditDebitIndicator, TransactionStatus};
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let consent = active_consent(&client, ConsentScope::Full).await;
    let all = || TransactionsListRequest::new(consent);
    // tx-1003: 100.50 credit booked 1 May; tx-1002: 12345678901234567.89
    // debit pending 30 April; tx-1001: 0.05 debit booked 29 April.
    assert_eq!(
        streamed(&client, all().status(TransactionStatus::Booked)).await,
        ["tx-1003", "tx-1001"]
    );
    assert_eq!(
        streamed(
            &client,
            all().credit_debit_indicator(CreditDebitIndicator::Credit)
        )
        .await,
        ["tx-1003"]
    );
    let small = all().amount_max("100.50".parse().unwrap());
    assert_eq!(streamed(&client, small).await, ["tx-1003", "tx-1001"]);
    let big = all().amount_min("100.51".parse().unwrap());
    assert_eq!(streamed(&client, big).await, ["tx-1002"]);
    let april = all()
        .booking_date_from("2024-04-30".parse().unwrap())
        .booking_date_to("2024-04-30".parse().unwrap());
    assert_eq!(streamed(&client, april).await, ["tx-1002"]);
    assert!(
        streamed(&client, all().currency(Currency::EUR))
            .await
            .is_empty()
    );
    assert!(
        streamed(&client, all().account_id("acc-other"))
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn limit_cuts_pages_and_a_stream_yields_each_item_once() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let consent = active_consent(&client, ConsentScope::Full).await;
    let one = client
        .transactions()
        .list(&TransactionsListRequest::new(consent).pagination(Pagination::new().limit(1)))
        .await
        .unwrap();
    assert_eq!(one.transactions.len(), 1);
    assert_eq!(one.pagination.as_ref().unwrap().more, Some(true));
    for limit in 1..=4 {
        let req = TransactionsListRequest::new(consent).pagination(Pagination::new().limit(limit));
        assert_eq!(
            streamed(&client, req).await,
            ["tx-1003", "tx-1002", "tx-1001"],
            "limit {limit}"
        );
    }
}

#[tokio::test]
async fn created_links_are_listed_with_their_status_and_filtered_by_it() {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let intent = || {
        PaymentIntent::new(
            rust_decimal::Decimal::new(1999, 2),
            Currency::RON,
            "RO10RZBR0000069999999970",
            "Shop",
        )
    };
    let paid = client
        .links()
        .create(&LinkCreateRequest::new(intent()))
        .await
        .unwrap()
        .id
        .unwrap();
    let waiting = client
        .links()
        .create(&LinkCreateRequest::new(intent()))
        .await
        .unwrap()
        .id
        .unwrap();
    // The payer goes through the first link only.
    for _ in 0..6 {
        client
            .links()
            .get(&LinkGetRequest::new(paid))
            .await
            .unwrap();
    }
    let ids = |list: finqlink_client::links::LinkList| {
        list.links
            .into_iter()
            .map(|l| l.id.unwrap())
            .collect::<Vec<_>>()
    };
    let completed = LinksListRequest::new().status(LinkStatus::Completed);
    assert_eq!(ids(client.links().list(&completed).await.unwrap()), [paid]);
    let created = LinksListRequest::new().status(LinkStatus::Created);
    assert_eq!(ids(client.links().list(&created).await.unwrap()), [waiting]);
    let later = LinksListRequest::new().inserted_at_from(chrono::Utc::now());
    assert!(ids(client.links().list(&later).await.unwrap()).is_empty());
}
