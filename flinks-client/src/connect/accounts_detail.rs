//! `GetAccountsDetail` and `GetAccountsDetailAsync`: the full data of a
//! login's accounts (identity, KYC, balances, transactions).

use banking_core::resource_handle::ResourceClient;
use banking_core::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

use super::Connect;
use super::accounts::accounts_response;
use super::outcome::Outcome;
use super::statements::StatementPeriod;
use super::wait::AsyncResult;
use crate::ids::{AccountId, RequestId, TransactionId};

const PATH: &str = "BankingServices/GetAccountsDetail";

accounts_response! {
    /// The answer of `GetAccountsDetail` / `GetAccountsDetailAsync`.
    AccountsDetail
}

impl AsyncResult for AccountsDetail {
    const ASYNC_PATH: &'static str = "BankingServices/GetAccountsDetailAsync/{requestId}";
}

/// How far back transactions go (`DaysOfTransactions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum DaysOfTransactions {
    /// 90 days (Flinks' default).
    Days90,
    /// 365 days.
    Days365,
}

/// The last transaction already known for an account: only newer ones are
/// returned (`RefreshDelta`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RefreshDelta {
    account_id: AccountId,
    transaction_id: TransactionId,
}

impl RefreshDelta {
    /// Transactions of `account_id` after `transaction_id`.
    pub fn new(account_id: AccountId, transaction_id: TransactionId) -> Self {
        Self {
            account_id,
            transaction_id,
        }
    }
}

/// The body of `GetAccountsDetail`: the session plus the data wanted.
///
/// Flags and their names come from the docs' field list and from Flinks' C#
/// SDK; `WithDetailsAndBankingStatements` and `NumberOfBankingStatements`
/// only from a third-party client. Unset flags are not sent, so Flinks'
/// defaults apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[must_use]
pub struct AccountsDetailRequest {
    request_id: RequestId,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_account_identity: Option<bool>,
    #[serde(rename = "WithKYC", skip_serializing_if = "Option::is_none")]
    with_kyc: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_transactions: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_balance: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_of_transactions: Option<DaysOfTransactions>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    accounts_filter: Vec<AccountId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    refresh_delta: Vec<RefreshDelta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    most_recent_cached: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_details_and_banking_statements: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number_of_banking_statements: Option<StatementPeriod>,
}

impl AccountsDetailRequest {
    /// Detail of the session `request_id` (from Authorize), with Flinks'
    /// defaults for everything else.
    pub fn new(request_id: RequestId) -> Self {
        Self {
            request_id,
            with_account_identity: None,
            with_kyc: None,
            with_transactions: None,
            with_balance: None,
            days_of_transactions: None,
            accounts_filter: Vec::new(),
            date_from: None,
            date_to: None,
            refresh_delta: Vec::new(),
            most_recent_cached: None,
            with_details_and_banking_statements: None,
            number_of_banking_statements: None,
        }
    }

    /// The session this detail is for.
    pub fn request_id(&self) -> RequestId {
        self.request_id
    }

    /// Include transit, institution and account numbers (`WithAccountIdentity`).
    pub fn with_account_identity(mut self, on: bool) -> Self {
        self.with_account_identity = Some(on);
        self
    }

    /// Include the holder's identity (`WithKYC`).
    pub fn with_kyc(mut self, on: bool) -> Self {
        self.with_kyc = Some(on);
        self
    }

    /// Include transactions (`WithTransactions`).
    pub fn with_transactions(mut self, on: bool) -> Self {
        self.with_transactions = Some(on);
        self
    }

    /// Include balances (`WithBalance`).
    pub fn with_balance(mut self, on: bool) -> Self {
        self.with_balance = Some(on);
        self
    }

    /// How far back transactions go (`DaysOfTransactions`).
    pub fn days_of_transactions(mut self, days: DaysOfTransactions) -> Self {
        self.days_of_transactions = Some(days);
        self
    }

    /// Only these accounts (`AccountsFilter`).
    pub fn accounts_filter(mut self, accounts: impl IntoIterator<Item = AccountId>) -> Self {
        self.accounts_filter = accounts.into_iter().collect();
        self
    }

    /// Transactions from this date on (`DateFrom`, sent as `YYYY-MM-DD`; the
    /// docs do not give the format).
    pub fn date_from(mut self, date: NaiveDate) -> Self {
        self.date_from = Some(date);
        self
    }

    /// Transactions up to this date (`DateTo`, sent as `YYYY-MM-DD`).
    pub fn date_to(mut self, date: NaiveDate) -> Self {
        self.date_to = Some(date);
        self
    }

