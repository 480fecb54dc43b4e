//! EFT v1 transactions: `POST /api/v1/transactions`.
//!
//! The seed's "Create EFT Transaction Request Example" sends one
//! transaction as a JSON object, and [`TransactionsApi::create`] does the
//! same. The research notes' copy of the same docs page shows the body as
//! an array holding exactly one transaction ("batch transactions are not
//! currently supported"); [`TransactionsApi::create_as_array`] sends that
//! shape for accounts whose server expects it.
//!
//! The schedule rules of the docs (research notes, `[DOC]`) are checked
//! before anything is sent:
//!
//! * DEBIT: `payor` required, no `payee`, `startDate` in the future;
//!   `OneTime` needs only `startDate`; `Recurring` needs exactly one of
//!   `endDate` (after `startDate`) or `transactionsCount` (at most 300).
//! * CREDIT: `payee` required, no `payor`, `OneTime` only, `startDate` today.
//!
//! The docs do not name the time zone of "today", so a date is refused only
//! when it breaks the rule in every time zone (UTC−12 to UTC+14): a
//! request the server may accept always reaches it.

use banking_core::money::Currency;
use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use super::client::PayClient;
use super::parties::{AccountInfo, PaymentDirection, amount, email, non_blank};
use crate::datetime::Timestamp;

banking_core::uuid_id! {
    /// A payment schedule created by an EFT transaction.
    ScheduleId
}

banking_core::wire_enum! {
    /// How often a schedule pays.
    PaymentFrequency {
        /// Once, on the start date.
        OneTime = "OneTime",
        /// Repeatedly, until an end date or a number of payments.
        Recurring = "Recurring",
    }
}

banking_core::wire_enum! {
    /// State of a schedule.
    ScheduleStatus {
        /// Scheduled payments will run.
        Active = "Active",
    }
}

/// The account holder's name and e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContactInfo {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl ContactInfo {
    /// A contact with a first and last name.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        Self {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: None,
        }
    }

    /// Sets the e-mail address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
}

/// The payor or payee of an EFT transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EftParty {
    /// Bank account.
    pub account_info: AccountInfo,
    /// Holder.
    pub contact_info: ContactInfo,
}

impl EftParty {
    /// A party from its account and contact details.
    pub fn new(account_info: AccountInfo, contact_info: ContactInfo) -> Self {
        Self {
            account_info,
            contact_info,
        }
    }

    fn validate(&self, field: &str) -> Result<()> {
        self.account_info
            .validate(&format!("{field}.accountInfo"))?;
        non_blank(
            &format!("{field}.contactInfo.firstName"),
            &self.contact_info.first_name,
        )?;
        non_blank(
            &format!("{field}.contactInfo.lastName"),
            &self.contact_info.last_name,
        )?;
        if let Some(address) = &self.contact_info.email {
            email(&format!("{field}.contactInfo.email"), address)?;
        }
        Ok(())
    }
}

/// When an EFT transaction runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleInfo {
    /// One-time or recurring.
    pub payment_frequency: PaymentFrequency,
    /// First (or only) payment date.
    pub start_date: NaiveDate,
    /// Last payment date (recurring, instead of a count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    /// Number of payments (recurring, instead of an end date; at most 300).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactions_count: Option<u32>,
}

impl ScheduleInfo {
    /// Maximum `transactionsCount` of a recurring schedule.
    pub const MAX_TRANSACTIONS: u32 = 300;

    /// One payment on `start_date`.
    pub fn one_time(start_date: NaiveDate) -> Self {
        Self {
            payment_frequency: PaymentFrequency::OneTime,
            start_date,
            end_date: None,
            transactions_count: None,
        }
    }

    /// Recurring payments from `start_date` until `end_date`.
    pub fn recurring_until(start_date: NaiveDate, end_date: NaiveDate) -> Self {
        Self {
            payment_frequency: PaymentFrequency::Recurring,
            start_date,
            end_date: Some(end_date),
            transactions_count: None,
        }
    }

    /// `count` recurring payments from `start_date`.
    pub fn recurring_count(start_date: NaiveDate, count: u32) -> Self {
        Self {
            payment_frequency: PaymentFrequency::Recurring,
            start_date,
            end_date: None,
            transactions_count: Some(count),
        }
    }
}

