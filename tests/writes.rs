//! Nothing lost: the commands that write (`import -o`, `check --write-baseline`) write whole
//! files or nothing. A write that fails part-way leaves the file that was there byte for byte,
//! and no temporary file beside it.
//!
//! The failure is real, not simulated: the command runs under a file-size limit (`ulimit -f`),
//! with `SIGXFSZ` ignored, so its write past the limit fails with `EFBIG`, as it would on a full
//! disk. The limit binds root too (CI runs as root, where `chmod` stops nothing).

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::listing;

use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/reports/hetang-2021.fis"
);
const SMALL_TEXT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/import/tabbed-small.txt"
);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs fislint in `dir`, its writes limited to `limit_blocks` blocks of 512 bytes (none: no
/// limit), `SIGXFSZ` ignored so that a write past the limit fails instead of killing it.
fn fislint_limited(dir: &Path, limit_blocks: Option<u32>, args: &[&str]) -> Run {
    let limit = limit_blocks.map_or_else(|| "unlimited".to_string(), |b| b.to_string());
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f {limit} && trap '' XFSZ && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    Run {
        code: out.status.code().expect("fislint exits, it is not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn an_import_whose_write_fails_leaves_the_old_output_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    std::fs::write(dir.path().join("report.fis"), "上一次导入的结果\n").unwrap();
    let before = listing(dir.path());

    // The imported report is several KB: one block of 512 bytes cannot hold it.
    let run = fislint_limited(
        dir.path(),
        Some(1),
        &["import", "report.txt", "-o", "report.fis"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: 无法写入 report.fis：文件超过系统允许的大小（原文件未改动）"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(".fislint-"), "{}", run.stderr);
    assert_eq!(listing(dir.path()), before);

    // The same command with room to write replaces the file whole.
    let run = fislint_limited(
        dir.path(),
        None,
        &["import", "report.txt", "-o", "report.fis"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("report.fis")).unwrap();
    assert!(written.contains("\nreport 决算 {\n"), "{written}");
    assert!(written.len() > 512);
}

#[test]
fn a_baseline_whose_write_fails_leaves_the_old_baseline_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SEED, dir.path().join("report.fis")).unwrap();
    let old = "{\n  \"version\": 1,\n  \"findings\": []\n}\n";
    std::fs::write(dir.path().join("baseline.json"), old).unwrap();
    let before = listing(dir.path());

    let args = [
        "check",
        "--no-config",
        "--write-baseline",
        "baseline.json",
        "report.fis",
    ];
    let run = fislint_limited(dir.path(), Some(1), &args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "error: 无法写入基线文件 baseline.json：文件超过系统允许的大小（原文件未改动）"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(listing(dir.path()), before);

    let run = fislint_limited(dir.path(), None, &args);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let written = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(written.contains("\"rule\""), "{written}");
    assert!(written.len() > 512);
}

#[test]
fn a_baseline_to_a_full_device_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "check",
        "--no-config",
        "--write-baseline",
        "/dev/full",
        SEED,
    ];
    let run = fislint_limited(dir.path(), None, &args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("error: 无法写入基线文件 /dev/full：磁盘空间不足"),
        "{}",
        run.stdout
    );
    // `/dev/full` is still the device, not a file that replaced it.
    assert!(std::fs::metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn writing_into_a_missing_folder_or_through_a_file_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    let before = listing(dir.path());
    for (target, why) in [
        ("missing/report.fis", "所在目录不存在"),
        ("report.txt/report.fis", "路径中有一段不是目录"),
    ] {
        let run = fislint_limited(dir.path(), None, &["import", "report.txt", "-o", target]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("error: 无法写入 {target}：{why}")),
            "{}",
            run.stderr
        );
        assert_eq!(listing(dir.path()), before);
    }
}

#[test]
fn check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SEED, dir.path().join("report.fis")).unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    let before = listing(dir.path());
    // Even a limit of zero bytes does not stop a check: it has nothing to write.
    for format in ["human", "json", "sarif", "short", "github"] {
        let run = fislint_limited(
            dir.path(),
            Some(0),
            &["check", "--no-config", "--format", format, "."],
        );
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    }
    assert_eq!(listing(dir.path()), before);
}

// Issue 15, item 8: standard output that cannot be written.

/// Runs fislint with its standard output on `/dev/full`, where every write fails with ENOSPC.
fn fislint_to_full_device(dir: &Path, args: &[&str]) -> Run {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(full)
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("fislint exits, it is not killed"),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error_in_every_command_and_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SEED, dir.path().join("report.fis")).unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["import", "report.txt"],
        vec!["dump", "report.fis"],
        vec!["rules", "list"],
        vec!["explain", "t05-row-total"],
    ];
    for format in ["human", "short", "json", "sarif", "github"] {
        commands.push(vec![
            "check",
            "--no-config",
            "--format",
            format,
            "report.fis",
        ]);
    }
    for args in commands {
        let run = fislint_to_full_device(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("error: 无法写入标准输出：磁盘空间不足（输出不完整）"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

/// Runs fislint with its standard output on a pipe whose reader takes one byte and closes it,
/// as `fislint … | head -c1` does.
fn fislint_into_closed_pipe(dir: &Path, args: &[&str]) -> Run {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("fislint exits, it is not killed"),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn a_reader_that_stops_reading_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SEED, dir.path().join("report.fis")).unwrap();
    // Each output is larger than a pipe holds (64 KiB), so the write after the close fails.
    for (args, code) in [
        (vec!["dump", "report.fis"], 0),
        (
            vec!["check", "--no-config", "--format", "sarif", "report.fis"],
            1,
        ),
    ] {
        let run = fislint_into_closed_pipe(dir.path(), &args);
        assert_eq!(run.stderr, "", "{args:?}");
        assert_eq!(run.code, code, "{args:?}: the command's own exit code");
    }
}

// Issue 15, item 9: whose file it is, where a link points, and the umask.

/// Runs fislint in `dir` after the shell commands `setup` (`umask 077`, say).
fn fislint_after(dir: &Path, setup: &str, args: &[&str]) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{setup}\nexec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    Run {
        code: out.status.code().expect("fislint exits, it is not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_target_is_refused_for_a_user_as_cp_would_refuse_it() {
    // The folder is open to the user, so only the file's own permissions can stop the write.
    let dir = common::open_tempdir();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    std::fs::copy(SEED, dir.path().join("report.fis")).unwrap();
    std::fs::write(dir.path().join("out.fis"), "只读的旧文件\n").unwrap();
    let old = "{\n  \"version\": 1,\n  \"findings\": []\n}\n";
    std::fs::write(dir.path().join("baseline.json"), old).unwrap();
    for name in ["report.txt", "report.fis"] {
        set_mode(&dir.path().join(name), 0o644);
    }
    for name in ["out.fis", "baseline.json"] {
        set_mode(&dir.path().join(name), 0o444);
    }
    let before = listing(dir.path());

    let import = ["import", "report.txt", "-o", "out.fis"];
    let out = common::fislint_unprivileged(dir.path(), "", &import);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: 无法写入 out.fis：没有写入权限（原文件未改动）"),
        "{stderr}"
    );
    assert!(!stderr.contains("已写入"), "{stderr}");
    let baseline = [
        "check",
        "--no-config",
        "--write-baseline",
        "baseline.json",
        "report.fis",
    ];
    let out = common::fislint_unprivileged(dir.path(), "", &baseline);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("error: 无法写入基线文件 baseline.json：没有写入权限（原文件未改动）"),
        "{stdout}"
    );
    assert_eq!(listing(dir.path()), before);

    // Root may write it, as it may with `cp`; the file keeps its permissions.
    if common::is_root() {
        let run = fislint_after(dir.path(), "", &import);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("已写入 out.fis"), "{}", run.stderr);
        assert_eq!(mode(&dir.path().join("out.fis")), 0o444);
    }
}

