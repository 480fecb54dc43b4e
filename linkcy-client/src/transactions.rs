//! Transactions: list, get, transfer to a beneficiary, inter-ledger
//! transfer and SEPA direct debit (seed documentation).

use crate::ids::{BeneficiaryId, CardId, EndUserId, LedgerId, MandateId, TransactionId};
use banking_core::money::{Currency, Money};
use banking_core::transport::{ArrayStyle, Request};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::created::Created;
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::sca::{LinkcyScaOutcome, ScaOptions};
use crate::validate;

const TRANSACTIONS: &str = "/api/partner/transactions";
const TRANSACTION: &str = "/api/partner/transactions/{transactionId}";
const INTER_LEDGER: &str = "/api/partner/transactions/inter-ledger";
const DIRECT_DEBIT: &str = "/api/partner/transactions/direct-debit";

/// Longest `reference` of a transfer to a beneficiary the SDK accepts: 60,
/// as the Linkcy documentation the project started from gives it
/// (`[0 .. 60]`).
///
/// The current public reference (1.114.5, research notes) gives
/// `[0 .. 18]` for this operation, the UK Faster Payments reference limit.
/// Where the versions disagree the SDK accepts what any of them allows and
/// lets the server decide: a server applying 18 answers a longer reference
/// with a `400` naming `reference`. Keep references to 18 characters to be
/// safe on every version.
pub const TRANSFER_REFERENCE_MAX_CHARS: usize = 60;

/// Longest `reference` of an inter-ledger transfer (seed: `[0 .. 60]`; the
/// newer reference gives no other limit for this operation).
pub const INTER_LEDGER_REFERENCE_MAX_CHARS: usize = 60;

banking_core::wire_enum! {
    /// The `type` of a transaction.
    ///
    /// The first nine values are the current reference's; the others come
    /// from older sandbox docs (the research notes list both) and are kept so that
    /// older data still matches.
    TransactionType {
        /// A card payment authorisation.
        CardAuthorization = "CARD_AUTHORIZATION",
        /// The clearing of a card payment.
        CardClearing = "CARD_CLEARING",
        /// A SEPA direct debit.
        SepaDirectDebit = "SEPA_DIRECT_DEBIT",
        /// A transfer between two Linkcy ledgers.
        InterLedger = "INTER_LEDGER",
        /// Card acquiring.
        Acquiring = "ACQUIRING",
        /// A currency exchange.
        Fx = "FX",
        /// A SEPA credit transfer.
        SepaCreditTransfer = "SEPA_CREDIT_TRANSFER",
        /// A UK credit transfer (Faster Payments / BACS).
        UkCreditTransfer = "UK_CREDIT_TRANSFER",
        /// Linkcy's own `UNKNOWN` value: the server could not classify it.
        Unclassified = "UNKNOWN",
        /// Older docs.
        DebitPaymentSend = "DEBIT_PAYMENT_SEND",
        /// Older docs.
        DebitSend = "DEBIT_SEND",
        /// Older docs.
        ManualCredit = "MANUAL_CREDIT",
        /// Older docs.
        ManualDebit = "MANUAL_DEBIT",
        /// Older docs.
        OutstandingBalanceRepayment = "OUTSTANDING_BALANCE_REPAYMENT",
        /// Older docs.
        Receive = "RECEIVE",
        /// Older docs.
        Send = "SEND",
        /// Older docs.
        VirtualDebitCardDebit = "VIRTUAL_DEBIT_CARD_DEBIT",
    }
}

banking_core::wire_enum! {
    /// The `paymentType` of a transaction.
    ///
    /// The docs list 39 or 40 values but only these ten are visible (seed
    /// and research notes); the rest arrive as `Unknown`.
    PaymentType {
        /// A money transfer.
        MoneyTransfer = "MONEY_TRANSFER",
        /// Technical: virtual card creation.
        TechMvcCreation = "TECH_MVC_CREATION",
        /// Technical transaction.
        TechTransaction = "TECH_TRANSACTION",
        /// Technical virtual transfer.
        TechVirtualTransfer = "TECH_VIRTUAL_TRANSFER",
        /// Account load.
        AccountLoad = "ACCOUNT_LOAD",
        /// A payment.
        Payment = "PAYMENT",
        /// Account funding.
        AccountFunding = "ACCOUNT_FUNDING",
        /// Account transfer.
        AccountTransfer = "ACCOUNT_TRANSFER",
        /// Account verification.
        AccountVerification = "ACCOUNT_VERIFICATION",
        /// Adjustment credit.
        AdjustmentCredit = "ADJUSTMENT_CREDIT",
    }
}

