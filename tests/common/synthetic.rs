//! Synthetic 部门决算 fragments as PDFs: one per table layout the PDF reader must handle, each
//! with the tables it holds written out by hand (`Expected`), never computed by a reader.
//!
//! They imitate the shape of Shanghai's published 部门决算 (titles, column headers, wording) with
//! an invented department and invented figures that add up: each 类 is the sum of its 款, each 款
//! of its 项, 合计 of the 类, and across a row 合计 = 基本支出 + 项目支出 (+ the other columns of
//! table 03). Every page carries a running title at the top and a page number at the foot.
//! Whether a layout draws table rules is said at its function: Shanghai's PDFs often have none.
//!
//! Table 05's variants are drawn here; the other tables (layouts g, h, i) in
//! `synthetic_tables.rs`, re-exported here so that every layout is reached from this module.

use super::pdf_writer::{text_width, Emit, Page, Pdf, Run, Segment, A4};
pub use super::synthetic_tables::{empty_table, side_by_side, spending_over_two_pages};

/// One table as a reader should give it.
#[derive(Clone, Debug)]
pub struct Expected {
    /// The table's number in the Shanghai 部门决算: "01" to "09".
    pub id: &'static str,
    pub title: &'static str,
    pub unit: &'static str,
    /// Column labels left to right. A label set over several columns is joined to each of them
    /// with "/" ("项目/科目名称"); a label wrapped inside its own cell is joined without
    /// anything ("功能分类" + "科目编码"). A code printed in 类, 款 and 项 columns is one column.
    pub header: Vec<String>,
    /// Body rows in printed order, 合计 included. For a 功能分类 table: the full code (seven
    /// digits for a 项 even when printed split; empty on a 合计 row), the name (a wrapped name
    /// joined without spaces), then each figure as printed ("1,234.56"; "" for an empty cell).
    /// For a table without codes (01): each cell as printed, left to right.
    pub rows: Vec<Vec<String>>,
    /// The note under the table, as printed.
    pub note: &'static str,
}

/// One synthetic PDF with what it holds.
pub struct Synthetic {
    /// A file name without extension: "a-codes-joined".
    pub name: &'static str,
    pub pdf: Vec<u8>,
    pub tables: Vec<Expected>,
    pub pages: Vec<PageDrawn>,
    /// Text drawn beyond the page's MediaBox: not part of the page, so of no table.
    pub off_page: Vec<&'static str>,
}

/// One page of a synthetic PDF as drawn.
pub struct PageDrawn {
    pub width: f32,
    pub height: f32,
    /// The running title and the page number: text that belongs to no table.
    pub furniture: Vec<String>,
    /// Every run of text as drawn, in order (positions and styles: a reader's ground truth).
    pub runs: Vec<Run>,
    /// Every table rule as drawn; empty where the layout draws none.
    pub rules: Vec<Segment>,
}

/// Every synthetic PDF, in the order of the layouts (a, b, c, …).
pub fn all() -> Vec<Synthetic> {
    vec![
        codes_joined(),
        codes_joined_bare(),
        codes_split_full(),
        codes_split_with_parents(),
        codes_split_leaf_only(),
        wrapped_figures_first_line(),
        wrapped_figures_centred(),
        wrapped_figures_centred_per_glyph(),
        wrapped_figures_last_line(),
        total_label_lower(),
        spending_over_two_pages(),
        side_by_side(),
        empty_table(),
        bold_and_doubled(),
        text_off_page(),
    ]
}

const DEPARTMENT: &str = "中共上海市云溪区委社会联络部";
const RUNNING_TITLE: &str = "中共上海市云溪区委社会联络部 2024 年度部门决算";
pub(crate) const UNIT: &str = "万元";
pub(crate) const SIZE: f32 = 9.0;

// ---------------------------------------------------------------------------------------------
// The figures, by hand.

