//! `--format github`: GitHub Actions workflow commands, one annotation per diagnostic
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::MESSAGE`), which a workflow
//! shows on the lines of a pull request (docs/formats.md).

use super::{Diagnostic, FileDiagnostics, Lines, Severity};

/// Every diagnostic of every file as a workflow command, one per line.
pub fn render_github(files: &[FileDiagnostics<'_>]) -> String {
    let mut out = String::new();
    for f in files {
        let lines = Lines::new(f.source);
        for d in f.diagnostics {
            out.push_str(&command(f.name, &lines, d));
            out.push('\n');
        }
    }
    out
}

fn command(name: &str, lines: &Lines<'_>, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let ((line, col), (end_line, end_col)) = lines.range(&d.primary.0);
    // GitHub takes columns only on a one-line annotation.
    let position = if line == end_line {
        format!("line={line},col={col},endLine={end_line},endColumn={end_col}")
    } else {
        format!("line={line},endLine={end_line}")
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n帮助：");
        message.push_str(help);
    }
    // An annotation has one place: a companion report's is named in the message.
    for r in &d.related {
        message.push_str(&format!("\n对照：{} {}", r.place(), r.label));
    }
    format!(
        "::{level} file={},{position},title={}::{}",
        property(&printable(name)),
        property(&printable(&d.code)),
        data(&printable(&message))
    )
}

/// Text made safe for a workflow command: what [`crate::text::printable`] replaces, and a tab as
/// well, which that keeps (a source line's tab is aligned by the human renderer) but a one-line
/// annotation has no use for and GitHub's escaping has no escape for.
fn printable(text: &str) -> String {
    crate::text::printable(text).replace('\t', " ")
}

/// A command's message escaped as GitHub requires: `%`, carriage return, line feed.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value escaped: the message's escapes, and `:` and `,` which end a property.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(
            data("100% 已完成\r\n下一行: a,b"),
            "100%25 已完成%0D%0A下一行: a,b"
        );
        assert_eq!(
            property("C:\\报告,2021%.fis\n"),
            "C%3A\\报告%2C2021%25.fis%0A"
        );
    }

    #[test]
    fn an_annotation_names_file_lines_columns_and_rule() {
        let source = "report\n合计 | 1,02\n";
        let d = Diagnostic {
            related: Vec::new(),
            severity: Severity::Info,
            code: "a,b:c".into(),
            message: "增长 5%".into(),
            primary: (16..20, String::new()),
            secondary: Vec::new(),
            help: Some("改为 5.0%".into()),
            note: None,
        };
        let out = render_github(&[FileDiagnostics {
            name: "r/a,b.fis",
            source,
            diagnostics: &[d],
            pages: None,
        }]);
        assert_eq!(
            out,
            "::notice file=r/a%2Cb.fis,line=2,col=6,endLine=2,endColumn=10,title=a%2Cb%3Ac::增长 5%25%0A帮助：改为 5.0%25\n"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns() {
        let source = "一\n二\n";
        let d = Diagnostic {
            related: Vec::new(),
            severity: Severity::Error,
            code: "x".into(),
            message: "m".into(),
            primary: (0..5, String::new()),
            secondary: Vec::new(),
            help: None,
            note: None,
        };
        let out = render_github(&[FileDiagnostics {
            name: "a.fis",
            source,
            diagnostics: &[d],
            pages: None,
        }]);
        assert_eq!(out, "::error file=a.fis,line=1,endLine=2,title=x::m\n");
    }

    #[test]
    fn control_characters_and_tabs_are_replaced_in_messages_and_properties() {
        let d = Diagnostic {
            related: Vec::new(),
            severity: Severity::Warning,
            code: "r".into(),
            message: "合计\t1.00\u{1b}[31m 与\u{202E}表不符".into(),
            primary: (0..0, String::new()),
            secondary: Vec::new(),
            help: Some("改为\t2.00".into()),
            note: None,
        };
        let out = render_github(&[FileDiagnostics {
            name: "a\tb\u{1b}.fis",
            source: "",
            diagnostics: &[d],
            pages: None,
        }]);
        assert_eq!(
            out,
            "::warning file=a b .fis,line=1,col=1,endLine=1,endColumn=1,title=r::合计 1.00 [31m 与\u{FFFD}表不符%0A帮助：改为 2.00\n"
        );
        assert!(
            !out.contains(|c: char| c.is_control() && c != '\n'),
            "{out:?}"
        );
    }
}
