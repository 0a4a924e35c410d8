//! The self-evaluation tables of a report's attachments (部门整体支出绩效自评表,
//! 项目支出绩效自评表) read into parts. Such a table is printed as one grid whose first column
//! labels groups of rows (`资金情况（万元）`, `年度总体目标`, `绩效指标`, `总分`), each group
//! with a header row of its own; its group cells span several rows, so most of what the grid
//! prints as blank is a merged cell.
//!
//! Each group becomes a part named for what it holds, whatever its printed label says: the
//! project's particulars (`项目信息`, pairs of label and value), the funds (`资金情况`), the
//! objectives (`年度总体目标`), the indicators (`绩效指标`) and the total (`总分`). In the
//! indicators, a blank 一级指标 or 二级指标 continues the label above (`^`), as does a blank 分值
//! or 得分 in a row whose 二级指标 is itself continued (a weight printed once for its group);
//! other blanks are empty (`-`).

use super::columns::unwrap_name;
use super::document::Warning;
use super::fis::{header, text_cell, value_cell, Emitted};
use super::tables::RawTable;
use crate::text::squeeze;

/// A part of a self-evaluation table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    /// `资金情况`.
    name: String,
    /// Its column headers.
    columns: Vec<String>,
    /// Its rows, cells in the `.fis` form (`-` empty, `^` merged).
    rows: Vec<Vec<String>>,
    /// The source line of each row.
    lines: Vec<usize>,
    /// The header row's source line.
    line: usize,
    /// The name column, when it is not the first.
    name_column: Option<String>,
}

/// Whether a table is a self-evaluation table: its title says so (…绩效自评表).
pub fn is_self_evaluation(raw: &RawTable) -> bool {
    squeeze(&raw.title).ends_with("自评表")
}

/// A self-evaluation table as `.fis` source, with what could not be told. `None` when its rows
/// have no group labels to read parts from.
pub fn self_evaluation_source(raw: &RawTable) -> Option<(Emitted, Vec<Warning>)> {
    let (groups, warnings) = groups(raw)?;
    let mut out = Emitted::default();
    let at = raw.lines.start;
    out.line(
        at,
        &format!("table {} {} {{", raw.id, crate::text::quote(&raw.title)),
    );
    if let Some(d) = &raw.department {
        out.line(at, &format!("  部门 = {}", crate::text::quote(d)));
    }
    if let Some(u) = &raw.unit {
        out.line(at, &format!("  单位 = {u}"));
    }
    for g in &groups {
        out.line(g.line, &format!("  part {} {{", g.name));
        if let Some(n) = &g.name_column {
            out.line(g.line, &format!("    名称列 = {}", header(n)));
        }
        let headers: Vec<String> = g.columns.iter().map(|h| header(h)).collect();
        out.line(g.line, &format!("    columns {}", headers.join(" | ")));
        for (row, &line) in g.rows.iter().zip(&g.lines) {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, c)| match c.as_str() {
                    "-" | "^" => c.clone(),
                    _ if i == 0 => text_cell(c),
                    _ => value_cell(c),
                })
                .collect();
            out.line(line, &format!("    {}", cells.join(" | ")));
        }
        out.line(g.lines.last().copied().unwrap_or(g.line), "  }");
    }
    for (k, note) in raw.notes.iter().enumerate() {
        let line = raw.note_lines.get(k).copied().unwrap_or(at);
        out.line(line, &format!("  note {note}"));
    }
    out.line(raw.lines.end.saturating_sub(1).max(at), "}");
    Some((out, warnings))
}

/// What a group label names: the part it becomes.
fn part_name(label: &str) -> String {
    let l = squeeze(label);
    let bare = l
        .split(['(', '（'])
        .next()
        .unwrap_or(l.as_str())
        .to_string();
    if bare.contains("资金") {
        "资金情况".to_string()
    } else if bare.contains("名称") || bare.contains("项目信息") {
        "项目信息".to_string()
    } else {
        bare
    }
}

