//! Evaluation on reports: references, exact arithmetic with intervals, the tolerance rule as
//! `~=` decides it, the trace a finding is built from, and errors that make a check inapplicable.

use std::collections::BTreeMap;

use super::eval::{eval, Env, EvalErrorKind, Num, Trace, Value};
use super::*;
use crate::measure::{Agreement, Measure};
use crate::report::{self, Report};

const HEADER: &str = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n";

fn report(body: &str) -> Report {
    let parsed = report::parse(&format!("{HEADER}{body}"));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.report
}

fn seed() -> Report {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    report::parse(&text).report
}

/// Evaluates `text` on `r` with the variable `stated` bound to a written percent, if given.
fn run<'r>(
    r: &'r Report,
    text: &str,
    stated: Option<&str>,
) -> (Result<Value<'r>, EvalErrorKind>, Trace) {
    let (expr, _) = compile(text, &Scope::default().bind("stated", Type::Pct))
        .expect("the expression compiles");
    let params = BTreeMap::new();
    let mut vars = BTreeMap::new();
    if let Some(s) = stated {
        let value: rust_decimal::Decimal = s.parse().unwrap();
        let m = Measure::written(value, value.scale());
        vars.insert(
            "stated".to_string(),
            Value::Pct(Num {
                m,
                origin: None,
                blank: false,
                unit: None,
            }),
        );
    }
    let env = Env {
        report: r,
        params: &params,
        vars,
        places: BTreeMap::new(),
        subjects: None,
        companions: Default::default(),
    };
    let mut trace = Trace::default();
    let v = eval(&expr, &env, &mut trace).map_err(|e| e.kind);
    (v, trace)
}

fn truth(r: &Report, text: &str) -> bool {
    match run(r, text, None).0 {
        Ok(Value::Bool(b)) => b,
        other => panic!("{text}: {other:?}"),
    }
}

