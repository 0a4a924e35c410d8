//! Pack errors drawn by miette with their YAML source.
//!
//! What miette is given is a display copy of each file, made safe to print as the rest of fislint
//! prints sources (ARCHITECTURE.md, "Nothing is printed raw"): control characters, C1 controls and
//! bidirectional overrides are replaced (same byte length, so offsets hold), and a line longer
//! than [`LONG_LINE`] bytes is cut to a window around the error on it (or to its start), offsets
//! mapped through the cut. The location in the header counts characters, as codespan does for
//! reports, where miette would count bytes.

use std::fmt;
use std::ops::Range;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::error::{PackError, PackErrorKind};
use super::model::{FileId, SourceFile};
use crate::text::{ceil, floor};

/// Lines longer than this many bytes are shown as a window.
const LONG_LINE: usize = 400;
/// Bytes of context kept on each side of the span in a window.
const CONTEXT: usize = 60;
const ELLIPSIS: &str = "…";

/// Renders `errors` as miette draws them: the message, the code, the YAML source with the span
/// underlined, related labels (in other files: as notes below), the help. Unicode, no colour,
/// 100 columns, so that the output is stable in snapshots.
pub fn render(errors: &[PackError], files: &[SourceFile]) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for error in errors {
        let shown = Shown::new(error, files);
        if handler.render_report(&mut out, &shown).is_err() {
            // Never lose the message because the source could not be drawn.
            out.push_str(&format!("{}: {}\n", error.code(), error.kind));
        }
        out.push('\n');
    }
    out
}

/// A [`PackError`] with its source, as miette wants it.
struct Shown {
    message: String,
    code: &'static str,
    help: Option<String>,
    /// `None` for a file that could not be read: the message names it, there is nothing to show.
    source: Option<Source>,
    labels: Vec<LabeledSpan>,
    /// Related places in other files, each drawn as a note with its own source.
    notes: Vec<Note>,
}

struct Note {
    label: String,
    source: Source,
    span: LabeledSpan,
}

impl Shown {
    fn new(error: &PackError, files: &[SourceFile]) -> Self {
        let (name, text) = file_of(files, error.file);
        let unread = text.is_empty()
            && matches!(
                error.kind,
                PackErrorKind::Missing { .. }
                    | PackErrorKind::Unreadable { .. }
                    | PackErrorKind::UnknownEmbedded { .. }
            );
        let source = Source::new(name, text, &error.span);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(error.kind.label()),
            source.map(&error.span),
        )];
        let mut notes = Vec::new();
        for r in &error.related {
            if r.file == error.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(r.label.clone()),
                    source.map(&r.span),
                ));
            } else {
                let (name, text) = file_of(files, r.file);
                let other = Source::new(name, text, &r.span);
                // The note's message is the label: the span is only underlined.
                let span = LabeledSpan::new_primary_with_span(None, other.map(&r.span));
                notes.push(Note {
                    label: r.label.clone(),
                    source: other,
                    span,
                });
            }
        }
        Shown {
            message: error.kind.to_string(),
            code: error.code(),
            help: error.help(),
            source: (!unread).then_some(source),
            labels: if unread { Vec::new() } else { labels },
            notes,
        }
    }
}

fn file_of(files: &[SourceFile], id: FileId) -> (&str, &str) {
    files
        .get(id)
        .map_or(("<unknown>", ""), |f| (f.name.as_str(), &f.text))
}

/// A file as shown: printable, long lines cut.
struct Source {
    name: String,
    /// The display copy.
    text: String,
    /// The lines cut, in order.
    cuts: Vec<Cut>,
    /// The primary span's display offset and its column in the file, in characters.
    primary: (usize, usize),
}

/// A long line cut to a window.
struct Cut {
    /// The line in the file, without its line break.
    line: Range<usize>,
    /// The part of it kept.
    kept: Range<usize>,
    /// Where the kept part starts in the display text.
    shown: usize,
    /// Where the line ends in the display text (after a trailing `…`).
    shown_end: usize,
}

impl Source {
    /// The display copy of `text`; `primary` decides where the window of its line is.
    fn new(name: &str, text: &str, primary: &Range<usize>) -> Self {
        let text = crate::text::printable(text);
        let at = floor(&text, primary.start);
        let mut shown = String::with_capacity(text.len().min(1 << 16));
        let mut cuts = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
            if line_end - line_start <= LONG_LINE {
                shown.push_str(line);
            } else {
                let centre = if (line_start..=line_end).contains(&at) {
                    at
                } else {
                    line_start
                };
                let span_end = primary
                    .end
                    .clamp(centre, line_end)
                    .min(centre + CONTEXT * 2);
                let mut start = floor(&text, centre.saturating_sub(CONTEXT).max(line_start));
                if start - line_start < ELLIPSIS.len() {
                    start = line_start;
                }
                let end = ceil(&text, (span_end + CONTEXT).min(line_end));
                if start > line_start {
                    shown.push_str(ELLIPSIS);
                }
                let kept_at = shown.len();
                shown.push_str(&text[start..end]);
                if end < line_end {
                    shown.push_str(ELLIPSIS);
                }
                cuts.push(Cut {
                    line: line_start..line_end,
                    kept: start..end,
                    shown: kept_at,
                    shown_end: shown.len(),
                });
                shown.push_str(&line[line_end - line_start..]);
            }
            line_start += line.len();
        }
        let line_of_at = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_of_at..at].chars().count();
        let mut source = Source {
            name: name.to_string(),
            text: shown,
            cuts,
            primary: (0, column),
        };
        source.primary.0 = source.offset(at);
        source
    }

    /// The display offset of a file offset. An offset in the part of a line that was cut away
    /// maps to the `…` that stands for it.
    fn offset(&self, at: usize) -> usize {
        let Some(cut) = self.cuts.iter().rev().find(|c| c.line.start <= at) else {
            return at.min(self.text.len());
        };
        let at = if at > cut.line.end {
            cut.shown_end + (at - cut.line.end)
        } else if at < cut.kept.start {
            cut.shown - ELLIPSIS.len()
        } else {
            cut.shown + (at.min(cut.kept.end) - cut.kept.start)
        };
        at.min(self.text.len())
    }

    /// A file span as a display span miette can draw.
    fn map(&self, span: &Range<usize>) -> SourceSpan {
        let start = self.offset(span.start);
        let end = self.offset(span.end.max(span.start)).max(start);
        (start, end - start).into()
    }
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        // Miette asks for the primary span with no context to write `name:line:column`.
        let column = if before == 0 && span.offset() == self.primary.0 {
            self.primary.1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.notes.is_empty() {
            return None;
        }
        Some(Box::new(self.notes.iter().map(|n| n as &dyn Diagnostic)))
    }
}

impl fmt::Debug for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl std::error::Error for Note {}

impl Diagnostic for Note {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.span.clone())))
    }
}
