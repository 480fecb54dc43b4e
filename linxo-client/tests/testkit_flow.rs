//! The simulator plays the Linxo flows integrators test against.

use futures::TryStreamExt;
use linxo_client::testkit::LinxoSimulator;
use linxo_client::{
    AccountsQuery, ConnectionId, ConnectionStatus, EventName, LinxoErrorCode, LinxoErrorExt,
    NewUser, SyncType, TransactionsQuery, WidgetFlow, WidgetParams,
};
use secrecy::SecretString;

#[tokio::test]
async fn widget_then_sync_then_data() {
    let sim = LinxoSimulator::start().await;
    let client = sim.client();
    let user_id = client
        .users()
        .create(&NewUser::new(
            LinxoSimulator::USER_EMAIL,
            SecretString::from(LinxoSimulator::USER_PASSWORD),
        ))
        .await
        .unwrap();
    assert_eq!(user_id.as_str(), LinxoSimulator::USER_ID);

    let user = sim.user_client();
    let session = user.widget_sessions().create().await.unwrap();
    assert_eq!(session.session_id.as_str(), LinxoSimulator::SESSION_ID);
    let url = user
        .widget_sessions()
        .url(&session, WidgetFlow::AddConnection, &WidgetParams::new())
        .unwrap();
    assert!(url.as_str().starts_with(&sim.uri()), "{url}");
    assert_eq!(
        url.query(),
        Some(format!("session_id={}", LinxoSimulator::SESSION_ID).as_str())
    );

    let id = ConnectionId::from(LinxoSimulator::CONNECTION_ID);
    let queue = user.queues().subscribe().await.unwrap();
    assert!(user.queues().poll(&queue).await.unwrap().is_empty());
    user.sync().connection(&id, SyncType::All).await.unwrap();
    let status = |c: linxo_client::Connection| c.status.unwrap();
    assert_eq!(
        status(user.connections().get(&id).await.unwrap()),
        ConnectionStatus::Running
    );
    assert_eq!(
        status(user.connections().get(&id).await.unwrap()),
        ConnectionStatus::Success
    );
    let events = user.queues().poll(&queue).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].name, Some(EventName::AuthFailed));
    assert!(user.queues().poll(&queue).await.unwrap().is_empty());

    let accounts: Vec<_> = user
        .accounts()
        .stream(AccountsQuery::new().connection_id(id.clone()).limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(accounts.len(), 2);
    // The simulator serves the fixtures' numbers as written.
    assert_eq!(accounts[1].balance.unwrap().to_string(), "12005.50");
    let transactions: Vec<_> = user
        .transactions()
        .stream(
            TransactionsQuery::new()
                .account_id(LinxoSimulator::ACCOUNT_ID)
                .limit(2),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(transactions[2].amount.to_string(), "2150.00");
    let total: banking_core::money::Decimal = transactions.iter().map(|t| t.amount).sum();
    assert_eq!(total, banking_core::money::Decimal::new(210310, 2));
    assert_eq!(user.sync().all().await.unwrap().connection_ids(), [id]);
}

#[tokio::test]
async fn tokens_scopes_and_re_authentication() {
    let sim = LinxoSimulator::start().await;
    let user = sim.user_client();
    user.users().me().await.unwrap();
    sim.expire_token_once();
    // The 401 drops the token; the call is made again with a new one.
    assert_eq!(
        user.users().me().await.unwrap().id.as_str(),
        LinxoSimulator::USER_ID
    );

    let err = sim.client().users().me().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(
        err.linxo_error_code(),
        Some(LinxoErrorCode::InsufficientScope)
    );

    let err = sim
        .client()
        .as_user(
            LinxoSimulator::USER_EMAIL,
            SecretString::from("Wrong-pass-1"),
        )
        .unwrap()
        .users()
        .me()
        .await
        .unwrap_err();
    assert_eq!(err.linxo_error_code(), Some(LinxoErrorCode::InvalidGrant));

    let err = sim.client().widget_sessions().create().await.unwrap_err();
    assert!(err.is_validation());
}

#[tokio::test]
async fn providers_categories_and_unmatched_requests() {
    let sim = LinxoSimulator::start().await;
    let user = sim.user_client();
    let providers = user
        .providers()
        .list(&linxo_client::ProvidersQuery::new())
        .await
        .unwrap();
    let provider = user.providers().get(&providers[0].id).await.unwrap();
    assert_eq!(provider.name.as_deref(), Some("Banque Exemple"));
    let categories = user.categories().list().await.unwrap();
    let category = user.categories().get(&categories[1].id).await.unwrap();
    assert_eq!(category.id.as_str(), "UNCATEGORIZED");
    let err = user
        .transactions()
        .get(&"no-such-transaction".into())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(599));
}

#[tokio::test]
async fn the_simulator_accepts_json_token_requests() {
    let sim = LinxoSimulator::start().await;
    let user = sim
        .builder()
        .token_encoding(linxo_client::TokenEncoding::Json)
        .user(
            LinxoSimulator::USER_EMAIL,
            SecretString::from(LinxoSimulator::USER_PASSWORD),
        )
        .build()
        .unwrap();
    assert_eq!(
        user.users().me().await.unwrap().id.as_str(),
        LinxoSimulator::USER_ID
    );
}

