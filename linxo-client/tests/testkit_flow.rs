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
    assert_eq!(id.as_str(), LinxoSimulator::CONNECTION_ID);
    let connection = user.connections().get(&id).await.unwrap();
    assert_eq!(connection.id, id);
    // A client token is refused, as on every user resource.
    let refused = sim
        .client()
        .connections()
        .create(&NewConnection::new(ProviderId::from("1022")))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
}
