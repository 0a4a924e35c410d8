//! Which rules of an embedded pack a report gives something to check: for each rule, whether it
//! was evaluated, or skipped and why (a table it names is missing, unread or empty; none of its
//! sentences is in the prose), and what it found. For pack authors and for measuring a pack on
//! real reports.
//!
//! ```sh
//! cargo run --example rule_coverage -- ../shared/reports/pdf/budget-2026-shanghai-putuo-sifaju.pdf budget-shanghai
//! ```
//!
//! A rule counts as evaluated when every table it names is there with figures and, for a claim,
//! when at least one of its sentences is in the prose it searches. Its findings are counted as
//! errors and warnings, and as "not checkable" notices (a row or column missing, an uncertain
//! cell) apart.

// Measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::print_stdout)]

use fislint::engine::{self, Check};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a report: .fis, .txt or .pdf");
    let pack = args.next().unwrap_or_else(|| "budget-shanghai".into());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let source = if path.ends_with(".fis") {
        String::from_utf8(bytes).unwrap()
    } else {
        let kind = if path.ends_with(".pdf") {
            fislint::lint::Kind::Pdf
        } else {
            fislint::lint::Kind::Text
        };
        let read = fislint::lint::read_input(kind, &bytes);
        read.imported.expect("the report imports").0.source
    };
    let parsed = fislint::report::parse(&source);
    let report = &parsed.report;
    let rules = fislint::precompiled::rules(&pack)
        .unwrap_or_else(|| panic!("`{pack}` is not an embedded pack compiled at build time"));
    for rule in rules.iter() {
        // An empty 08 or 09 (no 政府性基金, no 国有资本经营) is a figure of 0 beside other
        // tables, which is checked; alone, or any other table empty, there is nothing to check.
        let alone = rule.tables.len() == 1;
        let skipped = rule.tables.iter().find_map(|id| match report.table(id) {
            None => Some(format!("表{id}缺失")),
            Some(t) if t.unread.is_some() => Some(format!("表{id}未读出")),
            Some(t) if t.has_no_data() && (alone || !["08", "09"].contains(&id.as_str())) => {
                Some(format!("表{id}无数据"))
            }
            Some(_) => None,
        });
        let skipped = skipped.or_else(|| match &rule.check {
            Check::Claim(claim) => {
                let prose = report.prose(&claim.sections);
                let matched = prose.iter().any(|p| {
                    claim
                        .patterns
                        .iter()
                        .any(|pat| !pat.find_all(&p.text).is_empty())
                });
                (!matched).then(|| "正文中没有此类句子".to_string())
            }
            _ => None,
        });
        let found: Vec<_> = engine::check(report, std::slice::from_ref(rule))
            .into_iter()
            .filter(|f| f.rule == rule.id)
            .collect();
        let notices = found
            .iter()
            .filter(|f| f.message.starts_with("无法检查") || !f.unchecked.is_empty())
            .count();
        let real = found.iter().filter(|f| !f.rounding).count() - notices;
        match skipped {
            Some(why) => println!("{}\tskipped\t{why}\t{real}\t{notices}", rule.id),
            None => println!("{}\tevaluated\t\t{real}\t{notices}", rule.id),
        }
    }
}
