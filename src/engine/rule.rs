//! A rule ready to run: its expressions compiled, its severity and params settled (after the
//! overrides of the packs that extend it).

use std::collections::BTreeMap;

use crate::diagnostics::Severity;
use crate::expr::{Expr, Template, Value};

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its stable id: `t05-row-total`.
    pub id: String,
    /// Its severity, after overrides.
    pub severity: Severity,
    /// Its one-line title, for messages about the rule itself.
    pub title: String,
    /// The tables it is about: absent ones make it inapplicable.
    pub tables: Vec<String>,
    /// A condition for it to apply.
    pub when: Option<Expr>,
    /// Its params (`param.NAME`), pack and rule params merged.
    pub params: BTreeMap<String, Value<'static>>,
    /// What it checks.
    pub check: Check,
}

/// A compiled check (docs/packs.md).
#[derive(Debug, Clone)]
pub enum Check {
    /// An identity or inequality: `that` must hold (for each row of `each`).
    Assert {
        /// Rows to check one by one, bound to `row`.
        each: Option<Expr>,
        /// What must hold.
        that: Expr,
        /// The message when it does not.
        message: Template,
        /// How to fix it.
        help: Option<Template>,
    },
    /// A total equals its parts, up to rounding.
    Sum {
        /// Rows to check one by one, bound to `row`.
        each: Option<Expr>,
        /// Columns to check one by one, bound to `col`.
        columns: Vec<String>,
        /// The total.
        total: Expr,
        /// The parts.
        parts: Parts,
        /// The message (a default names the total, the sum and the difference).
        message: Option<Template>,
    },
    /// A value must not exceed a limit.
    Ceiling {
        /// Rows to check one by one, bound to `row`.
        each: Option<Expr>,
        /// The value.
        value: Expr,
        /// The limit.
        limit: Expr,
        /// The message when it is exceeded.
        message: Template,
    },
    /// What the prose states agrees with the tables.
    Claim(Box<Claim>),
}

/// A claim: sentences found by patterns, whose captures must agree with the tables.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The sections to search (headings' titles), with their subsections; all prose when empty.
    pub sections: Vec<String>,
    /// The patterns.
    pub patterns: Vec<super::Pattern>,
    /// What must hold for each match; sees the captures by name.
    pub that: Expr,
    /// The message when it does not.
    pub message: Template,
    /// How to fix it.
    pub help: Option<Template>,
}

/// The parts of a sum.
#[derive(Debug, Clone)]
pub enum Parts {
    /// One expression giving a list: `children(row).小计`.
    List(Expr),
    /// Several expressions: `[row.基本支出, row.项目支出]`.
    Each(Vec<Expr>),
}

impl Check {
    /// The row set the check runs over, if any.
    pub fn each(&self) -> Option<&Expr> {
        match self {
            Check::Assert { each, .. } | Check::Sum { each, .. } | Check::Ceiling { each, .. } => {
                each.as_ref()
            }
            Check::Claim(_) => None,
        }
    }
}
