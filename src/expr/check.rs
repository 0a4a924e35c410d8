//! Static types: every expression is checked when its pack loads, so that an unknown function,
//! an unknown param or name, or a type error is reported at once, at its place in the rule,
//! before any report is read. Checking goes on after an error (the node gets [`Type::Error`],
//! which is compatible with everything), so one run reports every error of an expression.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::ast::*;
use super::error::{ExprError, ExprErrorKind as K};

/// The static type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// An amount or a count: `1022.32`, `sum(…)`.
    Num,
    /// A percentage, in percent units: `10%`, `share(…)`.
    Pct,
    /// A table cell: a number, a percent or text, known only when it is read.
    Cell,
    /// `true` or `false`.
    Bool,
    /// Text.
    Text,
    /// A table: `t05`.
    Table,
    /// A part of a table: `t01.收入`.
    Part,
    /// A row: `t05[合计]`, `row`.
    Row,
    /// A set of rows: `rows(t05)`.
    Rows,
    /// A list of numbers (or cells): `rows(t05).小计`, `[a, b]`.
    Nums,
    /// A list of texts: a list param.
    Texts,
    /// The type of a node that already has an error: compatible with everything, so one mistake
    /// is reported once.
    Error,
}

impl Type {
    /// The type in words, as users read it in a message.
    pub fn words(self) -> &'static str {
        match self {
            Type::Num => "数值",
            Type::Pct => "百分比",
            Type::Cell => "单元格",
            Type::Bool => "真假值",
            Type::Text => "文字",
            Type::Table => "表格",
            Type::Part => "表格分部",
            Type::Row => "行",
            Type::Rows => "行集",
            Type::Nums => "数值列表",
            Type::Texts => "文字列表",
            Type::Error => "（有误）",
        }
    }

    fn numeric(self) -> bool {
        matches!(self, Type::Num | Type::Pct | Type::Cell | Type::Error)
    }
}

/// What names an expression may use: its variables (`row`, `col`, captures) and the params.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Variables in scope, with their types.
    pub vars: BTreeMap<String, Type>,
    /// Params (`param.NAME`), with their types.
    pub params: BTreeMap<String, Type>,
}

impl Scope {
    /// A scope with these params and no variables.
    pub fn with_params(params: BTreeMap<String, Type>) -> Self {
        Scope {
            vars: BTreeMap::new(),
            params,
        }
    }

    /// This scope with one more variable.
    pub fn bind(&self, name: &str, ty: Type) -> Self {
        let mut s = self.clone();
        s.vars.insert(name.to_string(), ty);
        s
    }
}

/// Checks an expression; its type, or every error found in it.
///
/// ```
/// use fislint::expr::{check, parse, Scope, Type};
/// let e = parse("t05[合计].小计 ~= t05[合计].基本支出 + 0.5").unwrap();
/// assert_eq!(check(&e, &Scope::default()), Ok(Type::Bool));
/// ```
pub fn check(expr: &Expr, scope: &Scope) -> Result<Type, Vec<ExprError>> {
    let mut errors = Vec::new();
    let ty = Checker {
        scope,
        errors: &mut errors,
    }
    .ty(expr);
    if errors.is_empty() {
        Ok(ty)
    } else {
        Err(errors)
    }
}

struct Checker<'a> {
    scope: &'a Scope,
    errors: &'a mut Vec<ExprError>,
}

/// The functions of the language, with how many arguments each takes (min, max).
pub const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("sum", 1, usize::MAX),
    ("count", 1, 1),
    ("abs", 1, 1),
    ("min", 1, usize::MAX),
    ("max", 1, usize::MAX),
    ("round", 2, 2),
    ("share", 2, 2),
    ("rate", 2, 2),
    ("growth", 2, 2),
    ("rows", 1, 1),
    ("children", 1, 1),
    ("parents", 1, 1),
    ("numbered", 1, 1),
    ("top_numbered", 1, 1),
    ("every_part", 1, 1),
    ("sibling", 2, 2),
    ("where", 3, 3),
    ("written", 2, 2),
    ("number_in", 1, 1),
    ("in_unit", 2, 2),
    ("item_rows", 4, 4),
    ("band", 3, 3),
    ("level", 2, 2),
    ("blank", 1, 1),
    ("table", 1, 1),
    ("has_table", 1, 1),
    ("contains", 2, 2),
    ("len", 1, 1),
    ("only", 2, 2),
    ("starts_with", 2, 2),
    ("items", 1, 1),
    ("unbracketed", 1, 1),
    ("percents", 1, 1),
    ("amounts", 2, 2),
    ("no_data", 1, 1),
    ("paragraphs", 2, 2),
    ("named", 2, 2),
    ("column_named", 2, 2),
    ("tables_titled", 1, 1),
    ("year", 0, 0),
    ("kind", 0, 0),
    ("scope", 0, 0),
    ("code", 1, 1),
    ("name", 1, 1),
    ("code_column", 1, 1),
    ("coded_rows", 1, 1),
    ("previous_of_code", 1, 1),
    ("same_name", 2, 2),
    ("ends_with_name", 2, 2),
    ("last_phrase", 1, 1),
    ("concat", 1, usize::MAX),
    ("subject_name", 3, 3),
    ("subject_code", 3, 3),
    ("subject_note", 4, 4),
    ("budget_amount", 1, 1),
    ("previous_amount", 1, 1),
    ("subject_row", 4, 4),
    ("item_of", 1, 1),
    ("unit_of", 1, 1),
];

