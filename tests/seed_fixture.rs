//! The seed report as a fixture: every table with its published row count and totals, the
//! section skeleton, and the extraction repairs. Expected values are read off the seed text
//! (shared/reports/000_1f0f530592110c3b.txt), not off the parser's output.

// Test and measurement code: a failed unwrap is the failure it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fislint::report::{self, CellValue, Report, Table};

fn seed() -> Report {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    let (_, parsed) = report::parse_bytes(&bytes);
    assert!(
        parsed.errors.is_empty(),
        "the seed fixture parses without errors: {:?}",
        parsed.errors
    );
    parsed.report
}

fn table<'r>(r: &'r Report, id: &str) -> &'r Table {
    r.table(id)
        .unwrap_or_else(|| panic!("table {id} is in the seed"))
}

/// The written text of a cell, found by part (or `None` for a plain table), row name and column.
fn cell(t: &Table, part: Option<&str>, row: &str, column: &str) -> String {
    let p = match part {
        Some(name) => t
            .part(name)
            .unwrap_or_else(|| panic!("{} has part {name}", t.id)),
        None => &t.parts[0],
    };
    let r = p
        .rows
        .iter()
        .find(|r| r.name.as_deref() == Some(row))
        .unwrap_or_else(|| panic!("{} has row {row}", t.id));
    match &p
        .cell(r, column)
        .unwrap_or_else(|| panic!("{} has column {column}", t.id))
        .value
    {
        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
        CellValue::Empty => "-".into(),
        CellValue::Merged => "^".into(),
        CellValue::Text { value } => value.clone(),
    }
}

fn rows(t: &Table, part: Option<&str>) -> usize {
    match part {
        Some(name) => t.part(name).unwrap().rows.len(),
        None => t.parts.iter().map(|p| p.rows.len()).sum(),
    }
}

#[test]
fn header() {
    let r = seed();
    let h = r.header.as_ref().unwrap();
    assert_eq!(h.department, "株洲市荷塘区行政审批服务局");
    assert_eq!((h.year, h.region.as_str()), (2021, "湖南"));
    assert_eq!(h.kind, report::ReportKind::Final);
    assert_eq!(h.unit, report::Unit::WanYuan);
}

#[test]
fn all_nine_tables_and_the_three_attachment_tables_are_there() {
    let r = seed();
    let ids: Vec<&str> = r.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "01",
            "02",
            "03",
            "04",
            "05",
            "06",
            "07",
            "08",
            "09",
            "附件1-1",
            "附件1-2-1",
            "附件1-2-2"
        ]
    );
    for t in &r.tables[..9] {
        assert_eq!(
            t.department.as_deref(),
            Some("株洲市荷塘区行政审批服务局"),
            "table {}",
            t.id
        );
        assert_eq!(t.unit, Some(report::Unit::WanYuan), "table {}", t.id);
        assert!(!t.notes.is_empty(), "table {} keeps its 注", t.id);
    }
}

#[test]
fn table_01_income_and_expenditure() {
    let r = seed();
    let t = table(&r, "01");
    assert_eq!((rows(t, Some("收入")), rows(t, Some("支出"))), (13, 13));
    assert_eq!(cell(t, Some("收入"), "本年收入合计", "决算数"), "1022.32");
    assert_eq!(cell(t, Some("收入"), "年初结转和结余", "决算数"), "3.58");
    assert_eq!(cell(t, Some("收入"), "总计", "决算数"), "1,025.90");
    assert_eq!(cell(t, Some("支出"), "本年支出合计", "决算数"), "1,022.64");
    assert_eq!(cell(t, Some("支出"), "年末结转和结余", "决算数"), "3.26");
    assert_eq!(cell(t, Some("支出"), "总计", "决算数"), "1,025.90");
    assert_eq!(cell(t, Some("支出"), "总计", "行次"), "26");
}

#[test]
fn table_02_income() {
    let r = seed();
    let t = table(&r, "02");
    assert_eq!(rows(t, None), 10);
    assert_eq!(cell(t, None, "合计", "本年收入合计"), "1,022.32");
    assert_eq!(cell(t, None, "合计", "财政拨款收入"), "1,022.32");
    assert_eq!(cell(t, None, "合计", "上级补助收入"), "-");
    // Extraction artifact repaired: "975. 48" is one number with its two printed decimals.
    let (_, row) = t.row_by_code("201").unwrap();
    assert_eq!(row.cells[2].amount().unwrap().written, "975.48");
}

