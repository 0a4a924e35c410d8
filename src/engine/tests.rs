//! Each numeric check kind on small reports that trigger it and stay silent, on the seed, and a
//! multi-label finding rendered over Chinese text.

use std::collections::BTreeMap;

use super::*;
use crate::diagnostics::{render_human, Diagnostic, HumanOptions};
use crate::expr::{compile, compile_template, Scope, Type};
use crate::report;

const HEADER: &str = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n";

fn source(body: &str) -> String {
    format!("{HEADER}{body}")
}

fn parse(src: &str) -> Report {
    let p = report::parse(src);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    p.report
}

fn seed_source() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap()
}

fn scope(each: bool, columns: bool) -> Scope {
    let mut s = Scope::default();
    if each {
        s = s.bind("row", Type::Row);
    }
    if columns {
        s = s.bind("col", Type::Text);
    }
    s
}

fn e(text: &str, s: &Scope) -> crate::expr::Expr {
    compile(text, s)
        .unwrap_or_else(|es| panic!("{text}: {es:?}"))
        .0
}

fn t(text: &str, s: &Scope) -> crate::expr::Template {
    compile_template(text, s).unwrap()
}

fn rule(id: &str, tables: &[&str], check: Check) -> Rule {
    Rule {
        id: id.into(),
        severity: Severity::Error,
        title: id.into(),
        rationale: String::new(),
        tables: tables.iter().map(|s| s.to_string()).collect(),
        when: None,
        params: BTreeMap::new(),
        companions: Rule::companions_of(&check, None),
        check,
        subjects: None,
    }
}

fn row_sum(table: &str) -> Rule {
    let s = scope(true, false);
    rule(
        "row-total",
        &[table],
        Check::Sum {
            each: Some(e(&format!("rows(t{table})"), &s)),
            columns: vec![],
            total: e("row.小计", &s),
            parts: Parts::Each(vec![e("row.基本支出", &s), e("row.项目支出", &s)]),
            message: None,
        },
    )
}

fn hierarchy(table: &str, columns: &[&str]) -> Rule {
    let s = scope(true, true);
    rule(
        "code-hierarchy",
        &[table],
        Check::Sum {
            each: Some(e(&format!("parents(t{table})"), &s)),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            total: e("row[col]", &s),
            parts: Parts::List(e("children(row)[col]", &s)),
            message: None,
        },
    )
}

#[test]
fn sums_hold_on_the_seed_where_the_tables_are_consistent() {
    let r = parse(&seed_source());
    assert_eq!(check(&r, &[row_sum("05")]), vec![]);
    assert_eq!(
        check(
            &r,
            &[hierarchy("03", &["本年支出合计", "基本支出", "项目支出"])]
        ),
        vec![]
    );
    assert_eq!(
        check(&r, &[hierarchy("05", &["小计", "基本支出", "项目支出"])]),
        vec![]
    );
}

#[test]
fn a_wrong_total_is_an_error_on_the_total_with_its_parts_labelled() {
    let src = source("table 05 \"支出\" {\n  columns 功能分类科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出\n  201 | 一般公共服务支出 | 975.48 | 900.00 | 46.84\n}\n");
    let r = parse(&src);
    let f = check(&r, &[row_sum("05")]);
    assert_eq!(f.len(), 1);
    let f = &f[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.message,
        "合计 975.48 与各项之和 946.84 不符（相差 28.64）"
    );
    assert_eq!(&src[f.primary.0.clone()], "975.48");
    let labels: Vec<&str> = f.secondary.iter().map(|(s, _)| &src[s.clone()]).collect();
    assert_eq!(labels, ["900.00", "46.84"]);
    assert_eq!(f.help.as_deref(), Some("按各项计算，合计应为 946.84"));
}

#[test]
fn a_difference_within_rounding_is_only_a_rounding_note() {
    let src = source("table 05 \"支出\" {\n  columns 项目 | 小计 | 基本支出 | 项目支出\n  甲 | 10.01 | 5.00 | 5.00\n}\n");
    let f = check(&parse(&src), &[row_sum("05")]);
    assert_eq!(f.len(), 1);
    assert!(f[0].rounding);
    assert_eq!(f[0].severity, Severity::Info);
}

