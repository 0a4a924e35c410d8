//! Parsing and checking, on what rule authors write.

use std::collections::BTreeMap;

use super::*;

fn scope() -> Scope {
    let params = BTreeMap::from([
        ("deviation-threshold".to_string(), Type::Pct),
        ("min-reason-length".to_string(), Type::Num),
        ("tautologies".to_string(), Type::Texts),
    ]);
    Scope::with_params(params)
        .bind("row", Type::Row)
        .bind("col", Type::Text)
        .bind("stated", Type::Pct)
}

/// The type of `text`, or its errors as (code, the text of the span).
fn ty(text: &str) -> Result<Type, Vec<(&'static str, String)>> {
    compile(text, &scope()).map(|(_, t)| t).map_err(|es| {
        es.into_iter()
            .map(|e| (e.kind.code(), text[e.span].to_string()))
            .collect()
    })
}

#[test]
fn precedence_is_or_and_not_comparison_sum_product() {
    let e = parse("a or b and not c").unwrap();
    let ExprKind::Binary {
        op: BinaryOp::Or,
        rhs,
        ..
    } = e.kind
    else {
        panic!("{e:?}")
    };
    assert!(matches!(
        rhs.kind,
        ExprKind::Binary {
            op: BinaryOp::And,
            ..
        }
    ));
    let e = parse("1 + 2 * 3 ~= 7").unwrap();
    let ExprKind::Binary {
        op: BinaryOp::Approx,
        lhs,
        ..
    } = e.kind
    else {
        panic!()
    };
    let ExprKind::Binary {
        op: BinaryOp::Add,
        rhs,
        ..
    } = lhs.kind
    else {
        panic!()
    };
    assert!(matches!(
        rhs.kind,
        ExprKind::Binary {
            op: BinaryOp::Mul,
            ..
        }
    ));
}

#[test]
fn subtraction_is_left_associative() {
    let e = parse("10 - 3 - 2").unwrap();
    let ExprKind::Binary {
        op: BinaryOp::Sub,
        lhs,
        rhs,
    } = e.kind
    else {
        panic!()
    };
    assert_eq!(rhs.kind, ExprKind::Number(2.into()));
    assert!(matches!(
        lhs.kind,
        ExprKind::Binary {
            op: BinaryOp::Sub,
            ..
        }
    ));
}

#[test]
fn references_to_cells_parts_and_codes() {
    let e = parse("t01.收入[本年收入合计].决算数").unwrap();
    let ExprKind::Member { base, name, .. } = e.kind else {
        panic!()
    };
    assert_eq!(name, "决算数");
    let ExprKind::Index { base, key, .. } = base.kind else {
        panic!()
    };
    assert_eq!(key, Key::Name("本年收入合计".into()));
    let ExprKind::Member { base, name, .. } = base.kind else {
        panic!()
    };
    assert_eq!(
        (name.as_str(), base.kind),
        ("收入", ExprKind::Table("01".into()))
    );
    let e = parse("t05[ 2010301 ].基本支出").unwrap();
    let ExprKind::Member { base, .. } = e.kind else {
        panic!()
    };
    assert!(matches!(base.kind, ExprKind::Index { key: Key::Code(ref c), .. } if c == "2010301"));
    let e = parse("t07[决算数].\"因公出国(境)费\"").unwrap();
    assert!(matches!(e.kind, ExprKind::Member { ref name, .. } if name == "因公出国(境)费"));
    let e = parse("t05[\"其中：当年财政拨款\"]").unwrap();
    assert!(
        matches!(e.kind, ExprKind::Index { key: Key::Name(ref n), .. } if n == "其中：当年财政拨款")
    );
    assert!(matches!(
        parse("t05[*]").unwrap().kind,
        ExprKind::Index { key: Key::All, .. }
    ));
}

#[test]
fn literals() {
    assert_eq!(
        parse("1022.32").unwrap().kind,
        ExprKind::Number("1022.32".parse().unwrap())
    );
    assert_eq!(
        parse("95.42%").unwrap().kind,
        ExprKind::Percent("95.42".parse().unwrap())
    );
    assert_eq!(
        parse("\"主要原因是\"").unwrap().kind,
        ExprKind::Text("主要原因是".into())
    );
    assert_eq!(
        parse("param.min-reason-length").unwrap().kind,
        ExprKind::Param("min-reason-length".into())
    );
    assert_eq!(parse("true").unwrap().kind, ExprKind::Bool(true));
    assert_eq!(
        parse("total").unwrap().kind,
        ExprKind::Var("total".into()),
        "a name that starts with t is not a table"
    );
}

