//! Text to syntax tree, with `grammar/expr.pest`. A syntax error is located in the expression's
//! text and says in words what was expected.

use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser;
use rust_decimal::Decimal;

use super::ast::*;
use super::error::{ExprError, ExprErrorKind};
use crate::text::unescape;

use generated::ExprParser;
pub use generated::Rule;

#[allow(missing_docs)]
mod generated {
    use pest_derive::Parser;

    /// The parser generated from `grammar/expr.pest`.
    #[derive(Parser)]
    #[grammar = "../grammar/expr.pest"]
    pub struct ExprParser;
}

/// Parses an expression.
///
/// ```
/// let e = fislint::expr::parse("t05[合计].小计 ~= 1022.32").unwrap();
/// assert!(matches!(e.kind, fislint::expr::ExprKind::Binary { .. }));
/// ```
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    within_limits(text)?;
    let mut pairs = ExprParser::parse(Rule::expression, text).map_err(|e| syntax_error(e, text))?;
    let whole = 0..text.len();
    let expression = child(pairs.next(), &whole, "表达式")?;
    let expr = child(expression.into_inner().next(), &whole, "表达式")?;
    build(expr)
}

/// A child the grammar promises; its absence is an internal error at `at`, not a panic.
fn child<'i>(
    pair: Option<Pair<'i, Rule>>,
    at: &Span,
    what: &'static str,
) -> Result<Pair<'i, Rule>, ExprError> {
    pair.ok_or_else(|| ExprError::new(at.clone(), ExprErrorKind::Internal { what }))
}

/// The deepest nesting of brackets an expression may have: parsing, checking and evaluating
/// recurse into each level, and a pack is someone else's data.
pub const MAX_DEPTH: usize = 64;

/// The most operators an expression may have (each is a level of the tree, and `not`/`-` chains
/// recurse while parsing).
pub const MAX_OPERATORS: usize = 512;

/// The most selectors (`.小计`, `[合计]`) and brackets an expression may have: a chain of
/// selectors (`t05.小计.小计…`) nests one level of the tree per selector without nesting any
/// bracket, and calls and lists are nodes too.
pub const MAX_SELECTORS: usize = 512;

/// Refuses, before any recursion, an expression nested or chained beyond the limits: a
/// 10,000-level nesting is an error at the bracket that goes too deep, not a stack overflow.
fn within_limits(text: &str) -> Result<(), ExprError> {
    let (mut depth, mut operators, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    let mut selectors = 0usize;
    // Inside a number (`1022.32`), whose one `.` is its decimal point, not a selector.
    let (mut in_number, mut has_point) = (false, false);
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        let too = |what: String| ExprError {
            span: at..at + c.len_utf8(),
            kind: ExprErrorKind::TooComplex { what },
        };
        let digit_follows = || text[at + 1..].starts_with(|ch: char| ch.is_ascii_digit());
        if c.is_ascii_digit() {
            // A number starts where no name or selector is being written (`t05`, `.2021` are names).
            if !(in_number || previous.is_alphanumeric() || previous == '_' || previous == '.') {
                (in_number, has_point) = (true, false);
            }
        } else if !(in_number && c == '.' && !has_point && digit_follows()) {
            in_number = false;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' => {
                depth += 1;
                selectors += 1;
                if depth > MAX_DEPTH {
                    return Err(too(format!("括号嵌套超过 {MAX_DEPTH} 层")));
                }
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            '.' if in_number => has_point = true,
            '.' => selectors += 1,
            '+' | '-' | '*' | '/' | '<' | '>' | '=' | '~' | '!' => operators += 1,
            // `not`, `and`, `or` as words.
            'n' | 'a' | 'o' if !previous.is_alphanumeric() && previous != '_' => {
                let rest = &text[at..];
                let word = ["not", "and", "or"].iter().any(|w| {
                    rest.strip_prefix(w).is_some_and(|r| {
                        !r.starts_with(|ch: char| ch.is_alphanumeric() || ch == '_')
                    })
                });
                operators += usize::from(word);
            }
            _ => {}
        }
        if operators > MAX_OPERATORS {
            return Err(too(format!("运算符超过 {MAX_OPERATORS} 个")));
        }
        if selectors > MAX_SELECTORS {
            return Err(too(format!(
                "选择符（`.名称`、`[…]`）与括号超过 {MAX_SELECTORS} 个"
            )));
        }
        previous = c;
    }
    Ok(())
}

