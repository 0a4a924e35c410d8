//! The report tree as JSON, for `fislint dump` and for other tools. The shape is versioned
//! (`"version": 1`) and documented in docs/dump.md; numbers are strings, so they stay exact.

use serde_json::{json, Value};

use super::model::*;

/// The report as a JSON value. `source` is the text it was parsed from (for line numbers).
pub fn to_json(report: &Report, source: &str) -> Value {
    let lines = LineIndex::new(source);
    json!({
        "version": 1,
        "header": report.header.as_ref().map(|h| json!({
            "kind": h.kind.as_str(),
            "scope": h.scope.as_str(),
            "department": h.department,
            "year": h.year,
            "unit": unit(h.unit),
            "region": h.region,
            "title": h.title,
        })),
        "contents": report.contents.as_ref().map(|c| json!({
            "title": c.title,
            "entries": c.entries.iter().map(|e| heading(e, &lines)).collect::<Vec<_>>(),
        })),
        "front": report.front.iter().map(|p| paragraph(p, &lines)).collect::<Vec<_>>(),
        "sections": report.sections.iter().map(|s| json!({
            "heading": heading(&s.heading, &lines),
            "parent": s.parent,
            "paragraphs": s.paragraphs.iter().map(|p| paragraph(p, &lines)).collect::<Vec<_>>(),
            "tables": s.tables.iter().map(|&t| &report.tables[t].id).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "tables": report.tables.iter().map(|t| table(t, &lines)).collect::<Vec<_>>(),
        "suppressions": report.suppressions.iter().map(|s| json!({
            "rules": s.rules,
            "reason": s.reason,
            "line": lines.line(s.span.start),
            "target_line": s.target.as_ref().map(|t| lines.line(t.start)),
        })).collect::<Vec<_>>(),
    })
}

fn unit(u: Unit) -> &'static str {
    match u {
        Unit::WanYuan => "万元",
        Unit::Yuan => "元",
    }
}

fn heading(h: &Heading, lines: &LineIndex) -> Value {
    json!({
        "level": h.level,
        "numbering": h.numbering,
        "title": h.title,
        "text": h.text,
        "line": lines.line(h.span.start),
    })
}

fn paragraph(p: &Paragraph, lines: &LineIndex) -> Value {
    json!({ "text": p.text, "numbering": p.numbering, "line": lines.line(p.span.start) })
}

fn table(t: &Table, lines: &LineIndex) -> Value {
    let mut v = table_value(t, lines);
    // Only when set: a table read as always looks as it did.
    if let Some(why) = &t.unread {
        v["unread"] = why.as_str().into();
    }
    if let Some(what) = &t.missing {
        v["missing_rows"] = what.as_str().into();
    }
    v
}

fn table_value(t: &Table, lines: &LineIndex) -> Value {
    json!({
        "id": t.id,
        "title": t.title,
        "department": t.department,
        "unit": t.unit.map(unit),
        "line": lines.line(t.span.start),
        "parts": t.parts.iter().map(|p| json!({
            "name": p.name,
            "columns": p.columns.iter().map(|c| &c.header).collect::<Vec<_>>(),
            "code_column": p.code_column,
            "name_column": p.name_column,
            "rows": p.rows.iter().map(|r| json!({
                "code": r.code,
                "name": r.name,
                "line": lines.line(r.span.start),
                "cells": r.cells.iter().map(cell).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "notes": t.notes.iter().map(|n| &n.text).collect::<Vec<_>>(),
    })
}

fn cell(c: &Cell) -> Value {
    let mut v = cell_value(c);
    // Only when set: a cell read with certainty looks as it always did.
    if c.uncertain {
        v["uncertain"] = true.into();
    }
    v
}

fn cell_value(c: &Cell) -> Value {
    match &c.value {
        CellValue::Empty => json!({ "type": "empty" }),
        CellValue::Merged => json!({ "type": "merged" }),
        CellValue::Amount(n) => json!({
            "type": "amount", "value": n.value.to_string(), "decimals": n.decimals, "written": n.written,
        }),
        CellValue::Percent(n) => json!({
            "type": "percent", "value": n.value.to_string(), "decimals": n.decimals, "written": n.written,
        }),
        CellValue::Text { value } => json!({ "type": "text", "value": value }),
    }
}

/// Byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `source`.
    pub fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}
