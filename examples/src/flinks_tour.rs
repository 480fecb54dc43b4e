//! Flinks: Authorize on a cached login, then the accounts detail, waiting
//! through the 202 answers.

use std::time::Duration;

use banking_core::money::Money;
use flinks_client::FlinksClient;
use flinks_client::connect::{
    AccountsDetailRequest, AuthorizeOutcome, AuthorizeRequest, PollOptions,
};
use flinks_client::ids::LoginId;
use flinks_client::testkit::{self, FlinksSandbox};

use crate::Report;

/// Authorizes, asks for the detail with transactions and polls until ready.
/// Against the sandbox ([`crate::live::flinks`]) the login is the one a
/// Connect session produced, and polling keeps Flinks' pace (every 10 s).
pub async fn run() -> banking_core::Result<Report> {
    if let Some(live) = crate::live::flinks(&crate::live::ProcessEnv)? {
        let mut report = vec![crate::live::mode_line(true)];
        detail(&live.client, live.login, PollOptions::new(), &mut report).await?;
        return Ok(report);
    }
    let sandbox = FlinksSandbox::start().await;
    let mut report = vec![crate::live::mode_line(false)];
    // Real code keeps the default (every 10 s for up to 30 min).
    let poll = PollOptions::new().interval(Duration::from_millis(10));
    detail(&sandbox.client(), testkit::login_id(), poll, &mut report).await?;
    Ok(report)
}

/// Authorize on the cached `login`, then the detail once ready.
async fn detail(
    client: &FlinksClient,
    login: LoginId,
    poll: PollOptions,
    report: &mut Report,
) -> banking_core::Result<()> {
    let connect = client.connect();

    let session = match connect.authorize(&AuthorizeRequest::cached(login)).await? {
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
    let detail =
        crate::progress::wait("the accounts detail", connect.wait_ready(outcome, &poll)).await?;
    for account in &detail.accounts {
        let balance = account.balance.as_ref().and_then(|b| b.current);
        report.push(format!(
            "account {}: balance {}, {} transactions",
            account.title.as_deref().unwrap_or("?"),
            match (balance, account.currency) {
                (Some(b), Some(c)) => Money::new(b, c).to_string(),
                (Some(b), None) => format!("{b} (no currency)"),
                (None, _) => "-".to_owned(),
            },
            account.transactions.len()
        ));
    }
    Ok(())
}
