//! The fault matrix: every provider client, one read and one money-moving
//! write (or its one non-idempotent call, where it moves no money), against a server that fails in each way real ones do. Each cell
//! checks its outcome, that nothing panicked or hung, and how many requests
//! reached the server; the whole matrix is written to `docs/RELIABILITY.md`,
//! which must match what the run produced.

mod paging;
pub(crate) mod providers;
mod report;

use std::time::{Duration, SystemTime};

use banking_core::Error;

use crate::fault_server::{FaultServer, REQUEST_ID, Reply};
pub(crate) use providers::{MATRIX, PROVIDERS, Provider};

/// No cell may take longer than this (the slowest waits out two attempt
/// timeouts): a generous bound, not a timing assertion.
const CELL_BOUND: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Read,
    Write,
}

/// The faults, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    ConnectionRefused,
    ResetBeforeResponse,
    ResetMidBody,
    TruncatedJson,
    Html5xx,
    Empty200,
    RetryAfterSeconds,
    RetryAfterDate,
    UnavailableThenOk,
    SlowBody,
    Token500,
    TokenInvalidJson,
    TokenHangs,
    UnauthorizedMidSession,
    UnknownFieldsAndEnums,
}

pub(crate) const FAULTS: [Fault; 15] = [
    Fault::ConnectionRefused,
    Fault::ResetBeforeResponse,
    Fault::ResetMidBody,
    Fault::TruncatedJson,
    Fault::Html5xx,
    Fault::Empty200,
    Fault::RetryAfterSeconds,
    Fault::RetryAfterDate,
    Fault::UnavailableThenOk,
    Fault::SlowBody,
    Fault::Token500,
    Fault::TokenInvalidJson,
    Fault::TokenHangs,
    Fault::UnauthorizedMidSession,
    Fault::UnknownFieldsAndEnums,
];

impl Fault {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Fault::ConnectionRefused => "connection refused",
            Fault::ResetBeforeResponse => "reset before the response, then healthy",
            Fault::ResetMidBody => "reset mid-body, then healthy",
            Fault::TruncatedJson => "truncated JSON (complete response)",
            Fault::Html5xx => "HTML 502 page, every time",
            Fault::Empty200 => "empty 2xx body",
            Fault::RetryAfterSeconds => "429 `Retry-After: 1`, then healthy",
            Fault::RetryAfterDate => "429 `Retry-After: <HTTP date>`, then healthy",
            Fault::UnavailableThenOk => "503, then 200",
            Fault::SlowBody => "body slower than the attempt timeout, then healthy",
            Fault::Token500 => "token endpoint 500; a later call after it recovers",
            Fault::TokenInvalidJson => {
                "token endpoint invalid JSON; a later call after it recovers"
            }
            Fault::TokenHangs => "token endpoint hangs; a later call after it recovers",
            Fault::UnauthorizedMidSession => {
                "401 in the middle of a session (a separate refresh endpoint refuses too)"
            }
            Fault::UnknownFieldsAndEnums => "unknown fields and enum values",
        }
    }
}

/// How one call ended, as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Ok,
    /// An error status, with the request id of the answer.
    Api(u16),
    /// The token endpoint failed (with its status, when it answered).
    Auth(Option<u16>),
    Transport,
    Timeout,
    /// A write that may have taken effect; it was not resent.
    Unknown,
    /// A success answer that did not decode, with its request id.
    Decode,
    /// Anything else: never expected.
    Unexpected(String),
    Panicked,
    Hung,
}

impl Outcome {
    /// The outcome of a call, and its error as `Display` and `Debug` show it.
    fn of(result: Result<banking_core::Result<()>, tokio::task::JoinError>) -> (Outcome, String) {
        match result {
            Err(join) if join.is_panic() => (Outcome::Panicked, String::new()),
            Err(join) => (Outcome::Unexpected(join.to_string()), String::new()),
            Ok(Ok(())) => (Outcome::Ok, String::new()),
            Ok(Err(error)) => (Outcome::of_error(&error), format!("{error}\n{error:?}")),
        }
    }