#[test]
fn table_03_expenditure_keeps_the_row_that_02_and_05_lack() {
    let r = seed();
    let t = table(&r, "03");
    assert_eq!(rows(t, None), 11);
    assert_eq!(cell(t, None, "合计", "本年支出合计"), "1,022.64");
    assert_eq!(cell(t, None, "合计", "基本支出"), "975.80");
    assert_eq!(cell(t, None, "合计", "项目支出"), "46.84");
    assert!(t.row_by_code("2010350").is_some());
    assert!(table(&r, "05").row_by_code("2010350").is_none());
}

#[test]
fn table_04_appropriations() {
    let r = seed();
    let t = table(&r, "04");
    assert_eq!((rows(t, Some("收入")), rows(t, Some("支出"))), (13, 13));
    assert_eq!(cell(t, Some("收入"), "本年收入合计", "金额"), "1,022.32");
    assert_eq!(cell(t, Some("收入"), "总计", "金额"), "1,022.80");
    assert_eq!(
        cell(t, Some("支出"), "本年支出合计", "一般公共预算财政拨款"),
        "1,022.32"
    );
    assert_eq!(cell(t, Some("支出"), "总计", "合计"), "1,022.80");
}

#[test]
fn table_05_general_budget_expenditure() {
    let r = seed();
    let t = table(&r, "05");
    assert_eq!(rows(t, None), 10);
    assert_eq!(cell(t, None, "合计", "小计"), "1,022.32");
    assert_eq!(cell(t, None, "合计", "基本支出"), "975.48");
    assert_eq!(cell(t, None, "合计", "项目支出"), "46.84");
    // The cell that vanished in extraction is placed in its column: 基本支出 empty, 项目支出 46.84.
    let (part, row) = t.row_by_code("2060102").unwrap();
    assert!(part.cell(row, "基本支出").unwrap().is_empty());
    assert_eq!(
        part.cell(row, "项目支出")
            .unwrap()
            .amount()
            .unwrap()
            .written,
        "46.84"
    );
}

#[test]
fn table_06_basic_expenditure_by_economic_class() {
    let r = seed();
    let t = table(&r, "06");
    assert_eq!(
        (rows(t, Some("人员经费")), rows(t, Some("公用经费"))),
        (28, 54)
    );
    assert_eq!(
        cell(t, Some("人员经费"), "人员经费合计", "决算数"),
        "178.67"
    );
    assert_eq!(
        cell(t, Some("公用经费"), "公用经费合计", "决算数"),
        "796.81"
    );
    assert_eq!(
        cell(t, Some("公用经费"), "商品和服务支出", "决算数"),
        "783.96"
    );
    let (_, row) = t.row_by_code("39908").unwrap();
    assert_eq!(
        row.name.as_deref(),
        Some("对民间非营利组织和群众性自治组织补贴")
    );
}

#[test]
fn table_07_three_public_expenses() {
    let r = seed();
    let t = table(&r, "07");
    assert_eq!(rows(t, None), 2);
    assert_eq!(cell(t, None, "预算数", "合计"), "0.30");
    assert_eq!(cell(t, None, "决算数", "合计"), "0.24");
    assert_eq!(cell(t, None, "决算数", "公务接待费"), "0.24");
    assert_eq!(cell(t, None, "决算数", "公务用车购置及运行费/小计"), "-");
}

#[test]
fn tables_08_and_09_are_empty_with_their_notes() {
    let r = seed();
    for id in ["08", "09"] {
        let t = table(&r, id);
        assert_eq!(rows(t, None), 1, "table {id} keeps its 合计 row");
        assert!(t.has_no_data(), "table {id} has no amounts");
        assert_eq!(t.notes.len(), 2);
        assert!(
            t.notes[1].text.contains("故本表无数据"),
            "table {id}: {:?}",
            t.notes[1].text
        );
    }
}

