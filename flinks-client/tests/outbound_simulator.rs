//! The Outbound simulator keeps what partners create and pages FDX lists
//! like the API: `limit` and `offset` (`page.nextOffset`, `totalElements`),
//! `startTime` / `endTime`, over the docs' sample items (the FDX
//! transactions page of the research notes, the schema-built last page,
//! accounts, payment networks and statements fixtures).

use chrono::NaiveDate;
use flinks_client::outbound::fdx::accounts::AccountsRequest;
use flinks_client::outbound::fdx::payment_networks::PaymentNetworksRequest;
use flinks_client::outbound::fdx::statements::StatementsRequest;
use flinks_client::outbound::fdx::transactions::TransactionsRequest;
use flinks_client::outbound::testkit::OutboundSimulator;
use flinks_client::outbound::{
    ConsentCallback, ConsentRequest, CreateRecipient, FdxConnection, ProviderId, RecipientId,
    RegistrationStatus, Scope,
};
use futures::TryStreamExt;
use secrecy::ExposeSecret;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn connected() -> (OutboundSimulator, FdxConnection) {
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

async fn transaction_ids(connection: &FdxConnection, request: TransactionsRequest) -> Vec<String> {
    let transactions: Vec<_> = connection
        .transactions()
        .stream(request)
        .try_collect()
        .await
        .unwrap();
    transactions
        .iter()
        .map(|t| t.transaction.transaction_id.as_ref().unwrap().to_string())
        .collect()
}

async fn pages_read(sim: &OutboundSimulator, path: &str) -> usize {
    sim.server()
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == path)
        .count()
}

#[tokio::test]
async fn a_transactions_stream_yields_every_record_once_for_any_limit() {
    for (limit, pages) in [(Some(1), 2), (Some(2), 1), (Some(5), 1), (None, 1)] {
        let (sim, connection) = connected().await;
        let mut request = TransactionsRequest::new("11");
        if let Some(limit) = limit {
            request = request.limit(limit);
        }
        assert_eq!(
            transaction_ids(&connection, request).await,
            ["1", "2"],
            "limit {limit:?}"
        );
        let read = pages_read(&sim, "/api/fdx/5/accounts/11/transactions").await;
        assert_eq!(read, pages, "limit {limit:?}");
    }
}

#[tokio::test]
async fn a_page_holds_limit_items_and_the_offset_of_the_next() {
    let (_sim, connection) = connected().await;
    let first = connection
        .transactions()
        .list(&TransactionsRequest::new("11").limit(1))
        .await
        .unwrap();
    assert_eq!(first.transactions.len(), 1);
    let page = first.page.as_ref().unwrap();
    assert_eq!(page.total_elements, Some(2));
    let next = first.next_offset().expect("a second page follows");
    let href = first.links.as_ref().unwrap().next.as_ref().unwrap();
    assert!(
        href.href
            .as_deref()
            .unwrap()
            .contains(&format!("offset={next}")),
        "{href:?}"
    );
    let second = connection
        .transactions()
        .list(&TransactionsRequest::new("11").limit(1).offset(next))
        .await
        .unwrap();
    let ids: Vec<_> = second
        .transactions
        .iter()
        .map(|t| t.transaction.transaction_id.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["2"]);
    assert_eq!(second.next_offset(), None);
}

