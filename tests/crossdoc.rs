//! Checks across documents (issue 17, item 5) run as users run them: `check --budget`,
//! `--previous`, a fislint.toml's `budget`/`previous`, folder pairing with `--pair`, companions
//! that cannot be read or do not fit, every output format's related location in the other file,
//! and the language server's related information with the other document's URI.
//!
//! The fixtures: the seed (hetang-2021.fis) with its year-start budget written as a small 预算
//! (hetang-2021-budget.fis) and last year's 决算 (hetang-2020.fis); the hand-made budget-2026.fis
//! with its 2025 budget (budget-2025.fis). Each pair agrees; a test changes one figure of the
//! companion in a scratch folder to make a rule fire. The shared 万里街道 pair
//! (`../shared/reports/pdf/`) is read when present, and said skipped otherwise.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/lsp_client.rs"]
mod lsp_client;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn fislint_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the fislint binary runs");
    Run {
        code: out.status.code().expect("fislint exits"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("fixtures/reports").join(name)).unwrap()
}

/// `text` with `from` (which occurs once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    text.replacen(from, to, 1)
}

/// The year-start budget with 其他政府办公厅（室）及相关机构事务支出 780.00 instead of 783.06.
fn disagreeing_budget() -> String {
    edit(
        &fixture("hetang-2021-budget.fis"),
        "2010399 | 其他政府办公厅（室）及相关机构事务支出 | 783.06 | -      | 783.06",
        "2010399 | 其他政府办公厅（室）及相关机构事务支出 | 780.00 | -      | 780.00",
    )
}

/// A scratch folder holding the seed as `决算.fis` and `files`.
fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("决算.fis"), fixture("hetang-2021.fis")).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The human output's diagnostics of rules across documents, each whole.
fn crossdoc_blocks(out: &str) -> String {
    out.split("\n\n")
        .filter(|b| {
            b.contains("[crossdoc-") || b.contains("[previous-") || b.contains("[companion/")
        })
        .map(|b| format!("{}\n\n", b.trim_start_matches('\n')))
        .collect()
}

fn rules_in_json(out: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(out).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let r = f["rule"].as_str().unwrap();
            r.starts_with("crossdoc-") || r.starts_with("previous-")
        })
        .cloned()
        .collect()
}

#[test]
fn a_final_report_agreeing_with_its_budget_and_last_year_gives_no_finding_across_documents() {
    let run = fislint_in(
        root(),
        &[
            "check",
            "--format",
            "json",
            "fixtures/reports/hetang-2021.fis",
            "--budget",
            "fixtures/reports/hetang-2021-budget.fis",
            "--previous",
            "fixtures/reports/hetang-2020.fis",
        ],
    );
    assert_eq!(run.code, 1, "the seed's own errors: {}", run.stderr);
    assert_eq!(rules_in_json(&run.stdout), Vec::<Value>::new());
    // The same check without the companions: the same findings, the rules across documents
    // not run (and said so by --statistics).
    let alone = fislint_in(
        root(),
        &[
            "check",
            "--format",
            "json",
            "fixtures/reports/hetang-2021.fis",
        ],
    );
    let count = |out: &str| {
        serde_json::from_str::<Value>(out).unwrap()["findings"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&alone.stdout), count(&run.stdout));
    let stats = fislint_in(
        root(),
        &[
            "check",
            "--color",
            "never",
            "--statistics",
            "fixtures/reports/hetang-2021.fis",
        ],
    );
    let skipped = stats
        .stdout
        .split("未运行的规则（缺少对照报告）：\n")
        .nth(1)
        .unwrap();
    for (rule, option) in [
        ("crossdoc-budget-total", "--budget"),
        ("crossdoc-budget-subject", "--budget"),
        ("crossdoc-budget-t07", "--budget"),
        ("previous-carryover", "--previous"),
        ("previous-compared-change", "--previous"),
    ] {
        assert!(
            skipped
                .lines()
                .any(|l| l.contains(rule) && l.contains(option)),
            "{rule} listed as needing {option}:\n{skipped}"
        );
    }
    let with = fislint_in(
        root(),
        &[
            "check",
            "--statistics",
            "fixtures/reports/hetang-2021.fis",
            "--budget",
            "fixtures/reports/hetang-2021-budget.fis",
            "--previous",
            "fixtures/reports/hetang-2020.fis",
        ],
    );
    assert!(!with.stdout.contains("未运行的规则"), "{}", with.stdout);
}

