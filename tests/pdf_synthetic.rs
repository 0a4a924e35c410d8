//! The synthetic PDFs of `common::synthetic`, checked with independent tools: each is a valid
//! PDF (`qpdf --check`), and `pdftotext -layout` (poppler) finds in it every run of text drawn
//! on the page and every cell of its expected tables, each character once, and nothing drawn
//! beyond the page's edge. The figures written by hand are checked to add up.
//!
//! `pdftotext` and `qpdf` are optional: where one is absent (CI machines, a fresh clone) the
//! tests that need it print that they were skipped and pass. Install them with
//! `apt-get install poppler-utils qpdf`. fislint's own reader is tested against the same
//! `Expected` tables elsewhere.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::pdf_writer::{text_width, Style};
use common::synthetic::{all, Expected, Synthetic};

use std::process::Command;

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

/// `pdftotext -layout` of the PDF, page by page, each page as its lines.
fn pdftotext(s: &Synthetic) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.pdf", s.name));
    std::fs::write(&path, &s.pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}: {:?}", s.name, out);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| p.lines().map(str::to_string).collect())
        .collect();
    pages.pop(); // after the last form feed
    pages
}

/// `s` without any whitespace: pdftotext's spacing is a guess from positions.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeezed(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| squeeze(l)).collect()
}

/// Whether `text` is on one line, or cut in two with the second part on one of the next three
/// lines: a wrapped name (the row's figures may have a line between) or a wrapped header label
/// (other labels share its lines).
fn found(lines: &[String], text: &str) -> bool {
    let text = squeeze(text);
    if lines.iter().any(|l| l.contains(&text)) {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len()).any(|cut| {
        let head: String = chars[..cut].iter().collect();
        let tail: String = chars[cut..].iter().collect();
        lines.iter().enumerate().any(|(i, l)| {
            l.contains(&head)
                && lines[i + 1..(i + 4).min(lines.len())]
                    .iter()
                    .any(|n| n.contains(&tail))
        })
    })
}

/// The columns of a table's rows that hold 科目 codes.
fn code_columns(table: &str) -> &'static [usize] {
    match table {
        "03" | "05" => &[0],
        "06" => &[0, 3],
        _ => &[],
    }
}

/// A code as the layout prints it: the synthetic's name says whether and how it is split.
fn printed_code(layout: &str, code: &str) -> String {
    let (kuan, xiang) = (code.get(3..5), code.get(5..7));
    let parts: Vec<&str> = match (layout.get(..2), kuan, xiang) {
        (Some("b1"), Some(k), Some(x)) => vec![k, x],
        (Some("b2"), Some(k), None) => vec![k],
        (Some("b2"), _, Some(x)) => vec![x],
        _ => return code.to_string(),
    };
    parts.concat()
}

