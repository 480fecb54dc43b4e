//! FDX statements: list (`GET /api/fdx/5/accounts/{accountId}/statements`,
//! paged) and download (`GET .../statements/{statementId}`).
//!
//! The list shape follows the FDX 5 standard (the docs name the endpoint
//! only). Download facts are from the research notes `[DOC]`: `Accept` picks
//! the format (PDF by default), a 302 may point elsewhere, code `1300` means
//! "still processing" and `1203` "unsupported type".

use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::NaiveDate;
use futures::Stream;
use serde::{Deserialize, Serialize};

use super::accounts::AccountId;
use super::{HateoasLink, fdx_list};
use crate::outbound::connection::FdxConnection;

banking_core::string_id! {
    /// An FDX statement id.
    StatementId
}

banking_core::wire_enum! {
    /// Whether a statement can be downloaded yet.
    StatementStatus {
        /// Ready to download.
        Available = "AVAILABLE",
        /// Still being produced.
        Processing = "PROCESSING",
        /// Could not be produced.
        Failed = "FAILED",
    }
}

/// One statement of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Statement {
    /// Account of the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// Statement id, for [`StatementsApi::download`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_id: Option<StatementId>,
    /// Closing date of the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_date: Option<NaiveDate>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatementStatus>,
    /// Links to the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<HateoasLink>,
}

/// Query of the statements list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct StatementsRequest {
    /// The account to read.
    pub account_id: AccountId,
    /// `startTime`: first day included.
    pub start_time: Option<NaiveDate>,
    /// `endTime`: last day included.
    pub end_time: Option<NaiveDate>,
    /// Page size.
    pub limit: Option<u32>,
    /// Opaque offset of the page to read.
    pub offset: Option<String>,
}

impl StatementsRequest {
    /// Statements of `account_id`.
    pub fn new(account_id: impl Into<AccountId>) -> Self {
        Self {
            account_id: account_id.into(),
            start_time: None,
            end_time: None,
            limit: None,
            offset: None,
        }
    }

    /// Sets `startTime` and `endTime`.
    pub fn between(mut self, start: NaiveDate, end: NaiveDate) -> Self {
        self.start_time = Some(start);
        self.end_time = Some(end);
        self
    }

    fn filters(&self) -> Result<Request> {
        super::validate_dates(self.start_time, self.end_time)?;
        Ok(Request::get("api/fdx/5/accounts/{accountId}/statements")
            .param("accountId", &self.account_id)
            .query_opt("startTime", self.start_time)
            .query_opt("endTime", self.end_time))
    }
}

fdx_list! {
    StatementsRequest =>
    /// One page of statements.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StatementsPage {
        /// The statements on this page.
        pub statements: Vec<Statement>,
    }
}

banking_core::wire_enum! {
    /// Format to download a statement in (the `Accept` header).
    StatementFormat {
        /// PDF, the default.
        Pdf = "application/pdf",
        /// GIF image.
        Gif = "image/gif",
        /// JPEG image.
        Jpeg = "image/jpeg",
        /// TIFF image.
        Tiff = "image/tiff",
        /// PNG image.
        Png = "image/png",
    }
}

/// A downloaded statement.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatementContent {
    /// The document itself.
    File {
        /// `Content-Type` of the response, when sent.
        content_type: Option<String>,
        /// The document's bytes.
        bytes: Vec<u8>,
    },
    /// A 302: the document is at this `Location` (fetch it without the
    /// connection's token; it is not sent to another host).
    Redirect(String),
}

impl std::fmt::Debug for StatementContent {
    // A statement is personal data: Debug shows its size, not its bytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File {
                content_type,
                bytes,
            } => f
                .debug_struct("File")
                .field("content_type", content_type)
                .field("len", &bytes.len())
                .finish(),
            Self::Redirect(location) => f.debug_tuple("Redirect").field(location).finish(),
        }
    }
}

banking_core::resource_handle! {
    /// FDX statements of one connection.
    pub struct StatementsApi for FdxConnection, "Flinks";
}

impl StatementsApi<'_> {
    /// `GET /api/fdx/5/accounts/{accountId}/statements`: one page.
    pub async fn list(&self, request: &StatementsRequest) -> Result<StatementsPage> {
        super::list(&self.handle, request).await
    }

    /// Every statement of the account, page after page.
    pub fn stream(
        &self,
        request: StatementsRequest,
    ) -> impl Stream<Item = Result<Statement>> + 'static {
        super::stream(&self.handle, request)
    }

    /// `GET /api/fdx/5/accounts/{accountId}/statements/{statementId}` with
    /// `Accept: <format>`.
    ///
    /// A statement still being produced fails with FDX code `1300`
    /// (see [`crate::outbound::OutboundErrorExt::fdx_error`]).
    pub async fn download(
        &self,
        account_id: &AccountId,
        statement_id: &StatementId,
        format: StatementFormat,
    ) -> Result<StatementContent> {
        let request = Request::get("api/fdx/5/accounts/{accountId}/statements/{statementId}")
            .param("accountId", account_id)
            .param("statementId", statement_id)
            .header("accept", format.as_str());
        match self.handle.send(request).await {
            Ok(response) => Ok(StatementContent::File {
                content_type: response
                    .headers()
                    .get("content-type")
                    .and_then(|value| value.to_str().ok())
                    .map(str::to_owned),
                bytes: response.body().to_vec(),
            }),
            Err(error) => match redirect_location(&error) {
                Some(location) => Ok(StatementContent::Redirect(location)),
                None => Err(error),
            },
        }
    }
}

/// The `Location` of a 302 answer (redirects are not followed by the
/// transport, so a token never travels to another host).
fn redirect_location(error: &Error) -> Option<String> {
    let api = error.api_error()?;
    if api.status != 302 {
        return None;
    }
    api.headers
        .get("location")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}
