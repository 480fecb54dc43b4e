//! `GetStatements` and `GetStatementsAsync`: the institution's official PDF
//! statements (Canada only; the login must have been connected with
//! `detailsAndStatementEnable=true`).
//!
//! The body is `RequestId` in the docs; `NumberOfStatements`,
//! `AccountsFilter` and the response shape come from Flinks' C# SDK.
//! `GetStatementsAsync` (GET) is in the C# SDK and two third-party clients,
//! not in the current docs.

use banking_core::Result;
use banking_core::resource_handle::ResourceClient;
use serde::{Deserialize, Serialize};

use super::Connect;
use super::outcome::{Link, Outcome};
use super::wait::AsyncResult;
use crate::ids::{AccountId, RequestId};
use crate::login::Login;

const PATH: &str = "BankingServices/GetStatements";

/// How many statements (`NumberOfStatements`, `NumberOfBankingStatements`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum StatementPeriod {
    /// The latest statement only.
    MostRecent,
    /// The last three months.
    Months3,
    /// The last twelve months. Flinks' C# SDK asks for exactly one account
    /// in `AccountsFilter` with it; the docs do not, so the SDK sends it
    /// either way and lets the server decide.
    Months12,
}

/// The body of `GetStatements`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[must_use]
pub struct StatementsRequest {
    request_id: RequestId,
    #[serde(skip_serializing_if = "Option::is_none")]
    number_of_statements: Option<StatementPeriod>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    accounts_filter: Vec<AccountId>,
}

impl StatementsRequest {
    /// Statements of the session `request_id`.
    pub fn new(request_id: RequestId) -> Self {
        Self {
            request_id,
            number_of_statements: None,
            accounts_filter: Vec::new(),
        }
    }

    /// How many statements (`NumberOfStatements`).
    pub fn number_of_statements(mut self, period: StatementPeriod) -> Self {
        self.number_of_statements = Some(period);
        self
    }

    /// Only these accounts (`AccountsFilter`).
    pub fn accounts_filter(mut self, accounts: impl IntoIterator<Item = AccountId>) -> Self {
        self.accounts_filter = accounts.into_iter().collect();
        self
    }
}

/// One statement file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Statement {
    /// Statement id.
    #[serde(default)]
    pub unique_id: Option<String>,
    /// File type (`pdf`).
    #[serde(default)]
    pub file_type: Option<String>,
    /// The file, base64-encoded.
    #[serde(default)]
    pub base64_bytes: Option<String>,
}

impl Statement {
    /// The file's bytes, decoded from `Base64Bytes` (empty when absent).
    pub fn bytes(&self) -> std::result::Result<Vec<u8>, base64::DecodeError> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(self.base64_bytes.as_deref().unwrap_or_default())
    }
}

/// The statements of one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AccountStatements {
    /// The account number.
    #[serde(default)]
    pub account_number: Option<String>,
    /// Its statements.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub statements: Vec<Statement>,
}

/// The answer of `GetStatements` / `GetStatementsAsync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Statements {
    /// The HTTP status echoed in the body.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// Statements per account.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub statements_by_account: Vec<AccountStatements>,
    /// The login.
    #[serde(default)]
    pub login: Option<Login>,
    /// Institution name.
    #[serde(default)]
    pub institution: Option<String>,
    /// The session.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// Follow-up endpoints.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub links: Vec<Link>,
}

impl AsyncResult for Statements {
    const ASYNC_PATH: &'static str = "BankingServices/GetStatementsAsync/{requestId}";
}

impl Connect<'_> {
    /// `POST GetStatements` for an authorized session.
    ///
    /// May answer pending; pass the outcome to [`Connect::wait_ready`].
    pub async fn statements(&self, request: &StatementsRequest) -> Result<Outcome<Statements>> {
        self.data_read(
            self.handle.client().transport(),
            PATH,
            request,
            request.request_id,
        )
        .await
    }

    /// `GET GetStatementsAsync/{requestId}`: one poll of pending statements.
    pub async fn statements_async(&self, request_id: RequestId) -> Result<Outcome<Statements>> {
        self.poll(request_id).await
    }
}
