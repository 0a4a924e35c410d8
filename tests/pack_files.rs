//! What a rule pack or a configuration may read, and packs named together (issue 15, items 10,
//! 11 and 17), run through the binary: a symbolic link cannot lead a pack out of its folder, a
//! `fislint.toml` found by walking up names nothing outside its own folder, and a pack named
//! twice, or shared by two packs named, runs once.

// Symbolic links and FIFOs as Unix has them.
#![cfg(unix)]
// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

const SEED: &str = include_str!("../fixtures/reports/hetang-2021.fis");

/// What a file outside the folder holds: never printed.
const SECRET: &str = "SECRET-LINE: 不应出现在输出中";

/// Runs `fislint` in `dir`: exit code and everything printed.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    common::fislint_in(dir, args)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// A pack file: `extra` holds its `extends`, `include`, `overrides` or `rules`.
fn pack(id: &str, extra: &str) -> String {
    format!("pack: {id}\ntitle: 测试\nversion: \"1\"\n{extra}")
}

/// A pack with one rule that fires on every report, with `message`.
fn firing(id: &str, message: &str) -> String {
    pack(
        id,
        &format!("rules:\n  - id: {id}-rule\n    severity: error\n    title: 测试\n    summary: 测试。\n    rationale: 测试。\n    examples: {{ bad: 甲, good: 乙 }}\n    check:\n      assert:\n        that: \"1 > 2\"\n        message: {message}\n"),
    )
}

/// The last line of a check: `已检查 1 个文件，发现 …`.
fn summary(out: &str) -> &str {
    out.lines().last().unwrap_or_default()
}

// ------------------------------------------------------------------------------ item 10

#[test]
fn a_symlinked_file_cannot_lead_an_include_out_of_the_pack_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("outside/secret.yaml"), SECRET);
    write(&root.join("repo/a.fis"), SEED);
    write(
        &root.join("repo/p.yaml"),
        &pack("p", "include: [secret.yaml]\n"),
    );
    link(
        &root.join("outside/secret.yaml"),
        &root.join("repo/secret.yaml"),
    );
    let repo = root.join("repo");
    for args in [
        &["check", "--pack", "p.yaml", "a.fis"][..],
        &["rules", "list", "--pack", "p.yaml"],
    ] {
        let (code, out) = run(&repo, args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(
            out.contains("路径经符号链接指向了规则包所在的文件夹之外"),
            "{args:?}: {out}"
        );
        assert!(out.contains("p.yaml:4:11"), "located at the entry: {out}");
        assert!(
            !out.contains("SECRET-LINE"),
            "the target is not read: {out}"
        );
    }
    // The file the issue found printed: /etc/passwd.
    if Path::new("/etc/passwd").is_file() {
        std::fs::remove_file(repo.join("secret.yaml")).unwrap();
        link(Path::new("/etc/passwd"), &repo.join("secret.yaml"));
        let (code, out) = run(&repo, &["check", "--pack", "p.yaml", "a.fis"]);
        assert_eq!(code, 2, "{out}");
        assert!(!out.contains("root:"), "{out}");
    }
}

#[test]
fn a_symlinked_folder_cannot_lead_extends_out_of_the_pack_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("outside/o.yaml"),
        &firing("outside", "外部规则包的规则"),
    );
    write(&root.join("repo/a.fis"), SEED);
    write(
        &root.join("repo/p.yaml"),
        &pack("p", "extends: [linked/o.yaml]\n"),
    );
    link(&root.join("outside"), &root.join("repo/linked"));
    let repo = root.join("repo");
    let (code, out) = run(&repo, &["check", "--pack", "p.yaml", "a.fis"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("路径经符号链接指向了规则包所在的文件夹之外"),
        "{out}"
    );
    assert!(out.contains("p.yaml:4:11"), "{out}");
    assert!(!out.contains("外部规则包的规则"), "{out}");
    // Allowed when the user says so.
    let (code, out) = run(
        &repo,
        &[
            "check",
            "--allow-pack-paths-outside",
            "--pack",
            "p.yaml",
            "a.fis",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("外部规则包的规则"), "{out}");
}

#[test]
fn a_link_that_stays_inside_the_pack_folder_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    write(&repo.join("a.fis"), SEED);
    write(
        &repo.join("real/base.yaml"),
        &firing("base", "基础规则包的规则"),
    );
    link(&repo.join("real"), &repo.join("alias"));
    write(
        &repo.join("p.yaml"),
        &pack("p", "extends: [alias/base.yaml]\n"),
    );
    let (code, out) = run(repo, &["check", "--pack", "p.yaml", "a.fis"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("基础规则包的规则"), "{out}");
}

// ------------------------------------------------------------------------------ item 11

/// A folder with `repo/fislint.toml` saying `config`, the seed at `repo/reports/a.fis`, and an
/// outside pack (`outside/o.yaml`, a rule that fires) and secret; the temporary folder.
fn discovered(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("outside/o.yaml"),
        &firing("outside", "外部规则包的规则"),
    );
    write(&root.join("outside/secret.yaml"), SECRET);
    write(&root.join("repo/reports/a.fis"), SEED);
    let config = config.replace("{outside}", &root.join("outside").display().to_string());
    write(&root.join("repo/fislint.toml"), &config);
    link(&root.join("outside"), &root.join("repo/linked"));
    dir
}

