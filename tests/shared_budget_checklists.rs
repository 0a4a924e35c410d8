//! The two inspection checklists (检查表) of `../shared/reports/pdf/`: a district reviewer's
//! record of every problem found in the 司法局's 2026 部门预算 and 单位预算. Each item the
//! reviewer wrote is listed here with the finding of `fislint check` that answers it, located
//! (a line of the PDF's text), and every other finding fislint gives on the two PDFs is listed
//! too, with why it is right. The PDFs are not part of the project: each test says it was
//! skipped when the folder is absent.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

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

/// `fislint check --format json` on a shared PDF: each finding's rule, message and line.
fn findings(file: &str) -> Option<Vec<(String, String, u64)>> {
    let path = shared(file)?;
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Some(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect(),
    )
}

/// What answers a checklist item, or another finding: the rule and a piece of its message.
struct Answer {
    /// The checklist's part and the reviewer's words (or, for a finding the checklist does not
    /// have, why it is right).
    item: &'static str,
    rule: &'static str,
    message: &'static str,
}

const fn a(item: &'static str, rule: &'static str, message: &'static str) -> Answer {
    Answer {
        item,
        rule,
        message,
    }
}

/// Every finding on the file is one of `answers` (each answering exactly one finding), and
/// every answer is found, on a line of the file's text.
fn check(file: &str, answers: &[Answer]) {
    let Some(mut found) = findings(file) else {
        return;
    };
    for answer in answers {
        let at = found
            .iter()
            .position(|(r, m, _)| r == answer.rule && m.contains(answer.message))
            .unwrap_or_else(|| {
                panic!(
                    "{file}: 「{}」 is not answered by {} “{}”\nfound: {found:#?}",
                    answer.item, answer.rule, answer.message
                )
            });
        let (_, _, line) = found.remove(at);
        assert!(line > 0, "{file}: 「{}」 is located", answer.item);
    }
    assert!(
        found.is_empty(),
        "{file}: findings no answer lists: {found:#?}"
    );
}

/// budget-2026-shanghai-putuo-sifaju-inspection.xlsx, 2026年度普陀区部门预算公开情况检查表.
#[test]
fn every_item_of_the_department_budget_s_checklist_is_found() {
    let year = "与上年比较应写 2025 年，此处写成了 2026 年";
    check(
        "budget-2026-shanghai-putuo-sifaju.pdf",
        &[
            a("目录：目录后有一页多余的空表页，建议删除", "pdf/empty-page", "第3页只有表格框线"),
            a(
                "主要职能：主要职能中部分文字未正常显示（第4页的（八）被裁剪框截去一半，第5页重印了（七）至（十））",
                "pdf/cut-text",
                "第4页有 1 行文字被页面边缘或裁剪区域截断",
            ),
            // 收入 比2026年预算增加, 支出 比2026年预算增加, 一般公共预算 比2026年预算增加,
            // 政府性基金 与2026年预算持平, 国有资本经营 与2026年预算持平.
            a("预算编制说明 1：5处与2025年预算比较的描述（写成了2026年）①", "year-compared-with", year),
            a("预算编制说明 1 ②", "year-compared-with", year),
            a("预算编制说明 1 ③", "year-compared-with", year),
            a("预算编制说明 1 ④", "year-compared-with", year),
            a("预算编制说明 1 ⑤", "year-compared-with", year),
            a(
                "预算编制说明 2：“财政拨款收入支出增加的主要原因是工作量增加”后面漏了个句号",
                "text-missing-full-stop",
                "句子末尾缺少句号",
            ),
            a(
                "预算编制说明 3：第5点“信息化建设及运行维护等方面的支出。。”，存在连续两个句号",
                "text-doubled-punctuation",
                "标点“。”连写了两次",
            ),
            a(
                "预算编制说明 4：第6点 43269.3 → 3845.49 不可能是“增加17.62%”",
                "budget-prose-execution-rate",
                "上年预算执行数 43269.3 万元、本年预算安排 3845.49 万元，说明却写“增加17.62%”",
            ),
            a(
                "预算编制说明 5：第11点写“医疗卫生与计划生育支出（210类）”，预算表为“卫生健康支出”",
                "subject-prose-class",
                "正文把科目 210 写作「医疗卫生与计划生育支出」",
            ),
            a(
                "预算编制说明 6：第12点“住房公积金（01项）208.8万元”，后面又写“2026年预算安排201.50万元”",
                "budget-prose-item-plan",
                "科目 2210201「住房公积金」先写 208.8 万元，又写预算安排 201.50 万元；表中该科目为 208.80 万元",
            ),
            a(
                "项目经费情况说明：“开展‘人民调解协议书检查’、优秀调解案例”活动。”多了一个右引号",
                "text-unpaired-quote",
                "「”」没有与之配对的另一半",
            ),
            // Not in the checklist, and right:
            a(
                "第9点：77.99 → 91.97 是增加 17.93%，不是“增加17.66%”（第8点的增长率）",
                "budget-prose-execution-rate",
                "上年预算执行数 77.99 万元、本年预算安排 91.97 万元，说明却写“增加17.66%”",
            ),
            a(
                "“三公”经费：“比2025年预算持平”（持平应与“与”搭配）",
                "text-compared-level",
                "“比2025年预算持平”搭配不当",
            ),
            a(
                "人民调解项目：2026 年预算中的项目，实施周期写的是“2025年1月1日-2025年12月31日”",
                "year-project-period",
                "实施周期 2025 年至 2025 年，不含预算年度 2026 年",
            ),
        ],
    );
}