#[test]
fn a_link_is_followed_even_when_its_file_does_not_exist_yet() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::os::unix::fs::symlink("real/report.fis", dir.path().join("link.fis")).unwrap();
    let run = fislint_after(dir.path(), "", &["import", "report.txt", "-o", "link.fis"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let link = std::fs::symlink_metadata(dir.path().join("link.fis")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let written = std::fs::read_to_string(dir.path().join("real/report.fis")).unwrap();
    assert!(written.contains("\nreport 决算 {\n"), "{written}");
    // A link to an existing file: that file is replaced, the link stays.
    let run = fislint_after(dir.path(), "", &["import", "report.txt", "-o", "link.fis"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::symlink_metadata(dir.path().join("link.fis"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_new_file_takes_the_umask_and_an_old_one_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    std::fs::copy(SEED, dir.path().join("report.fis")).unwrap();
    for (umask, expected) in [("077", 0o600), ("002", 0o664), ("022", 0o644)] {
        let setup = format!("umask {umask}");
        let out = format!("new-{umask}.fis");
        let run = fislint_after(dir.path(), &setup, &["import", "report.txt", "-o", &out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(mode(&dir.path().join(&out)), expected, "umask {umask}");
        let baseline = format!("new-{umask}.json");
        let args = [
            "check",
            "--no-config",
            "--write-baseline",
            &baseline,
            "report.fis",
        ];
        let run = fislint_after(dir.path(), &setup, &args);
        assert_eq!(run.code, 0, "{}", run.stdout);
        assert_eq!(mode(&dir.path().join(&baseline)), expected, "umask {umask}");
    }
    set_mode(&dir.path().join("new-022.fis"), 0o640);
    let run = fislint_after(
        dir.path(),
        "umask 000",
        &["import", "report.txt", "-o", "new-022.fis"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(mode(&dir.path().join("new-022.fis")), 0o640);
}

// Issue 15, item 7: what `--write-baseline` may replace.

/// A pack of one rule, valid, for `--pack`.
const PACK: &str = "pack: p\ntitle: 测试\nversion: \"1\"\nrules:\n  - id: r\n    severity: error\n    title: 测试\n    summary: 测试。\n    rationale: 测试。\n    examples: { bad: 甲, good: 乙 }\n    check:\n      assert:\n        that: \"1 > 0\"\n        message: x\n";

#[test]
fn a_baseline_is_never_written_over_a_file_the_run_reads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::copy(SEED, dir.path().join("reports/a.fis")).unwrap();
    std::fs::write(dir.path().join("fislint.toml"), "fail-on = \"error\"\n").unwrap();
    std::fs::write(dir.path().join("other.toml"), "fail-on = \"error\"\n").unwrap();
    std::fs::write(dir.path().join("my.yaml"), PACK).unwrap();
    std::os::unix::fs::symlink("reports/a.fis", dir.path().join("link.fis")).unwrap();
    std::fs::hard_link(
        dir.path().join("reports/a.fis"),
        dir.path().join("hard.fis"),
    )
    .unwrap();
    let before = listing(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "check",
                "reports/a.fis",
                "--write-baseline",
                "reports/a.fis",
            ],
            "error: 基线文件 reports/a.fis 就是要检查的报告 reports/a.fis，未写入（以免覆盖报告）",
        ),
        (
            &[
                "check",
                "reports/a.fis",
                "--write-baseline",
                "./reports/a.fis",
            ],
            "就是要检查的报告 reports/a.fis",
        ),
        (
            &["check", "reports", "--write-baseline", "link.fis"],
            "error: 基线文件 link.fis 就是要检查的报告 reports/a.fis",
        ),
        (
            &["check", "./reports/", "--write-baseline", "hard.fis"],
            "error: 基线文件 hard.fis 就是要检查的报告",
        ),
        (
            &["check", "reports/a.fis", "--write-baseline", "fislint.toml"],
            "error: 基线文件 fislint.toml 是本次检查使用的配置文件，未写入（以免覆盖配置）",
        ),
        (
            &[
                "check",
                "reports/a.fis",
                "--write-baseline",
                "fislint.toml",
                "--force",
            ],
            "是本次检查使用的配置文件",
        ),
        (
            &[
                "check",
                "reports/a.fis",
                "--config",
                "other.toml",
                "--write-baseline",
                "./other.toml",
                "--force",
            ],
            "error: 基线文件 ./other.toml 是本次检查使用的配置文件",
        ),
        (
            &[
                "check",
                "reports/a.fis",
                "--pack",
                "my.yaml",
                "--write-baseline",
                "my.yaml",
                "--force",
            ],
            "error: 基线文件 my.yaml 是规则包 my.yaml，未写入（以免覆盖规则包）",
        ),
    ];
    for (args, message) in cases {
        let run = fislint_after(dir.path(), "", args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert!(run.stdout.contains(message), "{args:?}: {}", run.stdout);
        assert!(!run.stdout.contains("已写入"), "{args:?}: {}", run.stdout);
        assert_eq!(listing(dir.path()), before, "{args:?}: nothing written");
    }
}

#[test]
fn a_baseline_replaces_an_existing_file_only_if_it_is_a_baseline_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SEED, dir.path().join("a.fis")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "不是基线\n").unwrap();
    let before = listing(dir.path());
    let args = [
        "check",
        "--no-config",
        "a.fis",
        "--write-baseline",
        "notes.txt",
    ];
    let run = fislint_after(dir.path(), "", &args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "error: notes.txt 已存在，且不是基线文件，未写入（确要覆盖它，请加 --force）"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(listing(dir.path()), before);
    let run = fislint_after(dir.path(), "", &[&args[..], &["--force"]].concat());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("已写入基线 notes.txt"),
        "{}",
        run.stdout
    );
    // Now it is a baseline, and is replaced without --force; so is one that starts with a
    // byte-order mark.
    let baseline = std::fs::read_to_string(dir.path().join("notes.txt")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), format!("\u{feff}{baseline}")).unwrap();
    let run = fislint_after(dir.path(), "", &args);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        baseline
    );
    // --force only goes with --write-baseline.
    let run = fislint_after(dir.path(), "", &["check", "a.fis", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn import_with_output_dash_writes_to_standard_output_not_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SMALL_TEXT, dir.path().join("report.txt")).unwrap();
    let before = listing(dir.path());
    let run = fislint_limited(dir.path(), None, &["import", "report.txt", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\nreport 决算 {\n"), "{}", run.stdout);
    assert_eq!(listing(dir.path()), before);
}
