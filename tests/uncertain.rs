//! No finding rests on a figure that was not read with certainty (issue 16, item 3): a cell the
//! importer marks `?` silences every finding whose verdict would rest on it, and its table gets
//! one `import/unchecked` warning instead, naming every rule that read it (passing or not) and
//! pointing at the rows.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

const SEED: &str = include_str!("../fixtures/reports/hetang-2021.fis");

/// `fislint ARGS FILE` on `text` written to a scratch file: exit code and standard output.
fn check(text: &str, args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.fis");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The seed with table 01's 总计 (the figure the growth-rate error of its prose rests on)
/// marked as not read with certainty.
fn seed_with_unsure_total() -> String {
    let line = "    总计                             | 13 | 1,025.90";
    assert!(SEED.contains(line), "the seed's 01 总计 row moved");
    SEED.replacen(line, &format!("{line}?"), 1)
}

#[test]
fn a_finding_resting_on_an_uncertain_cell_becomes_a_notice_on_its_table() {
    let args = ["check", "--no-config", "--format", "short"];
    // As read with certainty, the prose's growth rate is an error.
    let (_, certain) = check(SEED, &args);
    assert!(certain.contains("error[prose-total-growth]"), "{certain}");
    assert!(!certain.contains("import/unchecked"), "{certain}");
    let (code, unsure) = check(&seed_with_unsure_total(), &args);
    assert!(!unsure.contains("error[prose-total-growth]"), "{unsure}");
    let notices: Vec<&str> = unsure
        .lines()
        .filter(|l| l.contains("import/unchecked"))
        .collect();
    assert_eq!(notices.len(), 1, "{unsure}");
    // Every rule that read the cell is named, those that pass on it too: a check that passes
    // on a figure that may not be the printed one was not made. Rule order, as they ran.
    assert!(!certain.contains("t01-totals-balance"), "{certain}");
    assert!(
        notices[0].contains(
            "warning[import/unchecked]: 无法核对：表01 有 1 行未能可靠读取，规则 \
             t01-income-grand-total、t01-totals-balance、prose-total-matches-t01、\
             prose-total-growth 未核对"
        ),
        "{}",
        notices[0]
    );
    // The seed's other errors still count.
    assert_eq!(code, 1);
}

#[test]
fn the_notice_points_at_the_rows_and_survives_quiet() {
    let (_, human) = check(
        &seed_with_unsure_total(),
        &["check", "--no-config", "--quiet"],
    );
    assert!(human.contains("warning[import/unchecked]"), "{human}");
    assert!(human.contains("此行未能可靠读取"), "{human}");
    assert!(human.contains("1,025.90?"), "{human}");
    let (_, json) = check(
        &seed_with_unsure_total(),
        &["check", "--no-config", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let notice = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "import/unchecked")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(notice["severity"], "warning");
    assert_eq!(
        notice["labels"].as_array().map(Vec::len),
        Some(1),
        "{notice:#}"
    );
}

#[test]
fn dump_says_which_cells_are_uncertain() {
    let (code, json) = check(&seed_with_unsure_total(), &["dump"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let t01 = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "01")
        .unwrap();
    let unsure: Vec<&serde_json::Value> = t01["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["rows"].as_array().unwrap())
        .flat_map(|r| r["cells"].as_array().unwrap())
        .filter(|c| c.get("uncertain").is_some())
        .collect();
    assert_eq!(unsure.len(), 1, "{t01:#}");
    assert_eq!(unsure[0]["written"], "1,025.90");
    assert_eq!(unsure[0]["uncertain"], true);
}

/// A table of extracted text whose two 项 rows were each printed with one figure of three: the
/// table's arithmetic cannot tell which column it is in.
const SHORT_ROWS: &str = "某局2021年度部门决算\n\n一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t10.00\t5.00\t5.00\n\
201\t一般公共服务支出\t10.00\t5.00\t5.00\n2010101\t行政运行\t5.00\n2010102\t一般行政管理事务\t5.00\n";

fn run_text(args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), SHORT_ROWS).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .arg("report.txt")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn rows_whose_cells_were_placed_by_a_guess_are_imported_uncertain_and_not_checked() {
    let (code, fis, _) = run_text(&["import"]);
    assert_eq!(code, 0);
    assert!(
        fis.contains("  2010101 | 行政运行 | 5.00? | -? | -?\n"),
        "{fis}"
    );
    assert!(
        fis.contains("  201 | 一般公共服务支出 | 10.00 | 5.00 | 5.00\n"),
        "{fis}"
    );
    let (_, short, _) = run_text(&["check", "--no-config", "--format", "short"]);
    // Read as padded, the rows would break the row identity; that verdict rests on guesses.
    assert!(!short.contains("error[t05-row-total]"), "{short}");
    assert!(
        short.contains("warning[import/unchecked]: 无法核对：表05 有 2 行未能可靠读取，规则 t05-row-total 未核对"),
        "{short}"
    );
    let (_, human, _) = run_text(&["check", "--no-config"]);
    assert!(
        human.starts_with(
            // Of the nine: the other eight are not in the text, which has no contents listing
            // to say whether they should be.
            "导入 report.txt（UTF-8，制表符分隔的文本）：已读取 1/9 张表，4 行，其中 2 行不确定\n"
        ),
        "{human}"
    );
}

#[test]
fn a_table_found_but_not_read_is_not_missing_and_its_rules_say_they_could_not_check() {
    let text = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 上海 }\n\
table 03 \"支出决算表\" {\n  未读取 = \"未能读出表格结构\"\n}\n";
    let (_, short) = check(text, &["check", "--no-config", "--format", "short"]);
    assert!(short.contains("缺少表 01"), "{short}");
    assert!(!short.contains("缺少表 03"), "{short}");
    // Not an empty table missing its note either: it was not read at all.
    assert!(!short.contains("表03没有数据"), "{short}");
    let notice: Vec<&str> = short
        .lines()
        .filter(|l| l.contains("import/unchecked"))
        .collect();
    assert_eq!(notice.len(), 1, "{short}");
    assert!(
        notice[0].contains("warning[import/unchecked]: 未能读取表03（支出决算表）：未能读出表格结构；规则 t03-row-total"),
        "{}",
        notice[0]
    );
    let (_, json) = check(text, &["dump"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["tables"][0]["unread"], "未能读出表格结构");
}

#[test]
fn the_importer_writes_a_table_it_cannot_read_as_unread() {
    let text =
        "某局2021年度部门决算\n\n支出决算表\n公开03表\n单位：万元\n项目\t合计\n合计\t10.00\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(["import", "report.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let fis = String::from_utf8(out.stdout).unwrap();
    assert!(
        fis.contains("table 03 \"支出决算表\" {\n  未读取 = \"未能读出表格结构\"\n}\n"),
        "{fis}"
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("已记为未读取"));
}

/// Table 05 in the `pdftotext -layout` form under a cover; `行政运行`'s line holds figures but no
/// code when `coded` is false (a code the reader lost).
fn table_05_text(coded: bool) -> String {
    let lost = if coded { "    2010101" } else { "           " };
    format!(
        "            某市某局2024年度部门决算\n\n\
         \x20                    一般公共预算财政拨款支出决算表\n\
         \x20                                           单位：万元\n\
         \x20                          合计      基本支出     项目支出\n\
         \x20    功能分类      科目名称\n\
         \x20    科目编码\n\
         \x20   201        一般公共服务     40.00    30.00    10.00\n\
         \x20   20101      人大事务         40.00    30.00    10.00\n\
         {lost}    行政运行         30.00    30.00\n\
         \x20   2010199    其他事务         10.00             10.00\n\
         \x20             合计            40.00    30.00    10.00\n\
         注：本表反映部门本年度一般公共预算财政拨款支出情况。\n"
    )
}

/// `fislint ARGS FILE` on `text` written to a scratch `.txt`: standard output.
fn run_on_text(text: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_line_with_figures_but_no_code_leaves_its_tables_sums_unchecked() {
    let args = ["check", "--no-config", "--format", "short"];
    // Read whole, table 05 adds up.
    let whole = run_on_text(&table_05_text(true), &args);
    assert!(!whole.contains("[t05-"), "{whole}");
    assert!(!whole.contains("表05"), "{whole}");
    // Without the 行政运行 row, 20101's children sum to 10.00 against 40.00: an error that
    // the report does not have. The table says a line was not read instead, and every rule
    // over a set of its rows is unchecked.
    let lost = run_on_text(&table_05_text(false), &args);
    assert!(!lost.contains("error[t05-"), "{lost}");
    assert!(
        lost.contains(
            "warning[import/unchecked]: 无法核对：表05 有未能读入的行（原文第 10 行有数字未能读入），\
             规则 t05-code-hierarchy"
        ),
        "{lost}"
    );
    assert!(lost.contains("第 10 行有数字却没有科目编码"), "{lost}");
    // The `.fis` written by `import` says so too, and keeps it through a round trip.
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("report.txt");
    std::fs::write(&text, table_05_text(false)).unwrap();
    let fis = dir.path().join("report.fis");
    let status = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .arg("import")
        .arg(&text)
        .arg("-o")
        .arg(&fis)
        .status()
        .unwrap();
    assert!(status.success());
    let source = std::fs::read_to_string(&fis).unwrap();
    assert!(
        source.contains("  缺行 = \"原文第 10 行有数字未能读入\"\n"),
        "{source}"
    );
    let (_, from_fis) = check(&source, &args);
    assert!(!from_fis.contains("error[t05-"), "{from_fis}");
    assert!(from_fis.contains("有未能读入的行"), "{from_fis}");
    let dump = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .arg("dump")
        .arg(&fis)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    let t05 = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "05")
        .unwrap();
    assert_eq!(t05["missing_rows"], "原文第 10 行有数字未能读入");
}

/// A tabbed 决算 text whose contents listing names tables 03 and 05, of which only 05 is printed.
const LISTED: &str = "某局2021年度部门决算\n\n目录\n\n第一部分 部门概况\n第二部分 2021年度部门决算表\n\
三、支出决算表\n五、一般公共预算财政拨款支出决算表\n\n第一部分 部门概况\n\n一、部门职责\n\n负责全区的某项工作。\n\n\
第二部分 2021年度部门决算表\n\n一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t10.00\t5.00\t5.00\n\
201\t一般公共服务支出\t10.00\t5.00\t5.00\n2010101\t行政运行\t10.00\t5.00\t5.00\n";

#[test]
fn a_table_the_listing_names_but_the_reader_did_not_find_is_not_read_not_missing() {
    let short = run_on_text(LISTED, &["check", "--no-config", "--format", "short"]);
    // Listed and not found: the reader may have missed it.
    assert!(!short.contains("缺少表 03"), "{short}");
    assert!(
        short.contains(
            "warning[import/unchecked]: 未能读取表03（支出决算表）：目录列有此表，但正文中未能找到；\
             规则 t03-row-total"
        ),
        "{short}"
    );
    // Neither listed nor named anywhere, in a report with a listing: the report lacks it.
    assert!(
        short.contains("error[required-tables]: 缺少表 01"),
        "{short}"
    );
    assert!(!short.contains("未能读取表01"), "{short}");
    let human = run_on_text(LISTED, &["check", "--no-config"]);
    assert!(
        human.contains("report.txt（UTF-8，制表符分隔的文本）：已读取 1/2 张表，"),
        "{human}"
    );
}
