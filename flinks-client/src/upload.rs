//! Upload: attributes computed from transactions you upload
//! (`POST /v3/{customerId}/attributes/upload[/AllAttributes]`).
//!
//! Authenticated with `Authorization: Bearer <secret key>` (the docs: "the
//! Bearer Token (the API secret key that Flinks provides you with)").
//!
//! The body, as the docs' samples lay it out:
//!
//! ```json
//! { "UserIdentifier": "user-42",
//!   "Attributes": { "Card": ["sum_debits_30_days"] },
//!   "Options": { "OriginCountry": "ca", "AttributesDetail": ["sum_debits_30_days"],
//!                "AccountOptions": { "acc-1": { "MostRecentBalance": "900.00" } } },
//!   "Transactions": [ { "AccountId": "acc-1", "TransactionDate": "2021/01/22",
//!                       "Description": "payroll", "Debit": "100.00", "Credit": null } ] }
//! ```
//!
//! Amounts are sent as two-decimal strings, like the docs' transaction
//! template. The rules of the docs' Upload pages (request fields and
//! transaction template) are checked before sending: a description on
//! every transaction, at most two decimals, and a balance for every
//! transaction unless `MostRecentBalance` or `OldestBalance` is given
//! (never both, nor with per-transaction balances). Nothing the docs leave
//! open is refused: signs, which transactions carry `AccountId` or
//! `TransactionId`, and which attributes `AttributesDetail` names are the
//! server's to judge.

mod categorization;
mod fraud_analysis;

use std::collections::BTreeMap;

use banking_core::transport::Request;
use banking_core::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub use crate::attributes::Attributes;
use crate::attributes::validate_names;
use crate::client::FlinksClient;
pub use categorization::{CategorizedTransaction, UploadCategorization};
pub use fraud_analysis::FraudAnalysis;

const UPLOAD_PATH: &str = "attributes/upload";
const ALL_ATTRIBUTES_PATH: &str = "attributes/upload/AllAttributes";

/// Which country model computes the attributes (`OriginCountry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum OriginCountry {
    /// Canada (`ca`).
    #[serde(rename = "ca")]
    Canada,
    /// United States (`us`).
    #[serde(rename = "us")]
    UnitedStates,
}

/// One uploaded transaction: a debit or a credit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct UploadTransaction {
    date: NaiveDate,
    description: String,
    debit: Option<Decimal>,
    credit: Option<Decimal>,
    balance: Option<Decimal>,
    account_id: Option<String>,
    transaction_id: Option<String>,
}

impl UploadTransaction {
    fn new(
        date: NaiveDate,
        description: String,
        debit: Option<Decimal>,
        credit: Option<Decimal>,
    ) -> Self {
        Self {
            date,
            description,
            debit,
            credit,
            balance: None,
            account_id: None,
            transaction_id: None,
        }
    }

    /// Money out (a purchase, a fee).
    pub fn debit(date: NaiveDate, description: impl Into<String>, amount: Decimal) -> Self {
        Self::new(date, description.into(), Some(amount), None)
    }

    /// Money in (a deposit, a salary).
    pub fn credit(date: NaiveDate, description: impl Into<String>, amount: Decimal) -> Self {
        Self::new(date, description.into(), None, Some(amount))
    }

    /// The running balance after this transaction (`Balance`).
    pub fn balance(mut self, balance: Decimal) -> Self {
        self.balance = Some(balance);
        self
    }

    /// Your account id (`AccountId`): several accounts in one upload.
    pub fn account_id(mut self, id: impl Into<String>) -> Self {
        self.account_id = Some(id.into());
        self
    }

    /// Your transaction id (`TransactionId`), echoed in `AttributesDetail`.
    pub fn transaction_id(mut self, id: impl Into<String>) -> Self {
        self.transaction_id = Some(id.into());
        self
    }
}

impl Serialize for UploadTransaction {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(id) = &self.account_id {
            map.serialize_entry("AccountId", id)?;
        }
        if let Some(id) = &self.transaction_id {
            map.serialize_entry("TransactionId", id)?;
        }
        map.serialize_entry("TransactionDate", &self.date.format("%Y/%m/%d").to_string())?;
        map.serialize_entry("Description", &self.description)?;
        map.serialize_entry("Debit", &self.debit.map(amount))?;
        map.serialize_entry("Credit", &self.credit.map(amount))?;
        if let Some(balance) = self.balance {
            map.serialize_entry("Balance", &amount(balance))?;
        }
        map.end()
    }
}

