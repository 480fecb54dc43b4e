//! The XML layer: a namespace-aware event reader that tracks the element
//! path, buffers one element's subtree at a time, and reads ISO 20022 values
//! out of it with errors that name the element.

use std::io::BufRead;
use std::sync::Arc;

use banking_core::money::{Currency, Decimal, Money};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::error::CamtError;
use super::model::{CamtDateTime, DateOrDateTime};

/// Most bytes of names, attributes and text buffered for one element.
pub(super) const MAX_ELEMENT_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting accepted; the schema's deepest path is about 12.
pub(super) const MAX_DEPTH: usize = 64;

/// An element's attributes, names without their prefix.
pub(super) type Attributes = Vec<(String, String)>;

/// One token of the document, names without their prefix.
pub(super) enum Token {
    Start {
        name: String,
        namespace: Option<String>,
        attrs: Vec<(String, String)>,
    },
    End,
    Text(String),
    Eof,
}

/// The event reader: quick-xml's namespace reader plus the open-element path.
pub(super) struct Events<R> {
    reader: NsReader<R>,
    buf: Vec<u8>,
    path: Vec<String>,
}

impl<R: BufRead> Events<R> {
    pub(super) fn new(input: R) -> Self {
        let mut reader = NsReader::from_reader(input);
        let config = reader.config_mut();
        // `<a/>` arrives as a start and an end, so the tree code sees one shape.
        config.expand_empty_elements = true;
        config.check_end_names = true;
        Events {
            reader,
            buf: Vec::new(),
            path: Vec::new(),
        }
    }

    /// The open elements, `/`-separated.
    pub(super) fn path(&self) -> String {
        self.path.join("/")
    }

    /// The path with `child` appended.
    pub(super) fn path_to(&self, child: &str) -> String {
        if self.path.is_empty() {
            child.to_owned()
        } else {
            format!("{}/{child}", self.path())
        }
    }

    pub(super) fn depth(&self) -> usize {
        self.path.len()
    }

    /// Renames the innermost open element in paths (to add its index).
    pub(super) fn label_current(&mut self, label: String) {
        if let Some(last) = self.path.last_mut() {
            *last = label;
        }
    }

    pub(super) fn next(&mut self) -> Result<Token, CamtError> {
        loop {
            self.buf.clear();
            let event = self.reader.read_resolved_event_into(&mut self.buf);
            let (namespace, event) = match event {
                Ok(pair) => pair,
                Err(quick_xml::Error::Io(source)) => {
                    return Err(CamtError::Io {
                        path: self.path(),
                        source: Arc::clone(&source),
                    });
                }
                Err(error) => {
                    return Err(CamtError::Malformed {
                        path: self.path(),
                        message: error.to_string(),
                    });
                }
            };
            let namespace = match namespace {
                ResolveResult::Bound(ns) => Some(ns.0.to_owned()),
                _ => None,
            };
            match event {
                Event::Start(start) => {
                    if self.path.len() >= MAX_DEPTH {
                        return Err(CamtError::TooLarge {
                            path: self.path(),
                            limit: "64 nested elements",
                        });
                    }
                    let name = start.local_name().into_inner().to_owned();
                    let attrs = attributes(&start).map_err(|message| CamtError::Malformed {
                        path: self.path_to(&name),
                        message,
                    })?;
                    self.path.push(name.clone());
                    return Ok(Token::Start {
                        name,
                        namespace,
                        attrs,
                    });
                }
                Event::End(_) => {
                    self.path.pop();
                    return Ok(Token::End);
                }
                Event::Text(text) => return Ok(Token::Text(text.xml10_content().into_owned())),
                Event::CData(text) => return Ok(Token::Text(text.xml10_content().into_owned())),
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => match reference.xml10_content().as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                        Err(_) => None,
                    };
                    let Some(c) = resolved else {
                        let message = format!("unknown entity &{};", reference.xml10_content());
                        return Err(CamtError::Malformed {
                            path: self.path.join("/"),
                            message,
                        });
                    };
                    return Ok(Token::Text(c.to_string()));
                }
                Event::Eof if self.path.is_empty() => return Ok(Token::Eof),
                Event::Eof => return Err(CamtError::Truncated { path: self.path() }),
                // Declarations, comments, processing instructions, DOCTYPE.
                _ => {}
            }
        }
    }

    /// Reads the rest of the element just opened (named `name`) into a
    /// tree, within [`MAX_ELEMENT_BYTES`].
    pub(super) fn subtree(
        &mut self,
        name: String,
        attrs: Vec<(String, String)>,
    ) -> Result<Node, CamtError> {
        let root_path = self.path();
        let mut size = name.len();
        let mut stack = vec![Node::new(name, attrs)];
        loop {
            if size > MAX_ELEMENT_BYTES {
                return Err(CamtError::TooLarge {
                    path: root_path,
                    limit: "8 MiB in one element",
                });
            }
            match self.next()? {
                Token::Start { name, attrs, .. } => {
                    size +=
                        name.len() + attrs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>();
                    stack.push(Node::new(name, attrs));
                }
                Token::Text(text) => {
                    size += text.len();
                    if let Some(open) = stack.last_mut() {
                        open.text.push_str(&text);
                    }
                }
                Token::End => {
                    // The stack is never empty here: the root's end returns.
                    let done = stack.pop();
                    match (stack.last_mut(), done) {
                        (Some(parent), Some(done)) => parent.children.push(done),
                        (None, Some(done)) => return Ok(done),
                        (_, None) => return Err(CamtError::Truncated { path: root_path }),
                    }
                }
                // `next` reports an end of input inside an element as truncation.
                Token::Eof => return Err(CamtError::Truncated { path: root_path }),
            }
        }
    }

    /// Skips the rest of the element just opened.
    pub(super) fn skip(&mut self) -> Result<(), CamtError> {
        let depth = self.depth();
        while self.depth() >= depth {
            if let Token::Eof = self.next()? {
                return Err(CamtError::Truncated { path: self.path() });
            }
        }
        Ok(())
    }
}