#[tokio::test]
async fn an_offset_the_simulator_did_not_give_is_refused() {
    let (_sim, connection) = connected().await;
    let err = connection
        .transactions()
        .list(&TransactionsRequest::new("11").offset("not-an-offset"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn start_and_end_time_bound_the_posted_day() {
    let (_sim, connection) = connected().await;
    // Transaction 1 was posted on 2020-02-01, transaction 2 on 2020-01-15.
    let after = TransactionsRequest::new("11").start_time(day("2020-01-16"));
    assert_eq!(transaction_ids(&connection, after).await, ["1"]);
    let before = TransactionsRequest::new("11").end_time(day("2020-01-31"));
    assert_eq!(transaction_ids(&connection, before).await, ["2"]);
    let both_days = TransactionsRequest::new("11").between(day("2020-01-15"), day("2020-02-01"));
    assert_eq!(transaction_ids(&connection, both_days).await, ["1", "2"]);
    let page = connection
        .transactions()
        .list(&TransactionsRequest::new("11").between(day("2021-01-01"), day("2021-12-31")))
        .await
        .unwrap();
    assert!(page.transactions.is_empty());
    assert_eq!(page.page.unwrap().total_elements, Some(0));
}

#[tokio::test]
async fn accounts_page_by_limit() {
    let (sim, connection) = connected().await;
    let first = connection
        .accounts()
        .list(&AccountsRequest::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first.accounts.len(), 2);
    assert_eq!(first.page.as_ref().unwrap().total_elements, Some(3));
    let accounts: Vec<_> = connection
        .accounts()
        .stream(AccountsRequest::new().limit(1))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = accounts
        .iter()
        .map(|a| a.account.account_id.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["21", "31", "41"]);
    // One page of two, then three of one.
    assert_eq!(pages_read(&sim, "/api/fdx/5/accounts").await, 4);
}

#[tokio::test]
async fn statements_apply_their_dates_and_payment_networks_page() {
    let (_sim, connection) = connected().await;
    let january = connection
        .statements()
        .list(&StatementsRequest::new("11").between(day("2024-01-01"), day("2024-01-31")))
        .await
        .unwrap();
    assert_eq!(january.statements.len(), 1);
    let february = connection
        .statements()
        .list(&StatementsRequest::new("11").between(day("2024-02-01"), day("2024-02-29")))
        .await
        .unwrap();
    assert!(february.statements.is_empty());

    let networks = connection
        .payment_networks()
        .list(&PaymentNetworksRequest::new("11").limit(1))
        .await
        .unwrap();
    assert_eq!(networks.payment_networks.len(), 1);
    // The sample's page says 5 in all; the simulator holds its one item.
    assert_eq!(networks.page.as_ref().unwrap().total_elements, Some(1));
    assert_eq!(networks.next_offset(), None);
}

#[tokio::test]
async fn a_created_recipient_is_read_changed_and_rotated() {
    let sim = OutboundSimulator::start().await;
    let client = sim.client().unwrap();
    let redirect: url::Url = "https://lender.example/callback".parse().unwrap();
    let created = client
        .recipients()
        .create(&CreateRecipient::new("Lender", [redirect]).country("CA"))
        .await
        .unwrap();
    let id = created.client_id.clone().unwrap();
    let secret = created
        .client_secret
        .as_ref()
        .unwrap()
        .expose_secret()
        .to_owned();

    let read = client.recipients().get(&id).await.unwrap();
    assert_eq!(read.name.as_deref(), Some("Lender"));
    assert_eq!(read.country.as_deref(), Some("CA"));
    assert_eq!(read.redirect_uris, ["https://lender.example/callback"]);
    assert!(read.client_secret.is_none(), "the secret is answered once");

    let moved: url::Url = "https://lender.example/back".parse().unwrap();
    client
        .recipients()
        .update_redirect_uris(&id, &[moved])
        .await
        .unwrap();
    let read = client.recipients().get(&id).await.unwrap();
    assert_eq!(read.redirect_uris, ["https://lender.example/back"]);

    let rotated = client.recipients().regenerate_secret(&id).await.unwrap();
    assert_ne!(rotated.client_secret.expose_secret(), secret);

    let unknown = client
        .recipients()
        .get(&RecipientId::from("dc-unknown"))
        .await
        .unwrap_err();
    assert_eq!(unknown.status(), Some(404));
}

#[tokio::test]
async fn requested_registrations_are_listed_pending_approval_once() {
    let sim = OutboundSimulator::start().await;
    let client = sim.client().unwrap();
    let redirect: url::Url = "https://lender.example/callback".parse().unwrap();
    let recipient = client
        .recipients()
        .create(&CreateRecipient::new("Lender", [redirect]))
        .await
        .unwrap()
        .client_id
        .unwrap();
    assert_eq!(client.registrations().list().await.unwrap().len(), 2);
    for _ in 0..2 {
        client
            .registrations()
            .request(std::slice::from_ref(&recipient), &[ProviderId(1000)])
            .await
            .unwrap();
    }
    let listed = client.registrations().list().await.unwrap();
    assert_eq!(listed.len(), 3, "the sample's two, then one per pair");
    let new = &listed[2];
    assert_eq!(new.client_id.as_ref(), Some(&recipient));
    assert_eq!(new.client_name.as_deref(), Some("Lender"));
    assert_eq!(new.provider_id, Some(ProviderId(1000)));
    assert_eq!(new.provider_name.as_deref(), Some("Flinks Capital"));
    assert_eq!(
        new.registration_status,
        Some(RegistrationStatus::PendingApproval)
    );
    assert!(new.requested_on.is_some());
}
