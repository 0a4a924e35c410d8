//! Every rule of every embedded pack (national, hunan) on the seed: a one-figure change to the
//! seed that makes the rule fire, or, for a rule the seed already breaks, the correction that
//! quiets it. The seed itself is the silent case for every other rule (`cli.rs` pins its
//! findings in a snapshot).

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::engine::{self, Rule};
use fislint::pack::{self, PackRef};
use fislint::report;
use std::collections::BTreeMap;

fn embedded(name: &str) -> Vec<Rule> {
    let loaded = pack::load(PackRef::Embedded(name.into()), &pack::EmbeddedOnly)
        .unwrap_or_else(|f| panic!("the {name} pack loads:\n{}", f.render()));
    pack::compile(&loaded).unwrap_or_else(|f| panic!("the {name} pack compiles:\n{}", f.render()))
}

fn national() -> Vec<Rule> {
    embedded("national")
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap()
}

/// How many findings (rounding notes left out) each rule gives on `text`.
fn counts(rules: &[Rule], text: &str) -> BTreeMap<String, usize> {
    let parsed = report::parse(text);
    assert!(
        parsed.errors.is_empty(),
        "the changed seed still parses: {:?}",
        parsed.errors
    );
    let mut out = BTreeMap::new();
    for f in engine::check(&parsed.report, rules)
        .into_iter()
        .filter(|f| !f.rounding)
    {
        *out.entry(f.rule).or_insert(0) += 1;
    }
    out
}

/// The seed with each `(from, to)` applied; each `from` occurs exactly once.
fn changed(seed: &str, edits: &[(&str, &str)]) -> String {
    let mut text = seed.to_string();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} occurs once in the seed"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

enum Expect {
    /// The change makes the rule fire (more often than on the seed).
    Fires,
    /// The change corrects an error of the seed: the rule fires less often.
    Quiets,
}

use Expect::*;

