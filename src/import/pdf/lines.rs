//! The line stage: a page's glyphs grouped into printed lines by their baselines, and the pages
//! written as one text in the `pdftotext -layout` form (columns kept apart with spaces, pages
//! separated by form feeds), which is the text findings are shown on. Each character of that
//! text keeps the box its glyph had on its page, so a finding can say where it is printed.

use hayro_interpret::kurbo::Rect;

use super::glyphs::{Glyph, Page};

/// A printed line: glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
pub struct PrintedLine {
    /// Its page, 1-based.
    pub page: usize,
    /// The baseline (the most common of its glyphs').
    pub base: f32,
    /// Its glyphs, left to right.
    pub glyphs: Vec<Glyph>,
}

/// The pages written as text, with where each line and character came from.
#[derive(Debug, Clone, Default)]
pub struct Reconstructed {
    /// The text, a line per printed line, `\u{c}` opening each page after the first.
    pub text: String,
    /// For each line of the text (0-based), its page and, per character of the line (by
    /// character index, spaces added for layout having none), the glyph's box.
    pub lines: Vec<TextLine>,
    /// Each page's height in points, by page number less one.
    pub heights: Vec<f32>,
    /// Each page's text block: the left edge of its leftmost character and the right edge of
    /// its rightmost, by page number less one (`(0, 0)` for a page without text).
    pub blocks: Vec<(f32, f32)>,
    /// The size most characters are set in (the body text's), in points.
    pub body: f32,
}

/// Where a line of the reconstructed text was printed.
#[derive(Debug, Clone, Default)]
pub struct TextLine {
    /// The page, 1-based (0 for a blank line added between printed ones).
    pub page: usize,
    /// The baseline on the page, in points from its top.
    pub base: f32,
    /// The size of its largest characters, in points (0 for a blank line).
    pub size: f32,
    /// Per character of the line, the box of the glyph it came from.
    pub boxes: Vec<Option<Rect>>,
    /// Per character of the line, the left and right edge (points) of the ruled cell it was
    /// printed in: between the nearest vertical rules either side of it that cross its line.
    /// `None` where the page draws no such rules (text outside a table, a table without
    /// vertical rules).
    pub cells: Vec<Option<(f32, f32)>>,
}