#[test]
fn a_changed_budget_figure_is_found_with_both_locations_in_every_format() {
    let dir = scratch(&[("预算.fis", &disagreeing_budget())]);
    let args = |format: &str| {
        fislint_in(
            dir.path(),
            &[
                "check",
                "--color",
                "never",
                "--format",
                format,
                "决算.fis",
                "--budget",
                "预算.fis",
            ],
        )
    };
    let human = args("human");
    assert_eq!(human.code, 1);
    let blocks = crossdoc_blocks(&human.stdout);
    assert!(blocks.contains("┌─ 预算.fis:29:"), "{blocks}");
    insta::assert_snapshot!("crossdoc_budget_human", blocks);

    // JSON: the finding in this report, its related place in the budget.
    let json = rules_in_json(&args("json").stdout);
    assert_eq!(json.len(), 1, "{json:?}");
    let f = &json[0];
    assert_eq!(f["rule"], "crossdoc-budget-subject");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64()),
        (Some("决算.fis"), Some(364))
    );
    let related = f["related"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["file"], "预算.fis");
    assert_eq!(related[0]["line"], 29);
    let budget_line = disagreeing_budget().lines().nth(28).unwrap().to_string();
    let column = budget_line[..budget_line.find("780.00").unwrap()]
        .chars()
        .count()
        + 1;
    assert_eq!(related[0]["column"], column);

    // SARIF: the other file's URI in relatedLocations.
    let sarif: Value = serde_json::from_str(&args("sarif").stdout).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "crossdoc-budget-subject")
        .unwrap()
        .clone();
    let locations = result["relatedLocations"].as_array().unwrap();
    let other: Vec<&Value> = locations
        .iter()
        .filter(|l| l["physicalLocation"]["artifactLocation"]["uri"] != "%E5%86%B3%E7%AE%97.fis")
        .collect();
    assert_eq!(other.len(), 1, "{locations:?}");
    assert_eq!(
        other[0]["physicalLocation"]["artifactLocation"]["uri"],
        "%E9%A2%84%E7%AE%97.fis"
    );
    assert_eq!(other[0]["physicalLocation"]["region"]["startLine"], 29);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "%E5%86%B3%E7%AE%97.fis"
    );

    // Short and GitHub: one line each, the other place named.
    let short = args("short").stdout;
    let line = short
        .lines()
        .find(|l| l.contains("[crossdoc-budget-subject]"))
        .unwrap();
    assert!(line.starts_with("决算.fis:364:"), "{line}");
    assert!(
        line.ends_with(&format!("（对照 预算.fis:29:{column}）")),
        "{line}"
    );
    let github = args("github").stdout;
    let line = github
        .lines()
        .find(|l| l.contains("title=crossdoc-budget-subject"))
        .unwrap();
    assert!(line.contains("file=决算.fis,line=364"), "{line}");
    assert!(
        line.contains(&format!("对照：预算.fis:29:{column}")),
        "{line}"
    );
}

