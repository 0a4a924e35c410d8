//! Tables read from their ruling: the cells a page's drawn rules enclose, each holding the
//! characters printed inside it. A form whose cells are merged across rows and columns (the
//! 绩效自评表 of a report's attachments, with a group label spanning several rows and a value
//! spanning several columns) prints as a grid of rules, not as aligned columns of text; read
//! through its rules it gives the rows the tab-separated form gives (text in a merged cell's
//! top-left place, blank in the rest of it), which `attachments.rs` then reads into parts.

use super::glyphs::{Glyph, Page};
use super::lines::{printed_lines, Reconstructed};
use crate::import::layout::grid::join;
use crate::import::tables::{marker, number_repeated_ids, RawTable};
use crate::text::squeeze;

/// Rules within this many points of each other are one (a border drawn twice, or as a box).
const SAME: f32 = 1.0;

/// The most places (rows × columns) a grid read has: a page of a report has a few thousand.
const MAX_PLACES: usize = 250_000;

/// Where a page's ruled table lies: from its first horizontal rule to its last, when some
/// vertical rule crosses between them; `None` when the page draws no such rules. Linear in the
/// rules, for every page (the grid itself is built only for a table's pages).
pub fn extent(page: &Page) -> Option<(f32, f32)> {
    let (mut top, mut bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    for s in page.segments.iter().filter(|s| s.horizontal()) {
        top = top.min(s.from.1);
        bottom = bottom.max(s.from.1);
    }
    let crossed = page.segments.iter().any(|s| {
        !s.horizontal() && s.from.1.min(s.to.1) < bottom - SAME && s.from.1.max(s.to.1) > top + SAME
    });
    (top < bottom && crossed).then_some((top, bottom))
}

/// A grid read from a page's rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// Its rows as printed, top to bottom: a cell's text in the top-left place of its merged
    /// region, `""` in the rest; rows with no text left out.
    pub rows: Vec<Vec<String>>,
    /// The baseline of each row's first printed line.
    pub bases: Vec<f32>,
    /// The grid's top rule, points from the page's top.
    pub top: f32,
    /// Its bottom rule.
    pub bottom: f32,
    /// Its column boundaries (the vertical rules' places), left to right.
    pub xs: Vec<f32>,
    /// For each row, each column's cell: the index of the grid place its merged region starts
    /// at (the same index across a merged region's places, so a label over several columns
    /// or rows is one cell).
    pub regions: Vec<Vec<usize>>,
    /// For each row, each column's text: its region's, in every place of the region.
    pub full: Vec<Vec<String>>,
}

/// Distinct values, within [`SAME`] of each other taken once, ascending.
fn distinct(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    values.dedup_by(|b, a| *b - *a < SAME);
    values
}

