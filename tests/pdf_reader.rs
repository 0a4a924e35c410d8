//! fislint's PDF reader on the synthetic PDFs of `common::synthetic`, one per table layout a
//! province prints: each expected table is found, under its title and unit, with its columns and
//! every row read cell by cell as written by hand in the layout's `Expected`; nothing printed
//! twice (bold faked by fill and stroke) is read twice, and nothing set past the page's edge is
//! read at all.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::synthetic::{all, Expected, Synthetic};

use fislint::report::{CellValue, Part, Report, Row, Table, Unit};

/// A synthetic PDF read the way `fislint check` reads it: its report and its text.
fn read(s: &Synthetic) -> (Report, String) {
    let read = fislint::import::pdf::read_pdf(&s.pdf)
        .unwrap_or_else(|e| panic!("{}: not read: {e}", s.name));
    let parsed = fislint::report::parse(&read.imported.source);
    assert!(
        parsed.errors.is_empty(),
        "{}: the imported report does not parse: {:?}\n{}",
        s.name,
        parsed.errors,
        read.imported.source
    );
    (parsed.report, read.reconstructed.text)
}

/// A cell as printed: a figure as written (`1,234.56`), a blank cell empty.
fn printed(value: &CellValue) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Merged => "^".into(),
        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
        CellValue::Text { value } => value.clone(),
    }
}

/// A row's cells as printed, the code and name columns included.
fn cells(row: &Row) -> Vec<String> {
    row.cells.iter().map(|c| printed(&c.value)).collect()
}

/// The rows of a table printed as two lists side by side (01, 04, 06), each half of each
/// printed row a row of its own, the left list first: what fislint reads into parts.
fn halves(expected: &Expected, width: usize) -> Vec<Vec<String>> {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for row in &expected.rows {
        for (half, out) in [(&row[..width], &mut left), (&row[width..], &mut right)] {
            if half.iter().any(|c| !c.is_empty()) {
                out.push(half.to_vec());
            }
        }
    }
    left.extend(right);
    left
}

fn table<'a>(report: &'a Report, id: &str, name: &str) -> &'a Table {
    report
        .tables
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("{name}: table {id} not found"))
}

fn rows(parts: &[Part]) -> Vec<Vec<String>> {
    parts
        .iter()
        .flat_map(|p| p.rows.iter().map(cells))
        .collect()
}

/// Every expected table of `s` read cell by cell.
fn check(s: &Synthetic) {
    let (report, text) = read(s);
    for expected in &s.tables {
        let t = table(&report, expected.id, s.name);
        assert_eq!(t.title, expected.title, "{}: table {}", s.name, expected.id);
        assert_eq!(t.unit, Unit::from_text(expected.unit), "{}", s.name);
        let read = rows(&t.parts);
        match expected.id {
            // Two lists side by side: compared half by half; 06's parts are its 合计 groups,
            // which need not follow the printed halves, so its rows are compared as a set.
            "01" | "04" => assert_eq!(read, halves(expected, 2), "{}: table 01", s.name),
            "06" => {
                let mut read = read;
                let mut want = halves(expected, 3);
                read.sort();
                want.sort();
                assert_eq!(read, want, "{}: table 06", s.name);
            }
            _ => {
                // By the last label of each column: the importer names the code and name
                // columns alike in every table (`功能分类科目编码`, not `项目/功能分类科目编码`).
                let leaf = |h: &str| h.rsplit('/').next().unwrap_or(h).to_string();
                let headers: Vec<String> =
                    t.parts[0].columns.iter().map(|c| leaf(&c.header)).collect();
                let want: Vec<String> = expected.header.iter().map(|h| leaf(h)).collect();
                assert_eq!(headers, want, "{}: table {}", s.name, expected.id);
                assert_eq!(read, expected.rows, "{}: table {}", s.name, expected.id);
            }
        }
        let notes: Vec<String> = t.notes.iter().map(|n| n.text.clone()).collect();
        assert!(
            notes.iter().any(|n| n == expected.note),
            "{}: table {} note {:?} not among {notes:?}",
            s.name,
            expected.id,
            expected.note
        );
    }
    for gone in &s.off_page {
        assert!(!text.contains(gone), "{}: {gone:?} is off the page", s.name);
    }
}

macro_rules! layouts {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            check(&common::synthetic::$name());
        }
    )*};
}

layouts!(
    codes_joined,
    codes_joined_bare,
    codes_split_full,
    codes_split_with_parents,
    codes_split_leaf_only,
    wrapped_figures_first_line,
    wrapped_figures_centred,
    wrapped_figures_centred_per_glyph,
    wrapped_figures_last_line,
    total_label_lower,
    bold_and_doubled,
    text_off_page,
);

