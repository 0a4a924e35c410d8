//! The syntax tree of an expression. Every node keeps its byte span in the expression's text,
//! so an error or a finding can point at the very part of a rule it is about.

use std::ops::Range;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A span in the expression's text.
pub type Span = Range<usize>;

/// An expression node with its span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is in the expression's text.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExprKind {
    /// `1022.32`: an exact number.
    Number(#[serde(with = "crate::measure::decimal_bits")] Decimal),
    /// `10%`: an exact percentage, in percent units (10, not 0.1).
    Percent(#[serde(with = "crate::measure::decimal_bits")] Decimal),
    /// `true`, `false`.
    Bool(bool),
    /// `"主要原因是"`.
    Text(String),
    /// `t05` (id `05`); `table("附件1-1")` is a [`ExprKind::Call`].
    Table(String),
    /// `param.deviation-threshold` (name `deviation-threshold`).
    Param(String),
    /// `row`, `col`, or a capture of a claim pattern.
    Var(String),
    /// `[a, b, c]`: a list.
    List(Vec<Expr>),
    /// `sum(children(row).小计)`.
    Call {
        /// The function's name.
        name: String,
        /// Its arguments.
        args: Vec<Expr>,
    },
    /// `t01.收入` (a part), `row.小计` (a cell), `rows(t05).小计` (a column over rows).
    Member {
        /// What the name is looked up in.
        base: Box<Expr>,
        /// The name: a part or a column header.
        name: String,
        /// The span of the name.
        name_span: Span,
    },
    /// `t05[合计]`, `t05[2010301]`, `t05[*]`, `row[col]`.
    Index {
        /// What is indexed.
        base: Box<Expr>,
        /// The key.
        key: Key,
        /// The span of the key.
        key_span: Span,
    },
    /// `-x`, `not x`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// Its operand.
        operand: Box<Expr>,
    },
    /// `a + b`, `a ~= b`, `a and b`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// The left operand.
        lhs: Box<Expr>,
        /// The right operand.
        rhs: Box<Expr>,
    },
}

/// The key of an index: which row (of a table or part), or which column (of a row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Key {
    /// `[*]`: every row.
    All,
    /// `[2010301]`: a 科目编码 (all digits).
    Code(String),
    /// `[合计]`, `["其中：当年财政拨款"]`: a row name, or a column header on a row.
    Name(String),
}

/// A unary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `not x`
    Not,
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinaryOp {
    /// `a or b`
    Or,
    /// `a and b`
    And,
    /// `a ~= b`: equal up to rounding (the intervals overlap).
    Approx,
    /// `a == b`
    Eq,
    /// `a != b`
    Ne,
    /// `a < b`
    Lt,
    /// `a <= b`
    Le,
    /// `a > b`
    Gt,
    /// `a >= b`
    Ge,
    /// `a + b`
    Add,
    /// `a - b`
    Sub,
    /// `a * b`
    Mul,
    /// `a / b`
    Div,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Or => "or",
            And => "and",
            Approx => "~=",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
        }
    }

    /// Whether it compares (and so gives a bool).
    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Approx | Eq | Ne | Lt | Le | Gt | Ge)
    }
}
