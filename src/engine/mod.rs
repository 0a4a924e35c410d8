//! The engine: runs compiled rules over a report and returns findings. Pure: no I/O, no printing.
//!
//! A rule arrives compiled (its expressions parsed and type-checked when its pack loaded); the
//! engine evaluates it on the report, and turns what the evaluation read and decided (its
//! [`Trace`]) into a [`Finding`]: the offending figure as the primary location, every other cell
//! used as a labelled secondary location, a message that names the numbers, and a help line with
//! the consistent value. The tolerance rule decides severity: a precision slip is reported one
//! level below the rule's severity, a rounding difference only as a note when asked for.

mod matcher;
mod pattern;
mod presence;
mod rule;

pub use pattern::{CaptureKind, Captured, Match, Pattern, PatternError};
pub use rule::{Check, Claim, Explain, Parts, Require, Rule};

use std::collections::BTreeMap;

use crate::expr::{
    eval, Companions, Doc, Env, EvalError, EvalErrorKind, Num, Origin, Piece, Template, Trace,
    Value,
};
use crate::measure::{Agreement, Measure};
use crate::report::{Report, Span};
use crate::severity::Severity;

/// What a rule found wrong in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// How serious: the rule's severity, one level lower for a precision slip.
    pub severity: Severity,
    /// What is wrong, naming the numbers.
    pub message: String,
    /// The offending figure or sentence, and its label.
    pub primary: (Span, String),
    /// Every other cell the check used, labelled.
    pub secondary: Vec<(Span, String)>,
    /// The cells and sentences it used in a companion report (`--budget`, `--previous`), each
    /// in that report's source, labelled: shown as locations in the other file.
    pub related: Vec<(Doc, Span, String)>,
    /// The value that would be consistent, or how to fix it.
    pub help: Option<String>,
    /// Why the rule exists: its rationale (the regulation or identity it enforces).
    pub note: Option<String>,
    /// Only a rounding difference (尾数误差): shown on request.
    pub rounding: bool,
    /// The cells it rests on that were not read with certainty (marked `?`). A finding with
    /// any is not reported: [`check`] says instead, once per table, that the table could not be
    /// checked.
    pub unchecked: Vec<Span>,
}

/// Runs every rule on the report; findings in rule order, then report order. A rule that read a
/// cell not read with certainty reports nothing there, pass or fail: each table with such cells
/// gets one `import/unchecked` notice instead ([`unchecked`]).
pub fn check(report: &Report, rules: &[Rule]) -> Vec<Finding> {
    check_with(report, Companions::default(), rules, 1)
}

/// [`check`] with companion reports (`--budget`, `--previous`) the rules may read, on up to
/// `threads` threads. A rule that reads a companion not given is not run ([`skipped`]).
pub fn check_with(
    report: &Report,
    companions: Companions<'_>,
    rules: &[Rule],
    threads: usize,
) -> Vec<Finding> {
    if threads <= 1 {
        let mut out = Vec::new();
        for rule in rules {
            run(report, companions, rule, &mut out);
        }
        return unchecked(report, out);
    }
    let found = crate::parallel::map(rules, threads, |rule| {
        let mut out = Vec::new();
        run(report, companions, rule, &mut out);
        out
    })
    .into_iter()
    .flatten()
    .collect();
    unchecked(report, found)
}

/// The rules not run because a companion report they read was not given, each with the
/// companions it lacks: neither a finding nor an error, said where skipped rules are listed
/// (`--statistics`).
pub fn skipped<'a>(rules: &'a [Rule], companions: Companions<'_>) -> Vec<(&'a Rule, Vec<Doc>)> {
    rules
        .iter()
        .filter_map(|r| {
            let absent: Vec<Doc> = r
                .companions
                .iter()
                .copied()
                .filter(|&d| companions.get(d).is_none())
                .collect();
            (!absent.is_empty()).then_some((r, absent))
        })
        .collect()
}

