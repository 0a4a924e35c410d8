//! The reader of text in the `pdftotext -layout` form (the Shanghai reports): pages separated by
//! form feeds, prose wrapped at the page's width, table cells aligned with spaces, and no
//! `公开 NN 表` marker, so each of the nine tables is found by its title ([`table_id`]) followed by
//! its `单位：` line.
//!
//! - page furniture (page numbers, running titles repeated at the top or bottom of pages) is
//!   dropped first;
//! - each table runs from its title to its last note (`注：…`, `说明：…` and the lines going on
//!   with them), across page breaks, its headers repeated on a new page dropped; its lines are
//!   read by the shape its id says it is printed in (`shapes`), into the rows the tabbed form
//!   gives, so that `columns.rs` reads both forms;
//! - the rest is prose (`prose`): cover, contents, headings, paragraphs unwrapped.

pub(crate) mod grid;
mod prose;
mod rows;
mod shapes;

use super::document::{Document, Warning};
use super::tables::RawTable;
use super::titles::table_id;
use crate::text::squeeze;

/// A line of the text.
#[derive(Debug, Clone)]
struct Line {
    /// Its 1-based number.
    no: usize,
    /// Its text, form feeds and the line end taken out, leading spaces kept (they place it).
    text: String,
    /// A new page starts with it.
    page_start: bool,
    /// Where it was printed, when the text was read from a PDF: the page and the baseline
    /// (points from the page's top). `pdftotext -layout` text has no such places.
    at: Option<(usize, f32)>,
    /// Per character, the ruled cell it was printed in (left and right edge, points), when the
    /// text was read from a PDF that draws its table's vertical rules; empty otherwise.
    cells: Vec<Option<(f32, f32)>>,
    /// Set as a heading is, centred or larger ([`Printed::heading_like`]); never for
    /// `pdftotext -layout` text, which does not say.
    heading_like: bool,
    /// The size of its largest characters, points (0 for `pdftotext -layout` text).
    size: f32,
    /// Where it lies against its page's ruled table.
    ruling: Ruling,
}

/// Where a line read from a PDF lies against the ruled table of its page: the region from the
/// page's first horizontal rule to its last, when vertical rules cross them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Ruling {
    /// Not said (`pdftotext -layout` text, a blank line).
    #[default]
    Unknown,
    /// Its page draws no table.
    NoRules,
    /// Above the page's table.
    Above,
    /// Within it.
    Inside,
    /// Below it.
    Below,
}

/// Where a line of a text read from a PDF was printed.
#[derive(Debug, Clone, Default)]
pub struct Printed {
    /// The page, 1-based.
    pub page: usize,
    /// The baseline, points from the page's top.
    pub base: f32,
    /// Per character of the line, the ruled cell it was printed in (left and right edge).
    pub cells: Vec<Option<(f32, f32)>>,
    /// The left edge of its first character and the right edge of its last, in points.
    pub span: (f32, f32),
    /// The same for the text of its whole page.
    pub block: (f32, f32),
    /// The size of its largest characters, and the body text's, in points.
    pub size: (f32, f32),
    /// Where it lies against its page's ruled table.
    pub ruling: Ruling,
}

impl Printed {
    /// Whether it was set as a heading is: centred in the page's text block, with room either
    /// side (a full line is centred too), or larger than the body text.
    pub fn heading_like(&self) -> bool {
        let width = self.block.1 - self.block.0;
        let middle = (self.span.0 + self.span.1) / 2.0;
        let centred = (middle - (self.block.0 + self.block.1) / 2.0).abs() < 0.04 * width
            && self.span.0 - self.block.0 > 0.1 * width;
        centred || self.size.0 > 1.15 * self.size.1
    }
}

/// Reads a text in the `pdftotext -layout` form.
pub fn layout(text: &str) -> Document {
    layout_at(text, &[])
}