#[test]
fn a_truncated_figure_is_a_precision_slip_one_level_down() {
    let src = source("table 01 \"表\" {\n  columns 项目 | 差额 | 预算 | 降幅\n  机关运行经费 | 12.11 | 808.92 | 1.49%\n}\n");
    let s = Scope::default();
    let r = rule(
        "rate",
        &["01"],
        Check::Assert {
            each: None,
            that: e(
                "t01[机关运行经费].降幅 ~= share(t01[机关运行经费].差额, t01[机关运行经费].预算)",
                &s,
            ),
            message: t("降低 {t01[机关运行经费].降幅} 与计算值不符", &s),
            help: None,
        },
    );
    let f = check(&parse(&src), &[r]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].message, "降低 1.49% 与计算值不符");
    assert_eq!(&src[f[0].primary.0.clone()], "1.49%");
    assert_eq!(f[0].help.as_deref(), Some("按表中数字计算应为 1.50"));
}

#[test]
fn ceilings() {
    let r = parse(&seed_source());
    let s = Scope::default();
    let mk = |value: &str| {
        rule(
            "sangong-ceiling",
            &["07"],
            Check::Ceiling {
                each: None,
                value: e(value, &s),
                limit: e("t07[预算数].合计", &s),
                message: t(
                    "“三公”经费决算 {t07[决算数].合计} 超过预算 {t07[预算数].合计}",
                    &s,
                ),
            },
        )
    };
    assert_eq!(check(&r, &[mk("t07[决算数].合计")]), vec![]);
    let f = check(&r, &[mk("t07[决算数].合计 + 1")]);
    assert_eq!(f[0].message, "“三公”经费决算 0.24 超过预算 0.30");
    assert_eq!(f[0].help.as_deref(), Some("不应超过 0.30"));
}