fn number(r: &Report, text: &str) -> String {
    match run(r, text, None).0 {
        Ok(Value::Num(n)) | Ok(Value::Pct(n)) => n.m.value.normalize().to_string(),
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn identities_of_the_seed_hold_where_the_report_is_right() {
    let r = seed();
    assert!(truth(
        &r,
        "t05[合计].小计 ~= t05[合计].基本支出 + t05[合计].项目支出"
    ));
    assert!(truth(
        &r,
        "t01.收入[本年收入合计].决算数 ~= t02[合计].本年收入合计"
    ));
    assert!(truth(
        &r,
        "t01.支出[本年支出合计].决算数 ~= t03[合计].本年支出合计"
    ));
    assert!(truth(&r, "t05[201].小计 ~= sum(children(t05[201]).小计)"));
    assert!(truth(&r, "t05[合计].基本支出 ~= t06.人员经费[人员经费合计].决算数 + t06.公用经费[公用经费合计].决算数"));
    assert!(truth(&r, "t01.收入[总计].决算数 ~= t01.收入[本年收入合计].决算数 + t01.收入[使用非财政拨款结余].决算数 + t01.收入[年初结转和结余].决算数"));
}

#[test]
fn cells_read_exactly_and_blanks_read_as_zero() {
    let r = seed();
    assert_eq!(number(&r, "t01.支出[本年支出合计].决算数"), "1022.64");
    assert_eq!(number(&r, "t05[206].基本支出"), "0");
    assert!(truth(
        &r,
        "blank(t05[206].基本支出) and not blank(t05[206].项目支出)"
    ));
    assert_eq!(number(&r, "sum(level(t05, 3).小计)"), "1022.32");
    assert_eq!(
        number(&r, "count(parents(t05))"),
        "5",
        "201, 20103, 20133, 206, 20601"
    );
    assert_eq!(number(&r, "count(children(t03[20103]))"), "3");
    assert_eq!(
        number(&r, "sum(numbered(t01.支出).决算数)"),
        "1022.64",
        "一、一般公共服务支出 + 六、科学技术支出"
    );
    assert_eq!(number(&r, "count(numbered(t01.收入))"), "8");
    assert_eq!(number(&r, "t07[决算数].公务接待费"), "0.24");
}

#[test]
fn the_tolerance_rule_decides_approximate_equality() {
    // 0.1 + 0.2 written with one decimal each tolerate (2+1)·0.05 = 0.15 against a one-decimal total.
    // b + c = 0.1 + 0.2 (one decimal each); a total with two decimals tolerates ½(0.01 + 0.1 + 0.1) = 0.105.
    let r = report("table 01 \"表\" {\n  columns 项目 | a | b | c | d | e\n  行 | 0.3 | 0.1 | 0.2 | 0.40 | 0.41\n}\n");
    assert!(truth(&r, "t01[行].a ~= t01[行].b + t01[行].c"));
    assert!(
        truth(&r, "t01[行].d ~= t01[行].b + t01[行].c"),
        "|0.40 − 0.3| = 0.10 ≤ 0.105"
    );
    assert!(
        !truth(&r, "t01[行].e ~= t01[行].b + t01[行].c"),
        "|0.41 − 0.3| = 0.11 > 0.105"
    );
    assert!(
        !truth(&r, "t01[行].a ~= t01[行].b"),
        "0.3 vs 0.1 is a mismatch"
    );
    assert!(
        !truth(&r, "t01[行].a == t01[行].b + t01[行].c + 0.01"),
        "== is exact"
    );
}

#[test]
fn rates_agree_by_interval_and_a_truncated_rate_is_a_precision_slip() {
    let r = report("table 01 \"表\" {\n  columns 项目 | 差额 | 预算 | 决算 | 基本 | 合计\n  行 | 12.11 | 808.92 | 1022.32 | 975.80 | 1,022.64\n}\n");
    let (v, trace) = run(
        &r,
        "share(t01[行].差额, t01[行].预算) ~= stated",
        Some("1.49"),
    );
    assert!(matches!(v, Ok(Value::Bool(false))));
    assert_eq!(trace.comparisons[0].agreement, Agreement::PrecisionSlip);
    let (v, trace) = run(
        &r,
        "share(t01[行].基本, t01[行].合计) ~= stated",
        Some("95.42"),
    );
    assert!(matches!(v, Ok(Value::Bool(true))), "{v:?}");
    assert_eq!(trace.comparisons[0].agreement, Agreement::Exact);
    let (_, trace) = run(
        &r,
        "share(t01[行].基本, t01[行].合计) ~= stated",
        Some("96.42"),
    );
    assert_eq!(trace.comparisons[0].agreement, Agreement::Mismatch);
    // The stated figure is the written one, whichever side it is on.
    let (_, trace) = run(
        &r,
        "stated ~= share(t01[行].基本, t01[行].合计)",
        Some("95.42"),
    );
    assert_eq!(trace.comparisons[0].stated.m.decimals, Some(2));
}

#[test]
fn the_trace_lists_every_cell_read_once_with_its_place() {
    let r = seed();
    let (_, trace) = run(
        &r,
        "t05[合计].小计 ~= t05[合计].基本支出 + t05[合计].项目支出 + t05[合计].项目支出",
        None,
    );
    let labels: Vec<&str> = trace.cells.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "表05「合计」行「本年支出/小计」列",
            "表05「合计」行「本年支出/基本支出」列",
            "表05「合计」行「本年支出/项目支出」列"
        ]
    );
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    assert_eq!(&text[trace.cells[0].span.clone()], "1,022.32");
}

#[test]
fn a_number_times_a_percent_is_that_share_of_it() {
    let r = seed();
    assert_eq!(
        number(
            &r,
            "table(\"附件1-2-1\").资金情况[合计].分值 * table(\"附件1-2-1\").资金情况[合计].执行率"
        ),
        "6.7"
    );
    assert_eq!(number(&r, "round(10 * 67%, 0)"), "7");
    assert_eq!(
        number(&r, "growth(1022.8, 922.04)")
            .chars()
            .take(6)
            .collect::<String>(),
        "10.927"
    );
}

