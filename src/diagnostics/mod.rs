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

/// Where each line of a file's text was printed, for a text read from a PDF: every format can
/// then say a finding's page and the rectangle of what it points at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMap {
    /// Per line of the text (0-based): its page (1-based; 0 for a line no page printed) and,
    /// per character, the box of its glyph in PDF coordinates (points, origin at the page's
    /// bottom left): `[x0, y0, x1, y1]`.
    pub lines: Vec<(u32, Vec<Option<[f32; 4]>>)>,
}

/// Where a span of the text is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// The page, 1-based.
    pub page: u32,
    /// The rectangle around its characters on the page, in PDF coordinates.
    pub rect: [f32; 4],
}

impl PageMap {
    /// Where the characters of `span` on its first line are printed; `None` for a span that
    /// covers no printed character (a finding about the whole file).
    pub fn place(&self, source: &str, span: &Span) -> Option<Place> {
        let start = crate::text::floor(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_no = source[..line_start].matches('\n').count();
        let (page, boxes) = self.lines.get(line_no)?;
        let line_end = source[line_start..]
            .find('\n')
            .map_or(source.len(), |i| line_start + i);
        let end = crate::text::ceil(source, span.end.min(line_end).max(start));
        let first = source[line_start..start].chars().count();
        let count = source[start..end].chars().count().max(1);
        let mut rect: Option<[f32; 4]> = None;
        for b in boxes.iter().skip(first).take(count).flatten() {
            rect = Some(match rect {
                None => *b,
                Some(r) => [
                    r[0].min(b[0]),
                    r[1].min(b[1]),
                    r[2].max(b[2]),
                    r[3].max(b[3]),
                ],
            });
        }
        Some(Place {
            page: *page,
            rect: rect?,
        })
        .filter(|p| p.page > 0)
    }
}

impl FileDiagnostics<'_> {
    /// Where a span of the file is printed, as JSON (`{"page": 13, "rect": [x0, y0, x1, y1]}`),
    /// for a file read from a PDF; `None` otherwise.
    pub(crate) fn place_json(&self, span: &Span) -> Option<serde_json::Value> {
        let place = self.pages?.place(self.source, span)?;
        // Two decimals of a point: what a viewer can show, and stable across platforms.
        let round = |v: f32| (f64::from(v) * 100.0).round() / 100.0;
        Some(serde_json::json!({
            "page": place.page,
            "rect": place.rect.map(round),
        }))
    }

    /// Adds `page` and `rect` to `value` (a finding or a label) where `span` was printed.
    pub(crate) fn add_place(&self, value: &mut serde_json::Value, span: &Span) {
        if let (Some(place), Some(object)) = (self.place_json(span), value.as_object_mut()) {
            if let Some(fields) = place.as_object() {
                for (k, v) in fields {
                    object.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

/// One file's diagnostics, the input of every machine format.
pub struct FileDiagnostics<'a> {
    /// The file's name as shown to users.
    pub name: &'a str,
    /// Its text (for positions).
    pub source: &'a str,
    /// What was found in it.
    pub diagnostics: &'a [Diagnostic],
    /// Where its text was printed, for a PDF.
    pub pages: Option<&'a PageMap>,
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
    /// Places in other files involved (a companion report's cell or sentence, for a check
    /// across documents), each with its label.
    pub related: Vec<Related>,
    /// How to fix it.
    pub help: Option<String>,
    /// Why: the rationale of the rule that found it.
    pub note: Option<String>,
}

/// A place in another file than the diagnostic's own: the companion report a check across
/// documents compared with (`--budget`, `--previous`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The other file.
    pub file: std::sync::Arc<OtherFile>,
    /// The span in its text.
    pub span: Span,
    /// What is there.
    pub label: String,
}

/// Another file a diagnostic points into: its name as shown to users and its text.
#[derive(Debug, PartialEq, Eq)]
pub struct OtherFile {
    /// The name shown (the path as given).
    pub name: String,
    /// Its text (as decoded, or the text read from its PDF).
    pub source: String,
}

impl Related {
    /// Its 1-based line and column (in characters) in the other file.
    pub fn position(&self) -> (usize, usize) {
        Lines::new(&self.file.source).position(self.span.start)
    }

    /// `预算.fis:12:5`.
    pub fn place(&self) -> String {
        let (line, column) = self.position();
        format!("{}:{line}:{column}", self.file.name)
    }
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
            related: Vec::new(),
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
            related: Vec::new(),
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
