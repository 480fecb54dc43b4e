//! A raw-TCP HTTP/1.1 server that misbehaves on cue: it answers each request
//! on a path with the next reply of that path's script (the last reply
//! repeats), closing every connection after one exchange, and records what
//! it received. Connection-level faults (resets, truncated and stalled
//! bodies, hangs) need raw sockets: a mock HTTP framework cannot produce
//! them.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How long a hanging reply keeps the connection open: far longer than any
/// client deadline in the suites.
const HANG: Duration = Duration::from_secs(60);

/// The request-id header every scripted HTTP answer carries.
pub(crate) const REQUEST_ID: &str = "req-fault-7";

/// One answer to one request.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// A complete response (with `content-length`, `x-request-id` and
    /// `connection: close`).
    Http {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// These bytes as they are, then `hold` before closing.
    Raw { bytes: Vec<u8>, hold: Duration },
    /// Close the connection with a reset once the request is read.
    Reset,
    /// Never answer.
    Hang,
    /// A chunked body that never ends: chunks until the client hangs up.
    Endless,
}

impl Reply {
    /// A JSON answer.
    pub(crate) fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Http {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.into().into_bytes(),
        }
    }

    /// Adds a header to an [`Reply::Http`] answer.
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        if let Reply::Http { headers, .. } = &mut self {
            headers.push((name, value.into()));
        }
        self
    }

    /// Headers announcing `length` bytes, then only `sent` of the body.
    pub(crate) fn partial_body(length: usize, sent: &str, hold: Duration) -> Reply {
        let mut bytes = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\nx-request-id: {REQUEST_ID}\r\nconnection: close\r\n\r\n"
        )
        .into_bytes();
        bytes.extend_from_slice(sent.as_bytes());
        Reply::Raw { bytes, hold }
    }

    fn to_bytes(&self) -> Option<Vec<u8>> {
        match self {
            Reply::Http {
                status,
                headers,
                body,
            } => {
                let mut head = format!(
                    "HTTP/1.1 {status} Scripted\r\ncontent-length: {}\r\nx-request-id: {REQUEST_ID}\r\nconnection: close\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let mut bytes = head.into_bytes();
                bytes.extend_from_slice(body);
                Some(bytes)
            }
            Reply::Raw { bytes, .. } => Some(bytes.clone()),
            Reply::Endless => Some(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
                    .to_vec(),
            ),
            Reply::Reset | Reply::Hang => None,
        }
    }
}

/// A request as the server read it.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    /// The path as sent, query included.
    pub(crate) target: String,
}

impl Received {
    /// The path without its query.
    pub(crate) fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

#[derive(Default)]
struct State {
    /// Scripts by exact path; `None` is the script of every other path.
    scripts: HashMap<Option<String>, Vec<Reply>>,
    served: HashMap<Option<String>, usize>,
    received: Vec<Received>,
    /// Body bytes written by endless replies.
    streamed: usize,
}

/// A running fault server; it stops when the test's runtime ends.
#[derive(Clone)]
pub(crate) struct FaultServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl FaultServer {
    /// Starts a server whose every path answers 404 until scripted.
    pub(crate) async fn start() -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let server = FaultServer {
            addr,
            state: Arc::default(),
        };
        let serving = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let server = serving.clone();
                tokio::spawn(async move { server.serve(socket).await });
            }
        });
        server
    }

    /// A local address nothing listens on: connecting to it is refused.
    pub(crate) async fn refusing_addr() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        drop(listener);
        addr
    }

    /// `http://127.0.0.1:port/`.
    pub(crate) fn url(&self) -> url::Url {
        format!("http://{}/", self.addr).parse().expect("a URL")
    }

    /// Answers requests on exactly `path` with `replies`, in order.
    pub(crate) fn script(&self, path: &str, replies: Vec<Reply>) {
        self.set(Some(path.to_owned()), replies);
    }

    /// Answers requests on every path without a script of its own.
    pub(crate) fn script_others(&self, replies: Vec<Reply>) {
        self.set(None, replies);
    }

    fn set(&self, key: Option<String>, replies: Vec<Reply>) {
        let mut state = self.lock();
        state.served.remove(&key);
        state.scripts.insert(key, replies);
    }

    /// Every request received so far.
    pub(crate) fn received(&self) -> Vec<Received> {
        self.lock().received.clone()
    }

    /// Body bytes the endless replies managed to write.
    pub(crate) fn streamed(&self) -> usize {
        self.lock().streamed
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn next_reply(&self, path: &str) -> Reply {
        let mut state = self.lock();
        let key = Some(path.to_owned());
        let key = if state.scripts.contains_key(&key) {
            key
        } else {
            None
        };
        let served = state.served.entry(key.clone()).or_default();
        let index = *served;
        *served += 1;
        match state.scripts.get(&key) {
            Some(replies) if !replies.is_empty() => replies[index.min(replies.len() - 1)].clone(),
            _ => Reply::json(404, r#"{"error":"not scripted"}"#),
        }
    }

    async fn serve(&self, mut socket: TcpStream) {
        let Some(request) = read_request(&mut socket).await else {
            return;
        };
        let reply = self.next_reply(request.path());
        self.lock().received.push(request);
        if let Some(bytes) = reply.to_bytes() {
            let _ = socket.write_all(&bytes).await;
            let _ = socket.flush().await;
        }
        match reply {
            Reply::Raw { hold, .. } => tokio::time::sleep(hold).await,
            Reply::Hang => tokio::time::sleep(HANG).await,
            Reply::Reset => {
                // Linger zero: closing sends RST instead of FIN.
                let _ = socket.set_zero_linger();
            }
            Reply::Http { .. } => {
                let _ = socket.shutdown().await;
            }
            Reply::Endless => {
                const CHUNK: usize = 64 * 1024;
                let mut chunk = format!("{CHUNK:x}\r\n").into_bytes();
                chunk.extend(std::iter::repeat_n(b' ', CHUNK));
                chunk.extend_from_slice(b"\r\n");
                while socket.write_all(&chunk).await.is_ok() {
                    self.lock().streamed += CHUNK;
                }
            }
        }
    }
}

/// Reads one request: head up to the blank line, then `content-length`
/// bytes of body (read so that the client finishes sending). `None` when the peer goes away first.
async fn read_request(socket: &mut TcpStream) -> Option<Received> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = find(&buf, b"\r\n\r\n") {
            break at;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let target = lines.next()?.split(' ').nth(1)?.to_owned();
    let length = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received { target })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