#[test]
fn what_cannot_be_evaluated_says_why() {
    let r = seed();
    assert_eq!(
        run(&r, "t05[不存在].小计 > 0", None).0.unwrap_err(),
        EvalErrorKind::MissingRow {
            table: "05".into(),
            key: "不存在".into()
        }
    );
    assert_eq!(
        run(&r, "t05[合计].不存在 > 0", None).0.unwrap_err(),
        EvalErrorKind::MissingColumn {
            table: "05".into(),
            column: "不存在".into()
        }
    );
    assert_eq!(
        run(&r, "table(\"附件9\").x[合计].y > 0", None)
            .0
            .unwrap_err(),
        EvalErrorKind::MissingTable("附件9".into())
    );
    assert_eq!(
        run(&r, "t01.其他[总计].决算数 > 0", None).0.unwrap_err(),
        EvalErrorKind::MissingPart {
            table: "01".into(),
            part: "其他".into()
        }
    );
    assert_eq!(
        run(&r, "rate(1, t05[206].基本支出) > 0%", None)
            .0
            .unwrap_err(),
        EvalErrorKind::DivisionByZero
    );
    assert!(matches!(
        run(&r, "t07[决算数].项目 > 0", None).0.unwrap_err(),
        EvalErrorKind::NotANumber { .. }
    ));
    assert!(matches!(
        run(&r, "table(\"附件1-1\").资金情况[合计].执行率 > 5", None)
            .0
            .unwrap_err(),
        EvalErrorKind::UnitMismatch(_)
    ));
}

#[test]
fn and_or_stop_early_so_guards_protect_what_follows() {
    let r = seed();
    assert!(!truth(
        &r,
        "has_table(\"10\") and table(\"10\")[合计].小计 > 0"
    ));
    assert!(truth(
        &r,
        "not has_table(\"10\") or table(\"10\")[合计].小计 > 0"
    ));
}

#[test]
fn merged_cells_read_as_the_cell_they_continue() {
    let r = seed();
    let text = "table(\"附件1-2-2\").绩效指标[业务知识考试].一级指标 == \"产出指标（50分）\"";
    assert!(truth(&r, text));
    // Weights: 10 printed once for three 数量指标 rows counts once (50 + 30 + 10; the other 10 is 资金).
    assert_eq!(
        number(&r, "sum(rows(table(\"附件1-2-2\").绩效指标).分值)"),
        "90"
    );
}

#[test]
fn items_counts_what_a_text_enumerates() {
    let r = seed();
    // Quoted items count one each, whatever separators they hold.
    assert_eq!(
        number(
            &r,
            "items(\"对“荷塘区法人事项系统、公共服务平台项目”、“政务服务运转项目”\")"
        ),
        "2"
    );
    assert_eq!(number(&r, "items(\"政务服务中心。\")"), "1");
    assert_eq!(number(&r, "items(\"办公室、审批股，信息股；\")"), "3");
    assert_eq!(number(&r, "items(\"\")"), "0");
}

#[test]
fn percents_and_amounts_read_the_figures_a_sentence_writes() {
    let r = seed();
    let text = "\"一般公共服务支出975.48万元，占95.42%；科学技术支出46.84 万元，占4.58%。\"";
    assert!(truth(&r, &format!("sum(percents({text})) ~= 100")));
    assert_eq!(number(&r, &format!("count(percents({text}))")), "2");
    assert!(truth(
        &r,
        &format!("sum(amounts({text}, \"万元\")) ~= 1022.32")
    ));
    // Each figure keeps its decimals: 33.33 three times is 100 within rounding, not 99.99 exactly.
    assert!(truth(
        &r,
        "sum(percents(\"占33.33%、33.33%、33.33%\")) ~= 100"
    ));
    assert!(!truth(
        &r,
        "sum(percents(\"占33.33%、33.33%、33.30%\")) ~= 100"
    ));
    // 万元 is not 元: an amount in 元 is only one written right before 元.
    assert_eq!(
        number(&r, "count(amounts(\"0.24万元，2400 元\", \"元\"))"),
        "1"
    );
    assert!(truth(
        &r,
        "sum(amounts(\"合计1,022.32万元\", \"万元\")) == 1022.32"
    ));
    assert!(truth(
        &r,
        "sum(amounts(\"减少-3.5万元\", \"万元\")) == -3.5"
    ));
    assert_eq!(number(&r, "count(amounts(\"无数字万元\", \"万元\"))"), "0");
}