/// `100.5` → `"100.50"`: the docs' template writes amounts as two-decimal
/// strings. Callers have checked that no precision is lost.
fn amount(value: Decimal) -> String {
    format!("{value:.2}")
}

/// At most two decimals, as the docs require.
fn check_amount(field: &str, value: Decimal) -> Result<()> {
    banking_core::validate::max_scale(field, value, 2)
}

/// The body of an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct UploadRequest {
    origin_country: OriginCountry,
    transactions: Vec<UploadTransaction>,
    card: Vec<String>,
    attributes_detail: Vec<String>,
    most_recent_balance: Option<Decimal>,
    oldest_balance: Option<Decimal>,
    account_balances: BTreeMap<String, Decimal>,
    user_identifier: Option<String>,
}

impl UploadRequest {
    /// Attributes of `transactions`, computed with the `origin_country`
    /// model.
    pub fn new(
        origin_country: OriginCountry,
        transactions: impl IntoIterator<Item = UploadTransaction>,
    ) -> Self {
        Self {
            origin_country,
            transactions: transactions.into_iter().collect(),
            card: Vec::new(),
            attributes_detail: Vec::new(),
            most_recent_balance: None,
            oldest_balance: None,
            account_balances: BTreeMap::new(),
            user_identifier: None,
        }
    }

    /// The attributes wanted (`Attributes.Card`); required by
    /// [`Upload::attributes`], ignored by [`Upload::all_attributes`].
    pub fn card(mut self, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.card = names.into_iter().map(Into::into).collect();
        self
    }

    /// Also return the transactions behind these attributes
    /// (`Options.AttributesDetail`).
    pub fn attributes_detail(mut self, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.attributes_detail = names.into_iter().map(Into::into).collect();
        self
    }

    /// The balance after the most recent transaction
    /// (`Options.MostRecentBalance`), instead of per-transaction balances.
    pub fn most_recent_balance(mut self, balance: Decimal) -> Self {
        self.most_recent_balance = Some(balance);
        self
    }

    /// The balance before the oldest transaction (`Options.OldestBalance`),
    /// instead of per-transaction balances.
    pub fn oldest_balance(mut self, balance: Decimal) -> Self {
        self.oldest_balance = Some(balance);
        self
    }

    /// The most recent balance of one of your accounts
    /// (`Options.AccountOptions.{AccountId}.MostRecentBalance`).
    pub fn account_most_recent_balance(
        mut self,
        account_id: impl Into<String>,
        balance: Decimal,
    ) -> Self {
        self.account_balances.insert(account_id.into(), balance);
        self
    }

    /// Your id for this user (`UserIdentifier`): replaces the GUID of the
    /// card's `Id` in the answer.
    pub fn user_identifier(mut self, id: impl Into<String>) -> Self {
        self.user_identifier = Some(id.into());
        self
    }

    fn validate(&self) -> Result<()> {
        if self.transactions.is_empty() {
            return Err(Error::validation(
                "Transactions",
                "at least one transaction is required",
            ));
        }
        validate_names("Attributes.Card", &self.card)?;
        validate_names("Options.AttributesDetail", &self.attributes_detail)?;
        if self
            .user_identifier
            .as_deref()
            .is_some_and(|id| id.trim().is_empty())
        {
            return Err(Error::validation(
                "UserIdentifier",
                "must not be empty when set",
            ));
        }

        let mut with_balance = 0;
        for (i, tx) in self.transactions.iter().enumerate() {
            let field = |name: &str| format!("Transactions[{i}].{name}");
            if tx.description.trim().is_empty() {
                return Err(Error::validation(field("Description"), "must not be empty"));
            }
            for (name, value) in [("Debit", tx.debit), ("Credit", tx.credit)] {
                if let Some(value) = value {
                    check_amount(&field(name), value)?;
                }
            }
            if let Some(balance) = tx.balance {
                check_amount(&field("Balance"), balance)?;
                with_balance += 1;
            }
            for (name, value) in [
                ("AccountId", &tx.account_id),
                ("TransactionId", &tx.transaction_id),
            ] {
                if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    return Err(Error::validation(field(name), "must not be empty when set"));
                }
            }
        }
        let count = self.transactions.len();