/// One EFT transaction (`POST /api/v1/transactions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EftTransaction {
    /// CPA transaction code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_code: Option<u16>,
    /// Amount, exact, sent as a JSON number.
    #[serde(with = "banking_core::money::wire::exact_number")]
    pub amount: Decimal,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Your reference (invoice number, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cross_reference_number: Option<String>,
    /// Debit or credit.
    pub payment_direction: PaymentDirection,
    /// Currency.
    pub currency: Currency,
    /// Who pays (debits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payor: Option<EftParty>,
    /// Who is paid (credits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payee: Option<EftParty>,
    /// When it runs.
    pub schedule_info: ScheduleInfo,
}

impl EftTransaction {
    /// Collect `amount` from `payor` on `schedule`.
    pub fn debit(
        amount: Decimal,
        currency: Currency,
        payor: EftParty,
        schedule: ScheduleInfo,
    ) -> Self {
        Self {
            transaction_code: None,
            amount,
            description: None,
            cross_reference_number: None,
            payment_direction: PaymentDirection::Debit,
            currency,
            payor: Some(payor),
            payee: None,
            schedule_info: schedule,
        }
    }

    /// Send `amount` to `payee`, once, on `start_date` (which must be the
    /// day of the call).
    pub fn credit(
        amount: Decimal,
        currency: Currency,
        payee: EftParty,
        start_date: NaiveDate,
    ) -> Self {
        Self {
            transaction_code: None,
            amount,
            description: None,
            cross_reference_number: None,
            payment_direction: PaymentDirection::Credit,
            currency,
            payor: None,
            payee: Some(payee),
            schedule_info: ScheduleInfo::one_time(start_date),
        }
    }

    /// Sets the CPA transaction code.
    pub fn transaction_code(mut self, code: u16) -> Self {
        self.transaction_code = Some(code);
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets your reference.
    pub fn cross_reference_number(mut self, reference: impl Into<String>) -> Self {
        self.cross_reference_number = Some(reference.into());
        self
    }

    /// Checks the docs' rules at instant `now` (see the module docs for
    /// how "today" is read).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<()> {
        // The first and last calendar dates it is anywhere on Earth.
        let earliest_today = (now - TimeDelta::hours(12)).date_naive();
        let latest_today = (now + TimeDelta::hours(14)).date_naive();
        amount("amount", self.amount)?;
        banking_core::validate::currency("currency", self.currency)?;
        let schedule = &self.schedule_info;
        match &self.payment_direction {
            PaymentDirection::Debit => {
                let payor = self
                    .payor
                    .as_ref()
                    .ok_or_else(|| Error::validation("payor", "is required for a DEBIT"))?;
                payor.validate("payor")?;
                if self.payee.is_some() {
                    return Err(Error::validation("payee", "must be null for a DEBIT"));
                }
                if schedule.start_date <= earliest_today {
                    return Err(Error::validation(
                        "scheduleInfo.startDate",
                        format!(
                            "{} is not in the future in any time zone; a DEBIT must start after today",
                            schedule.start_date
                        ),
                    ));
                }
                match &schedule.payment_frequency {
                    PaymentFrequency::OneTime => {
                        if schedule.end_date.is_some() || schedule.transactions_count.is_some() {
                            return Err(Error::validation(
                                "scheduleInfo",
                                "a OneTime schedule takes only startDate",
                            ));
                        }
                    }
                    PaymentFrequency::Recurring => {
                        match (schedule.end_date, schedule.transactions_count) {
                            (Some(end), None) if end > schedule.start_date => {}
                            (Some(end), None) => {
                                return Err(Error::validation(
                                    "scheduleInfo.endDate",
                                    format!("{end} is not after startDate {}", schedule.start_date),
                                ));
                            }
                            (None, Some(count))
                                if (1..=ScheduleInfo::MAX_TRANSACTIONS).contains(&count) => {}
                            (None, Some(count)) => {
                                return Err(Error::validation(
                                    "scheduleInfo.transactionsCount",
                                    format!(
                                        "{count} is not between 1 and {}",
                                        ScheduleInfo::MAX_TRANSACTIONS
                                    ),
                                ));
                            }
                            _ => {
                                return Err(Error::validation(
                                    "scheduleInfo",
                                    "a Recurring schedule needs exactly one of endDate or transactionsCount",
                                ));
                            }
                        }
                    }
                    PaymentFrequency::Unknown(other) => {
                        return Err(Error::validation(
                            "scheduleInfo.paymentFrequency",
                            format!("{other:?} is not OneTime or Recurring"),
                        ));
                    }
                }
            }
            PaymentDirection::Credit => {
                let payee = self
                    .payee
                    .as_ref()
                    .ok_or_else(|| Error::validation("payee", "is required for a CREDIT"))?;
                payee.validate("payee")?;
                if self.payor.is_some() {
                    return Err(Error::validation("payor", "must be null for a CREDIT"));
                }
                if schedule.payment_frequency != PaymentFrequency::OneTime
                    || schedule.end_date.is_some()
                    || schedule.transactions_count.is_some()
                {
                    return Err(Error::validation(
                        "scheduleInfo.paymentFrequency",
                        "a CREDIT can only be OneTime",
                    ));
                }
                if !(earliest_today..=latest_today).contains(&schedule.start_date) {
                    return Err(Error::validation(
                        "scheduleInfo.startDate",
                        format!(
                            "{} is not today in any time zone; a CREDIT must start today",
                            schedule.start_date
                        ),
                    ));
                }
            }
            PaymentDirection::Unknown(other) => {
                return Err(Error::validation(
                    "paymentDirection",
                    format!("{other:?} is not DEBIT or CREDIT"),
                ));
            }
        }
        Ok(())
    }
}

