//! End-to-end tours over every provider's simulator: the flows the
//! quickstart shows, with their outcomes asserted.

use examples::{core_tour, finqlink_tour, flinks_tour, linkcy_tour, linxo_tour, lynks_tour};

fn has(report: &[String], needle: &str) -> bool {
    report.iter().any(|line| line.contains(needle))
}

#[tokio::test]
async fn core_keeps_every_digit_of_a_balance() {
    let report = core_tour::run().await.unwrap();
    assert_eq!(report, ["account acc-1: 12345678901234567.89 EUR"]);
}

#[tokio::test]
async fn linkcy_transfer_goes_through_sca_and_history_streams_all_pages() {
    let report = linkcy_tour::run().await.unwrap();
    assert!(has(&report, "SCA needed: join code"), "{report:?}");
    assert!(
        has(
            &report,
            "transfer created: 00000000-0000-4000-8000-000000000001"
        ),
        "{report:?}"
    );
    let transactions = report
        .iter()
        .filter(|l| l.starts_with("transaction "))
        .count();
    // The five of the fixtures and the transfer just created.
    assert_eq!(transactions, 6, "every page is streamed: {report:?}");
    assert!(
        has(
            &report,
            "transaction 00000000-0000-4000-8000-000000000001: 15.21 EUR"
        ),
        "the transfer is listed as sent: {report:?}"
    );
    assert!(has(&report, "250.00 EUR"), "scale is kept: {report:?}");
}

#[tokio::test]
async fn finqlink_link_is_paid_and_consent_refreshes() {
    let report = finqlink_tour::run().await.unwrap();
    assert!(has(&report, "link status: completed"), "{report:?}");
    assert!(has(&report, "consent status: active"), "{report:?}");
    assert!(has(&report, "refresh job: job_completed"), "{report:?}");
}

#[tokio::test]
async fn flinks_detail_is_ready_after_polling() {
    let report = flinks_tour::run().await.unwrap();
    assert!(
        has(
            &report,
            "account Chequing Account: balance 5105.5 CAD, 1 transactions"
        ),
        "{report:?}"
    );
}

#[tokio::test]
async fn lynks_statement_keeps_fx_fields_and_transfer_awaits_signatures() {
    let report = lynks_tour::run().await.unwrap();
    assert!(
        has(
            &report,
            "statement entry: 9234.50 EUR (originally 10000.00 USD)"
        ),
        "{report:?}"
    );
    assert!(
        has(
            &report,
            "FX check of API transactions: 2 entries, 1 FX matched, 0 differ"
        ),
        "{report:?}"
    );
    assert!(
        has(
            &report,
            "FX check of CAMT.052 statement: 6 entries, 2 FX matched, 0 differ"
        ),
        "{report:?}"
    );
    assert!(
        has(
            &report,
            "credit transfer 12500.00 EUR: WAITING_FOR_SIGNATURES"
        ),
        "{report:?}"
    );
}

#[tokio::test]
async fn linxo_widget_sync_and_exact_transactions() {
    let report = linxo_tour::run().await.unwrap();
    assert!(has(&report, "user created: "), "{report:?}");
    assert!(
        has(&report, "1523.07 EUR, transactions -42.90"),
        "{report:?}"
    );
    let events = report
        .iter()
        .find(|l| l.starts_with("sync events: "))
        .unwrap();
    assert_ne!(events, "sync events: 0", "{report:?}");
}