banking_core::wire_enum! {
    /// The `status` of a transaction (8 values documented, 6 visible).
    ///
    /// Card authorisations move from `APPROVED` to `RELEASED` (clearing
    /// arrived, or none after several days) or `REVERSED` (cancelled or
    /// replaced); `DECLINED` is final.
    TransactionStatus {
        /// Accepted.
        Approved = "APPROVED",
        /// Refused (final).
        Declined = "DECLINED",
        /// A card authorisation released.
        Released = "RELEASED",
        /// A card authorisation cancelled or replaced.
        Reversed = "REVERSED",
        /// Being processed.
        Pending = "PENDING",
        /// Aborted (named by the `showDeclinedTransaction` filter's docs).
        Aborted = "ABORTED",
    }
}

banking_core::wire_enum! {
    /// `information.declineReason` (only one value is documented).
    DeclineReason {
        /// The beneficiary's account is closed or blocked.
        BeneficiaryAccountClosedOrStopped = "BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the transaction list.
    TransactionSortAttribute {
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// A Linkcy transaction (seed: "Get transaction's information").
///
/// The seed collapses `information`, `sender` and `receiver`; their fields
/// come from the research notes' sample (stated in the public reference), which is cut off inside
/// `receiver`: `receiver` is modelled like `sender` (inferred).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transaction {
    /// The transaction id.
    pub id: TransactionId,
    /// What kind of transaction this is (wire name `type`).
    #[serde(rename = "type", default)]
    pub transaction_type: Option<TransactionType>,
    /// The payment type.
    #[serde(default)]
    pub payment_type: Option<PaymentType>,
    /// The status.
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    /// When the transaction was created.
    #[serde(default)]
    pub creation_date: Option<DateTime<Utc>>,
    /// The amount, exact.
    #[serde(with = "banking_core::money::wire::exact_number")]
    pub amount: Decimal,
    /// The currency of `amount` (the ledger's).
    pub currency: Currency,
    /// Details: original amount, FX rate, decline reason, reference.
    #[serde(default)]
    pub information: Option<TransactionInformation>,
    /// The sending side.
    #[serde(default)]
    pub sender: Option<TransactionParty>,
    /// The receiving side.
    #[serde(default)]
    pub receiver: Option<TransactionParty>,
}

impl Transaction {
    /// `amount` in `currency`.
    pub fn money(&self) -> Money {
        Money {
            amount: self.amount,
            currency: self.currency,
        }
    }
}

/// `information` of a transaction (research notes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TransactionInformation {
    /// The amount before conversion (card payments abroad, FX), exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub original_amount: Option<Decimal>,
    /// The currency of `originalAmount`. A free string in the docs (not the
    /// currency enum used for `currency`), so it is kept as sent.
    #[serde(default)]
    pub original_currency: Option<String>,
    /// The conversion rate; a string on the wire, kept as sent (see
    /// [`TransactionInformation::conversion_rate_decimal`]).
    #[serde(default)]
    pub conversion_rate: Option<String>,
    /// Why the transaction was declined.
    #[serde(default)]
    pub decline_reason: Option<DeclineReason>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
    /// When a card payment cleared.
    #[serde(default)]
    pub clearing_date: Option<DateTime<Utc>>,
    /// The payment reference.
    #[serde(default)]
    pub reference: Option<String>,
}

impl TransactionInformation {
    /// `conversionRate` as an exact decimal, when it is one.
    ///
    /// Read with the workspace's strict decimal grammar
    /// ([`decimal_string::parse`](banking_core::money::wire::decimal_string::parse)):
    /// `"1_0847"`, `" 1.08"`, `"1e3"` and a rate with more digits than a
    /// `Decimal` holds give `None` rather than a misread or rounded value;
    /// the text stays in [`conversion_rate`](Self::conversion_rate).
    pub fn conversion_rate_decimal(&self) -> Option<Decimal> {
        banking_core::money::wire::decimal_string::parse(self.conversion_rate.as_deref()?).ok()
    }
}

/// `sender` / `receiver` of a transaction (research notes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TransactionParty {
    /// Friendly name of the ledger.
    #[serde(default)]
    pub ledger_friendly_name: Option<String>,
    /// The virtual ledger involved, if any.
    #[serde(default)]
    pub virtual_ledger_id: Option<LedgerId>,
    /// Friendly name of the virtual ledger.
    #[serde(default)]
    pub virtual_ledger_friendly_name: Option<String>,
    /// Name of the party.
    #[serde(default)]
    pub name: Option<String>,
    /// The end-user, when the party is one of yours.
    #[serde(default)]
    pub end_user_id: Option<EndUserId>,
    /// The ledger, when the party is a Linkcy ledger.
    #[serde(default)]
    pub ledger_id: Option<LedgerId>,
    /// The ledger's total balance before this transaction, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub previous_total_balance: Option<Decimal>,
    /// The ledger's reserved balance before this transaction, exact.
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub previous_reserved_balance: Option<Decimal>,
}

