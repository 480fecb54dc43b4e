//! The SDK's performance figures, each against its baseline in the same
//! process.
//!
//! `cargo run --release -p tests --bin bench` measures, on a loopback HTTP
//! server of its own (a few dozen lines, so its cost does not hide the
//! SDK's):
//!
//! | figure | SDK | baseline |
//! |---|---|---|
//! | `overhead_ratio` | Linkcy `transactions().get(id)`, warm token | reqwest + serde_json into an equivalent struct |
//! | `list_overhead_ratio` | Linkcy `transactions().list` of 100 items | the same, for the page |
//! | `decode_speedup_*` | `banking_core::json::from_slice` into the SDK's types | `serde_json::Value` (time of the baseline / time of the SDK) |
//! | `floor_ratio_*` | the same | hand-written structs with exact decimals (floor time / SDK time) |
//! | `prefetch_speedup` | a Linkcy stream one page ahead (the default), 2 ms server, 1 ms consumer per page | the same stream with prefetch off |
//! | `prefetch_speedup_concurrent` | the same stream with 4 pages in flight (`StreamOptions::concurrent_pages`) | the same stream with prefetch off |
//! | `paging_peak_rss_*` | peak resident memory streaming 100 k and 1 M items | |
//! | `token_requests` | logins for 1,000 cold concurrent calls, with their p99 | |
//!
//! Rounds alternate between the SDK and its baseline so that machine noise
//! falls on both; each figure is the median over rounds, printed with the
//! spread of the per-round ratios. The last line holds every figure as
//! `name=value` pairs.
//!
//! `--quick` runs fewer, smaller rounds and exits non-zero only on a gross
//! regression: a ratio twice its goal (the goal `overhead_ratio <= 1.03`
//! fails above 2.06, `decode_speedup >= 2.0` below 1.0), or more than one
//! token request. Loopback timings on a shared machine swing by tens of per
//! cent between runs, so a tighter gate would fail on noise; and a figure
//! that is grossly off is measured once more, all figures again, so that one
//! burst of load on the machine does not read as a regression: the run fails
//! only if the second measurement is grossly off too.
#![allow(clippy::print_stdout, clippy::float_arithmetic)] // a benchmark prints ratios

use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use banking_core::pagination::StreamOptions;
use futures::{StreamExt, TryStreamExt};
use linkcy_client::{
    Environment, LinkcyClient, LinkcyCredentials, LoginRequest, TransactionFilter,
};
use secrecy::SecretString;

mod baseline;
mod bodies;
mod server;

use server::{Scenario, Server};

/// Rounds and sizes of one run.
struct Plan {
    quick: bool,
    rounds: usize,
    calls_per_round: usize,
    flinks_transactions: usize,
    decode_rounds: usize,
    prefetch_pages: u32,
    prefetch_rounds: usize,
    memory_items: [u64; 2],
    cold_calls: usize,
    cold_rounds: usize,
}

impl Plan {
    fn new(quick: bool) -> Self {
        if quick {
            Plan {
                quick,
                rounds: 9,
                calls_per_round: 30,
                flinks_transactions: 10_000,
                decode_rounds: 5,
                prefetch_pages: 100,
                prefetch_rounds: 3,
                memory_items: [10_000, 100_000],
                cold_calls: 1_000,
                cold_rounds: 1,
            }
        } else {
            Plan {
                quick,
                rounds: 21,
                calls_per_round: 100,
                // About 17 MB of body.
                flinks_transactions: 85_000,
                decode_rounds: 9,
                prefetch_pages: 1_000,
                prefetch_rounds: 3,
                memory_items: [100_000, 1_000_000],
                cold_calls: 1_000,
                cold_rounds: 5,
            }
        }
    }
}

/// A figure, its goal and how its rounds spread.
struct Figure {
    name: &'static str,
    value: f64,
    /// `(ratio is at most, goal)` or `(ratio is at least, goal)`.
    goal: Option<Goal>,
    spread: Option<(f64, f64)>,
}

#[derive(Clone, Copy)]
enum Goal {
    AtMost(f64),
    AtLeast(f64),
}

impl Goal {
    fn met(self, value: f64) -> bool {
        match self {
            Goal::AtMost(goal) => value <= goal,
            Goal::AtLeast(goal) => value >= goal,
        }
    }

