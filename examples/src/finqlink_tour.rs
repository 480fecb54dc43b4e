//! FinqLink: pay by link, then an AIS consent and a refresh job.

use std::time::Duration;

use banking_core::error::{TimeoutError, TimeoutKind};
use banking_core::money::Currency;
use finqlink_client::consents::{ConsentCreateRequest, ConsentRequest};
use finqlink_client::jobs::{JobCreateRequest, WaitOptions};
use finqlink_client::links::{FlowType, LinkCreateRequest, LinkGetRequest, PaymentIntent};
use finqlink_client::testkit::FinqLinkSimulator;
use finqlink_client::{ConsentId, FinqLinkClient, parse_amount};

use crate::Report;

/// Creates a payment link and follows it to its end; then opens a consent,
/// waits for it to be usable and runs a refresh job. Against the sandbox
/// ([`crate::live::finqlink`]) a payer and a bank login are needed, so it
/// skips the link and uses the consent the user already gave.
pub async fn run() -> banking_core::Result<Report> {
    if let Some(live) = crate::live::finqlink(&crate::live::ProcessEnv)? {
        let mut report = vec![
            crate::live::mode_line(true),
            "payment link: skipped (a payer completes it in the bank's app)".to_owned(),
        ];
        // A live server is polled every 2 s, for at most 5 minutes.
        let pace = (Duration::from_secs(2), Duration::from_secs(300));
        refresh(&live.client, live.consent, pace, &mut report).await?;
        return Ok(report);
    }
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let mut report = vec![crate::live::mode_line(false)];

    let intent = PaymentIntent::new(
        parse_amount("100.50")?,
        Currency::RON,
        "RO10RZBR0000069999999970",
        "Demo Shop SRL",
    )
    .remittance_info("Order 1234");
    let link = client
        .links()
        .create(&LinkCreateRequest::new(intent).flow_type(FlowType::Link))
        .await?;
    let link_id = link
        .id
        .ok_or_else(|| banking_core::Error::validation("link", "no id"))?;
    report.push(format!(
        "payment link: {}",
        link.web_url.map(|u| u.to_string()).unwrap_or_default()
    ));
    let get = LinkGetRequest::new(link_id);
    let status = crate::progress::wait("the payment", async {
        loop {
            if let Some(status) = client.links().get(&get).await?.status
                && (status.is_paid() || status.is_failed())
            {
                break Ok::<_, banking_core::Error>(status);
            }
        }
    })
    .await?;
    report.push(format!("link status: {status}"));

    let consent = client
        .consents()
        .create(&ConsentCreateRequest::new())
        .await?;
    let consent_id = consent
        .id
        .ok_or_else(|| banking_core::Error::validation("consent", "no id"))?;
    // The simulator answers at once, so polling it fast only saves time.
    let pace = (Duration::from_millis(10), Duration::from_secs(60));
    refresh(&client, consent_id, pace, &mut report).await?;
    Ok(report)
}

/// Waits for the consent to be usable, then runs a refresh job.
/// `pace` is the poll interval and the deadline of each wait.
async fn refresh(
    client: &FinqLinkClient,
    consent_id: ConsentId,
    (interval, deadline): (Duration, Duration),
    report: &mut Report,
) -> banking_core::Result<()> {
    let get = ConsentRequest::new(consent_id);
    let consent = async {
        loop {
            let status = client.consents().get(&get).await?.status;
            if let Some(status) = status.filter(|s| s.is_usable() || s.is_terminal()) {
                break Ok::<_, banking_core::Error>(status);
            }
            tokio::time::sleep(interval).await;
        }
    };
    let status = crate::progress::wait("the consent", async {
        tokio::time::timeout(deadline, consent).await.map_err(|_| {
            let timeout = TimeoutError::new(TimeoutKind::Total, Some(deadline), deadline);
            banking_core::Error::Timeout(timeout)
        })?
    })
    .await?;
    report.push(format!("consent status: {status}"));
    let job = crate::progress::wait(
        "the refresh job",
        client.jobs().wait(
            &JobCreateRequest::new(consent_id),
            WaitOptions::new(interval, deadline),
        ),
    )
    .await?;
    report.push(format!("refresh job: {}", job.status));
    Ok(())
}