/// The table's groups, in order.
fn groups(raw: &RawTable) -> Option<(Vec<Group>, Vec<Warning>)> {
    let mut out: Vec<Group> = Vec::new();
    let mut warnings = Vec::new();
    // The rows of the group being read: its label row, then its other rows.
    let mut current: Vec<(&Vec<String>, usize)> = Vec::new();
    for (row, &line) in raw.rows.iter().zip(&raw.row_lines) {
        let label = row.first().map_or("", |c| c.trim());
        if !label.is_empty() && !current.is_empty() {
            read_group(&current, &mut out, &mut warnings);
            current.clear();
        }
        if label.is_empty() && current.is_empty() {
            warnings.push(Warning {
                lines: line..line + 1,
                message: "自评表的这一行不在任何分组（首列无分组名称）之下，已略去，请核对"
                    .to_string(),
            });
            continue;
        }
        current.push((row, line));
    }
    if !current.is_empty() {
        read_group(&current, &mut out, &mut warnings);
    }
    (!out.is_empty()).then_some((out, warnings))
}

/// The non-blank cells of a row after its label, each with its column.
fn filled(row: &[String]) -> Vec<(usize, String)> {
    row.iter()
        .enumerate()
        .skip(1)
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(i, c)| (i, c.trim().to_string()))
        .collect()
}

/// Reads one group (its label row first) into a part, or into the part before it when it is a
/// particular of the project printed as a row of its own (`项目总实施期：长期`).
fn read_group(rows: &[(&Vec<String>, usize)], out: &mut Vec<Group>, warnings: &mut Vec<Warning>) {
    let (first, line) = rows[0];
    let label = first[0].trim();
    let name = part_name(label);
    // `项目总实施期：长期`: a label and its value in one cell.
    if let (Some((key, value)), true) = (label.split_once('：'), filled(first).is_empty()) {
        let row = vec![squeeze(key), value.trim().to_string()];
        match out.last_mut().filter(|g| g.name == "项目信息") {
            Some(g) => {
                g.rows.push(row);
                g.lines.push(line);
            }
            None => out.push(Group {
                name: "项目信息".to_string(),
                columns: vec!["项目".to_string(), "内容".to_string()],
                rows: vec![row],
                lines: vec![line],
                line,
                name_column: None,
            }),
        }
        return;
    }
    let group = match name.as_str() {
        "项目信息" => particulars(rows),
        "总分" => total(first, line),
        "年度总体目标" => objectives(rows, &name),
        _ => headed(rows, &name, warnings),
    };
    out.push(group);
}

/// The project's particulars: pairs of label and value, printed two pairs to a row; read as
/// the printed columns of pairs, the left one first.
fn particulars(rows: &[(&Vec<String>, usize)]) -> Group {
    let pairs: Vec<Vec<(Vec<String>, usize)>> = rows
        .iter()
        .map(|(row, line)| {
            filled(row)
                .chunks(2)
                .map(|p| {
                    let value = p.get(1).map_or("-".to_string(), |v| v.1.clone());
                    (vec![unwrap_name(&p[0].1), value], *line)
                })
                .collect()
        })
        .collect();
    let widest = pairs.iter().map(Vec::len).max().unwrap_or(0);
    let mut g = Group {
        name: "项目信息".to_string(),
        columns: vec!["项目".to_string(), "内容".to_string()],
        rows: Vec::new(),
        lines: Vec::new(),
        line: rows[0].1,
        name_column: None,
    };
    for k in 0..widest {
        for row in &pairs {
            if let Some((cells, line)) = row.get(k) {
                g.rows.push(cells.clone());
                g.lines.push(*line);
            }
        }
    }
    g
}

/// The total: `总分`, then its 分值, 得分 and 等级 as printed.
fn total(row: &[String], line: usize) -> Group {
    let values: Vec<String> = filled(row).into_iter().map(|(_, v)| v).collect();
    let columns: Vec<String> = ["项目", "分值", "得分", "等级"]
        .iter()
        .take(values.len() + 1)
        .map(|s| s.to_string())
        .collect();
    let mut cells = vec![squeeze(&row[0])];
    cells.extend(values.into_iter().take(3));
    Group {
        name: "总分".to_string(),
        columns,
        rows: vec![cells],
        lines: vec![line],
        line,
        name_column: None,
    }
}