#[test]
fn a_discovered_configuration_may_not_name_a_path_outside_its_folder() {
    for (config, at) in [
        ("packs = [\"{outside}/secret.yaml\"]\n", "fislint.toml:1:10"),
        ("packs = [\"/etc/passwd\"]\n", "fislint.toml:1:10"),
        (
            "packs = [\"national\", \"../outside/secret.yaml\"]\n",
            "fislint.toml:1:22",
        ),
        ("packs = [\"linked/secret.yaml\"]\n", "fislint.toml:1:10"),
    ] {
        let dir = discovered(config);
        let repo = dir.path().join("repo");
        let (code, out) = run(&repo, &["check", "reports/a.fis"]);
        assert_eq!(code, 2, "{config}: {out}");
        assert!(
            out.contains("error[config/path-outside]"),
            "{config}: {out}"
        );
        assert!(
            out.contains("只能引用它所在文件夹内的文件"),
            "{config}: {out}"
        );
        assert!(out.contains(&format!("─ {at}")), "{config}: {out}");
        assert!(!out.contains("SECRET-LINE"), "{config}: {out}");
        assert!(!out.contains("root:x:"), "{config}: {out}");
    }
}

#[test]
fn a_configuration_named_or_allowed_may_name_a_path_outside_its_folder() {
    for config in [
        "packs = [\"{outside}/o.yaml\"]\n",
        "packs = [\"../outside/o.yaml\"]\n",
        "packs = [\"linked/o.yaml\"]\n",
    ] {
        let dir = discovered(config);
        let repo = dir.path().join("repo");
        for flags in [
            &["--config", "fislint.toml"][..],
            &["--allow-pack-paths-outside"],
        ] {
            let args = [&["check"][..], flags, &["reports/a.fis"]].concat();
            let (code, out) = run(&repo, &args);
            assert_eq!(code, 1, "{config} {flags:?}: {out}");
            assert!(
                out.contains("外部规则包的规则"),
                "{config} {flags:?}: {out}"
            );
        }
    }
}

