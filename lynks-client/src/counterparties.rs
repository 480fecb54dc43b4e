//! Counterparty accounts: the beneficiaries of outgoing payments and the
//! payers of incoming ones.
//!
//! Documented (reference `createcounterparty`): `POST /v2/counterparties`
//! takes a batch of counterparties and answers 201 with the ids of the
//! created ones; each is `APPROVED` when the technical user may skip the
//! four-eyes check, else `PENDING` until an authorised user approves it.
//! The same page points to a "GET /counterparty" by id; its path
//! `/v2/counterparties/{id}` and the filtered list (REST conventions: "GET
//! ... a list of resources by using filters") are inferred, as are all
//! field names (research notes 1(c)).
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::counterparties::{CounterpartyStatus, NewCounterparty};
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! let ids = client
//!     .counterparties()
//!     .create(&[NewCounterparty::new("Acme Supplies S.A.", "LU28 0019 4006 4475 0000")
//!         .bic("BCEELULL")])
//!     .await?;
//! let counterparty = client.counterparties().get(&ids[0]).await?;
//! assert_eq!(counterparty.status, Some(CounterpartyStatus::Pending));
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::ids::{CounterpartyId, NewIds};
use crate::validate;

banking_core::wire_enum! {
    /// The approval state of a counterparty (reference
    /// `createcounterparty`). Rejected or deactivated states are likely
    /// (the permissions `COUNTERPARTY_ACCOUNT_AUTHORISE` and
    /// `..._DEACTIVATE` exist) but their names are not documented: they
    /// arrive as `Unknown`.
    CounterpartyStatus {
        /// Usable for payments.
        Approved = "APPROVED",
        /// Waiting for an authorised user's approval (four-eyes check).
        Pending = "PENDING",
    }
}

/// A counterparty to create. Field names inferred (research notes 1(c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct NewCounterparty {
    name: String,
    iban: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    bic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alias: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    address_lines: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<String>,
}

/// ISO 20022 `AdrLine` (Max70Text, at most 7 lines).
const ADDRESS_LINE_MAX: usize = 70;
const ADDRESS_LINES_MAX: usize = 7;

impl NewCounterparty {
    /// A counterparty holding `iban` (spaces allowed, as printed).
    pub fn new(name: impl Into<String>, iban: impl AsRef<str>) -> Self {
        NewCounterparty {
            name: name.into(),
            iban: validate::normalize_account_code(iban.as_ref()),
            bic: None,
            alias: None,
            address_lines: Vec::new(),
            country: None,
        }
    }

    /// The bank's BIC (ISO 9362).
    pub fn bic(mut self, bic: impl AsRef<str>) -> Self {
        self.bic = Some(validate::normalize_account_code(bic.as_ref()));
        self
    }

    /// A short name to find the counterparty by (the UI searches IBANs,
    /// names and aliases). Free text: no limit is documented and none is
    /// applied; the server decides.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.alias = Some(alias.into());
        self
    }

    /// Adds a line of the holder's postal address (at most 7 of 70
    /// characters).
    pub fn address_line(mut self, line: impl Into<String>) -> Self {
        self.address_lines.push(line.into());
        self
    }

    /// The holder's country (ISO 3166 alpha-2, e.g. `LU`).
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    fn validate(&self) -> Result<()> {
        validate::bank_account(&self.name, &self.iban, self.bic.as_deref())?;
        if self.address_lines.len() > ADDRESS_LINES_MAX {
            return Err(banking_core::Error::validation(
                "addressLines",
                format!("at most {ADDRESS_LINES_MAX} lines"),
            ));
        }
        for line in &self.address_lines {
            validate::text("addressLines", line, ADDRESS_LINE_MAX)?;
        }
        if let Some(country) = &self.country {
            validate::country("country", country)?;
        }
        Ok(())
    }
}

/// A counterparty as LYNKS returns it. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Counterparty {
    /// Its id.
    pub id: CounterpartyId,
    /// The holder's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The account's IBAN.
    #[serde(default)]
    pub iban: Option<String>,
    /// The bank's BIC.
    #[serde(default)]
    pub bic: Option<String>,
    /// The alias.
    #[serde(default)]
    pub alias: Option<String>,
    /// The approval state.
    #[serde(default)]
    pub status: Option<CounterpartyStatus>,
    /// The holder's postal address lines.
    #[serde(default)]
    pub address_lines: Vec<String>,
    /// The holder's country (ISO 3166 alpha-2).
    #[serde(default)]
    pub country: Option<String>,
}

/// Filters for [`Counterparties::list`] (parameter names inferred).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct CounterpartyFilter {
    status: Option<CounterpartyStatus>,
    iban: Option<String>,
}

impl CounterpartyFilter {
    /// No filter: every counterparty the technical user may see.
    pub fn new() -> Self {
        CounterpartyFilter::default()
    }

    /// Only counterparties in this state.
    pub fn status(mut self, status: CounterpartyStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only counterparties holding this IBAN.
    pub fn iban(mut self, iban: impl AsRef<str>) -> Self {
        self.iban = Some(validate::normalize_account_code(iban.as_ref()));
        self
    }
}

banking_core::resource_handle! {
    /// Counterparty calls; from [`LynksClient::counterparties`](crate::LynksClient::counterparties).
    pub struct Counterparties for crate::LynksClient, "LYNKS";
}

impl Counterparties<'_> {
    /// `POST /v2/counterparties`: creates a batch and returns the new ids,
    /// in the server's order (documented: 201 with an array of ids).
    ///
    /// Not resent on failure: LYNKS documents no idempotency key, so a
    /// create that may have reached the server fails with
    /// [`Error::OutcomeUnknown`](banking_core::Error::OutcomeUnknown).
    pub async fn create(&self, counterparties: &[NewCounterparty]) -> Result<Vec<CounterpartyId>> {
        validate::batch("counterparties", counterparties, NewCounterparty::validate)?;
        let NewIds(ids) = self
            .handle
            .send_json(Request::post("/v2/counterparties").json(counterparties)?)
            .await?;
        Ok(ids)
    }

    /// `GET /v2/counterparties/{id}` (path inferred).
    pub async fn get(&self, id: &CounterpartyId) -> Result<Counterparty> {
        self.handle
            .send_json(Request::get("/v2/counterparties/{id}").param("id", id))
            .await
    }

    /// `GET /v2/counterparties` with filters (inferred; the docs describe
    /// no paging, so the answer is one array).
    pub async fn list(&self, filter: &CounterpartyFilter) -> Result<Vec<Counterparty>> {
        if let Some(iban) = &filter.iban {
            banking_core::validate::iban("iban", iban)?;
        }
        self.handle
            .send_json(
                Request::get("/v2/counterparties")
                    .query_opt("status", filter.status.as_ref())
                    .query_opt("iban", filter.iban.as_ref()),
            )
            .await
    }
}
