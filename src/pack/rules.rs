//! One rule, and its check, from the YAML tree (docs/packs.md, "Rules" and "Checks").

use super::error::PackErrorKind;
use super::model::{Check, Examples, Parts, RequiredPhrase, RequiredSection, RuleDef};
use super::read::{list, Ctx, RuleEntry};
use super::yaml::{Kind, Node};

const RULE_KEYS: &[&str] = &[
    "id",
    "severity",
    "title",
    "summary",
    "rationale",
    "examples",
    "tables",
    "sections",
    "when",
    "params",
    "check",
];

const RULE_REQUIRED: &[&str] = &[
    "id",
    "severity",
    "title",
    "summary",
    "rationale",
    "examples",
    "check",
];

/// The kinds of check, as written.
pub(crate) const CHECK_KINDS: &[&str] =
    &["assert", "sum", "claim", "require", "explain", "ceiling"];

/// Reads one element of `rules`. Every field is read, so each of its errors is reported.
pub(crate) fn read_rule(cx: &mut Ctx, node: &Node) -> RuleEntry {
    let mut entry = RuleEntry {
        file: cx.file,
        id: None,
        def: None,
    };
    let Some(f) = cx.fields(node, "rules[]", "规则", RULE_KEYS, RULE_REQUIRED) else {
        return entry;
    };
    let id = f.get("id").and_then(|n| cx.id("id", n, "规则"));
    let severity = f.get("severity").and_then(|n| cx.severity(n));
    let title = f.get("title").and_then(|n| cx.text("title", n));
    let summary = f.get("summary").and_then(|n| cx.text("summary", n));
    let rationale = f.get("rationale").and_then(|n| cx.text("rationale", n));
    let examples = f.get("examples").and_then(|n| read_examples(cx, n));
    let tables = optional(f.get("tables"), |n| cx.texts("tables", n));
    let sections = optional(f.get("sections"), |n| cx.texts("sections", n));
    let when = optional(f.get("when"), |n| cx.expr("when", n).map(Some));
    let params = optional(f.get("params"), |n| cx.params("params", n));
    let check = f.get("check").and_then(|n| read_check(cx, n));
    entry.id = id.clone();
    if let (
        Some(id),
        Some(severity),
        Some(title),
        Some(summary),
        Some(rationale),
        Some(examples),
        Some(tables),
        Some(sections),
        Some(when),
        Some(params),
        Some(check),
    ) = (
        id, severity, title, summary, rationale, examples, tables, sections, when, params, check,
    ) {
        entry.def = Some(RuleDef {
            id: id.text,
            pack: String::new(),
            file: cx.file,
            id_span: id.span,
            severity,
            title,
            summary,
            rationale,
            examples,
            tables,
            sections,
            when,
            params,
            check,
        });
    }
    entry
}

/// An optional field: its default when absent, `None` when present and wrong.
fn optional<T: Default>(node: Option<&Node>, read: impl FnOnce(&Node) -> Option<T>) -> Option<T> {
    match node {
        None => Some(T::default()),
        Some(n) => read(n),
    }
}

fn read_examples(cx: &mut Ctx, node: &Node) -> Option<Examples> {
    let f = cx.fields(
        node,
        "examples",
        "`examples`",
        &["bad", "good"],
        &["bad", "good"],
    )?;
    let bad = f.get("bad").and_then(|n| cx.text("bad", n));
    let good = f.get("good").and_then(|n| cx.text("good", n));
    Some(Examples {
        bad: bad?,
        good: good?,
    })
}