    /// A ratio twice its goal (or half of it, for a lower bound).
    fn grossly_missed(self, value: f64) -> bool {
        match self {
            Goal::AtMost(goal) => value > 2.0 * goal,
            Goal::AtLeast(goal) => value < goal / 2.0,
        }
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Median time per call of `sdk` and `base` over alternating rounds, and
/// the lowest and highest per-round ratio `sdk / base`.
async fn interleave<A, B, FA, FB>(
    rounds: usize,
    per_round: usize,
    mut sdk: A,
    mut base: B,
) -> (Duration, Duration, (f64, f64))
where
    A: FnMut() -> FA,
    B: FnMut() -> FB,
    FA: Future<Output = ()>,
    FB: Future<Output = ()>,
{
    let (mut s, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate which side goes first, so neither always runs warmer.
        let mut times = [0.0; 2];
        for side in [round % 2, 1 - round % 2] {
            let start = Instant::now();
            for _ in 0..per_round {
                if side == 0 {
                    sdk().await;
                } else {
                    base().await;
                }
            }
            times[side] = start.elapsed().as_secs_f64() / per_round as f64;
        }
        s.push(times[0]);
        b.push(times[1]);
        ratios.push(times[0] / times[1]);
    }
    let spread = (
        ratios.iter().copied().fold(f64::INFINITY, f64::min),
        ratios.iter().copied().fold(0.0, f64::max),
    );
    (
        Duration::from_secs_f64(median(&mut s)),
        Duration::from_secs_f64(median(&mut b)),
        spread,
    )
}

fn linkcy_client(server: &Server) -> LinkcyClient {
    linkcy_client_with(server, StreamOptions::default())
}

fn linkcy_client_with(server: &Server, stream_options: StreamOptions) -> LinkcyClient {
    LinkcyClient::builder()
        .stream_options(stream_options)
        .environment(Environment::Custom(server.url()))
        .credentials(LinkcyCredentials::login(LoginRequest::partner(
            "bench",
            "bench",
            SecretString::from("bench-password"),
        )))
        .build()
        .expect("a valid client")
}

async fn call_overhead(plan: &Plan, server: &Server, figures: &mut Vec<Figure>) {
    server.set(Scenario::default());
    let client = linkcy_client(server);
    let raw = baseline::Raw::new(server);
    let id = bodies::TRANSACTION_ID.parse().expect("a UUID");
    let filter = TransactionFilter::new().page_size(100);
    let sdk_get = || async {
        std::hint::black_box(client.transactions().get(id).await.expect("get"));
    };
    let raw_get = || async {
        std::hint::black_box(raw.get().await);
    };
    let sdk_list = || async {
        std::hint::black_box(client.transactions().list(&filter).await.expect("list"));
    };
    let raw_list = || async {
        std::hint::black_box(raw.list().await);
    };
    // Warm both pools and the token.
    for _ in 0..20 {
        sdk_get().await;
        raw_get().await;
        sdk_list().await;
        raw_list().await;
    }
    let (s, b, spread) = interleave(plan.rounds, plan.calls_per_round, sdk_get, raw_get).await;
    println!("get by id (warm token): SDK {s:?}, raw reqwest + serde {b:?} per call");
    figures.push(Figure {
        name: "overhead_ratio",
        value: s.as_secs_f64() / b.as_secs_f64(),
        goal: Some(Goal::AtMost(1.03)),
        spread: Some(spread),
    });
    // Every SDK attempt runs under a deadline (60 s by default); the raw
    // call has none. The same raw call under a tokio deadline of the same
    // length shows what the SDK costs beyond having one: the timer wakes
    // the I/O driver once per call, on both sides.
    let raw_get_deadline = || async {
        let deadline = tokio::time::timeout(Duration::from_secs(60), raw.get());
        std::hint::black_box(deadline.await.expect("answered in time"));
    };
    let (s, b, spread) =
        interleave(plan.rounds, plan.calls_per_round, sdk_get, raw_get_deadline).await;
    println!("get by id (warm token): SDK {s:?}, raw under the same deadline {b:?} per call");
    figures.push(Figure {
        name: "overhead_ratio_same_deadline",
        value: s.as_secs_f64() / b.as_secs_f64(),
        goal: None,
        spread: Some(spread),
    });
    let (s, b, spread) = interleave(plan.rounds, plan.calls_per_round, sdk_list, raw_list).await;
    println!("100-item page: SDK {s:?}, raw reqwest + serde {b:?} per call");
    figures.push(Figure {
        name: "list_overhead_ratio",
        value: s.as_secs_f64() / b.as_secs_f64(),
        goal: Some(Goal::AtMost(1.05)),
        spread: Some(spread),
    });
}

/// Decodes `body` into the SDK's type, `Value` and the hand-written floor,
/// in alternating order, and adds the two ratios.
fn decode_figures<Sdk, Floor>(
    label: &str,
    names: [&'static str; 2],
    speedup_goal: f64,
    body: &[u8],
    rounds: usize,
    figures: &mut Vec<Figure>,
) where
    Sdk: serde::de::DeserializeOwned,
    Floor: for<'de> serde::Deserialize<'de>,
{
    let per_round = (4_000_000 / body.len()).clamp(1, 200);
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..per_round {
            f();
        }
        start.elapsed().as_secs_f64() / per_round as f64
    };
    let sdk = || {
        std::hint::black_box(banking_core::json::from_slice::<Sdk>(body).expect("SDK decode"));
    };
    let value = || {
        std::hint::black_box(serde_json::from_slice::<serde_json::Value>(body).expect("Value"));
    };
    let floor = || {
        std::hint::black_box(serde_json::from_slice::<Floor>(body).expect("floor decode"));
    };
    sdk();
    let (mut s, mut v, mut f) = (Vec::new(), Vec::new(), Vec::new());
    let (mut speedups, mut floors) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let (ts, tv, tf) = if round % 2 == 0 {
            (time(&sdk), time(&value), time(&floor))
        } else {
            let (tf, tv) = (time(&floor), time(&value));
            (time(&sdk), tv, tf)
        };
        s.push(ts);
        v.push(tv);
        f.push(tf);
        speedups.push(tv / ts);
        floors.push(tf / ts);
    }
    let spread = |r: &[f64]| {
        (
            r.iter().copied().fold(f64::INFINITY, f64::min),
            r.iter().copied().fold(0.0, f64::max),
        )
    };
    let (ms, mv, mf) = (median(&mut s), median(&mut v), median(&mut f));
    println!(
        "decode {label} ({} KiB): SDK {:?}, serde_json::Value {:?}, hand-written floor {:?}",
        body.len() / 1024,
        Duration::from_secs_f64(ms),
        Duration::from_secs_f64(mv),
        Duration::from_secs_f64(mf),
    );
    figures.push(Figure {
        name: names[0],
        value: mv / ms,
        goal: Some(Goal::AtLeast(speedup_goal)),
        spread: Some(spread(&speedups)),
    });
    figures.push(Figure {
        name: names[1],
        value: mf / ms,
        goal: Some(Goal::AtLeast(0.9)),
        spread: Some(spread(&floors)),
    });
}

fn decoding(plan: &Plan, figures: &mut Vec<Figure>) {
    let flinks = bodies::flinks_accounts_detail(plan.flinks_transactions);
    decode_figures::<flinks_client::connect::AccountsDetail, baseline::flinks::AccountsDetail>(
        "Flinks accounts detail",
        ["decode_speedup_flinks", "floor_ratio_flinks"],
        2.0,
        &flinks,
        plan.decode_rounds,
        figures,
    );
    drop(flinks);
    let linkcy = bodies::linkcy_page(100, 0, 100);
    decode_figures::<linkcy_client::LinkcyPage<linkcy_client::Transaction>, baseline::linkcy::Page>(
        "100 Linkcy transactions",
        ["decode_speedup_linkcy", "floor_ratio_linkcy"],
        1.5,
        &linkcy,
        plan.rounds,
        figures,
    );
}

/// Streams a Linkcy listing of `pages` pages of 10 through `client`,
/// spending 1 ms per page as a consumer would.
async fn stream_with_consumer(client: &LinkcyClient, pages: u32) -> Duration {
    let start = Instant::now();
    let mut stream = std::pin::pin!(
        client
            .transactions()
            .stream(TransactionFilter::new().page_size(10))
    );
    let mut items = 0u64;
    while let Some(item) = stream.next().await {
        item.expect("stream item");
        items += 1;
        if items.is_multiple_of(10) {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    assert_eq!(items, u64::from(pages) * 10, "every item streamed once");
    start.elapsed()
}

/// Page requests in flight for `prefetch_speedup_concurrent`.
const CONCURRENT_PAGES: usize = 4;

/// The same listing read sequentially, with one page fetched ahead (the
/// default) and with [`CONCURRENT_PAGES`] requests in flight, interleaved
/// round by round (each round in another order).
async fn prefetch(plan: &Plan, server: &Server, figures: &mut Vec<Figure>) {
    let pages = plan.prefetch_pages;
    let listing = |pages: u32| Scenario {
        stream_total: u64::from(pages) * 10,
        page_delay: Duration::from_millis(2),
        ..Scenario::default()
    };
    let clients = [
        linkcy_client_with(server, StreamOptions::new().prefetch(false)),
        linkcy_client(server),
        linkcy_client_with(
            server,
            StreamOptions::new().concurrent_pages(CONCURRENT_PAGES),
        ),
    ];
    // Warm the connection pools (the concurrent client opens several).
    server.set(listing(20));
    for client in &clients {
        stream_with_consumer(client, 20).await;
    }
    server.set(listing(pages));
    let mut times: [Vec<f64>; 3] = Default::default();
    let (mut ahead, mut concurrent) = (Vec::new(), Vec::new());
    for round in 0..plan.prefetch_rounds {
        let mut took = [0.0; 3];
        for side in (0..3).map(|i| (i + round) % 3) {
            let time = stream_with_consumer(&clients[side], pages).await;
            took[side] = time.as_secs_f64();
            times[side].push(took[side]);
        }
        ahead.push(took[0] / took[1]);
        concurrent.push(took[0] / took[2]);
    }
    let spread = |ratios: &[f64]| {
        (
            ratios.iter().copied().fold(f64::INFINITY, f64::min),
            ratios.iter().copied().fold(0.0, f64::max),
        )
    };
    let [off, one, many] = times.map(|mut t| Duration::from_secs_f64(median(&mut t)));
    let (ahead_spread, concurrent_spread) = (spread(&ahead), spread(&concurrent));
    let (ahead_ratio, concurrent_ratio) = (median(&mut ahead), median(&mut concurrent));
    println!(
        "{pages} pages, 2 ms server, 1 ms consumer: sequential {off:?}, one page ahead {one:?} \
         ({ahead_ratio:.2}x), {CONCURRENT_PAGES} in flight {many:?} ({concurrent_ratio:.2}x)"
    );
    figures.push(Figure {
        name: "sequential_stream_ms",
        value: off.as_secs_f64() * 1e3,
        goal: None,
        spread: None,
    });
    figures.push(Figure {
        name: "prefetch_speedup",
        value: ahead_ratio,
        goal: Some(Goal::AtLeast(1.4)),
        spread: Some(ahead_spread),
    });
    figures.push(Figure {
        name: "prefetch_speedup_concurrent",
        value: concurrent_ratio,
        goal: Some(Goal::AtLeast(2.0)),
        spread: Some(concurrent_spread),
    });
}

/// Peak resident memory while streaming `items` small items, when the
/// platform can reset its high-water mark (Linux).
async fn peak_rss_streaming(client: &LinkcyClient, server: &Server, items: u64) -> Option<f64> {
    server.set(Scenario {
        stream_total: items,
        ..Scenario::default()
    });
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    let count = client
        .transactions()
        .stream(TransactionFilter::new().page_size(100))
        .try_fold(0u64, |n, _| async move { Ok(n + 1) })
        .await
        .expect("stream");
    assert_eq!(count, items);
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

async fn memory(plan: &Plan, server: &Server, figures: &mut Vec<Figure>) {
    let client = linkcy_client(server);
    let [small, large] = plan.memory_items;
    let (Some(a), Some(b)) = (
        peak_rss_streaming(&client, server, small).await,
        peak_rss_streaming(&client, server, large).await,
    ) else {
        println!("paging peak memory: not measured (needs Linux /proc)");
        return;
    };
    println!("paging peak RSS: {a:.1} MiB at {small} items, {b:.1} MiB at {large}");
    figures.push(Figure {
        name: "paging_peak_rss_small_mib",
        value: a,
        goal: None,
        spread: None,
    });
    figures.push(Figure {
        name: "paging_peak_rss_large_mib",
        value: b,
        goal: None,
        spread: None,
    });
    figures.push(Figure {
        name: "paging_memory_ratio",
        value: b / a,
        // Flat: ten times the items may not cost more than a tenth more.
        goal: Some(Goal::AtMost(1.1)),
        spread: None,
    });
}

async fn cold_token(plan: &Plan, server: &Server, figures: &mut Vec<Figure>) {
    server.set(Scenario {
        login_delay: Duration::from_millis(5),
        ..Scenario::default()
    });
    let id = bodies::TRANSACTION_ID.parse().expect("a UUID");
    let (mut logins, mut p99s) = (0, Vec::new());
    for _ in 0..plan.cold_rounds {
        let client = linkcy_client(server);
        let before = server.logins();
        let calls = (0..plan.cold_calls).map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let start = Instant::now();
                client.transactions().get(id).await.expect("cold get");
                start.elapsed()
            })
        });
        let mut latencies: Vec<Duration> = futures::future::try_join_all(calls)
            .await
            .expect("no call panics");
        latencies.sort();
        p99s.push(latencies[latencies.len() * 99 / 100].as_secs_f64() * 1e3);
        logins = logins.max(server.logins() - before);
    }
    let p99 = median(&mut p99s);
    println!(
        "{} cold concurrent calls: {logins} token request(s), p99 {p99:.1} ms",
        plan.cold_calls
    );
    figures.push(Figure {
        name: "token_requests",
        value: logins as f64,
        goal: Some(Goal::AtMost(1.0)),
        spread: None,
    });
    figures.push(Figure {
        name: "cold_p99_ms",
        value: p99,
        goal: None,
        spread: None,
    });
}

