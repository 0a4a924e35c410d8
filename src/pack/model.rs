//! What loading a pack produces: the files read, every rule with its check, the merged params.
//!
//! Expressions and templates are kept as raw text with their place in the file
//! ([`ExprSrc`]); the expression compiler reads them later and locates its errors through
//! [`ExprSrc::file_offset`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;

/// An index into [`LoadedPack::files`] (or the `files` of a failed load).
pub type FileId = usize;

/// One file read while loading: a pack, an included rule file, or an embedded pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// What users see: the path as given (`packs/hunan.yaml`), the path as resolved for files
    /// named by other files (`packs/rules/attachments.yaml`), or `embedded:national`.
    pub name: String,
    /// The whole text; spans are byte offsets into it.
    pub text: Arc<str>,
}

/// An expression as written in a pack, with where it is, for the expression compiler.
///
/// `when: row.小计 > 0` gives `text` `row.小计 > 0` and the span of those bytes. For a quoted
/// scalar the span excludes the quotes; for a block scalar (`|`, `>`) it covers the lines of the
/// block, without the indicator line and without trailing blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprSrc {
    /// The text as YAML gives it (quotes removed, escapes and block indentation resolved).
    pub text: String,
    /// The file it is in.
    pub file: FileId,
    /// The byte span of the scalar's content in that file.
    pub span: Range<usize>,
}

/// A message template: text in which `{EXPR}` is replaced by the value of an expression, such as
/// `小计 {row.小计} 不等于 {row.基本支出 + row.项目支出}`. Kept raw; compiled later.
pub type Template = ExprSrc;

/// How serious a rule's findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// `error`: the report must change.
    Error,
    /// `warning`: probably wrong.
    Warning,
    /// `info`: worth knowing.
    Info,
}

/// A value in `params`: `6`, `10%`, `万元`, `[无此项支出, 无变化]`, `true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// `6`, `2.5`: an unquoted number, exact, with its written number of decimals.
    Number(Decimal, u32),
    /// `10%`: an unquoted percentage; the number is the one written (`10`, not `0.1`).
    Percent(Decimal, u32),
    /// Any other scalar; a quoted `"6"` is text too.
    Text(String),
    /// `[无此项支出, 无变化]`: a list of texts.
    List(Vec<String>),
    /// `true` or `false`.
    Bool(bool),
}

/// A param with where its value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The value.
    pub value: ParamValue,
    /// The file the value is in.
    pub file: FileId,
    /// The byte span of the value.
    pub span: Range<usize>,
}

/// A rule as its pack defines it, before `overrides`.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleDef {
    /// `t05-row-total`: the stable id, kebab-case.
    pub id: String,
    /// The pack that defined it (its `pack:` id; an included file's rules belong to the pack
    /// that includes it).
    pub pack: String,
    /// The file the rule is in.
    pub file: FileId,
    /// The byte span of the `id` value.
    pub id_span: Range<usize>,
    /// The severity the pack gives it.
    pub severity: Severity,
    /// One line, Chinese.
    pub title: String,
    /// What the rule checks.
    pub summary: String,
    /// Which regulation or identity it enforces.
    pub rationale: String,
    /// Snippets for `fislint explain`.
    pub examples: Examples,
    /// `["05"]`: the rule applies when these tables are present.
    pub tables: Vec<String>,
    /// Where its prose lives: section names or aliases.
    pub sections: Vec<String>,
    /// The rule applies only when this holds.
    pub when: Option<ExprSrc>,
    /// Defaults for `param.NAME` in this rule.
    pub params: BTreeMap<String, Param>,
    /// What is checked.
    pub check: Check,
}

/// `examples: { bad: …, good: … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examples {
    /// A snippet the rule reports.
    pub bad: String,
    /// The same snippet, corrected.
    pub good: String,
}

/// `parts` of a `sum`: one expression that gives a list, or a list of expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parts {
    /// `parts: children(row)`.
    Expr(ExprSrc),
    /// `parts: [row.基本支出, row.项目支出]`.
    List(Vec<ExprSrc>),
}

/// `require: { sections: [{ name: 部门职责, aliases: [主要职能] }] }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredSection {
    /// The section's name.
    pub name: String,
    /// Other names it goes by.
    pub aliases: Vec<String>,
}

/// `require: { phrases: [{ in: 三公经费, text: 因公出国 }] }`: text that must appear in a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredPhrase {
    /// The section, by the titles it may have: each one present is checked.
    pub sections: Vec<String>,
    /// The texts one of which must appear in it.
    pub texts: Vec<String>,
}

/// The markers `explain` looks for when a pack gives none.
pub const DEFAULT_MARKERS: [&str; 4] = ["主要原因是", "主要原因：", "主要是因为", "原因是"];