        let summary_balances = [
            ("Options.MostRecentBalance", self.most_recent_balance),
            ("Options.OldestBalance", self.oldest_balance),
        ];
        for (name, value) in summary_balances {
            if let Some(value) = value {
                check_amount(name, value)?;
            }
        }
        for (account, balance) in &self.account_balances {
            check_amount(
                &format!("Options.AccountOptions.{account}.MostRecentBalance"),
                *balance,
            )?;
        }
        if self.most_recent_balance.is_some() && self.oldest_balance.is_some() {
            return Err(Error::validation(
                "Options.OldestBalance",
                "give MostRecentBalance or OldestBalance, not both",
            ));
        }
        let has_summary = self.most_recent_balance.is_some()
            || self.oldest_balance.is_some()
            || !self.account_balances.is_empty();
        if has_summary && with_balance > 0 {
            return Err(Error::validation(
                "Transactions[].Balance",
                "leave per-transaction balances out when a most recent or oldest balance is given",
            ));
        }
        if !has_summary && with_balance != count {
            return Err(Error::validation(
                "Transactions[].Balance",
                "every transaction needs a balance unless MostRecentBalance or OldestBalance is given",
            ));
        }
        Ok(())
    }
}

impl Serialize for UploadRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Card<'a> {
            #[serde(rename = "Card")]
            card: &'a [String],
        }
        #[derive(Serialize)]
        struct AccountOption {
            #[serde(rename = "MostRecentBalance")]
            most_recent_balance: String,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Options<'a> {
            origin_country: OriginCountry,
            #[serde(skip_serializing_if = "<[String]>::is_empty")]
            attributes_detail: &'a [String],
            #[serde(skip_serializing_if = "Option::is_none")]
            most_recent_balance: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            oldest_balance: Option<String>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            account_options: BTreeMap<&'a str, AccountOption>,
        }

        let mut map = serializer.serialize_map(None)?;
        if let Some(id) = &self.user_identifier {
            map.serialize_entry("UserIdentifier", id)?;
        }
        if !self.card.is_empty() {
            map.serialize_entry("Attributes", &Card { card: &self.card })?;
        }
        map.serialize_entry(
            "Options",
            &Options {
                origin_country: self.origin_country,
                attributes_detail: &self.attributes_detail,
                most_recent_balance: self.most_recent_balance.map(amount),
                oldest_balance: self.oldest_balance.map(amount),
                account_options: self
                    .account_balances
                    .iter()
                    .map(|(account, balance)| {
                        (
                            account.as_str(),
                            AccountOption {
                                most_recent_balance: amount(*balance),
                            },
                        )
                    })
                    .collect(),
            },
        )?;
        map.serialize_entry("Transactions", &self.transactions)?;
        map.end()
    }
}

banking_core::resource_handle! {
    /// The Upload API of a [`FlinksClient`]; get it with
    /// [`FlinksClient::upload`].
    pub struct Upload for FlinksClient, "Flinks";
}

impl<'a> Upload<'a> {
    /// `POST attributes/upload`: the attributes named in the request's card.
    pub async fn attributes(&self, request: &UploadRequest) -> Result<Attributes> {
        if request.card.is_empty() {
            return Err(Error::validation(
                "Attributes.Card",
                "name at least one attribute",
            ));
        }
        self.send(UPLOAD_PATH, request).await
    }

    /// `POST attributes/upload/AllAttributes`: every attribute (the card is
    /// not needed).
    pub async fn all_attributes(&self, request: &UploadRequest) -> Result<Attributes> {
        self.send(ALL_ATTRIBUTES_PATH, request).await
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        path: &'static str,
        request: &UploadRequest,
    ) -> Result<T> {
        request.validate()?;
        let http = Request::post(path)
            .json(request)?
            .auth(self.handle.client().secret_bearer_auth());
        self.handle.send_json(http).await
    }
}