/// A rule, what the change does to it, and the change: `(from, to)` replacements in the seed.
type Case = (
    &'static str,
    Expect,
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    // Tables: within and between.
    ("t01-income-total", Fires, &[("本年收入合计                     | 10 | 1022.32", "本年收入合计                     | 10 | 1020.32")]),
    ("t01-income-grand-total", Fires, &[("总计                             | 13 | 1,025.90", "总计                             | 13 | 1,020.90")]),
    ("t01-expenditure-total", Fires, &[("本年支出合计         | 23 | 1,022.64", "本年支出合计         | 23 | 1,020.64")]),
    ("t01-expenditure-grand-total", Fires, &[("总计                 | 26 | 1,025.90", "总计                 | 26 | 1,020.90")]),
    ("t01-totals-balance", Fires, &[("总计                 | 26 | 1,025.90", "总计                 | 26 | 1,020.90")]),
    ("t02-row-total", Fires, &[("2010301 | 行政运行                               | 376.62   | 376.62   | - | - | - | - | -", "2010301 | 行政运行                               | 376.62   | 370.62   | - | - | - | - | -")]),
    ("t02-code-hierarchy", Fires, &[("20103   | 政府办公厅（室）及相关机构事务         | 975.18   | 975.18   | - | - | - | - | -", "20103   | 政府办公厅（室）及相关机构事务         | 975.00   | 975.00   | - | - | - | - | -")]),
    ("t03-row-total", Fires, &[("2010301 | 行政运行                               | 376.62   | 376.62 | -     | - | - | -", "2010301 | 行政运行                               | 376.62   | 370.62 | -     | - | - | -")]),
    ("t03-code-hierarchy", Fires, &[("20103   | 政府办公厅（室）及相关机构事务         | 975.50   | 975.50 | -     | - | - | -", "20103   | 政府办公厅（室）及相关机构事务         | 975.00   | 975.00 | -     | - | - | -")]),
    ("t05-row-total", Fires, &[("2010301 | 行政运行                               | 376.62   | 376.62 | -\n", "2010301 | 行政运行                               | 376.62   | 370.62 | -\n")]),
    ("t05-code-hierarchy", Fires, &[("20103   | 政府办公厅（室）及相关机构事务         | 975.18   | 975.18 | -\n", "20103   | 政府办公厅（室）及相关机构事务         | 975.00   | 975.00 | -\n")]),
    ("t05-total-of-classes", Fires, &[("-       | 合计                                   | 1,022.32 | 975.48 | 46.84", "-       | 合计                                   | 1,022.32 | 975.48 | 40.84")]),
    ("t06-code-hierarchy", Fires, &[("30101 | 基本工资                     | 38.17", "30101 | 基本工资                     | 30.17")]),
    ("t06-personnel-total", Fires, &[("人员经费合计                 | 178.67", "人员经费合计                 | 170.67")]),
    ("t06-public-total", Fires, &[("公用经费合计                 | 796.81", "公用经费合计                 | 790.81")]),
    ("t05-basic-equals-t06", Fires, &[("人员经费合计                 | 178.67", "人员经费合计                 | 170.67")]),
    ("t07-total", Fires, &[("决算数 | 0.24 | - | - | - | - | 0.24", "决算数 | 0.24 | - | - | - | - | 0.20")]),
    ("t07-vehicle-subtotal", Fires, &[("决算数 | 0.24 | - | - | - | - | 0.24", "决算数 | 0.24 | - | 0.10 | - | - | 0.24")]),
    ("t07-within-budget", Fires, &[("决算数 | 0.24 | - | - | - | - | 0.24", "决算数 | 0.34 | - | - | - | - | 0.34")]),
    ("t01-income-equals-t02", Fires, &[("-       | 合计                                   | 1,022.32 | 1,022.32 | - | - | - | - | -", "-       | 合计                                   | 1,020.32 | 1,020.32 | - | - | - | - | -")]),
    ("t01-expenditure-equals-t03", Fires, &[("-       | 合计                                   | 1,022.64 | 975.80 | 46.84 | - | - | -", "-       | 合计                                   | 1,020.64 | 973.80 | 46.84 | - | - | -")]),
    ("t02-grant-equals-t04", Fires, &[("本年收入合计                 | 8  | 1,022.32", "本年收入合计                 | 8  | 1,020.32")]),
    ("t04-general-equals-t05", Fires, &[("本年支出合计           | 21 | 1,022.32 | 1,022.32 | - | -", "本年支出合计           | 21 | 1,022.32 | 1,020.32 | - | -")]),
    ("t02-total-of-classes", Fires, &[("  206     | 科学技术支出                           | 46.84    | 46.84    | - | - | - | - | -", "  206     | 科学技术支出                           | 40.84    | 40.84    | - | - | - | - | -")]),
    ("t03-total-of-classes", Fires, &[("  206     | 科学技术支出                           | 46.84    | -      | 46.84 | - | - | -", "  206     | 科学技术支出                           | 40.84    | -      | 40.84 | - | - | -")]),
    ("t08-total-of-classes", Fires, &[("  - | 合计 | - | - | - | - | - | -\n", "  - | 合计 | - | - | 10.00 | - | 10.00 | -\n  229 | 其他支出 | - | - | 8.00 | - | 8.00 | -\n")]),
    ("t08-row-total", Fires, &[("  - | 合计 | - | - | - | - | - | -\n", "  - | 合计 | - | - | 10.00 | - | 8.00 | -\n")]),
    ("t08-code-hierarchy", Fires, &[("  - | 合计 | - | - | - | - | - | -\n", "  - | 合计 | - | - | 10.00 | - | 10.00 | -\n  229 | 其他支出 | - | - | 10.00 | - | 10.00 | -\n  22960 | 彩票公益金 | - | - | 8.00 | - | 8.00 | -\n")]),
    ("t09-total-of-classes", Fires, &[("  - | 合计 | - | - | -\n", "  - | 合计 | 10.00 | - | 10.00\n  223 | 国有资本经营预算支出 | 8.00 | - | 8.00\n")]),
    ("t09-row-total", Fires, &[("  - | 合计 | - | - | -\n", "  - | 合计 | 10.00 | - | 8.00\n")]),
    ("t09-code-hierarchy", Fires, &[("  - | 合计 | - | - | -\n", "  - | 合计 | 10.00 | - | 10.00\n  223 | 国有资本经营预算支出 | 10.00 | - | 10.00\n  22301 | 解决历史遗留问题及改革成本支出 | 8.00 | - | 8.00\n")]),
    ("t04-income-total", Fires, &[("本年收入合计                 | 8  | 1,022.32", "本年收入合计                 | 8  | 1,020.32")]),
    ("t04-income-grand-total", Fires, &[("总计                         | 13 | 1,022.80", "总计                         | 13 | 1,020.80")]),
    ("t04-expenditure-total", Fires, &[("六、科学技术支出       | 19 | 46.84    | 46.84    | - | -", "六、科学技术支出       | 19 | 40.84    | 40.84    | - | -")]),
    ("t04-row-total", Fires, &[("本年支出合计           | 21 | 1,022.32 | 1,022.32 | - | -", "本年支出合计           | 21 | 1,022.32 | 1,020.32 | - | -")]),
    ("t04-totals-balance", Fires, &[("总计                   | 26 | 1,022.80 | 1,022.80 | - | -", "总计                   | 26 | 1,020.80 | 1,020.80 | - | -")]),
    ("t04-fund-balance", Fires, &[("年末财政拨款结转和结余 | 22 | 0.48     | 0.48     | - | -", "年末财政拨款结转和结余 | 22 | 0.40     | 0.40     | - | -")]),
    ("t04-classes-equal-t05", Fires, &[("  206     | 科学技术支出                           | 46.84    | -      | 46.84\n", "  206     | 科学技术支出                           | 40.84    | -      | 40.84\n")]),
    ("t04-fund-equals-t08", Fires, &[("本年支出合计           | 21 | 1,022.32 | 1,022.32 | - | -", "本年支出合计           | 21 | 1,032.32 | 1,022.32 | 10.00 | -")]),
    ("t04-capital-equals-t09", Fires, &[("本年支出合计           | 21 | 1,022.32 | 1,022.32 | - | -", "本年支出合计           | 21 | 1,032.32 | 1,022.32 | - | 10.00")]),
    ("t06-within-t07", Fires, &[("    30217 | 公务接待费                   | 0.24", "    30217 | 公务接待费                   | 0.34")]),
    // Prose.
    ("prose-total-matches-t01", Fires, &[("收、支总计1025.9万元", "收、支总计1020.9万元")]),
    ("prose-total-growth", Quiets, &[("3.26万元）。与上年相比，增加100.76万元，增长10.93%", "3.26万元）。与上年相比，增加100.76万元，增长10.89%")]),
    ("prose-appropriation-growth", Fires, &[("0.48万元），与上年相比，增加100.76万元，增长10.93%", "0.48万元），与上年相比，增加100.76万元，增长11.93%")]),
    ("prose-income-shares", Fires, &[("财政拨款收入1022.32万元，占100%", "财政拨款收入1022.32万元，占90%")]),
    ("prose-expenditure-shares", Fires, &[("基本支出975.80万元，占95.42%", "基本支出975.80万元，占94.42%")]),
    ("prose-general-budget-structure", Fires, &[("一般公共服务（类）支出975.48万元，占95.42%", "一般公共服务（类）支出975.48万元，占96.42%")]),
    ("prose-basic-expenditure-shares", Fires, &[("占基本支出的18.32%", "占基本支出的18.52%")]),
    ("prose-completion-rate", Fires, &[("完成年初预算的224.22%", "完成年初预算的204.22%")]),
    ("prose-running-cost-matches-t06", Fires, &[("机关运行经费支出796.81万元", "机关运行经费支出790.81万元")]),
    ("prose-running-cost-change", Quiets, &[("降低1.49%", "降低1.50%")]),
    // "0万元" written without decimals stands for ±0.5 (domain.md §5): the change must exceed that.
    ("prose-procurement-parts", Fires, &[("政府采购服务支出81.32万元", "政府采购服务支出70.32万元")]),
    ("prose-deviation-direction", Fires, &[("决算数小于年初预算数的主要原因是：根据具体工作需要", "决算数大于年初预算数的主要原因是：根据具体工作需要")]),
    ("prose-deviation-reason", Fires, &[("支出决算为0.3万元，决算数大于年初预算数的主要原因是：年初无预算，年中科目调剂。", "支出决算为0.3万元。")]),
    ("prose-completion-rate-zero-base", Fires, &[("支出决算为0.3万元，决算数大于", "支出决算为0.3万元，完成年初预算的100%，决算数大于")]),
    ("prose-appropriation-expenditure-share", Fires, &[("占本年支出合计的99.97%", "占本年支出合计的98.97%")]),
    ("prose-change-rate", Fires, &[("财政拨款支出增加100.76万元，增长10.93%", "财政拨款支出增加100.76万元，增长11.93%")]),
    ("prose-change-rate", Fires, &[("财政拨款支出增加100.76万元，增长10.93%", "财政拨款支出增加100.76万元，下降10.93%")]),
    // Each "0%" stands for 0 ± 0.5 (domain.md §5), so a sum with three of them has ±1.51 of play.
    ("prose-enumerated-shares-total-100", Fires, &[("项目支出46.84万元，占4.58%", "项目支出46.84万元，占2.48%")]),
    ("prose-enumerated-shares-total-100", Fires, &[("公务接待费支出决算0.24万元，占100%", "公务接待费支出决算0.24万元，占90%")]),
    ("prose-sangong-matches-t07", Fires, &[("“三公”经费财政拨款支出预算为0.30万元", "“三公”经费财政拨款支出预算为0.40万元")]),
    ("prose-sangong-items-match-t07", Fires, &[("公务接待费支出预算为0.3万元，支出决算为0.24万元", "公务接待费支出预算为0.3万元，支出决算为0.20万元")]),
    ("prose-sangong-items-match-t07", Fires, &[("因公出国（境）费支出预算为0万元", "因公出国（境）费支出预算为1万元")]),
    ("prose-sangong-change-reason", Fires, &[("增加0.24万元，100%，增长的主要原因是本年度接待了炎陵县优化营商环境协调中心和政务中心以及接待了浏阳市行政审批局人员。", "增加0.24万元，100%。")]),
    ("prose-change-rate-from-zero", Quiets, &[("与上年相比增加0.24万元，100%，", "与上年相比增加0.24万元，")]),
    ("prose-change-rate-from-zero-not-100", Fires, &[("与上年相比增加0.24万元，100%，", "与上年相比增加0.24万元，50%，")]),
    ("prose-count-matches-enumeration", Fires, &[("”2 个重点项目", "”3 个重点项目")]),
    ("prose-count-matches-enumeration", Fires, &[("所属二级预算单位 1 个，为政务服务中心。", "所属二级预算单位 2 个，为政务服务中心。")]),
    ("prose-project-count-matches-summaries", Quiets, &[("”2 个重点项目", "”4 个重点项目")]),
    ("prose-project-completion-rate", Fires, &[("执行数为217.76万元，完成预算的67%", "执行数为217.76万元，完成预算的76%")]),
    ("prose-amount-in-yuan", Fires, &[("公务接待费支出决算为0.24万元，全年", "公务接待费支出决算为2400元，全年")]),
    ("prose-basic-items-match-t06", Fires, &[("主要包括基本工资38.17万元", "主要包括基本工资38.71万元")]),
    ("prose-basic-items-match-t06", Fires, &[("其他商品和服务支出11.64万元", "其他商品和服务支出11.46万元")]),
    ("prose-income-total-matches-t01", Fires, &[("2021年度收入合计1022.32万元", "2021年度收入合计1020.32万元")]),
    ("prose-expenditure-total-matches-t01", Fires, &[("2021年度支出合计1022.64万元", "2021年度支出合计1020.64万元")]),
    ("prose-income-items-match-t02", Fires, &[("其中：财政拨款收入1022.32万元", "其中：财政拨款收入1020.32万元")]),
    ("prose-expenditure-items-match-t03", Fires, &[("其中：基本支出975.80万元", "其中：基本支出970.80万元")]),
    ("prose-expenditure-items-match-t03", Fires, &[("项目支出46.84万元，占4.58%", "项目支出40.84万元，占4.58%")]),
    // Content.
    ("required-tables", Fires, &[("table 08 \"", "table 10 \"")]),
    ("required-tables", Fires, &[("note (株洲市荷塘区行政审批服务局没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据)。", "note 以上。")]),
    ("required-sections", Fires, &[("\n## 十二、政府采购支出说明", "\n## 十二、采购")]),
    ("sangong-details", Fires, &[("公务用车保有量为0辆", "公务用车为0辆")]),
    ("sangong-details", Fires, &[("因公出国（境）团组0个", "因公出国（境）0个"), ("接待来访团组2个", "接待来访2批")]),
    ("empty-fund-table-explained", Fires, &[("2021年度株洲市荷塘区行政审批服务局没有政府性基金收入，也没有使用政府性基金安排的支出，2021年底无结余。", "略。")]),
    ("empty-capital-table-explained", Fires, &[("2021年度株洲市荷塘区行政审批服务局没有国有资本经营预算收入，也没有使用国有资本经营预算安排的支出，2021年底无结余。", "略。")]),
    ("contents-match-headings", Quiets, &[("  # 第二部分2021年度部门决算表", "  # 第二部分部门决算表")]),
    // 绩效自评表.
    ("perf-weights-total", Quiets, &[("总分 | 100 | 96 | 等级: 优", "总分 | 120 | 96 | 等级: 优")]),
    ("perf-weights-within-caps", Quiets, &[("满意度指标 (100 分) |", "满意度指标 (10 分) |")]),
    ("perf-score-total", Quiets, &[("| 96 | 等级：优", "| 94 | 等级：优")]),
    ("perf-grade", Fires, &[("| 99 | 等级：优", "| 99 | 等级：良")]),
    ("perf-execution-rate", Fires, &[("| 217.76 | 10 | 67% | 7", "| 217.76 | 10 | 80% | 7")]),
    ("perf-funds-score", Quiets, &[("| 99.41 | 10 | 100% | 9", "| 99.41 | 10 | 100% | 10")]),
];

