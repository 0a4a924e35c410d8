//! The layout reader on small texts of our own (departments and figures invented, figures that
//! add up), one per quirk of the form, and on the two Shanghai texts of `../shared/reports/`
//! (not part of the project; skipped when absent), checked against values read off the text by
//! hand.

use super::*;
use crate::import::{table_source, BlockKind};
use crate::report::{CellValue, Report};

/// The tables of a document written as `.fis` and parsed back: the report, with no error.
fn parsed(doc: &Document) -> Report {
    let mut source =
        "report 决算 { 部门 = \"x\" 年度 = 2024 单位 = 万元 地区 = 上海 }\n".to_string();
    for t in &doc.tables {
        let (emitted, _) = table_source(t).unwrap_or_else(|| panic!("{} has no source", t.id));
        source.push_str(&emitted.text);
    }
    let parsed = crate::report::parse(&source);
    assert!(parsed.errors.is_empty(), "{:?}\n{source}", parsed.errors);
    parsed.report
}

/// The cells of one part of a parsed table (`-` for an empty cell).
fn cells(report: &Report, id: &str, part: usize) -> Vec<Vec<String>> {
    let t = report.table(id).unwrap_or_else(|| panic!("no table {id}"));
    t.parts[part]
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| match &c.value {
                    CellValue::Empty => "-".to_string(),
                    CellValue::Merged => "^".to_string(),
                    CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
                    CellValue::Text { value } => value.clone(),
                })
                .collect()
        })
        .collect()
}

fn headers(report: &Report, id: &str, part: usize) -> Vec<String> {
    report.table(id).unwrap().parts[part]
        .columns
        .iter()
        .map(|c| c.header.clone())
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A 05 table of an invented 某区档案局: columns aligned with spaces, a name wrapped over three
/// lines with the code on the middle one, and rows whose empty cells vanished.
const TABLE_05: &str = "\
                     一般公共预算财政拨款支出决算表
                                            单位：万元
              项目

                           合计      基本支出     项目支出
     功能分类
                   科目名称
     科目编码

    201        一般公共服务     40.00    30.00    10.00
               档案事务
    20126      及档案馆       40.00    30.00    10.00
               管理
    2012601    行政运行       30.00    30.00
               其他档案
    2012699                 10.00             10.00
               事务支出
              合计          40.00    30.00    10.00
注：本表反映部门本年度一般公共预算财政拨款支出情况。
";

#[test]
fn columns_aligned_with_spaces_are_read_cell_by_cell() {
    let doc = layout(TABLE_05);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(
        (t.id.as_str(), t.title.as_str()),
        ("05", "一般公共预算财政拨款支出决算表")
    );
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.lines, 1..20);
    let report = parsed(&doc);
    assert_eq!(
        headers(&report, "05", 0),
        [
            "功能分类科目编码",
            "科目名称",
            "合计",
            "基本支出",
            "项目支出"
        ]
    );
    assert_eq!(
        cells(&report, "05", 0),
        [
            row(&["201", "一般公共服务", "40.00", "30.00", "10.00"]),
            // Three lines, the code on the middle one.
            row(&["20126", "档案事务及档案馆管理", "40.00", "30.00", "10.00"]),
            // 项目支出 vanished at the end; 基本支出 vanished in the middle, told by its place.
            row(&["2012601", "行政运行", "30.00", "30.00", "-"]),
            row(&["2012699", "其他档案事务支出", "10.00", "-", "10.00"]),
            row(&["-", "合计", "40.00", "30.00", "10.00"]),
        ]
    );
}

