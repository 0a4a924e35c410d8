//! The rows of a 科目 list as pdftotext lays them out: a row's code (or `合计`) and figures on one
//! line, its name wrapped over the lines around it. A PDF centres a cell's text vertically, so a
//! name over three lines has the code on its middle line (`行政事业单位` / `20805  10.82` /
//! `养老支出`), a name over two has it between them, and the lines of names around a code are
//! shared symmetrically: as many above it as below.

use super::grid::{figure, unspaced, Token};
use crate::import::columns::is_code;
use crate::import::Warning;
use crate::text::squeeze;

/// The tokens one line has in one list (one group of a table printed as groups side by side).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The 1-based line.
    pub line: usize,
    /// Its tokens in that list.
    pub tokens: Vec<Token>,
    /// Where it was printed (page, baseline), for a text read from a PDF.
    pub at: Option<(usize, f32)>,
}

/// How far apart two places were printed, in points: `None` without both, or across pages.
fn apart(a: Option<(usize, f32)>, b: Option<(usize, f32)>) -> Option<f32> {
    match (a, b) {
        (Some((p, x)), Some((q, y))) if p == q => Some((x - y).abs()),
        _ => None,
    }
}

/// A row of a 科目 list, its wrapped name put together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logical {
    /// The line its code (or `合计`) is on.
    pub line: usize,
    /// The code, `合计`, `…`, or empty.
    pub lead: String,
    /// The name, the lines it wraps over joined.
    pub name: String,
    /// Its figures, where they were printed.
    pub figures: Vec<Token>,
    /// Text printed where figures stand (`合计` on the line of 08's lower headers).
    pub extra: Vec<Token>,
}

/// What starts a row: a code, `合计`, or the `…` a template prints for rows left out.
pub fn lead(token: &Token) -> bool {
    let t = squeeze(&token.text);
    is_code(&t)
        || t == "合计"
        || t == "总计"
        || t.chars().all(|c| c == '…' || c == '.') && !t.is_empty()
}

/// The rows of a list, names put together from the lines around each code.
pub fn logical_rows(entries: &[Entry], warnings: &mut Vec<Warning>) -> Vec<Logical> {
    let mut rows: Vec<Logical> = Vec::new();
    // For each row, the lines of its name above it and below it.
    let mut above: Vec<Vec<String>> = Vec::new();
    let mut below: Vec<Vec<String>> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    // Where each row's code line was printed.
    let mut places: Vec<Option<(usize, f32)>> = Vec::new();
    for e in entries.iter().filter(|e| !e.tokens.is_empty()) {
        let first = &e.tokens[0];
        if lead(first) {
            let mut row = Logical {
                line: e.line,
                lead: squeeze(&first.text),
                name: String::new(),
                figures: Vec::new(),
                extra: Vec::new(),
            };
            let coded = row.lead != "合计" && row.lead != "总计";
            for t in &e.tokens[1..] {
                if t.is_figure() {
                    row.figures.push(t.clone());
                } else if coded && row.figures.is_empty() {
                    row.name = join_name(&row.name, &t.text);
                } else {
                    row.extra.push(t.clone());
                }
            }
            rows.push(row);
            places.push(e.at);
            above.push(Vec::new());
            below.push(Vec::new());
            distribute(&mut pending, &mut above, &mut below, &places);
            continue;
        }
        let has_figures = e.tokens.iter().any(|t| figure(&t.text));
        let bare = rows
            .last_mut()
            .filter(|r| r.name.is_empty() && r.figures.is_empty() && pending.is_empty());
        if let Some(row) = bare.filter(|_| has_figures) {
            // The code alone on its line, the name and figures on the next (`30299` /
            // `其他商品和服务支出  0.20`).
            for t in &e.tokens {
                if t.is_figure() {
                    row.figures.push(t.clone());
                } else {
                    row.name = join_name(&row.name, &t.text);
                }
            }
        } else if has_figures {
            warnings.push(Warning {
                lines: e.line..e.line + 1,
                message: format!("第 {} 行有数字却没有科目编码，未读入，请核对", e.line),
            });
        } else {
            let text = e
                .tokens
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            pending.push(Pending {
                line: e.line,
                text,
                at: e.at,
            });
        }
    }
    // What is left after the last code goes with it, as far as symmetry allows, or as far as
    // the lines are printed closer to it than rows are apart.
    if let Some(last) = rows.len().checked_sub(1) {
        let pitch = row_pitch(&places);
        let near = |p: &Pending| {
            pitch
                .zip(apart(p.at, places[last]))
                .is_some_and(|(pitch, d)| d < pitch * 0.75)
        };
        let take = if pending.iter().all(|p| p.at.is_some()) && pitch.is_some() {
            pending.iter().take_while(|p| near(p)).count()
        } else {
            above[last].len().min(pending.len())
        };
        below[last].extend(pending.drain(..take).map(|p| p.text));
    }
    for Pending { line, text, .. } in pending {
        warnings.push(Warning {
            lines: line..line + 1,
            message: format!("第 {line} 行的文字“{text}”不属于任何科目行，未读入，请核对"),
        });
    }
    for (k, row) in rows.iter_mut().enumerate() {
        let mut name = String::new();
        for part in above[k]
            .iter()
            .chain(std::iter::once(&row.name))
            .chain(&below[k])
        {
            name = join_name(&name, part);
        }
        row.name = unspaced(&name);
    }
    rows
}

