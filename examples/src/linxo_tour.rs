//! Linxo Connect: create a user, open the widget for them, sync the new
//! connection and read its accounts and transactions.

use futures::TryStreamExt;
use linxo_client::testkit::LinxoSimulator;
use linxo_client::{
    AccountsQuery, LinxoClient, NewUser, SyncType, TransactionsQuery, WidgetFlow, WidgetParams,
};
use secrecy::SecretString;

use crate::Report;

/// Client mode creates the user; user mode opens the widget, syncs and
/// reads the data, one page per transaction. Against the sandbox
/// ([`crate::live::linxo`]) the user exists and has added a bank in the
/// widget already, so the tour starts in user mode.
pub async fn run() -> banking_core::Result<Report> {
    if let Some(user) = crate::live::linxo(&crate::live::ProcessEnv)? {
        let mut report = vec![
            crate::live::mode_line(true),
            "user created: skipped (the user exists)".to_owned(),
        ];
        widget_sync_data(&user, &mut report).await?;
        return Ok(report);
    }
    let simulator = LinxoSimulator::start().await;
    let client = simulator.client();
    let mut report = vec![crate::live::mode_line(false)];

    let password = SecretString::from(LinxoSimulator::USER_PASSWORD);
    let user_id = client
        .users()
        .create(&NewUser::new(LinxoSimulator::USER_EMAIL, password.clone()))
        .await?;
    report.push(format!("user created: {user_id}"));

    let user = client.as_user(LinxoSimulator::USER_EMAIL, password)?;
    widget_sync_data(&user, &mut report).await?;
    Ok(report)
}

/// The widget URL, a sync of the first connection, its accounts and their
/// transactions.
async fn widget_sync_data(user: &LinxoClient, report: &mut Report) -> banking_core::Result<()> {
    let session = user.widget_sessions().create().await?;
    let redirect = "https://app.example/linxo/done"
        .parse()
        .map_err(|e| banking_core::Error::config(format!("redirect URL: {e}")))?;
    let url = user.widget_sessions().url(
        &session,
        WidgetFlow::AddConnection,
        &WidgetParams::new()
            .redirect_url(redirect)
            .wait_sync_end(true),
    )?;
    report.push(format!("widget: {}", url.path()));

    // The user adds a bank in the widget; back in the app:
    let connections = user.connections().list().await?;
    let connection = connections
        .first()
        .ok_or_else(|| banking_core::Error::validation("connections", "none"))?;
    let queue = user.queues().subscribe().await?;
    let events = crate::progress::wait("the sync", async {
        user.sync()
            .connection(&connection.id, SyncType::All)
            .await?;
        user.queues().poll(&queue).await
    })
    .await?;
    report.push(format!("sync events: {}", events.len()));

    let accounts = user
        .accounts()
        .list(&AccountsQuery::new().connection_id(connection.id.clone()))
        .await?;
    for account in &accounts {
        let balance = account
            .balance_money()
            .map(|m| m.to_string())
            .unwrap_or_default();
        let transactions: Vec<_> = user
            .transactions()
            .stream(
                TransactionsQuery::new()
                    .account_id(account.id.clone())
                    .limit(1),
            )
            .try_collect()
            .await?;
        let amounts: Vec<String> = transactions
            .iter()
            .map(|t| {
                t.money()
                    .map_or_else(|| format!("{} (no currency)", t.amount), |m| m.to_string())
            })
            .collect();
        let listed = if amounts.is_empty() {
            "no transactions".to_owned()
        } else {
            format!("transactions {}", amounts.join(", "))
        };
        report.push(format!("account {}: {balance}, {listed}", account.id));
    }
    Ok(())
}