/// Reads a text in the layout form whose lines were printed as `printed` says (by index, for a
/// text read from a PDF): lines' distances on the page then settle what the text alone leaves
/// open (which row a wrapped name belongs to), and ruled cells which columns a header label
/// spans.
pub fn layout_at(text: &str, printed: &[Option<Printed>]) -> Document {
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let printed = printed.get(i).and_then(Option::as_ref);
            Line {
                no: i + 1,
                text: l.replace('\u{c}', "").trim_end().to_string(),
                page_start: i == 0 || l.contains('\u{c}'),
                at: printed.map(|p| (p.page, p.base)),
                cells: printed.map(|p| p.cells.clone()).unwrap_or_default(),
                heading_like: printed.is_some_and(Printed::heading_like),
                size: printed.map_or(0.0, |p| p.size.0),
                ruling: printed.map_or(Ruling::Unknown, |p| p.ruling),
            }
        })
        .collect();
    let skip = furniture(&lines);
    let mut warnings = Vec::new();
    let mut in_table = vec![false; lines.len()];
    let mut tables = Vec::new();
    for found in locate(&lines, &skip) {
        for flag in &mut in_table[found.title..=found.last] {
            *flag = true;
        }
        tables.push(read(&lines, &found, &skip, &mut warnings));
    }
    Document {
        blocks: prose::blocks(&lines, &in_table, &skip),
        tables,
        warnings,
    }
}

/// Page numbers and running titles: the first or last line of a page that is a page number
/// (`3`, `- 3 -`, `第 3 页`), or that is the first or last line of three pages or more.
fn furniture(lines: &[Line]) -> Vec<bool> {
    let mut ends: Vec<usize> = Vec::new();
    let mut page: Vec<usize> = Vec::new();
    let flush = |page: &mut Vec<usize>, ends: &mut Vec<usize>| {
        if let (Some(&a), Some(&b)) = (page.first(), page.last()) {
            ends.push(a);
            if b != a {
                ends.push(b);
            }
        }
        page.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        if l.page_start {
            flush(&mut page, &mut ends);
        }
        if !l.text.trim().is_empty() {
            page.push(i);
        }
    }
    flush(&mut page, &mut ends);
    let mut skip = vec![false; lines.len()];
    for &i in &ends {
        let key = squeeze(&lines[i].text);
        // In a PDF, a running title is printed at the same height on each page: the same
        // words closing pages at different heights (`详见单位的项目绩效目标表` under each
        // project) are text.
        let same_place = |j: usize| match (lines[i].at, lines[j].at) {
            (Some((_, a)), Some((_, b))) => (a - b).abs() < 3.0,
            _ => true,
        };
        let repeated = ends
            .iter()
            .filter(|&&j| squeeze(&lines[j].text) == key && same_place(j))
            .count();
        if page_number(&key) || repeated >= 3 {
            skip[i] = true;
        }
    }
    skip
}

/// `3`, `-3-`, `第3页`, `第3页共20页`, `3/20` (spaces already taken out).
pub(crate) fn page_number(t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some(inner) = t.strip_prefix('-').and_then(|r| r.strip_suffix('-')) {
        return digits(inner);
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(inner) = t.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        let first = inner.split('页').next().unwrap_or("");
        return digits(first);
    }
    false
}

/// Where a table is: indices into the lines.
#[derive(Debug, Clone)]
struct Found {
    id: &'static str,
    /// The title's line.
    title: usize,
    title_text: String,
    department: Option<String>,
    unit: Option<String>,
    /// The lines between the `单位` line and the notes.
    body: Vec<usize>,
    /// The notes' lines.
    notes: Vec<usize>,
    /// The last line (the last note's, or the body's).
    last: usize,
}

