//! The real PDFs under `../shared/reports/pdf/` (not part of the project; each test says it was
//! skipped when the folder is absent): every one is read without error, page by page; the two
//! 决算 have every table found and no uncertain row, read as their `pdftotext -layout` texts
//! are, with the same findings; the faults of the files themselves are found, and no other.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

fn shared(file: &str) -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reports/")).join(file);
    if path.exists() {
        Some(path)
    } else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {} is absent (the shared reports are not part of a clone)",
            path.display()
        );
        None
    }
}

/// The published PDFs and their page counts, as a PDF viewer shows them.
const PDFS: [(&str, usize); 8] = [
    ("pdf/final-2024-shanghai-putuo-shehuigongzuobu.pdf", 24),
    ("pdf/final-template-shanghai-2024.pdf", 23),
    ("pdf/budget-2024-shanghai-putuo-wanli-jiedao.pdf", 33),
    ("pdf/budget-2025-shanghai-putuo-wanli-jiedao.pdf", 31),
    ("pdf/budget-2025-shanghai-putuo-zhengfu-bangongshi.pdf", 22),
    ("pdf/budget-2025-shanghai-putuo-shangwuwei.pdf", 26),
    ("pdf/budget-2026-shanghai-putuo-sifaju.pdf", 23),
    ("pdf/budget-2026-shanghai-putuo-unit.pdf", 21),
];

/// Pages printed without text. The 司法局's inspection checklist names the first: an empty
/// page after the contents.
const BLANK: [(&str, usize); 1] = [("pdf/budget-2026-shanghai-putuo-sifaju.pdf", 3)];

#[test]
fn every_shared_pdf_is_read_with_its_pages_and_text() {
    for (file, pages) in PDFS {
        let Some(path) = shared(file) else { continue };
        let read = fislint::import::pdf::read_pdf(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(read.pages, pages, "{file}");
        assert_eq!(read.reconstructed.heights.len(), pages, "{file}");
        // Every page has text but the ones printed blank, and every character maps to Unicode.
        let blank: Vec<usize> = (1..=pages)
            .filter(|&page| {
                !read
                    .reconstructed
                    .lines
                    .iter()
                    .any(|l| l.page == page && !l.boxes.is_empty())
            })
            .collect();
        let known: Vec<usize> = BLANK
            .iter()
            .filter(|(f, _)| *f == file)
            .map(|(_, p)| *p)
            .collect();
        assert_eq!(blank, known, "{file}: pages without text");
        assert_eq!(read.unmapped, 0, "{file}");
        assert!(
            read.reconstructed.text.contains("预算") || read.reconstructed.text.contains("决算")
        );
    }
}

/// `fislint check --format short FILE`, each finding without its place (the PDF's and the
/// text's lines differ), sorted.
fn findings(path: &std::path::Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(["check", "--no-config", "--format", "short"])
        .arg(path)
        .output()
        .unwrap();
    let mut found: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let rest = l.splitn(4, ':').nth(3).unwrap_or(l).trim();
            // pdftotext puts a space between CJK text and digits (`2024 年度`); the PDF's own
            // text has none.
            rest.replace(' ', "")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_final_pdfs_read_every_table_with_certainty_and_find_what_their_texts_find() {
    for (pdf, text) in [
        (
            "pdf/final-2024-shanghai-putuo-shehuigongzuobu.pdf",
            "shanghai-putuo-shehuigongzuobu-2024.txt",
        ),
        (
            "pdf/final-template-shanghai-2024.pdf",
            "shanghai-template-2024.txt",
        ),
    ] {
        let (Some(pdf_path), Some(text_path)) = (shared(pdf), shared(text)) else {
            continue;
        };
        let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
            .args(["check", "--no-config"])
            .arg(&pdf_path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let human = String::from_utf8(out.stdout).unwrap();
        let summary = human.lines().next().unwrap_or_default();
        assert!(
            summary.contains("：已读取 9/9 张表，") && summary.ends_with("其中 0 行不确定"),
            "{pdf}: {summary}"
        );
        let mut from_text = findings(&text_path);
        if text == "shanghai-template-2024.txt" {
            // The text's last `。。` row of the 单位构成 list runs on into the next page's title
            // (`。。上海市 XX 局 2024 年度部门决算表`, one paragraph), which the PDF reader reads as
            // a heading: the text has one more prose placeholder `XX`, a real one either way.
            let extra = "warning[text-template-placeholder]:模板占位符“XX”没有换成实际内容";
            let at = from_text.iter().position(|f| f == extra).unwrap();
            from_text.remove(at);
        }
        assert_eq!(findings(&pdf_path), from_text, "{pdf}");
    }
}

/// What is wrong with each shared PDF itself, as `check` reports it: code, the page the message
/// names, and words it must quote. Found by rendering the pages (`pdftoppm`) and looking: the
/// 司法局's checklist names the first two (目录后有一页多余的空表页; 主要职能中部分文字未正常显示:
/// page 4's text runs past a frame that cuts item （八） through the middle, and page 5 sets the
/// text again, shifted up, so that （八） to （十） show there); the unit budget's 编制说明 has two
/// pages whose last line is cut likewise (`业务量增加。` shows only the top of `加。`).
const FAULTS: [(&str, &str, &str, &str); 5] = [
    (
        "pdf/budget-2026-shanghai-putuo-sifaju.pdf",
        "pdf/empty-page",
        "第3页",
        "只有表格框线",
    ),
    (
        "pdf/budget-2026-shanghai-putuo-sifaju.pdf",
        "pdf/cut-text",
        "第4页",
        "（八）负责本系统警车管理工作",
    ),
    (
        "pdf/budget-2026-shanghai-putuo-unit.pdf",
        "pdf/cut-text",
        "第6页",
        "加。",
    ),
    (
        "pdf/budget-2026-shanghai-putuo-unit.pdf",
        "pdf/cut-text",
        "第7页",
        "险支出增加。",
    ),
    (
        "pdf/budget-2026-shanghai-putuo-unit.pdf",
        "pdf/cut-text",
        "第7页",
        "加。",
    ),
];

#[test]
fn the_faults_of_the_pdfs_themselves_are_found_and_no_other() {
    for (file, _) in PDFS {
        let Some(path) = shared(file) else { continue };
        let read = fislint::lint::read_pdf(&std::fs::read(&path).unwrap());
        let found: Vec<(String, String)> = read
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("pdf/"))
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect();
        let want: Vec<_> = FAULTS.iter().filter(|f| f.0 == file).collect();
        for (_, code, page, words) in &want {
            assert!(
                found
                    .iter()
                    .any(|(c, m)| c == code && m.starts_with(page) && m.contains(words)),
                "{file}: no {code} on {page} quoting {words:?} among {found:#?}"
            );
        }
        // One finding per page and code: the unit budget's page 7 quotes both its lines.
        let mut pages: Vec<(&str, &str)> = want.iter().map(|f| (f.1, f.2)).collect();
        pages.dedup();
        assert_eq!(found.len(), pages.len(), "{file}: {found:#?}");
    }
}
