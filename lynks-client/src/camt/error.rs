//! Why a statement could not be read.

use std::sync::Arc;

/// A CAMT.052 message that could not be read, with the path of the element
/// where reading stopped (`Document/BkToCstmrAcctRpt/Rpt[1]/Ntry[3]/Amt/@Ccy`;
/// reports and entries are counted from 1).
///
/// Statement data is not secret, but a value quoted in an error is cut to
/// 64 characters so a corrupt file cannot flood a log.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum CamtError {
    /// Not well-formed XML (a syntax error, a mismatched end tag, an
    /// unknown entity, text that is not UTF-8).
    #[error("malformed XML at {path}: {message}")]
    Malformed {
        /// The innermost open element.
        path: String,
        /// What the XML reader found wrong.
        message: String,
    },
    /// The input ended before the message did.
    #[error("the statement ends inside {path}")]
    Truncated {
        /// The innermost element left open.
        path: String,
    },
    /// The document is not a `camt.052.001.02` `BkToCstmrAcctRpt`: another
    /// version or message, or no ISO 20022 namespace.
    #[error("{path} is not a camt.052.001.02 account report: found {found}")]
    WrongVersion {
        /// The element that gave it away.
        path: String,
        /// What was found instead (namespace or element name).
        found: String,
    },
    /// A mandatory element or attribute is absent.
    #[error("{path} is missing")]
    Missing {
        /// The absent element.
        path: String,
    },
    /// An element's text is not of its ISO 20022 type: a currency that is
    /// not three capital letters, an amount that is not an exact decimal, a
    /// date that is not a date.
    #[error("{path}: {value:?} is not {expected}")]
    Invalid {
        /// The element or attribute.
        path: String,
        /// Its text, cut to 64 characters.
        value: String,
        /// What the schema wants there.
        expected: &'static str,
    },
    /// One element (an entry, say) is larger or deeper than the parser
    /// buffers; see [`CamtReader`](super::CamtReader) for the limits.
    #[error("{path} exceeds the limit of {limit}")]
    TooLarge {
        /// The element being buffered.
        path: String,
        /// The limit crossed.
        limit: &'static str,
    },
    /// Reading the input failed.
    #[error("reading the statement failed at {path}: {source}")]
    Io {
        /// The innermost open element.
        path: String,
        /// The I/O error.
        #[source]
        source: Arc<std::io::Error>,
    },
}

impl CamtError {
    /// The element path the error names.
    pub fn path(&self) -> &str {
        match self {
            CamtError::Malformed { path, .. }
            | CamtError::Truncated { path }
            | CamtError::WrongVersion { path, .. }
            | CamtError::Missing { path }
            | CamtError::Invalid { path, .. }
            | CamtError::TooLarge { path, .. }
            | CamtError::Io { path, .. } => path,
        }
    }

    pub(super) fn invalid(path: String, value: &str, expected: &'static str) -> Self {
        let value = match value.char_indices().nth(64) {
            Some((cut, _)) => format!("{}...", &value[..cut]),
            None => value.to_owned(),
        };
        CamtError::Invalid {
            path,
            value,
            expected,
        }
    }
}
