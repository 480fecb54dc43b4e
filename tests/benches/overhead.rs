//! Overhead of the SDK against a baseline of raw reqwest + serde, measured
//! in the same process:
//!
//! 1. a GET and decode through the transport against the same local server;
//! 2. decoding a page of Linkcy transactions into the SDK's typed, exact
//!    model against serde into a struct with `f64` amounts.
//!
//! Run with `cargo bench -p tests`. Prints the median time of each path and
//! their ratio; rounds alternate between the two paths so that machine
//! noise affects both alike.
#![allow(clippy::print_stdout, clippy::float_arithmetic, missing_docs)] // a benchmark reports ratios on stdout

use std::time::{Duration, Instant};

use banking_core::transport::{Request, Transport};
use serde::Deserialize;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Deserialize)]
#[allow(dead_code)] // fields are decoded to measure decoding, not read
struct Page {
    content: Vec<Item>,
    #[serde(rename = "totalElements")]
    total_elements: u64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    id: String,
    reference: String,
    status: String,
}

const ROUNDS: usize = 15;
const CALLS_PER_ROUND: usize = 100;

fn body() -> String {
    let items: Vec<String> = (0..100)
        .map(|i| {
            format!(r#"{{"id":"3fa85f64-5717-4562-b3fc-{i:012}","reference":"Invoice {i}","status":"APPROVED"}}"#)
        })
        .collect();
    format!(r#"{{"content":[{}],"totalElements":100}}"#, items.join(","))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// What a quick integration would decode: strings and `f64` amounts.
#[derive(Deserialize)]
#[allow(dead_code)]
struct LossyPage {
    content: Vec<LossyTransaction>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct LossyTransaction {
    id: String,
    status: String,
    creation_date: String,
    amount: f64,
    currency: String,
}

/// A page of `n` copies of the Linkcy transaction sample.
fn linkcy_page(n: usize) -> Vec<u8> {
    let sample =
        include_str!("../../linkcy-client/fixtures/schema_built_transactions_get_200.json");
    let items = vec![sample.trim(); n].join(",");
    format!(r#"{{"content":[{items}],"totalElements":{n},"page":0,"pageSize":{n}}}"#).into_bytes()
}

/// Median time of `f` over alternating rounds with `g`.
fn alternate(
    rounds: usize,
    per_round: usize,
    mut f: impl FnMut(),
    mut g: impl FnMut(),
) -> (Duration, Duration) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..per_round {
            f();
        }
        a.push(start.elapsed() / per_round as u32);
        let start = Instant::now();
        for _ in 0..per_round {
            g();
        }
        b.push(start.elapsed() / per_round as u32);
    }
    (median(a), median(b))
}

fn decode_benchmark() {
    let body = linkcy_page(100);
    let sdk = || {
        std::hint::black_box(
            banking_core::json::from_slice::<linkcy_client::LinkcyPage<linkcy_client::Transaction>>(
                &body,
            )
            .unwrap(),
        );
    };
    println!(
        "decode of 100 Linkcy transactions ({} KiB)",
        body.len() / 1024
    );
    // Every field, untyped, amounts as f64: the same work minus the types.
    let (b, s) = alternate(
        ROUNDS,
        CALLS_PER_ROUND,
        || {
            std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&body).unwrap());
        },
        sdk,
    );
    println!("  baseline (serde_json::Value, every field): {b:?}");
    println!("  SDK model (exact decimals, enums, ids, dates): {s:?}");
    println!(
        "  ratio sdk/baseline: {:.3}",
        s.as_nanos() as f64 / b.as_nanos() as f64
    );
    // Five fields, amounts as f64: what a quick integration would keep.
    let (b, s) = alternate(
        ROUNDS,
        CALLS_PER_ROUND,
        || {
            std::hint::black_box(serde_json::from_slice::<LossyPage>(&body).unwrap());
        },
        sdk,
    );
    println!("  baseline (5 fields, f64 amounts): {b:?}");
    println!("  SDK model: {s:?}");
    println!(
        "  ratio sdk/baseline: {:.3}",
        s.as_nanos() as f64 / b.as_nanos() as f64
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    decode_benchmark();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body(), "application/json"))
        .mount(&server)
        .await;
    let url = format!("{}/api/partner/transactions", server.uri());
    let raw = reqwest::Client::new();
    let sdk = Transport::builder(server.uri().parse().unwrap())
        .build()
        .unwrap();

    let baseline = || async {
        let bytes = raw.get(&url).send().await.unwrap().bytes().await.unwrap();
        serde_json::from_slice::<Page>(&bytes).unwrap()
    };
    let through_sdk = || async {
        sdk.send_json::<Page>(Request::get("/api/partner/transactions").query("page", 0))
            .await
            .unwrap()
    };
    for _ in 0..50 {
        baseline().await;
        through_sdk().await;
    }
    let (mut base_t, mut sdk_t) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..CALLS_PER_ROUND {
            baseline().await;
        }
        base_t.push(start.elapsed() / CALLS_PER_ROUND as u32);
        let start = Instant::now();
        for _ in 0..CALLS_PER_ROUND {
            through_sdk().await;
        }
        sdk_t.push(start.elapsed() / CALLS_PER_ROUND as u32);
    }
    let (b, s) = (median(base_t), median(sdk_t));
    println!(
        "GET + decode of a 100-item page ({} rounds x {} calls)",
        ROUNDS, CALLS_PER_ROUND
    );
    println!("  baseline (reqwest + serde_json): {b:?} per call");
    println!("  banking-core Transport:          {s:?} per call");
    println!(
        "  ratio sdk/baseline: {:.3}",
        s.as_nanos() as f64 / b.as_nanos() as f64
    );
}