    fn of_error(error: &Error) -> Outcome {
        let with_id = |outcome: Outcome| {
            if error.request_id() == Some(REQUEST_ID) {
                outcome
            } else {
                Outcome::Unexpected(format!("no request id: {error:?}"))
            }
        };
        match error {
            Error::Api(api) => with_id(Outcome::Api(api.status)),
            Error::Decode(_) => with_id(Outcome::Decode),
            Error::Auth(_) => Outcome::Auth(error.status()),
            Error::Transport(_) => Outcome::Transport,
            Error::Timeout(_) => Outcome::Timeout,
            Error::OutcomeUnknown(_) => Outcome::Unknown,
            other => Outcome::Unexpected(format!("{other:?}")),
        }
    }

    pub(crate) fn label(&self) -> String {
        match self {
            Outcome::Ok => "ok".to_owned(),
            Outcome::Api(status) => format!("`Api` {status}"),
            Outcome::Auth(Some(status)) => format!("`Auth` {status}"),
            Outcome::Auth(None) => "`Auth`".to_owned(),
            Outcome::Transport => "`Transport`".to_owned(),
            Outcome::Timeout => "`Timeout`".to_owned(),
            Outcome::Unknown => "`OutcomeUnknown`".to_owned(),
            Outcome::Decode => "`Decode`".to_owned(),
            Outcome::Unexpected(what) => format!("unexpected: {what}"),
            Outcome::Panicked => "PANICKED".to_owned(),
            Outcome::Hung => "HUNG".to_owned(),
        }
    }
}

/// What a cell observed: the outcome of each call it made, and the
/// requests the server received on the API path under test and on the
/// token paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Observed {
    pub(crate) outcomes: Vec<Outcome>,
    pub(crate) api_requests: usize,
    pub(crate) token_requests: usize,
    /// Every error, formatted with `{}` and `{:?}`, and the client's `Debug`.
    pub(crate) rendered: Vec<String>,
}

/// What a cell must observe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expected {
    pub(crate) outcomes: Vec<Outcome>,
    pub(crate) api_requests: usize,
}

/// The expected outcome of every cell: one rule for all providers, and the
/// few departures a provider's documented behaviour explains; `None` where
/// the fault cannot reach the call.
pub(crate) fn expected(provider: &Provider, fault: Fault, op: Op) -> Option<Expected> {
    use Outcome::*;
    let read = op == Op::Read;
    let (outcomes, api_requests) = match fault {
        // Connect's data calls carry a static `x-api-key`: no token
        // endpoint stands between them and the API.
        Fault::Token500 | Fault::TokenInvalidJson | Fault::TokenHangs
            if provider.name == "Flinks Connect" && read =>
        {
            return None;
        }
        // Nothing reaches the server; the token request is the first to fail.
        Fault::ConnectionRefused => (vec![Transport], 0),
        // A read is resent; a write may have taken effect and is not.
        Fault::ResetBeforeResponse | Fault::ResetMidBody | Fault::SlowBody if read => (vec![Ok], 2),
        Fault::ResetBeforeResponse | Fault::ResetMidBody | Fault::SlowBody => (vec![Unknown], 1),
        // Linxo's create reads the new id from `Location`, not the body.
        Fault::TruncatedJson if provider.name == "Linxo" && !read => (vec![Ok], 1),
        Fault::TruncatedJson | Fault::Empty200 => (vec![Decode], 1),
        Fault::Html5xx if read => (vec![Api(502)], providers::MAX_ATTEMPTS as usize),
        Fault::Html5xx => (vec![Api(502)], 1),
        // An error status is an answer: a write is reported, never resent.
        Fault::RetryAfterSeconds | Fault::RetryAfterDate if read => (vec![Ok], 2),
        Fault::RetryAfterSeconds | Fault::RetryAfterDate => (vec![Api(429)], 1),
        Fault::UnavailableThenOk if read => (vec![Ok], 2),
        Fault::UnavailableThenOk => (vec![Api(503)], 1),
        Fault::Token500 => (vec![Auth(Some(500)), Ok], 1),
        Fault::TokenInvalidJson => (vec![Auth(Some(200)), Ok], 1),
        Fault::TokenHangs => (vec![Timeout, Ok], 1),
        // Pay tokens, and Connect's authorize tokens, are single-use, and
        // Connect's `x-api-key` is static: there is no session to renew,
        // so the 401 is the answer.
        Fault::UnauthorizedMidSession
            if provider.name == "Flinks Pay" || provider.name == "Flinks Connect" =>
        {
            (vec![Ok, Api(401)], if read { 2 } else { 1 })
        }
        // A 401 is refused before any effect: the call is sent once more
        // with a fresh token, a write included (one refused, one executed).
        Fault::UnauthorizedMidSession if read => (vec![Ok, Ok], 3),
        Fault::UnauthorizedMidSession => (vec![Ok, Ok], 2),
        Fault::UnknownFieldsAndEnums => (vec![Ok], 1),
    };
    Some(Expected {
        outcomes,
        api_requests,
    })
}

