//! `docs/ENDPOINTS.md` against the code and the provider documentation.
//!
//! Every table row's SDK functions must exist in its provider crate (or in
//! banking-core), every test it names must exist in the crate's tests, every
//! fixture it names must exist and be read by the crate's code, and every
//! endpoint of the provider documentation (the checked-in list
//! `docs/seed-endpoints.txt`) must have a row. All problems are reported at
//! once.
//!
//! The list is extracted from the documentation pages the project was
//! created from; to regenerate it after they change:
//! `UPDATE_SEED_ENDPOINTS=1 SEED_DIR=<their directory> cargo test -p tests --test suites endpoints_doc`.
//! With `SEED_DIR` alone, the test also checks that the list is current.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const LIST: &str = "docs/seed-endpoints.txt";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_owned()
}

/// The provider a heading or a documentation page is about, and its crate.
const PROVIDERS: [(&str, &str); 5] = [
    ("LYNKS", "lynks-client"),
    ("Linxo", "linxo-client"),
    ("FinqLink", "finqlink-client"),
    ("Flinks", "flinks-client"),
    ("Linkcy", "linkcy-client"),
];

#[derive(Debug)]
struct Row {
    line: usize,
    method: String,
    path: String,
    sdk: String,
    tests: String,
}

#[derive(Debug)]
struct Section {
    provider: &'static str,
    krate: &'static str,
    rows: Vec<Row>,
}

/// Splits a table line into cells, keeping `|` inside code spans.
fn cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    for c in line.trim().trim_start_matches('|').chars() {
        match c {
            '`' => {
                in_code = !in_code;
                current.push(c);
            }
            '|' if !in_code => cells.push(std::mem::take(&mut current).trim().to_owned()),
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        cells.push(current.trim().to_owned());
    }
    cells
}

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The provider tables, whatever their column order; a table without a
/// method or path column (not an endpoint table) is skipped.
fn sections(markdown: &str, problems: &mut Vec<String>) -> Vec<Section> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let provider = line.strip_prefix("## ").and_then(|heading| {
            PROVIDERS
                .iter()
                .find(|(name, _)| heading.split_whitespace().any(|w| w == *name))
        });
        if let Some(&(provider, krate)) = provider {
            sections.push(Section {
                provider,
                krate,
                rows: Vec::new(),
            });
        }
        let is_header = line.trim_start().starts_with('|')
            && lines.get(i + 1).is_some_and(|next| is_separator(next));
        if !is_header {
            i += 1;
            continue;
        }
        let header: Vec<String> = cells(line).iter().map(|c| c.to_lowercase()).collect();
        let column = |name: &str| header.iter().position(|h| h.contains(name));
        let (method, path) = (column("method"), column("path"));
        let sdk = column("sdk").or_else(|| column("function"));
        let tests = column("test").or_else(|| column("fixture"));
        i += 2;
        let (Some(method), Some(path), Some(section)) = (method, path, sections.last_mut()) else {
            while lines
                .get(i)
                .is_some_and(|l| l.trim_start().starts_with('|'))
            {
                i += 1;
            }
            continue;
        };
        if sdk.is_none() || tests.is_none() {
            problems.push(format!(
                "ENDPOINTS.md:{}: the {} table has no SDK function or fixture test column",
                i - 1,
                section.provider
            ));
        }
        while let Some(row) = lines.get(i).filter(|l| l.trim_start().starts_with('|')) {
            let row = cells(row);
            let get = |index: Option<usize>| {
                index
                    .and_then(|index| row.get(index))
                    .cloned()
                    .unwrap_or_default()
            };
            section.rows.push(Row {
                line: i + 1,
                method: get(Some(method)),
                path: get(Some(path)),
                sdk: get(sdk),
                tests: get(tests),
            });
            i += 1;
        }
    }
    sections
}

/// The code spans of a cell.
fn spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                all_files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// One crate's sources, read once.
struct Crate {
    dir: PathBuf,
    /// `src/` of the crate and of banking-core.
    src: String,
    /// `tests/` of the crate.
    tests: Vec<(PathBuf, String)>,
    /// Every Rust file of the crate (where fixtures are read).
    code: String,
    files: Vec<PathBuf>,
}

