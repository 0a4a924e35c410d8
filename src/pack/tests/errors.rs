//! Every kind of load error: rendered (insta snapshots), or as codes and places.

use std::io;
use std::path::Path;

use super::*;

#[test]
fn invalid_yaml() {
    insta::assert_snapshot!(single("pack: p\ntitle: [测试, 规则\nversion: \"1\"\n"));
}

#[test]
fn unknown_top_level_key() {
    insta::assert_snapshot!(single(
        "pack: p\ntitle: 测试\nversion: \"1\"\nauthor: 张三\n"
    ));
}

#[test]
fn missing_title() {
    insta::assert_snapshot!(single("pack: p\nversion: \"1\"\n"));
}

#[test]
fn bad_severity_value() {
    insta::assert_snapshot!(single(&pack_with(
        &rule("r", ASSERT).replace("severity: error", "severity: fatal")
    )));
}

#[test]
fn unknown_check_kind() {
    insta::assert_snapshot!(single(&pack_with(&rule("r", "{ total: { that: x } }"))));
}

#[test]
fn two_errors_in_two_rules_are_both_reported() {
    let first = rule("first", "{ assert: { that: x, mesage: m } }");
    let second = rule("second", ASSERT)
        .replace("tables", "x")
        .replace("title: 标题", "title: [标题]");
    insta::assert_snapshot!(single(&pack_with(&format!("{first}{second}"))));
}

#[test]
fn non_kebab_id() {
    insta::assert_snapshot!(single(&pack_with(&rule("T05_row", ASSERT))));
}

#[test]
fn duplicate_rule_id() {
    insta::assert_snapshot!(single(&pack_with(&format!(
        "{}{}",
        rule("r", ASSERT),
        rule("r", ASSERT)
    ))));
}

#[test]
fn duplicate_rule_id_across_extends() {
    let source = Memory::default()
        .file(
            "a.yaml",
            &pack_with(&rule("r", ASSERT)).replace("pack: p", "pack: a\nextends: [b.yaml]"),
        )
        .file(
            "b.yaml",
            &pack_with(&rule("r", ASSERT)).replace("pack: p", "pack: b"),
        );
    insta::assert_snapshot!(errors(&source, file("a.yaml")));
}

#[test]
fn override_of_unknown_rule() {
    // A typo of an inherited rule (a suggestion follows), and the pack's own rule.
    let root = format!(
        "pack: a\ntitle: t\nversion: v\nextends: [b.yaml]\noverrides:\n  t05-row-totl: off\n  own: off\nrules:\n{}",
        rule("own", ASSERT)
    );
    let base = pack_with(&rule("t05-row-total", ASSERT)).replace("pack: p", "pack: b");
    let source = Memory::default()
        .file("a.yaml", &root)
        .file("b.yaml", &base);
    insta::assert_snapshot!(errors(&source, file("a.yaml")));
}

#[test]
fn extends_cycle_of_three_packs() {
    let source = Memory::default()
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [b.yaml]\n",
        )
        .file(
            "b.yaml",
            "pack: b\ntitle: t\nversion: v\nextends: [c.yaml]\n",
        )
        .file(
            "c.yaml",
            "pack: c\ntitle: t\nversion: v\nextends: [a.yaml]\n",
        );
    insta::assert_snapshot!(errors(&source, file("a.yaml")));
}

#[test]
fn escaping_path() {
    let source = Memory::default()
        .file(
            "packs/a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [../x.yaml]\ninclude: [rules/../../y.yaml]\n",
        )
        .file("x.yaml", "pack: x\ntitle: t\nversion: v\n");
    insta::assert_snapshot!(errors(&source, file("packs/a.yaml")));
}

#[test]
fn absolute_path() {
    insta::assert_snapshot!(single(
        "pack: p\ntitle: t\nversion: v\nextends: [/etc/packs/x.yaml]\n"
    ));
}

#[test]
fn missing_extends_file() {
    let source = Memory::default().file(
        "packs/a.yaml",
        "pack: a\ntitle: t\nversion: v\nextends: [base/b.yaml]\ninclude: [rules.yaml]\n",
    );
    insta::assert_snapshot!(errors(&source, file("packs/a.yaml")));
}