fn attributes(start: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = attr.key;
        if key.as_namespace_binding().is_some() {
            continue;
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attrs.push((key.local_name().into_inner().to_owned(), value.into_owned()));
    }
    Ok(attrs)
}

/// One buffered element.
#[derive(Debug)]
pub(super) struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn new(name: String, attrs: Vec<(String, String)>) -> Self {
        Node {
            name,
            attrs,
            text: String::new(),
            children: Vec::new(),
        }
    }

    /// An element built from children read one by one (a report's header).
    pub(super) fn with_children(name: &str, children: Vec<Node>) -> Self {
        Node {
            children,
            ..Node::new(name.to_owned(), Vec::new())
        }
    }
}

/// A buffered element and its path, with typed getters.
#[derive(Clone, Copy)]
pub(super) struct El<'a> {
    node: &'a Node,
    path: &'a str,
}

/// A child element with its own path string.
pub(super) struct Child<'a> {
    node: &'a Node,
    path: String,
}

impl<'a> Child<'a> {
    pub(super) fn el(&self) -> El<'_> {
        El {
            node: self.node,
            path: &self.path,
        }
    }
}

impl<'a> El<'a> {
    pub(super) fn new(node: &'a Node, path: &'a str) -> Self {
        El { node, path }
    }

    pub(super) fn path(&self) -> &'a str {
        self.path
    }

    fn child_path(&self, name: &str) -> String {
        format!("{}/{name}", self.path)
    }

    /// The first child named `name`.
    pub(super) fn opt(&self, name: &str) -> Option<Child<'a>> {
        self.node
            .children
            .iter()
            .find(|c| c.name == name)
            .map(|node| Child {
                node,
                path: self.child_path(name),
            })
    }

    /// The first child named `name`, which the schema requires.
    pub(super) fn req(&self, name: &str) -> Result<Child<'a>, CamtError> {
        self.opt(name).ok_or_else(|| CamtError::Missing {
            path: self.child_path(name),
        })
    }

    /// Every child named `name`, paths indexed from 1.
    pub(super) fn all(&self, name: &'a str) -> impl Iterator<Item = Child<'a>> + 'a {
        let path = self.path;
        self.node
            .children
            .iter()
            .filter(move |c| c.name == name)
            .enumerate()
            .map(move |(i, node)| Child {
                node,
                path: format!("{path}/{name}[{}]", i + 1),
            })
    }

    /// The trimmed text.
    pub(super) fn text(&self) -> &'a str {
        self.node.text.trim()
    }

    /// The text, which must not be empty (every ISO 20022 text type has a
    /// minimum length of 1).
    pub(super) fn string(&self) -> Result<String, CamtError> {
        match self.text() {
            "" => Err(CamtError::invalid(
                self.path.to_owned(),
                "",
                "a non-empty text",
            )),
            text => Ok(text.to_owned()),
        }
    }

    /// The text of an optional child.
    pub(super) fn opt_string(&self, name: &str) -> Result<Option<String>, CamtError> {
        self.opt(name).map(|c| c.el().string()).transpose()
    }

    /// The text of a mandatory child.
    pub(super) fn req_string(&self, name: &str) -> Result<String, CamtError> {
        self.req(name)?.el().string()
    }

    /// The text as an `xs:decimal`, exactly and with its scale.
    pub(super) fn decimal(&self) -> Result<Decimal, CamtError> {
        xs_decimal(self.text()).ok_or_else(|| {
            CamtError::invalid(self.path.to_owned(), self.text(), "an exact decimal")
        })
    }

    /// The text as a whole non-negative number (`Max15NumericText`,
    /// `Number` with no fraction digits).
    pub(super) fn count(&self) -> Result<u64, CamtError> {
        let text = self.text();
        let digits = text.strip_prefix('+').unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CamtError::invalid(
                self.path.to_owned(),
                text,
                "a whole number",
            ));
        }
        digits
            .parse()
            .map_err(|_| CamtError::invalid(self.path.to_owned(), text, "a whole number"))
    }

    /// The text as an ISO 4217 code.
    pub(super) fn currency(&self) -> Result<Currency, CamtError> {
        currency(self.text(), self.path.to_owned())
    }

    /// An `ActiveOrHistoricCurrencyAndAmount`: the amount in the text, the
    /// currency in the `Ccy` attribute.
    pub(super) fn money(&self) -> Result<Money, CamtError> {
        let amount = self.decimal()?;
        let path = format!("{}/@Ccy", self.path);
        let code = self
            .node
            .attrs
            .iter()
            .find(|(k, _)| k == "Ccy")
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| CamtError::Missing { path: path.clone() })?;
        Ok(Money::new(amount, currency(code, path)?))
    }

    /// An `ISODate`.
    pub(super) fn date(&self) -> Result<NaiveDate, CamtError> {
        xs_date(self.text())
            .ok_or_else(|| CamtError::invalid(self.path.to_owned(), self.text(), "an ISO date"))
    }

    /// An `ISODateTime`.
    pub(super) fn date_time(&self) -> Result<CamtDateTime, CamtError> {
        xs_date_time(self.text()).ok_or_else(|| {
            CamtError::invalid(self.path.to_owned(), self.text(), "an ISO date-time")
        })
    }

    /// A `DateAndDateTimeChoice`: `Dt` or `DtTm`.
    pub(super) fn date_or_date_time(&self) -> Result<DateOrDateTime, CamtError> {
        if let Some(dt) = self.opt("Dt") {
            return dt.el().date().map(DateOrDateTime::Date);
        }
        self.req("DtTm")
            .map_err(|_| CamtError::Missing {
                path: self.child_path("Dt"),
            })?
            .el()
            .date_time()
            .map(DateOrDateTime::DateTime)
    }

    /// An `xs:boolean`.
    pub(super) fn boolean(&self) -> Result<bool, CamtError> {
        match self.text() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            other => Err(CamtError::invalid(self.path.to_owned(), other, "a boolean")),
        }
    }
}

