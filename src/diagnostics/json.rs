//! Machine output: `{"version": 1, "findings": [...]}` (documented in docs/json.md). Lines and
//! columns are 1-based; columns count Unicode scalar values, not bytes (an editor converts to
//! its own unit, UTF-16 for the language server protocol); an end position points just past the
//! last character.

use serde_json::{json, Value};

use super::{Diagnostic, FileDiagnostics, Lines};

/// The version of the JSON shape; raised when a field is removed or renamed.
pub const VERSION: u32 = 1;

/// The JSON document for several files' diagnostics: [`JsonWriter`] over them, which is what a
/// batch check prints piece by piece.
pub fn render_json(files: &[FileDiagnostics<'_>]) -> String {
    let mut writer = JsonWriter::default();
    let mut out = String::new();
    for file in files {
        out.push_str(&writer.part(&json_part(file)));
    }
    out.push_str(&writer.finish());
    out
}

/// One file's findings as the JSON document lists them, already written out: what a batch check
/// keeps of a file (located, so its text can go) until [`JsonWriter::part`] prints it.
#[derive(Debug, Default)]
pub struct JsonPart(String);

/// A file's [`JsonPart`]: each finding written as serde_json's pretty printer writes it inside
/// the document (at the depth of the `findings` array), the findings separated by commas.
pub fn json_part(file: &FileDiagnostics<'_>) -> JsonPart {
    let lines = Lines::new(file.source);
    let mut out = String::new();
    for (i, d) in file.diagnostics.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        let mut value = finding(file.name, &lines, d);
        if file.pages.is_some() {
            file.add_place(&mut value, &d.primary.0);
            if let Some(labels) = value["labels"].as_array_mut() {
                for (label, (span, _)) in labels.iter_mut().zip(&d.secondary) {
                    file.add_place(label, span);
                }
            }
        }
        indented(&mut out, &value, 2);
    }
    JsonPart(out)
}

/// The JSON document written as the files come, in constant memory: its opening with the first
/// part, each file's findings as it is printed, its end last. The pieces put together are
/// exactly `{:#}` (serde_json's pretty printer) of the whole document, byte for byte, with the
/// keys in serde_json's order (sorted: `findings`, then `version`).
#[derive(Debug, Default)]
pub struct JsonWriter {
    /// Whether the opening was written.
    opened: bool,
    /// Whether a finding was written.
    any: bool,
}

impl JsonWriter {
    /// The next piece of the document: its opening if this is the first, then the part's
    /// findings (nothing for a file without any).
    pub fn part(&mut self, part: &JsonPart) -> String {
        let mut out = self.open();
        if !part.0.is_empty() {
            out.push_str(if self.any { ",\n" } else { "\n" });
            out.push_str(&part.0);
            self.any = true;
        }
        out
    }

    /// Whether anything was written yet.
    pub fn opened(&self) -> bool {
        self.opened
    }

    /// The rest of the document (all of it if no part was written), without a final line break.
    pub fn finish(mut self) -> String {
        let mut out = self.open();
        out.push_str(if self.any { "\n  ]" } else { "]" });
        out.push_str(&format!(",\n  \"version\": {VERSION}\n}}"));
        out
    }

    fn open(&mut self) -> String {
        if std::mem::replace(&mut self.opened, true) {
            String::new()
        } else {
            "{\n  \"findings\": [".to_string()
        }
    }
}

/// `value` pretty-printed as it is inside a document at `depth` (two spaces each): every line
/// indented, including the first. Line breaks in a pretty-printed value are all structural
/// (those inside strings are escaped), so indenting its lines indents the value.
pub(super) fn indented(out: &mut String, value: &Value, depth: usize) {
    let pad = "  ".repeat(depth);
    // `{:#}` is serde_json's pretty printer, infallible on a `Value`.
    let text = format!("{value:#}");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&pad);
        out.push_str(line);
    }
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
    let related: Vec<Value> = d
        .related
        .iter()
        .map(|r| {
            let (s, e) = Lines::new(&r.file.source).range(&r.span);
            json!({ "file": r.file.name, "message": r.label, "line": s.0, "column": s.1, "end_line": e.0, "end_column": e.1 })
        })
        .collect();
    let mut value = json!({
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
    });
    // Only a check across documents has places in another file: the key is absent otherwise.
    if !related.is_empty() {
        value["related"] = related.into();
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::Severity;

    #[test]
    fn positions_count_characters_not_bytes() {
        let source = "report\n合计 | 1,02\n";
        let d = Diagnostic {
            related: Vec::new(),
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
            pages: None,
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

    /// The document as one `Value` pretty-printed: what `render_json` printed before it was
    /// written piece by piece, and what the pieces must still add up to.
    fn whole(files: &[FileDiagnostics<'_>]) -> String {
        let findings: Vec<Value> = files
            .iter()
            .flat_map(|f| {
                let lines = Lines::new(f.source);
                f.diagnostics
                    .iter()
                    .map(|d| finding(f.name, &lines, d))
                    .collect::<Vec<_>>()
            })
            .collect();
        format!("{:#}", json!({ "version": VERSION, "findings": findings }))
    }

    #[test]
    fn the_streamed_document_is_the_whole_document_byte_for_byte() {
        let source = "report\n合计 | 1,02\n说明\t\"引号\"\n";
        let d = |code: &str, span: std::ops::Range<usize>, help: Option<&str>| Diagnostic {
            related: Vec::new(),
            severity: Severity::Warning,
            code: code.into(),
            message: "多行\n消息 \"x\"".into(),
            primary: (span, "标签".into()),
            secondary: vec![(0..6, "表头".into())],
            help: help.map(Into::into),
            note: Some("依据".into()),
        };
        let two = [d("a", 16..20, None), d("b", 21..27, Some("改"))];
        let none: [Diagnostic; 0] = [];
        let file = |name, diagnostics| FileDiagnostics {
            name,
            source,
            diagnostics,
            pages: None,
        };
        let cases: Vec<Vec<FileDiagnostics<'_>>> = vec![
            vec![],
            vec![file("a.fis", &none)],
            vec![file("a.fis", &two)],
            vec![
                file("a.fis", &none),
                file("b.fis", &two),
                file("c.fis", &none),
            ],
            vec![
                file("a.fis", &two),
                file("b.fis", &none),
                file("c.fis", &two),
            ],
        ];
        for files in cases {
            let streamed = render_json(&files);
            assert_eq!(streamed, whole(&files));
            let _: Value = serde_json::from_str(&streamed).unwrap();
        }
    }
}
