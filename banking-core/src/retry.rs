//! When to retry: a pure decision function and its policy.
//!
//! Only what is safe is retried: reads (including POST endpoints that only
//! read) and writes that carry an idempotency key. A write without a key is
//! retried only when it is known not to have left the client (a connect
//! error); any other failure after it may have reached the server becomes an
//! outcome-unknown error.
//!
//! ```
//! use std::time::Duration;
//! use banking_core::retry::{decide, Attempt, Decision, Failure, RetryPolicy, Safety};
//!
//! let policy = RetryPolicy::default();
//! let d = decide(&policy, &Attempt {
//!     safety: Safety::Read,
//!     failure: Failure::Status { status: 503, retry_after: Some(Duration::from_secs(2)) },
//!     attempt: 1,
//!     elapsed: Duration::ZERO,
//!     jitter: 0.5,
//! });
//! assert_eq!(d, Decision::RetryAfter(Duration::from_secs(2)));
//! ```

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How many times and for how long to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    /// Backoff cap of the first retry; doubles each retry.
    pub initial_backoff: Duration,
    /// Upper bound of one backoff.
    pub max_backoff: Duration,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// A policy with `max_attempts` attempts and default backoff.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the backoff bounds.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Sets the elapsed-time budget.
    pub fn with_max_elapsed(mut self, max_elapsed: Duration) -> Self {
        self.max_elapsed = max_elapsed;
        self
    }
}

/// How safe it is to send a request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// Reads nothing changes on the server (GET, or a POST that only reads).
    Read,
    /// A write the server deduplicates by its idempotency key.
    IdempotentWrite,
    /// A write that could take effect twice.
    UnsafeWrite,
}

/// How an attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection could not be made: nothing reached the server.
    Connect,
    /// The connection broke or timed out after the request may have been sent.
    AfterSend {
        /// Whether a deadline passed (rather than a reset).
        timed_out: bool,
    },
    /// The server answered with a non-success status.
    Status {
        /// HTTP status.
        status: u16,
        /// The parsed `Retry-After`, if any.
        retry_after: Option<Duration>,
    },
}

/// One failed attempt, as the decision sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    /// The request's safety class.
    pub safety: Safety,
    /// What went wrong.
    pub failure: Failure,
    /// The attempt that failed, from 1.
    pub attempt: u32,
    /// Time since the first attempt started.
    pub elapsed: Duration,
    /// A uniform random number in `[0, 1)` for full jitter (passed in to keep
    /// the function pure).
    pub jitter: f64,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send again.
    RetryAfter(Duration),
    /// Report the failure as it is.
    GiveUp,
    /// Report that the write may have taken effect; never resend.
    OutcomeUnknown,
}

/// Statuses a retry can cure.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 502 | 503 | 504)
}

/// Decides what to do after a failed attempt.
pub fn decide(policy: &RetryPolicy, attempt: &Attempt) -> Decision {
    let retryable = match (attempt.safety, attempt.failure) {
        // Nothing reached the server: always safe to try again.
        (_, Failure::Connect) => true,
        (Safety::UnsafeWrite, Failure::AfterSend { .. }) => return Decision::OutcomeUnknown,
        // An error status is an answer: the server says what happened, so a
        // write is not resent, and its status is reported as it is.
        (Safety::UnsafeWrite, Failure::Status { .. }) => false,
        (_, Failure::AfterSend { .. }) => true,
        (_, Failure::Status { status, .. }) => is_retryable_status(status),
    };
    if !retryable || attempt.attempt >= policy.max_attempts {
        return Decision::GiveUp;
    }
    let wait = match attempt.failure {
        Failure::Status {
            retry_after: Some(after),
            ..
        } => after,
        _ => backoff(policy, attempt.attempt, attempt.jitter),
    };
    if attempt.elapsed.saturating_add(wait) > policy.max_elapsed {
        return Decision::GiveUp;
    }
    Decision::RetryAfter(wait)
}

/// Full-jitter exponential backoff: uniform in `[0, min(max, initial·2^(n-1))]`.
#[allow(clippy::float_arithmetic)] // jitter scales a duration; no money involved
fn backoff(policy: &RetryPolicy, attempt: u32, jitter: f64) -> Duration {
    let exp = policy
        .initial_backoff
        .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
    let cap = exp.min(policy.max_backoff);
    cap.mul_f64(jitter.clamp(0.0, 1.0))
}

