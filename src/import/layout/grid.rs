//! The geometry of a `pdftotext -layout` table: a line cut into tokens at runs of spaces, each
//! with its horizontal place (in characters); column headers put together from labels stacked
//! over several lines; figures put into columns by their places.
//!
//! pdftotext counts a CJK character as one character although the PDF set it about twice as
//! wide, so everything after CJK text on a line drifts a few characters. The gaps between the
//! figures of one line are reliable; where a line starts is not. Figures are therefore placed as
//! a whole line at a time, allowing the line one shift ([`place`]).

use super::super::number::compact_figure;
use crate::text::squeeze;

/// A piece of a line between runs of spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Its first character's column.
    pub start: usize,
    /// The column after its last character.
    pub end: usize,
    /// Its text, single spaces inside kept.
    pub text: String,
    /// The ruled cell it was printed in, left and right edge in hundredths of a point, when
    /// it was read from a PDF that draws its table's vertical rules: a label over several
    /// columns spans their cells however short it is.
    pub cell: Option<(i32, i32)>,
}

impl Token {
    /// Its middle, in half characters (so that it stays an integer).
    pub fn mid2(&self) -> i64 {
        (self.start + self.end) as i64
    }

    /// Whether it is a figure (`307.82`, `0.00`, `1,022.32`).
    pub fn is_figure(&self) -> bool {
        figure(&self.text)
    }
}

/// Whether a cell is a figure.
pub fn figure(text: &str) -> bool {
    compact_figure(text).is_some_and(|f| f.chars().any(|c| c.is_ascii_digit()))
}

/// The tokens of a line: split at runs of two or more spaces; a token of figures separated by
/// single spaces (`6.18 6.18`) is split into its figures; a code run into its name (`310资本性支出`,
/// `30207 邮电费`) is split into the two.
///
/// ```text
/// "2013901   行政运行     51.32    51.32" → [2013901 @0] [行政运行 @10] [51.32 @19] [51.32 @28]
/// ```
pub fn tokens(line: &str) -> Vec<Token> {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\u{3000}' || c == '\t' { ' ' } else { c })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        // A token ends at two spaces in a row, or at the end of the line.
        while i < chars.len() && !(chars[i] == ' ' && chars.get(i + 1).is_none_or(|&c| c == ' ')) {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        out.extend(split_token(start, &text));
    }
    out
}

/// One run of text split further: figures side by side, a code and its name.
fn split_token(start: usize, text: &str) -> Vec<Token> {
    let parts: Vec<&str> = text.split(' ').collect();
    if parts.len() > 1 && !figure(text) && parts.iter().all(|p| figure(p)) {
        let mut at = start;
        return parts
            .iter()
            .map(|p| {
                let t = Token {
                    start: at,
                    end: at + p.chars().count(),
                    text: p.to_string(),
                    cell: None,
                };
                at = t.end + 1;
                t
            })
            .collect();
    }
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &text[digits..];
    let named = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && !"．，。%％".contains(c));
    if (3..=9).contains(&digits) && named {
        let skipped = rest.len() - rest.trim_start().len();
        let name_start = start + digits + skipped;
        return vec![
            Token {
                start,
                end: start + digits,
                text: text[..digits].to_string(),
                cell: None,
            },
            Token {
                start: name_start,
                end: start + text.chars().count(),
                text: rest.trim_start().to_string(),
                cell: None,
            },
        ];
    }
    vec![Token {
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
        cell: None,
    }]
}

/// The tokens of a line read from a PDF, each with the ruled cell its characters were printed
/// in (`cells`, per character), where they were all printed in one.
pub fn tokens_in_cells(line: &str, cells: &[Option<(f32, f32)>]) -> Vec<Token> {
    let mut out = tokens(line);
    if cells.is_empty() {
        return out;
    }
    let hundredths = |x: f32| (x * 100.0).round() as i32;
    for t in &mut out {
        let mut inside = line
            .chars()
            .enumerate()
            .skip(t.start)
            .take(t.end - t.start)
            .filter(|(_, c)| *c != ' ')
            .map(|(i, _)| cells.get(i).copied().flatten());
        let first = inside.next().flatten();
        if let Some((left, right)) = first {
            if inside.all(|c| c == first) {
                t.cell = Some((hundredths(left), hundredths(right)));
            }
        }
    }
    out
}