#[test]
fn last_year_s_changed_figures_are_found_in_a_final_report_and_in_a_budget() {
    // 决算: last year's 年末结转和结余 and 财政拨款支出 changed.
    let previous = edit(
        &edit(
            &fixture("hetang-2020.fis"),
            "年末结转和结余       | 25 | 3.58",
            "年末结转和结余       | 25 | 3.00",
        ),
        "财政拨款支出921.56万元",
        "财政拨款支出920.00万元",
    );
    let dir = scratch(&[("上年.fis", &previous)]);
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "决算.fis",
            "--previous",
            "上年.fis",
        ],
    );
    insta::assert_snapshot!(
        "crossdoc_previous_final_human",
        crossdoc_blocks(&run.stdout)
    );

    // 预算: budget-2026 against its 2025 budget, agreeing (silent) and changed.
    let budget = fixture("budget-2026.fis");
    let agreeing = fixture("budget-2025.fis");
    let changed = edit(
        &agreeing,
        "财政拨款收入883.51万元",
        "财政拨款收入880.00万元",
    );
    let dir = scratch(&[
        ("2026.fis", &budget),
        ("2025.fis", &agreeing),
        ("2025-changed.fis", &changed),
    ]);
    let check = |previous: &str| {
        fislint_in(
            dir.path(),
            &[
                "check",
                "--format",
                "json",
                "--pack",
                "common",
                "2026.fis",
                "--previous",
                previous,
            ],
        )
    };
    assert_eq!(
        rules_in_json(&check("2025.fis").stdout),
        Vec::<Value>::new()
    );
    let found = rules_in_json(&check("2025-changed.fis").stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["rule"], "previous-stated-change");
    assert_eq!(
        found[0]["message"],
        "「财政拨款收入」962.82 万元，比上年增加 79.31 万元；上年报告所述为 880.00 万元"
    );
    assert_eq!(found[0]["related"][0]["file"], "2025-changed.fis");
}

