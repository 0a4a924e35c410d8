//! A 部门预算 PDF in Shanghai's layout (`common::synthetic_budget`, layout b) read by fislint's
//! own reader, as `check` reads it: every table from its ruling, cell by cell as written by
//! hand in the generator, nothing uncertain; the prose around them (the contents inside their
//! block, a list's first item apart from the line introducing it, the prose under the last
//! table, a project's headings); and the faults of the file itself, each as a warning on the
//! line of the text it is about, silent on a file without them.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::synthetic_budget::{budget, unloadable_font, unmapped_glyphs, Budget};

use fislint::import::pdf::{read_pdf, ReadPdf};
use fislint::report::{CellValue, Report, Unit};

fn read(b: &Budget) -> (ReadPdf, Report) {
    let read = read_pdf(&b.pdf).unwrap_or_else(|e| panic!("{}: not read: {e}", b.name));
    let parsed = fislint::report::parse(&read.imported.source);
    assert!(
        parsed.errors.is_empty(),
        "{}: the imported report does not parse: {:?}\n{}",
        b.name,
        parsed.errors,
        read.imported.source
    );
    (read, parsed.report)
}

/// A cell as printed: a figure as written, a blank cell empty.
fn printed(value: &CellValue) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Merged => "^".into(),
        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
        CellValue::Text { value } => value.clone(),
    }
}

fn check_tables(b: &Budget) {
    let (read, report) = read(b);
    assert!(
        read.imported.warnings.is_empty(),
        "{}: import hints {:?}",
        b.name,
        read.imported.warnings
    );
    assert!(
        !read.imported.source.contains('?'),
        "{}: an uncertain cell\n{}",
        b.name,
        read.imported.source
    );
    for want in &b.tables {
        let t = report
            .tables
            .iter()
            .find(|t| t.id == want.id)
            .unwrap_or_else(|| panic!("{}: table {} not read", b.name, want.id));
        assert_eq!(t.title, want.title, "{}", b.name);
        assert_eq!(
            t.unit,
            Unit::from_text(want.unit),
            "{}: {}",
            b.name,
            want.id
        );
        assert_eq!(t.unread, None, "{}: {}", b.name, want.id);
        assert_eq!(t.parts.len(), want.parts.len(), "{}: {}", b.name, want.id);
        for (part, (name, columns, rows)) in t.parts.iter().zip(&want.parts) {
            assert_eq!(part.name.as_deref().unwrap_or(""), *name, "{}", want.id);
            let headers: Vec<&str> = part.columns.iter().map(|c| c.header.as_str()).collect();
            assert_eq!(&headers, columns, "{}: table {} columns", b.name, want.id);
            let cells: Vec<Vec<String>> = part
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| printed(&c.value)).collect())
                .collect();
            assert_eq!(cells, *rows, "{}: table {} rows", b.name, want.id);
        }
        let notes: Vec<&str> = t.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes, want.notes, "{}: table {} notes", b.name, want.id);
    }
}

#[test]
fn every_budget_table_reads_from_its_ruling() {
    check_tables(&budget(false));
    check_tables(&budget(true));
}

/// The report's headings and paragraphs (`# …` for a heading at its level), section by
/// section, the front matter first.
fn prose(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report.front.iter().map(|p| p.text.clone()).collect();
    for s in &report.sections {
        out.push(format!(
            "{} {}",
            "#".repeat(usize::from(s.heading.level)),
            s.heading.text
        ));
        out.extend(s.paragraphs.iter().map(|p| p.text.clone()));
    }
    out
}

#[test]
fn the_prose_around_the_tables_is_read_whole() {
    for faulty in [false, true] {
        let b = budget(faulty);
        let (read, report) = read(&b);
        let source = &read.imported.source;
        // The listing inside its block.
        let entries: Vec<&str> = report
            .contents
            .as_ref()
            .unwrap()
            .entries
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(entries.len(), 7, "{}: {entries:?}", b.name);
        assert!(
            entries[6].starts_with("五、项目经费情况说明"),
            "{entries:?}"
        );
        let prose = prose(&report);
        let has = |s: &str| prose.iter().any(|p| p == s);
        for want in [
            "# 上海市某局主要职能",
            "（一）贯彻执行国家和本市有关法律、法规和方针、政策。",
            "（五）完成区委、区政府交办的其他任务。",
            "本部门中，行政单位1家，事业单位1家，具体包括：",
            "1.某局本部",
            "2.某中心",
            "# 其他相关情况说明",
            "## 一、2026年“三公”经费预算情况说明",
            "2026年“三公”经费预算数为1.50万元，与2025年预算持平。",
            "# 某项目经费情况说明",
            "## 六、年度预算安排",
            "50万元",
            "## 五、实施周期",
        ] {
            assert!(has(want), "{}: {want:?} not among {prose:#?}", b.name);
        }
        // Each item of 主要职能 once, whatever the file draws twice or out of view.
        for item in ["（三）", "（四）"] {
            let n = prose.iter().filter(|p| p.starts_with(item)).count();
            assert_eq!(n, 1, "{}: {item} read {n} times", b.name);
        }
        assert!(!source.contains("此行不在页面之内"), "{}", b.name);
    }
}

/// The faults `check` reports on a PDF: code, and the text of the line it is shown on.
fn faults(pdf: &[u8]) -> Vec<(String, String, String)> {
    let read = fislint::lint::read_pdf(pdf);
    read.diagnostics
        .iter()
        .filter(|d| d.code.starts_with("pdf/"))
        .map(|d| {
            let start = d.primary.0.start;
            let line_start = read.text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = read.text[start..]
                .find('\n')
                .map_or(read.text.len(), |i| start + i);
            let line = read.text[line_start..line_end]
                .trim()
                .trim_start_matches('\u{c}')
                .to_string();
            (d.code.to_string(), line, d.message.clone())
        })
        .collect()
}

#[test]
fn the_files_own_faults_are_reported_on_their_lines() {
    let found = faults(&budget(true).pdf);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, l, _)| (c.as_str(), l.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            // Page 3: a frame, no text; its line is the page's empty one.
            ("pdf/empty-page", ""),
            // Page 4's third item cut by the frame, shown on the line printed nearest to it.
            (
                "pdf/cut-text",
                "（二）负责推进本区有关工作，组织实施年度计划。"
            ),
            // Page 5: a line past the page's edge, nowhere shown.
            ("pdf/hidden-text", "（五）完成区委、区政府交办的其他任务。"),
        ],
        "{found:#?}"
    );
    assert!(found[0].2.contains("第3页只有表格框线"), "{}", found[0].2);
    assert!(found[1].2.contains("第4页"), "{}", found[1].2);
    assert!(found[1].2.contains("（三）负责本系统"), "{}", found[1].2);
    assert!(found[2].2.contains("此行不在页面之内"), "{}", found[2].2);
    assert_eq!(faults(&budget(false).pdf), Vec::new());
}

#[test]
fn glyphs_without_a_unicode_mapping_are_reported() {
    let found = faults(&unmapped_glyphs(false));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "pdf/unmapped-glyph");
    assert!(found[0].1.contains('\u{FFFD}'), "{found:#?}");
    assert!(found[0].2.contains("3 个字符"), "{}", found[0].2);
    assert_eq!(faults(&unmapped_glyphs(true)), Vec::new());
}

#[test]
fn text_in_a_font_that_cannot_be_loaded_is_reported() {
    let found = faults(&unloadable_font(true));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "pdf/unloaded-font");
    assert!(found[0].2.starts_with("第1页"), "{}", found[0].2);
    assert_eq!(faults(&unloadable_font(false)), Vec::new());
}
