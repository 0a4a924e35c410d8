//! A synthetic 部门预算 PDF in Shanghai's layout (layout b): A4 landscape pages, the tables ruled
//! grids whose every cell is drawn as its own box (a merged cell one box), text centred in its
//! cell. What a reader of the text alone gets wrong here, the ruling settles:
//! - 01 and 04, halves side by side, the 收入 list's figure set against the 支出 list's label;
//!   04's 支出 side prints blank cells beside `0.00`;
//! - 02's header over three rows, `事业单位` / `经营收入` wrapped in one cell, the code printed
//!   as 类 | 款 | 项 in three narrow columns, one blank figure;
//! - 06 over two pages, its header printed again on the second, its code as 类 | 款, its code
//!   header `部门预算经济分类科目编码`;
//! - 07's header on three levels (`“三公”经费预算数` over 合计 … and `公务用车购置及运行费`,
//!   over 小计 | 购置费 | 运行费; `机关运行经费预算` / `数` wrapped), its unit `单位:万元` with an
//!   ASCII colon, its one row of figures, and prose under its grid on the same page;
//! - 08 empty: `无` where its rows would be, a 合计 row without figures, its note.
//!
//! The prose around the tables: a cover, a contents listing with leaders, a 机构设置 whose
//! list's first item is printed on the line introducing it, and a project's 经费情况说明.
//!
//! `faulty` adds what an inspector finds wrong with the file itself: a page with nothing but a
//! table's frame after the contents, a page whose text runs past a clipping frame (one line cut
//! through, the rest hidden, then set again on the next page, shifted up, so that it shows
//! there), and a line drawn outside any page's view. The clean file has none of them.

use super::pdf_writer::{text_width, Page, Pdf};

/// A4 landscape, in points.
pub const LANDSCAPE: (f32, f32) = (841.89, 595.28);

/// Body text size.
const SIZE: f32 = 12.0;
/// Table text size: the body's, as Shanghai sets them (the body size is the most common one,
/// which a heading is larger than).
const CELL: f32 = 12.0;
/// Where tables start, from the left.
const LEFT: f32 = 60.0;

