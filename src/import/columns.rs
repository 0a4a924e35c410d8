//! The columns of a table whose rows are 科目 (tables 02, 03, 05, 08 and 09): header rows
//! combined into column headers (`本年支出` over `小计` is `本年支出/小计`), the `栏次` row left
//! out, and each data row read into its cells: the code, the name, and the figures in their
//! written form. A row printed with fewer cells than the table has columns (an empty cell lost in
//! extraction) is marked, not guessed at: which cell was lost is for the table's arithmetic to say.

use rust_decimal::Decimal;

use super::number::compact_figure;
use super::tables::RawTable;
use crate::measure::{Agreement, Measure};
use crate::text::squeeze;

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
    // A table without a single row (an empty table printed as its header and a note) is its
    // header alone.
    let first_data = raw
        .rows
        .iter()
        .position(|r| {
            r.first()
                .is_some_and(|c| is_code(c) || squeeze(c) == "合计")
        })
        .unwrap_or(raw.rows.len());
    let headers: Vec<&Vec<String>> = raw.rows[..first_data]
        .iter()
        .filter(|r| r.first().is_some_and(|c| squeeze(c) != "栏次"))
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

/// A table printed as halves side by side (tables 01 and 04: 收入 beside 支出), read into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HalvesTable {
    /// Each part: its name, its column headers, its rows in the `.fis` form (the name first, `-`
    /// for an empty name or cell, figures as written).
    pub parts: Vec<Part>,
}

/// One half of a side-by-side table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `收入`.
    pub name: String,
    /// `项目`, `行次`, `决算数`.
    pub columns: Vec<String>,
    /// Its rows.
    pub rows: Vec<Vec<String>>,
    /// The source line of each row (a part's own 合计 row, written from the table's 合计 row,
    /// has that row's line).
    pub lines: Vec<usize>,
}

/// Reads a table printed as halves: its first row names the halves (`收入 … 支出`) over a row of
/// headers each half starts with `项目`. `None` when the table is not printed so.
pub fn halves_table(raw: &RawTable) -> Option<HalvesTable> {
    let (names, labels) = (raw.rows.first()?, raw.rows.get(1)?);
    let starts: Vec<usize> = (0..labels.len())
        .filter(|&c| squeeze(&labels[c]) == "项目")
        .collect();
    if starts.len() < 2
        || starts
            .iter()
            .any(|&c| names.get(c).is_none_or(|n| n.trim().is_empty()))
    {
        return None;
    }
    let width = labels.len();
    let bounds: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| (start, starts.get(k + 1).copied().unwrap_or(width)))
        .collect();
    let (data, data_lines): (Vec<&Vec<String>>, Vec<usize>) = raw.rows[2..]
        .iter()
        .zip(&raw.row_lines[2..])
        .filter(|(r, _)| r.first().is_some_and(|c| squeeze(c) != "栏次"))
        .unzip();
    let parts = bounds
        .iter()
        .map(|&(start, end)| Part {
            name: squeeze(&names[start]),
            columns: labels[start..end].iter().map(|l| squeeze(l)).collect(),
            // A half's row with nothing in it (the other half goes on longer) is none.
            rows: data
                .iter()
                .filter(|r| (start..end).any(|c| r.get(c).is_some_and(|v| !v.trim().is_empty())))
                .map(|r| {
                    (start..end)
                        .map(|c| value(r.get(c).map_or("", String::as_str)))
                        .collect()
                })
                .collect(),
            lines: data
                .iter()
                .zip(&data_lines)
                .filter(|(r, _)| {
                    (start..end).any(|c| r.get(c).is_some_and(|v| !v.trim().is_empty()))
                })
                .map(|(_, &l)| l)
                .collect(),
        })
        .collect();
    Some(HalvesTable { parts })
}

