//! Imported tables written as `.fis` source (docs/format.md), which the report parser reads back:
//! what the importer produces is checked by the same parser and rules as a hand-written report.

use super::columns::{CodeTable, HalvesTable};
use super::number::compact_figure;
use super::tables::RawTable;
use crate::text::quote;

/// `.fis` source written line by line, each line with the line of the text it came from, so
/// that what is found in it can be shown where the user's text says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Emitted {
    /// The source.
    pub text: String,
    /// For each of its lines, the 1-based line of the imported text it was written from.
    pub origins: Vec<usize>,
}

impl Emitted {
    /// Writes one line, from line `origin` of the text.
    pub fn line(&mut self, origin: usize, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(origin);
    }

    /// Writes what another emitter wrote.
    pub fn append(&mut self, other: Emitted) {
        self.text.push_str(&other.text);
        self.origins.extend(other.origins);
    }
}

/// A table's first lines: `table 05 "…" {`, its 部门 and 单位.
fn opening(raw: &RawTable) -> Emitted {
    let mut out = Emitted::default();
    let at = raw.lines.start;
    out.line(at, &format!("table {} {} {{", raw.id, quote(&raw.title)));
    if let Some(d) = &raw.department {
        out.line(at, &format!("  部门 = {}", quote(d)));
    }
    if let Some(u) = &raw.unit {
        out.line(at, &format!("  单位 = {u}"));
    }
    out
}

/// A table's last lines: its notes and the closing brace.
fn closing(raw: &RawTable, out: &mut Emitted) {
    for (k, note) in raw.notes.iter().enumerate() {
        let at = raw.note_lines.get(k).copied().unwrap_or(raw.lines.end - 1);
        out.line(at, &format!("  note {note}"));
    }
    out.line(raw.lines.end.saturating_sub(1).max(raw.lines.start), "}");
}

/// The line of a table's first header row, where its `columns` line points.
fn header_line(raw: &RawTable) -> usize {
    raw.row_lines.first().copied().unwrap_or(raw.lines.start)
}

/// A 科目 table as a `.fis` `table` block.
pub fn code_table_source(raw: &RawTable, table: &CodeTable) -> Emitted {
    let mut out = opening(raw);
    let headers: Vec<String> = table.columns.iter().map(|h| header(h)).collect();
    out.line(
        header_line(raw),
        &format!("  columns {}", headers.join(" | ")),
    );
    // A table without a code column (one read from column groups) starts with the name.
    let coded = table.columns.first().is_some_and(|c| c.ends_with("编码"));
    for row in &table.rows {
        let mut cells = Vec::new();
        if coded {
            cells.push(row.code.clone().unwrap_or_else(|| "-".to_string()));
        }
        cells.push(text_cell(&row.name));
        cells.extend(row.values.iter().map(|v| value_cell(v)));
        out.line(row.line, &format!("  {}", cells.join(" | ")));
    }
    closing(raw, &mut out);
    out
}

/// A table printed as halves as a `.fis` `table` block with a `part` per half.
pub fn halves_table_source(raw: &RawTable, table: &HalvesTable) -> Emitted {
    let mut out = opening(raw);
    let at = header_line(raw);
    for part in &table.parts {
        out.line(at, &format!("  part {} {{", part.name));
        // A part with a code column starts its rows with the code, as printed.
        let coded = part.columns.first().is_some_and(|c| c.ends_with("编码"));
        let headers: Vec<String> = part.columns.iter().map(|h| header(h)).collect();
        out.line(at, &format!("    columns {}", headers.join(" | ")));
        for (k, row) in part.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, v)| match (i, v.as_str()) {
                    (_, "-") => "-".to_string(),
                    (0, code) if coded => code.to_string(),
                    (0, name) | (1, name) if i == usize::from(coded) => text_cell(name),
                    (_, v) => value_cell(v),
                })
                .collect();
            let line = part.lines.get(k).copied().unwrap_or(at);
            out.line(line, &format!("    {}", cells.join(" | ")));
        }
        let end = part.lines.last().copied().unwrap_or(at);
        out.line(end, "  }");
    }
    closing(raw, &mut out);
    out
}

/// A table of figures only under one header row (a budget's 07: the “三公” figures and the
/// 机关运行经费, one row, no label printed before them), with `名称列 = -`: no column names its
/// rows, and none is invented. Empty cells are `-`.
pub fn figures_table_source(raw: &RawTable) -> Emitted {
    let mut out = opening(raw);
    let at = header_line(raw);
    out.line(at, "  名称列 = -");
    let headers: Vec<String> = raw
        .rows
        .first()
        .map(|r| r.iter().map(|h| header(h)).collect())
        .unwrap_or_default();
    out.line(at, &format!("  columns {}", headers.join(" | ")));
    for (row, &line) in raw.rows.iter().zip(&raw.row_lines).skip(1) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match compact_figure(c) {
                _ if c.trim().is_empty() => "-".to_string(),
                Some(f) => value_cell(&f),
                None => text_cell(c.trim()),
            })
            .collect();
        out.line(line, &format!("  {}", cells.join(" | ")));
    }
    closing(raw, &mut out);
    out
}

