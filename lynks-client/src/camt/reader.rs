//! The streaming reader: one report header or one entry at a time.

use std::io::BufRead;

use super::error::CamtError;
use super::model::{Entry, GroupHeader, Report};
use super::parse;
use super::xml::{Attributes, El, Events, Node, Token};

/// The XML namespace of `camt.052.001.02`.
pub const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:camt.052.001.02";

/// Most elements buffered ahead of a report's first entry (balances and
/// the like; a report has a handful).
const MAX_HEADER_ELEMENTS: usize = 10_000;

/// What [`CamtReader`] yields, in document order: each report's header,
/// then that report's entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A report (`Rpt`) starts: its id, account, balances and summary.
    Report(Box<Report>),
    /// An entry (`Ntry`) of the last report yielded.
    Entry(Box<Entry>),
}

/// Reads a `camt.052.001.02` message as a stream of [`Item`]s, holding at
/// most one entry in memory, so statements of any length parse in bounded
/// memory.
///
/// The group header is read when the reader is built. Iterating yields
/// each report's header before its entries; after an error the iterator
/// ends. One element is buffered at a time and may hold at most 8 MiB of
/// text and 64 levels of nesting ([`CamtError::TooLarge`] beyond).
///
/// ```
/// use lynks_client::camt::{CamtReader, Item};
///
/// let xml = r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02">
///   <BkToCstmrAcctRpt>
///     <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2025-03-03T10:00:00+01:00</CreDtTm></GrpHdr>
///     <Rpt>
///       <Id>RPT-1</Id><CreDtTm>2025-03-03T10:00:00+01:00</CreDtTm>
///       <Acct><Id><IBAN>LU280019400644750000</IBAN></Id><Ccy>EUR</Ccy></Acct>
///       <Ntry>
///         <Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
///         <BookgDt><Dt>2025-03-03</Dt></BookgDt>
///         <BkTxCd><Prtry><Cd>FEES</Cd></Prtry></BkTxCd>
///       </Ntry>
///     </Rpt>
///   </BkToCstmrAcctRpt>
/// </Document>"#;
/// let mut reader = CamtReader::new(xml.as_bytes())?;
/// assert_eq!(reader.group_header().message_id, "MSG-1");
/// let mut total = banking_core::money::Decimal::ZERO;
/// for item in &mut reader {
///     match item? {
///         Item::Report(report) => assert_eq!(report.account.number.iban(), Some("LU280019400644750000")),
///         Item::Entry(entry) => total += entry.signed_amount().unwrap(),
///     }
/// }
/// assert_eq!(total.to_string(), "-12.50");
/// # Ok::<(), lynks_client::camt::CamtError>(())
/// ```
pub struct CamtReader<R> {
    events: Events<R>,
    group_header: GroupHeader,
    state: State,
    reports: usize,
    entries: usize,
    report_path: String,
    queued: Option<Entry>,
}

enum State {
    /// Between reports.
    Message,
    /// Inside a report; `Some` holds header elements until its first entry.
    Report(Option<Vec<Node>>),
    Done,
}