/// The grid of the rules drawn on `page` between `from` and `to` (points from the top): its
/// horizontal rules give the row boundaries, its vertical rules the column boundaries, and two
/// neighbouring places of the grid with no rule between them are one cell. `None` when fewer
/// than two rules each way are drawn there.
pub fn grid(page: &Page, from: f32, to: f32) -> Option<Grid> {
    let within = |y: f32| from < y && y < to;
    let across: Vec<_> = page
        .segments
        .iter()
        .filter(|s| s.horizontal() && within(s.from.1))
        .collect();
    let ys = distinct(across.iter().map(|s| s.from.1).collect());
    let (&top, &bottom) = (ys.first()?, ys.last()?);
    let down: Vec<_> = page
        .segments
        .iter()
        .filter(|s| !s.horizontal())
        .filter(|s| s.from.1.min(s.to.1) < bottom - SAME && s.from.1.max(s.to.1) > top + SAME)
        .collect();
    let xs = distinct(down.iter().map(|s| s.from.0).collect());
    if ys.len() < 2 || xs.len() < 2 {
        return None;
    }
    let (bands, columns) = (ys.len() - 1, xs.len() - 1);
    // A page ruled into more places than any form has (a hostile file's thousands of rules
    // each way) is no table to read.
    if bands.saturating_mul(columns) > MAX_PLACES {
        return None;
    }
    // Whether a vertical rule at `x` runs through `y`, a horizontal one at `y` through `x`.
    let vertical_at = |x: f32, y: f32| {
        down.iter().any(|s| {
            (s.from.0 - x).abs() < SAME && s.from.1.min(s.to.1) <= y && y <= s.from.1.max(s.to.1)
        })
    };
    let horizontal_at = |y: f32, x: f32| {
        across.iter().any(|s| {
            (s.from.1 - y).abs() < SAME && s.from.0.min(s.to.0) <= x && x <= s.from.0.max(s.to.0)
        })
    };
    // Places of the grid joined into cells where no rule parts them.
    let mut region: Vec<usize> = (0..bands * columns).collect();
    fn root(r: &mut [usize], mut i: usize) -> usize {
        while r[i] != i {
            r[i] = r[r[i]];
            i = r[i];
        }
        i
    }
    let unite = |r: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(r, a), root(r, b));
        // The top-left place stays the root: the lower index.
        r[ra.max(rb)] = ra.min(rb);
    };
    for b in 0..bands {
        let middle = (ys[b] + ys[b + 1]) / 2.0;
        for c in 0..columns {
            let centre = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < columns && !vertical_at(xs[c + 1], middle) {
                unite(&mut region, b * columns + c, b * columns + c + 1);
            }
            if b + 1 < bands && !horizontal_at(ys[b + 1], centre) {
                unite(&mut region, b * columns + c, (b + 1) * columns + c);
            }
        }
    }
    // Each printed line's characters into the cells they are printed in, line by line.
    let mut texts: Vec<Vec<(f32, String)>> = vec![Vec::new(); bands * columns];
    for line in printed_lines(page) {
        let mut pieces: Vec<(usize, String, Option<Glyph>)> = Vec::new();
        for g in &line.glyphs {
            let (x, y) = ((g.x0 + g.x1) / 2.0, g.base - 0.35 * g.size);
            let (Some(c), Some(b)) = (slot(&xs, x), slot(&ys, y)) else {
                continue;
            };
            let cell = root(&mut region, b * columns + c);
            match pieces.iter_mut().find(|(k, _, _)| *k == cell) {
                Some((_, text, last)) => {
                    // A gap of a third of the size or more is a space, as in the text.
                    if last.is_some_and(|p| g.x0 - p.x1 >= 0.33 * g.size.max(p.size)) {
                        text.push(' ');
                    }
                    text.push(g.ch);
                    *last = Some(*g);
                }
                None => pieces.push((cell, g.ch.to_string(), Some(*g))),
            }
        }
        for (cell, text, _) in pieces {
            texts[cell].push((line.base, text));
        }
    }
    let mut out = Grid {
        top,
        bottom,
        xs: xs.clone(),
        ..Grid::default()
    };
    let region_text = |r: &mut Vec<usize>, place: usize| {
        let root = root(r, place);
        let text = texts[root]
            .iter()
            .fold(String::new(), |text, (_, line)| join_lines(&text, line));
        (root, text)
    };
    for b in 0..bands {
        let mut row = vec![String::new(); columns];
        let mut base: Option<f32> = None;
        for (c, cell) in row.iter_mut().enumerate() {
            let place = b * columns + c;
            if root(&mut region, place) != place {
                continue;
            }
            // A cell's lines, wrapped within it, go on with one another.
            *cell = texts[place]
                .iter()
                .fold(String::new(), |text, (_, line)| join_lines(&text, line));
            if let Some((first, _)) = texts[place].first() {
                base = Some(base.map_or(*first, |b: f32| b.min(*first)));
            }
        }
        if let Some(base) = base.filter(|_| row.iter().any(|c| !c.is_empty())) {
            let (ids, full): (Vec<usize>, Vec<String>) = (0..columns)
                .map(|c| region_text(&mut region, b * columns + c))
                .unzip();
            out.rows.push(row);
            out.bases.push(base);
            out.regions.push(ids);
            out.full.push(full);
        }
    }
    Some(out)
}

