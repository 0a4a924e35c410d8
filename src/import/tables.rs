//! The tables of an extracted report, found among its blocks: each with its id (`公开 05 表` is
//! `05`; the attachments are `附件1-1`, and a repeated `附件 1-2` is `附件1-2-1`, `附件1-2-2`), its
//! title, 部门 and 单位, its rows as printed (cells split at tabs, rules of dashes that mark a
//! table split across pages left out) and its notes. Reading the rows into columns comes next.

use std::ops::Range;

use super::blocks::{Block, BlockKind};
use crate::text::squeeze;

/// A table as the text prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    /// `05`, `附件1-1`.
    pub id: String,
    /// `一般公共预算财政拨款支出决算表`.
    pub title: String,
    /// The 部门 it names, if it names one.
    pub department: Option<String>,
    /// The 单位 it names: `万元`.
    pub unit: Option<String>,
    /// Its rows as printed, header rows included, each cell trimmed.
    pub rows: Vec<Vec<String>>,
    /// The source line of each row.
    pub row_lines: Vec<usize>,
    /// Its notes (`注：…`, `备注：…` and what goes on with them: numbered items, a bracketed
    /// remark).
    pub notes: Vec<String>,
    /// The source line of each note.
    pub note_lines: Vec<usize>,
    /// The source lines from its title to its last note.
    pub lines: Range<usize>,
}

/// The tables among the blocks, in order.
pub fn raw_tables(blocks: &[Block]) -> Vec<RawTable> {
    let mut out: Vec<RawTable> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Some((id, title_after)) = marker(&blocks[i].text) else {
            i += 1;
            continue;
        };
        // The title: the line that names a table (…表) just before a 公开 NN 表 marker, or just
        // after an 附件 marker.
        let near: Vec<usize> = if title_after {
            (i + 1..blocks.len().min(i + 3)).collect()
        } else {
            (i.saturating_sub(3)..i).rev().collect()
        };
        let title_at = near.into_iter().find(|&k| {
            let t = &blocks[k].text;
            blocks[k].kind != BlockKind::TableRow && t.ends_with('表') && !t.contains('：')
        });
        let title = title_at.map(|k| blocks[k].text.clone()).unwrap_or_default();
        let start = title_at.map_or(i, |k| k.min(i));
        let mut table = RawTable {
            id,
            title,
            department: None,
            unit: None,
            rows: Vec::new(),
            row_lines: Vec::new(),
            notes: Vec::new(),
            note_lines: Vec::new(),
            lines: blocks[start].lines.start..blocks[i].lines.end,
        };
        // 部门 and 单位 may come before the marker or after it.
        for b in &blocks[start..i] {
            attribute(&mut table, &b.text);
        }
        let mut k = i + 1;
        while k < blocks.len() {
            let b = &blocks[k];
            match b.kind {
                BlockKind::TableRow => {
                    let cells: Vec<String> =
                        b.text.split('\t').map(|c| c.trim().to_string()).collect();
                    let rule = cells
                        .iter()
                        .all(|c| c.is_empty() || c.chars().all(|ch| ch == '-'));
                    if rule {
                        // `---` marks a table split across pages.
                    } else if cells[0] == "部门名称" {
                        table.department = cells.get(1).map(|d| squeeze(d));
                    } else {
                        table.rows.push(cells);
                        table.row_lines.push(b.lines.start);
                    }
                }
                _ if table.rows.is_empty() && attribute(&mut table, &b.text) => {}
                _ if Some(k) == title_at => {}
                _ => break,
            }
            table.lines.end = b.lines.end;
            k += 1;
        }
        // Notes: `注：…` or `备注：…`, and the numbered items that go on with them (`2. …`).
        while let Some(b) = blocks.get(k) {
            let t = &b.text;
            let note = t.starts_with("注") || t.starts_with("备注");
            // What goes on with a note: its numbered items (`2. …`), a remark in brackets.
            let item = !table.notes.is_empty()
                && (t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains(". ")
                    || t.starts_with(['(', '（']));
            if b.kind == BlockKind::TableRow || !(note || item) {
                break;
            }
            table.notes.push(t.clone());
            table.note_lines.push(b.lines.start);
            table.lines.end = b.lines.end;
            k += 1;
        }
        out.push(table);
        i = k;
    }
    number_repeated_ids(&mut out);
    out
}