/// [`check`] with the rules shared among up to `threads` threads: the same findings in the same
/// order, sooner on a machine with cores to spare.
pub fn check_on(report: &Report, rules: &[Rule], threads: usize) -> Vec<Finding> {
    check_with(report, Companions::default(), rules, threads)
}

/// The rule code of the notice that a table could not be checked.
pub const UNCHECKED: &str = "import/unchecked";

/// The findings that rest only on figures read with certainty, and for each table whose
/// uncertain cells (marked `?`) a finding would have rested on, one notice saying it could not
/// be checked, naming the rules and pointing at every row that was not read with certainty.
/// Whether the report is right there cannot be told, so it is neither an error nor silence.
fn unchecked(report: &Report, findings: Vec<Finding>) -> Vec<Finding> {
    if findings.iter().all(|f| f.unchecked.is_empty())
        && report.tables.iter().all(|t| t.unread.is_none())
    {
        return findings;
    }
    let (kept, unsure): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| f.unchecked.is_empty());
    let mut out = kept;
    // By table, in report order: the rules that could not be checked there.
    let mut tables: Vec<(usize, Vec<String>)> = Vec::new();
    for f in &unsure {
        for span in &f.unchecked {
            let Some(t) = report
                .tables
                .iter()
                .position(|t| t.span.start <= span.start && span.end <= t.span.end)
            else {
                continue;
            };
            match tables.iter_mut().find(|(k, _)| *k == t) {
                Some((_, rules)) if !rules.contains(&f.rule) => rules.push(f.rule.clone()),
                Some(_) => {}
                None => tables.push((t, vec![f.rule.clone()])),
            }
        }
    }
    // A table not read is said so even where no rule reads it.
    for (t, table) in report.tables.iter().enumerate() {
        if table.unread.is_some() && !tables.iter().any(|(k, _)| *k == t) {
            tables.push((t, Vec::new()));
        }
    }
    tables.sort_by_key(|(t, _)| *t);
    for (t, rules) in tables {
        let table = &report.tables[t];
        let rows: Vec<Span> = table
            .parts
            .iter()
            .flat_map(|p| &p.rows)
            .filter(|r| r.cells.iter().any(|c| c.uncertain))
            .map(|r| r.span.clone())
            .collect();
        let help = if table.missing.is_some() && rows.is_empty() {
            "对照原文补上未能读入的行，再删去表中的 缺行 = \"…\"，即可检查"
        } else if table.missing.is_some() {
            "对照原文核对标有 ? 的单元格并删去 ?，补上未能读入的行并删去 缺行 = \"…\"，即可检查"
        } else {
            "对照原文核对标有 ? 的单元格，改正后删去 ?，即可检查"
        };
        let message = match (&table.unread, &table.missing) {
            (Some(why), _) if rules.is_empty() => {
                format!("未能读取表{}（{}）：{why}", table.id, table.title)
            }
            (Some(why), _) => format!(
                "未能读取表{}（{}）：{why}；规则 {} 未核对",
                table.id,
                table.title,
                rules.join("、")
            ),
            (None, Some(what)) if rows.is_empty() => format!(
                "无法核对：表{} 有未能读入的行（{what}），规则 {} 未核对",
                table.id,
                rules.join("、")
            ),
            (None, Some(what)) => format!(
                "无法核对：表{} 有 {} 行未能可靠读取，另有未能读入的行（{what}），规则 {} 未核对",
                table.id,
                rows.len(),
                rules.join("、")
            ),
            (None, None) => format!(
                "无法核对：表{} 有 {} 行未能可靠读取，规则 {} 未核对",
                table.id,
                rows.len(),
                rules.join("、")
            ),
        };
        out.push(Finding {
            rule: UNCHECKED.into(),
            severity: Severity::Warning,
            message,
            primary: (table.title_span.clone(), "此表".into()),
            secondary: rows
                .into_iter()
                .map(|r| (r, "此行未能可靠读取".to_string()))
                .collect(),
            related: Vec::new(),
            help: Some(help.into()),
            note: None,
            rounding: false,
            unchecked: Vec::new(),
        });
    }
    out
}

