//! The columns of a table whose rows are 科目 (tables 02, 03, 05, 08 and 09): header rows
//! combined into column headers (`本年支出` over `小计` is `本年支出/小计`), the `栏次` row left
//! out, and each data row read into its cells: the code, the name, and the figures in their
//! written form. A row printed with fewer cells than the table has columns (an empty cell lost in
//! extraction) is marked, not guessed at: which cell was lost is for the table's arithmetic to say.

use super::number::compact_figure;
use super::tables::RawTable;

/// A 科目 table read into columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeTable {
    /// The column headers: `功能分类科目编码`, `科目名称`, `本年支出/小计`, …
    pub columns: Vec<String>,
    /// The data rows.
    pub rows: Vec<CodeRow>,
}

/// A data row of a 科目 table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRow {
    /// The 科目编码, or `None` (合计).
    pub code: Option<String>,
    /// The 科目名称.
    pub name: String,
    /// The cells after the code and name, in the `.fis` form: a figure as written, `-` for an
    /// empty cell, other text as it is.
    pub values: Vec<String>,
    /// How many cells the row was printed short of the table's columns (lost empty cells; the
    /// values were padded with `-` at the end).
    pub missing: usize,
    /// Its source line.
    pub line: usize,
}

/// Reads a 科目 table: `None` when the table is not one (its first column is not a code column).
pub fn code_table(raw: &RawTable) -> Option<CodeTable> {
    let first_data = raw
        .rows
        .iter()
        .position(|r| is_code(&r[0]) || squeeze(&r[0]) == "合计")?;
    let headers: Vec<&Vec<String>> = raw.rows[..first_data]
        .iter()
        .filter(|r| squeeze(&r[0]) != "栏次")
        .collect();
    if headers.is_empty() {
        return None;
    }
    let width = headers.iter().map(|r| r.len()).max().unwrap_or(0);
    let columns = combine(&headers, width);
    if !columns.first().is_some_and(|c| c.ends_with("编码")) {
        return None;
    }
    let rows = raw.rows[first_data..]
        .iter()
        .zip(&raw.row_lines[first_data..])
        .map(|(cells, &line)| {
            let (code, name) = if is_code(&cells[0]) {
                (
                    Some(cells[0].clone()),
                    cells.get(1).cloned().unwrap_or_default(),
                )
            } else {
                // `合计` is printed in the first column, under the merged `项目` header.
                let name = if cells[0].is_empty() {
                    cells.get(1)
                } else {
                    cells.first()
                };
                (None, name.cloned().unwrap_or_default())
            };
            let mut values: Vec<String> = cells.iter().skip(2).map(|c| value(c)).collect();
            let missing = width.saturating_sub(cells.len());
            values.resize(width.saturating_sub(2), "-".to_string());
            CodeRow {
                code,
                name,
                values,
                missing,
                line,
            }
        })
        .collect();
    Some(CodeTable { columns, rows })
}

/// Header rows to column headers: each column's labels from top to bottom joined with `/`, a
/// label in the top row standing over the empty top cells after it that have a label below
/// (`本年支出` over `小计`, `基本支出`, `项目支出`). The stub label `项目` is no column's.
fn combine(headers: &[&Vec<String>], width: usize) -> Vec<String> {
    let mut columns = vec![Vec::<String>::new(); width];
    for (depth, row) in headers.iter().enumerate() {
        let below = headers.get(depth + 1);
        let mut over: Option<String> = None;
        for (c, column) in columns.iter_mut().enumerate() {
            let label = squeeze(row.get(c).map_or("", String::as_str));
            let has_below = below.is_some_and(|b| b.get(c).is_some_and(|l| !l.trim().is_empty()));
            if !label.is_empty() {
                over = (label != "项目").then(|| label.clone());
                if label != "项目" {
                    column.push(label);
                }
            } else if let (Some(group), true) = (&over, has_below) {
                column.push(group.clone());
            } else {
                over = None;
            }
        }
    }
    columns.into_iter().map(|parts| parts.join("/")).collect()
}

/// A cell in the `.fis` form.
fn value(cell: &str) -> String {
    if cell.trim().is_empty() {
        return "-".to_string();
    }
    compact_figure(cell).unwrap_or_else(|| cell.trim().to_string())
}

/// A 科目编码: three to seven digits.
fn is_code(cell: &str) -> bool {
    (3..=9).contains(&cell.len()) && cell.bytes().all(|b| b.is_ascii_digit())
}

fn squeeze(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{blocks, raw_tables};
    use crate::report::CellValue;

    #[test]
    fn grouped_headers_combine_and_the_row_numbers_go() {
        let text = "一般公共预算财政拨款支出决算表\n公开 05 表\n\
项 目\t\t本年支出\t\t\n功能分类科目编码\t科目名称\t小计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n\
合计\t\t1, 022. 32\t975. 48\t46. 84\n206\t科学技术支出\t46. 84\t\t46. 84\n2060102\t一般行政管理事务\t46.84\t46.84\n";
        let raw = &raw_tables(&blocks(text))[0];
        let t = code_table(raw).unwrap();
        assert_eq!(
            t.columns,
            [
                "功能分类科目编码",
                "科目名称",
                "本年支出/小计",
                "本年支出/基本支出",
                "本年支出/项目支出"
            ]
        );
        assert_eq!(
            (t.rows[0].code.as_deref(), t.rows[0].name.as_str()),
            (None, "合计")
        );
        assert_eq!(t.rows[0].values, ["1,022.32", "975.48", "46.84"]);
        assert_eq!(t.rows[1].values, ["46.84", "-", "46.84"]);
        // Printed one cell short: marked, padded, not guessed.
        assert_eq!((t.rows[2].missing, t.rows[2].values.len()), (1, 3));
    }

    /// Tables 02, 03, 05, 08 and 09 of the seed read as the fixture has them, cell by cell,
    /// except the rows printed short (which the table's arithmetic must settle).
    #[test]
    #[allow(clippy::print_stderr)] // It says plainly when it is skipped.
    fn the_seeds_code_tables_read_as_the_fixture_has_them() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/reports/000_1f0f530592110c3b.txt"
        );
        let Ok(seed) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent (the shared reports are not part of a clone)");
            return;
        };
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let report = crate::report::parse(&fixture).report;
        let raws = raw_tables(&blocks(&seed));
        let mut short = 0;
        for id in ["02", "03", "05", "08", "09"] {
            let raw = raws.iter().find(|t| t.id == id).unwrap();
            let ours = code_table(raw).unwrap_or_else(|| panic!("{id} is a 科目 table"));
            let theirs = report.table(id).unwrap();
            let part = &theirs.parts[0];
            let headers: Vec<&str> = part.columns.iter().map(|c| c.header.as_str()).collect();
            assert_eq!(ours.columns, headers, "{id}");
            assert_eq!(ours.rows.len(), part.rows.len(), "{id}");
            for (o, t) in ours.rows.iter().zip(&part.rows) {
                assert_eq!(o.code, t.code, "{id}");
                assert_eq!(Some(o.name.as_str()), t.name.as_deref(), "{id}");
                if o.missing > 0 {
                    short += 1;
                    continue;
                }
                let written: Vec<String> = t.cells[2..]
                    .iter()
                    .map(|c| match &c.value {
                        CellValue::Empty => "-".to_string(),
                        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
                        other => format!("{other:?}"),
                    })
                    .collect();
                assert_eq!(o.values, written, "{id} {}", o.name);
            }
        }
        // 02's and 05's 2060102, each printed one empty cell short.
        assert_eq!(short, 2);
    }
}
