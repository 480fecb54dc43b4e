//! FinqLink: pay by link, then an AIS consent and a refresh job.

use std::time::Duration;

use banking_core::money::Currency;
use finqlink_client::consents::{ConsentCreateRequest, ConsentRequest};
use finqlink_client::jobs::{JobCreateRequest, WaitOptions};
use finqlink_client::links::{FlowType, LinkCreateRequest, LinkGetRequest, PaymentIntent};
use finqlink_client::parse_amount;
use finqlink_client::testkit::FinqLinkSimulator;

use crate::Report;

/// Creates a payment link and follows it to its end; then opens a consent,
/// waits for it to be usable and runs a refresh job.
pub async fn run() -> banking_core::Result<Report> {
    let sim = FinqLinkSimulator::start().await;
    let client = sim.client();
    let mut report = Report::new();

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
    let status = loop {
        if let Some(status) = client.links().get(&get).await?.status
            && (status.is_paid() || status.is_failed())
        {
            break status;
        }
    };
    report.push(format!("link status: {status}"));

    let consent = client
        .consents()
        .create(&ConsentCreateRequest::new())
        .await?;
    let consent_id = consent
        .id
        .ok_or_else(|| banking_core::Error::validation("consent", "no id"))?;
    let get = ConsentRequest::new(consent_id);
    let status = loop {
        let status = client.consents().get(&get).await?.status;
        if let Some(status) = status.filter(|s| s.is_usable() || s.is_terminal()) {
            break status;
        }
    };
    report.push(format!("consent status: {status}"));
    let job = client
        .jobs()
        .wait(
            &JobCreateRequest::new(consent_id),
            WaitOptions::new(Duration::from_millis(10), Duration::from_secs(5)),
        )
        .await?;
    report.push(format!("refresh job: {}", job.status));
    Ok(report)
}
