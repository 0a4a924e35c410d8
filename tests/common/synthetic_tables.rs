//! Synthetic PDFs of the tables other than 05 (layouts g, h, i): table 03 over two pages,
//! tables 01 and 06 with their halves side by side, and the empty table 08. The shared types,
//! figures and drawing helpers are in `synthetic.rs`, which lists every layout.

use super::pdf_writer::{Page, Pdf, A4};
use super::synthetic::{
    drawn, furniture, labels, strings, title_block, wrap, Expected, Grid, Synthetic, SIZE,
    SPENDING, SPENDING_TOTAL, UNIT,
};

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