#[test]
fn a_companion_that_cannot_be_read_or_does_not_fit_is_an_error() {
    let dir = scratch(&[
        ("坏.pdf", "%PDF-1.7\nnot a pdf"),
        ("破.fis", "report 决算 {\n  年度 = \n"),
        ("上年.fis", &fixture("hetang-2020.fis")),
        ("预算.fis", &fixture("hetang-2021-budget.fis")),
    ]);
    let run = |args: &[&str]| fislint_in(dir.path(), args);
    let missing = run(&["check", "决算.fis", "--budget", "没有.fis"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stdout
            .contains("无法读取同年预算报告（--budget 没有.fis）：文件不存在"),
        "{}",
        missing.stdout
    );
    let pdf = run(&["check", "决算.fis", "--previous", "坏.pdf"]);
    assert_eq!(pdf.code, 2);
    assert!(
        pdf.stdout
            .starts_with("error: 无法读取上年报告（--previous 坏.pdf）："),
        "{}",
        pdf.stdout
    );
    let syntax = run(&["check", "决算.fis", "--budget", "破.fis"]);
    assert_eq!(syntax.code, 2);
    assert!(
        syntax.stdout.contains("破.fis") && syntax.stdout.contains("语法错误"),
        "{}",
        syntax.stdout
    );
    // A 决算 given as the budget, a budget as last year's 决算: located errors, both headers.
    let wrong = run(&[
        "check",
        "--color",
        "never",
        "决算.fis",
        "--budget",
        "上年.fis",
    ]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stdout.contains("error[companion/mismatch]: 对照报告不相符：--budget 应为 2021 年度预算，所给的是 2020 年度决算"), "{}", wrong.stdout);
    assert!(
        wrong.stdout.contains("┌─ 决算.fis:6:1") && wrong.stdout.contains("┌─ 上年.fis:"),
        "{}",
        wrong.stdout
    );
    // Another 部门's report: a warning (an imported 部门 may be read imperfectly), checked on.
    std::fs::write(
        dir.path().join("他部门.fis"),
        edit(
            &fixture("hetang-2020.fis"),
            "部门 = \"株洲市荷塘区行政审批服务局\"",
            "部门 = \"株洲市荷塘区司法局\"",
        ),
    )
    .unwrap();
    let other = run(&[
        "check",
        "--format",
        "short",
        "决算.fis",
        "--previous",
        "他部门.fis",
    ]);
    assert_eq!(other.code, 1, "{}", other.stdout);
    assert!(other.stdout.contains("决算.fis:6:1: warning[companion/department]: 上年报告是「株洲市荷塘区司法局」的报告，本报告是「株洲市荷塘区行政审批服务局」的（对照 他部门.fis:"), "{}", other.stdout);
    let year = run(&[
        "check",
        "--format",
        "short",
        "决算.fis",
        "--previous",
        "预算.fis",
    ]);
    assert_eq!(year.code, 2);
    assert!(
        year.stdout
            .contains("--previous 应为 2020 年度决算，所给的是 2021 年度预算"),
        "{}",
        year.stdout
    );
}

/// The folder layout of the configuration tests: the config above the years' folders.
fn years(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("reports/fislint.toml", config);
    write("reports/2021/决算.fis", &fixture("hetang-2021.fis"));
    write("reports/2021/预算.fis", &disagreeing_budget());
    write("reports/2020/决算.fis", &fixture("hetang-2020.fis"));
    dir
}

#[test]
fn a_configuration_names_the_companions_within_its_folder() {
    let dir = years("budget = \"2021/预算.fis\"\nprevious = \"2020/决算.fis\"\n");
    let run = fislint_in(
        dir.path(),
        &["check", "--format", "json", "reports/2021/决算.fis"],
    );
    let found = rules_in_json(&run.stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["rule"], "crossdoc-budget-subject");
    assert!(found[0]["related"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with("reports/2021/预算.fis"));
    // The folder checked whole: the budget itself is not checked against itself; a report the
    // companions do not fit (the 2020 决算 is no 2021 report's) gets a note, not an error.
    let folder = fislint_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--pack",
            "national",
            "reports/2020",
        ],
    );
    let doc: Value = serde_json::from_str(&folder.stdout).unwrap();
    let unused: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "companion/unused")
        .collect();
    // The budget does not fit a 2020 决算; `previous` names the file itself, left out.
    assert_eq!(unused.len(), 1, "{}", folder.stdout);
    let said = unused[0]["message"].as_str().unwrap();
    assert!(
        said.contains("--budget 应为 2020 年度预算，所给的是 2021 年度预算"),
        "{said}"
    );
    assert!(unused.iter().all(|f| f["severity"] == "info"));

    // A discovered configuration may not name a file outside its folder.
    let outside = years("budget = \"../预算.fis\"\n");
    std::fs::write(
        outside.path().join("预算.fis"),
        fixture("hetang-2021-budget.fis"),
    )
    .unwrap();
    let refused = fislint_in(
        outside.path(),
        &["check", "--color", "never", "reports/2021/决算.fis"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(
        refused.stdout.contains("config/path-outside"),
        "{}",
        refused.stdout
    );
    // Named with --config, it may.
    let named = fislint_in(
        outside.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "reports/fislint.toml",
            "reports/2021/决算.fis",
        ],
    );
    assert_ne!(named.code, 2, "{}", named.stdout);
    assert_eq!(
        rules_in_json(&named.stdout),
        Vec::<Value>::new(),
        "the budget outside agrees"
    );
}

#[test]
fn a_folder_check_pairs_reports_by_their_headers_and_says_when_it_cannot() {
    let dir = years("");
    let run = |args: &[&str]| fislint_in(dir.path(), args);
    // Without pairing, nothing is compared.
    let plain = run(&[
        "check",
        "--format",
        "json",
        "reports/2021/决算.fis",
        "reports/2021/预算.fis",
        "reports/2020/决算.fis",
        "--pack",
        "national",
    ]);
    assert_eq!(rules_in_json(&plain.stdout), Vec::<Value>::new());
    // `--pair`: the 2021 决算 with the 2021 预算 and the 2020 决算.
    let paired = run(&[
        "check", "--format", "json", "--pair", "--pack", "national", "reports",
    ]);
    let found = rules_in_json(&paired.stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "reports/2021/决算.fis");
    assert_eq!(found[0]["related"][0]["file"], "reports/2021/预算.fis");
    // `pair = true` in the configuration does the same.
    std::fs::write(dir.path().join("reports/fislint.toml"), "pair = true\n").unwrap();
    let configured = run(&["check", "--format", "json", "--pack", "national", "reports"]);
    assert_eq!(rules_in_json(&configured.stdout), found);
    // A second 2021 budget of the same 部门: no pairing for the budget, and a note says why.
    std::fs::write(
        dir.path().join("reports/2021/预算-修订.fis"),
        fixture("hetang-2021-budget.fis"),
    )
    .unwrap();
    let ambiguous = run(&["check", "--format", "json", "--pack", "national", "reports"]);
    let doc: Value = serde_json::from_str(&ambiguous.stdout).unwrap();
    let notes: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "companion/ambiguous")
        .collect();
    assert_eq!(notes.len(), 1, "{}", ambiguous.stdout);
    assert_eq!(notes[0]["file"], "reports/2021/决算.fis");
    assert_eq!(notes[0]["severity"], "info");
    assert!(
        notes[0]["message"]
            .as_str()
            .unwrap()
            .contains("有 2 份株洲市荷塘区行政审批服务局2021 年度预算"),
        "{}",
        notes[0]
    );
    // Last year's 决算 is still paired (it agrees: no finding), the budget is not.
    assert_eq!(rules_in_json(&ambiguous.stdout), Vec::<Value>::new());
}

