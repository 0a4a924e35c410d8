//! A corpus of realistic reports for measuring batch checking, made from the seed report.
//!
//! ```sh
//! cargo run --release --example corpus -- OUT_DIR N [--seed S]   # OUT_DIR/report-0001.fis …
//! cargo run --release --example corpus -- OUT_DIR --large 10     # OUT_DIR/seed-x10.fis
//! ```
//!
//! The first form writes N variants of `fixtures/reports/hetang-2021.fis` (amounts scaled and a
//! few jittered, leaf rows dropped, department and 说明 paragraphs varied; see
//! `corpus/generate.rs`), the same for the same seed S (default 1). The second writes the seed
//! with every table row and paragraph written K times. Every report written is parsed first and
//! must have no syntax error (exit 1 otherwise); rule findings are expected. Prints one line to
//! standard error: the files and bytes written.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "corpus/generate.rs"]
mod generate;

const USAGE: &str = "usage: corpus OUT_DIR N [--seed S] | corpus OUT_DIR --large K";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(summary) => {
            let _ = writeln!(std::io::stderr(), "{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Does what the arguments ask; the summary line, or what went wrong.
fn run(args: Vec<String>) -> Result<String, String> {
    let [out, rest @ ..] = args.as_slice() else {
        return Err(USAGE.into());
    };
    let out = PathBuf::from(out);
    let number = |s: &String| {
        s.parse::<u64>()
            .map_err(|_| format!("not a number: {s}\n{USAGE}"))
    };
    let seed_text = std::fs::read_to_string(generate::SEED_PATH)
        .map_err(|e| format!("{}: {e}", generate::SEED_PATH))?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut bytes = 0;
    let files = match rest {
        [flag, k] if flag == "--large" => {
            let k = number(k)? as usize;
            bytes += write_checked(
                &out.join(format!("seed-x{k}.fis")),
                &generate::grown(&seed_text, k),
            )?;
            1
        }
        [n, more @ ..] => {
            let n = number(n)?;
            let seed = match more {
                [] => 1,
                [flag, s] if flag == "--seed" => number(s)?,
                _ => return Err(USAGE.into()),
            };
            let base = generate::Seed::new(&seed_text)?;
            for i in 1..=n {
                let path = out.join(format!("report-{i:04}.fis"));
                bytes += write_checked(&path, &base.variant(seed, i))?;
            }
            n
        }
        [] => return Err(USAGE.into()),
    };
    Ok(format!(
        "corpus: wrote {files} files, {bytes} bytes, to {}",
        out.display()
    ))
}

/// Writes `text` to `path` if it parses without a syntax error; the bytes written.
fn write_checked(path: &Path, text: &str) -> Result<u64, String> {
    let (_, parsed) = fislint::report::parse_bytes(text.as_bytes());
    if let Some(e) = parsed.errors.first() {
        return Err(format!(
            "{} would not parse ({} errors), the first: {e:?}",
            path.display(),
            parsed.errors.len()
        ));
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text.len() as u64)
}
