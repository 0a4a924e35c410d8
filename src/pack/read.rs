//! A pack file's YAML tree to typed values, every error recorded and reading going on.
//!
//! Each reader takes a [`Node`] and returns `Option<T>`: `None` when the value is wrong, after
//! recording why. A map's readers all run before their results are combined, so a rule with
//! three mistakes reports three errors, and a broken rule does not hide the next one.

use std::collections::BTreeMap;
use std::ops::Range;

use rust_decimal::Decimal;

use super::error::{PackError, PackErrorKind};
use super::model::{ExprSrc, FileId, Param, ParamValue, RuleDef, Severity};
use super::rules::read_rule;
use super::yaml::{Kind, Node};

/// A string with where it is written: an `extends` entry, an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub text: String,
    pub span: Range<usize>,
}

/// What one pack file says, as far as it could be read.
#[derive(Debug, Default)]
pub(crate) struct PackFile {
    pub id: Option<Located>,
    pub title: Option<String>,
    pub version: Option<String>,
    pub extends: Vec<Located>,
    pub include: Vec<Located>,
    /// `classification: subjects`: the classification of 科目 its rules look names up in.
    pub classification: Option<Located>,
    pub params: BTreeMap<String, Param>,
    pub overrides: Vec<Override>,
    pub rules: Vec<RuleEntry>,
}

/// One entry of `overrides`.
#[derive(Debug)]
pub(crate) struct Override {
    pub rule: Located,
    pub action: Action,
}

/// What an override does.
#[derive(Debug)]
pub(crate) enum Action {
    /// `off`.
    Off,
    /// `{ severity, params }`.
    Change {
        severity: Option<Severity>,
        params: Vec<(Located, Param)>,
    },
}

/// A rule as read: its id whenever the id itself is readable (for duplicate and override
/// checks), its definition only when all of it is.
#[derive(Debug)]
pub(crate) struct RuleEntry {
    pub file: FileId,
    pub id: Option<Located>,
    pub def: Option<RuleDef>,
}

const PACK_KEYS: &[&str] = &[
    "pack",
    "title",
    "version",
    "extends",
    "include",
    "classification",
    "params",
    "overrides",
    "rules",
];

/// Reads a pack file.
pub(crate) fn read_pack(cx: &mut Ctx, root: &Node) -> PackFile {
    if !matches!(root.kind, Kind::Map(_)) {
        cx.error(
            root.span.clone(),
            PackErrorKind::NotAMap {
                what: "规则包文件",
                keys: "`pack`、`title`、`version`、`rules` 等键",
                found: root.kind.words(),
            },
        );
        return PackFile::default();
    }
    let Some(f) = cx.fields(root, "", "规则包", PACK_KEYS, &["pack", "title", "version"]) else {
        return PackFile::default();
    };
    PackFile {
        id: f.get("pack").and_then(|n| cx.id("pack", n, "规则包")),
        title: f.get("title").and_then(|n| cx.text("title", n)),
        version: f.get("version").and_then(|n| cx.text("version", n)),
        extends: f
            .get("extends")
            .map_or_else(Vec::new, |n| cx.entries("extends", n)),
        include: f
            .get("include")
            .map_or_else(Vec::new, |n| cx.entries("include", n)),
        classification: f.get("classification").and_then(|n| {
            let text = cx.text("classification", n)?;
            Some(Located {
                text,
                span: content_span(cx.text, n),
            })
        }),
        params: f
            .get("params")
            .and_then(|n| cx.params("params", n))
            .unwrap_or_default(),
        overrides: f
            .get("overrides")
            .map_or_else(Vec::new, |n| read_overrides(cx, n)),
        rules: f.get("rules").map_or_else(Vec::new, |n| read_rules(cx, n)),
    }
}

