//! The fast readers against the grammar: every fixture, every line of every fixture in every
//! context, and tricky rows, parsed with the fast readers and with the grammar alone, must give
//! the same report and the same errors.

use std::path::Path;

use super::numbering_len;
use crate::report::decode;
use crate::report::grammar::{FisParser, Rule};
use crate::report::parse::{parse_with, Parsed};
use crate::report::{CellValue, SyntaxErrorKind};
use pest::Parser;

const HEADER: &str = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n";

/// Everything a parse gives, as text that compares. The table index (a hash map, in no stable
/// order) is left out: it is derived from the tables.
fn outcome(parsed: &Parsed) -> String {
    let r = &parsed.report;
    format!(
        "{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
        r.header,
        r.contents,
        r.front,
        r.sections,
        r.tables,
        r.suppressions,
        parsed.errors,
        parsed.notes,
        parsed.problems
    )
}

/// Parses `src` both ways, asserts that they agree, and returns the parse.
fn check(src: &str) -> Parsed {
    let fast = parse_with(src, true);
    let grammar = parse_with(src, false);
    assert_eq!(
        outcome(&fast),
        outcome(&grammar),
        "the two paths differ on:\n{src}"
    );
    fast
}

/// Every `.fis` file under `fixtures/`, decoded.
fn fixtures() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "fis") {
                let text = decode(&std::fs::read(&path).unwrap()).text;
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    assert!(out.len() > 10, "fixtures found: {}", out.len());
    out
}

/// `line` in each context the walker knows: outside blocks, in `contents`, in a table whose
/// columns are all values, in a table with code and name columns (after a row, so that `^`
/// has something to continue), in a part (where a `}` closes the part, not the table), first in
/// a table (where a `columns` line declares the columns), and before the header.
fn contexts(line: &str) -> Vec<String> {
    let n = line.matches('|').count() + 1;
    let headers = |first: &[&str]| {
        let rest = (first.len()..n).map(|i| format!("列{i}"));
        let all: Vec<String> = first.iter().map(|h| h.to_string()).chain(rest).collect();
        all.join(" | ")
    };
    let values = headers(&[]);
    let coded = headers(&["科目编码", "科目名称"][..n.min(2)]);
    let above = vec!["1"; n].join(" | ");
    vec![
        format!("{HEADER}{line}\n"),
        format!("{HEADER}contents 目录 {{\n{line}\n}}\n"),
        format!("{HEADER}table 甲 \"表\" {{\n  名称列 = -\n  columns {values}\n{line}\n}}\n"),
        format!("{HEADER}table 乙 \"表\" {{\n  columns {coded}\n  {above}\n{line}\n}}\n"),
        format!("{HEADER}table 丙 \"表\" {{\n  part 甲 {{\n  columns {coded}\n{line}\n  }}\n}}\n"),
        format!("{HEADER}table 丁 \"表\" {{\n{line}\n  甲 | 1\n}}\n"),
        format!("{line}\n{HEADER}"),
    ]
}

#[test]
fn every_fixture_parses_the_same_both_ways() {
    for (path, text) in fixtures() {
        let fast = parse_with(&text, true);
        let grammar = parse_with(&text, false);
        assert_eq!(outcome(&fast), outcome(&grammar), "{path}");
    }
}

#[test]
fn every_line_of_every_fixture_parses_the_same_both_ways_in_every_context() {
    for (_, text) in fixtures() {
        for line in text.lines() {
            for src in contexts(line) {
                check(&src);
            }
        }
    }
}

/// The cells of the one row of a table whose columns are all values, both ways.
fn cells(row: &str) -> Result<Vec<CellValue>, Vec<SyntaxErrorKind>> {
    let n = row.matches('|').count() + 1;
    let values: Vec<String> = (0..n).map(|i| format!("列{i}")).collect();
    let src = format!(
        "{HEADER}table 甲 \"表\" {{\n  名称列 = -\n  columns {}\n{row}\n}}\n",
        values.join(" | ")
    );
    let parsed = check(&src);
    if !parsed.errors.is_empty() {
        return Err(parsed.errors.into_iter().map(|e| e.kind).collect());
    }
    let part = &parsed.report.tables[0].parts[0];
    Ok(part.rows[0].cells.iter().map(|c| c.value.clone()).collect())
}

/// The amount, percentage or nothing of each cell, as written.
fn written(row: &str) -> Vec<String> {
    cells(row)
        .unwrap_or_else(|e| panic!("{row}: {e:?}"))
        .iter()
        .map(|c| match c {
            CellValue::Amount(n) => format!("{}({})", n.value, n.decimals),
            CellValue::Percent(n) => format!("{}%({})", n.value, n.decimals),
            CellValue::Empty => "-".into(),
            CellValue::Merged => "^".into(),
            CellValue::Text { value } => format!("text {value}"),
        })
        .collect()
}

