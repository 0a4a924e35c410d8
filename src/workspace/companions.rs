//! Companion reports for the checks across documents (`--budget`, `--previous`, a
//! configuration's `budget`/`previous`, or `--pair`): read from disk once each, and, for a
//! folder check with pairing, found among the files by the 部门, kind and year of their headers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::expr::Doc;
use crate::lint::{Companion, Kind};
use crate::report::{Header, ReportKind};

/// Reads a companion report: `Err` is the error said to the user, naming it.
pub(crate) fn load(doc: Doc, path: &Path) -> Result<Arc<Companion>, String> {
    let name = super::display_name(path);
    let bytes = super::read(path).map_err(|e| {
        format!(
            "error: 无法读取{}（{} {name}）：{}\n",
            doc.words(),
            doc.option(),
            super::io_reason(&e)
        )
    })?;
    Companion::read(doc, &name, Kind::of(path, &bytes), &bytes)
        .map(Arc::new)
        .map_err(|e| format!("error: {e}\n"))
}

/// Companions read once each per worker, by path.
#[derive(Default)]
pub(crate) struct Cache {
    read: HashMap<(Doc, PathBuf), Result<Arc<Companion>, String>>,
}

impl Cache {
    /// The companion at `path`, read the first time it is asked for.
    pub(crate) fn get(&mut self, doc: Doc, path: &Path) -> Result<Arc<Companion>, String> {
        self.read
            .entry((doc, path.to_path_buf()))
            .or_insert_with(|| load(doc, path))
            .clone()
    }
}

/// What pairing found for one file: its companions among the files checked, and a note for
/// each pairing it could not make because several files fit.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Paired {
    /// The same year's 预算 (for a 决算).
    pub budget: Option<PathBuf>,
    /// Last year's report of the same kind.
    pub previous: Option<PathBuf>,
    /// Pairings not made, in words.
    pub notes: Vec<String>,
}

/// The header of a report file, read as a checked file is read (a `.fis` parsed; a text or PDF
/// imported); `None` when it has none.
pub(crate) fn header_of(path: &Path) -> Option<Header> {
    let bytes = super::read(path).ok()?;
    let kind = Kind::of(path, &bytes);
    let source = match kind {
        Kind::Fis => crate::report::parse_bytes(&bytes).0,
        Kind::Text | Kind::Pdf => crate::lint::read_input(kind, &bytes).imported?.0.source,
    };
    crate::report::parse(&source).report.header
}

/// Pairs the files by their headers: a 决算 of year Y with the 预算 of year Y of the same
/// 部门, and every report with the same 部门's report of the same kind for Y − 1. Where several
/// files fit one role, none is taken and a note says which.
pub(crate) fn pair(headers: &[(PathBuf, Header)]) -> HashMap<PathBuf, Paired> {
    let mut out = HashMap::new();
    let kind = |k: ReportKind| match k {
        ReportKind::Final => "决算",
        ReportKind::Budget => "预算",
    };
    for (path, h) in headers {
        let fits = |kind: ReportKind, year: u16| -> Vec<&PathBuf> {
            headers
                .iter()
                .filter(|(p, o)| {
                    p != path
                        && o.kind == kind
                        && o.year == year
                        && o.department == h.department
                        && o.scope == h.scope
                })
                .map(|(p, _)| p)
                .collect()
        };
        let mut paired = Paired::default();
        let mut take = |doc: Doc, found: Vec<&PathBuf>, what: String| -> Option<PathBuf> {
            match found.as_slice() {
                [] => None,
                [one] => Some((*one).clone()),
                many => {
                    let names: Vec<String> = many.iter().map(|p| super::display_name(p)).collect();
                    paired.notes.push(format!(
                        "未配对{}：有 {} 份{}（{}），无法确定用哪一份；请用 {} 指定",
                        doc.words(),
                        many.len(),
                        what,
                        names.join("、"),
                        doc.option()
                    ));
                    None
                }
            }
        };
        let budget = if h.kind == ReportKind::Final {
            take(
                Doc::Budget,
                fits(ReportKind::Budget, h.year),
                format!("{}{} 年度预算", h.department, h.year),
            )
        } else {
            None
        };
        let previous = h.year.checked_sub(1).and_then(|y| {
            take(
                Doc::Previous,
                fits(h.kind, y),
                format!("{}{y} 年度{}", h.department, kind(h.kind)),
            )
        });
        paired.budget = budget;
        paired.previous = previous;
        out.insert(path.clone(), paired);
    }
    out
}