#[test]
fn no_data_tells_an_empty_table() {
    let r = seed();
    assert!(truth(&r, "no_data(t08)"));
    assert!(!truth(&r, "no_data(t05)"));
}

#[test]
fn paragraphs_counts_what_a_section_lists() {
    let r = seed();
    // 项目概况 of the seed describes four projects, one paragraph each.
    assert_eq!(
        number(&r, "paragraphs(\"项目概况\", \"绩效自评综述\")"),
        "4"
    );
    // A section's subsections are counted with it.
    assert_eq!(
        number(
            &r,
            "paragraphs(\"重点项目预算的绩效评价结果等情况说明\", \"绩效自评综述\")"
        ),
        "4"
    );
    assert_eq!(number(&r, "paragraphs(\"十五、其他\", \"\")"), "1");
    assert_eq!(
        run(&r, "paragraphs(\"没有这一部分\", \"\")", None)
            .0
            .unwrap_err(),
        EvalErrorKind::MissingSection("没有这一部分".into())
    );
}

#[test]
fn named_finds_the_row_a_text_ends_with() {
    let r = seed();
    assert!(truth(
        &r,
        "sum(named(rows(t06), \"，主要包括基本工资\").决算数) == 38.17"
    ));
    // The longest name wins: 30299 其他商品和服务支出, not 302 商品和服务支出.
    assert!(truth(
        &r,
        "sum(named(rows(t06), \"、其他商品和服务支出\").决算数) == 11.64"
    ));
    // Brackets of either width, spaces ignored.
    assert!(truth(
        &r,
        "sum(named(rows(t06), \"、维修(护) 费\").决算数) == 79.5"
    ));
    assert_eq!(
        number(&r, "count(named(rows(t06), \"2021年度财政拨款基本支出\"))"),
        "0"
    );
}

