//! Properties that must hold for every input, not just the examples: the tolerance rule's algebra
//! (domain.md §5) and tables written as `.fis` by the importer reading back as written. Run by
//! `cargo test` for a bounded number of generated cases (proptest, stable toolchain).

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::import::{code_table_source, CodeRow, CodeTable, RawTable};
use fislint::measure::{Agreement, Measure};
use fislint::report::{parse, CellValue};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A figure as published: up to 9 integer digits, 0–4 decimals, either sign.
fn figure() -> impl Strategy<Value = (Decimal, u32)> {
    (-999_999_999_i64..=999_999_999, 0u32..=4).prop_map(|(n, d)| (Decimal::new(n, d), d))
}

fn written((v, d): (Decimal, u32)) -> Measure {
    Measure::written(v, d)
}

proptest! {
    // A fixed seed: CI runs the same cases every time; a failure found is reproducible.
    #![proptest_config(ProptestConfig {
        cases: 300,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x2021_0fed),
        ..ProptestConfig::default()
    })]

    /// Whether two figures' intervals overlap does not depend on which is named first.
    #[test]
    fn overlap_is_symmetric(a in figure(), b in figure()) {
        prop_assert_eq!(written(a).overlaps(&written(b)), written(b).overlaps(&written(a)));
    }

    /// A figure agrees exactly with itself, however many decimals it is written with.
    #[test]
    fn a_figure_agrees_exactly_with_itself(a in figure()) {
        prop_assert_eq!(Measure::agreement(&written(a), &written(a)), Agreement::Exact);
    }

    /// Monotonic in decimals: the same value written with fewer decimals (`975.8` for `975.80`)
    /// stands for more values, so whatever the longer form overlaps, the shorter does too.
    #[test]
    fn fewer_decimals_never_lose_an_overlap(n in -999_999_999_i64..=999_999_999, f in 0u32..=3, more in 1u32..=3, b in figure()) {
        let v = Decimal::new(n, f);
        let (coarse, fine) = (Measure::written(v, f), Measure::written(v, f + more));
        prop_assert!(coarse.lo <= fine.lo && fine.hi <= coarse.hi);
        if fine.overlaps(&written(b)) {
            prop_assert!(coarse.overlaps(&written(b)));
        }
    }

    /// A total that is exactly the sum of its parts is never a mismatch, whatever their decimals.
    #[test]
    fn an_exact_sum_is_never_a_mismatch(parts in proptest::collection::vec(figure(), 1..8)) {
        let measures: Vec<Measure> = parts.iter().copied().map(written).collect();
        let sum = Measure::sum(&measures).unwrap();
        let decimals = parts.iter().map(|p| p.1).max().unwrap_or(0);
        let total = Measure::written(sum.value, decimals);
        prop_assert!(Measure::agreement(&total, &sum) <= Agreement::Rounding);
        prop_assert!(total.overlaps(&sum));
    }

    /// The rule ranks: a stated figure rounded from the computed value is exact; the same value
    /// truncated is exact or a slip, never a mismatch.
    #[test]
    fn rounded_is_exact_and_truncated_at_worst_a_slip(a in figure(), b in figure(), d in 0u32..=3) {
        prop_assume!(!b.0.is_zero());
        let Ok(ratio) = written(a).div(&written(b)) else { return Ok(()) };
        let rounded = ratio.value.round_dp_with_strategy(d, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(Measure::agreement(&Measure::written(rounded, d), &ratio), Agreement::Exact);
        let truncated = Measure::written(ratio.value.trunc_with_scale(d), d);
        prop_assert!(Measure::agreement(&truncated, &ratio) <= Agreement::PrecisionSlip);
    }

    /// Interval arithmetic contains the truth: for values anywhere in two figures' intervals,
    /// their sum lies in the interval of the figures' sum.
    #[test]
    fn a_sum_contains_every_sum_of_values_its_parts_allow(a in figure(), b in figure(), s in 0u8..=2, t in 0u8..=2) {
        let pick = |m: &Measure, k: u8| match k {
            0 => m.lo.unwrap(),
            1 => m.value,
            _ => m.hi.unwrap(),
        };
        let (ma, mb) = (written(a), written(b));
        let sum = ma.add(&mb).unwrap();
        let x = pick(&ma, s) + pick(&mb, t);
        prop_assert!(sum.lo.unwrap() <= x && x <= sum.hi.unwrap());
    }
}

