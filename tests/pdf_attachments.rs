//! The attachment tables of a 部门决算 (绩效自评表) printed as ruled forms, in the synthetic PDF of
//! `common::synthetic_attachments`: fislint must read them as it reads them from the seed's
//! text, into the fixture's tables (`fixtures/reports/hetang-2021.fis`: `附件1-1`, and
//! `附件1-2-1`, the first of the seed's two 附件 1-2; the PDF holds only that one, so fislint
//! calls it `附件1-2`).
//!
//! The generator itself is checked without fislint's PDF reader: the rows its forms print,
//! written as tab-separated text, import as the fixture's tables; `pdftotext -layout` (poppler)
//! finds every cell of those tables on the form's page, and `qpdf --check` passes. Both tools
//! are optional: where one is absent the test that needs it says it was skipped and passes.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::synthetic::PageDrawn;
use common::synthetic_attachments::{self_evaluation, Attachments, Form};

use fislint::report::{CellValue, Report, Table};
use std::collections::HashSet;
use std::process::Command;

/// Each form's table as fislint names it when read from the PDF, with the fixture's id for it.
const IDS: [(&str, &str); 2] = [("附件1-1", "附件1-1"), ("附件1-2", "附件1-2-1")];

fn fixture() -> Report {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    let parsed = fislint::report::parse(&source);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.report
}

/// A `.fis` source parsed; fails the test, showing the source, if it does not parse.
fn parsed(source: &str, what: &str) -> Report {
    let parsed = fislint::report::parse(source);
    assert!(
        parsed.errors.is_empty(),
        "{what} does not parse: {:?}\n{source}",
        parsed.errors
    );
    parsed.report
}

fn table<'a>(report: &'a Report, id: &str, what: &str) -> &'a Table {
    report
        .tables
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| {
            let ids: Vec<&str> = report.tables.iter().map(|t| t.id.as_str()).collect();
            panic!("{what}: no table {id} among {ids:?}")
        })
}

/// A cell as printed: a figure as written, a blank cell empty, a merged one `^`.
fn printed(value: &CellValue) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Merged => "^".into(),
        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
        CellValue::Text { value } => value.clone(),
    }
}

/// A table as lines to compare (its id aside): title, attributes, each part's name, name
/// column, columns and rows cell by cell, then the notes.
fn render(t: &Table) -> Vec<String> {
    let mut out = vec![format!("title {}", t.title)];
    let attributes = [
        ("部门", t.department.clone()),
        ("单位", t.unit.map(|u| format!("{u:?}"))),
        ("未读取", t.unread.clone()),
        ("缺行", t.missing.clone()),
    ];
    for (key, value) in attributes {
        if let Some(v) = value {
            out.push(format!("{key} = {v}"));
        }
    }
    for p in &t.parts {
        out.push(format!("part {}", p.name.as_deref().unwrap_or("(unnamed)")));
        let columns: Vec<&str> = p.columns.iter().map(|c| c.header.as_str()).collect();
        if let Some(n) = p.name_column {
            out.push(format!("  名称列 = {}", columns[n]));
        }
        out.push(format!("  columns {}", columns.join(" | ")));
        for row in &p.rows {
            let cells: Vec<String> = row.cells.iter().map(|c| printed(&c.value)).collect();
            out.push(format!("  {}", cells.join(" | ")));
        }
    }
    out.extend(t.notes.iter().map(|n| format!("note {}", n.text)));
    out
}

/// Fails unless `ours` is `theirs`, showing the lines that differ as a diff (`-` the fixture's,
/// `+` ours) in their context.
fn assert_same(ours: &[String], theirs: &[String], what: &str) {
    if ours == theirs {
        return;
    }
    // Longest common subsequence, from the ends.
    let (n, m) = (theirs.len(), ours.len());
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if theirs[i] == ours[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut diff = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && theirs[i] == ours[j] {
            diff.push(format!("  {}", theirs[i]));
            i += 1;
            j += 1;
        } else if j == m || i < n && common[i + 1][j] >= common[i][j + 1] {
            diff.push(format!("- {}", theirs[i]));
            i += 1;
        } else {
            diff.push(format!("+ {}", ours[j]));
            j += 1;
        }
    }
    panic!(
        "{what} differs from the fixture (- fixture, + read):\n{}",
        diff.join("\n")
    );
}

/// Fails unless each form's table in `report` is the fixture's.
fn assert_fixture_tables(report: &Report, what: &str) {
    let fixture = fixture();
    for (ours, theirs) in IDS {
        let read = render(table(report, ours, what));
        let want = render(table(&fixture, theirs, "the fixture"));
        assert_same(&read, &want, &format!("{what}: table {ours}"));
    }
}

#[test]

fn the_pdfs_attachment_tables_are_the_fixtures() {
    let a = self_evaluation();
    let read = fislint::import::pdf::read_pdf(&a.pdf).unwrap_or_else(|e| panic!("not read: {e}"));
    let report = parsed(&read.imported.source, "the PDF's import");
    assert_fixture_tables(&report, "the PDF");
}

