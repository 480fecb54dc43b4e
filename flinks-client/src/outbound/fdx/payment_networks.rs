//! FDX payment networks: `GET /api/fdx/5/accounts/{accountId}/payment-networks`,
//! the identifiers needed to move money to or from an account, paged.

use banking_core::Result;
use banking_core::transport::Request;
use futures::Stream;
use serde::{Deserialize, Serialize};

use super::accounts::AccountId;
use super::fdx_list;
use crate::outbound::connection::FdxConnection;

banking_core::wire_enum! {
    /// What `identifier` holds.
    IdentifierType {
        /// The real account number.
        AccountNumber = "ACCOUNT_NUMBER",
        /// A tokenized account number.
        TokenizedAccountNumber = "TOKENIZED_ACCOUNT_NUMBER",
    }
}

banking_core::wire_enum! {
    /// The payment network (`type`).
    PaymentNetworkType {
        /// US ACH.
        UsAch = "US_ACH",
        /// US Fedwire.
        UsFedwire = "US_FEDWIRE",
        /// US CHIPS.
        UsChips = "US_CHIPS",
        /// US RTP.
        UsRtp = "US_RTP",
        /// Canadian Automated Clearing Settlement System (EFT/PAD).
        CaAcss = "CA_ACSS",
        /// Canadian Large Value Transfer System.
        CaLvts = "CA_LVTS",
    }
}

/// How to reach an account on one payment network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentNetwork {
    /// Bank identifier on the network (routing, institution/transit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<String>,
    /// Account identifier on the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// What `identifier` holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier_type: Option<IdentifierType>,
    /// The network.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub network_type: Option<PaymentNetworkType>,
    /// Whether the account can receive on this network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_in: Option<bool>,
    /// Whether the account can send on this network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_out: Option<bool>,
}

/// Query of the payment-networks list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct PaymentNetworksRequest {
    /// The account to read.
    pub account_id: AccountId,
    /// Page size.
    pub limit: Option<u32>,
    /// Opaque offset of the page to read.
    pub offset: Option<String>,
}

impl PaymentNetworksRequest {
    /// Payment networks of `account_id`.
    pub fn new(account_id: impl Into<AccountId>) -> Self {
        Self {
            account_id: account_id.into(),
            limit: None,
            offset: None,
        }
    }

    fn filters(&self) -> Result<Request> {
        Ok(
            Request::get("api/fdx/5/accounts/{accountId}/payment-networks")
                .param("accountId", &self.account_id),
        )
    }
}

fdx_list! {
    PaymentNetworksRequest =>
    /// One page of payment networks.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PaymentNetworksPage {
        /// The payment networks on this page.
        pub payment_networks: Vec<PaymentNetwork>,
    }
}

banking_core::resource_handle! {
    /// FDX payment networks of one connection.
    pub struct PaymentNetworksApi for FdxConnection, "Flinks";
}

impl PaymentNetworksApi<'_> {
    /// `GET /api/fdx/5/accounts/{accountId}/payment-networks`: one page.
    pub async fn list(&self, request: &PaymentNetworksRequest) -> Result<PaymentNetworksPage> {
        super::list(&self.handle, request).await
    }

    /// Every payment network of the account, page after page.
    pub fn stream(
        &self,
        request: PaymentNetworksRequest,
    ) -> impl Stream<Item = Result<PaymentNetwork>> + 'static {
        super::stream(&self.handle, request)
    }
}
