//! `--format short`: one line per diagnostic, `path:line:col: severity[rule-id]: message`, for
//! editors' problem matchers and Vim's quickfix list (docs/formats.md). Lines and columns are
//! 1-based; columns count characters, as in the JSON output.

use super::{Diagnostic, FileDiagnostics, Lines};

/// Every diagnostic of every file, one line each, in the order given.
pub fn render_short(files: &[FileDiagnostics<'_>]) -> String {
    let mut out = String::new();
    for f in files {
        let lines = Lines::new(f.source);
        for d in f.diagnostics {
            out.push_str(&line(f.name, &lines, d));
            out.push('\n');
        }
    }
    out
}

fn line(name: &str, lines: &Lines<'_>, d: &Diagnostic) -> String {
    let (line, column) = lines.position(d.primary.0.start);
    // A check across documents names the other file's place after the message, on the line.
    let related: String = d
        .related
        .iter()
        .map(|r| format!("（对照 {}）", one_line(&r.place())))
        .collect();
    format!(
        "{name}:{line}:{column}: {}[{}]: {}{related}",
        d.severity.word(),
        d.code,
        one_line(&d.message)
    )
}

/// A message on one line: line breaks and other control characters become spaces, so that a
/// multi-line message (an embedded pack's load errors) stays one entry of a quickfix list.
fn one_line(message: &str) -> String {
    let flat: String = message
        .trim_end()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    crate::text::printable(&flat).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::Severity;

    fn diagnostic(
        severity: Severity,
        primary: std::ops::Range<usize>,
        message: &str,
    ) -> Diagnostic {
        Diagnostic {
            related: Vec::new(),
            severity,
            code: "t05-row-total".into(),
            message: message.into(),
            primary: (primary, "小计".into()),
            secondary: vec![(0..6, "行".into())],
            help: Some("改正小计".into()),
            note: None,
        }
    }

    #[test]
    fn each_diagnostic_is_one_line_of_path_line_column_severity_rule_and_message() {
        let source = "report\n合计 | 1,02\n";
        let diagnostics = [
            diagnostic(Severity::Error, 16..20, "小计 1,02 不等于 3"),
            diagnostic(Severity::Warning, 7..13, "两行\n消息"),
            diagnostic(Severity::Info, 0..0, "提示"),
        ];
        let out = render_short(&[FileDiagnostics {
            name: "reports/a.fis",
            source,
            diagnostics: &diagnostics,
            pages: None,
        }]);
        assert_eq!(
            out,
            "reports/a.fis:2:6: error[t05-row-total]: 小计 1,02 不等于 3\n\
             reports/a.fis:2:1: warning[t05-row-total]: 两行 消息\n\
             reports/a.fis:1:1: info[t05-row-total]: 提示\n"
        );
    }

    #[test]
    fn no_diagnostics_is_no_output() {
        let out = render_short(&[FileDiagnostics {
            name: "a.fis",
            source: "",
            diagnostics: &[],
            pages: None,
        }]);
        assert_eq!(out, "");
    }
}
