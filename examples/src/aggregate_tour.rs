//! The provider-neutral view: the five simulators behind one
//! [`Aggregator`], an accounts table, per-currency totals and the merged
//! transactions.

use std::time::Duration;

use banking_core::neutral::{Aggregator, DateRange};
use chrono::NaiveDate;
use finqlink_client::consents::{ConsentCreateRequest, ConsentRequest};
use finqlink_client::neutral::ConsentData;
use finqlink_client::testkit::FinqLinkSimulator;
use flinks_client::connect::{AuthorizeOutcome, AuthorizeRequest, PollOptions};
use flinks_client::neutral::ConnectSession;
use flinks_client::testkit::{self, FlinksSandbox};
use futures::StreamExt;
use linkcy_client::testkit::LinkcySimulator;
use linxo_client::testkit::LinxoSimulator;
use lynks_client::testkit::LynksSimulator;

use crate::Report;

/// The five simulators, kept running while the aggregator reads them.
pub struct Simulators {
    _linxo: LinxoSimulator,
    _finqlink: FinqLinkSimulator,
    _flinks: FlinksSandbox,
    _lynks: LynksSimulator,
    _linkcy: LinkcySimulator,
}

/// Starts the five simulators and an aggregator over them: Linxo in user
/// mode, a FinqLink consent once active, a Flinks Connect session, LYNKS
/// and Linkcy partner clients. A provider whose variables are set reads
/// its real sandbox instead (see [`crate::live`]).
pub async fn sources() -> banking_core::Result<(Simulators, Aggregator)> {
    let linxo = LinxoSimulator::start().await;
    let finqlink = FinqLinkSimulator::start().await;
    let flinks = FlinksSandbox::start().await;
    let lynks = LynksSimulator::start().await;
    let linkcy = LinkcySimulator::start().await;

    let env = crate::live::ProcessEnv;
    let (finqlink_client, consent) = match crate::live::finqlink(&env)? {
        Some(live) => (live.client, live.consent),
        None => {
            let client = finqlink.client();
            let consent = client
                .consents()
                .create(&ConsentCreateRequest::new())
                .await?
                .id
                .ok_or_else(|| banking_core::Error::validation("consent", "no id"))?;
            let get = ConsentRequest::new(consent);
            crate::progress::wait("the consent to be usable", async {
                while !client
                    .consents()
                    .get(&get)
                    .await?
                    .status
                    .is_some_and(|s| s.is_usable())
                {}
                Ok::<(), banking_core::Error>(())
            })
            .await?;
            (client, consent)
        }
    };

    // A live server is polled at Flinks' default pace (every 10 s); the
    // simulator answers at once, so polling it fast only saves time.
    let (flinks_client, login, poll) = match crate::live::flinks(&env)? {
        Some(live) => (live.client, live.login, PollOptions::new()),
        None => (
            flinks.client(),
            testkit::login_id(),
            PollOptions::new().interval(Duration::from_millis(10)),
        ),
    };
    let AuthorizeOutcome::Authorized(session) = flinks_client
        .connect()
        .authorize(&AuthorizeRequest::cached(login))
        .await?
    else {
        return Err(banking_core::Error::validation(
            "authorize",
            "a cached login is authorized at once",
        ));
    };

    let aggregator = Aggregator::new()
        .concurrency(3)
        .per_source_deadline(Duration::from_secs(20))
        .source(crate::live::linxo(&env)?.unwrap_or_else(|| linxo.user_client()))
        .source(ConsentData::new(finqlink_client, consent))
        .source(ConnectSession::new(flinks_client, session.request_id, poll))
        .source(crate::live::lynks(&env)?.unwrap_or_else(|| lynks.client()))
        .source(
            crate::live::linkcy(&env)?
                .map(|live| live.client)
                .unwrap_or_else(|| linkcy.client()),
        );
    let simulators = Simulators {
        _linxo: linxo,
        _finqlink: finqlink,
        _flinks: flinks,
        _lynks: lynks,
        _linkcy: linkcy,
    };
    Ok((simulators, aggregator))
}

/// The accounts table, the totals per currency and the merged
/// transactions of 2023 to 2025; an error when a source failed.
pub async fn run(aggregator: &Aggregator) -> banking_core::Result<Report> {
    let mut report = Report::new();
    let mut accounts = aggregator.accounts().await;
    if !accounts.failures.is_empty() {
        return Err(accounts.failures.swap_remove(0).error);
    }
    let rows: Vec<[String; 4]> = accounts
        .accounts
        .iter()
        .map(|a| {
            [
                a.provider.to_string(),
                a.display_name.clone().unwrap_or_else(|| a.id.clone()),
                format!("{:?}", a.kind),
                a.main_balance()
                    .map(|b| b.money.to_string())
                    .unwrap_or_else(|| "-".to_owned()),
            ]
        })
        .collect();
    let header = ["provider", "account", "kind", "balance"].map(str::to_owned);
    let mut widths = [0; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        report.push(format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {:>w3$}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
        ));
    }
    let totals = accounts
        .totals()
        .map_err(|e| banking_core::Error::validation("totals", e.to_string()))?;
    for total in totals.iter() {
        report.push(format!(
            "total {:>width$}",
            total.to_string(),
            width = widths[3]
        ));
    }

    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid day");
    let range = DateRange::new(day(2023, 1, 1), day(2025, 12, 31))?;
    let mut merged = aggregator.transactions(range);
    let mut count = 0;
    let mut first_last = (None, None);
    while let Some(item) = merged.next().await {
        let transaction = item.map_err(|failure| failure.error)?;
        count += 1;
        first_last.0 = first_last.0.or(transaction.date());
        first_last.1 = transaction.date().or(first_last.1);
    }
    let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    report.push(format!(
        "transactions merged in date order: {count}, from {} to {}",
        show(first_last.0),
        show(first_last.1)
    ));
    Ok(report)
}