/// Whether two labels overlap across the page: their ruled cells by more than a point where
/// both were printed in one (neighbouring cells share a rule), else their places in the line
/// (touching counts, for the drift of the layout form).
fn overlapping(a: &Token, b: &Token) -> bool {
    match (a.cell, b.cell) {
        (Some(x), Some(y)) => x.1.min(y.1) - x.0.max(y.0) > 100,
        _ => a.start < b.end + 1 && b.start < a.end + 1,
    }
}

/// A column of a table's header: the labels stacked in it, top to bottom, and where it lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// `对附属单位补助支出` (from `对附属单位补` over `助支出`), or `本年支出/合计` under a group label.
    pub label: String,
    /// Its first column.
    pub start: usize,
    /// The column after its last.
    pub end: usize,
}

impl Column {
    /// Its middle, in half characters.
    pub fn mid2(&self) -> i64 {
        (self.start + self.end) as i64
    }
}

/// Header labels (each with its line's index) put together into columns, left to right: labels
/// on different lines whose places overlap are one label wrapped (`对附属单位补` / `助支出`); a
/// label over two or more labels printed side by side on one line is their group label
/// (`本年支出` over `小计`, `基本支出`), written before theirs with a `/`.
pub fn columns(labels: &[(usize, Token)]) -> Vec<Column> {
    // Clusters of overlapping labels.
    let n = labels.len();
    let mut cluster: Vec<usize> = (0..n).collect();
    fn root(c: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while c[r] != r {
            r = c[r];
        }
        c[i] = r;
        r
    }
    for a in 0..n {
        for b in a + 1..n {
            let (ta, tb) = (&labels[a].1, &labels[b].1);
            if labels[a].0 != labels[b].0 && overlapping(ta, tb) {
                let (ra, rb) = (root(&mut cluster, a), root(&mut cluster, b));
                cluster[ra] = rb;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for i in 0..n {
        let r = root(&mut cluster, i);
        match seen.iter().position(|&s| s == r) {
            Some(k) => groups[k].push(i),
            None => {
                seen.push(r);
                groups.push(vec![i]);
            }
        }
    }
    let mut out = Vec::new();
    for group in groups {
        out.extend(split_cluster(labels, &group));
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// One cluster of overlapping labels as columns: one column when no line has two labels in it;
/// otherwise the line with the most labels gives the columns, the labels over two or more of
/// them are their group label, the others stack onto the one they overlap most.
fn split_cluster(labels: &[(usize, Token)], group: &[usize]) -> Vec<Column> {
    let mut lines: Vec<usize> = group.iter().map(|&i| labels[i].0).collect();
    lines.sort_unstable();
    lines.dedup();
    let per_line = |l: usize| group.iter().filter(|&&i| labels[i].0 == l).count();
    let widest = lines
        .iter()
        .copied()
        .max_by_key(|&l| (per_line(l), usize::MAX - l));
    let Some(widest) = widest.filter(|&l| per_line(l) > 1) else {
        return vec![stack(labels, group)];
    };
    let leaves: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&i| labels[i].0 == widest)
        .collect();
    let overlap = |a: &Token, b: &Token| {
        (a.end.min(b.end) as i64 - a.start.max(b.start) as i64 + 1).max(0) as usize
    };
    let mut members: Vec<Vec<usize>> = leaves.iter().map(|&l| vec![l]).collect();
    let mut over: Vec<Vec<usize>> = vec![Vec::new(); leaves.len()];
    for &i in group {
        if labels[i].0 == widest {
            continue;
        }
        let t = &labels[i].1;
        let touched: Vec<usize> = (0..leaves.len())
            .filter(|&k| match (t.cell, labels[leaves[k]].1.cell) {
                (Some(_), Some(_)) => overlapping(t, &labels[leaves[k]].1),
                _ => overlap(t, &labels[leaves[k]].1) > 0,
            })
            .collect();
        if touched.len() > 1 && labels[i].0 < widest {
            for k in touched {
                over[k].push(i);
            }
        } else {
            let best = (0..leaves.len())
                .max_by_key(|&k| {
                    let d = (t.mid2() - labels[leaves[k]].1.mid2()).abs();
                    (overlap(t, &labels[leaves[k]].1), -d)
                })
                .unwrap_or(0);
            members[best].push(i);
        }
    }
    members
        .iter()
        .zip(&over)
        .map(|(m, o)| {
            let mut col = stack(labels, m);
            if !o.is_empty() {
                let group_label = stack(labels, o).label;
                col.label = format!("{group_label}/{}", col.label);
            }
            col
        })
        .collect()
}

/// Labels stacked in one column, read top to bottom.
fn stack(labels: &[(usize, Token)], members: &[usize]) -> Column {
    let mut ordered: Vec<&(usize, Token)> = members.iter().map(|&i| &labels[i]).collect();
    ordered.sort_by_key(|(line, t)| (*line, t.start));
    Column {
        label: ordered.iter().map(|(_, t)| squeeze(&t.text)).collect(),
        start: ordered.iter().map(|(_, t)| t.start).min().unwrap_or(0),
        end: ordered.iter().map(|(_, t)| t.end).max().unwrap_or(0),
    }
}

/// Where the figures of one line go among the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// The column of each figure, in order.
    Columns(Vec<usize>),
    /// Their places do not tell: two placements fit about as well.
    Unsure,
}

/// How much worse, in half characters, the second best placement must fit for the best to be
/// taken: a column is 16 to 20 half characters from the next.
const MARGIN2: i64 = 6;

/// The columns `figures` (their middles, in half characters) stand in, among `columns` (their
/// middles): of every way to put them in order into distinct columns, the one that fits best
/// when the whole line may be shifted (drift after CJK text), a shift costing as much as a misfit.
/// [`Placed::Unsure`] when a second way fits nearly as well.
///
/// ```text
/// columns at 27 36 45 55 63 72, figures at 28 46 → columns 0 and 2 (a gap of two columns)
/// ```
pub fn place(figures: &[i64], columns: &[i64]) -> Placed {
    let (k, m) = (figures.len(), columns.len());
    if k == 0 {
        return Placed::Columns(Vec::new());
    }
    if k > m {
        return Placed::Unsure;
    }
    if k == m {
        return Placed::Columns((0..m).collect());
    }
    let mut scores: Vec<(i64, Vec<usize>)> = Vec::new();
    let mut choice: Vec<usize> = Vec::with_capacity(k);
    combinations(m, k, 0, &mut choice, &mut |c| {
        scores.push((cost(figures, columns, c), c.to_vec()));
    });
    scores.sort();
    match scores.as_slice() {
        [(_, best)] => Placed::Columns(best.clone()),
        [(a, best), (b, _), ..] if b - a >= MARGIN2 => Placed::Columns(best.clone()),
        _ => Placed::Unsure,
    }
}

/// Every increasing choice of `k` of `0..m`.
fn combinations(
    m: usize,
    k: usize,
    from: usize,
    chosen: &mut Vec<usize>,
    f: &mut dyn FnMut(&[usize]),
) {
    if chosen.len() == k {
        f(chosen);
        return;
    }
    for c in from..m {
        if m - c < k - chosen.len() {
            break;
        }
        chosen.push(c);
        combinations(m, k, c + 1, chosen, f);
        chosen.pop();
    }
}

/// How badly figures fit the chosen columns under the best shift of the line.
fn cost(figures: &[i64], columns: &[i64], chosen: &[usize]) -> i64 {
    let diffs: Vec<i64> = figures
        .iter()
        .zip(chosen)
        .map(|(f, &c)| f - columns[c])
        .collect();
    std::iter::once(0)
        .chain(diffs.iter().copied())
        .map(|shift| shift.abs() + diffs.iter().map(|d| (d - shift).abs()).sum::<i64>())
        .min()
        .unwrap_or(0)
}

/// Text joined across a line break: nothing between two CJK characters, a space when either
/// side is a Latin letter or digit (`307.82` / `万元` is `307.82 万元`, as pdftotext prints a
/// figure inside a line).
pub fn join(a: &str, b: &str) -> String {
    let (a, b) = (a.trim_end(), b.trim_start());
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if a.is_empty() || b.is_empty() {
        return format!("{a}{b}");
    }
    if ascii(a.chars().last()) || ascii(b.chars().next()) {
        format!("{a} {b}")
    } else {
        format!("{a}{b}")
    }
}

/// A name with the spaces that pdftotext put between CJK characters taken out (`信息 网络 及软件
/// 购置更新`); a space beside a Latin letter or digit stays.
pub fn unspaced(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' '
            && (chars.get(i + 1) == Some(&' ')
                || (wide(chars.get(i.wrapping_sub(1))) && wide(chars.get(i + 1))))
        {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<(usize, String)> {
        tokens(line)
            .into_iter()
            .map(|t| (t.start, t.text))
            .collect()
    }

    #[test]
    fn a_line_is_cut_at_runs_of_spaces() {
        assert_eq!(
            texts("2013901   行政运行     51.32    51.32"),
            [
                (0, "2013901".to_string()),
                (10, "行政运行".to_string()),
                (19, "51.32".to_string()),
                (28, "51.32".to_string())
            ]
        );
        // One space inside a name stays; a code run into its name is cut off it.
        assert_eq!(
            texts("    信息 网络 购置   310资本性支出  6.18 6.18"),
            [
                (4, "信息 网络 购置".to_string()),
                (15, "310".to_string()),
                (18, "资本性支出".to_string()),
                (25, "6.18".to_string()),
                (30, "6.18".to_string())
            ]
        );
    }

    #[test]
    fn labels_stacked_in_a_column_are_one_header_and_a_label_over_two_is_their_group() {
        let mut labels = Vec::new();
        for (i, line) in [
            "                    对附属单位补",
            "  功能分类  基本支出  上缴支出",
            "                    助支出",
            "  科目编码",
        ]
        .iter()
        .enumerate()
        {
            labels.extend(tokens(line).into_iter().map(|t| (i, t)));
        }
        let labels: Vec<String> = columns(&labels).into_iter().map(|c| c.label).collect();
        assert_eq!(
            labels,
            [
                "功能分类科目编码",
                "基本支出",
                "上缴支出",
                "对附属单位补助支出"
            ]
        );

        let mut grouped = Vec::new();
        for (i, line) in ["        本年支出", "      小计  基本支出"]
            .iter()
            .enumerate()
        {
            grouped.extend(tokens(line).into_iter().map(|t| (i, t)));
        }
        let labels: Vec<String> = columns(&grouped).into_iter().map(|c| c.label).collect();
        assert_eq!(labels, ["本年支出/小计", "本年支出/基本支出"]);
    }

    #[test]
    fn a_short_label_in_a_ruled_cell_over_three_columns_is_their_group() {
        // `本年支出` is no wider than `基本支出` under it: by place alone it is that column's
        // wrapped top; its cell, ruled from 300 to 465 points, spans all three.
        let lines = [
            "             本年支出",
            "      合计    基本支出    项目支出",
        ];
        let cells: [&[(f32, f32)]; 2] = [
            &[(300.0, 465.0)],
            &[(300.0, 355.0), (355.0, 410.0), (410.0, 465.0)],
        ];
        let by_place: Vec<(usize, Token)> = lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| tokens(l).into_iter().map(move |t| (i, t)))
            .collect();
        let labels: Vec<String> = columns(&by_place).into_iter().map(|c| c.label).collect();
        assert_eq!(labels, ["合计", "本年支出基本支出", "项目支出"]);

        let mut ruled = Vec::new();
        for (i, (line, cells)) in lines.iter().zip(cells).enumerate() {
            // Each token's characters in the cell of the same rank.
            let toks = tokens(line);
            let mut per_char = vec![None; line.chars().count()];
            for (t, cell) in toks.iter().zip(cells) {
                for c in &mut per_char[t.start..t.end] {
                    *c = Some(*cell);
                }
            }
            ruled.extend(tokens_in_cells(line, &per_char).into_iter().map(|t| (i, t)));
        }
        assert!(ruled.iter().all(|(_, t)| t.cell.is_some()));
        let labels: Vec<String> = columns(&ruled).into_iter().map(|c| c.label).collect();
        assert_eq!(
            labels,
            ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"]
        );
    }
    #[test]
    fn figures_are_placed_by_the_gaps_between_them() {
        let columns = [54, 72, 90, 110, 126, 145];
        // Shifted four half characters right, two columns apart: 0 and 2.
        assert_eq!(place(&[58, 94], &columns), Placed::Columns(vec![0, 2]));
        assert_eq!(place(&[55, 73], &columns), Placed::Columns(vec![0, 1]));
        // One figure halfway between two columns: nothing tells.
        assert_eq!(place(&[81], &columns), Placed::Unsure);
    }

    #[test]
    fn lines_join_without_a_space_between_cjk_characters() {
        assert_eq!(
            join("负责贯彻落实党中央有关方针", "政策、决策部署"),
            "负责贯彻落实党中央有关方针政策、决策部署"
        );
        assert_eq!(
            join("收入支出总计 307.82", "万元。"),
            "收入支出总计 307.82 万元。"
        );
        assert_eq!(
            unspaced("信息 网络 及软件 购置更新"),
            "信息网络及软件购置更新"
        );
        assert_eq!(unspaced("智慧 APP 升级"), "智慧 APP 升级");
    }
}