/// Table 05 (and the rows of 03): code, name, 合计, 基本支出, 项目支出.
#[rustfmt::skip]
pub(crate) const SPENDING: [[&str; 5]; 17] = [
    ["201", "一般公共服务支出", "1,412.60", "188.35", "1,224.25"],
    [
        "20131",
        "党委办公厅（室）及相关机构事务",
        "1,412.60",
        "188.35",
        "1,224.25",
    ],
    ["2013101", "行政运行", "176.90", "176.90", ""],
    ["2013102", "一般行政管理事务", "1,224.25", "", "1,224.25"],
    ["2013150", "事业运行", "11.45", "11.45", ""],
    ["208", "社会保障和就业支出", "23.18", "23.18", ""],
    ["20805", "行政事业单位养老支出", "23.18", "23.18", ""],
    [
        "2080505",
        "机关事业单位基本养老保险缴费支出",
        "15.46",
        "15.46",
        "",
    ],
    [
        "2080506",
        "机关事业单位职业年金缴费支出",
        "7.72",
        "7.72",
        "",
    ],
    ["210", "卫生健康支出", "6.04", "6.04", ""],
    ["21011", "行政事业单位医疗", "6.04", "6.04", ""],
    ["2101101", "行政单位医疗", "5.13", "5.13", ""],
    ["2101102", "事业单位医疗", "0.91", "0.91", ""],
    ["221", "住房保障支出", "30.87", "30.87", ""],
    ["22102", "住房改革支出", "30.87", "30.87", ""],
    ["2210201", "住房公积金", "19.26", "19.26", ""],
    ["2210203", "购房补贴", "11.61", "11.61", ""],
];
pub(crate) const SPENDING_TOTAL: [&str; 5] = ["", "合计", "1,472.69", "248.44", "1,224.25"];

