//! Writes every hostile PDF of the reader's tests (`tests/common/hostile.rs`), and the largest
//! each budget lets through (`at_budgets`), into a folder,
//! for measuring what reading each costs (`/usr/bin/time -v fislint check F`, BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release --example hostile_pdfs -- OUT_DIR   # OUT_DIR/kids-cycle.pdf …
//! ```

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The modules as the tests compile them; hostile reaches the writer as `super::pdf_writer`.
#[path = "../tests/common/hostile.rs"]
#[allow(dead_code)]
mod hostile;
#[path = "../tests/common/pdf_writer.rs"]
#[allow(dead_code)]
mod pdf_writer;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        let _ = writeln!(std::io::stderr(), "usage: hostile_pdfs OUT_DIR");
        return ExitCode::from(2);
    };
    std::fs::create_dir_all(&out).unwrap();
    let mut all = hostile::all();
    all.extend(hostile::at_budgets());
    for h in &all {
        std::fs::write(out.join(format!("{}.pdf", h.name)), &h.pdf).unwrap();
    }
    let _ = writeln!(
        std::io::stderr(),
        "{} PDFs written to {}",
        all.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
