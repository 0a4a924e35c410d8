//! The parser's tree: nesting, column roles, lookups, cells, suppressions, line endings, and
//! error collection, each checked on a small source.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::report::{self, CellValue, Report};

const HEADER: &str = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n";

/// Parses `body` after a valid header and asserts it has no errors.
fn parse(body: &str) -> Report {
    let src = format!("{HEADER}{body}");
    let parsed = report::parse(&src);
    assert!(
        parsed.errors.is_empty(),
        "unexpected errors: {:?}",
        parsed.errors
    );
    parsed.report
}

/// The errors of `body` after a valid header, as (line, column, code).
fn errors(body: &str) -> Vec<(usize, usize, &'static str)> {
    let src = format!("{HEADER}{body}");
    let lines = report::LineIndex::new(&src);
    report::parse(&src)
        .errors
        .iter()
        .map(|e| {
            let line = lines.line(e.span.start);
            let line_start = src[..e.span.start].rfind('\n').map_or(0, |i| i + 1);
            (
                line,
                src[line_start..e.span.start].chars().count() + 1,
                e.kind.code(),
            )
        })
        .collect()
}

#[test]
fn sections_nest_by_heading_level() {
    let r = parse("# 第一部分 概况\n## 一、部门职责\n### （一）主要职责\n## 二、机构设置\n# 第二部分 决算表\n");
    let parents: Vec<Option<usize>> = r.sections.iter().map(|s| s.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(1), Some(0), None]);
    assert_eq!(r.children(0).count(), 2);
}

#[test]
fn paragraphs_belong_to_the_innermost_section() {
    let r = parse(
        "封面文字\n# 第一部分 概况\n概况正文。\n## 一、部门职责\n（一）职责一。\n（二）职责二。\n",
    );
    assert_eq!(r.front.len(), 1);
    assert_eq!(r.sections[0].paragraphs.len(), 1);
    let texts: Vec<&str> = r.sections[1]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["（一）职责一。", "（二）职责二。"]);
}

#[test]
fn paragraphs_are_verbatim_and_escapes_are_removed() {
    let r = parse("# 说明\n  前后空格会去掉　\n\\# 不是标题\n\\table 也不是表格\n");
    let texts: Vec<&str> = r.sections[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["前后空格会去掉", "# 不是标题", "table 也不是表格"]);
}

#[test]
fn spans_point_at_the_text() {
    let src = format!("{HEADER}# 第一部分 概况\n概况正文。\n");
    let r = report::parse(&src).report;
    assert_eq!(&src[r.sections[0].heading.span.clone()], "第一部分 概况");
    assert_eq!(&src[r.sections[0].paragraphs[0].span.clone()], "概况正文。");
}

#[test]
fn the_code_column_is_the_one_named_bianma_and_the_name_column_follows_it() {
    let r = parse("table 05 \"支出\" {\n  columns 功能分类科目编码 | 科目名称 | 小计\n  - | 合计 | 1.00\n  201 | 一般公共服务支出 | 1.00\n}\n");
    let t = r.table("05").unwrap();
    assert_eq!(
        (t.parts[0].code_column, t.parts[0].name_column),
        (Some(0), Some(1))
    );
    let (_, row) = t.row_by_code("201").unwrap();
    assert_eq!(row.name.as_deref(), Some("一般公共服务支出"));
    let (_, total) = t.row_by_name("合计").unwrap();
    assert_eq!(total.code, None);
}

#[test]
fn without_a_code_column_the_first_column_names_rows() {
    let r = parse("table 07 \"三公\" {\n  columns 项目 | 合计\n  决算数 | 0.24\n}\n");
    let p = &r.table("07").unwrap().parts[0];
    assert_eq!((p.code_column, p.name_column), (None, Some(0)));
}

#[test]
fn column_roles_can_be_overridden() {
    let r = parse("table 附件1 \"自评表\" {\n  名称列 = 三级指标\n  columns 一级指标 | 三级指标 | 分值\n  产出指标 | 数量 | 10\n}\n");
    let t = r.table("附件1").unwrap();
    assert_eq!(t.parts[0].name_column, Some(1));
    assert!(t.row_by_name("数量").is_some());
    let r =
        parse("table x \"无编码\" {\n  编码列 = -\n  columns 科目编码说明 | 金额\n  甲 | 1\n}\n");
    assert_eq!(r.table("x").unwrap().parts[0].code_column, None);
}

#[test]
fn columns_are_found_by_header_or_by_an_unambiguous_last_segment() {
    let r = parse("table 05 \"支出\" {\n  columns 项目 | 本年支出/小计 | 本年支出/基本支出 | 上年/小计\n  合计 | 1 | 2 | 3\n}\n");
    let p = &r.table("05").unwrap().parts[0];
    assert_eq!(p.column("本年支出/小计"), Some(1));
    assert_eq!(p.column("基本支出"), Some(2));
    assert_eq!(p.column("小计"), None, "two columns end in 小计");
    assert_eq!(p.column("不存在"), None);
}