/// A 科目 row: a code of 3, 5 or 7 digits, a name, figures as written or empty.
fn row() -> impl Strategy<Value = CodeRow> {
    let code = prop_oneof![Just(3usize), Just(5), Just(7)].prop_flat_map(|n| {
        proptest::string::string_regex(&format!("[1-9][0-9]{{{}}}", n - 1)).unwrap()
    });
    let name = proptest::string::string_regex("[一-龥]{1,8}(（[一-龥]{1,3}）)?").unwrap();
    let value = prop_oneof![
        Just("-".to_string()),
        figure().prop_map(|(v, _)| v.abs().to_string()),
        (1u32..=999, 0u32..=999).prop_map(|(a, b)| format!("{a},{b:03}.5")),
    ];
    (code, name, proptest::collection::vec(value, 3)).prop_map(|(code, name, values)| CodeRow {
        code: Some(code),
        name,
        values,
        missing: 0,
        line: 1,
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 100,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x2021_0fed),
        ..ProptestConfig::default()
    })]

    /// The importer's writer and the parser agree: a 科目 table written as `.fis` parses back
    /// into the same codes, names and figures, each figure with its written form.
    #[test]
    fn an_imported_table_written_as_fis_reads_back_as_written(rows in proptest::collection::vec(row(), 1..12)) {
        let raw = RawTable {
            id: "05".into(),
            title: "一般公共预算财政拨款支出决算表".into(),
            department: Some("某局".into()),
            unit: Some("万元".into()),
            rows: Vec::new(),
            row_lines: Vec::new(),
            notes: vec!["注：本表反映部门本年度一般公共预算财政拨款支出情况。".into()],
            note_lines: vec![1],
            lines: 1..2,
        };
        let table = CodeTable {
            columns: ["科目编码", "科目名称", "小计", "基本支出", "项目支出"].map(String::from).to_vec(),
            rows: rows.clone(),
        };
        let source = format!(
            "report 决算 {{ 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }}\n{}",
            code_table_source(&raw, &table).text
        );
        let parsed = parse(&source);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{}", parsed.errors, source);
        let t = parsed.report.table("05").unwrap();
        prop_assert_eq!(t.parts[0].rows.len(), rows.len());
        for (read, row) in t.parts[0].rows.iter().zip(&rows) {
            prop_assert_eq!(read.code.as_deref(), row.code.as_deref());
            prop_assert_eq!(read.name.as_deref(), Some(row.name.as_str()));
            let figures: Vec<String> = read.cells[2..]
                .iter()
                .map(|c| match &c.value {
                    CellValue::Empty => "-".to_string(),
                    CellValue::Amount(n) => n.written.clone(),
                    other => format!("{other:?}"),
                })
                .collect();
            prop_assert_eq!(&figures, &row.values);
        }
    }
}

// Issue 15, item 1: figures at the edges of `Decimal` (±7.9·10^28, 10^−28, 0) through every
// operator and builtin of the expression language, through `Measure` arithmetic and through the
// embedded rules: a result or a located error, never a panic.

