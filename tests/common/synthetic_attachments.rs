//! A synthetic PDF of the attachment tables of a 部门决算 (layout m): the seed report's 附件 1-1
//! (2021 年度部门整体支出绩效自评表, seed lines 566-590) and its first 附件 1-2 (2021 年度项目支出
//! 绩效自评表, seed lines 594-619), each on an A4 portrait page of its own, printed as a ruled
//! form: every cell border drawn as a `line`, none inside a merged cell. What the forms hold is
//! the seed's, cell for cell; what fislint must read from them is the fixture
//! `fixtures/reports/hetang-2021.fis` (`table 附件1-1`, `table 附件1-2-1`; the PDF holds one
//! 附件 1-2, which fislint therefore calls `附件1-2`).
//!
//! A form is written below as its printed rows, HTML-like: each row lists the cells that start
//! in it, left to right, skipping the grid units a taller cell above covers; `wide` spans
//! columns, `tall` spans rows. The merges are a printed form's:
//! - 部门名称's value spans columns 1-8; 总分 spans columns 0-5; 项目总实施期：长期 the whole row.
//! - Each group label of column 0 (资金情况 (万元), 年度项目资金（万元）, 项目支出名称, 年度总体目标,
//!   绩效指标) spans the rows of its group, its header row included.
//! - In the funds rows, 得分（分值×执行率） and each of its cells span columns 7-8 (the grid's
//!   last column, 偏差原因分析及改进措施, has no counterpart there).
//! - 年度总体目标: 预期目标 and its text span columns 1-3 (附件 1-1) or 1-4 (附件 1-2), 实际完成情况
//!   and its text the rest.
//! - 一级指标 labels (产出指标 …) span their rows in column 1; in 附件 1-2, 社会效益指标 spans its
//!   two rows in column 2; its project's name and 支出方向 span columns 2-4, their sums 6-8.
//! - Every other blank cell is an ordinary empty cell: a figure not given (the 全年执行数 of
//!   其中：当年财政拨款), and 偏差原因分析及改进措施 on every indicator row.
//!
//! Text is set at 9 pt, centred in its cell both ways, except the department, the project's
//! name and 支出方向, 项目总实施期 and the objectives' texts, set from the left. Text longer than
//! its cell is wrapped onto lines within it: by hand at the seed's wrap spaces where the cell
//! allows (`加强预算资金` / `内部监督`), and only between two Chinese characters or at a space
//! beside a Latin one, so that lines joined as `unwrap_name` joins them (nothing between two
//! Chinese characters, one space otherwise) give the seed's text with its wrap spaces gone.
//! The objectives' texts are wrapped at the cell's width, between two Chinese characters. The
//! headers the seed prints letter-spaced (`年 初 预 算 数`, `全 年 预 算 数`, `全 年 执 行 数`,
//! `执 行 率`, 附件 1-1 only) are spread over their cell's width, one run per character.

use super::pdf_writer::{text_width, Page, Pdf, A4};
use super::synthetic::{drawn, PageDrawn};

/// The synthetic PDF of the attachment tables, with each form as drawn.
pub struct Attachments {
    /// A file name without extension.
    pub name: &'static str,
    pub pdf: Vec<u8>,
    pub pages: Vec<PageDrawn>,
    /// 附件 1-1 on page 1, 附件 1-2 on page 2.
    pub forms: Vec<Form>,
}

/// One form as drawn: the ground truth of a reader of ruled grids.
pub struct Form {
    /// Its page, from 1.
    pub page: usize,
    /// The label above the title: `附件 1-1`.
    pub label: &'static str,
    pub title: &'static str,
    /// The x of each vertical grid line, left to right (one more than the columns).
    pub x_edges: Vec<f32>,
    /// The y of each horizontal grid line, top to bottom (one more than the rows).
    pub y_edges: Vec<f32>,
    /// Each cell, merged or not, in reading order.
    pub cells: Vec<CellDrawn>,
    /// The grid's rows as printed: a cell's text in its top-left grid unit, "" in the other
    /// units it covers and in an empty cell; a cell's lines joined as `unwrap_name` would leave
    /// them (nothing between two Chinese characters, one space otherwise), a letter-spaced
    /// header without spaces (`年初预算数`).
    pub rows: Vec<Vec<String>>,
    /// The notes printed under the grid, one line each.
    pub notes: Vec<&'static str>,
}