/// The codes of the errors of a row.
fn error_codes(row: &str) -> Vec<&'static str> {
    cells(row)
        .expect_err(row)
        .iter()
        .map(SyntaxErrorKind::code)
        .collect()
}

#[test]
fn amounts_keep_their_commas_signs_and_decimals() {
    assert_eq!(
        written("1,022.32 | -1.5 | 1,025,900.00 | 0.30 | 12 | -0"),
        [
            "1022.32(2)",
            "-1.5(1)",
            "1025900.00(2)",
            "0.30(2)",
            "12(0)",
            "0(0)"
        ]
    );
}

#[test]
fn percentages_empty_and_quoted_cells() {
    assert_eq!(
        written("95.42% | 100%\t| - | \"12 次\" | 有所增强"),
        ["95.42%(2)", "100%(0)", "-", "text 12 次", "text 有所增强"]
    );
}

#[test]
fn padding_of_every_kind_is_not_part_of_a_cell() {
    assert_eq!(
        written("\u{3000}1.5\u{3000}|\t2\t|  长期  "),
        ["1.5(1)", "2(0)", "text 长期"]
    );
}

#[test]
fn a_trailing_comment_is_not_a_cell() {
    assert_eq!(written("1 | 2 // 注：页码"), ["1(0)", "2(0)"]);
    assert_eq!(written("1 | 长期// 注"), ["1(0)", "text 长期"]);
}

#[test]
fn malformed_amounts_are_errors_however_they_are_malformed() {
    for cell in [
        "９，７５.４８",
        "1,02.32",
        "1,0223",
        "1.",
        "12 次",
        "95.42 %",
        "2021年",
        "--",
        "-.5",
        "+5",
        "975,48",
    ] {
        assert_eq!(
            error_codes(&format!("1 | {cell}")),
            ["syntax/malformed-amount"],
            "{cell}"
        );
    }
}

/// Full-width digits and signs, and the minus sign U+2212, are read as the number they show,
/// on both paths, each with a note (issue 15, item 26).
#[test]
fn full_width_digits_and_a_unicode_minus_are_numbers_with_a_note() {
    assert_eq!(
        written("1 | ９７５.４８ | −1.5 | －１，０２５，９００．００ | ０．３０％ | -"),
        [
            "1(0)",
            "975.48(2)",
            "-1.5(1)",
            "-1025900.00(2)",
            "0.30%(2)",
            "-"
        ]
    );
    let parsed = check(&format!(
        "{HEADER}table 甲 \"表\" {{\n  名称列 = -\n  columns 列0 | 列1\n  −1.5 | ９\n}}\n"
    ));
    let notes: Vec<String> = parsed.notes.iter().map(|n| n.kind.to_string()).collect();
    assert_eq!(
        notes,
        ["已将「−1.5」按数值 -1.5 读取", "已将「９」按数值 9 读取"]
    );
}

#[test]
fn a_number_beyond_28_digits_is_an_error_not_rounded() {
    // 29 digits: beyond what a `Decimal` holds exactly, whole or as decimals.
    for huge in [
        "9".repeat(29),
        format!("0.{}", "1".repeat(29)),
        format!("1{}", ",000".repeat(10)),
        format!("-{}%", "9".repeat(29)),
    ] {
        assert_eq!(
            error_codes(&format!("1 | {huge}")),
            ["syntax/number-too-large"],
            "{huge}"
        );
    }
    assert_eq!(written(&"9".repeat(28)), [format!("{}(0)", "9".repeat(28))]);
}

#[test]
fn empty_cells_merged_cells_and_cell_counts() {
    assert_eq!(error_codes("1 |  | 2"), ["syntax/empty-cell"]);
    assert_eq!(error_codes("1 | 2 |"), ["syntax/empty-cell"]);
    assert_eq!(error_codes("^ | 1"), ["syntax/merged-without-above"]);
    check(&format!(
        "{HEADER}table 甲 \"表\" {{\n  columns 科目编码 | 科目名称 | 数\n  201 | 支出 | 1\n  ^ | ^ | 2 | 3\n  ^ | ^\n  2,01 | 名 | 1\n}}\n"
    ));
}

#[test]
fn text_in_code_and_name_columns() {
    let parsed = check(&format!(
        "{HEADER}table 甲 \"表\" {{\n  columns 科目编码 | 科目名称 | 数\n  201 | 1号楼 | 1\n  -   | 12 次 | -\n  ^   | ^ | ^\n}}\n"
    ));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let rows = &parsed.report.tables[0].parts[0].rows;
    assert_eq!(rows[0].name.as_deref(), Some("1号楼"));
    assert_eq!(rows[1].name.as_deref(), Some("12 次"));
    assert_eq!(rows[2].name.as_deref(), Some("12 次"));
}