pub(crate) fn strings<const N: usize>(rows: &[[&str; N]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

pub(crate) fn labels(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers.

/// A table's columns: their edges left to right (one more than the columns).
pub(crate) struct Grid {
    pub(crate) edges: Vec<f32>,
    pub(crate) size: f32,
}

const PAD: f32 = 4.0;

impl Grid {
    pub(crate) fn left(&self, page: &mut Page, col: usize, y: f32, s: &str) {
        page.text(self.edges[col] + PAD, y, self.size, s);
    }

    pub(crate) fn right(&self, page: &mut Page, col: usize, y: f32, s: &str) {
        page.text_right(self.edges[col + 1] - PAD, y, self.size, s);
    }

    /// `s` centred over columns `from..=to`.
    pub(crate) fn centre(&self, page: &mut Page, from: usize, to: usize, y: f32, s: &str) {
        let mid = (self.edges[from] + self.edges[to + 1]) / 2.0;
        page.text_centred(mid, y, self.size, s);
    }

    /// A horizontal rule over columns `from..=to`.
    pub(crate) fn hrule(&self, page: &mut Page, from: usize, to: usize, y: f32) {
        page.line(self.edges[from], y, self.edges[to + 1], y);
    }

    /// The vertical rule at edge `edge`, from `top` down to `bottom`.
    pub(crate) fn vrule(&self, page: &mut Page, edge: usize, top: f32, bottom: f32) {
        page.line(self.edges[edge], top, self.edges[edge], bottom);
    }

    pub(crate) fn last(&self) -> usize {
        self.edges.len() - 2
    }
}

/// The running title at the top and the page number at the foot; returns them.
pub(crate) fn furniture(page: &mut Page, number: u32) -> Vec<String> {
    let (w, h) = (page.width(), page.height());
    page.text_centred(w / 2.0, h - 40.0, SIZE, RUNNING_TITLE);
    let foot = format!("- {number} -");
    page.text_centred(w / 2.0, 36.0, SIZE, &foot);
    vec![RUNNING_TITLE.to_string(), foot]
}

/// The table's title centred at `top`, 部门 at the left and 单位 at the right below it;
/// returns where the table starts.
pub(crate) fn title_block(page: &mut Page, title: &str, top: f32) -> f32 {
    page.text_centred(page.width() / 2.0, top, 15.0, title);
    unit_line(page, top - 22.0);
    top - 30.0
}

fn unit_line(page: &mut Page, y: f32) {
    page.text(50.0, y, SIZE, &format!("部门：{DEPARTMENT}"));
    page.text_right(page.width() - 50.0, y, SIZE, &format!("单位：{UNIT}"));
}

/// The pages of `pdf` as drawn, each with its furniture.
pub(crate) fn drawn(pdf: &Pdf, furniture: Vec<Vec<String>>) -> Vec<PageDrawn> {
    pdf.pages()
        .iter()
        .zip(furniture)
        .map(|(p, furniture)| PageDrawn {
            width: p.width(),
            height: p.height(),
            furniture,
            runs: p.runs().to_vec(),
            rules: p.rules().to_vec(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Table 05 in its variants (layouts a to f, k, l).

const TITLE_05: &str = "一般公共预算财政拨款支出决算表";
const NOTE_05: &str = "注：本表反映部门本年度一般公共预算财政拨款支出情况。";

/// How a code is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codes {
    /// One string: 2013101.
    Joined,
    /// 类, 款 and 项 columns, every part on every row: 201 31 01.
    SplitFull,
    /// Split, the 款 row with its 类 (201 31), the 项 row with its 款 only (31 01).
    SplitWithParents,
    /// Split, each row with its own part only: 201, 31, 01.
    SplitLeafOnly,
}

/// Where a row's code and figures sit when its name takes two lines.
#[derive(Clone, Copy)]
enum Figures {
    FirstLine,
    Centred,
    LastLine,
}

/// One variant of table 05.
#[derive(Clone, Copy)]
struct Look {
    codes: Codes,
    /// Characters per line of 科目名称; longer names wrap. 0: no wrapping.
    wrap_at: usize,
    figures: Figures,
    rules: bool,
    /// How far below its figures the 合计 label sits.
    total_drop: f32,
    /// Header labels filled and stroked; the title and 单位 shown twice.
    bold: bool,
}

const PLAIN: Look = Look {
    codes: Codes::Joined,
    wrap_at: 0,
    figures: Figures::FirstLine,
    rules: false,
    total_drop: 0.0,
    bold: false,
};

fn expected_05() -> Expected {
    let mut rows = strings(&SPENDING);
    rows.extend(strings(&[SPENDING_TOTAL]));
    Expected {
        id: "05",
        title: TITLE_05,
        unit: UNIT,
        header: labels(&[
            "项目/功能分类科目编码",
            "项目/科目名称",
            "合计",
            "基本支出",
            "项目支出",
        ]),
        rows,
        note: NOTE_05,
    }
}

/// A one-page PDF with table 05 drawn as `look` says; `extra` draws more on the page.
fn spending_pdf(name: &'static str, look: Look, extra: impl FnOnce(&mut Page)) -> Synthetic {
    spending_in(Pdf::new(), name, look, extra)
}

fn spending_in(
    mut pdf: Pdf,
    name: &'static str,
    look: Look,
    extra: impl FnOnce(&mut Page),
) -> Synthetic {
    let page = pdf.a4_page();
    let furniture = furniture(page, 7);
    let top = if look.bold {
        // The title shown twice at the same place, 单位 twice 0.3 pt apart.
        let x = page.width() / 2.0 - text_width(15.0, TITLE_05) / 2.0;
        page.text_twice(x, 770.0, 15.0, TITLE_05, 0.0);
        page.text(50.0, 748.0, SIZE, &format!("部门：{DEPARTMENT}"));
        let unit = format!("单位：{UNIT}");
        let x = page.width() - 50.0 - text_width(SIZE, &unit);
        page.text_twice(x, 748.0, SIZE, &unit, 0.3);
        740.0
    } else {
        title_block(page, TITLE_05, 770.0)
    };
    let bottom = spending_table(page, &look, top);
    page.text(50.0, bottom - 16.0, SIZE, NOTE_05);
    extra(page);
    Synthetic {
        name,
        pages: drawn(&pdf, vec![furniture]),
        pdf: pdf.finish(),
        tables: vec![expected_05()],
        off_page: Vec::new(),
    }
}

/// Draws table 05 from `top` down; returns its bottom.
fn spending_table(page: &mut Page, look: &Look, top: f32) -> f32 {
    let split = look.codes != Codes::Joined;
    let edges: &[f32] = match (split, look.wrap_at > 0) {
        (false, false) => &[50.0, 115.0, 300.0, 385.0, 465.0, 545.0],
        (false, true) => &[50.0, 115.0, 195.0, 315.0, 430.0, 545.0],
        (true, _) => &[45.0, 75.0, 100.0, 125.0, 300.0, 385.0, 465.0, 545.0],
    };
    let g = Grid {
        edges: edges.to_vec(),
        size: SIZE,
    };
    // The name's column comes after the code's one or three.
    let name = if split { 3 } else { 1 };
    let head = |page: &mut Page, x: f32, y: f32, s: &str| {
        if look.bold {
            page.bold_text(x, y, SIZE, s);
        } else {
            page.text(x, y, SIZE, s);
        }
    };
    let centre_x = |from: usize, to: usize, s: &str| {
        (g.edges[from] + g.edges[to + 1]) / 2.0 - text_width(SIZE, s) / 2.0
    };

    // Header: 项目 over code and name; the figure labels span both header rows.
    head(page, centre_x(0, name, "项目"), top - 13.0, "项目");
    if split {
        head(
            page,
            centre_x(0, 2, "功能分类科目编码"),
            top - 29.0,
            "功能分类科目编码",
        );
        for (i, part) in ["类", "款", "项"].into_iter().enumerate() {
            head(page, centre_x(i, i, part), top - 45.0, part);
        }
    } else {
        head(page, centre_x(0, 0, "功能分类"), top - 31.0, "功能分类");
        head(page, centre_x(0, 0, "科目编码"), top - 42.0, "科目编码");
    }
    head(
        page,
        centre_x(name, name, "科目名称"),
        top - 37.0,
        "科目名称",
    );
    for (i, label) in ["合计", "基本支出", "项目支出"].into_iter().enumerate() {
        head(
            page,
            centre_x(name + 1 + i, name + 1 + i, label),
            top - 28.0,
            label,
        );
    }
    let header_bottom = top - 50.0;

    let mut y = header_bottom;
    let mut row_lines = Vec::new();
    for row in SPENDING.iter().chain([&SPENDING_TOTAL]) {
        let lines = wrap(row[1], look.wrap_at);
        let two = lines.len() > 1;
        let height = if two { 28.0 } else { 18.0 };
        let (line1, line2) = if two {
            (y - 11.0, y - 22.0)
        } else {
            (y - 12.5, y - 12.5)
        };
        let figures_y = match look.figures {
            Figures::FirstLine => line1,
            Figures::Centred => (line1 + line2) / 2.0,
            Figures::LastLine => line2,
        };
        if row[1] == "合计" {
            let drop = look.total_drop;
            if look.bold {
                page.bold_text(centre_x(0, name, "合计"), figures_y - drop, SIZE, "合计");
            } else {
                g.centre(page, 0, name, figures_y - drop, "合计");
            }
        } else {
            for (i, part) in code_parts(row[0], look.codes).into_iter().enumerate() {
                if !part.is_empty() {
                    g.left(page, i, figures_y, part);
                }
            }
            for (line, text) in [line1, line2].into_iter().zip(&lines) {
                g.left(page, name, line, text);
            }
        }
        for (i, figure) in row[2..].iter().enumerate() {
            if !figure.is_empty() {
                g.right(page, name + 1 + i, figures_y, figure);
            }
        }
        y -= height;
        row_lines.push(y);
    }

    if look.rules {
        page.rect(g.edges[0], y, g.edges[g.last() + 1] - g.edges[0], top - y);
        g.hrule(page, 0, name, top - 18.0);
        if split {
            g.hrule(page, 0, 2, top - 34.0);
        }
        g.hrule(page, 0, g.last(), header_bottom);
        for &line in &row_lines[..row_lines.len() - 1] {
            g.hrule(page, 0, g.last(), line);
        }
        // Below the header the code columns have their own rules; the 合计 row's label spans
        // them and the name, as a merged cell.
        let total_top = row_lines[row_lines.len() - 2];
        for edge in 1..name {
            g.vrule(page, edge, top - 34.0, total_top);
        }
        g.vrule(page, name, top - 18.0, total_top);
        for edge in name + 1..=g.last() {
            g.vrule(page, edge, top, y);
        }
    }
    y
}

/// The parts of a code as printed in the code columns.
fn code_parts(code: &str, codes: Codes) -> Vec<&str> {
    let (class, kuan, xiang) = match code.len() {
        3 => (&code[..3], "", ""),
        5 => (&code[..3], &code[3..5], ""),
        _ => (&code[..3], &code[3..5], &code[5..]),
    };
    match (codes, code.len()) {
        (Codes::Joined, _) => vec![code],
        (Codes::SplitFull, _) | (_, 3) => vec![class, kuan, xiang],
        (Codes::SplitWithParents, 5) => vec![class, kuan, ""],
        (Codes::SplitWithParents, _) => vec!["", kuan, xiang],
        (Codes::SplitLeafOnly, 5) => vec!["", kuan, ""],
        (Codes::SplitLeafOnly, _) => vec!["", "", xiang],
    }
}

/// `s` cut into lines of `at` characters (0: one line).
pub(crate) fn wrap(s: &str, at: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if at == 0 || chars.len() <= at {
        return vec![s.to_string()];
    }
    chars.chunks(at).map(|c| c.iter().collect()).collect()
}

/// a. Codes as one string (2013101), one line per row, with rules: the baseline case.
pub fn codes_joined() -> Synthetic {
    let look = Look {
        rules: true,
        ..PLAIN
    };
    spending_pdf("a-codes-joined", look, |_| {})
}

/// a. As `codes_joined`, but the font has no ToUnicode CMap (text is read through the Adobe
/// CMap UniGB-UCS2-H and the Adobe-GB1 collection) and the content stream is `/FlateDecode`.
pub fn codes_joined_bare() -> Synthetic {
    let look = Look {
        rules: true,
        ..PLAIN
    };
    let pdf = Pdf::new().with_to_unicode(false).compressed(true);
    spending_in(pdf, "a2-codes-joined-bare-font", look, |_| {})
}

/// b. Codes in 类 | 款 | 项 columns with every part on every row (201 31 01), as Shanghai's
/// 部门预算 prints them. No rules.
pub fn codes_split_full() -> Synthetic {
    let look = Look {
        codes: Codes::SplitFull,
        ..PLAIN
    };
    spending_pdf("b0-codes-split-full", look, |_| {})
}

/// b. Codes split, the parent parts left blank on child rows: the 款 row prints "201 31", the
/// 项 row "31 01". No rules.
pub fn codes_split_with_parents() -> Synthetic {
    let look = Look {
        codes: Codes::SplitWithParents,
        ..PLAIN
    };
    spending_pdf("b1-codes-split-with-parents", look, |_| {})
}

/// b. Codes split, each row printing its own part only: "201", "31", "01". With rules.
pub fn codes_split_leaf_only() -> Synthetic {
    let look = Look {
        codes: Codes::SplitLeafOnly,
        rules: true,
        ..PLAIN
    };
    spending_pdf("b2-codes-split-leaf-only", look, |_| {})
}

/// c. 科目名称 wrapped at eight characters; code and figures on the name's first line. No rules.
pub fn wrapped_figures_first_line() -> Synthetic {
    let look = Look {
        wrap_at: 8,
        ..PLAIN
    };
    spending_pdf("c-wrapped-figures-first-line", look, |_| {})
}

/// d. 科目名称 wrapped; code and figures vertically centred, their baseline half-way between
/// the name's two lines (as Shanghai's 决算 tables print them). No rules.
pub fn wrapped_figures_centred() -> Synthetic {
    let look = Look {
        wrap_at: 8,
        figures: Figures::Centred,
        ..PLAIN
    };
    spending_pdf("d-wrapped-figures-centred", look, |_| {})
}

/// d. As `wrapped_figures_centred`, with text written as Word and WPS write it: one glyph per
/// `Tj` placed by `TD`, under a y-down matrix and a font size scaled by the text matrix
/// (`Emit::PerGlyph`). The same glyphs at the same places.
pub fn wrapped_figures_centred_per_glyph() -> Synthetic {
    let look = Look {
        wrap_at: 8,
        figures: Figures::Centred,
        ..PLAIN
    };
    let pdf = Pdf::new().emitting(Emit::PerGlyph);
    spending_in(pdf, "d2-wrapped-figures-centred-per-glyph", look, |_| {})
}

/// e. 科目名称 wrapped; code and figures on the name's second line. With rules.
pub fn wrapped_figures_last_line() -> Synthetic {
    let look = Look {
        wrap_at: 8,
        figures: Figures::LastLine,
        rules: true,
        ..PLAIN
    };
    spending_pdf("e-wrapped-figures-last-line", look, |_| {})
}

/// f. The 合计 label, a merged cell over code and name, set 3 pt below its figures. With rules.
pub fn total_label_lower() -> Synthetic {
    let look = Look {
        total_drop: 3.0,
        rules: true,
        ..PLAIN
    };
    spending_pdf("f-total-label-lower", look, |_| {})
}

/// k. Header labels and the 合计 label filled and stroked (render mode 2); the title shown
/// twice at the same place and 单位 twice 0.3 pt apart. A reader must see each once. No rules.
pub fn bold_and_doubled() -> Synthetic {
    let look = Look {
        bold: true,
        ..PLAIN
    };
    spending_pdf("k-bold-and-doubled", look, |_| {})
}

/// l. Text beyond the page's right edge (x > 595.28): a 备注 cell on the 2013102 row starting
/// at x = 600, and the tail of a line under the note, after two spaces that end past the edge.
/// Neither is part of the page. No rules.
pub fn text_off_page() -> Synthetic {
    let mut s = spending_pdf("l-text-off-page", PLAIN, |page| {
        // The 2013102 row is the fourth body row: header bottom 690, rows 18 pt.
        page.text(600.0, 690.0 - 3.0 * 18.0 - 12.5, SIZE, OFF_PAGE_CELL);
        let visible = "说明：本表金额保留两位小数。";
        let line = format!("{visible}  {OFF_PAGE_TAIL}");
        // The visible part ends 3 pt inside the edge; the two spaces (9 pt) carry the tail
        // past it, so no character straddles the edge.
        let x = A4.0 - 3.0 - text_width(SIZE, visible);
        page.text(x, 330.0, SIZE, &line);
    });
    s.off_page = vec![OFF_PAGE_CELL, OFF_PAGE_TAIL];
    s
}

const OFF_PAGE_CELL: &str = "跨年度项目";
const OFF_PAGE_TAIL: &str = "此句在页面之外";