/// A part of a table as fislint must read it: its name (`""` for a table without parts), its
/// columns, its rows (a blank cell `""`).
pub type ListRead = (&'static str, Vec<&'static str>, Vec<Vec<&'static str>>);

/// A table as fislint must read it: its id, title, unit, columns (of each part), rows.
pub struct BudgetTable {
    pub id: &'static str,
    pub title: &'static str,
    pub unit: &'static str,
    /// Each part.
    pub parts: Vec<ListRead>,
    pub notes: Vec<&'static str>,
}

/// The synthetic budget and what must be read from it.
pub struct Budget {
    pub name: &'static str,
    pub pdf: Vec<u8>,
    pub tables: Vec<BudgetTable>,
}

/// One cell of a ruled grid: first row and column, how many each it spans, its text (lines
/// separated by `\n`).
struct Cell {
    r: usize,
    c: usize,
    rs: usize,
    cs: usize,
    text: &'static str,
}

fn cell(r: usize, c: usize, rs: usize, cs: usize, text: &'static str) -> Cell {
    Cell { r, c, rs, cs, text }
}

/// Data rows as cells of one grid unit each, from grid row `from`.
fn rows(from: usize, rows: &[&[&'static str]]) -> Vec<Cell> {
    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        for (c, &text) in row.iter().enumerate() {
            out.push(cell(from + k, c, 1, 1, text));
        }
    }
    out
}

/// Draws a grid with its top at `top` (PDF coordinates), each cell a box, its text centred.
fn grid(page: &mut Page, top: f32, widths: &[f32], heights: &[f32], cells: &[Cell]) -> f32 {
    let xs: Vec<f32> = std::iter::once(LEFT)
        .chain(widths.iter().scan(LEFT, |x, w| {
            *x += w;
            Some(*x)
        }))
        .collect();
    let ys: Vec<f32> = std::iter::once(top)
        .chain(heights.iter().scan(top, |y, h| {
            *y -= h;
            Some(*y)
        }))
        .collect();
    for c in cells {
        let (x0, x1) = (xs[c.c], xs[c.c + c.cs]);
        let (y_top, y_bottom) = (ys[c.r], ys[c.r + c.rs]);
        page.rect(x0, y_bottom, x1 - x0, y_top - y_bottom);
        let lines: Vec<&str> = c.text.split('\n').filter(|l| !l.is_empty()).collect();
        let step = CELL * 1.3;
        let middle = (y_top + y_bottom) / 2.0;
        let first = middle + step * (lines.len() as f32 - 1.0) / 2.0 - 0.35 * CELL;
        for (k, line) in lines.iter().enumerate() {
            let w = text_width(CELL, line);
            page.text((x0 + x1 - w) / 2.0, first - step * k as f32, CELL, line);
        }
    }
    ys[ys.len() - 1]
}

/// A table's title (centred, 16 pt) and its `编制部门：… 单位：元` line; returns the grid's top.
fn title(page: &mut Page, title: &str, unit: &str) -> f32 {
    let (w, h) = LANDSCAPE;
    page.text((w - text_width(16.0, title)) / 2.0, h - 70.0, 16.0, title);
    page.text(LEFT, h - 100.0, CELL, "编制部门：上海市某区某局");
    let unit = format!("单位{unit}");
    page.text(w - LEFT - text_width(CELL, &unit), h - 100.0, CELL, &unit);
    h - 115.0
}

/// A heading centred at `y`.
fn heading(page: &mut Page, y: f32, size: f32, text: &str) {
    page.text((LANDSCAPE.0 - text_width(size, text)) / 2.0, y, size, text);
}

/// Paragraph lines from `y` down, each indented two characters; returns the next line's y.
fn paragraphs(page: &mut Page, mut y: f32, lines: &[&str]) -> f32 {
    for line in lines {
        page.text(LEFT + 2.0 * SIZE, y, SIZE, line);
        y -= 2.0 * SIZE;
    }
    y
}

const FUNCTIONS: [&str; 5] = [
    "（一）贯彻执行国家和本市有关法律、法规和方针、政策。",
    "（二）负责推进本区有关工作，组织实施年度计划。",
    "（三）负责本系统国有资产的管理和信息化建设。",
    "（四）规划、协调、指导本区人才队伍建设相关工作。",
    "（五）完成区委、区政府交办的其他任务。",
];

/// The synthetic budget, with (`faulty`) or without the file's own faults.
pub fn budget(faulty: bool) -> Budget {
    let mut pdf = Pdf::new();
    let (w, h) = LANDSCAPE;
    // 1: the cover.
    {
        let page = pdf.page(w, h);
        heading(page, 400.0, 22.0, "上海市某区2026年区级部门预算");
        heading(page, 340.0, 16.0, "预算主管部门：上海市某区某局");
    }
    // 2: the contents, each entry with leaders.
    {
        let page = pdf.page(w, h);
        heading(page, h - 70.0, 18.0, "目 录");
        let entries = [
            "一、部门主要职能",
            "二、部门机构设置",
            "三、部门预算表",
            "1. 2026年部门财务收支预算总表",
            "2. 2026年部门收入预算总表",
            "四、其他相关情况说明",
            "五、项目经费情况说明",
        ];
        for (k, e) in entries.iter().enumerate() {
            page.text(
                LEFT,
                h - 120.0 - 22.0 * k as f32,
                SIZE,
                &format!("{e} ……………………"),
            );
        }
    }
    // 3: a table's frame and nothing else.
    if faulty {
        let page = pdf.page(w, h);
        for k in 0..5 {
            let y = h - 100.0 - 30.0 * k as f32;
            page.line(LEFT, y, w - LEFT, y);
        }
        page.line(LEFT, h - 100.0, LEFT, h - 220.0);
        page.line(w - LEFT, h - 100.0, w - LEFT, h - 220.0);
    }
    // 主要职能: in the faulty file the page's text runs past a frame that clips it at the
    // third item (cut through) and hides the rest, which the next page sets again, shifted
    // up so that the first two items are above its own frame.
    {
        let page = pdf.page(w, h);
        heading(page, h - 70.0, 18.0, "上海市某局主要职能");
        if faulty {
            // The frame's bottom is 4 points under the third item's top: a sliver shows.
            let third = h - 120.0 - 2.0 * 2.0 * SIZE;
            let bottom = third + 0.88 * SIZE - 4.0;
            page.raw(&format!(
                "q {LEFT} {bottom} {} {} re W n",
                w - 2.0 * LEFT,
                h - bottom
            ));
            paragraphs(page, h - 120.0, &FUNCTIONS);
            page.raw("Q");
        } else {
            paragraphs(page, h - 120.0, &FUNCTIONS[..2]);
        }
    }
    {
        let page = pdf.page(w, h);
        if faulty {
            // Shifted up by the two items page 4 shows; the frame starts under them.
            let top = h - 60.0;
            page.raw(&format!("q {LEFT} 0 {} {top} re W n", w - 2.0 * LEFT));
            paragraphs(page, h - 72.0 + 2.0 * 2.0 * SIZE, &FUNCTIONS);
            page.raw("Q");
            // Drawn past the page's right edge: in the file, nowhere to be seen.
            page.text(w + 40.0, 300.0, SIZE, "此行不在页面之内");
        } else {
            paragraphs(page, h - 72.0, &FUNCTIONS[2..]);
        }
    }
    // 机构设置: the list's first item on the line introducing it.
    {
        let page = pdf.page(w, h);
        heading(page, h - 70.0, 18.0, "上海市某局机构设置");
        page.text(
            LEFT + 2.0 * SIZE,
            h - 120.0,
            SIZE,
            "本部门中，行政单位1家，事业单位1家，具体包括：1.某局本部",
        );
        page.text(LEFT + 13.0 * SIZE, h - 140.0, SIZE, "2.某中心");
    }
    let mut tables = Vec::new();
    // 01.
    {
        let page = pdf.page(w, h);
        let top = title(page, "2026年部门财务收支预算总表", "：元");
        let mut cells = vec![cell(0, 0, 1, 2, "本年收入"), cell(0, 2, 1, 2, "本年支出")];
        cells.extend(rows(
            1,
            &[
                &["项目", "预算数", "项目", "预算数"],
                &["一、财政拨款收入", "1,000.00", "一、公共安全支出", "900.00"],
                &["1.一般公共预算", "1,000.00", "二、卫生健康支出", "100.00"],
                &["二、事业收入", "0.00", "", ""],
                &["收入总计", "1,000.00", "支出总计", "1,000.00"],
            ],
        ));
        grid(page, top, &[170.0, 90.0, 170.0, 90.0], &[22.0; 6], &cells);
        tables.push(BudgetTable {
            id: "01",
            title: "2026年部门财务收支预算总表",
            unit: "元",
            parts: vec![
                (
                    "本年收入",
                    vec!["项目", "预算数"],
                    vec![
                        vec!["一、财政拨款收入", "1,000.00"],
                        vec!["1.一般公共预算", "1,000.00"],
                        vec!["二、事业收入", "0.00"],
                        vec!["收入总计", "1,000.00"],
                    ],
                ),
                (
                    "本年支出",
                    vec!["项目", "预算数"],
                    vec![
                        vec!["一、公共安全支出", "900.00"],
                        vec!["二、卫生健康支出", "100.00"],
                        vec!["支出总计", "1,000.00"],
                    ],
                ),
            ],
            notes: vec![],
        });
    }
    // 02.
    {
        let page = pdf.page(w, h);
        let top = title(page, "2026年部门收入预算总表", "：元");
        let mut cells = vec![
            cell(0, 0, 1, 4, "项目"),
            cell(0, 4, 1, 5, "收入预算"),
            cell(1, 0, 1, 3, "功能分类科目编码"),
            cell(1, 3, 2, 1, "功能分类科目名称"),
            cell(1, 4, 2, 1, "合计"),
            cell(1, 5, 2, 1, "财政拨款收入"),
            cell(1, 6, 2, 1, "事业收入"),
            cell(1, 7, 2, 1, "事业单位\n经营收入"),
            cell(1, 8, 2, 1, "其他收入"),
            cell(2, 0, 1, 1, "类"),
            cell(2, 1, 1, 1, "款"),
            cell(2, 2, 1, 1, "项"),
        ];
        cells.extend(rows(
            3,
            &[
                &[
                    "204",
                    "",
                    "",
                    "公共安全支出",
                    "900.00",
                    "900.00",
                    "0.00",
                    "0.00",
                    "0.00",
                ],
                &[
                    "204", "06", "", "司法", "900.00", "900.00", "0.00", "0.00", "0.00",
                ],
                &[
                    "204",
                    "06",
                    "01",
                    "行政运行",
                    "900.00",
                    "900.00",
                    "0.00",
                    "0.00",
                    "0.00",
                ],
                &[
                    "210",
                    "",
                    "",
                    "卫生健康支出",
                    "100.00",
                    "100.00",
                    "0.00",
                    "",
                    "0.00",
                ],
            ],
        ));
        cells.push(cell(7, 0, 1, 4, "合计"));
        for (c, v) in ["1,000.00", "1,000.00", "0.00", "0.00", "0.00"]
            .into_iter()
            .enumerate()
        {
            cells.push(cell(7, 4 + c, 1, 1, v));
        }
        let widths = [36.0, 36.0, 36.0, 170.0, 80.0, 80.0, 80.0, 80.0, 80.0];
        grid(
            page,
            top,
            &widths,
            &[22.0, 20.0, 20.0, 22.0, 22.0, 22.0, 22.0, 22.0],
            &cells,
        );
        tables.push(BudgetTable {
            id: "02",
            title: "2026年部门收入预算总表",
            unit: "元",
            parts: vec![(
                "",
                vec![
                    "功能分类科目编码",
                    "功能分类科目名称",
                    "收入预算/合计",
                    "收入预算/财政拨款收入",
                    "收入预算/事业收入",
                    "收入预算/事业单位经营收入",
                    "收入预算/其他收入",
                ],
                vec![
                    vec![
                        "204",
                        "公共安全支出",
                        "900.00",
                        "900.00",
                        "0.00",
                        "0.00",
                        "0.00",
                    ],
                    vec!["20406", "司法", "900.00", "900.00", "0.00", "0.00", "0.00"],
                    vec![
                        "2040601",
                        "行政运行",
                        "900.00",
                        "900.00",
                        "0.00",
                        "0.00",
                        "0.00",
                    ],
                    vec![
                        "210",
                        "卫生健康支出",
                        "100.00",
                        "100.00",
                        "0.00",
                        "",
                        "0.00",
                    ],
                    vec!["", "合计", "1,000.00", "1,000.00", "0.00", "0.00", "0.00"],
                ],
            )],
            notes: vec![],
        });
    }
    // 04.
    {
        let page = pdf.page(w, h);
        let top = title(page, "2026年部门财政拨款收支预算总表", "：元");
        let mut cells = vec![
            cell(0, 0, 1, 2, "财政拨款收入"),
            cell(0, 2, 1, 5, "财政拨款支出"),
        ];
        cells.extend(rows(
            1,
            &[
                &[
                    "项目",
                    "预算数",
                    "项目",
                    "合计",
                    "一般公共预算",
                    "政府性基金预算",
                    "国有资本经营预算",
                ],
                &[
                    "一、一般公共预算",
                    "1,000.00",
                    "一、公共安全支出",
                    "900.00",
                    "900.00",
                    "",
                    "",
                ],
                &[
                    "二、政府性基金预算",
                    "0.00",
                    "二、卫生健康支出",
                    "100.00",
                    "100.00",
                    "",
                    "0.00",
                ],
                &[
                    "收入总计",
                    "1,000.00",
                    "支出总计",
                    "1,000.00",
                    "1,000.00",
                    "",
                    "0.00",
                ],
            ],
        ));
        let widths = [150.0, 80.0, 150.0, 80.0, 100.0, 100.0, 110.0];
        grid(page, top, &widths, &[22.0; 5], &cells);
        tables.push(BudgetTable {
            id: "04",
            title: "2026年部门财政拨款收支预算总表",
            unit: "元",
            parts: vec![
                (
                    "财政拨款收入",
                    vec!["项目", "预算数"],
                    vec![
                        vec!["一、一般公共预算", "1,000.00"],
                        vec!["二、政府性基金预算", "0.00"],
                        vec!["收入总计", "1,000.00"],
                    ],
                ),
                (
                    "财政拨款支出",
                    vec![
                        "项目",
                        "合计",
                        "一般公共预算",
                        "政府性基金预算",
                        "国有资本经营预算",
                    ],
                    vec![
                        vec!["一、公共安全支出", "900.00", "900.00", "", ""],
                        vec!["二、卫生健康支出", "100.00", "100.00", "", "0.00"],
                        vec!["支出总计", "1,000.00", "1,000.00", "", "0.00"],
                    ],
                ),
            ],
            notes: vec![],
        });
    }
    // 08, empty.
    {
        let page = pdf.page(w, h);
        let top = title(page, "2026年部门政府性基金预算支出功能分类预算表", "：元");
        let mut cells = vec![
            cell(0, 0, 1, 4, "项目"),
            cell(0, 4, 1, 3, "政府性基金预算支出"),
            cell(1, 0, 1, 3, "功能分类科目编码"),
            cell(1, 3, 2, 1, "功能分类科目名称"),
            cell(1, 4, 2, 1, "合计"),
            cell(1, 5, 2, 1, "基本支出"),
            cell(1, 6, 2, 1, "项目支出"),
            cell(2, 0, 1, 1, "类"),
            cell(2, 1, 1, 1, "款"),
            cell(2, 2, 1, 1, "项"),
            cell(3, 0, 1, 4, "无"),
            cell(4, 0, 1, 4, "合计"),
        ];
        for r in 3..5 {
            for c in 4..7 {
                cells.push(cell(r, c, 1, 1, ""));
            }
        }
        let bottom = grid(
            page,
            top,
            &[36.0, 36.0, 36.0, 170.0, 90.0, 90.0, 90.0],
            &[22.0, 20.0, 20.0, 22.0, 22.0],
            &cells,
        );
        let note = "注：本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。";
        page.text(LEFT, bottom - 20.0, CELL, note);
        tables.push(BudgetTable {
            id: "08",
            title: "2026年部门政府性基金预算支出功能分类预算表",
            unit: "元",
            parts: vec![(
                "",
                vec![
                    "功能分类科目编码",
                    "功能分类科目名称",
                    "政府性基金预算支出/合计",
                    "政府性基金预算支出/基本支出",
                    "政府性基金预算支出/项目支出",
                ],
                vec![vec!["", "合计", "", "", ""]],
            )],
            notes: vec![note],
        });
    }
    // 06, over two pages.
    {
        let header = |cells: &mut Vec<Cell>| {
            cells.extend([
                cell(0, 0, 1, 3, "项目"),
                cell(0, 3, 1, 3, "一般公共预算基本支出"),
                cell(1, 0, 1, 2, "部门预算经济分类科目编码"),
                cell(1, 2, 2, 1, "经济分类科目名称"),
                cell(1, 3, 2, 1, "合计"),
                cell(1, 4, 2, 1, "人员经费"),
                cell(1, 5, 2, 1, "公用经费"),
                cell(2, 0, 1, 1, "类"),
                cell(2, 1, 1, 1, "款"),
            ]);
        };
        let widths = [80.0, 80.0, 200.0, 90.0, 90.0, 90.0];
        let page = pdf.page(w, h);
        let top = title(
            page,
            "2026年部门一般公共预算基本支出部门预算经济分类预算表",
            "：元",
        );
        let mut cells = Vec::new();
        header(&mut cells);
        cells.extend(rows(
            3,
            &[
                &["301", "", "工资福利支出", "600.00", "600.00", "0.00"],
                &["301", "01", "基本工资", "600.00", "600.00", "0.00"],
            ],
        ));
        grid(page, top, &widths, &[22.0, 30.0, 20.0, 22.0, 22.0], &cells);
        let page = pdf.page(w, h);
        let mut cells = Vec::new();
        header(&mut cells);
        cells.extend(rows(
            3,
            &[
                &["302", "", "商品和服务支出", "300.00", "0.00", "300.00"],
                &["302", "01", "办公费", "300.00", "0.00", "300.00"],
            ],
        ));
        cells.push(cell(5, 0, 1, 3, "合计"));
        for (c, v) in ["900.00", "600.00", "300.00"].into_iter().enumerate() {
            cells.push(cell(5, 3 + c, 1, 1, v));
        }
        grid(
            page,
            h - 60.0,
            &widths,
            &[22.0, 30.0, 20.0, 22.0, 22.0, 22.0],
            &cells,
        );
        tables.push(BudgetTable {
            id: "06",
            title: "2026年部门一般公共预算基本支出部门预算经济分类预算表",
            unit: "元",
            parts: vec![(
                "",
                vec![
                    "经济分类科目编码",
                    "经济分类科目名称",
                    "一般公共预算基本支出/合计",
                    "一般公共预算基本支出/人员经费",
                    "一般公共预算基本支出/公用经费",
                ],
                vec![
                    vec!["301", "工资福利支出", "600.00", "600.00", "0.00"],
                    vec!["30101", "基本工资", "600.00", "600.00", "0.00"],
                    vec!["302", "商品和服务支出", "300.00", "0.00", "300.00"],
                    vec!["30201", "办公费", "300.00", "0.00", "300.00"],
                    vec!["", "合计", "900.00", "600.00", "300.00"],
                ],
            )],
            notes: vec![],
        });
    }
    // 07, and the prose under it.
    {
        let page = pdf.page(w, h);
        let top = title(page, "2026年部门“三公”经费和机关运行经费预算表", ":万元");
        let mut cells = vec![
            cell(0, 0, 1, 6, "“三公”经费预算数"),
            cell(0, 6, 3, 1, "机关运行经费预算\n数"),
            cell(1, 0, 2, 1, "合计"),
            cell(1, 1, 2, 1, "因公出国(境)费"),
            cell(1, 2, 2, 1, "公务接待费"),
            cell(1, 3, 1, 3, "公务用车购置及运行费"),
            cell(2, 3, 1, 1, "小计"),
            cell(2, 4, 1, 1, "购置费"),
            cell(2, 5, 1, 1, "运行费"),
        ];
        cells.extend(rows(
            3,
            &[&["1.50", "0", "0.50", "1.00", "0", "1.00", "20.00"]],
        ));
        let bottom = grid(
            page,
            top,
            &[80.0, 100.0, 80.0, 80.0, 70.0, 70.0, 110.0],
            &[24.0, 20.0, 20.0, 30.0],
            &cells,
        );
        heading(page, bottom - 40.0, 16.0, "其他相关情况说明");
        page.text(
            LEFT,
            bottom - 70.0,
            SIZE,
            "一、2026年“三公”经费预算情况说明",
        );
        paragraphs(
            page,
            bottom - 94.0,
            &["2026年“三公”经费预算数为1.50万元，与2025年预算持平。"],
        );
        tables.push(BudgetTable {
            id: "07",
            title: "2026年部门“三公”经费和机关运行经费预算表",
            unit: "万元",
            parts: vec![(
                "",
                vec![
                    "“三公”经费预算数/合计",
                    "“三公”经费预算数/因公出国(境)费",
                    "“三公”经费预算数/公务接待费",
                    "“三公”经费预算数/公务用车购置及运行费/小计",
                    "“三公”经费预算数/公务用车购置及运行费/购置费",
                    "“三公”经费预算数/公务用车购置及运行费/运行费",
                    "机关运行经费预算数",
                ],
                vec![vec!["1.50", "0", "0.50", "1.00", "0", "1.00", "20.00"]],
            )],
            notes: vec![],
        });
    }
    // A project's 经费情况说明.
    {
        let page = pdf.page(w, h);
        heading(page, h - 70.0, 16.0, "某项目经费情况说明");
        let lines = [
            "一、项目概述",
            "为保障某项工作开展安排的项目经费。",
            "五、实施周期",
            "2026年1月1日-2026年12月31日",
            "六、年度预算安排",
            "50万元",
            "七、绩效目标",
            "完成年度工作任务。",
        ];
        for (k, l) in lines.iter().enumerate() {
            page.text(LEFT, h - 110.0 - 22.0 * k as f32, SIZE, l);
        }
    }
    Budget {
        name: if faulty {
            "b-budget-faulty"
        } else {
            "b-budget"
        },
        pdf: pdf.finish(),
        tables,
    }
}

/// A one-page PDF whose one line is shown in a Type3 font whose glyphs map to no Unicode (a
/// glyph name no reader knows, no ToUnicode): `mapped` false. With `mapped` the same line is
/// shown in the ordinary font: nothing to report.
pub fn unmapped_glyphs(mapped: bool) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let glyph = pdf.raw_stream("", b"1000 0 0 0 800 800 d1 0 0 800 800 re f");
    let font = pdf.raw_object(
        format!(
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] \
             /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /zq1 {glyph} 0 R >> \
             /Encoding << /Type /Encoding /Differences [65 /zq1] >> \
             /FirstChar 65 /LastChar 65 /Widths [1000] /Resources << >> >>"
        )
        .as_bytes(),
    );
    let form = pdf.raw_stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 842 595] \
             /Resources << /Font << /T3 {font} 0 R >> >>"
        ),
        b"BT /T3 12 Tf 200 400 Td (AAA) Tj ET",
    );
    let page = pdf.page(LANDSCAPE.0, LANDSCAPE.1);
    page.text(LEFT, 500.0, SIZE, "一段说明文字：");
    if mapped {
        page.text(200.0, 400.0, SIZE, "正常文字");
    } else {
        page.raw_resources(&format!("/XObject << /X1 {form} 0 R >>"));
        page.raw("/X1 Do");
    }
    pdf.finish()
}

