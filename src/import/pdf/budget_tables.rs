//! The tables of a 部门预算 (or 单位预算) read from their ruling. Shanghai's budget tables are
//! ruled grids whose columns the text alone does not place (a 收入 list's figure printed against
//! the 支出 list's label, a header wrapped over three lines, 类 | 款 | 项 in three narrow
//! columns, a blank cell beside `0.00`); their rules do. Each table the layout reader found by
//! its title is read again from the grid of the pages it is printed on (a table going on over
//! pages takes each page's grid, its repeated header left out, its columns matched to the
//! first page's by their rules), into the rows the tabbed form gives:
//!
//! - 01 and 04 (halves side by side): the grid's rows as printed, the halves' names over their
//!   `项目` labels, which `columns::halves_table` reads into parts;
//! - the 科目 tables (02, 03, 05, 06, 08, 09) and 07: one header row, each column's header the
//!   path of the labels printed over it (`收入预算/事业单位经营收入`, a wrapped label joined), the
//!   code printed as 类 | 款 | 项 joined into one column (`2040601`), then the data rows.

use super::glyphs::Page;
use super::lines::Reconstructed;
use super::ruled::{grid, Grid};
use crate::import::columns::is_code;
use crate::import::tables::RawTable;
use crate::text::squeeze;

/// How far apart (points) two rules may be and still be the same column boundary on two pages.
const ALIGN: f32 = 3.0;

/// Whether a table is one of a budget's nine, read by its ruling: its title names a budget
/// table (and no 决算 one) under its id.
pub fn is_budget_table(t: &RawTable) -> bool {
    !t.title.contains("决算")
        && crate::import::titles::budget_table_id(&t.title) == Some(t.id.as_str())
}

