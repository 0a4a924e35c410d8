//! Loaded packs to runnable rules: every expression, template and pattern compiled and
//! type-checked against the scope it runs in, every error located at its place in the YAML.
//! This is where a rule author learns of an unknown function, an unknown param or name, a type
//! error, or a malformed pattern, all at once, before any report is read.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::error::{PackError, PackErrorKind};
use super::model::{self as m, ExprSrc, LoadedPack, Param, ParamValue, SourceFile};
use super::LoadFailure;
use crate::engine::{Check, Claim, Explain, Parts, Pattern, Require, Rule};
use crate::expr::{self, ExprError, Num, Scope, Type, Value};
use crate::severity::Severity;
use crate::subjects::Classification;

/// Compiles every enabled rule of a loaded pack.
pub fn compile(pack: &LoadedPack) -> Result<Vec<Rule>, LoadFailure> {
    let mut c = Compiler {
        files: &pack.files,
        errors: Vec::new(),
        subjects: pack.subjects.clone(),
    };
    let mut rules = Vec::new();
    for r in pack.rules.iter().filter(|r| r.enabled) {
        let mut params = pack.params.clone();
        params.extend(r.params.clone());
        if let Some(rule) = c.rule(&r.def, r.severity, &params) {
            rules.push(rule);
        }
    }
    if c.errors.is_empty() {
        Ok(rules)
    } else {
        Err(LoadFailure {
            errors: c.errors,
            files: pack.files.clone(),
        })
    }
}

struct Compiler<'a> {
    files: &'a [SourceFile],
    errors: Vec<PackError>,
    /// The pack's classification, given to the rules that look names up in it.
    subjects: Option<Arc<Classification>>,
}

/// Every expression, template and pattern a rule is written with, as written.
fn sources(def: &m::RuleDef) -> Vec<&ExprSrc> {
    let mut out: Vec<&ExprSrc> = def.when.iter().collect();
    match &def.check {
        m::Check::Assert {
            each,
            that,
            message,
            help,
        } => {
            out.extend(each.iter().chain([that, message]).chain(help.iter()));
        }
        m::Check::Sum {
            each,
            total,
            parts,
            message,
            ..
        } => {
            out.extend(each.iter().chain([total]).chain(message.iter()));
            match parts {
                m::Parts::Expr(e) => out.push(e),
                m::Parts::List(list) => out.extend(list.iter()),
            }
        }
        m::Check::Claim {
            patterns,
            that,
            message,
            help,
            ..
        } => out.extend(patterns.iter().chain([that, message]).chain(help.iter())),
        m::Check::Require { message, .. } => out.extend(message.iter()),
        m::Check::Explain {
            each,
            when,
            min_length,
            message,
            ..
        } => out.extend(each.iter().chain([when, message]).chain(min_length.iter())),
        m::Check::Ceiling {
            each,
            value,
            limit,
            message,
        } => out.extend(each.iter().chain([value, limit, message])),
    }
    out
}

/// Whether a rule calls a function that looks names up in the classification
/// (`subject_name`, `subject_code`, `subject_note`).
fn uses_subjects(def: &m::RuleDef) -> bool {
    sources(def).iter().any(|s| s.text.contains("subject_"))
}

/// A param as the expressions see it. Thresholds are exact: `10%` means ten percent, not an
/// interval around it.
fn param_value(p: &Param) -> (Type, Value<'static>) {
    match &p.value {
        ParamValue::Number(d, _) => (Type::Num, Value::Num(Num::exact(*d))),
        ParamValue::Percent(d, _) => (Type::Pct, Value::Pct(Num::exact(*d))),
        ParamValue::Text(t) => (Type::Text, Value::Text(t.clone())),
        ParamValue::List(items) => (Type::Texts, Value::Texts(items.clone())),
        ParamValue::Bool(b) => (Type::Bool, Value::Bool(*b)),
    }
}

fn severity(s: m::Severity) -> Severity {
    match s {
        m::Severity::Error => Severity::Error,
        m::Severity::Warning => Severity::Warning,
        m::Severity::Info => Severity::Info,
    }
}