#[test]
fn column_headers_wrapped_over_several_lines_are_one_header() {
    let text = "\
                                   支出决算表
                                                                    单位：万元
              项目
                                                              对附属单位
  功能分类               本年支出合计   基本支出   项目支出   上缴上级支出   经营支出
              科目名称                                            补助支出
  科目编码

          合计          12.50   12.50
208       社会保障和就业支出   12.50   12.50
注：本表反映部门本年度各项支出情况。
";
    let report = parsed(&layout(text));
    assert_eq!(
        headers(&report, "03", 0),
        [
            "功能分类科目编码",
            "科目名称",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    assert_eq!(
        cells(&report, "03", 0)[1],
        row(&[
            "208",
            "社会保障和就业支出",
            "12.50",
            "12.50",
            "-",
            "-",
            "-",
            "-"
        ])
    );
}

#[test]
fn page_numbers_running_titles_and_form_feeds_are_dropped() {
    let text = "\
某区档案局 2024 年度部门决算
  一、主要职能
  某区档案局负责全区档案工作的统筹规划和
组织协调。
- 1 -
\u{c}某区档案局 2024 年度部门决算
  二、机构设置
  本局设办公室、业务科两个内设机构。
- 2 -
\u{c}某区档案局 2024 年度部门决算
  三、人员情况
  年末实有人员 12 人。
- 3 -
";
    let doc = layout(text);
    let texts: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (BlockKind::Heading, "一、主要职能"),
            (
                BlockKind::Paragraph,
                "某区档案局负责全区档案工作的统筹规划和组织协调。"
            ),
            (BlockKind::Heading, "二、机构设置"),
            (BlockKind::Paragraph, "本局设办公室、业务科两个内设机构。"),
            (BlockKind::Heading, "三、人员情况"),
            (BlockKind::Paragraph, "年末实有人员 12 人。"),
        ]
    );
}

#[test]
fn words_closing_pages_at_different_heights_of_a_pdf_are_text() {
    // Three pages each closing with the same words: in text without places a running title,
    // dropped; in a PDF, where they are printed at a different height on each page, text.
    let text = "\
  一、项目概述
  某项目。
  详见单位的项目绩效目标表
\u{c}  二、项目概述
  另一项目，内容较多。
  详见单位的项目绩效目标表
\u{c}  三、项目概述
  第三个项目。
  详见单位的项目绩效目标表
";
    let kept = |doc: &Document| {
        doc.blocks
            .iter()
            .filter(|b| b.text == "详见单位的项目绩效目标表")
            .count()
    };
    assert_eq!(kept(&layout(text)), 0);
    let bases = [
        100.0, 130.0, 160.0, 100.0, 130.0, 190.0, 100.0, 130.0, 220.0,
    ];
    let printed: Vec<Option<Printed>> = bases
        .iter()
        .enumerate()
        .map(|(i, &base)| {
            Some(Printed {
                page: i / 3 + 1,
                base,
                ..Printed::default()
            })
        })
        .collect();
    assert_eq!(kept(&layout_at(text, &printed)), 3);
    // Printed at one height on every page, they are a running title.
    let same: Vec<Option<Printed>> = printed
        .iter()
        .map(|p| {
            p.clone().map(|mut p| {
                if p.base > 150.0 {
                    p.base = 500.0;
                }
                p
            })
        })
        .collect();
    assert_eq!(kept(&layout_at(text, &same)), 0);
}

#[test]
fn a_table_goes_on_after_a_page_break_its_headers_repeated_left_out() {
    let text = "\
                        收入决算表
                                        单位：万元
             项目
功能分类            本年收入合计    财政拨款收入
          科目名称
科目编码
             合计        20.00       20.00
201       一般公共服务支出     15.00       15.00
20126     档案事务        15.00       15.00
\u{c}功能分类            本年收入合计    财政拨款收入
          科目名称
科目编码
2012601   行政运行        15.00       15.00
208       社会保障和就业支出    5.00        5.00
注：本表反映部门本年度取得的各项收入情况。
";
    let doc = layout(text);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let report = parsed(&doc);
    let codes: Vec<String> = cells(&report, "02", 0)
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(codes, ["-", "201", "20126", "2012601", "208"]);
    assert_eq!(doc.tables[0].row_lines, [3, 7, 8, 9, 13, 14]);
    assert_eq!(
        doc.tables[0].notes,
        ["注：本表反映部门本年度取得的各项收入情况。"]
    );
}