/// The layouts of `synthetic_tables` (03 over two pages, 01 and 06 side by side, an empty 08).
#[test]
fn every_layout_is_tested_here() {
    let names: Vec<&str> = all().iter().map(|s| s.name).collect();
    assert_eq!(
        names.len(),
        15,
        "a new layout needs its test here: {names:?}"
    );
}

#[test]
fn spending_over_two_pages() {
    check(&common::synthetic::spending_over_two_pages());
}

#[test]
fn side_by_side() {
    check(&common::synthetic::side_by_side());
}

/// `本年支出`, a group label centred over 合计 | 基本支出 | 项目支出 and no wider than 基本支出,
/// is told from the wrapped top of 基本支出 by its ruled cell, which spans the three.
#[test]
fn empty_table() {
    check(&common::synthetic::empty_table());
}

/// Runs the binary in `dir`: exit code, standard output, standard error.
fn fislint(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn check_import_and_dump_take_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("report.pdf"),
        common::synthetic::codes_joined().pdf,
    )
    .unwrap();
    let (code, stdout, _) = fislint(dir.path(), &["check", "--no-config", "report.pdf"]);
    // A fragment of a report (one table): it has findings, and says it read a PDF.
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("导入 report.pdf（PDF，1 页）"), "{stdout}");
    let (code, fis, stderr) = fislint(dir.path(), &["import", "report.pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        fis.contains("table 05 \"一般公共预算财政拨款支出决算表\""),
        "{fis}"
    );
    // Each page's first line is marked, so a finding on the .fis can be traced to its page.
    assert!(fis.contains("// 第1页\nreport 决算 {"), "{fis}");
    let (code, json, stderr) = fislint(dir.path(), &["dump", "report.pdf"]);
    assert_eq!(code, 0, "{stderr}");
    let dumped: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json.contains("2013101"), "{dumped:#}");
}

#[test]
fn a_folder_checks_its_pdfs_but_not_one_whose_fis_is_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let pdf = common::synthetic::codes_joined().pdf;
    std::fs::write(reports.join("a.pdf"), &pdf).unwrap();
    std::fs::write(reports.join("b.PDF"), &pdf).unwrap();
    std::fs::write(reports.join("c.pdf"), &pdf).unwrap();
    let (_, fis, _) = fislint(dir.path(), &["import", "reports/c.pdf"]);
    std::fs::write(reports.join("c.fis"), fis).unwrap();
    let (code, stdout, stderr) = fislint(
        dir.path(),
        &["check", "--no-config", "--format", "short", "reports"],
    );
    assert_eq!(code, 1, "{stderr}");
    let mut checked: Vec<&str> = stdout.lines().filter_map(|l| l.split(':').next()).collect();
    checked.dedup();
    assert_eq!(checked, ["reports/a.pdf", "reports/b.PDF", "reports/c.fis"]);
    assert!(
        stderr.contains("note: 未检查 reports/c.pdf：同一目录下有同名的 .fis"),
        "{stderr}"
    );
    // --quiet keeps standard error for what matters.
    let (_, _, quiet) = fislint(dir.path(), &["check", "--no-config", "--quiet", "reports"]);
    assert!(!quiet.contains("未检查"), "{quiet}");
}

#[test]
fn a_pdf_without_text_or_not_a_pdf_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut scan = common::pdf_writer::Pdf::new();
    scan.a4_page().rect(50.0, 50.0, 400.0, 600.0);
    std::fs::write(dir.path().join("scan.pdf"), scan.finish()).unwrap();
    std::fs::write(dir.path().join("fake.pdf"), "这不是 PDF").unwrap();
    let mut cut = common::synthetic::codes_joined().pdf;
    cut.truncate(cut.len() / 3);
    std::fs::write(dir.path().join("cut.pdf"), cut).unwrap();
    for (file, says) in [
        ("scan.pdf", "都没有文字层（可能是扫描件）"),
        ("fake.pdf", "不是有效的 PDF 文件"),
    ] {
        for command in ["check", "import", "dump"] {
            let (code, stdout, stderr) = fislint(dir.path(), &[command, file]);
            assert_eq!(code, 2, "{command} {file}: {stdout}{stderr}");
            assert!(
                format!("{stdout}{stderr}").contains(says),
                "{command} {file}: {stdout}{stderr}"
            );
        }
    }
    // A file cut short: read as far as it goes, or refused; never a crash.
    let (code, stdout, stderr) = fislint(dir.path(), &["check", "--no-config", "cut.pdf"]);
    assert!(code == 1 || code == 2, "{stdout}{stderr}");
}

