//! Synthetic 部门决算 fragments as PDFs: one per table layout the PDF reader must handle, each
//! with the tables it holds written out by hand (`Expected`), never computed by a reader.
//!
//! They imitate the shape of Shanghai's published 部门决算 (titles, column headers, wording) with
//! an invented department and invented figures that add up: each 类 is the sum of its 款, each 款
//! of its 项, 合计 of the 类, and across a row 合计 = 基本支出 + 项目支出 (+ the other columns of
//! table 03). Every page carries a running title at the top and a page number at the foot.
//! Whether a layout draws table rules is said at its function: Shanghai's PDFs often have none.

use super::pdf_writer::{text_width, Emit, Page, Pdf, Run, Segment, A4};

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
const UNIT: &str = "万元";
const SIZE: f32 = 9.0;

// ---------------------------------------------------------------------------------------------
// The figures, by hand.

/// Table 05 (and the rows of 03): code, name, 合计, 基本支出, 项目支出.
#[rustfmt::skip]
const SPENDING: [[&str; 5]; 17] = [
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
const SPENDING_TOTAL: [&str; 5] = ["", "合计", "1,472.69", "248.44", "1,224.25"];

/// Table 01: 收入 项目, 决算数, 支出 项目, 决算数.
#[rustfmt::skip]
const SUMMARY: [[&str; 4]; 28] = [
    ["一、一般公共预算财政拨款收入", "1,472.69", "一、一般公共服务支出", "1,412.60"],
    ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
    ["三、国有资本经营预算财政拨款收入", "", "三、国防支出", ""],
    ["四、上级补助收入", "", "四、公共安全支出", ""],
    ["五、事业收入", "", "五、教育支出", ""],
    ["六、经营收入", "", "六、科学技术支出", ""],
    ["七、附属单位上缴收入", "", "七、文化旅游体育与传媒支出", ""],
    ["八、其他收入", "", "八、社会保障和就业支出", "23.18"],
    ["", "", "九、卫生健康支出", "6.04"],
    ["", "", "十、节能环保支出", ""],
    ["", "", "十一、城乡社区支出", ""],
    ["", "", "十二、农林水支出", ""],
    ["", "", "十三、交通运输支出", ""],
    ["", "", "十四、资源勘探工业信息等支出", ""],
    ["", "", "十五、商业服务业等支出", ""],
    ["", "", "十六、金融支出", ""],
    ["", "", "十七、援助其他地区支出", ""],
    ["", "", "十八、自然资源海洋气象等支出", ""],
    ["", "", "十九、住房保障支出", "30.87"],
    ["", "", "二十、粮油物资储备支出", ""],
    ["", "", "二十一、国有资本经营预算支出", ""],
    ["", "", "二十二、灾害防治及应急管理支出", ""],
    ["", "", "二十三、其他支出", ""],
    ["", "", "二十四、抗疫特别国债安排的支出", ""],
    ["本年收入合计", "1,472.69", "本年支出合计", "1,472.69"],
    ["使用非财政拨款结余", "", "结余分配", ""],
    ["年初结转和结余", "", "年末结转和结余", ""],
    ["总计", "1,472.69", "总计", "1,472.69"],
];

/// Table 06, two halves side by side: code, name, 决算数, twice. 人员经费 (301 + 303) on the
/// left, 公用经费 (302 + 310) on the right; together the 基本支出 of table 05, 248.44.
#[rustfmt::skip]
const BASIC: [[&str; 6]; 19] = [
    ["301", "工资福利支出", "215.30", "302", "商品和服务支出", "30.14"],
    ["30101", "基本工资", "52.10", "30201", "办公费", "6.42"],
    ["30102", "津贴补贴", "70.35", "30205", "水费", "0.35"],
    ["30103", "奖金", "4.20", "30206", "电费", "2.18"],
    ["30107", "绩效工资", "38.03", "30207", "邮电费", "1.06"],
    ["30108", "机关事业单位基本养老保险缴费", "15.46", "30211", "差旅费", "0.87"],
    ["30109", "职业年金缴费", "7.72", "30213", "维修（护）费", "1.25"],
    ["30110", "职工基本医疗保险缴费", "6.04", "30215", "会议费", "0.40"],
    ["30112", "其他社会保障缴费", "0.58", "30216", "培训费", "0.62"],
    ["30113", "住房公积金", "19.26", "30217", "公务接待费", "0.00"],
    ["30199", "其他工资福利支出", "1.56", "30226", "劳务费", "3.10"],
    ["303", "对个人和家庭的补助", "1.20", "30227", "委托业务费", "4.50"],
    ["30302", "退休费", "0.00", "30228", "工会经费", "3.28"],
    ["30305", "生活补助", "1.20", "30229", "福利费", "2.96"],
    ["30399", "其他对个人和家庭的补助", "0.00", "30239", "其他交通费用", "2.70"],
    ["", "", "", "30299", "其他商品和服务支出", "0.45"],
    ["", "", "", "310", "资本性支出", "1.80"],
    ["", "", "", "31002", "办公设备购置", "1.80"],
    ["", "", "", "31007", "信息网络及软件购置更新", "0.00"],
];
const BASIC_TOTAL: [&str; 6] = ["", "人员经费合计", "216.50", "", "公用经费合计", "31.94"];

fn strings<const N: usize>(rows: &[[&str; N]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

fn labels(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers.

/// A table's columns: their edges left to right (one more than the columns).
struct Grid {
    edges: Vec<f32>,
    size: f32,
}

const PAD: f32 = 4.0;

impl Grid {
    fn left(&self, page: &mut Page, col: usize, y: f32, s: &str) {
        page.text(self.edges[col] + PAD, y, self.size, s);
    }

    fn right(&self, page: &mut Page, col: usize, y: f32, s: &str) {
        page.text_right(self.edges[col + 1] - PAD, y, self.size, s);
    }

    /// `s` centred over columns `from..=to`.
    fn centre(&self, page: &mut Page, from: usize, to: usize, y: f32, s: &str) {
        let mid = (self.edges[from] + self.edges[to + 1]) / 2.0;
        page.text_centred(mid, y, self.size, s);
    }

    /// A horizontal rule over columns `from..=to`.
    fn hrule(&self, page: &mut Page, from: usize, to: usize, y: f32) {
        page.line(self.edges[from], y, self.edges[to + 1], y);
    }

    /// The vertical rule at edge `edge`, from `top` down to `bottom`.
    fn vrule(&self, page: &mut Page, edge: usize, top: f32, bottom: f32) {
        page.line(self.edges[edge], top, self.edges[edge], bottom);
    }

    fn last(&self) -> usize {
        self.edges.len() - 2
    }
}

/// The running title at the top and the page number at the foot; returns them.
fn furniture(page: &mut Page, number: u32) -> Vec<String> {
    let (w, h) = (page.width(), page.height());
    page.text_centred(w / 2.0, h - 40.0, SIZE, RUNNING_TITLE);
    let foot = format!("- {number} -");
    page.text_centred(w / 2.0, 36.0, SIZE, &foot);
    vec![RUNNING_TITLE.to_string(), foot]
}

/// The table's title centred at `top`, 部门 at the left and 单位 at the right below it;
/// returns where the table starts.
fn title_block(page: &mut Page, title: &str, top: f32) -> f32 {
    page.text_centred(page.width() / 2.0, top, 15.0, title);
    unit_line(page, top - 22.0);
    top - 30.0
}

fn unit_line(page: &mut Page, y: f32) {
    page.text(50.0, y, SIZE, &format!("部门：{DEPARTMENT}"));
    page.text_right(page.width() - 50.0, y, SIZE, &format!("单位：{UNIT}"));
}

/// The pages of `pdf` as drawn, each with its furniture.
fn drawn(pdf: &Pdf, furniture: Vec<Vec<String>>) -> Vec<PageDrawn> {
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
fn wrap(s: &str, at: usize) -> Vec<String> {
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

// ---------------------------------------------------------------------------------------------
// Table 03 over two pages (layouts g and j).

const TITLE_03: &str = "支出决算表";
const NOTE_03: &str = "注：本表反映部门本年度各项支出情况。";

fn expected_03() -> Expected {
    let mut rows = strings(&[SPENDING_TOTAL]);
    rows.extend(strings(&SPENDING));
    for row in &mut rows {
        row.extend(["", "", ""].map(String::from));
    }
    Expected {
        id: "03",
        title: TITLE_03,
        unit: UNIT,
        header: labels(&[
            "项目/功能分类科目编码",
            "项目/科目名称",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ]),
        rows,
        note: NOTE_03,
    }
}

/// g, j. Table 03 (eight columns, 合计 first) on A4 landscape, starting under the end of a
/// paragraph and continued on a second page, where the header is repeated without the title.
/// Running title and page number on both pages. With rules.
pub fn spending_over_two_pages() -> Synthetic {
    let g = Grid {
        edges: vec![60.0, 120.0, 290.0, 385.0, 470.0, 555.0, 645.0, 715.0, 790.0],
        size: SIZE,
    };
    let mut pdf = Pdf::new();
    let mut furnitures = Vec::new();
    let rows: Vec<&[&str; 5]> = [&SPENDING_TOTAL].into_iter().chain(&SPENDING).collect();
    let mut next = 0;
    for number in [11, 12] {
        let page = pdf.page(A4.1, A4.0);
        furnitures.push(furniture(page, number));
        let mut top = 520.0;
        if number == 11 {
            page.text(
                60.0,
                440.0,
                SIZE,
                "（三）项目支出 1,224.25 万元，主要用于一般行政管理事务。",
            );
            top = title_block(page, TITLE_03, 400.0);
        }
        header_03(page, &g, top);
        let mut y = top - 50.0;
        while next < rows.len() && y - 18.0 >= 70.0 {
            let row = rows[next];
            let baseline = y - 12.5;
            if row[1] == "合计" {
                g.centre(page, 0, 1, baseline, "合计");
            } else {
                g.left(page, 0, baseline, row[0]);
                g.left(page, 1, baseline, row[1]);
            }
            for (i, figure) in row[2..].iter().enumerate() {
                if !figure.is_empty() {
                    g.right(page, 2 + i, baseline, figure);
                }
            }
            y -= 18.0;
            g.hrule(page, 0, g.last(), y);
            next += 1;
        }
        for edge in [0, g.last() + 1] {
            g.vrule(page, edge, top, y);
        }
        g.vrule(page, 1, top - 18.0, y);
        for edge in 2..=g.last() {
            g.vrule(page, edge, top, y);
        }
        if next == rows.len() {
            page.text(60.0, y - 16.0, SIZE, NOTE_03);
        }
    }
    assert_eq!(next, rows.len(), "table 03 fits on two pages");
    Synthetic {
        name: "g-spending-over-two-pages",
        pages: drawn(&pdf, furnitures),
        pdf: pdf.finish(),
        tables: vec![expected_03()],
        off_page: Vec::new(),
    }
}

fn header_03(page: &mut Page, g: &Grid, top: f32) {
    g.hrule(page, 0, g.last(), top);
    g.centre(page, 0, 1, top - 13.0, "项目");
    g.hrule(page, 0, 1, top - 18.0);
    g.centre(page, 0, 0, top - 31.0, "功能分类");
    g.centre(page, 0, 0, top - 42.0, "科目编码");
    g.centre(page, 1, 1, top - 37.0, "科目名称");
    for (i, label) in [
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
    ]
    .into_iter()
    .enumerate()
    {
        g.centre(page, 2 + i, 2 + i, top - 28.0, label);
    }
    // Too wide for its column at 9 pt: wrapped as Shanghai wraps it.
    g.centre(page, 7, 7, top - 23.0, "对附属单位补");
    g.centre(page, 7, 7, top - 34.0, "助支出");
    g.hrule(page, 0, g.last(), top - 50.0);
}

// ---------------------------------------------------------------------------------------------
// Side by side (layout h): tables 01 and 06.

const TITLE_01: &str = "收入支出决算总表";
const NOTE_01: &str = "注：本表反映部门本年度的总收支和年末结转结余情况。";
const TITLE_06: &str = "一般公共预算财政拨款基本支出决算表";
const NOTE_06: &str = "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。";

/// h. Two halves side by side. Page 1: table 01 (收入 项目 | 决算数 on the left, 支出 项目 |
/// 决算数 on the right), with rules. Page 2: table 06 (经济分类科目编码 | 科目名称 | 决算数,
/// twice), the left half ending before the right, names over nine characters wrapped with the
/// row's figures half-way, 人员经费合计 and 公用经费合计 on the last row; no rules.
pub fn side_by_side() -> Synthetic {
    let mut pdf = Pdf::new();

    let page = pdf.a4_page();
    let mut furnitures = vec![furniture(page, 5)];
    let top = title_block(page, TITLE_01, 770.0);
    let g = Grid {
        edges: vec![50.0, 215.0, 290.0, 465.0, 545.0],
        size: SIZE,
    };
    g.centre(page, 0, 1, top - 12.5, "收入");
    g.centre(page, 2, 3, top - 12.5, "支出");
    for (i, label) in ["项目", "决算数", "项目", "决算数"].into_iter().enumerate() {
        g.centre(page, i, i, top - 30.5, label);
    }
    let mut y = top - 36.0;
    for row in &SUMMARY {
        let baseline = y - 11.5;
        for (i, cell) in row.iter().enumerate() {
            match (i % 2, cell.is_empty(), *cell == "总计") {
                (_, true, _) => {}
                (0, false, true) => g.centre(page, i, i, baseline, cell),
                (0, false, false) => g.left(page, i, baseline, cell),
                _ => g.right(page, i, baseline, cell),
            }
        }
        y -= 16.0;
        g.hrule(page, 0, 3, y);
    }
    page.rect(50.0, y, 495.0, top - y);
    g.hrule(page, 0, 3, top - 18.0);
    g.hrule(page, 0, 3, top - 36.0);
    g.vrule(page, 2, top, y);
    for edge in [1, 3] {
        g.vrule(page, edge, top - 18.0, y);
    }
    page.text(50.0, y - 16.0, SIZE, NOTE_01);

    let page = pdf.a4_page();
    furnitures.push(furniture(page, 6));
    let top = title_block(page, TITLE_06, 770.0);
    let g = Grid {
        edges: vec![50.0, 95.0, 175.0, 250.0, 300.0, 345.0, 425.0, 545.0],
        size: 8.0,
    };
    for half in [0, 4] {
        g.centre(page, half, half, top - 12.0, "经济分类");
        g.centre(page, half, half, top - 22.0, "科目编码");
        g.centre(page, half + 1, half + 1, top - 17.0, "科目名称");
        g.centre(page, half + 2, half + 2, top - 17.0, "决算数");
    }
    let mut y = top - 30.0;
    for row in BASIC.iter().chain([&BASIC_TOTAL]) {
        // Names longer than nine characters wrap; the row grows for both halves, and codes,
        // figures and one-line names sit half-way, as in Shanghai's table 06.
        let names = [wrap(row[1], 9), wrap(row[4], 9)];
        let height = if names.iter().any(|n| n.len() > 1) {
            22.0
        } else {
            15.0
        };
        let middle = y - height / 2.0 - 3.0;
        for (half, lines) in [0, 3].into_iter().zip(&names) {
            let col = half + half / 3;
            if row[half + 1].ends_with("合计") {
                g.centre(page, col, col + 1, middle, row[half + 1]);
            } else if !row[half].is_empty() {
                g.left(page, col, middle, row[half]);
                if let [first, second] = lines.as_slice() {
                    g.left(page, col + 1, middle + 4.5, first);
                    g.left(page, col + 1, middle - 4.5, second);
                } else {
                    g.left(page, col + 1, middle, row[half + 1]);
                }
            }
            if !row[half + 2].is_empty() {
                g.right(page, col + 2, middle, row[half + 2]);
            }
        }
        y -= height;
    }
    page.text(50.0, y - 16.0, SIZE, NOTE_06);

    let mut rows_06 = strings(&BASIC);
    rows_06.extend(strings(&[BASIC_TOTAL]));
    Synthetic {
        name: "h-side-by-side",
        pages: drawn(&pdf, furnitures),
        pdf: pdf.finish(),
        tables: vec![
            Expected {
                id: "01",
                title: TITLE_01,
                unit: UNIT,
                header: labels(&["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]),
                rows: strings(&SUMMARY),
                note: NOTE_01,
            },
            Expected {
                id: "06",
                title: TITLE_06,
                unit: UNIT,
                header: labels(&[
                    "经济分类科目编码",
                    "科目名称",
                    "决算数",
                    "经济分类科目编码",
                    "科目名称",
                    "决算数",
                ]),
                rows: rows_06,
                note: NOTE_06,
            },
        ],
        off_page: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// An empty table (layout i).

const TITLE_08: &str = "政府性基金预算财政拨款收入支出决算表";
const NOTE_08: &str = "注：本单位无政府性基金预算财政拨款收入支出，故本表为空表。";

/// i. Table 08 with its header and three empty body rows, then the note saying why it is
/// empty. With rules.
pub fn empty_table() -> Synthetic {
    let mut pdf = Pdf::new();
    let page = pdf.a4_page();
    let furniture = furniture(page, 9);
    let top = title_block(page, TITLE_08, 770.0);
    let g = Grid {
        edges: vec![50.0, 105.0, 200.0, 265.0, 320.0, 375.0, 430.0, 485.0, 545.0],
        size: SIZE,
    };
    g.centre(page, 0, 1, top - 13.0, "项目");
    g.centre(page, 0, 0, top - 31.0, "功能分类");
    g.centre(page, 0, 0, top - 42.0, "科目编码");
    g.centre(page, 1, 1, top - 37.0, "科目名称");
    g.centre(page, 2, 2, top - 23.0, "年初结转");
    g.centre(page, 2, 2, top - 34.0, "和结余");
    g.centre(page, 3, 3, top - 28.0, "本年收入");
    g.centre(page, 4, 6, top - 13.0, "本年支出");
    for (i, label) in ["合计", "基本支出", "项目支出"].into_iter().enumerate() {
        g.centre(page, 4 + i, 4 + i, top - 37.0, label);
    }
    g.centre(page, 7, 7, top - 23.0, "年末结转");
    g.centre(page, 7, 7, top - 34.0, "和结余");
    let bottom = top - 50.0 - 3.0 * 18.0;
    page.rect(50.0, bottom, 495.0, top - bottom);
    g.hrule(page, 0, 1, top - 18.0);
    g.hrule(page, 4, 6, top - 18.0);
    for i in 0..=3 {
        g.hrule(page, 0, g.last(), top - 50.0 - 18.0 * i as f32);
    }
    g.vrule(page, 1, top - 18.0, bottom);
    for edge in [2, 3, 4, 7] {
        g.vrule(page, edge, top, bottom);
    }
    for edge in [5, 6] {
        g.vrule(page, edge, top - 18.0, bottom);
    }
    page.text(50.0, bottom - 16.0, SIZE, NOTE_08);
    Synthetic {
        name: "i-empty-table",
        pages: drawn(&pdf, vec![furniture]),
        pdf: pdf.finish(),
        tables: vec![Expected {
            id: "08",
            title: TITLE_08,
            unit: UNIT,
            header: labels(&[
                "项目/功能分类科目编码",
                "项目/科目名称",
                "年初结转和结余",
                "本年收入",
                "本年支出/合计",
                "本年支出/基本支出",
                "本年支出/项目支出",
                "年末结转和结余",
            ]),
            rows: Vec::new(),
            note: NOTE_08,
        }],
        off_page: Vec::new(),
    }
}
