//! A consented connection to one user's data at one Data Provider: the FDX
//! endpoints and revoke, all sent with the user's token.

use banking_core::Result;
use banking_core::transport::{Request, Transport};
use secrecy::SecretString;

use super::fdx::accounts::AccountsApi;
use super::fdx::customers::CustomersApi;
use super::fdx::payment_networks::PaymentNetworksApi;
use super::fdx::statements::StatementsApi;
use super::fdx::transactions::TransactionsApi;

/// One user's consented connection, from
/// [`OutboundClient::connect_with_code`](super::OutboundClient::connect_with_code)
/// or [`OutboundClient::connect_with_refresh_token`](super::OutboundClient::connect_with_refresh_token).
///
/// Cheap to clone; clones share the token cache. The access token is
/// refreshed with the refresh token when it expires.
#[derive(Debug, Clone)]
pub struct FdxConnection {
    transport: Transport,
    refresh_token: Option<SecretString>,
}

impl banking_core::resource_handle::ResourceClient for FdxConnection {
    fn transport(&self) -> &Transport {
        &self.transport
    }
}

impl FdxConnection {
    pub(crate) fn new(transport: Transport, refresh_token: Option<SecretString>) -> Self {
        Self {
            transport,
            refresh_token,
        }
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The refresh token, to store (encrypted) and resume the connection
    /// later with `connect_with_refresh_token`. Flinks' refresh tokens do
    /// not rotate and expire after 30 days unused (research notes `[DOC]`).
    pub fn refresh_token(&self) -> Option<&SecretString> {
        self.refresh_token.as_ref()
    }

    /// `GET /api/fdx/5/customers/current`.
    pub fn customers(&self) -> CustomersApi<'_> {
        CustomersApi::new(self)
    }

    /// `GET /api/fdx/5/accounts[/{accountId}]`.
    pub fn accounts(&self) -> AccountsApi<'_> {
        AccountsApi::new(self)
    }

    /// `GET /api/fdx/5/accounts/{accountId}/transactions`.
    pub fn transactions(&self) -> TransactionsApi<'_> {
        TransactionsApi::new(self)
    }

    /// `GET /api/fdx/5/accounts/{accountId}/payment-networks`.
    pub fn payment_networks(&self) -> PaymentNetworksApi<'_> {
        PaymentNetworksApi::new(self)
    }

    /// `GET /api/fdx/5/accounts/{accountId}/statements[/{statementId}]`.
    pub fn statements(&self) -> StatementsApi<'_> {
        StatementsApi::new(self)
    }

    /// `DELETE /api/v1/revoke`: ends this connection (204 on success). The
    /// refresh token stops working.
    pub async fn revoke(&self) -> Result<()> {
        self.transport
            .send(Request::delete("api/v1/revoke"))
            .await
            .map(drop)
    }

    /// The transport of this connection, for FDX endpoints not modelled
    /// here: same host, user token, retry and error mapping.
    pub fn raw(&self) -> &Transport {
        &self.transport
    }
}