/// The filters of `GET /api/partner/transactions` (all 14 query
/// parameters of the seed). Every filter is optional.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct TransactionFilter {
    sort_attribute: Option<TransactionSortAttribute>,
    end_user_id: Option<EndUserId>,
    ledger_id: Option<LedgerId>,
    card_id: Option<CardId>,
    transaction_types: Vec<TransactionType>,
    payment_types: Vec<PaymentType>,
    show_released_transaction: Option<bool>,
    show_declined_transaction: Option<bool>,
    start_date: Option<NaiveDateTime>,
    end_date: Option<NaiveDateTime>,
    status: Vec<TransactionStatus>,
    paging: PageParams,
}

impl TransactionFilter {
    /// No filter: every transaction, server defaults for paging.
    pub fn new() -> Self {
        Self::default()
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: TransactionSortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `endUserId`: transactions where this end-user sends or receives.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `ledgerId`: transactions from or to this ledger.
    pub fn ledger_id(mut self, id: LedgerId) -> Self {
        self.ledger_id = Some(id);
        self
    }

    /// `cardId`: transactions made with this card.
    pub fn card_id(mut self, id: CardId) -> Self {
        self.card_id = Some(id);
        self
    }

    /// `transactionTypes`: any of these types (sent as repeated parameters).
    pub fn transaction_types(mut self, types: impl IntoIterator<Item = TransactionType>) -> Self {
        self.transaction_types = types.into_iter().collect();
        self
    }

    /// `paymentTypes`: any of these payment types.
    pub fn payment_types(mut self, types: impl IntoIterator<Item = PaymentType>) -> Self {
        self.payment_types = types.into_iter().collect();
        self
    }

    /// `showReleasedTransaction` (server default `true`).
    pub fn show_released_transaction(mut self, show: bool) -> Self {
        self.show_released_transaction = Some(show);
        self
    }

    /// `showDeclinedTransaction`: include `DECLINED` and `ABORTED` (server
    /// default `true`).
    pub fn show_declined_transaction(mut self, show: bool) -> Self {
        self.show_declined_transaction = Some(show);
        self
    }

    /// `startDate`: from this local date-time (sent like the docs' example
    /// `2022-05-16T10:30`, with seconds when they are not zero).
    pub fn start_date(mut self, from: NaiveDateTime) -> Self {
        self.start_date = Some(from);
        self
    }

    /// `endDate`: until this local date-time.
    pub fn end_date(mut self, until: NaiveDateTime) -> Self {
        self.end_date = Some(until);
        self
    }

    /// `status`: any of these statuses.
    pub fn status(mut self, statuses: impl IntoIterator<Item = TransactionStatus>) -> Self {
        self.status = statuses.into_iter().collect();
        self
    }

    /// Check the filter as the server would: paging bounds and
    /// `startDate <= endDate`.
    pub fn validate(&self) -> banking_core::Result<()> {
        self.paging.validate()?;
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && start > end
        {
            return Err(banking_core::Error::validation(
                "startDate",
                format!("must not be after endDate ({start} > {end})"),
            ));
        }
        Ok(())
    }

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("endUserId", self.end_user_id)
            .query_opt("ledgerId", self.ledger_id)
            .query_opt("cardId", self.card_id)
            .query_array(
                "transactionTypes",
                &self.transaction_types,
                ArrayStyle::Repeated,
            )
            .query_array("paymentTypes", &self.payment_types, ArrayStyle::Repeated)
            .query_opt("showReleasedTransaction", self.show_released_transaction)
            .query_opt("showDeclinedTransaction", self.show_declined_transaction)
            .query_opt("startDate", self.start_date.map(local_date_time))
            .query_opt("endDate", self.end_date.map(local_date_time))
            .query_array("status", &self.status, ArrayStyle::Repeated)
    }
}

