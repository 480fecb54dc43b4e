//! Linkcy: a transfer that needs strong customer authentication, then the
//! transaction history streamed page by page.

use futures::TryStreamExt;
use linkcy_client::testkit::LinkcySimulator;
use linkcy_client::{
    BeneficiaryId, BeneficiaryTransferRequest, LedgerId, LinkcyClient, ScaOptions, ScaOutcome,
    ScaStrategy, TransactionFilter,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::Report;

/// Sends 15.21 to a beneficiary (202 Waiting SCA, approval, replay with the
/// SCA id), then streams every transaction. Runs against the sandbox when
/// [`crate::live::linkcy`] is configured: there the user approves on their
/// phone, and the transfer is only sent when the ledger and beneficiary
/// are given.
pub async fn run() -> banking_core::Result<Report> {
    if let Some(live) = crate::live::linkcy(&crate::live::ProcessEnv)? {
        let mut report = vec![crate::live::mode_line(true)];
        if let Some((ledger, beneficiary)) = live.transfer {
            transfer(&live.client, ledger, beneficiary, None, &mut report).await?;
        } else {
            report.push(
                "transfer: skipped (LINKCY_LEDGER_ID and LINKCY_BENEFICIARY_ID not set)".to_owned(),
            );
        }
        history(&live.client, &mut report).await?;
        return Ok(report);
    }
    let simulator = LinkcySimulator::start().await;
    let client = simulator.client();
    let mut report = vec![crate::live::mode_line(false)];
    let beneficiary = BeneficiaryId::new(Uuid::from_u128(0x410e5c37_9603_4e5b_81b1_7cb895f362e8));
    let ledger = LedgerId::new(Uuid::from_u128(0xb595c981_8a0f_4604_a66c_209d65193394));
    transfer(&client, ledger, beneficiary, Some(&simulator), &mut report).await?;
    history(&client, &mut report).await?;
    Ok(report)
}

/// The transfer and its SCA; `simulator` stands in for the user's phone.
async fn transfer(
    client: &LinkcyClient,
    ledger: LedgerId,
    beneficiary: BeneficiaryId,
    simulator: Option<&LinkcySimulator>,
    report: &mut Report,
) -> banking_core::Result<()> {
    let transfer = BeneficiaryTransferRequest::new(Decimal::new(1521, 2), beneficiary, ledger)
        .reference("Invoice 42");
    let sca = ScaOptions::new().strategy(ScaStrategy::JoinCode);
    let created = match client.transactions().create(&transfer, &sca).await? {
        ScaOutcome::Done(created) => created,
        ScaOutcome::Pending(pending) => {
            let challenge = pending.challenge().clone();
            report.push(format!(
                "SCA needed: join code {}",
                challenge.join_code.as_deref().unwrap_or("(none)")
            ));
            // The user approves on their phone; the simulator stands in.
            if let Some(simulator) = simulator {
                simulator.approve(&challenge.sca_id);
            }
            crate::progress::wait("the SCA approval", pending.complete())
                .await?
                .done()
                .ok_or_else(|| banking_core::Error::validation("sca", "not approved"))?
        }
    };
    report.push(format!("transfer created: {}", created.id));
    Ok(())
}

/// Every transaction, two per page.
async fn history(client: &LinkcyClient, report: &mut Report) -> banking_core::Result<()> {
    let transactions: Vec<_> = client
        .transactions()
        .stream(TransactionFilter::new().page_size(2))
        .try_collect()
        .await?;
    for t in &transactions {
        report.push(format!("transaction {}: {} {}", t.id, t.amount, t.currency));
    }
    Ok(())
}
