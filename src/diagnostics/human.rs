//! Human output: diagnostics rendered as rustc prints them, with the source line and carets
//! under the offending text (codespan-reporting, which measures CJK characters as two columns).

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use super::window::{line_starts, Excerpt, LONG_LINE};
use super::{Diagnostic, PageMap, Severity};

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions<'a> {
    /// Emit ANSI colour codes.
    pub color: bool,
    /// How many threads rendering may use (0 and 1: the calling thread alone).
    pub threads: usize,
    /// Where the text was printed, for a PDF: each diagnostic's place is then named by its page
    /// as well (`report.pdf:第13页:394:28`).
    pub pages: Option<&'a PageMap>,
}

/// Renders `diagnostics` about the file `name`, whose text is `source`.
pub fn render_human(
    name: &str,
    source: &str,
    diagnostics: &[Diagnostic],
    options: HumanOptions<'_>,
) -> String {
    let source = crate::text::printable(source);
    let source = source.as_ref();
    // Made once: codespan's `SimpleFile` indexes the lines of the whole source when made.
    let file = SimpleFile::new(name, source);
    let starts = line_starts(source);
    let config = Config::default();
    // Each diagnostic is rendered on its own, so they can be rendered on several threads.
    let rendered = crate::parallel::map(diagnostics, options.threads, |d| {
        let page = options
            .pages
            .and_then(|p| p.place(source, &d.primary.0))
            .map(|p| format!("{name}:第{}页", p.page));
        match page {
            // The page in the name codespan prints before the line and column.
            Some(paged) => {
                let file = SimpleFile::new(paged.as_str(), source);
                render_one(options.color, &config, &paged, source, &file, &starts, d)
            }
            None => render_one(options.color, &config, name, source, &file, &starts, d),
        }
    });
    String::from_utf8_lossy(&rendered.concat()).into_owned()
}

/// One diagnostic rendered.
fn render_one(
    color: bool,
    config: &Config,
    name: &str,
    source: &str,
    file: &SimpleFile<&str, &str>,
    starts: &[usize],
    d: &Diagnostic,
) -> Vec<u8> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    if !d.related.is_empty() {
        return render_related(buffer, config, name, source, d);
    }
    let long = std::iter::once(&d.primary.0)
        .chain(d.secondary.iter().map(|(span, _)| span))
        .any(|span| line_of(source, span.start).len() > LONG_LINE);
    let rendered = if long {
        let spans: Vec<_> = std::iter::once(d.primary.0.clone())
            .chain(d.secondary.iter().map(|(span, _)| span.clone()))
            .collect();
        let file = Excerpt::new(name, source, starts, &spans);
        let cs = to_codespan(d, Some(&file));
        term::emit_to_write_style(&mut buffer, config, &file, &cs)
    } else {
        term::emit_to_write_style(&mut buffer, config, file, &to_codespan(d, None))
    };
    if rendered.is_err() {
        // A span outside its source is a bug elsewhere; the message must still get out.
        let plain = plain_line(name, source, d);
        let _ = std::io::Write::write_all(&mut buffer, plain.as_bytes());
    }
    buffer.into_inner()
}

/// A diagnostic with places in other files (a check across documents): rendered over several
/// files, each related place labelled in an excerpt of its own file.
fn render_related(
    mut buffer: Buffer,
    config: &Config,
    name: &str,
    source: &str,
    d: &Diagnostic,
) -> Vec<u8> {
    let mut files = codespan_reporting::files::SimpleFiles::new();
    let this = files.add(name.to_string(), source.to_string());
    let mut cs = to_codespan(d, None).with_labels(Vec::new());
    let mut labels: Vec<Label<usize>> = Vec::new();
    labels.push(Label::primary(this, d.primary.0.clone()).with_message(d.primary.1.clone()));
    for (span, message) in &d.secondary {
        labels.push(Label::secondary(this, span.clone()).with_message(message.clone()));
    }
    let mut ids: Vec<(*const super::OtherFile, usize)> = Vec::new();
    for r in &d.related {
        let key = std::sync::Arc::as_ptr(&r.file);
        let id = match ids.iter().find(|(k, _)| *k == key) {
            Some((_, id)) => *id,
            None => {
                let id = files.add(
                    r.file.name.clone(),
                    crate::text::printable(&r.file.source).into_owned(),
                );
                ids.push((key, id));
                id
            }
        };
        labels.push(Label::secondary(id, r.span.clone()).with_message(r.label.clone()));
    }
    let diagnostic = CsDiagnostic::new(cs.severity)
        .with_code(cs.code.take().unwrap_or_default())
        .with_message(std::mem::take(&mut cs.message))
        .with_labels(labels)
        .with_notes(std::mem::take(&mut cs.notes));
    if term::emit_to_write_style(&mut buffer, config, &files, &diagnostic).is_err() {
        let plain = plain_line(name, source, d);
        let _ = std::io::Write::write_all(&mut buffer, plain.as_bytes());
    }
    buffer.into_inner()
}