#[test]
fn suppressions_before_and_after_rows_find_their_row() {
    let parsed = check(&format!(
        "{HEADER}table 甲 \"表\" {{\n  columns 项目 | 数\n  // fislint: allow a -- 原因\n  合计 | 1\n  乙 | 2 // fislint: allow b -- 原因\n  // 注释\n}}\n"
    ));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.report.suppressions.len(), 2);
}

#[test]
fn columns_notes_and_closing_braces() {
    for body in [
        "  columns 科目编码 | 科目名称\u{a0} |\u{3000}本年支出/小计\t| 合计 = 1\n  201 | 甲 | 1 | 2\n",
        "  columns 甲 | 甲 | 乙/甲\n  1 | 2 | 3\n",
        "  columns 甲 |  | 乙\n",
        "  columns 甲 | \"乙 | 丙\"\n",
        "  columns\n",
        "  columns 甲 // 注\n",
        "  columns 甲\n  columns 乙\n",
        "  note 注：\"三公\"经费 // 不是注释 = 1   \n  note\n  note  \n  notes 甲\n",
        "  part 甲 {\n  columns 甲\n  1\n  }  \n  part 乙 {\n  columns 乙\n  }\n",
        "  columns 甲\n  }}\n",
    ] {
        check(&format!("{HEADER}table 甲 \"表\" {{\n{body}}}\n"));
    }
}

/// The numbering at the start of `text` as the grammar's `numbering` rule reads it.
fn numbering_by_grammar(text: &str) -> Option<usize> {
    let pairs = FisParser::parse(Rule::numbering, text).ok()?;
    pairs
        .flatten()
        .filter(|p| p.as_rule() != Rule::numbering)
        .map(|p| p.as_span().end())
        .max()
        .filter(|&end| end > 0)
}

#[test]
fn numbering_is_read_as_the_grammar_reads_it() {
    let mut texts: Vec<String> = [
        "第一部分 概况",
        "第十二部分",
        "第部分",
        "第一部",
        "一、",
        "十五、其他",
        "一",
        "一，",
        "（一）项目",
        "(二)",
        "（一)",
        "（）",
        "(1)",
        "（12）",
        "（1",
        "1、",
        "1．",
        "1.",
        "1.5万元",
        "12.a",
        "2021年",
        "附件1",
        "附件 1-1",
        "附件　2-3-4",
        "附件1-",
        "附件-1",
        "附件",
        "附件 ",
        "一二三四五六七八九十百零〇、",
        "",
        "第一部分部分",
        "1,2",
        "１、",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (_, text) in fixtures() {
        for line in text.lines() {
            let t = line.trim_start_matches([' ', '\t', '\u{3000}', '#', '\\']);
            texts.push(t.trim_start_matches([' ', '\t', '\u{3000}']).to_string());
            for cell in t.split('|') {
                texts.push(cell.trim().to_string());
            }
        }
    }
    for t in &texts {
        assert_eq!(numbering_len(t), numbering_by_grammar(t), "{t}");
    }
}

#[test]
fn a_question_mark_marks_a_cell_not_read_with_certainty() {
    let row = "1,022.32? | 95.42%? | -? | ^? | 12 |  3.5?  ";
    let n = row.matches('|').count() + 1;
    let values: Vec<String> = (0..n).map(|i| format!("列{i}")).collect();
    let src = format!(
        "{HEADER}table 甲 \"表\" {{\n  名称列 = -\n  columns {}\n  1 | 2 | 3 | 4 | 5 | 6\n{row}\n}}\n",
        values.join(" | ")
    );
    let parsed = check(&src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let rows = &parsed.report.tables[0].parts[0].rows;
    let unsure: Vec<bool> = rows[1].cells.iter().map(|c| c.uncertain).collect();
    assert_eq!(unsure, [true, true, true, true, false, true]);
    assert!(rows[0].cells.iter().all(|c| !c.uncertain));
    // The value is the figure's, the span takes the mark in.
    assert_eq!(
        written("1,022.32? | 95.42%? | -? | 12 |  3.5?  "),
        ["1022.32(2)", "95.42%(2)", "-", "12(0)", "3.5(1)"]
    );
    let cell = &rows[1].cells[0];
    assert_eq!(&src[cell.span.clone()], "1,022.32?");
    // Only right after the value: anything else is a malformed amount or text, as before.
    assert_eq!(error_codes("1,022.32 ? | 1"), ["syntax/malformed-amount"]);
    assert_eq!(error_codes("1,022.32?? | 1"), ["syntax/malformed-amount"]);
}
