//! A rule ready to run: its expressions compiled, its severity and params settled (after the
//! overrides of the packs that extend it).

use std::collections::BTreeMap;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::expr::{Doc, Expr, Template, Value};
use crate::severity::Severity;
use crate::subjects::Classification;

/// A compiled rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    /// Its stable id: `t05-row-total`.
    pub id: String,
    /// Its severity, after overrides.
    pub severity: Severity,
    /// Its one-line title, for messages about the rule itself.
    pub title: String,
    /// Which regulation or identity it enforces, shown as a finding's note.
    pub rationale: String,
    /// The tables it is about: absent ones make it inapplicable.
    pub tables: Vec<String>,
    /// A condition for it to apply.
    pub when: Option<Expr>,
    /// Its params (`param.NAME`), pack and rule params merged.
    #[serde(with = "param_values")]
    pub params: BTreeMap<String, Value<'static>>,
    /// What it checks.
    pub check: Check,
    /// The classification of 科目 its `subject_…` functions look names up in (the pack's
    /// `classification`); `None` for a rule that calls none of them.
    #[serde(with = "shared")]
    pub subjects: Option<Arc<Classification>>,
    /// The companion reports it reads (`budget.t05`, `previous_amount(…)`): it runs only when
    /// all of them are given.
    pub companions: Vec<Doc>,
}

impl Rule {
    /// The companion reports the expressions of `check` and `when` read, in the order met.
    pub fn companions_of(check: &Check, when: Option<&Expr>) -> Vec<Doc> {
        let mut out = Vec::new();
        let mut exprs: Vec<&Expr> = when.into_iter().collect();
        let mut templates: Vec<&Template> = Vec::new();
        match check {
            Check::Assert {
                each,
                that,
                message,
                help,
            } => {
                exprs.extend(each.iter().chain([that]));
                templates.extend(std::iter::once(message).chain(help));
            }
            Check::Sum {
                each,
                total,
                parts,
                message,
                ..
            } => {
                exprs.extend(each.iter().chain([total]));
                match parts {
                    Parts::List(e) => exprs.push(e),
                    Parts::Each(es) => exprs.extend(es),
                }
                templates.extend(message);
            }
            Check::Ceiling {
                each,
                value,
                limit,
                message,
            } => {
                exprs.extend(each.iter().chain([value, limit]));
                templates.push(message);
            }
            Check::Claim(c) => {
                exprs.push(&c.that);
                templates.extend(std::iter::once(&c.message).chain(&c.help));
            }
            Check::Require(r) => templates.extend(&r.message),
            Check::Explain(x) => {
                exprs.extend(x.each.iter().chain([&x.when, &x.min_length]));
                templates.push(&x.message);
            }
        }
        for t in templates {
            for p in &t.parts {
                if let crate::expr::Piece::Expr { expr, .. } = p {
                    exprs.push(expr);
                }
            }
        }
        for e in exprs {
            e.companions(&mut out);
        }
        out
    }
}

/// A compiled check (docs/packs.md).
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// What must be present.
    Require(Box<Require>),
    /// A condition that needs an explanation in the prose.
    Explain(Box<Explain>),
}

/// A claim: sentences found by patterns, whose captures must agree with the tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// Also match across a paragraph and the next (`with-next: true`): an item's title and its
    /// sentence printed as two paragraphs.
    #[serde(default)]
    pub with_next: bool,
}

/// What must be present in a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Require {
    /// Table ids that must be present.
    pub tables: Vec<String>,
    /// Texts each of which some table's title must contain.
    pub titled: Vec<String>,
    /// Sections that must be present: a name and its aliases.
    pub sections: Vec<(String, Vec<String>)>,
    /// Text that must appear in a section: (the section's possible titles, texts one of which
    /// must appear).
    pub phrases: Vec<(Vec<String>, Vec<String>)>,
    /// A table without data must carry a note saying so.
    pub empty_table_note: bool,
    /// Words one of which an empty table's note must contain.
    pub empty_markers: Vec<String>,
    /// The contents listing and the headings must agree.
    pub contents: bool,
    /// The message (a default names what is missing).
    pub message: Option<Template>,
}

