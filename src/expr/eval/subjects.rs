//! The functions about 科目 (docs/expressions.md, "科目"): a row's code and name, the rows with
//! a code across tables, names compared as a checker compares them, and lookups in the pack's
//! classification (`crate::subjects`). A lookup the classification cannot answer (a code or a
//! year it does not cover, or no classification at all) gives empty text, so that a rule built
//! on it says nothing.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{err, Evaluator, Num, Origin, RowRef, Value};
use crate::expr::ast::{Expr, ExprKind, Span};
use crate::expr::eval::{EvalError, EvalErrorKind};
use crate::measure::Measure;
use crate::subjects::{ends_with_name, last_phrase_at, same_name};
use crate::text::squeeze;

/// The names of the functions this file evaluates.
pub(super) const NAMES: &[&str] = &[
    "year",
    "kind",
    "scope",
    "code",
    "name",
    "code_column",
    "coded_rows",
    "previous_of_code",
    "same_name",
    "ends_with_name",
    "last_phrase",
    "concat",
    "subject_name",
    "subject_code",
    "subject_note",
];

impl<'r> Evaluator<'_, 'r> {
    /// Evaluates a call of one of [`NAMES`].
    pub(super) fn subject_call(
        &mut self,
        name: &str,
        args: &[Expr],
        sp: &Span,
    ) -> Result<Value<'r>, EvalError> {
        match name {
            "year" => match &self.env.report.header {
                Some(h) => Ok(number(Decimal::from(h.year))),
                None => err(sp, EvalErrorKind::Type("报告头中的年度")),
            },
            "kind" | "scope" => match &self.env.report.header {
                Some(h) if name == "kind" => Ok(Value::Text(h.kind.as_str().into())),
                Some(h) => Ok(Value::Text(h.scope.as_str().into())),
                None => err(sp, EvalErrorKind::Type("报告头中的报告类别")),
            },
            "code" => {
                let r = self.row_arg(&args[0])?;
                let row = r.row();
                if let Some(c) = r.part().code_column {
                    self.uncertain(r, c);
                }
                Ok(Value::Text(row.code.clone().unwrap_or_default()))
            }
            "name" => {
                let r = self.row_arg(&args[0])?;
                match r.part().name_column {
                    Some(c) => {
                        let header = r.part().columns[c].header.clone();
                        match self.read(r, &header, sp)? {
                            Value::Text(t) => Ok(Value::Text(t)),
                            _ => Ok(Value::Text(String::new())),
                        }
                    }
                    None => Ok(Value::Text(String::new())),
                }
            }
            "code_column" => {
                let r = self.row_arg(&args[0])?;
                let part = r.part();
                let header = part.code_column.map(|c| part.columns[c].header.clone());
                Ok(Value::Text(header.unwrap_or_default()))
            }
            "coded_rows" => {
                let kind = squeeze(&self.text_arg(&args[0])?);
                let mut rows = Vec::new();
                for table in &self.env.report.tables {
                    for (p, part) in table.parts.iter().enumerate() {
                        let Some(c) = part.code_column else { continue };
                        if !squeeze(&part.columns[c].header).contains(&kind) {
                            continue;
                        }
                        rows.extend(
                            (0..part.rows.len())
                                .filter(|&i| part.rows[i].code.is_some())
                                .map(|i| RowRef::at(table, (p, i))),
                        );
                    }
                }
                Ok(Value::Rows(rows))
            }
            "previous_of_code" => {
                let r = self.row_arg(&args[0])?;
                let header = |part: &crate::report::Part| {
                    part.code_column.map(|c| squeeze(&part.columns[c].header))
                };
                let want = header(r.part());
                let code = r.row().code.as_deref();
                let mut previous = r;
                'tables: for table in &self.env.report.tables {
                    for (p, part) in table.parts.iter().enumerate() {
                        let same = want.is_some() && header(part) == want;
                        for (i, row) in part.rows.iter().enumerate() {
                            if std::ptr::eq(table, r.table) && (p, i) == (r.part, r.row) {
                                break 'tables;
                            }
                            if same && row.code.as_deref() == code {
                                previous = RowRef::at(table, (p, i));
                            }
                        }
                    }
                }
                Ok(Value::Row(previous))
            }
            "same_name" | "ends_with_name" => {
                let a = self.located_text(&args[0])?;
                let b = self.located_text(&args[1])?;
                Ok(Value::Bool(if name == "same_name" {
                    same_name(&a, &b)
                } else {
                    ends_with_name(&a, &b)
                }))
            }
            "last_phrase" => {
                let text = self.text_arg(&args[0])?;
                let at = last_phrase_at(&text);
                let phrase = text[at.clone()].to_string();
                if let Some(place) = self.place(&args[0]) {
                    // Point at the phrase alone (the capture is its sentence's text).
                    let start = (place.span.start + at.start).min(place.span.end);
                    let end = (place.span.start + at.end).min(place.span.end);
                    let origin = Origin {
                        span: start..end,
                        label: format!("正文所写「{phrase}」"),
                        doc: None,
                    };
                    self.trace.note(&origin);
                }
                Ok(Value::Text(phrase))
            }
            "concat" => {
                let mut out = String::new();
                for a in args {
                    out.push_str(&self.text_arg(a)?);
                }
                Ok(Value::Text(out))
            }
            "subject_name" | "subject_code" | "subject_note" => {
                let kind = self.text_arg(&args[0])?;
                let second = self.text_arg(&args[1])?;
                let Some(subjects) = self.env.subjects else {
                    return Ok(Value::Text(String::new()));
                };
                let text = match name {
                    "subject_name" => {
                        let year = self.whole_number(&args[2])?;
                        year.and_then(|y| subjects.name(&kind, &second, y))
                            .map(|n| n.name.clone())
                    }
                    "subject_code" => {
                        let digits = self.whole_number(&args[2])?;
                        digits
                            .and_then(|d| subjects.code_named(&kind, &second, usize::from(d)))
                            .map(str::to_string)
                    }
                    _ => {
                        let printed = self.text_arg(&args[2])?;
                        let year = self.whole_number(&args[3])?;
                        year.map(|y| subjects.note(&kind, &second, &printed, y))
                            .filter(|n| !n.is_empty())
                            .map(|n| format!("（{n}）"))
                    }
                };
                Ok(Value::Text(text.unwrap_or_default()))
            }
            _ => err(sp, EvalErrorKind::Type("已知的函数")),
        }
    }

    fn row_arg(&mut self, e: &Expr) -> Result<RowRef<'r>, EvalError> {
        match self.eval(e)? {
            Value::Row(r) => Ok(r),
            _ => err(&e.span, EvalErrorKind::Type("行")),
        }
    }

    /// Text, a text cell, or a blank cell (empty text).
    pub(super) fn text_arg(&mut self, e: &Expr) -> Result<String, EvalError> {
        match self.eval(e)? {
            Value::Text(t) => Ok(t),
            Value::Num(n) if n.blank => Ok(String::new()),
            _ => err(&e.span, EvalErrorKind::Type("文字")),
        }
    }

    /// A whole number from 0 to 65535 (a year, a number of digits); `None` for any other.
    fn whole_number(&mut self, e: &Expr) -> Result<Option<u16>, EvalError> {
        let (n, _) = self.number(e)?;
        Ok(n.m.value.is_integer().then(|| n.m.value.to_u16()).flatten())
    }

    /// Text, and where a capture of the sentence it is read from is: noted in the trace, so
    /// that a finding points at it.
    fn located_text(&mut self, e: &Expr) -> Result<String, EvalError> {
        let text = self.text_arg(e)?;
        if let Some(place) = self.place(e) {
            self.trace.note(&place);
        }
        Ok(text)
    }

    /// Where the text capture `e` names is in the report, when `e` is one.
    fn place(&self, e: &Expr) -> Option<Origin> {
        match &e.kind {
            ExprKind::Var(v) => self.env.places.get(v).cloned(),
            _ => None,
        }
    }

    /// Records the cell in column `c` of the row as uncertain, if it is.
    fn uncertain(&mut self, r: RowRef<'r>, c: usize) {
        let cell = &r.row().cells[c];
        if cell.uncertain && !self.trace.uncertain.contains(&cell.span) {
            self.trace.uncertain.push(cell.span.clone());
        }
    }
}

fn number(n: Decimal) -> Value<'static> {
    Value::Num(Num {
        m: Measure::exact(n),
        origin: None,
        blank: false,
        unit: None,
    })
}
