//! What a rule reads of a companion report (docs/expressions.md, "对照报告"): the same year's
//! 预算 given by `--budget` and last year's report given by `--previous`. Their tables are
//! named `budget.t05`, `previous.t01`; their prose through `budget_amount` and
//! `previous_amount`; a row of a 功能分类 table through the 类/款/项 names the prose gives
//! (`subject_row`). Every figure read here keeps the companion it came from
//! ([`Origin::doc`]), so a finding shows it as a location in the other file.

use rust_decimal::Decimal;

use super::{err, Evaluator, Num, Origin, RowRef, Value};
use crate::expr::ast::{Doc, Expr, Span};
use crate::expr::eval::{EvalError, EvalErrorKind};
use crate::measure::Measure;
use crate::report::{Report, Table};
use crate::subjects::same_name;

/// The names of the functions this file evaluates.
pub(super) const NAMES: &[&str] = &[
    "budget_amount",
    "previous_amount",
    "subject_row",
    "item_of",
    "unit_of",
];

/// The companion reports a check may read; absent ones are `None`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Companions<'r> {
    /// The same year's 预算 (`--budget`).
    pub budget: Option<&'r Report>,
    /// Last year's report of the same kind (`--previous`).
    pub previous: Option<&'r Report>,
}

impl<'r> Companions<'r> {
    /// The companion `doc` names, if given.
    pub fn get(&self, doc: Doc) -> Option<&'r Report> {
        match doc {
            Doc::Budget => self.budget,
            Doc::Previous => self.previous,
        }
    }
}

impl<'r> Evaluator<'_, 'r> {
    /// Which companion a table belongs to; `None` for the report checked.
    pub(super) fn doc_of(&self, t: &Table) -> Option<Doc> {
        let inside = |r: Option<&Report>| {
            r.is_some_and(|r| r.tables.as_ptr_range().contains(&std::ptr::from_ref(t)))
        };
        [Doc::Budget, Doc::Previous]
            .into_iter()
            .find(|&d| inside(self.env.companions.get(d)))
    }

    /// `budget.t05`: a companion's table. A companion not given, or without the table, makes
    /// the rule inapplicable, as a missing table of the report does (the engine does not run a
    /// rule whose companion is absent, so the first is a safeguard).
    pub(super) fn companion_table(
        &self,
        doc: Doc,
        id: &str,
        sp: &Span,
    ) -> Result<&'r Table, EvalError> {
        self.env
            .companions
            .get(doc)
            .and_then(|r| r.table(id))
            .ok_or(EvalError {
                span: sp.clone(),
                kind: EvalErrorKind::MissingTable(format!("{}.t{id}", doc.keyword())),
            })
    }

    /// Evaluates a call of one of [`NAMES`].
    pub(super) fn companion_call(
        &mut self,
        name: &str,
        args: &[Expr],
        sp: &Span,
    ) -> Result<Value<'r>, EvalError> {
        match name {
            "budget_amount" | "previous_amount" => {
                let doc = if name == "budget_amount" {
                    Doc::Budget
                } else {
                    Doc::Previous
                };
                let Value::Text(phrase) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("文字"));
                };
                let Some(report) = self.env.companions.get(doc) else {
                    return err(sp, EvalErrorKind::MissingTable(doc.keyword().into()));
                };
                Ok(Value::Nums(
                    stated_after(report, &phrase)
                        .map(|(m, span, written)| {
                            let origin = Origin {
                                span,
                                label: format!("{}正文所述「{phrase}{written}」", doc.words()),
                                doc: Some(doc),
                            };
                            self.trace.note(&origin);
                            Value::Num(Num {
                                m,
                                origin: Some(origin),
                                blank: false,
                                // `stated_after` reads a figure written before 万元.
                                unit: Some(crate::report::Unit::WanYuan),
                            })
                        })
                        .into_iter()
                        .collect(),
                ))
            }
            "subject_row" => {
                let Value::Table(t) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("表格"));
                };
                let mut names = Vec::with_capacity(3);
                for a in &args[1..] {
                    names.push(self.text_arg(a)?);
                }
                self.whole(t);
                Ok(Value::Rows(subject_row(t, &names)))
            }
            "unit_of" => {
                let Value::Table(t) = self.eval(&args[0])? else {
                    return err(sp, EvalErrorKind::Type("表格"));
                };
                let report = self
                    .doc_of(t)
                    .and_then(|d| self.env.companions.get(d))
                    .unwrap_or(self.env.report);
                let unit = t.unit.or(report.header.as_ref().map(|h| h.unit));
                Ok(Value::Text(match unit {
                    Some(crate::report::Unit::WanYuan) => "万元".into(),
                    Some(crate::report::Unit::Yuan) => "元".into(),
                    None => String::new(),
                }))
            }
            "item_of" => {
                let text = self.text_arg(&args[0])?;
                Ok(Value::Text(item_of(&text).to_string()))
            }
            _ => err(sp, EvalErrorKind::Type("已知的函数")),
        }
    }
}