list_filter!(TransactionFilter => Transaction, TRANSACTIONS, own validate);

/// `2022-05-16T10:30` as in the docs, or `2022-05-16T10:30:15.5` when the
/// value has seconds (both are ISO-8601 local date-times).
fn local_date_time(value: NaiveDateTime) -> String {
    if value.second() == 0 && value.nanosecond() == 0 {
        value.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        value.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }
}

/// `POST /api/partner/transactions`: pay a beneficiary from a ledger.
///
/// The ids are typed, so a ledger id cannot stand in for the beneficiary:
///
/// ```compile_fail
/// use linkcy_client::{BeneficiaryId, BeneficiaryTransferRequest, LedgerId};
/// use rust_decimal::Decimal;
///
/// let beneficiary: BeneficiaryId = "410e5c37-9603-4e5b-81b1-7cb895f362e8".parse().unwrap();
/// let ledger: LedgerId = "b595c981-8a0f-4604-a66c-209d65193394".parse().unwrap();
/// // Swapped: refused at compile time.
/// let _ = BeneficiaryTransferRequest::new(Decimal::ONE, ledger, beneficiary);
/// ```
///
/// ```
/// # use linkcy_client::{BeneficiaryId, BeneficiaryTransferRequest, LedgerId};
/// # use rust_decimal::Decimal;
/// # let beneficiary: BeneficiaryId = "410e5c37-9603-4e5b-81b1-7cb895f362e8".parse().unwrap();
/// # let ledger: LedgerId = "b595c981-8a0f-4604-a66c-209d65193394".parse().unwrap();
/// let _ = BeneficiaryTransferRequest::new(Decimal::ONE, beneficiary, ledger);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct BeneficiaryTransferRequest {
    #[serde(with = "banking_core::money::wire::exact_number")]
    amount: Decimal,
    beneficiary_id: BeneficiaryId,
    ledger_from_id: LedgerId,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_fast_payment: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_inter_ledger: Option<bool>,
}

impl BeneficiaryTransferRequest {
    /// Send `amount` (in the ledger's currency) from `ledger_from_id` to
    /// `beneficiary_id`.
    pub fn new(amount: Decimal, beneficiary_id: BeneficiaryId, ledger_from_id: LedgerId) -> Self {
        Self {
            amount,
            beneficiary_id,
            ledger_from_id,
            reference: None,
            allow_fast_payment: None,
            allow_inter_ledger: None,
        }
    }

    /// The payment reference: at most [`TRANSFER_REFERENCE_MAX_CHARS`] (60)
    /// characters matching `^[.'a-zA-ZÀ-ÿ0-9,? ]*$`. The current reference
    /// documents 18 for this operation: see
    /// [`TRANSFER_REFERENCE_MAX_CHARS`]. Without one, Linkcy uses
    /// `Transfer`.
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// `allowFastPayment` (server default `true`): `false` forces
    /// `EU_SEPA_STEP2` over `EU_SEPA_INSTANT`. In sandbox GBP is always fast
    /// and EUR never.
    pub fn allow_fast_payment(mut self, allow: bool) -> Self {
        self.allow_fast_payment = Some(allow);
        self
    }