impl Figure {
    /// Whether the figure misses its goal by a factor of two or more.
    fn gross(&self) -> bool {
        self.goal.is_some_and(|goal| {
            goal.grossly_missed(self.value) || (self.name == "token_requests" && self.value > 1.0)
        })
    }
}

fn report(plan: &Plan, figures: &[Figure]) -> ExitCode {
    println!();
    let mut failed = false;
    for figure in figures {
        let verdict = match figure.goal {
            None => String::new(),
            Some(goal) => {
                let gross = figure.gross();
                failed |= plan.quick && gross;
                let target = match goal {
                    Goal::AtMost(g) => format!("goal <= {g}"),
                    Goal::AtLeast(g) => format!("goal >= {g}"),
                };
                let state = if goal.met(figure.value) {
                    "met"
                } else if gross {
                    "GROSS REGRESSION"
                } else {
                    "not met"
                };
                format!("  ({target}: {state})")
            }
        };
        let spread = figure
            .spread
            .map(|(lo, hi)| format!("  rounds {lo:.3}..{hi:.3}"))
            .unwrap_or_default();
        println!(
            "{:<28} {:>10.3}{verdict}{spread}",
            figure.name, figure.value
        );
    }
    let summary: Vec<String> = figures
        .iter()
        .map(|f| format!("{}={:.3}", f.name, f.value))
        .collect();
    println!("{}", summary.join(" "));
    if failed {
        println!("bench --quick: a ratio is twice its goal away");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let plan = Plan::new(quick);
    let server = Arc::new(Server::start());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let mut figures = measure(&plan, &server, &runtime);
    if plan.quick && figures.iter().any(Figure::gross) {
        println!();
        println!("bench --quick: a figure is grossly off; measuring everything once more");
        figures = measure(&plan, &server, &runtime);
    }
    report(&plan, &figures)
}

/// Every figure, measured once.
fn measure(plan: &Plan, server: &Arc<Server>, runtime: &tokio::runtime::Runtime) -> Vec<Figure> {
    let mut figures = Vec::new();
    decoding(plan, &mut figures);
    runtime.block_on(async {
        call_overhead(plan, server, &mut figures).await;
        prefetch(plan, server, &mut figures).await;
        memory(plan, server, &mut figures).await;
        cold_token(plan, server, &mut figures).await;
    });
    figures
}
