//! Machine output: `{"version": 1, "findings": [...]}` (documented in docs/json.md). Lines and
//! columns are 1-based; columns count Unicode scalar values, not bytes (an editor converts to
//! its own unit, UTF-16 for the language server protocol); an end position points just past the
//! last character.

use serde_json::{json, Value};

use super::{Diagnostic, FileDiagnostics, Lines};

/// The version of the JSON shape; raised when a field is removed or renamed.
pub const VERSION: u32 = 1;

/// The JSON document for several files' diagnostics.
pub fn render_json(files: &[FileDiagnostics<'_>]) -> String {
    json_document(files.iter().flat_map(json_findings).collect())
}

/// One file's findings as the JSON document lists them: what a batch check keeps of a file
/// (located, so its text can go) until it writes the document with [`json_document`].
pub fn json_findings(file: &FileDiagnostics<'_>) -> Vec<Value> {
    let lines = Lines::new(file.source);
    file.diagnostics
        .iter()
        .map(|d| finding(file.name, &lines, d))
        .collect()
}

/// The JSON document of findings made by [`json_findings`], in order.
pub fn json_document(findings: Vec<Value>) -> String {
    let doc = json!({ "version": VERSION, "findings": findings });
    // `{:#}` is serde_json's pretty printer, infallible on a `Value`.
    format!("{doc:#}")
}

fn finding(file: &str, lines: &Lines<'_>, d: &Diagnostic) -> Value {
    let (start, end) = lines.range(&d.primary.0);
    let labels: Vec<Value> = d
        .secondary
        .iter()
        .map(|(span, message)| {
            let (s, e) = lines.range(span);
            json!({ "message": message, "line": s.0, "column": s.1, "end_line": e.0, "end_column": e.1 })
        })
        .collect();
    json!({
        "file": file,
        "rule": d.code,
        "severity": d.severity.word(),
        "message": d.message,
        "line": start.0,
        "column": start.1,
        "end_line": end.0,
        "end_column": end.1,
        "label": d.primary.1,
        "labels": labels,
        "help": d.help,
        "note": d.note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::Severity;

    #[test]
    fn positions_count_characters_not_bytes() {
        let source = "report\n合计 | 1,02\n";
        let d = Diagnostic {
            severity: Severity::Error,
            code: "syntax/malformed-amount".into(),
            message: "金额格式错误：`1,02`".into(),
            primary: (16..20, "不是有效的金额".into()),
            secondary: vec![(7..13, "行".into())],
            help: None,
            note: None,
        };
        let out = render_json(&[FileDiagnostics {
            name: "a.fis",
            source,
            diagnostics: &[d],
        }]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let f = &v["findings"][0];
        assert_eq!(v["version"], 1);
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(2), Some(6))
        );
        assert_eq!(
            (f["end_line"].as_u64(), f["end_column"].as_u64()),
            (Some(2), Some(10))
        );
        assert_eq!(f["labels"][0]["column"], 1);
        assert_eq!(
            f["labels"][0]["end_column"], 3,
            "合计 is two characters, six bytes"
        );
        assert_eq!(f["rule"], "syntax/malformed-amount");
        assert_eq!(f["help"], Value::Null);
    }
}
