//! Evaluation against a report: exact, with intervals ([`Measure`]), recording every cell it
//! reads and every `~=` it decides (with how the figures agree), so that a finding can label the
//! cells it used and say whether a difference is rounding, a precision slip, or a mismatch.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

mod companion;
mod subjects;

pub use companion::Companions;

use super::ast::*;
use crate::measure::{Agreement, ArithError, Measure};
use crate::report::{CellValue, Part, Report, Row, RowAt, Table, Unit};

/// Where a number came from: the cell, for labelling findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The cell's span in the report.
    pub span: crate::report::Span,
    /// The cell in words: `表05「合计」行「小计」列`.
    pub label: String,
    /// The companion report it is in (`budget.t05`, `previous_amount`); `None` for the report
    /// checked. A finding shows it as a related location in the other file.
    pub doc: Option<Doc>,
}

/// A number or percent with the cell it was read from, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Num {
    /// The figure and its interval.
    pub m: Measure,
    /// The cell it was read from.
    pub origin: Option<Origin>,
    /// The cell was written `-` (the figure is 0).
    pub blank: bool,
    /// The unit of an amount: its table's (`单位 =` of the table, else of the report), or the
    /// word after it in a sentence (`1720.00万元`); `None` for a count, a percent, a constant,
    /// a figure without a unit word. Amounts of different units are converted exactly before
    /// they are compared or combined; a figure without a unit goes with any.
    pub unit: Option<Unit>,
}

impl Num {
    /// An exact constant, read from no cell: a param's value (`10%` is ten percent exactly).
    pub fn exact(value: rust_decimal::Decimal) -> Num {
        Num::computed(Measure::exact(value))
    }

    fn computed(m: Measure) -> Num {
        Num {
            m,
            origin: None,
            blank: false,
            unit: None,
        }
    }

    /// A figure computed in `unit`.
    pub fn computed_in(m: Measure, unit: Option<Unit>) -> Num {
        Num {
            unit,
            ..Num::computed(m)
        }
    }

    /// This amount in `unit`, converted exactly (×/÷ 10^4 for 万元 and 元), its origin kept; as
    /// it is when either has no unit, or they are the same. `9,628,221.34` 元 in 万元 is
    /// 962.822134. A result beyond the range of `Decimal` is [`ArithError::Overflow`].
    pub fn in_unit(&self, unit: Option<Unit>) -> Result<Num, ArithError> {
        match (self.unit, unit) {
            (Some(from), Some(to)) if from != to => Ok(Num {
                m: self.m.scaled(from.exponent() - to.exponent())?,
                unit: Some(to),
                ..self.clone()
            }),
            _ => Ok(self.clone()),
        }
    }
}

/// The unit two amounts are combined in: the smaller, so that the conversion multiplies
/// (`元` for 元 and 万元); the one there is when the other has none.
pub fn common_unit(a: Option<Unit>, b: Option<Unit>) -> Option<Unit> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.exponent() <= b.exponent() { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The two amounts in their common unit ([`common_unit`]).
pub fn in_common(a: &Num, b: &Num) -> Result<(Num, Num), ArithError> {
    let unit = common_unit(a.unit, b.unit);
    Ok((a.in_unit(unit)?, b.in_unit(unit)?))
}

/// The sum of amounts, each converted to their common unit (the smallest among them): `1.50`
/// 万元 + `3,000.00` 元 is 18,000.00 元.
pub fn sum_nums<'a>(items: impl IntoIterator<Item = &'a Num> + Clone) -> Result<Num, ArithError> {
    let unit = items
        .clone()
        .into_iter()
        .fold(None, |u, n| common_unit(u, n.unit));
    let converted = items
        .into_iter()
        .map(|n| n.in_unit(unit).map(|n| n.m))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Num::computed_in(Measure::sum(&converted)?, unit))
}

/// A row of a table.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'r> {
    /// Its table.
    pub table: &'r Table,
    /// Index of its part in the table.
    pub part: usize,
    /// Index of the row in the part.
    pub row: usize,
}

impl<'r> RowRef<'r> {
    /// The row at a position of a table.
    pub fn at(table: &'r Table, (part, row): RowAt) -> RowRef<'r> {
        RowRef { table, part, row }
    }

    /// Its part.
    pub fn part(&self) -> &'r Part {
        &self.table.parts[self.part]
    }

    /// The row.
    pub fn row(&self) -> &'r Row {
        &self.part().rows[self.row]
    }
}

