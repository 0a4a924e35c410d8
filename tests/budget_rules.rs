//! Every rule of the embedded budget packs (`budget`, `budget-shanghai`) on the hand-written
//! budget `fixtures/reports/budget-2026.fis`: the fixture is silent, and a change to it makes the
//! rule fire at the exact place (the stated figure that disagrees, or the element missing).

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::engine::{self, Rule};
use fislint::pack::{self, PackRef};
use fislint::report;

fn embedded(name: &str) -> Vec<Rule> {
    let loaded = pack::load(PackRef::Embedded(name.into()), &pack::EmbeddedOnly)
        .unwrap_or_else(|f| panic!("the {name} pack loads:\n{}", f.render()));
    pack::compile(&loaded).unwrap_or_else(|f| panic!("the {name} pack compiles:\n{}", f.render()))
}

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/budget-2026.fis"
    ))
    .unwrap()
}

/// A change: after the first occurrence of `context`, the first `from` becomes `to`; the rule
/// then fires at `at`, found in `to` (or, for what a change removes, the first `at` of the text).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// Table 08 with one 类, for the rules of a table that has rows (the fixture's is empty).
const T08_EMPTY: &str = "  - | 合计 | - | - | -\n  note 注：本部门2026年无政府性基金";
const T09_EMPTY: &str = "  - | 合计 | - | - | -\n  note 注：本部门2026年无国有资本经营";