/// The table whose title is on line `i`, with `单位：` on it or on one of the three lines after:
/// the id, the title as printed (numbering and surrounding spaces removed) and the index of the
/// `单位` line. A title without its `单位` is a line of the contents listing.
fn title_at(lines: &[Line], skip: &[bool], i: usize) -> Option<(&'static str, String, usize)> {
    let text = lines[i].text.trim();
    let first = text.split("  ").next().unwrap_or(text);
    let id = table_id(text).or_else(|| table_id(first).filter(|_| unit_of(text).is_some()))?;
    let title = if table_id(text).is_some() {
        text
    } else {
        first
    };
    let title = match crate::report::numbering(title) {
        Some(n) => title[n.len()..].trim_start(),
        None => title,
    };
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if unit_of(text).is_some() {
        return Some((id, title, i));
    }
    let unit = (i + 1..lines.len())
        .filter(|&k| !skip[k] && !lines[k].text.trim().is_empty())
        .take(3)
        .find(|&k| unit_of(&lines[k].text).is_some())?;
    Some((id, title, unit))
}

/// `万元` from a line with `单位：万元` (not `编制单位：`).
fn unit_of(text: &str) -> Option<String> {
    let t = squeeze(text);
    // The first `单位：` that is not `编制单位：` (`编制单位：某局 单位：元` has both).
    let at = t
        .match_indices("单位：")
        .chain(t.match_indices("单位:"))
        .map(|(at, _)| at)
        .filter(|&at| !t[..at].ends_with("编制"))
        .min()?;
    let rest = &t[at + "单位".len()..];
    let rest = rest.trim_start_matches(['：', ':']);
    (!rest.is_empty()).then(|| rest.to_string())
}