    /// `allowInterLedger` (server default `true`): `false` stops Linkcy from
    /// turning the transfer into an inter-ledger one when the beneficiary is
    /// a Linkcy ledger.
    pub fn allow_inter_ledger(mut self, allow: bool) -> Self {
        self.allow_inter_ledger = Some(allow);
        self
    }

    /// Positive amount with at most two decimals, reference within
    /// [`TRANSFER_REFERENCE_MAX_CHARS`] and the documented pattern.
    pub fn validate(&self) -> banking_core::Result<()> {
        validate::amount("amount", self.amount)?;
        if let Some(reference) = &self.reference {
            validate::reference("reference", reference, TRANSFER_REFERENCE_MAX_CHARS)?;
        }
        Ok(())
    }
}

/// `POST /api/partner/transactions/inter-ledger`: move money between
/// ledgers of two of your end-users.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct InterLedgerTransferRequest {
    ledger_from_id: LedgerId,
    ledger_to_id: LedgerId,
    #[serde(with = "banking_core::money::wire::exact_number")]
    amount: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
}

impl InterLedgerTransferRequest {
    /// Move `amount` from `ledger_from_id` to `ledger_to_id`.
    pub fn new(ledger_from_id: LedgerId, ledger_to_id: LedgerId, amount: Decimal) -> Self {
        Self {
            ledger_from_id,
            ledger_to_id,
            amount,
            reference: None,
        }
    }

    /// The reference: at most [`INTER_LEDGER_REFERENCE_MAX_CHARS`]
    /// characters matching `^[.'a-zA-ZÀ-ÿ0-9,? ]*$`. Without one, Linkcy
    /// uses `Transfer`.
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// Positive amount with at most two decimals, reference within the
    /// limit and pattern. (Whether both ledgers may be the same is not
    /// documented: the server decides.)
    pub fn validate(&self) -> banking_core::Result<()> {
        validate::amount("amount", self.amount)?;
        if let Some(reference) = &self.reference {
            validate::reference("reference", reference, INTER_LEDGER_REFERENCE_MAX_CHARS)?;
        }
        Ok(())
    }
}

/// `POST /api/partner/transactions/direct-debit`: collect a SEPA direct
/// debit on an activated mandate into an activated ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct DirectDebitRequest {
    mandate_id: MandateId,
    ledger_to_id: LedgerId,
    date: NaiveDate,
    #[serde(with = "banking_core::money::wire::exact_number")]
    amount: Decimal,
    reference: String,
}

impl DirectDebitRequest {
    /// Collect `amount` on `date` under `mandate_id` into `ledger_to_id`.
    /// A non-recurring mandate allows a single collection.
    pub fn new(
        mandate_id: MandateId,
        ledger_to_id: LedgerId,
        date: NaiveDate,
        amount: Decimal,
        reference: impl Into<String>,
    ) -> Self {
        Self {
            mandate_id,
            ledger_to_id,
            date,
            amount,
            reference: reference.into(),
        }
    }

    /// Positive amount with at most two decimals, and `date` not before
    /// D+2 and not on a Saturday or Sunday (the docs: "Cannot be earlier
    /// than D+2 and must be a working day (neither weekend nor public
    /// holiday)").
    ///
    /// The docs do not say in which time zone "D" is, nor whether D+2
    /// counts working days: the SDK counts calendar days from today's date
    /// at UTC−12, the earliest date anywhere, so it never refuses a date
    /// that is D+2 in the server's zone. Which holiday calendar applies is
    /// not documented either: holidays are left to the server.
    pub fn validate(&self) -> banking_core::Result<()> {
        let earliest_today = (Utc::now() - chrono::Duration::hours(12)).date_naive();
        self.validate_on(earliest_today)
    }