/// A value.
#[derive(Debug, Clone)]
pub enum Value<'r> {
    /// An amount or count.
    Num(Num),
    /// A percentage, in percent units.
    Pct(Num),
    /// True or false.
    Bool(bool),
    /// Text.
    Text(String),
    /// A table.
    Table(&'r Table),
    /// A part of a table (index).
    Part(&'r Table, usize),
    /// A row.
    Row(RowRef<'r>),
    /// Rows of one table.
    Rows(Vec<RowRef<'r>>),
    /// Numbers (a column over rows, a list).
    Nums(Vec<Value<'r>>),
    /// Texts (a list param).
    Texts(Vec<String>),
}

/// Why an expression could not be evaluated on a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// The part of the expression, in its text.
    pub span: Span,
    /// What went wrong.
    pub kind: EvalErrorKind,
}

/// What went wrong in evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalErrorKind {
    /// The report has no such table: the rule does not apply.
    #[error("报告中没有表 {0}")]
    MissingTable(String),
    /// The report has no section of this title: the rule does not apply (whether the section
    /// must be there is for a `require` rule to say).
    #[error("报告中没有「{0}」部分")]
    MissingSection(String),
    /// No such part.
    #[error("表 {table} 没有分部「{part}」")]
    MissingPart {
        /// The table id.
        table: String,
        /// The part name.
        part: String,
    },
    /// No such row.
    #[error("表 {table} 中没有「{key}」行")]
    MissingRow {
        /// The table id.
        table: String,
        /// The row key.
        key: String,
    },
    /// No such column.
    #[error("表 {table} 没有「{column}」列")]
    MissingColumn {
        /// The table id.
        table: String,
        /// The column.
        column: String,
    },
    /// A division by a figure that is zero.
    #[error("除数为零")]
    DivisionByZero,
    /// A result beyond the range of `Decimal` (about ±7.9·10^28): an error in the report's
    /// figures, reported as an error.
    #[error("数值超出可计算范围")]
    Overflow,
    /// A text cell where a number was needed.
    #[error("{label} 是文字「{text}」，不是数值")]
    NotANumber {
        /// The cell.
        label: String,
        /// What it says.
        text: String,
    },
    /// A number where a percent was needed, or the other way round, found only when reading cells.
    #[error("数值与百分比不能直接{0}")]
    UnitMismatch(&'static str),
    /// A value of the wrong kind, found only at evaluation (a cell holding text, say).
    #[error("此处需要{0}")]
    Type(&'static str),
}

/// One `~=` decided during evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The `~=` expression, in the expression's text.
    pub span: Span,
    /// The stated figure (the written one; the left side when both are).
    pub stated: Num,
    /// The figure computed from others.
    pub computed: Num,
    /// How they agree.
    pub agreement: Agreement,
    /// The computed figure was converted to the stated one's unit (万元 from 元): a message
    /// names the unit of what it shows.
    pub converted: bool,
}

/// What an evaluation read and decided, for the finding it may become.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    /// Every cell read, in order, once each.
    pub cells: Vec<Origin>,
    /// Every `~=` decided.
    pub comparisons: Vec<Comparison>,
    /// The spans of `cells`, so that a cell read again is found without a scan (a sum over a
    /// long column reads hundreds of cells).
    read: std::collections::HashSet<crate::report::Span>,
    /// The cells read that the importer marked uncertain (`?`), blank ones included, once each:
    /// a verdict resting on any of them is no finding.
    pub uncertain: Vec<crate::report::Span>,
    /// A cell of a companion report marked uncertain was read: no finding rests on it either.
    pub companion_uncertain: bool,
}

impl Trace {
    /// Records a cell read, unless it was read before.
    fn note(&mut self, origin: &Origin) {
        if self.read.insert(origin.span.clone()) {
            self.cells.push(origin.clone());
        }
    }
}

/// What an expression may refer to: the report, params, variables.
pub struct Env<'e, 'r> {
    /// The report.
    pub report: &'r Report,
    /// Param values.
    pub params: &'e BTreeMap<String, Value<'r>>,
    /// Variables: `row`, `col`, captures.
    pub vars: BTreeMap<String, Value<'r>>,
    /// Where each text capture of the sentence being checked is in the report, by name: a
    /// function about 科目 that reads one points a finding at it.
    pub places: BTreeMap<String, Origin>,
    /// The classification of 科目 the `subject_…` functions look names up in.
    pub subjects: Option<&'e crate::subjects::Classification>,
    /// The companion reports given (`budget.t05`, `previous_amount(…)`).
    pub companions: Companions<'r>,
}

/// Evaluates an expression; its value, and in `trace` what it read and decided.
pub fn eval<'r>(e: &Expr, env: &Env<'_, 'r>, trace: &mut Trace) -> Result<Value<'r>, EvalError> {
    Evaluator { env, trace }.eval(e)
}

struct Evaluator<'e, 'r> {
    env: &'e Env<'e, 'r>,
    trace: &'e mut Trace,
}

fn err<T>(span: &Span, kind: EvalErrorKind) -> Result<T, EvalError> {
    Err(EvalError {
        span: span.clone(),
        kind,
    })
}

fn arith(span: &Span, r: Result<Measure, ArithError>) -> Result<Measure, EvalError> {
    r.or_else(|e| err(span, arith_kind(e)))
}

fn arith_kind(e: ArithError) -> EvalErrorKind {
    match e {
        ArithError::DivisionByZero => EvalErrorKind::DivisionByZero,
        ArithError::Overflow => EvalErrorKind::Overflow,
    }
}

fn hundred() -> Measure {
    Measure::exact(Decimal::ONE_HUNDRED)
}

impl<'r> Evaluator<'_, 'r> {
    fn eval(&mut self, e: &Expr) -> Result<Value<'r>, EvalError> {
        let sp = &e.span;
        Ok(match &e.kind {
            ExprKind::Number(n) => Value::Num(Num::computed(Measure::exact(*n))),
            ExprKind::Percent(n) => Value::Pct(Num::computed(Measure::exact(*n))),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Text(t) => Value::Text(t.clone()),
            ExprKind::Table(id) => Value::Table(self.table(id, sp)?),
            ExprKind::CompanionTable { doc, id } => {
                Value::Table(self.companion_table(*doc, id, sp)?)
            }
            ExprKind::Param(name) => self.env.params.get(name).cloned().ok_or(EvalError {
                span: sp.clone(),
                kind: EvalErrorKind::Type("参数"),
            })?,
            ExprKind::Var(name) => {
                let v = self.env.vars.get(name).cloned().ok_or(EvalError {
                    span: sp.clone(),
                    kind: EvalErrorKind::Type("已绑定的名称"),
                })?;
                // A figure bound from elsewhere (a capture in a sentence) is used like a cell.
                if let Value::Num(Num {
                    origin: Some(o), ..
                })
                | Value::Pct(Num {
                    origin: Some(o), ..
                }) = &v
                {
                    self.trace.note(o);
                }
                v
            }
            ExprKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.eval(i)?);
                }
                if out.iter().all(|v| matches!(v, Value::Text(_))) && !out.is_empty() {
                    Value::Texts(
                        out.into_iter()
                            .map(|v| {
                                if let Value::Text(t) = v {
                                    t
                                } else {
                                    String::new()
                                }
                            })
                            .collect(),
                    )
                } else {
                    Value::Nums(out)
                }
            }
            ExprKind::Member { base, name, .. } => {
                let b = self.eval(base)?;
                self.member(b, name, sp)?
            }
            ExprKind::Index { base, key, .. } => {
                let b = self.eval(base)?;
                self.index(b, key, sp)?
            }
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => Value::Bool(!self.bool(operand)?),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => match self.eval(operand)? {
                Value::Num(n) => Value::Num(Num::computed(n.m.neg())),
                Value::Pct(n) => Value::Pct(Num::computed(n.m.neg())),
                _ => return err(sp, EvalErrorKind::Type("数值")),
            },
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, sp)?,
            ExprKind::Call { name, args } => self.call(name, args, sp)?,
        })
    }

    fn bool(&mut self, e: &Expr) -> Result<bool, EvalError> {
        match self.eval(e)? {
            Value::Bool(b) => Ok(b),
            _ => err(&e.span, EvalErrorKind::Type("真假值")),
        }
    }

    fn table(&self, id: &str, sp: &Span) -> Result<&'r Table, EvalError> {
        self.env.report.table(id).ok_or(EvalError {
            span: sp.clone(),
            kind: EvalErrorKind::MissingTable(id.to_string()),
        })
    }

    /// The value of a cell, recording it in the trace.
    fn read(&mut self, r: RowRef<'r>, column: &str, sp: &Span) -> Result<Value<'r>, EvalError> {
        let part = r.part();
        let Some(col) = part.column(column) else {
            return err(
                sp,
                EvalErrorKind::MissingColumn {
                    table: r.table.id.clone(),
                    column: column.to_string(),
                },
            );
        };
        // A merged cell reads as the label it continues, but as 0 where a number is read: a
        // weight printed once for a group of indicators is not counted again for each.
        let own = &r.row().cells[col];
        let cell = match part.resolve(r.row, col) {
            Some(c)
                if own.value == CellValue::Merged && matches!(c.value, CellValue::Text { .. }) =>
            {
                c
            }
            _ => own,
        };
        // Built for every cell read, so without the formatting machinery.
        let row = r.row();
        let row_name = row.name.as_deref().or(row.code.as_deref()).unwrap_or("");
        let header = &part.columns[col].header;
        let mut label =
            String::with_capacity(r.table.id.len() + row_name.len() + header.len() + 18);
        for piece in ["表", &r.table.id, "「", row_name, "」行「", header, "」列"] {
            label.push_str(piece);
        }
        let doc = self.doc_of(r.table);
        if let Some(d) = doc {
            label.insert_str(0, d.words());
        }
        let origin = Origin {
            span: cell.span.clone(),
            label,
            doc,
        };
        if cell.uncertain && doc.is_some() {
            self.trace.companion_uncertain = true;
        } else if cell.uncertain && !self.trace.uncertain.contains(&cell.span) {
            self.trace.uncertain.push(cell.span.clone());
        }
        // A blank cell reads as 0 but is not labelled: it adds nothing to read in a finding.
        let blank = matches!(cell.value, CellValue::Empty | CellValue::Merged);
        if !blank {
            self.trace.note(&origin);
        }
        // An amount is in its table's unit, else its report's (a companion's own, for a
        // companion's table).
        let report = doc
            .and_then(|d| self.env.companions.get(d))
            .unwrap_or(self.env.report);
        let unit = r.table.unit.or(report.header.as_ref().map(|h| h.unit));
        Ok(match &cell.value {
            CellValue::Amount(n) => Value::Num(Num {
                m: Measure::from_number(n),
                origin: Some(origin),
                blank: false,
                unit,
            }),
            CellValue::Percent(n) => Value::Pct(Num {
                m: Measure::from_number(n),
                origin: Some(origin),
                blank: false,
                unit: None,
            }),
            CellValue::Empty | CellValue::Merged => Value::Num(Num {
                m: Measure::exact(Decimal::ZERO),
                origin: Some(origin),
                blank: true,
                unit,
            }),
            CellValue::Text { value } => Value::Text(value.clone()),
        })
    }

    fn member(&mut self, base: Value<'r>, name: &str, sp: &Span) -> Result<Value<'r>, EvalError> {
        match base {
            Value::Table(t) => match t.parts.iter().position(|p| p.name.as_deref() == Some(name)) {
                Some(i) => Ok(Value::Part(t, i)),
                None => err(
                    sp,
                    EvalErrorKind::MissingPart {
                        table: t.id.clone(),
                        part: name.to_string(),
                    },
                ),
            },
            Value::Row(r) => self.read(r, name, sp),
            Value::Rows(rows) => {
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(self.read(r, name, sp)?);
                }
                Ok(Value::Nums(out))
            }
            _ => err(sp, EvalErrorKind::Type("表格、行或行集")),
        }
    }

    fn index(&mut self, base: Value<'r>, key: &Key, sp: &Span) -> Result<Value<'r>, EvalError> {
        let key_text = match key {
            Key::All => None,
            Key::Code(k) | Key::Name(k) => Some(match self.env.vars.get(k) {
                // `row[col]`: a bound text variable names the column.
                Some(Value::Text(t)) => t.clone(),
                _ => k.clone(),
            }),
        };
        match base {
            Value::Table(t) => self.rows_of(t, None, key, key_text.as_deref(), sp),
            Value::Part(t, p) => self.rows_of(t, Some(p), key, key_text.as_deref(), sp),
            Value::Row(r) => self.read(r, key_text.as_deref().unwrap_or("*"), sp),
            Value::Rows(rows) => {
                self.member(Value::Rows(rows), key_text.as_deref().unwrap_or("*"), sp)
            }
            _ => err(sp, EvalErrorKind::Type("表格、分部、行或行集")),
        }
    }

    /// A set of `t`'s rows is being read: when the importer could not read every row of it
    /// (`缺行`), the set may lack one, and whatever rests on it cannot be told.
    fn whole(&mut self, t: &Table) {
        if t.missing.is_some() && self.doc_of(t).is_some() {
            self.trace.companion_uncertain = true;
        } else if t.missing.is_some() && !self.trace.uncertain.contains(&t.title_span) {
            self.trace.uncertain.push(t.title_span.clone());
        }
    }

    fn rows_of(
        &mut self,
        t: &'r Table,
        part: Option<usize>,
        key: &Key,
        text: Option<&str>,
        sp: &Span,
    ) -> Result<Value<'r>, EvalError> {
        let in_part = |at: &&RowAt| part.is_none_or(|want| want == at.0);
        let found = match (key, text) {
            (Key::All, _) => {
                self.whole(t);
                return Ok(Value::Rows(all_rows(t, part)));
            }
            (Key::Code(_), Some(code)) => t.coded(code).iter().find(in_part),
            (_, Some(name)) => t.called(name).iter().find(in_part),
            _ => None,
        };
        found
            .map(|&at| Value::Row(RowRef::at(t, at)))
            .ok_or(EvalError {
                span: sp.clone(),
                kind: EvalErrorKind::MissingRow {
                    table: t.id.clone(),
                    key: text.unwrap_or("*").to_string(),
                },
            })
    }

    /// `named(rows(T), text)`, the common form, as a lookup in T's index instead of a scan of
    /// its rows (a claim per paragraph would otherwise scan the table per claim). The same row
    /// as [`named`] finds; `None` when the first argument is of another form, or `rows(…)` of
    /// something that is no table (the general path reports that).
    fn named_in_table(&mut self, args: &[Expr], sp: &Span) -> Result<Option<Value<'r>>, EvalError> {
        let ExprKind::Call { name, args: inner } = &args[0].kind else {
            return Ok(None);
        };
        if name != "rows" {
            return Ok(None);
        }
        let (t, part) = match self.eval(&inner[0])? {
            Value::Table(t) => (t, None),
            Value::Part(t, p) => (t, Some(p)),
            _ => return Ok(None),
        };
        let text = match self.eval(&args[1])? {
            Value::Text(t) => t,
            Value::Num(n) if n.blank => String::new(),
            _ => return err(sp, EvalErrorKind::Type("文字")),
        };
        self.whole(t);
        let found = t.named_by(&text, |(p, _)| part.is_none_or(|want| want == p));
        Ok(Some(Value::Rows(
            found.map(|(_, at)| RowRef::at(t, at)).into_iter().collect(),
        )))
    }

    fn number(&mut self, e: &Expr) -> Result<(Num, bool), EvalError> {
        match self.eval(e)? {
            Value::Num(n) => Ok((n, false)),
            Value::Pct(n) => Ok((n, true)),
            Value::Text(t) => err(
                &e.span,
                EvalErrorKind::NotANumber {
                    label: "此单元格".into(),
                    text: t,
                },
            ),
            _ => err(&e.span, EvalErrorKind::Type("数值或百分比")),
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        lhs: &Expr,
        rhs: &Expr,
        sp: &Span,
    ) -> Result<Value<'r>, EvalError> {
        use BinaryOp::*;
        match op {
            And => return Ok(Value::Bool(self.bool(lhs)? && self.bool(rhs)?)),
            Or => return Ok(Value::Bool(self.bool(lhs)? || self.bool(rhs)?)),
            _ => {}
        }
        if matches!(op, Eq | Ne) {
            let (l, r) = (self.eval(lhs)?, self.eval(rhs)?);
            let equal = match (&l, &r) {
                (Value::Text(a), Value::Text(b)) => a == b,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Num(a), Value::Num(b)) => {
                    let (a, b) = self.common(a, b, sp)?;
                    a.m.value == b.m.value
                }
                (Value::Pct(a), Value::Pct(b)) => a.m.value == b.m.value,
                (Value::Text(_), Value::Num(n)) | (Value::Num(n), Value::Text(_)) if n.blank => {
                    false
                }
                _ => return err(sp, EvalErrorKind::UnitMismatch("比较")),
            };
            return Ok(Value::Bool(equal == (op == Eq)));
        }
        let (l, lp) = self.number(lhs)?;
        let (r, rp) = self.number(rhs)?;
        let wrap = |m: Measure, pct: bool, unit: Option<Unit>| {
            if pct {
                Value::Pct(Num::computed(m))
            } else {
                Value::Num(Num::computed_in(m, unit))
            }
        };
        // Amounts of different units meet in their common unit (`Approx` converts the computed
        // side to the stated one's instead, below).
        let (l, r) = if op == Approx {
            (l, r)
        } else {
            self.common(&l, &r, sp)?
        };
        let unit = common_unit(l.unit, r.unit);
        Ok(match op {
            Approx => {
                if lp != rp {
                    return err(sp, EvalErrorKind::UnitMismatch("比较"));
                }
                // The stated figure is the written one; the left side when both are written.
                let (stated, computed) = if l.m.decimals.is_none() && r.m.decimals.is_some() {
                    (r, l)
                } else {
                    (l, r)
                };
                // The stated figure is judged in its own unit and at its own decimals: the
                // computed one is converted to it (9,628,221.34 元 is 962.822134 万元).
                let converted = stated.unit.is_some()
                    && computed.unit.is_some()
                    && stated.unit != computed.unit;
                let computed = computed.in_unit(stated.unit).map_err(|e| EvalError {
                    span: sp.clone(),
                    kind: arith_kind(e),
                })?;
                let agreement = Measure::agreement(&stated.m, &computed.m);
                self.trace.comparisons.push(Comparison {
                    span: sp.clone(),
                    stated,
                    computed,
                    agreement,
                    converted,
                });
                Value::Bool(matches!(agreement, Agreement::Exact | Agreement::Rounding))
            }
            Lt | Le | Gt | Ge => {
                if lp != rp {
                    return err(sp, EvalErrorKind::UnitMismatch("比较"));
                }
                let (a, b) = (l.m.value, r.m.value);
                Value::Bool(match op {
                    Lt => a < b,
                    Le => a <= b,
                    Gt => a > b,
                    _ => a >= b,
                })
            }
            Add | Sub => {
                if lp != rp {
                    return err(
                        sp,
                        EvalErrorKind::UnitMismatch(if op == Add { "相加" } else { "相减" }),
                    );
                }
                let m = if op == Add {
                    l.m.add(&r.m)
                } else {
                    l.m.sub(&r.m)
                };
                wrap(arith(sp, m)?, lp, unit)
            }
            Mul => match (lp, rp) {
                (false, false) => wrap(arith(sp, l.m.mul(&r.m))?, false, unit),
                (true, true) => {
                    return err(sp, EvalErrorKind::Type("数值（百分比乘百分比没有意义）"))
                }
                _ => {
                    let m = arith(sp, l.m.mul(&r.m))?;
                    wrap(arith(sp, m.div(&hundred()))?, false, l.unit.or(r.unit))
                }
            },
            _ => match (lp, rp) {
                (false, true) => return err(sp, EvalErrorKind::UnitMismatch("相除")),
                (true, false) => wrap(arith(sp, l.m.div(&r.m))?, true, None),
                // Two amounts give a ratio, without unit; an amount by a plain number stays an
                // amount.
                _ => {
                    let unit = if r.unit.is_some() { None } else { l.unit };
                    wrap(arith(sp, l.m.div(&r.m))?, false, unit)
                }
            },
        })
    }

    /// Two amounts in their common unit; overflow is an error at `sp`.
    fn common(&self, a: &Num, b: &Num, sp: &Span) -> Result<(Num, Num), EvalError> {
        in_common(a, b).map_err(|e| EvalError {
            span: sp.clone(),
            kind: arith_kind(e),
        })
    }

    fn nums(&mut self, args: &[Expr]) -> Result<Vec<(Num, bool)>, EvalError> {
        let mut out = Vec::new();
        for a in args {
            // A list's items and a single value are read alike; only the label differs.
            let (values, label) = match self.eval(a)? {
                Value::Nums(items) => (items, "其中一个单元格"),
                v => (vec![v], "此单元格"),
            };
            for v in values {
                match v {
                    Value::Num(n) => out.push((n, false)),
                    Value::Pct(n) => out.push((n, true)),
                    Value::Text(t) => {
                        let kind = EvalErrorKind::NotANumber {
                            label: label.into(),
                            text: t,
                        };
                        return err(&a.span, kind);
                    }
                    _ => return err(&a.span, EvalErrorKind::Type("数值")),
                }
            }
        }
        Ok(out)
    }

    fn call(&mut self, name: &str, args: &[Expr], sp: &Span) -> Result<Value<'r>, EvalError> {
        let pct = |n: Num| Value::Pct(n);
        match name {
            "sum" | "min" | "max" => {
                let items = self.nums(args)?;
                let is_pct = items.first().is_some_and(|i| i.1);
                if items.iter().any(|i| i.1 != is_pct) {
                    return err(sp, EvalErrorKind::UnitMismatch("相加"));
                }
                // Amounts of different units are summed and compared in their common unit.
                let sum = sum_nums(items.iter().map(|i| &i.0)).map_err(|e| EvalError {
                    span: sp.clone(),
                    kind: arith_kind(e),
                })?;
                let items: Vec<(Num, bool)> = items
                    .into_iter()
                    .map(|(n, p)| n.in_unit(sum.unit).map(|n| (n, p)))
                    .collect::<Result<_, _>>()
                    .map_err(|e| EvalError {
                        span: sp.clone(),
                        kind: arith_kind(e),
                    })?;
                let n = match name {
                    "sum" => sum,
                    "min" => items
                        .into_iter()
                        .map(|i| i.0)
                        .min_by(|a, b| a.m.value.cmp(&b.m.value))
                        .ok_or(EvalError {
                            span: sp.clone(),
                            kind: EvalErrorKind::Type("至少一个数值"),
                        })?,
                    _ => items
                        .into_iter()
                        .map(|i| i.0)
                        .max_by(|a, b| a.m.value.cmp(&b.m.value))
                        .ok_or(EvalError {
                            span: sp.clone(),
                            kind: EvalErrorKind::Type("至少一个数值"),
                        })?,
                };
                Ok(if is_pct { pct(n) } else { Value::Num(n) })
            }
            "count" => {
                let n = match self.eval(&args[0])? {
                    Value::Rows(r) => r.len(),
                    Value::Nums(n) => n.len(),
                    Value::Texts(t) => t.len(),
                    _ => return err(sp, EvalErrorKind::Type("行集或列表")),
                };
                Ok(Value::Num(Num::computed(Measure::exact(Decimal::from(n)))))
            }
            "abs" => match self.number(&args[0])? {
                (n, false) => Ok(Value::Num(Num { m: n.m.abs(), ..n })),
                (n, true) => Ok(pct(Num { m: n.m.abs(), ..n })),
            },
            "round" => {
                let (x, is_pct) = self.number(&args[0])?;
                let (d, _) = self.number(&args[1])?;
                let digits = u32::try_from(d.m.value.trunc().mantissa())
                    .unwrap_or(0)
                    .min(20);
                let rounded = x.m.value.round_dp_with_strategy(
                    digits,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                let n = Num::computed_in(Measure::exact(rounded), x.unit);
                Ok(if is_pct { pct(n) } else { Value::Num(n) })
            }
            "share" | "rate" | "growth" => {
                let (a, _) = self.number(&args[0])?;
                let (b, _) = self.number(&args[1])?;
                // A share of 元 in 万元 is taken in one unit.
                let (a, b) = self.common(&a, &b, sp)?;
                let numerator = if name == "growth" {
                    arith(sp, a.m.sub(&b.m))?
                } else {
                    a.m
                };
                let ratio = arith(sp, numerator.div(&b.m))?;
                Ok(pct(Num::computed(arith(sp, ratio.mul(&hundred()))?)))
            }
            "rows" | "parents" | "level" | "numbered" | "top_numbered" => {
                let (t, part) = match self.eval(&args[0])? {
                    Value::Table(t) => (t, None),
                    Value::Part(t, p) => (t, Some(p)),
                    _ => return err(sp, EvalErrorKind::Type("表格或分部")),
                };
                self.whole(t);
                let all = all_rows(t, part);
                Ok(Value::Rows(match name {
                    "rows" => all,
                    "parents" => all
                        .into_iter()
                        .filter(|r| {
                            r.row()
                                .code
                                .as_deref()
                                .is_some_and(|c| !t.children(c).is_empty())
                        })
                        .collect(),
                    // The outline's first level only (`一、财政拨款收入`), not the items
                    // numbered under it (`1. 一般公共预算`).
                    "top_numbered" => all
                        .into_iter()
                        .filter(|r| {
                            r.row()
                                .name
                                .as_deref()
                                .and_then(crate::report::numbering)
                                .is_some_and(|n| {
                                    n.chars()
                                        .next()
                                        .is_some_and(|c| "一二三四五六七八九十".contains(c))
                                })
                        })
                        .collect(),
                    "numbered" => all
                        .into_iter()
                        .filter(|r| {
                            r.row()
                                .name
                                .as_deref()
                                .and_then(crate::report::numbering)
                                .is_some()
                        })
                        .collect(),
                    _ => {
                        let (n, _) = self.number(&args[1])?;
                        let digits = usize::try_from(n.m.value.trunc().mantissa()).unwrap_or(0);
                        all.into_iter()
                            .filter(|r| r.row().code.as_ref().is_some_and(|c| c.len() == digits))
                            .collect()
                    }
                }))
            }
            "every_part" => {
                let Value::Text(part) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let report = self.env.report;
                let rows = report
                    .tables
                    .iter()
                    .flat_map(|t| {
                        let part = part.clone();
                        t.parts
                            .iter()
                            .enumerate()
                            .filter(move |(_, p)| p.name.as_deref() == Some(part.as_str()))
                            .flat_map(move |(pi, p)| {
                                (0..p.rows.len()).map(move |ri| RowRef {
                                    table: t,
                                    part: pi,
                                    row: ri,
                                })
                            })
                    })
                    .collect();
                Ok(Value::Rows(rows))
            }
            "sibling" => {
                let Value::Row(r) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("行"));
                };
                let Value::Text(part) = self.eval(&args[1])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                match r
                    .table
                    .parts
                    .iter()
                    .position(|p| p.name.as_deref() == Some(part.as_str()))
                {
                    Some(i) => Ok(Value::Part(r.table, i)),
                    None => err(
                        sp,
                        EvalErrorKind::MissingPart {
                            table: r.table.id.clone(),
                            part,
                        },
                    ),
                }
            }
            "where" | "written" => {
                let Value::Rows(rows) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("行集"));
                };
                let Value::Text(column) = self.eval(&args[1])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let wanted = if name == "where" {
                    match self.eval(&args[2])? {
                        Value::Text(t) => Some(t),
                        _ => return err(sp, EvalErrorKind::Type("文字")),
                    }
                } else {
                    None
                };
                let kept = rows
                    .into_iter()
                    .filter(|r| {
                        let part = r.part();
                        let Some(col) = part.column(&column) else {
                            return false;
                        };
                        match &wanted {
                            // `where`: the cell reads as the text, a merged cell as what it continues.
                            Some(w) => part
                                .resolve(r.row, col)
                                .is_some_and(|c| cell_text(&c.value) == *w),
                            // `written`: the cell holds something of its own.
                            None => !matches!(
                                r.row().cells[col].value,
                                CellValue::Empty | CellValue::Merged
                            ),
                        }
                    })
                    .collect();
                Ok(Value::Rows(kept))
            }
            "item_rows" => {
                let Value::Table(t) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("表格"));
                };
                let mut names = Vec::with_capacity(3);
                for a in &args[1..4] {
                    names.push(match self.eval(a)? {
                        Value::Text(s) => s,
                        Value::Num(n) if n.blank => String::new(),
                        _ => return err(sp, EvalErrorKind::Type("文字")),
                    });
                }
                self.whole(t);
                // A 项 row named `item` whose 款 (its first 5 digits) is named `section` and whose
                // 类 (its first 3) `class`, names compared as 科目 names are.
                let named = |code: &str, name: &str| {
                    t.coded(code).iter().any(|&at| {
                        RowRef::at(t, at)
                            .row()
                            .name
                            .as_deref()
                            .is_some_and(|n| crate::subjects::same_name(n, name))
                    })
                };
                let rows = all_rows(t, None)
                    .into_iter()
                    .filter(|r| {
                        let row = r.row();
                        let (Some(code), Some(name)) = (row.code.as_deref(), row.name.as_deref())
                        else {
                            return false;
                        };
                        code.len() == 7
                            && code.bytes().all(|b| b.is_ascii_digit())
                            && crate::subjects::same_name(name, &names[2])
                            && named(&code[..5], &names[1])
                            && named(&code[..3], &names[0])
                    })
                    .collect();
                Ok(Value::Rows(rows))
            }
            "in_unit" => {
                let (x, _) = self.number(&args[0])?;
                let unit = match self.eval(&args[1])? {
                    Value::Text(u) => Unit::from_text(&u),
                    _ => None,
                };
                let Some(unit) = unit else {
                    return err(sp, EvalErrorKind::Type("单位“万元”或“元”"));
                };
                let converted = x.in_unit(Some(unit)).map_err(|e| EvalError {
                    span: sp.clone(),
                    kind: arith_kind(e),
                })?;
                Ok(Value::Num(Num::computed_in(converted.m, converted.unit)))
            }
            "number_in" => {
                let text = match self.eval(&args[0])? {
                    Value::Text(t) => t,
                    _ => return err(sp, EvalErrorKind::Type("文字")),
                };
                let Some(n) = first_number(&text) else {
                    return err(
                        sp,
                        EvalErrorKind::NotANumber {
                            label: "文字".into(),
                            text,
                        },
                    );
                };
                Ok(Value::Num(Num::computed(Measure::exact(n))))
            }
            "band" => {
                let (x, _) = self.number(&args[0])?;
                let bounds = self.nums(&args[1..2])?;
                let Value::Texts(labels) = self.eval(&args[2])? else {
                    return err(sp, EvalErrorKind::Type("文字列表"));
                };
                if labels.len() != bounds.len() + 1 {
                    return err(sp, EvalErrorKind::Type("比分界多一个的档名"));
                }
                let i = bounds
                    .iter()
                    .position(|(b, _)| x.m.value >= b.m.value)
                    .unwrap_or(bounds.len());
                Ok(Value::Text(labels[i].clone()))
            }
            "children" => match self.eval(&args[0])? {
                Value::Row(r) => {
                    self.whole(r.table);
                    Ok(Value::Rows(children_of(r)))
                }
                _ => err(sp, EvalErrorKind::Type("行")),
            },
            "blank" => match self.eval(&args[0])? {
                Value::Num(n) | Value::Pct(n) => Ok(Value::Bool(n.blank)),
                Value::Text(_) => Ok(Value::Bool(false)),
                _ => err(sp, EvalErrorKind::Type("单元格")),
            },
            "table" | "has_table" => {
                let Value::Text(id) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                if name == "has_table" {
                    Ok(Value::Bool(self.env.report.table(&id).is_some()))
                } else {
                    Ok(Value::Table(self.table(&id, sp)?))
                }
            }
            "contains" | "len" | "only" | "starts_with" => {
                let text = match self.eval(&args[0])? {
                    Value::Text(t) => t,
                    Value::Num(n) if n.blank => String::new(),
                    _ => return err(sp, EvalErrorKind::Type("文字")),
                };
                if name == "len" {
                    return Ok(Value::Num(Num::computed(Measure::exact(Decimal::from(
                        text.chars().count(),
                    )))));
                }
                let Value::Text(needle) = self.eval(&args[1])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                if name == "only" {
                    // Every character one of `needle`'s (an empty text is not "only" anything).
                    return Ok(Value::Bool(
                        !text.is_empty() && text.chars().all(|c| needle.contains(c)),
                    ));
                }
                if name == "starts_with" {
                    return Ok(Value::Bool(text.starts_with(needle.as_str())));
                }
                Ok(Value::Bool(text.contains(&needle)))
            }
            "unbracketed" => {
                let Value::Text(text) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                Ok(Value::Text(unbracketed(&text)))
            }
            "items" => {
                let Value::Text(text) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let n = Decimal::from(count_items(&text));
                Ok(Value::Num(Num::computed(Measure::exact(n))))
            }
            "percents" | "amounts" => {
                let Value::Text(text) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let unit = if name == "percents" {
                    "%".to_string()
                } else {
                    match self.eval(&args[1])? {
                        Value::Text(u) if !u.is_empty() => u,
                        _ => return err(sp, EvalErrorKind::Type("文字（单位）")),
                    }
                };
                // Amounts before a unit word are in that unit.
                let in_unit = Unit::from_text(&unit);
                let figures = figures_before(&text, &unit)
                    .into_iter()
                    .map(|m| Value::Num(Num::computed_in(m, in_unit)))
                    .collect();
                Ok(Value::Nums(figures))
            }
            "paragraphs" => {
                let Value::Text(section) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字（部分的标题）"));
                };
                let Value::Text(needle) = self.eval(&args[1])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let report = self.env.report;
                let title = crate::report::Title::new(&section);
                let titled = |s: &crate::report::Section| s.heading.has(&title);
                if !report.sections.iter().any(titled) {
                    return err(sp, EvalErrorKind::MissingSection(section));
                }
                let n = report
                    .paragraphs_where(|_, s| titled(s))
                    .iter()
                    .filter(|p| p.text.contains(needle.as_str()))
                    .count();
                Ok(Value::Num(Num::computed(Measure::exact(Decimal::from(n)))))
            }
            "tables_titled" => {
                let Value::Text(text) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let n = self.env.report.tables_titled(&text).count();
                Ok(Value::Num(Num::computed(Measure::exact(Decimal::from(n)))))
            }
            "named" => {
                if let Some(found) = self.named_in_table(args, sp)? {
                    return Ok(found);
                }
                let Value::Rows(rows) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("行集"));
                };
                let text = match self.eval(&args[1])? {
                    Value::Text(t) => t,
                    Value::Num(n) if n.blank => String::new(),
                    _ => return err(sp, EvalErrorKind::Type("文字")),
                };
                Ok(Value::Rows(named(rows, &text)))
            }
            "column_named" => {
                let Value::Row(r) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("行"));
                };
                let text = match self.eval(&args[1])? {
                    Value::Text(t) => t,
                    Value::Num(n) if n.blank => String::new(),
                    _ => return err(sp, EvalErrorKind::Type("文字")),
                };
                // The column whose header (its last segment) ends the text, the longest one.
                let best = r
                    .part()
                    .columns
                    .iter()
                    .filter_map(|c| ends_with_name(&text, c.leaf()).map(|len| (len, c)))
                    .fold(
                        None::<(usize, &crate::report::Column)>,
                        |best, (len, c)| match best {
                            Some((l, _)) if l >= len => best,
                            _ => Some((len, c)),
                        },
                    );
                match best {
                    Some((_, c)) => Ok(Value::Nums(vec![self.read(r, &c.header, sp)?])),
                    None => Ok(Value::Nums(Vec::new())),
                }
            }
            "no_data" => match self.eval(&args[0])? {
                Value::Table(t) => Ok(Value::Bool(t.has_no_data())),
                _ => err(sp, EvalErrorKind::Type("表格")),
            },
            other if subjects::NAMES.contains(&other) => self.subject_call(other, args, sp),
            other if companion::NAMES.contains(&other) => self.companion_call(other, args, sp),
            _ => err(sp, EvalErrorKind::Type("已知的函数")),
        }
    }
}

