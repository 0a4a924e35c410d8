//! Diagnostics as data, and their renderings. A [`Diagnostic`] is a located message with labels;
//! syntax errors become diagnostics here, and each output format is one file (`human`, `json`,
//! `short`, `sarif`, `github`); `statistics` is the count per rule shown after them.

mod github;
mod human;
mod json;
mod sarif;
mod short;
mod statistics;
mod window;

pub use github::render_github;
pub use human::{render_human, HumanOptions};
pub use json::{json_part, render_json, JsonPart, JsonWriter, VERSION as JSON_VERSION};
pub(crate) use sarif::content_hash;
pub use sarif::{
    fingerprints, path_uri, render_sarif, sarif_part, RuleInfo, SarifPart, SarifWriter, Tool,
};
pub use short::render_short;
pub use statistics::render_statistics;

use crate::report::{Span, SyntaxError};
pub use crate::severity::Severity;

/// One file's diagnostics, the input of every machine format.
pub struct FileDiagnostics<'a> {
    /// The file's name as shown to users.
    pub name: &'a str,
    /// Its text (for positions).
    pub source: &'a str,
    /// What was found in it.
    pub diagnostics: &'a [Diagnostic],
}

/// A located message: what is wrong, where, and what else is involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable identifier: `syntax/cell-count`, later a rule id.
    pub code: String,
    /// The message, in one line.
    pub message: String,
    /// The span it is about, and the label shown under it.
    pub primary: (Span, String),
    /// Other spans involved, each with its label.
    pub secondary: Vec<(Span, String)>,
    /// How to fix it.
    pub help: Option<String>,
    /// Why: the rationale of the rule that found it.
    pub note: Option<String>,
}

/// Puts a file's diagnostics in the order every format shows them: by position in the file (its
/// primary span's start, then end), then by code, as rustc and ruff do, so that a quickfix list
/// walks down the file. A diagnostic without a position (its span `0..0`: an unreadable file, a
/// pack that could not load) comes first. The sort is stable: two findings of one rule on one
/// span keep the engine's order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.primary.0.start, a.primary.0.end, &a.code).cmp(&(
            b.primary.0.start,
            b.primary.0.end,
            &b.code,
        ))
    });
}

impl From<&crate::engine::Finding> for Diagnostic {
    fn from(f: &crate::engine::Finding) -> Self {
        Diagnostic {
            severity: f.severity,
            code: f.rule.clone(),
            message: f.message.clone(),
            primary: f.primary.clone(),
            secondary: f.secondary.clone(),
            help: f.help.clone(),
            note: f.note.clone(),
        }
    }
}

impl From<&SyntaxError> for Diagnostic {
    fn from(e: &SyntaxError) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: e.kind.code().to_string(),
            message: e.kind.to_string(),
            primary: (e.span.clone(), e.kind.label()),
            secondary: e.related.clone(),
            help: e.kind.help(),
            note: None,
        }
    }
}

/// Byte offsets to (line, column) in Unicode scalar values, both 1-based: the positions of every
/// machine format.
pub(crate) struct Lines<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { source, starts }
    }

    /// The line and column of a byte offset (snapped to a character boundary).
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = crate::text::floor(self.source, offset);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }

    /// The start and end positions of a span; the end points just past its last character.
    pub(crate) fn range(&self, span: &Span) -> ((usize, usize), (usize, usize)) {
        (
            self.position(span.start),
            self.position(span.end.max(span.start)),
        )
    }

    /// The text of the lines a span is on, without their line breaks.
    pub(crate) fn text_of_lines(&self, span: &Span) -> &'a str {
        let (first, _) = self.position(span.start);
        let (last, _) = self.position(span.end.max(span.start));
        let start = self.starts[first - 1];
        let end = self
            .starts
            .get(last)
            .map_or(self.source.len(), |&next| next - 1);
        self.source[start..end.max(start)].trim_end_matches('\r')
    }
}
