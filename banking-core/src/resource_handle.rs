//! Resource handles: the one shape every provider crate gives its
//! resources.
//!
//! A provider client hands out a handle per resource
//! (`client.accounts()`, `client.transactions()`, ...). Each handle is a
//! borrowed client plus [`CallOptions`]; `with_options(..)` sets them, and
//! every request the handle sends carries them: a plain call, every page of
//! a stream, every poll of a wait and an SCA replay alike.
//!
//! Provider crates declare their handles with [`resource_handle!`](crate::resource_handle!),
//! which wraps a [`Handle`]:
//!
//! ```
//! use banking_core::resource_handle::ResourceClient;
//! use banking_core::transport::{CallOptions, Request, Transport};
//!
//! /// A provider client.
//! #[derive(Debug)]
//! pub struct ExampleClient {
//!     transport: Transport,
//! }
//!
//! impl ResourceClient for ExampleClient {
//!     fn transport(&self) -> &Transport {
//!         &self.transport
//!     }
//! }
//!
//! banking_core::resource_handle! {
//!     /// The account endpoints.
//!     pub struct Accounts for ExampleClient, "Example";
//! }
//!
//! impl Accounts<'_> {
//!     /// `GET /accounts`.
//!     pub async fn list(&self) -> banking_core::Result<serde_json::Value> {
//!         self.handle.send_json(Request::get("/accounts")).await
//!     }
//! }
//!
//! # async fn demo() -> banking_core::Result<()> {
//! let client = ExampleClient {
//!     transport: Transport::builder("https://api.example.com/".parse().unwrap()).build()?,
//! };
//! let accounts = Accounts::new(&client)
//!     .with_options(CallOptions::new().header("x-correlation-id", "c-1"))
//!     .list()
//!     .await?;
//! # let _ = accounts;
//! # Ok(()) }
//! ```
//!
//! No provider documents an idempotency key, so their transports are built
//! without one ([`TransportBuilder::without_idempotency_keys`]): a key set
//! through `with_options` fails the call with a validation error before
//! anything is sent, a login included.
//!
//! [`TransportBuilder::without_idempotency_keys`]: crate::transport::TransportBuilder::without_idempotency_keys

use std::fmt;

use serde::de::DeserializeOwned;

use crate::transport::{CallOptions, Request, Response, Transport};

/// A client whose resource handles send through one main [`Transport`].
pub trait ResourceClient {
    /// The transport a handle's requests go through by default.
    fn transport(&self) -> &Transport;
}

/// The borrowed client and the per-call options behind a resource handle.
pub struct Handle<'a, C> {
    client: &'a C,
    options: CallOptions,
}

impl<'a, C> Handle<'a, C> {
    /// A handle on `client` with no per-call options.
    pub fn new(client: &'a C) -> Self {
        Handle {
            client,
            options: CallOptions::default(),
        }
    }

    /// The client.
    pub fn client(&self) -> &'a C {
        self.client
    }

    /// The per-call options.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    /// Replaces the per-call options.
    pub fn set_options(&mut self, options: CallOptions) {
        self.options = options;
    }

    /// `request` with the handle's options (an idempotency key the request
    /// already has is kept unless the options carry one).
    pub fn prepare(&self, request: Request) -> Request {
        request.options(self.options.clone())
    }
}

impl<C: ResourceClient> Handle<'_, C> {
    /// Sends `request`, with the handle's options, through the client's
    /// transport.
    pub async fn send(&self, request: Request) -> crate::Result<Response> {
        self.client.transport().send(self.prepare(request)).await
    }

    /// Sends `request`, with the handle's options, through the client's
    /// transport and decodes the answer.
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> crate::Result<T> {
        self.client
            .transport()
            .send_json(self.prepare(request))
            .await
    }
}

impl<C> Clone for Handle<'_, C> {
    fn clone(&self) -> Self {
        Handle {
            client: self.client,
            options: self.options.clone(),
        }
    }
}

impl<C: fmt::Debug> fmt::Debug for Handle<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("client", self.client)
            .field("options", &self.options)
            .finish()
    }
}

/// Declares a resource handle of a provider crate: a struct with a private
/// `handle: Handle<'a, Client>` field, a crate-visible `new(&'a Client)`
/// and the public `with_options`, whose documentation names the provider.
///
/// ```text
/// banking_core::resource_handle! {
///     /// Docs of the handle.
///     pub struct Accounts for crate::client::ExampleClient, "Example";
/// }
/// ```
///
/// See the [module documentation](mod@crate::resource_handle) for a full
/// example.
#[macro_export]
macro_rules! resource_handle {
    ($(#[$meta:meta])* $vis:vis struct $name:ident for $client:ty, $provider:literal;) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        $vis struct $name<'a> {
            handle: $crate::resource_handle::Handle<'a, $client>,
        }

        impl<'a> $name<'a> {
            pub(crate) fn new(client: &'a $client) -> Self {
                $name {
                    handle: $crate::resource_handle::Handle::new(client),
                }
            }

            #[doc = concat!(
                "Applies `options` (timeout, retry policy, extra headers) to every request ",
                "sent through this handle: each call, every page of a stream and every poll ",
                "of a wait.\n\n",
                $provider,
                " documents no idempotency key: a key set here fails the call with a ",
                "validation error before anything is sent, since a keyed write would be ",
                "resent after a failure the server does not deduplicate."
            )]
            #[must_use]
            pub fn with_options(mut self, options: $crate::transport::CallOptions) -> Self {
                self.handle.set_options(options);
                self
            }
        }
    };
}
