//! Ordering party accounts: your own bank accounts, the ones payments are
//! made from and statements are received for.
//!
//! The docs say these accounts can be created through the API only
//! (permission `ORDERING_PARTY_ACCOUNT_CREATE`: "Create ordering party
//! accounts via API (not available in UI)") and list what the UI shows for
//! each: name, account holder, bank, IBAN, BIC, default currency, status.
//! The paths `/v2/ordering-party-accounts[/{id}]` and every field name are
//! inferred (research notes 1(c)).
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! for account in client.accounts().list().await? {
//!     println!("{} {:?}", account.id, account.iban);
//! }
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::money::Currency;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, NewIds};
use crate::validate;

banking_core::wire_enum! {
    /// Whether the account is in use. The UI can deactivate accounts; the
    /// wire values are inferred.
    AccountStatus {
        /// In use.
        Active = "ACTIVE",
        /// Deactivated: pending payments from it were cancelled.
        Deactivated = "DEACTIVATED",
    }
}

/// An ordering party account as LYNKS returns it. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Account {
    /// Its id.
    pub id: AccountId,
    /// The display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The account holder's name.
    #[serde(default)]
    pub holder_name: Option<String>,
    /// The IBAN.
    #[serde(default)]
    pub iban: Option<String>,
    /// The bank's BIC.
    #[serde(default)]
    pub bic: Option<String>,
    /// The bank's name.
    #[serde(default)]
    pub bank_name: Option<String>,
    /// The default currency.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Whether the account is in use.
    #[serde(default)]
    pub status: Option<AccountStatus>,
}

/// An ordering party account to create. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct NewAccount {
    name: String,
    iban: String,
    currency: Currency,
    #[serde(skip_serializing_if = "Option::is_none")]
    bic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    holder_name: Option<String>,
}

impl NewAccount {
    /// An account named `name` with `iban` (spaces allowed) and its
    /// default `currency`.
    pub fn new(name: impl Into<String>, iban: impl AsRef<str>, currency: Currency) -> Self {
        NewAccount {
            name: name.into(),
            iban: validate::normalize_account_code(iban.as_ref()),
            currency,
            bic: None,
            holder_name: None,
        }
    }

    /// The bank's BIC (ISO 9362).
    pub fn bic(mut self, bic: impl AsRef<str>) -> Self {
        self.bic = Some(validate::normalize_account_code(bic.as_ref()));
        self
    }

    /// The account holder's name.
    pub fn holder_name(mut self, name: impl Into<String>) -> Self {
        self.holder_name = Some(name.into());
        self
    }

    fn validate(&self) -> Result<()> {
        validate::bank_account(&self.name, &self.iban, self.bic.as_deref())?;
        if let Some(holder) = &self.holder_name {
            validate::text("holderName", holder, validate::NAME_MAX)?;
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// Ordering party account calls; from [`LynksClient::accounts`](crate::LynksClient::accounts).
    pub struct Accounts for crate::LynksClient, "LYNKS";
}

impl Accounts<'_> {
    /// `GET /v2/ordering-party-accounts`: the accounts the technical user
    /// may see (inferred path; no paging documented).
    pub async fn list(&self) -> Result<Vec<Account>> {
        self.handle
            .send_json(Request::get("/v2/ordering-party-accounts"))
            .await
    }

    /// `GET /v2/ordering-party-accounts/{id}` (inferred path).
    pub async fn get(&self, id: &AccountId) -> Result<Account> {
        self.handle
            .send_json(Request::get("/v2/ordering-party-accounts/{id}").param("id", id))
            .await
    }

    /// `POST /v2/ordering-party-accounts`: creates a batch (REST
    /// conventions: 201 with an array of ids) and returns the new ids.
    /// Never resent on failure.
    pub async fn create(&self, accounts: &[NewAccount]) -> Result<Vec<AccountId>> {
        validate::batch("accounts", accounts, NewAccount::validate)?;
        let NewIds(ids) = self
            .handle
            .send_json(Request::post("/v2/ordering-party-accounts").json(accounts)?)
            .await?;
        Ok(ids)
    }
}
