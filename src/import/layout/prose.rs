//! The text outside the tables of a `pdftotext -layout` report as blocks: the cover, the
//! contents listing (目录) as listing items, headings, and paragraphs put back together from the
//! lines pdftotext wrapped them over.
//!
//! pdftotext keeps a paragraph's first-line indent and wraps the rest at the page's width,
//! scattering blank lines; so blank lines say nothing, and a paragraph is a line indented a little
//! (up to [`INDENT_MAX`] spaces) or following a heading, with every line after it that is not
//! indented so (a line at the margin, or one pushed far right, such as a stray `。`).

use std::ops::Range;

use super::grid::join;
use super::Line;
use crate::import::{Block, BlockKind};
use crate::text::squeeze;

/// The deepest indent that starts a paragraph; a line indented deeper is text pdftotext pushed
/// right (a centred word, a stray `。`), which goes on with the line before.
const INDENT_MAX: usize = 8;

/// The longest heading, in characters.
const HEADING_MAX: usize = 40;

/// The shortest line that fills the page's width, in characters (pdftotext wraps prose at
/// about 28 to 30).
const FULL_LINE: usize = 26;

/// The longest piece a wrapped heading goes on with (`说明` under `第三部分 … 情况`).
const HEADING_TAIL_MAX: usize = 8;

/// What a sentence or clause has and a heading's wrapped tail does not.
const PROSE_MARKS: [char; 7] = ['，', '。', '；', '：', '！', '？', ','];

/// What pdftotext may put at the start of a line although it ends the text before.
const CLOSING: &str = "。，、；：）」”’》)";