/// budget-2026-shanghai-putuo-unit-inspection.xlsx, 2026年度普陀区单位预算公开情况检查表.
#[test]
fn every_item_of_the_unit_budget_s_checklist_is_found() {
    check(
        "budget-2026-shanghai-putuo-unit.pdf",
        &[
            a(
                "预算编制说明 1：“财政拨款收入支出增加（减少）的主要原因是业务量增加。”",
                "text-template-left",
                "保留了模板的备选写法",
            ),
            a(
                "预算编制说明 2：1690.69 → 1434.89 约减少15.13%，不是1.10%",
                "budget-prose-execution-rate",
                "上年预算执行数 1690.69 万元、本年预算安排 1434.89 万元，说明却写“减少1.10%”",
            ),
            a(
                "预算编制说明 3：第7项前面写“56.12万元”，后面又写“2026年预算安排57.8万元”；预算表为56.12万元",
                "budget-prose-item-plan",
                "科目 2080501「行政单位离退休」先写 56.12 万元，又写预算安排 57.8 万元；表中该科目为 56.12 万元",
            ),
            a(
                "预算编制说明 4：第13项“购房补贴（03项）207万元”，后面又写“2026年预算安排170.03万元”（表中207万元）",
                "budget-prose-item-plan",
                "科目 2210203「购房补贴」先写 207 万元，又写预算安排 170.03 万元；表中该科目为 207.00 万元",
            ),
            a(
                "预算编制说明 4：……“比2025年预算执行数增加21.74%”，按207与241.76应是减少约14.38%",
                "budget-prose-execution-rate",
                "上年预算执行数 241.76 万元、本年预算安排 170.03 万元，说明却写“增加21.74%”",
            ),
            a(
                "预算编制说明 5：第11项写“医疗卫生与计划生育支出（210类）”，预算表为“卫生健康支出（210类）”",
                "subject-prose-class",
                "正文把科目 210 写作「医疗卫生与计划生育支出」",
            ),
            a(
                "《单位支出预算总表》：“行政运行”行合计14,348,853.34元，基本支出14,348,853.34元，却又写项目支出64,840,547.00元",
                "budget-t03-row-total",
                "合计 14348853.34 与各项之和 79189400.34 不符",
            ),
            a(
                "《单位一般公共预算支出功能分类预算表》：同一“行政运行”行",
                "budget-t05-row-total",
                "合计 14348853.34 与各项之和 79189400.34 不符",
            ),
            a(
                "其他相关说明 1：“公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。”这句话残缺",
                "text-empty-reason",
                "说明原因处没有写出原因",
            ),
            a(
                "其他相关说明 2：单位预算写成“2026年部门预算安排购置车辆0辆”",
                "text-wrong-kind",
                "本报告是单位预算，此处写成了“部门预算”",
            ),
            a(
                "其他相关说明 2：……“部门预算安排购置单价100万元（含）以上设备”",
                "text-wrong-kind",
                "本报告是单位预算，此处写成了“部门预算”",
            ),
            // Not in the checklist, and right: the same 行政运行 row makes its parent 20406's
            // 项目支出 (64,840,547.00) half the sum of its children's (129,681,094.00), in both
            // tables; and the PDF cuts lines at the foot of pages 6 and 7 (seen rendered).
            a(
                "表03：20406 司法的项目支出不等于其下各项之和（同一“行政运行”行所致）",
                "budget-t03-code-hierarchy",
                "合计 64840547.00 与各项之和 129681094.00 不符",
            ),
            a(
                "表05：同上",
                "budget-t05-code-hierarchy",
                "合计 64840547.00 与各项之和 129681094.00 不符",
            ),
            a("第6页页脚截断的一行", "pdf/cut-text", "第6页有 1 行文字被页面边缘或裁剪区域截断"),
            a("第7页页脚截断的两行", "pdf/cut-text", "第7页有 2 行文字被页面边缘或裁剪区域截断"),
        ],
    );
}