/// A line of a name met between codes.
struct Pending {
    line: usize,
    text: String,
    at: Option<(usize, f32)>,
}

/// The usual distance between the code lines of consecutive rows on one page, in points: the
/// smallest, since a wrapped name only makes its row taller.
fn row_pitch(places: &[Option<(usize, f32)>]) -> Option<f32> {
    places
        .windows(2)
        .filter_map(|w| apart(w[0], w[1]))
        .filter(|d| *d > 0.0)
        .min_by(f32::total_cmp)
}

/// Name lines met since the last code, shared between it and the code now met (the last of
/// `places`). Where the lines were printed (a PDF), each goes to the code line it is printed
/// nearer to: a cell's wrapped lines are closer to each other than rows are, whether its
/// figures stand on its first line, its last, or between. Otherwise (or on a tie) the text's
/// symmetry decides: the previous code takes below as many lines as it had above, the new code
/// the rest above.
fn distribute(
    pending: &mut Vec<Pending>,
    above: &mut [Vec<String>],
    below: &mut [Vec<String>],
    places: &[Option<(usize, f32)>],
) {
    let next = places.len() - 1;
    let lines = std::mem::take(pending);
    let prev = next.checked_sub(1);
    let mut split = prev.map_or(0, |p| above[p].len().min(lines.len()));
    if let Some(p) = prev {
        let nearer_prev = |l: &Pending| match (apart(l.at, places[p]), apart(l.at, places[next])) {
            (Some(a), Some(b)) if (a - b).abs() > 0.5 => Some(a < b),
            _ => None,
        };
        let sides: Option<Vec<bool>> = lines.iter().map(nearer_prev).collect();
        // Geometry decides when it tells every line, in order: those nearer the previous code
        // first, then those nearer the next.
        if let Some(sides) = sides {
            let k = sides.iter().take_while(|&&s| s).count();
            if sides[k..].iter().all(|&s| !s) {
                split = k;
            }
        }
    }
    let mut texts = lines.into_iter().map(|l| l.text);
    if let Some(p) = prev {
        below[p].extend(texts.by_ref().take(split));
    }
    above[next].extend(texts);
}

/// Two pieces of a wrapped name.
fn join_name(a: &str, b: &str) -> String {
    super::grid::join(a, b)
}

#[cfg(test)]
mod tests {
    use super::super::grid::tokens;
    use super::*;

    fn entries(text: &str) -> Vec<Entry> {
        text.lines()
            .enumerate()
            .map(|(i, l)| Entry {
                line: i + 1,
                tokens: tokens(l),
                at: None,
            })
            .collect()
    }

    #[test]
    fn a_name_over_three_lines_has_its_code_on_the_middle_one() {
        let text = "\
201       城乡社区支出      40.00   40.00
          行政事业单位
20805     养老保险缴      12.50   12.50
          费支出
          其他城乡社区
2120899                   27.50   27.50
          支出
";
        let mut w = Vec::new();
        let rows = logical_rows(&entries(text), &mut w);
        assert!(w.is_empty(), "{w:?}");
        let named: Vec<(&str, &str, usize)> = rows
            .iter()
            .map(|r| (r.lead.as_str(), r.name.as_str(), r.figures.len()))
            .collect();
        assert_eq!(
            named,
            [
                ("201", "城乡社区支出", 2),
                ("20805", "行政事业单位养老保险缴费支出", 2),
                ("2120899", "其他城乡社区支出", 2)
            ]
        );
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn a_code_alone_takes_the_name_and_figures_on_the_next_line() {
        let text = "30299\n    其他商品和服务支出    0.20\n31001  房屋建筑物购建   0.00\n";
        let mut w = Vec::new();
        let rows = logical_rows(&entries(text), &mut w);
        assert_eq!(rows[0].name, "其他商品和服务支出");
        assert_eq!(rows[0].figures[0].text, "0.20");
        assert_eq!(rows[1].name, "房屋建筑物购建");
    }

    #[test]
    fn a_name_line_nobody_can_own_is_a_warning() {
        let text = "201  一般公共服务支出  1.00\n   多出来的一行\n   又一行\n";
        let mut w = Vec::new();
        let rows = logical_rows(&entries(text), &mut w);
        assert_eq!(rows.len(), 1);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0].lines, 2..3);
    }
}
