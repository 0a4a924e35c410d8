//! `fislint check --format short|sarif|github`, `--statistics` and `--quiet`, run as users run
//! them: output pinned in snapshots, exit codes asserted. (`human` and `json` are in cli.rs.)

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const SEED: &str = "fixtures/reports/hetang-2021.fis";

struct Run {
    code: i32,
    stdout: String,
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
    }
}

/// SARIF with the tool's version taken out, so that a release does not change the snapshot.
fn sarif(args: &[&str]) -> (i32, Value) {
    let run = fislint(&[&["check", "--format", "sarif"], args].concat());
    let mut log: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    log["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    (run.code, log)
}

#[test]
fn short_output_of_the_seed() {
    let run = fislint(&["check", "--format", "short", SEED]);
    assert_eq!(run.code, 1, "the seed's errors fail the check");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn short_output_of_a_small_text() {
    let run = fislint(&[
        "check",
        "--format",
        "short",
        "fixtures/import/tabbed-small.txt",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains("导入"),
        "no import line: {}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn short_lines_have_the_shape_editors_parse() {
    let shape = regex_lite::Regex::new(
        r"^[^:\n]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning|info)\[[a-z0-9/-]+\]: [^\n]+$",
    )
    .unwrap();
    let run = fislint(&[
        "check",
        "--format",
        "short",
        SEED,
        "fixtures/broken/cell-count.fis",
        "fixtures/reports/missing.fis",
    ]);
    assert_eq!(run.code, 2);
    assert!(!run.stdout.is_empty());
    for line in run.stdout.lines() {
        assert!(shape.is_match(line), "not a short line: {line}");
    }
    assert!(run.stdout.contains(
        "fixtures/reports/missing.fis:1:1: error[io/unreadable]: 无法读取 fixtures/reports/missing.fis：文件不存在\n"
    ));
}

#[test]
fn github_output_of_the_seed() {
    let run = fislint(&["check", "--format", "github", SEED]);
    assert_eq!(run.code, 1);
    for line in run.stdout.lines() {
        assert!(
            ["::error file=", "::warning file=", "::notice file="]
                .iter()
                .any(|p| line.starts_with(p)),
            "not a workflow command: {line}"
        );
    }
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn sarif_output_of_the_seed() {
    let (code, log) = sarif(&[SEED]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let text = std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap();
    // The OASIS schema's pattern for `run.language` has a stray `]`, a literal in JavaScript's
    // regular expressions (ECMA-262 Annex B) that Rust's regex engines reject, so the schema
    // would not compile. It is escaped here, in memory, meaning the same; fislint writes no
    // `language`, and the file in tests/data stays as published.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(stray), "the schema is the one published");
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    // The seed's findings (rules with related locations), a syntax error, an unreadable file, an
    // imported text, and a clean run.
    let runs = [
        vec![
            SEED,
            "fixtures/broken/cell-count.fis",
            "fixtures/reports/missing.fis",
        ],
        vec!["fixtures/import/tabbed-small.txt"],
        vec!["--pack", "fixtures/packs/slip-only.yaml", "--quiet", SEED],
    ];
    let (_, mut wrong) = sarif(&[SEED]);
    wrong["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&wrong), "the validator does reject");
    for args in runs {
        let (_, log) = sarif(&args);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let results = log["runs"][0]["results"].as_array().unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                rules[index]["id"], r["ruleId"],
                "ruleIndex points at its rule"
            );
        }
    }
}

#[test]
fn sarif_names_the_rules_of_the_pack_that_ran_with_their_descriptions() {
    let (_, log) = sarif(&[SEED]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(
        rules.len() > 50,
        "every rule of the hunan pack, not only those that fired"
    );
    let rule = rules.iter().find(|r| r["id"] == "t05-row-total").unwrap();
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(!rule["shortDescription"]["text"]
        .as_str()
        .unwrap()
        .is_empty());
    assert!(rule["help"]["text"].as_str().unwrap().contains("依据："));
}

/// The seed with a paragraph inserted near its top, after its first heading.
fn seed_with_a_paragraph_inserted() -> String {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let heading = "## 一、部门职责\n";
    let at = seed.rfind(heading).unwrap() + heading.len();
    format!("{}本段为后来插入的说明。\n{}", &seed[..at], &seed[at..])
}

#[test]
fn fingerprints_survive_an_edit_elsewhere_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let prints = |text: &str| {
        std::fs::write(dir.path().join("report.fis"), text).unwrap();
        let run = fislint_in(dir.path(), &["check", "--format", "sarif", "report.fis"]);
        let log: Value = serde_json::from_str(&run.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["fislintFingerprint/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = prints(&std::fs::read_to_string(SEED).unwrap());
    let after = prints(&seed_with_a_paragraph_inserted());
    assert_eq!(before.len(), after.len());
    assert!(before.len() > 5);
    let mut moved = 0;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1), "same finding, same fingerprint");
        if a.2 == b.2 + 1 {
            moved += 1;
        }
    }
    assert!(moved > 5, "findings below the paragraph moved down a line");
    let mut distinct: Vec<&String> = after.iter().map(|f| &f.1).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        after.len(),
        "no two findings share a fingerprint"
    );
}

#[test]
fn statistics_count_findings_per_rule_after_the_output() {
    let run = fislint(&["check", "--color", "never", "--statistics", SEED]);
    assert_eq!(run.code, 1);
    let at = run
        .stdout
        .find("按规则统计：\n")
        .expect("the statistics are printed");
    insta::assert_snapshot!(&run.stdout[at..]);
    assert!(run
        .stdout
        .ends_with("已检查 1 个文件，发现 8 个错误、4 个警告、1 个提示。\n"));

    let short = fislint(&["check", "--format", "short", "--statistics", SEED]);
    assert_eq!(short.code, 1);
    // The same counts after the short lines, without the human output's blank line and summary.
    let counts = run.stdout[at..].split("\n\n").next().unwrap();
    assert!(
        short.stdout.ends_with(&format!("\n{counts}\n")),
        "{}",
        short.stdout
    );

    // One document stays one document.
    for format in ["json", "sarif"] {
        let run = fislint(&["check", "--format", format, "--statistics", SEED]);
        assert_eq!(run.code, 1);
        serde_json::from_str::<Value>(&run.stdout).expect("JSON and nothing else");
    }
    let github = fislint(&["check", "--format", "github", "--statistics", SEED]);
    assert!(!github.stdout.contains("按规则统计"));
}

#[test]
fn quiet_shows_only_what_matters() {
    let run = fislint(&["check", "--color", "never", "--quiet", SEED]);
    assert_eq!(run.code, 1, "exit codes do not change");
    assert!(!run.stdout.contains("已检查"), "no summary: {}", run.stdout);
    assert!(!run.stdout.contains("\ninfo["), "no info-level findings");
    assert!(
        run.stdout.starts_with("warning[contents-match-headings]"),
        "{}",
        run.stdout
    );
    let short = fislint(&["check", "--format", "short", "--quiet", SEED]);
    let all = fislint(&["check", "--format", "short", SEED]);
    let without_info: String = all
        .stdout
        .lines()
        .filter(|l| !l.contains(": info["))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(short.stdout, without_info);
    assert_ne!(
        short.stdout, all.stdout,
        "the seed has an info-level finding"
    );

    // What can fail the check is always shown.
    let fail_on_info = fislint(&[
        "check",
        "--format",
        "short",
        "--quiet",
        "--fail-on",
        "info",
        SEED,
    ]);
    assert_eq!(fail_on_info.stdout, all.stdout);

    // A warning alone: shown, and the check passes.
    let pack = "fixtures/packs/slip-only.yaml";
    let run = fislint(&["check", "--color", "never", "--quiet", "--pack", pack, SEED]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("warning["), "{}", run.stdout);

    // No import line for a text.
    let text = fislint(&[
        "check",
        "--quiet",
        "--color",
        "never",
        "fixtures/import/tabbed-small.txt",
    ]);
    assert_eq!(text.code, 1);
    assert!(!text.stdout.contains("导入"), "{}", text.stdout);
}

#[test]
fn every_format_keeps_the_exit_codes_and_only_human_is_coloured() {
    let pack = "fixtures/packs/slip-only.yaml";
    for format in ["human", "short", "json", "sarif", "github"] {
        let check = |args: &[&str]| {
            fislint(&[&["check", "--color", "always", "--format", format], args].concat())
        };
        let findings = check(&[SEED]);
        assert_eq!(findings.code, 1, "{format}");
        assert_eq!(
            check(&["--pack", pack, SEED]).code,
            0,
            "{format}: a warning passes"
        );
        assert_eq!(
            check(&["--pack", pack, "--fail-on", "warning", SEED]).code,
            1,
            "{format}"
        );
        let broken = check(&["fixtures/broken/cell-count.fis"]);
        assert_eq!(broken.code, 2, "{format}");
        assert_eq!(check(&["fixtures/reports/missing.fis"]).code, 2, "{format}");
        assert_eq!(
            findings.stdout.contains('\x1b'),
            format == "human",
            "{format}: colour is for people"
        );
    }
}

/// A quickfix list walks down the file: each file's findings come by position (line, then
/// column), then by rule, in every format (issue 15, item 19; they used to come grouped by rule:
/// lines 346, 390, 376, 399, 19 …).
#[test]
fn findings_are_in_file_order_in_every_format() {
    fn in_order(keys: &[(usize, usize, String)]) -> bool {
        keys.windows(2).all(|w| w[0] <= w[1])
    }
    for path in [SEED, "fixtures/import/tabbed-small.txt"] {
        let short = fislint(&["check", "--format", "short", path]);
        let keys: Vec<(usize, usize, String)> = short
            .stdout
            .lines()
            .filter_map(|l| {
                let mut parts = l.splitn(4, ':');
                let (_, line, col) = (parts.next()?, parts.next()?, parts.next()?);
                let rule = l.split('[').nth(1)?.split(']').next()?;
                Some((line.parse().ok()?, col.parse().ok()?, rule.to_string()))
            })
            .collect();
        assert!(keys.len() > 5, "{}", short.stdout);
        assert!(in_order(&keys), "short output out of order: {keys:?}");
        let json = fislint(&["check", "--format", "json", path]);
        let doc: Value = serde_json::from_str(&json.stdout).unwrap();
        let keys: Vec<(usize, usize, String)> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap() as usize,
                    d["column"].as_u64().unwrap() as usize,
                    d["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(in_order(&keys), "JSON out of order: {keys:?}");
        let sarif = fislint(&["check", "--format", "sarif", path]);
        let doc: Value = serde_json::from_str(&sarif.stdout).unwrap();
        let keys: Vec<(usize, usize, String)> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let region = &r["locations"][0]["physicalLocation"]["region"];
                (
                    region["startLine"].as_u64().unwrap() as usize,
                    region["startColumn"].as_u64().unwrap() as usize,
                    r["ruleId"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(in_order(&keys), "SARIF out of order: {keys:?}");
    }
}

// Issue 15 (output formats): SARIF rule names, streaming documents, file names as URIs.

#[test]
fn sarif_rule_names_differ_from_their_ids() {
    // Microsoft's SARIF validator (SARIF1001) warns of every rule whose name is its id.
    let (_, log) = sarif(&[SEED]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for rule in rules {
        if let Some(name) = rule.get("name") {
            assert_ne!(name, &rule["id"], "{rule}");
        }
    }
    let rule = rules.iter().find(|r| r["id"] == "t05-row-total").unwrap();
    assert_eq!(rule["name"], "T05RowTotal");
}

/// A folder of reports checked with two packs (a 湖南 report and one of another 地区, which the
/// national pack checks) and with syntax errors first, so that the SARIF writer meets a code that
/// is no rule before it meets either pack.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    std::fs::copy(
        "fixtures/broken/cell-count.fis",
        dir.path().join("a-broken.fis"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b-beijing.fis"),
        seed.replace("地区 = 湖南", "地区 = 北京"),
    )
    .unwrap();
    std::fs::write(dir.path().join("c-hunan.fis"), &seed).unwrap();
    std::fs::write(dir.path().join("d-hunan.fis"), &seed).unwrap();
    dir
}

#[test]
fn json_and_sarif_are_written_as_files_finish_and_stay_one_pretty_document() {
    // Both documents are written piece by piece as each file is printed; what comes out must
    // still be exactly serde_json's pretty printing of one document (the shape they had when
    // they were built whole), the same for any number of jobs.
    let dir = mixed_folder();
    for format in ["json", "sarif"] {
        let serial = fislint_in(
            dir.path(),
            &["check", "--no-config", "--format", format, "-j", "1", "."],
        );
        let parallel = fislint_in(
            dir.path(),
            &["check", "--no-config", "--format", format, "-j", "3", "."],
        );
        assert_eq!(serial.code, 2, "{format}: a syntax error");
        assert_eq!(parallel.code, serial.code);
        assert_eq!(
            parallel.stdout, serial.stdout,
            "{format}: --jobs changes nothing"
        );
        let doc: Value = serde_json::from_str(&serial.stdout).unwrap();
        assert_eq!(
            format!("{}\n", serde_json::to_string_pretty(&doc).unwrap()),
            serial.stdout,
            "{format}: one pretty-printed document"
        );
        if format == "sarif" {
            let run = &doc["runs"][0];
            let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
            let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
            let results = run["results"].as_array().unwrap();
            for r in results {
                let index = r["ruleIndex"].as_u64().unwrap() as usize;
                assert_eq!(rules[index]["id"], r["ruleId"]);
            }
            for file in [
                "a-broken.fis",
                "b-beijing.fis",
                "c-hunan.fis",
                "d-hunan.fis",
            ] {
                assert!(
                    results.iter().any(|r| r["locations"][0]["physicalLocation"]
                        ["artifactLocation"]["uri"]
                        == file),
                    "{file} has results"
                );
            }
            assert!(
                ids.contains(&"t05-row-total") && ids.contains(&"hunan-performance-attachments")
            );
            let listed = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), listed, "each rule once");
        } else {
            let findings = doc["findings"].as_array().unwrap();
            assert_eq!(findings[0]["file"], "a-broken.fis");
            assert_eq!(findings.last().unwrap()["file"], "d-hunan.fis");
        }
    }
}

#[test]
fn json_and_sarif_of_no_finding_are_still_one_document() {
    // The one rule of slip-only.yaml, set to a section the seed does not have: nothing found.
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("none.yaml");
    let yaml = std::fs::read_to_string("fixtures/packs/slip-only.yaml").unwrap();
    std::fs::write(
        &pack,
        yaml.replace("[机关运行经费支出说明]", "[没有这一节]"),
    )
    .unwrap();
    let clean = ["--pack", pack.to_str().unwrap(), SEED];
    let json = fislint(&[&["check", "--format", "json"], &clean[..]].concat());
    assert_eq!(json.stdout, "{\n  \"findings\": [],\n  \"version\": 1\n}\n");
    let run = fislint(&[&["check", "--format", "sarif"], &clean[..]].concat());
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
    assert_eq!(
        format!("{}\n", serde_json::to_string_pretty(&log).unwrap()),
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn json_and_sarif_print_a_file_before_the_next_is_read() {
    // The documents are streamed: the first file's findings are on standard output while the
    // second file, a named pipe nobody has written yet, cannot even be opened. A check that kept
    // every file's findings for the end (memory growing with the number of files) prints
    // nothing until then.
    for format in ["json", "sarif"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(SEED, dir.path().join("a.fis")).unwrap();
        let fifo = dir.path().join("b.fis");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let mut child = Command::new(env!("CARGO_BIN_EXE_fislint"))
            .args(["check", "--no-config", "--format", format, "a.fis", "b.fis"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        let mut before = Vec::new();
        let seen = loop {
            match rx.recv_timeout(std::time::Duration::from_secs(60)) {
                Ok(line) => {
                    let found = line.contains("a.fis");
                    before.push(line);
                    if found {
                        break true;
                    }
                }
                Err(_) => break false,
            }
        };
        // Whatever happened, let the check finish: give it the second file.
        std::fs::write(&fifo, std::fs::read(SEED).unwrap()).unwrap();
        let status = child.wait().unwrap();
        reader.join().unwrap();
        let rest: Vec<String> = rx.try_iter().collect();
        assert!(
            seen,
            "{format}: nothing of a.fis before b.fis was read: {before:?}"
        );
        assert_eq!(status.code(), Some(1));
        let text = format!("{}\n{}\n", before.join("\n"), rest.join("\n"));
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert!(text.contains("b.fis"), "{format}: the second file follows");
        assert!(doc.is_object());
    }
}

#[cfg(unix)]
#[test]
fn sarif_uris_percent_encode_the_bytes_of_a_file_name() {
    use std::os::unix::ffi::OsStrExt;
    // 报告 in GBK, as a Chinese Windows archive unpacks it: not UTF-8, so a name shown lossily
    // would be U+FFFD. The URI carries its bytes.
    let dir = tempfile::tempdir().unwrap();
    let gbk = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.fis");
    let odd = "a b#%报告.fis";
    let text = std::fs::read("fixtures/broken/cell-count.fis").unwrap();
    std::fs::write(dir.path().join(gbk), &text).unwrap();
    std::fs::write(dir.path().join(odd), &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(["check", "--no-config", "--format", "sarif"])
        .arg(gbk)
        .arg(format!("./{odd}"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    uris.dedup();
    assert_eq!(
        uris,
        ["%B1%A8%B8%E6.fis", "a%20b%23%25%E6%8A%A5%E5%91%8A.fis"]
    );
}