#[test]
fn the_language_server_relates_a_finding_to_the_companion_its_configuration_names() {
    // ASCII names: the test client writes URIs without percent-encoding.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("reports/2021")).unwrap();
    std::fs::write(
        dir.path().join("reports/fislint.toml"),
        "budget = \"2021/budget.fis\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("reports/2021/final.fis"),
        fixture("hetang-2021.fis"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("reports/2021/budget.fis"),
        disagreeing_budget(),
    )
    .unwrap();
    let path: PathBuf = dir
        .path()
        .join("reports/2021/final.fis")
        .canonicalize()
        .unwrap();
    let budget: PathBuf = dir
        .path()
        .join("reports/2021/budget.fis")
        .canonicalize()
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = lsp_client::uri(&path);
    let mut client = lsp_client::Client::start();
    lsp_client::open(&mut client, &uri, "fis", &text);
    let published = client.diagnostics(&uri);
    let finding = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "crossdoc-budget-subject")
        .unwrap_or_else(|| panic!("{:?}", lsp_client::codes(&published)))
        .clone();
    assert_eq!(finding["range"]["start"]["line"], 363);
    let related = finding["relatedInformation"].as_array().unwrap();
    let other: Vec<&Value> = related
        .iter()
        .filter(|r| r["location"]["uri"] == lsp_client::uri(&budget).as_str())
        .collect();
    assert_eq!(other.len(), 1, "{related:?}");
    assert_eq!(other[0]["location"]["range"]["start"]["line"], 28);
    // UTF-16 columns in the other document's line.
    let line = disagreeing_budget().lines().nth(28).unwrap().to_string();
    let at = line.find("780.00").unwrap();
    assert_eq!(
        other[0]["location"]["range"]["start"]["character"],
        line[..at].encode_utf16().count()
    );
    assert_eq!(client.shutdown(), 0);
}

/// The shared 万里街道 2024 and 2025 部门预算 PDFs, when `../shared/reports` is there.
fn wanli() -> Option<(PathBuf, PathBuf)> {
    let dir = root().join("../shared/reports/pdf");
    let at = |y: u16| dir.join(format!("budget-{y}-shanghai-putuo-wanli-jiedao.pdf"));
    if at(2024).is_file() && at(2025).is_file() {
        Some((at(2024), at(2025)))
    } else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: ../shared/reports/pdf (the 万里街道 pair) is absent: the shared reports are not part of a clone"
        );
        None
    }
}