/// `某局` from a line with `部门：某局` or `编制单位：某局`.
fn department_of(text: &str) -> Option<String> {
    let t = squeeze(text);
    let at = t
        .find("编制单位：")
        .map(|a| a + "编制单位：".len())
        .or_else(|| t.find("部门：").map(|a| a + "部门：".len()))?;
    let rest = &t[at..];
    let end = [rest.find("单位："), rest.find("单位:")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let d = &rest[..end];
    (!d.is_empty()).then(|| d.to_string())
}

/// Whether a line starts a note: `注：`, `说明：`, `备注：`.
fn note_start(text: &str) -> bool {
    let t = squeeze(text);
    ["注：", "注:", "说明：", "说明:", "备注：", "备注:"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Whether a line is a part's heading (`第三部分 …`), which no table runs past.
fn part_heading(text: &str) -> bool {
    let t = squeeze(text);
    t.starts_with('第') && crate::report::numbering(&t).is_some_and(|n| n.ends_with("部分"))
}

/// The tables, in order.
fn locate(lines: &[Line], skip: &[bool]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if skip[i] {
            i += 1;
            continue;
        }
        let Some((id, title_text, unit_at)) = title_at(lines, skip, i) else {
            i += 1;
            continue;
        };
        let mut found = Found {
            id,
            title: i,
            title_text,
            department: None,
            unit: unit_of(&lines[unit_at].text),
            body: Vec::new(),
            notes: Vec::new(),
            last: unit_at,
        };
        for line in &lines[i..=unit_at] {
            if let Some(d) = department_of(&line.text) {
                found.department = Some(d);
            }
        }
        let mut j = unit_at + 1;
        // A table printed as a ruled grid (in a PDF) ends with its grid: a line below the
        // page's last rule, or on a page without rules, is none of its rows.
        let mut ruled = false;
        while j < lines.len() {
            let t = &lines[j].text;
            ruled |= lines[j].ruling == Ruling::Inside;
            let past = ruled
                && !t.trim().is_empty()
                && !skip[j]
                && matches!(lines[j].ruling, Ruling::Below | Ruling::NoRules);
            let ends =
                note_start(t) || part_heading(t) || past || title_at(lines, skip, j).is_some();
            if ends {
                break;
            }
            if !skip[j] && !t.trim().is_empty() {
                found.body.push(j);
                found.last = j;
            }
            j += 1;
        }
        // The notes, and what goes on with them, to a blank line or the page's end.
        if j < lines.len() && note_start(&lines[j].text) {
            while j < lines.len() {
                let t = &lines[j].text;
                let first = found.notes.is_empty();
                if !first
                    && (lines[j].page_start
                        || title_at(lines, skip, j).is_some()
                        || part_heading(t))
                {
                    break;
                }
                if t.trim().is_empty() {
                    let next = (j + 1..lines.len()).find(|&k| !lines[k].text.trim().is_empty());
                    let more =
                        next.is_some_and(|k| !lines[k].page_start && note_start(&lines[k].text));
                    if !more {
                        break;
                    }
                } else if !skip[j] {
                    found.notes.push(j);
                    found.last = j;
                }
                j += 1;
            }
        }
        i = found.last + 1;
        out.push(found);
    }
    out
}

/// A found table read into a [`RawTable`].
fn read(lines: &[Line], found: &Found, skip: &[bool], warnings: &mut Vec<Warning>) -> RawTable {
    let body = body_lines(lines, found, skip);
    let shaped = match found.id {
        "01" | "04" => shapes::halves(&body, warnings),
        "06" => shapes::code_groups(&body, warnings),
        "07" => shapes::pairs(&body, &found.title_text, warnings),
        _ => shapes::code_list(&body, warnings),
    };
    RawTable {
        id: found.id.to_string(),
        title: found.title_text.clone(),
        department: found.department.clone(),
        unit: found.unit.clone(),
        rows: shaped.rows,
        row_lines: shaped.lines,
        notes: found
            .notes
            .iter()
            .map(|&k| {
                lines[k]
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect(),
        note_lines: found.notes.iter().map(|&k| lines[k].no).collect(),
        lines: lines[found.title].no..lines[found.last].no + 1,
    }
}

/// The body's lines, without what a new page repeats of the table's start: its title, its
/// `单位` line, its header lines (those before the first line with a figure, a code or `合计`).
fn body_lines<'a>(lines: &'a [Line], found: &Found, skip: &[bool]) -> Vec<&'a Line> {
    let starts_data = |l: &Line| {
        let toks = grid::tokens(&l.text);
        toks.iter().any(grid::Token::is_figure)
            || toks
                .first()
                .is_some_and(|t| rows::lead(t) || crate::report::numbering(&t.text).is_some())
    };
    let header_end = found
        .body
        .iter()
        .position(|&k| starts_data(&lines[k]))
        .unwrap_or(found.body.len());
    let mut repeated: Vec<String> = found.body[..header_end]
        .iter()
        .map(|&k| squeeze(&lines[k].text))
        .collect();
    repeated.push(squeeze(&lines[found.title].text));
    let mut out = Vec::new();
    let mut new_page = false;
    for (n, &k) in found.body.iter().enumerate() {
        let l = &lines[k];
        if skip[k] {
            continue;
        }
        // Page breaks between this body line and the one before.
        let from = if n == 0 { k } else { found.body[n - 1] + 1 };
        if (from..=k).any(|m| lines[m].page_start) && n > 0 {
            new_page = true;
        }
        let repeats = |l: &Line| {
            let s = squeeze(&l.text);
            repeated.contains(&s)
                || unit_of(&l.text).is_some()
                || s.contains("续表")
                || s.contains("（续）")
        };
        // On a new page, what comes before the repeated header (a running title too rare
        // to be told as one) is no row either.
        let row_start = |l: &Line| {
            grid::tokens(&l.text)
                .first()
                .is_some_and(|t| rows::lead(t) || crate::report::numbering(&t.text).is_some())
        };
        let before_header = || {
            found.body[n + 1..]
                .iter()
                .map(|&m| &lines[m])
                .take_while(|m| !row_start(m))
                .any(&repeats)
        };
        let again =
            n >= header_end && new_page && (repeats(l) || (!row_start(l) && before_header()));
        if again {
            continue;
        }
        if n >= header_end && !repeated.contains(&squeeze(&l.text)) {
            new_page = false;
        }
        out.push(l);
    }
    out
}

#[cfg(test)]
mod tests;