/// Reads an included file: a map holding only `rules`.
pub(crate) fn read_include(cx: &mut Ctx, root: &Node) -> Vec<RuleEntry> {
    if !matches!(root.kind, Kind::Map(_)) {
        cx.error(
            root.span.clone(),
            PackErrorKind::NotAMap {
                what: "包含的规则文件",
                keys: "只有 `rules` 一个键",
                found: root.kind.words(),
            },
        );
        return Vec::new();
    }
    let Some(f) = cx.fields(root, "", "包含的规则文件", &["rules"], &["rules"]) else {
        return Vec::new();
    };
    f.get("rules").map_or_else(Vec::new, |n| read_rules(cx, n))
}

fn read_rules(cx: &mut Ctx, node: &Node) -> Vec<RuleEntry> {
    let Some(items) = cx.seq("rules", node) else {
        return Vec::new();
    };
    items.iter().map(|n| read_rule(cx, n)).collect()
}

fn read_overrides(cx: &mut Ctx, node: &Node) -> Vec<Override> {
    let Some(entries) = cx.map("overrides", node) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let rule = Located {
            text: cx.key_text(key),
            span: key.span.clone(),
        };
        let action = match &value.kind {
            Kind::Str(s) if s == "off" => Some(Action::Off),
            Kind::Map(_) => cx
                .fields(value, &rule.text, "覆盖项", &["severity", "params"], &[])
                .map(|f| {
                    let severity = f.get("severity").and_then(|n| cx.severity(n));
                    let params = f.get("params").and_then(|n| cx.map("params", n));
                    let params = params
                        .into_iter()
                        .flatten()
                        .filter_map(|(k, v)| {
                            let name = Located {
                                text: cx.key_text(k),
                                span: k.span.clone(),
                            };
                            cx.param(&name.text, v).map(|p| (name, p))
                        })
                        .collect();
                    Action::Change { severity, params }
                }),
            Kind::Null | Kind::Seq(_) => {
                cx.wrong_type(
                    &rule.text,
                    value.span.clone(),
                    " `off` 或 `{ severity, params }`",
                    &value.kind,
                );
                None
            }
            _ => {
                let value_text = cx.source(value).to_string();
                cx.error(
                    value.span.clone(),
                    PackErrorKind::BadValue {
                        key: rule.text.clone(),
                        value: value_text,
                        expected: " `off`（关闭规则）或 `{ severity: …, params: … }`".into(),
                    },
                );
                None
            }
        };
        if let Some(action) = action {
            out.push(Override { rule, action });
        }
    }
    out
}

/// Where errors go while one file is read, and the file's text (scalars other than strings are
/// read from it, exactly as written).
pub(crate) struct Ctx<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub errors: &'a mut Vec<PackError>,
}

/// The entries of a map whose keys have been checked.
pub(crate) struct Fields<'n> {
    entries: Vec<(String, &'n Node)>,
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, n)| *n)
    }
}

