//! The bad-input matrix: every kind of wrong input a user, a script or another province's pack
//! can give, run through the binary. Each case asserts that fislint does not panic, exits 2 (or 1
//! with findings where the input is valid after all), names the problem in its message, and
//! points at its place where it has one.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::listing;

use std::process::Command;

const HEADER: &str = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }\n";
const SEED: &str = include_str!("../fixtures/reports/hetang-2021.fis");

/// One case: files written into a scratch folder, the arguments, and what must come out.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    code: i32,
    /// What the output (stdout and stderr together) must say: the problem, named.
    says: Vec<&'static str>,
    /// Where: `file:line:` or `file:line:col`, when the problem has a place.
    at: Option<&'static str>,
}

fn case(
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    code: i32,
    says: &[&'static str],
    at: Option<&'static str>,
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        code,
        says: says.to_vec(),
        at,
    }
}

fn fis(body: &str) -> Vec<u8> {
    format!("{HEADER}{body}").into_bytes()
}

fn text(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// A pack with one rule whose `that` is `that`.
fn pack_with(that: &str) -> Vec<u8> {
    format!(
        "pack: p\ntitle: 测试\nversion: \"1\"\nrules:\n  - id: r1\n    severity: error\n    title: 测试规则\n    summary: 测试。\n    rationale: 测试。\n    examples: {{ bad: 甲, good: 乙 }}\n    check:\n      assert:\n        that: \"{that}\"\n        message: 不成立\n"
    )
    .into_bytes()
}

fn cases() -> Vec<Case> {
    let seed = || SEED.as_bytes().to_vec();
    vec![
        // ---------------------------------------------------------------- report sources
        case("truncated table", vec![("a.fis", fis("table 05 \"支出\" {\n  columns 科目编码 | 科目名称 | 小计\n  201 | 一般 | 1\n"))],
            &["check", "a.fis"], 2, &["没有结束", "缺少 `}`"], Some("a.fis:2:1")),
        case("empty file", vec![("a.fis", Vec::new())], &["check", "a.fis"], 2, &["report"], Some("a.fis:1:")),
        case("only blank lines", vec![("a.fis", text("\n\n   \n"))], &["check", "a.fis"], 2, &["report"], Some("a.fis:")),
        case("year of the wrong type", vec![("a.fis", text("report 决算 { 部门 = \"某局\" 年度 = 二〇二一 单位 = 万元 地区 = 湖南 }\n"))],
            &["check", "a.fis"], 2, &["年度"], Some("a.fis:1:")),
        case("unknown header key", vec![("a.fis", text("report 决算 { 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 颜色 = 红 }\n"))],
            &["check", "a.fis"], 2, &["未知的表头属性 `颜色`"], Some("a.fis:1:")),
        case("duplicate header key", vec![("a.fis", text("report 决算 { 部门 = \"某局\" 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }\n"))],
            &["check", "a.fis"], 2, &["部门"], Some("a.fis:1:")),
        case("huge number", vec![("a.fis", fis("table 05 \"支出\" {\n  columns 科目编码 | 科目名称 | 小计\n  201 | 一般 | 99999999999999999999999999999999\n}\n"))],
            &["check", "a.fis"], 2, &["数值超出可精确表示的范围"], Some("a.fis:4:")),
        case("tiny number: 29 decimals", vec![("a.fis", fis("table 05 \"支出\" {\n  columns 科目编码 | 科目名称 | 小计\n  201 | 一般 | 0.00000000000000000000000000001\n}\n"))],
            &["check", "a.fis"], 2, &["0.00000000000000000000000000001"], Some("a.fis:4:")),
        case("full-width digits with text after them", vec![("a.fis", fis("table 05 \"支出\" {\n  columns 科目编码 | 科目名称 | 小计\n  201 | 一般 | １２３ 次\n}\n"))],
            &["check", "a.fis"], 2, &["金额格式错误", "半角"], Some("a.fis:4:")),
        case("malformed amount", vec![("a.fis", fis("table 05 \"支出\" {\n  columns 科目编码 | 科目名称 | 小计\n  201 | 一般 | 1,02.5\n}\n"))],
            &["check", "a.fis"], 2, &["金额格式错误：`1,02.5`"], Some("a.fis:4:")),
        case("BOM and CRLF: a valid report", vec![("a.fis", [&b"\xEF\xBB\xBF"[..], SEED.replace('\n', "\r\n").as_bytes()].concat())],
            &["check", "a.fis"], 1, &["prose-total-growth", "已检查 1 个文件"], Some("a.fis:346:")),
        case("GBK bytes in a UTF-8 report", vec![("a.fis", [&fis("## 一、部门职责\n")[..], &b"\xd5\xfd\xce\xc4\n"[..]].concat())],
            &["check", "a.fis"], 2, &["UTF-8"], Some("a.fis:3:")),
        case("a report wholly in GBK", vec![("a.fis", encoding_rs::GBK.encode(SEED).0.into_owned())],
            &["check", "a.fis"], 2, &["UTF-8"], Some("a.fis:")),
        case("table id nobody knows: a valid report", vec![("a.fis", fis("table 99 \"其他表\" {\n  columns 项目 | 金额\n  甲 | 1\n}\n"))],
            &["check", "a.fis"], 1, &["缺少表 01"], Some("a.fis:1:")),
        case("heading without text", vec![("a.fis", fis("## \n"))], &["check", "a.fis"], 2, &["标题"], Some("a.fis:2:1")),
        case("duplicate table id", vec![("a.fis", fis("table 05 \"甲\" {\n  columns 项目 | 金额\n  甲 | 1\n}\ntable 05 \"乙\" {\n  columns 项目 | 金额\n  乙 | 1\n}\n"))],
            &["check", "a.fis"], 2, &["表格编号 `05` 重复"], Some("a.fis:6:")),
        case("row before columns", vec![("a.fis", fis("table 05 \"甲\" {\n  甲 | 1\n}\n"))],
            &["check", "a.fis"], 2, &["缺少 `columns`"], Some("a.fis:3:")),
        case("too few cells", vec![("a.fis", fis("table 05 \"甲\" {\n  columns 科目编码 | 科目名称 | 小计 | 基本支出\n  201 | 一般 | 1\n}\n"))],
            &["check", "a.fis"], 2, &["此行有 3 个单元格，但声明了 4 列"], Some("a.fis:4:")),
        case("stray closing brace", vec![("a.fis", fis("}\n"))], &["check", "a.fis"], 2, &["多余的 `}`"], Some("a.fis:2:1")),
        case("control character", vec![("a.fis", fis("段落\u{1b}[31m红\n"))], &["check", "a.fis"], 2, &["控制字符 U+001B"], Some("a.fis:2:")),
        case("suppression without a reason", vec![("a.fis", fis("// fislint: allow t05-row-total\n段落。\n"))],
            &["check", "a.fis"], 1, &["抑制注释缺少理由"], Some("a.fis:2:1")),
        case("an empty budget report: the budget pack says what it lacks", vec![("a.fis", text("report 预算 { 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }\n"))],
            &["check", "a.fis"], 1, &["budget-required-tables", "缺少表 01"], Some("a.fis:1:1")),
        case("a unit nobody uses", vec![("a.fis", text("report 决算 { 部门 = \"某局\" 年度 = 2021 单位 = 美元 地区 = 湖南 }\n"))],
            &["check", "a.fis"], 2, &["单位"], Some("a.fis:1:")),
        // ---------------------------------------------------------------- packs
        case("pack that is not YAML", vec![("a.fis", seed()), ("p.yaml", text("pack: [\n"))],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["p.yaml"], Some("p.yaml:")),
        case("pack that is YAML but not a pack", vec![("a.fis", seed()), ("p.yaml", text("- 1\n- 2\n"))],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["p.yaml"], Some("p.yaml:1:")),
        case("unknown table in an expression", vec![("a.fis", seed()), ("p.yaml", pack_with("t99.合计 > 0"))],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["t99"], Some("p.yaml:13:")),
        case("type error in an expression", vec![("a.fis", seed()), ("p.yaml", pack_with("1 + \\\"甲\\\" > 0"))],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["p.yaml"], Some("p.yaml:13:")),
        case("expression that does not parse", vec![("a.fis", seed()), ("p.yaml", pack_with("1 + > 0"))],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["p.yaml"], Some("p.yaml:13:")),
        case("division by zero written in a rule", vec![("a.fis", seed()), ("p.yaml", pack_with("1 / 0 > 0"))],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["除以零"], Some("p.yaml:13:")),
        case("extends cycle", vec![("a.fis", seed()),
                ("a.yaml", text("pack: a\ntitle: 甲\nversion: \"1\"\nextends: [b.yaml]\nrules: []\n")),
                ("b.yaml", text("pack: b\ntitle: 乙\nversion: \"1\"\nextends: [a.yaml]\nrules: []\n"))],
            &["check", "--pack", "a.yaml", "a.fis"], 2, &["循环"], Some("a.yaml:4:")),
        case("extends a pack that does not exist", vec![("a.fis", seed()), ("a.yaml", text("pack: a\ntitle: 甲\nversion: \"1\"\nextends: [nowhere.yaml]\nrules: []\n"))],
            &["check", "--pack", "a.yaml", "a.fis"], 2, &["nowhere.yaml"], Some("a.yaml:4:")),
        case("duplicate rule id", vec![("a.fis", seed()),
                ("p.yaml", [pack_with("1 > 0"), pack_with("1 > 0").split(|&b| b == b'\n').skip(4).collect::<Vec<_>>().join(&b'\n')].concat())],
            &["check", "--pack", "p.yaml", "a.fis"], 2, &["r1"], Some("p.yaml:")),
        case("missing pack file", vec![("a.fis", seed())], &["check", "--pack", "nowhere.yaml", "a.fis"], 2, &["nowhere.yaml"], None),
        case("unknown built-in pack", vec![("a.fis", seed())], &["check", "--pack", "mars", "a.fis"], 2, &["mars"], None),
        case("a folder given as a pack", vec![("a.fis", seed()), ("dir/x", text(""))],
            &["check", "--pack", "dir/", "a.fis"], 2, &["dir"], None),
        // ---------------------------------------------------------------- configuration
        case("config that is not TOML", vec![("a.fis", seed()), ("fislint.toml", text("[rules\n"))],
            &["check", "a.fis"], 2, &["fislint.toml 无法读取"], Some("fislint.toml:1:")),
        case("config with an unknown key", vec![("a.fis", seed()), ("fislint.toml", text("colour = true\n"))],
            &["check", "a.fis"], 2, &["未知的键「colour」"], Some("fislint.toml:1:1")),
        case("config naming an unknown rule", vec![("a.fis", seed()), ("fislint.toml", text("[rules]\nno-such-rule = \"off\"\n"))],
            &["check", "a.fis"], 2, &["没有编号为 no-such-rule 的规则"], Some("fislint.toml:2:1")),
        case("config with a param of the wrong kind", vec![("a.fis", seed()), ("fislint.toml", text("[params]\nmin-reason-length = \"many\"\n"))],
            &["check", "a.fis"], 2, &["参数 min-reason-length 的值类型不对"], Some("fislint.toml:2:")),
        case("config with a bad severity", vec![("a.fis", seed()), ("fislint.toml", text("[rules]\nt05-row-total = \"loud\"\n"))],
            &["check", "a.fis"], 2, &["规则 t05-row-total 的设置「loud」无效"], Some("fislint.toml:2:")),
        case("config file named but missing", vec![("a.fis", seed())], &["check", "--config", "none.toml", "a.fis"], 2, &["none.toml", "文件不存在"], None),
        // ---------------------------------------------------------------- importer input
        case("text that is no text", vec![("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd".to_vec())],
            &["check", "a.txt"], 2, &["无法读取文本", "0xFF"], Some("a.txt:3:1")),
        case("empty text", vec![("a.txt", Vec::new())], &["check", "a.txt"], 2, &["部门"], Some("a.txt:")),
        case("text with a title and nothing else", vec![("a.txt", text("2021年度长沙市某局部门决算\n"))],
            // Nothing shows the tables absent (no contents listing): not read, not missing.
            &["check", "a.txt"], 1, &["未能读取表01（收入支出决算总表）：正文中未能找到此表", "表格未注明金额单位"], Some("a.txt:1:")),
        case("UTF-16 text: a valid import", vec![("a.txt", [&b"\xFF\xFE"[..], &"2021年度长沙市某局部门决算\n".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()].concat())],
            &["check", "a.txt"], 1, &["UTF-16LE", "未能读取表01"], Some("a.txt:1:")),
        // Found by fuzzing the importer: a table row without a single cell panicked.
        case("a fuzzer's text with a table row of no cells", vec![("a.txt", include_bytes!("data/fuzz/import-empty-row.txt").to_vec())],
            &["check", "a.txt"], 2, &["未能读出表 02（收入决算表）的结构", "报告表头缺少 `年度`"], Some("a.txt:")),
        case("import of a folder", vec![("dir/x", text(""))], &["import", "dir"], 2, &["这是一个目录"], None),
        case("import into a folder that does not exist", vec![("a.txt", text("2021年度长沙市某局部门决算\n"))],
            &["import", "a.txt", "-o", "nowhere/a.fis"], 2, &["无法写入 nowhere/a.fis"], None),
        // ---------------------------------------------------------------- command line
        case("unknown flag", vec![], &["check", "--frobnicate", "a.fis"], 2, &["--frobnicate"], None),
        case("no paths", vec![], &["check"], 2, &["<PATHS>"], None),
        case("missing file", vec![], &["check", "nowhere.fis"], 2, &["nowhere.fis", "文件不存在"], None),
        case("a folder without reports", vec![("dir/notes.md", text("笔记"))], &["check", "dir"], 2, &["没有找到要检查的文件"], None),
        case("a malformed include pattern", vec![("dir/a.fis", seed())], &["check", "dir", "--include", "[x"], 2, &["--include 的模式 `[x` 无效"], None),
        case("a baseline that is a folder", vec![("a.fis", seed()), ("dir/x", text(""))], &["check", "a.fis", "--baseline", "dir"], 2, &["dir"], None),
        case("a baseline that is not a baseline", vec![("a.fis", seed()), ("b.json", text("[1, 2]"))], &["check", "a.fis", "--baseline", "b.json"], 2, &["基线文件 b.json 无效"], None),
        case("an unknown format", vec![("a.fis", seed())], &["check", "--format", "xml", "a.fis"], 2, &["xml"], None),
        case("explain an unknown rule", vec![], &["explain", "no-such-rule"], 2, &["no-such-rule"], None),
    ]
}

fn run(case: &Case) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &case.files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(&case.args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A panic is killed by nothing but itself: its exit code is 101, and it says so.
    assert!(
        !stderr.contains("panicked"),
        "{}: fislint panicked:\n{stderr}",
        case.name
    );
    (out.status.code().unwrap_or(-1), format!("{stdout}{stderr}"))
}

#[test]
fn every_bad_input_is_refused_with_a_located_message_and_no_panic() {
    let cases = cases();
    assert!(cases.len() >= 40, "the matrix has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let (code, output) = run(case);
        let mut wrong = Vec::new();
        if code != case.code {
            wrong.push(format!("exit {code}, expected {}", case.code));
        }
        for said in &case.says {
            if !output.contains(said) {
                wrong.push(format!("does not say {said:?}"));
            }
        }
        if let Some(at) = case.at {
            if !output.contains(&format!("─ {at}")) && !output.contains(&format!("[{at}")) {
                wrong.push(format!("is not located at {at}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}\n{output}", case.name, wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_matrix_writes_nothing_into_its_folders() {
    // `check` never writes: after every case the folder holds what it was given.
    for case in cases().iter().filter(|c| c.args.first() == Some(&"check")) {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &case.files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        let before = listing(dir.path());
        let _ = Command::new(env!("CARGO_BIN_EXE_fislint"))
            .args(&case.args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(listing(dir.path()), before, "{}", case.name);
    }
}

// ------------------------------------------------------------ issue 15, item 21: configuration errors
// The file given is the file named, a TOML error is said in Chinese at its place (no key list
// unrelated to it), and a param's expected type is said exactly.

/// The first line of what `check --config bad.toml a.fis` says about `bad.toml` holding `toml`,
/// with the whole output; it must exit 2, name `bad.toml` and never `fislint.toml`.
fn config_error(toml: &str) -> (String, String) {
    let c = case(
        "config error",
        vec![
            ("a.fis", SEED.as_bytes().to_vec()),
            ("bad.toml", text(toml)),
        ],
        &["check", "--config", "bad.toml", "a.fis"],
        2,
        &[],
        None,
    );
    let (code, out) = run(&c);
    assert_eq!(code, 2, "{toml}: {out}");
    assert!(!out.contains("fislint.toml"), "{toml}: {out}");
    (out.lines().next().unwrap_or_default().to_string(), out)
}

#[test]
fn a_configuration_error_names_the_file_given() {
    let (first, out) = config_error("colour = 1\n");
    assert_eq!(
        first,
        "error[config/invalid]: bad.toml 无法读取：未知的键「colour」"
    );
    assert!(out.contains("─ bad.toml:1:1"), "{out}");
    // The keys there are, for an unknown key: the one place the list helps.
    assert!(
        out.contains("可用的键：packs、fail-on、budget、previous、pair、[rules]、[params]"),
        "{out}"
    );
}

#[test]
fn a_toml_syntax_error_is_said_in_chinese_at_its_place() {
    for (toml, says, at) in [
        (
            "[rules\n",
            "TOML 语法错误，表头缺少结尾的 `]`",
            "bad.toml:1:7",
        ),
        (
            "fail-on = warning\n",
            "TOML 语法错误，文字必须加引号",
            "bad.toml:1:11",
        ),
        (
            "fail-on = \"warning\n",
            "TOML 语法错误，文字有误：缺少结尾的双引号",
            "bad.toml:1:",
        ),
        (
            "[rules]\nt05-row-total = \"off\"\nt05-row-total = \"error\"\n",
            "TOML 语法错误，键重复",
            "bad.toml:3:1",
        ),
        (
            "packs = [\"national\" \"hunan\"]\n",
            "TOML 语法错误，列表的元素之间缺少逗号",
            "bad.toml:1:",
        ),
        (
            "fail-on = \"error\" 1\n",
            "TOML 语法错误，多余的内容",
            "bad.toml:1:",
        ),
        ("= 1\n", "TOML 语法错误，缺少键名", "bad.toml:1:1"),
        (
            "fail-on = 1\n",
            "值的类型不对，应为带引号的文字，而不是整数 `1`",
            "bad.toml:1:11",
        ),
        (
            "packs = \"national\"\n",
            "值的类型不对，应为列表",
            "bad.toml:1:9",
        ),
    ] {
        let (first, out) = config_error(toml);
        assert!(
            first.starts_with(&format!("error[config/invalid]: bad.toml 无法读取：{says}")),
            "{toml}: {first}"
        );
        assert!(out.contains(&format!("─ {at}")), "{toml}: {out}");
        // No list of keys unrelated to the mistake, no English from the TOML reader.
        assert!(!out.contains("可用的键"), "{toml}: {out}");
        let said = first.split("无法读取：").nth(1).unwrap_or_default();
        for english in [
            "expected",
            "invalid",
            "unclosed",
            "missing",
            "duplicate",
            "quoted",
        ] {
            assert!(!said.contains(english), "{toml}: {out}");
        }
    }
}

#[test]
fn a_param_of_the_wrong_type_is_told_the_type_expected() {
    let (first, out) = config_error("[params]\nmin-reason-length = 2.5\n");
    assert_eq!(
        first,
        "error[config/invalid]: 参数 min-reason-length 的值类型不对：应为整数或带引号的小数（如 6 或 \"2.5\"），而不是不带引号的小数 2.5"
    );
    assert!(out.contains("─ bad.toml:2:21"), "{out}");
    let (first, _) = config_error("[params]\ntautologies = \"无\"\n");
    assert!(
        first.ends_with("应为文字的列表（如 [\"无\", \"见上\"]），而不是文字「无」"),
        "{first}"
    );
}
