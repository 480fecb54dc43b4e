//! LYNKS: statement entries with their FX details and their FX check (from
//! the API and from a CAMT.052 statement file), then a credit transfer.

use banking_core::money::{Currency, Decimal, Money};
use lynks_client::camt;
use lynks_client::credit_transfers::NewCreditTransfer;
use lynks_client::fx::FxSummary;
use lynks_client::testkit::LynksSimulator;
use lynks_client::transactions::TransactionQuery;
use lynks_client::{AccountId, LynksClient};

use crate::Report;

/// An intraday statement as a bank sends it (built from the ISO 20022
/// camt.052.001.02 schema).
const STATEMENT: &str =
    include_str!("../../lynks-client/fixtures/schema_built_camt052_intraday.xml");

/// Reads an account's statement entries (FX fields included), then pays an
/// approved counterparty and reads the transfer's status. Against the
/// sandbox ([`crate::live::lynks`]) the transfer is left out: it would pay
/// whichever counterparty comes first.
pub async fn run() -> banking_core::Result<Report> {
    if let Some(client) = crate::live::lynks(&crate::live::ProcessEnv)? {
        let mut report = vec![crate::live::mode_line(true)];
        statements(&client, &mut report).await?;
        report.push("credit transfer: skipped (it moves money)".to_owned());
        return Ok(report);
    }
    let sim = LynksSimulator::start().await;
    let client = sim.client();
    let mut report = vec![crate::live::mode_line(false)];
    let account = statements(&client, &mut report).await?;

    let counterparty = client.counterparties().list(&Default::default()).await?;
    let categories = client.payment_categories().list().await?;
    let (Some(counterparty), Some(category)) = (counterparty.first(), categories.first()) else {
        return Err(banking_core::Error::validation("counterparty", "none"));
    };
    let payment = NewCreditTransfer::new(
        account,
        counterparty.id.clone(),
        Decimal::new(1_250_000, 2),
        Currency::EUR,
        category.id.clone(),
    )
    .remittance_information("Invoice 2025-0042");
    let ids = client.credit_transfers().create(&[payment]).await?;
    for id in &ids {
        let status = client.credit_transfers().get(id).await?.status;
        report.push(format!(
            "credit transfer 12500.00 EUR: {}",
            status.map(|s| s.to_string()).unwrap_or_default()
        ));
    }
    Ok(report)
}

/// The first account's statement entries and the FX checks; its id.
async fn statements(client: &LynksClient, report: &mut Report) -> banking_core::Result<AccountId> {
    let accounts = client.accounts().list().await?;
    let account = accounts
        .first()
        .ok_or_else(|| banking_core::Error::validation("accounts", "none"))?
        .id
        .clone();
    let entries = client
        .transactions()
        .list(&TransactionQuery::new(account.clone()))
        .await?;
    for entry in &entries {
        let amount = match (entry.signed_amount(), entry.currency) {
            (Some(a), Some(c)) => Money::new(a, c).to_string(),
            (Some(a), None) => format!("{a} (no currency)"),
            (None, _) => "-".to_owned(),
        };
        let original = entry
            .original()
            .map(|o| format!(" (originally {o})"))
            .unwrap_or_default();
        report.push(format!("statement entry: {amount}{original}"));
    }
    report.push(fx_line("API transactions", &FxSummary::of(&entries)));

    // The same check over the bank's CAMT.052 file, streamed entry by entry.
    let mut summary = FxSummary::default();
    let statement = camt::CamtReader::new(STATEMENT.as_bytes())
        .map_err(|e| banking_core::Error::validation("statement", e.to_string()))?;
    for item in statement {
        let item = item.map_err(|e| banking_core::Error::validation("statement", e.to_string()))?;
        if let camt::Item::Entry(entry) = item {
            summary.record(&entry.to_transaction().fx_check());
        }
    }
    report.push(fx_line("CAMT.052 statement", &summary));

    Ok(account)
}

/// `FX check of <source>: <n> entries, <m> FX matched, <k> differ`.
fn fx_line(source: &str, summary: &FxSummary) -> String {
    format!(
        "FX check of {source}: {} entries, {} FX matched, {} differ",
        summary.entries,
        summary.matching,
        summary.differences.len()
    )
}