/// `公开 05 表` gives `05`, its title before it; `附件 1-2` gives `附件1-2`, its title after it.
pub(crate) fn marker(text: &str) -> Option<(String, bool)> {
    let t = squeeze(text);
    if let Some(id) = t.strip_prefix("公开").and_then(|r| r.strip_suffix('表')) {
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
            return Some((format!("{id:0>2}"), false));
        }
    }
    if let Some(n) = t.strip_prefix("附件") {
        let ok = !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '-');
        if ok && n.contains('-') {
            return Some((format!("附件{n}"), true));
        }
    }
    None
}

/// Ids printed more than once (two tables `附件 1-2`) get running numbers: `附件1-2-1`, `附件1-2-2`.
pub(crate) fn number_repeated_ids(tables: &mut [RawTable]) {
    let ids: Vec<String> = tables.iter().map(|t| t.id.clone()).collect();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (t, id) in tables.iter_mut().zip(&ids) {
        if ids.iter().filter(|other| *other == id).count() > 1 {
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            t.id = format!("{id}-{n}");
        }
    }
}

/// Reads `部门：…` or `单位：…`; whether the text was one.
fn attribute(table: &mut RawTable, text: &str) -> bool {
    let t = squeeze(text);
    if let Some(d) = t.strip_prefix("部门：") {
        table.department = Some(d.to_string());
        true
    } else if let Some(u) = t.strip_prefix("单位：") {
        table.unit = Some(u.to_string());
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks;

    #[test]
    fn a_table_with_its_title_attributes_rows_and_notes() {
        let text = "一般公共预算财政拨款支出决算表\n\n部门：株洲市荷塘区行政审批服务局\n\n公开 05 表\n单位：万元\n\n\
功能分类科目编码\t科目名称\t小计\n合计\t\t1, 022. 32\n\n206\t科学技术支出\t46.84\n---------\t----------\t-------\n\n\
注：本表反映部门本年度一般公共预算财政拨款支出情况。\n\n下一段。\n";
        let t = raw_tables(&blocks(text));
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(
            (t.id.as_str(), t.title.as_str()),
            ("05", "一般公共预算财政拨款支出决算表")
        );
        assert_eq!(t.department.as_deref(), Some("株洲市荷塘区行政审批服务局"));
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!(
            t.rows.len(),
            3,
            "the rule of dashes is no row: {:?}",
            t.rows
        );
        assert_eq!(t.rows[1], ["合计", "", "1, 022. 32"]);
        assert_eq!(t.row_lines, [8, 9, 11]);
        assert_eq!(
            t.notes,
            ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"]
        );
        assert_eq!(t.lines, 1..15);
    }

    #[test]
    fn repeated_attachment_ids_are_numbered() {
        let one = "附件 1-2\n\n2021 年度项目支出绩效自评表\n\n部门名称\t某局\n项目\t1\n\n";
        let t = raw_tables(&blocks(&format!(
            "附件 1-1\n\n2021 年度部门整体支出绩效自评表\n\n总分\t100\n\n{one}{one}"
        )));
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["附件1-1", "附件1-2-1", "附件1-2-2"]);
        assert_eq!(t[1].title, "2021 年度项目支出绩效自评表");
        assert_eq!(t[1].department.as_deref(), Some("某局"));
    }

    /// The seed's tables, found in the shared text, are the fixture's: ids, titles, 部门, 单位.
    #[test]
    fn the_seeds_tables_are_found_with_their_titles() {
        let Some(seed) = crate::import::shared_report("000_1f0f530592110c3b.txt") else {
            return;
        };
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let report = crate::report::parse(&fixture).report;
        let ours = raw_tables(&blocks(&seed));
        let found: Vec<(&str, &str)> = ours
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect();
        let expected: Vec<(&str, &str)> = report
            .tables
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(found, expected);
        for (t, f) in ours.iter().zip(&report.tables) {
            assert_eq!(t.department, f.department, "{}", t.id);
            if f.unit.is_some() {
                assert_eq!(t.unit.as_deref(), Some("万元"), "{}", t.id);
            }
            assert!(!t.rows.is_empty(), "{}", t.id);
            let notes: Vec<&str> = f.notes.iter().map(|n| n.text.as_str()).collect();
            assert_eq!(t.notes, notes, "{}", t.id);
        }
    }
}