/// The objectives: the label row names the columns (预期目标, 实际完成情况) over the cells
/// that span several printed columns; each row below holds the texts in the same columns.
fn objectives(rows: &[(&Vec<String>, usize)], name: &str) -> Group {
    let heads = filled(rows[0].0);
    let mut g = Group {
        name: name.to_string(),
        columns: std::iter::once("项目".to_string())
            .chain(heads.iter().map(|(_, h)| unwrap_name(h)))
            .collect(),
        rows: Vec::new(),
        lines: Vec::new(),
        line: rows[0].1,
        name_column: None,
    };
    for (row, line) in &rows[1..] {
        let mut cells = vec![name.to_string()];
        for (k, (at, _)) in heads.iter().enumerate() {
            let end = heads.get(k + 1).map_or(row.len(), |h| h.0);
            let text: Vec<&str> = (*at..end.max(*at))
                .filter_map(|c| row.get(c))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            cells.push(if text.is_empty() {
                "-".to_string()
            } else {
                text.join("")
            });
        }
        g.rows.push(cells);
        g.lines.push(*line);
    }
    g
}

/// A group whose label row holds its column headers (资金情况, 绩效指标): the rows below give
/// a cell under each header.
fn headed(rows: &[(&Vec<String>, usize)], name: &str, warnings: &mut Vec<Warning>) -> Group {
    let (first, line) = rows[0];
    let mut width = first.len();
    while width > 1 && first[width - 1].trim().is_empty() {
        width -= 1;
    }
    let columns: Vec<String> = first[1..width].iter().map(|h| unwrap_name(h)).collect();
    let role = |h: &str| columns.iter().position(|c| c == h);
    let levels: Vec<usize> = ["一级指标", "二级指标"]
        .iter()
        .filter_map(|h| role(h))
        .collect();
    let scores: Vec<usize> = ["分值", "得分"].iter().filter_map(|h| role(h)).collect();
    let second = role("二级指标");
    let mut g = Group {
        name: name.to_string(),
        name_column: role("三级指标").map(|c| columns[c].clone()),
        columns,
        rows: Vec::new(),
        lines: Vec::new(),
        line,
    };
    for &(row, line) in &rows[1..] {
        let extra = row[width.min(row.len())..]
            .iter()
            .any(|c| !c.trim().is_empty());
        if extra {
            warnings.push(Warning {
                lines: line..line + 1,
                message: format!(
                    "自评表“{name}”的这一行比表头多出单元格，多出的内容已略去，请核对"
                ),
            });
        }
        let mut cells: Vec<String> = (1..width)
            .map(|c| row.get(c).map_or(String::new(), |v| unwrap_name(v)))
            .collect();
        // A 一级指标 whose weight a page break pushed to the next row (`效益指标` / `(30分)`).
        if let Some(&first_level) = levels.first() {
            let cell = &cells[first_level];
            if is_weight(cell) {
                if let Some(above) = label_row(&g.rows, first_level) {
                    let joined = format!("{}{}", g.rows[above][first_level], cell);
                    g.rows[above][first_level] = joined;
                    cells[first_level] = String::new();
                }
            }
        }
        let continued = second.is_some_and(|s| cells[s].is_empty()) && !g.rows.is_empty();
        for (c, cell) in cells.iter_mut().enumerate() {
            if !cell.is_empty() {
                continue;
            }
            let merged =
                !g.rows.is_empty() && (levels.contains(&c) || continued && scores.contains(&c));
            *cell = if merged { "^" } else { "-" }.to_string();
        }
        g.rows.push(cells);
        g.lines.push(line);
    }
    g
}

