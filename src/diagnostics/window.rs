//! A view of one very long line (a 5 MB line of garbage, say) cut down to the part around a
//! span, that still reports the real line and column numbers.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::text::{ceil, floor};

/// Lines longer than this many bytes are shown as a window around the span.
pub(crate) const LONG_LINE: usize = 400;
/// How many bytes of context to keep on each side of the span.
const CONTEXT: usize = 60;
const ELLIPSIS: &str = "…";

pub(crate) struct WindowFile<'a> {
    name: &'a str,
    /// `…` + the window + `…`.
    text: String,
    /// Byte offset in the source of the window's first byte.
    start: usize,
    end: usize,
    /// 0-based line index of the line in the source.
    line: usize,
    /// Characters on the line before the window.
    column_base: usize,
}

impl<'a> WindowFile<'a> {
    pub(crate) fn new(name: &'a str, source: &str, span: &Range<usize>) -> Self {
        let at = span.start.min(source.len());
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        let span_end = span.end.clamp(at, line_end).min(at + CONTEXT * 2);
        let start = floor(source, at.saturating_sub(CONTEXT).max(line_start));
        let end = ceil(source, (span_end + CONTEXT).min(line_end));
        let mut text = String::new();
        if start > line_start {
            text.push_str(ELLIPSIS);
        }
        text.push_str(&source[start..end]);
        if end < line_end {
            text.push_str(ELLIPSIS);
        }
        WindowFile {
            name,
            text,
            start,
            end,
            line: source[..line_start].matches('\n').count(),
            column_base: source[line_start..start].chars().count(),
        }
    }

    fn lead(&self) -> usize {
        if self.column_base > 0 {
            ELLIPSIS.len()
        } else {
            0
        }
    }

    /// The span in the window's text, or `None` when it lies outside the window.
    pub(crate) fn map(&self, span: &Range<usize>) -> Option<Range<usize>> {
        if span.start < self.start || span.start > self.end {
            return None;
        }
        let end = span.end.clamp(span.start, self.end);
        Some(span.start - self.start + self.lead()..end - self.start + self.lead())
    }
}

impl<'a> Files<'a> for WindowFile<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, Error> {
        Ok(self.line + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let i = floor(&self.text, byte_index.min(self.text.len()));
        let shown = self.text[..i].chars().count();
        let lead = if self.lead() > 0 { 1 } else { 0 };
        Ok(self.column_base + shown.saturating_sub(lead) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        match line_index {
            0 => Ok(0..self.text.len()),
            _ => Err(Error::LineTooLarge {
                given: line_index,
                max: 0,
            }),
        }
    }
}