fn span(p: &Pair<'_, Rule>) -> Span {
    p.as_span().start()..p.as_span().end()
}

fn build(p: Pair<'_, Rule>) -> Result<Expr, ExprError> {
    let sp = span(&p);
    Ok(match p.as_rule() {
        Rule::expr | Rule::primary | Rule::not_expr | Rule::unary | Rule::comparison
            if p.clone().into_inner().count() == 1 =>
        {
            build(child(p.into_inner().next(), &sp, "子节点")?)?
        }
        Rule::or_expr | Rule::and_expr | Rule::sum_expr | Rule::product | Rule::comparison => {
            binary_chain(p)?
        }
        Rule::not_expr | Rule::unary => {
            let mut inner = p.into_inner();
            let op = child(inner.next(), &sp, "运算符")?;
            let operand = Box::new(build(child(inner.next(), &sp, "运算对象")?)?);
            let op = if op.as_rule() == Rule::not_op {
                UnaryOp::Not
            } else {
                UnaryOp::Neg
            };
            Expr {
                kind: ExprKind::Unary { op, operand },
                span: sp,
            }
        }
        Rule::postfix => {
            let mut inner = p.into_inner();
            let mut expr = build(child(inner.next(), &sp, "值")?)?;
            for selector in inner {
                expr = select(expr, selector)?;
            }
            expr
        }
        Rule::number => Expr {
            kind: ExprKind::Number(decimal(p.as_str())),
            span: sp,
        },
        Rule::percent => {
            let digits = child(p.into_inner().next(), &sp, "数字")?.as_str();
            Expr {
                kind: ExprKind::Percent(decimal(digits)),
                span: sp,
            }
        }
        Rule::boolean => Expr {
            kind: ExprKind::Bool(p.as_str() == "true"),
            span: sp,
        },
        Rule::string => Expr {
            kind: ExprKind::Text(unescape(p.as_str())),
            span: sp,
        },
        Rule::table_ref => Expr {
            kind: ExprKind::Table(p.as_str()[1..].to_string()),
            span: sp,
        },
        Rule::companion_ref => {
            let mut inner = p.into_inner();
            let doc = match child(inner.next(), &sp, "对照报告")?.as_str() {
                "budget" => Doc::Budget,
                _ => Doc::Previous,
            };
            let table = child(inner.next(), &sp, "表格")?;
            Expr {
                kind: ExprKind::CompanionTable {
                    doc,
                    id: table.as_str()[1..].to_string(),
                },
                span: sp,
            }
        }
        Rule::param_ref => {
            let name = child(p.into_inner().next(), &sp, "参数名")?
                .as_str()
                .to_string();
            Expr {
                kind: ExprKind::Param(name),
                span: sp,
            }
        }
        Rule::variable => Expr {
            kind: ExprKind::Var(p.as_str().to_string()),
            span: sp,
        },
        Rule::list => Expr {
            kind: ExprKind::List(p.into_inner().map(build).collect::<Result<_, _>>()?),
            span: sp,
        },
        Rule::call => {
            let mut inner = p.into_inner();
            let name = child(inner.next(), &sp, "函数名")?.as_str().to_string();
            let args = inner.map(build).collect::<Result<_, _>>()?;
            Expr {
                kind: ExprKind::Call { name, args },
                span: sp,
            }
        }
        _ => {
            return Err(ExprError::new(
                sp,
                ExprErrorKind::Internal {
                    what: "可识别的节点",
                },
            ))
        }
    })
}