/// A column header: quoted when it holds what would end it (`|`) or starts like a number.
pub(super) fn header(h: &str) -> String {
    if h.contains(['|', '"']) || h.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        quote(h)
    } else {
        h.to_string()
    }
}

/// A text cell: quoted when it could be read as something else (a figure, `-`, `^`, a comment).
pub(super) fn text_cell(t: &str) -> String {
    let risky = t.is_empty()
        || t.starts_with(|c: char| c.is_ascii_digit() || "-^\"+.".contains(c))
        || t.contains(['|', '"'])
        || t.contains("//");
    if risky {
        quote(t)
    } else {
        t.to_string()
    }
}

/// A value cell: a figure as written, `-` for an empty one, other text as a text cell.
pub(super) fn value_cell(v: &str) -> String {
    if v == "-" || compact_figure(v).as_deref() == Some(v) {
        v.to_string()
    } else {
        text_cell(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{
        blocks, code_groups, code_table, column_groups, halves_table, raw_tables, settle,
    };
    use crate::report::{CellValue, Table};

    fn cells(t: &Table) -> Vec<Vec<String>> {
        t.parts
            .iter()
            .flat_map(|p| p.rows.iter())
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| match &c.value {
                        CellValue::Empty => "-".to_string(),
                        CellValue::Merged => "^".to_string(),
                        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
                        CellValue::Text { value } => value.clone(),
                    })
                    .collect()
            })
            .collect()
    }

    /// The nine tables of the seed, imported and written as `.fis`, parse back into
    /// the tables of the hand-checked fixture: same id, title, 部门, 单位, headers, cells, notes.
    #[test]
    fn the_seeds_code_tables_written_as_fis_parse_back_as_the_fixture() {
        let Some(seed) = crate::import::shared_report("000_1f0f530592110c3b.txt") else {
            return;
        };
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let expected = crate::report::parse(&fixture).report;
        let raws = raw_tables(&blocks(&seed));
        let header = "report 决算 { 部门 = \"x\" 年度 = 2021 单位 = 万元 地区 = 湖南 }\n";
        let mut source = header.to_string();
        for id in ["02", "03", "05", "08", "09"] {
            let raw = raws.iter().find(|t| t.id == id).unwrap();
            let mut table = code_table(raw).unwrap();
            settle(&mut table);
            source.push_str(&code_table_source(raw, &table).text);
        }
        let raw = raws.iter().find(|t| t.id == "07").unwrap();
        let table = column_groups(raw).expect("07 is printed as column groups");
        source.push_str(&code_table_source(raw, &table).text);
        let raw = raws.iter().find(|t| t.id == "06").unwrap();
        let table = code_groups(raw).expect("06 is printed as groups of 科目");
        source.push_str(&halves_table_source(raw, &table).text);
        for id in ["01", "04"] {
            let raw = raws.iter().find(|t| t.id == id).unwrap();
            let table = halves_table(raw).unwrap_or_else(|| panic!("{id} is printed as halves"));
            source.push_str(&halves_table_source(raw, &table).text);
        }
        let parsed = crate::report::parse(&source);
        assert!(parsed.errors.is_empty(), "{:?}\n{source}", parsed.errors);
        for id in ["01", "02", "03", "04", "05", "06", "07", "08", "09"] {
            let ours = parsed.report.table(id).unwrap();
            let theirs = expected.table(id).unwrap();
            assert_eq!(
                (&ours.title, &ours.department, &ours.unit),
                (&theirs.title, &theirs.department, &theirs.unit),
                "{id}"
            );
            let headers = |t: &Table| {
                t.parts[0]
                    .columns
                    .iter()
                    .map(|c| c.header.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(headers(ours), headers(theirs), "{id}");
            assert_eq!(cells(ours), cells(theirs), "{id}");
            let notes = |t: &Table| t.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
            assert_eq!(notes(ours), notes(theirs), "{id}");
        }
    }

    #[test]
    fn text_that_looks_like_something_else_is_quoted() {
        assert_eq!(text_cell("12 次"), "\"12 次\"");
        assert_eq!(text_cell("-"), "\"-\"");
        assert_eq!(text_cell("合计"), "合计");
        assert_eq!(value_cell("1,022.32"), "1,022.32");
        assert_eq!(value_cell("有所增强"), "有所增强");
    }
}