/// An invented 01 with its numbering, its halves of different lengths.
const TABLE_01: &str = "\
第二部分 某区档案局 2024 年度部门决算表
一、收入支出决算总表
                                                  单位：万元
                 收入                          支出
            项目        决算数               项目         决算数
   一、一般公共预算财政拨款收入     40.00   一、一般公共服务支出          30.00
   二、上级补助收入                    二、社会保障和就业支出         10.00
                               三、卫生健康支出
       本年收入合计         40.00          本年支出合计       40.00
            总计        40.00            总计         40.00
注：本表反映部门本年度的总收支和年末结转结余情况。
";

#[test]
fn a_title_with_its_numbering_is_found_and_its_halves_read() {
    let doc = layout(TABLE_01);
    let t = &doc.tables[0];
    assert_eq!(
        (t.id.as_str(), t.title.as_str()),
        ("01", "收入支出决算总表")
    );
    assert_eq!(t.lines, 2..12);
    assert_eq!(doc.blocks.len(), 1, "{:?}", doc.blocks);
    let report = parsed(&doc);
    assert_eq!(headers(&report, "01", 1), ["项目", "决算数"]);
    assert_eq!(
        cells(&report, "01", 0),
        [
            row(&["一、一般公共预算财政拨款收入", "40.00"]),
            row(&["二、上级补助收入", "-"]),
            row(&["本年收入合计", "40.00"]),
            row(&["总计", "40.00"]),
        ]
    );
    assert_eq!(
        cells(&report, "01", 1),
        [
            row(&["一、一般公共服务支出", "30.00"]),
            row(&["二、社会保障和就业支出", "10.00"]),
            row(&["三、卫生健康支出", "-"]),
            row(&["本年支出合计", "40.00"]),
            row(&["总计", "40.00"]),
        ]
    );
}

#[test]
fn a_paragraph_wrapped_over_lines_with_stray_blank_lines_is_one() {
    let text = "\
   一、收入支出决算总体情况说明

   某区档案局 2024 年度收入支出总计 40.00

万元。与 2023 年度相比，收入支出总计增加 2.00 万元，增长

5.26%
                              。
  1、一般公共服务支出（类）档案事务（款）行政运行（项）
                              。
主要用于：档案馆日常运转。
第三部分    某区档案局 2024 年度部门决算情况
                     说明
";
    let doc = layout(text);
    let texts: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (BlockKind::Heading, "一、收入支出决算总体情况说明"),
            (
                BlockKind::Paragraph,
                "某区档案局 2024 年度收入支出总计 40.00 万元。与 2023 年度相比，收入支出总计增加 2.00 万元，增长 5.26%。"
            ),
            (
                BlockKind::Paragraph,
                "1、一般公共服务支出（类）档案事务（款）行政运行（项）。主要用于：档案馆日常运转。"
            ),
            (BlockKind::Heading, "第三部分 某区档案局 2024 年度部门决算情况说明"),
        ]
    );
    assert_eq!(
        (doc.blocks[1].lines.clone(), doc.blocks[1].joined),
        (3..9, true)
    );
}

#[test]
fn the_contents_listing_is_items_and_its_titles_are_no_tables() {
    let text = "\
 某区档案局
2024 年度部门决算
\u{c}               目   录
第一部分 某区档案局概况
一、主要职能
第二部分 某区档案局 2024 年度部门决算表
一、收入支出决算总表
第三部分 某区档案局 2024 年度部门决算情况
说明
\u{c}第一部分    某区档案局概况
";
    let doc = layout(text);
    assert!(doc.tables.is_empty());
    let texts: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (BlockKind::Paragraph, "某区档案局 2024 年度部门决算"),
            (BlockKind::Paragraph, "目录"),
            (BlockKind::ListItem, "第一部分 某区档案局概况"),
            (BlockKind::ListItem, "一、主要职能"),
            (
                BlockKind::ListItem,
                "第二部分 某区档案局 2024 年度部门决算表"
            ),
            (BlockKind::ListItem, "一、收入支出决算总表"),
            (
                BlockKind::ListItem,
                "第三部分 某区档案局 2024 年度部门决算情况说明"
            ),
            (BlockKind::Heading, "第一部分 某区档案局概况"),
        ]
    );
}