impl Ctx<'_> {
    pub fn error(&mut self, span: Range<usize>, kind: PackErrorKind) {
        self.errors.push(PackError::new(self.file, span, kind));
    }

    /// The source text of a node (for a scalar: as written, quotes included).
    pub fn source(&self, node: &Node) -> &str {
        self.text.get(node.span.clone()).unwrap_or("")
    }

    pub fn key_text(&self, key: &Node) -> String {
        match &key.kind {
            Kind::Str(s) => s.clone(),
            _ => self.source(key).to_string(),
        }
    }

    /// The entries of the map `node` (the value of `key`), after reporting each key not in
    /// `known` and each of `required` that is missing. `None` if it is not a map.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        key: &str,
        place: &str,
        known: &[&str],
        required: &[&'static str],
    ) -> Option<Fields<'n>> {
        let entries = self.map(key, node)?;
        // `检查 `sum` 中`, `规则包中`: a space after code, none after Chinese.
        let place = if place.ends_with('`') {
            format!("{place} ")
        } else {
            place.to_string()
        };
        let mut fields = Fields {
            entries: Vec::new(),
        };
        for (k, v) in entries {
            let name = self.key_text(k);
            if known.contains(&name.as_str()) {
                fields.entries.push((name, v));
            } else {
                let expected = list(known);
                self.error(
                    k.span.clone(),
                    PackErrorKind::UnknownKey {
                        key: name,
                        place: place.clone(),
                        expected,
                    },
                );
            }
        }
        // A missing key is shown at the map's first key: a point before it says little.
        let at = entries
            .first()
            .map_or(node.span.clone(), |(k, _)| k.span.clone());
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|k| fields.get(k).is_none())
            .collect();
        if !missing.is_empty() {
            self.error(
                at,
                PackErrorKind::MissingKey {
                    keys: list(&missing),
                    place,
                },
            );
        }
        Some(fields)
    }

    pub fn map<'n>(&mut self, key: &str, node: &'n Node) -> Option<&'n [(Node, Node)]> {
        match &node.kind {
            Kind::Map(entries) => Some(entries),
            other => {
                self.wrong_type(key, node.span.clone(), "映射（键: 值）", other);
                None
            }
        }
    }

    pub fn seq<'n>(&mut self, key: &str, node: &'n Node) -> Option<&'n [Node]> {
        match &node.kind {
            Kind::Seq(items) => Some(items),
            other => {
                self.wrong_type(key, node.span.clone(), "列表", other);
                None
            }
        }
    }

    pub fn wrong_type(
        &mut self,
        key: &str,
        span: Range<usize>,
        expected: &'static str,
        found: &Kind,
    ) {
        self.error(
            span,
            PackErrorKind::WrongType {
                what: whose(key),
                expected,
                found: found.words(),
            },
        );
    }

    /// A scalar as text: a string's value, a number or boolean as written.
    pub fn text(&mut self, key: &str, node: &Node) -> Option<String> {
        match &node.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Number | Kind::Bool(_) => Some(self.source(node).to_string()),
            other => {
                self.wrong_type(key, node.span.clone(), "文本", other);
                None
            }
        }
    }

    /// A list of texts.
    pub fn texts(&mut self, key: &str, node: &Node) -> Option<Vec<String>> {
        let items = self.seq(key, node)?;
        let item = format!("{key}[]");
        let texts: Vec<_> = items.iter().map(|n| self.text(&item, n)).collect();
        texts.into_iter().collect()
    }

    /// One text or a list of texts (alternatives): `text: 没有` or `text: [没有, 无此项]`.
    pub fn one_or_more_texts(&mut self, key: &str, node: &Node) -> Option<Vec<String>> {
        match &node.kind {
            Kind::Seq(_) => self.texts(key, node),
            _ => self.text(key, node).map(|t| vec![t]),
        }
    }

    /// `extends` or `include`: a list of texts with their spans.
    pub fn entries(&mut self, key: &str, node: &Node) -> Vec<Located> {
        let Some(items) = self.seq(key, node) else {
            return Vec::new();
        };
        let item = format!("{key}[]");
        items
            .iter()
            .filter_map(|n| {
                let text = self.text(&item, n)?;
                Some(Located {
                    text,
                    span: content_span(self.text, n),
                })
            })
            .collect()
    }

    /// An expression (or template): the scalar's text and the span of its content.
    pub fn expr(&mut self, key: &str, node: &Node) -> Option<ExprSrc> {
        let text = self.text(key, node)?;
        Some(ExprSrc {
            text,
            file: self.file,
            span: content_span(self.text, node),
        })
    }

    /// A list of expressions.
    pub fn exprs(&mut self, key: &str, node: &Node) -> Option<Vec<ExprSrc>> {
        let items = self.seq(key, node)?;
        let item = format!("{key}[]");
        let exprs: Vec<_> = items.iter().map(|n| self.expr(&item, n)).collect();
        exprs.into_iter().collect()
    }

    pub fn bool(&mut self, key: &str, node: &Node) -> Option<bool> {
        match &node.kind {
            Kind::Bool(b) => Some(*b),
            other => {
                self.wrong_type(key, node.span.clone(), " `true` 或 `false`", other);
                None
            }
        }
    }

    /// A kebab-case id.
    pub fn id(&mut self, key: &str, node: &Node, what: &'static str) -> Option<Located> {
        let text = self.text(key, node)?;
        let span = content_span(self.text, node);
        if !is_kebab(&text) {
            self.error(span, PackErrorKind::BadId { what, id: text });
            return None;
        }
        Some(Located { text, span })
    }

    pub fn severity(&mut self, node: &Node) -> Option<Severity> {
        let text = self.text("severity", node)?;
        match text.as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => {
                self.error(
                    content_span(self.text, node),
                    PackErrorKind::BadValue {
                        key: "severity".into(),
                        value: text,
                        expected: " `error`、`warning` 或 `info`".into(),
                    },
                );
                None
            }
        }
    }

    /// A map of params, every value checked.
    pub fn params(&mut self, key: &str, node: &Node) -> Option<BTreeMap<String, Param>> {
        let entries = self.map(key, node)?;
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (k, v) in entries {
            let name = self.key_text(k);
            match self.param(&name, v) {
                Some(p) => {
                    out.insert(name, p);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// One param value: `6`, `10%`, text, a list of texts, `true`/`false`.
    pub fn param(&mut self, key: &str, node: &Node) -> Option<Param> {
        let source = self.source(node).to_string();
        let value = match &node.kind {
            Kind::Bool(b) => ParamValue::Bool(*b),
            Kind::Number => match decimal(&source) {
                Some((d, n)) => ParamValue::Number(d, n),
                None => {
                    self.error(
                        node.span.clone(),
                        PackErrorKind::BadValue {
                            key: key.to_string(),
                            value: source,
                            expected: "十进制数，如 `6` 或 `2.5`（最多 28 位有效数字）".into(),
                        },
                    );
                    return None;
                }
            },
            // Unquoted `10%` is a percentage; quoted, it is text.
            Kind::Str(s)
                if *s == source && s.ends_with('%') && decimal(&s[..s.len() - 1]).is_some() =>
            {
                let (d, n) = decimal(&s[..s.len() - 1])?;
                ParamValue::Percent(d, n)
            }
            Kind::Str(s) => ParamValue::Text(s.clone()),
            Kind::Seq(_) => ParamValue::List(self.texts(key, node)?),
            other => {
                self.wrong_type(
                    key,
                    node.span.clone(),
                    "数字、百分比、文本、文本列表或 `true`/`false`",
                    other,
                );
                return None;
            }
        };
        Some(Param {
            value,
            file: self.file,
            span: node.span.clone(),
        })
    }
}

/// `-12.50` as a decimal and its number of decimals; `None` for anything else (`1e3`, `0x1F`,
/// `.5`, a number beyond 28 significant digits).
fn decimal(s: &str) -> Option<(Decimal, u32)> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || (digits.contains('.') && !all_digits(frac)) {
        return None;
    }
    let d = Decimal::from_str_exact(s).ok()?;
    Some((d, frac.len() as u32))
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`.
pub(crate) fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9'))
        })
}

/// The span of a scalar's content: without the quotes of a quoted scalar, without the trailing
/// line breaks of a block scalar.
pub(crate) fn content_span(text: &str, node: &Node) -> Range<usize> {
    let span = node.span.clone();
    let Some(region) = text.get(span.clone()) else {
        return span;
    };
    let quoted = region.len() >= 2
        && ((region.starts_with('"') && region.ends_with('"'))
            || (region.starts_with('\'') && region.ends_with('\'')));
    if quoted {
        return span.start + 1..span.end - 1;
    }
    span.start..span.start + region.trim_end().len()
}

/// Whose value a key's is, for a message: `` `title` `` for `title`, `` `rules` 的条目`` for
/// `rules[]`, an element of the list `rules`.
fn whose(key: &str) -> String {
    match key.strip_suffix("[]") {
        Some(list) => format!("`{list}` 的条目"),
        None => format!("`{key}` "),
    }
}

/// `` `a`、`b`、`c` ``.
pub(crate) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join("、")
}
