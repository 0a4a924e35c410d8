//! What each rule of an embedded pack costs on a report: a profiling aid for pack authors.
//!
//! ```sh
//! cargo run --release --example rule_cost -- fixtures/reports/hetang-2021.fis hunan
//! ```
//!
//! Runs each rule alone on the report, many times, and prints the slowest with their mean time.
//! Wall-clock figures on a shared machine are noisy: use it to find the outliers, and callgrind
//! or the benches (`cargo bench`) to measure.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "fixtures/reports/hetang-2021.fis".into());
    let pack = args.next().unwrap_or_else(|| "national".into());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (_, parsed) = fislint::report::parse_bytes(&bytes);
    let rules = fislint::precompiled::rules(&pack)
        .unwrap_or_else(|| panic!("`{pack}` is not an embedded pack compiled at build time"));
    const RUNS: u32 = 50;
    let mut costs: Vec<(u128, &str)> = rules
        .iter()
        .map(|rule| {
            let start = Instant::now();
            for _ in 0..RUNS {
                std::hint::black_box(fislint::engine::check(
                    &parsed.report,
                    std::slice::from_ref(rule),
                ));
            }
            (
                start.elapsed().as_micros() / u128::from(RUNS),
                rule.id.as_str(),
            )
        })
        .collect();
    costs.sort_by(|a, b| b.cmp(a));
    let total: u128 = costs.iter().map(|(c, _)| c).sum();
    let mut out = String::new();
    for (cost, id) in costs.iter().take(15) {
        out.push_str(&format!("{cost:>7} µs  {id}\n"));
    }
    out.push_str(&format!(
        "{total:>7} µs  all {} rules, one by one\n",
        costs.len()
    ));
    // The pack as the engine runs it, and twice over: adding rules adds their own cost only.
    let twice: Vec<_> = rules.iter().chain(rules.iter()).cloned().collect();
    for (what, set) in [("the pack", &rules[..]), ("the pack twice", &twice[..])] {
        let start = Instant::now();
        for _ in 0..RUNS {
            std::hint::black_box(fislint::engine::check(&parsed.report, set));
        }
        let cost = start.elapsed().as_micros() / u128::from(RUNS);
        out.push_str(&format!("{cost:>7} µs  {what} ({} rules)\n", set.len()));
    }
    std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes()).expect("stdout");
}
