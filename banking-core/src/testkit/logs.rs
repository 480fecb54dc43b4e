//! Capturing what the SDK logs, for tests that prove logs hold no secret.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Everything logged in this process once a capture has started.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Records of the `log` crate, which reqwest logs through, written to the
/// same buffer as the `tracing` events.
struct LogRecords(Buffer);

impl log::Log for LogRecords {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let _ = writeln!(
            self.0.clone(),
            "{} {}: {}",
            record.level(),
            record.target(),
            record.args()
        );
    }

    fn flush(&self) {}
}

static BUFFER: OnceLock<Buffer> = OnceLock::new();
static NEXT_CASE: AtomicU64 = AtomicU64::new(1);

/// Captures logs at every level, for one test case.
///
/// The first capture installs a process-wide subscriber that records every
/// event at `TRACE` into memory, and a process-wide `log` logger that
/// records every `log` record (reqwest's) there too. A process-wide subscriber, rather than a
/// per-thread one, is what makes captures reliable while other tests run
/// in parallel: per-thread subscribers race with the callsite cache of
/// `tracing`, and events go missing. Each capture gets its own span; run the
/// case inside it with `Instrument` and read its lines back with
/// [`LogCapture::lines`], or check everything the process logged with
/// [`LogCapture::everything`].
///
/// ```
/// use tracing::Instrument;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let capture = banking_core::testkit::LogCapture::start();
/// async { tracing::debug!(step = "login", "calling the API") }
///     .instrument(capture.span())
///     .await;
/// assert!(capture.lines().iter().any(|l| l.contains("step=\"login\"")));
/// assert!(!capture.everything().contains("password"));
/// # }
/// ```
#[derive(Debug)]
pub struct LogCapture {
    case: u64,
}

impl LogCapture {
    /// Starts a capture, installing the process-wide subscriber if needed.
    ///
    /// # Panics
    ///
    /// If another global subscriber or `log` logger was installed before.
    pub fn start() -> Self {
        BUFFER.get_or_init(|| {
            let buffer = Buffer::default();
            let writer = buffer.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                // A line per closed span: every call leaves a trace even
                // when nothing inside it logs.
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
                .with_writer(move || writer.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber)
                .expect("LogCapture needs to install the global tracing subscriber");
            log::set_boxed_logger(Box::new(LogRecords(buffer.clone())))
                .expect("LogCapture needs to install the global log logger");
            log::set_max_level(log::LevelFilter::Trace);
            buffer
        });
        LogCapture {
            case: NEXT_CASE.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The span that marks this capture's lines: run the case in it.
    pub fn span(&self) -> tracing::Span {
        tracing::info_span!("log_capture", case = self.case)
    }

    /// The lines logged inside this capture's span (`log` records carry no
    /// span: they are in [`everything`](Self::everything) only).
    pub fn lines(&self) -> Vec<String> {
        let marker = format!("log_capture{{case={}}}", self.case);
        self.everything()
            .lines()
            .filter(|line| line.contains(&marker))
            .map(str::to_owned)
            .collect()
    }

    /// Everything the process logged since the first capture started.
    pub fn everything(&self) -> String {
        let buffer = BUFFER.get().expect("installed by start");
        let bytes = buffer.0.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
