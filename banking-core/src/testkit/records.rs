//! What a simulator holds: records kept as their exact JSON text, the
//! documented list filters applied to them, and pages cut from them.
//!
//! Every provider simulator keeps its fixtures' items and what its client
//! created in [`Records`], answers a list with the records its
//! [`Filter`]s keep for the request's [`Query`], and cuts the page the
//! request asks for with [`page`]. Amounts keep every digit and their
//! scale: a record is served as the text it was read from.
//!
//! ```
//! use banking_core::testkit::{Filter, Query, Record, Records, Rule, page};
//!
//! let mut records = Records::new(Record::array(
//!     r#"[{"id": "a", "status": "PENDING", "amount": 10.50},
//!         {"id": "b", "status": "DONE", "amount": 250.00}]"#,
//! ));
//! records.push(Record::parse(r#"{"id": "c", "status": "PENDING", "amount": 1.00}"#).unwrap());
//! const FILTERS: &[Filter] = &[Filter::new("status", Rule::Equals(&["/status"]))];
//!
//! let query = Query::from_pairs([("status", "PENDING")]);
//! let kept = records.select(FILTERS, &query);
//! assert_eq!(kept.iter().map(|r| r.id().unwrap()).collect::<Vec<_>>(), ["a", "c"]);
//! // Page 1 of size 1 is the second record kept, as written.
//! assert_eq!(page(&kept, 1, 1)[0].text(), r#"{"id": "c", "status": "PENDING", "amount": 1.00}"#);
//!
//! records.get_mut("a").unwrap().set_str("status", "DONE");
//! assert_eq!(records.select(FILTERS, &query).len(), 1);
//! ```

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;
use serde_json::value::RawValue;

/// One item a simulator serves: its exact JSON text, and its value for
/// the filters to read.
#[derive(Debug, Clone)]
pub struct Record {
    raw: Box<RawValue>,
    value: Value,
}

impl Record {
    /// The record written as `text` (a JSON object).
    pub fn parse(text: &str) -> serde_json::Result<Self> {
        let raw = RawValue::from_string(text.to_owned())?;
        let value = serde_json::from_str(raw.get())?;
        Ok(Record { raw, value })
    }

    /// A record built by the simulator (a created item); numbers in `value`
    /// are written as `serde_json` writes them.
    pub fn from_value(value: Value) -> Self {
        let raw = serde_json::value::to_raw_value(&value).expect("a JSON value serializes");
        Record { raw, value }
    }

    /// Every item of the JSON array `text` (a fixture), each kept as written.
    ///
    /// # Panics
    ///
    /// When `text` is not an array of JSON objects: fixtures are.
    pub fn array(text: &str) -> Vec<Record> {
        let items: Vec<Box<RawValue>> =
            serde_json::from_str(text).expect("a fixture list is a JSON array");
        items.iter().map(|raw| Self::read(raw.get())).collect()
    }

    /// Every item of the array in member `member` of the JSON object `text`
    /// (a page envelope such as `{"content": [...]}`), each kept as written.
    ///
    /// # Panics
    ///
    /// When `text` has no such array of objects: fixtures do.
    pub fn array_in(text: &str, member: &str) -> Vec<Record> {
        let envelope: BTreeMap<String, Box<RawValue>> =
            serde_json::from_str(text).expect("a fixture page is a JSON object");
        let items = envelope
            .get(member)
            .unwrap_or_else(|| panic!("the fixture page has no `{member}`"));
        Self::array(items.get())
    }

    fn read(text: &str) -> Record {
        Self::parse(text).expect("a fixture item is JSON")
    }

    /// The record's `id` member, when it is a string.
    pub fn id(&self) -> Option<&str> {
        self.value.get("id").and_then(Value::as_str)
    }

    /// The record's value, as the filters read it.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The record's text, as served.
    pub fn text(&self) -> &str {
        self.raw.get()
    }

    /// Sets the top-level member `member` to the JSON text `raw` (an amount
    /// as submitted, say), keeping every other member's text.
    ///
    /// # Panics
    ///
    /// When `raw` is not JSON or the record is not an object.
    pub fn set_raw(&mut self, member: &str, raw: &str) {
        let mut members: BTreeMap<String, Box<RawValue>> =
            serde_json::from_str(self.raw.get()).expect("a record is a JSON object");
        let value = RawValue::from_string(raw.to_owned()).expect("a member is JSON");
        members.insert(member.to_owned(), value);
        let text = serde_json::to_string(&members).expect("members serialize");
        *self = Self::read(&text);
    }

    /// Sets the top-level member `member` to the string `value` (a status).
    pub fn set_str(&mut self, member: &str, value: &str) {
        self.set_raw(member, &Value::from(value).to_string());
    }