fn currency(code: &str, path: String) -> Result<Currency, CamtError> {
    Currency::new(code.trim())
        .map_err(|_| CamtError::invalid(path, code, "an ISO 4217 currency code"))
}

/// Parses the `xs:decimal` lexical form `[+-]?(d+(.d*)?|.d+)` exactly: the
/// scale is the number of fraction digits written. `None` for anything
/// else (exponents, `_`, spaces) and for values a `Decimal` cannot hold
/// without rounding.
fn xs_decimal(text: &str) -> Option<Decimal> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let mut mantissa: i128 = 0;
    for digit in int.bytes().chain(frac.bytes()) {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(digit - b'0'))?;
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(frac.len()).ok()?).ok()
}

/// Splits an optional `Z` or `±hh:mm` zone off the end of `text`.
fn split_zone(text: &str) -> Option<(&str, Option<FixedOffset>)> {
    if let Some(rest) = text.strip_suffix('Z') {
        return Some((rest, FixedOffset::east_opt(0)));
    }
    let at = text.len().checked_sub(6)?;
    let zone = text.get(at..)?;
    let bytes = zone.as_bytes();
    if matches!(bytes[0], b'+' | b'-') && bytes[3] == b':' && at >= 10 {
        let hours: i32 = zone.get(1..3)?.parse().ok()?;
        let minutes: i32 = zone.get(4..6)?.parse().ok()?;
        if !zone[1..3]
            .bytes()
            .chain(zone[4..6].bytes())
            .all(|b| b.is_ascii_digit())
            || hours > 14
            || minutes > 59
        {
            return None;
        }
        let seconds = (hours * 60 + minutes) * 60;
        let offset = if bytes[0] == b'-' {
            FixedOffset::west_opt(seconds)?
        } else {
            FixedOffset::east_opt(seconds)?
        };
        return Some((&text[..at], Some(offset)));
    }
    Some((text, None))
}

