//! The command line, run as users run it: arguments in, output and exit code out.
//! Exit codes are a contract: 0 clean, 1 findings, 2 bad input or usage.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::untimed;

use std::path::Path;
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn fislint(args: &[&str]) -> Run {
    fislint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn fislint_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the fislint binary runs");
    Run {
        code: out.status.code().expect("fislint exits, it is not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// `fislint check` on a broken fixture: exit 2, and the rendered errors as a snapshot.
fn broken(name: &str) -> String {
    let path = format!("fixtures/broken/{name}.fis");
    let run = fislint(&["check", "--color", "never", &path]);
    assert_eq!(run.code, 2, "{path} must fail with exit 2:\n{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("┌─ {path}:")),
        "errors are located in {path}"
    );
    run.stdout
}

#[test]
fn the_seed_parses_whole() {
    let run = fislint(&[
        "check",
        "--format",
        "json",
        "fixtures/reports/hetang-2021.fis",
    ]);
    assert_ne!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let syntax = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("syntax/"))
        .count();
    assert_eq!(syntax, 0);
}

#[test]
fn a_directory_is_walked_for_fis_files() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read("fixtures/reports/hetang-2021.fis").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.fis"), &seed).unwrap();
    std::fs::write(dir.path().join("sub/b.fis"), &seed).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "不是报告").unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "."]);
    assert_eq!(run.code, 1, "the seed's findings, twice:\n{}", run.stdout);
    assert!(
        run.stdout.contains("┌─ a.fis:") && run.stdout.contains("┌─ sub/b.fis:"),
        "{}",
        run.stdout
    );
    assert!(
        untimed(&run.stdout).ends_with("已检查 2 个文件，发现 16 个错误、8 个警告、2 个提示。\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn errors_in_a_directory_name_the_file_and_fail() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read("fixtures/reports/hetang-2021.fis").unwrap();
    std::fs::write(dir.path().join("a-good.fis"), &seed).unwrap();
    std::fs::write(dir.path().join("b-bad.fis"), "report 决算 {\n").unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("┌─ b-bad.fis:1:1"), "{}", run.stdout);
    let summary =
        "\n已检查 2 个文件，发现 8 个错误、4 个警告、1 个提示；1 个文件无法完整解析，共 5 处语法错误。\n";
    assert!(untimed(&run.stdout).ends_with(summary), "{}", run.stdout);
}

#[test]
fn a_directory_without_reports_is_an_error_not_a_clean_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "不是报告").unwrap();
    let run = fislint_in(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "error: 在给定路径下没有找到要检查的文件（*.fis，或 --include 指定的文件）\n"
    );
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "fixtures/reports/hetang-2021.fis",
        dir.path().join("report.txt"),
    )
    .unwrap();
    let run = fislint_in(dir.path(), &["check", "report.txt"]);
    assert_eq!(
        run.code, 1,
        "checked, with the seed's findings: {}",
        run.stdout
    );
}