/// The row a text ends by naming: of the rows whose name (spaces ignored, half- and full-width
/// brackets alike) ends the text, the one with the longest name, so that `其他商品和服务支出`
/// finds 30299 and not 302 商品和服务支出. None when no name ends the text.
fn named<'r>(rows: Vec<RowRef<'r>>, text: &str) -> Vec<RowRef<'r>> {
    let ends_text = |name: &str| ends_with_name(text, name);
    let best = rows
        .into_iter()
        .filter_map(|r| {
            let name: &'r str = r.row().name.as_deref()?;
            ends_text(name).map(|len| (len, r))
        })
        .fold(None::<(usize, RowRef<'r>)>, |best, (len, r)| match best {
            Some((l, _)) if l >= len => best,
            _ => Some((len, r)),
        });
    best.map(|(_, r)| r).into_iter().collect()
}

/// Whether `text` ends with `name` (spaces ignored, brackets of either width alike): the name's
/// length in characters if it does. Both are read backwards and normalized on the fly, so no
/// string is built per row or column.
fn ends_with_name(text: &str, name: &str) -> Option<usize> {
    let mut text = backwards(text);
    let mut len = 0;
    for c in backwards(name) {
        if text.next() != Some(c) {
            return None;
        }
        len += 1;
    }
    (len > 0).then_some(len)
}

