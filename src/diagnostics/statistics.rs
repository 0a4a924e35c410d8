//! `--statistics`: how many findings each rule made, most first, with the rule's title.

use std::collections::BTreeMap;

use super::{FileDiagnostics, RuleInfo};

/// The count per rule over all files (most first, then by id), one line each under a heading:
/// `  12  t05-row-total  表05每行小计等于基本支出与项目支出之和`. Nothing when nothing was found.
pub fn render_statistics(files: &[FileDiagnostics<'_>], rules: &[RuleInfo]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in files.iter().flat_map(|f| f.diagnostics) {
        *counts.entry(d.code.as_str()).or_default() += 1;
    }
    if counts.is_empty() {
        return String::new();
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let count_width = rows[0].1.to_string().len();
    let id_width = rows
        .iter()
        .map(|(id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::from("按规则统计：\n");
    for (id, n) in rows {
        let title = rules.iter().find(|r| r.id == id).map_or("", |r| &r.title);
        let line = format!("  {n:>count_width$}  {id:<id_width$}  {title}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, Severity};

    fn found(code: &str) -> Diagnostic {
        Diagnostic {
            related: Vec::new(),
            severity: Severity::Error,
            code: code.into(),
            message: String::new(),
            primary: (0..0, String::new()),
            secondary: Vec::new(),
            help: None,
            note: None,
        }
    }

    #[test]
    fn rules_are_counted_most_first_then_by_id_with_their_titles() {
        let a: Vec<Diagnostic> = ["b-rule", "syntax/cell-count", "b-rule"]
            .into_iter()
            .map(found)
            .collect();
        let b: Vec<Diagnostic> = ["a-rule", "b-rule"].into_iter().map(found).collect();
        let file = |diagnostics| FileDiagnostics {
            name: "a.fis",
            source: "",
            diagnostics,
            pages: None,
        };
        let rules = [RuleInfo {
            id: "b-rule".into(),
            title: "小计等于各项之和".into(),
            summary: None,
            rationale: String::new(),
            severity: Severity::Error,
        }];
        let out = render_statistics(&[file(&a), file(&b)], &rules);
        assert_eq!(
            out,
            "按规则统计：\n  \
             3  b-rule             小计等于各项之和\n  \
             1  a-rule\n  \
             1  syntax/cell-count\n"
        );
        assert_eq!(render_statistics(&[file(&[])], &rules), "");
    }
}