/// A figure at an edge of `Decimal`'s range, or anywhere between with any number of decimals.
fn extreme() -> impl Strategy<Value = Decimal> {
    let max = Decimal::MAX.mantissa();
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 28)),
        Just(Decimal::new(-1, 28)),
        Just(Decimal::from_i128_with_scale(4 * 10_i128.pow(28), 0)),
        Just(Decimal::from_i128_with_scale(-4 * 10_i128.pow(28), 0)),
        (-max..=max, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s)),
        (-max / 1000..=max / 1000, 0u32..=28)
            .prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s)),
        (-99i64..=99, 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// A figure as a report writes it (its decimals are its scale), or an exact constant.
fn extreme_measure() -> impl Strategy<Value = Measure> {
    (extreme(), any::<bool>()).prop_map(|(v, written)| {
        if written {
            Measure::written(v, v.scale())
        } else {
            Measure::exact(v)
        }
    })
}

/// Every operator and builtin of the expression language that computes with figures, on the
/// numbers `a`, `b` and the percents `p`, `q`.
const ARITHMETIC: &[&str] = &[
    "a + b",
    "a - b",
    "a * b",
    "a / b",
    "-a",
    "-(a - b)",
    "a ~= b",
    "a == b",
    "a != b",
    "a < b",
    "a <= b",
    "a > b",
    "a >= b",
    "p + q",
    "p - q",
    "p * a",
    "a * p",
    "p / a",
    "p / q",
    "-p",
    "p ~= q",
    "p < q",
    "sum([a, b])",
    "sum([a, b, a, b])",
    "sum(a, b)",
    "sum([p, q])",
    "min([a, b])",
    "max(a, b)",
    "abs(a)",
    "abs(a - b)",
    "abs(p)",
    "round(a, b)",
    "round(a, 2)",
    "round(p, a)",
    "share(a, b)",
    "rate(a, b)",
    "growth(a, b)",
    "abs(rate(a, b) - 100%) > p",
    "band(a, [b], [\"低\", \"高\"])",
    "count([a, b])",
    "a * b / (a - b) + p * a",
    "t05[合计].小计 - t05[201].小计",
    "t05[合计].小计 ~= t05[201].小计 + t05[206].小计",
    "sum(children(t05[合计]).小计)",
    "sum(t05[*].小计) > a",
    "sum(rows(t05).小计) ~= t05[合计].小计 * 2",
    "rate(t05[201].小计, t05[206].小计) ~= p",
    "growth(t05[合计].小计, a) > q",
    "level(t05, a)",
];

/// A small report whose table 05 holds the figures `a` (合计), `b` and `c` (its two classes).
fn extreme_report(a: Decimal, b: Decimal, c: Decimal) -> String {
    format!(
        "report 决算 {{ 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }}\n\
         table 05 \"一般公共预算财政拨款支出决算表\" {{\n\
           columns 功能分类科目编码 | 科目名称 | 本年支出/小计 | 本年支出/基本支出 | 本年支出/项目支出\n\
           -   | 合计             | {a} | {b} | {c}\n\
           201 | 一般公共服务支出 | {b} | {b} | -\n\
           206 | 科学技术支出     | {c} | -   | {c}\n\
         }}\n"
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x2021_0fed),
        ..ProptestConfig::default()
    })]

    /// `Measure`'s arithmetic on any figures: a result whose interval holds its point value, or
    /// an error; never a panic.
    #[test]
    fn measure_arithmetic_on_extreme_figures_never_panics(a in extreme_measure(), b in extreme_measure()) {
        let holds = |m: &Measure| {
            m.lo.is_none_or(|lo| lo <= m.value) && m.hi.is_none_or(|hi| m.value <= hi)
        };
        let results = [a.add(&b), a.sub(&b), a.mul(&b), a.div(&b), Measure::sum([&a, &b, &a])];
        for m in results.into_iter().flatten() {
            prop_assert!(holds(&m), "{:?}", m);
        }
        prop_assert!(holds(&a.neg()) && holds(&a.abs()));
        let _ = (a.half_width(), a.overlaps(&b), Measure::agreement(&a, &b));
        let _ = Measure::agreement(&b, &a);
    }

    /// Every operator and builtin on extreme figures, read from cells and bound as captures: a
    /// value, or an error located inside the expression.
    #[test]
    fn every_operator_and_builtin_on_extreme_figures(
        a in extreme(), b in extreme(), c in extreme(), p in extreme(), q in extreme()
    ) {
        use fislint::expr::{compile, eval, Env, Num, Scope, Trace, Type, Value};
        let source = extreme_report(a, b, c);
        let parsed = parse(&source);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{}", parsed.errors, source);
        let scope = Scope::default()
            .bind("a", Type::Num)
            .bind("b", Type::Num)
            .bind("p", Type::Pct)
            .bind("q", Type::Pct);
        let figure = |v: Decimal| Num {
            m: Measure::written(v, v.scale()),
            origin: None,
            blank: false,
            unit: None,
        };
        let params = std::collections::BTreeMap::new();
        let env = Env {
            report: &parsed.report,
            params: &params,
            vars: [
                ("a", Value::Num(figure(a))),
                ("b", Value::Num(figure(b))),
                ("p", Value::Pct(figure(p))),
                ("q", Value::Pct(figure(q))),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            places: std::collections::BTreeMap::new(),
            subjects: None,
            companions: Default::default(),
        };
        for text in ARITHMETIC {
            let (expr, _) = compile(text, &scope).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            if let Err(e) = eval(&expr, &env, &mut Trace::default()) {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{text}: {e:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x2021_0fed),
        ..ProptestConfig::default()
    })]

    /// A report whose table 05 holds extreme figures, checked with every rule of the embedded
    /// packs as `check` and the language server check it: findings, each located in the text,
    /// and never a panic. A figure that cannot be computed with is an error finding.
    #[test]
    fn the_embedded_rules_on_extreme_figures(a in extreme(), b in extreme(), c in extreme()) {
        use fislint::lint::{lint, Kind, Options};
        let source = extreme_report(a, b, c);
        let options = Options { show_rounding: true, max_errors: 0, threads: 1, ..Options::default() };
        for pack in ["national", "hunan"] {
            let rules = fislint::precompiled::rules(pack).unwrap();
            let linted = lint(Kind::Fis, source.as_bytes(), &mut rules.as_slice(), &options);
            prop_assert!(linted.checked, "{:?}", linted.diagnostics);
            for d in &linted.diagnostics {
                prop_assert!(d.primary.0.end <= source.len(), "{:?}", d);
                if d.message.contains("数值超出可计算范围") {
                    prop_assert!(d.severity == fislint::severity::Severity::Error, "{:?}", d);
                    prop_assert!(!d.primary.0.is_empty(), "{:?}", d);
                }
            }
        }
    }
}
