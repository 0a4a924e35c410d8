//! The lines of a `pdftotext -layout` table put into the rows the back-end reads (the shape the
//! tabbed form gives, `columns.rs`): header rows as cells, wrapped labels put together; data
//! rows as `[code, name, figures…]` with `""` where a cell is empty. One reader per way a table
//! is printed: 科目 lists (02, 03, 05, 08, 09), halves side by side (01, 04), 科目 groups side by
//! side (06), and column groups (07).

use super::grid::{columns, figure, place, tokens_in_cells, Column, Placed, Token};
use super::rows::{lead, logical_rows, Entry, Logical};
use super::Line;
use crate::import::columns::is_code;
use crate::import::Warning;
use crate::text::squeeze;

/// Rows as the back-end reads them, each with its line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// Header rows, then data rows.
    pub rows: Vec<Vec<String>>,
    /// The 1-based line of each.
    pub lines: Vec<usize>,
}

impl Rows {
    fn push(&mut self, row: Vec<String>, line: usize) {
        self.rows.push(row);
        self.lines.push(line);
    }
}

/// A line cut into tokens, with its number.
type Cut = (usize, Vec<Token>);

fn cut(body: &[&Line]) -> Vec<Cut> {
    body.iter()
        .map(|l| (l.no, tokens_in_cells(&l.text, &l.cells)))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// Where each line of a body was printed, by line number (empty for `pdftotext -layout` text).
fn places(body: &[&Line]) -> std::collections::HashMap<usize, (usize, f32)> {
    body.iter().filter_map(|l| Some((l.no, l.at?))).collect()
}

fn warn(warnings: &mut Vec<Warning>, line: usize, message: String) {
    warnings.push(Warning {
        lines: line..line + 1,
        message,
    });
}

/// The figures of a row put into `width` value cells by their places among `cols`; when their
/// places do not tell, the figures in order, short of the width (for the table's arithmetic to
/// place, `settle`).
fn values(
    figures: &[Token],
    cols: &[Column],
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<String> {
    let mids: Vec<i64> = figures.iter().map(Token::mid2).collect();
    let centres: Vec<i64> = cols.iter().map(Column::mid2).collect();
    let texts = || figures.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
    if figures.len() > cols.len() {
        warn(
            warnings,
            line,
            format!(
                "第 {line} 行有 {} 个数字，多于表头的 {} 列，已按原顺序读入，请核对",
                figures.len(),
                cols.len()
            ),
        );
        return texts();
    }
    match place(&mids, &centres) {
        Placed::Columns(at) => {
            let mut out = vec![String::new(); cols.len()];
            for (f, c) in figures.iter().zip(at) {
                out[c] = f.text.clone();
            }
            out
        }
        Placed::Unsure => texts(),
    }
}

/// [`values`] for a table no arithmetic settles afterwards (halves, groups, pairs): figures whose
/// places do not tell are kept in order from the first column, and said so on their line.
fn placed_values(
    figures: &[Token],
    cols: &[Column],
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<String> {
    let out = values(figures, cols, line, warnings);
    if out.len() < cols.len() && !figures.is_empty() {
        warn(
            warnings,
            line,
            format!("第 {line} 行的数字无法按位置确定所在列，已从第一列起依次读入，请核对"),
        );
    }
    out
}

/// The middles of the labels `类`, `款` and `项` when a header line is exactly those three,
/// left to right: the columns of a code printed in parts.
fn split_code_labels(tokens: &[Token]) -> Option<[i64; 3]> {
    let texts: Vec<String> = tokens.iter().map(|t| squeeze(&t.text)).collect();
    // `类 款 项` may come as one token when the labels stand a single space apart.
    if texts.len() == 1 && texts[0] == "类款项" {
        let t = &tokens[0];
        let w = (t.end - t.start) as i64;
        let s = 2 * t.start as i64;
        return Some([s + w / 3, s + w, s + 5 * w / 3]);
    }
    (texts == ["类", "款", "项"]).then(|| [tokens[0].mid2(), tokens[1].mid2(), tokens[2].mid2()])
}

/// Rows whose code is printed in parts (`201   31   01`, or `31   01` and `01` under the row
/// that printed the rest) given one code each: the leading tokens of two or three digits are
/// put into the part columns they stand nearest, and a part left blank is the one printed
/// last above it (the 类 and 款 rows come first). The joined code takes the parts' place.
fn join_split_codes(lines: &mut [Cut], parts: &[i64; 3]) {
    let mut last: [Option<String>; 3] = [None, None, None];
    for (_, tokens) in lines.iter_mut() {
        let mut found: [Option<usize>; 3] = [None, None, None];
        let mut n = 0;
        for (i, t) in tokens.iter().enumerate() {
            let digits = t.text.len() == 2 || t.text.len() == 3;
            if !digits || !t.text.bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            let part = (0..3)
                .min_by_key(|&k| (parts[k] - t.mid2()).abs())
                .unwrap_or(0);
            let width_fits = (part == 0) == (t.text.len() == 3);
            if !width_fits || found[part].is_some() || found[part..].iter().any(Option::is_some) {
                break;
            }
            found[part] = Some(i);
            n = i + 1;
        }
        let Some(deepest) = (0..3).rev().find(|&k| found[k].is_some()) else {
            continue;
        };
        let mut code = String::new();
        for k in 0..=deepest {
            match found[k] {
                Some(i) => {
                    last[k] = Some(tokens[i].text.clone());
                    for deeper in last.iter_mut().skip(k + 1) {
                        *deeper = None;
                    }
                }
                None if last[k].is_none() => break,
                None => {}
            }
            code.push_str(last[k].as_deref().unwrap_or(""));
        }
        if code.len() != 3 + 2 * deepest {
            continue;
        }
        let start = tokens[..n].iter().map(|t| t.start).min().unwrap_or(0);
        let end = tokens[..n].iter().map(|t| t.end).max().unwrap_or(0);
        tokens.splice(
            ..n,
            [Token {
                start,
                end,
                text: code,
                cell: None,
            }],
        );
    }
}

/// Whether a label is the stub header `项目`, which names no column.
fn stub(t: &Token) -> bool {
    squeeze(&t.text) == "项目"
}

/// A 科目 list (02, 03, 05, 08, 09): header lines down to the one with `科目编码`, then rows.
/// The `合计` row of 08 and 09 shares its line with their lower headers (`合计 基本支出 项目支出`
/// under `本年支出`), which are taken for headers.
pub fn code_list(body: &[&Line], warnings: &mut Vec<Warning>) -> Rows {
    let mut lines = cut(body);
    // The headers end with the line of `科目编码`, before any figure or code; without such a
    // line, at the first row.
    let data = |t: &[Token]| t.iter().any(Token::is_figure) || is_code(&t[0].text);
    let first_data = lines
        .iter()
        .position(|(_, t)| data(t))
        .unwrap_or(lines.len());
    let mut header_end = match lines[..first_data]
        .iter()
        .rposition(|(_, t)| t.iter().any(|x| squeeze(&x.text).ends_with("编码")))
    {
        Some(k) => k + 1,
        None => lines
            .iter()
            .position(|(_, t)| lead(&t[0]))
            .unwrap_or(lines.len()),
    };
    // A code printed in three columns, 类 | 款 | 项, under a header line of those three
    // labels: the line is a header, and each row's parts are joined into one code.
    if let Some(k) = (0..first_data).find(|&k| split_code_labels(&lines[k].1).is_some()) {
        if let Some(parts) = split_code_labels(&lines[k].1) {
            lines.remove(k);
            header_end = header_end.max(k);
            let first = header_end.min(lines.len());
            join_split_codes(&mut lines[first..], &parts);
        }
    }
    let mut labels: Vec<(usize, Token)> = Vec::new();
    for (k, (_, toks)) in lines[..header_end].iter().enumerate() {
        labels.extend(toks.iter().filter(|t| !stub(t)).map(|t| (k, t.clone())));
    }
    let at = places(body);
    let entries: Vec<Entry> = lines[header_end..]
        .iter()
        .map(|(no, t)| Entry {
            line: *no,
            tokens: t.clone(),
            at: at.get(no).copied(),
        })
        .collect();
    let mut rows = logical_rows(&entries, warnings);
    let mut cols = columns(&labels);
    // Lower headers on the 合计 line.
    if let Some(total) = rows.iter_mut().find(|r| r.lead == "合计") {
        let sub: Vec<Token> = std::mem::take(&mut total.extra);
        if !sub.is_empty() && total.figures.is_empty() {
            let sub_labels: Vec<(usize, Token)> = sub.into_iter().map(|t| (0, t)).collect();
            cols = with_lower_headers(cols, columns(&sub_labels));
        } else {
            total.extra = sub;
        }
    }
    let mut out = Rows::default();
    let header_line = lines.first().map_or(0, |(no, _)| *no);
    out.push(cols.iter().map(|c| c.label.clone()).collect(), header_line);
    if cols.len() < 3 {
        warn(
            warnings,
            header_line,
            format!(
                "第 {header_line} 行起的表头只认出 {} 列，请核对",
                cols.len()
            ),
        );
    }
    let value_cols = &cols[cols.len().min(2)..];
    for row in rows {
        out.push(code_row(&row, value_cols, warnings), row.line);
    }
    out
}

/// Lower headers (`合计`, `基本支出`, `项目支出`) put in the place of the upper column they sit
/// under (the one nearest their middle, `本年支出`), as `本年支出/合计`, ….
fn with_lower_headers(upper: Vec<Column>, lower: Vec<Column>) -> Vec<Column> {
    let (Some(first), Some(last)) = (lower.first(), lower.last()) else {
        return upper;
    };
    let mid = (first.start + last.end) as i64;
    let Some(parent) = (2..upper.len()).min_by_key(|&k| (upper[k].mid2() - mid).abs()) else {
        return upper;
    };
    let mut out = upper[..parent].to_vec();
    for c in &lower {
        out.push(Column {
            label: format!("{}/{}", upper[parent].label, c.label),
            ..c.clone()
        });
    }
    out.extend(upper[parent + 1..].iter().cloned());
    out
}

/// A 科目 row's cells: `[code, name, values…]`; `合计` in the first cell.
fn code_row(row: &Logical, value_cols: &[Column], warnings: &mut Vec<Warning>) -> Vec<String> {
    let line = row.line;
    for t in &row.extra {
        warn(
            warnings,
            line,
            format!("第 {line} 行的“{}”不在任何一列，未读入，请核对", t.text),
        );
    }
    let mut cells = vec![row.lead.clone(), row.name.clone()];
    cells.extend(values(&row.figures, value_cols, line, warnings));
    cells
}

/// A table printed as halves side by side (01 and 04): a line naming the halves (`收入`, `支出`),
/// a line of labels each half starts with `项目`, labels wrapped below that, then rows, each line
/// holding a row of either half or both.
pub fn halves(body: &[&Line], warnings: &mut Vec<Warning>) -> Rows {
    let lines = cut(body);
    let mut out = Rows::default();
    let Some(label_at) = lines
        .iter()
        .position(|(_, t)| t.iter().filter(|x| stub(x)).count() >= 2)
    else {
        let line = lines.first().map_or(0, |(no, _)| *no);
        warn(
            warnings,
            line,
            format!("第 {line} 行起的表找不到“项目”表头，未读入"),
        );
        return out;
    };
    let starts: Vec<&Token> = lines[label_at].1.iter().filter(|x| stub(x)).collect();
    let right_start = starts[1].start;
    // Labels wrapped below the line of 项目s: in the right half, no figure, no numbering.
    let mut header_end = label_at + 1;
    while let Some((_, t)) = lines.get(header_end) {
        let wrapped = t.iter().all(|x| {
            x.start > starts[1].end && !x.is_figure() && crate::report::numbering(&x.text).is_none()
        });
        if !wrapped {
            break;
        }
        header_end += 1;
    }
    // Labels: every header line's but the one naming the halves (the line just above the 项目s,
    // or the first).
    let names_at = label_at
        .checked_sub(1)
        .filter(|&k| lines[k].1.len() == 2 && lines[k].1.iter().all(|t| !t.is_figure()));
    let names_at = names_at.or_else(|| (label_at > 0).then_some(0));
    let mut labels: Vec<(usize, Token)> = Vec::new();
    for (k, (_, toks)) in lines[..header_end].iter().enumerate() {
        if Some(k) == names_at {
            continue;
        }
        labels.extend(toks.iter().filter(|t| !stub(t)).map(|t| (k, t.clone())));
    }
    let cols = columns(&labels);
    let (left, right): (Vec<Column>, Vec<Column>) =
        cols.into_iter().partition(|c| c.start < right_start);
    let names: Vec<String> = names_at
        .map(|k| lines[k].1.iter().map(|t| squeeze(&t.text)).collect())
        .filter(|n: &Vec<String>| n.len() == 2)
        .unwrap_or_else(|| vec!["收入".to_string(), "支出".to_string()]);
    let width = 2 + left.len() + right.len();
    let mut name_row = vec![String::new(); width];
    name_row[0] = names[0].clone();
    name_row[1 + left.len()] = names[1].clone();
    let header_line = lines[names_at.unwrap_or(label_at)].0;
    out.push(name_row, header_line);
    let mut label_row = vec!["项目".to_string()];
    label_row.extend(left.iter().map(|c| c.label.clone()));
    label_row.push("项目".to_string());
    label_row.extend(right.iter().map(|c| c.label.clone()));
    out.push(label_row, lines[label_at].0);
    // Where a name alone on its line belongs: left of the left half's figures, or right.
    let split = left.first().map_or(right_start, |c| c.start);
    let mut last_names: [Option<usize>; 2] = [None, None];
    for (no, toks) in &lines[header_end..] {
        let mut halves: [(String, Vec<Token>); 2] = Default::default();
        let mut current: Option<usize> = None;
        for t in toks {
            let by_place = usize::from(t.start >= split);
            if t.is_figure() {
                let h = current.unwrap_or(by_place);
                halves[h].1.push(t.clone());
            } else {
                let h = match current {
                    None => by_place,
                    Some(_) => 1,
                };
                current = Some(h);
                halves[h].0 = super::grid::join(&halves[h].0, &t.text);
            }
        }
        // A short piece alone on its line ends the name above it (`…应急管理支` / `出`).
        let lone = toks.len() == 1 && !toks[0].is_figure();
        if lone {
            let h = usize::from(toks[0].start >= split);
            let piece = &halves[h].0;
            let continues = piece.chars().count() <= 4
                && crate::report::numbering(piece).is_none()
                && !piece.ends_with('计');
            if let (true, Some(r)) = (continues, last_names[h]) {
                let at = if h == 0 { 0 } else { 1 + left.len() };
                let joined = super::grid::join(&out.rows[r][at], piece);
                out.rows[r][at] = joined;
                continue;
            }
        }
        let mut row = vec![halves[0].0.clone()];
        row.extend(placed_values(&halves[0].1, &left, *no, warnings));
        row.resize(1 + left.len(), String::new());
        row.push(halves[1].0.clone());
        row.extend(placed_values(&halves[1].1, &right, *no, warnings));
        row.resize(width, String::new());
        for h in 0..2 {
            if !halves[h].0.is_empty() {
                last_names[h] = Some(out.rows.len());
            }
        }
        out.push(row, *no);
    }
    out
}

/// A 科目 table printed as two groups side by side (06: 人员经费 left, 公用经费 right), each
/// `经济分类科目编码 | 科目名称 | 决算数`, ending with `人员经费合计 … 公用经费合计 …`. Each group's
/// rows come out on rows of their own (the other group's cells empty), so that each keeps its
/// line.
pub fn code_groups(body: &[&Line], warnings: &mut Vec<Warning>) -> Rows {
    let lines = cut(body);
    let at = places(body);
    let mut out = Rows::default();
    let first = lines
        .iter()
        .position(|(_, t)| lead(&t[0]) || t[0].text.ends_with("合计"))
        .unwrap_or(lines.len());
    let mut labels: Vec<(usize, Token)> = Vec::new();
    for (k, (_, toks)) in lines[..first].iter().enumerate() {
        labels.extend(toks.iter().filter(|t| !stub(t)).map(|t| (k, t.clone())));
    }
    let cols = columns(&labels);
    let header_line = lines.first().map_or(0, |(no, _)| *no);
    let coded: Vec<usize> = (0..cols.len())
        .filter(|&k| cols[k].label.ends_with("编码"))
        .collect();
    if coded.len() != 2 || coded[0] != 0 || cols.len() != 2 * coded[1] {
        warn(
            warnings,
            header_line,
            format!("第 {header_line} 行起的表头不是两组并排的科目，未读入"),
        );
        return out;
    }
    let group = coded[1];
    out.push(cols.iter().map(|c| c.label.clone()).collect(), header_line);
    // A token left of the split belongs to the left group when no code says otherwise.
    let split = (cols[1].start + cols[group].start) / 2;
    let mut sides: [Vec<Entry>; 2] = Default::default();
    let mut total: Option<(usize, Vec<Token>)> = None;
    for (no, toks) in &lines[first..] {
        if toks.iter().any(|t| squeeze(&t.text).ends_with("合计")) {
            total = Some((*no, toks.clone()));
            continue;
        }
        let mut parts: [Vec<Token>; 2] = Default::default();
        let mut current: Option<usize> = None;
        // Whether the left group has had a figure on this line (then what follows is the right's).
        let mut left_valued = false;
        for t in toks {
            let by_place = usize::from(t.start >= split);
            // A code is digits like a whole figure: the first of a line, or the second code
            // on it, which starts the right group.
            let code = is_code(&t.text)
                && (current.is_none() || current == Some(0) && !parts[0].is_empty());
            let side = if code {
                match current {
                    None => by_place,
                    Some(_) => 1,
                }
            } else if t.is_figure() {
                current.unwrap_or(by_place)
            } else {
                match current {
                    Some(0) if left_valued => 1,
                    Some(s) => s,
                    None => by_place,
                }
            };
            if side == 0 && t.is_figure() && !code {
                left_valued = true;
            }
            current = Some(side);
            parts[side].push(t.clone());
        }
        for (side, part) in parts.into_iter().enumerate() {
            sides[side].push(Entry {
                line: *no,
                tokens: part,
                at: at.get(no).copied(),
            });
        }
    }
    let value_col = |side: usize| &cols[side * group + 2..side * group + 3];
    for (side, entries) in sides.iter().enumerate() {
        for row in logical_rows(entries, warnings) {
            let mut cells = vec![String::new(); 2 * group];
            let at = side * group;
            cells[at] = row.lead.clone();
            cells[at + 1] = row.name.clone();
            let v = placed_values(&row.figures, value_col(side), row.line, warnings);
            for (k, value) in v.into_iter().enumerate() {
                if let Some(c) = cells.get_mut(at + 2 + k) {
                    *c = value;
                }
            }
            for t in &row.extra {
                warn(
                    warnings,
                    row.line,
                    format!(
                        "第 {} 行的“{}”不在任何一列，未读入，请核对",
                        row.line, t.text
                    ),
                );
            }
            out.push(cells, row.line);
        }
    }
    match total {
        Some((no, toks)) => {
            let mut cells = vec![String::new(); 2 * group];
            let mut side = 0;
            let mut seen_label = false;
            for t in toks {
                if squeeze(&t.text).ends_with("合计") {
                    if seen_label {
                        side = 1;
                    }
                    seen_label = true;
                    cells[side * group] = squeeze(&t.text);
                } else if t.is_figure() {
                    cells[side * group + 2] = t.text.clone();
                }
            }
            out.push(cells, no);
        }
        None => warn(
            warnings,
            header_line,
            format!("第 {header_line} 行起的表没有“人员经费合计”“公用经费合计”行"),
        ),
    }
    out
}

/// A table of items each with a pair of columns (07: `预算数 决算数` under each of 合计,
/// 因公出国（境）费, …), turned into the tabbed form's shape: a first row naming the groups
/// (`预算数`, then `决算数`), the items' labels under each, a group label (`公务用车购置及运行维护费`)
/// over the items it spans on a row of its own, and the figures of each group together.
pub fn pairs(body: &[&Line], title: &str, warnings: &mut Vec<Warning>) -> Rows {
    let lines = cut(body);
    let mut out = Rows::default();
    let header_line = lines.first().map_or(0, |(no, _)| *no);
    let first_data = lines
        .iter()
        .position(|(_, t)| t.iter().all(Token::is_figure))
        .unwrap_or(lines.len());
    // The line of leaf labels: the most tokens, few distinct labels repeated.
    let leaf_at = (0..first_data).max_by_key(|&k| lines[k].1.len());
    let distinct = |toks: &[Token]| {
        let mut d: Vec<String> = Vec::new();
        for t in toks {
            let s = squeeze(&t.text);
            if !d.contains(&s) {
                d.push(s);
            }
        }
        d
    };
    let Some(leaf_at) = leaf_at.filter(|&k| {
        let toks = &lines[k].1;
        let d = distinct(toks).len();
        toks.len() >= 4 && d >= 2 && toks.len().is_multiple_of(d)
    }) else {
        warn(
            warnings,
            header_line,
            format!("第 {header_line} 行起的表头找不到成对的列，未读入"),
        );
        return out;
    };
    let leaves = &lines[leaf_at].1;
    let groups = distinct(leaves);
    let g = groups.len();
    let n = leaves.len() / g;
    let spans: Vec<(usize, usize)> = (0..n)
        .map(|j| (leaves[j * g].start, leaves[j * g + g - 1].end))
        .collect();
    let item_of = |t: &Token| {
        let mid = t.mid2();
        (0..n)
            .min_by_key(|&j| {
                let (s, e) = spans[j];
                if mid >= 2 * s as i64 && mid <= 2 * e as i64 {
                    0
                } else {
                    (mid - 2 * s as i64).abs().min((mid - 2 * e as i64).abs())
                }
            })
            .unwrap_or(0)
    };
    let caption = squeeze(title);
    // Each item's labels: (line index, token).
    let mut items: Vec<Vec<(usize, Token)>> = vec![Vec::new(); n];
    for (k, (_, toks)) in lines[..leaf_at].iter().enumerate() {
        for t in toks {
            let s = squeeze(&t.text);
            if caption.contains(&s) || stub(t) {
                continue;
            }
            items[item_of(t)].push((k, t.clone()));
        }
    }
    // A label wider than its item's pair of columns, over other labels, is a group label over
    // several items.
    let mut group_labels: Vec<(usize, String)> = Vec::new();
    for (j, item) in items.iter_mut().enumerate() {
        item.sort_by_key(|(k, t)| (*k, t.start));
        let wide = item
            .first()
            .is_some_and(|(_, t)| t.end - t.start > spans[j].1 - spans[j].0);
        if item.len() >= 2 && wide {
            let (_, t) = item.remove(0);
            group_labels.push((j, squeeze(&t.text)));
        }
    }
    let item_label =
        |j: usize| -> String { items[j].iter().map(|(_, t)| squeeze(&t.text)).collect() };
    let mut upper: Vec<String> = (0..n).map(item_label).collect();
    let mut lower: Vec<String> = vec![String::new(); n];
    for (near, label) in &group_labels {
        let prefix: String = label.chars().take(4).collect();
        let under = |j: usize| upper[j].starts_with(&prefix) || upper[j] == "小计";
        let mut from = *near;
        while from > 0 && under(from - 1) {
            from -= 1;
        }
        let mut to = *near;
        while to + 1 < n && under(to + 1) {
            to += 1;
        }
        for j in from..=to {
            lower[j] = std::mem::take(&mut upper[j]);
        }
        upper[from] = label.clone();
    }
    let mut names = vec![String::new(); g * n];
    for (k, name) in groups.iter().enumerate() {
        names[k * n] = name.clone();
    }
    out.push(names, header_line);
    out.push(
        upper.iter().cycle().take(g * n).cloned().collect(),
        header_line,
    );
    if lower.iter().any(|l| !l.is_empty()) {
        out.push(
            lower.iter().cycle().take(g * n).cloned().collect(),
            header_line,
        );
    }
    let leaf_cols: Vec<Column> = leaves
        .iter()
        .map(|t| Column {
            label: t.text.clone(),
            start: t.start,
            end: t.end,
        })
        .collect();
    for (no, toks) in &lines[first_data..] {
        let figures: Vec<Token> = toks.iter().filter(|t| figure(&t.text)).cloned().collect();
        let placed = values(&figures, &leaf_cols, *no, warnings);
        if placed.len() != g * n {
            warn(
                warnings,
                *no,
                format!("第 {no} 行的数字无法按位置归入各列，未读入，请核对"),
            );
            continue;
        }
        // Leaf i is item i / g of group i % g.
        let mut row = vec![String::new(); g * n];
        for (i, v) in placed.into_iter().enumerate() {
            row[(i % g) * n + i / g] = v;
        }
        out.push(row, *no);
    }
    out
}
