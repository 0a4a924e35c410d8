//! The rule expression language (docs/expressions.md, `grammar/expr.pest`): syntax, parsing,
//! static checking, evaluation against a report. Every check of a rule pack is an expression; packs are checked when they
//! load, so a rule author learns of a mistake before any report is read.

mod ast;
mod check;
mod error;
mod eval;
mod parse;
mod template;

pub use ast::{BinaryOp, Doc, Expr, ExprKind, Key, Span, UnaryOp};
pub use check::{check, Scope, Type, FUNCTIONS};
pub use error::{ExprError, ExprErrorKind};
pub use eval::{
    common_unit, eval, in_common, sum_nums, Companions, Comparison, Env, EvalError, EvalErrorKind,
    Num, Origin, RowRef, Trace, Value,
};
pub use parse::parse;
pub use template::{compile_template, Piece, Template};

/// Parses and checks an expression: its tree and type, or every error found.
pub fn compile(text: &str, scope: &Scope) -> Result<(Expr, Type), Vec<ExprError>> {
    let expr = parse(text).map_err(|e| vec![e])?;
    let ty = check(&expr, scope)?;
    Ok((expr, ty))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_eval;
#[cfg(test)]
mod tests_subjects;
