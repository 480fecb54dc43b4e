//! Scripted answers a simulator gives before its normal behaviour.
//!
//! Every provider simulator mounts one [`Scenarios`] over its API paths
//! and offers the same helpers on top of it: `fail_next_call` (a
//! [`SimulatedError`] in the provider's error body) and, where the provider
//! has them, `require_sca` and `answer_pending` (each a [`Countdown`] the
//! simulator's routes read). Integrators script failures through those
//! helpers and never touch the mock server.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use banking_core::testkit::{Scenarios, SimulatedError};
//! use banking_core::transport::Request;
//!
//! let server = wiremock::MockServer::start().await;
//! let scenarios = Scenarios::mount(&server, "^/api/", &["/api/login"]).await;
//! banking_core::testkit::catch_all(&server).await;
//! let error = SimulatedError::new(503, "MAINTENANCE", "Back soon");
//! scenarios.answer_next(1, error.status, serde_json::json!({ "code": error.code }));
//!
//! let transport = banking_core::testkit::transport_for(&server).build().unwrap();
//! let first = transport.send(Request::get("/api/accounts")).await.unwrap_err();
//! assert_eq!(first.status(), Some(503));
//! assert_eq!(scenarios.pending(), 0);
//! // Played once: the next call meets the simulator again (here the catch-all).
//! let second = transport.send(Request::get("/api/accounts")).await.unwrap_err();
//! assert_eq!(second.status(), Some(599));
//! # }
//! ```

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use wiremock::matchers::path_regex;
use wiremock::{Match, Mock, MockServer, Request, Respond, ResponseTemplate};

/// A provider error for a simulator to answer with: the HTTP status and
/// the provider's error code and message. Each simulator renders it in its
/// provider's documented error body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SimulatedError {
    /// The HTTP status.
    pub status: u16,
    /// The provider's error code (`TRANSACTION_NOT_FOUND`, `consent_not_active`, ...).
    pub code: String,
    /// The human-readable message.
    pub message: String,
}

impl SimulatedError {
    /// An error with `status`, the provider's `code` and a `message`.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        SimulatedError {
            status,
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A count of calls still to be answered a given way, behind a
/// simulator's `answer_pending(n)` and `require_sca()`: the helper arms it,
/// the route that plays the pending (or SCA) answer takes one per call.
/// Cheap to clone: clones share the count.
///
/// ```
/// let pending = banking_core::testkit::Countdown::default();
/// pending.arm(2);
/// assert!(pending.take());
/// assert!(pending.take());
/// assert!(!pending.take());
/// assert_eq!(pending.remaining(), 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Countdown(Arc<AtomicU32>);

impl Countdown {
    /// A countdown armed with `calls`.
    pub fn new(calls: u32) -> Self {
        let countdown = Countdown::default();
        countdown.arm(calls);
        countdown
    }

    /// The next `calls` calls (replacing what was left) are answered the
    /// armed way.
    pub fn arm(&self, calls: u32) {
        self.0.store(calls, Ordering::SeqCst);
    }

    /// `calls` more calls are answered the armed way.
    pub fn add(&self, calls: u32) {
        let _ = self
            .0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                Some(n.saturating_add(calls))
            });
    }

    /// Whether this call is answered the armed way; counts it down.
    pub fn take(&self) -> bool {
        self.0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }

    /// How many calls are still to be answered the armed way.
    pub fn remaining(&self) -> u32 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Priority of the scenario mock: above every route of a simulator.
const PRIORITY: u8 = 1;

#[derive(Debug)]
struct Scripted {
    status: u16,
    body: Vec<u8>,
    remaining: u32,
}

/// A queue of scripted answers mounted in front of a simulator's API.
///
/// Each scripted answer is played for the given number of calls, in the
/// order queued; once the queue is empty the simulator answers as usual.
/// Cheap to clone: clones share the queue.
#[derive(Debug, Clone, Default)]
pub struct Scenarios {
    queue: Arc<Mutex<VecDeque<Scripted>>>,
}

impl Scenarios {
    /// Mounts the queue on `server` for requests whose path matches the
    /// regular expression `api`, except the exact paths in `except` (the
    /// token endpoints: a scripted failure is meant for an API call, not
    /// for the login that precedes it).
    pub async fn mount(server: &MockServer, api: &str, except: &[&'static str]) -> Self {
        let scenarios = Scenarios::default();
        Mock::given(path_regex(api))
            .and(Queued {
                scenarios: scenarios.clone(),
                except: except.to_vec(),
            })
            .respond_with(Play(scenarios.clone()))
            .with_priority(PRIORITY)
            .mount(server)
            .await;
        scenarios
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<Scripted>> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next `times` calls (after those already scripted) get `status`
    /// with the JSON `body`. `times == 0` scripts nothing.
    pub fn answer_next(&self, times: u32, status: u16, body: serde_json::Value) {
        self.answer_next_raw(times, status, body.to_string().into_bytes());
    }

    /// As [`answer_next`](Self::answer_next), with a body given as JSON
    /// text (a fixture, served byte for byte).
    pub fn answer_next_raw(&self, times: u32, status: u16, body: impl Into<Vec<u8>>) {
        if times == 0 {
            return;
        }
        self.lock().push_back(Scripted {
            status,
            body: body.into(),
            remaining: times,
        });
    }

    /// How many scripted answers are still to be played.
    pub fn pending(&self) -> u64 {
        self.lock().iter().map(|s| u64::from(s.remaining)).sum()
    }

    /// Drops every scripted answer not played yet.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn pop(&self) -> Option<ResponseTemplate> {
        let mut queue = self.lock();
        let front = queue.front_mut()?;
        let answer = ResponseTemplate::new(front.status)
            .set_body_raw(front.body.clone(), "application/json");
        front.remaining -= 1;
        if front.remaining == 0 {
            queue.pop_front();
        }
        Some(answer)
    }
}

/// Matches while an answer is queued. The mock server matches and answers
/// one request at a time, so the answer found here is still there in
/// [`Play`].
struct Queued {
    scenarios: Scenarios,
    except: Vec<&'static str>,
}

impl Match for Queued {
    fn matches(&self, request: &Request) -> bool {
        !self.except.contains(&request.url.path()) && !self.scenarios.lock().is_empty()
    }
}

struct Play(Scenarios);

impl Respond for Play {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        // Only reached after `Queued` matched; an empty queue (cleared in
        // between) answers like the catch-all.
        self.0.pop().unwrap_or_else(|| {
            ResponseTemplate::new(super::UNMATCHED_STATUS).set_body_string("scenario cleared")
        })
    }
}