/// `n` zero bytes, zlib-compressed (a thousandth of their size, or less).
fn deflated_zeros(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        z.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    z.finish().unwrap()
}

/// A readable report fragment carrying one more stream, a form XObject never drawn, that
/// inflates to `n` bytes.
fn with_bomb(n: usize) -> Vec<u8> {
    let mut pdf = common::pdf_writer::Pdf::new();
    pdf.raw_stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Filter /FlateDecode",
        &deflated_zeros(n),
    );
    pdf.a4_page()
        .text(72.0, 700.0, 12.0, "一般公共预算财政拨款支出决算表");
    pdf.finish()
}

#[test]
fn streams_inflating_past_the_budget_are_refused_before_the_pdf_is_interpreted() {
    use fislint::import::pdf::{inflated_size, read_pages_within, PdfError};
    let bomb = with_bomb(3 << 20);
    assert!(inflated_size(&bomb, u64::MAX) >= 3 << 20);
    // Under a 1 MiB budget it is refused, whatever the interpreter would have made of it.
    assert_eq!(
        read_pages_within(&bomb, 1 << 20).unwrap_err(),
        PdfError::TooMuchInflated(1 << 20)
    );
    // Counting stops just past the budget: the bomb is never inflated whole.
    assert!(inflated_size(&bomb, 1 << 20) < 2 << 20);
    // Under a budget it fits, it is read.
    let pages = read_pages_within(&bomb, 8 << 20).unwrap();
    assert_eq!(pages.len(), 1);
}

/// The real budget (128 MiB) through the binary: compressing 150 MiB takes a while in a debug
/// build, so `.ci/run` runs it with the other slow limits (`-- --ignored`).
#[test]
#[ignore = "slow: compresses 150 MiB; run by .ci/run"]
fn a_decompression_bomb_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.pdf"), with_bomb(150 << 20)).unwrap();
    let (code, stdout, stderr) = fislint(dir.path(), &["check", "--no-config", "bomb.pdf"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.contains("解压后超过 128 MiB 的上限"), "{stdout}");
}

/// A one-page table 05 whose row 201 does not add up (4.00 + 5.00 is not 10.00), printed with
/// its figures' baselines at y = 700 (PDF coordinates, from the page's bottom).
fn wrong_row() -> Vec<u8> {
    let mut pdf = common::pdf_writer::Pdf::new();
    let page = pdf.a4_page();
    page.text(160.0, 790.0, 14.0, "某部门2024年度部门决算");
    page.text(180.0, 770.0, 12.0, "一般公共预算财政拨款支出决算表");
    page.text(60.0, 752.0, 10.0, "部门：上海市某某局");
    page.text(460.0, 752.0, 10.0, "单位：万元");
    for (x, label) in [(60.0, "科目编码"), (140.0, "科目名称")] {
        page.text(x, 735.0, 10.0, label);
    }
    for (x, label) in [(330.0, "合计"), (420.0, "基本支出"), (510.0, "项目支出")] {
        page.text_right(x, 735.0, 10.0, label);
    }
    let rows = [
        (718.0, "", "合计", ["10.00", "4.00", "6.00"]),
        (700.0, "201", "一般公共服务支出", ["10.00", "4.00", "5.00"]),
        (682.0, "20101", "人大事务", ["10.00", "4.00", "6.00"]),
        (664.0, "2010101", "行政运行", ["10.00", "4.00", "6.00"]),
    ];
    for (y, code, name, figures) in rows {
        page.text(60.0, y, 10.0, code);
        page.text(140.0, y, 10.0, name);
        for (x, f) in [330.0, 420.0, 510.0].into_iter().zip(figures) {
            page.text_right(x, y, 10.0, f);
        }
    }
    page.text(
        60.0,
        640.0,
        10.0,
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    );
    pdf.finish()
}

#[test]
fn a_finding_on_a_pdf_says_its_page_and_where_on_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.pdf"), wrong_row()).unwrap();
    let (_, json, _) = fislint(
        dir.path(),
        &["check", "--no-config", "--format", "json", "r.pdf"],
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let finding = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "t05-row-total")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(finding["page"], 1, "{finding:#}");
    let rect: Vec<f64> = finding["rect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    // On row 201's line, among the figures (right of the names).
    assert!(rect[1] <= 700.0 && 700.0 <= rect[3], "{rect:?}");
    assert!(rect[0] >= 290.0 && rect[2] <= 512.0, "{rect:?}");
    for label in finding["labels"].as_array().unwrap() {
        assert_eq!(label["page"], 1, "{label:#}");
    }
    // SARIF carries them as the result's properties; the human output names the page.
    let (_, sarif, _) = fislint(
        dir.path(),
        &["check", "--no-config", "--format", "sarif", "r.pdf"],
    );
    assert!(sarif.contains("\"page\": 1"), "{sarif}");
    let (_, human, _) = fislint(dir.path(), &["check", "--no-config", "r.pdf"]);
    assert!(human.contains("┌─ r.pdf:第1页:"), "{human}");
}

