//! Every JSON sample of the FinqLink and Linkcy documentation pages is a
//! fixture of its crate, byte for byte, read by the crate's tests.
//!
//! The pages are not part of the repository: the check runs when
//! `SEED_DIR` names their directory
//! (`SEED_DIR=<dir> cargo test -p tests --test suites seed_samples`) and
//! passes trivially otherwise. A sample is a block from a line holding only
//! `{` to the next line holding only `}`. The Linkcy reference pages render
//! each top-level member with a `• ` marker (their collapsible JSON view);
//! the marker is not part of the JSON and is dropped. A sample that elides
//! part of itself (`[...]`) is kept as a `seed_..._elided.txt` file.

use std::fs;
use std::path::{Path, PathBuf};

/// The crates whose pages hold samples, and a phrase that names each page.
const CRATES: [(&str, &str); 2] = [
    ("finqlink-client", "FinqLink"),
    ("linkcy-client", "Linkcy-Auth"),
];

fn samples(page: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = page.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() == "{"
            && let Some(end) = (i..lines.len()).find(|&j| lines[j].trim_end() == "}")
        {
            let block: Vec<String> = lines[i..=end]
                .iter()
                .map(|l| l.replacen("• ", "", 1))
                .collect();
            out.push((i + 1, block.join("\n")));
            i = end;
        }
        i += 1;
    }
    out
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "target") {
                stack.push(path);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn every_sample_is_a_seed_fixture_read_by_a_test() {
    let Some(dir) = std::env::var_os("SEED_DIR") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let pages: Vec<(PathBuf, String)> = fs::read_dir(&dir)
        .expect("SEED_DIR is readable")
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| fs::read_to_string(&p).ok().map(|text| (p, text)))
        .collect();
    let mut problems = Vec::new();
    for (krate, marker) in CRATES {
        let crate_files = files(&root.join(krate));
        let fixtures: Vec<(&PathBuf, String)> = crate_files
            .iter()
            .filter(|p| p.components().any(|c| c.as_os_str() == "fixtures"))
            .filter_map(|p| fs::read_to_string(p).ok().map(|t| (p, t)))
            .collect();
        let tests: String = crate_files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .filter_map(|p| fs::read_to_string(p).ok())
            .collect();
        for (page, text) in pages.iter().filter(|(_, t)| t.contains(marker)) {
            for (line, sample) in samples(text) {
                let found = fixtures
                    .iter()
                    .find(|(_, t)| t.strip_suffix('\n').unwrap_or(t) == sample);
                let page = page.file_name().unwrap_or_default().to_string_lossy();
                match found {
                    None => problems.push(format!(
                        "{page}:{line}: no {krate} fixture holds this sample:\n{sample}"
                    )),
                    Some((path, _)) => {
                        let name = path.file_name().unwrap_or_default().to_string_lossy();
                        if !name.starts_with("seed_") {
                            problems
                                .push(format!("{page}:{line}: {name} is a sample, not `seed_`"));
                        }
                        if !tests.contains(name.as_ref()) {
                            problems.push(format!("{page}:{line}: {name} is read by no code"));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn samples_are_blocks_without_the_render_markers() {
    let page = "text\n{\n  • \"a\": 1,\n  • \"b\": {\n    }\n}\nmore\n{\n\"c\": [...]\n}\n";
    assert_eq!(
        samples(page),
        [
            (2, "{\n  \"a\": 1,\n  \"b\": {\n    }\n}".to_owned()),
            (8, "{\n\"c\": [...]\n}".to_owned())
        ]
    );
}