#[test]
fn every_pdf_passes_qpdf_check() {
    if !have("qpdf", "every_pdf_passes_qpdf_check") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for s in all() {
        let path = dir.path().join(format!("{}.pdf", s.name));
        std::fs::write(&path, &s.pdf).unwrap();
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("No syntax or stream encoding errors"),
            "{}: {stdout}{}",
            s.name,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn pdftotext_reads_every_run_drawn_on_the_page_once() {
    if !have(
        "pdftotext",
        "pdftotext_reads_every_run_drawn_on_the_page_once",
    ) {
        return;
    }
    for s in all() {
        let pages = pdftotext(&s);
        assert_eq!(pages.len(), s.pages.len(), "{}: pages", s.name);
        for (page, drawn) in pages.iter().zip(&s.pages) {
            let lines = squeezed(page);
            for run in &drawn.runs {
                let visible = on_page(&run.text, run.x, run.size, drawn.width);
                let text = squeeze(&visible);
                if text.is_empty() {
                    continue;
                }
                assert!(
                    lines.iter().any(|l| l.contains(&text)),
                    "{}: {:?} ({:?}) not found in\n{}",
                    s.name,
                    run.text,
                    run.style,
                    page.join("\n")
                );
                // Bold or doubled, a character comes out once: no "基基本本" nor "基本基本".
                // (Only for those: a plain figure may well follow itself, "1,224.251,224.25".)
                if run.style == Style::Plain {
                    continue;
                }
                let doubled: String = text.chars().flat_map(|c| [c, c]).collect();
                let twice = text.repeat(2);
                assert!(
                    !lines
                        .iter()
                        .any(|l| l.contains(&doubled) || l.contains(&twice)),
                    "{}: {:?} doubled in\n{}",
                    s.name,
                    run.text,
                    page.join("\n")
                );
            }
        }
    }
}

/// The characters of a run whose advance starts inside the page.
fn on_page(text: &str, x: f32, size: f32, width: f32) -> String {
    let mut at = x;
    let mut out = String::new();
    for c in text.chars() {
        if at < width {
            out.push(c);
        }
        at += text_width(size, &c.to_string());
    }
    out
}

#[test]
fn pdftotext_finds_every_expected_cell() {
    if !have("pdftotext", "pdftotext_finds_every_expected_cell") {
        return;
    }
    for s in all() {
        let lines: Vec<String> = squeezed(&pdftotext(&s).concat());
        let missing = |what: &str| panic!("{}: {what} not found", s.name);
        for table in &s.tables {
            for text in [table.title, table.note, &format!("单位：{}", table.unit)] {
                if !found(&lines, text) {
                    missing(text);
                }
            }
            for label in table.header.iter().flat_map(|h| h.split('/')) {
                if !found(&lines, label) {
                    missing(label);
                }
            }
            for row in &table.rows {
                for (i, cell) in row.iter().enumerate() {
                    let text = if code_columns(table.id).contains(&i) && !cell.is_empty() {
                        printed_code(s.name, cell)
                    } else {
                        cell.clone()
                    };
                    if !text.is_empty() && !found(&lines, &text) {
                        missing(&format!(
                            "table {} cell {cell:?} (printed {text:?})",
                            table.id
                        ));
                    }
                }
            }
        }
    }
}

#[test]
fn every_page_has_its_running_title_and_page_number() {
    if !have(
        "pdftotext",
        "every_page_has_its_running_title_and_page_number",
    ) {
        return;
    }
    for s in all() {
        let pages = pdftotext(&s);
        for (page, drawn) in pages.iter().zip(&s.pages) {
            let furniture = &drawn.furniture;
            let lines: Vec<&str> = page
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(lines.first(), Some(&furniture[0].as_str()), "{}", s.name);
            assert_eq!(lines.last(), Some(&furniture[1].as_str()), "{}", s.name);
        }
    }
}

#[test]
fn text_beyond_the_page_edge_is_not_extracted() {
    // poppler drops a character whose origin is past the MediaBox (TextPage::addChar).
    if !have("pdftotext", "text_beyond_the_page_edge_is_not_extracted") {
        return;
    }
    let s = common::synthetic::text_off_page();
    let text = pdftotext(&s).concat().join("\n");
    assert!(!s.off_page.is_empty());
    for gone in &s.off_page {
        assert!(!text.contains(gone), "{gone:?} extracted:\n{text}");
    }
    assert!(text.contains("说明：本表金额保留两位小数。"));
}

/// The pdftotext lines of one synthetic, squeezed, as one string per line.
fn lines_of(s: &Synthetic) -> Vec<String> {
    squeezed(&pdftotext(s).concat())
}

/// Whether `want` are consecutive non-blank lines of `lines`.
fn in_sequence(lines: &[String], want: &[&str]) -> bool {
    let lines: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    lines
        .windows(want.len())
        .any(|w| w.iter().zip(want).all(|(l, w)| l.as_str() == *w))
}

#[test]
fn pdftotext_prints_split_codes_as_drawn() {
    if !have("pdftotext", "pdftotext_prints_split_codes_as_drawn") {
        return;
    }
    use common::synthetic::*;
    let full = lines_of(&codes_split_full());
    assert!(full.contains(&"2013101行政运行176.90176.90".to_string()));
    let parents = lines_of(&codes_split_with_parents());
    assert!(parents.contains(&"20131党委办公厅（室）及相关机构事务1,412.60188.351,224.25".into()));
    assert!(parents.contains(&"3101行政运行176.90176.90".to_string()));
    let leaf = lines_of(&codes_split_leaf_only());
    assert!(leaf.contains(&"31党委办公厅（室）及相关机构事务1,412.60188.351,224.25".into()));
    assert!(leaf.contains(&"01行政运行176.90176.90".to_string()));
}

#[test]
fn pdftotext_places_wrapped_names_by_baseline() {
    if !have("pdftotext", "pdftotext_places_wrapped_names_by_baseline") {
        return;
    }
    use common::synthetic::*;
    let first = lines_of(&wrapped_figures_first_line());
    assert!(in_sequence(
        &first,
        &[
            "20131党委办公厅（室）1,412.60188.351,224.25",
            "及相关机构事务"
        ]
    ));
    // Centred figures get a line of their own between the name's two lines, as pdftotext
    // prints Shanghai's 决算 tables.
    let centred = lines_of(&wrapped_figures_centred());
    assert!(in_sequence(
        &centred,
        &["社会保障和就业支", "20823.1823.18", "出"]
    ));
    let last = lines_of(&wrapped_figures_last_line());
    assert!(in_sequence(
        &last,
        &["机关事业单位基本", "2080505养老保险缴费支出15.4615.46"]
    ));
}

#[test]
fn pdftotext_joins_a_lowered_total_label_to_its_figures() {
    if !have(
        "pdftotext",
        "pdftotext_joins_a_lowered_total_label_to_its_figures",
    ) {
        return;
    }
    let lines = lines_of(&common::synthetic::total_label_lower());
    assert!(lines.contains(&"合计1,472.69248.441,224.25".to_string()));
}

#[test]
fn pdftotext_reads_a_table_over_two_pages_with_its_header_twice() {
    if !have(
        "pdftotext",
        "pdftotext_reads_a_table_over_two_pages_with_its_header_twice",
    ) {
        return;
    }
    let pages = pdftotext(&common::synthetic::spending_over_two_pages());
    assert_eq!(pages.len(), 2);
    for page in &pages {
        let lines = squeezed(page);
        assert!(lines
            .iter()
            .any(|l| l.contains("本年支出合计基本支出项目支出上缴上级支出经营支出")));
    }
    let first = squeezed(&pages[0]);
    let second = squeezed(&pages[1]);
    assert!(first.contains(&"支出决算表".to_string()));
    assert!(!second.contains(&"支出决算表".to_string()));
    assert!(first.contains(&"合计1,472.69248.441,224.25".to_string()));
    assert!(second.contains(&"注：本表反映部门本年度各项支出情况。".to_string()));
}

#[test]
fn pdftotext_puts_side_by_side_halves_on_one_line() {
    if !have(
        "pdftotext",
        "pdftotext_puts_side_by_side_halves_on_one_line",
    ) {
        return;
    }
    let lines = lines_of(&common::synthetic::side_by_side());
    assert!(
        lines.contains(&"一、一般公共预算财政拨款收入1,472.69一、一般公共服务支出1,412.60".into())
    );
    assert!(lines.contains(&"总计1,472.69总计1,472.69".to_string()));
    // A wrapped name on one half: the row's codes and figures, both halves, on a line of their
    // own between the name's two lines.
    assert!(in_sequence(
        &lines,
        &[
            "其他对个人和家庭的",
            "303990.0030239其他交通费用2.70",
            "补助"
        ]
    ));
    // Where the left half has ended, the right half's row is alone on its line.
    assert!(lines.contains(&"30299其他商品和服务支出0.45".to_string()));
    assert!(lines.contains(&"人员经费合计216.50公用经费合计31.94".to_string()));
}

#[test]
fn pdftotext_finds_no_body_row_in_the_empty_table() {
    if !have(
        "pdftotext",
        "pdftotext_finds_no_body_row_in_the_empty_table",
    ) {
        return;
    }
    let lines = lines_of(&common::synthetic::empty_table());
    let lines: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    let note = lines.iter().position(|l| l.starts_with("注：")).unwrap();
    assert_eq!(
        lines[note - 1].as_str(),
        "科目编码",
        "the header's last line, then the note"
    );
}

#[test]
fn pdftotext_reads_bold_and_doubled_text_once() {
    if !have("pdftotext", "pdftotext_reads_bold_and_doubled_text_once") {
        return;
    }
    let s = common::synthetic::bold_and_doubled();
    let text = squeeze(&pdftotext(&s).concat().join(""));
    for once in [
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        "基本支出",
        "科目名称",
    ] {
        assert_eq!(text.matches(once).count(), 1, "{once}");
    }
    assert_eq!(
        text.matches("合计").count(),
        2,
        "the header's and the row's"
    );
}

#[test]
fn text_written_glyph_by_glyph_reads_the_same() {
    if !have("pdftotext", "text_written_glyph_by_glyph_reads_the_same") {
        return;
    }
    use common::synthetic::*;
    // pdftotext leaves out some of the blank lines between rows here: only blank lines differ.
    let text = |s: &Synthetic| -> Vec<Vec<String>> {
        let pages = pdftotext(s).into_iter();
        pages
            .map(|p| p.into_iter().filter(|l| !l.trim().is_empty()).collect())
            .collect()
    };
    assert_eq!(
        text(&wrapped_figures_centred_per_glyph()),
        text(&wrapped_figures_centred())
    );
}

#[test]
fn the_font_without_to_unicode_reads_the_same() {
    if !have("pdftotext", "the_font_without_to_unicode_reads_the_same") {
        return;
    }
    use common::synthetic::*;
    assert_eq!(pdftotext(&codes_joined_bare()), pdftotext(&codes_joined()));
}

#[test]
fn raw_objects_and_streams_make_a_valid_pdf() {
    if !have("pdftotext", "raw_objects_and_streams_make_a_valid_pdf") {
        return;
    }
    use common::pdf_writer::{Pdf, FONT_OBJECT};
    let mut pdf = Pdf::new().compressed(true);
    // Text inside a form XObject, as some producers draw each table.
    let form = pdf.raw_stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] \
             /Resources << /Font << /F1 {FONT_OBJECT} 0 R >> >>"
        ),
        b"BT /F1 12 Tf 100 700 Td <8868683C> Tj ET",
    );
    let page = pdf.a4_page();
    page.text(100.0, 720.0, 12.0, "表格");
    page.raw_resources(&format!("/XObject << /X1 {form} 0 R >>"));
    page.raw("q /X1 Do Q");
    let s = Synthetic {
        name: "raw",
        pdf: pdf.finish(),
        tables: Vec::new(),
        pages: Vec::new(),
        off_page: Vec::new(),
    };
    if have("qpdf", "raw_objects_and_streams_make_a_valid_pdf") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("raw.pdf");
        std::fs::write(&path, &s.pdf).unwrap();
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let text = squeeze(&pdftotext(&s).concat().join(""));
    assert_eq!(text, "表格表格");
}