    /// The text of the member at the JSON pointer `pointer`, as a query
    /// parameter spells it: a string without quotes, anything else as JSON.
    /// A `*` segment stands for any one member or element (the first that
    /// has the rest of the pointer): `/*/postedTimestamp` reads inside a
    /// wrapper such as FDX's `{"depositTransaction": {...}}`.
    pub fn member(&self, pointer: &str) -> Option<String> {
        lookup(&self.value, pointer).map(as_param)
    }
}

/// `pointer` in `value`, a `*` segment matching any one child.
fn lookup<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return value.pointer(pointer);
    };
    let segment = rest.split('/').next().unwrap_or_default();
    let tail = &rest[segment.len()..];
    if segment != "*" {
        let child = value.pointer(&format!("/{segment}"))?;
        return lookup(child, tail);
    }
    match value {
        Value::Object(members) => members.values().find_map(|child| lookup(child, tail)),
        Value::Array(items) => items.iter().find_map(|child| lookup(child, tail)),
        _ => None,
    }
}

fn as_param(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The records of one resource, in the order they were added (fixture
/// items first, then what the client created).
#[derive(Debug, Clone, Default)]
pub struct Records(Vec<Record>);

impl Records {
    /// Records holding `records`, in order.
    pub fn new(records: impl IntoIterator<Item = Record>) -> Self {
        Records(records.into_iter().collect())
    }

    /// Adds a record after the others.
    pub fn push(&mut self, record: Record) {
        self.0.push(record);
    }

    /// The record whose `id` is `id`.
    pub fn get(&self, id: &str) -> Option<&Record> {
        self.0.iter().find(|r| r.id() == Some(id))
    }

    /// The record whose `id` is `id`, to change it (its status, say).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Record> {
        self.0.iter_mut().find(|r| r.id() == Some(id))
    }

    /// The first record whose member at `pointer` (as [`Record::member`]
    /// reads it) is `value`: for resources keyed by another member than
    /// `id` (`/sessionId`, `/client_id`).
    pub fn find(&self, pointer: &str, value: &str) -> Option<&Record> {
        self.0
            .iter()
            .find(|r| r.member(pointer).as_deref() == Some(value))
    }

    /// As [`find`](Self::find), to change the record.
    pub fn find_mut(&mut self, pointer: &str, value: &str) -> Option<&mut Record> {
        self.0
            .iter_mut()
            .find(|r| r.member(pointer).as_deref() == Some(value))
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The records every filter of `filters` keeps for `query`, in order.
    /// Parameters no filter names (paging, sorting) select nothing.
    pub fn select(&self, filters: &[Filter], query: &Query) -> Vec<&Record> {
        self.0
            .iter()
            .filter(|record| filters.iter().all(|f| f.keeps(record, query)))
            .collect()
    }
}

/// Page `index` (0-based) of `size` items of `items`; empty past the end
/// or when `size` is 0.
pub fn page<T>(items: &[T], index: usize, size: usize) -> &[T] {
    let start = index.saturating_mul(size).min(items.len());
    let end = start.saturating_add(size).min(items.len());
    &items[start..end]
}

/// A list request's parameters: its URL query, or the members of a JSON
/// filter object for providers that filter in the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// The URL query of `request` (a repeated parameter gives several pairs).
    pub fn of(request: &wiremock::Request) -> Self {
        Query(request.url.query_pairs().into_owned().collect())
    }

    /// The pairs given.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Query(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
    }

    /// The members of the JSON object `object` (anything else: none): a
    /// string as it is, an array as one pair per element, `null` as no
    /// pair, anything else as its JSON text.
    pub fn from_object(object: Option<&Value>) -> Self {
        let mut pairs = Vec::new();
        for (name, value) in object.and_then(Value::as_object).into_iter().flatten() {
            match value {
                Value::Null => {}
                Value::Array(items) => {
                    pairs.extend(items.iter().map(|item| (name.clone(), as_param(item))));
                }
                other => pairs.push((name.clone(), as_param(other))),
            }
        }
        Query(pairs)
    }

    /// The first value of parameter `name`, as sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The first value of `name` as a number, when it is one.
    pub fn number(&self, name: &str) -> Option<usize> {
        self.get(name).and_then(|v| v.parse().ok())
    }

    /// Every value of parameter `name`, each split at commas (a
    /// comma-separated list counts as its elements).
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(key, _)| key == name)
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }
}

