//! An excerpt of a source for codespan: only the lines a diagnostic labels, each very long line
//! (a 2 KB paragraph, a 5 MB line of garbage) cut down to the part around its labels, still
//! reporting the real line and column numbers.
//!
//! The excerpt is a small text of its own, one excerpt line per source line shown. Lines one
//! apart in the source are shown with the line between them, as codespan would; lines further
//! apart are separated by two empty excerpt lines, which codespan draws as a break (`·`).

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::text::{ceil, floor};

/// Lines longer than this many bytes are shown as a window around their labels.
pub(crate) const LONG_LINE: usize = 400;
/// How many bytes of context to keep on each side of the labels of a long line.
const CONTEXT: usize = 60;
/// The widest part of a long line shown between its first and last label.
const WIDEST: usize = 240;
const ELLIPSIS: &str = "…";

/// One excerpt line: a source line, or the part of it that is shown.
struct Shown {
    /// Byte range of the excerpt line in `Excerpt::text` (without its `\n`).
    at: Range<usize>,
    /// Byte range of the source shown.
    source: Range<usize>,
    /// Whether an ellipsis precedes the shown part.
    lead: bool,
    /// 0-based line index in the source.
    line: usize,
    /// A break between distant lines, showing nothing.
    is_break: bool,
    /// Characters on the source line before the shown part.
    column_base: usize,
}

pub(crate) struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<Shown>,
}

/// Line starts of a source: `starts[i]` is the byte offset of line `i`.
pub(crate) fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl<'a> Excerpt<'a> {
    /// The excerpt showing every span of `spans` (the first is the primary one); `starts` are
    /// the source's [`line_starts`].
    pub(crate) fn new(
        name: &'a str,
        source: &str,
        starts: &[usize],
        spans: &[Range<usize>],
    ) -> Self {
        let line_of = |at: usize| starts.partition_point(|&s| s <= at.min(source.len())) - 1;
        let line_range = |line: usize| {
            let start = starts[line];
            let end = starts
                .get(line + 1)
                .map_or(source.len(), |&next| next - 1)
                .max(start);
            start..end
        };
        // Each labelled line with the byte range its labels cover on it.
        let mut wanted: Vec<(usize, Range<usize>)> = Vec::new();
        for span in spans {
            let line = line_of(span.start);
            let range = line_range(line);
            let start = span.start.clamp(range.start, range.end);
            let end = span.end.clamp(start, range.end);
            match wanted.iter_mut().find(|(l, _)| *l == line) {
                Some((_, covered)) => {
                    covered.start = covered.start.min(start);
                    covered.end = covered.end.max(end);
                }
                None => wanted.push((line, start..end)),
            }
        }
        wanted.sort_by_key(|(l, _)| *l);
        // A line between two labelled lines is shown too, as codespan shows it.
        let mut with_between = Vec::new();
        for (i, (line, covered)) in wanted.iter().enumerate() {
            if i > 0 && wanted[i - 1].0 + 2 == *line {
                let between = line_range(line - 1);
                with_between.push((line - 1, between.start..between.start));
            }
            with_between.push((*line, covered.clone()));
        }
        let mut excerpt = Excerpt {
            name,
            text: String::new(),
            lines: Vec::new(),
        };
        let mut previous: Option<usize> = None;
        for (line, covered) in with_between {
            if previous.is_some_and(|p| line > p + 1) {
                excerpt.push_break();
                excerpt.push_break();
            }
            excerpt.push_line(source, line, line_range(line), covered);
            previous = Some(line);
        }
        excerpt
    }

    fn push_break(&mut self) {
        let at = self.text.len();
        self.text.push('\n');
        self.lines.push(Shown {
            at: at..at,
            source: 0..0,
            lead: false,
            line: 0,
            is_break: true,
            column_base: 0,
        });
    }

    fn push_line(&mut self, source: &str, line: usize, range: Range<usize>, covered: Range<usize>) {
        let (start, end) = if range.len() > LONG_LINE {
            let covered_end = covered.end.min(covered.start + WIDEST);
            (
                floor(
                    source,
                    covered.start.saturating_sub(CONTEXT).max(range.start),
                ),
                ceil(source, (covered_end + CONTEXT).min(range.end)),
            )
        } else {
            (range.start, range.end)
        };
        let at = self.text.len();
        let lead = start > range.start;
        if lead {
            self.text.push_str(ELLIPSIS);
        }
        self.text.push_str(&source[start..end]);
        if end < range.end {
            self.text.push_str(ELLIPSIS);
        }
        let shown_end = self.text.len();
        self.text.push('\n');
        self.lines.push(Shown {
            at: at..shown_end,
            source: start..end,
            lead,
            line,
            is_break: false,
            column_base: source[range.start..start].chars().count(),
        });
    }

    /// The span in the excerpt's text, or `None` when it is not shown (a label beyond the
    /// window of a long line). A span is cut at the end of its first line.
    pub(crate) fn map(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let shown = self
            .lines
            .iter()
            .filter(|l| !l.is_break)
            .find(|l| span.start >= l.source.start && span.start <= l.source.end)?;
        let lead = if shown.lead { ELLIPSIS.len() } else { 0 };
        let base = shown.at.start + lead;
        let end = span.end.clamp(span.start, shown.source.end);
        Some(base + span.start - shown.source.start..base + end - shown.source.start)
    }

    fn shown(&self, line_index: usize) -> Result<&Shown, Error> {
        self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        let i = self
            .lines
            .partition_point(|l| l.at.start <= byte_index)
            .saturating_sub(1);
        Ok(i)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.shown(line_index)?.line + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let shown = self.shown(line_index)?;
        let i = floor(&self.text, byte_index.clamp(shown.at.start, shown.at.end));
        let chars = self.text[shown.at.start..i].chars().count();
        let lead = usize::from(shown.lead);
        Ok(shown.column_base + chars.saturating_sub(lead) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let shown = self.shown(line_index)?;
        // codespan expects the range to include the line break.
        Ok(shown.at.start..(shown.at.end + 1).min(self.text.len()))
    }
}