#[test]
fn rules_are_drawn_where_the_layouts_say() {
    // Per synthetic, per page: whether table rules are drawn (Shanghai's PDFs often have none).
    let ruled: &[(&str, &[bool])] = &[
        ("a-codes-joined", &[true]),
        ("a2-codes-joined-bare-font", &[true]),
        ("b0-codes-split-full", &[false]),
        ("b1-codes-split-with-parents", &[false]),
        ("b2-codes-split-leaf-only", &[true]),
        ("c-wrapped-figures-first-line", &[false]),
        ("d-wrapped-figures-centred", &[false]),
        ("d2-wrapped-figures-centred-per-glyph", &[false]),
        ("e-wrapped-figures-last-line", &[true]),
        ("f-total-label-lower", &[true]),
        ("g-spending-over-two-pages", &[true, true]),
        ("h-side-by-side", &[true, false]),
        ("i-empty-table", &[true]),
        ("k-bold-and-doubled", &[false]),
        ("l-text-off-page", &[false]),
    ];
    let all = all();
    assert_eq!(all.len(), ruled.len());
    for (s, (name, pages)) in all.iter().zip(ruled) {
        assert_eq!(s.name, *name);
        let drawn: Vec<bool> = s.pages.iter().map(|p| !p.rules.is_empty()).collect();
        assert_eq!(drawn, *pages, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// The figures written by hand add up (no tool needed).

/// A figure as printed, in cents; an empty cell is zero.
fn cents(cell: &str) -> i64 {
    if cell.is_empty() {
        return 0;
    }
    let digits: String = cell.chars().filter(|&c| c != ',' && c != '.').collect();
    assert!(cell.contains('.'), "{cell}");
    digits.parse().unwrap()
}

/// Each code's figures are the sums of its children's (201 of 201xx, 20131 of 20131xx) and
/// the total's of the top-level codes. `rows` are (code, figures); `total` the 合计 figures.
fn check_tree(what: &str, rows: &[(String, Vec<i64>)], total: Option<&[i64]>) {
    for (code, figures) in rows {
        let children: Vec<&Vec<i64>> = rows
            .iter()
            .filter(|(c, _)| c.len() == code.len() + 2 && c.starts_with(code.as_str()))
            .map(|(_, f)| f)
            .collect();
        if !children.is_empty() {
            for (i, figure) in figures.iter().enumerate() {
                let sum: i64 = children.iter().map(|f| f[i]).sum();
                assert_eq!(*figure, sum, "{what}: {code}, column {i}");
            }
        }
    }
    if let Some(total) = total {
        for (i, figure) in total.iter().enumerate() {
            let sum: i64 = rows
                .iter()
                .filter(|(c, _)| c.len() == 3)
                .map(|(_, f)| f[i])
                .sum();
            assert_eq!(*figure, sum, "{what}: 合计, column {i}");
        }
    }
}

fn spending_adds_up(table: &Expected) {
    let mut rows = Vec::new();
    let mut total = None;
    for row in &table.rows {
        let figures: Vec<i64> = row[2..].iter().map(|c| cents(c)).collect();
        assert_eq!(
            figures[0],
            figures[1..].iter().sum::<i64>(),
            "{:?}: 合计 across",
            row
        );
        if row[0].is_empty() {
            total = Some(figures);
        } else {
            rows.push((row[0].clone(), figures));
        }
    }
    check_tree(table.id, &rows, total.as_deref());
}

#[test]
fn the_figures_written_by_hand_add_up() {
    for s in all() {
        for table in &s.tables {
            match table.id {
                "03" | "05" => spending_adds_up(table),
                "01" => {
                    let sum = |col: usize, rows: &[Vec<String>]| -> i64 {
                        rows.iter().map(|r| cents(&r[col])).sum()
                    };
                    let items = &table.rows[..24];
                    let (income, spending) = (&table.rows[24], &table.rows[27]);
                    assert_eq!(cents(&income[1]), sum(1, items));
                    assert_eq!(cents(&income[3]), sum(3, items));
                    assert_eq!(cents(&spending[1]), cents(&income[1]));
                    assert_eq!(cents(&spending[3]), cents(&income[3]));
                }
                "06" => {
                    let mut halves = Vec::new();
                    for half in [0, 3] {
                        let rows: Vec<(String, Vec<i64>)> = table
                            .rows
                            .iter()
                            .filter(|r| !r[half].is_empty())
                            .map(|r| (r[half].clone(), vec![cents(&r[half + 2])]))
                            .collect();
                        check_tree("06", &rows, None);
                        let top: i64 = rows
                            .iter()
                            .filter(|(c, _)| c.len() == 3)
                            .map(|(_, f)| f[0])
                            .sum();
                        let total = table.rows.last().unwrap();
                        assert_eq!(top, cents(&total[half + 2]), "06: {}", total[half + 1]);
                        halves.push(top);
                    }
                    // Together the 基本支出 of table 05.
                    assert_eq!(halves.iter().sum::<i64>(), cents("248.44"));
                }
                _ => assert!(table.rows.is_empty(), "{}", table.id),
            }
        }
    }
}