impl Compiler<'_> {
    fn located(&mut self, src: &ExprSrc, errors: Vec<ExprError>) {
        for e in errors {
            let start = src.file_offset(self.files, e.span.start);
            let end = src.file_offset(self.files, e.span.end).max(start);
            let kind = PackErrorKind::Expression {
                code: e.kind.code(),
                message: e.kind.to_string(),
            };
            self.errors.push(PackError {
                file: src.file,
                span: start..end,
                kind,
                related: Vec::new(),
            });
        }
    }

    /// Compiles an expression that must have one of `types`.
    fn expr(
        &mut self,
        src: &ExprSrc,
        scope: &Scope,
        types: &[Type],
        expected: &'static str,
    ) -> Option<expr::Expr> {
        match expr::compile(&src.text, scope) {
            Ok((e, ty))
                if ty == Type::Error
                    || types.contains(&ty)
                    || (ty == Type::Cell && types.contains(&Type::Num)) =>
            {
                Some(e)
            }
            Ok((_, ty)) => {
                let kind = expr::ExprErrorKind::Type {
                    context: "此处".into(),
                    expected,
                    found: ty.words(),
                };
                self.located(
                    src,
                    vec![ExprError {
                        span: 0..src.text.len(),
                        kind,
                    }],
                );
                None
            }
            Err(errors) => {
                self.located(src, errors);
                None
            }
        }
    }

    fn template(&mut self, src: &ExprSrc, scope: &Scope) -> Option<expr::Template> {
        match expr::compile_template(&src.text, scope) {
            Ok(t) => Some(t),
            Err(errors) => {
                self.located(src, errors);
                None
            }
        }
    }

    fn pattern(&mut self, src: &ExprSrc) -> Option<Pattern> {
        match Pattern::compile(&src.text) {
            Ok(p) => Some(p),
            Err(e) => {
                let start = src.file_offset(self.files, e.span.start);
                let end = src.file_offset(self.files, e.span.end).max(start);
                let kind = PackErrorKind::Expression {
                    code: "pattern/malformed",
                    message: e.message,
                };
                self.errors.push(PackError {
                    file: src.file,
                    span: start..end,
                    kind,
                    related: Vec::new(),
                });
                None
            }
        }
    }

    fn rule(
        &mut self,
        def: &m::RuleDef,
        sev: m::Severity,
        params: &BTreeMap<String, Param>,
    ) -> Option<Rule> {
        let before = self.errors.len();
        let mut values = BTreeMap::new();
        let mut types = BTreeMap::new();
        for (name, p) in params {
            let (ty, value) = param_value(p);
            types.insert(name.clone(), ty);
            values.insert(name.clone(), value);
        }
        let base = Scope::with_params(types);
        let when = def
            .when
            .as_ref()
            .and_then(|w| self.expr(w, &base, &[Type::Bool], "真假值"));
        let numeric = [Type::Num, Type::Pct, Type::Cell];
        let check = match &def.check {
            m::Check::Assert {
                each,
                that,
                message,
                help,
            } => {
                let (each, scope) = self.each(each.as_ref(), &base);
                let that = self.expr(that, &scope, &[Type::Bool], "真假值");
                let message = self.template(message, &scope);
                let help = help.as_ref().map(|h| self.template(h, &scope));
                Check::Assert {
                    each,
                    that: that?,
                    message: message?,
                    help: help.flatten(),
                }
            }
            m::Check::Sum {
                each,
                columns,
                total,
                parts,
                message,
            } => {
                let (each, mut scope) = self.each(each.as_ref(), &base);
                if !columns.is_empty() {
                    scope = scope.bind("col", Type::Text);
                }
                let total = self.expr(total, &scope, &numeric, "数值");
                let parts = match parts {
                    m::Parts::Expr(e) => self
                        .expr(e, &scope, &[Type::Nums], "数值列表")
                        .map(Parts::List),
                    m::Parts::List(list) => {
                        let items: Vec<_> = list
                            .iter()
                            .map(|e| self.expr(e, &scope, &numeric, "数值"))
                            .collect();
                        items
                            .into_iter()
                            .collect::<Option<Vec<_>>>()
                            .map(Parts::Each)
                    }
                };
                let message = message.as_ref().map(|t| self.template(t, &scope));
                Check::Sum {
                    each,
                    columns: columns.clone(),
                    total: total?,
                    parts: parts?,
                    message: message.flatten(),
                }
            }
            m::Check::Claim {
                sections,
                patterns,
                that,
                message,
                help,
                with_next,
            } => {
                let patterns: Vec<Option<Pattern>> =
                    patterns.iter().map(|p| self.pattern(p)).collect();
                let patterns: Vec<Pattern> = patterns.into_iter().collect::<Option<_>>()?;
                // The expression sees the captures every pattern has.
                let mut scope = base.clone();
                for (name, kind) in patterns.iter().flat_map(|p| p.captures.iter()) {
                    if patterns
                        .iter()
                        .all(|p| p.captures.iter().any(|(n, _)| n == name))
                    {
                        scope = scope.bind(name, kind.ty());
                    }
                }
                let that = self.expr(that, &scope, &[Type::Bool], "真假值");
                let message = self.template(message, &scope);
                let help = help.as_ref().map(|h| self.template(h, &scope));
                let sections = if sections.is_empty() {
                    def.sections.clone()
                } else {
                    sections.clone()
                };
                Check::Claim(Box::new(Claim {
                    sections,
                    patterns,
                    that: that?,
                    message: message?,
                    help: help.flatten(),
                    with_next: *with_next,
                }))
            }
            m::Check::Ceiling {
                each,
                value,
                limit,
                message,
            } => {
                let (each, scope) = self.each(each.as_ref(), &base);
                let value = self.expr(value, &scope, &numeric, "数值");
                let limit = self.expr(limit, &scope, &numeric, "数值");
                let message = self.template(message, &scope);
                Check::Ceiling {
                    each,
                    value: value?,
                    limit: limit?,
                    message: message?,
                }
            }
            m::Check::Require {
                tables,
                titled,
                sections,
                phrases,
                empty_table_note,
                contents,
                message,
            } => {
                let message = message.as_ref().map(|t| self.template(t, &base));
                let empty_markers = match values.get("empty-table-markers") {
                    Some(Value::Texts(list)) => list.clone(),
                    _ => ["无数据", "没有", "不涉及", "无此项", "未发生"]
                        .map(String::from)
                        .to_vec(),
                };
                Check::Require(Box::new(Require {
                    tables: tables.clone(),
                    titled: titled.clone(),
                    sections: sections
                        .iter()
                        .map(|s| (s.name.clone(), s.aliases.clone()))
                        .collect(),
                    phrases: phrases
                        .iter()
                        .map(|p| (p.sections.clone(), p.texts.clone()))
                        .collect(),
                    empty_table_note: *empty_table_note,
                    contents: *contents,
                    empty_markers,
                    message: message.flatten(),
                }))
            }
            m::Check::Explain {
                each,
                when,
                sections,
                markers,
                min_length,
                message,
            } => {
                let (each, scope) = self.each(each.as_ref(), &base);
                let when = self.expr(when, &scope, &[Type::Bool], "真假值");
                let min_length = match min_length {
                    Some(src) => self.expr(src, &scope, &[Type::Num], "数值（字数）"),
                    None if scope.params.get("min-reason-length") == Some(&Type::Num) => {
                        expr::compile("param.min-reason-length", &scope)
                            .ok()
                            .map(|(e, _)| e)
                    }
                    None => expr::compile("4", &scope).ok().map(|(e, _)| e),
                };
                let message = self.template(message, &scope);
                let tautologies = match values.get("tautologies") {
                    Some(Value::Texts(list)) => list.clone(),
                    _ => Vec::new(),
                };
                let markers = markers
                    .clone()
                    .unwrap_or_else(|| m::DEFAULT_MARKERS.map(String::from).to_vec());
                let sections = if sections.is_empty() {
                    def.sections.clone()
                } else {
                    sections.clone()
                };
                Check::Explain(Box::new(Explain {
                    each,
                    when: when?,
                    sections,
                    markers,
                    min_length: min_length?,
                    tautologies,
                    message: message?,
                }))
            }
        };
        let subjects = if uses_subjects(def) {
            if self.subjects.is_none() {
                self.errors.push(PackError::new(
                    def.file,
                    def.id_span.clone(),
                    PackErrorKind::NoClassification {
                        rule: def.id.clone(),
                    },
                ));
            }
            self.subjects.clone()
        } else {
            None
        };
        if self.errors.len() > before {
            return None;
        }
        let when = when.map(Some).unwrap_or(None);
        Some(Rule {
            companions: Rule::companions_of(&check, when.as_ref()),
            subjects,
            id: def.id.clone(),
            severity: severity(sev),
            title: def.title.clone(),
            rationale: def.rationale.clone(),
            tables: def.tables.clone(),
            when,
            params: values,
            check,
        })
    }

    /// `each`: a row set, and the scope with `row` bound.
    fn each(&mut self, each: Option<&ExprSrc>, base: &Scope) -> (Option<expr::Expr>, Scope) {
        match each {
            None => (None, base.clone()),
            Some(src) => (
                self.expr(src, base, &[Type::Rows], "行集"),
                base.bind("row", Type::Row),
            ),
        }
    }
}
