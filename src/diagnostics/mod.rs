//! Diagnostics as data, and their renderings. A [`Diagnostic`] is a located message with labels;
//! syntax errors become diagnostics here, and each output format is one file (`human`, `json`).

mod human;
mod json;
mod window;

pub use human::{render_human, HumanOptions};
pub use json::{render_json, FileDiagnostics, VERSION as JSON_VERSION};

use crate::report::{Span, SyntaxError};

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// Worth knowing; never fails a check by default.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong: the report, or the input, must change.
    Error,
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