/// A name's characters from the last, as [`crate::report::name_key`] reads them.
fn backwards(t: &str) -> impl Iterator<Item = char> + '_ {
    t.chars().rev().filter_map(crate::report::name_char)
}

/// How many items a text enumerates: the quoted items when it quotes any (`“甲项目”、“乙项目”`
/// is 2, whatever the quotes hold), else the pieces between `、`, `，`, `,` and `；`, ignoring
/// empty ones and the punctuation that ends the text.
fn count_items(text: &str) -> usize {
    const QUOTES: [(char, char); 4] = [('“', '”'), ('《', '》'), ('「', '」'), ('"', '"')];
    let mut quoted = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if let Some(&(_, close)) = QUOTES.iter().find(|(open, _)| *open == c) {
            if chars.any(|c| c == close) {
                quoted += 1;
            }
        }
    }
    if quoted > 0 {
        return quoted;
    }
    text.split(['、', '，', ',', '；', ';'])
        .map(|piece| piece.trim_matches(|c: char| c.is_whitespace() || "。．.：:".contains(c)))
        .filter(|piece| !piece.is_empty())
        .count()
}

/// Every figure written in a text right before `unit` (spaces allowed between): `38.17` and
/// `29.10` in `基本工资38.17万元、津贴补贴29.10万元`, each with its written decimals, so that it
/// stands for its rounding interval. A figure that is part of a larger number (`12` in `2012万元`)
/// is not taken apart; thousands separators are read (`1,022.32万元`).
fn figures_before(text: &str, unit: &str) -> Vec<Measure> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(found) = text[search..].find(unit) {
        let at = search + found;
        search = at + unit.len();
        let head = text[..at].trim_end_matches([' ', '\u{3000}']);
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
            .last()
            .map(|(i, _)| i);
        let Some(start) = start else { continue };
        let written = head[start..].trim_start_matches([',', '.']);
        let negative = head[..start].ends_with('-');
        let digits: String = written.chars().filter(|c| *c != ',').collect();
        let Ok(value) = Decimal::from_str_exact(&digits) else {
            continue;
        };
        let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        let value = if negative { -value } else { value };
        out.push(Measure::written(value, decimals));
    }
    out
}