/// Reads a table printed as column groups, one per row of the `.fis` table (table 07: the
/// 预算数 columns, then the same columns again for 决算数): its first row names the groups, the
/// header rows below repeat the same headers in each group, a row of column numbers
/// (`1 2 3 …`) is left out, and the one data row holds every group's figures. Written as a
/// table whose first column names the group. `None` when the table is not printed so.
pub fn column_groups(raw: &RawTable) -> Option<CodeTable> {
    let names = raw.rows.first()?;
    let starts: Vec<usize> = (0..names.len())
        .filter(|&c| !names[c].trim().is_empty())
        .collect();
    let width = raw.rows.iter().map(Vec::len).max()?;
    if starts.len() < 2 || starts[0] != 0 || width % starts.len() != 0 {
        return None;
    }
    let group = width / starts.len();
    if starts.iter().enumerate().any(|(k, &s)| s != k * group) {
        return None;
    }
    // Header rows: those before the first row of figures; a row of column numbers is dropped.
    let numbers = |r: &Vec<String>| {
        r.iter()
            .enumerate()
            .all(|(i, c)| c.trim() == (i + 1).to_string())
    };
    let figures = |r: &Vec<String>| {
        !numbers(r)
            && r.iter()
                .all(|c| c.trim().is_empty() || compact_figure(c).is_some())
    };
    // An empty table (no 三公 spending) has its headers and no row of figures.
    let first_data = raw.rows.iter().position(figures).unwrap_or(raw.rows.len());
    let headers: Vec<&Vec<String>> = raw.rows[1..first_data]
        .iter()
        .filter(|r| !numbers(r))
        .collect();
    let combined = combine(&headers, width);
    let columns = &combined[..group];
    if (1..starts.len()).any(|k| combined[k * group..(k + 1) * group] != *columns) {
        return None;
    }
    let mut out = CodeTable {
        columns: std::iter::once("项目".to_string())
            .chain(columns.iter().cloned())
            .collect(),
        rows: Vec::new(),
    };
    for (row, &line) in raw.rows[first_data..]
        .iter()
        .zip(&raw.row_lines[first_data..])
    {
        for &start in &starts {
            out.rows.push(CodeRow {
                code: None,
                name: squeeze(&names[start]),
                values: (start..start + group)
                    .map(|c| value(row.get(c).map_or("", String::as_str)))
                    .collect(),
                missing: 0,
                line,
            });
        }
    }
    Some(out)
}

/// Reads a 科目 table printed as column groups side by side (table 06: three groups of
/// 经济分类科目编码 | 科目名称 | 决算数) into the parts its 合计 row names: `人员经费合计` over the
/// first group makes the part 人员经费 of that group, `公用经费合计` over the second makes the
/// part 公用经费 of the second and every group after it. Each part reads its groups one after
/// the other, top to bottom, and ends with its 合计; a group's empty cells in a row are no row.
/// `None` when the table is not printed so.
pub fn code_groups(raw: &RawTable) -> Option<HalvesTable> {
    let header = raw.rows.first()?;
    let starts: Vec<usize> = (0..header.len())
        .filter(|&c| squeeze(&header[c]).ends_with("编码"))
        .collect();
    let group = *starts.get(1)? - starts[0];
    if starts[0] != 0 || starts.iter().enumerate().any(|(k, &s)| s != k * group) {
        return None;
    }
    let columns: Vec<String> = header[..group].iter().map(|h| squeeze(h)).collect();
    // The 合计 row: labels (`人员经费合计`) and, for each, the first figure to its right.
    let total_row = raw
        .rows
        .iter()
        .rposition(|r| r.first().is_some_and(|c| squeeze(c).ends_with("合计")))?;
    let totals = &raw.rows[total_row];
    let labels: Vec<usize> = (0..totals.len())
        .filter(|&c| squeeze(&totals[c]).ends_with("合计"))
        .collect();
    let mut parts = Vec::new();
    for (k, &at) in labels.iter().enumerate() {
        let label = squeeze(&totals[at]);
        let next = labels.get(k + 1).copied().unwrap_or(totals.len());
        let figure = (at + 1..next.max(at + 1))
            .chain(next..totals.len())
            .find(|&c| compact_figure(&totals[c]).is_some())
            .map_or("-".to_string(), |c| value(&totals[c]));
        let first_group = at / group;
        let last_group = labels.get(k + 1).map_or(starts.len(), |&n| n / group);
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for g in first_group..last_group {
            for (row, &line) in raw.rows[1..total_row].iter().zip(&raw.row_lines[1..]) {
                let cells: Vec<String> = (g * group..(g + 1) * group)
                    .map(|c| row.get(c).map_or(String::new(), |v| v.trim().to_string()))
                    .collect();
                if cells.iter().all(String::is_empty) {
                    continue;
                }
                // A name alone under a coded row goes on with its name: a page break cut it
                // (`对民间非营利组织和群` / `众性自治组织补贴`).
                let name_alone = cells[0].is_empty()
                    && !cells[1].is_empty()
                    && cells[2..].iter().all(String::is_empty);
                if let (true, Some(previous)) = (name_alone, rows.last_mut()) {
                    let previous: &mut Vec<String> = previous;
                    if previous[0] != "-" {
                        previous[1] = unwrap_name(&format!("{}{}", previous[1], cells[1]));
                        continue;
                    }
                }
                let mut out = vec![if cells[0].is_empty() {
                    "-".to_string()
                } else {
                    cells[0].clone()
                }];
                out.push(unwrap_name(&cells[1]));
                out.extend(cells[2..].iter().map(|c| value(c)));
                rows.push(out);
                lines.push(line);
            }
        }
        let mut total = vec!["-".to_string(), label.clone()];
        total.resize(group - 1, "-".to_string());
        total.push(figure);
        rows.push(total);
        lines.push(raw.row_lines[total_row]);
        parts.push(Part {
            name: label.trim_end_matches("合计").to_string(),
            columns: columns.clone(),
            rows,
            lines,
        });
    }
    Some(HalvesTable { parts })
}

