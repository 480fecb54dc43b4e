//! Flinks Pay: EFT v1 transactions, payment requests, schedules and
//! institutions, v2 payment sessions (EFT, GEFT, e-Transfer) with the
//! hosted-flow URL ([`PayClient`](crate::pay::PayClient)), and the Pay API
//! host's "Initiate Payment Session" ([`PayApiClient`](crate::pay::PayApiClient)).
//!
//! Every payment request is validated before it is sent (account number
//! formats, amounts in cents, the EFT schedule rules) and never resent
//! automatically. Pay tokens are single-use, so [`PayClient`](crate::pay::PayClient) fetches one
//! per request.

mod client;
mod e_transfer_sessions;
mod error;
mod initiate;
mod institutions;
mod parties;
mod payment_requests;
mod schedules;
mod sessions;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
mod transactions;

pub use client::{PRODUCTION_URL, PayClient, PayClientBuilder, SANDBOX_URL};
pub use e_transfer_sessions::{ETransferSessionRequest, ETransferSessionsApi};
pub use error::{PayErrorExt, ProblemDetails};
pub use initiate::{
    InitiatePaymentSession, InitiatedPaymentSession, PAY_API_URL, PayApiClient,
    PayApiClientBuilder, PayCustomerId, PayRequestId,
};
pub use institutions::{InstitutionsApi, PayInstitution};
pub use parties::{AccountInfo, PaymentDirection};
pub use payment_requests::{
    PaymentRequest, PaymentRequestId, PaymentRequestStatus, PaymentRequestsApi,
};
pub use schedules::SchedulesApi;
pub use sessions::{
    CreateSession, CreatedSession, Guarantee, Language, NotificationPreferences, PayorAddress,
    Session, SessionId, SessionOptions, SessionPayee, SessionPayor, SessionStatus, SessionType,
    SessionsApi,
};
pub use transactions::{
    ContactInfo, CreatedTransaction, EftParty, EftTransaction, PartySummary, PaymentFrequency,
    Schedule, ScheduleId, ScheduleInfo, ScheduleStatus, TransactionsApi,
};