/// The rules of the Hunan pack's own (it extends national, whose cases are above).
const HUNAN_CASES: &[Case] = &[
    (
        "hunan-general-expenditure",
        Fires,
        &[("\n## 十一、一般性支出情况说明", "\n## 十一、其他支出说明")],
    ),
    (
        "hunan-general-expenditure",
        Fires,
        &[(
            "没有举办节庆、晚会、论坛、赛事活动，开支0万元。",
            "其他0万元。",
        )],
    ),
    (
        "hunan-general-expenditure-matches-t06",
        Fires,
        &[("开支培训费6.73万元", "开支培训费7.63万元")],
    ),
    (
        "hunan-performance-attachments",
        Fires,
        &[
            (
                "table 附件1-2-1 \"2021 年度项目支出绩效自评表\"",
                "table 附件1-2-1 \"项目表\"",
            ),
            (
                "table 附件1-2-2 \"2021 年度项目支出绩效自评表\"",
                "table 附件1-2-2 \"项目表\"",
            ),
        ],
    ),
    (
        "hunan-performance-attachments",
        Fires,
        &[("## 2021 年度部门整体支出绩效自评报告", "## 自评")],
    ),
    (
        "hunan-project-tables-match-count",
        Fires,
        &[(
            "table 附件1-2-2 \"2021 年度项目支出绩效自评表\"",
            "table 附件1-2-2 \"项目表\"",
        )],
    ),
];