impl<R> std::fmt::Debug for CamtReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CamtReader")
            .field("group_header", &self.group_header)
            .field("reports", &self.reports)
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> CamtReader<R> {
    /// Checks the message version and reads the group header.
    pub fn new(input: R) -> Result<Self, CamtError> {
        let mut events = Events::new(input);
        let (name, namespace) = loop {
            match events.next()? {
                Token::Start {
                    name, namespace, ..
                } => break (name, namespace),
                Token::Text(text) if text.trim().is_empty() => {}
                Token::Text(_) => {
                    return Err(CamtError::Malformed {
                        path: String::new(),
                        message: "text before the root element".to_owned(),
                    });
                }
                Token::End | Token::Eof => {
                    return Err(CamtError::Missing {
                        path: "Document".to_owned(),
                    });
                }
            }
        };
        if name != "Document" || namespace.as_deref() != Some(NAMESPACE) {
            return Err(CamtError::WrongVersion {
                path: name,
                found: namespace.unwrap_or_else(|| "no namespace".to_owned()),
            });
        }
        match next_start(&mut events)? {
            Some((name, _)) if name == "BkToCstmrAcctRpt" => {}
            Some((name, _)) => {
                return Err(CamtError::WrongVersion {
                    path: events.path(),
                    found: name,
                });
            }
            None => {
                return Err(CamtError::Missing {
                    path: events.path_to("BkToCstmrAcctRpt"),
                });
            }
        }
        let group_header = match next_start(&mut events)? {
            Some((name, attrs)) if name == "GrpHdr" => {
                let path = events.path();
                let node = events.subtree(name, attrs)?;
                parse::group_header(El::new(&node, &path))?
            }
            _ => {
                return Err(CamtError::Missing {
                    path: "Document/BkToCstmrAcctRpt/GrpHdr".to_owned(),
                });
            }
        };
        Ok(CamtReader {
            events,
            group_header,
            state: State::Message,
            reports: 0,
            entries: 0,
            report_path: String::new(),
            queued: None,
        })
    }

    /// The message's group header.
    pub fn group_header(&self) -> &GroupHeader {
        &self.group_header
    }

    /// The next report header or entry; `None` at the end of the message.
    pub fn next_item(&mut self) -> Result<Option<Item>, CamtError> {
        if let Some(entry) = self.queued.take() {
            return Ok(Some(Item::Entry(Box::new(entry))));
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(None),
                State::Message => match self.events.next()? {
                    Token::Start { name, .. } if name == "Rpt" => {
                        self.reports += 1;
                        self.entries = 0;
                        self.events.label_current(format!("Rpt[{}]", self.reports));
                        self.report_path = self.events.path();
                        self.state = State::Report(Some(Vec::new()));
                    }
                    Token::Start { .. } => {
                        self.events.skip()?;
                        self.state = State::Message;
                    }
                    Token::Text(_) => self.state = State::Message,
                    // `BkToCstmrAcctRpt` closed: the rest must close cleanly.
                    Token::End | Token::Eof => {
                        self.finish()?;
                        return Ok(None);
                    }
                },
                State::Report(mut header) => match self.events.next()? {
                    Token::Start { name, attrs, .. } if name == "Ntry" => {
                        self.entries += 1;
                        self.events.label_current(format!("Ntry[{}]", self.entries));
                        let path = self.events.path();
                        let node = self.events.subtree(name, attrs)?;
                        let entry = parse::entry(El::new(&node, &path))?;
                        self.state = State::Report(None);
                        if let Some(children) = header {
                            self.queued = Some(entry);
                            return self.report(children).map(Some);
                        }
                        return Ok(Some(Item::Entry(Box::new(entry))));
                    }
                    Token::Start { name, attrs, .. } => {
                        match header.as_mut() {
                            Some(children) if children.len() < MAX_HEADER_ELEMENTS => {
                                children.push(self.events.subtree(name, attrs)?);
                            }
                            Some(_) => {
                                return Err(CamtError::TooLarge {
                                    path: self.report_path.clone(),
                                    limit: "10000 elements before the first entry",
                                });
                            }
                            // After the entries (`AddtlRptInf`): not modelled.
                            None => self.events.skip()?,
                        }
                        self.state = State::Report(header);
                    }
                    Token::Text(_) => self.state = State::Report(header),
                    Token::End | Token::Eof => {
                        self.state = State::Message;
                        if let Some(children) = header {
                            return self.report(children).map(Some);
                        }
                    }
                },
            }
        }
    }

    fn report(&self, children: Vec<Node>) -> Result<Item, CamtError> {
        let node = Node::with_children("Rpt", children);
        parse::report(El::new(&node, &self.report_path)).map(|r| Item::Report(Box::new(r)))
    }

    /// Reads to the end of the input after the message element closed.
    fn finish(&mut self) -> Result<(), CamtError> {
        loop {
            match self.events.next()? {
                Token::Eof => return Ok(()),
                Token::Start { .. } => self.events.skip()?,
                Token::Text(_) | Token::End => {}
            }
        }
    }
}

/// The next element start at this level, skipping text; `None` when the
/// current element closes first.
fn next_start<R: BufRead>(
    events: &mut Events<R>,
) -> Result<Option<(String, Attributes)>, CamtError> {
    loop {
        match events.next()? {
            Token::Start { name, attrs, .. } => return Ok(Some((name, attrs))),
            Token::Text(_) => {}
            Token::End | Token::Eof => return Ok(None),
        }
    }
}

impl<R: BufRead> Iterator for CamtReader<R> {
    type Item = Result<Item, CamtError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_item() {
            Ok(item) => item.map(Ok),
            Err(error) => {
                self.state = State::Done;
                self.queued = None;
                Some(Err(error))
            }
        }
    }
}

impl<R: BufRead> std::iter::FusedIterator for CamtReader<R> {}