#[test]
fn an_empty_table_keeps_its_columns_and_notes() {
    let text = "\
                              政府性基金预算财政拨款收入支出决算表
                                                               单位：万元
            项目
                      年初结转和                                  年末结转和
     功能分类                       本年收入           本年支出
             科目名称       结余                                     结余
     科目编码

            合计                           合计    基本支出   项目支出



注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。
无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：
说明：某区档案局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。
";
    let doc = layout(text);
    assert_eq!(doc.tables[0].notes.len(), 3);
    assert_eq!(doc.tables[0].note_lines, [13, 14, 15]);
    let report = parsed(&doc);
    assert_eq!(
        headers(&report, "08", 0),
        [
            "功能分类科目编码",
            "科目名称",
            "年初结转和结余",
            "本年收入",
            "本年支出/合计",
            "本年支出/基本支出",
            "本年支出/项目支出",
            "年末结转和结余"
        ]
    );
    assert_eq!(
        cells(&report, "08", 0),
        [row(&["-", "合计", "-", "-", "-", "-", "-", "-"])]
    );
    assert_eq!(report.table("08").unwrap().notes.len(), 3);
}

#[test]
fn a_row_its_places_do_not_settle_is_placed_by_the_tables_arithmetic() {
    // 2012699's two figures stand one and a half columns apart: their places fit 合计 with
    // 基本支出 as well as 合计 with 项目支出. Its parent says 项目支出 (20126: 10.00 + 10.00 =
    // 20.00, 10.00 = 10.00 + -, 10.00 = - + 10.00).
    let text = "\
                  一般公共预算财政拨款支出决算表
                                         单位：万元
                        合计      基本支出     项目支出
  功能分类      科目名称
  科目编码
 20126      档案馆         20.00    10.00    10.00
 2012601    行政运行       10.00    10.00
 2012699    其他事务       10.00        10.00
注：本表反映部门本年度一般公共预算财政拨款支出情况。
";
    let doc = layout(text);
    let raw = &doc.tables[0];
    assert_eq!(
        raw.rows[3],
        ["2012699", "其他事务", "10.00", "10.00"],
        "left short"
    );
    let (_, warnings) = table_source(raw).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let report = parsed(&doc);
    assert_eq!(
        cells(&report, "05", 0),
        [
            row(&["20126", "档案馆", "20.00", "10.00", "10.00"]),
            row(&["2012601", "行政运行", "10.00", "10.00", "-"]),
            row(&["2012699", "其他事务", "10.00", "-", "10.00"]),
        ]
    );
}

#[test]
fn a_row_nothing_can_settle_is_a_warning_on_its_line() {
    let text = "\
                  一般公共预算财政拨款支出决算表
                                         单位：万元
                        合计      基本支出     项目支出
  功能分类      科目名称
  科目编码
 2012699    其他事务       10.00        10.00
注：本表反映部门本年度一般公共预算财政拨款支出情况。
";
    let doc = layout(text);
    let (_, warnings) = table_source(&doc.tables[0]).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].lines, 6..7);
}

/// The nine tables of a Shanghai text, in order, each with its `.fis` source.
fn nine(name: &str) -> Option<(Document, Report)> {
    let text = crate::import::shared_report(name)?;
    let doc = layout(&text);
    let ids: Vec<&str> = doc.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["01", "02", "03", "04", "05", "06", "07", "08", "09"]);
    for t in &doc.tables {
        assert!(table_source(t).is_some(), "{}", t.id);
        assert_eq!(t.unit.as_deref(), Some("万元"), "{}", t.id);
    }
    let report = parsed(&doc);
    Some((doc, report))
}