/// Severity one level below: a precision slip of an error is a warning.
fn lower(s: Severity) -> Severity {
    match s {
        Severity::Error => Severity::Warning,
        _ => Severity::Info,
    }
}

fn run(report: &Report, companions: Companions<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    if rule.companions.iter().any(|&d| companions.get(d).is_none()) {
        return; // Not run: a companion it reads was not given (`skipped` lists it).
    }
    if rule.tables.iter().any(|t| report.table(t).is_none()) {
        return; // Not applicable: the tables it is about are absent (`require` rules say so).
    }
    // A table found but not read: the rule cannot be checked, which its table's notice says.
    let unread: Vec<Span> = rule
        .tables
        .iter()
        .filter_map(|t| report.table(t))
        .filter(|t| t.unread.is_some())
        .map(|t| t.title_span.clone())
        .collect();
    if !unread.is_empty() {
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            message: String::new(),
            primary: (0..0, String::new()),
            secondary: Vec::new(),
            related: Vec::new(),
            help: None,
            note: None,
            rounding: false,
            unchecked: unread,
        });
        return;
    }
    let params = &rule.params;
    let base = Env {
        report,
        params,
        vars: BTreeMap::new(),
        places: BTreeMap::new(),
        subjects: rule.subjects.as_deref(),
        companions,
    };
    if let Some(when) = &rule.when {
        let mut trace = Trace::default();
        match eval(when, &base, &mut trace) {
            Ok(Value::Bool(true)) => {}
            Ok(_) => return,
            Err(e) => return not_evaluable(report, rule, &e, None, out),
        }
    }
    if let Check::Claim(claim) = &rule.check {
        return run_claim(report, companions, rule, claim, out);
    }
    if let Check::Require(req) = &rule.check {
        return presence::run_require(report, rule, req, out);
    }
    // The bindings each instance of the check sees: one per row of `each`, or one.
    let instances: Vec<BTreeMap<String, Value<'_>>> = match rule.check.each() {
        None => vec![BTreeMap::new()],
        Some(each) => match eval(each, &base, &mut Trace::default()) {
            Ok(Value::Rows(rows)) => rows
                .into_iter()
                .map(|r| BTreeMap::from([("row".to_string(), Value::Row(r))]))
                .collect(),
            Ok(_) => return,
            Err(e) => return not_evaluable(report, rule, &e, None, out),
        },
    };
    for vars in instances {
        let columns: Vec<Option<&String>> = match &rule.check {
            Check::Sum { columns, .. } if !columns.is_empty() => columns.iter().map(Some).collect(),
            _ => vec![None],
        };
        for col in columns {
            let mut vars = vars.clone();
            if let Some(c) = col {
                vars.insert("col".to_string(), Value::Text(c.clone()));
            }
            let env = Env {
                report,
                params,
                vars,
                places: BTreeMap::new(),
                subjects: rule.subjects.as_deref(),
                companions,
            };
            if let Err(e) = instance(rule, &env, out) {
                let row = match env.vars.get("row") {
                    Some(Value::Row(r)) => Some(r.row().span.clone()),
                    _ => None,
                };
                not_evaluable(report, rule, &e, row, out);
            }
        }
    }
}