#[test]
fn unknown_embedded_pack() {
    let source = Memory::default()
        .embed("national", "pack: national\ntitle: t\nversion: v\n")
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [natoinal]\n",
        );
    insta::assert_snapshot!(errors(&source, file("a.yaml")));
}

#[test]
fn billion_laughs_fails_fast() {
    let mut text = String::from("pack: p\ntitle: t\nversion: v\nparams:\n  a: &a [\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\"]\n");
    let mut prev = "a".to_string();
    for i in 0..12 {
        let name = format!("l{i}");
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("  {name}: &{name} [{refs}]\n"));
        prev = name;
    }
    let start = std::time::Instant::now();
    let out = single(&text);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    insta::assert_snapshot!(out);
}

#[test]
fn a_yaml_error_stops_its_file_only() {
    let source = Memory::default()
        .file(
            "p.yaml",
            "pack: p\ntitle: t\nversion: v\nextends: [a.yaml, b.yaml]\nauthor: x\n",
        )
        .file("a.yaml", "pack: a\n\ttitle: t\n")
        .file("b.yaml", "pack: B\ntitle: t\nversion: v\n");
    assert_eq!(
        codes(&source, file("p.yaml")),
        [
            "pack/unknown-key p.yaml:5:1",
            "pack/invalid-yaml a.yaml:1:7",
            "pack/bad-id b.yaml:1:7",
        ]
    );
}

#[test]
fn missing_keys_of_a_map_are_one_error() {
    let text = pack_with("  - id: r\n    check: { require: }\n");
    let failure = load(file("p.yaml"), &Memory::default().file("p.yaml", &text)).unwrap_err();
    assert_eq!(failure.errors.len(), 1, "{}", failure.render());
    assert_eq!(
        failure.errors[0].kind.to_string(),
        "规则缺少必需的键 `severity`、`title`、`summary`、`rationale`、`examples`"
    );
}

#[test]
fn an_included_file_holds_only_rules() {
    let source = Memory::default()
        .file(
            "p.yaml",
            "pack: p\ntitle: t\nversion: v\ninclude: [a.yaml, b.yaml]\n",
        )
        .file("a.yaml", &format!("pack: a\nrules:\n{}", rule("r", ASSERT)))
        .file("b.yaml", "[]\n");
    assert_eq!(
        codes(&source, file("p.yaml")),
        ["pack/unknown-key a.yaml:1:1", "pack/bad-value b.yaml:1:1"]
    );
}

#[test]
fn overrides_are_off_or_a_map() {
    let base = pack_with(&rule("r", ASSERT))
        .replace("pack: p", "pack: b")
        .replace("    check:", "    params: { limit: 3 }\n    check:");
    let root = "pack: a\ntitle: t\nversion: v\nextends: [b.yaml]\noverrides:\n  r: { severity: fatal, params: { limit: 5, other: 1 }, foo: 1 }\n";
    let source = Memory::default().file("a.yaml", root).file("b.yaml", &base);
    assert_eq!(
        codes(&source, file("a.yaml")),
        [
            "pack/unknown-key a.yaml:6:57",
            "pack/bad-value a.yaml:6:18",
            "pack/unknown-override a.yaml:6:45",
        ]
    );
    let on = root.replace(
        "{ severity: fatal, params: { limit: 5, other: 1 }, foo: 1 }",
        "on",
    );
    let source = Memory::default().file("a.yaml", &on).file("b.yaml", &base);
    assert_eq!(
        codes(&source, file("a.yaml")),
        ["pack/bad-value a.yaml:6:6"]
    );
}

#[test]
fn an_unreadable_file_names_its_reason() {
    struct Denied;
    impl PackSource for Denied {
        fn embedded(&self, _: &str) -> Option<&str> {
            None
        }
        fn read(&self, _: &Path) -> io::Result<String> {
            Err(io::Error::new(io::ErrorKind::PermissionDenied, "权限不足"))
        }
    }
    let failure = load(file("packs/p.yaml"), &Denied).unwrap_err();
    assert_eq!(failure.errors[0].code(), "pack/unreadable");
    assert_eq!(
        failure.render().trim(),
        "pack/unreadable\n\n  × 无法读取 `packs/p.yaml`：权限不足"
    );
}