/// How a row printed short was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The row's source line.
    pub line: usize,
    /// The table's arithmetic picked one reading: the lost cells' places are known.
    pub decided: bool,
    /// What was decided, or why it could not be, in words for the user.
    pub message: String,
}

/// Puts the empty cells a row lost in extraction back where the table's arithmetic says they
/// were: of every way to place them among the printed figures, the one under which the most
/// identities of the 科目 hierarchy hold (parent = Σ children, 合计 = Σ 类, by the one tolerance
/// rule), when exactly one does best. Otherwise the row stays padded at its end, and the message
/// says the place could not be told.
pub fn settle(table: &mut CodeTable) -> Vec<Settled> {
    let mut out = Vec::new();
    for r in 0..table.rows.len() {
        let missing = table.rows[r].missing;
        if missing == 0 {
            continue;
        }
        let width = table.rows[r].values.len();
        let line = table.rows[r].line;
        if placements_count(width, missing) > MAX_PLACEMENTS {
            out.push(Settled {
                line,
                decided: false,
                message: format!(
                    "第 {line} 行少印了 {missing} 个单元格，太多，无法判断其位置，已按末尾空白读入，请核对"
                ),
            });
            continue;
        }
        let printed: Vec<String> = table.rows[r].values[..width - missing].to_vec();
        let mut scored: Vec<(usize, Vec<String>)> = placements(&printed, missing)
            .into_iter()
            .map(|candidate| {
                let mut trial = table.clone();
                trial.rows[r].values = candidate.clone();
                (agreements(&trial, r), candidate)
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let best = scored.first().map_or(0, |s| s.0);
        let tied = scored.iter().filter(|s| s.0 == best).count();
        if best > 0 && tied == 1 {
            table.rows[r].values = scored[0].1.clone();
            table.rows[r].missing = 0;
            out.push(Settled {
                line,
                decided: true,
                message: format!(
                    "第 {line} 行少印了 {missing} 个空白单元格，按表内合计关系确定了它们的位置"
                ),
            });
        } else {
            out.push(Settled {
                line,
                decided: false,
                message: format!(
                    "第 {line} 行少印了 {missing} 个单元格，无法从表内合计关系判断其位置，已按末尾空白读入，请核对"
                ),
            });
        }
    }
    out
}

/// The most ways to place a row's lost cells that are searched: C(width, lost), which stays
/// small for the widest 科目 table (7 figures: at most 35) however many cells a row lost.
const MAX_PLACEMENTS: usize = 400;

/// How many ways there are to put `missing` empty cells among a row of `width`: C(width,
/// missing), saturating.
fn placements_count(width: usize, missing: usize) -> usize {
    let k = missing.min(width.saturating_sub(missing));
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(width - i) / (i + 1))
}

/// Every way to put `missing` empty cells among the printed values, keeping their order.
fn placements(printed: &[String], missing: usize) -> Vec<Vec<String>> {
    if missing == 0 {
        return vec![printed.to_vec()];
    }
    let mut out = Vec::new();
    for at in 0..=printed.len() {
        for rest in placements(&printed[at..], missing - 1) {
            let mut v = printed[..at].to_vec();
            v.push("-".to_string());
            v.extend(rest);
            out.push(v);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// How many identities that involve row `r` hold: it and its parent, it and its children, and
/// 合计 and the 类 when it is a 类, column by column.
fn agreements(table: &CodeTable, r: usize) -> usize {
    let figure = |v: &str| -> Option<Measure> {
        if v == "-" {
            return Some(Measure::exact(Decimal::ZERO));
        }
        let plain: String = v.chars().filter(|&c| c != ',').collect();
        let value = Decimal::from_str_exact(&plain).ok()?;
        Some(Measure::written(value, value.scale()))
    };
    let code_of = |i: usize| table.rows[i].code.as_deref();
    let children = |parent: Option<&str>| -> Vec<usize> {
        (0..table.rows.len())
            .filter(|&i| match (parent, code_of(i)) {
                (Some(p), Some(c)) => c.len() == p.len() + 2 && c.starts_with(p),
                (None, Some(c)) => c.len() == 3,
                _ => false,
            })
            .collect()
    };
    // The totals whose identity involves row r: its parent (合计 for a 类), and itself.
    let code = code_of(r);
    let mut totals: Vec<usize> = vec![r];
    let parent = match code {
        Some(c) if c.len() > 3 => {
            (0..table.rows.len()).find(|&i| code_of(i) == Some(&c[..c.len() - 2]))
        }
        Some(_) => (0..table.rows.len()).find(|&i| code_of(i).is_none()),
        None => None,
    };
    totals.extend(parent);
    let mut holds = 0;
    for total in totals {
        let parts = children(code_of(total));
        if parts.is_empty() {
            continue;
        }
        for col in 0..table.rows[total].values.len() {
            let stated = figure(&table.rows[total].values[col]);
            let items: Option<Vec<Measure>> = parts
                .iter()
                .map(|&i| table.rows[i].values.get(col).and_then(|v| figure(v)))
                .collect();
            let (Some(stated), Some(items)) = (stated, items) else {
                continue;
            };
            if let Ok(sum) = Measure::sum(&items) {
                if Measure::agreement(&stated, &sum) <= Agreement::Rounding {
                    holds += 1;
                }
            }
        }
    }
    holds
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

/// A name with the spaces that wrapping put between two Chinese characters taken out
/// (`机关事业单位基本养老保险 缴费`); a space beside a Latin word stays (`智慧荷塘 APP 升级`).
pub(crate) fn unwrap_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    let cjk = |c: Option<&char>| {
        c.is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "（）、，".contains(c))
    };
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !(c.is_whitespace() && cjk(chars.get(i.wrapping_sub(1))) && cjk(chars.get(i + 1)))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// A cell in the `.fis` form.
fn value(cell: &str) -> String {
    if cell.trim().is_empty() {
        return "-".to_string();
    }
    compact_figure(cell).unwrap_or_else(|| cell.trim().to_string())
}

/// A 科目编码: three to nine digits.
pub(crate) fn is_code(cell: &str) -> bool {
    (3..=9).contains(&cell.len()) && cell.bytes().all(|b| b.is_ascii_digit())
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
        // Its parent 20601 is not in the table: nothing tells where the lost cell was.
        let mut undecided = t.clone();
        let settled = settle(&mut undecided);
        assert!(!settled[0].decided, "{settled:?}");
        assert!(
            settled[0].message.contains("无法"),
            "{}",
            settled[0].message
        );
        assert_eq!(undecided.rows[2].values, ["46.84", "46.84", "-"]);
        // With its parent, the hierarchy does: 基本支出 was the lost (empty) cell.
        let mut decided = t.clone();
        decided.rows.insert(
            2,
            CodeRow {
                code: Some("20601".into()),
                name: "科学技术管理事务".into(),
                values: vec!["46.84".into(), "-".into(), "46.84".into()],
                missing: 0,
                line: 0,
            },
        );
        let settled = settle(&mut decided);
        assert!(settled[0].decided, "{settled:?}");
        assert_eq!(decided.rows[3].values, ["46.84", "-", "46.84"]);
    }

    #[test]
    fn wrap_spaces_between_chinese_characters_go() {
        assert_eq!(
            unwrap_name("机关事业单位基本养老保险 缴费"),
            "机关事业单位基本养老保险缴费"
        );
        assert_eq!(
            unwrap_name("信息网络及软件购置更 新"),
            "信息网络及软件购置更新"
        );
        assert_eq!(
            unwrap_name("智慧荷塘 APP 升级项目"),
            "智慧荷塘 APP 升级项目"
        );
    }

    /// Tables 02, 03, 05, 08 and 09 of the seed read as the fixture has them, cell by cell, the
    /// two rows printed one cell short settled by the tables' arithmetic as the fixture has them.
    #[test]
    fn the_seeds_code_tables_read_as_the_fixture_has_them() {
        let Some(seed) = crate::import::shared_report("000_1f0f530592110c3b.txt") else {
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
            let mut ours = code_table(raw).unwrap_or_else(|| panic!("{id} is a 科目 table"));
            for settled in settle(&mut ours) {
                assert!(settled.decided, "{id}: {}", settled.message);
                short += 1;
            }
            let theirs = report.table(id).unwrap();
            let part = &theirs.parts[0];
            let headers: Vec<&str> = part.columns.iter().map(|c| c.header.as_str()).collect();
            assert_eq!(ours.columns, headers, "{id}");
            assert_eq!(ours.rows.len(), part.rows.len(), "{id}");
            for (o, t) in ours.rows.iter().zip(&part.rows) {
                assert_eq!(o.code, t.code, "{id}");
                assert_eq!(Some(o.name.as_str()), t.name.as_deref(), "{id}");
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
        // 02's and 05's 2060102, each printed one empty cell short: in 02 the lost cell is at
        // the end, in 05 in the middle (基本支出), which only the hierarchy tells.
        assert_eq!(short, 2);
    }
}