/// One cell of a form: its first grid row and column, how many it spans, its lines as drawn.
#[derive(Clone, Debug)]
pub struct CellDrawn {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub lines: Vec<String>,
    /// Its lines joined as in `Form::rows`.
    pub text: String,
}

/// The synthetic PDF: 附件 1-1 on page 23 of the report, the first 附件 1-2 on page 24, each page
/// with a running title at its top and its number at its foot.
pub fn self_evaluation() -> Attachments {
    let mut pdf = Pdf::new();
    let mut furniture = Vec::new();
    let mut forms = Vec::new();
    let specs = [
        (
            "附件 1-1",
            "2021 年度部门整体支出绩效自评表",
            &WIDTHS_1_1,
            FORM_1_1,
            NOTES_1_1,
        ),
        (
            "附件 1-2",
            "2021 年度项目支出绩效自评表",
            &WIDTHS_1_2,
            FORM_1_2,
            &[][..],
        ),
    ];
    for (k, (label, title, widths, spec, notes)) in specs.into_iter().enumerate() {
        let page = pdf.a4_page();
        let foot = format!("- {} -", 23 + k);
        page.text_centred(A4.0 / 2.0, A4.1 - 40.0, SIZE, RUNNING_TITLE);
        page.text_centred(A4.0 / 2.0, 36.0, SIZE, &foot);
        furniture.push(vec![RUNNING_TITLE.to_string(), foot]);
        let left = (A4.0 - widths.iter().sum::<f32>()) / 2.0;
        page.text(left, 775.0, 12.0, label);
        page.text_centred(A4.0 / 2.0, 750.0, 16.0, title);
        let mut form = draw_form(page, spec, widths, left, 730.0);
        let bottom = *form.y_edges.last().unwrap();
        for (i, note) in notes.iter().enumerate() {
            page.text(left, bottom - 16.0 - 14.0 * i as f32, NOTE_SIZE, note);
        }
        assert!(bottom - 14.0 * notes.len() as f32 > 60.0, "{label} fits");
        form.page = k + 1;
        form.label = label;
        form.title = title;
        form.notes = notes.to_vec();
        forms.push(form);
    }
    Attachments {
        name: "m-self-evaluation",
        pages: drawn(&pdf, furniture),
        pdf: pdf.finish(),
        forms,
    }
}

const DEPARTMENT: &str = "株洲市荷塘区行政审批服务局";
/// At the top of each page, as the other synthetics have theirs: on two pages only, so not
/// taken for furniture; the report's title, which names its year (the forms do not).
const RUNNING_TITLE: &str = "株洲市荷塘区行政审批服务局 2021 年度部门决算";
const SIZE: f32 = 9.0;
/// The notes are set smaller, each on one line.
const NOTE_SIZE: f32 = 8.0;
/// From one line's baseline to the next within a cell.
const LEADING: f32 = 11.0;
/// Between a cell's border and its text, on every side.
const PAD: f32 = 4.0;

/// Column widths, in points. 附件 1-1: 504 pt from x = 45.64 (edges 45.64, 107.64, 169.64,
/// 231.64, 293.64, 355.64, 417.64, 461.64, 505.64, 549.64), six Chinese characters wide up to
/// 实际完成值, four after. 附件 1-2: 522 pt from x = 36.64 (edges 36.64, 98.64, 160.64, 222.64,
/// 298.64, 368.64, 430.64, 470.64, 514.64, 558.64), its 三级指标 and 年度指标值 wider, so that the
/// project's name is one line over columns 2-4, as its value is not unwrapped on import.
const WIDTHS_1_1: [f32; 9] = [62.0, 62.0, 62.0, 62.0, 62.0, 62.0, 44.0, 44.0, 44.0];
const WIDTHS_1_2: [f32; 9] = [62.0, 62.0, 62.0, 76.0, 70.0, 62.0, 40.0, 44.0, 44.0];

