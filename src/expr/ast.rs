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
    /// `budget.t05`, `previous.t01`: a table of a companion report (the same year's 预算 given
    /// by `--budget`, last year's report given by `--previous`). A rule that names one runs only
    /// when that companion is given.
    CompanionTable {
        /// Which companion.
        doc: Doc,
        /// The table id (`05`).
        id: String,
    },
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

/// A companion report a rule can read besides the report checked (docs/expressions.md,
/// "对照报告").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Doc {
    /// `budget`: the same year's 预算 report (`--budget`), for a 决算.
    Budget,
    /// `previous`: last year's report of the same kind (`--previous`).
    Previous,
}

impl Doc {
    /// As written in a rule: `budget`, `previous`.
    pub fn keyword(self) -> &'static str {
        match self {
            Doc::Budget => "budget",
            Doc::Previous => "previous",
        }
    }

    /// The option that gives it: `--budget`, `--previous`.
    pub fn option(self) -> &'static str {
        match self {
            Doc::Budget => "--budget",
            Doc::Previous => "--previous",
        }
    }

    /// In words, for labels and messages: `预算报告`, `上年报告`.
    pub fn words(self) -> &'static str {
        match self {
            Doc::Budget => "同年预算报告",
            Doc::Previous => "上年报告",
        }
    }
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

impl Expr {
    /// Every node of the expression, this one first.
    pub fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        match &self.kind {
            ExprKind::List(items) | ExprKind::Call { args: items, .. } => {
                for i in items {
                    i.walk(f);
                }
            }
            ExprKind::Member { base, .. } | ExprKind::Index { base, .. } => base.walk(f),
            ExprKind::Unary { operand, .. } => operand.walk(f),
            ExprKind::Binary { lhs, rhs, .. } => {
                lhs.walk(f);
                rhs.walk(f);
            }
            _ => {}
        }
    }

    /// The companion reports the expression reads (`budget.t05`, `previous_amount(…)`).
    pub fn companions(&self, out: &mut Vec<Doc>) {
        self.walk(&mut |e| {
            let doc = match &e.kind {
                ExprKind::CompanionTable { doc, .. } => Some(*doc),
                ExprKind::Call { name, .. } if name == "budget_amount" => Some(Doc::Budget),
                ExprKind::Call { name, .. } if name == "previous_amount" => Some(Doc::Previous),
                _ => None,
            };
            if let Some(d) = doc.filter(|d| !out.contains(d)) {
                out.push(d);
            }
        });
    }
}