#[test]
fn attachment_tables() {
    let r = seed();
    let expected = [
        ("附件1-1", 9, "1022.64", "96"),
        ("附件1-2-1", 10, "217.76", "96"),
        ("附件1-2-2", 13, "99.41", "99"),
    ];
    for (id, indicators, executed, score) in expected {
        let t = table(&r, id);
        assert_eq!(rows(t, Some("资金情况")), 4, "{id}");
        assert_eq!(rows(t, Some("绩效指标")), indicators, "{id}");
        assert_eq!(
            cell(t, Some("资金情况"), "合计", "全年执行数"),
            executed,
            "{id}"
        );
        assert_eq!(cell(t, Some("总分"), "总分", "分值"), "100", "{id}");
        assert_eq!(cell(t, Some("总分"), "总分", "得分"), score, "{id}");
    }
    // Merged cells: the weight of 数量指标 is printed once for its three indicators.
    let p = table(&r, "附件1-2-2").part("绩效指标").unwrap();
    let weights: Vec<String> = p
        .rows
        .iter()
        .map(|r| match &r.cells[5].value {
            CellValue::Amount(n) => n.written.clone(),
            CellValue::Merged => "^".into(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        weights,
        ["10", "^", "^", "10", "^", "^", "10", "20", "10", "10", "5", "5", "10"]
    );
    let label = p.resolve(4, 0).unwrap();
    assert_eq!(
        label.value,
        CellValue::Text {
            value: "产出指标（50分）".into()
        }
    );
    // The 名称列 override names indicator rows by their 三级指标.
    let t = table(&r, "附件1-1");
    assert_eq!(cell(t, Some("绩效指标"), "厉行节约", "分值"), "5");
    assert_eq!(cell(t, Some("资金情况"), "合计", "执行率"), "100%");
}

#[test]
fn sections_follow_the_published_skeleton() {
    let r = seed();
    let parts: Vec<(&str, &str)> = r
        .sections
        .iter()
        .filter(|s| s.heading.level == 1)
        .map(|s| {
            (
                s.heading.numbering.as_deref().unwrap(),
                s.heading.title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("第一部分", "株洲市荷塘区行政审批服务局单位概况"),
            ("第二部分", "部门决算表"),
            ("第三部分", "2021年度部门决算情况说明"),
            ("第四部分", "名词解释"),
            ("第五部分", "附件"),
        ]
    );
    let third = r
        .sections
        .iter()
        .position(|s| s.heading.numbering.as_deref() == Some("第三部分"))
        .unwrap();
    let explanations: Vec<&str> = r
        .children(third)
        .map(|(_, s)| s.heading.numbering.as_deref().unwrap())
        .collect();
    assert_eq!(
        explanations.len(),
        15,
        "第三部分 has 一 to 十五: {explanations:?}"
    );
    assert_eq!(r.contents.as_ref().unwrap().entries.len(), 31);
    // Tables belong to 第二部分.
    let second = r
        .sections
        .iter()
        .position(|s| s.heading.title == "部门决算表")
        .unwrap();
    assert_eq!(r.sections[second].tables.len(), 9);
}

#[test]
fn paragraphs_broken_by_page_breaks_are_whole() {
    let r = seed();
    let s = r
        .sections_titled("财政拨款收入支出决算总体情况说明")
        .next()
        .unwrap();
    assert_eq!(s.paragraphs.len(), 1);
    assert!(s.paragraphs[0]
        .text
        .ends_with("智慧荷塘APP升级项目经费投入。"));
    let s = r.sections_titled("机关运行经费支出说明").next().unwrap();
    assert!(s.paragraphs[0]
        .text
        .contains("比上年决算数增加52.44万元，增长7.04%。"));
}

#[test]
fn enumerated_paragraphs_carry_their_numbering() {
    let r = seed();
    let s = r
        .sections_titled("一般公共预算财政拨款支出决算具体情况")
        .next()
        .unwrap();
    let numbered: Vec<&str> = s
        .paragraphs
        .iter()
        .filter_map(|p| p.numbering.as_deref())
        .collect();
    assert_eq!(numbered, ["1、", "2、", "3、", "4、"]);
}