fn instance(rule: &Rule, env: &Env<'_, '_>, out: &mut Vec<Finding>) -> Result<(), EvalError> {
    let mut trace = Trace::default();
    match &rule.check {
        Check::Assert {
            that,
            message,
            help,
            ..
        } => {
            let holds = matches!(eval(that, env, &mut trace)?, Value::Bool(true));
            let verdict = verdict(holds, &trace);
            if let Some((severity, rounding)) =
                verdict.map(|v| (adjust(rule.severity, v), v == Agreement::Rounding))
            {
                let message = render(message, env)?;
                let help = help.as_ref().map(|h| render(h, env)).transpose()?;
                out.push(finding(rule, severity, message, help, &trace, rounding));
            } else {
                out.extend(unverified(rule, &trace));
            }
        }
        Check::Sum {
            total,
            parts,
            message,
            ..
        } => {
            let total_n = number(eval(total, env, &mut trace)?, &total.span)?;
            let items = match parts {
                Parts::List(e) => numbers(eval(e, env, &mut trace)?, &e.span)?,
                Parts::Each(es) => es
                    .iter()
                    .map(|e| number(eval(e, env, &mut trace)?, &e.span))
                    .collect::<Result<_, _>>()?,
            };
            // The parts in their common unit, their sum in the total's: the total is judged in
            // its own unit, at its own decimals.
            let computed = crate::expr::sum_nums(&items)
                .and_then(|sum| sum.in_unit(total_n.unit))
                .map_err(|_| overflow(&total.span))?;
            let converted = items
                .iter()
                .any(|n| n.unit.is_some() && total_n.unit.is_some() && n.unit != total_n.unit);
            let sum = computed.m.clone();
            let agreement = Measure::agreement(&total_n.m, &sum);
            if agreement == Agreement::Exact {
                out.extend(unverified(rule, &trace));
                return Ok(());
            }
            trace.comparisons.push(crate::expr::Comparison {
                span: total.span.clone(),
                stated: total_n.clone(),
                computed,
                agreement,
                converted,
            });
            let severity = adjust(rule.severity, agreement);
            let shown = shown(&sum, total_n.m.decimals) + &unit_word(converted, &total_n);
            let stated = written(&total_n.m);
            let message = match (message, difference(&total_n.m, &sum)) {
                (Some(m), _) => render(m, env)?,
                // A difference beyond the range of `Decimal` (a total of −4·10^28 against parts
                // of 4·10^28) is said in words.
                (None, None) => format!(
                    "合计 {stated} 与各项之和 {shown} 相差过大：{}",
                    EvalErrorKind::Overflow
                ),
                (None, Some(d)) if agreement == Agreement::Rounding => {
                    format!("合计 {stated} 与各项之和 {shown} 相差 {d}，在尾数误差范围内")
                }
                (None, Some(d)) => format!("合计 {stated} 与各项之和 {shown} 不符（相差 {d}）"),
            };
            let help =
                (agreement != Agreement::Rounding).then(|| format!("按各项计算，合计应为 {shown}"));
            out.push(finding(
                rule,
                severity,
                message,
                help,
                &trace,
                agreement == Agreement::Rounding,
            ));
        }
        Check::Claim(_) | Check::Require(_) => {
            unreachable!("claims and requirements run on their own")
        }
        Check::Explain(ex) => presence::explain(rule, ex, env, out)?,
        Check::Ceiling {
            value,
            limit,
            message,
            ..
        } => {
            let v = number(eval(value, env, &mut trace)?, &value.span)?;
            let l = number(eval(limit, env, &mut trace)?, &limit.span)?;
            let (v, l) = crate::expr::in_common(&v, &l).map_err(|_| overflow(&value.span))?;
            if v.m.value > l.m.value {
                let message = render(message, env)?;
                let help = Some(format!("不应超过 {}", written(&l.m)));
                out.push(finding(rule, rule.severity, message, help, &trace, false));
            } else {
                out.extend(unverified(rule, &trace));
            }
        }
    }
    Ok(())
}