/// Whether a cell is only a weight in brackets: `(30分)`, `（30 分）`.
fn is_weight(cell: &str) -> bool {
    let s = squeeze(cell);
    let inner = s
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']))
        .and_then(|r| r.strip_suffix('分'));
    inner.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The row that holds the label a `^` in column `c` continues: the last row with a label there
/// that carries no weight of its own yet.
fn label_row(rows: &[Vec<String>], c: usize) -> Option<usize> {
    let at = rows.iter().rposition(|r| r[c] != "^")?;
    let label = &rows[at][c];
    (!label.contains('分') && label != "-").then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{blocks, raw_tables};

    fn source(text: &str) -> String {
        let raw = raw_tables(&blocks(text));
        let (emitted, warnings) = self_evaluation_source(&raw[0]).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        emitted.text
    }

    #[test]
    fn groups_become_parts_named_for_what_they_hold() {
        let text = "附件 1-2\n\n2021 年度项目支出绩效自评表\n\n部门名称\t某局\t\t\t\n\
项目支出名称\t专项名称\t平台升级\t\t项目总投资（万元）\t325\n\
\t支出方向名称（子项目）\tAPP 升级\t\t其中：财政拨款\t325\n\
项目总实施期：长期\t\t\t\t\t\n\
年度项目资金（万元）\t年度资金总额\t年 初 预 算 数\t全年执行数\t\t\n\
\t合计\t325\t217.76\t\t\n\
总分\t\t\t100\t96\t等级：优\n";
        let s = source(text);
        assert!(s.contains("table 附件1-2 \"2021 年度项目支出绩效自评表\" {\n  部门 = \"某局\"\n"));
        assert!(s.contains(
            "  part 项目信息 {\n    columns 项目 | 内容\n    专项名称 | 平台升级\n    支出方向名称（子项目） | APP 升级\n    项目总投资（万元） | 325\n    其中：财政拨款 | 325\n    项目总实施期 | 长期\n  }\n"
        ), "{s}");
        assert!(s.contains("  part 资金情况 {\n    columns 年度资金总额 | 年初预算数 | 全年执行数\n    合计 | 325 | 217.76\n  }\n"), "{s}");
        assert!(s.contains("  part 总分 {\n    columns 项目 | 分值 | 得分 | 等级\n    总分 | 100 | 96 | 等级：优\n  }\n"), "{s}");
    }

    #[test]
    fn blank_group_cells_continue_the_label_above_and_blank_values_are_empty() {
        let text = "附件 1-1\n\n部门整体支出绩效自评表\n\n\
绩效指标\t一级指标\t二级指标\t三级指标\t分值\t得分\t偏差原因 分析\n\
\t产出 指标 (50 分)\t数量指标\t考试\t10\t10\t\n\
\t\t\t快递服务\t\t\t\n\
\t\t质量指标\t按时办结\t10\t9\t\n\
\t效益指标\t经济效益指标\t推动发展\t10\t10\t\n\n\
\t(30分)\t社会效益指标\t提升体验\t10\t10\t\n";
        let s = source(text);
        let expected = [
            "  part 绩效指标 {",
            "    名称列 = 三级指标",
            "    columns 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 | 偏差原因分析",
            "    产出指标 (50 分) | 数量指标 | 考试 | 10 | 10 | -",
            "    ^ | ^ | 快递服务 | ^ | ^ | -",
            "    ^ | 质量指标 | 按时办结 | 10 | 9 | -",
            "    效益指标(30分) | 经济效益指标 | 推动发展 | 10 | 10 | -",
            "    ^ | 社会效益指标 | 提升体验 | 10 | 10 | -",
            "  }\n",
        ]
        .join("\n");
        assert!(s.contains(&expected), "{s}");
        // It parses as a report table.
        let parsed = crate::report::parse(&format!(
            "report 决算 {{ 部门 = \"x\" 年度 = 2021 单位 = 万元 地区 = 湖南 }}\n{s}"
        ));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    }

    #[test]
    fn objectives_are_read_by_the_columns_their_labels_span() {
        let text = "附件 1-1\n\n部门整体支出绩效自评表\n\n\
年度总体目标\t预期目标\t\t\t实际完成情况\t\t\n\
\t深入推进改革。\t\t\t全覆盖。\t\t\n";
        let s = source(text);
        assert!(
            s.contains("  part 年度总体目标 {\n    columns 项目 | 预期目标 | 实际完成情况\n    年度总体目标 | 深入推进改革。 | 全覆盖。\n  }\n"),
            "{s}"
        );
    }

    #[test]
    fn weights_in_brackets_are_told_from_labels() {
        assert!(is_weight("(30分)"));
        assert!(is_weight("（30 分）"));
        assert!(!is_weight("效益指标(30分)"));
        assert!(!is_weight("(分)"));
    }
}
