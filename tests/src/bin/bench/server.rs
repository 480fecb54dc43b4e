//! A minimal HTTP/1.1 server on loopback serving Linkcy's login, one
//! transaction and transaction pages, on a thread and runtime of its own.
//!
//! Bodies are built once (or per page for streams), requests are parsed
//! just enough to route them, and connections are kept alive, so the
//! server costs both sides of a comparison the same few microseconds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

use crate::bodies;

/// What the listing endpoint serves and how slowly.
#[derive(Clone, Copy, Default)]
pub(crate) struct Scenario {
    /// `0`: `GET /api/partner/transactions` answers one fixed page of 100
    /// sample transactions. Otherwise a listing of this many small
    /// transactions, paged by the request's `page` and `pageSize`.
    pub(crate) stream_total: u64,
    /// Time each page takes to answer.
    pub(crate) page_delay: Duration,
    /// Time a login takes to answer.
    pub(crate) login_delay: Duration,
}

struct State {
    scenario: Mutex<Scenario>,
    logins: AtomicUsize,
    login: Vec<u8>,
    transaction: Vec<u8>,
    page: Vec<u8>,
}

/// The running server; it stops with the process.
pub(crate) struct Server {
    url: Url,
    state: Arc<State>,
}

impl Server {
    pub(crate) fn start() -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("non-blocking");
        let url = format!("http://{}/", listener.local_addr().expect("an address"))
            .parse()
            .expect("a URL");
        let state = Arc::new(State {
            scenario: Mutex::new(Scenario::default()),
            logins: AtomicUsize::new(0),
            login: bodies::LOGIN.as_bytes().to_vec(),
            transaction: bodies::TRANSACTION.trim().as_bytes().to_vec(),
            page: bodies::linkcy_page(100, 0, 100),
        });
        let shared = state.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("a listener");
                loop {
                    let (socket, _) = listener.accept().await.expect("accept");
                    socket.set_nodelay(true).expect("nodelay");
                    tokio::spawn(serve(socket, shared.clone()));
                }
            });
        });
        Server { url, state }
    }

    pub(crate) fn url(&self) -> Url {
        self.url.clone()
    }

    pub(crate) fn set(&self, scenario: Scenario) {
        *self
            .state
            .scenario
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = scenario;
    }

    /// Logins served so far.
    pub(crate) fn logins(&self) -> usize {
        self.state.logins.load(Ordering::SeqCst)
    }
}

/// Serves the requests of one connection until the client closes it.
async fn serve(mut socket: TcpStream, state: Arc<State>) {
    let mut buffer = Vec::with_capacity(4096);
    loop {
        let Some((head_end, body_len)) = read_head(&mut socket, &mut buffer).await else {
            return;
        };
        while buffer.len() < head_end + body_len {
            let mut chunk = [0; 4096];
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        buffer.drain(..head_end + body_len);
        let target = head.split(' ').nth(1).unwrap_or("/").to_owned();
        let body = respond(&state, &target).await;
        let mut out = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(&body);
        if socket.write_all(&out).await.is_err() {
            return;
        }
    }
}

/// Reads until the end of a request head; returns where it ends and the
/// body's `content-length`.
async fn read_head(socket: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(usize, usize)> {
    loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..at]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            return Some((at + 4, length));
        }
        let mut chunk = [0; 4096];
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

async fn respond(state: &State, target: &str) -> Vec<u8> {
    let scenario = *state
        .scenario
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/api/partner/login" => {
            state.logins.fetch_add(1, Ordering::SeqCst);
            pause(scenario.login_delay).await;
            state.login.clone()
        }
        "/api/partner/transactions" if scenario.stream_total == 0 => state.page.clone(),
        "/api/partner/transactions" => {
            pause(scenario.page_delay).await;
            let param = |name: &str| {
                query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                    .and_then(|value| value.parse::<u64>().ok())
            };
            let page = param("page").unwrap_or(0);
            let size = param("pageSize").unwrap_or(20);
            bodies::small_page(page, size, scenario.stream_total)
        }
        _ => state.transaction.clone(),
    }
}

/// Sleeps for `delay`, without touching the timer when it is zero.
async fn pause(delay: Duration) {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
}
