//! The resource handles returned by [`LinxoClient`]: what each holds and
//! how it sends.

use banking_core::transport::{CallOptions, Request, Response};
use futures::Stream;
use serde::de::DeserializeOwned;

use crate::client::LinxoClient;
use crate::paging::{self, PagedQuery};

/// The client and the per-call options behind a resource handle.
#[derive(Debug, Clone)]
pub(crate) struct Handle<'a> {
    client: &'a LinxoClient,
    options: CallOptions,
}

impl<'a> Handle<'a> {
    pub(crate) fn new(client: &'a LinxoClient) -> Self {
        Handle {
            client,
            options: CallOptions::default(),
        }
    }

    pub(crate) fn set_options(&mut self, options: CallOptions) {
        self.options = options;
    }

    pub(crate) fn client(&self) -> &'a LinxoClient {
        self.client
    }

    /// `request` with the handle's options.
    pub(crate) fn prepare(&self, request: Request) -> Request {
        request.options(self.options.clone())
    }

    /// Sends `request` through the API transport and decodes the answer.
    pub(crate) async fn json<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> banking_core::Result<T> {
        self.client.send_json(self.prepare(request)).await
    }

    /// Sends `request` through the API transport.
    pub(crate) async fn send(&self, request: Request) -> banking_core::Result<Response> {
        self.client.send(self.prepare(request)).await
    }

    /// One page of a page-and-limit list: the page and limit `query` sets.
    pub(crate) async fn list<Q: PagedQuery, T: DeserializeOwned>(
        &self,
        query: &Q,
    ) -> banking_core::Result<Vec<T>> {
        query.validate()?;
        let (page, limit) = query.paging();
        self.json(query.request(page, limit)).await
    }

    /// Every item of a page-and-limit list, fetched lazily (see
    /// [`paging::stream`]).
    pub(crate) fn stream<Q: PagedQuery, T: DeserializeOwned + serde::Serialize + Send + 'static>(
        &self,
        query: Q,
    ) -> impl Stream<Item = banking_core::Result<T>> + Send + 'static {
        paging::stream(self.client, self.options.clone(), query)
    }
}

/// Declares a resource handle: a borrowed client plus per-call options.
macro_rules! handle {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $name<'a> {
            handle: $crate::handle::Handle<'a>,
        }

        impl<'a> $name<'a> {
            pub(crate) fn new(client: &'a $crate::client::LinxoClient) -> Self {
                $name {
                    handle: $crate::handle::Handle::new(client),
                }
            }

            /// Per-call options (timeout, retry policy, extra headers) for the calls made
            /// through this handle. An idempotency key makes the call fail
            /// validation: Linxo documents none, and a keyed write would be
            /// resent after a failure the server does not deduplicate.
            pub fn with_options(
                mut self,
                options: banking_core::transport::CallOptions,
            ) -> Self {
                self.handle.set_options(options);
                self
            }
        }
    };
}

pub(crate) use handle;
