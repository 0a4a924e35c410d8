//! Figures the fuzzer chooses, at any magnitude (up to ±7.9·10^28) and any number of decimals
//! (up to 28): through every arithmetic operator and builtin of the expression language, through
//! `Measure` arithmetic, and in a report's table 05 checked with the national pack. Every outcome
//! is fine except a panic or a hang (issue 15, item 1).
use fislint::expr::{compile, eval, Env, Num, Scope, Trace, Type, Value};
use fislint::lint::{self, Kind, Options};
use fislint::measure::Measure;
use rust_decimal::Decimal;

/// Expressions on the numbers `a`, `b`, the percents `p`, `q` and the cells of table 05.
const EXPRESSIONS: &[&str] = &[
    "a + b",
    "a - b",
    "a * b",
    "a / b",
    "-a",
    "a ~= b",
    "a < b",
    "a == b",
    "p + q",
    "p - q",
    "p * a",
    "p / a",
    "p / q",
    "-p",
    "p ~= q",
    "sum([a, b, a])",
    "min([a, b])",
    "max(a, b)",
    "abs(a - b)",
    "round(a, b)",
    "share(a, b)",
    "rate(a, b)",
    "growth(a, b)",
    "band(a, [b], [\"低\", \"高\"])",
    "level(t05, a)",
    "t05[合计].小计 - t05[201].小计",
    "t05[合计].小计 ~= t05[201].小计 + t05[206].小计",
    "sum(children(t05[合计]).小计)",
    "rate(t05[201].小计, t05[206].小计) ~= p",
    "growth(t05[合计].小计, a) > q",
];

/// A figure from 13 bytes: a 96-bit magnitude, and a byte for its sign and scale (0–28).
fn figure(bytes: &[u8]) -> Decimal {
    let mut m = [0u8; 16];
    m[..12].copy_from_slice(&bytes[..12]);
    let magnitude = i128::from_le_bytes(m);
    let sign = if bytes[12] & 0x80 != 0 { -1 } else { 1 };
    Decimal::from_i128_with_scale(sign * magnitude, u32::from(bytes[12] & 0x7f) % 29)
}

fn main() {
    let scope = Scope::default()
        .bind("a", Type::Num)
        .bind("b", Type::Num)
        .bind("p", Type::Pct)
        .bind("q", Type::Pct);
    let compiled: Vec<_> = EXPRESSIONS
        .iter()
        .map(|e| compile(e, &scope).expect("the expressions compile").0)
        .collect();
    let rules = fislint::precompiled::rules("national").expect("the national pack is built in");
    afl::fuzz!(|data: &[u8]| {
        if data.len() < 5 * 13 {
            return;
        }
        let f: Vec<Decimal> = data.chunks_exact(13).take(5).map(figure).collect();
        let (a, b, c, p, q) = (f[0], f[1], f[2], f[3], f[4]);
        // Measure arithmetic on written figures and exact constants alike.
        for (x, y) in [
            (
                Measure::written(a, a.scale()),
                Measure::written(b, b.scale()),
            ),
            (Measure::exact(a), Measure::written(p, p.scale())),
        ] {
            let _ = (x.add(&y), x.sub(&y), x.mul(&y), x.div(&y), x.neg(), x.abs());
            let _ = (Measure::agreement(&x, &y), x.overlaps(&y), x.half_width());
        }
        let source = format!(
            "report 决算 {{ 部门 = \"某局\" 年度 = 2021 单位 = 万元 地区 = 湖南 }}\n\
             table 05 \"一般公共预算财政拨款支出决算表\" {{\n\
               columns 功能分类科目编码 | 科目名称 | 本年支出/小计 | 本年支出/基本支出 | 本年支出/项目支出\n\
               -   | 合计             | {a} | {b} | {c}\n\
               201 | 一般公共服务支出 | {b} | {b} | -\n\
               206 | 科学技术支出     | {c} | -   | {c}\n\
             }}\n"
        );
        let parsed = fislint::report::parse(&source);
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
        for expr in &compiled {
            let _ = eval(expr, &env, &mut Trace::default());
        }
        let options = Options {
            show_rounding: true,
            max_errors: 0,
            threads: 1,
            ..Options::default()
        };
        let _ = lint::lint(
            Kind::Fis,
            source.as_bytes(),
            &mut rules.as_slice(),
            &options,
        );
    });
}