#[tokio::test]
async fn manual_connection_creation_then_read() {
    use linxo_client::{Credential, NewConnection, ProviderId};

    let sim = LinxoSimulator::start().await;
    let user = sim.user_client();
    let id = user
        .connections()
        .create(
            &NewConnection::new(ProviderId::from("1022"))
                .credential(Credential::new("login", SecretString::from("jmartin"))),
        )
        .await
        .unwrap();
    assert_ne!(id.as_str(), LinxoSimulator::CONNECTION_ID);
    // The new connection syncs once, then is listed after the sample one.
    let connection = user.connections().get(&id).await.unwrap();
    assert_eq!(connection.id, id);
    assert_eq!(connection.status, Some(ConnectionStatus::Running));
    let connection = user.connections().get(&id).await.unwrap();
    assert_eq!(connection.status, Some(ConnectionStatus::Success));
    let listed: Vec<ConnectionId> = user
        .connections()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(
        listed,
        [ConnectionId::from(LinxoSimulator::CONNECTION_ID), id]
    );
    // A client token is refused, as on every user resource.
    let refused = sim
        .client()
        .connections()
        .create(&NewConnection::new(ProviderId::from("1022")))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
}

/// The ids of the transactions `query` streams.
async fn streamed(user: &linxo_client::LinxoClient, query: TransactionsQuery) -> Vec<String> {
    user.transactions()
        .stream(query)
        .map_ok(|t| t.id.as_str().to_owned())
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn transaction_and_account_filters_leave_out_what_they_exclude() {
    use banking_core::money::Decimal;
    use chrono::{TimeZone, Utc};
    use linxo_client::{AccountType, TransactionStatus};

    let sim = LinxoSimulator::start().await;
    let user = sim.user_client();
    // The three transactions: -42.90 (14 Nov), -4 (13 Nov), 2150.00 (12 Nov).
    let credits = TransactionsQuery::new().min_amount(Decimal::ZERO);
    assert_eq!(streamed(&user, credits).await, ["3100000003"]);
    let debits = TransactionsQuery::new().max_amount(Decimal::ZERO);
    assert_eq!(streamed(&user, debits).await, ["3100000001", "3100000002"]);
    let exact = TransactionsQuery::new().amount("-4.00".parse().unwrap());
    assert_eq!(streamed(&user, exact).await, ["3100000002"]);
    let booked_out = TransactionsQuery::new().excluded_statuses([TransactionStatus::Booked]);
    assert!(streamed(&user, booked_out).await.is_empty());
    let pending = TransactionsQuery::new().included_statuses([TransactionStatus::Pending]);
    assert!(streamed(&user, pending).await.is_empty());
    let since = TransactionsQuery::new()
        .start_date(Utc.with_ymd_and_hms(2023, 11, 13, 0, 0, 0).unwrap())
        .end_date(Utc.with_ymd_and_hms(2023, 11, 14, 0, 0, 0).unwrap());
    assert_eq!(streamed(&user, since).await, ["3100000002"]);
    let savings = TransactionsQuery::new().account_type(AccountType::Savings);
    assert!(streamed(&user, savings).await.is_empty());

    let savings: Vec<String> = user
        .accounts()
        .stream(AccountsQuery::new().account_type(AccountType::Savings))
        .map_ok(|a| a.id.as_str().to_owned())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(savings, ["81234568"]);
}

#[tokio::test]
async fn limit_cuts_pages_and_a_stream_yields_each_item_once() {
    let sim = LinxoSimulator::start().await;
    let user = sim.user_client();
    let second = user
        .transactions()
        .list(&TransactionsQuery::new().limit(2).page(2))
        .await
        .unwrap();
    let ids: Vec<&str> = second.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["3100000003"]);
    for limit in 1..=4 {
        let ids = streamed(&user, TransactionsQuery::new().limit(limit)).await;
        assert_eq!(
            ids,
            ["3100000001", "3100000002", "3100000003"],
            "limit {limit}"
        );
    }
}

#[tokio::test]
async fn answer_pending_sets_how_many_reads_a_sync_runs() {
    let sim = LinxoSimulator::start().await;
    let user = sim.user_client();
    let id = ConnectionId::from(LinxoSimulator::CONNECTION_ID);
    let statuses = |n: usize| {
        let user = user.clone();
        let id = id.clone();
        async move {
            let mut seen = Vec::new();
            for _ in 0..n {
                seen.push(user.connections().get(&id).await.unwrap().status.unwrap());
            }
            seen
        }
    };
    sim.answer_pending(2);
    user.sync().connection(&id, SyncType::All).await.unwrap();
    use ConnectionStatus::{Running, Success};
    assert_eq!(statuses(3).await, [Running, Running, Success]);
    // Every sync from then on.
    user.sync().connection(&id, SyncType::All).await.unwrap();
    assert_eq!(statuses(3).await, [Running, Running, Success]);
    sim.answer_pending(0);
    user.sync().connection(&id, SyncType::All).await.unwrap();
    assert_eq!(statuses(1).await, [Success]);
}