/// Putuo's 03, every row as printed (lines 171-205 of the text), checked by hand: 合计 307.82 =
/// 105.58 + 202.24; 201 264.87 = 62.63 + 202.24; 62.63 = 51.32 + 11.31; the 类 264.87 + 10.82 +
/// 2.71 + 29.42 = 307.82.
#[test]
fn putuos_table_03_reads_as_printed() {
    let Some((doc, report)) = nine("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(
        headers(&report, "03", 0),
        [
            "功能分类科目编码",
            "科目名称",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    let expected = [
        ["-", "合计", "307.82", "105.58", "202.24", "-", "-", "-"],
        [
            "201",
            "一般公共服务支出",
            "264.87",
            "62.63",
            "202.24",
            "-",
            "-",
            "-",
        ],
        [
            "20139",
            "社会工作事务",
            "264.87",
            "62.63",
            "202.24",
            "-",
            "-",
            "-",
        ],
        ["2013901", "行政运行", "51.32", "51.32", "-", "-", "-", "-"],
        ["2013950", "事业运行", "11.31", "11.31", "-", "-", "-", "-"],
        [
            "2013999",
            "其他社会工作事务支出",
            "202.24",
            "-",
            "202.24",
            "-",
            "-",
            "-",
        ],
        [
            "208",
            "社会保障和就业支出",
            "10.82",
            "10.82",
            "-",
            "-",
            "-",
            "-",
        ],
        [
            "20805",
            "行政事业单位养老支出",
            "10.82",
            "10.82",
            "-",
            "-",
            "-",
            "-",
        ],
        [
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            "6.18",
            "6.18",
            "-",
            "-",
            "-",
            "-",
        ],
        [
            "2080506",
            "机关事业单位职业年金缴费支出",
            "4.64",
            "4.64",
            "-",
            "-",
            "-",
            "-",
        ],
        ["210", "卫生健康支出", "2.71", "2.71", "-", "-", "-", "-"],
        [
            "21011",
            "行政事业单位医疗",
            "2.71",
            "2.71",
            "-",
            "-",
            "-",
            "-",
        ],
        [
            "2101101",
            "行政单位医疗",
            "2.22",
            "2.22",
            "-",
            "-",
            "-",
            "-",
        ],
        [
            "2101102",
            "事业单位医疗",
            "0.49",
            "0.49",
            "-",
            "-",
            "-",
            "-",
        ],
        ["221", "住房保障支出", "29.42", "29.42", "-", "-", "-", "-"],
        [
            "22102",
            "住房改革支出",
            "29.42",
            "29.42",
            "-",
            "-",
            "-",
            "-",
        ],
        [
            "2210201",
            "住房公积金",
            "17.70",
            "17.70",
            "-",
            "-",
            "-",
            "-",
        ],
        ["2210203", "购房补贴", "11.72", "11.72", "-", "-", "-", "-"],
    ];
    let expected: Vec<Vec<String>> = expected.iter().map(|r| row(r)).collect();
    assert_eq!(cells(&report, "03", 0), expected);
}

/// Putuo's 05 (lines 280-327), every row as printed, names over three lines put together; the
/// 合计 row is printed last. 2013999 has no 基本支出 (202.24 under 项目支出).
#[test]
fn putuos_table_05_reads_as_printed() {
    let Some((_, report)) = nine("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    assert_eq!(
        headers(&report, "05", 0),
        [
            "功能分类科目编码",
            "科目名称",
            "合计",
            "基本支出",
            "项目支出"
        ]
    );
    let expected = [
        ["201", "一般公共服务支出", "264.87", "62.63", "202.24"],
        ["20139", "社会工作事务", "264.87", "62.63", "202.24"],
        ["2013901", "行政运行", "51.32", "51.32", "-"],
        ["2013950", "事业运行", "11.31", "11.31", "-"],
        ["2013999", "其他社会工作事务支出", "202.24", "-", "202.24"],
        ["208", "社会保障和就业支出", "10.82", "10.82", "-"],
        ["20805", "行政事业单位养老支出", "10.82", "10.82", "-"],
        [
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            "6.18",
            "6.18",
            "-",
        ],
        [
            "2080506",
            "机关事业单位职业年金缴费支出",
            "4.64",
            "4.64",
            "-",
        ],
        ["210", "卫生健康支出", "2.71", "2.71", "-"],
        ["21011", "行政事业单位医疗", "2.71", "2.71", "-"],
        ["2101101", "行政单位医疗", "2.22", "2.22", "-"],
        ["2101102", "事业单位医疗", "0.49", "0.49", "-"],
        ["221", "住房保障支出", "29.42", "29.42", "-"],
        ["22102", "住房改革支出", "29.42", "29.42", "-"],
        ["2210201", "住房公积金", "17.70", "17.70", "-"],
        ["2210203", "购房补贴", "11.72", "11.72", "-"],
        ["-", "合计", "307.82", "105.58", "202.24"],
    ];
    let expected: Vec<Vec<String>> = expected.iter().map(|r| row(r)).collect();
    assert_eq!(cells(&report, "05", 0), expected);
}

/// Putuo's 01 (lines 85-119): the rows with figures, some empty ones, the totals. 支出:
/// 264.87 + 10.82 + 2.71 + 29.42 = 307.82.
#[test]
fn putuos_table_01_reads_as_printed() {
    let Some((_, report)) = nine("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    assert_eq!(headers(&report, "01", 0), ["项目", "决算数"]);
    let income = cells(&report, "01", 0);
    let spending = cells(&report, "01", 1);
    for r in [
        ["一、一般公共预算财政拨款收入", "307.82"],
        ["二、政府性基金预算财政拨款收入", "-"],
        ["八、其他收入", "-"],
        ["本年收入合计", "307.82"],
        ["使用非财政拨款结余", "-"],
        ["年初结转和结余", "-"],
        ["总计", "307.82"],
    ] {
        assert!(income.contains(&row(&r)), "{r:?} in {income:?}");
    }
    assert_eq!(income.len(), 12);
    for r in [
        ["一、一般公共服务支出", "264.87"],
        ["二、外交支出", "-"],
        ["八、社会保障和就业支出", "10.82"],
        ["九、卫生健康支出", "2.71"],
        ["十九、住房保障支出", "29.42"],
        ["二十六、抗疫特别国债安排的支出", "-"],
        ["本年支出合计", "307.82"],
        ["结余分配", "-"],
        ["年末结转和结余", "-"],
        ["总计", "307.82"],
    ] {
        assert!(spending.contains(&row(&r)), "{r:?} in {spending:?}");
    }
    assert_eq!(spending.len(), 30);
}

/// Putuo's 06 (lines 328-386): the rows with figures of both groups, codes and names printed on
/// separate lines or run together on the right, the totals. 人员经费: 14.12 + 39.72 + 10.16 +
/// 6.18 + 4.64 + 2.71 + 0.09 + 17.70 + 0.04 = 95.36.
#[test]
fn putuos_table_06_reads_as_printed() {
    let Some((_, report)) = nine("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    assert_eq!(
        headers(&report, "06", 0),
        ["经济分类科目编码", "科目名称", "决算数"]
    );
    let people = cells(&report, "06", 0);
    for r in [
        ["301", "工资福利支出", "95.36"],
        ["30101", "基本工资", "14.12"],
        ["30102", "津贴补贴", "39.72"],
        ["30103", "奖金", "0.00"],
        ["30107", "绩效工资", "10.16"],
        ["30108", "机关事业单位基本养老保险缴费", "6.18"],
        ["30109", "职业年金缴费", "4.64"],
        ["30110", "职工基本医疗保险缴费", "2.71"],
        ["30111", "公务员医疗补助缴费", "0.00"],
        ["30112", "其他社会保障缴费", "0.09"],
        ["30113", "住房公积金", "17.70"],
        ["30199", "其他工资福利支出", "0.04"],
        ["303", "对个人和家庭的补助", "0.00"],
        ["30399", "其他对个人和家庭的补助", "0.00"],
    ] {
        assert!(people.contains(&row(&r)), "{r:?} in {people:?}");
    }
    assert_eq!(people.len(), 28);
    assert_eq!(people.last(), Some(&row(&["-", "人员经费合计", "95.36"])));
    let public = cells(&report, "06", 1);
    for r in [
        ["302", "商品和服务支出", "10.23"],
        ["30201", "办公费", "3.78"],
        ["30211", "差旅费", "1.15"],
        ["30213", "维修（护）费", "0.02"],
        ["30226", "劳务费", "0.68"],
        ["30227", "委托业务费", "0.48"],
        ["30229", "福利费", "1.48"],
        ["30239", "其他交通费用", "2.43"],
        ["30299", "其他商品和服务支出", "0.20"],
        ["310", "资本性支出", "0.00"],
        ["31001", "房屋建筑物购建", "0.00"],
        ["31007", "信息网络及软件购置更新", "0.00"],
        ["31099", "其他资本性支出", "0.00"],
    ] {
        assert!(public.contains(&row(&r)), "{r:?} in {public:?}");
    }
    assert_eq!(public.len(), 39);
    assert_eq!(public.last(), Some(&row(&["-", "公用经费合计", "10.23"])));
}

/// Putuo's empty 07, 08 and 09: their columns, no figures, their notes and the 说明 line.
#[test]
fn putuos_empty_tables_keep_their_columns_and_notes() {
    let Some((doc, report)) = nine("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    assert_eq!(
        headers(&report, "07", 0),
        [
            "项目",
            "合计",
            "因公出国（境）费",
            "公务用车购置及运行维护费/小计",
            "公务用车购置及运行维护费/公务用车购置费",
            "公务用车购置及运行维护费/公务用车运行维护费",
            "公务接待费"
        ]
    );
    assert!(cells(&report, "07", 0).is_empty());
    for id in ["08", "09"] {
        assert_eq!(
            cells(&report, id, 0),
            [row(&["-", "合计", "-", "-", "-", "-", "-", "-"])],
            "{id}"
        );
        assert_eq!(headers(&report, id, 0)[4], "本年支出/合计");
    }
    for (id, count) in [("07", 2), ("08", 3), ("09", 3)] {
        let t = doc.tables.iter().find(|t| t.id == id).unwrap();
        assert_eq!(t.notes.len(), count, "{id}: {:?}", t.notes);
        assert!(t.notes[0].starts_with("注："), "{id}");
        assert!(t.notes[count - 1].ends_with("故本表无数据。"), "{id}");
    }
}

/// Putuo's prose: headings, paragraphs unwrapped, no table line among the blocks.
#[test]
fn putuos_prose_is_headings_and_whole_paragraphs() {
    let Some(text) = crate::import::shared_report("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    let doc = layout(&text);
    let find = |s: &str| {
        doc.blocks
            .iter()
            .find(|b| b.kind != BlockKind::ListItem && b.text.starts_with(s))
    };
    let part3 = find("第三部分").unwrap();
    assert_eq!(part3.kind, BlockKind::Heading);
    assert!(part3.text.ends_with("情况说明"), "{}", part3.text);
    let p = find("本年支出合计 307.82 万元").unwrap();
    assert_eq!(
        p.text,
        "本年支出合计 307.82 万元，其中：基本支出 105.58 万元，占 34.30%；项目支出 202.24 万元，占 65.70%。"
    );
    let items = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .count();
    assert_eq!(items, 26);
    for t in &doc.tables {
        assert!(doc
            .blocks
            .iter()
            .all(|b| b.lines.end <= t.lines.start || b.lines.start >= t.lines.end));
    }
}

/// The template: placeholders, no figures; every table found with its columns.
#[test]
fn the_templates_tables_are_found_with_their_columns() {
    let Some((_, report)) = nine("shanghai-template-2024.txt") else {
        return;
    };
    assert_eq!(headers(&report, "02", 0).len(), 9);
    assert_eq!(headers(&report, "03", 0).len(), 8);
    assert_eq!(
        headers(&report, "04", 1),
        [
            "项目",
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    assert_eq!(
        headers(&report, "05", 0),
        [
            "功能分类科目编码",
            "科目名称",
            "合计",
            "基本支出",
            "项目支出"
        ]
    );
    assert_eq!(
        headers(&report, "06", 1),
        ["经济分类科目编码", "科目名称", "决算数"]
    );
    assert_eq!(headers(&report, "07", 0).len(), 7);
    assert_eq!(headers(&report, "08", 0).len(), 8);
    assert_eq!(headers(&report, "09", 0).len(), 8);
    let public = cells(&report, "06", 1);
    assert!(
        public.contains(&row(&["30207", "邮电费", "-"])),
        "{public:?}"
    );
    assert!(
        public.contains(&row(&["31007", "信息网络及软件购置更新", "-"])),
        "{public:?}"
    );
}
