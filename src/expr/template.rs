//! Message templates: text in which `{EXPR}` is replaced by the value of an expression, as in
//! `"小计 {row.小计} 不等于基本支出 {row.基本支出} 与项目支出 {row.项目支出} 之和"`. `{{` and `}}`
//! stand for braces. Each expression is compiled when the pack loads, located in the template.

use serde::{Deserialize, Serialize};

use super::ast::{Expr, Span};
use super::check::{check, Scope};
use super::error::{ExprError, ExprErrorKind};
use super::parse::parse;

/// A compiled template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Its pieces, in order.
    pub parts: Vec<Piece>,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    /// Text, as is.
    Text(String),
    /// `{EXPR}`: replaced by the value. Spans in the expression are relative to `offset`.
    Expr {
        /// The expression.
        expr: Expr,
        /// Where its text starts in the template.
        offset: usize,
    },
}

/// Compiles a template; every error is located in the template's text.
///
/// ```
/// use fislint::expr::{compile_template, Piece, Scope, Type};
/// let t = compile_template("合计 {row.小计} 万元", &Scope::default().bind("row", Type::Row)).unwrap();
/// assert_eq!(t.parts.len(), 3);
/// assert!(matches!(t.parts[1], Piece::Expr { offset: 8, .. }));
/// ```
pub fn compile_template(text: &str, scope: &Scope) -> Result<Template, Vec<ExprError>> {
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let mut literal = String::new();
    let mut rest = text.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        match c {
            '{' if rest.peek().map(|&(_, n)| n) == Some('{') => {
                rest.next();
                literal.push('{');
            }
            '}' if rest.peek().map(|&(_, n)| n) == Some('}') => {
                rest.next();
                literal.push('}');
            }
            '{' => {
                let start = i + 1;
                let Some(len) = text[start..].find('}') else {
                    errors.push(unclosed(i, text.len()));
                    break;
                };
                // Skip the expression's characters.
                while rest.peek().is_some_and(|&(j, _)| j < start + len + 1) {
                    rest.next();
                }
                if !literal.is_empty() {
                    parts.push(Piece::Text(std::mem::take(&mut literal)));
                }
                let source = &text[start..start + len];
                match parse(source) {
                    Ok(expr) => {
                        if let Err(es) = check(&expr, scope) {
                            errors.extend(es.into_iter().map(|e| shift(e, start)));
                        }
                        parts.push(Piece::Expr {
                            expr,
                            offset: start,
                        });
                    }
                    Err(e) => errors.push(shift(e, start)),
                }
            }
            '}' => errors.push(ExprError::new(
                i..i + 1,
                ExprErrorKind::Syntax {
                    expected: "文字（右花括号请写作 `}}`）".into(),
                    found: "`}`".into(),
                },
            )),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(Piece::Text(literal));
    }
    if errors.is_empty() {
        Ok(Template { parts })
    } else {
        Err(errors)
    }
}

fn shift(mut e: ExprError, by: usize) -> ExprError {
    e.span = e.span.start + by..e.span.end + by;
    e
}

fn unclosed(at: usize, end: usize) -> ExprError {
    let _ = end;
    let span: Span = at..at + 1;
    ExprError::new(
        span,
        ExprErrorKind::Syntax {
            expected: "与 `{` 配对的 `}`".into(),
            found: "模板结尾".into(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::Type;

    fn scope() -> Scope {
        Scope::default().bind("row", Type::Row)
    }

    #[test]
    fn text_and_expressions_alternate() {
        let t =
            compile_template("小计 {row.小计} ≠ {row.基本支出 + row.项目支出}", &scope()).unwrap();
        let kinds: Vec<bool> = t
            .parts
            .iter()
            .map(|p| matches!(p, Piece::Expr { .. }))
            .collect();
        assert_eq!(kinds, [false, true, false, true]);
    }

    #[test]
    fn doubled_braces_are_braces() {
        let t = compile_template("{{不是表达式}}", &scope()).unwrap();
        assert_eq!(t.parts, [Piece::Text("{不是表达式}".into())]);
    }

    #[test]
    fn errors_are_located_in_the_template() {
        let text = "合计 {row.小计 +} 与 {nope}";
        let errors = compile_template(text, &scope()).unwrap_err();
        let at: Vec<(&str, usize)> = errors
            .iter()
            .map(|e| (e.kind.code(), e.span.start))
            .collect();
        let close = text.find('}').unwrap();
        assert_eq!(
            at,
            [
                ("expr/syntax", close),
                ("expr/unknown-name", text.find("nope").unwrap())
            ]
        );
        let errors = compile_template("合计 {row.小计", &scope()).unwrap_err();
        assert_eq!(errors[0].span.start, "合计 ".len());
        let errors = compile_template("孤立的 } 括号", &scope()).unwrap_err();
        assert_eq!(errors[0].kind.code(), "expr/syntax");
    }
}
