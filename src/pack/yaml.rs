//! YAML text to a tree of [`Node`]s, each with its byte span, through serde-saphyr.
//!
//! Every value is read as `Spanned<Raw>`, generic and untyped, so reading the YAML can only fail
//! on the YAML itself (syntax, a key given twice, an alias bomb). What the values mean is checked
//! afterwards (`read.rs`), value by value, which is how every error in a file is found.

use std::fmt;
use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Error, Location, MessageFormatter, Spanned};

use super::error::PackErrorKind;

/// Limits on what one pack file may make the reader do. A pack is a few hundred rules, well
/// inside these; a hostile file (a billion-laughs alias bomb, deep nesting) hits them in
/// milliseconds and is reported where it hit them.
mod limits {
    /// Parser events in a file (each scalar, each start and end of a list or map).
    pub const EVENTS: usize = 500_000;
    /// Events replayed by all aliases together.
    pub const REPLAYED: usize = 50_000;
    /// Aliases within aliases.
    pub const REPLAY_DEPTH: usize = 16;
    /// Nesting of lists and maps.
    pub const DEPTH: usize = 48;
    /// Bytes of scalar text in a file.
    pub const SCALAR_BYTES: usize = 16 * 1024 * 1024;
}

/// A YAML value with the byte span where it is written. For an alias, the span is that of the
/// anchored value (where the text is).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub kind: Kind,
    /// For a scalar: its bytes, quotes and block lines included. For a list or map: its first
    /// byte (`[`, `{`), or a zero-width point at its first entry.
    pub span: Range<usize>,
}

/// What a node holds. Scalars other than strings keep no text: read it from the span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Number,
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Kind {
    /// The type in words, for "应为…，而不是…".
    pub fn words(&self) -> &'static str {
        match self {
            Kind::Null => "空值",
            Kind::Bool(_) => "布尔值",
            Kind::Number => "数字",
            Kind::Str(_) => "文本",
            Kind::Seq(_) => "列表",
            Kind::Map(_) => "映射",
        }
    }
}

/// Parses `text`; on failure, the error in words and its byte span.
pub(crate) fn parse(text: &str) -> Result<Node, (PackErrorKind, Range<usize>)> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_events: limits::EVENTS,
            max_depth: limits::DEPTH,
            max_total_scalar_bytes: limits::SCALAR_BYTES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits::REPLAYED,
            max_replay_stack_depth: limits::REPLAY_DEPTH,
        },
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(root) => Ok(node(root)),
        Err(e) => {
            let at = e.location().map_or(0, |l| byte_offset(text, &l));
            let len = e
                .location()
                .and_then(|l| l.span().byte_len())
                .map_or(0, |l| l as usize);
            let end = crate::text::floor(text, at + len);
            Err((
                PackErrorKind::InvalidYaml {
                    detail: in_words(&e),
                },
                at..end,
            ))
        }
    }
}

/// The reader's error in Chinese where it is one users meet; its own words otherwise.
fn in_words(e: &Error) -> String {
    let mut e = e.without_snippet();
    while let Error::AliasError { error, .. } = e {
        e = error.without_snippet();
    }
    match e {
        Error::DuplicateMappingKey { key: Some(key), .. } => format!("键 `{key}` 重复"),
        Error::DuplicateMappingKey { .. } => "键重复".into(),
        Error::UnknownAnchor { .. } => "别名引用了未定义的锚点".into(),
        Error::MultipleDocuments { .. } => {
            "一个文件只能有一个 YAML 文档（这里有 `---` 分隔的多个文档）".into()
        }
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => format!(
            "别名展开过多（超过 {} 个节点），已停止读取：规则包不需要这样多的别名",
            limits::REPLAYED
        ),
        Error::AliasReplayStackDepthExceeded { .. } => {
            format!("别名嵌套超过 {} 层，已停止读取", limits::REPLAY_DEPTH)
        }
        Error::Budget { .. } => format!(
            "文件超出了规则包的读取上限（{} 个节点，{} 层嵌套），已停止读取",
            limits::EVENTS,
            limits::DEPTH
        ),
        other => {
            let detail = serde_saphyr::DefaultMessageFormatter.format_message(other);
            let detail: String = detail
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            match gist(&detail) {
                Some(gist) => format!("{gist}（{detail}）"),
                None => detail,
            }
        }
    }
}

/// What the parser's most common messages mean, in Chinese; its own words stay in the message.
fn gist(detail: &str) -> Option<&'static str> {
    const GISTS: &[(&str, &str)] = &[
        ("tabs", "缩进不能使用制表符，请用空格"),
        ("found a tab", "缩进不能使用制表符，请用空格"),
        (
            "mapping values are not allowed",
            "此处不能有 `键: 值`；含 `: ` 的文本请加引号",
        ),
        (
            "did not find expected ',' or ']'",
            "列表 `[` 没有以 `]` 结束",
        ),
        (
            "did not find expected ',' or '}'",
            "映射 `{` 没有以 `}` 结束",
        ),
        (
            "did not find expected key",
            "缩进不一致：此处应为同一层级的键",
        ),
        (
            "did not find expected '-'",
            "缩进不一致：此处应为列表项 `- `",
        ),
        (
            "found character that cannot start any token",
            "此字符不能开始一个值；以 `@`、`` ` `` 等开头的文本请加引号",
        ),
        ("unexpected end", "文件意外结束：引号或括号没有闭合"),
        ("recursion limit", "嵌套过深"),
        ("unexpected character", "不允许的字符"),
        (
            "illegal placement of ':'",
            "`:` 的位置不对：可能是上面的括号、引号没有闭合",
        ),
    ];
    GISTS
        .iter()
        .find(|(english, _)| detail.contains(english))
        .map(|(_, gist)| *gist)
}

/// The byte offset of a location: its byte span when the reader has one, else its line and
/// (character) column.
fn byte_offset(text: &str, loc: &Location) -> usize {
    if let Some(at) = loc.span().byte_offset() {
        return (at as usize).min(text.len());
    }
    let line = loc.line().max(1) as usize;
    let column = loc.column().max(1) as usize;
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[line_start..]
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .nth(column - 1)
        .map_or_else(
            || {
                let rest = &text[line_start..];
                line_start + rest.find('\n').unwrap_or(rest.len())
            },
            |(i, _)| line_start + i,
        )
}

fn byte_span(loc: &Location) -> Range<usize> {
    let s = loc.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(at), Some(len)) => at as usize..(at + len) as usize,
        (Some(at), None) => at as usize..at as usize,
        _ => 0..0,
    }
}

fn node(raw: Spanned<Raw>) -> Node {
    let span = byte_span(&raw.defined);
    let kind = match raw.value {
        Raw::Null => Kind::Null,
        Raw::Bool(b) => Kind::Bool(b),
        Raw::Number => Kind::Number,
        Raw::Str(s) => Kind::Str(s),
        Raw::Seq(items) => Kind::Seq(items.into_iter().map(node).collect()),
        Raw::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Node {
                        span: byte_span(&k.defined),
                        kind: Kind::Str(k.value),
                    };
                    (key, node(v))
                })
                .collect(),
        ),
    };
    Node { kind, span }
}

/// A value as serde-saphyr gives it, before spans are turned into byte ranges.
enum Raw {
    Null,
    Bool(bool),
    Number,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(b))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }

    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw::Map(entries))
    }
}