/// The blocks of the lines that are neither a table's (`table`) nor page furniture (`skip`).
pub fn blocks(lines: &[Line], table: &[bool], skip: &[bool]) -> Vec<Block> {
    let mut out = Vec::new();
    let listing = contents(lines, table, skip);
    let body_from = match &listing {
        Some((at, end)) => {
            cover(lines, 0..*at, table, skip, &mut out);
            out.push(block(
                BlockKind::Paragraph,
                "目录".to_string(),
                lines[*at].no,
            ));
            entries(lines, at + 1..*end, table, skip, &mut out);
            *end
        }
        None => 0,
    };
    // A list's first item printed on the line that introduces it (`具体包括：   1. 某局本部`,
    // the next items under it) is a line of its own.
    let (mut split, mut in_table, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
    for i in body_from..lines.len() {
        let next = (i + 1..lines.len())
            .find(|&k| !lines[k].text.trim().is_empty())
            .map_or("", |k| lines[k].text.as_str());
        let pieces = match first_item(&lines[i].text, next) {
            Some(at) if !table[i] && !skip[i] => {
                let (head, item) = lines[i].text.split_at(at);
                let indent = head.chars().take_while(|c| c.is_whitespace()).count();
                vec![
                    head.trim_end().to_string(),
                    format!("{}{}", " ".repeat(indent.max(1)), item.trim()),
                ]
            }
            _ => vec![lines[i].text.clone()],
        };
        for text in pieces {
            split.push(Line {
                text,
                ..lines[i].clone()
            });
            in_table.push(table[i]);
            skipped.push(skip[i]);
        }
    }
    body(&split, 0..split.len(), &in_table, &skipped, &mut out);
    out
}

/// Where a list's first item starts on the line that introduces it: after `：`, an item
/// numbered `1` (`1.`, `1、`) when the next line is item `2` numbered the same way.
fn first_item(text: &str, next: &str) -> Option<usize> {
    let colon = text.find('：')? + '：'.len_utf8();
    let rest = &text[colon..];
    let gap = rest.len() - rest.trim_start().len();
    let item = rest.trim_start();
    let delimiter = item.strip_prefix('1')?.chars().next()?;
    let second = next.trim_start().strip_prefix('2')?.starts_with(delimiter);
    let numbered = crate::report::numbering(item).is_some() && "．.、".contains(delimiter);
    (second && numbered).then_some(colon + gap)
}

fn block(kind: BlockKind, text: String, no: usize) -> Block {
    Block {
        kind,
        text,
        lines: no..no + 1,
        joined: false,
    }
}

/// A line's text, its runs of spaces made one.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the contents listing is: the `目录` line, and the line where the body starts again
/// with the listing's first entry.
fn contents(lines: &[Line], table: &[bool], skip: &[bool]) -> Option<(usize, usize)> {
    let at = lines
        .iter()
        .enumerate()
        .position(|(i, l)| !table[i] && !skip[i] && squeeze(&l.text) == "目录")?;
    let first = (at + 1..lines.len()).find(|&i| !lines[i].text.trim().is_empty())?;
    let key = squeeze(&lines[first].text);
    let end = (first + 1..lines.len()).find(|&i| squeeze(&lines[i].text) == key)?;
    Some((at, end))
}

/// The cover: its lines, one title.
fn cover(lines: &[Line], range: Range<usize>, table: &[bool], skip: &[bool], out: &mut Vec<Block>) {
    let mut title: Option<Block> = None;
    for i in range {
        let text = clean(&lines[i].text);
        if text.is_empty() || table[i] || skip[i] {
            continue;
        }
        match &mut title {
            Some(b) => {
                b.text = join(&b.text, &text);
                b.lines.end = lines[i].no + 1;
                b.joined = true;
            }
            None => title = Some(block(BlockKind::Paragraph, text, lines[i].no)),
        }
    }
    out.extend(title);
}

/// The listing's entries: each numbered line an item, a line without numbering the end of the
/// entry above it (`第三部分 … 情况` / `说明`).
fn entries(
    lines: &[Line],
    range: Range<usize>,
    table: &[bool],
    skip: &[bool],
    out: &mut Vec<Block>,
) {
    let mut open = false;
    for i in range {
        let text = clean(&lines[i].text);
        if text.is_empty() || table[i] || skip[i] {
            continue;
        }
        let numbered = crate::report::numbering(&text).is_some();
        match out.last_mut() {
            Some(b) if open && !numbered => {
                b.text = join(&b.text, &text);
                b.lines.end = lines[i].no + 1;
                b.joined = true;
            }
            _ => {
                out.push(block(BlockKind::ListItem, text, lines[i].no));
                open = true;
            }
        }
    }
}

/// The body: headings and paragraphs, wrapped lines joined.
fn body(lines: &[Line], range: Range<usize>, table: &[bool], skip: &[bool], out: &mut Vec<Block>) {
    // Whether the last block may go on in the next line; whether it is a heading printed as
    // one, on the line before.
    let mut open = false;
    let mut heading_open = false;
    for i in range {
        if table[i] {
            open = false;
            heading_open = false;
            continue;
        }
        let raw = &lines[i].text;
        let text = clean(raw);
        if text.is_empty() || skip[i] {
            continue;
        }
        let no = lines[i].no;
        let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
        let numbered = crate::report::numbering(&text).is_some();
        if !numbered && raw.trim().contains("   ") {
            // A small table of its own (序号 单位名称 备注): each line as it is.
            out.push(block(BlockKind::Paragraph, text, no));
            open = false;
            continue;
        }
        let short = text.chars().count() <= HEADING_MAX;
        let prose = text.contains(PROSE_MARKS) || text.ends_with(['。', '！', '？', '.', '!', '?']);
        // Printed as a heading is (centred, or larger), in a PDF: a heading of its own, numbered
        // or not, which neither goes on with the text above nor takes the next line's.
        if lines[i].heading_like && short && !prose {
            // A heading's wrapped tail (`说明` under `第三部分 … 情况`) goes on with it: set
            // as large, directly under it.
            // A figure (`50万元` under `六、年度预算安排`) is no heading's tail.
            let tail = i > 0
                && wrapped_under(&lines[i], &lines[i - 1])
                && !text.contains(|c: char| c.is_ascii_digit());
            if heading_open
                && tail
                && !numbered
                && out.last_mut().is_some_and(|b| go_on(b, &text, no, false))
            {
                heading_open = false;
                continue;
            }
            out.push(block(BlockKind::Heading, text, no));
            open = false;
            heading_open = true;
            continue;
        }
        heading_open = false;
        let closing = text.starts_with(|c: char| CLOSING.contains(c));
        let goes_on = closing || (!numbered && (indent == 0 || indent > INDENT_MAX));
        if open && goes_on && out.last_mut().is_some_and(|b| go_on(b, &text, no, closing)) {
            continue;
        }
        // An Arabic-numbered item of a list (after the line introducing it, or after the item
        // before) is a paragraph, as `assemble` writes those.
        let listed = text.starts_with(|c: char| c.is_ascii_digit())
            && out.last().is_some_and(|b: &Block| {
                b.text.ends_with('：')
                    || (b.kind == BlockKind::Paragraph
                        && b.text.starts_with(|c: char| c.is_ascii_digit()))
            });
        let kind = if numbered && short && !prose && !listed {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        heading_open = kind == BlockKind::Heading;
        out.push(block(kind, text, no));
        open = true;
    }
}

/// Whether `line` is printed directly under `above` in the same size, as a wrapped line is (at
/// most double-spaced); true for text without places, which cannot tell.
fn wrapped_under(line: &Line, above: &Line) -> bool {
    match (line.at, above.at) {
        (Some((p, base)), Some((q, up))) => {
            p == q && (line.size - above.size).abs() < 0.5 && base - up <= 2.2 * line.size
        }
        _ => true,
    }
}

/// A block goes on in the next line, if it can: a paragraph always; a heading with a short tail
/// without punctuation (`说明` under `第三部分 … 情况`), or with what pdftotext pushed onto a line
/// of its own (a stray `。` makes it a numbered paragraph, `）` does not). Otherwise a paragraph
/// starts after the heading.
fn go_on(b: &mut Block, text: &str, no: usize, closing: bool) -> bool {
    if b.kind == BlockKind::Heading {
        // A figure (`50万元` under `六、年度预算安排`) is what the heading announces, not its tail.
        let tail = text.chars().count() <= HEADING_TAIL_MAX
            && !text.contains(PROSE_MARKS)
            && !text.contains(|c: char| c.is_ascii_digit());
        // A numbered line as long as the page is wide, going on at the margin, was a numbered
        // paragraph wrapped (`3、一般公共服务支出（类）…其他社会工作` / `事务支出（项）。…`).
        let wrapped = b.text.chars().count() >= FULL_LINE && !b.joined;
        if !tail && !closing && !wrapped {
            return false;
        }
        if !tail {
            b.kind = BlockKind::Paragraph;
        }
    }
    b.text = join(&b.text, text);
    b.lines.end = no + 1;
    b.joined = true;
    true
}