/// What a rule checks: exactly one kind (docs/packs.md, "Checks").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// `assert: { each: rows(t05), that: row.小计 >= 0, message: … }`: an identity or inequality.
    Assert {
        /// A row set; the other expressions see `row`.
        each: Option<ExprSrc>,
        /// What must hold.
        that: ExprSrc,
        /// The finding's message.
        message: Template,
        /// How to fix it.
        help: Option<Template>,
    },
    /// `sum: { total: row.小计, parts: [row.基本支出, row.项目支出] }`: a total equals its parts.
    Sum {
        /// A row set; binds `row`.
        each: Option<ExprSrc>,
        /// Column names; the check repeats for each, binding `col`.
        columns: Vec<String>,
        /// The total.
        total: ExprSrc,
        /// The parts.
        parts: Parts,
        /// The message; `None` means the default one, which names the numbers.
        message: Option<Template>,
    },
    /// `claim: { patterns: ["支出{amount:total}万元"], that: total == t01.支出合计, … }`: what a
    /// sentence states agrees with the tables.
    Claim {
        /// Where to look; empty means the rule's `sections`.
        sections: Vec<String>,
        /// Text with typed captures (`{amount:total}`), kept raw with their spans.
        patterns: Vec<Template>,
        /// What must hold; sees the captures by name.
        that: ExprSrc,
        /// The finding's message.
        message: Template,
        /// How to fix it.
        help: Option<Template>,
        /// `with-next: true`: also match across a paragraph and the next.
        with_next: bool,
    },
    /// `require: { tables: ["01"], sections: [{ name: 部门职责 }] }`: what must be present.
    Require {
        /// Tables that must be present.
        tables: Vec<String>,
        /// `titled: [项目支出绩效自评表]`: for each text, a table whose title contains it must be
        /// present (attachment tables have no fixed id).
        titled: Vec<String>,
        /// Sections that must be present.
        sections: Vec<RequiredSection>,
        /// Text that must appear in a section.
        phrases: Vec<RequiredPhrase>,
        /// `empty-table-note: true`: a table without data must carry a note.
        empty_table_note: bool,
        /// `contents: true`: every entry of the contents listing (目录) names a heading or a
        /// table of the report, and every part (a level-1 heading) is in the listing.
        contents: bool,
        /// The message; `None` means the default one.
        message: Option<Template>,
    },
    /// `explain: { when: abs(row.变动率) > param.threshold, … }`: a numeric condition needs an
    /// explanation in the prose.
    Explain {
        /// A row set, or items found by a claim pattern.
        each: Option<ExprSrc>,
        /// The condition that needs explaining.
        when: ExprSrc,
        /// Where to look; empty means the rule's `sections`.
        sections: Vec<String>,
        /// What introduces an explanation; `None` means [`DEFAULT_MARKERS`].
        markers: Option<Vec<String>>,
        /// The shortest acceptable reason; `None` means `param.min-reason-length`.
        min_length: Option<ExprSrc>,
        /// The finding's message.
        message: Template,
    },
    /// `ceiling: { value: t07.三公经费.决算数, limit: t07.三公经费.预算数, … }`: a value must not
    /// exceed a limit.
    Ceiling {
        /// A row set.
        each: Option<ExprSrc>,
        /// The value.
        value: ExprSrc,
        /// Its limit.
        limit: ExprSrc,
        /// The finding's message.
        message: Template,
    },
}

impl Check {
    /// The kind's name as written in a pack: `assert`, `sum`, …
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Assert { .. } => "assert",
            Check::Sum { .. } => "sum",
            Check::Claim { .. } => "claim",
            Check::Require { .. } => "require",
            Check::Explain { .. } => "explain",
            Check::Ceiling { .. } => "ceiling",
        }
    }
}

/// A rule as it applies after every pack's `overrides`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedRule {
    /// The rule as defined.
    pub def: RuleDef,
    /// Its severity after overrides.
    pub severity: Severity,
    /// `false` when an override switched it `off`.
    pub enabled: bool,
    /// The rule's params: its defaults, overridden by `overrides`.
    pub params: BTreeMap<String, Param>,
}

/// A pack with everything it extends and includes, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPack {
    /// The root pack's id.
    pub id: String,
    /// The root pack's title.
    pub title: String,
    /// The root pack's version.
    pub version: String,
    /// Pack ids, most basic first, the root last; each pack once.
    pub chain: Vec<String>,
    /// Pack-level params, merged along the chain (a later pack's value replaces an earlier one).
    pub params: BTreeMap<String, Param>,
    /// The classification of 科目 (`classification:`) of the last pack of the chain that names
    /// one, read; its rules look names up in it.
    pub subjects: Option<Arc<crate::subjects::Classification>>,
    /// Every rule: extended packs' rules first, in `extends` order, then each pack's own
    /// (its included files in `include` order, then its `rules`).
    pub rules: Vec<ResolvedRule>,
    /// Every file read, indexed by [`FileId`].
    pub files: Vec<SourceFile>,
}