/// The item a figure is stated for, from the text before the figure: what follows its last
/// `，。；：` (commas and colons of either width), without a leading numbering (`（一）`, `1、`,
/// `2.`), `其中`, or year (`2025年`, `2025年度`, followed or not by `，`): `因公出国（境）费` in
/// `（一）因公出国（境）费`, `财政拨款收入` in `收入预算18,976.76万元，其中：财政拨款收入`,
/// `“三公”经费预算数为` in `2025年“三公”经费预算数为`.
pub(crate) fn item_of(text: &str) -> &str {
    let marks = ['，', '。', '；', '：', ',', ';', ':', '\n'];
    let mut rest = text.rsplit(marks).next().unwrap_or(text).trim();
    loop {
        let before = rest;
        rest = rest.trim_start_matches(['，', ',', ' ', '\u{3000}']);
        rest = rest.strip_prefix("其中").unwrap_or(rest);
        // `（一）`, `(1)`, `1、`, `2.`, `一、`
        for (open, close) in [("（", "）"), ("(", ")")] {
            if let Some(inner) = rest.strip_prefix(open) {
                if let Some(end) = inner.find(close) {
                    let number = &inner[..end];
                    if !number.is_empty() && number.chars().all(is_numeral) {
                        rest = &inner[end + close.len()..];
                    }
                }
            }
        }
        let numeral_len: usize = rest
            .chars()
            .take_while(|c| is_numeral(*c))
            .map(char::len_utf8)
            .sum();
        if numeral_len > 0 {
            let after = &rest[numeral_len..];
            if let Some(r) = ["、", ".", "．"].iter().find_map(|m| after.strip_prefix(m)) {
                rest = r;
            } else if let Some(r) = after
                .strip_prefix("年度")
                .or_else(|| after.strip_prefix("年"))
                .filter(|_| numeral_len == 4 && rest[..4].bytes().all(|b| b.is_ascii_digit()))
            {
                rest = r;
            }
        }
        if rest == before {
            return rest;
        }
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// The 7-digit row of `t` named `names[2]` whose 款 row (its first five digits) is named
/// `names[1]` and whose 类 row (its first three) `names[0]`, names compared as 科目 names are
/// (`same_name`); none when no row or several rows fit.
fn subject_row<'r>(t: &'r Table, names: &[String]) -> Vec<RowRef<'r>> {
    let [lei, kuan, xiang] = names else {
        return Vec::new();
    };
    let named = |code: &str, name: &str| {
        t.coded(code).iter().any(|&at| {
            RowRef::at(t, at)
                .row()
                .name
                .as_deref()
                .is_some_and(|n| same_name(n, name))
        })
    };
    let mut found = Vec::new();
    for (p, part) in t.parts.iter().enumerate() {
        for (i, row) in part.rows.iter().enumerate() {
            let Some(code) = row.code.as_deref() else {
                continue;
            };
            let fits = code.len() == 7
                && row.name.as_deref().is_some_and(|n| same_name(n, xiang))
                && named(&code[..5], kuan)
                && named(&code[..3], lei);
            if fits {
                found.push(RowRef::at(t, (p, i)));
            }
        }
    }
    if found.len() == 1 {
        found
    } else {
        Vec::new()
    }
}

/// The first figure written right after `phrase` in the report's prose and followed by 万元:
/// `财政拨款收入18,976.76万元` for `财政拨款收入`. Its interval, its span in the report and
/// the figure as written.
fn stated_after(report: &Report, phrase: &str) -> Option<(Measure, Span, String)> {
    if phrase.is_empty() {
        return None;
    }
    for p in report.prose::<&str>(&[]) {
        let text = p.text.as_str();
        let mut from = 0;
        while let Some(found) = text[from..].find(phrase) {
            let start = from + found + phrase.len();
            from = start;
            let rest = &text[start..];
            let digits_len = rest
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
                .map_or(rest.len(), |(i, _)| i);
            let written = rest[..digits_len].trim_end_matches(['.', ',']);
            if written.is_empty() || !rest[written.len()..].trim_start().starts_with("万元") {
                continue;
            }
            let digits: String = written.chars().filter(|c| *c != ',').collect();
            let Ok(value) = Decimal::from_str_exact(&digits) else {
                continue;
            };
            let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
            let span = p.span.start + start..p.span.start + start + written.len();
            return Some((Measure::written(value, decimals), span, written.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::item_of;

    #[test]
    fn the_item_a_figure_is_stated_for() {
        assert_eq!(item_of("（一）因公出国（境）费"), "因公出国（境）费");
        assert_eq!(
            item_of("2025年，某街道收入预算18,976.76万元，其中：财政拨款收入"),
            "财政拨款收入"
        );
        assert_eq!(item_of("2025年“三公”经费预算数为"), "“三公”经费预算数为");
        assert_eq!(item_of("2021年度财政拨款支出"), "财政拨款支出");
        assert_eq!(
            item_of("。财政拨款支出预算中，一般公共预算拨款支出预算"),
            "一般公共预算拨款支出预算"
        );
        assert_eq!(item_of("2、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(item_of("其中：公务用车购置费"), "公务用车购置费");
        // A year not followed by 年 is no year: kept.
        assert_eq!(item_of("2025"), "2025");
    }
}
