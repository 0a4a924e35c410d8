//! A baseline: the findings a team accepts for now, so the linter can be adopted on existing
//! reports and fail only on new problems (`--write-baseline FILE`, then `--baseline FILE`).
//!
//! A finding is known by its content, not its place: its rule, the words or figures it points
//! at, and the text of the line they are on ([`fingerprint`]). An edit elsewhere in the report
//! moves lines but changes no fingerprint, so old findings stay hidden; a finding fixed is gone
//! from the check and its entry simply matches nothing; a second finding with the same
//! fingerprint is new (each entry counts how many it accepts).
//!
//! The file is versioned JSON, one entry per accepted finding, with its message for whoever
//! reviews the baseline.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

/// The version of the file's shape.
pub const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The report, as the path relative to the baseline file's folder.
    pub file: String,
    /// The rule.
    pub rule: String,
    /// Its [`fingerprint`].
    pub fingerprint: String,
    /// Its message when accepted (for people; not matched).
    pub message: String,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// [`VERSION`].
    pub version: u32,
    /// The accepted findings.
    pub findings: Vec<Entry>,
}

/// A finding's fingerprint: the project's one content hash (rule, the text pointed at, the text
/// of its lines, whitespace left out; `diagnostics::content_hash`, as SARIF's), without the
/// file's name, since the baseline keys files itself. Stable across runs and platforms.
pub fn fingerprint(d: &Diagnostic, text: &str) -> String {
    fingerprint_in(d, text, &crate::diagnostics::Lines::new(text))
}

/// [`fingerprint`] with the text's line index built by the caller, once for all of a file's
/// findings: building it is a pass over the whole text.
fn fingerprint_in(d: &Diagnostic, text: &str, lines: &crate::diagnostics::Lines<'_>) -> String {
    format!(
        "{:016x}",
        crate::diagnostics::content_hash(d, "", text, lines)
    )
}

impl Baseline {
    /// A baseline accepting every diagnostic given, per file: `(file, text, diagnostics)`.
    pub fn of<'a>(files: impl IntoIterator<Item = (&'a str, &'a str, &'a [Diagnostic])>) -> Self {
        let findings = files
            .into_iter()
            .flat_map(|(file, text, diagnostics)| Baseline::entries(file, text, diagnostics))
            .collect();
        Baseline::from_entries(findings)
    }

    /// One file's entries (`file` is its key): what a batch check keeps of it to write the
    /// baseline at the end with [`Baseline::from_entries`].
    pub fn entries(file: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<Entry> {
        let lines = crate::diagnostics::Lines::new(text);
        diagnostics
            .iter()
            .map(|d| Entry {
                file: file.to_string(),
                rule: d.code.clone(),
                fingerprint: fingerprint_in(d, text, &lines),
                message: d.message.clone(),
            })
            .collect()
    }

    /// The baseline of these entries, in its stable order.
    pub fn from_entries(mut findings: Vec<Entry>) -> Self {
        findings.sort_by(|a, b| {
            (&a.file, &a.rule, &a.fingerprint).cmp(&(&b.file, &b.rule, &b.fingerprint))
        });
        Baseline {
            version: VERSION,
            findings,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut out = serde_json::to_string_pretty(self)?;
        out.push('\n');
        Ok(out)
    }

    /// Reads a baseline file; the error says what is wrong, with its line.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        // A byte-order mark, as some Windows editors save JSON, is not part of the document.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let b: Baseline = serde_json::from_str(text)
            .map_err(|e| format!("第 {} 行第 {} 列：{e}", e.line(), e.column()))?;
        if b.version != VERSION {
            return Err(format!(
                "版本 {} 不受支持（本版本的 fislint 读写版本 {VERSION}）",
                b.version
            ));
        }
        Ok(b)
    }

    /// The baseline indexed by file, for [`Index::filter`].
    pub fn index(&self) -> Index {
        let mut index = Index::default();
        for e in &self.findings {
            *index
                .by_file
                .entry(e.file.clone())
                .or_default()
                .entry((e.rule.clone(), e.fingerprint.clone()))
                .or_insert(0) += 1;
        }
        index
    }
}

/// A baseline indexed for checking: by file, then by rule and fingerprint, how many findings it
/// accepts. Built once per run ([`Baseline::index`]), so that filtering a file's findings costs
/// what that file has, not what the whole baseline has.
#[derive(Debug, Default)]
pub struct Index {
    by_file: HashMap<String, HashMap<(String, String), usize>>,
}

impl Index {
    /// The diagnostics of one file the baseline does not accept, and how many it accepted.
    pub fn filter(
        &self,
        file: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, usize) {
        let Some(accepted) = self.by_file.get(file) else {
            return (diagnostics, 0);
        };
        let mut budget = accepted.clone();
        let lines = crate::diagnostics::Lines::new(text);
        let mut hidden = 0;
        let kept = diagnostics
            .into_iter()
            .filter(|d| {
                let key = (d.code.clone(), fingerprint_in(d, text, &lines));
                match budget.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        hidden += 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        (kept, hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::Severity;

    fn finding(code: &str, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic {
            related: Vec::new(),
            severity: Severity::Error,
            code: code.into(),
            message: "m".into(),
            primary: (span, String::new()),
            secondary: Vec::new(),
            help: None,
            note: None,
        }
    }

    #[test]
    fn a_fingerprint_is_the_content_not_the_place() {
        let text = "第一行\n增长10.93%，\n";
        let moved = "新插入的一段。\n第一行\n增长 10.93%，\n";
        let a = finding("r", text.find("10.93%").unwrap()..text.find("，").unwrap());
        let b = finding(
            "r",
            moved.find("10.93%").unwrap()..moved.find("，").unwrap(),
        );
        assert_eq!(fingerprint(&a, text), fingerprint(&b, moved));
        let other_rule = finding("s", a.primary.0.clone());
        assert_ne!(fingerprint(&a, text), fingerprint(&other_rule, text));
        assert_eq!(fingerprint(&a, text).len(), 16);
    }

    #[test]
    fn accepted_findings_are_hidden_new_ones_and_extra_copies_are_not() {
        let text = "甲 1\n乙 2\n";
        let one = finding("r", 0..3);
        let two = finding("r", 6..9);
        let baseline = Baseline::of([("a.fis", text, &[one.clone()][..])]);
        let parsed = Baseline::parse(&baseline.to_json().unwrap()).unwrap();
        assert_eq!(parsed, baseline);
        let parsed = parsed.index();
        let (kept, accepted) = parsed.filter("a.fis", text, vec![one.clone(), two.clone()]);
        assert_eq!((kept, accepted), (vec![two.clone()], 1));
        // The same finding twice: the baseline accepted one.
        let (kept, _) = parsed.filter("a.fis", text, vec![one.clone(), one.clone()]);
        assert_eq!(kept.len(), 1);
        // Another file's finding is not accepted.
        let (kept, _) = parsed.filter("b.fis", text, vec![one]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn a_baseline_saved_with_a_byte_order_mark_is_read() {
        let text = "\u{feff}{\"version\": 1, \"findings\": []}";
        assert_eq!(
            Baseline::parse(text).unwrap(),
            Baseline::from_entries(Vec::new())
        );
    }

    #[test]
    fn a_baseline_of_another_version_or_shape_is_refused_with_its_place() {
        assert!(Baseline::parse("{\"version\": 9, \"findings\": []}")
            .unwrap_err()
            .contains("版本 9"));
        assert!(
            Baseline::parse("{\n  \"version\": 1,\n  \"findings\": 3\n}")
                .unwrap_err()
                .starts_with("第 3 行")
        );
    }
}
