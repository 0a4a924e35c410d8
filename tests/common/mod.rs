//! Helpers shared by the integration tests (each test file that needs them says `mod common;`).

// Each test binary uses some of these, not all.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

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
