//! The typed CAMT.052.001.02 model: what a `BkToCstmrAcctRpt` holds.
//!
//! Names follow the ISO 20022 message definition; each field's doc names
//! its XML element. Optional elements are `Option`s or empty `Vec`s;
//! elements this model does not cover are skipped when read.

use banking_core::money::{Currency, Decimal, Money};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use crate::camt::CreditDebit;
use crate::transactions::EntryStatus;

/// An `ISODateTime` as written: local date-time plus the zone, when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CamtDateTime {
    /// The date and time as written.
    pub date_time: NaiveDateTime,
    /// `Z` or `±hh:mm`; `None` for a local time without zone.
    pub offset: Option<FixedOffset>,
}

impl CamtDateTime {
    /// The instant in UTC; `None` for a local time without zone.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        let offset = self.offset?;
        self.date_time
            .and_local_timezone(offset)
            .single()
            .map(|dt| dt.with_timezone(&Utc))
    }
}

/// A `DateAndDateTimeChoice`: `Dt` or `DtTm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrDateTime {
    /// `Dt`.
    Date(NaiveDate),
    /// `DtTm`.
    DateTime(CamtDateTime),
}

impl DateOrDateTime {
    /// The calendar date as written (a date-time's zone is not applied).
    pub fn date(&self) -> NaiveDate {
        match self {
            DateOrDateTime::Date(date) => *date,
            DateOrDateTime::DateTime(dt) => dt.date_time.date(),
        }
    }
}

/// `GrpHdr`: the message's header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupHeader {
    /// `MsgId`.
    pub message_id: String,
    /// `CreDtTm`.
    pub creation_date_time: CamtDateTime,
    /// `MsgPgntn/PgNb`: the page number, when the bank splits a report.
    pub page_number: Option<u64>,
    /// `MsgPgntn/LastPgInd`.
    pub last_page: Option<bool>,
    /// `AddtlInf`.
    pub additional_information: Option<String>,
}

/// `Rpt`: one account report, without its entries (which stream after it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// `Id`.
    pub id: String,
    /// `ElctrncSeqNb`.
    pub electronic_sequence_number: Option<u64>,
    /// `LglSeqNb`.
    pub legal_sequence_number: Option<u64>,
    /// `CreDtTm`.
    pub creation_date_time: CamtDateTime,
    /// `FrToDt`: the period the report covers.
    pub period: Option<Period>,
    /// `Acct`.
    pub account: Account,
    /// `Bal`.
    pub balances: Vec<Balance>,
    /// `TxsSummry`.
    pub summary: Option<TransactionsSummary>,
}

/// `FrToDt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Period {
    /// `FrDtTm`.
    pub from: CamtDateTime,
    /// `ToDtTm`.
    pub to: CamtDateTime,
}

/// `Id` of a cash account: `IBAN` or `Othr`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AccountNumber {
    /// `IBAN`.
    Iban(String),
    /// `Othr`: `Id` and, when given, `SchmeNm/Cd` or `SchmeNm/Prtry`.
    Other {
        /// `Othr/Id`.
        id: String,
        /// The identification scheme.
        scheme: Option<String>,
    },
}

impl AccountNumber {
    /// The IBAN, if the account is identified by one.
    pub fn iban(&self) -> Option<&str> {
        match self {
            AccountNumber::Iban(iban) => Some(iban),
            AccountNumber::Other { .. } => None,
        }
    }
}

/// A cash account (`Acct`, `DbtrAcct`, `CdtrAcct`). Owner and servicer are
/// only given for the report's own account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Account {
    /// `Id`.
    pub number: AccountNumber,
    /// `Ccy`.
    pub currency: Option<Currency>,
    /// `Nm`.
    pub name: Option<String>,
    /// `Ownr`.
    pub owner: Option<Party>,
    /// `Svcr`: the bank that keeps the account.
    pub servicer: Option<Agent>,
}

/// A party (`Ownr`, `Dbtr`, `Cdtr`, `UltmtDbtr`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Party {
    /// `Nm`.
    pub name: Option<String>,
    /// `PstlAdr/Ctry`.
    pub country: Option<String>,
}

/// A financial institution (`Svcr`, `DbtrAgt`, `CdtrAgt`): `FinInstnId`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Agent {
    /// `FinInstnId/BIC`.
    pub bic: Option<String>,
    /// `FinInstnId/Nm`.
    pub name: Option<String>,
}