impl Crate {
    fn load(name: &str) -> Crate {
        let dir = root().join(name);
        let read = |dirs: &[PathBuf]| {
            let mut files = Vec::new();
            for dir in dirs {
                rust_files(dir, &mut files);
            }
            files
                .into_iter()
                .map(|f| {
                    let text = fs::read_to_string(&f).unwrap_or_default();
                    (f, text)
                })
                .collect::<Vec<_>>()
        };
        let join = |files: Vec<(PathBuf, String)>| {
            files
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join("\n")
        };
        let src = join(read(&[dir.join("src"), root().join("banking-core/src")]));
        let tests = read(&[dir.join("tests")]);
        let code = join(read(std::slice::from_ref(&dir)));
        let mut files = Vec::new();
        all_files(&dir, &mut files);
        Crate {
            dir,
            src,
            tests,
            code,
            files,
        }
    }

    fn has_fn(text: &str, name: &str) -> bool {
        text.match_indices(&format!("fn {name}")).any(|(at, m)| {
            let after = text[at + m.len()..].chars().next();
            matches!(after, Some('(' | '<'))
        })
    }

    fn has_word(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !ident(before) && !ident(after)
        })
    }

    fn has_file(&self, name: &str) -> bool {
        self.files
            .iter()
            .any(|f| f.file_name().is_some_and(|n| n == name))
    }
}

fn identifiers(span: &str) -> Vec<(char, String, char)> {
    let mut out = Vec::new();
    let chars: Vec<char> = span.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() || chars[i] == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let before = if start == 0 { ' ' } else { chars[start - 1] };
            let after = chars.get(i).copied().unwrap_or(' ');
            out.push((before, chars[start..i].iter().collect(), after));
        } else {
            i += 1;
        }
    }
    out
}

/// The functions and types a SDK-function cell names.
fn check_sdk(section: &Section, row: &Row, krate: &Crate, problems: &mut Vec<String>) {
    for span in spans(&row.sdk) {
        let idents = identifiers(span);
        let alone = idents.len() == 1;
        for (before, ident, after) in idents {
            let camel = ident.chars().next().is_some_and(char::is_uppercase);
            let named = alone || after == '(' || matches!(before, ':' | '/') || after == ':';
            if !named {
                continue;
            }
            // `Type`, `module::`, a lone `field`, else a function.
            let (what, found) = if camel {
                ("item", Crate::has_word(&krate.src, &ident))
            } else if after == ':' {
                let module = Crate::has_word(&krate.src, &format!("mod {ident}"))
                    || krate.has_file(&format!("{ident}.rs"));
                ("module", module)
            } else if alone {
                ("name", Crate::has_word(&krate.src, &ident))
            } else {
                ("function", Crate::has_fn(&krate.src, &ident))
            };
            if !found {
                problems.push(format!(
                    "ENDPOINTS.md:{} ({}): {what} `{ident}` of `{span}` is not in {}/src",
                    row.line, section.provider, section.krate
                ));
            }
        }
    }
}

/// `a_{1,2}_b.json` is two names.
fn expand(name: &str) -> Vec<String> {
    match (name.find('{'), name.find('}')) {
        (Some(open), Some(close)) if open < close => name[open + 1..close]
            .split(',')
            .flat_map(|part| expand(&format!("{}{part}{}", &name[..open], &name[close + 1..])))
            .collect(),
        _ => vec![name.to_owned()],
    }
}

