//! Writes every synthetic PDF of the reader's tests (`tests/common/synthetic.rs`, the
//! attachment tables of `tests/common/synthetic_attachments.rs`, and the 部门预算 of
//! `tests/common/synthetic_budget.rs`, clean and faulty) into a folder, for fuzz seeds and for
//! trying the PDF reader by hand.
//!
//! ```sh
//! cargo run --example synthetic_pdfs -- OUT_DIR   # OUT_DIR/a-codes-joined.pdf …
//! ```

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The modules as the tests compile them; they reach each other as `super::…`.
#[path = "../tests/common/pdf_writer.rs"]
#[allow(dead_code)]
mod pdf_writer;
#[path = "../tests/common/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;
#[path = "../tests/common/synthetic_tables.rs"]
mod synthetic_tables;
// The attachment tables (layout m), not among `synthetic::all()`: what they hold is read as
// parts (`tests/pdf_attachments.rs`), not as `Expected` tables.
#[path = "../tests/common/synthetic_attachments.rs"]
#[allow(dead_code)]
mod synthetic_attachments;
// A whole 部门预算 (layout b), read by `tests/pdf_budget.rs`.
#[path = "../tests/common/synthetic_budget.rs"]
#[allow(dead_code)]
mod synthetic_budget;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        let _ = writeln!(std::io::stderr(), "usage: synthetic_pdfs OUT_DIR");
        return ExitCode::from(2);
    };
    std::fs::create_dir_all(&out).unwrap();
    let all = synthetic::all();
    for s in &all {
        std::fs::write(out.join(format!("{}.pdf", s.name)), &s.pdf).unwrap();
    }
    let attachments = synthetic_attachments::self_evaluation();
    std::fs::write(
        out.join(format!("{}.pdf", attachments.name)),
        &attachments.pdf,
    )
    .unwrap();
    for faulty in [false, true] {
        let b = synthetic_budget::budget(faulty);
        std::fs::write(out.join(format!("{}.pdf", b.name)), &b.pdf).unwrap();
    }
    let _ = writeln!(
        std::io::stderr(),
        "{} PDFs written to {}",
        all.len() + 3,
        out.display()
    );
    ExitCode::SUCCESS
}
