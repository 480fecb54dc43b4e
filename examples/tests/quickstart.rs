//! Runs the quickstart binary offline and checks its output step by step.

use std::process::{Command, Output};

/// The quickstart with none of the sandbox variables but `vars`.
fn quickstart(vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quickstart"));
    for name in examples::live::VARIABLES {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    command.output().expect("the quickstart starts")
}

#[test]
fn the_quickstart_runs_every_step_and_ends_with_the_aggregated_view() {
    let output = quickstart(&[]);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert!(
        output.status.success(),
        "exit {:?}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let sections: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("== ")).collect();
    assert_eq!(
        sections,
        [
            "banking-core: OAuth2, an authenticated call, exact money",
            "Linkcy: a transfer with SCA, then the history",
            "FinqLink: pay by link, then a consent and a refresh job",
            "Flinks: Authorize, then the accounts detail",
            "LYNKS: FX statement entries and their check, then a credit transfer",
            "Linxo Connect: a user, the widget, a sync, the data",
            "All five through one view: accounts, totals per currency, merged transactions",
        ]
    );
    let expect_in_order = [
        "   account acc-1: 12345678901234567.89 EUR",
        "   against the offline simulator",
        // The simulator gives a created transfer a new id and lists it.
        "   transfer created: 00000000-0000-4000-8000-000000000001",
        "   transaction 00000000-0000-4000-8000-000000000001: 15.21 EUR",
        "   consent status: active",
        "   refresh job: job_completed",
        "   account Chequing Account: balance 5105.5 CAD, 1 transactions",
        "   statement entry: 9234.50 EUR (originally 10000.00 USD)",
        "   statement entry: -12500.00 EUR",
        "   FX check of API transactions: 2 entries, 1 FX matched, 0 differ",
        "   account 81234567: 1523.07 EUR, transactions -42.90 EUR, -4 EUR, 2150.00 EUR",
        "   provider  account                kind            balance",
        "   Linxo     COMPTE CHEQUES         Checking    1523.07 EUR",
        "   Linxo     LIVRET A               Savings    12005.50 EUR",
        "   FinqLink  Cont curent            Checking    1520.75 RON",
        "   Flinks    Chequing Account       Checking     5105.5 CAD",
        "   LYNKS     Operating account EUR  Checking  125430.17 EUR",
        "   LYNKS     USD collections        Checking              -",
        "   Linkcy    string                 Ledger                -",
        // 1523.07 + 12005.50 + 125430.17, one line per currency.
        "   total    5105.5 CAD",
        "   total 138958.74 EUR",
        "   total   1520.75 RON",
        // The Linkcy ledger listed has no transactions of its own.
        "   transactions merged in date order: 9, from 2023-11-13 to 2025-03-03",
    ];
    let mut rest = lines.iter();
    for expected in expect_in_order {
        assert!(
            rest.any(|line| *line == expected),
            "missing or out of order: {expected:?}\n{stdout}"
        );
    }
    assert_eq!(
        lines.last(),
        Some(&expect_in_order[expect_in_order.len() - 1])
    );
}

#[test]
fn each_provider_tour_says_it_ran_offline_and_waits_show_on_stderr() {
    let output = quickstart(&[]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let offline = stdout
        .lines()
        .filter(|l| *l == "   against the offline simulator")
        .count();
    assert_eq!(offline, 5, "{stdout}");
    assert!(!stdout.contains("waiting"), "progress stays off stdout");
    // Not a terminal here: one plain line per wait, in the order they come.
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 output");
    let waits: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("waiting for "))
        .collect();
    assert_eq!(
        waits,
        [
            "waiting for the SCA approval ...",
            "waiting for the payment ...",
            "waiting for the consent ...",
            "waiting for the refresh job ...",
            "waiting for the accounts detail ...",
            "waiting for the sync ...",
            "waiting for the consent to be usable ...",
        ],
        "{stderr}"
    );
    assert!(!stderr.contains('\r'), "no spinner without a terminal");
}

#[test]
fn a_partial_sandbox_configuration_fails_before_any_step_and_names_what_is_missing() {
    let output = quickstart(&[("LINXO_CLIENT_ID", "id"), ("LINXO_PASSWORD", "pw")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no step ran");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 output");
    assert!(
        stderr.contains("LINXO_CLIENT_SECRET, LINXO_USERNAME not set"),
        "{stderr}"
    );
    assert!(!stderr.contains("pw"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_linkcy_variables_its_tour_runs_against_that_server_and_the_others_stay_offline() {
    use linkcy_client::testkit::{self, LinkcySimulator};

    // A stand-in for the sandbox, reached only through the variables.
    let sandbox = LinkcySimulator::start().await;
    let uri = sandbox.uri();
    let output = tokio::task::spawn_blocking(move || {
        quickstart(&[
            ("LINKCY_BASE_URL", uri.as_str()),
            ("LINKCY_USER", testkit::PARTNER_USERNAME),
            ("LINKCY_PARTNER", testkit::PARTNER_NAME),
            ("LINKCY_PASSWORD", testkit::PASSWORD),
        ])
    })
    .await
    .expect("the quickstart ran");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 output");
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("live sandboxes: Linkcy\n"), "{stderr}");

    let linkcy: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("== Linkcy"))
        .skip(1)
        .take_while(|l| !l.starts_with("== "))
        .collect();
    assert_eq!(linkcy[0], "   against the live sandbox");
    assert_eq!(
        linkcy[1],
        "   transfer: skipped (LINKCY_LEDGER_ID and LINKCY_BENEFICIARY_ID not set)"
    );
    assert!(linkcy[2..].iter().all(|l| l.starts_with("   transaction ")));
    assert_eq!(linkcy.len(), 7, "{stdout}");
    let offline = stdout
        .lines()
        .filter(|l| *l == "   against the offline simulator")
        .count();
    assert_eq!(offline, 4, "{stdout}");
    // The history and the aggregated view came from this server, with no
    // transfer sent.
    let requests = sandbox
        .server()
        .received_requests()
        .await
        .unwrap_or_default();
    assert!(!requests.is_empty());
    assert!(
        requests
            .iter()
            .all(|r| r.method.as_str() != "POST" || !r.url.path().contains("transactions")),
        "no transfer was sent"
    );
}
