//! Polling a pending result until it is ready.
//!
//! Flinks' rule: when a data call answers 202, poll its `*Async` twin every
//! 10 seconds, for at most 30 minutes.

use banking_core::resource_handle::ResourceClient;
use std::fmt;
use std::time::Duration;

use banking_core::error::{TimeoutError, TimeoutKind};
use banking_core::transport::Request;
use serde::de::DeserializeOwned;

use super::Connect;
use super::outcome::{self, Outcome};
use crate::ids::RequestId;

/// How [`Connect::wait_ready`] polls: every `interval` (10 s by default) for
/// at most `timeout` (30 min by default), as the Flinks docs ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct PollOptions {
    interval: Duration,
    timeout: Duration,
}

impl Default for PollOptions {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(10),
            timeout: Duration::from_secs(30 * 60),
        }
    }
}

impl PollOptions {
    /// Every 10 s for at most 30 min.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the pause between polls.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Sets the total time to wait.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The pause between polls.
    pub fn poll_interval(&self) -> Duration {
        self.interval
    }

    /// The total time to wait.
    pub fn max_wait(&self) -> Duration {
        self.timeout
    }
}

/// A result that has an `*Async` endpoint to poll while it is pending.
pub trait AsyncResult: DeserializeOwned {
    /// The `*Async` path template, relative to the base URL, with a
    /// `{requestId}` placeholder.
    const ASYNC_PATH: &'static str;
}

/// Why [`Connect::wait_ready`] gave up.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError {
    /// Still pending when the time budget ran out.
    TimedOut {
        /// The session that was polled.
        request_id: RequestId,
        /// How long was waited.
        waited: Duration,
        /// How many polls were made.
        polls: u32,
    },
    /// A poll failed.
    Failed(banking_core::Error),
}

impl WaitError {
    /// Whether the time budget ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, WaitError::TimedOut { .. })
    }
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::TimedOut {
                request_id,
                waited,
                polls,
            } => write!(
                f,
                "request {request_id} still pending after {waited:?} ({polls} polls)"
            ),
            WaitError::Failed(error) => write!(f, "polling failed: {error}"),
        }
    }
}

impl std::error::Error for WaitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::TimedOut { .. } => None,
            WaitError::Failed(error) => Some(error),
        }
    }
}

/// Lets `?` carry a [`WaitError`] into a `banking_core::Result`: a time-out
/// becomes a total [`banking_core::Error::Timeout`].
impl From<WaitError> for banking_core::Error {
    fn from(error: WaitError) -> Self {
        match error {
            WaitError::TimedOut { waited, .. } => {
                banking_core::Error::Timeout(TimeoutError::new(TimeoutKind::Total, None, waited))
            }
            WaitError::Failed(error) => error,
        }
    }
}

impl Connect<'_> {
    /// Returns a ready result at once, or polls the `*Async` endpoint of a
    /// pending one until it is ready.
    ///
    /// Sleeps `interval` before each poll; gives up with
    /// [`WaitError::TimedOut`] once `timeout` has passed. Any error of a poll
    /// (an expired session answers `SESSION_NONEXISTENT`) ends the wait.
    pub async fn wait_ready<T: AsyncResult>(
        &self,
        outcome: Outcome<T>,
        options: &PollOptions,
    ) -> Result<T, WaitError> {
        let pending = match outcome {
            Outcome::Ready(value) => return Ok(value),
            Outcome::Pending(pending) => pending,
        };
        let request_id = pending.request_id;
        let started = tokio::time::Instant::now();
        let mut polls = 0;
        loop {
            let waited = started.elapsed();
            if waited >= options.timeout {
                return Err(WaitError::TimedOut {
                    request_id,
                    waited,
                    polls,
                });
            }
            tokio::time::sleep(options.interval.min(options.timeout - waited)).await;
            polls += 1;
            tracing::debug!(%request_id, polls, "polling {}", T::ASYNC_PATH);
            match self
                .poll::<T>(request_id)
                .await
                .map_err(WaitError::Failed)?
            {
                Outcome::Ready(value) => return Ok(value),
                Outcome::Pending(_) => continue,
            }
        }
    }

    /// One `GET` of the `*Async` endpoint of `T`.
    pub(crate) async fn poll<T: AsyncResult>(
        &self,
        request_id: RequestId,
    ) -> banking_core::Result<Outcome<T>> {
        let request = Request::get(T::ASYNC_PATH)
            .param("requestId", request_id)
            .auth(self.handle.client().api_key_auth(T::ASYNC_PATH)?);
        outcome::send_outcome(
            self.handle.client().transport(),
            self.handle.prepare(request),
            Some(request_id),
        )
        .await
    }
}