/// A claim: every match of its patterns in the sections' prose, its captures bound by name.
/// The patterns are alternatives in order: where one matches, a later one's match over the same
/// text is not another claim.
fn run_claim(
    report: &Report,
    companions: Companions<'_>,
    rule: &Rule,
    claim: &Claim,
    out: &mut Vec<Finding>,
) {
    let paragraphs = presence::prose(report, &claim.sections);
    // Each paragraph, and with `with-next`, each paragraph joined to the next (an item's title
    // and its sentence printed as two): there only a match across the join is a claim, one
    // within either paragraph being found in that paragraph.
    let mut texts: Vec<Joined<'_>> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        texts.push(Joined {
            text: std::borrow::Cow::Borrowed(&p.text),
            pieces: vec![(0, p.span.start)],
            join: None,
            next: None,
        });
        if let (true, Some(next)) = (claim.with_next, paragraphs.get(i + 1)) {
            texts.push(Joined {
                text: std::borrow::Cow::Owned(format!("{}{}", p.text, next.text)),
                pieces: vec![(0, p.span.start), (p.text.len(), next.span.start)],
                join: Some(p.text.len()),
                next: Some(&next.text),
            });
        }
    }
    for paragraph in &texts {
        let mut claimed: Vec<std::ops::Range<usize>> = Vec::new();
        for pattern in &claim.patterns {
            let matches = pattern.find_all(&paragraph.text);
            let earlier = claimed.len();
            for m in matches {
                let overlaps = claimed[..earlier]
                    .iter()
                    .any(|c| c.start < m.span.end && m.span.start < c.end);
                let within = paragraph
                    .join
                    .is_some_and(|j| m.span.end <= j || j <= m.span.start);
                // A match the second paragraph makes alone, ending where this one does, is that
                // paragraph's claim (its text capture reaching back over the join is no claim).
                let its_own = match (paragraph.join, paragraph.next) {
                    (Some(j), Some(next)) if !within => pattern
                        .find_all(next)
                        .iter()
                        .any(|own| own.span.end + j == m.span.end),
                    _ => false,
                };
                if overlaps || within || its_own {
                    continue;
                }
                claimed.push(m.span.clone());
                let sentence = paragraph.at(m.span.start)..paragraph.at(m.span.end);
                let mut vars = BTreeMap::new();
                let mut places = BTreeMap::new();
                for (name, value, range) in m.captures {
                    let span = paragraph.at(range.start)..paragraph.at(range.end);
                    let label = format!("正文所述「{}」", &paragraph.text[range]);
                    let num = |m: Measure, unit: Option<crate::report::Unit>| Num {
                        m,
                        origin: Some(Origin {
                            span: span.clone(),
                            label: label.clone(),
                            doc: None,
                        }),
                        blank: false,
                        unit,
                    };
                    vars.insert(
                        name.clone(),
                        match value {
                            Captured::Number(m) => Value::Num(num(m, None)),
                            Captured::Amount(m, unit) => Value::Num(num(m, Some(unit))),
                            Captured::Percent(m) => Value::Pct(num(m, None)),
                            Captured::Text(t) => {
                                let origin = Origin {
                                    span: span.clone(),
                                    label: format!("正文所写「{t}」"),
                                    doc: None,
                                };
                                places.insert(name, origin);
                                Value::Text(t)
                            }
                        },
                    );
                }
                let env = Env {
                    report,
                    params: &rule.params,
                    vars,
                    places,
                    subjects: rule.subjects.as_deref(),
                    companions,
                };
                let mut trace = Trace::default();
                let result = eval(&claim.that, &env, &mut trace).and_then(|v| {
                    let holds = matches!(v, Value::Bool(true));
                    let Some(agreement) = verdict(holds, &trace) else {
                        out.extend(unverified(rule, &trace));
                        return Ok(());
                    };
                    let message = render(&claim.message, &env)?;
                    let help = claim.help.as_ref().map(|h| render(h, &env)).transpose()?;
                    let severity = adjust(rule.severity, agreement);
                    let mut f = finding(
                        rule,
                        severity,
                        message,
                        help,
                        &trace,
                        agreement == Agreement::Rounding,
                    );
                    // A claim whose `that` read no figure (the match itself is the problem)
                    // points at what it matched.
                    if f.primary.0.is_empty() {
                        f.primary = (sentence.clone(), "正文所述".into());
                    }
                    out.push(f);
                    Ok(())
                });
                if let Err(e) = result {
                    not_evaluable(report, rule, &e, Some(sentence), out);
                }
            }
        }
    }
}

