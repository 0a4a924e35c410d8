//! Helpers shared by the integration tests (each test file that needs them says `mod common;`).

// Each test binary uses some of these, not all.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod hostile;
pub mod pdf_writer;
pub mod synthetic;
pub mod synthetic_attachments;
pub mod synthetic_budget;
pub mod synthetic_tables;

use std::path::Path;

/// The output without the time a batch took (`用时 0.05 秒（每秒 40 个文件）。`), which
/// differs from run to run; the test fails if the summary does not say it.
pub fn untimed(stdout: &str) -> String {
    let at = stdout
        .rfind("用时 ")
        .expect("a batch's summary says how long it took");
    let rest = &stdout[at..];
    let end = rest
        .find("个文件）。")
        .expect("and how many files per second")
        + "个文件）。".len();
    format!("{}{}", &stdout[..at], &rest[end..])
}

/// Every file under a folder with its bytes.
pub fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Whether the tests run as root (where permissions and process limits do not bind).
pub fn is_root() -> bool {
    let out = std::process::Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// A copy of the fislint binary in a folder every user can read, so that it runs after
/// privileges are dropped wherever the build is.
fn public_binary() -> &'static Path {
    static COPY: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::OnceLock::new();
    let (_, path) = COPY.get_or_init(|| {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = dir.path().join("fislint");
        std::fs::copy(env!("CARGO_BIN_EXE_fislint"), &path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        (dir, path)
    });
    path
}

/// Runs fislint in `dir` as an ordinary user, after the bash commands `setup` (`ulimit -u 8`,
/// say, which sh may not know): as uid 65534 through `setpriv` when the tests run as root, so that file permissions and
/// process limits bind as they do for users; as the current user otherwise. `dir` and what the
/// command reads must be open to that user.
pub fn fislint_unprivileged(dir: &Path, setup: &str, args: &[&str]) -> std::process::Output {
    let script = format!("{setup}\nexec \"$0\" \"$@\"");
    let mut command = if is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "bash",
            "-c",
        ]);
        c
    } else {
        let mut c = std::process::Command::new("bash");
        c.arg("-c");
        c
    };
    command
        .arg(script)
        .arg(public_binary())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv and sh run")
}

/// A scratch folder open to every user (tempfile's are the owner's only).
pub fn open_tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

/// Runs `fislint ARGS` in `dir`: its exit code and everything it printed (standard output, then
/// standard error). Fails the test on a panic or a stack overflow, which no input may cause.
pub fn fislint_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fislint"))
        .args(args)
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
    assert!(!all.contains("overflowed its stack"), "{all}");
    (out.status.code().unwrap_or(-1), all)
}