/// A budget table's rows read from its ruling, each with its line of the text (1-based), and
/// the last line of the text the grid covers; `None` when its pages draw no grid that reads as
/// the table (the layout reader's rows then stand).
pub fn ruled_rows(
    pages: &[Page],
    text: &Reconstructed,
    table: &RawTable,
    next_title: Option<usize>,
) -> Option<(Vec<Vec<String>>, Vec<usize>)> {
    let title = table.lines.start.checked_sub(1)?;
    let at = text.lines.get(title)?;
    let first_page = at.page;
    // The pages the table is printed on: its title's, and those its lines reach.
    let last_line = table.lines.end.saturating_sub(1).min(text.lines.len());
    let last_page = text.lines[title..last_line]
        .iter()
        .map(|l| l.page)
        .max()
        .unwrap_or(first_page)
        .max(first_page);
    // The next table's title, where it is printed on one of those pages, bounds the grid.
    let stop = next_title
        .and_then(|n| text.lines.get(n.checked_sub(1)?))
        .map(|l| (l.page, l.base - l.size));
    // Each printed line of the table's pages by page and baseline, to the half point.
    let mut by_place: std::collections::HashMap<(usize, i64), usize> = Default::default();
    for (i, l) in text.lines.iter().enumerate() {
        if (first_page..=last_page).contains(&l.page) {
            by_place
                .entry((l.page, (l.base * 2.0).round() as i64))
                .or_insert(i + 1);
        }
    }
    let line_at = |page: usize, base: f32| {
        let at = (base * 2.0).round() as i64;
        [at, at - 1, at + 1]
            .iter()
            .find_map(|k| by_place.get(&(page, *k)).copied())
    };
    let mut grids: Vec<(usize, Grid)> = Vec::new();
    for number in first_page..=last_page {
        let page = pages.get(number.checked_sub(1)?)?;
        let from = if number == first_page { at.base } else { 0.0 };
        let to = match stop {
            Some((p, y)) if p == number => y,
            _ => page.height,
        };
        if let Some(g) = grid(page, from, to).filter(|g| !g.rows.is_empty()) {
            grids.push((number, g));
        } else if number == first_page {
            return None;
        }
    }
    // Rows of the first grid above the table's header (a title or `编制单位：… 单位：元` set in
    // the grid's frame) are the lines above the table, read already.
    let title = squeeze(&table.title);
    let above = |r: &Vec<String>| {
        let t = squeeze(&r.concat());
        t.contains(&title) || t.starts_with("编制") || t.contains("单位：") || t.contains("单位:")
    };
    {
        let (_, first) = grids.first_mut()?;
        let drop = first.rows.iter().take_while(|r| above(r)).count();
        first.rows.drain(..drop);
        first.bases.drain(..drop);
        first.regions.drain(..drop);
        first.full.drain(..drop);
    }
    let (first_number, first) = grids.first()?;
    let width = first.xs.len().checked_sub(1)?;
    let halves = matches!(table.id.as_str(), "01" | "04");
    let header_count = match table.id.as_str() {
        // The halves' names, their `项目` labels, and the rows of labels under those.
        "01" | "04" => {
            let labels = first
                .rows
                .iter()
                .position(|r| r.iter().filter(|c| squeeze(c) == "项目").count() >= 2)?;
            if labels != 1 {
                return None;
            }
            first.rows.iter().skip(2).position(|r| {
                !r[0].trim().is_empty()
                    || r.iter().any(|c| crate::import::compact_figure(c).is_some())
            })? + 2
        }
        "07" => first.rows.iter().position(|r| figures_only(r))?,
        _ => first.rows.iter().position(|r| data_start(r))?,
    };
    if header_count == 0 || header_count > first.rows.len() {
        return None;
    }
    let header: Vec<String> = first.rows[..header_count]
        .iter()
        .map(|r| squeeze(&r.concat()))
        .collect();
    // Every row of every page, in the first page's columns.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    for (k, (number, g)) in grids.iter().enumerate() {
        let map = if k == 0 {
            (0..width).collect()
        } else {
            columns_onto(&first.xs, &g.xs)?
        };
        let mut repeated = k > 0;
        for (r, row) in g.rows.iter().enumerate() {
            let mut cells = vec![String::new(); width];
            for (c, cell) in row.iter().enumerate() {
                let target = &mut cells[map[c]];
                if !cell.is_empty() {
                    if !target.is_empty() {
                        return None;
                    }
                    *target = cell.clone();
                }
            }
            // A page's header rows repeating the first page's are left out.
            if repeated && (header.contains(&squeeze(&cells.concat())) || above(&cells)) {
                continue;
            }
            repeated = false;
            if k == 0 && r < header_count {
                continue;
            }
            let line =
                line_at(*number, g.bases[r]).or_else(|| line_at(*first_number, first.bases[0]))?;
            rows.push(cells);
            lines.push(line);
        }
    }
    // One header row, of each column's labels top to bottom, `项目` (the label over the codes
    // and names) left out; the halves' names over it.
    let paths: Vec<Vec<String>> = (0..width)
        .map(|c| {
            let mut path: Vec<String> = Vec::new();
            let mut last = None;
            for r in usize::from(halves)..header_count {
                if halves && squeeze(&first.full[r][c]) == "项目" {
                    return vec!["项目".to_string()];
                }
                let id = first.regions[r][c];
                if last == Some(id) {
                    continue;
                }
                last = Some(id);
                let label = squeeze(&first.full[r][c]);
                if !label.is_empty() && label != "项目" {
                    path.push(label);
                }
            }
            path
        })
        .collect();
    // The code printed in columns headed 类, 款, 项 is one column.
    if halves {
        let header_line = lines.first().copied().unwrap_or(table.lines.start);
        let names = first.rows[0].clone();
        let labels: Vec<String> = paths.iter().map(|p| p.join("/")).collect();
        let mut out = vec![names, labels];
        let mut out_lines = vec![header_line, header_line];
        out.extend(rows);
        out_lines.extend(lines);
        return Some((out, out_lines));
    }
    let split = paths
        .iter()
        .take_while(|p| {
            p.last()
                .is_some_and(|l| matches!(l.as_str(), "类" | "款" | "项"))
        })
        .count();
    let mut columns: Vec<String> = Vec::new();
    if split > 0 {
        let mut code = paths[0].clone();
        code.pop();
        columns.push(code_header(&code.join("/")));
    }
    let from = split;
    columns.extend(paths[from..].iter().map(|p| p.join("/")));
    if columns.iter().any(String::is_empty) {
        return None;
    }
    let mut out = vec![columns];
    let mut out_lines = vec![lines.first().copied().unwrap_or(table.lines.start)];
    for (cells, line) in rows.into_iter().zip(lines) {
        let mut row = Vec::new();
        if split > 0 {
            let parts = &cells[..split];
            // 款 and 项 are two digits each: a 款 printed `2` (万里街道 2024's 06 prints
            // `301 | 2 | 津贴补贴`) is 02, so the code is 30102, as the classification has it.
            let joined: String = parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    if i > 0 && p.len() == 1 {
                        format!("0{p}")
                    } else {
                        p.clone()
                    }
                })
                .collect();
            if parts.iter().all(|p| p.is_empty() || is_digits(p)) && is_code(&joined) {
                row.push(joined);
            } else {
                row.push(squeeze(&parts.join(" ")));
            }
        }
        row.extend(cells[from..].iter().cloned());
        // An empty table prints `无` where its rows would be: no row.
        if row
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| squeeze(c))
            .eq(["无".to_string()])
        {
            continue;
        }
        out.push(row);
        out_lines.push(line);
    }
    Some((out, out_lines))
}

/// The code column's header as the budget packs name it: Shanghai prints `部门预算经济分类科目
/// 编码` over table 06's codes, the template `经济分类科目编码`.
fn code_header(printed: &str) -> String {
    printed
        .strip_prefix("部门预算")
        .filter(|rest| rest.starts_with("经济分类"))
        .unwrap_or(printed)
        .to_string()
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a row starts a 科目 table's data: a code, a code's first part, `合计` or `无`.
fn data_start(row: &[String]) -> bool {
    row.first().is_some_and(|c| {
        let c = squeeze(c);
        is_digits(&c) || c == "合计" || c == "无"
    })
}

/// Whether a row holds figures only (07's one data row), at least one.
fn figures_only(row: &[String]) -> bool {
    row.iter().any(|c| !c.trim().is_empty())
        && row
            .iter()
            .all(|c| c.trim().is_empty() || crate::import::compact_figure(c).is_some())
}

/// For each column of a grid on a later page, the column of the first page's grid that starts
/// at the same rule (a cell merged across columns, as a 合计 label over code and name, starts
/// where its first column does). `None` when a column starts at no rule of the first grid.
fn columns_onto(first: &[f32], later: &[f32]) -> Option<Vec<usize>> {
    later[..later.len().saturating_sub(1)]
        .iter()
        .map(|&x| {
            first[..first.len() - 1]
                .iter()
                .position(|&f| (f - x).abs() <= ALIGN)
        })
        .collect()
}