banking_core::wire_enum! {
    /// A balance type (ISO 20022 `BalanceType12Code`).
    BalanceType {
        /// `OPBD`: opening booked.
        OpeningBooked = "OPBD",
        /// `OPAV`: opening available.
        OpeningAvailable = "OPAV",
        /// `ITBD`: interim booked.
        InterimBooked = "ITBD",
        /// `ITAV`: interim available.
        InterimAvailable = "ITAV",
        /// `CLBD`: closing booked.
        ClosingBooked = "CLBD",
        /// `CLAV`: closing available.
        ClosingAvailable = "CLAV",
        /// `FWAV`: forward available.
        ForwardAvailable = "FWAV",
        /// `PRCD`: previously closed booked.
        PreviouslyClosedBooked = "PRCD",
        /// `XPCD`: expected.
        Expected = "XPCD",
        /// `INFO`: information.
        Information = "INFO",
    }
}

/// `Bal`: a balance of the report's account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Balance {
    /// `Tp/CdOrPrtry/Cd`, or `Tp/CdOrPrtry/Prtry` as
    /// [`BalanceType::Unknown`].
    pub kind: BalanceType,
    /// `Amt` with its `Ccy`, unsigned.
    pub amount: Money,
    /// `CdtDbtInd`: a debit balance is negative.
    pub credit_debit: CreditDebit,
    /// `Dt`.
    pub date: DateOrDateTime,
}

impl Balance {
    /// The amount, negative for a debit balance; `None` for an unknown
    /// indicator.
    pub fn signed_amount(&self) -> Option<Decimal> {
        crate::camt::signed(Some(self.amount.amount), Some(&self.credit_debit))
    }
}

/// `TxsSummry`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TransactionsSummary {
    /// `TtlNtries`.
    pub total: Option<EntryTotals>,
    /// `TtlCdtNtries`.
    pub credits: Option<EntryTotals>,
    /// `TtlDbtNtries`.
    pub debits: Option<EntryTotals>,
}

/// A count and sum of entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct EntryTotals {
    /// `NbOfNtries`.
    pub count: Option<u64>,
    /// `Sum`: the unsigned sum of the amounts.
    pub sum: Option<Decimal>,
    /// `TtlNetNtryAmt` (total only).
    pub net_amount: Option<Decimal>,
    /// `CdtDbtInd` of the net amount (total only).
    pub credit_debit: Option<CreditDebit>,
}

/// `Ntry`: one statement entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// `NtryRef`.
    pub reference: Option<String>,
    /// `Amt` with its `Ccy`, unsigned.
    pub amount: Money,
    /// `CdtDbtInd`.
    pub credit_debit: CreditDebit,
    /// `RvslInd`: the entry reverses an earlier one.
    pub reversal: Option<bool>,
    /// `Sts`: `BOOK`, `PDNG` or `INFO`.
    pub status: EntryStatus,
    /// `BookgDt`.
    pub booking_date: Option<DateOrDateTime>,
    /// `ValDt`.
    pub value_date: Option<DateOrDateTime>,
    /// `AcctSvcrRef`: the bank's reference.
    pub account_servicer_reference: Option<String>,
    /// `BkTxCd`.
    pub bank_transaction_code: BankTransactionCode,
    /// `AmtDtls`: the amounts before conversion and the exchange.
    pub amount_details: Option<AmountDetails>,
    /// `NtryDtls`.
    pub details: Vec<EntryDetails>,
    /// `AddtlNtryInf`.
    pub additional_information: Option<String>,
}

/// `BkTxCd`: the bank transaction code, structured (`Domn`) and/or
/// proprietary (`Prtry`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct BankTransactionCode {
    /// `Domn`.
    pub domain: Option<DomainCode>,
    /// `Prtry`.
    pub proprietary: Option<ProprietaryCode>,
}

/// `BkTxCd/Domn`: domain, family and sub-family codes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DomainCode {
    /// `Domn/Cd`, e.g. `PMNT`.
    pub domain: String,
    /// `Domn/Fmly/Cd`, e.g. `RCDT`.
    pub family: String,
    /// `Domn/Fmly/SubFmlyCd`, e.g. `ESCT`.
    pub sub_family: String,
}

/// `BkTxCd/Prtry`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProprietaryCode {
    /// `Cd`.
    pub code: String,
    /// `Issr`.
    pub issuer: Option<String>,
}

/// `AmtDtls`: the amounts of a transaction in each currency involved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct AmountDetails {
    /// `InstdAmt`: the amount the originator instructed.
    pub instructed: Option<AmountAndExchange>,
    /// `TxAmt`: the amount of the underlying transaction.
    pub transaction: Option<AmountAndExchange>,
    /// `CntrValAmt`: the counter value in the account's currency.
    pub counter_value: Option<AmountAndExchange>,
    /// `AnncdPstngAmt`: the amount announced before posting.
    pub announced_posting: Option<AmountAndExchange>,
}

