//! Payment categories: every payment is filed under one (UI guide
//! `payment-categories`; the UI offers for example "Invoice",
//! "Commissions" and "Client payment"). Categories also scope which
//! payments a user may see. The path `/v2/payment-categories` and the field
//! names are inferred (research notes 1(c)).
//!
#![cfg_attr(feature = "testkit", doc = "```")]
#![cfg_attr(not(feature = "testkit"), doc = "```ignore")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> banking_core::Result<()> {
//! # let sim = lynks_client::testkit::LynksSimulator::start().await;
//! # let client = sim.client();
//! let categories = client.payment_categories().list().await?;
//! let invoice = categories.iter().find(|c| c.name.as_deref() == Some("Invoice"));
//! assert!(invoice.is_some());
//! # Ok(()) }
//! ```

use banking_core::Result;
use banking_core::transport::Request;
use serde::{Deserialize, Serialize};

use crate::ids::PaymentCategoryId;

/// A payment category. Field names inferred.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentCategory {
    /// Its id, to put on a new payment.
    pub id: PaymentCategoryId,
    /// Its display name.
    #[serde(default)]
    pub name: Option<String>,
    /// A longer description.
    #[serde(default)]
    pub description: Option<String>,
}

banking_core::resource_handle! {
    /// Payment category calls; from [`LynksClient::payment_categories`](crate::LynksClient::payment_categories).
    pub struct PaymentCategories for crate::LynksClient, "LYNKS";
}

impl PaymentCategories<'_> {
    /// `GET /v2/payment-categories` (inferred path).
    pub async fn list(&self) -> Result<Vec<PaymentCategory>> {
        self.handle
            .send_json(Request::get("/v2/payment-categories"))
            .await
    }
}
