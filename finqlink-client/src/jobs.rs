//! Data refresh jobs (v2): `/ais/jobs/create`, `/ais/jobs/get`, and
//! [`Jobs::wait`] / [`Jobs::follow`] to poll one to a terminal status.
//!
//! The statuses, the cooldown and `consent_not_active` come from the docs;
//! the names `consent_id`, `callback_url`, `job_id`, `status`, `request_id`
//! and `name` from the research notes (a published copy of the job
//! reference pages). The job's webhook URL, service provider and AIS
//! method fields are described but unnamed: `webhook_url`,
//! `service_provider` (as in `/links/get`) and `ais_method` are inferred.
//! A job needs an `active` consent (else `consent_not_active`) and a
//! cooldown between jobs (else `cooldown_failed`), both 400s.

use std::time::Duration;

use banking_core::error::{TimeoutError, TimeoutKind};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::client::{ApiVersion, Body, Endpoint};
use crate::ids::{ConsentId, JobId};
use crate::providers::{AisMethod, Provider};
use crate::validate;

banking_core::wire_enum! {
    /// A data refresh job's status. Accounts/balances-only consents skip
    /// `transactions_fetching` (`balances_ready → job_completed`).
    JobStatus {
        /// Created and queued.
        JobStarted = "job_started",
        /// Accounts fetched and stored.
        AccountsReady = "accounts_ready",
        /// Balances fetched and stored.
        BalancesReady = "balances_ready",
        /// Transactions being fetched.
        TransactionsFetching = "transactions_fetching",
        /// Some data fetched and stored.
        JobPartiallyCompleted = "job_partially_completed",
        /// All data fetched and stored.
        JobCompleted = "job_completed",
        /// Failed; no data fetched.
        JobFailed = "job_failed",
    }
}

impl JobStatus {
    /// The job has finished (`job_completed`, `job_partially_completed`,
    /// `job_failed`).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            JobStatus::JobCompleted | JobStatus::JobPartiallyCompleted | JobStatus::JobFailed
        )
    }
}

/// Body of `/ais/jobs/create`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct JobCreateRequest {
    consent_id: ConsentId,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback_url: Option<Url>,
}

impl JobCreateRequest {
    /// Refresh the data of this (active) consent.
    pub fn new(consent_id: ConsentId) -> Self {
        JobCreateRequest {
            consent_id,
            callback_url: None,
        }
    }

    /// Where `job_status_update` webhooks go.
    pub fn callback_url(mut self, url: Url) -> Self {
        self.callback_url = Some(url);
        self
    }
}

impl Body for JobCreateRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        if let Some(url) = &self.callback_url {
            validate::web_url("callback_url", url)?;
        }
        Ok(())
    }
}

/// Body of `/ais/jobs/get`: the job and, for validation, its consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct JobGetRequest {
    job_id: JobId,
    consent_id: ConsentId,
}

impl JobGetRequest {
    /// The job `job_id` of consent `consent_id`.
    pub fn new(job_id: JobId, consent_id: ConsentId) -> Self {
        JobGetRequest { job_id, consent_id }
    }
}

impl Body for JobGetRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        // The docs document `job_id` as required but give it no format
        // (the webhook table says uuid, its sample is "job-uuid-456").
        Ok(())
    }
}

/// A data refresh job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Job {
    /// The job id.
    pub job_id: JobId,
    /// The consent it refreshes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<ConsentId>,
    /// Current status (`job_started` right after creation).
    pub status: JobStatus,
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The API client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where status webhooks go (the job's `callback_url` or the consent's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<Url>,
    /// The bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<Provider>,
    /// The AIS method used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ais_method: Option<AisMethod>,
}

impl Job {
    /// The request that reads this job again.
    pub fn get_request(&self) -> Option<JobGetRequest> {
        self.consent_id
            .map(|consent_id| JobGetRequest::new(self.job_id.clone(), consent_id))
    }
}

/// How [`Jobs::wait`] and [`Jobs::follow`] poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct WaitOptions {
    poll_interval: Duration,
    deadline: Duration,
}