    /// Only transactions newer than these (`RefreshDelta`).
    pub fn refresh_delta(mut self, deltas: impl IntoIterator<Item = RefreshDelta>) -> Self {
        self.refresh_delta = deltas.into_iter().collect();
        self
    }

    /// Serve the most recent cached data (`MostRecentCached`).
    pub fn most_recent_cached(mut self, on: bool) -> Self {
        self.most_recent_cached = Some(on);
        self
    }

    /// Include banking statements with the detail
    /// (`WithDetailsAndBankingStatements`, seen only in a third-party client).
    pub fn with_details_and_banking_statements(mut self, on: bool) -> Self {
        self.with_details_and_banking_statements = Some(on);
        self
    }

    /// How many banking statements (`NumberOfBankingStatements`, seen only in
    /// a third-party client).
    pub fn number_of_banking_statements(mut self, period: StatementPeriod) -> Self {
        self.number_of_banking_statements = Some(period);
        self
    }

    fn validate(&self) -> Result<()> {
        if let (Some(from), Some(to)) = (self.date_from, self.date_to)
            && from > to
        {
            return Err(Error::validation(
                "DateFrom",
                format!("{from} is after DateTo {to}"),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = self.accounts_filter.iter().find(|id| !seen.insert(**id)) {
            return Err(Error::validation(
                "AccountsFilter",
                format!("account {dup} is listed twice"),
            ));
        }
        Ok(())
    }
}

impl Connect<'_> {
    /// `POST GetAccountsDetail`: the accounts of an authorized session.
    ///
    /// The first call usually answers pending; pass the outcome to
    /// [`Connect::wait_ready`] to poll `GetAccountsDetailAsync`.
    pub async fn accounts_detail(
        &self,
        request: &AccountsDetailRequest,
    ) -> Result<Outcome<AccountsDetail>> {
        request.validate()?;
        self.data_read(
            self.handle.client().transport(),
            PATH,
            request,
            request.request_id,
        )
        .await
    }

    /// `GET GetAccountsDetailAsync/{requestId}`: one poll of a pending
    /// detail.
    pub async fn accounts_detail_async(
        &self,
        request_id: RequestId,
    ) -> Result<Outcome<AccountsDetail>> {
        self.poll(request_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> uuid::Uuid {
        uuid::Uuid::from_u128(n)
    }

    #[test]
    fn only_set_flags_are_sent() {
        let request = AccountsDetailRequest::new(RequestId::new(id(1)));
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({ "RequestId": "00000000-0000-0000-0000-000000000001" })
        );
    }

    #[test]
    fn every_flag_has_its_wire_name() {
        let request = AccountsDetailRequest::new(RequestId::new(id(1)))
            .with_account_identity(true)
            .with_kyc(true)
            .with_transactions(true)
            .with_balance(false)
            .days_of_transactions(DaysOfTransactions::Days365)
            .accounts_filter([AccountId::new(id(2))])
            .date_from(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
            .date_to(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap())
            .refresh_delta([RefreshDelta::new(
                AccountId::new(id(2)),
                TransactionId::new(id(3)),
            )])
            .most_recent_cached(true)
            .with_details_and_banking_statements(false)
            .number_of_banking_statements(StatementPeriod::MostRecent);
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "RequestId": "00000000-0000-0000-0000-000000000001",
                "WithAccountIdentity": true,
                "WithKYC": true,
                "WithTransactions": true,
                "WithBalance": false,
                "DaysOfTransactions": "Days365",
                "AccountsFilter": ["00000000-0000-0000-0000-000000000002"],
                "DateFrom": "2025-01-01",
                "DateTo": "2025-01-31",
                "RefreshDelta": [{
                    "AccountId": "00000000-0000-0000-0000-000000000002",
                    "TransactionId": "00000000-0000-0000-0000-000000000003"
                }],
                "MostRecentCached": true,
                "WithDetailsAndBankingStatements": false,
                "NumberOfBankingStatements": "MostRecent"
            })
        );
    }

    #[test]
    fn inverted_dates_and_duplicate_accounts_are_rejected() {
        let request = AccountsDetailRequest::new(RequestId::new(id(1)))
            .date_from(NaiveDate::from_ymd_opt(2025, 2, 1).unwrap())
            .date_to(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        let err = request.validate().unwrap_err();
        assert!(err.is_validation());
        assert!(err.to_string().contains("DateFrom"), "{err}");

        let request = AccountsDetailRequest::new(RequestId::new(id(1)))
            .accounts_filter([AccountId::new(id(2)), AccountId::new(id(2))]);
        assert!(
            request
                .validate()
                .unwrap_err()
                .to_string()
                .contains("AccountsFilter")
        );
    }
}
