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
fn the_seed_grown_tenfold_has_ten_times_the_rows_and_projects_and_no_repeated_code() {
    let seed = seed();
    let grown = generate::grown(&seed, 10);
    let report = assert_parses("seed-x10", &grown);
    let original = fislint::report::parse(&seed).report;
    let coded = |t: &fislint::report::Table| t.rows().filter(|(_, r)| r.code.is_some()).count();
    let uncoded = |t: &fislint::report::Table| t.rows().filter(|(_, r)| r.code.is_none()).count();
    for before in original.tables.iter().filter(|t| t.id.len() == 2) {
        let after = report.table(&before.id).unwrap();
        assert_eq!(coded(after), 10 * coded(before), "table {}", before.id);
        assert_eq!(
            uncoded(after),
            uncoded(before),
            "table {}: totals once",
            before.id
        );
        let mut codes: Vec<&str> = after
            .rows()
            .filter_map(|(_, r)| r.code.as_deref())
            .collect();
        let all = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all, "table {}: a code repeated", before.id);
        // Every copied code keeps its 类 (its 3-digit prefix) in the table.
        for code in &codes {
            assert!(codes.binary_search(&&code[..3]).is_ok() || code.len() == 3);
        }
    }
    let attachments =
        |r: &fislint::report::Report| r.tables.iter().filter(|t| t.id.len() > 2).count();
    assert_eq!(attachments(&report), 10 * attachments(&original));
    let paragraphs =
        |r: &fislint::report::Report| r.sections.iter().map(|s| s.paragraphs.len()).sum::<usize>();
    assert_eq!(paragraphs(&report), 10 * paragraphs(&original));
}