/// `file:line:col: error[code]: message`, for a diagnostic codespan could not render.
fn plain_line(name: &str, source: &str, d: &Diagnostic) -> String {
    let (line, column) = super::Lines::new(source).position(d.primary.0.start);
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

fn to_codespan(d: &Diagnostic, window: Option<&Excerpt>) -> CsDiagnostic<()> {
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
            related: Vec::new(),
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

    #[test]
    fn a_long_paragraph_is_cut_and_labels_on_other_lines_stay() {
        // Line 1: a table cell; line 2: between; line 3: far; line 5: a 2 KB paragraph.
        let cell = "基本工资 | 38.17\n";
        let paragraph = format!(
            "{}主要包括基本工资38.71万元{}\n",
            "甲".repeat(300),
            "乙".repeat(300)
        );
        let source = format!("{cell}第二行\n第三行\n第四行\n{paragraph}");
        let col = |l: &str, needle: &str| unicode_columns(&l[..l.find(needle).unwrap()]);
        let stated = source.find("38.71").unwrap();
        let mut d = diagnostic(stated..stated + 5);
        let cell_at = source.find("38.17").unwrap();
        d.secondary = vec![(cell_at..cell_at + 5, "表06".into())];
        let out = render_human("a.fis", &source, &[d], HumanOptions::default());
        let lines: Vec<&str> = out.lines().collect();
        // The real line and column of the stated figure (308 characters before it on its line).
        assert!(out.contains("a.fis:5:309"), "{out}");
        assert!(
            lines.iter().any(|l| l.starts_with("1 │ 基本工资 | 38.17")),
            "{out}"
        );
        let cell_line = lines.iter().find(|l| l.starts_with("1 │")).unwrap();
        let dashes = lines.iter().find(|l| l.contains("----- 表06")).unwrap();
        assert_eq!(col(dashes, "-"), col(cell_line, "38.17"), "{out}");
        // The lines between are a break, and the paragraph is a window around the figure.
        assert!(lines.iter().any(|l| l.trim() == "·"), "{out}");
        assert!(!out.contains("第三行"), "{out}");
        let shown = lines.iter().find(|l| l.starts_with("5 │")).unwrap();
        assert!(
            shown.contains("…") && shown.contains("38.71") && shown.chars().count() < 200,
            "{out}"
        );
        // The carets sit under the figure in the window.
        let carets = lines.iter().find(|l| l.contains('^')).unwrap();
        assert_eq!(col(carets, "^"), col(shown, "38.71"), "{out}");
    }

    #[test]
    fn a_line_between_two_labelled_lines_is_shown_as_codespan_would() {
        let long = format!("{}38.71\n", "甲".repeat(200));
        let source = format!("合计 | 1\n中间一行\n{long}");
        let at = source.find("38.71").unwrap();
        let mut d = diagnostic(at..at + 5);
        d.secondary = vec![(9..10, "表".into())];
        let out = render_human("a.fis", &source, &[d], HumanOptions::default());
        assert!(out.contains("2 │ 中间一行"), "{out}");
        assert!(out.contains("a.fis:3:201"), "{out}");
    }

    /// Terminal columns of a text: CJK characters count two (`…` is one).
    fn unicode_columns(s: &str) -> usize {
        s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum()
    }
}