const CASES: &[Case] = &[
    // ---------------------------------------------------------------- 01
    ("budget-t01-income-total", "table 01", "收入总计               | 9,628,221.34", "收入总计               | 9,628,321.34", "9,628,321.34"),
    ("budget-t01-expenditure-total", "table 01", "支出总计               | 9,628,221.34", "支出总计               | 9,628,321.34", "9,628,321.34"),
    ("budget-t01-balance", "table 01", "收入总计               | 9,628,221.34", "收入总计               | 9,628,321.34", "9,628,321.34"),
    // ---------------------------------------------------------------- 02
    ("budget-t02-row-total", "table 02", "行政运行                         | 5,000,000.00 | 5,000,000.00", "行政运行                         | 5,000,000.00 | 4,000,000.00", "5,000,000.00"),
    ("budget-t02-code-hierarchy", "table 02", "司法                             | 8,400,000.00 | 8,400,000.00", "司法                             | 8,300,000.00 | 8,300,000.00", "8,300,000.00"),
    ("budget-t02-total-of-classes", "table 02", "合计                             | 9,628,221.34 | 9,628,221.34", "合计                             | 9,628,321.34 | 9,628,321.34", "9,628,321.34"),
    ("budget-t02-equals-t01", "table 02", "合计                             | 9,628,221.34 | 9,628,221.34", "合计                             | 9,628,321.34 | 9,628,321.34", "9,628,321.34"),
    // ---------------------------------------------------------------- 03: the checklist's 行政运行 row
    ("budget-t03-row-total", "table 03", "行政运行                         | 5,000,000.00 | 5,000,000.00 | -", "行政运行                         | 5,000,000.00 | 5,000,000.00 | 3,400,000.00", "5,000,000.00"),
    ("budget-t03-code-hierarchy", "table 03", "司法                             | 8,400,000.00 | 5,000,000.00", "司法                             | 8,300,000.00 | 4,900,000.00", "8,300,000.00"),
    ("budget-t03-total-of-classes", "table 03", "合计                             | 9,628,221.34 | 6,228,221.34", "合计                             | 9,628,321.34 | 6,228,321.34", "9,628,321.34"),
    ("budget-t03-equals-t01", "table 03", "合计                             | 9,628,221.34 | 6,228,221.34", "合计                             | 9,628,321.34 | 6,228,321.34", "9,628,321.34"),
    ("budget-t03-matches-fiscal-tables", "table 03", "基层司法业务                     | 3,400,000.00 | -            | 3,400,000.00", "基层司法业务                     | 3,300,000.00 | -            | 3,300,000.00", "3,300,000.00"),
    // ---------------------------------------------------------------- 04
    ("budget-t04-income-total", "table 04", "收入总计             | 9,628,221.34", "收入总计             | 9,628,321.34", "9,628,321.34"),
    ("budget-t04-balance", "table 04", "收入总计             | 9,628,221.34", "收入总计             | 9,628,321.34", "9,628,321.34"),
    ("budget-t04-equals-t01", "table 04", "收入总计             | 9,628,221.34", "收入总计             | 9,628,321.34", "9,628,321.34"),
    ("budget-t04-expenditure-total", "table 04", "支出总计               | 9,628,221.34 | 9,628,221.34", "支出总计               | 9,628,321.34 | 9,628,321.34", "9,628,321.34"),
    ("budget-t04-row-total", "table 04", "一、公共安全支出       | 8,400,000.00 | 8,400,000.00", "一、公共安全支出       | 8,400,000.00 | 8,300,000.00", "8,400,000.00"),
    ("budget-t04-funds-equal-tables", "table 04", "支出总计               | 9,628,221.34 | 9,628,221.34", "支出总计               | 9,628,221.34 | 9,628,321.34", "9,628,321.34"),
    // ---------------------------------------------------------------- 05, 08, 09
    ("budget-t05-row-total", "table 05", "行政运行                         | 5,000,000.00 | 5,000,000.00 | -", "行政运行                         | 5,000,000.00 | 5,000,000.00 | 3,400,000.00", "5,000,000.00"),
    ("budget-t05-code-hierarchy", "table 05", "司法                             | 8,400,000.00 | 5,000,000.00", "司法                             | 8,300,000.00 | 4,900,000.00", "8,300,000.00"),
    ("budget-t05-total-of-classes", "table 05", "合计                             | 9,628,221.34 | 6,228,221.34", "合计                             | 9,628,321.34 | 6,228,321.34", "9,628,321.34"),
    ("budget-t08-row-total", "table 08", T08_EMPTY, "  229 | 其他支出 | 100.00 | - | 80.00\n  - | 合计 | 100.00 | - | 80.00\n  note 注：本部门2026年无政府性基金", "100.00"),
    ("budget-t08-code-hierarchy", "table 08", T08_EMPTY, "  229 | 其他支出 | 100.00 | - | 100.00\n  22960 | 彩票公益金安排的支出 | 80.00 | - | 80.00\n  - | 合计 | 100.00 | - | 100.00\n  note 注：本部门2026年无政府性基金", "100.00"),
    ("budget-t08-total-of-classes", "table 08", T08_EMPTY, "  229 | 其他支出 | 100.00 | - | 100.00\n  - | 合计 | 120.00 | - | 120.00\n  note 注：本部门2026年无政府性基金", "120.00"),
    ("budget-t09-row-total", "table 09", T09_EMPTY, "  223 | 国有资本经营预算支出 | 100.00 | - | 80.00\n  - | 合计 | 100.00 | - | 80.00\n  note 注：本部门2026年无国有资本经营", "100.00"),
    ("budget-t09-code-hierarchy", "table 09", T09_EMPTY, "  223 | 国有资本经营预算支出 | 100.00 | - | 100.00\n  22301 | 解决历史遗留问题及改革成本支出 | 80.00 | - | 80.00\n  - | 合计 | 100.00 | - | 100.00\n  note 注：本部门2026年无国有资本经营", "100.00"),
    ("budget-t09-total-of-classes", "table 09", T09_EMPTY, "  223 | 国有资本经营预算支出 | 100.00 | - | 100.00\n  - | 合计 | 120.00 | - | 120.00\n  note 注：本部门2026年无国有资本经营", "120.00"),
    // ---------------------------------------------------------------- 06
    ("budget-t06-row-total", "table 06", "办公费                       | 300,000.00   | -", "办公费                       | 300,000.00   | 100,000.00", "300,000.00"),
    ("budget-t06-code-hierarchy", "table 06", "商品和服务支出               | 456,000.00   | -            | 456,000.00", "商品和服务支出               | 457,000.00   | -            | 457,000.00", "457,000.00"),
    ("budget-t06-total-of-classes", "table 06", "合计                         | 6,228,221.34 | 5,772,221.34", "合计                         | 6,228,321.34 | 5,772,321.34", "6,228,321.34"),
    ("budget-t06-equals-t05", "table 06", "合计                         | 6,228,221.34 | 5,772,221.34", "合计                         | 6,228,321.34 | 5,772,321.34", "6,228,321.34"),
    // ---------------------------------------------------------------- 07 (万元)
    ("budget-t07-total", "table 07", "- | 12.50 |", "- | 13.50 |", "13.50"),
    ("budget-t07-vehicle-subtotal", "table 07", "| 10.00 | 0 | 10.00 |", "| 10.00 | 1.00 | 10.00 |", "10.00"),
    // ---------------------------------------------------------------- prose (万元) against tables (元)
    ("budget-prose-income-total", "# 四", "收入预算962.82万元", "收入预算962.83万元", "962.83"),
    ("budget-prose-expenditure-totals", "# 四", "其中：财政拨款支出预算962.82万元", "其中：财政拨款支出预算960.00万元", "960.00"),
    ("budget-prose-expenditure-totals", "# 四", "一般公共预算拨款支出预算962.82万元", "一般公共预算拨款支出预算962.72万元", "962.72"),
    ("budget-prose-income-items", "# 四", "其中：财政拨款收入962.82万元", "其中：财政拨款收入962.92万元", "962.92"),
    ("budget-prose-expenditure-items", "# 四", "基本支出622.82万元", "基本支出620.82万元", "620.82"),
    // One item, one amount: the item's figure, then its 预算安排, each against the table row.
    ("budget-prose-item-amount", "# 四", "住房公积金（01项）62.82万元", "住房公积金（01项）63.82万元", "63.82"),
    ("budget-prose-item-plan", "# 四", "2026年预算安排62.82万元", "2026年预算安排61.82万元", "61.82"),
    // Without codes, the row found by the names of its 类, 款 and 项 (the 万里街道's
    // “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元……预算安排352.67万元).
    ("budget-prose-named-item-amount", "# 四", "”60万元", "”63万元", "63"),
    ("budget-prose-item-two-amounts", "# 四", "2026年预算安排60万元", "2026年预算安排62万元", "62"),
    // Rates: the unit checklist's 1690.69 → 1434.89 "减少1.10%" (it is 15.13%).
    ("budget-prose-execution-rate", "# 四", "比2025年预算执行数减少3.85%", "比2025年预算执行数减少1.10%", "1.10"),
    // The direction wrong (sifaju item 6: 43269.3 → 3845.49 "增加17.62%").
    ("budget-prose-execution-rate", "# 四", "比2025年预算执行数增加13.33%", "比2025年预算执行数减少13.33%", "300"),
    ("budget-prose-change-rate", "# 四", "增长8.98%", "增长9.98%", "9.98"),
    ("budget-prose-sangong-total", "# 六", "“三公”经费预算数为12.50万元", "“三公”经费预算数为12.00万元", "12.00"),
    ("budget-prose-sangong-items", "# 六", "公务接待费2.50万元", "公务接待费3.00万元", "3.00"),
    ("budget-prose-sangong-items", "# 六", "公务用车运行费10.00万元", "公务用车运行费9.00万元", "9.00"),
    ("budget-prose-procurement-parts", "# 六", "政府采购预算120万元", "政府采购预算130万元", "130"),
    ("budget-prose-performance-funds", "# 六", "涉及项目预算资金340万元", "涉及项目预算资金350万元", "350"),
    ("budget-prose-vehicle-counts", "# 六", "共有车辆2辆", "共有车辆3辆", "3"),
    ("budget-prose-vehicle-counts", "# 六", "安排购置车辆0辆，其中：执法执勤用车0辆", "安排购置车辆0辆，其中：执法执勤用车1辆", "0"),
    // ---------------------------------------------------------------- content
    ("budget-required-tables", "table 08", "  note 注：本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。\n", "", "08 \"2026年部门政府性基金"),
    ("budget-required-sections", "# 二", "# 三、名词解释", "# 三、术语", "report 部门预算"),
    ("budget-shanghai-required-sections", "# 六", "## 三、政府采购预算情况\n2026年本部门政府采购预算120万元，其中：政府采购货物预算20万元、政府采购工程预算0万元、政府采购服务预算100万元。\n", "", "六、其他相关情况说明"),
    ("budget-shanghai-running-cost", "# 六", "机关运行经费预算为45.60万元", "机关运行经费预算为40.00万元", "40.00"),
];

