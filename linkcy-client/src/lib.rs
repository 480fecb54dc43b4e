//! Typed async client for the Linkcy partner API (banking as a service),
//! built on `banking-core`.
//!
//! CRATE_DOCS_EXAMPLE
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod beneficiaries;
mod cards;
mod client;
mod consumers;
mod corporates;
mod counterparty;
mod created;
mod end_users;
mod error;
mod ledgers;
mod mandates;
mod paging;
mod sca;
#[cfg(feature = "testkit")]
pub mod testkit;
mod transactions;
mod validate;

pub use auth::{Auth, LinkcyCredentials, LinkcyTokenSource, LoginRequest, LoginResponse, RefreshRequest};
pub use beneficiaries::{
    Beneficiaries, Beneficiary, BeneficiaryAccount, BeneficiaryFilter, BeneficiarySortAttribute,
    BeneficiaryStatus, CreateBeneficiaryRequest,
};
pub use cards::{
    CARD_RULE_VALUE_RANGE, Card, CardFilter, CardProfile, CardRuleCreator, CardRuleRequest, CardRuleType,
    CardStatus, CardType, Cards, CreateCardRequest, DeliveryMethod,
};
pub use client::{Environment, LinkcyClient, LinkcyClientBuilder, SANDBOX_URL};
pub use consumers::{
    Consumer, ConsumerFilter, ConsumerSortAttribute, ConsumerStatus, Consumers, CreateConsumerRequest,
    Gender, Occupation, SourceOfFunds,
};
pub use corporates::{
    Corporate, CorporateCreated, CorporateFilter, CorporateSortAttribute, Corporates,
    CreateCorporateRequest, KybStatus,
};
pub use counterparty::{BankingDetails, PartyType};
pub use created::Created;
pub use end_users::{
    Address, BankingStatus, ComplianceStatus, KycInfo, KycStatus, LinkcyStatus, OverallStatus, Phone,
    PhoneInfo, SuspensionStatus,
};
pub use error::{LinkcyErrorBody, LinkcyErrorCode, LinkcyErrorDecoder, LinkcyErrorDetail, LinkcyErrorExt};
pub use ledgers::{
    CreateLedgerRequest, Ledger, LedgerCountry, LedgerEndUser, LedgerFilter, LedgerLimits,
    LedgerSortAttribute, LedgerStatus, LedgerType, Ledgers,
};
pub use mandates::{
    CreateMandateRequest, Mandate, MandateDebtor, MandateFilter, MandateSortAttribute, MandateStatus,
    Mandates, NewMandateDebtor,
};
pub use paging::{LinkcyPage, MAX_PAGE_SIZE, SortDirection};
pub use sca::{
    LinkcyScaChallenge, LinkcyScaOutcome, NoContentScaOutcome, PendingNoContentSca, PendingSca,
    SCA_HEADERS, ScaFactor, ScaOptions, ScaOutcome, ScaStrategy, ScaTtl,
};
pub use banking_core::sca::ScaId;
pub use transactions::{
    BeneficiaryTransferRequest, DeclineReason, DirectDebitRequest, INTER_LEDGER_REFERENCE_MAX_CHARS,
    InterLedgerTransferRequest, PaymentType, TRANSFER_REFERENCE_MAX_CHARS, Transaction,
    TransactionFilter, TransactionInformation, TransactionParty, TransactionSortAttribute,
    TransactionStatus, TransactionType, Transactions,
};