/// A numeric condition that needs an explanation in the prose.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Explain {
    /// Rows to check one by one, bound to `row`; the explanation is looked for where the prose
    /// names the row.
    pub each: Option<Expr>,
    /// The condition that needs explaining.
    pub when: Expr,
    /// The sections to search, with their subsections; all prose when empty.
    pub sections: Vec<String>,
    /// What introduces a reason: `主要原因是`, …
    pub markers: Vec<String>,
    /// The shortest reason that counts, in characters.
    pub min_length: Expr,
    /// Reasons that say nothing (`无此项支出`).
    pub tautologies: Vec<String>,
    /// The message when there is no explanation.
    pub message: Template,
}

/// The parts of a sum.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Parts {
    /// One expression giving a list: `children(row).小计`.
    List(Expr),
    /// Several expressions: `[row.基本支出, row.项目支出]`.
    Each(Vec<Expr>),
}

impl Rule {
    /// The note a finding of this rule carries: its rationale, when it has one.
    pub fn note(&self) -> Option<String> {
        let r = self.rationale.trim();
        (!r.is_empty()).then(|| format!("依据：{r}"))
    }
}

impl Check {
    /// The row set the check runs over, if any.
    pub fn each(&self) -> Option<&Expr> {
        match self {
            Check::Assert { each, .. } | Check::Sum { each, .. } | Check::Ceiling { each, .. } => {
                each.as_ref()
            }
            Check::Explain(e) => e.each.as_ref(),
            Check::Claim(_) | Check::Require(_) => None,
        }
    }
}

/// Params as stored in a precompiled pack: a rule's params are values that borrow no report
/// (exact numbers and percentages, text, lists of text, booleans), so they are written as such.
mod param_values {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

    use crate::expr::{Num, Value};
    use crate::measure::Measure;

    #[derive(Serialize, Deserialize)]
    enum Stored {
        Num(#[serde(with = "crate::measure::decimal_bits")] Decimal),
        Pct(#[serde(with = "crate::measure::decimal_bits")] Decimal),
        Bool(bool),
        Text(String),
        Texts(Vec<String>),
    }

    pub fn serialize<S: Serializer>(
        params: &BTreeMap<String, Value<'static>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let exact = |n: &Num| n.origin.is_none() && !n.blank && n.m == Measure::exact(n.m.value);
        let mut stored = BTreeMap::new();
        for (name, value) in params {
            let v = match value {
                Value::Num(n) if exact(n) => Stored::Num(n.m.value),
                Value::Pct(n) if exact(n) => Stored::Pct(n.m.value),
                Value::Bool(b) => Stored::Bool(*b),
                Value::Text(t) => Stored::Text(t.clone()),
                Value::Texts(t) => Stored::Texts(t.clone()),
                other => {
                    return Err(serde::ser::Error::custom(format!(
                        "param `{name}` cannot be stored: {other:?}"
                    )))
                }
            };
            stored.insert(name.as_str(), v);
        }
        stored.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Value<'static>>, D::Error> {
        let stored = BTreeMap::<String, Stored>::deserialize(d).map_err(de::Error::custom)?;
        Ok(stored
            .into_iter()
            .map(|(name, v)| {
                let value = match v {
                    Stored::Num(d) => Value::Num(Num::exact(d)),
                    Stored::Pct(d) => Value::Pct(Num::exact(d)),
                    Stored::Bool(b) => Value::Bool(b),
                    Stored::Text(t) => Value::Text(t),
                    Stored::Texts(t) => Value::Texts(t),
                };
                (name, value)
            })
            .collect())
    }
}

/// A classification shared by the rules of a pack, stored with each rule that uses it.
mod shared {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::subjects::Classification;

    pub fn serialize<S: Serializer>(
        value: &Option<Arc<Classification>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        value.as_deref().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Arc<Classification>>, D::Error> {
        Ok(Option::<Classification>::deserialize(d)?.map(Arc::new))
    }
}