#[test]
fn a_missing_file_is_an_error_with_exit_2() {
    let run = fislint(&["check", "fixtures/reports/no-such-report.fis"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("无法读取 fixtures/reports/no-such-report.fis：文件不存在"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(fislint(&["check"]).code, 2);
    assert_eq!(
        fislint(&["check", "--fail-on", "sometimes", "x.fis"]).code,
        2
    );
    assert_eq!(fislint(&["frobnicate"]).code, 2);
}

#[test]
fn help_and_version_exit_0() {
    let run = fislint(&["--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("check"));
    assert_eq!(fislint(&["--version"]).code, 0);
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    // This pack finds only a precision slip (a warning) in the seed.
    let pack = "fixtures/packs/slip-only.yaml";
    let seed = "fixtures/reports/hetang-2021.fis";
    let code = |level: &str| fislint(&["check", "--pack", pack, "--fail-on", level, seed]).code;
    assert_eq!(code("error"), 0, "a warning does not fail --fail-on error");
    assert_eq!(code("warning"), 1);
    assert_eq!(code("info"), 1);
}

#[test]
fn colour_is_used_only_when_asked() {
    let plain = fislint(&[
        "check",
        "--color",
        "never",
        "fixtures/broken/cell-count.fis",
    ]);
    assert!(!plain.stdout.contains('\x1b'));
    let coloured = fislint(&[
        "check",
        "--color",
        "always",
        "fixtures/broken/cell-count.fis",
    ]);
    assert!(coloured.stdout.contains("\x1b["));
}

#[test]
fn json_output_is_one_document_for_all_files() {
    let run = fislint(&[
        "check",
        "--format",
        "json",
        "fixtures/broken/cell-count.fis",
        "fixtures/reports/hetang-2021.fis",
        "fixtures/reports/missing.fis",
    ]);
    assert_eq!(run.code, 2);
    let doc: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("one JSON document, nothing else");
    assert_eq!(doc["version"], 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_pack_finds_the_seeds_errors_with_every_cell_labelled() {
    let run = fislint(&[
        "check",
        "--color",
        "never",
        "--pack",
        "fixtures/packs/demo.yaml",
        "fixtures/reports/hetang-2021.fis",
    ]);
    assert_eq!(
        run.code, 1,
        "findings at error severity exit 1:\n{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn fail_on_error_ignores_warnings_and_fail_on_warning_does_not() {
    let pack = "fixtures/packs/demo.yaml";
    let seed = "fixtures/reports/hetang-2021.fis";
    // The demo pack finds one error and one warning (a precision slip) in the seed.
    let json = fislint(&["check", "--format", "json", "--pack", pack, seed]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let severities: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "warning"]);
    assert_eq!(doc["findings"][0]["rule"], "prose-total-growth");
    assert_eq!(json.code, 1);
}

#[test]
fn a_broken_pack_is_reported_in_its_yaml_and_exits_2() {
    let run = fislint(&[
        "check",
        "--pack",
        "fixtures/packs/broken/expressions.yaml",
        "fixtures/reports/hetang-2021.fis",
    ]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stdout);
}

/// A broken pack: exit 2 before any report is read, the error located in the YAML file.
fn broken_pack(name: &str, at: &str) -> String {
    let path = format!("fixtures/packs/broken/{name}.yaml");
    let run = fislint(&["check", "--pack", &path, "fixtures/reports/hetang-2021.fis"]);
    assert_eq!(run.code, 2, "{path}:\n{}", run.stdout);
    let at = format!("[fixtures/packs/broken/{at}]");
    assert!(
        run.stdout.contains(&at),
        "{path} is located at {at}:\n{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("已检查"),
        "no report is checked with a broken pack"
    );
    run.stdout
}

#[test]
fn pack_with_invalid_yaml() {
    insta::assert_snapshot!(broken_pack("invalid-yaml", "invalid-yaml.yaml:8:12"));
}

#[test]
fn pack_with_an_unknown_check_kind() {
    insta::assert_snapshot!(broken_pack(
        "unknown-check-kind",
        "unknown-check-kind.yaml:12:7"
    ));
}

#[test]
fn pack_with_a_duplicate_rule_id() {
    insta::assert_snapshot!(broken_pack("duplicate-rule", "duplicate-rule.yaml:12:9"));
}

#[test]
fn pack_with_a_malformed_classification_file() {
    // Every error of the data file, each at its place in it.
    let out = broken_pack("classification", "bad-subjects.yaml:8:6");
    for at in [
        "bad-subjects.yaml:11:31",
        "bad-subjects.yaml:12:40",
        "bad-subjects.yaml:9:6",
    ] {
        assert!(out.contains(at), "{at}:\n{out}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn pack_naming_an_unknown_classification_or_none_for_its_subject_rules() {
    let out = broken_pack("unknown-classification", "unknown-classification.yaml:5:17");
    assert!(
        out.contains("没有名为 `no-such-subjects` 的内置科目数据"),
        "{out}"
    );
    let out = broken_pack("no-classification", "no-classification.yaml:6:9");
    assert!(out.contains("pack/no-classification"), "{out}");
}

#[test]
fn pack_with_an_extends_cycle() {
    // Reported at the link that closes the cycle, with every pack on it named.
    let out = broken_pack("cycle-a", "cycle-b.yaml:4:11");
    assert!(out.contains("cycle-a → cycle-b → cycle-a"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn pack_with_unknown_references_and_type_errors() {
    insta::assert_snapshot!(broken_pack("expressions", "expressions.yaml:15:15"));
}

#[test]
fn a_missing_pack_is_an_error() {
    let run = fislint(&[
        "check",
        "--pack",
        "fixtures/packs/none.yaml",
        "fixtures/reports/hetang-2021.fis",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("none.yaml"), "{}", run.stdout);
    let run = fislint(&[
        "check",
        "--pack",
        "no-such-embedded-pack",
        "fixtures/reports/hetang-2021.fis",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("no-such-embedded-pack"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_pack_the_national_pack_finds_the_seeds_prose_errors() {
    // The seed's tables agree with each other; its prose has a growth rate computed on the wrong
    // base (an error) and a truncated rate (a precision slip, a warning).
    let run = fislint(&[
        "check",
        "--color",
        "never",
        "fixtures/reports/hetang-2021.fis",
    ]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_report_without_its_tables_and_sections_is_told_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n# 第一部分 单位概况\n## 一、部门职责\n负责……\n";
    std::fs::write(dir.path().join("thin.fis"), text).unwrap();
    let run = fislint_in(dir.path(), &["check", "--format", "json", "thin.fis"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let messages: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"缺少表 01") && messages.contains(&"缺少表 09"),
        "{messages:?}"
    );
    assert!(messages.contains(&"缺少章节「名词解释」"), "{messages:?}");
    assert!(
        !messages.iter().any(|m| m.contains("部门职责")),
        "部门职责 is there: {messages:?}"
    );
}

#[test]
fn deviations_need_the_right_direction_a_reason_and_a_nonzero_base() {
    // A partial report: only its prose findings are the point here.
    let run = fislint(&[
        "check",
        "--format",
        "json",
        "fixtures/reports/deviations.fis",
    ]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let prose: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("prose-"))
        .map(|f| {
            format!(
                "{}:{} {} {}: {}",
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!(prose.join("\n"));
}

#[test]
fn rounding_differences_are_notes_shown_only_on_request() {
    let quiet = fislint(&[
        "check",
        "--format",
        "json",
        "fixtures/reports/hetang-2021.fis",
    ]);
    let loud = fislint(&[
        "check",
        "--format",
        "json",
        "--show-rounding",
        "fixtures/reports/hetang-2021.fis",
    ]);
    let count = |out: &str, severity: &str| {
        let doc: serde_json::Value = serde_json::from_str(out).unwrap();
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == severity)
            .count()
    };
    // The one note shown without asking: growth of 100% from a base of 0, a convention.
    assert_eq!(count(&quiet.stdout, "info"), 1, "{}", quiet.stdout);
    // Table 06's 301 and 302 are 0.01 off their items; 107.49% is 107.4961% rounded down; and
    // 执行率 100% for 99.41 of a budget written 100 (99.5 to 100.5) is within rounding.
    assert_eq!(count(&loud.stdout, "info"), 5, "{}", loud.stdout);
    assert_eq!(
        (count(&loud.stdout, "error"), count(&loud.stdout, "warning")),
        (8, 4)
    );
}

/// A 预算 report without `--pack` gets `budget`, or `budget-shanghai` when its 地区 starts with
/// 上海; a 决算 keeps its 地区's pack (the seed's snapshots pin that).
#[test]
fn a_budget_report_gets_the_budget_pack_of_its_region() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "report 预算 { 部门 = \"某局\"  年度 = 2024  单位 = 万元  地区 = 湖南 }\n# 第一部分 概况\n";
    std::fs::write(dir.path().join("budget.fis"), text).unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "budget.fis"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("budget-required-tables"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("budget-shanghai-"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("pack/no-pack-for-kind"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("┌─ budget.fis:1:1"), "{}", run.stdout);
    let shanghai = text.replace("湖南", "上海市普陀区");
    std::fs::write(dir.path().join("budget.fis"), shanghai).unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "budget.fis"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("budget-required-tables"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("budget-shanghai-required-sections"),
        "{}",
        run.stdout
    );
    // `--pack` still decides.
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "--pack",
            "national",
            "budget.fis",
        ],
    );
    assert!(!run.stdout.contains("budget-"), "{}", run.stdout);
    // The hand-written budget is clean under its default pack.
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/budget-2026.fis"
    );
    let run = fislint(&["check", "--color", "never", fixture]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn rules_list_and_explain_default_to_the_national_pack() {
    let run = fislint(&["rules", "list"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("全国部门决算公开通用规则（national "),
        "{}",
        run.stdout
    );
    let run = fislint(&["explain", "t05-row-total"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("t05-row-total：表05每行小计等于基本支出与项目支出之和"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_embedded_pack_loads_and_compiles() {
    for name in fislint::pack::embedded_packs() {
        let run = fislint(&["rules", "list", "--pack", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stdout);
    }
    let run = fislint(&["rules", "list", "--pack", "national"]);
    assert!(
        run.stdout.contains("t05-basic-equals-t06"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_rule_of_every_embedded_pack_is_explained_in_chinese() {
    let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for name in fislint::pack::embedded_packs() {
        let pack = fislint::pack::load(
            fislint::pack::PackRef::Embedded(name.into()),
            &fislint::pack::EmbeddedOnly,
        )
        .unwrap_or_else(|f| panic!("{}", f.render()));
        // What `explain` prints, for every rule: each part present and in Chinese.
        for rule in &pack.rules {
            let d = &rule.def;
            for (what, text) in [
                ("title", &d.title),
                ("summary", &d.summary),
                ("rationale", &d.rationale),
                ("bad example", &d.examples.bad),
                ("good example", &d.examples.good),
            ] {
                assert!(chinese(text), "{name}: {} has no Chinese {what}", d.id);
            }
        }
        // And the command, without --pack, for the pack's last rule (a provincial one for a
        // provincial pack).
        // (A pack with no rules of its own would have none.)
        let Some(last) = pack.rules.last().map(|r| &r.def) else {
            continue;
        };
        let run = fislint(&["explain", &last.id]);
        assert_eq!(run.code, 0, "{}: {}", last.id, run.stdout);
        for part in [
            last.title.as_str(),
            "检查什么",
            last.summary.trim(),
            "依据",
            "错误示例",
            "正确示例",
        ] {
            assert!(run.stdout.contains(part), "{}: {}", last.id, run.stdout);
        }
    }
}

#[test]
fn a_report_gets_the_pack_of_its_region() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string("fixtures/reports/hetang-2021.fis").unwrap();
    // Without its 一般性支出情况说明, a Hunan report breaks a Hunan rule; the same report from
    // Shanghai is checked by the national pack, which does not ask for that section.
    let without = seed.replace("## 十一、一般性支出情况说明", "## 十一、其他说明");
    let shanghai = without.replace("地区 = 湖南", "地区 = 上海");
    let hunan_province = without.replace("地区 = 湖南", "地区 = 湖南省株洲市");
    std::fs::write(dir.path().join("hunan.fis"), &without).unwrap();
    std::fs::write(dir.path().join("hunan-province.fis"), &hunan_province).unwrap();
    std::fs::write(dir.path().join("shanghai.fis"), &shanghai).unwrap();
    for (file, hunan) in [
        ("hunan.fis", true),
        ("hunan-province.fis", true),
        ("shanghai.fis", false),
    ] {
        let run = fislint_in(dir.path(), &["check", "--color", "never", file]);
        assert_eq!(
            run.stdout.contains("error[hunan-general-expenditure]"),
            hunan,
            "{file}: {}",
            run.stdout
        );
        // The national rules apply either way.
        assert!(run.stdout.contains("error[perf-score-total]"), "{file}");
    }
    // `--pack national` overrides the region.
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "--pack",
            "national",
            "hunan.fis",
        ],
    );
    assert!(
        !run.stdout.contains("hunan-general-expenditure"),
        "{}",
        run.stdout
    );
}

#[test]
fn rules_list_shows_each_rule_with_its_severity() {
    let run = fislint(&["rules", "list", "--pack", "fixtures/packs/demo.yaml"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_shows_what_a_rule_checks_and_why() {
    let run = fislint(&[
        "explain",
        "prose-total-growth",
        "--pack",
        "fixtures/packs/demo.yaml",
    ]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
    let run = fislint(&[
        "explain",
        "no-such-rule",
        "--pack",
        "fixtures/packs/demo.yaml",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("no-such-rule"));
}

#[test]
fn dump_prints_the_model_as_json() {
    let run = fislint(&["dump", "fixtures/reports/hetang-2021.fis"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("dump prints JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["header"]["department"], "株洲市荷塘区行政审批服务局");
    let ids: Vec<&str> = json["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "01",
            "02",
            "03",
            "04",
            "05",
            "06",
            "07",
            "08",
            "09",
            "附件1-1",
            "附件1-2-1",
            "附件1-2-2"
        ]
    );
    let t05 = &json["tables"][4]["parts"][0];
    assert_eq!(t05["rows"][0]["name"], "合计");
    assert_eq!(
        t05["rows"][0]["cells"][2],
        serde_json::json!({"type": "amount", "value": "1022.32", "decimals": 2, "written": "1,022.32"})
    );
    let first = &json["sections"][0];
    assert_eq!(first["heading"]["numbering"], "第一部分");
    assert_eq!(
        first["heading"]["title"],
        "株洲市荷塘区行政审批服务局单位概况"
    );
}

#[test]
fn dump_of_a_broken_file_reports_errors_and_prints_no_json() {
    let run = fislint(&["dump", "fixtures/broken/cell-count.fis"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("syntax/cell-count"));
}

#[test]
fn unterminated_table() {
    insta::assert_snapshot!(broken("unterminated-table"));
}

#[test]
fn unterminated_contents() {
    insta::assert_snapshot!(broken("unterminated-contents"));
}

#[test]
fn rows_with_too_many_or_too_few_cells() {
    insta::assert_snapshot!(broken("cell-count"));
}

#[test]
fn malformed_amounts() {
    insta::assert_snapshot!(broken("malformed-amount"));
}

#[test]
fn unknown_and_duplicate_header_keys() {
    insta::assert_snapshot!(broken("unknown-header-key"));
}

#[test]
fn bad_header_values_and_missing_keys() {
    insta::assert_snapshot!(broken("header-values"));
}

#[test]
fn missing_header() {
    insta::assert_snapshot!(broken("missing-header"));
}

#[test]
fn duplicate_table_id() {
    insta::assert_snapshot!(broken("duplicate-table-id"));
}

#[test]
fn table_structure_errors() {
    insta::assert_snapshot!(broken("table-structure"));
}

#[test]
fn malformed_headings_and_suppressions() {
    insta::assert_snapshot!(broken("headings"));
}

#[test]
fn non_utf8_file() {
    insta::assert_snapshot!(broken("non-utf8"));
}

#[test]
fn a_stray_byte_in_a_utf8_file_and_the_errors_after_it() {
    insta::assert_snapshot!(broken("stray-byte"));
}

#[test]
fn empty_file() {
    insta::assert_snapshot!(broken("empty"));
}

#[test]
fn blank_file() {
    insta::assert_snapshot!(broken("blank"));
}

/// A deterministic stream of pseudo-random numbers (xorshift64).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn five_megabytes(mut piece: impl FnMut(&mut Noise, &mut Vec<u8>)) -> Vec<u8> {
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(5 << 20);
    while out.len() < 5 << 20 {
        piece(&mut noise, &mut out);
    }
    out
}

fn check_generated(name: &str, bytes: &[u8], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let mut args = vec!["check", "--color", "never"];
    args.extend_from_slice(extra);
    args.push(name);
    let run = fislint_in(dir.path(), &args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.len() < 64 * 1024,
        "output stays short: {} bytes",
        run.stdout.len()
    );
    run.stdout
}

#[test]
fn five_megabytes_of_binary_garbage() {
    let bytes = five_megabytes(|n, out| out.extend_from_slice(&n.next().to_le_bytes()));
    insta::assert_snapshot!(check_generated("binary.fis", &bytes, &[]));
}

#[test]
fn five_megabytes_of_text_garbage() {
    // Valid UTF-8 made of the format's own punctuation, CJK text, digits and control characters,
    // in lines of random length: every kind of line error, capped in the output.
    const PIECES: &[&str] = &[
        "report",
        " ",
        "table",
        "{",
        "}",
        "|",
        "#",
        "//",
        "part",
        "columns",
        "=",
        "\"",
        "1,0",
        "22.3",
        "合计",
        "支出",
        "（一）",
        "、",
        "\t",
        "\u{1}",
        "\u{1b}[2J",
        "-",
        "note",
        "。",
        "\u{3000}",
        "\n",
    ];
    let bytes = five_megabytes(|n, out| {
        let piece = PIECES[(n.next() % PIECES.len() as u64) as usize];
        out.extend_from_slice(piece.as_bytes());
    });
    insta::assert_snapshot!(check_generated("text.fis", &bytes, &["--max-errors", "12"]));
}

#[test]
fn a_five_megabyte_line() {
    let mut bytes = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n"
        .as_bytes()
        .to_vec();
    let sentence = "本年度收入合计1022.32万元，其中：财政拨款收入1022.32万元。".as_bytes();
    while bytes.len() < 5 << 20 {
        bytes.extend_from_slice(sentence);
    }
    bytes.extend_from_slice("\n# 第一部分 单位概况\n".as_bytes());
    insta::assert_snapshot!(check_generated("long-line.fis", &bytes, &[]));
}

/// The small extracted text in the project (`fixtures/import/tabbed-small.txt`, invented in the
/// seed's form: a cover over three lines, a contents listing, a part label alone on its line,
/// a table split by a `---` rule with figures printed `1, 210. 50` and rows that lost their empty
/// cells, a paragraph a page break cut).
const SMALL_TEXT: &str = "fixtures/import/tabbed-small.txt";

#[test]
fn import_writes_the_report_a_text_holds() {
    let run = fislint(&["import", SMALL_TEXT]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "导入 fixtures/import/tabbed-small.txt（UTF-8，制表符分隔的文本）\n"
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn import_reads_gb18030_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SMALL_TEXT).unwrap();
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(&text);
    assert!(!lossy);
    std::fs::write(dir.path().join("gbk.txt"), &gbk).unwrap();
    let run = fislint_in(dir.path(), &["import", "gbk.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("GB18030"), "{}", run.stderr);
    let utf8 = fislint(&["import", SMALL_TEXT]);
    // The same report, whichever encoding the text was in (the first line names the file).
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&run.stdout), body(&utf8.stdout));
}

#[test]
fn import_to_a_file_writes_it_whole_and_never_over_the_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    let run = fislint_in(dir.path(), &["import", "report.txt", "-o", "report.fis"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("report.fis")).unwrap();
    assert!(written.contains("table 02 \"收入决算表\" {"));
    // Only the report is left in the folder: no temporary file.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["report.fis", "report.txt"]);
    // The written report checks as the text does.
    let from_text = fislint_in(dir.path(), &["check", "report.txt"]);
    let from_fis = fislint_in(dir.path(), &["check", "report.fis"]);
    assert_eq!(
        from_text.stdout.lines().last(),
        from_fis.stdout.lines().last()
    );
    // The input is never the output.
    let before = std::fs::read(dir.path().join("report.txt")).unwrap();
    let run = fislint_in(dir.path(), &["import", "report.txt", "-o", "report.txt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("就是输入文件"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("report.txt")).unwrap(),
        before
    );
}

#[test]
fn import_to_a_device_that_fails_is_an_error_and_leaves_the_device() {
    let run = fislint(&["import", SMALL_TEXT, "-o", "/dev/full"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("无法写入 /dev/full"), "{}", run.stderr);
    let kind = std::fs::metadata("/dev/full").unwrap().file_type();
    assert!(!kind.is_file(), "/dev/full is still a device");
}

#[test]
fn checking_a_text_shows_findings_on_its_own_lines() {
    let run = fislint(&["check", "--color", "never", SMALL_TEXT]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run
        .stdout
        .starts_with("导入 fixtures/import/tabbed-small.txt（UTF-8，制表符分隔的文本）：已读取 1/1 张表，7 行，其中 0 行不确定\n"));
    // The shares sentence, cut by a page break, is shown where the text prints it.
    let finding = run
        .stdout
        .split("\n\n")
        .find(|d| d.starts_with("error[prose-enumerated-shares-total-100]"))
        .expect("the shares that do not sum to 100% are found");
    insta::assert_snapshot!(finding);
}

#[test]
fn text_in_a_directory_is_checked_when_an_include_pattern_names_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    let run = fislint_in(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2, "no .fis file: {}", run.stdout);
    let run = fislint_in(
        dir.path(),
        &["check", "--color", "never", ".", "--include", "*.txt"],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("┌─ report.txt:62:"), "{}", run.stdout);
    let run = fislint_in(dir.path(), &["check", ".", "--include", "[oops"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("--include 的模式 `[oops` 无效"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_text_that_is_no_text_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"\xd5\xfd\xce\xc4\nabc\xff\n").unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "bad.txt"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[import/encoding]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("┌─ bad.txt:2:1"), "{}", run.stdout);
}

/// A copy of the seed in a scratch folder, as `report.fis`.
fn seed_in(dir: &Path) {
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ),
        dir.join("report.fis"),
    )
    .unwrap();
}

/// The rule ids a human-format output names, in order.
fn rule_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("error[")
                .or_else(|| l.strip_prefix("warning["))
                .or_else(|| l.strip_prefix("note["))?;
            Some(rest.split(']').next()?.to_string())
        })
        .collect()
}

#[test]
fn fislint_toml_is_found_walking_up_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("2021/reports");
    std::fs::create_dir_all(&sub).unwrap();
    seed_in(&sub);
    let before = fislint_in(&sub, &["check", "--color", "never", "report.fis"]);
    assert_eq!(before.code, 1);
    assert!(rule_ids(&before.stdout).contains(&"prose-total-growth".to_string()));
    // Two folders up: the error rules switched off, the contents rule made an error.
    std::fs::write(
        dir.path().join("fislint.toml"),
        "[rules]\nprose-total-growth = \"off\"\nprose-project-count-matches-summaries = \"off\"\n\
perf-weights-total = \"off\"\nperf-weights-within-caps = \"off\"\nperf-score-total = \"off\"\n\
perf-funds-score = \"off\"\n",
    )
    .unwrap();
    let after = fislint_in(&sub, &["check", "--color", "never", "report.fis"]);
    assert!(!rule_ids(&after.stdout).contains(&"prose-total-growth".to_string()));
    assert_eq!(
        after.code, 0,
        "only warnings and notes remain:\n{}",
        after.stdout
    );
    // fail-on in the file, and the flag over it.
    let toml = std::fs::read_to_string(dir.path().join("fislint.toml")).unwrap();
    std::fs::write(
        dir.path().join("fislint.toml"),
        format!("fail-on = \"warning\"\n{toml}"),
    )
    .unwrap();
    assert_eq!(fislint_in(&sub, &["check", "report.fis"]).code, 1);
    assert_eq!(
        fislint_in(&sub, &["check", "--fail-on", "error", "report.fis"]).code,
        0
    );
    // --no-config: the file is not read.
    let ignored = fislint_in(
        &sub,
        &["check", "--no-config", "--color", "never", "report.fis"],
    );
    assert!(rule_ids(&ignored.stdout).contains(&"prose-total-growth".to_string()));
}

#[test]
fn a_mistake_in_fislint_toml_is_shown_at_its_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    seed_in(dir.path());
    std::fs::write(
        dir.path().join("fislint.toml"),
        "[rules]\nt05-row-total = \"warning\"\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "report.fis"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("没有编号为 no-such-rule 的规则"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("fislint.toml:3:1"), "{}", run.stdout);
}

#[test]
fn a_suppression_silences_one_rule_on_one_element_and_an_unused_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    seed_in(dir.path());
    let path = dir.path().join("report.fis");
    let seed = std::fs::read_to_string(&path).unwrap();
    let sentence = "2021年度收、支总计1025.9万元";
    let allow =
        "// fislint: allow prose-total-growth -- 增长率按财政拨款口径计算，已与财政局核对\n";
    std::fs::write(
        &path,
        seed.replacen(sentence, &format!("{allow}{sentence}"), 1),
    )
    .unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "report.fis"]);
    let ids = rule_ids(&run.stdout);
    assert!(!ids.contains(&"prose-total-growth".to_string()), "{ids:?}");
    assert!(!ids.contains(&"suppression/unused".to_string()), "{ids:?}");
    assert_eq!(run.code, 1, "the seed's other errors remain");
    // The same comment above a paragraph the rule has nothing to say about.
    let elsewhere = "本单位没有独立网站";
    std::fs::write(
        &path,
        seed.replacen(elsewhere, &format!("{allow}{elsewhere}"), 1),
    )
    .unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "report.fis"]);
    let ids = rule_ids(&run.stdout);
    assert!(ids.contains(&"prose-total-growth".to_string()), "{ids:?}");
    let unused = run
        .stdout
        .split("\n\n")
        .find(|d| d.starts_with("warning[suppression/unused]"))
        .expect("the unused suppression is reported");
    insta::assert_snapshot!(unused);
    // A suppression without a reason is an error and does not apply (issue 15, item 25; see
    // also a_suppression_without_a_reason_is_an_error_on_its_line_and_the_file_is_checked).
    let bare = "// fislint: allow prose-total-growth\n";
    std::fs::write(
        &path,
        seed.replacen(sentence, &format!("{bare}{sentence}"), 1),
    )
    .unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "report.fis"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("suppression/missing-reason"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_baseline_hides_the_findings_it_records_and_only_those() {
    let dir = tempfile::tempdir().unwrap();
    seed_in(dir.path());
    let write = fislint_in(
        dir.path(),
        &[
            "check",
            "report.fis",
            "--write-baseline",
            "fislint-baseline.json",
        ],
    );
    assert_eq!(write.code, 0, "{}", write.stdout);
    assert!(
        write.stdout.contains("已写入基线 fislint-baseline.json"),
        "{}",
        write.stdout
    );
    let baseline = std::fs::read_to_string(dir.path().join("fislint-baseline.json")).unwrap();
    assert!(baseline.contains("\"rule\": \"prose-total-growth\""));
    assert!(baseline.contains("\"file\": \"report.fis\""));
    // Nothing new: clean, and the summary says how many were hidden.
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "report.fis",
            "--baseline",
            "fislint-baseline.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("个已记入基线的问题未显示"),
        "{}",
        run.stdout
    );
    // An edit elsewhere (a paragraph added at the top) moves every line: still nothing new.
    let path = dir.path().join("report.fis");
    let seed = std::fs::read_to_string(&path).unwrap();
    let moved = seed.replacen(
        "\n## 二、机构设置\n",
        "\n## 二、机构设置\n新增的一段说明。\n",
        1,
    );
    assert_ne!(moved, seed);
    std::fs::write(&path, &moved).unwrap();
    let run = fislint_in(
        dir.path(),
        &["check", "report.fis", "--baseline", "fislint-baseline.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    // A new error shows; fixing an old one just drops it.
    let broken = moved.replacen("占本年支出合计的99.97%", "占本年支出合计的98.97%", 1);
    std::fs::write(&path, &broken).unwrap();
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "report.fis",
            "--baseline",
            "fislint-baseline.json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        rule_ids(&run.stdout),
        ["prose-appropriation-expenditure-share"]
    );
    let fixed = moved.replacen("增长10.93%", "增长10.89%", 1);
    std::fs::write(&path, &fixed).unwrap();
    let run = fislint_in(
        dir.path(),
        &["check", "report.fis", "--baseline", "fislint-baseline.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    // From another folder, the same baseline matches (paths are relative to it).
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let run = fislint_in(
        &dir.path().join("elsewhere"),
        &[
            "check",
            "../report.fis",
            "--baseline",
            "../fislint-baseline.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    // A broken baseline file is an error.
    std::fs::write(dir.path().join("bad.json"), "{").unwrap();
    let run = fislint_in(
        dir.path(),
        &["check", "report.fis", "--baseline", "bad.json"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("基线文件 bad.json 无效"),
        "{}",
        run.stdout
    );
}

#[test]
fn fislint_toml_packs_replace_the_reports_default_pack() {
    let dir = tempfile::tempdir().unwrap();
    seed_in(dir.path());
    // One rule of our own, which the seed breaks: 表05 合计 is no more than 1,000.
    std::fs::write(
        dir.path().join("mine.yaml"),
        "pack: mine\ntitle: 本单位规则\nversion: \"1\"\nrules:\n  - id: mine-t05-cap\n    severity: warning\n    title: 表05合计不超过1000万元\n    summary: 测试用规则。\n    rationale: 测试。\n    examples: { bad: \"1022.32\", good: \"999\" }\n    tables: [\"05\"]\n    check:\n      assert:\n        that: \"t05[合计].小计 <= 1000\"\n        message: 表05合计超过1000万元\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("fislint.toml"), "packs = [\"mine.yaml\"]\n").unwrap();
    let run = fislint_in(dir.path(), &["check", "--color", "never", "report.fis"]);
    assert_eq!(rule_ids(&run.stdout), ["mine-t05-cap"], "{}", run.stdout);
    assert_eq!(run.code, 0, "a warning does not fail the check");
    // --pack overrides it.
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "--pack",
            "national",
            "report.fis",
        ],
    );
    let ids = rule_ids(&run.stdout);
    assert!(ids.contains(&"prose-total-growth".to_string()), "{ids:?}");
    assert!(!ids.contains(&"mine-t05-cap".to_string()), "{ids:?}");
}

#[test]
fn a_pack_reads_nothing_outside_its_folder_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    seed_in(dir.path());
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("other.yaml"),
        "pack: other\ntitle: 外部\nversion: \"1\"\nrules: []\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("packs/mine.yaml"),
        "pack: mine\ntitle: 本单位\nversion: \"1\"\nextends: [../other.yaml]\nrules: []\n",
    )
    .unwrap();
    let refused = fislint_in(
        dir.path(),
        &["check", "--pack", "packs/mine.yaml", "report.fis"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(
        refused.stdout.contains("路径超出了规则包所在的文件夹"),
        "{}",
        refused.stdout
    );
    assert!(
        refused.stdout.contains("mine.yaml:4:"),
        "{}",
        refused.stdout
    );
    let allowed = fislint_in(
        dir.path(),
        &[
            "check",
            "--allow-pack-paths-outside",
            "--pack",
            "packs/mine.yaml",
            "report.fis",
        ],
    );
    assert_eq!(
        allowed.code, 0,
        "no rules, nothing found: {}",
        allowed.stdout
    );
}

// Issue 15, item 26a: a backslash in a Unix file name.

#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_printed_as_it_is_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    std::fs::write(dir.path().join("a\\b.fis"), seed).unwrap();
    for (format, shown) in [
        ("human", "┌─ a\\b.fis:"),
        ("short", "\na\\b.fis:"),
        ("json", "\"file\": \"a\\\\b.fis\""),
        ("sarif", "\"uri\": \"a%5Cb.fis\""),
        ("github", "file=a\\b.fis,"),
    ] {
        let run = fislint_in(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                "a\\b.fis",
            ],
        );
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(
            run.stdout.contains(shown),
            "{format}: {}",
            &run.stdout[..run.stdout.len().min(3000)]
        );
        assert!(!run.stdout.contains("a/b.fis"), "{format}");
    }
}

// Issue 15, item 26 (last case): a figure in full-width digits or with the minus sign U+2212 is
// read as the number it shows, checked like any other, and noted.

#[test]
fn full_width_digits_and_a_unicode_minus_are_checked_as_numbers_and_noted() {
    let fixture = "fixtures/reports/normalized-numbers.fis";
    let run = fislint(&["check", "--format", "short", fixture]);
    assert_ne!(run.code, 2, "no syntax error:\n{}", run.stdout);
    assert!(!run.stdout.contains("error[syntax/"), "{}", run.stdout);
    for note in [
        ":7:30: info[syntax/normalized-number]: 已将「９７５．４８」按数值 975.48 读取",
        ":7:48: info[syntax/normalized-number]: 已将「−10.00」按数值 -10.00 读取",
        ":10:26: info[syntax/normalized-number]: 已将「－１０．００」按数值 -10.00 读取",
    ] {
        assert!(run.stdout.contains(note), "{note}:\n{}", run.stdout);
    }
    // The table adds up only when −10.00 is minus ten: 975.48 = 985.48 − 10.00.
    assert!(!run.stdout.contains("[t05-"), "{}", run.stdout);
    // And a total that does not add up is found, figures read as numbers.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture).unwrap();
    let wrong = text.replacen("| ９７５．４８ |", "| ９８５．４８ |", 1);
    assert_ne!(wrong, text);
    std::fs::write(dir.path().join("a.fis"), wrong).unwrap();
    let run = fislint_in(dir.path(), &["check", "--format", "short", "a.fis"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "a.fis:7:30: error[t05-total-of-classes]: 合计 985.48 与各项之和 975.48 不符（相差 10）"
        ),
        "{}",
        run.stdout
    );
    // The note in the human output, with its label and help.
    let run = fislint(&["check", "--color", "never", fixture]);
    assert!(
        run.stdout.contains("减号「−」（U+2212）已按「-」读取")
            && run.stdout.contains("全角字符已按半角读取")
            && run.stdout.contains("写作 `-10.00`"),
        "{}",
        run.stdout
    );
}

// Issue 15, item 25: a suppression without a reason.

#[test]
fn a_suppression_without_a_reason_is_an_error_on_its_line_and_the_file_is_checked() {
    // It used to be a syntax error: the file was not checked at all (exit 2) and the message
    // did not say that the reason was what was missing.
    let dir = tempfile::tempdir().unwrap();
    seed_in(dir.path());
    let path = dir.path().join("report.fis");
    let seed = std::fs::read_to_string(&path).unwrap();
    let short = |dir: &Path| fislint_in(dir, &["check", "--format", "short", "report.fis"]);
    let before = short(dir.path());
    let sentence = "2021年度收、支总计1025.9万元";
    let at = seed.find(sentence).unwrap();
    let line = seed[..at].lines().count() + 1;
    let bare = "// fislint: allow prose-total-growth\n";
    std::fs::write(&path, format!("{}{bare}{}", &seed[..at], &seed[at..])).unwrap();
    let run = short(dir.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(&&*format!(
            "report.fis:{line}:1: error[suppression/missing-reason]: 抑制注释缺少理由：在规则名后写 `-- 理由`"
        )),
        "{}",
        run.stdout
    );
    // The rest of the file was checked, and the suppression did not apply: every finding of the
    // file as it was is still there (the one below the comment a line further down).
    assert_eq!(
        lines.len(),
        before.stdout.lines().count() + 1,
        "{}",
        run.stdout
    );
    assert!(
        lines.iter().any(|l| l.contains("error[prose-total-growth]")
            && l.starts_with(&format!("report.fis:{}:", line + 1))),
        "{}",
        run.stdout
    );
    // `--` with nothing after it is the same: no reason.
    std::fs::write(
        &path,
        format!(
            "{}// fislint: allow prose-total-growth --  \n{}",
            &seed[..at],
            &seed[at..]
        ),
    )
    .unwrap();
    let run = short(dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[suppression/missing-reason]"));
    assert!(run.stdout.contains("error[prose-total-growth]"));
}
