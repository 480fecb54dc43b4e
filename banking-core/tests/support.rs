//! Shared helpers for the integration tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use banking_core::auth::{BearerAuth, Token, TokenSource};
use futures::future::BoxFuture;
use secrecy::SecretString;

/// A token source that hands out `tok-1`, `tok-2`, ... and counts fetches.
#[derive(Debug, Default)]
pub(crate) struct Counting(pub(crate) AtomicUsize);

impl TokenSource for Counting {
    fn fetch<'a>(
        &'a self,
        _context: &'a banking_core::auth::AuthContext<'a>,
    ) -> BoxFuture<'a, banking_core::Result<Token>> {
        Box::pin(async move {
            let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(Token::new(SecretString::from(format!("tok-{n}"))))
        })
    }
}

pub(crate) fn counting_bearer() -> Arc<BearerAuth<Counting>> {
    BearerAuth::new(Counting::default())
}

/// A TCP server that reads a request and closes the connection without
/// answering, `times` times; returns its base URL.
pub(crate) async fn dropping_server(times: usize) -> (String, Arc<AtomicUsize>) {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        for _ in 0..times {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            counter.fetch_add(1, Ordering::SeqCst);
            drop(sock);
        }
    });
    (format!("http://{addr}/"), seen)
}