/// A form's page as the seed's text prints a table: the page's running title, the form's label,
/// its title, its rows with their cells separated by tabs, its notes, each a block of its own.
fn tabbed(page: &PageDrawn, form: &Form) -> String {
    let mut blocks = vec![page.furniture[0].clone()];
    blocks.extend([form.label.to_string(), form.title.to_string()]);
    let rows: Vec<String> = form.rows.iter().map(|r| r.join("\t")).collect();
    blocks.push(rows.join("\n"));
    blocks.extend(form.notes.iter().map(|n| n.to_string()));
    blocks.join("\n\n") + "\n\n"
}

/// What the ruled-grid reader must give: the rows the forms print, read by the importer of
/// tab-separated text, are the fixture's tables.
#[test]
fn the_forms_rows_import_as_the_fixtures_tables() {
    let a = self_evaluation();
    let text: String = a
        .forms
        .iter()
        .map(|f| tabbed(&a.pages[f.page - 1], f))
        .collect();
    let imported = fislint::import::import(&text);
    let report = parsed(&imported.source, "the forms' rows imported");
    assert_fixture_tables(&report, "the forms' rows");
}

/// Whether `tool` runs here; if not, says that the test was skipped.
fn have(tool: &str, test: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, `{tool}` is not installed (apt-get install poppler-utils qpdf)"
        );
    }
    found
}

/// `pdftotext -layout` of the PDF, page by page, each page as its lines without whitespace
/// (pdftotext's spacing is a guess from positions).
fn pdftotext(a: &Attachments) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.pdf", a.name));
    std::fs::write(&path, &a.pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| p.lines().map(squeeze).collect())
        .collect();
    pages.pop(); // after the last form feed
    pages
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How many lines down the next line of a wrapped cell may be (other cells' lines between).
const NEXT_LINE: usize = 4;

/// Whether `text` (without whitespace) is on the lines as the pieces of a cell wrapped onto
/// lines one below the other, the first piece on any line: wrapped text shares its lines with
/// the other cells of its row.
fn found(lines: &[String], text: &str) -> bool {
    let chars: Vec<char> = squeeze(text).chars().collect();
    let mut failed = HashSet::new();
    (0..lines.len()).any(|line| found_from(lines, &chars, 0, line, &mut failed))
}

/// Whether `chars[at..]` starts on line `line` and goes on, as pieces, on the lines below.
fn found_from(
    lines: &[String],
    chars: &[char],
    at: usize,
    line: usize,
    failed: &mut HashSet<(usize, usize)>,
) -> bool {
    if failed.contains(&(at, line)) {
        return false;
    }
    for end in (at + 1..=chars.len()).rev() {
        let piece: String = chars[at..end].iter().collect();
        if !lines[line].contains(&piece) {
            continue;
        }
        if end == chars.len() {
            return true;
        }
        let below = line + 1..(line + 1 + NEXT_LINE).min(lines.len());
        if below
            .into_iter()
            .any(|next| found_from(lines, chars, end, next, failed))
        {
            return true;
        }
    }
    failed.insert((at, line));
    false
}

#[test]
fn pdftotext_finds_every_cell_of_the_fixtures_tables() {
    if !have(
        "pdftotext",
        "pdftotext_finds_every_cell_of_the_fixtures_tables",
    ) {
        return;
    }
    let a = self_evaluation();
    let pages = pdftotext(&a);
    assert_eq!(pages.len(), 2, "one page per form");
    let fixture = fixture();
    for (form, (_, id)) in a.forms.iter().zip(IDS) {
        let lines = &pages[form.page - 1];
        let t = table(&fixture, id, "the fixture");
        let mut texts = vec![form.label.to_string(), t.title.clone()];
        texts.extend(t.department.clone());
        // Column names the importer gives (项目, 内容) are printed nowhere.
        for p in &t.parts {
            texts.extend(
                p.columns
                    .iter()
                    .map(|c| c.header.clone())
                    .filter(|h| h != "项目" && h != "内容"),
            );
            for row in &p.rows {
                texts.extend(
                    row.cells
                        .iter()
                        .map(|c| printed(&c.value))
                        .filter(|v| !v.is_empty() && v != "^"),
                );
            }
        }
        texts.extend(t.notes.iter().map(|n| n.text.clone()));
        let missing: Vec<&String> = texts.iter().filter(|s| !found(lines, s)).collect();
        assert!(
            missing.is_empty(),
            "{id}: pdftotext does not find {missing:?} on page {}:\n{}",
            form.page,
            lines.join("\n")
        );
    }
}

#[test]
fn the_pdf_passes_qpdf_check() {
    if !have("qpdf", "the_pdf_passes_qpdf_check") {
        return;
    }
    let a = self_evaluation();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.pdf", a.name));
    std::fs::write(&path, &a.pdf).unwrap();
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("No syntax or stream encoding errors found"),
        "qpdf --check: {out:?}"
    );
}