/// The payor or payee of a created schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PartySummary {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// A schedule created by an EFT transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Schedule {
    /// Schedule id (for [`SchedulesApi::cancel`](super::SchedulesApi::cancel)).
    #[serde(default)]
    pub id: Option<ScheduleId>,
    /// Amount of each payment, exact.
    #[serde(default, with = "banking_core::money::wire::exact_number::option")]
    pub amount: Option<Decimal>,
    /// First payment (sent without an offset).
    #[serde(default)]
    pub start_date: Option<Timestamp>,
    /// Last payment; `None` when Flinks sends its "no date" value
    /// `0001-01-01T00:00:00`.
    #[serde(default, deserialize_with = "no_date_as_none")]
    pub end_date: Option<Timestamp>,
    /// Number of payments.
    #[serde(default)]
    pub transactions_count: Option<u32>,
    /// One-time or recurring.
    #[serde(default)]
    pub frequency: Option<PaymentFrequency>,
    /// Payor.
    #[serde(default)]
    pub payor: Option<PartySummary>,
    /// Payee.
    #[serde(default)]
    pub payee: Option<PartySummary>,
    /// Status.
    #[serde(default)]
    pub status: Option<ScheduleStatus>,
    /// Status of the PAD agreement.
    #[serde(default)]
    pub pad_status: Option<String>,
    /// Id of the PAD agreement.
    #[serde(default)]
    pub pad_id: Option<String>,
    /// Your reference.
    #[serde(default)]
    pub cross_reference_number: Option<String>,
    /// Debit or credit.
    #[serde(default)]
    pub payment_direction: Option<PaymentDirection>,
}

/// .NET's `DateTime.MinValue` stands for "no date".
fn no_date_as_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Timestamp>, D::Error> {
    let value = Option::<Timestamp>::deserialize(deserializer)?;
    Ok(value.filter(|at| at.naive().year() > 1))
}

/// Response of `POST /api/v1/transactions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedTransaction {
    /// The schedules created (one per transaction sent).
    #[serde(default)]
    pub schedules: Vec<Schedule>,
}

banking_core::resource_handle! {
    /// EFT v1 transactions.
    pub struct TransactionsApi for PayClient, "Flinks";
}

impl TransactionsApi<'_> {
    /// `POST /api/v1/transactions` with the transaction as a JSON object,
    /// as the seed's request example sends it.
    ///
    /// Validated first (see the module docs); moves money, so it is never
    /// resent automatically: an ambiguous failure is reported as
    /// outcome-unknown.
    pub async fn create(&self, transaction: &EftTransaction) -> Result<CreatedTransaction> {
        self.send(transaction, transaction).await
    }

    /// `POST /api/v1/transactions` with `[transaction]`, the array-of-one
    /// body of the research notes' copy of the docs page. Same checks and
    /// no-resend rule as [`create`](Self::create).
    pub async fn create_as_array(
        &self,
        transaction: &EftTransaction,
    ) -> Result<CreatedTransaction> {
        self.send(transaction, std::slice::from_ref(transaction))
            .await
    }

    async fn send<B: Serialize + ?Sized>(
        &self,
        transaction: &EftTransaction,
        body: &B,
    ) -> Result<CreatedTransaction> {
        transaction.validate(Utc::now())?;
        let request = self
            .handle
            .client()
            .v1(Request::post("api/v1/transactions"))?
            .json(body)?;
        self.handle.send_json(request).await
    }
}
