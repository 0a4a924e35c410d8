//! The checks about what a report contains: `require` (tables, sections, phrases, the note of an
//! empty table) and `explain` (a condition that the prose must explain with a real reason).

use crate::expr::{eval, Env, EvalError, Trace, Value};
use crate::report::{Paragraph, Report, Section, Span, Title};
use crate::severity::Severity;

use super::{finding_at, render, Explain, Finding, Require, Rule};

/// The sections whose heading's title or text is `name`, or whose title is `name` after the
/// report's 部门 (`上海市普陀区司法局主要职能` is 主要职能 in that department's report, as
/// Shanghai's budgets title their first parts; `…办事处（部门）机构设置` is 机构设置).
fn sections_named<'r>(report: &'r Report, names: &[&str]) -> Vec<(usize, &'r Section)> {
    let titles: Vec<Title<'_>> = names.iter().map(|n| Title::new(n)).collect();
    let department = report
        .header
        .as_ref()
        .map(|h| h.department.trim())
        .filter(|d| !d.is_empty());
    let after_department = |s: &Section| {
        department
            .and_then(|d| s.heading.title.strip_prefix(d))
            .map(|rest| {
                let rest = rest.trim();
                // `万里街道办事处（部门）机构设置`: the kind of report may follow the name.
                rest.strip_prefix("（部门）")
                    .or_else(|| rest.strip_prefix("（单位）"))
                    .unwrap_or(rest)
                    .trim()
            })
            .is_some_and(|rest| names.contains(&rest))
    };
    report
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| titles.iter().any(|n| s.heading.has(n)) || after_department(s))
        .collect()
}

/// The paragraphs of a section and of its subsections, in order.
fn paragraphs_under(report: &Report, root: usize) -> Vec<&Paragraph> {
    report.paragraphs_where(|i, _| i == root)
}

/// The paragraphs of the sections titled one of `titles` and of their subsections; every
/// paragraph (the front matter included) when `titles` is empty.
pub(super) fn prose<'r>(report: &'r Report, titles: &[String]) -> Vec<&'r Paragraph> {
    report.prose(titles)
}

/// Where a finding about the whole report goes: its header, or its start.
fn report_span(report: &Report) -> Span {
    report
        .header
        .as_ref()
        .map_or(0..0, |h| h.span.start..h.span.start + "report".len())
}

/// `require`: every missing table, section or phrase, and every empty table without a note.
pub(super) fn run_require(report: &Report, rule: &Rule, req: &Require, out: &mut Vec<Finding>) {
    let env = Env {
        report,
        params: &rule.params,
        vars: Default::default(),
        places: Default::default(),
        subjects: rule.subjects.as_deref(),
        companions: Default::default(),
    };
    let mut push = |span: Span, label: &str, default: String| {
        let message = match &req.message {
            Some(t) => render(t, &env).unwrap_or(default),
            None => default,
        };
        out.push(finding_at(
            rule,
            rule.severity,
            message,
            (span, label.to_string()),
            None,
        ));
    };
    for id in &req.tables {
        if report.table(id).is_none() {
            push(report_span(report), "报告", format!("缺少表 {id}"));
        }
    }
    for title in &req.titled {
        if report.tables_titled(title).next().is_none() {
            push(report_span(report), "报告", format!("缺少「{title}」"));
        }
    }
    for (name, aliases) in &req.sections {
        let names: Vec<&str> = std::iter::once(name.as_str())
            .chain(aliases.iter().map(String::as_str))
            .collect();
        if sections_named(report, &names).is_empty() {
            push(report_span(report), "报告", format!("缺少章节「{name}」"));
        }
    }
    for (titles, texts) in &req.phrases {
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        for (i, s) in sections_named(report, &titles) {
            if !paragraphs_under(report, i)
                .iter()
                .any(|p| texts.iter().any(|t| p.text.contains(t.as_str())))
            {
                let wanted = texts
                    .iter()
                    .map(|t| format!("「{t}」"))
                    .collect::<Vec<_>>()
                    .join("或");
                push(
                    s.heading.span.clone(),
                    "此章节",
                    format!("「{}」中应说明{wanted}", s.heading.title),
                );
            }
        }
    }
    if req.contents {
        if let Some(listing) = &report.contents {
            // Spaces are not content: PDF extraction and typesetting add and drop them.
            let squeeze = crate::text::squeeze;
            let headings: Vec<String> = report
                .sections
                .iter()
                .map(|s| squeeze(&s.heading.text))
                .collect();
            let tables: Vec<String> = report.tables.iter().map(|t| squeeze(&t.title)).collect();
            for entry in &listing.entries {
                let text = squeeze(&entry.text);
                let title = squeeze(&entry.title);
                if !headings.contains(&text) && !tables.contains(&title) {
                    let message = format!("目录中的「{}」在正文中没有对应的标题或表格", entry.text);
                    push(entry.span.clone(), "目录条目", message);
                }
            }
            // A part missing from the listing; one whose numbering is listed under another
            // wording was reported above, through its entry.
            let listed: Vec<String> = listing.entries.iter().map(|e| squeeze(&e.text)).collect();
            let numbered: Vec<&str> = listing
                .entries
                .iter()
                .filter_map(|e| e.numbering.as_deref())
                .collect();
            for s in report.sections.iter().filter(|s| s.heading.level == 1) {
                let renamed = s
                    .heading
                    .numbering
                    .as_deref()
                    .is_some_and(|n| numbered.contains(&n));
                if !renamed && !listed.contains(&squeeze(&s.heading.text)) {
                    let message = format!("正文的「{}」不在目录中", s.heading.text);
                    push(s.heading.span.clone(), "此部分", message);
                }
            }
        }
    }
    if req.empty_table_note {
        // A table the importer could not read has no data to speak of: it is said unread.
        for t in report
            .tables
            .iter()
            .filter(|t| t.has_no_data() && t.unread.is_none())
        {
            let explained = t.notes.iter().any(|n| {
                req.empty_markers
                    .iter()
                    .any(|m| n.text.contains(m.as_str()))
            });
            if !explained {
                let label = "此表没有数据";
                push(
                    t.id_span.clone(),
                    label,
                    format!(
                        "表{}没有数据，但没有说明原因的表注（如“故本表无数据”）",
                        t.id
                    ),
                );
            }
        }
    }
}

