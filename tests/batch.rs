//! Batch checking: `fislint check DIR...` on many files, in parallel (`--jobs`). The output is
//! the same whatever the number of jobs, files come in path order, the summary counts them all
//! and says how long it took, and the exit code is the worst of the files'.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::untimed;

use std::path::Path;
use std::process::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/reports/hetang-2021.fis"
);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn fislint_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the fislint binary runs");
    Run {
        code: out.status.code().expect("fislint exits, it is not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The seed under `n` names in two folders, each with one figure changed so that every file's
/// findings differ (and an out-of-order print would show): `a/r00.fis`, `a/r01.fis`, …, `b/…`.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    for folder in ["a", "b"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
    }
    for i in 0..n {
        let folder = if i % 2 == 0 { "a" } else { "b" };
        // The 项目支出 total of table 05, a different wrong figure per file.
        let text = seed.replacen("1022.32", &format!("{}.32", 1100 + i), 1);
        std::fs::write(dir.path().join(format!("{folder}/r{i:02}.fis")), text).unwrap();
    }
    dir
}

/// The files named in the human output's `┌─ file:line:col` lines, each once, in order.
fn files_in_order(stdout: &str) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for line in stdout.lines() {
        if let Some(place) = line.trim_start().strip_prefix("┌─ ") {
            let file = place.split(':').next().unwrap().to_string();
            if files.last() != Some(&file) {
                files.push(file);
            }
        }
    }
    files
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_jobs() {
    let dir = corpus(24);
    let serial = fislint_in(dir.path(), &["check", "--no-config", "--jobs", "1", "."]);
    assert_eq!(serial.code, 1, "{}", serial.stdout);
    for jobs in ["2", "3", "8"] {
        let parallel = fislint_in(dir.path(), &["check", "--no-config", "--jobs", jobs, "."]);
        assert_eq!(parallel.code, serial.code);
        assert_eq!(
            untimed(&parallel.stdout),
            untimed(&serial.stdout),
            "--jobs {jobs}"
        );
    }
    // Without --jobs: all cores, the same output.
    let default = fislint_in(dir.path(), &["check", "--no-config", "."]);
    assert_eq!(untimed(&default.stdout), untimed(&serial.stdout));
    // The files in path order: folder a before b, names sorted within each.
    let mut expected: Vec<String> = (0..24)
        .map(|i| format!("{}/r{i:02}.fis", if i % 2 == 0 { "a" } else { "b" }))
        .collect();
    expected.sort();
    assert_eq!(files_in_order(&serial.stdout), expected);
    // Each file's own wrong figure is reported on its own file (among its findings, which are
    // in file order).
    for i in [0, 7, 23] {
        let folder = if i % 2 == 0 { "a" } else { "b" };
        let own = format!("┌─ {folder}/r{i:02}.fis");
        let blocks: Vec<&str> = serial.stdout.split("┌─ ").collect();
        let found = blocks
            .iter()
            .filter(|b| b.starts_with(&own["┌─ ".len()..]))
            .any(|b| b.contains(&format!("{}.32", 1100 + i)));
        assert!(found, "{own} lacks its own figure");
    }
}

#[test]
fn the_machine_formats_are_the_same_whatever_the_number_of_jobs() {
    let dir = corpus(12);
    for format in ["json", "sarif", "short", "github"] {
        let serial = fislint_in(
            dir.path(),
            &["check", "--no-config", "--format", format, "-j", "1", "."],
        );
        let parallel = fislint_in(
            dir.path(),
            &["check", "--no-config", "--format", format, "-j", "4", "."],
        );
        assert_eq!(serial.code, 1, "{format}");
        assert_eq!(parallel.code, 1, "{format}");
        assert_eq!(parallel.stdout, serial.stdout, "{format}");
    }
    let json = fislint_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "."],
    );
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let files: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .fold(Vec::new(), |mut files, f| {
            if files.last() != Some(&f) {
                files.push(f);
            }
            files
        });
    assert_eq!(files.len(), 12, "every file, each once: {files:?}");
    assert!(files.windows(2).all(|w| w[0] < w[1]), "{files:?}");
}

#[test]
fn the_summary_counts_every_file_and_says_how_long_it_took() {
    let dir = corpus(10);
    let one = fislint_in(dir.path(), &["check", "--no-config", "a/r00.fis"]);
    // One file: the seed's findings and the one its changed figure adds, and no timing (its output is the same every run).
    let last = one.stdout.lines().last().unwrap();
    assert_eq!(last, "已检查 1 个文件，发现 9 个错误、4 个警告、1 个提示。");

    let run = fislint_in(dir.path(), &["check", "--no-config", "-j", "2", "a", "b"]);
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("已检查 10 个文件，发现 90 个错误、40 个警告、10 个提示。用时 "),
        "{last}"
    );
    assert!(last.ends_with("个文件）。"), "{last}");
    assert_eq!(untimed(last).lines().count(), 1);
}