/// How a cell sets its text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Align {
    /// Each line centred.
    Centre,
    /// From the left, wrapped at the cell's width between two Chinese characters.
    Left,
    /// One line, its characters spread over the cell's width (letter-spaced).
    Spread,
}

/// A cell as written in a form below: its text, `\n` where the printed cell breaks the line.
#[derive(Clone, Copy)]
struct Spec {
    text: &'static str,
    cols: usize,
    rows: usize,
    align: Align,
}

const fn c(text: &'static str) -> Spec {
    Spec {
        text,
        cols: 1,
        rows: 1,
        align: Align::Centre,
    }
}

const fn wide(text: &'static str, cols: usize) -> Spec {
    Spec { cols, ..c(text) }
}

const fn tall(text: &'static str, rows: usize) -> Spec {
    Spec { rows, ..c(text) }
}

const fn left(text: &'static str, cols: usize) -> Spec {
    Spec {
        align: Align::Left,
        ..wide(text, cols)
    }
}

const fn spread(text: &'static str) -> Spec {
    Spec {
        align: Align::Spread,
        ..c(text)
    }
}

/// An empty cell.
const E: Spec = c("");

const OBJECTIVE_1_1: &str = "以群众和企业需求为导向，深入推进“一件事一次办”改革。一是不断优化和再造办事流程，将更多政务服务事项纳入“一件事一次办”范围。二是积极推进政务服务事项“四级十同”。";
const ACHIEVED_1_1: &str =
    "实现政务服务事项“市域通办”、“APP掌上办”、基层公共服务（一门式）全覆盖工作。";
const OBJECTIVE_1_2: &str = "通过实施本项目，实现线上、线下数据共享统一，部分高频事项线上直接办理，打造“一站式”政务服务体系。";
const ACHIEVED_1_2: &str = "落实“三集中、三到位”工作要求，实现更多政务服务事项一次窗办。";

/// 附件 1-1, seed lines 568-586.
#[rustfmt::skip]
const FORM_1_1: &[&[Spec]] = &[
    &[c("部门名称"), left(DEPARTMENT, 8)],
    &[
        tall("资金情况\n(万元)", 5), c("年度资金总额"), spread("年初预算数"), spread("全年预算数"),
        spread("全年执行数"), c("分值"), spread("执行率"), wide("得分（分\n值×执行率）", 2),
    ],
    &[c("合计"), c("951.03"), c("951.03"), c("1022.64"), c("10"), c("100%"), wide("10", 2)],
    &[c("其中：当年\n财政拨款"), c("951.03"), c("951.03"), E, E, E, wide("", 2)],
    &[c("上年结转资金"), E, c("71.61"), E, E, E, wide("", 2)],
    &[c("其他资金"), E, E, E, E, E, wide("", 2)],
    &[tall("年度总体目标", 2), wide("预期目标", 3), wide("实际完成情况", 5)],
    &[left(OBJECTIVE_1_1, 3), left(ACHIEVED_1_1, 5)],
    &[
        tall("绩效指标", 10), c("一级指标"), c("二级指标"), c("三级指标"), c("年度\n指标值"),
        c("实际\n完成值"), c("分值"), c("得分"), c("偏差原因\n分析及\n改进措施"),
    ],
    &[
        tall("产出\n指标\n(50 分)", 4), c("数量指标"), c("加强预算资金\n内部监督"), c("100%"),
        c("12 次"), c("10"), c("10"), E,
    ],
    &[c("质量指标"), c("保证支出资金\n合规、合理、\n有效性"), c("100%"), c("95%"), c("10"), c("9"), E],
    &[
        c("时效指标"), c("按照资金拨付\n进度完成相关\n绩效指标"), c("100%"), c("2021 年 1 月\n-12 月"),
        c("10"), c("10"), E,
    ],
    &[c("成本指标"), c("保证工资、经\n费等基本支\n出。"), c("100%"), c("1022.64"), c("20"), c("19"), E],
    &[
        tall("效益\n指标\n(30 分)", 4), c("经济效益指标"), c("不断降低各项\n支出成本，提\n高机关服务效\n能"),
        c("100%"), c("有所增强"), c("10"), c("9"), E,
    ],
    &[
        c("社会效益指标"), c("确保地方经济\n健康发展，推\n进区委办的各\n项任务"), c("100%"), c("有所增强"),
        c("10"), c("9"), E,
    ],
    &[c("生态效益指标"), c("厉行节约"), c("长期"), c("有所提"), c("5"), c("4"), E],
    // The seed letter-spaces 可持续影响指标, which is wider than its column: two lines here.
    &[c("可持续影响\n指标"), c("形成制度、常\n抓不懈"), c("长期"), c("有所提升"), c("5"), c("5"), E],
    &[
        c("满意度\n指标\n(100 分)"), c("服务对象满意\n度指标"), c("群众满意度提\n升。"), c("100%"), c("≥90%"),
        c("10"), c("9"), E,
    ],
    &[wide("总分", 6), c("100"), c("96"), c("等级：优")],
];

