//! FDX customer: `GET /api/fdx/5/customers/current`, the profile of the
//! user who gave consent.
//!
//! The docs give no 200 sample (only the error bodies); the fields below
//! follow the FDX 5 `Customer` schema and are all optional.

use banking_core::Result;
use banking_core::transport::Request;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::outbound::connection::FdxConnection;

banking_core::string_id! {
    /// An FDX customer id, stable for the user at the Data Provider.
    CustomerId
}

/// The consenting customer's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Customer {
    /// Customer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// `INDIVIDUAL` or `BUSINESS` (kept as sent).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub customer_type: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CustomerName>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    /// Postal addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<CustomerAddress>,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub telephones: Vec<Telephone>,
    /// E-mail addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email: Vec<String>,
}

/// A customer's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomerName {
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// Company name, for business customers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomerAddress {
    /// First line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    /// Second line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Province or state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// `HOME`, `BUSINESS`, `MAILING`, ... (kept as sent).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub address_type: Option<String>,
}

/// A phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Telephone {
    /// `HOME`, `BUSINESS`, `CELL`, `FAX` (kept as sent).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub phone_type: Option<String>,
    /// Country calling code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

banking_core::resource_handle! {
    /// The FDX customer of one connection.
    pub struct CustomersApi for FdxConnection, "Flinks";
}

impl CustomersApi<'_> {
    /// `GET /api/fdx/5/customers/current`.
    pub async fn current(&self) -> Result<Customer> {
        self.handle
            .send_json(Request::get("api/fdx/5/customers/current"))
            .await
    }
}