/// Cuts `body` in half (an empty body becomes the start of an object).
fn truncated(body: &str) -> String {
    if body.is_empty() {
        return r#"{"id": "#.to_owned();
    }
    body[..body.len() / 2].to_owned()
}

const HTML_502: &str = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server is unreachable.</p></body></html>";

/// The healthy body with an unknown field in every object and every
/// server enum set to a value no client knows.
fn with_unknowns(endpoint: &providers::Endpoint) -> String {
    if endpoint.body.is_empty() {
        return String::new();
    }
    let mut value: serde_json::Value = serde_json::from_str(endpoint.body).expect("fixture JSON");
    fn widen(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.values_mut().for_each(widen);
                map.insert(
                    "fieldFromTheFuture".to_owned(),
                    serde_json::json!({"nested": [1, "two", null]}),
                );
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(widen),
            _ => {}
        }
    }
    widen(&mut value);
    for pointer in endpoint.enums {
        *value
            .pointer_mut(pointer)
            .expect("the enum is in the fixture") = serde_json::json!("VALUE_FROM_THE_FUTURE");
    }
    value.to_string()
}

/// Runs one cell: scripts a fresh server, builds a fresh client, makes the
/// cell's calls.
pub(crate) async fn run_cell(provider: &'static Provider, fault: Fault, op: Op) -> Observed {
    let server = FaultServer::start().await;
    let endpoint = match op {
        Op::Read => provider.read,
        Op::Write => provider.write,
    };
    let healthy_token_body = (provider.token_body)();
    let healthy_token = Reply::json(200, healthy_token_body.clone());
    let script_tokens = |reply: &Reply| {
        for path in provider.token_paths {
            server.script(path, vec![reply.clone()]);
        }
    };
    script_tokens(&healthy_token);
    server.script(provider.read.path, vec![provider.read.ok()]);
    server.script(provider.write.path, vec![provider.write.ok()]);
    let api = |replies: Vec<Reply>| server.script(endpoint.path, replies);

    let base = if fault == Fault::ConnectionRefused {
        format!("http://{}/", FaultServer::refusing_addr().await)
            .parse()
            .expect("a URL")
    } else {
        server.url()
    };
    let client: std::sync::Arc<dyn providers::Client> = (provider.connect)(&base).into();
    let call = |op: Op| {
        let client = client.clone();
        async move {
            let task = tokio::spawn(async move {
                match op {
                    Op::Read => client.read().await,
                    Op::Write => client.write().await,
                }
            });
            match tokio::time::timeout(CELL_BOUND, task).await {
                Ok(joined) => Outcome::of(joined),
                Err(_) => (Outcome::Hung, String::new()),
            }
        }
    };

    let mut calls = Vec::new();
    match fault {
        Fault::ConnectionRefused => {}
        Fault::ResetBeforeResponse => api(vec![Reply::Reset, endpoint.ok()]),
        Fault::ResetMidBody => {
            let body = endpoint.body.as_bytes();
            api(vec![
                Reply::partial_body(body.len() + 64, &truncated(endpoint.body), Duration::ZERO),
                endpoint.ok(),
            ]);
        }
        Fault::TruncatedJson => api(vec![endpoint.with_body(&truncated(endpoint.body))]),
        Fault::Html5xx => api(vec![Reply::Http {
            status: 502,
            headers: vec![("content-type", "text/html; charset=utf-8".to_owned())],
            body: HTML_502.as_bytes().to_vec(),
        }]),
        Fault::Empty200 => api(vec![Reply::json(endpoint.status, "")]),
        Fault::RetryAfterSeconds => api(vec![
            Reply::json(429, r#"{"error":"too many requests"}"#).with_header("retry-after", "1"),
            endpoint.ok(),
        ]),
        Fault::RetryAfterDate => {
            let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(1));
            api(vec![
                Reply::json(429, r#"{"error":"too many requests"}"#).with_header("retry-after", at),
                endpoint.ok(),
            ]);
        }
        Fault::UnavailableThenOk => api(vec![
            Reply::json(503, r#"{"error":"unavailable"}"#),
            endpoint.ok(),
        ]),
        Fault::SlowBody => api(vec![
            Reply::partial_body(
                endpoint.body.len() + 64,
                &truncated(endpoint.body),
                Duration::from_secs(60),
            ),
            endpoint.ok(),
        ]),
        Fault::Token500 | Fault::TokenInvalidJson | Fault::TokenHangs => {
            script_tokens(&match fault {
                Fault::Token500 => Reply::json(500, r#"{"error":"server_error"}"#),
                // The start of a real token answer: what a decode error
                // would show.
                Fault::TokenInvalidJson => Reply::json(200, truncated(&healthy_token_body)),
                _ => Reply::Hang,
            });
            calls.push(call(op).await);
            script_tokens(&healthy_token);
        }
        Fault::UnauthorizedMidSession => {
            calls.push(call(Op::Read).await);
            // Where a refresh has an endpoint of its own, it is refused
            // too: the client falls back to a full login.
            for path in &provider.token_paths[1..] {
                server.script(path, vec![Reply::json(401, r#"{"error":"invalid_grant"}"#)]);
            }
            let unauthorized = Reply::json(401, r#"{"error":"invalid_token"}"#);
            api(vec![unauthorized, endpoint.ok()]);
        }
        Fault::UnknownFieldsAndEnums => api(vec![endpoint.with_body(&with_unknowns(&endpoint))]),
    }
    calls.push(call(op).await);

    let received = server.received();
    let (outcomes, mut rendered): (Vec<_>, Vec<_>) = calls.into_iter().unzip();
    rendered.push(client.debug());
    Observed {
        outcomes,
        rendered,
        api_requests: received
            .iter()
            .filter(|r| r.path() == endpoint.path)
            .count(),
        token_requests: received
            .iter()
            .filter(|r| provider.token_paths.contains(&r.path()))
            .count(),
    }
}

/// Every cell of the matrix, checked, and the report they make.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_matrix_holds_and_its_report_is_current() {
    let mut cells = Vec::new();
    for provider in &MATRIX {
        for fault in FAULTS {
            for op in [Op::Read, Op::Write] {
                if expected(provider, fault, op).is_none() {
                    continue;
                }
                cells.push(tokio::spawn(async move {
                    (provider, fault, op, run_cell(provider, fault, op).await)
                }));
            }
        }
    }
    let mut results = Vec::new();
    for cell in cells {
        results.push(cell.await.expect("a cell's runner does not panic"));
    }

    let failures: Vec<String> = results
        .iter()
        .filter_map(|(provider, fault, op, observed)| {
            let want = expected(provider, *fault, *op).expect("only expected cells run");
            (want.outcomes != observed.outcomes || want.api_requests != observed.api_requests)
                .then(|| {
                    format!(
                        "{} / {:?} / {:?}: expected {:?} with {} API request(s), observed {:?} with {}",
                        provider.name,
                        fault,
                        op,
                        want.outcomes,
                        want.api_requests,
                        observed.outcomes,
                        observed.api_requests
                    )
                })
        })
        .collect();
    let mut paging_cells = Vec::new();
    for paged in &paging::PAGED {
        for fault in paging::LOOPS {
            if paging::expected(paged, fault).is_some() {
                paging_cells.push(tokio::spawn(async move {
                    (paged, fault, paging::run(paged, fault).await)
                }));
            }
        }
    }
    let mut paging_results = Vec::new();
    for cell in paging_cells {
        paging_results.push(cell.await.expect("a paging cell does not panic"));
    }
    let failures: Vec<String> = failures
        .into_iter()
        .chain(paging_results.iter().filter_map(|(paged, fault, ended)| {
            let want = paging::expected(paged, *fault).expect("only expected cells run");
            (want != *ended).then(|| {
                format!(
                    "{} / paging {fault:?}: expected {want:?}, observed {ended:?}",
                    paged.name()
                )
            })
        }))
        .collect();
    // The report is written (when asked) before the cells are judged, so
    // that it shows a failing run too; it is compared only once they pass.
    let text = report::render(&results) + &paging::render(&paging_results);
    let updated = report::update(&text);
    assert!(
        failures.is_empty(),
        "{} cell(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    if !updated {
        report::check(&text);
    }
}