/// Seed lines 588 and 590.
const NOTES_1_1: &[&str] = &[
    "备注：1. “执行率” = “全年执行数” / “全年预算数”；",
    "2. 总分设置为 100 分，等级划分为：90 分（含）—100 分为优，80 分（含）—90 分为良，60 分（含）—80 分为中，60 分以下为差。",
];

/// The first 附件 1-2, seed lines 596-619 (no notes).
#[rustfmt::skip]
const FORM_1_2: &[&[Spec]] = &[
    &[c("部门名称"), left(DEPARTMENT, 8)],
    &[
        tall("项目支出名称", 2), c("专项名称"), left("荷塘区法人事项系统及公共服务综合信息平台升级", 3),
        c("项目总投资\n（万元）"), wide("325", 3),
    ],
    &[c("支出方向名称\n（子项目）"), left("APP 升级", 3), c("其中：财政\n拨款"), wide("325", 3)],
    &[left("项目总实施期：长期", 9)],
    &[
        tall("年度项目资金\n（万元）", 5), c("年度资金总额"), c("年初预算数"), c("全年预算数"),
        c("全年执行数"), c("分值"), c("执行率"), wide("得分（分\n值×执行率）", 2),
    ],
    &[c("合计"), c("325"), c("325"), c("217.76"), c("10"), c("67%"), wide("7", 2)],
    &[c("其中：当年\n财政拨款"), c("325"), c("325"), E, E, E, wide("", 2)],
    &[c("上年结转资金"), E, E, E, E, E, wide("", 2)],
    &[c("其他资金"), E, E, E, E, E, wide("", 2)],
    &[tall("年度总体目标", 2), wide("预期目标", 4), wide("实际完成情况", 4)],
    &[left(OBJECTIVE_1_2, 4), left(ACHIEVED_1_2, 4)],
    &[
        tall("绩效指标", 11), c("一级指标"), c("二级指标"), c("三级指标"), c("年度指标值"),
        c("实际完成值"), c("分值"), c("得分"), c("偏差原因\n分析及\n改进措施"),
    ],
    &[
        tall("产出指标\n（50分）", 4), c("数量指标"), c("法人事项梳理"), c("154 项"), c("100%"),
        c("10"), c("10"), E,
    ],
    &[c("质量指标"), c("工程验收"), c("合格"), c("100%"), c("10"), c("10"), E],
    &[
        c("时效指标"), c("按时完工"), c("2021 年\n1 月-12 月"), c("2021 年\n1 月-12 月"), c("10"),
        c("10"), E,
    ],
    &[c("成本指标"), c("升级工作经费"), c("325 万元"), c("217.76 万元"), c("20"), c("19"), E],
    &[
        tall("效益指标\n（30分）", 5), c("经济效益指标"), c("推动荷塘区\n经济发展"), c("100%"),
        c("有所增强"), c("10"), c("10"), E,
    ],
    &[
        tall("社会效益指标", 2), c("为经济建设和\n社会发展提供"), c("长期"), c("有所增强"), c("10"),
        c("10"), E,
    ],
    &[c("提升荷塘区\n办事效率"), c("长期"), c("有所增强"), c("10"), c("10"), E],
    &[c("生态效益指标"), c("节能减排、\n创建文明机关"), c("长期"), c("有所提升"), c("10"), c("10"), E],
    &[c("可持续影响\n指标"), c("为荷塘区历史\n发展历程做好"), c("长期"), c("有所提升"), c("10"), c("10"), E],
    &[
        c("满意度\n指标 (10分)"), c("服务对象\n满意度指标"), c("群众满意度"), c("100%"), c("100%"),
        c("10"), c("10"), E,
    ],
    &[wide("总分", 6), c("100"), c("96"), c("等级: 优")],
];

