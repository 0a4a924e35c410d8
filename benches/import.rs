//! Importing extracted text: the seed's text (and the Shanghai `pdftotext -layout` texts) from
//! `../shared/reports/` when it is there, else the project's small invented text; and the seed's
//! text three times over, a report of some 60 pages. Run with `cargo bench --bench import`.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The texts to import: the shared reports that are present, else the small fixture.
fn texts() -> Vec<(String, Vec<u8>)> {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reports/");
    let mut out = Vec::new();
    for (name, file) in [
        ("seed", "000_1f0f530592110c3b.txt"),
        ("shanghai-putuo", "shanghai-putuo-shehuigongzuobu-2024.txt"),
        ("shanghai-template", "shanghai-template-2024.txt"),
    ] {
        if let Ok(bytes) = std::fs::read(format!("{shared}{file}")) {
            out.push((name.to_string(), bytes));
        }
    }
    if let Some((_, seed)) = out.iter().find(|(n, _)| n == "seed") {
        let thrice = [seed.as_slice(), b"\n", seed, b"\n", seed].concat();
        out.push(("seed-x3".to_string(), thrice));
    }
    if out.is_empty() {
        let small = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/import/tabbed-small.txt"
        );
        out.push(("small".to_string(), std::fs::read(small).unwrap()));
    }
    out
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    for (name, bytes) in texts() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(&name, |b| {
            b.iter(|| {
                let text = fislint::import::decode(std::hint::black_box(&bytes)).unwrap();
                fislint::import::import(&text.text)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