/// A cell's next line after its text: with no space between two wide (CJK) characters, as
/// Chinese is set; with one otherwise (`产出指标` / `(50 分)`, `1 月` / `-12 月`), as the
/// tab-separated form keeps a wrap there.
fn join_lines(text: &str, line: &str) -> String {
    let wide =
        |c: Option<char>| c.is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
    let (a, b) = (text.trim_end(), line.trim_start());
    if a.is_empty() || b.is_empty() || (wide(a.chars().last()) && wide(b.chars().next())) {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

/// The index of the interval of `bounds` holding `v`.
fn slot(bounds: &[f32], v: f32) -> Option<usize> {
    let k = bounds.partition_point(|&b| b < v);
    (k > 0 && k < bounds.len()).then(|| k - 1)
}

/// The self-evaluation tables (…绩效自评表) of a report read from a PDF, each from the rules of
/// the page its title is printed on (and the next page, where the grid goes on at its top):
/// its 附件 label above the title gives its id (`附件 1-2` → `附件1-2`, numbered when repeated),
/// a `部门名称` row its 部门, and the `注`/`备注` lines under it its notes. Lines are the
/// reconstructed text's, 1-based.
pub fn attachment_tables(pages: &[Page], text: &Reconstructed) -> Vec<RawTable> {
    let lines: Vec<String> = text.text.lines().map(|l| l.replace('\u{c}', "")).collect();
    let line_at = |page: usize, base: f32| {
        text.lines
            .iter()
            .position(|l| l.page == page && (l.base - base).abs() < 0.5)
            .map(|i| i + 1)
    };
    let titled = |i: usize| {
        let t = squeeze(&lines[i]);
        t.ends_with("自评表") && t.chars().count() <= 40 && !t.contains('：')
    };
    let titles: Vec<usize> = (0..lines.len())
        .filter(|&i| text.lines.get(i).is_some_and(|l| l.page > 0) && titled(i))
        .collect();
    let mut out = Vec::new();
    for (k, &i) in titles.iter().enumerate() {
        let (page_no, base) = (text.lines[i].page, text.lines[i].base);
        let Some(page) = pages.get(page_no - 1) else {
            continue;
        };
        // Down to the next title on the page, or the page's end.
        let to = titles[k + 1..]
            .first()
            .filter(|&&n| text.lines[n].page == page_no)
            .map_or(page.height, |&n| text.lines[n].base - text.lines[n].size);
        let Some(mut grid) = self::grid(page, base, to) else {
            continue;
        };
        let mut row_lines: Vec<usize> = grid
            .bases
            .iter()
            .map(|&b| line_at(page_no, b).unwrap_or(i + 1))
            .collect();
        // A grid that ends at the page's foot goes on at the top of the next page, before any
        // other heading.
        let mut last_page = page_no;
        let notes_below = |p: usize, bottom: f32| {
            text.lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.page == p && l.base > bottom)
                .map(|(n, _)| n)
                .collect::<Vec<usize>>()
        };
        if notes_below(page_no, grid.bottom).is_empty() && to >= page.height {
            if let Some(next) = pages.get(page_no) {
                let first_text = text.lines.iter().position(|l| l.page == next.number);
                let starts_with_title = first_text.is_some_and(&titled);
                if let (false, Some(more)) = (starts_with_title, self::grid(next, 0.0, next.height))
                {
                    let width = grid.rows.first().map_or(0, Vec::len);
                    if more.rows.first().is_some_and(|r| r.len() == width) {
                        row_lines.extend(
                            more.bases
                                .iter()
                                .map(|&b| line_at(next.number, b).unwrap_or(i + 1)),
                        );
                        grid.rows.extend(more.rows);
                        grid.bottom = more.bottom;
                        last_page = next.number;
                    }
                }
            }
        }
        // The 附件 label just above the title.
        let label = (i.saturating_sub(3)..i)
            .rev()
            .find_map(|n| marker(&lines[n]).filter(|(_, after)| *after));
        let id = label.map_or_else(|| format!("附件{}", k + 1), |(id, _)| id);
        let start = (i.saturating_sub(3)..i)
            .rev()
            .find(|&n| marker(&lines[n]).is_some())
            .unwrap_or(i);
        let mut table = RawTable {
            id,
            title: lines[i].split_whitespace().collect::<Vec<_>>().join(" "),
            department: None,
            unit: None,
            rows: Vec::new(),
            row_lines: Vec::new(),
            notes: Vec::new(),
            note_lines: Vec::new(),
            lines: start + 1..i + 2,
        };
        for (row, line) in grid.rows.into_iter().zip(row_lines) {
            if squeeze(&row[0]) == "部门名称" {
                table.department = row.get(1).map(|d| squeeze(d));
            } else {
                table.rows.push(row);
                table.row_lines.push(line);
            }
            table.lines.end = table.lines.end.max(line + 1);
        }
        // Notes: `注：…` or `备注：…` under the grid, their numbered items, and the lines they
        // wrap onto.
        for n in notes_below(last_page, grid.bottom) {
            let t = lines[n].trim();
            if crate::import::layout::page_number(&squeeze(t)) {
                break;
            }
            if t.is_empty() {
                if table.notes.is_empty() {
                    continue;
                }
                break;
            }
            let note = t.starts_with('注') || t.starts_with("备注");
            let item = t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains('.');
            let has_notes = !table.notes.is_empty();
            match table.notes.last_mut() {
                _ if note || (item && has_notes) => {
                    table.notes.push(t.to_string());
                    table.note_lines.push(n + 1);
                }
                Some(last) if !titled(n) => *last = join(last, t),
                _ => break,
            }
            table.lines.end = n + 2;
        }
        out.push(table);
    }
    number_repeated_ids(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::Segment;

    fn text(page: &mut Page, x: f32, base: f32, s: &str) {
        let mut x = x;
        for ch in s.chars() {
            let w = if ch.is_ascii() { 5.0 } else { 10.0 };
            if ch != ' ' {
                page.glyphs.push(Glyph {
                    ch,
                    x0: x,
                    x1: x + w,
                    base,
                    size: 10.0,
                });
            }
            x += w;
        }
    }

    fn rule(page: &mut Page, from: (f32, f32), to: (f32, f32)) {
        page.segments.push(Segment { from, to });
    }

    #[test]
    fn merged_cells_give_their_text_once_at_their_top_left() {
        // Three columns (100, 200, 300, 400), three rows (100, 120, 160, 180). `组` spans the
        // two lower rows of column 0; `甲乙` spans columns 1–2 of the top row; `长名称的` /
        // `指标` wraps within its cell.
        let mut page = Page {
            number: 1,
            width: 500.0,
            height: 700.0,
            ..Page::default()
        };
        for y in [100.0, 120.0, 180.0] {
            rule(&mut page, (100.0, y), (400.0, y));
        }
        rule(&mut page, (200.0, 160.0), (400.0, 160.0));
        for x in [100.0, 200.0, 400.0] {
            rule(&mut page, (x, 100.0), (x, 180.0));
        }
        rule(&mut page, (300.0, 120.0), (300.0, 180.0));
        text(&mut page, 110.0, 115.0, "项目");
        text(&mut page, 210.0, 115.0, "甲乙");
        text(&mut page, 110.0, 155.0, "组");
        text(&mut page, 210.0, 135.0, "长名称的");
        text(&mut page, 210.0, 150.0, "指标");
        text(&mut page, 310.0, 145.0, "12 次");
        text(&mut page, 210.0, 175.0, "末行");
        text(&mut page, 310.0, 175.0, "100%");
        // Outside the grid: not in it.
        text(&mut page, 110.0, 90.0, "标题");
        let grid = grid(&page, 80.0, 700.0).unwrap();
        assert_eq!(
            grid.rows,
            [
                ["项目", "甲乙", ""],
                ["组", "长名称的指标", "12 次"],
                ["", "末行", "100%"],
            ]
        );
        assert_eq!(grid.bases, [115.0, 135.0, 175.0]);
        assert_eq!((grid.top, grid.bottom), (100.0, 180.0));
        // No rules, no grid.
        let bare = Page {
            glyphs: page.glyphs.clone(),
            ..Page::default()
        };
        assert_eq!(super::grid(&bare, 0.0, 700.0), None);
    }
}