/// How a filter parameter selects records. Members are named by JSON
/// pointer (`/status`, `/sender/ledgerId`; `*` for any one member, as in
/// [`Record::member`]).
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// One of the members equals one of the parameter's values (a record
    /// without those members is left out).
    Equals(&'static [&'static str]),
    /// The member contains the value, ignoring case.
    Contains(&'static str),
    /// The member is at or after the value: numerically when both are
    /// numbers, else as text cut to the value's length (so a date bounds
    /// a date-time).
    From(&'static str),
    /// The member is at or before the value, compared as for [`Rule::From`].
    Until(&'static str),
    /// The member equals none of the parameter's values.
    Excludes(&'static str),
    /// A boolean parameter: `false` leaves out the records whose member is
    /// one of `values`; `true` keeps everything.
    Hides {
        /// The member read.
        member: &'static str,
        /// The values hidden.
        values: &'static [&'static str],
    },
    /// A provider-specific test: whether the record passes for one value.
    Custom(fn(&Record, &str) -> bool),
}

/// A documented list parameter and the rule it applies.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    param: &'static str,
    rule: Rule,
}

impl Filter {
    /// Parameter `param` filters by `rule`.
    pub const fn new(param: &'static str, rule: Rule) -> Self {
        Filter { param, rule }
    }

    /// Whether `record` passes this filter for `query` (an absent
    /// parameter keeps every record).
    pub fn keeps(&self, record: &Record, query: &Query) -> bool {
        let wanted: Vec<&str> = match self.rule {
            // Text filters take the value whole, commas included.
            Rule::Contains(_) | Rule::Custom(_) => query
                .0
                .iter()
                .filter(|(k, _)| k == self.param)
                .map(|(_, v)| v.as_str())
                .collect(),
            _ => query.values(self.param).collect(),
        };
        if wanted.is_empty() {
            return true;
        }
        match self.rule {
            Rule::Equals(members) => members.iter().any(|pointer| {
                record
                    .member(pointer)
                    .is_some_and(|have| wanted.contains(&have.as_str()))
            }),
            Rule::Contains(pointer) => record.member(pointer).is_some_and(|have| {
                let have = have.to_lowercase();
                wanted.iter().all(|w| have.contains(&w.to_lowercase()))
            }),
            Rule::From(pointer) => record.member(pointer).is_some_and(|have| {
                wanted
                    .iter()
                    .all(|w| compare(&have, w) != std::cmp::Ordering::Less)
            }),
            Rule::Until(pointer) => record.member(pointer).is_some_and(|have| {
                wanted
                    .iter()
                    .all(|w| compare(&have, w) != std::cmp::Ordering::Greater)
            }),
            Rule::Excludes(pointer) => record
                .member(pointer)
                .is_none_or(|have| !wanted.contains(&have.as_str())),
            Rule::Hides { member, values } => {
                wanted.iter().all(|w| *w != "false")
                    || record
                        .member(member)
                        .is_none_or(|have| !values.contains(&have.as_str()))
            }
            Rule::Custom(test) => wanted.iter().all(|w| test(record, w)),
        }
    }
}

/// `have` against `wanted`: numerically when both are numbers, else as
/// text with `have` cut to `wanted`'s length.
fn compare(have: &str, wanted: &str) -> std::cmp::Ordering {
    if let (Ok(a), Ok(b)) = (Decimal::from_str(have), Decimal::from_str(wanted)) {
        return a.cmp(&b);
    }
    let cut = have.get(..wanted.len()).unwrap_or(have);
    cut.cmp(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Records {
        Records::new(Record::array(
            r#"[
              {"id": "1", "status": "RELEASED", "date": "2024-03-01T09:12:45Z", "amount": 42.10, "name": "Coffee Shop", "from": {"ledger": "L1"}},
              {"id": "2", "status": "DECLINED", "date": "2024-03-02T10:00:00Z", "amount": 250.00, "name": "ACME", "to": {"ledger": "L1"}},
              {"id": "3", "status": "APPROVED", "date": "2024-03-05T08:00:00Z", "amount": 1000, "name": "Landlord", "from": {"ledger": "L2"}}
            ]"#,
        ))
    }

    fn ids(kept: &[&Record]) -> Vec<String> {
        kept.iter().map(|r| r.id().unwrap().to_owned()).collect()
    }

    fn select(filter: Filter, pairs: &[(&str, &str)]) -> Vec<String> {
        let records = records();
        ids(&records.select(&[filter], &Query::from_pairs(pairs.iter().copied())))
    }

    #[test]
    fn equals_takes_any_member_and_any_value() {
        let ledger = Filter::new("ledgerId", Rule::Equals(&["/from/ledger", "/to/ledger"]));
        assert_eq!(select(ledger, &[("ledgerId", "L1")]), ["1", "2"]);
        let status = Filter::new("status", Rule::Equals(&["/status"]));
        assert_eq!(
            select(status, &[("status", "RELEASED"), ("status", "APPROVED")]),
            ["1", "3"]
        );
        assert_eq!(
            select(status, &[("status", "DECLINED,APPROVED")]),
            ["2", "3"]
        );
        assert_eq!(select(status, &[]), ["1", "2", "3"]);
    }

    #[test]
    fn bounds_compare_dates_by_prefix_and_amounts_as_numbers() {
        let from = Filter::new("startDate", Rule::From("/date"));
        let until = Filter::new("endDate", Rule::Until("/date"));
        assert_eq!(
            select(from, &[("startDate", "2024-03-02T10:00")]),
            ["2", "3"]
        );
        assert_eq!(select(until, &[("endDate", "2024-03-02")]), ["1", "2"]);
        let min = Filter::new("min", Rule::From("/amount"));
        assert_eq!(select(min, &[("min", "250")]), ["2", "3"]);
    }

    #[test]
    fn contains_excludes_hides_and_custom() {
        let name = Filter::new("name", Rule::Contains("/name"));
        assert_eq!(select(name, &[("name", "shop")]), ["1"]);
        let not = Filter::new("excluded", Rule::Excludes("/status"));
        assert_eq!(select(not, &[("excluded", "RELEASED,DECLINED")]), ["3"]);
        let hide = Filter::new(
            "showDeclined",
            Rule::Hides {
                member: "/status",
                values: &["DECLINED"],
            },
        );
        assert_eq!(select(hide, &[("showDeclined", "false")]), ["1", "3"]);
        assert_eq!(select(hide, &[("showDeclined", "true")]), ["1", "2", "3"]);
        let odd = Filter::new(
            "odd",
            Rule::Custom(|r, _| r.id().is_some_and(|id| id != "2")),
        );
        assert_eq!(select(odd, &[("odd", "yes")]), ["1", "3"]);
    }

    #[test]
    fn records_keep_their_text_and_pages_are_cut() {
        let mut records = records();
        let second = records.get("2").unwrap().text().to_owned();
        assert!(second.contains("250.00"));
        records.get_mut("2").unwrap().set_str("status", "APPROVED");
        let changed = records.get("2").unwrap();
        assert_eq!(changed.member("/status").as_deref(), Some("APPROVED"));
        assert!(changed.text().contains("250.00"), "{}", changed.text());
        let all: Vec<u8> = vec![1, 2, 3, 4, 5];
        assert_eq!(page(&all, 0, 2), [1, 2]);
        assert_eq!(page(&all, 2, 2), [5]);
        assert!(page(&all, 3, 2).is_empty());
        assert!(page(&all, 0, 0).is_empty());
    }

    #[test]
    fn a_star_segment_reads_inside_any_wrapper() {
        let records = Records::new(Record::array(
            r#"[{"loc": {"id": "1", "at": "2020-02-01T00:00:00Z"}},
                {"deposit": {"id": "2", "at": "2020-01-15T00:00:00Z"}},
                {"other": 3}]"#,
        ));
        let from = Filter::new("startTime", Rule::From("/*/at"));
        let kept = records.select(&[from], &Query::from_pairs([("startTime", "2020-02-01")]));
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].member("/*/id").as_deref(), Some("1"));
        assert_eq!(
            records
                .find("/*/id", "2")
                .unwrap()
                .member("/deposit/at")
                .as_deref(),
            Some("2020-01-15T00:00:00Z")
        );
        assert!(records.find("/*/id", "3").is_none());
        let list = Record::parse(r#"{"items": [{"n": 1}, {"n": 2}]}"#).unwrap();
        assert_eq!(list.member("/items/*/n").as_deref(), Some("1"));
        assert_eq!(list.member("/items/1/n").as_deref(), Some("2"));
    }

    #[test]
    fn find_reads_another_key_than_id() {
        let mut records = records();
        records
            .find_mut("/name", "ACME")
            .unwrap()
            .set_str("status", "APPROVED");
        assert_eq!(records.find("/name", "ACME").unwrap().id(), Some("2"));
        assert_eq!(
            records.get("2").unwrap().member("/status").as_deref(),
            Some("APPROVED")
        );
        assert!(records.find("/from/ledger", "L9").is_none());
    }

    #[test]
    fn a_json_filter_object_is_a_query() {
        let query = Query::from_object(Some(&serde_json::json!({
            "status": ["a", "b"], "limit": 5, "none": null, "text": "x"
        })));
        assert_eq!(query.values("status").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(query.number("limit"), Some(5));
        assert_eq!(query.get("none"), None);
        assert_eq!(query.get("text"), Some("x"));
    }
}
