//! Typed async client for the Linkcy partner API (banking as a service),
//! built on `banking-core`.
//!
//! A transfer to a beneficiary that needs strong customer authentication,
//! run here against the offline simulator of the `testkit` feature:
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! use linkcy_client::testkit::LinkcySimulator;
//! use linkcy_client::{
//!     BeneficiaryTransferRequest, ScaOptions, ScaOutcome, ScaStrategy, TransactionFilter,
//! };
//! use rust_decimal::Decimal;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! let simulator = LinkcySimulator::start().await;
//! // In production: LinkcyClient::builder()
//! //     .environment(Environment::Custom(url))
//! //     .credentials(LinkcyCredentials::login(LoginRequest::partner(user, partner, password)))
//! //     .build()?
//! let client = simulator.client();
//!
//! let transfer = BeneficiaryTransferRequest::new(
//!     Decimal::new(1521, 2), // 15.21, sent as the JSON number 15.21
//!     "410e5c37-9603-4e5b-81b1-7cb895f362e8".parse().expect("a BeneficiaryId"),
//!     "b595c981-8a0f-4604-a66c-209d65193394".parse().expect("a LedgerId"),
//! )
//! .reference("Invoice 42");
//! let sca = ScaOptions::new().strategy(ScaStrategy::JoinCode);
//!
//! let created = match client.transactions().create(&transfer, &sca).await? {
//!     ScaOutcome::Done(created) => created,
//!     ScaOutcome::Pending(pending) => {
//!         // 202 Waiting SCA: show the join code, let the user approve.
//!         let challenge = pending.challenge().clone();
//!         assert!(challenge.join_code.is_some());
//!         simulator.approve(&challenge.sca_id); // done on the user's phone
//!         // The identical body is replayed with Linkcy-SCA-Id.
//!         pending
//!             .complete()
//!             .await?
//!             .done()
//!             .expect("the interaction was approved")
//!     }
//! };
//! // The simulator keeps the transfer: it is listed, pending, as sent.
//! let listed = client.transactions().list(&TransactionFilter::new()).await?;
//! let kept = listed.content.iter().find(|t| t.id == created.id).expect("listed");
//! assert_eq!(kept.amount.to_string(), "15.21");
//! # Ok(()) }
//! ```
//!
//! # In production
//!
//! ```no_run
//! use linkcy_client::{
//!     Environment, LinkcyClient, LinkcyCredentials, LoginRequest, TransactionFilter,
//! };
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let password = std::env::var("LINKCY_PASSWORD").expect("LINKCY_PASSWORD is set");
//! // Linkcy hands out its production URL with production credentials.
//! let url = std::env::var("LINKCY_URL").expect("LINKCY_URL is set");
//! let client = LinkcyClient::builder()
//!     .environment(Environment::Custom(url.parse().expect("a URL")))
//!     .credentials(LinkcyCredentials::login(LoginRequest::partner(
//!         "partner-admin",
//!         "acme",
//!         SecretString::from(password),
//!     )))
//!     .build()?;
//!
//! let page = client.transactions().list(&TransactionFilter::new()).await?;
//! println!("{} transactions", page.total_elements);
//! # Ok(())
//! # }
//! ```
//!
//! # What is covered
//!
//! | resource | calls |
//! |---|---|
//! | [`transactions`](LinkcyClient::transactions) | `list` (14 filters), `stream`, `get`, `create` (to a beneficiary, SCA), `create_inter_ledger` (SCA), `create_direct_debit` |
//! | [`ledgers`](LinkcyClient::ledgers) | `list`, `stream`, `create`, `get` |
//! | [`beneficiaries`](LinkcyClient::beneficiaries) | `list`, `stream`, `create` (SCA) |
//! | [`mandates`](LinkcyClient::mandates) | `list`, `stream`, `create`, `get`, `activate`, `cancel` |
//! | [`cards`](LinkcyClient::cards) | `list`, `stream`, `create` (SCA), `get`, `set_rule` (SCA) |
//! | [`card_profiles`](LinkcyClient::card_profiles) | `create`, `set_rule` |
//! | [`consumers`](LinkcyClient::consumers) | `list`, `stream`, `get`, `create` |
//! | [`corporates`](LinkcyClient::corporates) | `list`, `stream`, `create` |
//! | [`corporate_related`](LinkcyClient::corporate_related) | `patch` |
//! | [`kyc`](LinkcyClient::kyc) | `create`, `simulate`, `get`, `list`, `stream` (inferred) |
//! | [`sca_devices`](LinkcyClient::sca_devices) | `enrol`, `remove` (deprecated by Linkcy) |
//! | [`passwords`](LinkcyClient::passwords) | `reset` |
//! | [`webhook_portal`](LinkcyClient::webhook_portal) | `url` |
//! | [`auth`](LinkcyClient::auth) | `login` (SCA), `refresh` (SCA) |
//!
//! Anything else goes through [`LinkcyClient::raw`], with the same
//! authentication, retries and error mapping.
//!
//! # Webhooks
//!
//! Deliveries come through Svix. The `webhooks` module (default-on feature
//! `webhooks`) checks the Svix signature and its timestamp, then decodes the
//! typed event: `webhooks::WebhookVerifier` implements the SDK's common
//! `banking_core::webhook::Verify`; the portal URL comes from
//! [`webhook_portal`](LinkcyClient::webhook_portal).
//!
//! # Authentication
//!
//! The client logs in with `POST /api/partner/login` on its first call
//! (one login for any number of concurrent calls), refreshes before the
//! JWT's `exp` with `POST /api/partner/refresh` (logging in again when the
//! refresh is refused), and on a `401` drops the token and retries the call
//! once. Passwords and tokens are [`secrecy::SecretString`]s and never
//! appear in `Debug` output or errors.
//!
//! # SCA
//!
//! Operations Linkcy marks "might require SCA" take [`ScaOptions`] (the
//! `Linkcy-SCA-Strategy`, `-Factor`, `-Id` and `-Signature` headers) and
//! return a [`LinkcyScaOutcome`]: done, or pending with a
//! [`LinkcyScaChallenge`] to complete once the user approved.
//! SCA failures are typed: [`LinkcyErrorExt::error_code`] gives
//! [`LinkcyErrorCode::ScaInteractionNotCompleted`] and friends.
//!
//! # Validation
//!
//! Requests are checked before anything is sent and fail with
//! [`banking_core::Error::Validation`]:
//!
//! - amounts are positive with at most two decimals (every Linkcy ledger
//!   currency has at most two minor units; Linkcy requests carry no
//!   currency). The docs' samples carry the placeholder `"amount": 0`,
//!   which is refused: a zero transfer moves no money;
//! - references match `^[.'a-zA-ZÀ-ÿ0-9,? ]*$` and are at most 60
//!   characters, as the documentation the project started from gives them.
//!   The current reference (1.114.5) documents 18 for transfers to a
//!   beneficiary (the UK Faster Payments limit): the SDK accepts what any
//!   version allows and lets the server decide (see
//!   [`TRANSFER_REFERENCE_MAX_CHARS`]);
//! - direct debits are dated D+2 or later (calendar days from the earliest
//!   date anywhere, UTC−12, since the docs name no time zone) and not on a
//!   weekend (public holidays are left to the server: the calendar is not
//!   documented);
//! - `pageSize` is at most 100, IBANs pass their mod-97 check, lengths and
//!   formats follow the docs. Where the docs give no rule, none is applied.
//!
//! # Per-call options
//!
//! Every resource handle takes `with_options(..)` with a [`CallOptions`]
//! (timeout, retry policy, extra headers), e.g. `client.transactions().with_options(..)`: the options apply to
//! every request sent through the handle, each page of a stream, each poll
//! of a wait and each SCA send included. Linkcy documents no idempotency
//! key, so a key set there fails the call with a validation error before
//! anything is sent.
//!
//! # Reliability
//!
//! Every call runs under the builder's connect, attempt and total
//! deadlines, token requests included. Reads are retried on connect errors,
//! broken connections, timeouts, 408, 429 (after its `Retry-After`), 502,
//! 503 and 504; writes are resent only when they never left the client (a
//! refused connection). Completing an SCA challenge replays the identical
//! request. A call that may have reached the server but whose answer was
//! lost (a reset, a stalled body) fails with
//! [`banking_core::Error::OutcomeUnknown`] and is never resent: the
//! operation may or may not have taken effect, so look it up before trying
//! again. A `401` is sent once more with a fresh token, since the server
//! refused it before any effect.
//!
//! Every `stream` ends within a bounded number of requests: on a cursor
//! seen before, a page with the items of an earlier one, more items than
//! `totalElements`, and at the page and item caps of the builder's
//! [`stream_options`](banking_core::pagination::StreamOptions) (by default
//! 100,000 pages and 10,000,000 items), each with a typed
//! [`banking_core::Error::Pagination`] after the items read so far:
//!
//! ```no_run
//! use banking_core::pagination::StreamOptions;
//! use futures::TryStreamExt;
//! use linkcy_client::{Environment, LinkcyClient, LinkcyCredentials, LoginRequest, TransactionFilter};
//! use secrecy::SecretString;
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let client = LinkcyClient::builder()
//!     .environment(Environment::Custom("https://partner.example/".parse().unwrap()))
//!     .credentials(LinkcyCredentials::login(LoginRequest::partner(
//!         "user",
//!         "partner",
//!         SecretString::from("password"),
//!     )))
//!     .stream_options(StreamOptions::new().max_pages(50).max_items(5_000))
//!     .build()?;
//! let transactions: Vec<_> = client
//!     .transactions()
//!     .stream(TransactionFilter::new())
//!     .try_collect()
//!     .await?;
//! # let _ = transactions;
//! # Ok(()) }
//! ```
//!
//! Page numbers are computable, so
//! [`StreamOptions::concurrent_pages`](banking_core::pagination::StreamOptions::concurrent_pages)
//! can keep several pages in flight (never beyond `totalElements`; pages
//! are still yielded in order). The default is one page ahead.
//!
//! The fault matrix in `docs/RELIABILITY.md` shows each of these behaviours
//! against a misbehaving local server.
//!
//! # Sources
//!
//! Transactions and SCA headers follow the Linkcy documentation the project
//! started from; the other resources follow research notes on the public
//! reference. Where a path, method or field is inferred the doc comment
//! says so ("inferred"); where sources conflict, it says which value the
//! SDK sends, and enums accept the values of every version.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod auth;
pub mod beneficiaries;
pub mod card_profiles;
pub mod cards;
mod client;
pub mod consumers;
pub mod corporate_related;
pub mod corporates;
mod counterparty;
mod created;
mod end_users;
mod error;
mod ids;
pub mod kyc;
pub mod ledgers;
pub mod mandates;
pub mod neutral;
mod paging;
pub mod passwords;
mod sca;
pub mod sca_devices;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
pub mod transactions;
mod validate;
pub mod webhook_portal;
#[cfg(feature = "webhooks")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
pub mod webhooks;