impl AmountDetails {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &AmountAndExchange> {
        [
            &self.instructed,
            &self.transaction,
            &self.counter_value,
            &self.announced_posting,
        ]
        .into_iter()
        .flatten()
    }
}

/// An amount and, when converted, the exchange applied.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AmountAndExchange {
    /// `Amt` with its `Ccy`.
    pub amount: Money,
    /// `CcyXchg`.
    pub exchange: Option<CurrencyExchange>,
}

/// `CcyXchg`. ISO 20022: the rate is the number of units of the quoted
/// currency per one unit of `UnitCcy`; without `UnitCcy`, per unit of the
/// source currency (target per source).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CurrencyExchange {
    /// `SrcCcy`: the currency converted from.
    pub source: Currency,
    /// `TrgtCcy`: the currency converted to.
    pub target: Option<Currency>,
    /// `UnitCcy`: the currency the rate is quoted per.
    pub unit: Option<Currency>,
    /// `XchgRate`, exactly as written.
    pub rate: Decimal,
    /// `CtrctId`: the FX contract.
    pub contract_id: Option<String>,
    /// `QtnDt`: when the rate was quoted.
    pub quotation_date: Option<CamtDateTime>,
}

impl CurrencyExchange {
    /// The currency the rate is quoted per: `UnitCcy`, or the source.
    pub fn per_unit_of(&self) -> Currency {
        self.unit.unwrap_or(self.source)
    }
}

/// `NtryDtls`: a batch and/or its transactions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct EntryDetails {
    /// `Btch`.
    pub batch: Option<Batch>,
    /// `TxDtls`: one per transaction; several for a batch booking.
    pub transactions: Vec<TransactionDetails>,
}

/// `Btch`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Batch {
    /// `MsgId`.
    pub message_id: Option<String>,
    /// `PmtInfId`.
    pub payment_information_id: Option<String>,
    /// `NbOfTxs`.
    pub transaction_count: Option<u64>,
    /// `TtlAmt` with its `Ccy`.
    pub total_amount: Option<Money>,
    /// `CdtDbtInd`.
    pub credit_debit: Option<CreditDebit>,
}

/// `TxDtls`: one transaction of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TransactionDetails {
    /// `Refs`.
    pub references: References,
    /// `AmtDtls`.
    pub amount_details: Option<AmountDetails>,
    /// `BkTxCd`.
    pub bank_transaction_code: Option<BankTransactionCode>,
    /// `RltdPties`.
    pub parties: RelatedParties,
    /// `RltdAgts`.
    pub agents: RelatedAgents,
    /// `RmtInf`.
    pub remittance: Remittance,
    /// `AddtlTxInf`.
    pub additional_information: Option<String>,
}

/// `Refs`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct References {
    /// `MsgId`.
    pub message_id: Option<String>,
    /// `AcctSvcrRef`.
    pub account_servicer_reference: Option<String>,
    /// `PmtInfId`.
    pub payment_information_id: Option<String>,
    /// `InstrId`.
    pub instruction_id: Option<String>,
    /// `EndToEndId`.
    pub end_to_end_id: Option<String>,
    /// `TxId`.
    pub transaction_id: Option<String>,
    /// `MndtId`: the direct-debit mandate.
    pub mandate_id: Option<String>,
    /// `ChqNb`.
    pub cheque_number: Option<String>,
}

/// `RltdPties`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RelatedParties {
    /// `InitgPty`.
    pub initiating_party: Option<Party>,
    /// `Dbtr`.
    pub debtor: Option<Party>,
    /// `DbtrAcct`.
    pub debtor_account: Option<Account>,
    /// `UltmtDbtr`.
    pub ultimate_debtor: Option<Party>,
    /// `Cdtr`.
    pub creditor: Option<Party>,
    /// `CdtrAcct`.
    pub creditor_account: Option<Account>,
    /// `UltmtCdtr`.
    pub ultimate_creditor: Option<Party>,
}

/// `RltdAgts`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RelatedAgents {
    /// `DbtrAgt`.
    pub debtor_agent: Option<Agent>,
    /// `CdtrAgt`.
    pub creditor_agent: Option<Agent>,
}

/// `RmtInf`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Remittance {
    /// `Ustrd`: the unstructured lines, in order.
    pub unstructured: Vec<String>,
    /// `Strd/CdtrRefInf`: structured creditor references (RF references).
    pub creditor_references: Vec<CreditorReference>,
}

/// `Strd/CdtrRefInf`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreditorReference {
    /// `Ref`.
    pub reference: String,
    /// `Tp/CdOrPrtry/Cd` (e.g. `SCOR`) or `Tp/CdOrPrtry/Prtry`.
    pub kind: Option<String>,
    /// `Tp/Issr`.
    pub issuer: Option<String>,
}