impl Default for WaitOptions {
    /// Every 2 seconds, for at most 5 minutes.
    fn default() -> Self {
        WaitOptions {
            poll_interval: Duration::from_secs(2),
            deadline: Duration::from_secs(300),
        }
    }
}

impl WaitOptions {
    /// Poll every `poll_interval`, give up after `deadline`.
    pub fn new(poll_interval: Duration, deadline: Duration) -> Self {
        WaitOptions {
            poll_interval,
            deadline,
        }
    }

    fn validate(&self) -> banking_core::Result<()> {
        if self.poll_interval.is_zero() {
            return Err(banking_core::Error::validation(
                "poll_interval",
                "must be positive",
            ));
        }
        if self.deadline < self.poll_interval {
            return Err(banking_core::Error::validation(
                "deadline",
                "must be at least one poll interval",
            ));
        }
        Ok(())
    }
}

const CREATE: Endpoint = Endpoint::ais("ais/jobs/create");
const GET: Endpoint = Endpoint::ais("ais/jobs/get").read_only();

banking_core::resource_handle! {
    /// `/ais/jobs/*` calls (v2). Get it with
    /// [`FinqLinkClient::jobs`](crate::FinqLinkClient::jobs).
    pub struct Jobs for crate::client::FinqLinkClient, "FinqLink";
}

impl Jobs<'_> {
    /// `POST /ais/jobs/create`: starts a data refresh. Never resent
    /// automatically. Check [`FinqLinkErrorExt::is_cooldown`] and
    /// [`FinqLinkErrorExt::is_consent_not_active`] on failure.
    ///
    /// [`FinqLinkErrorExt::is_cooldown`]: crate::FinqLinkErrorExt::is_cooldown
    /// [`FinqLinkErrorExt::is_consent_not_active`]: crate::FinqLinkErrorExt::is_consent_not_active
    pub async fn create(&self, req: &JobCreateRequest) -> banking_core::Result<Job> {
        self.handle
            .client()
            .call(CREATE, req, self.handle.options())
            .await
    }

    /// `POST /ais/jobs/get`: the job's current status.
    pub async fn get(&self, req: &JobGetRequest) -> banking_core::Result<Job> {
        self.handle
            .client()
            .call(GET, req, self.handle.options())
            .await
    }

    /// Creates a job and polls it until it reaches a terminal status.
    ///
    /// Returns the terminal job (check `status`: `job_failed` is a
    /// terminal status, not an error). Fails with
    /// [`banking_core::Error::Timeout`] when `options.deadline` passes first;
    /// to keep the job id in that case, use [`Jobs::create`] then
    /// [`Jobs::follow`].
    pub async fn wait(
        &self,
        req: &JobCreateRequest,
        options: WaitOptions,
    ) -> banking_core::Result<Job> {
        options.validate()?;
        let job = self.create(req).await?;
        if job.status.is_terminal() {
            return Ok(job);
        }
        let get = JobGetRequest::new(job.job_id.clone(), job.consent_id.unwrap_or(req.consent_id));
        self.follow(&get, options).await
    }

    /// Polls an existing job every `options.poll_interval` until it reaches
    /// a terminal status or `options.deadline` passes
    /// ([`banking_core::Error::Timeout`]). Errors from `/ais/jobs/get` end
    /// the wait (read-only calls are already retried by the transport).
    pub async fn follow(
        &self,
        req: &JobGetRequest,
        options: WaitOptions,
    ) -> banking_core::Result<Job> {
        options.validate()?;
        let started = tokio::time::Instant::now();
        let deadline = started + options.deadline;
        loop {
            let job = self.get(req).await?;
            if job.status.is_terminal() {
                return Ok(job);
            }
            let next = tokio::time::Instant::now() + options.poll_interval;
            if next > deadline {
                tracing::debug!(job_id = %job.job_id, status = %job.status, "job wait deadline passed");
                return Err(banking_core::Error::Timeout(TimeoutError::new(
                    TimeoutKind::Total,
                    Some(options.deadline),
                    started.elapsed(),
                )));
            }
            tokio::time::sleep_until(next).await;
        }
    }
}
