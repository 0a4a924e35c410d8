//! The functions about 科目: rows by code across tables, names as a checker compares them, and
//! lookups in a classification (the embedded 政府收支分类科目).

use std::collections::BTreeMap;

use super::eval::{eval, Env, Trace, Value};
use super::*;
use crate::report::{self, Report};
use crate::subjects::Classification;

fn seed() -> Report {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/hetang-2021.fis"
    ))
    .unwrap();
    report::parse(&text).report
}

/// The embedded classification, as `common` names it.
fn subjects() -> Classification {
    let loaded = crate::pack::load(
        crate::pack::PackRef::Embedded("common".into()),
        &crate::pack::EmbeddedOnly,
    )
    .unwrap();
    (*loaded.subjects.unwrap()).clone()
}

/// Evaluates `text` on `r`, with the classification `c` if given: the value as text (a bool as
/// `true`/`false`, a number as written) and the labels of the cells read.
fn run(r: &Report, text: &str, c: Option<&Classification>) -> (String, Vec<String>) {
    let (expr, _) = compile(text, &Scope::default()).expect("the expression compiles");
    let params = BTreeMap::new();
    let env = Env {
        report: r,
        params: &params,
        vars: BTreeMap::new(),
        places: BTreeMap::new(),
        subjects: c,
        companions: Default::default(),
    };
    let mut trace = Trace::default();
    let value = match eval(&expr, &env, &mut trace).expect("it evaluates") {
        Value::Text(t) => t,
        Value::Bool(b) => b.to_string(),
        Value::Num(n) => n.m.value.normalize().to_string(),
        Value::Rows(rows) => rows.len().to_string(),
        other => panic!("{text}: {other:?}"),
    };
    (value, trace.cells.into_iter().map(|c| c.label).collect())
}

fn value(r: &Report, text: &str) -> String {
    run(r, text, None).0
}

#[test]
fn a_row_gives_its_code_its_name_and_its_code_column() {
    let r = seed();
    assert_eq!(value(&r, "year()"), "2021");
    assert_eq!(value(&r, "code(t05[2010301])"), "2010301");
    assert_eq!(value(&r, "code(t05[合计])"), "");
    assert_eq!(value(&r, "code_column(t05[2010301])"), "功能分类科目编码");
    assert_eq!(
        value(&r, "code_column(t06.人员经费[30101])"),
        "经济分类科目编码"
    );
    // The name is read as a cell: a finding points at it.
    let (name, cells) = run(&r, "name(t05[2010301])", None);
    assert_eq!(name, "行政运行");
    assert_eq!(cells, ["表05「行政运行」行「科目名称」列"]);
}

#[test]
fn coded_rows_gather_the_rows_with_a_code_of_every_table_whose_code_column_says_so() {
    let r = seed();
    // Tables 02 (9 rows), 03 (10) and 05 (9); 08 and 09 have none.
    assert_eq!(value(&r, "coded_rows(\"功能分类\")"), "28");
    assert_eq!(value(&r, "coded_rows(\"经济分类\")"), "80");
    assert_eq!(value(&r, "coded_rows(\"编码\")"), "108");
    assert_eq!(value(&r, "coded_rows(\"项目\")"), "0");
}

#[test]
fn the_previous_row_of_a_code_is_in_an_earlier_table_with_the_same_code_column() {
    let r = seed();
    let (_, cells) = run(&r, "name(previous_of_code(t05[206]))", None);
    assert_eq!(cells, ["表03「科学技术支出」行「科目名称」列"]);
    let (_, cells) = run(&r, "name(previous_of_code(t03[2010350]))", None);
    assert_eq!(
        cells,
        ["表03「事业运行」行「科目名称」列"],
        "the first row of its code: itself"
    );
    let (_, cells) = run(&r, "name(previous_of_code(t02[201]))", None);
    assert_eq!(cells, ["表02「一般公共服务支出」行「科目名称」列"]);
}

#[test]
fn names_compare_without_spaces_bracket_widths_and_labels() {
    let r = seed();
    assert_eq!(
        value(&r, "same_name(\"维修(护)费\", \"维修（护）费\")"),
        "true"
    );
    assert_eq!(
        value(&r, "same_name(\"卫生健康支出（类）\", \"卫生健康支出\")"),
        "true"
    );
    assert_eq!(
        value(&r, "same_name(\"卫生健康支出\", \"卫生支出\")"),
        "false"
    );
    assert_eq!(
        value(&r, "ends_with_name(\"用于卫生健康支出\", \"卫生健康支出\")"),
        "true"
    );
    assert_eq!(
        value(&r, "last_phrase(\"6、公共安全支出\")"),
        "公共安全支出"
    );
    assert_eq!(value(&r, "concat(\"204\", \"06\", \"01\")"), "2040601");
}

#[test]
fn names_are_looked_up_in_the_classification_by_kind_code_and_year() {
    let r = seed();
    let c = subjects();
    let with = |text: &str| run(&r, text, Some(&c)).0;
    assert_eq!(
        with("subject_name(\"功能分类\", \"210\", year())"),
        "卫生健康支出"
    );
    assert_eq!(
        with("subject_name(\"功能分类\", \"210\", 2017)"),
        "",
        "a year not covered"
    );
    assert_eq!(
        with("subject_name(\"功能分类\", \"2999999\", 2021)"),
        "",
        "a code not in it"
    );
    assert_eq!(
        with("subject_name(code_column(t06.公用经费[30213]), \"30213\", 2021)"),
        "维修（护）费"
    );
    assert_eq!(
        with("subject_code(\"功能分类\", \"医疗卫生与计划生育支出\", 3)"),
        "210"
    );
    assert_eq!(
        with("subject_code(\"功能分类\", \"行政运行\", 7)"),
        "",
        "many 项 are 行政运行"
    );
    assert_eq!(
        with("subject_note(\"功能分类\", \"210\", \"医疗卫生与计划生育支出\", 2021)"),
        "（医疗卫生与计划生育支出是 2018 年以前的名称，2019 年起为卫生健康支出）"
    );
    assert_eq!(
        with("subject_note(\"功能分类\", \"210\", \"卫生健康支出\", 2021)"),
        ""
    );
    // Without a classification, nothing is known.
    assert_eq!(value(&r, "subject_name(\"功能分类\", \"210\", 2021)"), "");
}

#[test]
fn the_functions_about_subjects_are_typed() {
    let ty = |text: &str| {
        compile(text, &Scope::default().bind("row", Type::Row))
            .map(|(_, t)| t)
            .map_err(|es| es.into_iter().map(|e| e.kind.code()).collect::<Vec<_>>())
    };
    assert_eq!(ty("coded_rows(\"编码\")"), Ok(Type::Rows));
    assert_eq!(ty("previous_of_code(row)"), Ok(Type::Row));
    assert_eq!(
        ty("subject_name(code_column(row), code(row), year())"),
        Ok(Type::Text)
    );
    assert_eq!(ty("same_name(name(row), \"甲\")"), Ok(Type::Bool));
    assert!(ty("subject_name(\"功能分类\", \"210\", \"2021\")").is_err());
    assert!(ty("code(t05)").is_err());
    assert!(ty("year(1)").is_err());
}