/// `check: { KIND: { … } }`.
fn read_check(cx: &mut Ctx, node: &Node) -> Option<Check> {
    let entries = cx.map("check", node)?;
    let [(kind, body)] = entries else {
        let at = entries
            .first()
            .map_or(node.span.clone(), |(k, _)| k.span.clone());
        cx.error(
            at,
            PackErrorKind::CheckKindCount {
                count: entries.len(),
            },
        );
        return None;
    };
    let name = cx.key_text(kind);
    if !CHECK_KINDS.contains(&name.as_str()) {
        cx.error(
            kind.span.clone(),
            PackErrorKind::UnknownCheckKind {
                kind: name,
                expected: list(CHECK_KINDS),
            },
        );
        return None;
    }
    let place = format!("检查 `{name}`");
    let (known, required): (&[&str], &[&'static str]) = match name.as_str() {
        "assert" => (&["each", "that", "message", "help"], &["that", "message"]),
        "sum" => (
            &["each", "columns", "total", "parts", "message"],
            &["total", "parts"],
        ),
        "claim" => (
            &[
                "sections",
                "patterns",
                "that",
                "message",
                "help",
                "with-next",
            ],
            &["patterns", "that", "message"],
        ),
        "require" => (
            &[
                "tables",
                "titled",
                "sections",
                "phrases",
                "empty-table-note",
                "contents",
                "message",
            ],
            &[],
        ),
        "explain" => (
            &[
                "each",
                "when",
                "sections",
                "markers",
                "min-length",
                "message",
            ],
            &["when", "message"],
        ),
        _ => (
            &["each", "value", "limit", "message"],
            &["value", "limit", "message"],
        ),
    };
    // A kind with no fields at all (`require:`) is an empty map.
    let empty = Node {
        kind: Kind::Map(Vec::new()),
        span: body.span.clone(),
    };
    let body = if matches!(body.kind, Kind::Null) {
        &empty
    } else {
        body
    };
    let f = cx.fields(body, &name, &place, known, required)?;
    let mut expr = |key: &str| f.get(key).and_then(|n| cx.expr(key, n));
    let each = expr("each");
    let that = expr("that");
    let message = expr("message");
    let help = expr("help");
    let total = expr("total");
    let when = expr("when");
    let value = expr("value");
    let limit = expr("limit");
    let min_length = expr("min-length");
    let texts = |cx: &mut Ctx, key: &str| optional(f.get(key), |n| cx.texts(key, n));
    let check = match name.as_str() {
        "assert" => Check::Assert {
            each,
            that: that?,
            message: message?,
            help,
        },
        "sum" => {
            let columns = texts(cx, "columns");
            let parts = f.get("parts").and_then(|n| match n.kind {
                Kind::Seq(_) => cx.exprs("parts", n).map(Parts::List),
                _ => cx.expr("parts", n).map(Parts::Expr),
            });
            Check::Sum {
                each,
                columns: columns?,
                total: total?,
                parts: parts?,
                message,
            }
        }
        "claim" => {
            let sections = texts(cx, "sections");
            let patterns = f.get("patterns").and_then(|n| cx.exprs("patterns", n));
            let with_next = optional(f.get("with-next"), |n| cx.bool("with-next", n));
            Check::Claim {
                sections: sections?,
                patterns: patterns?,
                that: that?,
                message: message?,
                help,
                with_next: with_next?,
            }
        }
        "require" => {
            let tables = texts(cx, "tables");
            let titled = texts(cx, "titled");
            let sections = optional(f.get("sections"), |n| read_sections(cx, n));
            let phrases = optional(f.get("phrases"), |n| read_phrases(cx, n));
            let note = optional(f.get("empty-table-note"), |n| {
                cx.bool("empty-table-note", n)
            });
            let contents = optional(f.get("contents"), |n| cx.bool("contents", n));
            Check::Require {
                tables: tables?,
                titled: titled?,
                sections: sections?,
                phrases: phrases?,
                empty_table_note: note?,
                contents: contents?,
                message,
            }
        }
        "explain" => {
            let sections = texts(cx, "sections");
            let markers = optional(f.get("markers"), |n| cx.texts("markers", n).map(Some));
            Check::Explain {
                each,
                when: when?,
                sections: sections?,
                markers: markers?,
                min_length,
                message: message?,
            }
        }
        _ => Check::Ceiling {
            each,
            value: value?,
            limit: limit?,
            message: message?,
        },
    };
    Some(check)
}

/// `sections: [{ name: 部门职责, aliases: [主要职能] }]` of a `require`.
fn read_sections(cx: &mut Ctx, node: &Node) -> Option<Vec<RequiredSection>> {
    let items = cx.seq("sections", node)?;
    let mut out = Some(Vec::new());
    for item in items {
        let section = cx
            .fields(
                item,
                "sections",
                "`sections` 的条目",
                &["name", "aliases"],
                &["name"],
            )
            .and_then(|f| {
                let name = f.get("name").and_then(|n| cx.text("name", n));
                let aliases = optional(f.get("aliases"), |n| cx.texts("aliases", n));
                Some(RequiredSection {
                    name: name?,
                    aliases: aliases?,
                })
            });
        match (section, out.as_mut()) {
            (Some(s), Some(v)) => v.push(s),
            _ => out = None,
        }
    }
    out
}

/// `phrases: [{ in: 三公经费, text: 因公出国 }]` of a `require`; `in` and `text` may each be a list
/// of alternatives.
fn read_phrases(cx: &mut Ctx, node: &Node) -> Option<Vec<RequiredPhrase>> {
    let items = cx.seq("phrases", node)?;
    let mut out = Some(Vec::new());
    for item in items {
        let phrase = cx
            .fields(
                item,
                "phrases",
                "`phrases` 的条目",
                &["in", "text"],
                &["in", "text"],
            )
            .and_then(|f| {
                let sections = f.get("in").and_then(|n| cx.one_or_more_texts("in", n));
                let texts = f.get("text").and_then(|n| cx.one_or_more_texts("text", n));
                Some(RequiredPhrase {
                    sections: sections?,
                    texts: texts?,
                })
            });
        match (phrase, out.as_mut()) {
            (Some(p), Some(v)) => v.push(p),
            _ => out = None,
        }
    }
    out
}
