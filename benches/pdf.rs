//! Reading PDFs: the glyph stage alone (`read_pages`), the whole import (`read_pdf`: glyphs,
//! lines, layout reader, `.fis`), and `lint::lint` on the PDF with the national pack (PDF to
//! findings), on the shared 决算 and 预算 PDFs when `../shared/reports/pdf/` is there, else on
//! a synthetic PDF of the project's own; and `read_pdf` on each hostile PDF of
//! `tests/common/hostile.rs` (group `hostile`: refused by its budget, or read as far as it
//! goes), and on the largest each budget lets through. Run with `cargo bench --bench pdf`,
//! `cargo bench --bench pdf -- hostile` for the hostile ones alone.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(missing_docs)] // criterion_group! generates undocumented functions

#[path = "../tests/common/pdf_writer.rs"]
#[allow(dead_code)]
mod pdf_writer;
// It reaches the writer as `super::pdf_writer`.
#[path = "../tests/common/hostile.rs"]
#[allow(dead_code)]
mod hostile;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fislint::lint::{lint, Kind, Options};

/// The PDFs to read: the shared ones present, else one synthetic page of a table.
fn pdfs() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reports/pdf/");
    let mut out = Vec::new();
    for (name, file) in [
        (
            "final-shehuigongzuobu",
            "final-2024-shanghai-putuo-shehuigongzuobu.pdf",
        ),
        ("final-template", "final-template-shanghai-2024.pdf"),
        ("budget-sifaju", "budget-2026-shanghai-putuo-sifaju.pdf"),
    ] {
        if let Ok(bytes) = std::fs::read(format!("{dir}{file}")) {
            out.push((name.to_string(), bytes));
        }
    }
    if out.is_empty() {
        let mut pdf = pdf_writer::Pdf::new();
        let page = pdf.a4_page();
        page.text(180.0, 770.0, 12.0, "一般公共预算财政拨款支出决算表");
        for i in 0..40 {
            let y = 740.0 - 16.0 * i as f32;
            page.text(60.0, y, 10.0, "2010101");
            page.text(140.0, y, 10.0, "行政运行");
            page.text_right(330.0, y, 10.0, "1,234.56");
        }
        out.push(("synthetic".to_string(), pdf.finish()));
    }
    out
}

fn pdf(c: &mut Criterion) {
    let rules = fislint::precompiled::rules("national").unwrap();
    let mut group = c.benchmark_group("pdf");
    for (name, bytes) in pdfs() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("glyphs/{name}"), |b| {
            b.iter(|| fislint::import::pdf::read_pages(&bytes).unwrap())
        });
        group.bench_function(format!("import/{name}"), |b| {
            b.iter(|| fislint::import::pdf::read_pdf(&bytes).unwrap())
        });
        group.bench_function(format!("findings/{name}"), |b| {
            b.iter(|| {
                lint(
                    Kind::Pdf,
                    &bytes,
                    &mut rules.as_slice(),
                    &Options::default(),
                )
            })
        });
    }
    group.finish();
}

/// Each hostile PDF end to end through `read_pdf`: the time to refuse it, or to read it.
fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    // Some take most of a second at the budgets' edges: ten samples are enough to tell.
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(3));
    let mut inputs = hostile::all();
    inputs.extend(hostile::at_budgets());
    for h in inputs {
        group.bench_function(h.name, |b| {
            b.iter(|| fislint::import::pdf::read_pdf(&h.pdf).map(|r| r.pages))
        });
    }
    group.finish();
}

criterion_group!(benches, pdf, hostile);
criterion_main!(benches);
