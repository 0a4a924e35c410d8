//! The library's [`Diagnostic`] as an LSP diagnostic: range in the session's position encoding,
//! severity, the rule id as `code`, the help on a line of its own (`帮助：`, as every format of
//! `fislint check` words it), and every cell a finding used as related information.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

use super::position::LineIndex;
use crate::diagnostics::{Diagnostic, Severity};

/// What editors show as the diagnostic's source.
pub const SOURCE: &str = "fislint";

/// The LSP severity of a library severity.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A diagnostic located in the document `uri`, whose text `index` indexes.
pub fn diagnostic(d: &Diagnostic, uri: &Uri, index: &LineIndex<'_>) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(span)),
            message: if label.is_empty() {
                "相关位置".to_string()
            } else {
                label.clone()
            },
        })
        .chain(d.related.iter().filter_map(|r| {
            // A place in a companion report: the other document, by its path's URI.
            let other = super::uri::from_path(std::path::Path::new(&r.file.name))?;
            let lines = LineIndex::new(&r.file.source, index.encoding());
            Some(DiagnosticRelatedInformation {
                location: Location::new(other, lines.range(&r.span)),
                message: r.label.clone(),
            })
        }))
        .collect();
    lsp_types::Diagnostic {
        range: index.range(&d.primary.0),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.clone())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The message, with the help on a new line when there is one.
fn message(d: &Diagnostic) -> String {
    with_help(d.message.clone(), d.help.as_deref())
}

/// A message with its help on a line of its own, worded as the command line's formats word it
/// (`帮助：…`).
pub fn with_help(message: String, help: Option<&str>) -> String {
    match help {
        Some(help) => format!("{message}\n帮助：{help}"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;

    #[test]
    fn a_finding_keeps_its_rule_help_and_cells() {
        let text = "增长10.93%，表01 合计 1025.90";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            i..i + s.len()
        };
        let d = Diagnostic {
            related: Vec::new(),
            severity: Severity::Info,
            code: "prose-total-growth".into(),
            message: "增长率不符".into(),
            primary: (at("10.93%"), "此处".into()),
            secondary: vec![(at("1025.90"), "本年".into())],
            help: Some("改为 10.89%".into()),
            note: None,
        };
        let uri: Uri = "file:///r.fis".parse().unwrap();
        let l = diagnostic(&d, &uri, &LineIndex::new(text, Encoding::Utf16));
        assert_eq!(l.severity, Some(DiagnosticSeverity::INFORMATION));
        assert_eq!(l.range.start.character, 2);
        assert_eq!(l.range.end.character, 8);
        assert_eq!(l.message, "增长率不符\n帮助：改为 10.89%");
        assert_eq!(
            l.code,
            Some(NumberOrString::String("prose-total-growth".into()))
        );
        let related = l.related_information.unwrap();
        assert_eq!(related[0].message, "本年");
        assert_eq!(related[0].location.range.start.character, 16);
        // In UTF-8, the same places in bytes.
        let l = diagnostic(&d, &uri, &LineIndex::new(text, Encoding::Utf8));
        assert_eq!(l.range.start.character, 6);
        assert_eq!(
            l.related_information.unwrap()[0]
                .location
                .range
                .start
                .character,
            text.find("1025.90").unwrap() as u32
        );
    }
}
