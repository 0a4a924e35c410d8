//! The whole pipeline: linting the seed (parse and check in process) and its text form, each
//! output format rendered for the seed's findings, the engine on the seed grown 10× and 100×
//! (throughput per byte: the same throughput at every size is a cost linear in size), and the
//! release binary run on the seed as a user runs it. Run with `cargo bench --bench pipeline`.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::hint::black_box;
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fislint::diagnostics::{
    render_github, render_human, render_json, render_sarif, render_short, FileDiagnostics,
    HumanOptions, RuleInfo, Tool,
};
use fislint::engine::Rule;
use fislint::lint::{self, Kind, Options};

#[allow(dead_code)] // the bench uses `grown` and the seed's path only
#[path = "../examples/corpus/generate.rs"]
mod generate;

fn seed() -> Vec<u8> {
    std::fs::read(generate::SEED_PATH).unwrap()
}

/// The rules `check` gives the seed: its 地区's embedded pack.
fn rules_for(bytes: &[u8]) -> Vec<Rule> {
    let (_, parsed) = fislint::report::parse_bytes(bytes);
    let region = parsed.report.header.unwrap().region;
    let pack = fislint::pack::pack_for_region(&region).unwrap_or("national");
    fislint::precompiled::rules(pack).unwrap()
}

/// The seed's text form when `../shared/reports/` has it, else the project's small text.
fn text_form() -> (&'static str, Vec<u8>) {
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reports/000_1f0f530592110c3b.txt"
    );
    match std::fs::read(shared) {
        Ok(bytes) => ("seed-text", bytes),
        Err(_) => {
            let small = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/import/tabbed-small.txt"
            );
            ("tabbed-small-text", std::fs::read(small).unwrap())
        }
    }
}

/// `lint::lint` on the seed and on its text form, rules decoded once beforehand.
fn lint(c: &mut Criterion) {
    let bytes = seed();
    let rules = rules_for(&bytes);
    let options = Options::default();
    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("seed", |b| {
        b.iter(|| {
            lint::lint(
                Kind::Fis,
                black_box(&bytes),
                &mut rules.as_slice(),
                &options,
            )
        })
    });
    let (name, text) = text_form();
    let linted = lint::lint(Kind::Text, &text, &mut rules.as_slice(), &options);
    assert!(linted.checked, "{name} is imported and checked");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            lint::lint(
                Kind::Text,
                black_box(&text),
                &mut rules.as_slice(),
                &options,
            )
        })
    });
    group.finish();
}

/// Each output format for the seed's findings.
fn render(c: &mut Criterion) {
    let bytes = seed();
    let rules = rules_for(&bytes);
    let linted = lint::lint(
        Kind::Fis,
        &bytes,
        &mut rules.as_slice(),
        &Options::default(),
    );
    assert!(!linted.diagnostics.is_empty(), "the seed has findings");
    let name = "fixtures/reports/hetang-2021.fis";
    let files = [FileDiagnostics {
        name,
        source: &linted.text,
        diagnostics: &linted.diagnostics,
        pages: None,
    }];
    let infos: Vec<RuleInfo> = rules
        .iter()
        .map(|r| RuleInfo {
            id: r.id.clone(),
            title: r.title.clone(),
            summary: None,
            rationale: r.rationale.clone(),
            severity: r.severity,
        })
        .collect();
    let tool = Tool {
        name: "fislint",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: None,
    };
    let mut group = c.benchmark_group("render");
    group.bench_function("human", |b| {
        b.iter(|| {
            render_human(
                name,
                &linted.text,
                black_box(&linted.diagnostics),
                HumanOptions::default(),
            )
        })
    });
    group.bench_function("json", |b| b.iter(|| render_json(black_box(&files))));
    group.bench_function("short", |b| b.iter(|| render_short(black_box(&files))));
    group.bench_function("github", |b| b.iter(|| render_github(black_box(&files))));
    group.bench_function("sarif", |b| {
        b.iter(|| render_sarif(black_box(&files), &infos, tool))
    });
    group.finish();
}

/// Parse and check of the seed, ×10 and ×100 (`generate::grown`: n times the coded rows, the
/// projects and the paragraphs): the same time per byte if the cost is linear.
fn scaling(c: &mut Criterion) {
    let seed = String::from_utf8(seed()).unwrap();
    let rules = rules_for(seed.as_bytes());
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for n in [1, 10, 100] {
        let text = generate::grown(&seed, n);
        let (_, parsed) = fislint::report::parse_bytes(text.as_bytes());
        assert!(parsed.errors.is_empty(), "seed-x{n} parses cleanly");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("engine/seed-x{n}"), |b| {
            b.iter(|| fislint::engine::check(black_box(&parsed.report), &rules))
        });
        group.bench_function(format!("lint/seed-x{n}"), |b| {
            b.iter(|| {
                lint::lint(
                    Kind::Fis,
                    black_box(text.as_bytes()),
                    &mut rules.as_slice(),
                    &Options::default(),
                )
            })
        });
    }
    group.finish();
}

/// `fislint check --no-config` on the seed: the release binary started as a user starts it.
fn command(c: &mut Criterion) {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_fislint"))
            .args(["check", "--no-config", generate::SEED_PATH])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
    };
    // Exit 1: the seed has findings (0 would mean no rule ran, 2 an error).
    assert_eq!(run().code(), Some(1));
    c.bench_function("command/check-seed", |b| b.iter(run));
}

criterion_group!(benches, lint, render, scaling, command);
criterion_main!(benches);