/// `--previous` on the shared pair: every statement of change the 2025 budget's prose makes
/// agrees with the 2024 budget, verified by hand from `pdftotext -layout`: 收入预算 18,976.76 −
/// 15,621.11 = 3,355.65 (财政拨款收入, 财政拨款支出预算, 一般公共预算拨款支出预算 alike), 政府性基金
/// and 国有资本经营 0.00 = 0.00 (持平); “三公” 37.91 = 47.91 − 10, 公务用车购置及运行费 36.56 =
/// 46.56 − 10, 购置费 15 = 25 − 10, 运行费 21.56 and 公务接待费 1.35 unchanged (持平). So no
/// finding; and with those 2024 figures changed in its imported `.fis`, each is found.
#[test]
fn the_wanli_pair_agrees_and_each_of_its_stated_changes_is_checked() {
    let Some((y2024, y2025)) = wanli() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| fislint_in(dir.path(), args);
    let agreeing = run(&[
        "check",
        "--format",
        "json",
        "--pack",
        "common",
        y2025.to_str().unwrap(),
        "--previous",
        y2024.to_str().unwrap(),
    ]);
    assert_ne!(agreeing.code, 2, "{}", agreeing.stdout);
    assert_eq!(rules_in_json(&agreeing.stdout), Vec::<Value>::new());
    let imported = run(&["import", y2024.to_str().unwrap(), "-o", "2024.fis"]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let text = std::fs::read_to_string(dir.path().join("2024.fis")).unwrap();
    let changed = [
        (
            "其中：财政拨款收入15621.11万元",
            "其中：财政拨款收入15600.00万元",
        ),
        (
            "其中：财政拨款支出预算15621.11万元",
            "其中：财政拨款支出预算15600.00万元",
        ),
        (
            "一般公共预算拨款支出预算15621.11万元",
            "一般公共预算拨款支出预算15600.00万元",
        ),
        (
            "政府性基金拨款支出预算0.00万元",
            "政府性基金拨款支出预算1.00万元",
        ),
        (
            "国有资本经营预算拨款支出预算0.00万元",
            "国有资本经营预算拨款支出预算1.00万元",
        ),
        (
            "2024年“三公”经费预算数为47.91万元",
            "2024年“三公”经费预算数为48.91万元",
        ),
        ("（三）公务接待费1.35万元。", "（三）公务接待费2.35万元。"),
    ]
    .iter()
    .fold(text, |t, (from, to)| edit(&t, from, to));
    std::fs::write(dir.path().join("2024-changed.fis"), changed).unwrap();
    let found = rules_in_json(
        &run(&[
            "check",
            "--format",
            "json",
            "--pack",
            "common",
            y2025.to_str().unwrap(),
            "--previous",
            "2024-changed.fis",
        ])
        .stdout,
    );
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "previous-stated-change",
            "previous-stated-change",
            "previous-stated-change",
            "previous-stated-unchanged",
            "previous-stated-unchanged",
            "previous-stated-change",
            "previous-stated-unchanged"
        ],
        "{found:?}"
    );
}

/// A companion given as extracted text is imported as a checked text is: the seed's own text
/// (`../shared/reports/000_…txt`, the 2021 决算) given as the 2021 budget is read, and refused
/// as the wrong kind, the error pointing into the text.
#[test]
fn a_companion_in_extracted_text_is_imported() {
    let text = root().join("../shared/reports/000_1f0f530592110c3b.txt");
    if !text.is_file() {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "skipped: {} is absent", text.display());
        return;
    }
    let run = fislint_in(
        root(),
        &[
            "check",
            "--format",
            "json",
            "fixtures/reports/hetang-2021.fis",
            "--budget",
            text.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &doc["findings"][0];
    assert_eq!(f["rule"], "companion/mismatch");
    assert_eq!(
        f["message"],
        "对照报告不相符：--budget 应为 2021 年度预算，所给的是 2021 年度决算"
    );
    assert!(f["related"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with("000_1f0f530592110c3b.txt"));
}

/// `--write-baseline` never replaces a file the run reads: a companion report neither.
#[test]
fn a_baseline_is_not_written_over_a_companion() {
    let dir = scratch(&[("预算.fis", &fixture("hetang-2021-budget.fis"))]);
    let run = fislint_in(
        dir.path(),
        &[
            "check",
            "决算.fis",
            "--budget",
            "预算.fis",
            "--write-baseline",
            "预算.fis",
            "--force",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("是对照报告 预算.fis，未写入"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("预算.fis")).unwrap(),
        fixture("hetang-2021-budget.fis")
    );
}
