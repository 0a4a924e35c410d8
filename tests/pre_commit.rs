//! The pre-commit hooks this repository publishes (`.pre-commit-hooks.yaml`): which files each
//! one runs on. pre-commit matches `files:` with Python's `re.search` on the path; for these
//! patterns Rust's regular expressions agree.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

fn hooks() -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

fn files_of(id: &str) -> regex_lite::Regex {
    let hooks = hooks();
    let hook = hooks.iter().find(|h| h["id"] == id).unwrap();
    regex_lite::Regex::new(&hook["files"]).unwrap()
}

#[test]
fn the_text_hook_runs_on_extracted_reports_not_on_every_text_file() {
    // Issue 15, item 24: `\.txt$` made an unrelated notes.txt block every commit.
    let files = files_of("fislint-text");
    for path in [
        "某局2021年度部门决算.txt",
        "reports/湖南省某局2021年度部门决算公开.txt",
        "2021/决算/某局.决算.txt",
    ] {
        assert!(files.is_match(path), "{path} is checked");
    }
    for path in [
        "notes.txt",
        "README.txt",
        "决算/notes.txt",
        "reports/某局2021年度部门预算.txt",
        "某局2021年度部门决算.pdf",
        "某局决算.txt.bak",
    ] {
        assert!(!files.is_match(path), "{path} is left alone");
    }
}

#[test]
fn the_report_hook_runs_on_fis_files() {
    let files = files_of("fislint");
    assert!(files.is_match("reports/a.fis"));
    assert!(!files.is_match("notes.txt"));
}