impl Checker<'_> {
    fn error(&mut self, span: &Span, kind: K) -> Type {
        self.errors.push(ExprError::new(span.clone(), kind));
        Type::Error
    }

    fn expect(
        &mut self,
        e: &Expr,
        ty: Type,
        ok: &[Type],
        expected: &'static str,
        context: &str,
    ) -> Type {
        if ty == Type::Error || ok.contains(&ty) {
            ty
        } else {
            let kind = K::Type {
                context: context.to_string(),
                expected,
                found: ty.words(),
            };
            self.error(&e.span, kind)
        }
    }

    fn ty(&mut self, e: &Expr) -> Type {
        match &e.kind {
            ExprKind::Number(n) | ExprKind::Percent(n) if *n == Decimal::MAX => {
                self.error(&e.span, K::NumberTooLarge)
            }
            ExprKind::Number(_) => Type::Num,
            ExprKind::Percent(_) => Type::Pct,
            ExprKind::Bool(_) => Type::Bool,
            ExprKind::Text(_) => Type::Text,
            ExprKind::Table(_) | ExprKind::CompanionTable { .. } => Type::Table,
            ExprKind::Param(name) => match self.scope.params.get(name) {
                Some(t) => *t,
                None => {
                    let known = known(
                        self.scope.params.keys().map(|k| format!("param.{k}")),
                        "可用的参数",
                    );
                    self.error(
                        &e.span,
                        K::UnknownParam {
                            name: name.clone(),
                            known,
                        },
                    )
                }
            },
            ExprKind::Var(name) => match self.scope.vars.get(name) {
                Some(t) => *t,
                None => {
                    let known = known(self.scope.vars.keys().cloned(), "此处可用的名称");
                    self.error(
                        &e.span,
                        K::UnknownVariable {
                            name: name.clone(),
                            known,
                        },
                    )
                }
            },
            ExprKind::List(items) => {
                let types: Vec<Type> = items.iter().map(|i| self.ty(i)).collect();
                if types.iter().all(|t| *t == Type::Text) && !types.is_empty() {
                    Type::Texts
                } else {
                    for (i, t) in items.iter().zip(&types) {
                        self.numeric(i, *t, "列表的元素");
                    }
                    Type::Nums
                }
            }
            ExprKind::Member { base, .. } => {
                let b = self.ty(base);
                match b {
                    Type::Table => Type::Part,
                    Type::Row => Type::Cell,
                    Type::Rows => Type::Nums,
                    Type::Error => Type::Error,
                    other => {
                        let kind = K::Type {
                            context: "`.名称`".into(),
                            expected: "表格、行或行集",
                            found: other.words(),
                        };
                        self.error(&base.span, kind)
                    }
                }
            }
            ExprKind::Index { base, .. } => {
                let b = self.ty(base);
                match b {
                    Type::Table | Type::Part => match &e.kind {
                        ExprKind::Index { key: Key::All, .. } => Type::Rows,
                        _ => Type::Row,
                    },
                    Type::Row => Type::Cell,
                    Type::Rows => Type::Nums,
                    Type::Error => Type::Error,
                    other => {
                        let kind = K::Type {
                            context: "`[键]`".into(),
                            expected: "表格、分部、行或行集",
                            found: other.words(),
                        };
                        self.error(&base.span, kind)
                    }
                }
            }
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => {
                let t = self.ty(operand);
                self.numeric(operand, t, "负号之后")
            }
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => {
                let t = self.ty(operand);
                self.expect(operand, t, &[Type::Bool], "真假值", "`not` 之后");
                Type::Bool
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs),
            ExprKind::Call { name, args } => self.call(e, name, args),
        }
    }

    fn numeric(&mut self, e: &Expr, t: Type, context: &str) -> Type {
        if t.numeric() {
            t
        } else {
            let kind = K::Type {
                context: context.to_string(),
                expected: "数值或百分比",
                found: t.words(),
            };
            self.error(&e.span, kind)
        }
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> Type {
        let l = self.ty(lhs);
        let r = self.ty(rhs);
        let side =
            |left: bool| format!("`{}` 的{}", op.symbol(), if left { "左边" } else { "右边" });
        use BinaryOp::*;
        match op {
            And | Or => {
                self.expect(lhs, l, &[Type::Bool], "真假值", &side(true));
                self.expect(rhs, r, &[Type::Bool], "真假值", &side(false));
                Type::Bool
            }
            Eq | Ne if matches!((l, r), (Type::Text, Type::Text) | (Type::Bool, Type::Bool)) => {
                Type::Bool
            }
            Eq | Ne if l == Type::Text || r == Type::Text => {
                // Text compares with text, and with a cell (which may hold text).
                let other = if l == Type::Text {
                    (rhs, r, false)
                } else {
                    (lhs, l, true)
                };
                self.expect(
                    other.0,
                    other.1,
                    &[Type::Text, Type::Cell],
                    "文字",
                    &side(other.2),
                );
                Type::Bool
            }
            Approx | Eq | Ne | Lt | Le | Gt | Ge => {
                self.numeric(lhs, l, &side(true));
                self.numeric(rhs, r, &side(false));
                self.same_unit(lhs.span.start..rhs.span.end, l, r, "比较");
                Type::Bool
            }
            Add | Sub => {
                let l = self.numeric(lhs, l, &side(true));
                let r = self.numeric(rhs, r, &side(false));
                self.same_unit(
                    lhs.span.start..rhs.span.end,
                    l,
                    r,
                    if op == Add { "相加" } else { "相减" },
                );
                join(l, r)
            }
            Mul => {
                let l = self.numeric(lhs, l, &side(true));
                let r = self.numeric(rhs, r, &side(false));
                match (l, r) {
                    (Type::Pct, Type::Pct) => {
                        let kind = K::Type {
                            context: side(false),
                            expected: "数值（百分比乘百分比没有意义）",
                            found: "百分比",
                        };
                        self.error(&rhs.span, kind)
                    }
                    (Type::Num, Type::Num) | (Type::Num, Type::Pct) | (Type::Pct, Type::Num) => {
                        Type::Num
                    }
                    (Type::Error, _) | (_, Type::Error) => Type::Error,
                    _ => Type::Cell,
                }
            }
            Div => {
                let l = self.numeric(lhs, l, &side(true));
                let r = self.numeric(rhs, r, &side(false));
                if matches!(&rhs.kind, ExprKind::Number(n) if n.is_zero()) {
                    return self.error(&rhs.span, K::DivisionByZero);
                }
                match (l, r) {
                    (Type::Num, Type::Num) | (Type::Pct, Type::Pct) => Type::Num,
                    (Type::Pct, Type::Num) => Type::Pct,
                    (Type::Num, Type::Pct) => self.error(
                        &rhs.span,
                        K::NumberVsPercent {
                            operation: "相除"
                        },
                    ),
                    (Type::Error, _) | (_, Type::Error) => Type::Error,
                    _ => Type::Cell,
                }
            }
        }
    }

    fn same_unit(&mut self, span: Span, l: Type, r: Type, operation: &'static str) {
        if matches!((l, r), (Type::Num, Type::Pct) | (Type::Pct, Type::Num)) {
            self.error(&span, K::NumberVsPercent { operation });
        }
    }

    fn call(&mut self, e: &Expr, name: &str, args: &[Expr]) -> Type {
        let types: Vec<Type> = args.iter().map(|a| self.ty(a)).collect();
        let Some(&(_, min, max)) = FUNCTIONS.iter().find(|(n, _, _)| *n == name) else {
            let known = FUNCTIONS
                .iter()
                .map(|(n, _, _)| *n)
                .collect::<Vec<_>>()
                .join("、");
            return self.error(
                &e.span,
                K::UnknownFunction {
                    name: name.to_string(),
                    known,
                },
            );
        };
        if args.len() < min || args.len() > max {
            let expected = match (min, max) {
                (a, b) if a == b => a.to_string(),
                (a, _) => format!("{a} 个或以上"),
            };
            return self.error(
                &e.span,
                K::Arity {
                    name: name.to_string(),
                    expected,
                    found: args.len(),
                },
            );
        }
        let arg = |i: usize| format!("`{name}` 的第 {} 个参数", i + 1);
        match name {
            "sum" | "min" | "max" => {
                if args.len() == 1 && types[0] == Type::Nums {
                    return Type::Num;
                }
                let mut out = Type::Error;
                for (i, (a, t)) in args.iter().zip(&types).enumerate() {
                    let t = self.numeric(a, *t, &arg(i));
                    out = if i == 0 { t } else { join(out, t) };
                }
                out
            }
            "count" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Rows, Type::Nums, Type::Texts],
                    "行集或列表",
                    &arg(0),
                );
                Type::Num
            }
            "abs" => self.numeric(&args[0], types[0], &arg(0)),
            "round" => {
                self.expect(
                    &args[1],
                    types[1],
                    &[Type::Num],
                    "数值（小数位数）",
                    &arg(1),
                );
                self.numeric(&args[0], types[0], &arg(0))
            }
            "share" | "rate" | "growth" => {
                for (i, (a, t)) in args.iter().zip(&types).enumerate() {
                    self.expect(
                        a,
                        *t,
                        &[Type::Num, Type::Cell],
                        "数值（不是百分比）",
                        &arg(i),
                    );
                }
                Type::Pct
            }
            "rows" | "parents" | "numbered" | "top_numbered" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Table, Type::Part],
                    "表格或分部",
                    &arg(0),
                );
                Type::Rows
            }
            "level" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Table, Type::Part],
                    "表格或分部",
                    &arg(0),
                );
                self.expect(
                    &args[1],
                    types[1],
                    &[Type::Num],
                    "数值（编码位数）",
                    &arg(1),
                );
                Type::Rows
            }
            "every_part" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text],
                    "文字（分部名称）",
                    &arg(0),
                );
                Type::Rows
            }
            "sibling" => {
                self.expect(&args[0], types[0], &[Type::Row], "行", &arg(0));
                self.expect(
                    &args[1],
                    types[1],
                    &[Type::Text],
                    "文字（分部名称）",
                    &arg(1),
                );
                Type::Part
            }
            "where" | "written" => {
                self.expect(&args[0], types[0], &[Type::Rows], "行集", &arg(0));
                self.expect(&args[1], types[1], &[Type::Text], "文字（列名）", &arg(1));
                if name == "where" {
                    self.expect(
                        &args[2],
                        types[2],
                        &[Type::Text, Type::Cell],
                        "文字",
                        &arg(2),
                    );
                }
                Type::Rows
            }
            "item_rows" => {
                self.expect(&args[0], types[0], &[Type::Table], "表格", &arg(0));
                for i in 1..4 {
                    self.expect(
                        &args[i],
                        types[i],
                        &[Type::Text, Type::Cell],
                        "文字（科目名称）",
                        &arg(i),
                    );
                }
                Type::Rows
            }
            "in_unit" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Num, Type::Cell],
                    "金额",
                    &arg(0),
                );
                self.expect(
                    &args[1],
                    types[1],
                    &[Type::Text],
                    "文字（单位：“万元”或“元”）",
                    &arg(1),
                );
                Type::Num
            }
            "number_in" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text, Type::Cell],
                    "文字",
                    &arg(0),
                );
                Type::Num
            }
            "band" => {
                self.numeric(&args[0], types[0], &arg(0));
                self.expect(
                    &args[1],
                    types[1],
                    &[Type::Nums],
                    "数值列表（分界，由高到低）",
                    &arg(1),
                );
                self.expect(
                    &args[2],
                    types[2],
                    &[Type::Texts],
                    "文字列表（各档名称）",
                    &arg(2),
                );
                Type::Text
            }
            "children" => {
                self.expect(&args[0], types[0], &[Type::Row], "行", &arg(0));
                Type::Rows
            }
            "blank" => {
                self.expect(&args[0], types[0], &[Type::Cell], "单元格", &arg(0));
                Type::Bool
            }
            "table" | "has_table" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text],
                    "文字（表格编号）",
                    &arg(0),
                );
                if name == "table" {
                    Type::Table
                } else {
                    Type::Bool
                }
            }
            "contains" | "only" | "starts_with" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text, Type::Cell],
                    "文字",
                    &arg(0),
                );
                self.expect(&args[1], types[1], &[Type::Text], "文字", &arg(1));
                Type::Bool
            }
            "len" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text, Type::Cell],
                    "文字",
                    &arg(0),
                );
                Type::Num
            }
            "items" => {
                self.expect(&args[0], types[0], &[Type::Text], "文字", &arg(0));
                Type::Num
            }
            "percents" | "amounts" => {
                self.expect(&args[0], types[0], &[Type::Text], "文字", &arg(0));
                if name == "amounts" {
                    self.expect(
                        &args[1],
                        types[1],
                        &[Type::Text],
                        "文字（单位，如“万元”）",
                        &arg(1),
                    );
                }
                Type::Nums
            }
            "paragraphs" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text],
                    "文字（部分的标题）",
                    &arg(0),
                );
                self.expect(&args[1], types[1], &[Type::Text], "文字", &arg(1));
                Type::Num
            }
            "tables_titled" => {
                self.expect(&args[0], types[0], &[Type::Text], "文字", &arg(0));
                Type::Num
            }
            "named" | "column_named" => {
                // `named(rows, text)` picks a row, `column_named(row, text)` a row's cell.
                let (of, what, gives) = if name == "named" {
                    (Type::Rows, "行集", Type::Rows)
                } else {
                    (Type::Row, "行", Type::Nums)
                };
                self.expect(&args[0], types[0], &[of], what, &arg(0));
                self.expect(
                    &args[1],
                    types[1],
                    &[Type::Text, Type::Cell],
                    "文字",
                    &arg(1),
                );
                gives
            }
            "budget_amount" | "previous_amount" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text],
                    "文字（金额前的词语）",
                    &arg(0),
                );
                Type::Nums
            }
            "unit_of" => {
                self.expect(&args[0], types[0], &[Type::Table], "表格", &arg(0));
                Type::Text
            }
            "item_of" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text, Type::Cell],
                    "文字",
                    &arg(0),
                );
                Type::Text
            }
            "subject_row" => {
                self.expect(&args[0], types[0], &[Type::Table], "表格", &arg(0));
                for (i, (a, t)) in args.iter().zip(&types).enumerate().skip(1) {
                    self.expect(
                        a,
                        *t,
                        &[Type::Text, Type::Cell],
                        "文字（科目名称）",
                        &arg(i),
                    );
                }
                Type::Rows
            }
            "no_data" => {
                self.expect(&args[0], types[0], &[Type::Table], "表格", &arg(0));
                Type::Bool
            }
            "year" => Type::Num,
            "kind" | "scope" => Type::Text,
            "code" | "name" | "code_column" | "previous_of_code" => {
                self.expect(&args[0], types[0], &[Type::Row], "行", &arg(0));
                if name == "previous_of_code" {
                    Type::Row
                } else {
                    Type::Text
                }
            }
            "coded_rows" => {
                self.expect(
                    &args[0],
                    types[0],
                    &[Type::Text],
                    "文字（编码列的列名所含的文字）",
                    &arg(0),
                );
                Type::Rows
            }
            "same_name" | "ends_with_name" | "last_phrase" | "concat" | "unbracketed" => {
                for (i, (a, t)) in args.iter().zip(&types).enumerate() {
                    self.expect(a, *t, &[Type::Text, Type::Cell], "文字", &arg(i));
                }
                if name == "same_name" || name == "ends_with_name" {
                    Type::Bool
                } else {
                    Type::Text
                }
            }
            "subject_name" | "subject_code" | "subject_note" => {
                // (分类, 编码或名称, [名称,] 年度或位数)
                let last = args.len() - 1;
                for (i, (a, t)) in args.iter().zip(&types).enumerate() {
                    if i == last {
                        let what = if name == "subject_code" {
                            "数值（编码位数）"
                        } else {
                            "数值（年度）"
                        };
                        self.expect(a, *t, &[Type::Num], what, &arg(i));
                    } else {
                        self.expect(a, *t, &[Type::Text, Type::Cell], "文字", &arg(i));
                    }
                }
                Type::Text
            }
            // Every function of FUNCTIONS is typed above (a unit test calls each); were one
            // forgotten, its calls would go unchecked rather than abort the run.
            _ => Type::Error,
        }
    }
}

/// The type of `a op b` for `+ - min max sum`: a cell takes the other side's unit.
fn join(a: Type, b: Type) -> Type {
    match (a, b) {
        (Type::Error, _) | (_, Type::Error) => Type::Error,
        (Type::Cell, t) | (t, Type::Cell) => t,
        (t, _) => t,
    }
}

fn known(names: impl Iterator<Item = String>, label: &str) -> String {
    let names: Vec<String> = names.collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("；{label}：{}", names.join("、"))
    }
}
