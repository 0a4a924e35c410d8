//! The importer on the seed's own text (read from `../shared/reports/`, which a clone of the
//! project does not have: the tests say so and pass). Importing the text and checking it gives
//! the findings that checking the hand-checked fixture gives, each shown on the text's own lines,
//! on the same figures and words.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::engine::{check, Finding};
use fislint::import::import;
use fislint::report::parse;

fn shared(name: &str) -> Option<String> {
    let path = format!("{}/../shared/reports/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {path} is absent (the shared reports are not part of a clone)"
            );
            None
        }
    }
}

fn findings(source: &str) -> Vec<Finding> {
    let parsed = parse(source);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let region = &parsed.report.header.as_ref().unwrap().region;
    let pack = fislint::pack::pack_for_region(region).unwrap_or("national");
    let rules = fislint::precompiled::rules(pack).unwrap();
    check(&parsed.report, &rules)
}

/// Text without its spaces, for comparing what a span covers in the text (`1, 022. 32`) and in
/// the fixture (`1,022.32`).
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn checking_the_seeds_text_finds_what_checking_the_fixture_finds_on_the_texts_lines() {
    let Some(text) = shared("000_1f0f530592110c3b.txt") else {
        return;
    };
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    let imported = import(&text);
    let ours = findings(&imported.source);
    let theirs = findings(&fixture);
    assert_eq!(ours.len(), theirs.len());
    assert!(ours.len() > 10, "the seed has its errors: {}", ours.len());
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(
            (&o.rule, &o.message, o.severity, o.rounding),
            (&t.rule, &t.message, t.severity, t.rounding)
        );
        let spans = |f: &Finding| {
            std::iter::once(&f.primary)
                .chain(&f.secondary)
                .map(|(s, label)| (s.clone(), label.clone()))
                .collect::<Vec<_>>()
        };
        for ((os, ol), (ts, tl)) in spans(o).into_iter().zip(spans(t)) {
            assert_eq!(ol, tl, "{}", o.rule);
            let at = imported.text_span(os, &text);
            let (shown, meant) = (squeezed(&text[at.clone()]), squeezed(&fixture[ts]));
            // A cell the text prints blank is shown as its row; a header line the importer
            // wrote, as the text line it came from. Everything else is the same words.
            assert!(
                shown == meant || meant == "-" || meant == "^" || shown.contains(&meant),
                "{}: the text shows {shown:?} (line {}) where the fixture has {meant:?}",
                o.rule,
                text[..at.start].matches('\n').count() + 1
            );
        }
    }
}

/// The Shanghai report (`pdftotext -layout` text) imports without a warning, and its tables,
/// which the department published consistent, break none of the national pack's identities:
/// a figure put in the wrong column or row by the importer would break one.
#[test]
fn the_shanghai_reports_tables_import_consistent() {
    let Some(text) = shared("shanghai-putuo-shehuigongzuobu-2024.txt") else {
        return;
    };
    let imported = import(&text);
    assert_eq!(imported.form, fislint::import::Form::Layout);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let broken: Vec<String> = findings(&imported.source)
        .into_iter()
        .filter(|f| f.rule.starts_with('t') && f.severity == fislint::diagnostics::Severity::Error)
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    // The table identities ran: the tables are there, with figures.
    let parsed = parse(&imported.source);
    let ids: Vec<&str> = parsed.report.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["01", "02", "03", "04", "05", "06", "07", "08", "09"]);
    let t05 = parsed.report.table("05").unwrap();
    assert!(!t05.has_no_data());
}

/// The template (XX placeholders, no figures) imports with all nine tables and no syntax error.
#[test]
fn the_shanghai_template_imports_whole() {
    let Some(text) = shared("shanghai-template-2024.txt") else {
        return;
    };
    let imported = import(&text);
    let parsed = parse(&imported.source);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.report.tables.len(), 9);
}