/// The tests and fixtures a fixture-test cell names.
fn check_tests(section: &Section, row: &Row, krate: &Crate, problems: &mut Vec<String>) {
    let mut problem = |what: String| {
        problems.push(format!(
            "ENDPOINTS.md:{} ({}): {what}",
            row.line, section.provider
        ))
    };
    let mut last_fixture = String::new();
    for span in spans(&row.tests) {
        let is_fixture = [".json", ".xml", ".txt"].iter().any(|e| span.ends_with(e));
        if span.starts_with("tests/") && span.ends_with(".rs") {
            if !krate.dir.join(span).is_file() {
                problem(format!("test file `{span}` is not in {}", section.krate));
            }
        } else if is_fixture && !span.contains(' ') && !span.contains(':') {
            for mut name in expand(span) {
                // `a_200.json`, `_404.json`: the second shares the first's stem.
                if let Some(stem) = last_fixture.rfind('_').filter(|_| name.starts_with('_')) {
                    name = format!("{}{name}", &last_fixture[..stem]);
                }
                if !krate.has_file(&name) {
                    problem(format!("fixture `{name}` is not in {}", section.krate));
                } else if !krate.code.contains(name.as_str()) {
                    problem(format!(
                        "fixture `{name}` is read by no code of {}",
                        section.krate
                    ));
                }
                last_fixture = name;
            }
        } else if let Some((module, test)) = span.rsplit_once("::") {
            let module = module.rsplit("::").next().unwrap_or(module);
            let file = krate
                .tests
                .iter()
                .find(|(f, _)| f.file_stem().is_some_and(|s| s == module));
            match (file, test) {
                (None, _) => problem(format!(
                    "test module `{module}` (of `{span}`) is not in {}/tests",
                    section.krate
                )),
                (Some(_), "*") => {}
                (Some((_, text)), test) if Crate::has_fn(text, test) => {}
                (Some((file, _)), test) => problem(format!(
                    "test `{test}` is not in {}",
                    file.strip_prefix(root()).unwrap_or(file).display()
                )),
            }
        }
    }
}

/// A path reduced for comparison: no host marker, query or leading slash,
/// every `{parameter}` alike, and case, `-` and `_` ignored (pages spell
/// one endpoint `GetCreditRiskAttributes` and `get-credit-risk-attributes`;
/// whether the SDK's spelling is the documented one is for the crate's
/// fixture tests to prove, this check only finds endpoints without a row).
fn normalize(path: &str) -> Vec<String> {
    let path = path.split(['?', ' ']).next().unwrap_or_default();
    path.trim_start_matches("{auth}")
        .trim_start_matches("{embed}")
        .trim_start_matches("{host}")
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                "{}".to_owned()
            } else {
                s.to_lowercase().replace(['-', '_'], "")
            }
        })
        .collect()
}

/// Whether `short` is a run of whole segments of `long`.
fn contains(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

/// Whether a documented endpoint has this row: the same method (a row for
/// `any` or an endpoint whose method the page does not give matches all)
/// and paths of which one is a run of the other's segments once the
/// host-relative prefix (`/v3/{customerId}`, `/test`, `/v2`) is left aside
/// (pages write `/GetAccountsSummaryAsync` for
/// `BankingServices/GetAccountsSummaryAsync/{requestId}`).
fn covers(row: &Row, method: &str, path: &str) -> bool {
    let row_method = row
        .method
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase();
    let method_ok = method == "*" || row_method == "ANY" || row_method == method;
    let row_paths: Vec<Vec<String>> = spans(&row.path).into_iter().map(normalize).collect();
    let mut seed = normalize(path);
    let mut candidates = vec![seed.clone()];
    while seed.len() > 1 && (matches!(seed[0].as_str(), "test" | "v1" | "v2" | "v3" | "{}")) {
        seed.remove(0);
        candidates.push(seed.clone());
    }
    method_ok
        && row_paths.iter().any(|row_path| {
            candidates
                .iter()
                .any(|seed| contains(row_path, seed) || contains(seed, row_path))
        })
}

// ---- extraction from the documentation pages ----

fn clean_path(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | ',' | ';' | ')' | '('));
    let word = word.trim_end_matches([':', '.']);
    let path = if let Some(rest) = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))
    {
        format!("/{}", rest.split_once('/')?.1)
    } else {
        word.to_owned()
    };
    let api_like = path.starts_with('/')
        && path.len() > 1
        && !path.contains("/endpoints/")
        && !path.ends_with('*')
        && !path.ends_with('/')
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "/{}_-.".contains(c));
    api_like.then_some(path)
}