/// `a op b op c`, left-associative.
fn binary_chain(p: Pair<'_, Rule>) -> Result<Expr, ExprError> {
    let sp = span(&p);
    let mut inner = p.into_inner();
    let mut lhs = build(child(inner.next(), &sp, "运算对象")?)?;
    while let Some(op) = inner.next() {
        let rhs = build(child(inner.next(), &sp, "运算符后的运算对象")?)?;
        let op = operator(op.as_str());
        let sp = lhs.span.start..rhs.span.end;
        lhs = Expr {
            kind: ExprKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span: sp,
        };
    }
    Ok(lhs)
}

fn operator(text: &str) -> BinaryOp {
    use BinaryOp::*;
    match text {
        "or" => Or,
        "and" => And,
        "~=" => Approx,
        "==" => Eq,
        "!=" => Ne,
        "<=" => Le,
        ">=" => Ge,
        "<" => Lt,
        ">" => Gt,
        "+" => Add,
        "-" => Sub,
        "*" => Mul,
        _ => Div,
    }
}

fn select(base: Expr, selector: Pair<'_, Rule>) -> Result<Expr, ExprError> {
    let at = span(&selector);
    let inner = child(selector.into_inner().next(), &at, "`[行]` 或 `.列`")?;
    let end = inner.as_span().end();
    let sp = base.span.start..end;
    Ok(match inner.as_rule() {
        Rule::member => {
            let name = child(inner.into_inner().next(), &at, "列名")?;
            let name_span = span(&name);
            let text = if name.as_rule() == Rule::string {
                unescape(name.as_str())
            } else {
                name.as_str().to_string()
            };
            Expr {
                kind: ExprKind::Member {
                    base: Box::new(base),
                    name: text,
                    name_span,
                },
                span: sp,
            }
        }
        _ => {
            let key = child(inner.into_inner().next(), &at, "行名")?;
            let key_span = span(&key);
            let key = match key.as_rule() {
                Rule::all_rows => Key::All,
                Rule::string => Key::Name(unescape(key.as_str())),
                _ => {
                    let k = key.as_str().trim();
                    if !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) {
                        Key::Code(k.to_string())
                    } else {
                        Key::Name(k.to_string())
                    }
                }
            };
            Expr {
                kind: ExprKind::Index {
                    base: Box::new(base),
                    key,
                    key_span,
                },
                span: sp,
            }
        }
    })
}

fn decimal(digits: &str) -> Decimal {
    // The grammar admits only digits with an optional fraction; beyond 28 digits the checker
    // reports the literal (see `check`), so saturate here rather than fail.
    Decimal::from_str_exact(digits).unwrap_or(Decimal::MAX)
}

fn syntax_error(e: pest::error::Error<Rule>, text: &str) -> ExprError {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((a, _)) => a,
    };
    let found = text[pos..].chars().next();
    let mut words: Vec<&str> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(w) = describe(*r) {
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
    }
    let expected = match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{}或{last}", init.join("、")),
    };
    let found = found.map_or_else(|| "表达式结尾".to_string(), |c| format!("`{c}`"));
    let end = pos + text[pos..].chars().next().map_or(0, char::len_utf8);
    ExprError::new(pos..end, ExprErrorKind::Syntax { expected, found })
}

fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::expr | Rule::primary | Rule::postfix | Rule::unary => "值（数字、引用、函数调用……）",
        Rule::number | Rule::percent => "数字",
        Rule::string => "带引号的文字",
        Rule::table_ref => "表格（如 `t05`）",
        Rule::companion_ref | Rule::companion => "对照报告的表格（如 `budget.t05`）",
        Rule::param_ref | Rule::param_name => "参数名",
        Rule::call => "函数调用",
        Rule::variable | Rule::identifier => "名称",
        Rule::name => "列名或分部名",
        Rule::key | Rule::all_rows => "行名、科目编码或 `*`",
        Rule::selector | Rule::index | Rule::member => "`[行]` 或 `.列`",
        Rule::cmp_op => "比较运算符",
        Rule::add_op | Rule::mul_op => "运算符",
        Rule::or_op | Rule::and_op => "`and`/`or`",
        Rule::EOI => "表达式结尾",
        _ => return None,
    })
}
