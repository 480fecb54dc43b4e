//! What the SDK is compared with: raw reqwest calls, and hand-written serde
//! structs with the same fields and exact decimals (strings where the SDK
//! has enums).

use reqwest::Client;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::bodies;
use crate::server::Server;

/// Raw reqwest + serde_json calls, written as an integrator would: a URL
/// per call, `bearer_auth`, a status check and one decode.
pub(crate) struct Raw {
    http: Client,
    base: String,
    token: String,
}

impl Raw {
    /// Sends the token the server hands to every login.
    pub(crate) fn new(server: &Server) -> Self {
        #[derive(Deserialize)]
        struct Login {
            token: String,
        }
        let login: Login = serde_json::from_str(bodies::LOGIN).expect("the login sample");
        Raw {
            http: Client::new(),
            base: server.url().to_string(),
            token: login.token,
        }
    }

    async fn fetch<T: for<'de> Deserialize<'de>>(&self, url: &str) -> T {
        let bytes = self
            .http
            .get(url)
            .bearer_auth(&self.token)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("a 2xx")
            .bytes()
            .await
            .expect("a body");
        serde_json::from_slice(&bytes).expect("a decodable body")
    }

    pub(crate) async fn get(&self) -> linkcy::Transaction {
        let url = format!(
            "{}api/partner/transactions/{}",
            self.base,
            bodies::TRANSACTION_ID
        );
        self.fetch(&url).await
    }

    pub(crate) async fn list(&self) -> linkcy::Page {
        let url = format!("{}api/partner/transactions?pageSize=100", self.base);
        self.fetch(&url).await
    }
}

/// An exact decimal from a JSON number or numeric string, through the
/// borrowed source text.
fn exact<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let Some(raw) = Option::<&RawValue>::deserialize(d)? else {
        return Ok(None);
    };
    let text = raw.get().trim_matches('"');
    Decimal::from_str_exact(text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Linkcy's transaction page, by hand.
#[allow(dead_code)] // decoded to be timed, never read
pub(crate) mod linkcy {
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    use super::*;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(crate) struct Page {
        content: Vec<Transaction>,
        total_elements: u64,
        page: u32,
        page_size: u32,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(crate) struct Transaction {
        id: Uuid,
        #[serde(rename = "type")]
        kind: Option<String>,
        payment_type: Option<String>,
        status: Option<String>,
        creation_date: Option<DateTime<Utc>>,
        #[serde(deserialize_with = "exact")]
        amount: Option<Decimal>,
        currency: String,
        information: Option<Information>,
        sender: Option<Party>,
        receiver: Option<Party>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Information {
        #[serde(default, deserialize_with = "exact")]
        original_amount: Option<Decimal>,
        original_currency: Option<String>,
        conversion_rate: Option<String>,
        decline_reason: Option<String>,
        note: Option<String>,
        clearing_date: Option<DateTime<Utc>>,
        reference: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Party {
        ledger_friendly_name: Option<String>,
        virtual_ledger_id: Option<Uuid>,
        virtual_ledger_friendly_name: Option<String>,
        name: Option<String>,
        end_user_id: Option<Uuid>,
        ledger_id: Option<Uuid>,
        #[serde(default, deserialize_with = "exact")]
        previous_total_balance: Option<Decimal>,
        #[serde(default, deserialize_with = "exact")]
        previous_reserved_balance: Option<Decimal>,
    }
}

/// Flinks' `GetAccountsDetail` answer, by hand.
#[allow(dead_code)] // decoded to be timed, never read
pub(crate) mod flinks {
    use chrono::{NaiveDate, NaiveDateTime};
    use uuid::Uuid;

    use super::*;

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub(crate) struct AccountsDetail {
        http_status_code: Option<u16>,
        accounts: Option<Vec<Account>>,
        login: Option<Login>,
        request_id: Option<Uuid>,
        institution: Option<String>,
        institution_name: Option<String>,
        institution_id: Option<u32>,
        tag: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Account {
        id: Option<Uuid>,
        title: Option<String>,
        account_number: Option<String>,
        last_four_digits: Option<String>,
        transit_number: Option<String>,
        institution_number: Option<String>,
        #[serde(default, deserialize_with = "exact")]
        overdraft_limit: Option<Decimal>,
        balance: Option<Balance>,
        category: Option<String>,
        #[serde(rename = "Type")]
        kind: Option<String>,
        currency: Option<String>,
        holder: Option<Holder>,
        account_type: Option<String>,
        transactions: Option<Vec<Transaction>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Balance {
        #[serde(default, deserialize_with = "exact")]
        available: Option<Decimal>,
        #[serde(default, deserialize_with = "exact")]
        current: Option<Decimal>,
        #[serde(default, deserialize_with = "exact")]
        limit: Option<Decimal>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Holder {
        name: Option<String>,
        address: Option<Address>,
        email: Option<String>,
        phone_number: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Address {
        civic_address: Option<String>,
        city: Option<String>,
        province: Option<String>,
        postal_code: Option<String>,
        #[serde(rename = "POBox")]
        po_box: Option<String>,
        country: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Transaction {
        id: Option<Uuid>,
        date: Option<NaiveDate>,
        code: Option<String>,
        description: Option<String>,
        #[serde(default, deserialize_with = "exact")]
        debit: Option<Decimal>,
        #[serde(default, deserialize_with = "exact")]
        credit: Option<Decimal>,
        #[serde(default, deserialize_with = "exact")]
        balance: Option<Decimal>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Login {
        id: Uuid,
        username: Option<String>,
        is_scheduled_refresh: Option<bool>,
        last_refresh: Option<NaiveDateTime>,
        #[serde(rename = "Type")]
        kind: Option<String>,
    }
}