impl LoadedPack {
    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&ResolvedRule> {
        self.rules.iter().find(|r| r.def.id == id)
    }
}

impl ExprSrc {
    /// Maps a byte offset inside [`ExprSrc::text`] to a byte offset in its file.
    ///
    /// Exact for plain and quoted single-line scalars and for literal blocks (`|`), where each
    /// line of the text is found at the end of its source line. Folded blocks (`>`), multi-line
    /// plain scalars and quoted scalars with escapes are aligned character by character, skipping
    /// the source's line breaks, indentation and escape sequences. The result always lies within
    /// [`ExprSrc::span`].
    pub fn file_offset(&self, files: &[SourceFile], rel: usize) -> usize {
        let Some(file) = files.get(self.file) else {
            return self.span.start;
        };
        let Some(region) = file.text.get(self.span.clone()) else {
            return self.span.start;
        };
        let rel = crate::text::floor(&self.text, rel);
        let local = if region == self.text {
            rel
        } else if let Some(at) = by_lines(region, &self.text, rel) {
            at
        } else {
            let double = file.text[..self.span.start].ends_with('"');
            let single = file.text[..self.span.start].ends_with('\'');
            align(region, &self.text, rel, double, single)
        };
        self.span.start + local.min(region.len())
    }
}

/// The offset in `region` of `rel` in `text` when every line of `text` up to the one holding
/// `rel` is the end of the same line of `region` (a literal block: the source line has the
/// block's indentation in front).
fn by_lines(region: &str, text: &str, rel: usize) -> Option<usize> {
    let mut text_start = 0;
    let mut region_start = 0;
    let mut regions = region.split('\n');
    for line in text.split('\n') {
        let source = regions.next()?;
        let source_line = source.strip_suffix('\r').unwrap_or(source);
        if !source_line.ends_with(line) {
            return None;
        }
        if rel <= text_start + line.len() {
            let indent = source_line.len() - line.len();
            return Some(region_start + indent + (rel - text_start));
        }
        text_start += line.len() + 1;
        region_start += source.len() + 1;
    }
    None
}

/// Walks `text` and `region` together, matching equal characters and skipping what YAML removes
/// from the source (line breaks and indentation, escape sequences, doubled single quotes).
fn align(region: &str, text: &str, rel: usize, double: bool, single: bool) -> usize {
    let (mut i, mut j) = (0, 0);
    while i < rel && j < region.len() {
        let t = text[i..].chars().next().unwrap_or(' ');
        let s = region[j..].chars().next().unwrap_or(' ');
        if double && s == '\\' {
            let (len, produces) = escape_len(&region[j..]);
            j += len;
            if produces {
                i += t.len_utf8();
            }
        } else if single && s == '\'' && region[j + 1..].starts_with('\'') {
            i += t.len_utf8();
            j += 2;
        } else if t == s {
            i += t.len_utf8();
            j += s.len_utf8();
        } else if s.is_whitespace() {
            j += s.len_utf8();
        } else if t.is_whitespace() {
            i += t.len_utf8();
        } else {
            i += t.len_utf8();
            j += s.len_utf8();
        }
    }
    // A character after a folded line break: step over the source's indentation to it.
    let next = text[rel..].chars().next();
    if next.is_some_and(|c| !c.is_whitespace()) {
        while let Some(s) = region[j.min(region.len())..].chars().next() {
            if !s.is_whitespace() {
                break;
            }
            j += s.len_utf8();
        }
    }
    j
}

/// The length of the escape sequence at the start of `s` (which starts with `\`), and whether it
/// stands for a character (an escaped line break stands for none).
fn escape_len(s: &str) -> (usize, bool) {
    let mut chars = s.char_indices().skip(1);
    let (hex, produces) = match chars.next() {
        Some((_, 'x')) => (2, true),
        Some((_, 'u')) => (4, true),
        Some((_, 'U')) => (8, true),
        Some((_, '\r')) if s[2..].starts_with('\n') => return (3, false),
        Some((_, '\n' | '\r')) => return (2, false),
        Some((i, c)) => return (i + c.len_utf8(), true),
        None => return (1, false),
    };
    let end = chars
        .nth(hex - 1)
        .map_or(s.len(), |(i, c)| i + c.len_utf8());
    (end, produces)
}