/// The fixture changed by a case, and where the finding must be (a byte offset).
fn apply(text: &str, (rule, context, from, to, at): &Case) -> (String, usize) {
    let after = text
        .find(context)
        .unwrap_or_else(|| panic!("{rule}: {context:?} is in the fixture"));
    let start = after
        + text[after..]
            .find(from)
            .unwrap_or_else(|| panic!("{rule}: {from:?} follows {context:?}"));
    let changed = format!("{}{}{}", &text[..start], to, &text[start + from.len()..]);
    let place = match to.find(at) {
        Some(i) => start + i,
        None => changed
            .find(at)
            .unwrap_or_else(|| panic!("{rule}: {at:?} is in the changed text")),
    };
    (changed, place)
}

/// Each finding of the pack on `text` (rounding notes left out): rule, primary place, text there.
fn findings(rules: &[Rule], text: &str) -> Vec<(String, usize, String)> {
    let parsed = report::parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    engine::check(&parsed.report, rules)
        .into_iter()
        .filter(|f| !f.rounding)
        .map(|f| {
            let at = text[f.primary.0.clone()].to_string();
            (f.rule, f.primary.0.start, at)
        })
        .collect()
}

#[test]
fn the_fixture_is_clean_under_both_budget_packs() {
    for name in ["budget", "budget-shanghai"] {
        assert_eq!(findings(&embedded(name), &fixture()), vec![], "{name}");
    }
}