/// The rows an evaluation found, as their codes or names, for comparing two ways to find them.
fn found(r: &Report, text: &str) -> Vec<String> {
    match run(r, text, None).0 {
        Ok(Value::Rows(rows)) => rows
            .iter()
            .map(|x| format!("{}:{}:{:?}", x.part, x.row, x.row().name))
            .collect(),
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn indexed_lookups_find_what_a_scan_of_the_rows_finds() {
    // `named(rows(T), …)` and `children(row)` use the table's index; `written(rows(T), …)`
    // hands `named` a plain row set, which it scans. Every row name of the seed, as a text,
    // after words, with its brackets half-width and spaced out, and cut short, finds the same
    // row both ways in every table, and in every part.
    let r = seed();
    let names: std::collections::BTreeSet<String> = r
        .tables
        .iter()
        .flat_map(|t| t.rows().filter_map(|(_, row)| row.name.clone()))
        .collect();
    assert!(names.len() > 80, "the seed names its rows: {}", names.len());
    for table in r.tables.iter().filter(|t| t.id.len() == 2) {
        let id = &table.id;
        for (p, part) in table.parts.iter().enumerate() {
            let Some(column) = part.name_column.map(|c| &part.columns[c].header) else {
                continue;
            };
            let within = match &part.name {
                Some(name) => format!("t{id}.{name}"),
                None => format!("t{id}"),
            };
            for name in &names {
                let cut: String = name.chars().skip(2).collect();
                let texts = [
                    name.clone(),
                    format!("主要包括{name}"),
                    name.replace('（', "(")
                        .replace('）', ")")
                        .replace("费", " 费 "),
                    cut,
                ];
                for text in texts {
                    let text = text.replace('"', "");
                    let indexed = found(&r, &format!("named(rows({within}), \"{text}\")"));
                    let scanned = found(
                        &r,
                        &format!("named(written(rows({within}), \"{column}\"), \"{text}\")"),
                    );
                    assert_eq!(indexed, scanned, "table {id} part {p}: {text}");
                }
            }
        }
        // Children: the index's rows are those whose code extends the parent's by two digits.
        for (_, row) in table.rows() {
            if let Some(code) = &row.code {
                let expected: Vec<String> = table
                    .parts
                    .iter()
                    .enumerate()
                    .flat_map(|(cp, c)| c.rows.iter().enumerate().map(move |(ci, cr)| (cp, ci, cr)))
                    .filter(|(_, _, cr)| {
                        cr.code.as_deref().is_some_and(|cc| {
                            cc.len() == code.len() + 2 && cc.starts_with(code.as_str())
                        })
                    })
                    .map(|(cp, ci, cr)| format!("{cp}:{ci}:{:?}", cr.name))
                    .collect();
                assert_eq!(
                    found(&r, &format!("children(t{id}[{code}])")),
                    expected,
                    "children of {code} in table {id}"
                );
            }
        }
    }
}

#[test]
fn tables_titled_counts_tables_by_title() {
    let r = seed();
    // The seed prints "2021 年度项目支出绩效自评表" twice: spaces do not matter.
    assert_eq!(number(&r, "tables_titled(\"项目支出绩效自评表\")"), "2");
    assert_eq!(
        number(&r, "tables_titled(\"部门整体支出 绩效自评表\")"),
        "1"
    );
    assert_eq!(number(&r, "tables_titled(\"不存在的表\")"), "0");
}

#[test]
fn sections_are_found_by_title_whatever_the_year_and_spaces() {
    let r = seed();
    // The seed's heading is "2021 年度部门整体支出绩效自评报告".
    assert_eq!(
        number(&r, "paragraphs(\"部门整体支出绩效自评报告\", \"(盖章)\")"),
        "1"
    );
    assert_eq!(
        number(
            &r,
            "paragraphs(\"2021年度部门整体支出绩效自评报告\", \"(盖章)\")"
        ),
        "1"
    );
}

#[test]
fn column_named_finds_the_cell_a_text_ends_by_naming() {
    let r = seed();
    assert!(truth(
        &r,
        "sum(column_named(t02[合计], \"，其中：财政拨款收入\")) == 1022.32"
    ));
    // 本年支出/基本支出 by its last segment.
    assert!(truth(
        &r,
        "sum(column_named(t05[合计], \"其中基本支出\")) == 975.48"
    ));
    assert_eq!(
        number(&r, "count(column_named(t02[合计], \"2021年度收入合计\"))"),
        "0"
    );
}

#[test]
fn only_tells_a_text_made_of_given_characters() {
    let r = seed();
    assert!(truth(&r, r#"only("XXX", "Xx")"#));
    assert!(truth(&r, r#"only("xX", "Xx")"#));
    assert!(!truth(&r, r#"only("XXL", "Xx")"#));
    assert!(!truth(&r, r#"only("", "Xx")"#));
}

#[test]
fn starts_with_unbracketed_kind_and_scope() {
    let r = seed();
    assert!(truth(&r, r#"starts_with("经济分类预算表", "经济分类")"#));
    assert!(!truth(&r, r#"starts_with("支出经济分类", "经济分类")"#));
    assert!(truth(
        &r,
        r#"unbracketed("二、部门决算单位构成（仅有一个单位的部门，本部分内容为“机构设置”）") == "二、部门决算单位构成""#
    ));
    assert!(truth(
        &r,
        r#"unbracketed("甲(乙（丙）)丁，戊") == "甲丁，戊""#
    ));
    assert!(truth(&r, r#"unbracketed("甲（乙，丙") == "甲""#));
    // The seed is a 部门决算.
    assert!(truth(&r, r#"kind() == "决算" and scope() == "部门""#));
    let budget = report::parse(
        "report 单位预算 { 部门 = \"某单位\"  年度 = 2026  单位 = 元  地区 = 上海 }\n",
    )
    .report;
    assert!(truth(&budget, r#"kind() == "预算" and scope() == "单位""#));
}

/// A budget in 元 whose table 07 is in 万元, as Shanghai prints them.
fn budget(yuan: &str, wan: &str) -> Report {
    let text = format!(
        "report 部门预算 {{ 部门 = \"某局\"  年度 = 2026  单位 = 元  地区 = 上海 }}\n\
         table 03 \"支出预算总表\" {{\n  单位 = 元\n  columns 项目 | 合计\n  甲 | {yuan}\n  乙 | 1,000.00\n}}\n\
         table 07 \"三公\" {{\n  单位 = 万元\n  columns 项目 | 合计\n  甲 | {wan}\n}}\n"
    );
    let parsed = report::parse(&text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.report
}

#[test]
fn amounts_of_different_units_compare_exactly_at_the_stated_decimals() {
    let r = budget("17,200,000.00", "1,720.00");
    assert!(truth(&r, "t07[甲].合计 ~= t03[甲].合计"));
    assert!(truth(&r, "t03[甲].合计 ~= t07[甲].合计"));
    assert!(truth(&r, "t07[甲].合计 == t03[甲].合计"));
    assert!(truth(&r, "t03[甲].合计 > t07[甲].合计 - 1"));
    // 962.82 万 agrees with 9,628,221.34 元 (within 962.82's rounding); 962.83 万 does not.
    let r = budget("9,628,221.34", "962.82");
    let (v, trace) = run(&r, "t07[甲].合计 ~= t03[甲].合计", None);
    assert!(matches!(v, Ok(Value::Bool(true))));
    let c = &trace.comparisons[0];
    assert_eq!(c.computed.m.value.to_string(), "962.822134");
    assert!(c.converted);
    assert_eq!(c.agreement, Agreement::Exact);
    assert!(!truth(&r, "t07[甲].合计 == t03[甲].合计"));
    let r = budget("9,628,221.34", "962.83");
    let (v, trace) = run(&r, "t07[甲].合计 ~= t03[甲].合计", None);
    assert!(matches!(v, Ok(Value::Bool(false))));
    assert_eq!(trace.comparisons[0].agreement, Agreement::Mismatch);
    // The 元 figure stated, the 万元 one computed: judged in 元, at two decimals, so a figure
    // of 万元 rounded to the hundredth (±50 元) agrees only within that rounding.
    let (_, trace) = run(&r, "t03[甲].合计 ~= t07[甲].合计 + 0", None);
    assert_eq!(
        trace.comparisons[0]
            .computed
            .m
            .value
            .normalize()
            .to_string(),
        "9628300"
    );
}

#[test]
fn mixed_sums_and_ratios_convert_first() {
    let r = budget("17,200,000.00", "1,720.00");
    // 1,720.00 万 + 1,000.00 元 = 17,201,000 元.
    assert_eq!(number(&r, "sum(t07[甲].合计, t03[乙].合计)"), "17201000");
    assert_eq!(number(&r, "t07[甲].合计 + t03[乙].合计"), "17201000");
    assert_eq!(number(&r, "max(t07[甲].合计, t03[乙].合计)"), "17200000");
    // A share of 元 in 万元: 1,000 元 of 1,720 万元.
    assert!(number(&r, "share(t03[乙].合计, t07[甲].合计)").starts_with("0.005813953488372"));
    assert_eq!(number(&r, "t03[甲].合计 / t07[甲].合计"), "1");
    // `in_unit` says an amount in another unit, for a message.
    assert_eq!(number(&r, "in_unit(t03[甲].合计, \"万元\")"), "1720");
    assert_eq!(number(&r, "in_unit(t07[甲].合计, \"元\")"), "17200000");
    assert_eq!(number(&r, "in_unit(5, \"元\")"), "5");
    // A figure without a unit goes with any: 1720 is 1720 万元 beside a 万元 cell.
    assert!(truth(&r, "t07[甲].合计 ~= 1720"));
    assert!(truth(&r, "t03[甲].合计 > 1720"));
}

#[test]
fn a_conversion_past_the_range_of_decimal_is_an_error() {
    // 9·10^24 万元 is 9·10^28 元: beyond `Decimal`. (Compared with a stated 万元 figure, the 元
    // one is converted to 万元 instead: that divides, and is fine.)
    let r = budget("1.00", "9,000,000,000,000,000,000,000,000");
    assert!(!truth(&r, "t07[甲].合计 ~= t03[甲].合计"));
    for e in [
        "t03[甲].合计 ~= t07[甲].合计",
        "t07[甲].合计 + t03[甲].合计",
        "sum(t07[甲].合计, t03[甲].合计)",
        "share(t03[甲].合计, t07[甲].合计)",
    ] {
        assert_eq!(
            run(&r, e, None).0.err(),
            Some(EvalErrorKind::Overflow),
            "{e}"
        );
    }
}
