//! How serious a finding or diagnostic is: the one scale the engine grades findings on and every
//! output renders. It sits below both, so that `engine` and `diagnostics` need not import each
//! other.

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

impl Severity {
    /// The word machine formats use: `error`, `warning`, `info`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}
