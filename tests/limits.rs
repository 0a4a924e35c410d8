//! Resource limits: inputs built to exhaust memory or the stack are refused at a documented limit
//! with a clear message, never a crash. The tests assert the behaviour, not the time; the times
//! and peak memory are in the closing note (and README's development section).

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

const SEED: &str = include_str!("../fixtures/reports/hetang-2021.fis");

/// Runs `fislint` in a scratch folder holding `files`: exit code and everything printed.
fn run(files: &[(&str, String)], args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    common::fislint_in(dir.path(), args)
}

/// A pack of one rule whose `that` is `that`.
fn pack(that: &str) -> String {
    format!(
        "pack: p\ntitle: 测试\nversion: \"1\"\nrules:\n  - id: r\n    severity: error\n    title: 测试\n    summary: 测试。\n    rationale: 测试。\n    examples: {{ bad: 甲, good: 乙 }}\n    check:\n      assert:\n        that: \"{that}\"\n        message: x\n"
    )
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    // Nine levels of ten aliases each: 10^9 nodes if expanded.
    let mut yaml = String::from(
        "pack: p\ntitle: 测试\nversion: \"1\"\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for k in 1..9 {
        let p = k - 1;
        yaml.push_str(&format!(
            "a{k}: &a{k} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    yaml.push_str("rules: []\n");
    let (code, out) = run(
        &[("bomb.yaml", yaml), ("a.fis", SEED.to_string())],
        &["check", "--pack", "bomb.yaml", "a.fis"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("别名展开过多"), "{out}");
}

#[test]
fn a_ten_thousand_level_expression_is_refused_before_it_can_overflow_the_stack() {
    let deep = format!("{}1{} > 0", "(".repeat(10_000), ")".repeat(10_000));
    let (code, out) = run(
        &[("deep.yaml", pack(&deep)), ("a.fis", SEED.to_string())],
        &["check", "--pack", "deep.yaml", "a.fis"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("括号嵌套超过 64 层"), "{out}");
    assert!(out.contains("deep.yaml:13:"), "located in the pack: {out}");
    // A chain of prefix operators recurses too.
    let chained = format!("{}1 > 0", "not ".repeat(10_000));
    let (code, out) = run(
        &[("deep.yaml", pack(&chained)), ("a.fis", SEED.to_string())],
        &["check", "--pack", "deep.yaml", "a.fis"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("运算符超过 512 个"), "{out}");
}

#[test]
fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: 257 MiB long, nothing written.
    let f = std::fs::File::create(dir.path().join("huge.fis")).unwrap();
    f.set_len(257 * 1024 * 1024).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(["check", "huge.fis"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("文件过大（257 MiB），上限为 256 MiB"),
        "{stdout}"
    );
}

/// A report of 100 MB: the seed with its paragraphs repeated. Slow in a debug build (≈40 s), so
/// `.ci/run` runs it explicitly (`cargo test --test limits -- --ignored`).
#[test]
#[ignore]
fn a_hundred_megabyte_report_is_checked() {
    let paragraphs: String = SEED
        .lines()
        .filter(|l| {
            l.chars().count() > 30 && !l.starts_with([' ', '#', '/', '}']) && !l.contains('{')
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let mut big = String::from(SEED);
    while big.len() < 100 * 1024 * 1024 {
        big.push_str(&paragraphs);
    }
    let (code, out) = run(&[("big.fis", big)], &["check", "--quiet", "big.fis"]);
    assert_eq!(
        code,
        1,
        "the seed's findings, found once more: {}",
        &out[..out.len().min(2000)]
    );
}

/// 100,000 tables in one report (≈10 s in a debug build): run by `.ci/run` explicitly.
#[test]
#[ignore]
fn a_hundred_thousand_tables_are_checked() {
    let mut text =
        String::from("report 决算 { 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "table x{i} \"表{i}\" {{\n  columns 项目 | 金额\n  甲 | {i}\n}}\n"
        ));
    }
    let (code, out) = run(&[("tables.fis", text)], &["check", "tables.fis"]);
    assert_eq!(code, 1, "{}", &out[out.len().saturating_sub(500)..]);
    assert!(
        out.contains("缺少表 01"),
        "the nine tables are still looked for"
    );
}

// Issue 15, items 12 and 14 (the command line's reads and baselines).

/// Runs fislint through `bash -c` in `dir` (for `<(…)`), with a deadline: exit code and
/// everything printed.
fn bash_in(dir: &std::path::Path, script: &str) -> (i32, String, std::time::Duration) {
    let started = std::time::Instant::now();
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_fislint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("panicked"), "{all}");
    (out.status.code().unwrap_or(-1), all, started.elapsed())
}

#[test]
fn endless_sources_are_refused_at_the_input_limit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.fis"), SEED).unwrap();
    let cases = [
        (
            "\"$0\" check --no-config /dev/zero",
            "无法读取 /dev/zero：文件过大，超过上限 256 MiB",
        ),
        (
            "\"$0\" import /dev/zero",
            "无法读取 /dev/zero：文件过大，超过上限 256 MiB",
        ),
        (
            "\"$0\" check --no-config a.fis --baseline /dev/zero",
            "无法读取 /dev/zero：文件过大，超过上限 256 MiB",
        ),
        (
            "\"$0\" check --no-config <(yes 段落)",
            "文件过大，超过上限 256 MiB",
        ),
    ];
    for (script, message) in cases {
        let (code, out, took) = bash_in(dir.path(), script);
        assert_eq!(code, 2, "{script}: {out}");
        assert!(out.contains(message), "{script}: {out}");
        // Reading 256 MiB is a second or two, even in a debug build; an unbounded read ends
        // only when memory does.
        assert!(
            took < std::time::Duration::from_secs(60),
            "{script}: {took:?}"
        );
    }
}

#[test]
fn a_baseline_of_fifty_thousand_findings_in_one_file_is_linear() {
    // One table of 50,000 rows and a rule that each row breaks: 50,000 findings in one file.
    let dir = tempfile::tempdir().unwrap();
    let mut report = String::from(
        "report 决算 { 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }\ntable 05 \"表\" {\n  columns 项目 | 金额\n",
    );
    for i in 0..50_000 {
        report.push_str(&format!("  甲{i} | {i}\n"));
    }
    report.push_str("}\n");
    std::fs::write(dir.path().join("r.fis"), report).unwrap();
    let rule = pack("row.金额 < 0").replace(
        "      assert:\n",
        "      assert:\n        each: rows(t05)\n",
    );
    std::fs::write(dir.path().join("p.yaml"), rule).unwrap();
    let check = [
        "check",
        "--no-config",
        "--pack",
        "p.yaml",
        "--format",
        "short",
        "r.fis",
    ];
    let timed = |args: &[&str]| {
        let started = std::time::Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (out, started.elapsed())
    };
    let (plain, plain_took) = timed(&check);
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(
        plain
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| l.ends_with(b"error[r]: x"))
            .count(),
        50_000
    );
    let (write, write_took) = timed(&[&check[..], &["--write-baseline", "b.json"]].concat());
    assert_eq!(
        write.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&write.stdout)
    );
    let (read, read_took) = timed(&[&check[..], &["--baseline", "b.json"]].concat());
    assert_eq!(read.status.code(), Some(0));
    assert!(read.stdout.is_empty(), "every finding is in the baseline");
    // Quadratic, each took minutes in a debug build (one line index per finding, the whole
    // baseline per file); linear, a few times the plain check. The bound is generous, for
    // loaded machines, and still far below the quadratic time.
    let bound = plain_took * 10 + std::time::Duration::from_secs(20);
    assert!(
        write_took < bound,
        "writing took {write_took:?} (plain {plain_took:?})"
    );
    assert!(
        read_took < bound,
        "filtering took {read_took:?} (plain {plain_took:?})"
    );
}

// ------------------------------------------------------------ issue 15: pack and configuration files
// (items 3, 12, 13, 17): an endless extends chain, endless or blocking files, a pack named
// 10,000 times. Each run is guarded: killed after `GUARD` and kept under an address-space limit,
// so that a regression fails the test instead of hanging it or exhausting the machine's memory.

/// How long a guarded run may take (a debug build needs well under a second for each).
const GUARD: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs `fislint` in `dir` under `ulimit -v` (3 GB: a read bounded at 256 MiB fits, an
/// unbounded one does not) and a time limit: exit code and everything printed. A run past the
/// time limit is killed and fails the test.
fn guarded(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    use std::io::Read;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 3000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads, so a full pipe never blocks the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("fislint {args:?} still running after {GUARD:?}: killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.join().unwrap()),
        String::from_utf8_lossy(&err.join().unwrap())
    );
    assert!(!all.contains("panicked"), "{all}");
    assert!(!all.contains("overflowed its stack"), "{all}");
    assert!(!all.contains("memory allocation"), "{all}");
    (status.code().unwrap_or(-1), all)
}

/// A minimal pack file: `extra` holds its `extends`, `include` or `rules` lines.
fn pack_file(id: &str, extra: &str) -> String {
    format!("pack: {id}\ntitle: 测试\nversion: \"1\"\n{extra}")
}

#[test]
fn an_eight_thousand_pack_extends_chain_stops_at_the_depth_limit() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..8_000 {
        let next = format!("extends: [p{}.yaml]\n", i + 1);
        std::fs::write(
            dir.path().join(format!("p{i}.yaml")),
            pack_file(&format!("p{i}"), &next),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("p8000.yaml"), pack_file("p8000", "")).unwrap();
    std::fs::write(dir.path().join("a.fis"), SEED).unwrap();
    for args in [
        &["check", "--pack", "p0.yaml", "a.fis"][..],
        &["rules", "list", "--pack", "p0.yaml"],
    ] {
        let (code, out) = guarded(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains("扩展链超过 64 层"), "{args:?}: {out}");
        // At the entry that goes too deep: the 64th pack's `extends`.
        assert!(out.contains("p63.yaml:4:11"), "{args:?}: {out}");
    }
}

#[test]
fn endless_pack_and_configuration_files_are_refused_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.fis"), SEED).unwrap();
    for (args, says) in [
        (
            &["check", "--config", "/dev/zero", "a.fis"][..],
            "配置文件无法读取 /dev/zero：文件过大，超过上限 256 MiB",
        ),
        (
            &["check", "--pack", "/dev/zero", "a.fis"],
            "无法读取 `/dev/zero`：文件过大，超过上限 256 MiB",
        ),
        (
            &["rules", "list", "--pack", "/dev/zero"],
            "无法读取 `/dev/zero`：文件过大，超过上限 256 MiB",
        ),
    ] {
        let (code, out) = guarded(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains(says), "{args:?}: {out}");
    }
}

#[test]
#[cfg(unix)]
fn a_fifo_named_by_include_or_extends_is_refused_at_its_entry_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("fifo.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::write(dir.path().join("a.fis"), SEED).unwrap();
    std::fs::write(
        dir.path().join("inc.yaml"),
        pack_file("inc", "include: [fifo.yaml]\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ext.yaml"),
        pack_file("ext", "extends: [fifo.yaml]\n"),
    )
    .unwrap();
    for (pack, what) in [("inc.yaml", "包含的规则文件"), ("ext.yaml", "扩展的规则包")]
    {
        for args in [
            &["check", "--pack", pack, "a.fis"][..],
            &["rules", "list", "--pack", pack],
        ] {
            let (code, out) = guarded(dir.path(), args);
            assert_eq!(code, 2, "{args:?}: {out}");
            assert!(
                out.contains(&format!("{what} `fifo.yaml` 不是普通文件")),
                "{args:?}: {out}"
            );
            assert!(out.contains(&format!("{pack}:4:11")), "{args:?}: {out}");
        }
    }
}

#[test]
fn a_configuration_naming_one_pack_ten_thousand_times_loads_it_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.fis"), SEED).unwrap();
    let (code, once) = guarded(dir.path(), &["check", "--pack", "national", "a.fis"]);
    assert_eq!(code, 1, "{once}");
    let names = vec!["\"national\""; 10_000].join(", ");
    std::fs::write(
        dir.path().join("fislint.toml"),
        format!("packs = [{names}]\n"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let (code, many) = guarded(dir.path(), &["check", "a.fis"]);
    let took = started.elapsed();
    assert_eq!(code, 1, "{many}");
    // The same findings as the pack named once, each once.
    let summary = |out: &str| out.lines().last().unwrap_or_default().to_string();
    assert_eq!(summary(&many), summary(&once));
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
}

// Issue 15, item 1: figures too far apart for `Decimal` to subtract (its range is about
// ±7.9·10^28) are an error finding at the figure, exit 1, in `check`, through imported text and
// through `lint::lint`, which the language server calls; never a panic.

const HUGE_TOTAL: &str = "-40000000000000000000000000000";
const HUGE_PART: &str = "40000000000000000000000000000";

/// The seed with table 05's 合计 at −4·10^28 and its class 201 at 4·10^28: the total and the
/// sum of its parts differ by 8·10^28.
fn seed_with_huge_figures() -> String {
    let rows = "  -       | 合计                                   | 1,022.32 | 975.48 | 46.84\n  \
                201     | 一般公共服务支出                       | 975.48   | 975.48 | -\n";
    assert!(SEED.contains(rows));
    SEED.replace(
        rows,
        &format!(
            "  -       | 合计 | {HUGE_TOTAL} | 975.48 | 46.84\n  \
             201     | 一般公共服务支出 | {HUGE_PART} | 975.48 | -\n"
        ),
    )
}

#[test]
fn a_total_too_far_from_its_parts_to_subtract_is_an_error_not_a_crash() {
    let (code, out) = run(&[("a.fis", seed_with_huge_figures())], &["check", "a.fis"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "error[t05-total-of-classes]: 合计 {HUGE_TOTAL} 与各项之和"
        )),
        "{out}"
    );
    assert!(out.contains("相差过大：数值超出可计算范围"), "{out}");
    assert!(out.contains("┌─ a.fis:195:"), "at the total: {out}");
}

#[test]
fn imported_text_with_a_total_too_far_from_its_parts_is_an_error_not_a_crash() {
    let text = include_str!("../fixtures/import/tabbed-small.txt");
    let rows = "合计\t\t1, 210. 50\t1, 200. 00\t10. 50\n201\t一般公共服务支出\t1, 010. 50\t";
    assert!(text.contains(rows));
    let text = text.replace(
        rows,
        &format!("合计\t\t{HUGE_TOTAL}\t1, 200. 00\t10. 50\n201\t一般公共服务支出\t{HUGE_PART}\t"),
    );
    let (code, out) = run(&[("a.txt", text)], &["check", "a.txt"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("相差过大：数值超出可计算范围"), "{out}");
    assert!(
        out.contains("┌─ a.txt:43:"),
        "at the total in the text: {out}"
    );
}

#[test]
fn lint_reports_a_total_too_far_from_its_parts_as_an_error_at_the_total() {
    use fislint::lint::{lint, Kind, Options};
    use fislint::severity::Severity;
    let source = seed_with_huge_figures();
    let rules = fislint::precompiled::rules("hunan").unwrap();
    let options = Options {
        show_rounding: false,
        max_errors: 0,
        threads: 1,
        ..Options::default()
    };
    let linted = lint(
        Kind::Fis,
        source.as_bytes(),
        &mut rules.as_slice(),
        &options,
    );
    let overflow: Vec<_> = linted
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("数值超出可计算范围"))
        .collect();
    assert!(!overflow.is_empty(), "{:?}", linted.diagnostics);
    for d in overflow {
        assert_eq!(d.severity, Severity::Error, "{d:?}");
        assert_eq!(&source[d.primary.0.clone()], HUGE_TOTAL, "{d:?}");
    }
}

// Issue 15, item 2: a chain of selectors nests the expression's tree one level per selector
// without nesting a bracket; it is counted before parsing, like brackets and operators.

#[test]
fn a_chain_of_24000_selectors_is_refused_before_it_can_overflow_the_stack() {
    let chained = format!("t05{} > 0", ".小计".repeat(24_000));
    for args in [
        &["check", "--pack", "deep.yaml", "a.fis"][..],
        &["rules", "list", "--pack", "deep.yaml"][..],
    ] {
        let (code, out) = run(
            &[("deep.yaml", pack(&chained)), ("a.fis", SEED.to_string())],
            args,
        );
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(
            out.contains("选择符（`.名称`、`[…]`）与括号超过 512 个"),
            "{args:?}: {out}"
        );
        assert!(
            out.contains("deep.yaml:13:"),
            "{args:?}, located in the pack: {out}"
        );
    }
    // Indexes close their bracket each time, so the bracket depth never grows.
    let indexed = format!("t05{} > 0", "[合计]".repeat(24_000));
    let (code, out) = run(
        &[("deep.yaml", pack(&indexed)), ("a.fis", SEED.to_string())],
        &["rules", "list", "--pack", "deep.yaml"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("与括号超过 512 个"), "{out}");
}

// Issue 15, item 16: a run of 5,000 spaces in a sentence claim patterns read took 16 s (debug
// build) in the matcher; its work is now linear in the text, which `engine::pattern`'s
// `a_run_of_spaces_or_digits_is_tried_once_whatever_reaches_it` counts. Here: the spaces
// change no finding.

/// The rule of each finding of `check --format json` on `text`, sorted.
fn rules_found(text: String) -> Vec<String> {
    let (code, out) = run(&[("a.fis", text)], &["check", "--format", "json", "a.fis"]);
    assert_eq!(code, 1, "{}", &out[..out.len().min(2000)]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut rules: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules
}

#[test]
fn five_thousand_spaces_in_a_claimed_sentence_change_no_finding() {
    let sentence = "与上年相比增加0.24万元，100%";
    assert!(SEED.contains(sentence));
    let spaced = SEED.replace(
        sentence,
        &format!("与上年相比增加0.24{}万元，100%", " ".repeat(5_000)),
    );
    assert_eq!(rules_found(spaced), rules_found(SEED.to_string()));
}
