//! `GetAccountsSummary` and `GetAccountsSummaryAsync`: balances, category,
//! holder and EFT eligibility of a login's accounts.

use banking_core::Result;
use banking_core::resource_handle::ResourceClient;

use super::Connect;
use super::accounts::accounts_response;
use super::outcome::Outcome;
use super::wait::AsyncResult;
use crate::ids::RequestId;

const PATH: &str = "BankingServices/GetAccountsSummary";

accounts_response! {
    /// The answer of `GetAccountsSummary` / `GetAccountsSummaryAsync`.
    AccountsSummary
}

impl AsyncResult for AccountsSummary {
    const ASYNC_PATH: &'static str = "BankingServices/GetAccountsSummaryAsync/{requestId}";
}

/// The body of `GetAccountsSummary`: `{"RequestId": "..."}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct SummaryBody {
    request_id: RequestId,
}

impl Connect<'_> {
    /// `POST GetAccountsSummary` for an authorized session.
    ///
    /// May answer pending; pass the outcome to [`Connect::wait_ready`] to poll
    /// `GetAccountsSummaryAsync`.
    pub async fn accounts_summary(
        &self,
        request_id: RequestId,
    ) -> Result<Outcome<AccountsSummary>> {
        self.data_read(
            self.handle.client().transport(),
            PATH,
            &SummaryBody { request_id },
            request_id,
        )
        .await
    }

    /// `GET GetAccountsSummaryAsync/{requestId}`: one poll of a pending
    /// summary.
    pub async fn accounts_summary_async(
        &self,
        request_id: RequestId,
    ) -> Result<Outcome<AccountsSummary>> {
        self.poll(request_id).await
    }
}
