//! Companion reports: the same year's 预算 (`--budget`) and last year's report (`--previous`)
//! that the checks across documents read (docs/expressions.md, "对照报告"). Read through the
//! same path as a checked file (a `.fis` parsed; extracted text or a PDF imported, then
//! parsed), without IO: bytes in. A companion that cannot be read is an error naming it; one of
//! the wrong kind or year, an error located at both reports' headers.

use std::sync::Arc;

use super::{read_input, Kind};
use crate::diagnostics::{Diagnostic, OtherFile, Related, Severity};
use crate::expr::{Companions, Doc};
use crate::import::Imported;
use crate::report::{self, Report, ReportKind, Span};

/// A companion report, read.
#[derive(Debug)]
pub struct Companion {
    /// Which companion it is.
    pub doc: Doc,
    /// Its name as shown and its text, for locations in it.
    pub file: Arc<OtherFile>,
    /// The report.
    pub report: Report,
    /// For an imported text or PDF: what it was imported into, to take spans back to the text.
    imported: Option<Imported>,
}

/// Why a companion could not be read: an error naming it, located nowhere in the report
/// checked (the CLI says it and exits 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanionError {
    /// The option that named it.
    pub doc: Doc,
    /// Its name.
    pub name: String,
    /// What went wrong.
    pub reason: String,
}

impl std::fmt::Display for CompanionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "无法读取{}（{} {}）：{}",
            self.doc.words(),
            self.doc.option(),
            self.name,
            self.reason
        )
    }
}

impl Companion {
    /// Reads a companion from its bytes: `kind` says how, as for a checked file.
    pub fn read(
        doc: Doc,
        name: &str,
        kind: Kind,
        bytes: &[u8],
    ) -> Result<Companion, CompanionError> {
        let fail = |reason: String| CompanionError {
            doc,
            name: name.to_string(),
            reason,
        };
        let (text, source, imported) = match kind {
            Kind::Fis => {
                let (text, _) = report::parse_bytes(bytes);
                (text.clone(), text, None)
            }
            Kind::Text | Kind::Pdf => {
                let read = read_input(kind, bytes);
                let Some((imported, _)) = read.imported else {
                    let why = read
                        .diagnostics
                        .first()
                        .map_or_else(|| "无法导入".to_string(), |d| d.message.clone());
                    return Err(fail(why));
                };
                (read.text, imported.source.clone(), Some(imported))
            }
        };
        let parsed = report::parse(&source);
        if let Some(e) = parsed.errors.first() {
            let line = source[..e.span.start.min(source.len())]
                .matches('\n')
                .count()
                + 1;
            return Err(fail(format!(
                "有 {} 处语法错误（第一处在第 {line} 行：{}）",
                parsed.errors.len(),
                e.kind
            )));
        }
        if parsed.report.header.is_none() {
            return Err(fail("没有报告头（report 块），无法知道其种类与年度".into()));
        }
        Ok(Companion {
            doc,
            file: Arc::new(OtherFile {
                name: name.to_string(),
                source: text,
            }),
            report: parsed.report,
            imported,
        })
    }

    /// A span of its report's source as a place in its file's text.
    pub fn related(&self, span: Span, label: String) -> Related {
        let span = match &self.imported {
            Some(i) => i.locator(&self.file.source).span(span),
            None => span,
        };
        Related {
            file: self.file.clone(),
            span,
            label,
        }
    }

    /// The span of its header's first line, for locations about the whole report.
    fn header_span(&self) -> Span {
        let h = self.report.header.as_ref().map_or(0..0, |h| h.span.clone());
        h.start..h.start + "report".len().min(h.len())
    }
}

/// A companion of another 部门 than the report's (neither name containing the other, spaces
/// ignored): a warning on the report's header, the companion's related. The check goes on: an
/// imported report's 部门 may be read imperfectly, and a department renamed keeps its reports.
pub fn other_department(report: &Report, header_span: Span, c: &Companion) -> Option<Diagnostic> {
    let (Some(this), Some(other)) = (&report.header, &c.report.header) else {
        return None;
    };
    let (a, b) = (
        crate::text::squeeze(&this.department),
        crate::text::squeeze(&other.department),
    );
    if a.is_empty() || b.is_empty() || a.contains(&b) || b.contains(&a) {
        return None;
    }
    Some(Diagnostic {
        severity: Severity::Warning,
        code: "companion/department".into(),
        message: format!(
            "{}是「{}」的报告，本报告是「{}」的",
            c.doc.words(),
            other.department,
            this.department
        ),
        primary: (header_span, "本报告".into()),
        secondary: Vec::new(),
        related: vec![c.related(c.header_span(), format!("{}的部门", c.doc.words()))],
        help: Some(format!("{} 应给同一部门的报告", c.doc.option())),
        note: None,
    })
}

/// The companions given, as the evaluator reads them.
pub fn companions<'r>(given: &'r [Arc<Companion>]) -> Companions<'r> {
    let find = |doc: Doc| given.iter().find(|c| c.doc == doc).map(|c| &c.report);
    Companions {
        budget: find(Doc::Budget),
        previous: find(Doc::Previous),
    }
}

/// Whether a companion is the report a check across documents needs: for `--budget`, a 预算 of
/// the same year (given to a 决算); for `--previous`, a report of the same kind for the year
/// before. An error on the checked report's header, the companion's header related, when not.
pub fn mismatch(report: &Report, header_span: Span, c: &Companion) -> Option<Diagnostic> {
    let (Some(this), Some(other)) = (&report.header, &c.report.header) else {
        return None;
    };
    let kind = |k: ReportKind| match k {
        ReportKind::Final => "决算",
        ReportKind::Budget => "预算",
    };
    let problem = match c.doc {
        Doc::Budget if this.kind != ReportKind::Final => Some(format!(
            "{} 只用于决算报告：本报告是 {} 年度{}",
            c.doc.option(),
            this.year,
            kind(this.kind)
        )),
        Doc::Budget if other.kind != ReportKind::Budget || other.year != this.year => {
            Some(format!(
                "{} 应为 {} 年度预算，所给的是 {} 年度{}",
                c.doc.option(),
                this.year,
                other.year,
                kind(other.kind)
            ))
        }
        Doc::Previous
            if other.kind != this.kind || u32::from(other.year) + 1 != u32::from(this.year) =>
        {
            Some(format!(
                "{} 应为 {} 年度{}，所给的是 {} 年度{}",
                c.doc.option(),
                u32::from(this.year).saturating_sub(1),
                kind(this.kind),
                other.year,
                kind(other.kind)
            ))
        }
        _ => None,
    }?;
    Some(Diagnostic {
        severity: Severity::Error,
        code: "companion/mismatch".into(),
        message: format!("对照报告不相符：{problem}"),
        primary: (header_span, "本报告".into()),
        secondary: Vec::new(),
        related: vec![c.related(
            c.header_span(),
            format!("{}：{} 年度{}", c.doc.words(), other.year, kind(other.kind)),
        )],
        help: Some(format!(
            "{} 给同一部门的{}",
            c.doc.option(),
            match c.doc {
                Doc::Budget => "同年度预算报告",
                Doc::Previous => "上一年度同类报告",
            }
        )),
        note: None,
    })
}