/// Prose as a PDF prints it: a cover, then a part heading wrapped onto a centred second line
/// (`…决算情况` / `说明`), numbered headings at the left margin, justified paragraphs whose
/// lines are stretched to the full width (a gap of half an em after a figure) and which go on
/// across a page break, and a centred heading without numbering set under a part. Each heading
/// is one, each paragraph is whole, with only the stretched gap left as a space.
#[test]
fn prose_headings_by_position_and_justified_paragraphs_rejoined() {
    let mut pdf = common::pdf_writer::Pdf::new();
    let size = 10.5;
    let (left, width) = (70.0, 455.0);
    let centre = left + width / 2.0;
    {
        let page = pdf.a4_page();
        page.text_centred(centre, 700.0, 22.0, "某局2024年度部门决算");
        page.text_centred(centre, 60.0, size, "- 1 -");
    }
    {
        let page = pdf.a4_page();
        page.text_centred(centre, 760.0, 16.0, "第三部分 某局2024年度部门决算情况");
        page.text_centred(centre, 740.0, 16.0, "说明");
        page.text(left, 710.0, size, "一、收入支出决算总体情况说明");
        // A justified line: `264.87` then half an em before `万元`, to fill the width.
        page.text(left + 2.0 * size, 686.0, size, "本年支出合计264.87");
        page.text(
            left + 2.0 * size + 100.0,
            686.0,
            size,
            "万元，主要用于以下方面：一般公共",
        );
        page.text(
            left,
            670.0,
            size,
            "服务支出（类）264.87万元，占100.00%。与2023年度相比，",
        );
        page.text(
            left,
            654.0,
            size,
            "增加10.00万元，增长3.93%。主要原因是人员增加，",
        );
        page.text_centred(centre, 60.0, size, "- 2 -");
    }
    {
        let page = pdf.a4_page();
        page.text(left, 760.0, size, "工资福利支出相应增加。");
        page.text(left, 736.0, size, "二、收入决算情况说明");
        page.text(left + 2.0 * size, 712.0, size, "本年收入合计264.87万元。");
        page.text_centred(centre, 680.0, 16.0, "第四部分 其他情况");
        page.text_centred(centre, 655.0, 14.0, "某局主要职能");
        page.text(
            left + 2.0 * size,
            630.0,
            size,
            "本部门主要职能是负责全区的某项工作，组织实施有关",
        );
        page.text(left, 614.0, size, "规划，承办区政府交办的其他事项。");
        page.text_centred(centre, 60.0, size, "- 3 -");
    }
    let read = fislint::import::pdf::read_pdf(&pdf.finish()).unwrap();
    let parsed = fislint::report::parse(&read.imported.source);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let report = parsed.report;
    let header = report.header.as_ref().unwrap();
    assert_eq!(header.title.as_deref(), Some("某局2024年度部门决算"));
    let outline: Vec<(u8, String, Vec<String>)> = report
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.level,
                s.heading.text.clone(),
                s.paragraphs.iter().map(|p| p.text.clone()).collect(),
            )
        })
        .collect();
    let want = |level: u8, heading: &str, paragraphs: &[&str]| {
        (
            level,
            heading.to_string(),
            paragraphs.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        outline,
        [
            want(1, "第三部分 某局2024年度部门决算情况说明", &[]),
            want(
                2,
                "一、收入支出决算总体情况说明",
                &["本年支出合计264.87 万元，主要用于以下方面：一般公共服务支出（类）264.87万元，\
                   占100.00%。与2023年度相比，增加10.00万元，增长3.93%。主要原因是人员增加，\
                   工资福利支出相应增加。"]
            ),
            want(2, "二、收入决算情况说明", &["本年收入合计264.87万元。"]),
            want(1, "第四部分 其他情况", &[]),
            want(
                2,
                "某局主要职能",
                &["本部门主要职能是负责全区的某项工作，组织实施有关规划，承办区政府交办的其他事项。"]
            ),
        ],
        "{}",
        read.imported.source
    );
}