fn method(word: &str) -> Option<&'static str> {
    METHODS.iter().copied().find(|m| *m == word)
}

/// `METHOD /path` pairs, wherever a page states them: `GET /x`, `## POST
/// /x`, `curl -X POST https://host/x`, `### Method GET ### Endpoint /x`
/// (either order), OpenAPI `paths: /x: get:`, the reference pages'
/// `get/api/x` lines, and, with method `*` (not given), `the /x endpoint`,
/// `endpoints: /x, /y` and `call /x then /y`.
fn extract(text: &str) -> BTreeSet<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = BTreeSet::new();
    let mut add = |m: &str, w: &str| {
        if let Some(p) = clean_path(w) {
            found.insert((m.to_owned(), p));
        }
    };
    for (i, word) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or_default();
        if let Some(m) = method(word) {
            add(m, next(1));
        }
        let endpoint_at = (2..5).find(|&k| next(k) == "Endpoint");
        if let (true, Some(m), Some(at)) = (*word == "Method", method(next(1)), endpoint_at) {
            add(m, next(at + 1));
        }
        if *word == "Endpoint" {
            let at = (2..6).find(|&k| next(k) == "Method");
            if let Some(m) = at.and_then(|k| method(next(k + 1))) {
                add(m, next(1));
            }
        }
        if *word == "paths:"
            && next(1).ends_with(':')
            && let Some(m) = method(&next(2).trim_end_matches(':').to_uppercase())
        {
            add(m, next(1));
        }
        for m in METHODS {
            let lower = m.to_lowercase();
            if let Some(rest) = word.strip_prefix(lower.as_str())
                && rest.starts_with("/api/")
            {
                add(m, rest);
            }
        }
        if next(1).starts_with("endpoint") && clean_path(word).is_some() {
            add("*", word);
            if i >= 2 && words[i - 1] == "and" {
                add("*", words[i - 2]);
            }
        }
        if matches!(*word, "call" | "then") && clean_path(next(1)).is_some() {
            add("*", next(1));
        }
        if word.starts_with("endpoints:") {
            for k in 1..6 {
                if clean_path(next(k)).is_none() {
                    break;
                }
                add("*", next(k));
            }
        }
    }
    found
}

/// The provider a page documents: the one it names most often.
fn provider_of(text: &str) -> &'static str {
    PROVIDERS
        .iter()
        .map(|(name, _)| (text.matches(name).count(), *name))
        .max()
        .map(|(_, name)| name)
        .unwrap_or("?")
}

fn generate(dir: &Path) -> String {
    let mut pages: Vec<PathBuf> = fs::read_dir(dir)
        .expect("SEED_DIR is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    let mut out = String::from(
        "# Endpoints the provider documentation states (method, or * where the page gives\n\
         # none; path as written). Generated by tests/tests/endpoints_doc.rs from the\n\
         # documentation pages the project was created from; every line needs a row in\n\
         # docs/ENDPOINTS.md.\n\
         # provider\tmethod\tpath\tpage\n",
    );
    for page in pages {
        let text = fs::read_to_string(&page).expect("a documentation page is text");
        let provider = provider_of(&text);
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let found = extract(&text);
        let stated: BTreeSet<&String> = found
            .iter()
            .filter(|(m, _)| m != "*")
            .map(|(_, p)| p)
            .collect();
        for (method, path) in &found {
            if method == "*" && stated.contains(path) {
                continue;
            }
            out.push_str(&format!("{provider}\t{method}\t{path}\t{name}\n"));
        }
    }
    out
}

