//! Resource limits: inputs built to exhaust memory or the stack are refused at a documented limit
//! with a clear message, never a crash. The tests assert the behaviour, not the time; the times
//! and peak memory are in the closing note (and README's development section).

use std::process::Command;

const SEED: &str = include_str!("../fixtures/reports/hetang-2021.fis");

/// Runs `fislint` in a scratch folder holding `files`: exit code and everything printed.
fn run(files: &[(&str, String)], args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("panicked"), "{all}");
    assert!(!all.contains("overflowed its stack"), "{all}");
    (out.status.code().unwrap_or(-1), all)
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