/// Reads `Retry-After` as delta-seconds or an HTTP date, relative to `now`.
pub fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::*;
    use Failure::*;
    use Safety::*;

    fn at(safety: Safety, failure: Failure, attempt: u32) -> Decision {
        decide(
            &RetryPolicy::default(),
            &Attempt {
                safety,
                failure,
                attempt,
                elapsed: Duration::ZERO,
                jitter: 1.0,
            },
        )
    }

    fn status(s: u16) -> Failure {
        Status {
            status: s,
            retry_after: None,
        }
    }

    #[test]
    fn decision_table() {
        let ms = Duration::from_millis;
        let table: &[(Safety, Failure, u32, Decision)] = &[
            (Read, Connect, 1, RetryAfter(ms(200))),
            (IdempotentWrite, Connect, 1, RetryAfter(ms(200))),
            (UnsafeWrite, Connect, 1, RetryAfter(ms(200))),
            (Read, AfterSend { timed_out: true }, 1, RetryAfter(ms(200))),
            (
                IdempotentWrite,
                AfterSend { timed_out: false },
                2,
                RetryAfter(ms(400)),
            ),
            (
                UnsafeWrite,
                AfterSend { timed_out: false },
                1,
                OutcomeUnknown,
            ),
            (
                UnsafeWrite,
                AfterSend { timed_out: true },
                1,
                OutcomeUnknown,
            ),
            (Read, status(408), 1, RetryAfter(ms(200))),
            (Read, status(429), 1, RetryAfter(ms(200))),
            (Read, status(502), 1, RetryAfter(ms(200))),
            (Read, status(503), 1, RetryAfter(ms(200))),
            (Read, status(504), 1, RetryAfter(ms(200))),
            (IdempotentWrite, status(503), 1, RetryAfter(ms(200))),
            (UnsafeWrite, status(503), 1, GiveUp),
            (UnsafeWrite, status(429), 1, GiveUp),
            (Read, status(500), 1, GiveUp),
            (Read, status(400), 1, GiveUp),
            (Read, status(401), 1, GiveUp),
            (Read, status(404), 1, GiveUp),
            (Read, status(409), 1, GiveUp),
            (Read, status(503), 3, GiveUp),
            (Read, Connect, 3, GiveUp),
        ];
        for (safety, failure, attempt, want) in table {
            assert_eq!(
                at(*safety, *failure, *attempt),
                *want,
                "{safety:?} {failure:?} #{attempt}"
            );
        }
    }

    #[test]
    fn honours_retry_after_over_backoff() {
        let d = at(
            Read,
            Status {
                status: 429,
                retry_after: Some(Duration::from_secs(7)),
            },
            1,
        );
        assert_eq!(d, RetryAfter(Duration::from_secs(7)));
    }

    #[test]
    fn elapsed_budget_stops_retries() {
        let policy = RetryPolicy::default().with_max_elapsed(Duration::from_secs(10));
        let d = decide(
            &policy,
            &Attempt {
                safety: Read,
                failure: Status {
                    status: 503,
                    retry_after: Some(Duration::from_secs(11)),
                },
                attempt: 1,
                elapsed: Duration::ZERO,
                jitter: 0.0,
            },
        );
        assert_eq!(d, GiveUp);
        let d = decide(
            &policy,
            &Attempt {
                safety: Read,
                failure: Connect,
                attempt: 1,
                elapsed: Duration::from_secs(10),
                jitter: 0.5,
            },
        );
        assert_eq!(d, GiveUp);
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        let p = RetryPolicy::default().with_max_attempts(10);
        for attempt in 1..10 {
            let cap = Duration::from_millis(200)
                .saturating_mul(2u32.pow(attempt - 1))
                .min(Duration::from_secs(5));
            assert_eq!(backoff(&p, attempt, 0.0), Duration::ZERO);
            assert_eq!(backoff(&p, attempt, 1.0), cap);
            assert!(backoff(&p, attempt, 0.5) <= cap);
        }
    }

    #[test]
    fn none_policy_never_retries() {
        let d = decide(
            &RetryPolicy::none(),
            &Attempt {
                safety: Read,
                failure: Connect,
                attempt: 1,
                elapsed: Duration::ZERO,
                jitter: 0.1,
            },
        );
        assert_eq!(d, GiveUp);
    }

    #[test]
    fn retry_after_seconds_and_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // Wed, 21 Oct 2015 07:28:00 GMT
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(120)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:30 GMT".parse().unwrap(),
        );
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(30)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(parse_retry_after(&h, now), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), None);
    }
}