pub use auth::{
    Auth, LinkcyCredentials, LinkcyTokenSource, LoginRequest, LoginResponse, RefreshRequest,
};
pub use banking_core::sca::ScaId;
/// The shared building blocks, re-exported so every crate reads the same.
pub use banking_core::{
    Error, Result, money::Money, pagination::StreamOptions, retry::RetryPolicy,
    transport::CallOptions,
};
pub use beneficiaries::{
    Beneficiaries, Beneficiary, BeneficiaryAccount, BeneficiaryFilter, BeneficiarySortAttribute,
    BeneficiaryStatus, CreateBeneficiaryRequest,
};
pub use card_profiles::{CardProfiles, CreateCardProfileRequest};
pub use cards::{
    CARD_RULE_VALUE_RANGE, Card, CardFilter, CardProfile, CardRuleCreator, CardRuleRequest,
    CardRuleType, CardStatus, CardType, Cards, CreateCardRequest, DeliveryMethod,
};
pub use client::{Environment, LinkcyClient, LinkcyClientBuilder, SANDBOX_URL};
pub use consumers::{
    Consumer, ConsumerFilter, ConsumerSortAttribute, ConsumerStatus, Consumers,
    CreateConsumerRequest, Gender, Occupation, SourceOfFunds,
};
pub use corporate_related::{CorporateRelated, CorporateRelatedPatch};
pub use corporates::{
    Corporate, CorporateCreated, CorporateFilter, CorporateSortAttribute, Corporates,
    CreateCorporateRequest, KybStatus,
};
pub use counterparty::{BankingDetails, PartyType};
pub use created::Created;
pub use end_users::{
    Address, BankingStatus, ComplianceStatus, KycInfo, KycStatus, LinkcyStatus, OverallStatus,
    Phone, PhoneInfo, SuspensionStatus,
};
pub use error::{
    LinkcyErrorBody, LinkcyErrorCode, LinkcyErrorDecoder, LinkcyErrorDetail, LinkcyErrorExt,
};
pub use ids::{
    BeneficiaryId, CardDesignId, CardId, CardProfileId, CorporateRelatedId, EndUserId, KycId,
    LedgerId, MandateId, ScaEnrolmentId, TransactionId,
};
pub use kyc::{
    CreateKycRequest, Kyc, KycAccessType, KycConfiguration, KycFilter, KycPersonType, KycRequests,
    KycSortAttribute, SimulateKycRequest,
};
pub use ledgers::{
    CreateLedgerRequest, Ledger, LedgerCountry, LedgerEndUser, LedgerFilter, LedgerLimits,
    LedgerSortAttribute, LedgerStatus, LedgerType, Ledgers,
};
pub use mandates::{
    CreateMandateRequest, Mandate, MandateDebtor, MandateFilter, MandateSortAttribute,
    MandateStatus, Mandates, NewMandateDebtor,
};
pub use paging::{LinkcyPage, MAX_PAGE_SIZE, SortDirection};
pub use passwords::{PasswordResetRequest, Passwords};
pub use sca::{
    LinkcyScaChallenge, LinkcyScaOutcome, PendingSca, SCA_HEADERS, ScaFactor, ScaOptions,
    ScaOutcome, ScaStrategy, ScaTtl,
};
pub use sca_devices::{EnrolScaDeviceRequest, RemoveScaDeviceRequest, ScaDevices, ScaEnrolment};
pub use transactions::{
    BeneficiaryTransferRequest, DeclineReason, DirectDebitRequest,
    INTER_LEDGER_REFERENCE_MAX_CHARS, InterLedgerTransferRequest, PaymentType,
    TRANSFER_REFERENCE_MAX_CHARS, Transaction, TransactionFilter, TransactionInformation,
    TransactionParty, TransactionSortAttribute, TransactionStatus, TransactionType, Transactions,
};
pub use webhook_portal::{WebhookPortal, WebhookPortalUrl};

// The README is the crates.io page: its examples must compile too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
