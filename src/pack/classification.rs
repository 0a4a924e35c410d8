//! Reading a classification file (`rules/common/subjects.yaml`, docs/packs.md "科目数据文件"):
//! the YAML tree to a [`Classification`], every error located and every one reported, as a
//! pack's are.
//!
//! ```yaml
//! classification: subjects
//! title: 政府收支分类科目
//! years: [2019, 2026]
//! kinds:
//!   功能分类:
//!     "201": 一般公共服务支出
//!     "210":
//!       - { name: 医疗卫生与计划生育支出, to: 2018 }
//!       - { name: 卫生健康支出, from: 2019 }
//! ```

use std::collections::BTreeMap;

use super::error::PackErrorKind;
use super::read::{content_span, Ctx};
use super::yaml::{Kind as Yaml, Node};
use crate::subjects::{Classification, Kind, Name};

const KEYS: &[&str] = &["classification", "title", "years", "kinds"];

/// Reads a classification file; `None` when it has errors (each recorded in `cx`).
pub(crate) fn read_classification(cx: &mut Ctx, root: &Node) -> Option<Classification> {
    if !matches!(root.kind, Yaml::Map(_)) {
        cx.error(
            root.span.clone(),
            PackErrorKind::NotAMap {
                what: "科目数据文件",
                keys: "`classification`、`title`、`years`、`kinds`",
                found: root.kind.words(),
            },
        );
        return None;
    }
    let before = cx.errors.len();
    let f = cx.fields(root, "", "科目数据文件", KEYS, KEYS)?;
    let id = f
        .get("classification")
        .and_then(|n| cx.id("classification", n, "科目数据"));
    let title = f.get("title").and_then(|n| cx.text("title", n));
    let years = f.get("years").and_then(|n| years(cx, n));
    let kinds = f.get("kinds").map(|n| kinds(cx, n)).unwrap_or_default();
    if cx.errors.len() > before {
        return None;
    }
    Some(Classification {
        id: id?.text,
        title: title?,
        years: years?,
        kinds,
    })
}

/// `years: [2019, 2026]`: the first and last year covered.
fn years(cx: &mut Ctx, node: &Node) -> Option<(u16, u16)> {
    let items = cx.seq("years", node)?;
    let bad = |cx: &mut Ctx| {
        let written: Vec<&str> = items.iter().map(|n| cx.source(n)).collect();
        let value = format!("[{}]", written.join(", "));
        cx.error(
            node.span.clone(),
            PackErrorKind::BadValue {
                key: "years".into(),
                value,
                expected: "起止两个年度，如 `[2019, 2026]`，起始不晚于截止".into(),
            },
        );
        None
    };
    let [first, last] = items else {
        return bad(cx);
    };
    let (first, last) = (year(cx, "years[]", first)?, year(cx, "years[]", last)?);
    if first > last {
        return bad(cx);
    }
    Some((first, last))
}

/// A year: a whole number from 1949 to 2100.
fn year(cx: &mut Ctx, key: &str, node: &Node) -> Option<u16> {
    let text = cx.source(node).to_string();
    let value = match node.kind {
        Yaml::Number => text
            .parse::<u16>()
            .ok()
            .filter(|y| (1949..=2100).contains(y)),
        _ => None,
    };
    if value.is_none() {
        cx.error(
            content_span(cx.text, node),
            PackErrorKind::BadValue {
                key: key.trim_end_matches("[]").to_string(),
                value: text,
                expected: "年度，如 `2019`".into(),
            },
        );
    }
    value
}

/// `kinds: { 功能分类: { "201": …, … }, 经济分类: { … } }`.
fn kinds(cx: &mut Ctx, node: &Node) -> Vec<Kind> {
    let Some(entries) = cx.map("kinds", node) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        let name = cx.key_text(k);
        let Some(codes) = cx.map(&name, v) else {
            continue;
        };
        let mut read = BTreeMap::new();
        let mut spans = Vec::new();
        for (code, names) in codes {
            let text = cx.key_text(code);
            let valid = text.bytes().all(|b| b.is_ascii_digit()) && [3, 5, 7].contains(&text.len());
            if !valid {
                cx.error(
                    content_span(cx.text, code),
                    PackErrorKind::BadValue {
                        key: name.clone(),
                        value: text,
                        expected: "科目编码：3 位（类）、5 位（款）或 7 位（项）数字".into(),
                    },
                );
                continue;
            }
            if let Some(list) = code_names(cx, &text, names) {
                spans.push((text.clone(), content_span(cx.text, code)));
                read.insert(text, list);
            }
        }
        // Every 款 and 项 under its parent: a code without one is a typing error.
        for (code, span) in spans {
            let parent = &code[..code.len() - 2];
            if code.len() > 3 && !read.contains_key(parent) {
                cx.error(
                    span,
                    PackErrorKind::BadValue {
                        key: name.clone(),
                        value: code.clone(),
                        expected: format!("其上级科目 {parent} 也在数据中的科目编码"),
                    },
                );
            }
        }
        out.push(Kind { name, codes: read });
    }
    out
}

/// A code's names: one name (valid in every year covered), or a list of `{ name, from, to }`.
fn code_names(cx: &mut Ctx, code: &str, node: &Node) -> Option<Vec<Name>> {
    let items = match &node.kind {
        Yaml::Str(s) => {
            return Some(vec![Name {
                name: s.clone(),
                from: None,
                to: None,
            }])
        }
        Yaml::Seq(items) if !items.is_empty() => items,
        other => {
            cx.wrong_type(
                code,
                node.span.clone(),
                "名称，或 `{ name, from, to }` 的列表",
                other,
            );
            return None;
        }
    };
    // Every item is read, so that every error in it is reported.
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        match code_name(cx, code, item) {
            Some(n) => out.push(n),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// `{ name: 卫生健康支出, from: 2019 }`.
fn code_name(cx: &mut Ctx, code: &str, item: &Node) -> Option<Name> {
    let f = cx.fields(item, code, "科目名称", &["name", "from", "to"], &["name"])?;
    let name = f.get("name").and_then(|n| cx.text("name", n));
    let from = f.get("from").map(|n| year(cx, "from", n));
    let to = f.get("to").map(|n| year(cx, "to", n));
    let (Some(name), Some(from), Some(to)) = (name, from.unwrap_or(Some(0)), to.unwrap_or(Some(0)))
    else {
        return None;
    };
    let (from, to) = ((from > 0).then_some(from), (to > 0).then_some(to));
    if from.zip(to).is_some_and(|(f, t)| f > t) {
        cx.error(
            content_span(cx.text, item),
            PackErrorKind::BadValue {
                key: code.to_string(),
                value: cx.source(item).to_string(),
                expected: "`from` 不晚于 `to` 的名称".into(),
            },
        );
        return None;
    }
    Some(Name { name, from, to })
}