/// The printed lines of a page, top to bottom: glyphs whose baselines lie within 0.45 of their
/// size of a line's are on it. Lines of text are at least 1.1 sizes apart; a cell set lower than
/// its neighbours on one row (a merged `合计` label centred in a taller cell) is a few points off.
pub fn printed_lines(page: &Page) -> Vec<PrintedLine> {
    let mut glyphs: Vec<Glyph> = page
        .glyphs
        .iter()
        .copied()
        .filter(|g| !g.ch.is_whitespace())
        .collect();
    glyphs.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<PrintedLine> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.base - line.base).abs() <= line_tolerance(line, &g) => {
                line.glyphs.push(g)
            }
            _ => lines.push(PrintedLine {
                page: page.number,
                base: g.base,
                glyphs: vec![g],
            }),
        }
    }
    for line in &mut lines {
        line.glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// How far a glyph's baseline may be from a line's and be on it.
fn line_tolerance(line: &PrintedLine, g: &Glyph) -> f32 {
    let size = line.glyphs.first().map_or(g.size, |f| f.size.min(g.size));
    size * 0.45
}

/// The pages as one text in the layout form.
///
/// A character's column is its left edge over half the body text's size, from the page's
/// leftmost glyph, so that columns line up down a table; but text never overlaps: a
/// character set against the one before it follows it directly (CJK text, two columns wide on
/// the page, takes one in the string, so a line drifts left as pdftotext's does), a gap of more
/// than a third of the size gives at least one space (one only within a sentence: a line with
/// `，。；：！？` whose two characters share a cell, or none), and a gap of an em or more at
/// least two, which is what separates cells.
pub fn reconstruct(pages: &[Page]) -> Reconstructed {
    let body = body_size(pages);
    let unit = body / 2.0;
    let mut out = Reconstructed {
        body,
        ..Reconstructed::default()
    };
    for (n, page) in pages.iter().enumerate() {
        out.heights.push(page.height);
        let lines = printed_lines(page);
        let left = lines
            .iter()
            .map(|l| l.glyphs[0].x0)
            .fold(f32::INFINITY, f32::min);
        let right = lines
            .iter()
            .filter_map(|l| l.glyphs.last())
            .map(|g| g.x1)
            .fold(f32::NEG_INFINITY, f32::max);
        out.blocks.push(if lines.is_empty() {
            (0.0, 0.0)
        } else {
            (left, right)
        });
        // Columns count from the page's leftmost character, as pdftotext counts them.
        let margin = lines
            .iter()
            .map(|l| l.glyphs[0].x0)
            .fold(f32::INFINITY, f32::min);
        if n > 0 {
            out.text.push('\u{c}');
        }
        if lines.is_empty() {
            out.text.push('\n');
            out.lines.push(TextLine {
                page: page.number,
                ..TextLine::default()
            });
            continue;
        }
        let mut previous: Option<&PrintedLine> = None;
        for line in &lines {
            // A gap of more than a line and a half keeps a blank line, as a skipped line of
            // the page (between table rows, before a heading).
            if let Some(p) = previous {
                let size = line.glyphs[0].size.max(p.glyphs[0].size);
                if line.base - p.base > 2.2 * size {
                    out.text.push('\n');
                    out.lines.push(TextLine::default());
                }
            }
            let rules = vertical_rules(page, line);
            let sentence = line.glyphs.iter().any(|g| "，。；：！？".contains(g.ch));
            let mut text = String::new();
            let mut boxes = Vec::new();
            let mut cells = Vec::new();
            let mut columns = 0usize;
            let mut last: Option<&Glyph> = None;
            for g in &line.glyphs {
                let at = (((g.x0 - margin) / unit).round().max(0.0)) as usize;
                let spaces = match last {
                    None => at,
                    Some(p) => {
                        let gap = g.x0 - p.x1;
                        let size = g.size.max(p.size);
                        if gap < size * 0.33 {
                            0
                        } else if gap < size {
                            // Within a sentence, a gap under an em is a word space however far
                            // the line was stretched to fill the width; between cells (of a
                            // ruled row, or of a row without sentence marks) the column counts.
                            let same_cell = cell_of(&rules, (p.x0 + p.x1) / 2.0)
                                == cell_of(&rules, (g.x0 + g.x1) / 2.0);
                            if sentence && same_cell {
                                1
                            } else {
                                at.saturating_sub(columns).max(1)
                            }
                        } else {
                            at.saturating_sub(columns).max(2)
                        }
                    }
                };
                for _ in 0..spaces {
                    text.push(' ');
                    boxes.push(None);
                    cells.push(None);
                }
                text.push(g.ch);
                boxes.push(Some(g.rect()));
                cells.push(cell_of(&rules, (g.x0 + g.x1) / 2.0));
                columns += spaces + 1;
                last = Some(g);
            }
            out.text.push_str(&text);
            out.text.push('\n');
            out.lines.push(TextLine {
                page: page.number,
                base: line.base,
                size: line.glyphs.iter().map(|g| g.size).fold(0.0, f32::max),
                boxes,
                cells,
            });
            previous = Some(line);
        }
    }
    out
}

/// The x of every vertical rule of `page` that crosses `line` (through the middle of its
/// characters' height, where a cell's side rule runs), left to right, rules within a point of
/// each other taken once (a border drawn twice, or as a thin box).
fn vertical_rules(page: &Page, line: &PrintedLine) -> Vec<f32> {
    let size = line.glyphs.first().map_or(0.0, |g| g.size);
    let middle = line.base - 0.35 * size;
    let mut xs: Vec<f32> = page
        .segments
        .iter()
        .filter(|s| !s.horizontal())
        .filter(|s| {
            let (top, bottom) = (s.from.1.min(s.to.1), s.from.1.max(s.to.1));
            top <= middle && middle <= bottom
        })
        .map(|s| s.from.0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|b, a| *b - *a < 1.0);
    xs
}

/// The cell between the rules either side of `x`, if there is a rule on each side.
fn cell_of(rules: &[f32], x: f32) -> Option<(f32, f32)> {
    let right = rules.partition_point(|&r| r < x);
    Some((*rules.get(right.checked_sub(1)?)?, *rules.get(right)?))
}

/// The size most characters are set in (the body text's), 10.5 points when there are none.
fn body_size(pages: &[Page]) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for g in pages.iter().flat_map(|p| p.glyphs.iter()) {
        let key = (g.size * 4.0).round() as i32;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(k, n)| (*n, -*k))
        .map_or(10.5, |(k, _)| *k as f32 / 4.0)
        .max(1.0)
}