#[test]
fn an_absent_table_makes_a_rule_inapplicable_and_a_missing_row_is_reported() {
    let r = parse(&seed_source());
    assert_eq!(check(&r, &[row_sum("10")]), vec![]);
    let s = Scope::default();
    let missing = rule(
        "missing-row",
        &["05"],
        Check::Assert {
            each: None,
            that: e("t05[不存在的行].小计 > 0", &s),
            message: t("x", &s),
            help: None,
        },
    );
    let f = check(&r, &[missing]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(
        f[0].message.contains("表 05 中没有「不存在的行」行"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_column_a_table_lacks_is_said_once_not_on_every_row() {
    let src = source(concat!(
        "table 05 \"一般公共预算财政拨款支出决算表\" {\n",
        "  columns 科目编码 | 科目名称 | 小计 | 基本支出\n",
        "  201 | 一般公共服务支出 | 10 | 10\n",
        "  20101 | 人大事务 | 10 | 10\n",
        "  2010101 | 行政运行 | 10 | 10\n",
        "}\n",
    ));
    let f = check(&parse(&src), &[row_sum("05")]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("项目支出"), "{}", f[0].message);
}

#[test]
fn a_rule_on_an_empty_table_is_inapplicable_not_a_warning() {
    // An empty 05 printed with only its headers and note lacks the rows a rule names.
    let src = source(concat!(
        "table 05 \"一般公共预算财政拨款支出决算表\" {\n",
        "  columns 科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出\n",
        "  note 说明：本单位没有一般公共预算财政拨款支出，故本表无数据。\n",
        "}\n",
    ));
    let s = Scope::default();
    let missing = rule(
        "missing-row",
        &["05"],
        Check::Assert {
            each: None,
            that: e("t05[合计].小计 > 0", &s),
            message: t("x", &s),
            help: None,
        },
    );
    assert_eq!(check(&parse(&src), &[missing]), vec![]);
}

#[test]
fn a_multi_label_finding_renders_over_chinese_text() {
    let src = source(concat!(
        "table 05 \"一般公共预算财政拨款支出决算表\" {\n",
        "  columns 功能分类科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出\n",
        "  -   | 合计             | 1,022.32 | 975.48 | 46.84\n",
        "  201 | 一般公共服务支出 | 975.48   | 900.00 | 46.84\n",
        "}\n"
    ));
    let r = parse(&src);
    let f = check(&r, &[row_sum("05")]);
    let d: Vec<Diagnostic> = f.iter().map(Diagnostic::from).collect();
    insta::assert_snapshot!(render_human(
        "report.fis",
        &src,
        &d,
        HumanOptions::default()
    ));
}

fn claim(id: &str, sections: &[&str], patterns: &[&str], that: &str, message: &str) -> Rule {
    let patterns: Vec<Pattern> = patterns
        .iter()
        .map(|p| Pattern::compile(p).unwrap())
        .collect();
    let mut s = Scope::default();
    for (name, kind) in patterns.iter().flat_map(|p| p.captures.iter()) {
        s = s.bind(name, kind.ty());
    }
    rule(
        id,
        &[],
        Check::Claim(Box::new(Claim {
            sections: sections.iter().map(|x| x.to_string()).collect(),
            patterns,
            that: e(that, &s),
            message: t(message, &s),
            help: None,
            with_next: false,
        })),
    )
}

#[test]
fn a_claims_patterns_are_alternatives_in_order() {
    let src = source("## 一、说明\n预算为10万元，支出决算为8万元。主要原因是人员减少。\n预算为5万元，支出决算为4万元。\n");
    let r = parse(&src);
    let rule = claim(
        "deviation",
        &["说明"],
        &[
            "预算为{amount:budget}万元，支出决算为{amount:actual}万元{reason:rest}。{reason:next}",
            "预算为{amount:budget}万元，支出决算为{amount:actual}万元{reason:rest}{reason:next}",
        ],
        "actual == budget or contains(next, \"原因\")",
        "未说明原因",
    );
    // The first sentence is the first pattern's (its reason follows), and not the second's too;
    // the last has no sentence after it: only the second pattern takes it, and it is a finding.
    let f = check(&r, &[rule]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(&src[f[0].primary.0.clone()], "4", "{f:?}");
    assert_eq!(&src[f[0].secondary[0].0.clone()], "5", "{f:?}");
}

#[test]
fn with_next_a_claim_is_matched_across_a_paragraph_and_the_next_once() {
    // Item 1's title and sentence are two paragraphs; item 2's are one.
    let src = source(concat!(
        "## 一、说明\n",
        "1、甲（项）。\n",
        "预算为10万元。\n",
        "2、乙（项）。预算为7万元。\n",
    ));
    let r = parse(&src);
    let mut rule = claim(
        "item-budget",
        &["说明"],
        &["{text:item}（项）。预算为{amount:budget}万元"],
        "budget == 0",
        "{item} {budget}",
    );
    // Without `with-next`, only the item written as one paragraph is a claim.
    let found = |rule: &Rule| -> Vec<String> {
        check(&r, std::slice::from_ref(rule))
            .iter()
            .map(|f| f.message.clone())
            .collect()
    };
    assert_eq!(found(&rule), ["2、乙 7"]);
    let Check::Claim(c) = &mut rule.check else {
        panic!()
    };
    c.with_next = true;
    // With it, item 1 too, located in its second paragraph; item 2 once, not again from the
    // paragraph before it.
    let f = check(&r, std::slice::from_ref(&rule));
    let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["1、甲 10", "2、乙 7"], "{f:?}");
    assert_eq!(&src[f[0].primary.0.clone()], "10");
}

#[test]
fn a_growth_rate_stated_against_the_wrong_base_is_found_in_the_sentence() {
    let src = seed_source();
    let r = parse(&src);
    let growth = |section: &str, total: &str| {
        claim(
            "prose-growth",
            &[section],
            &["与上年相比，{direction:dir}{amount:change}万元，{direction:dir2}{percent:rate}"],
            &format!("rate ~= growth({total}, {total} - change)"),
            "增长率 {rate} 与增加额 {change} 万元不符",
        )
    };
    // 收、支总计 1,025.90 grew by 100.76: 100.76 / 925.14 = 10.89%, not the 10.93% stated.
    let f = check(
        &r,
        &[growth("收入支出决算总体情况说明", "t01.收入[总计].决算数")],
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(&src[f[0].primary.0.clone()], "10.93%");
    assert_eq!(f[0].help.as_deref(), Some("按表中数字计算应为 10.89"));
    let labels: Vec<&str> = f[0]
        .secondary
        .iter()
        .map(|(s, _)| &src[s.clone()])
        .collect();
    assert_eq!(
        labels,
        ["1,025.90", "100.76"],
        "the total and the stated change are labelled"
    );
    // 财政拨款 1,022.80 grew by the same 100.76: 10.93% is right there.
    assert_eq!(
        check(
            &r,
            &[growth(
                "财政拨款收入支出决算总体情况说明",
                "t04.收入[总计].金额"
            )]
        ),
        vec![]
    );
}

#[test]
fn shares_of_an_enumeration_agree_with_the_table() {
    let r = parse(&seed_source());
    let shares = claim(
        "prose-share",
        &["支出决算情况说明"],
        &["{text:item}{amount:value}万元，占{percent:share}"],
        "share ~= share(value, t03[合计].本年支出合计)",
        "{item} 占比 {share} 不符",
    );
    assert_eq!(check(&r, &[shares]), vec![]);
}

#[test]
fn a_truncated_rate_in_the_prose_is_a_precision_slip() {
    let src = seed_source();
    let r = parse(&src);
    let rate = claim(
        "prose-running-cost",
        &["机关运行经费支出说明"],
        &["比年初预算数{direction:dir}{amount:change}万元，{direction:dir2}{percent:rate}"],
        "rate ~= share(change, t06.公用经费[公用经费合计].决算数 + change)",
        "降低 {rate} 与减少额 {change} 万元不符",
    );
    let f = check(&r, &[rate]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].severity,
        Severity::Warning,
        "12.11 / 808.92 = 1.4971%: 1.49% is truncated, not rounded"
    );
    assert_eq!(f[0].message, "降低 1.49% 与减少额 12.11 万元不符");
    assert_eq!(&src[f[0].primary.0.clone()], "1.49%");
}

fn require(tables: &[&str], sections: &[(&str, &[&str])], phrases: &[(&str, &str)]) -> Rule {
    rule(
        "require",
        &[],
        Check::Require(Box::new(Require {
            tables: tables.iter().map(|s| s.to_string()).collect(),
            titled: Vec::new(),
            sections: sections
                .iter()
                .map(|(n, a)| (n.to_string(), a.iter().map(|s| s.to_string()).collect()))
                .collect(),
            phrases: phrases
                .iter()
                .map(|(s, t)| (vec![s.to_string()], vec![t.to_string()]))
                .collect(),
            empty_table_note: true,
            empty_markers: vec!["无数据".into(), "没有".into()],
            contents: false,
            message: None,
        })),
    )
}

#[test]
fn the_seed_has_its_tables_sections_and_empty_table_notes() {
    let r = parse(&seed_source());
    let all = ["01", "02", "03", "04", "05", "06", "07", "08", "09"];
    let rule = require(
        &all,
        &[
            ("名词解释", &[]),
            ("机关运行经费支出说明", &["机关运行经费"]),
        ],
        &[("“三公”经费财政拨款支出决算具体情况说明", "公务用车")],
    );
    assert_eq!(check(&r, &[rule]), vec![]);
}

#[test]
fn missing_tables_sections_phrases_and_notes_are_each_found() {
    let src = source(concat!(
        "# 第二部分 部门决算表\n",
        "table 08 \"政府性基金预算财政拨款收入支出决算表\" {\n  columns 项目 | 金额\n  合计 | -\n  note 注：本表反映政府性基金情况。\n}\n",
        "# 第三部分 情况说明\n## 七、三公经费说明\n公务接待费支出决算为0.24万元。\n",
    ));
    let r = parse(&src);
    let mut rule = require(
        &["07", "08"],
        &[("名词解释", &["名词说明"])],
        &[("七、三公经费说明", "公务用车")],
    );
    if let Check::Require(req) = &mut rule.check {
        // Table 08's title has it, spaces apart; nothing has the other.
        req.titled = vec![
            "政府性基金预算 财政拨款".into(),
            "项目支出绩效自评表".into(),
        ];
    }
    let found: Vec<(String, String)> = check(&r, &[rule])
        .into_iter()
        .map(|f| (f.message, src[f.primary.0].to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("缺少表 07".to_string(), "report".to_string()),
            (
                "缺少「项目支出绩效自评表」".to_string(),
                "report".to_string()
            ),
            ("缺少章节「名词解释」".to_string(), "report".to_string()),
            (
                "「三公经费说明」中应说明「公务用车」".to_string(),
                "七、三公经费说明".to_string()
            ),
            (
                "表08没有数据，但没有说明原因的表注（如“故本表无数据”）".to_string(),
                "08".to_string()
            ),
        ]
    );
}

fn explain_rule(each: Option<&str>, when: &str) -> Rule {
    let s = if each.is_some() {
        scope(true, false)
    } else {
        Scope::default()
    };
    rule(
        "explain-deviation",
        &[],
        Check::Explain(Box::new(Explain {
            each: each.map(|x| e(x, &Scope::default())),
            when: e(when, &s),
            sections: vec![],
            markers: vec!["主要原因是".into(), "原因是".into()],
            min_length: e("6", &s),
            tautologies: vec!["无此项支出".into()],
            message: t(
                if each.is_some() {
                    "{row} 的预算与决算差异需要说明原因"
                } else {
                    "差异需要说明原因"
                },
                &s,
            ),
        })),
    )
}

#[test]
fn a_deviation_with_a_real_reason_is_explained() {
    let r = parse(&seed_source());
    // 决算 0.24 < 预算 0.30, and the seed gives a reason after 主要原因是.
    let rule = explain_rule(None, "t07[决算数].合计 < t07[预算数].合计");
    assert_eq!(check(&r, &[rule]), vec![]);
}

#[test]
fn a_deviation_without_a_reason_or_with_a_tautology_is_found_at_its_sentence() {
    let src = source(concat!(
        "table 01 \"项目\" {\n  columns 项目 | 预算 | 决算\n  行政运行 | 167.97 | 376.62\n  宣传事务 | 0 | 0.30\n  其他支出 | 10 | 10\n}\n",
        "# 说明\n",
        "1、行政运行（项）。\n",
        "年初预算为167.97万元，支出决算为376.62万元，主要原因是：在编人员和政府雇员人数增加。\n",
        "2、宣传事务（项）年初预算为0万元，支出决算为0.3万元，主要原因是：无此项支出。\n",
    ));
    let r = parse(&src);
    let rule = explain_rule(Some("rows(t01)"), "row.决算 != row.预算");
    let f = check(&r, &[rule]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].message, "宣传事务 的预算与决算差异需要说明原因");
    assert!(
        src[f[0].primary.0.clone()].starts_with("2、宣传事务"),
        "the finding points at the row's sentence"
    );
    let labels: Vec<&str> = f[0]
        .secondary
        .iter()
        .map(|(s, _)| &src[s.clone()])
        .collect();
    assert_eq!(
        labels,
        ["0.30", "0"],
        "the figures that needed explaining are labelled"
    );
}

#[test]
fn a_claim_that_cannot_be_evaluated_is_reported_at_its_sentence() {
    let src = seed_source();
    let r = parse(&src);
    let zero_base = claim(
        "prose-zero",
        &["机关运行经费支出说明"],
        &["比年初预算数{direction:dir}{amount:change}万元，{direction:dir2}{percent:rate}"],
        "rate ~= share(change, change - change)",
        "x",
    );
    let f = check(&r, &[zero_base]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.contains("除数为零"), "{}", f[0].message);
    assert_eq!(
        &src[f[0].primary.0.clone()],
        "比年初预算数减少12.11万元，降低1.49%"
    );
}