#[test]
fn every_budget_rule_fires_at_the_place_a_change_breaks() {
    let rules = embedded("budget-shanghai");
    let text = fixture();
    let mut failures = Vec::new();
    for case in CASES {
        let (changed, place) = apply(&text, case);
        let found = findings(&rules, &changed);
        let here = found
            .iter()
            .any(|(rule, start, _)| rule == case.0 && *start == place);
        if !here {
            let mine: Vec<_> = found.iter().filter(|f| f.0 == case.0).collect();
            failures.push(format!(
                "{}: expected at byte {place} ({:?}), found {mine:?}",
                case.0, case.4
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_of_the_budget_packs_has_a_case() {
    let common: Vec<String> = embedded("common").into_iter().map(|r| r.id).collect();
    let missing: Vec<String> = embedded("budget-shanghai")
        .into_iter()
        .map(|r| r.id)
        .filter(|id| !common.contains(id) && !CASES.iter().any(|c| c.0 == id))
        .collect();
    assert!(
        missing.is_empty(),
        "budget rules without a case: {missing:?}"
    );
}

#[test]
fn the_shanghai_pack_is_the_budget_pack_and_its_own_rules() {
    let budget: Vec<String> = embedded("budget").into_iter().map(|r| r.id).collect();
    let shanghai: Vec<String> = embedded("budget-shanghai")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(shanghai[..budget.len()], budget[..]);
    assert!(shanghai[budget.len()..]
        .iter()
        .all(|id| id.starts_with("budget-shanghai-")));
    // `budget` extends `common`: its text and 科目 rules run on budgets too.
    assert!(budget.iter().any(|id| id == "subject-prose-class"));
}

#[test]
fn the_default_pack_follows_the_kind_and_the_region() {
    use fislint::report::ReportKind::{Budget, Final};
    assert_eq!(pack::pack_for_report(Budget, "上海"), "budget-shanghai");
    assert_eq!(
        pack::pack_for_report(Budget, "上海市普陀区"),
        "budget-shanghai"
    );
    assert_eq!(pack::pack_for_report(Budget, "湖南"), "budget");
    assert_eq!(pack::pack_for_report(Budget, "北京市"), "budget");
    assert_eq!(pack::pack_for_report(Final, "湖南省株洲市"), "hunan");
    assert_eq!(pack::pack_for_report(Final, "上海"), "national");
}

/// A message names the computed figure in the unit of the one it is compared with: the prose's
/// 万元, not the table's 元.
#[test]
fn a_budget_finding_says_the_computed_figure_in_the_stated_unit() {
    let (changed, _) = apply(
        &fixture(),
        &CASES
            .iter()
            .find(|c| c.0 == "budget-prose-income-total")
            .unwrap()
            .clone(),
    );
    let parsed = report::parse(&changed);
    let found: Vec<_> = engine::check(&parsed.report, &embedded("budget-shanghai"))
        .into_iter()
        .filter(|f| f.rule == "budget-prose-income-total")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].help.as_deref(),
        Some("按表中数字计算应为 962.82 万元")
    );
}
