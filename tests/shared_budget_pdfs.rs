//! The budget packs on the real Shanghai 部门预算 and 单位预算 PDFs under
//! `../shared/reports/pdf/` (not part of the project; each test says it was skipped when the
//! folder is absent). Every finding listed here was verified by hand against the PDF's
//! `pdftotext -layout` text, with the numbers in its comment.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn shared(file: &str) -> Option<PathBuf> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reports/pdf/"
    ))
    .join(file);
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

/// The errors (rule, message) of the default pack on a shared PDF, as `fislint check` gives
/// them: every one verified by hand, so the tests below list them all.
fn errors(file: &str) -> Option<Vec<(String, String)>> {
    let path = shared(file)?;
    let read = fislint::lint::read_input(fislint::lint::Kind::Pdf, &std::fs::read(path).unwrap());
    let source = read.imported.expect("the PDF imports").0.source;
    let parsed = fislint::report::parse(&source);
    let header = parsed.report.header.as_ref().expect("a header");
    assert_eq!(header.kind, fislint::report::ReportKind::Budget, "{file}");
    let pack = fislint::pack::pack_for_report(header.kind, &header.region);
    assert_eq!(pack, "budget-shanghai", "{file}");
    let rules = fislint::precompiled::rules(pack).unwrap();
    Some(
        fislint::engine::check(&parsed.report, &rules)
            .into_iter()
            .filter(|f| f.severity == fislint::severity::Severity::Error)
            .map(|f| (f.rule, f.message))
            .collect(),
    )
}

fn assert_errors(file: &str, expected: &[(&str, &str)]) {
    let Some(found) = errors(file) else { return };
    let mut found: Vec<(&str, &str)> = found
        .iter()
        .map(|(r, m)| (r.as_str(), m.as_str()))
        .collect();
    found.sort_unstable();
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    assert_eq!(found, expected, "{file}");
}

/// The 司法局's 2026 部门预算: the checklist's items 4 (the rate of item 6) and 6 (item 12's two
/// amounts), and a rate the checklist missed.
#[test]
fn the_sifaju_budget_s_errors_are_the_verified_ones() {
    assert_errors(
        "budget-2026-shanghai-putuo-sifaju.pdf",
        &[
            // Item 6: 43269.3 → 3845.49 is a fall of 91.11%, not "增加17.62%" (the unit budget
            // prints 3269.3 there, from which 17.62% follows).
            ("budget-prose-execution-rate", "上年预算执行数 43269.3 万元、本年预算安排 3845.49 万元，说明却写“增加17.62%”"),
            // Item 9: (91.97 − 77.99) / 77.99 = 17.93%, not 17.66% (item 8's rate). Not in the
            // checklist.
            ("budget-prose-execution-rate", "上年预算执行数 77.99 万元、本年预算安排 91.97 万元，说明却写“增加17.66%”"),
            // Item 12: 住房公积金（01项）208.8万元 but 预算安排201.50万元; table 05's 2210201 is
            // 2,087,959.00 元 = 208.80 万元, so 201.50 is the wrong one. Its 5.27% follows from
            // 198.34 → 208.8 (5.274%): the rate is right, and not reported.
            ("budget-prose-item-plan", "科目 2210201「住房公积金」先写 208.8 万元，又写预算安排 201.50 万元；表中该科目为 208.80 万元"),
        ],
    );
}

/// The 司法局's 2026 单位预算: the checklist's items 2, 3 and 4 of 预算编制说明, and its 行政运行
/// row of tables 03 and 05.
#[test]
fn the_unit_budget_s_errors_are_the_verified_ones() {
    assert_errors(
        "budget-2026-shanghai-putuo-unit.pdf",
        &[
            // Item 1: (1434.89 − 1690.69) / 1690.69 = −15.13%, not "减少1.10%".
            ("budget-prose-execution-rate", "上年预算执行数 1690.69 万元、本年预算安排 1434.89 万元，说明却写“减少1.10%”"),
            // Item 7: 行政单位离退休（01项）56.12万元, 预算安排57.8万元; the tables' 2080501 is
            // 561,240.00 元 = 56.12 万元. Its "减少2.27%" follows from 57.43 → 56.12 (−2.28%,
            // within rounding of the two figures): the rate is right, and not reported.
            ("budget-prose-item-plan", "科目 2080501「行政单位离退休」先写 56.12 万元，又写预算安排 57.8 万元；表中该科目为 56.12 万元"),
            // Item 13: 购房补贴（03项）207万元, 预算安排170.03万元; the tables' 2210203 is
            // 2,070,000.00 元 = 207 万元; 241.76 → 207 is a fall (14.38%) and 241.76 → 170.03 one
            // too (29.67%), not "增加21.74%".
            ("budget-prose-execution-rate", "上年预算执行数 241.76 万元、本年预算安排 170.03 万元，说明却写“增加21.74%”"),
            ("budget-prose-item-plan", "科目 2210203「购房补贴」先写 207 万元，又写预算安排 170.03 万元；表中该科目为 207.00 万元"),
            // Tables 03 and 05, row 2040601 行政运行: 合计 14,348,853.34 = 基本 14,348,853.34,
            // but 项目支出 64,840,547.00 (its parent's); so 20406's 项目支出 64,840,547.00 is
            // half of its children's 129,681,094.00.
            ("budget-t03-code-hierarchy", "合计 64840547.00 与各项之和 129681094.00 不符（相差 64840547）"),
            ("budget-t03-row-total", "合计 14348853.34 与各项之和 79189400.34 不符（相差 64840547）"),
            ("budget-t05-code-hierarchy", "合计 64840547.00 与各项之和 129681094.00 不符（相差 64840547）"),
            ("budget-t05-row-total", "合计 14348853.34 与各项之和 79189400.34 不符（相差 64840547）"),
        ],
    );
}

/// The 万里街道's 2024 部门预算, item 31: “住房公积金（项）”350.35万元, 预算安排352.67万元 (the
/// tables' 2210201: 3,503,499 元 = 350.35 万元); its 0.53% follows from 348.52 → 350.35 and is
/// not reported. Its 32 other items, found in table 05 by the names of their 类, 款 and 项,
/// agree with it.
#[test]
fn the_wanli_2024_budget_s_errors_are_the_verified_ones() {
    assert_errors(
        "budget-2024-shanghai-putuo-wanli-jiedao.pdf",
        &[(
            "budget-prose-item-two-amounts",
            "「住房公积金」先写 350.35 万元，又写预算安排 352.67 万元；表中该科目为 350.35 万元",
        )],
    );
}

/// The other three budgets: every identity, 科目 and sentence the packs check agrees.
#[test]
fn the_other_budgets_have_no_error() {
    for file in [
        "budget-2025-shanghai-putuo-wanli-jiedao.pdf",
        "budget-2025-shanghai-putuo-shangwuwei.pdf",
        "budget-2025-shanghai-putuo-zhengfu-bangongshi.pdf",
    ] {
        assert_errors(file, &[]);
    }
}
