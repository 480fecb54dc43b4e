//! Connect: authorize a login, then read its accounts, statements and
//! refresh settings (`/v3/{customerId}/BankingServices/...`).
//!
//! Each endpoint sends the credential the Flinks docs name for it:
//!
//! | endpoints | credential |
//! |---|---|
//! | `GenerateAuthorizeToken` | `flinks-auth-key: <secret key>` |
//! | `GetMFAQuestions`, `Institutions/RoutingNumber` | `flinks-auth-key: <secret key>` (seed: the header; the secret key as its value is inferred) |
//! | `AnswerMFAQuestions`, `Institutions` | `flinks-auth-key: <secret key>` (not documented; inferred from their siblings above) |
//! | `Authorize` (also the MFA answer) | `flinks-auth-key: <one-time authorize token>`, a fresh one per call |
//! | accounts, statements, `DeleteCard` | `x-api-key` |
//! | `GetNightlyRefreshStatus` | `Authorization: Bearer <secret key>` |
//! | `SetScheduledRefresh` | `x-api-key` (not documented; inferred from the other data endpoints) |
//!
//! Data calls answer either ready or pending ([`Outcome`]);
//! [`Connect::wait_ready`] polls the `*Async` endpoint until the data is
//! ready. Authorize may also ask for MFA ([`AuthorizeOutcome`]).

mod accounts;
mod accounts_detail;
mod accounts_summary;
mod authorize;
mod authorize_multiple;
mod delete_card;
mod institutions;
mod investments;
mod mfa_questions;
mod nightly_refresh;
pub(crate) mod outcome;
mod redirect;
mod scheduled_refresh;
mod statements;
mod wait;
mod wealth_nightly_refresh;

pub use crate::category::AccountCategory;
pub use accounts::{Account, AccountKind, Address, Balance, Holder, Transaction};
pub use accounts_detail::{
    AccountsDetail, AccountsDetailRequest, DaysOfTransactions, RefreshDelta,
};
pub use accounts_summary::AccountsSummary;
pub use authorize::{
    Authorization, AuthorizeOutcome, AuthorizeRequest, AuthorizeToken, ChallengeAsk, ChallengeType,
    Language, MfaChallenge, SecurityChallenge, SecurityResponses,
};
pub use authorize_multiple::{AuthorizeMultipleRequest, AuthorizeMultipleResponse};
pub use delete_card::DeletedCard;
pub use institutions::{
    Institution, InstitutionStatus, InstitutionUrl, Localization, RoutingNumber,
};
pub use investments::{InvestmentAccount, Investments};
pub use mfa_questions::{
    AnswerMfaQuestionsRequest, MfaAnswer, MfaQuestion, MfaQuestions, MfaQuestionsUpdated,
};
pub use nightly_refresh::{IneligibleCard, NightlyRefreshStatus};
pub use outcome::{Link, Outcome, Pending};
pub use redirect::ConnectRedirect;
pub use statements::{
    AccountStatements, Statement, StatementPeriod, Statements, StatementsRequest,
};
pub use wait::{AsyncResult, PollOptions, WaitError};
pub use wealth_nightly_refresh::{IneligibleWealth, WealthNightlyRefreshStatus};

use banking_core::Result;
use banking_core::transport::{Request, Transport};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::FlinksClient;
use crate::ids::RequestId;

banking_core::resource_handle! {
    /// The Connect API of a [`FlinksClient`]; get it with
    /// [`FlinksClient::connect`].
    pub struct Connect for FlinksClient, "Flinks";
}

impl Connect<'_> {
    /// Sends a data read of session `session` on `transport`: a POST of
    /// `body` to `path` with the API key and the handle's options. It
    /// changes nothing, so it is retried like a GET. The answer is ready
    /// data or a pending outcome to pass to [`Connect::wait_ready`].
    async fn data_read<T: DeserializeOwned>(
        &self,
        transport: &Transport,
        path: &'static str,
        body: &impl Serialize,
        session: RequestId,
    ) -> Result<Outcome<T>> {
        let http = Request::post(path)
            .json(body)?
            .read_only()
            .auth(self.handle.client().api_key_auth(path)?);
        outcome::send_outcome(transport, self.handle.prepare(http), Some(session)).await
    }
}