#[test]
fn every_row_names_existing_functions_tests_and_fixtures_and_every_documented_endpoint_has_a_row() {
    let markdown = fs::read_to_string(root().join("docs/ENDPOINTS.md")).unwrap();
    let mut problems = Vec::new();
    let sections = sections(&markdown, &mut problems);
    let providers: BTreeSet<_> = sections.iter().map(|s| s.provider).collect();
    assert_eq!(providers.len(), PROVIDERS.len(), "one section per provider");

    for section in &sections {
        let krate = Crate::load(section.krate);
        for row in &section.rows {
            check_sdk(section, row, &krate, &mut problems);
            check_tests(section, row, &krate, &mut problems);
        }
    }

    let list = fs::read_to_string(root().join(LIST)).unwrap();
    let mut listed = 0;
    for (n, line) in list.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        listed += 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let [provider, method, path, page] = fields[..] else {
            problems.push(format!("{LIST}:{}: not four tab-separated fields", n + 1));
            continue;
        };
        let rows = sections
            .iter()
            .filter(|s| s.provider == provider)
            .flat_map(|s| &s.rows);
        if !rows.into_iter().any(|row| covers(row, method, path)) {
            problems.push(format!(
                "{LIST}:{}: {provider} {method} {path} ({page}) has no row in ENDPOINTS.md",
                n + 1
            ));
        }
    }
    assert!(listed > 0, "{LIST} lists no endpoint");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_seed_endpoint_list_is_current() {
    let Some(dir) = std::env::var_os("SEED_DIR") else {
        return;
    };
    let generated = generate(Path::new(&dir));
    if std::env::var_os("UPDATE_SEED_ENDPOINTS").is_some() {
        fs::write(root().join(LIST), &generated).unwrap();
    }
    let checked_in = fs::read_to_string(root().join(LIST)).unwrap();
    assert_eq!(checked_in, generated, "regenerate {LIST}");
}

#[test]
fn extraction_reads_every_form_the_pages_use() {
    let page = "call /Authorize then /GetAccountsDetail with polling. \
                Use the /test/providers/list endpoint. The /providers/list and /providers/get \
                endpoints. ## POST /Authorize ### Method GET ### Endpoint /GetAccountsSummaryAsync \
                ### Endpoint `/Accounts` ### Method GET paths: /api/v1/providers: get: tags \
                curl -X POST https://api.flinks.com/v2/pay/sessions/initiate \\ \
                ### Endpoint ./api/authorize/rest-api\nget/api/partner/transactions/{transactionId}\n\
                Requests to /v1/ais/* will return a 404";
    let found: Vec<String> = extract(page)
        .into_iter()
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert_eq!(
        found,
        [
            // `generate` drops it: the page states the method elsewhere.
            "* /Authorize",
            "* /GetAccountsDetail",
            "* /providers/get",
            "* /providers/list",
            "* /test/providers/list",
            "GET /Accounts",
            "GET /GetAccountsSummaryAsync",
            "GET /api/partner/transactions/{transactionId}",
            "GET /api/v1/providers",
            "POST /Authorize",
            "POST /v2/pay/sessions/initiate",
        ]
    );
}

#[test]
fn rows_match_by_method_and_path_suffix() {
    let row = |method: &str, path: &str| Row {
        line: 1,
        method: method.into(),
        path: path.into(),
        sdk: String::new(),
        tests: String::new(),
    };
    let authorize = row("POST", "`BankingServices/Authorize` (cached)");
    assert!(covers(&authorize, "POST", "/Authorize"));
    assert!(!covers(&authorize, "GET", "/Authorize"));
    let consent = row("POST", "`/ais/consents/create`");
    assert!(covers(&consent, "*", "/test/consents/create"));
    assert!(!covers(&consent, "*", "/links/create"));
    let summary = row(
        "GET",
        "`BankingServices/GetAccountsSummaryAsync/{requestId}`",
    );
    assert!(covers(&summary, "GET", "/GetAccountsSummaryAsync"));
    let credit_risk = row(
        "GET",
        "`insight/login/{loginId}/attributes/{requestId}/GetCreditRiskAttributes`",
    );
    assert!(covers(&credit_risk, "GET", "/get-credit-risk-attributes"));
    let mfa = row("GET", "`BankingServices/GetMFAQuestions/{loginId}`");
    assert!(covers(
        &mfa,
        "GET",
        "/v3/{customerId}/BankingServices/GetMFAQuestions/{loginId}"
    ));
    // `raw()` rows cover nothing: their path cell names no path.
    let raw = row("any", "anything else");
    assert!(!covers(&raw, "GET", "/anything/else"));
}
