//! Flinks: Authorize on a cached login, then the accounts detail, waiting
//! through the 202 answers.

use std::time::Duration;

use flinks_client::connect::{
    AccountsDetailRequest, AuthorizeOutcome, AuthorizeRequest, PollOptions,
};
use flinks_client::testkit::{self, FlinksSandbox};

use crate::Report;

/// Authorizes, asks for the detail with transactions and polls until ready.
pub async fn run() -> banking_core::Result<Report> {
    let sandbox = FlinksSandbox::start().await;
    let client = sandbox.client();
    let connect = client.connect();
    let mut report = Report::new();

    let session = match connect
        .authorize(&AuthorizeRequest::cached(testkit::login_id()))
        .await?
    {
        AuthorizeOutcome::Authorized(session) => session,
        other => {
            return Err(banking_core::Error::validation(
                "authorize",
                format!("a cached login is authorized at once, got {other:?}"),
            ));
        }
    };
    report.push(format!("session: {}", session.request_id));
    let request = AccountsDetailRequest::new(session.request_id).with_transactions(true);
    let outcome = connect.accounts_detail(&request).await?;
    // Real code keeps the default (every 10 s for up to 30 min).
    let poll = PollOptions::new().interval(Duration::from_millis(10));
    let detail = connect.wait_ready(outcome, &poll).await?;
    for account in &detail.accounts {
        let balance = account.balance.as_ref().and_then(|b| b.current);
        report.push(format!(
            "account {}: balance {}, {} transactions",
            account.title.as_deref().unwrap_or("?"),
            balance.map(|b| b.to_string()).unwrap_or_default(),
            account.transactions.len()
        ));
    }
    Ok(report)
}