/// A one-page PDF whose second line is set in a font of a kind no PDF reader knows (`/Subtype
/// /Type4`, its embedded data not a font: `broken`): the interpreter cannot load it, so that
/// line neither shows nor is read. Without `broken` the line is set in the ordinary font.
pub fn unloadable_font(broken: bool) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let data = pdf.raw_stream("", b"this is not a TrueType font");
    let descriptor = pdf.raw_object(
        format!(
            "<< /Type /FontDescriptor /FontName /Broken /Flags 32 /FontBBox [0 0 1000 1000] \
             /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 \
             /FontFile2 {data} 0 R >>"
        )
        .as_bytes(),
    );
    let font = pdf.raw_object(
        format!(
            "<< /Type /Font /Subtype /Type4 /BaseFont /Broken /FirstChar 65 /LastChar 67 \
             /Widths [600 600 600] /Encoding /WinAnsiEncoding /FontDescriptor {descriptor} 0 R >>"
        )
        .as_bytes(),
    );
    let form = pdf.raw_stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 842 595] \
             /Resources << /Font << /TT {font} 0 R >> >>"
        ),
        b"BT /TT 12 Tf 200 400 Td (ABC) Tj ET",
    );
    let page = pdf.page(LANDSCAPE.0, LANDSCAPE.1);
    page.text(LEFT, 500.0, SIZE, "一段说明文字：");
    if broken {
        page.raw_resources(&format!("/XObject << /X1 {form} 0 R >>"));
        page.raw("/X1 Do");
    } else {
        page.text(200.0, 400.0, SIZE, "ABC");
    }
    pdf.finish()
}