fn xs_date(text: &str) -> Option<NaiveDate> {
    let (date, _zone) = split_zone(text)?;
    if date.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

fn xs_date_time(text: &str) -> Option<CamtDateTime> {
    let (local, offset) = split_zone(text)?;
    // `%.f` accepts no fraction as well as any number of digits.
    if local.len() < 19 || local.as_bytes()[10] != b'T' {
        return None;
    }
    let date_time = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    Some(CamtDateTime { date_time, offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_scale_and_refuse_what_xs_decimal_refuses() {
        for (text, expected) in [
            ("9234.50", "9234.50"),
            ("+1.5", "1.5"),
            ("-0.00", "0.00"),
            (".5", "0.5"),
            ("5.", "5"),
            ("0010.10", "10.10"),
            ("0.9234500000", "0.9234500000"),
        ] {
            assert_eq!(xs_decimal(text).unwrap().to_string(), expected, "{text}");
        }
        assert_eq!(xs_decimal("9234.50").unwrap().scale(), 2);
        for bad in [
            "", ".", "+", "1e3", "1_000", " 1", "1,5", "0x10", "1.2.3", "--1",
        ] {
            assert_eq!(xs_decimal(bad), None, "{bad:?}");
        }
        // 29 fraction digits do not fit: refused, not rounded.
        assert_eq!(xs_decimal("0.00000000000000000000000000001"), None);
        assert_eq!(xs_decimal("99999999999999999999999999999999"), None);
    }

    #[test]
    fn dates_and_date_times_with_and_without_zones() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(xs_date("2025-03-03"), Some(d(2025, 3, 3)));
        assert_eq!(xs_date("2025-03-03Z"), Some(d(2025, 3, 3)));
        assert_eq!(xs_date("2025-03-03+01:00"), Some(d(2025, 3, 3)));
        for bad in [
            "2025-3-3",
            "03/03/2025",
            "2025-02-30",
            "2025-03-03T10:00:00",
            "2025-03-03+1:00",
        ] {
            assert_eq!(xs_date(bad), None, "{bad}");
        }
        let dt = xs_date_time("2025-03-03T10:15:30.125+01:00").unwrap();
        assert_eq!(dt.date_time.to_string(), "2025-03-03 10:15:30.125");
        assert_eq!(dt.offset, FixedOffset::east_opt(3600));
        let local = xs_date_time("2025-03-03T10:15:30").unwrap();
        assert_eq!(local.offset, None);
        assert_eq!(
            xs_date_time("2025-03-03T10:15:30Z").unwrap().offset,
            FixedOffset::east_opt(0)
        );
        for bad in [
            "2025-03-03",
            "2025-03-03 10:15:30",
            "2025-03-03T25:00:00",
            "2025-03-03T10:15:30+15:00",
        ] {
            assert_eq!(xs_date_time(bad), None, "{bad}");
        }
    }
}