#[test]
fn spans_cover_the_text_of_each_node() {
    let text = "row.小计 ~= sum(children(row).小计)";
    let e = parse(text).unwrap();
    let ExprKind::Binary { lhs, rhs, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(&text[lhs.span.clone()], "row.小计");
    assert_eq!(&text[rhs.span.clone()], "sum(children(row).小计)");
}

#[test]
fn syntax_errors_are_located_and_say_what_was_expected() {
    let e = parse("t05[合计].小计 ~= ").unwrap_err();
    assert_eq!(e.kind.code(), "expr/syntax");
    assert_eq!(e.span.start, "t05[合计].小计 ~= ".len());
    assert!(e.kind.to_string().contains("表达式结尾"), "{}", e.kind);
    let e = parse("1 + * 2").unwrap_err();
    assert_eq!(e.span.start, 4);
    assert!(parse("sum(1, 2").is_err());
    assert!(parse("t05[合计").is_err());
}

#[test]
fn well_typed_rules() {
    assert_eq!(
        ty("t05[合计].小计 ~= t05[合计].基本支出 + t05[合计].项目支出"),
        Ok(Type::Bool)
    );
    assert_eq!(
        ty("t01.收入[本年收入合计].决算数 ~= t02[合计].本年收入合计"),
        Ok(Type::Bool)
    );
    assert_eq!(ty("sum(children(row).小计) ~= row.小计"), Ok(Type::Bool));
    assert_eq!(ty("row[col] ~= sum(children(row)[col])"), Ok(Type::Bool));
    assert_eq!(
        ty("share(t03[合计].基本支出, t03[合计].本年支出合计) ~= stated"),
        Ok(Type::Bool)
    );
    assert_eq!(
        ty("abs(rate(row.决算数, row.预算数) - 100%) > param.deviation-threshold"),
        Ok(Type::Bool)
    );
    assert_eq!(ty("row.分值 * row.执行率"), Ok(Type::Cell));
    assert_eq!(
        ty("10 * 95%"),
        Ok(Type::Num),
        "a number times a percent is a number"
    );
    assert_eq!(ty("count(level(t05, 3))"), Ok(Type::Num));
    assert_eq!(
        ty("blank(row.项目支出) or not has_table(\"08\")"),
        Ok(Type::Bool)
    );
    assert_eq!(
        ty("len(row.偏差原因分析及改进措施) >= param.min-reason-length"),
        Ok(Type::Bool)
    );
    assert_eq!(ty("table(\"附件1-1\").绩效指标[*].分值"), Ok(Type::Nums));
    assert_eq!(ty("sum([1, 2.5, row.小计])"), Ok(Type::Num));
}

#[test]
fn unknown_names_are_errors_with_what_is_known() {
    assert_eq!(
        ty("summ(1)"),
        Err(vec![("expr/unknown-function", "summ(1)".into())])
    );
    assert_eq!(
        ty("param.threshold > 1%"),
        Err(vec![("expr/unknown-param", "param.threshold".into())])
    );
    assert_eq!(
        ty("rows > 1"),
        Err(vec![("expr/unknown-name", "rows".into())])
    );
    let e = compile("param.x", &scope()).unwrap_err();
    assert!(
        e[0].kind.to_string().contains("param.deviation-threshold"),
        "{}",
        e[0].kind
    );
}

#[test]
fn type_errors_are_located_at_the_operand() {
    assert_eq!(
        ty("row.小计 + true"),
        Err(vec![("expr/type", "true".into())])
    );
    assert_eq!(ty("1 and 2 > 1"), Err(vec![("expr/type", "1".into())]));
    assert_eq!(ty("share(a, b)").unwrap_err()[0].0, "expr/unknown-name");
    assert_eq!(ty("share(10%, 5)"), Err(vec![("expr/type", "10%".into())]));
    assert_eq!(ty("count(5)"), Err(vec![("expr/type", "5".into())]));
    assert_eq!(
        ty("round(1.5)"),
        Err(vec![("expr/arity", "round(1.5)".into())])
    );
    assert_eq!(ty("children(t05)"), Err(vec![("expr/type", "t05".into())]));
    assert_eq!(ty("5.小计"), Err(vec![("expr/type", "5".into())]));
}

#[test]
fn numbers_and_percents_do_not_mix() {
    assert_eq!(
        ty("share(1, 2) ~= 0.5"),
        Err(vec![(
            "expr/number-vs-percent",
            "share(1, 2) ~= 0.5".into()
        )])
    );
    assert_eq!(ty("1 + 5%").unwrap_err()[0].0, "expr/number-vs-percent");
    assert_eq!(ty("5% * 5%").unwrap_err()[0].0, "expr/type");
    assert_eq!(ty("share(1, 2) ~= 50%"), Ok(Type::Bool));
}

#[test]
fn every_error_in_an_expression_is_reported_once() {
    let errors = ty("summ(1) + param.nope > unknown").unwrap_err();
    let codes: Vec<&str> = errors.iter().map(|e| e.0).collect();
    assert_eq!(
        codes,
        [
            "expr/unknown-function",
            "expr/unknown-param",
            "expr/unknown-name"
        ]
    );
}

#[test]
fn a_literal_beyond_exact_decimals_is_an_error() {
    let huge = "9".repeat(40);
    assert_eq!(
        ty(&format!("{huge} > 1")),
        Err(vec![("expr/number-too-large", huge)])
    );
}

#[test]
fn every_function_of_the_language_is_type_checked() {
    // The checker falls back to an unchecked `Error` type for a name it does not know; each
    // function must have its own arm, so a call either types or reports its arguments.
    for &(name, min, _) in FUNCTIONS {
        let args = vec!["true"; min.max(1)].join(", ");
        let text = format!("{name}({args})");
        let typed = ty(&text);
        assert!(
            typed != Ok(Type::Error),
            "`{text}` is neither typed nor rejected: {typed:?}"
        );
    }
}

/// Selectors and brackets are counted before parsing (a chain of 24,000 `.小计` overflowed the
/// stack, issue 15, item 2); a number's decimal point is no selector.
#[test]
fn selectors_and_brackets_are_counted_but_decimal_points_are_not() {
    let too_many = |text: &str| match parse(text) {
        Err(e) => e.kind.code() == "expr/too-complex" && e.kind.to_string().contains("选择符"),
        Ok(_) => false,
    };
    let chain = |n: usize| format!("t05{}", ".小计".repeat(n));
    assert!(!too_many(&chain(parse::MAX_SELECTORS)));
    assert!(too_many(&chain(parse::MAX_SELECTORS + 1)));
    assert!(too_many(&format!("t05{}", "[合计]".repeat(600))));
    assert!(too_many(&format!("t05.小计{}", ".2021".repeat(600))));
    // 600 decimal numbers in one list: one bracket, no selector.
    let numbers = vec!["1022.32"; 600].join(", ");
    assert!(parse(&format!("sum([{numbers}]) > 0")).is_ok());
    // A dot inside a string is text.
    assert!(parse(&format!("row.\"{}\" > 0", ".".repeat(600))).is_ok());
}

#[test]
fn a_companion_s_tables_are_named_after_budget_or_previous_and_checked_like_every_name() {
    let e = parse("budget.t05[2010301].合计").unwrap();
    let ExprKind::Member { base, .. } = e.kind else {
        panic!("{e:?}")
    };
    let ExprKind::Index { base, .. } = base.kind else {
        panic!()
    };
    assert_eq!(
        base.kind,
        ExprKind::CompanionTable {
            doc: Doc::Budget,
            id: "05".into()
        }
    );
    assert_eq!(
        ty("previous.t01.支出[年末结转和结余].决算数"),
        Ok(Type::Cell)
    );
    assert_eq!(ty("sum(previous_amount(\"财政拨款收入\"))"), Ok(Type::Num));
    assert_eq!(
        ty("subject_row(budget.t05, \"甲\", \"乙\", \"丙\")"),
        Ok(Type::Rows)
    );
    // A companion is named only by its keyword: anything else is an unknown name.
    assert_eq!(ty("last.t05").unwrap_err()[0].0, "expr/unknown-name");
    assert_eq!(ty("budget").unwrap_err()[0].0, "expr/unknown-name");
    // The companion functions take what they say.
    assert_eq!(ty("previous_amount(1)").unwrap_err()[0].0, "expr/type");
    assert_eq!(ty("unit_of(\"05\")").unwrap_err()[0].0, "expr/type");
    // Which companions an expression reads.
    let mut docs = Vec::new();
    parse("budget.t05[合计].合计 ~= sum(previous_amount(\"x\")) + budget.t07[a].b")
        .unwrap()
        .companions(&mut docs);
    assert_eq!(docs, [Doc::Budget, Doc::Previous]);
}