#[test]
fn columns_are_found_however_a_province_words_their_headers() {
    // Shanghai's table 05 heads its total 合计, Hunan's 小计; its 07 says 运行维护费 and prints
    // full-width brackets.
    let r = parse(concat!(
        "table 05 \"支出\" {\n  columns 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n  201 | 一般公共服务支出 | 3 | 1 | 2\n}\n",
        "table 07 \"三公\" {\n  columns 项目 | 合计 | 因公出国（境）费 | 公务用车购置及运行维护费/小计 | 公务用车购置及运行维护费/公务用车运行维护费 | 公务接待费\n",
        "  决算数 | 1 | - | 1 | 1 | -\n}\n",
    ));
    let p = &r.table("05").unwrap().parts[0];
    assert_eq!(p.column("小计"), Some(2));
    let p = &r.table("07").unwrap().parts[0];
    assert_eq!(
        p.column("合计"),
        Some(1),
        "its own 合计, not the group's 小计"
    );
    assert_eq!(
        p.column("小计"),
        Some(3),
        "the group's 小计, by its last segment"
    );
    assert_eq!(p.column("因公出国(境)费"), Some(2));
    assert_eq!(p.column("公务用车购置及运行费/小计"), Some(3));
    assert_eq!(p.column("公务用车购置及运行费/公务用车运行费"), Some(4));
    assert_eq!(p.column("公务用车运行费"), Some(4));
    assert_eq!(p.column("公务用车购置费"), None);
    // A group by its total: the 单位预算's 01 prints 预算数 over 合计, 基本支出 and 项目支出.
    let r = parse(concat!(
        "table 01 \"总表\" {\n  columns 项目 | 预算数/合计 | 预算数/基本支出/人员经费 | 预算数/项目支出\n",
        "  支出总计 | 3 | 1 | 2\n}\n",
    ));
    let p = &r.table("01").unwrap().parts[0];
    assert_eq!(p.column("预算数"), Some(1));
    assert_eq!(p.column("决算数"), None);
    // A year printed before the headers (万里街道's 2024 07).
    let r = parse(concat!(
        "table 07 \"三公\" {\n  columns 2024年“三公”经费预算数/合计 | 2024年机关运行经费预算数\n",
        "  1 | 2\n}\n",
    ));
    let p = &r.table("07").unwrap().parts[0];
    assert_eq!(p.column("机关运行经费预算数"), Some(1));
    assert_eq!(p.column("“三公”经费预算数/合计"), Some(0));
}

#[test]
fn parts_hold_side_by_side_lists_and_rows_are_found_across_them() {
    let r = parse(concat!(
        "table 01 \"总表\" {\n",
        "  part 收入 {\n    columns 项目 | 行次 | 决算数\n    本年收入合计 | 10 | 1022.32\n  }\n",
        "  part 支出 {\n    columns 项目 | 行次 | 决算数\n    本年支出合计 | 23 | 1,022.64\n  }\n",
        "  note 注：本表反映部门本年度的总收支。\n}\n"
    ));
    let t = r.table("01").unwrap();
    assert_eq!(t.parts.len(), 2);
    assert_eq!(t.part("支出").unwrap().rows.len(), 1);
    let (part, row) = t.row_by_name("本年支出合计").unwrap();
    assert_eq!(part.name.as_deref(), Some("支出"));
    assert_eq!(
        part.cell(row, "决算数").unwrap().amount().unwrap().written,
        "1,022.64"
    );
    assert_eq!(t.notes[0].text, "注：本表反映部门本年度的总收支。");
}

#[test]
fn cells_are_amounts_percentages_empty_or_text() {
    let r = parse("table t \"表\" {\n  columns 项目 | a | b | c | d | e | f\n  行 | 1,022.30 | 95.42% | - | 有所增强 | \"12 次\" | -0.5\n}\n");
    let cells: Vec<CellValue> = r.table("t").unwrap().parts[0].rows[0]
        .cells
        .iter()
        .map(|c| c.value.clone())
        .collect();
    let amount = |c: &CellValue| match c {
        CellValue::Amount(n) | CellValue::Percent(n) => (n.value.to_string(), n.decimals),
        _ => panic!("{c:?} is not a number"),
    };
    assert_eq!(amount(&cells[1]), ("1022.30".into(), 2));
    assert!(matches!(cells[2], CellValue::Percent(_)));
    assert_eq!(amount(&cells[2]), ("95.42".into(), 2));
    assert_eq!(cells[3], CellValue::Empty);
    assert_eq!(
        cells[4],
        CellValue::Text {
            value: "有所增强".into()
        }
    );
    assert_eq!(
        cells[5],
        CellValue::Text {
            value: "12 次".into()
        }
    );
    assert_eq!(amount(&cells[6]), ("-0.5".into(), 1));
}

