//! The resource handles returned by [`LynksClient`](crate::LynksClient).

/// Declares a resource handle: a borrowed client plus per-call options.
macro_rules! resource {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $name<'a> {
            client: &'a $crate::LynksClient,
            options: Option<banking_core::transport::CallOptions>,
        }

        impl<'a> $name<'a> {
            pub(crate) fn new(client: &'a $crate::LynksClient) -> Self {
                $name {
                    client,
                    options: None,
                }
            }

            /// Per-call options (timeout, retry policy) for calls made
            /// through this handle. An idempotency key is refused with a
            /// validation error: LYNKS documents none, and a key would let
            /// a create be resent.
            pub fn options(mut self, options: banking_core::transport::CallOptions) -> Self {
                self.options = Some(options);
                self
            }

            async fn call<T: serde::de::DeserializeOwned>(
                &self,
                request: banking_core::transport::Request,
            ) -> banking_core::Result<T> {
                self.client.send_json(request, self.options.as_ref()).await
            }
        }
    };
}

pub(crate) use resource;