/// Text a claim's patterns are matched in: a paragraph, or two joined, with where each piece
/// starts in the report's source.
struct Joined<'r> {
    text: std::borrow::Cow<'r, str>,
    /// (offset in `text`, offset in the source) of each paragraph joined, in order.
    pieces: Vec<(usize, usize)>,
    /// Where the second paragraph starts in `text`, for two joined.
    join: Option<usize>,
    /// The second paragraph's text, for two joined.
    next: Option<&'r str>,
}

impl Joined<'_> {
    /// The source offset of an offset in the text.
    fn at(&self, pos: usize) -> usize {
        let (from, to) = self
            .pieces
            .iter()
            .rev()
            .find(|(from, _)| *from <= pos)
            .copied()
            .unwrap_or((0, 0));
        to + (pos - from)
    }
}

/// A check that passed on figures not all read with certainty passed on figures that may not
/// be the printed ones: not a finding, but its tables' notice says the rule was not checked
/// there (a marker with the uncertain cells, which [`unchecked`] turns into that notice).
fn unverified(rule: &Rule, trace: &Trace) -> Option<Finding> {
    (!trace.uncertain.is_empty()).then(|| Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        message: String::new(),
        primary: (0..0, String::new()),
        secondary: Vec::new(),
        related: Vec::new(),
        help: None,
        note: None,
        rounding: false,
        unchecked: trace.uncertain.clone(),
    })
}

/// Whether an `assert` that evaluated to `holds` is a finding, and of what kind: `None` when it
/// holds exactly; otherwise the worst agreement among its `~=` comparisons (a plain false with no
/// `~=` in it is a mismatch).
fn verdict(holds: bool, trace: &Trace) -> Option<Agreement> {
    let worst = trace.comparisons.iter().map(|c| c.agreement).max();
    match (holds, worst) {
        (true, Some(Agreement::Rounding)) => Some(Agreement::Rounding),
        (true, _) => None,
        (false, Some(a)) if a >= Agreement::PrecisionSlip => Some(a),
        (false, _) => Some(Agreement::Mismatch),
    }
}

fn adjust(severity: Severity, agreement: Agreement) -> Severity {
    match agreement {
        Agreement::PrecisionSlip => lower(severity),
        Agreement::Rounding => Severity::Info,
        _ => severity,
    }
}

/// The finding: the first stated figure that disagrees (or the first cell read) as primary,
/// every other cell read as secondary.
fn finding(
    rule: &Rule,
    severity: Severity,
    message: String,
    help: Option<String>,
    trace: &Trace,
    rounding: bool,
) -> Finding {
    // A rule's own message says the figures disagree; for a rounding note, say how little.
    let message = if rounding && !message.contains("尾数误差") {
        format!("{message}（差异在尾数误差范围内）")
    } else {
        message
    };
    let failing = trace
        .comparisons
        .iter()
        .find(|c| c.agreement != Agreement::Exact);
    // The primary location is in the report checked: a figure of a companion report is shown
    // as a related location in its own file.
    let primary_origin = failing
        .and_then(|c| c.stated.origin.clone())
        .filter(|o| o.doc.is_none())
        .or_else(|| trace.cells.iter().find(|c| c.doc.is_none()).cloned());
    let (primary, secondary) = match &primary_origin {
        Some(p) => {
            let others = trace
                .cells
                .iter()
                .filter(|c| c.span != p.span && c.doc.is_none())
                .map(|c| (c.span.clone(), c.label.clone()))
                .collect();
            ((p.span.clone(), p.label.clone()), others)
        }
        None => ((0..0, String::new()), Vec::new()),
    };
    let related = trace
        .cells
        .iter()
        .filter_map(|c| c.doc.map(|d| (d, c.span.clone(), c.label.clone())))
        .collect();
    // A figure of a companion report not read with certainty: no finding may rest on it. The
    // finding is marked as resting on a span of no table of this report, which [`unchecked`]
    // drops without a notice (the companion is not the report being checked).
    let mut unchecked = trace.uncertain.clone();
    if trace.companion_uncertain {
        unchecked.push(0..0);
    }
    let help = help.or_else(|| {
        failing
            .filter(|c| c.stated.m.decimals.is_some() && !rounding)
            .map(|c| {
                format!(
                    "按表中数字计算应为 {}{}",
                    shown(&c.computed.m, c.stated.m.decimals),
                    unit_word(c.converted, &c.stated)
                )
            })
    });
    Finding {
        rule: rule.id.clone(),
        severity,
        message,
        primary,
        secondary,
        related,
        help,
        note: rule.note(),
        rounding,
        unchecked,
    }
}