#[test]
fn a_key_given_twice_is_an_error() {
    let source = Memory::default().file("p.yaml", "pack: p\ntitle: t\ntitle: u\nversion: v\n");
    assert_eq!(
        codes(&source, file("p.yaml")),
        ["pack/invalid-yaml p.yaml:3:1"]
    );
}

#[test]
fn rendering_is_safe_and_bounded() {
    // A control character and a bidirectional override never reach the terminal.
    let out = single("pack: p\ntitle: t # \u{1b}[2J\u{202e}x\nversion: v\n");
    assert!(out.contains("p.yaml:2:12"), "{out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    // A line of a megabyte is shown as a window around the error, at its real column.
    let text = format!(
        "pack: p\ntitle: t\nversion: v\nparams: {{ a: [{}, [x]] }}\n",
        "表".repeat(300_000)
    );
    let start = std::time::Instant::now();
    let out = single(&text);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    assert!(out.len() < 2_000, "{} bytes", out.len());
    assert!(out.contains("p.yaml:4:300017"), "{out}");
    assert!(out.contains("…表表表"), "{out}");
    let line = out.lines().find(|l| l.contains("[x]")).unwrap();
    let carets = out.lines().find(|l| l.contains('┬')).unwrap();
    let width = |s: &str| {
        s.chars()
            .map(|c| if c == '表' { 2 } else { 1 })
            .sum::<usize>()
    };
    let at = line.find("[x]").unwrap();
    assert_eq!(
        width(&carets[..carets.find('┬').unwrap()]),
        width(&line[..at]),
        "{out}"
    );
}

#[test]
fn nesting_too_deep_is_an_error() {
    let deep = format!("pack: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let out = single(&deep);
    assert!(
        out.contains("pack/invalid-yaml") && out.contains("嵌套过深"),
        "{out}"
    );
}

#[test]
fn two_packs_of_a_chain_may_not_share_an_id() {
    let source = Memory::default()
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [b.yaml]\n",
        )
        .file("b.yaml", "pack: a\ntitle: t\nversion: v\n");
    assert_eq!(codes(&source, file("a.yaml")), ["pack/bad-id a.yaml:1:7"]);
}

#[test]
fn extends_deeper_than_the_limit() {
    let mut source = Memory::default();
    for i in 0..100 {
        source = source.file(
            &format!("p{i}.yaml"),
            &format!(
                "pack: p{i}\ntitle: t\nversion: v\nextends: [p{}.yaml]\n",
                i + 1
            ),
        );
    }
    source = source.file("p100.yaml", "pack: p100\ntitle: t\nversion: v\n");
    assert_eq!(
        codes(&source, file("p0.yaml")),
        [format!(
            "pack/extends-too-deep p{}.yaml:4:11",
            MAX_EXTENDS_DEPTH - 1
        )]
    );
    insta::assert_snapshot!(errors(&source, file("p0.yaml")));
}

#[test]
fn a_link_out_of_the_folder() {
    let source = Memory::default()
        .file(
            "packs/a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [linked/x.yaml]\ninclude: [passwd.yaml]\n",
        )
        .file("packs/passwd.yaml", "root:x:0:0:root:/root:/bin/bash\n")
        .file("packs/linked/x.yaml", "pack: x\ntitle: t\nversion: v\n")
        .real("packs/linked/x.yaml", "elsewhere/x.yaml", false)
        .real("packs/passwd.yaml", "/etc/passwd", false);
    let out = errors(&source, file("packs/a.yaml"));
    assert!(!out.contains("root:x"), "the target is never read: {out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_fifo_named_by_include_or_extends() {
    let source = Memory::default()
        .file(
            "a.yaml",
            "pack: a\ntitle: t\nversion: v\nextends: [fifo.yaml]\ninclude: [rules.yaml]\n",
        )
        .real("fifo.yaml", "fifo.yaml", true)
        .real("rules.yaml", "rules.yaml", true);
    insta::assert_snapshot!(errors(&source, file("a.yaml")));
}
