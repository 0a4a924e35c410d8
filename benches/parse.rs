//! Parsing speed: the seed report, and the seed grown tenfold (rows and paragraphs repeated), to
//! show the cost is linear in size. Run with `cargo bench --bench parse`.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[allow(dead_code)] // the bench uses `grown` and the seed's path only
#[path = "../examples/corpus/generate.rs"]
mod generate;

fn seed() -> Vec<u8> {
    std::fs::read(generate::SEED_PATH).unwrap()
}

/// The seed with every table row and every paragraph written `n` times.
fn grown(n: usize) -> Vec<u8> {
    generate::grown(&String::from_utf8(seed()).unwrap(), n).into_bytes()
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, bytes) in [("seed", seed()), ("seed-x10", grown(10))] {
        let (_, parsed) = fislint::report::parse_bytes(&bytes);
        assert!(
            parsed.errors.is_empty(),
            "{name} parses cleanly: {:?}",
            parsed.errors.first()
        );
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| fislint::report::parse_bytes(std::hint::black_box(&bytes)))
        });
    }
    group.finish();
    let bytes = seed();
    let (text, parsed) = fislint::report::parse_bytes(&bytes);
    c.bench_function("dump-json/seed", |b| {
        b.iter(|| fislint::report::to_json(&parsed.report, &text))
    });
}

criterion_group!(benches, parse, rules);
criterion_main!(benches);

/// Loading and compiling a pack, and running its rules on the seed.
fn rules(c: &mut Criterion) {
    use fislint::pack::{self, PackRef, PackSource};
    struct Disk;
    impl PackSource for Disk {
        fn embedded(&self, name: &str) -> Option<&str> {
            pack::embedded(name)
        }
        fn read(&self, path: &std::path::Path) -> std::io::Result<String> {
            std::fs::read_to_string(path)
        }
    }
    let demo = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/packs/demo.yaml"
    ));
    c.bench_function("pack/load+compile-demo", |b| {
        b.iter(|| pack::compile(&pack::load(PackRef::File(demo.clone()), &Disk).unwrap()).unwrap())
    });
    let rules = pack::compile(&pack::load(PackRef::File(demo.clone()), &Disk).unwrap()).unwrap();
    let bytes = seed();
    let (_, parsed) = fislint::report::parse_bytes(&bytes);
    c.bench_function("engine/check-seed-demo", |b| {
        b.iter(|| fislint::engine::check(&parsed.report, &rules))
    });
    // The national pack: read from YAML and compiled, as a user's pack is; and as `check` gets
    // it, compiled at build time.
    let national = || PackRef::Embedded("national".into());
    c.bench_function("pack/load+compile-national", |b| {
        b.iter(|| pack::compile(&pack::load(national(), &Disk).unwrap()).unwrap())
    });
    c.bench_function("pack/precompiled-national", |b| {
        b.iter(|| fislint::precompiled::rules("national").unwrap())
    });
    let rules = fislint::precompiled::rules("national").unwrap();
    c.bench_function("engine/check-seed-national", |b| {
        b.iter(|| fislint::engine::check(&parsed.report, &rules))
    });
}