/// The rules of the common pack (text hygiene), each with a change that makes it fire and the
/// very text its finding must point at.
const COMMON_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "text-doubled-punctuation",
        "因此只在部门决算公开专栏中公开。",
        "因此只在部门决算公开专栏中公开。。",
        "。。",
    ),
    (
        "text-doubled-punctuation",
        "为政务服务中心。\n（二）决算单位构成",
        "为政务服务中心，，\n（二）决算单位构成",
        "，，",
    ),
    (
        "text-empty-reason",
        "决算数大于年初预算数的主要原因是：年初无预算，年中科目调剂。",
        "决算数大于年初预算数的主要原因是。",
        "主要原因是。",
    ),
    (
        "text-empty-reason",
        "决算数大于年初预算数的主要原因是：年初无预算，年中科目调剂。",
        "决算数大于年初预算数的主要原因是：；年中科目调剂。",
        "主要原因是：；",
    ),
    (
        "text-template-left",
        "财政拨款支出增加100.76万元，增长10.93%",
        "财政拨款支出增加（减少）100.76万元，增长10.93%",
        "增加（减少）",
    ),
    (
        "text-unpaired-quote",
        "所属二级预算单位 1 个，为政务服务中心。",
        "所属二级预算单位 1 个，为政务服务中心”、“办事大厅”。",
        "”",
    ),
    (
        "text-unpaired-quote",
        "本单位没有独立网站，因此只在部门决算公开专栏中公开。",
        "本单位没有独立网站（因此只在部门决算公开专栏中公开。",
        "（",
    ),
    (
        "text-template-placeholder",
        "所属二级预算单位 1 个，为政务服务中心。",
        "所属二级预算单位 XX 个，为政务服务中心。",
        "XX",
    ),
    (
        "text-missing-full-stop",
        "本单位没有独立网站，因此只在部门决算公开专栏中公开。",
        "本单位没有独立网站，因此只在部门决算公开专栏中公开",
        "本单位没有独立网站，因此只在部门决算公开专栏中公开",
    ),
    (
        "year-compared-with-final",
        "与上年相比，财政拨款支出增加100.76万元",
        "与2021年相比，财政拨款支出增加100.76万元",
        "2021",
    ),
    (
        "year-compared-with-final",
        "比上年决算数增加52.44万元",
        "比2019年决算数增加52.44万元",
        "2019",
    ),
    (
        "text-compared-level",
        "与上年相比一样，主要原因是荷塘区公车改革",
        "比2020年决算持平，主要原因是荷塘区公车改革",
        "比2020年决算持平",
    ),
];

/// Changes the common rules must stay silent on: what only looks like their problem.
const COMMON_SILENT: &[(&str, &str)] = &[
    // A full stop before a closing quote, an ellipsis and a dash are right.
    (
        "因此只在部门决算公开专栏中公开。",
        "因此只在“部门决算公开专栏”中公开……——“以上。”",
    ),
    // XX inside a Latin word or a code is no placeholder.
    (
        "所属二级预算单位 1 个，为政务服务中心。",
        "所属二级预算单位 1 个，为政务服务中心（XXL 型号 A1XX2）。",
    ),
    // A reason listed in the paragraphs after the marker is given.
    (
        "决算数大于年初预算数的主要原因是：年初无预算，年中科目调剂。",
        "决算数大于年初预算数的主要原因是：",
    ),
    // Quotes within quotes, brackets after a paragraph's number.
    (
        "本单位没有独立网站，因此只在部门决算公开专栏中公开。",
        "1）本单位没有“独立‘网站’”，因此只在《部门决算公开专栏（一）》中公开（本级)。",
    ),
    // The year before is what a comparison names; a comparison across a sentence is none.
    (
        "与上年相比，财政拨款支出增加100.76万元",
        "与2020年相比，财政拨款支出增加100.76万元",
    ),
    ("比上年决算数增加52.44万元", "比2020年度决算数增加52.44万元"),
    // The year's own budget is what a 决算 compares its figures with.
    ("比年初预算数减少12.11万元", "比2021年年初预算数减少12.11万元"),
    (
        "与上年相比一样，主要原因是荷塘区公车改革",
        "与2020年决算持平，主要原因是荷塘区公车改革",
    ),
    (
        "与上年相比一样，主要原因是荷塘区公车改革",
        "比年初预算减少12.11万元，与上年持平，主要原因是荷塘区公车改革",
    ),
    // Paragraphs that end without a full stop but are no sentence: a title, a signature, a
    // list of attachments, a lead-in, a note in brackets after an ending.
    (
        "本单位没有独立网站，因此只在部门决算公开专栏中公开。",
        "本单位没有独立网站，因此只在部门决算公开专栏中公开。（注：另见附件）",
    ),
    (
        "所属二级预算单位 1 个，为政务服务中心。",
        "所属二级预算单位 1 个，为政务服务中心。\n二、部门决算单位构成（仅有一个单位的部门，本部分内容为“机构设置”）",
    ),
    // Chosen direction words, and brackets that are no alternative.
    (
        "财政拨款支出增加100.76万元，增长10.93%",
        "财政拨款支出增加（增长）100.76万元，增长10.93%（类）（款）（项）",
    ),
];

