//! Statement balances of an ordering party account.
//!
//! Balances come from the intraday CAMT.052.001.02 statements LYNKS ingests
//! (API overview, "Statement data"; permission
//! `ORDERING_PARTY_BALANCE_READ`). The path
//! `/v2/ordering-party-accounts/{id}/balances` and the JSON field names are
//! inferred from the CAMT `Bal` element (research notes 1(c), 1(e)).
//! Amounts are decoded exactly, from a JSON number or a string.
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! use lynks_client::balances::BalanceType;
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! # let account = lynks_client::AccountId::new("0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b");
//! let balances = client.balances().list(&account).await?;
//! let closing = balances
//!     .iter()
//!     .find(|b| b.balance_type == Some(BalanceType::ClosingBooked))
//!     .and_then(|b| b.signed_amount());
//! assert_eq!(closing.map(|a| a.to_string()).as_deref(), Some("125430.17"));
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::money::{Currency, Decimal};
use banking_core::transport::Request;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::camt::{self, CreditDebit, lenient_date};
use crate::ids::AccountId;

banking_core::wire_enum! {
    /// The kind of balance (ISO 20022 balance type codes of camt.052).
    BalanceType {
        /// Opening booked (`OPBD`).
        OpeningBooked = "OPBD",
        /// Closing booked (`CLBD`): the "final closing balance" the UI
        /// totals.
        ClosingBooked = "CLBD",
        /// Interim booked (`ITBD`): booked so far today.
        InterimBooked = "ITBD",
        /// Opening available (`OPAV`).
        OpeningAvailable = "OPAV",
        /// Closing available (`CLAV`).
        ClosingAvailable = "CLAV",
        /// Interim available (`ITAV`).
        InterimAvailable = "ITAV",
        /// Forward available (`FWAV`).
        ForwardAvailable = "FWAV",
        /// Previously closed booked (`PRCD`).
        PreviouslyClosedBooked = "PRCD",
        /// Expected (`XPCD`).
        Expected = "XPCD",
        /// Information only (`INFO`).
        Information = "INFO",
    }
}

/// One balance of an account. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Balance {
    /// The kind of balance.
    #[serde(default, rename = "type")]
    pub balance_type: Option<BalanceType>,
    /// The amount, unsigned as in CAMT; see [`Balance::signed_amount`].
    #[serde(default, with = "banking_core::money::wire::lenient")]
    pub amount: Option<Decimal>,
    /// The currency of `amount`.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Whether the balance is in credit or debit.
    #[serde(default)]
    pub credit_debit_indicator: Option<CreditDebit>,
    /// The date the balance is for.
    #[serde(default, with = "lenient_date")]
    pub date: Option<NaiveDate>,
}

impl Balance {
    /// The amount, negative when the balance is in debit.
    pub fn signed_amount(&self) -> Option<Decimal> {
        camt::signed(self.amount, self.credit_debit_indicator.as_ref())
    }
}

banking_core::resource_handle! {
    /// Balance calls; from [`LynksClient::balances`](crate::LynksClient::balances).
    pub struct Balances for crate::LynksClient, "LYNKS";
}

impl Balances<'_> {
    /// `GET /v2/ordering-party-accounts/{id}/balances` (inferred path): the
    /// latest statement balances of `account`.
    pub async fn list(&self, account: &AccountId) -> Result<Vec<Balance>> {
        self.handle
            .send_json(
                Request::get("/v2/ordering-party-accounts/{id}/balances").param("id", account),
            )
            .await
    }
}