#[test]
fn a_discovered_configuration_names_a_path_relative_to_itself_not_to_the_working_folder() {
    // `national/tables.yaml` is also the name of a built-in pack's file: from a configuration it
    // is a path in the configuration's folder, not one in the folder fislint runs in.
    let dir = discovered("packs = [\"national/tables.yaml\"]\n");
    write(&dir.path().join("national/tables.yaml"), SECRET);
    let (code, out) = run(dir.path(), &["check", "repo/reports/a.fis"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("repo/national/tables.yaml"), "{out}");
    assert!(!out.contains("SECRET-LINE"), "{out}");
}

#[test]
fn a_discovered_configuration_that_links_out_of_its_folder_is_not_read() {
    let dir = discovered("");
    let repo = dir.path().join("repo");
    std::fs::remove_file(repo.join("fislint.toml")).unwrap();
    link(
        &dir.path().join("outside/secret.yaml"),
        &repo.join("fislint.toml"),
    );
    let (code, out) = run(&repo, &["check", "reports/a.fis"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("配置文件 fislint.toml 是指向其所在文件夹之外的符号链接，不予读取"),
        "{out}"
    );
    assert!(!out.contains("SECRET-LINE"), "{out}");
    // Named, it is read (and its mistake shown).
    let (code, out) = run(
        &repo,
        &["check", "--config", "fislint.toml", "reports/a.fis"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("TOML"), "{out}");
}

#[test]
fn a_pack_a_discovered_configuration_loads_keeps_its_own_boundary() {
    let dir = discovered("packs = [\"packs/p.yaml\"]\n");
    let repo = dir.path().join("repo");
    write(
        &repo.join("packs/p.yaml"),
        &pack("p", "include: [../../outside/secret.yaml]\n"),
    );
    let (code, out) = run(&repo, &["check", "reports/a.fis"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("路径超出了规则包所在的文件夹"), "{out}");
    assert!(!out.contains("SECRET-LINE"), "{out}");
}

// ------------------------------------------------------------------------------ item 17

#[test]
fn a_pack_named_twice_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.fis"), SEED);
    write(&dir.path().join("p.yaml"), &firing("p", "规则包 p 的规则"));
    let (code, once) = run(dir.path(), &["check", "--pack", "national", "a.fis"]);
    assert_eq!(code, 1, "{once}");
    let (code, twice) = run(
        dir.path(),
        &["check", "--pack", "national", "--pack", "national", "a.fis"],
    );
    assert_eq!(code, 1, "{twice}");
    assert_eq!(summary(&twice), summary(&once));
    // A file named by two paths is one pack.
    let (_, once) = run(dir.path(), &["check", "--pack", "p.yaml", "a.fis"]);
    let (_, twice) = run(
        dir.path(),
        &["check", "--pack", "p.yaml", "--pack", "./p.yaml", "a.fis"],
    );
    assert_eq!(summary(&once), "已检查 1 个文件，发现 1 个错误。", "{once}");
    assert_eq!(summary(&twice), summary(&once), "{twice}");
}

#[test]
fn an_ancestor_two_packs_share_runs_once_with_each_packs_overrides() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.fis"), SEED);
    write(
        &dir.path().join("my.yaml"),
        &pack("my", "extends: [national]\n"),
    );
    let (code, hunan) = run(dir.path(), &["check", "--pack", "hunan", "a.fis"]);
    assert_eq!(code, 1, "{hunan}");
    let (code, both) = run(
        dir.path(),
        &["check", "--pack", "hunan", "--pack", "my.yaml", "a.fis"],
    );
    assert_eq!(code, 1, "{both}");
    assert_eq!(
        summary(&both),
        summary(&hunan),
        "national's rules once: {both}"
    );
    // One chain switches a national rule off: national runs once, that override applied.
    write(
        &dir.path().join("quiet.yaml"),
        &pack(
            "quiet",
            "extends: [national]\noverrides:\n  prose-total-growth: off\n",
        ),
    );
    let (_, national) = run(dir.path(), &["check", "--pack", "national", "a.fis"]);
    assert!(national.contains("error[prose-total-growth]"), "{national}");
    let (_, both) = run(
        dir.path(),
        &[
            "check",
            "--pack",
            "national",
            "--pack",
            "quiet.yaml",
            "a.fis",
        ],
    );
    assert!(!both.contains("[prose-total-growth]"), "{both}");
    assert_eq!(
        both.matches("error[").count() + 1,
        national.matches("error[").count(),
        "every other finding once: {both}"
    );
}

// ------------------------------------------------------------------------- classification

/// A pack's `classification` read from disk, relative to the pack: the national rules with a
/// classification of one's own that names 206 otherwise find the seed's 206 rows misnamed.
#[test]
fn a_classification_file_next_to_a_pack_is_read_and_used() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("seed.fis"), SEED);
    write(
        &dir.path().join("packs/mine.yaml"),
        &pack(
            "mine",
            "extends: [national]\nclassification: data/subjects.yaml\n",
        ),
    );
    write(
        &dir.path().join("packs/data/subjects.yaml"),
        "classification: mine\ntitle: 测试科目\nyears: [2021, 2021]\nkinds:\n  功能分类:\n    \"206\": 科学支出\n",
    );
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--pack",
            "packs/mine.yaml",
            "seed.fis",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let named: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("subject-table-name"))
        .collect();
    // Tables 02, 03 and 05 each have a row 206.
    assert_eq!(named.len(), 3, "{out}");
    assert!(
        named[0].contains("seed.fis:121:13:")
            && named[0]
                .contains("科目 206 写作「科学技术支出」，2021 年政府收支分类科目中为「科学支出」"),
        "{out}"
    );
}

/// A classification path that leads out of the pack's folder is refused, as an `extends` is.
#[test]
fn a_classification_path_may_not_lead_out_of_the_pack_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("seed.fis"), SEED);
    write(&dir.path().join("subjects.yaml"), SECRET);
    write(
        &dir.path().join("packs/mine.yaml"),
        &pack("mine", "classification: ../subjects.yaml\n"),
    );
    let (code, out) = run(
        dir.path(),
        &["check", "--pack", "packs/mine.yaml", "seed.fis"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(!out.contains("SECRET-LINE"), "{out}");
    assert!(out.contains("mine.yaml:4:17"), "{out}");
}

// ------------------------------------------------------------------------------ issue 18

#[test]
fn a_pack_folder_names_its_pack_yaml_and_an_unknown_name_lists_the_built_in_packs() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    write(&repo.join("a.fis"), SEED);
    write(
        &repo.join("shanghai/pack.yaml"),
        &firing("shanghai", "上海规则包的规则"),
    );
    // The folder, with or without its slash, is the pack in it (it was `Is a directory`).
    for spec in ["shanghai", "shanghai/", "./shanghai"] {
        let (code, out) = run(repo, &["check", "--no-config", "--pack", spec, "a.fis"]);
        assert_eq!(code, 1, "{spec}: {out}");
        assert!(out.contains("上海规则包的规则"), "{spec}: {out}");
    }
    // A name that is no built-in pack and no folder: the built-in packs are listed.
    let (code, out) = run(
        repo,
        &["check", "--no-config", "--pack", "shanghaii", "a.fis"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("没有名为 `shanghaii` 的内置规则包"), "{out}");
    let help: String = out.split_whitespace().collect();
    assert!(
        help.contains("内置规则包有：common、national、hunan、budget、budget-shanghai"),
        "{out}"
    );
}