/// Item 五 of the seed's 名词解释, the one sentence of the seed that ends without its full stop
/// (a real error of the published report).
const ITEM_5_UNENDED: &str =
    "五、使用非财政拨款结余：指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额\n";

#[test]
fn the_seed_s_one_common_finding_is_the_full_stop_its_item_five_lacks() {
    let seed = seed();
    let found: Vec<(String, &str)> =
        engine::check(&report::parse(&seed).report, &embedded("common"))
            .into_iter()
            .map(|f| (f.rule, &seed[f.primary.0]))
            .collect();
    assert_eq!(
        found,
        [(
            "text-missing-full-stop".to_string(),
            ITEM_5_UNENDED.trim_end()
        )]
    );
}

#[test]
fn every_common_rule_fires_on_a_change_of_the_seed_exactly_at_the_offending_text() {
    let rules = embedded("common");
    // The seed with its one common finding corrected (the test above).
    let seed = changed(
        &seed(),
        &[(
            ITEM_5_UNENDED,
            &ITEM_5_UNENDED.replace("金额\n", "金额。\n"),
        )],
    );
    let parsed = report::parse(&seed);
    let on_seed = engine::check(&parsed.report, &rules);
    assert!(
        on_seed.is_empty(),
        "the corrected seed is clean: {on_seed:?}"
    );
    for (rule, from, to, at) in COMMON_CASES {
        let text = changed(&seed, &[(from, to)]);
        let parsed = report::parse(&text);
        let found: Vec<(&str, usize)> = engine::check(&parsed.report, &rules)
            .into_iter()
            .filter(|f| f.rule == *rule)
            .map(|f| (&text[f.primary.0.clone()], f.primary.0.start))
            .collect();
        // Where `at` lies in the changed text: its place in `to`.
        let start = text.find(to).unwrap() + to.find(at).unwrap();
        assert_eq!(found, [(*at, start)], "{rule} after {from:?} -> {to:?}");
    }
    for (from, to) in COMMON_SILENT {
        let text = changed(&seed, &[(from, to)]);
        let found = engine::check(&report::parse(&text).report, &rules);
        assert!(found.is_empty(), "{to:?}: {found:?}");
    }
}

#[test]
fn a_common_finding_carries_its_certain_fix_as_help() {
    let rules = embedded("common");
    let text = changed(
        &seed(),
        &[(
            "因此只在部门决算公开专栏中公开。",
            "因此只在部门决算公开专栏中公开。。",
        )],
    );
    let found: Vec<_> = engine::check(&report::parse(&text).report, &rules)
        .into_iter()
        .filter(|f| f.rule == "text-doubled-punctuation")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].message, "标点“。”连写了两次");
    assert_eq!(found[0].help.as_deref(), Some("删去多余的“。”"));
}

/// The rules of `common` (科目名称, `rules/common/subjects-rules.yaml`), which `national` and
/// `hunan` extend: each fires on a name of the seed changed.
const SUBJECT_CASES: &[Case] = &[
    // Table 05's 206 row named otherwise than the 2021 classification.
    ("subject-table-name", Fires, &[(T05_206, "  206     | 科学支出                               | 46.84    | -      | 46.84\n")]),
    // Table 06's 30213 row (经济分类) named otherwise.
    ("subject-table-name", Fires, &[("30213 | 维修（护）费", "30213 | 维修费      ")]),
    ("subject-prose-class", Fires, &[(ITEM_4, "4、科学支出（206类）科学技术管理事务（01款）一般行政管理事务（02项）。")]),
    ("subject-prose-section", Fires, &[(ITEM_4, "4、科学技术支出（206类）科学技术管理（01款）一般行政管理事务（02项）。")]),
    ("subject-prose-item", Fires, &[(ITEM_4, "4、科学技术支出（206类）科学技术管理事务（01款）一般管理事务（02项）。")]),
    ("subject-prose-old-name", Fires, &[(ITEM_4, "4、医疗卫生与计划生育支出（类）科学技术管理事务（款）一般行政管理事务（项）。")]),
    // Table 03 names 206 otherwise than table 02 did before it.
    ("subject-one-name", Fires, &[(T03_206, "  206     | 科学支出                               | 46.84    | -      | 46.84 | - | - | -")]),
];

/// Table 05's row 206, as the seed prints it.
const T05_206: &str =
    "  206     | 科学技术支出                           | 46.84    | -      | 46.84\n";
/// Table 03's row 206, as the seed prints it.
const T03_206: &str =
    "  206     | 科学技术支出                           | 46.84    | -      | 46.84 | - | - | -";
/// The fourth item of 一般公共预算财政拨款支出决算具体情况, as the seed writes it (no codes).
const ITEM_4: &str = "4、科学技术支出（类）科学技术管理事务（款）一般行政管理事务（项）。";

/// Each case run on the seed with `rules`: what failed.
fn failures(rules: &[Rule], cases: &[Case]) -> Vec<String> {
    let seed = seed();
    let before = counts(rules, &seed);
    let mut failures = Vec::new();
    for (rule, expect, edits) in cases {
        let after = counts(rules, &changed(&seed, edits));
        let (b, a) = (
            before.get(*rule).copied().unwrap_or(0),
            after.get(*rule).copied().unwrap_or(0),
        );
        let ok = match expect {
            Fires => a > b,
            Quiets => a < b,
        };
        if !ok {
            failures.push(format!(
                "{rule}: {b} finding(s) on the seed, {a} after {edits:?}"
            ));
        }
    }
    failures
}