/// A finding at one place, with nothing else labelled.
fn finding_at(
    rule: &Rule,
    severity: Severity,
    message: String,
    primary: (Span, String),
    help: Option<String>,
) -> Finding {
    Finding {
        rule: rule.id.clone(),
        severity,
        message,
        primary,
        secondary: Vec::new(),
        related: Vec::new(),
        help,
        note: rule.note(),
        rounding: false,
        unchecked: Vec::new(),
    }
}

/// A rule that cannot be evaluated on this report: a missing row or column, a division by zero
/// (a warning), a figure beyond the range of `Decimal` (an error). A missing table makes it
/// inapplicable instead.
/// It is located at the table the error names; else at `at`, what was being checked (the
/// sentence of a claim, the row of an `each`); else at the rule's first table.
fn not_evaluable(
    report: &Report,
    rule: &Rule,
    e: &EvalError,
    at: Option<Span>,
    out: &mut Vec<Finding>,
) {
    let named = match &e.kind {
        EvalErrorKind::MissingTable(_) | EvalErrorKind::MissingSection(_) => return,
        EvalErrorKind::MissingRow { table, .. }
        | EvalErrorKind::MissingColumn { table, .. }
        | EvalErrorKind::MissingPart { table, .. } => report.table(table),
        _ => None,
    };
    // An empty table (no figure at all, its note saying why) has nothing to check: the rule is
    // inapplicable, as it is to a missing table; the empty-table rules see to the note.
    if named.is_some_and(|t| t.has_no_data()) {
        return;
    }
    // A row missing from a table the importer could not read every row of may be the row it
    // missed: not checked, which the table's notice says.
    if let (EvalErrorKind::MissingRow { .. }, Some(t)) = (&e.kind, named) {
        if t.missing.is_some() {
            return out.push(Finding {
                rule: rule.id.clone(),
                severity: rule.severity,
                message: String::new(),
                primary: (0..0, String::new()),
                secondary: Vec::new(),
                related: Vec::new(),
                help: None,
                note: None,
                rounding: false,
                unchecked: vec![t.title_span.clone()],
            });
        }
    }
    let first = || rule.tables.first().and_then(|t| report.table(t));
    let primary = match (named, at) {
        (Some(t), _) => t.id_span.clone(),
        (None, Some(at)) => at,
        (None, None) => first().map_or(0..0, |t| t.id_span.clone()),
    };
    let message = format!("无法检查「{}」：{}", rule.title, e.kind);
    // Said once: a column a table lacks is missing in each of its rows alike.
    let said = out
        .iter()
        .any(|f| f.rule == rule.id && f.message == message && f.primary.0 == primary);
    if said {
        return;
    }
    // A figure too large to compute with is an error in the report (exit 1), not a rule that
    // merely could not run.
    let severity = if e.kind == EvalErrorKind::Overflow {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.push(Finding {
        rule: rule.id.clone(),
        severity,
        message,
        primary: (primary, "规则引用了这里".into()),
        secondary: Vec::new(),
        related: Vec::new(),
        help: None,
        note: None,
        rounding: false,
        unchecked: Vec::new(),
    });
}

fn number(v: Value<'_>, span: &crate::expr::Span) -> Result<Num, EvalError> {
    match v {
        Value::Num(n) | Value::Pct(n) => Ok(n),
        _ => Err(EvalError {
            span: span.clone(),
            kind: EvalErrorKind::Type("数值"),
        }),
    }
}

fn numbers(v: Value<'_>, span: &crate::expr::Span) -> Result<Vec<Num>, EvalError> {
    match v {
        Value::Nums(items) => items.into_iter().map(|i| number(i, span)).collect(),
        other => Ok(vec![number(other, span)?]),
    }
}

fn overflow(span: &crate::expr::Span) -> EvalError {
    EvalError {
        span: span.clone(),
        kind: EvalErrorKind::Overflow,
    }
}

/// A figure as written: with its written decimals, or as computed.
fn written(m: &Measure) -> String {
    shown(m, m.decimals)
}

/// ` 万元` after a figure converted to the unit of the one it is compared with (`应为 962.82
/// 万元`, computed from 元); nothing when no conversion was made, so a report in one unit reads
/// as it always has.
fn unit_word(converted: bool, stated: &Num) -> String {
    match stated.unit {
        Some(u) if converted => format!(" {}", u.as_str()),
        _ => String::new(),
    }
}

/// A computed figure shown with `decimals` (those of the figure it is compared with), or with
/// up to two decimals.
fn shown(m: &Measure, decimals: Option<u32>) -> String {
    let d = decimals.unwrap_or_else(|| m.value.scale().min(2));
    m.value
        .round_dp_with_strategy(d, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_string()
}

/// How far apart two figures are, for a message; `None` beyond the range of `Decimal`.
fn difference(a: &Measure, b: &Measure) -> Option<String> {
    let d = a.value.checked_sub(b.value)?;
    Some(d.abs().normalize().to_string())
}

/// A template with its expressions' values.
fn render(t: &Template, env: &Env<'_, '_>) -> Result<String, EvalError> {
    let mut out = String::new();
    for piece in &t.parts {
        match piece {
            Piece::Text(s) => out.push_str(s),
            Piece::Expr { expr, .. } => {
                let v = eval(expr, env, &mut Trace::default())?;
                out.push_str(&display(&v));
            }
        }
    }
    Ok(out)
}

/// A value as a message shows it.
/// A row in words: its name, else its code.
fn row_name(r: &crate::expr::RowRef<'_>) -> String {
    let row = r.row();
    row.name
        .clone()
        .or_else(|| row.code.clone())
        .unwrap_or_default()
}

fn display(v: &Value<'_>) -> String {
    match v {
        Value::Num(n) => written(&n.m),
        Value::Pct(n) => format!("{}%", written(&n.m)),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Value::Text(t) => t.clone(),
        Value::Table(t) => format!("表{}", t.id),
        Value::Part(t, p) => format!(
            "表{}「{}」",
            t.id,
            t.parts[*p].name.as_deref().unwrap_or("")
        ),
        Value::Row(r) => row_name(r),
        // A few rows by name (`基本工资`, `办公费、印刷费`); many by their count.
        Value::Rows(rows) if rows.len() <= 3 => {
            rows.iter().map(row_name).collect::<Vec<_>>().join("、")
        }
        Value::Rows(rows) => format!("{} 行", rows.len()),
        Value::Nums(items) => items.iter().map(display).collect::<Vec<_>>().join("、"),
        Value::Texts(items) => items.join("、"),
    }
}

#[cfg(test)]
mod tests;
