//! Human output: diagnostics rendered as rustc prints them, with the source line and carets
//! under the offending text (codespan-reporting, which measures CJK characters as two columns).

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use super::window::{WindowFile, LONG_LINE};
use super::{Diagnostic, Severity};

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Emit ANSI colour codes.
    pub color: bool,
}

/// Renders `diagnostics` about the file `name`, whose text is `source`.
pub fn render_human(
    name: &str,
    source: &str,
    diagnostics: &[Diagnostic],
    options: HumanOptions,
) -> String {
    let mut buffer = if options.color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    let source = crate::text::printable(source);
    let source = source.as_ref();
    for d in diagnostics {
        let line = line_of(source, d.primary.0.start);
        let rendered = if line.len() > LONG_LINE {
            let file = WindowFile::new(name, source, &d.primary.0);
            let cs = to_codespan(d, Some(&file));
            term::emit_to_write_style(&mut buffer, &config, &file, &cs)
        } else {
            let file = SimpleFile::new(name, source);
            term::emit_to_write_style(&mut buffer, &config, &file, &to_codespan(d, None))
        };
        if rendered.is_err() {
            // A span outside its source is a bug elsewhere; the message must still get out.
            let plain = plain_line(name, source, d);
            let _ = std::io::Write::write_all(&mut buffer, plain.as_bytes());
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// `file:line:col: error[code]: message`, for a diagnostic codespan could not render.
fn plain_line(name: &str, source: &str, d: &Diagnostic) -> String {
    let (line, column) = super::json::Lines::new(source).position(d.primary.0.start);
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    format!(
        "{name}:{line}:{column}: {severity}[{}]: {}\n\n",
        d.code, d.message
    )
}

fn line_of(source: &str, at: usize) -> &str {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    &source[start..end]
}

fn to_codespan(d: &Diagnostic, window: Option<&WindowFile>) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let map = |span: &crate::report::Span| match window {
        Some(w) => w.map(span),
        None => Some(span.clone()),
    };
    let mut labels = Vec::new();
    if let Some(span) = map(&d.primary.0) {
        labels.push(Label::primary((), span).with_message(d.primary.1.clone()));
    }
    for (span, message) in &d.secondary {
        if let Some(span) = map(span) {
            labels.push(Label::secondary((), span).with_message(message.clone()));
        }
    }
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("帮助：{help}"));
    }
    if let Some(note) = &d.note {
        notes.push(note.clone());
    }
    CsDiagnostic::new(severity)
        .with_code(d.code.clone())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: "syntax/unexpected".into(),
            message: "此处有误".into(),
            primary: (span, "这里".into()),
            secondary: vec![],
            help: None,
            note: None,
        }
    }

    #[test]
    fn carets_sit_under_cjk_characters() {
        let source = "合计 | 1,02\n";
        let out = render_human(
            "a.fis",
            source,
            &[diagnostic(9..13)],
            HumanOptions::default(),
        );
        let lines: Vec<&str> = out.lines().collect();
        let code = lines.iter().find(|l| l.contains("合计")).unwrap();
        let carets = lines.iter().find(|l| l.contains('^')).unwrap();
        // "合计 | " is 7 columns wide (two CJK characters count two each): the carets start there.
        let code_start = code.find("合计").unwrap();
        assert_eq!(carets.find('^').unwrap() - code_start, 7, "{out}");
        assert_eq!(carets.matches('^').count(), 4);
        assert!(out.contains("a.fis:1:6"), "columns count characters: {out}");
    }

    #[test]
    fn a_span_outside_the_source_still_prints_the_message() {
        let out = render_human(
            "a.fis",
            "甲\n",
            &[diagnostic(40..50)],
            HumanOptions::default(),
        );
        assert!(out.contains("此处有误"), "{out}");
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let source = "段落\u{1b}[2J\u{9b}31m\u{202e}反\n";
        let out = render_human(
            "a.fis",
            source,
            &[diagnostic(6..7)],
            HumanOptions::default(),
        );
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{202e}'),
            "{out:?}"
        );
    }
}