#[test]
fn suppressions_apply_to_the_next_element_or_to_their_own_line() {
    let src = format!(
        "{HEADER}// fislint: allow prose-amount -- 口径不同\n本年收入1022.32万元。\ntable 05 \"支出\" {{\n  columns 项目 | 金额\n  // fislint: allow sum-children, code-name -- 科目调整\n  合计 | 1\n  甲 | 2 // fislint: allow x -- 理由\n}}\n// fislint: allow y -- 结尾没有元素\n"
    );
    let parsed = report::parse(&src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let s = &parsed.report.suppressions;
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].rules, ["prose-amount"]);
    assert_eq!(s[0].reason, "口径不同");
    assert_eq!(&src[s[0].target.clone().unwrap()], "本年收入1022.32万元。");
    assert_eq!(s[1].rules, ["sum-children", "code-name"]);
    assert_eq!(&src[s[1].target.clone().unwrap()], "合计 | 1");
    assert_eq!(&src[s[2].target.clone().unwrap()], "甲 | 2");
    assert_eq!(s[3].target, None);
}

#[test]
fn a_suppression_before_a_table_covers_the_whole_table() {
    let src = format!("{HEADER}// fislint: allow t -- 整表\ntable 05 \"支出\" {{\n  columns 项目 | 金额\n  合计 | 1\n}}\n");
    let parsed = report::parse(&src);
    let target = parsed.report.suppressions[0].target.clone().unwrap();
    assert!(src[target].starts_with("table 05") && src.trim_end().ends_with('}'));
}

#[test]
fn crlf_and_a_byte_order_mark_read_the_same_as_lf() {
    let lf = format!(
        "{HEADER}# 第一部分 概况\ntable 05 \"支出\" {{\n  columns 项目 | 金额\n  合计 | 1.00\n}}\n"
    );
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let (text_a, a) = report::parse_bytes(lf.as_bytes());
    let (text_b, b) = report::parse_bytes(crlf.as_bytes());
    assert!(a.errors.is_empty() && b.errors.is_empty(), "{:?}", b.errors);
    assert_eq!(
        report::to_json(&a.report, &text_a),
        report::to_json(&b.report, &text_b)
    );
    assert_eq!(b.report.sections[0].heading.text, "第一部分 概况");
}

#[test]
fn every_error_in_a_file_is_reported_not_only_the_first() {
    let found = errors(concat!(
        "table 05 \"支出\" {\n",
        "  columns 项目 | 金额\n",
        "  合计 | 1,02\n",
        "  甲 | 1 | 2\n",
        "  乙 | ３ 个\n",
        "}\n",
        "#标题\n",
        "table 05 \"重复\" {\n",
        "  columns 项目\n",
        "  丙\n",
        "}\n",
    ));
    assert_eq!(
        found,
        [
            (4, 8, "syntax/malformed-amount"),
            (5, 11, "syntax/cell-count"),
            (6, 7, "syntax/malformed-amount"),
            (8, 1, "syntax/unexpected"),
            (9, 7, "syntax/duplicate-table"),
        ]
    );
}

#[test]
fn a_broken_table_line_does_not_stop_the_table() {
    let src = format!(
        "{HEADER}table 05 \"支出\" {{\n  columns 项目 | 金额\n  合计 | 1,02\n  甲 | 2\n}}\n"
    );
    let parsed = report::parse(&src);
    assert_eq!(parsed.errors.len(), 1);
    let t = parsed.report.table("05").unwrap();
    assert_eq!(t.parts[0].rows.len(), 1, "the good row is kept");
}

#[test]
fn an_unclosed_table_ends_at_the_next_heading() {
    let found = errors(
        "table 05 \"支出\" {\n  columns 项目 | 金额\n  合计 | 1\n# 第三部分 说明\n说明正文。\n",
    );
    assert_eq!(found, [(2, 1, "syntax/unterminated-block")]);
    let src = format!(
        "{HEADER}table 05 \"支出\" {{\n  columns 项目 | 金额\n# 第三部分 说明\n说明正文。\n"
    );
    let r = report::parse(&src).report;
    assert_eq!(r.sections[0].paragraphs[0].text, "说明正文。");
    assert!(r.table("05").is_some());
}