/// A cell as text, for comparing with text: a number as written.
fn cell_text(v: &CellValue) -> String {
    match v {
        CellValue::Text { value } => value.clone(),
        CellValue::Amount(n) | CellValue::Percent(n) => n.written.clone(),
        CellValue::Empty | CellValue::Merged => String::new(),
    }
}

/// The first number in a text: `50` in `产出指标（50分）`.
fn first_number(text: &str) -> Option<Decimal> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let mut end = rest
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(rest.len());
    if rest[..end].ends_with('.') {
        end -= 1;
    }
    Decimal::from_str_exact(&rest[..end]).ok()
}

/// Every row of a table, or of one of its parts.
fn all_rows(t: &Table, part: Option<usize>) -> Vec<RowRef<'_>> {
    t.parts
        .iter()
        .enumerate()
        .filter(|(i, _)| part.is_none_or(|p| p == *i))
        .flat_map(|(pi, p)| {
            (0..p.rows.len()).map(move |ri| RowRef {
                table: t,
                part: pi,
                row: ri,
            })
        })
        .collect()
}

/// The rows of the same table whose code extends `r`'s by one level (two digits).
fn children_of(r: RowRef<'_>) -> Vec<RowRef<'_>> {
    let Some(code) = r.row().code.as_deref() else {
        return Vec::new();
    };
    r.table
        .children(code)
        .iter()
        .map(|&at| RowRef::at(r.table, at))
        .collect()
}

/// The text without what it says in brackets (`（…）`, `(…)`, nested or not): `部门决算单位构成`
/// for `部门决算单位构成（仅有一个单位的部门，本部分内容为“机构设置”）`. An unclosed bracket
/// hides the rest of the text; a stray closing one is left as it is.
fn unbracketed(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