/// `explain` for one instance (one row, or the rule as a whole): when the condition holds, the
/// prose must give a reason after a marker, long enough and not a tautology.
pub(super) fn explain(
    rule: &Rule,
    ex: &Explain,
    env: &Env<'_, '_>,
    out: &mut Vec<Finding>,
) -> Result<(), EvalError> {
    let mut trace = Trace::default();
    if !matches!(eval(&ex.when, env, &mut trace)?, Value::Bool(true)) {
        return Ok(());
    }
    let min = match eval(&ex.min_length, env, &mut Trace::default())? {
        Value::Num(n) => usize::try_from(n.m.value.trunc().mantissa()).unwrap_or(0),
        _ => 0,
    };
    let report = env.report;
    let scope = prose(report, &ex.sections);
    // With a row, the explanation is looked for where the prose names the row: that paragraph
    // and the one after it (an item's title and its sentence are often two paragraphs).
    let row_name = match env.vars.get("row") {
        Some(Value::Row(r)) => r.row().name.clone(),
        _ => None,
    };
    let candidates: Vec<(usize, &Paragraph)> = match &row_name {
        Some(name) => scope
            .iter()
            .enumerate()
            .filter(|(_, p)| p.text.contains(name.as_str()))
            .map(|(i, p)| (i, *p))
            .collect(),
        None => scope.iter().copied().enumerate().collect(),
    };
    let reasons = |p: &Paragraph| reasons(&p.text, &ex.markers);
    let explained = candidates.iter().any(|(i, p)| {
        let next = scope.get(i + 1).map(|n| reasons(n)).unwrap_or_default();
        reasons(p)
            .into_iter()
            .chain(next)
            .any(|r| real_reason(&r, min, &ex.tautologies))
    });
    if explained {
        return Ok(());
    }
    let message = render(&ex.message, env)?;
    let mut f = super::finding(rule, rule.severity, message, None, &trace, false);
    // Point at the sentence about the row when there is one, the figures as labels.
    if let Some((_, p)) = candidates.first().filter(|_| row_name.is_some()) {
        let primary = std::mem::replace(&mut f.primary, (p.span.clone(), "此处应说明原因".into()));
        if !primary.0.is_empty() {
            f.secondary.insert(0, primary);
        }
    }
    f.help = Some(format!(
        "在说明中写明原因，如“{}……”",
        ex.markers.first().map_or("主要原因是", String::as_str)
    ));
    if f.severity == Severity::Info {
        f.severity = rule.severity;
    }
    out.push(f);
    Ok(())
}

/// Every reason the text gives: what follows a marker, up to the end of its sentence.
fn reasons(text: &str, markers: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for m in markers {
        for (at, _) in text.match_indices(m.as_str()) {
            let rest = text[at + m.len()..].trim_start_matches(['：', ':', ' ', '　']);
            let end = rest.find(['。', '；', ';']).unwrap_or(rest.len());
            out.push(rest[..end].trim().to_string());
        }
    }
    out
}

/// A reason with content: long enough, and not one of the tautologies.
fn real_reason(reason: &str, min: usize, tautologies: &[String]) -> bool {
    let core = reason.trim_matches(|c: char| c.is_whitespace() || "，,。；;：:".contains(c));
    core.chars().count() >= min && !tautologies.iter().any(|t| core == t.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_follow_markers_to_the_end_of_the_sentence() {
        let markers = vec!["主要原因是".to_string(), "原因是".to_string()];
        let found = reasons(
            "决算数大于年初预算数的主要原因是：年初无预算，年中科目调剂。其他",
            &markers,
        );
        assert_eq!(found[0], "年初无预算，年中科目调剂");
    }

    #[test]
    fn a_reason_must_have_content() {
        let tautologies = vec!["无此项支出".to_string()];
        assert!(real_reason(
            "在编人员和政府雇员人数增加导致人员经费的增加",
            6,
            &tautologies
        ));
        assert!(!real_reason("无此项支出", 2, &tautologies));
        assert!(!real_reason("见上", 6, &tautologies));
    }
}