#[test]
fn header_problems() {
    let parsed = report::parse("report 决算 {\n  部门 = \"x\"\n  年度 = 21\n  单位 = 万元\n}\n");
    let codes: Vec<&str> = parsed.errors.iter().map(|e| e.kind.code()).collect();
    assert_eq!(codes, ["syntax/missing-key", "syntax/bad-value"]);
    assert!(parsed.report.header.is_none());
    let parsed = report::parse(&format!("{HEADER}{HEADER}"));
    assert_eq!(parsed.errors[0].kind.code(), "syntax/duplicate-header");
}

#[test]
fn header_values_may_be_quoted_or_bare() {
    let r = report::parse("report 预算 {\n  部门 = \"上海市 某区 某局\"\n  年度 = 2024\n  单位 = 元\n  地区 = 上海\n  标题 = 某局2024年度部门预算\n}\n").report;
    let h = r.header.unwrap();
    assert_eq!(h.department, "上海市 某区 某局");
    assert_eq!(h.kind, report::ReportKind::Budget);
    assert_eq!(h.unit, report::Unit::Yuan);
    assert_eq!(h.title.as_deref(), Some("某局2024年度部门预算"));
}

#[test]
fn merged_cells_continue_the_cell_above_without_a_value_of_their_own() {
    let r = parse(concat!(
        "table 附件1 \"自评表\" {\n",
        "  名称列 = 三级指标\n",
        "  columns 一级指标 | 三级指标 | 分值\n",
        "  产出指标（50分） | 数量 | 10\n",
        "  ^                | 质量 | ^\n",
        "  效益指标（30分） | 效益 | 30\n",
        "}\n"
    ));
    let p = &r.table("附件1").unwrap().parts[0];
    assert_eq!(p.rows[1].cells[0].value, CellValue::Merged);
    assert_eq!(p.rows[1].name.as_deref(), Some("质量"));
    let label = p.resolve(1, 0).unwrap();
    assert_eq!(
        label.value,
        CellValue::Text {
            value: "产出指标（50分）".into()
        }
    );
    assert_eq!(p.resolve(1, 2).unwrap().amount().unwrap().written, "10");
    let amounts: usize = p
        .rows
        .iter()
        .filter(|r| r.cells[2].amount().is_some())
        .count();
    assert_eq!(amounts, 2, "a merged weight is not a second amount");
}

#[test]
fn a_merged_cell_needs_a_cell_above() {
    let found = errors("table t \"表\" {\n  columns 项目 | 金额\n  ^ | 1\n}\n");
    assert_eq!(found, [(4, 3, "syntax/merged-without-above")]);
}

#[test]
fn a_budget_of_a_department_or_a_unit_is_told_by_its_header() {
    use fislint::report::{ReportKind, Scope, Unit};
    for (word, kind, scope) in [
        ("决算", ReportKind::Final, Scope::Department),
        ("部门决算", ReportKind::Final, Scope::Department),
        ("单位决算", ReportKind::Final, Scope::Unit),
        ("预算", ReportKind::Budget, Scope::Department),
        ("部门预算", ReportKind::Budget, Scope::Department),
        ("单位预算", ReportKind::Budget, Scope::Unit),
    ] {
        let src =
            format!("report {word} {{ 部门 = \"某局\"  年度 = 2026  单位 = 元  地区 = 上海 }}\n");
        let parsed = report::parse(&src);
        assert!(parsed.errors.is_empty(), "{word}: {:?}", parsed.errors);
        let h = parsed.report.header.unwrap();
        assert_eq!(
            (h.kind, h.scope, h.unit),
            (kind, scope, Unit::Yuan),
            "{word}"
        );
    }
    // Anything else before 决算 or 预算 is no kind.
    let parsed =
        report::parse("report 区级预算 { 部门 = \"某局\"  年度 = 2026  单位 = 元  地区 = 上海 }\n");
    assert!(!parsed.errors.is_empty());
}

#[test]
fn the_budget_fixture_has_its_tables_in_their_own_units() {
    use fislint::report::{ReportKind, Scope, Unit};
    let src = std::fs::read_to_string("fixtures/reports/budget-2026.fis").unwrap();
    let parsed = report::parse(&src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let r = parsed.report;
    let h = r.header.as_ref().unwrap();
    assert_eq!((h.kind, h.scope), (ReportKind::Budget, Scope::Department));
    let units: Vec<(&str, Option<Unit>)> =
        r.tables.iter().map(|t| (t.id.as_str(), t.unit)).collect();
    assert_eq!(
        units,
        [
            ("01", Some(Unit::Yuan)),
            ("02", Some(Unit::Yuan)),
            ("03", Some(Unit::Yuan)),
            ("04", Some(Unit::Yuan)),
            ("05", Some(Unit::Yuan)),
            ("08", Some(Unit::Yuan)),
            ("09", Some(Unit::Yuan)),
            ("06", Some(Unit::Yuan)),
            ("07", Some(Unit::WanYuan))
        ]
    );
}