/// Whether `unwrap_name` takes out a space between `a` and `b`: both are Chinese characters
/// or among （）、，. A wrapped line may end only there, or at a space.
fn joinable(a: char, b: char) -> bool {
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || "（）、，".contains(c);
    cjk(a) && cjk(b)
}

/// Lines joined as `unwrap_name` would leave them.
fn join(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        if let (Some(a), Some(b)) = (out.chars().last(), line.chars().next()) {
            if !joinable(a, b) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// `s` cut into lines no wider than `width`, each cut between two Chinese characters.
fn wrap(s: &str, width: f32) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let fits = |a: usize, b: usize| {
        text_width(SIZE, &chars[a..b].iter().collect::<String>()) <= width + 0.01
    };
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = start + 1;
        while end < chars.len() && fits(start, end + 1) {
            end += 1;
        }
        if end < chars.len() {
            end = (start + 1..=end)
                .rev()
                .find(|&b| joinable(chars[b - 1], chars[b]))
                .expect("a place to cut the line");
        }
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    lines
}

/// A form laid out: each cell's place in the grid, and which cell owns each grid unit.
struct Laid {
    cells: Vec<(Spec, CellDrawn)>,
    owner: Vec<Vec<usize>>,
}

/// Places each cell of `spec` in a grid of as many columns as `widths` has, rows as the spec
/// has; fails unless the cells cover every grid unit exactly once.
fn lay_out(spec: &[&[Spec]], widths: &[f32]) -> Laid {
    let n = widths.len();
    let mut owner: Vec<Vec<Option<usize>>> = vec![vec![None; n]; spec.len()];
    let mut cells = Vec::new();
    for (r, row) in spec.iter().enumerate() {
        let mut col = 0;
        for s in row.iter() {
            while col < n && owner[r][col].is_some() {
                col += 1;
            }
            assert!(col + s.cols <= n, "row {r}: too many cells");
            let inner = widths[col..col + s.cols].iter().sum::<f32>() - 2.0 * PAD;
            let lines: Vec<String> = match s.align {
                Align::Left => wrap(s.text, inner),
                _ if s.text.is_empty() => Vec::new(),
                _ => s.text.split('\n').map(str::to_string).collect(),
            };
            for line in &lines {
                assert!(text_width(SIZE, line) <= inner + 0.01, "{line:?} fits");
            }
            for unit in owner.iter_mut().skip(r).take(s.rows) {
                for u in &mut unit[col..col + s.cols] {
                    assert!(u.is_none(), "row {r}: cells overlap");
                    *u = Some(cells.len());
                }
            }
            let text = join(&lines);
            let drawn = CellDrawn {
                row: r,
                col,
                rows: s.rows,
                cols: s.cols,
                lines,
                text,
            };
            cells.push((*s, drawn));
            col += s.cols;
        }
    }
    let owner = owner
        .into_iter()
        .enumerate()
        .map(|(r, units)| {
            units
                .into_iter()
                .map(|u| u.unwrap_or_else(|| unreachable!("row {r}: a grid unit without a cell")))
                .collect()
        })
        .collect();
    Laid { cells, owner }
}

/// Draws a form with its top-left corner at (`x`, `top`); returns it as drawn (page, label,
/// title and notes are the caller's).
fn draw_form(page: &mut Page, spec: &[&[Spec]], widths: &[f32], x: f32, top: f32) -> Form {
    let Laid { cells, owner } = lay_out(spec, widths);
    let (nrows, ncols) = (owner.len(), widths.len());
    // Each row as tall as its one-row cells need; a taller cell's last row grows if the rows
    // it spans are not enough.
    let need = |lines: usize| (lines as f32 * LEADING + 7.0).max(18.0);
    let mut heights = vec![18.0_f32; nrows];
    for (_, d) in cells.iter().filter(|(_, d)| d.rows == 1) {
        heights[d.row] = heights[d.row].max(need(d.lines.len()));
    }
    for (_, d) in cells.iter().filter(|(_, d)| d.rows > 1) {
        let have: f32 = heights[d.row..d.row + d.rows].iter().sum();
        heights[d.row + d.rows - 1] += (need(d.lines.len()) - have).max(0.0);
    }
    let mut x_edges = vec![x];
    for w in widths {
        x_edges.push(x_edges.last().unwrap() + w);
    }
    let mut y_edges = vec![top];
    for h in &heights {
        y_edges.push(y_edges.last().unwrap() - h);
    }

    for (s, d) in &cells {
        let (x0, x1) = (x_edges[d.col], x_edges[d.col + d.cols]);
        let middle = (y_edges[d.row] + y_edges[d.row + d.rows]) / 2.0;
        let n = d.lines.len() as f32;
        for (i, line) in d.lines.iter().enumerate() {
            // The block of lines centred on the cell's middle, each line's glyphs (0.7 em of
            // ink above the baseline) centred in its leading.
            let y = middle + (n / 2.0 - i as f32 - 1.0) * LEADING + (LEADING - 0.7 * SIZE) / 2.0;
            match s.align {
                Align::Centre => page.text_centred((x0 + x1) / 2.0, y, SIZE, line),
                Align::Left => page.text(x0 + PAD, y, SIZE, line),
                Align::Spread => {
                    let chars: Vec<String> = line.chars().map(String::from).collect();
                    let ink: f32 = chars.iter().map(|ch| text_width(SIZE, ch)).sum();
                    let gap = (x1 - x0 - 2.0 * PAD - ink) / (chars.len() as f32 - 1.0);
                    let mut at = x0 + PAD;
                    for ch in &chars {
                        page.text(at, y, SIZE, ch);
                        at += text_width(SIZE, ch) + gap;
                    }
                }
            }
        }
    }

    // Rules: along each grid line, each unit between two different cells (or on the form's
    // edge), as long lines; none inside a merged cell.
    for k in 0..=nrows {
        let ruled = |c: usize| k == 0 || k == nrows || owner[k - 1][c] != owner[k][c];
        for (a, b) in runs(ncols, ruled) {
            page.line(x_edges[a], y_edges[k], x_edges[b], y_edges[k]);
        }
    }
    for k in 0..=ncols {
        let ruled = |r: usize| k == 0 || k == ncols || owner[r][k - 1] != owner[r][k];
        for (a, b) in runs(nrows, ruled) {
            page.line(x_edges[k], y_edges[a], x_edges[k], y_edges[b]);
        }
    }

    let mut rows = vec![vec![String::new(); ncols]; nrows];
    for (_, d) in &cells {
        rows[d.row][d.col] = d.text.clone();
    }
    Form {
        page: 0,
        label: "",
        title: "",
        x_edges,
        y_edges,
        cells: cells.into_iter().map(|(_, d)| d).collect(),
        rows,
        notes: Vec::new(),
    }
}

/// The runs of consecutive units `0..n` for which `on` holds, as (first, one past the last).
fn runs(n: usize, on: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=n {
        match (start, i < n && on(i)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}