    fn validate_on(&self, today: NaiveDate) -> banking_core::Result<()> {
        use chrono::{Datelike, Days, Weekday};
        validate::amount("amount", self.amount)?;
        let earliest = today
            .checked_add_days(Days::new(2))
            .unwrap_or(NaiveDate::MAX);
        if self.date < earliest {
            return Err(banking_core::Error::validation(
                "date",
                format!("must be on or after {earliest} (D+2), got {}", self.date),
            ));
        }
        if matches!(self.date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(banking_core::Error::validation(
                "date",
                format!(
                    "must be a working day, {} is a {}",
                    self.date,
                    self.date.weekday()
                ),
            ));
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// The transaction endpoints; from [`LinkcyClient::transactions`].
    pub struct Transactions for LinkcyClient, "Linkcy";
}

impl<'a> Transactions<'a> {
    /// `GET /api/partner/transactions`: one page.
    pub async fn list(
        &self,
        filter: &TransactionFilter,
    ) -> banking_core::Result<LinkcyPage<Transaction>> {
        paging::list(&self.handle, filter).await
    }

    /// Every transaction matching `filter`, page after page from
    /// `filter`'s `page` (default 0), fetched lazily.
    pub fn stream(
        &self,
        filter: TransactionFilter,
    ) -> impl Stream<Item = banking_core::Result<Transaction>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `GET /api/partner/transactions/{transactionId}`.
    pub async fn get(&self, transaction_id: TransactionId) -> banking_core::Result<Transaction> {
        let request = Request::get(TRANSACTION).param("transactionId", transaction_id);
        self.handle.send_json(request).await
    }

    /// `POST /api/partner/transactions`: pay a beneficiary; might require
    /// SCA (202 → [`ScaOutcome::Pending`](crate::ScaOutcome::Pending)).
    pub async fn create(
        &self,
        transfer: &BeneficiaryTransferRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<Created<TransactionId>>> {
        transfer.validate()?;
        let request = Request::post(TRANSACTIONS).json(transfer)?;
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }

    /// `POST /api/partner/transactions/inter-ledger`; might require SCA.
    pub async fn create_inter_ledger(
        &self,
        transfer: &InterLedgerTransferRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<Created<TransactionId>>> {
        transfer.validate()?;
        let request = Request::post(INTER_LEDGER).json(transfer)?;
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }

    /// `POST /api/partner/transactions/direct-debit`.
    pub async fn create_direct_debit(
        &self,
        debit: &DirectDebitRequest,
    ) -> banking_core::Result<Created<TransactionId>> {
        debit.validate()?;
        let request = Request::post(DIRECT_DEBIT).json(debit)?;
        self.handle.send_json(request).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;
    use uuid::Uuid;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn debit(on: &str) -> DirectDebitRequest {
        DirectDebitRequest::new(
            MandateId::new(Uuid::nil()),
            LedgerId::new(Uuid::nil()),
            date(on),
            Decimal::ONE,
            "r",
        )
    }

    #[test]
    fn direct_debit_date_rules() {
        // 2024-03-06 is a Wednesday.
        let today = date("2024-03-06");
        assert!(debit("2024-03-08").validate_on(today).is_ok());
        assert!(debit("2024-03-07").validate_on(today).is_err());
        assert!(debit("2024-03-06").validate_on(today).is_err());
        assert!(debit("2024-03-09").validate_on(today).is_err(), "Saturday");
        assert!(debit("2024-03-10").validate_on(today).is_err(), "Sunday");
        assert!(debit("2024-03-11").validate_on(today).is_ok());
        let message = debit("2024-03-09")
            .validate_on(today)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("date") && message.contains("Sat"),
            "{message}"
        );
    }

    #[test]
    fn local_date_times_follow_the_docs_example() {
        let day = date("2022-05-16");
        let at = |h, m, s, n| day.and_time(NaiveTime::from_hms_nano_opt(h, m, s, n).unwrap());
        assert_eq!(local_date_time(at(10, 30, 0, 0)), "2022-05-16T10:30");
        assert_eq!(local_date_time(at(10, 30, 15, 0)), "2022-05-16T10:30:15");
        assert_eq!(
            local_date_time(at(10, 30, 15, 500_000_000)),
            "2022-05-16T10:30:15.500"
        );
    }
}