#[test]
fn the_exit_code_is_the_worst_of_the_files() {
    let dir = corpus(6);
    // Findings: 1.
    let run = fislint_in(dir.path(), &["check", "--no-config", "-j", "3", "."]);
    assert_eq!(run.code, 1);

    // Every finding accepted in a baseline: 0, in parallel as serially.
    let write = fislint_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-j",
            "3",
            "--write-baseline",
            "base.json",
            ".",
        ],
    );
    assert_eq!(write.code, 0, "{}", write.stdout);
    let serial_baseline = std::fs::read(dir.path().join("base.json")).unwrap();
    let again = fislint_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-j",
            "1",
            "--write-baseline",
            "base.json",
            ".",
        ],
    );
    assert_eq!(again.code, 0);
    assert_eq!(
        std::fs::read(dir.path().join("base.json")).unwrap(),
        serial_baseline
    );
    let clean = fislint_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-j",
            "3",
            "--baseline",
            "base.json",
            ".",
        ],
    );
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    assert!(
        untimed(&clean.stdout)
            .starts_with("已检查 6 个文件，未发现问题。（另有 84 个已记入基线的问题未显示）"),
        "{}",
        clean.stdout
    );

    // One broken file among them: 2, and every other file is still checked and reported.
    std::fs::write(dir.path().join("b/r03.fis"), "report 决算 {\n").unwrap();
    let run = fislint_in(dir.path(), &["check", "--no-config", "-j", "3", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(files_in_order(&run.stdout).len(), 6);
    assert!(
        untimed(&run.stdout).ends_with(
            "已检查 6 个文件，发现 45 个错误、20 个警告、5 个提示；1 个文件无法完整解析，共 5 处语法错误。\n"
        ),
        "{}",
        run.stdout
    );

    // A path that does not exist, beside ones that do: 2, the others checked.
    std::fs::write(dir.path().join("b/r03.fis"), std::fs::read(SEED).unwrap()).unwrap();
    let run = fislint_in(
        dir.path(),
        &["check", "--no-config", "-j", "3", "a", "missing", "b"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("error: 无法读取 missing：文件不存在"),
        "{}",
        run.stdout
    );
    assert!(
        untimed(&run.stdout).ends_with(
            "已检查 6 个文件，发现 53 个错误、24 个警告、6 个提示；1 个路径无法读取。\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn ignore_files_are_respected() {
    let dir = corpus(4);
    std::fs::write(dir.path().join(".ignore"), "b/\n").unwrap();
    let run = fislint_in(dir.path(), &["check", "--no-config", "."]);
    assert_eq!(files_in_order(&run.stdout), ["a/r00.fis", "a/r02.fis"]);
}

#[test]
fn zero_jobs_is_a_usage_error() {
    let dir = corpus(1);
    let run = fislint_in(dir.path(), &["check", "--jobs", "0", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--jobs"), "{}", run.stderr);
}

#[test]
fn one_file_checked_on_several_threads_prints_what_one_thread_prints() {
    // A single file gets every core (its rules, and its rendering, are shared among threads):
    // the output, in every format, is the serial one, byte for byte.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for format in ["human", "json", "sarif", "short", "github"] {
        let serial = fislint_in(dir, &["check", "--format", format, "--jobs", "1", SEED]);
        assert_eq!(serial.code, 1, "{format}: the seed has findings");
        for jobs in ["2", "3", "8"] {
            let parallel = fislint_in(dir, &["check", "--format", format, "--jobs", jobs, SEED]);
            assert_eq!(parallel.code, serial.code, "{format} --jobs {jobs}");
            assert_eq!(parallel.stdout, serial.stdout, "{format} --jobs {jobs}");
            assert_eq!(parallel.stderr, serial.stderr, "{format} --jobs {jobs}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_is_read_once_and_checked_whole() {
    // `fislint check <(…)`: a named pipe gives its bytes once. Nothing read ahead of the check
    // (to tell which pack to prepare) may take them: the findings are the regular file's.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fis");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo works here");
    let writer = {
        let fifo = fifo.clone();
        // The pipe may be closed early (that is the failure this test is for): ignore it.
        std::thread::spawn(move || {
            let _ = std::fs::write(&fifo, std::fs::read(SEED).unwrap());
        })
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(["check", "--no-config", "--format", "short", "report.fis"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A check that read the pipe's start and then waits to open it again never ends.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("fislint still waits on the pipe after 30 s: it read the pipe twice");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let piped = child.wait_with_output().unwrap();
    writer.join().unwrap();
    std::fs::remove_file(&fifo).unwrap();
    std::fs::copy(SEED, &fifo).unwrap();
    let regular = fislint_in(
        dir.path(),
        &["check", "--no-config", "--format", "short", "report.fis"],
    );
    assert_eq!(piped.status.code(), Some(1));
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), regular.stdout);
}

// Issue 15, item 18: baseline paths with `..`.

#[test]
fn a_baseline_named_with_dot_dot_from_a_subfolder_matches_its_files() {
    let dir = corpus(2);
    let a = dir.path().join("a");
    let write = fislint_in(
        &a,
        &[
            "check",
            "--no-config",
            "r00.fis",
            "--write-baseline",
            "../b.json",
        ],
    );
    assert_eq!(write.code, 0, "{}", write.stdout);
    let baseline = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert!(baseline.contains("\"file\": \"a/r00.fis\""), "{baseline}");
    let run = fislint_in(
        &a,
        &["check", "--no-config", "r00.fis", "--baseline", "../b.json"],
    );
    assert_eq!(run.code, 0, "no old finding shows: {}", run.stdout);
    assert!(
        run.stdout.contains("个已记入基线的问题未显示"),
        "{}",
        run.stdout
    );
    // The same baseline from its own folder, and from the other subfolder.
    let run = fislint_in(
        dir.path(),
        &["check", "--no-config", "a/r00.fis", "--baseline", "b.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = fislint_in(
        &dir.path().join("b"),
        &[
            "check",
            "--no-config",
            "../a/r00.fis",
            "--baseline",
            "../b.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    // A file outside the baseline's folder is reached with `..`, and matches too.
    let write = fislint_in(
        &a,
        &[
            "check",
            "--no-config",
            "../b/r01.fis",
            "--write-baseline",
            "b.json",
        ],
    );
    assert_eq!(write.code, 0, "{}", write.stdout);
    let baseline = std::fs::read_to_string(a.join("b.json")).unwrap();
    assert!(
        baseline.contains("\"file\": \"../b/r01.fis\""),
        "{baseline}"
    );
    let run = fislint_in(
        &dir.path().join("b"),
        &[
            "check",
            "--no-config",
            "r01.fis",
            "--baseline",
            "../a/b.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

// Issue 15, item 5: threads the system will not start.

#[test]
fn a_process_limit_on_threads_leaves_fewer_threads_not_a_panic() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus(6);
    for folder in [dir.path(), &dir.path().join("a"), &dir.path().join("b")] {
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let serial = fislint_in(
        dir.path(),
        &["check", "--no-config", "--format", "short", "-j", "1", "."],
    );
    assert_eq!(serial.code, 1, "{}", serial.stderr);
    // Eight processes (threads count) for the user: some of the 64 threads start; with one, the
    // process itself, none does and the main thread checks every file. Each of a batch's files,
    // and a single file's rules, on whatever threads there are.
    for limit in ["8", "1"] {
        let setup = format!("ulimit -u {limit}");
        for (args, expected) in [
            (
                &["check", "--no-config", "--format", "short", "-j", "64", "."][..],
                &serial.stdout,
            ),
            (
                &[
                    "check",
                    "--no-config",
                    "--format",
                    "short",
                    "-j",
                    "64",
                    "a/r00.fis",
                ][..],
                &fislint_in(
                    dir.path(),
                    &[
                        "check",
                        "--no-config",
                        "--format",
                        "short",
                        "-j",
                        "1",
                        "a/r00.fis",
                    ],
                )
                .stdout,
            ),
        ] {
            let out = common::fislint_unprivileged(dir.path(), &setup, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "ulimit -u {limit}: {stderr}");
            assert_eq!(
                out.status.code(),
                Some(1),
                "ulimit -u {limit} {args:?}: {stderr}"
            );
            assert_eq!(
                &String::from_utf8_lossy(&out.stdout),
                expected,
                "ulimit -u {limit}"
            );
        }
    }
}

// Issue 15, item 26d: `.gitignore` outside a git repository.

#[test]
fn gitignore_is_respected_outside_a_git_repository_too() {
    let dir = corpus(4);
    // A scratch folder is in no repository: the walk does not need one to read `.gitignore`.
    assert!(!dir.path().ancestors().any(|d| d.join(".git").exists()));
    std::fs::write(dir.path().join(".gitignore"), "b/\n").unwrap();
    let run = fislint_in(dir.path(), &["check", "--no-config", "."]);
    assert_eq!(files_in_order(&run.stdout), ["a/r00.fis", "a/r02.fis"]);
}