#[test]
fn every_national_rule_fires_on_a_change_that_breaks_it_or_quiets_when_the_seed_is_corrected() {
    let failures = failures(&national(), CASES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_common_rule_fires_on_a_change_that_breaks_it() {
    let failures = failures(&embedded("common"), SUBJECT_CASES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_hunan_rule_fires_on_a_change_that_breaks_it() {
    let failures = failures(&embedded("hunan"), HUNAN_CASES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_hunan_pack_is_the_national_pack_and_its_own_rules() {
    let national: Vec<String> = national().into_iter().map(|r| r.id).collect();
    let hunan: Vec<String> = embedded("hunan").into_iter().map(|r| r.id).collect();
    assert_eq!(hunan[..national.len()], national[..]);
    assert!(hunan[national.len()..]
        .iter()
        .all(|id| id.starts_with("hunan-")));
}

#[test]
fn every_rule_of_every_embedded_pack_has_a_case() {
    let mut missing = Vec::new();
    for name in pack::embedded_packs() {
        for rule in embedded(name) {
            let cased = CASES
                .iter()
                .chain(HUNAN_CASES)
                .chain(SUBJECT_CASES)
                .any(|(r, _, _)| *r == rule.id)
                || COMMON_CASES.iter().any(|(r, ..)| *r == rule.id)
                || BUDGET_COMMON_CASES.iter().any(|(r, ..)| *r == rule.id)
                || rule.id == "text-wrong-kind-department"
                || CROSSDOC_CASES.iter().any(|c| c.rule == rule.id)
                // The budget packs' own rules have theirs in tests/budget_rules.rs.
                || rule.id.starts_with("budget-");
            if !cased && !missing.contains(&rule.id) {
                missing.push(rule.id);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules without a triggering or quieting case: {missing:?}"
    );
}

/// A department without any 三公 spending (table 07 empty, as the Shanghai reports print it) is
/// not asked for 团组, 人次 or 保有量: `sangong-details` applies only when 07 has figures.
#[test]
fn three_public_details_are_asked_only_of_a_department_that_spent_on_them() {
    let rules = national();
    let without_details = [("公务用车保有量为0辆", "公务用车为0辆")];
    let seed = seed();
    let fires = counts(&rules, &changed(&seed, &without_details));
    assert_eq!(fires.get("sangong-details"), Some(&1));
    let empty_07 = [
        (
            "  预算数 | 0.30 | - | - | - | - | 0.30\n",
            "  预算数 | - | - | - | - | - | -\n",
        ),
        (
            "  决算数 | 0.24 | - | - | - | - | 0.24\n",
            "  决算数 | - | - | - | - | - | -\n",
        ),
    ];
    let edits: Vec<(&str, &str)> = without_details.iter().chain(&empty_07).copied().collect();
    let quiet = counts(&rules, &changed(&seed, &edits));
    assert_eq!(quiet.get("sangong-details"), None, "{quiet:?}");
}

/// The 科目 rules' findings on `text` (with the national pack): rule, line and column of the
/// primary place, the text there, and the message.
fn subject_findings(text: &str) -> Vec<(String, usize, usize, String, String)> {
    let parsed = report::parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    engine::check(&parsed.report, &national())
        .into_iter()
        .filter(|f| f.rule.starts_with("subject-"))
        .map(|f| {
            let start = f.primary.0.start;
            let line = text[..start].matches('\n').count() + 1;
            let column = text[..start].rsplit('\n').next().unwrap().chars().count() + 1;
            let at = text[f.primary.0.clone()].to_string();
            (f.rule, line, column, at, f.message)
        })
        .collect()
}

#[test]
fn the_seed_gives_no_subject_finding_nor_do_spellings_a_checker_ignores() {
    assert_eq!(subject_findings(&seed()), vec![]);
    // Half-width brackets, a level label appended, spaces: the same names.
    let spelled = changed(
        &seed(),
        &[
            ("30213 | 维修（护）费", "30213 | 维修(护)费  "),
            (
                T05_206,
                "  206     | 科学技术支出（类）                     | 46.84    | -      | 46.84\n",
            ),
            (
                ITEM_4,
                "4、科学技术 支出（206类）科学技术管理事务（01款）一般行政管理事务（02项）。",
            ),
        ],
    );
    assert_eq!(subject_findings(&spelled), vec![]);
    // A code the classification does not have: nothing is said of its name.
    let unknown = changed(
        &seed(),
        &[(
            "  2013399 | 其他宣传事务支出                       | 0.30     | 0.30     | - | - | - | - | -",
            "  2013398 | 某某支出                               | 0.30     | 0.30     | - | - | - | - | -",
        )],
    );
    assert_eq!(subject_findings(&unknown), vec![]);
    // A year the classification does not cover: nothing is said of the name against it (that
    // the report names 206 in two ways is still said).
    let old = changed(
        &seed(),
        &[
            ("年度 = 2021", "年度 = 2017"),
            (
                T05_206,
                "  206     | 科学支出                               | 46.84    | -      | 46.84\n",
            ),
        ],
    );
    let rules: Vec<String> = subject_findings(&old).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["subject-one-name"]);
}

#[test]
fn a_subject_finding_points_at_the_name_and_says_both_names() {
    let text = changed(
        &seed(),
        &[(
            T05_206,
            "  206     | 科学支出                               | 46.84    | -      | 46.84\n",
        )],
    );
    assert_eq!(
        subject_findings(&text),
        vec![
            (
                "subject-table-name".to_string(),
                202,
                13,
                "科学支出".to_string(),
                "科目 206 写作「科学支出」，2021 年政府收支分类科目中为「科学技术支出」"
                    .to_string()
            ),
            (
                "subject-one-name".to_string(),
                202,
                13,
                "科学支出".to_string(),
                "科目 206 在此写作「科学支出」，上一次出现时写作「科学技术支出」".to_string()
            )
        ]
    );
    // An old name of the code, in a sentence with codes and in one without: said with its years.
    let text = changed(
        &seed(),
        &[(
            ITEM_4,
            "4、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）；医疗卫生与计划生育支出（类）。",
        )],
    );
    let old = "（医疗卫生与计划生育支出是 2018 年以前的名称，2019 年起为卫生健康支出）";
    assert_eq!(
        subject_findings(&text),
        vec![
            (
                "subject-prose-class".to_string(),
                367,
                3,
                "医疗卫生与计划生育支出".to_string(),
                format!("正文把科目 210 写作「医疗卫生与计划生育支出」，2021 年政府收支分类科目中为「卫生健康支出」{old}")
            ),
            (
                "subject-prose-old-name".to_string(),
                367,
                45,
                "医疗卫生与计划生育支出".to_string(),
                format!("正文所写「医疗卫生与计划生育支出（类）」不是 2021 年的类级科目名称{old}")
            ),
        ]
    );
}

#[test]
fn two_names_for_one_code_are_one_finding_at_the_second_pointing_back_at_the_first() {
    // Table 02 names 206 wrongly; tables 03 and 05 name it rightly.
    let text = changed(
        &seed(),
        &[(
            "  206     | 科学技术支出                           | 46.84    | 46.84    | - | - | - | - | -",
            "  206     | 科学支出                               | 46.84    | 46.84    | - | - | - | - | -",
        )],
    );
    let parsed = report::parse(&text);
    let found: Vec<_> = engine::check(&parsed.report, &national())
        .into_iter()
        .filter(|f| f.rule == "subject-one-name")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    assert_eq!(line(found[0].primary.0.start), 144, "table 03's row 206");
    assert_eq!(&text[found[0].primary.0.clone()], "科学技术支出");
    assert_eq!(found[0].secondary.len(), 1);
    assert_eq!(
        line(found[0].secondary[0].0.start),
        121,
        "table 02's row 206"
    );
    assert_eq!(&text[found[0].secondary[0].0.clone()], "科学支出");
}

/// The 2026 单位预算 of the Shanghai checklist (budget-2026-shanghai-putuo-unit-inspection.xlsx,
/// item 5 of 预算编制说明): its table names 210 卫生健康支出, its prose 医疗卫生与计划生育支出
/// （210类）. A hand-made budget with that row and sentence: `common` finds the prose's old name.
#[test]
fn a_budget_s_old_name_for_210_in_its_prose_is_found_by_the_common_pack() {
    let text = "report 预算 {\n  部门 = \"某区司法局\"\n  年度 = 2026\n  单位 = 元\n  地区 = 上海\n}\n\ntable 05 \"一般公共预算支出功能分类预算表\" {\n  columns 功能分类科目编码 | 科目名称 | 合计\n  210     | 卫生健康支出     | 982,692.00\n  21011   | 行政事业单位医疗 | 982,692.00\n  2101101 | 行政单位医疗     | 982,692.00\n}\n\n# 单位预算编制说明\n11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）98.27万元。\n";
    let parsed = report::parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let found: Vec<_> = engine::check(&parsed.report, &embedded("common"))
        .into_iter()
        .map(|f| (f.rule, text[f.primary.0].to_string(), f.message))
        .collect();
    assert_eq!(
        found,
        [(
            "subject-prose-class".to_string(),
            "医疗卫生与计划生育支出".to_string(),
            "正文把科目 210 写作「医疗卫生与计划生育支出」，2026 年政府收支分类科目中为「卫生健康支出」（医疗卫生与计划生育支出是 2018 年以前的名称，2019 年起为卫生健康支出）".to_string()
        )]
    );
}

/// A small 2026 单位预算 of our own, in the words of a Shanghai budget, for the common rules
/// that concern budgets and units: the years of this year's figures and of a project's 实施周期,
/// and the kind of report its text names.
const UNIT_BUDGET: &str = "report 单位预算 {
  部门 = \"某区法律援助中心\"
  年度 = 2026
  单位 = 元
  地区 = 上海
}

# 一、单位预算编制说明
2026年，某区法律援助中心收入预算100万元，比2025年预算增加10万元。
1、公共安全支出（204类）司法（06款）行政运行（01项）80万元。2025年当年预算执行数为75万元，2026年预算安排80万元，比2025年预算执行数增加6.67%。

# 二、其他相关情况说明
2026年单位预算安排购置车辆0辆。本表按部门预算经济分类编列。

# 三、法律援助项目经费情况说明
## 一、项目概述
为困难群众提供法律援助。
## 五、实施周期
2026年1月1日-2026年12月31日
";

/// Each common rule about budgets and units: a change of [`UNIT_BUDGET`] that makes it fire,
/// and the very text its finding points at.
const BUDGET_COMMON_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "year-compared-with",
        "比2025年预算增加10万元",
        "比2026年预算增加10万元",
        "2026",
    ),
    (
        "year-compared-with",
        "2025年当年预算执行数",
        "2024年当年预算执行数",
        "2024",
    ),
    (
        "year-this-year",
        "2026年预算安排80万元",
        "2025年预算安排80万元",
        "2025",
    ),
    (
        "year-this-year",
        "2026年，某区法律援助中心收入预算",
        "2025年，某区法律援助中心收入预算",
        "2025",
    ),
    (
        "year-project-period",
        "2026年1月1日-2026年12月31日",
        "2025年1月1日-2025年12月31日",
        "2025",
    ),
    (
        "text-wrong-kind",
        "2026年单位预算安排购置车辆0辆。",
        "2026年部门预算安排购置车辆0辆。",
        "部门预算安排购置车辆0辆",
    ),
];

#[test]
fn every_common_rule_about_budgets_fires_on_a_change_of_a_unit_budget_exactly_at_the_offending_text(
) {
    let rules = embedded("common");
    let parsed = report::parse(UNIT_BUDGET);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let on_base = engine::check(&parsed.report, &rules);
    assert!(on_base.is_empty(), "the unit budget is clean: {on_base:?}");
    for (rule, from, to, at) in BUDGET_COMMON_CASES {
        let text = changed(UNIT_BUDGET, &[(from, to)]);
        let found: Vec<(&str, usize)> = engine::check(&report::parse(&text).report, &rules)
            .into_iter()
            .filter(|f| f.rule == *rule)
            .map(|f| (&text[f.primary.0.clone()], f.primary.0.start))
            .collect();
        let start = text.find(to).unwrap() + to.find(at).unwrap();
        assert_eq!(found, [(*at, start)], "{rule} after {from:?} -> {to:?}");
    }
    // Silent: a project over several years that includes 2026; 部门预算 in a 部门预算.
    for (from, to) in [
        ("2026年1月1日-2026年12月31日", "2025年1月1日-2027年12月31日"),
        ("2026年1月1日-2026年12月31日", "2026全年度"),
        ("2026年1月1日-2026年12月31日", "2026.1.1-2026.12.31"),
    ] {
        let text = changed(UNIT_BUDGET, &[(from, to)]);
        let found = engine::check(&report::parse(&text).report, &rules);
        assert!(found.is_empty(), "{to:?}: {found:?}");
    }
    let department = changed(
        UNIT_BUDGET,
        &[
            ("report 单位预算", "report 部门预算"),
            ("2026年单位预算安排", "2026年部门预算安排"),
        ],
    );
    let found = engine::check(&report::parse(&department).report, &rules);
    assert!(found.is_empty(), "{found:?}");
    // The reverse: “2026年单位预算” in a 部门预算, found at the year and the words; its units'
    // budgets (下属单位预算) are no mistake.
    let wrong = changed(
        &department,
        &[("2026年部门预算安排购置车辆", "2026年单位预算安排购置车辆")],
    );
    let found: Vec<(String, &str)> = engine::check(&report::parse(&wrong).report, &rules)
        .into_iter()
        .map(|f| (f.rule, &wrong[f.primary.0]))
        .collect();
    assert_eq!(
        found,
        [("text-wrong-kind-department".to_string(), "2026年单位预算")]
    );
    let units = changed(
        &department,
        &[(
            "本表按部门预算经济分类编列。",
            "本部门预算包括下属单位预算。",
        )],
    );
    let found = engine::check(&report::parse(&units).report, &rules);
    assert!(found.is_empty(), "{found:?}");
}

/// A rule across documents on a report and a companion that agree with it (silent), then on the
/// companion changed (it fires). Each report and companion is a fixture of `fixtures/reports/`,
/// each with its `(from, to)` edits.
struct CrossCase {
    rule: &'static str,
    pack: &'static str,
    report: &'static str,
    report_edits: &'static [(&'static str, &'static str)],
    doc: fislint::expr::Doc,
    companion: &'static str,
    companion_edits: &'static [(&'static str, &'static str)],
}

const CROSSDOC_CASES: &[CrossCase] = {
    use fislint::expr::Doc::{Budget, Previous};
    &[
        CrossCase {
            rule: "crossdoc-budget-total",
            pack: "national",
            report: "hetang-2021",
            report_edits: &[],
            doc: Budget,
            companion: "hetang-2021-budget",
            companion_edits: &[(
                "| 合计                                   | 951.03",
                "| 合计                                   | 950.00",
            )],
        },
        CrossCase {
            rule: "crossdoc-budget-subject",
            pack: "national",
            report: "hetang-2021",
            report_edits: &[],
            doc: Budget,
            companion: "hetang-2021-budget",
            companion_edits: &[("| 783.06 | -      | 783.06", "| 780.00 | -      | 780.00")],
        },
        // Item 1: its title and its sentence are two paragraphs (`with-next`).
        CrossCase {
            rule: "crossdoc-budget-subject",
            pack: "national",
            report: "hetang-2021",
            report_edits: &[],
            doc: Budget,
            companion: "hetang-2021-budget",
            companion_edits: &[(
                "2010301 | 行政运行                               | 167.97",
                "2010301 | 行政运行                               | 160.00",
            )],
        },
        CrossCase {
            rule: "crossdoc-budget-t07",
            pack: "national",
            report: "hetang-2021",
            report_edits: &[],
            doc: Budget,
            companion: "hetang-2021-budget",
            companion_edits: &[(
                "2021年预算数 | 0.30 | - | - | - | - | 0.30",
                "2021年预算数 | 0.50 | - | - | - | - | 0.50",
            )],
        },
        CrossCase {
            rule: "previous-carryover",
            pack: "national",
            report: "hetang-2021",
            report_edits: &[],
            doc: Previous,
            companion: "hetang-2020",
            companion_edits: &[(
                "年末结转和结余       | 25 | 3.58",
                "年末结转和结余       | 25 | 3.00",
            )],
        },
        CrossCase {
            rule: "previous-compared-change",
            pack: "national",
            report: "hetang-2021",
            report_edits: &[],
            doc: Previous,
            companion: "hetang-2020",
            companion_edits: &[("财政拨款支出921.56万元", "财政拨款支出920.00万元")],
        },
        CrossCase {
            rule: "previous-stated-change",
            pack: "common",
            report: "budget-2026",
            report_edits: &[],
            doc: Previous,
            companion: "budget-2025",
            companion_edits: &[("财政拨款收入883.51万元", "财政拨款收入880.00万元")],
        },
        CrossCase {
            rule: "previous-stated-unchanged",
            pack: "common",
            report: "budget-2026",
            report_edits: &[("其他收入0万元。", "其他收入0万元，比2025年预算持平。")],
            doc: Previous,
            companion: "budget-2025",
            companion_edits: &[("其他收入0万元。", "其他收入1.00万元。")],
        },
    ]
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/fixtures/reports/{name}.fis",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// How many findings `rule` gives on `text` checked against `companion` as `doc`.
fn crossdoc_count(
    rules: &[Rule],
    rule: &str,
    text: &str,
    doc: fislint::expr::Doc,
    companion: &str,
) -> usize {
    let this = report::parse(text);
    let other = report::parse(companion);
    assert!(this.errors.is_empty() && other.errors.is_empty());
    let mut companions = fislint::expr::Companions::default();
    match doc {
        fislint::expr::Doc::Budget => companions.budget = Some(&other.report),
        fislint::expr::Doc::Previous => companions.previous = Some(&other.report),
    }
    engine::check_with(&this.report, companions, rules, 1)
        .iter()
        .filter(|f| f.rule == rule && !f.rounding)
        .count()
}

#[test]
fn every_rule_across_documents_is_silent_on_agreeing_reports_and_fires_on_a_changed_companion() {
    let mut failures = Vec::new();
    for case in CROSSDOC_CASES {
        let rules = embedded(case.pack);
        assert!(rules
            .iter()
            .any(|r| r.id == case.rule && r.companions == [case.doc]));
        let this = changed(&fixture(case.report), case.report_edits);
        let agreeing = fixture(case.companion);
        let disagreeing = changed(&agreeing, case.companion_edits);
        let silent = crossdoc_count(&rules, case.rule, &this, case.doc, &agreeing);
        let fires = crossdoc_count(&rules, case.rule, &this, case.doc, &disagreeing);
        if silent != 0 || fires == 0 {
            failures.push(format!(
                "{}: {silent} finding(s) against {}, {fires} against it changed",
                case.rule, case.companion
            ));
        }
        // Without the companion the rule does not run at all.
        let alone = counts(&rules, &this);
        assert_eq!(
            alone.get(case.rule),
            None,
            "{} runs without its companion",
            case.rule
        );
        let skipped = engine::skipped(&rules, Default::default());
        assert!(skipped
            .iter()
            .any(|(r, docs)| r.id == case.rule && *docs == [case.doc]));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
