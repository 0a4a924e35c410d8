//! The corpus generator (`examples/corpus.rs`): what it makes parses, varies, and is the same for
//! the same seed.

// Test code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../examples/corpus/generate.rs"]
mod generate;

fn seed() -> String {
    std::fs::read_to_string(generate::SEED_PATH).unwrap()
}

fn assert_parses(name: &str, text: &str) -> fislint::report::Report {
    let (_, parsed) = fislint::report::parse_bytes(text.as_bytes());
    assert!(
        parsed.errors.is_empty(),
        "{name} has {} syntax errors, the first: {:?}",
        parsed.errors.len(),
        parsed.errors.first()
    );
    parsed.report
}

#[test]
fn twenty_variants_parse_and_differ() {
    let seed = seed();
    let base = generate::Seed::new(&seed).unwrap();
    let mut texts = std::collections::BTreeSet::new();
    let mut departments = std::collections::BTreeSet::new();
    for i in 1..=20 {
        let text = base.variant(1, i);
        assert_ne!(text, seed, "variant {i} is the seed");
        let report = assert_parses(&format!("variant {i}"), &text);
        assert_eq!(report.tables.len(), 12, "variant {i} keeps every table");
        departments.insert(report.header.unwrap().department);
        texts.insert(text);
    }
    assert_eq!(texts.len(), 20, "twenty different reports");
    assert!(departments.len() > 3, "departments vary: {departments:?}");
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let seed = seed();
    let base = generate::Seed::new(&seed).unwrap();
    assert_eq!(base.variant(7, 3), base.variant(7, 3));
    assert_ne!(base.variant(7, 3), base.variant(8, 3));
}

#[test]
fn amounts_are_scaled_and_rows_only_leaves_dropped() {
    let seed = seed();
    let original = fislint::report::parse(&seed).report;
    let base = generate::Seed::new(&seed).unwrap();
    for i in 1..=20 {
        let report = assert_parses("variant", &base.variant(1, i));
        for (table, before) in report.tables.iter().zip(&original.tables) {
            for (part, was) in table.parts.iter().zip(&before.parts) {
                let codes: Vec<&str> = part.rows.iter().filter_map(|r| r.code.as_deref()).collect();
                // Every row left keeps its parent: a code's prefixes in the seed are still there.
                for code in &codes {
                    for parent in was.rows.iter().filter_map(|r| r.code.as_deref()) {
                        if code.len() > parent.len() && code.starts_with(parent) {
                            assert!(codes.contains(&parent), "{code} lost its parent {parent}");
                        }
                    }
                }
            }
        }
    }
    // The seed's 合计 of table 05, 1,022.32, is scaled: written with two decimals and grouped.
    let total = |r: &fislint::report::Report| {
        let t = r.table("05").unwrap();
        t.parts[0].rows[0].cells[2].amount().unwrap().clone()
    };
    let scaled = total(&assert_parses("variant", &base.variant(1, 1)));
    assert_eq!(scaled.decimals, 2);
    assert_ne!(scaled.value, total(&original).value);
}

#[test]
fn the_seed_grown_tenfold_parses() {
    let seed = seed();
    let grown = generate::grown(&seed, 10);
    assert!(
        grown.len() > 7 * seed.len(),
        "rows and paragraphs are most of the seed"
    );
    let report = assert_parses("seed-x10", &grown);
    let rows = |r: &fislint::report::Report| r.table("06").unwrap().parts[0].rows.len();
    assert_eq!(
        rows(&report),
        10 * rows(&fislint::report::parse(&seed).report)
    );
}
