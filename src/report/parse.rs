//! The line walker: reads a source line by line, keeps track of the block it is in, parses each
//! line with its context's grammar rule, and builds the tree, collecting every error on the way.

use std::collections::HashMap;

use pest::iterators::Pair;

use super::error::{ParseNote, SyntaxError, SyntaxErrorKind as K};
use super::fast::{self, WS};
use super::grammar::{
    child, control_character, is, parse_line, span_of, split_numbering, text_of, trimmed_span, Rule,
};
use super::model::*;
use super::table::TableBuilder;

/// The longest line accepted, in bytes. Real paragraphs are a few kilobytes at most.
pub const MAX_LINE: usize = 100_000;

/// A parsed report, with every error found in it. The report holds whatever could be read.
#[derive(Debug)]
pub struct Parsed {
    /// The tree; incomplete where there were errors.
    pub report: Report,
    /// Every error, in source order.
    pub errors: Vec<SyntaxError>,
    /// What was read generously (a number in full-width digits, a U+2212 minus), in source
    /// order: notes for the user, which do not stop checking as errors do.
    pub notes: Vec<ParseNote>,
    /// Errors in the source that do not stop the report from being checked (a suppression
    /// without a reason, which then does not apply), in source order: shown with the findings.
    pub problems: Vec<SyntaxError>,
}

/// Parses a report source.
///
/// ```
/// let parsed = fislint::report::parse("report 决算 { 部门 = \"x\" 年度 = 2021 单位 = 万元 地区 = 湖南 }\n");
/// assert!(parsed.errors.is_empty());
/// assert_eq!(parsed.report.header.unwrap().year, 2021);
/// ```
pub fn parse(src: &str) -> Parsed {
    parse_with(src, true)
}

/// Parses a report source, with the hand-written readers of plain rows and paragraphs
/// (`fast`) or with the grammar alone. Both give the same result; the tests compare them.
pub(crate) fn parse_with(src: &str, fast: bool) -> Parsed {
    let mut w = Walker {
        fast,
        ..Walker::default()
    };
    let mut offset = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        w.line(line, offset);
        offset += raw.len();
    }
    w.finish(src)
}

#[derive(Default)]
enum Ctx {
    #[default]
    Top,
    Header(HeaderBuilder),
    Contents(Contents),
    Table(Box<TableBuilder>),
}

#[derive(Default)]
struct Walker {
    report: Report,
    errors: Vec<SyntaxError>,
    notes: Vec<ParseNote>,
    problems: Vec<SyntaxError>,
    ctx: Ctx,
    seen_header: bool,
    seen_content: bool,
    /// Open sections, innermost last: (level, index).
    open_sections: Vec<(u8, SectionId)>,
    /// Suppressions waiting for the element that follows them.
    pending: Vec<usize>,
    table_ids: HashMap<String, Span>,
    contents_span: Option<Span>,
    /// Read plain rows and paragraphs by hand (`fast`) instead of with the grammar.
    fast: bool,
}

struct HeaderBuilder {
    kind: ReportKind,
    scope: Scope,
    start: Span,
    end: usize,
    keys: HashMap<String, (Span, String, Span)>,
}

impl Walker {
    fn line(&mut self, line: &str, offset: usize) {
        if line.len() > MAX_LINE {
            let kind = K::LineTooLong {
                len: line.len(),
                max: MAX_LINE,
            };
            let end = offset + crate::text::floor(line, 80);
            self.errors.push(SyntaxError::new(offset..end, kind));
            return;
        }
        if line.trim().is_empty() {
            return;
        }
        if let Some((at, c)) = control_character(line) {
            let span = offset + at..offset + at + c.len_utf8();
            let kind = K::ControlCharacter { code: c as u32 };
            self.errors.push(SyntaxError::new(span, kind));
            return;
        }
        if self.fast && !matches!(self.ctx, Ctx::Header(_)) && fast::plain_comment(line) {
            return;
        }
        match std::mem::take(&mut self.ctx) {
            Ctx::Top => self.top_line(line, offset),
            Ctx::Header(h) => self.header_line(h, line, offset),
            Ctx::Contents(c) => self.contents_line(c, line, offset),
            Ctx::Table(t) => self.table_line(t, line, offset),
        }
    }

    fn top_line(&mut self, line: &str, offset: usize) {
        if self.fast {
            if let Some(at) = fast::plain_paragraph(line) {
                self.require_header(offset + at..offset + line.len());
                self.paragraph(&line[at..], offset + at);
                return;
            }
            if let Some((level, at)) = fast::plain_heading(line) {
                let start = offset + line.len() - line.trim_start_matches(WS).len();
                self.require_header(start..offset + line.len());
                self.heading(heading(level, &line[at..], offset + at));
                return;
            }
        }
        let pair = match parse_line(Rule::top_line, line, offset) {
            Ok(p) => p,
            Err(e) => {
                self.require_header(offset..offset + line.len());
                let t = line.trim_start();
                if t.starts_with('}') {
                    let at = offset + line.len() - t.len();
                    self.errors
                        .push(SyntaxError::new(at..at + 1, K::StrayClose));
                } else {
                    self.errors.push(opener_error(e, line, offset));
                }
                if t.starts_with("table") && t.trim_end().ends_with('{') {
                    // A malformed opener still opens its block: read the rows (their errors are
                    // real) and the closing brace, and keep the table out of the report.
                    let start = offset + line.len() - t.len();
                    let mut b = TableBuilder::new(
                        (String::new(), start..start),
                        (String::new(), start..start),
                        start..start + 5,
                    );
                    b.discard = true;
                    self.ctx = Ctx::Table(Box::new(b));
                }
                return;
            }
        };
        let Some(item) = pair.into_inner().find(|p| !is(p, Rule::EOI)) else {
            return;
        };
        if is(&item, Rule::comment) {
            self.comment(&item, offset, None);
            return;
        }
        if is(&item, Rule::header_open) {
            self.header_open(item, offset);
            return;
        }
        self.require_header(span_of(&item, offset));
        match item.as_rule() {
            Rule::contents_open => self.contents_open(item, offset),
            Rule::table_open => self.table_open(item, offset),
            Rule::heading => self.heading(heading_of(item, offset)),
            Rule::escaped_paragraph | Rule::paragraph => {
                let span = span_of(&item, offset);
                match child(item.into_inner().next(), span, "段落文字") {
                    Ok(text) => self.paragraph(text.as_str(), offset + text.as_span().start()),
                    Err(e) => self.errors.push(e),
                }
            }
            _ => {}
        }
    }

    /// Reports a missing header once, at the first content that should have followed it.
    fn require_header(&mut self, span: Span) {
        self.seen_content = true;
        if !self.seen_header {
            self.seen_header = true;
            self.errors.push(SyntaxError::new(span, K::MissingHeader));
        }
    }

    fn comment(&mut self, pair: &Pair<'_, Rule>, offset: usize, target: Option<Span>) {
        let body = pair
            .clone()
            .into_inner()
            .find(|p| is(p, Rule::comment_text))
            .map_or("", |p| p.as_str());
        if !body.trim_start().starts_with("fislint:") {
            return;
        }
        let span = span_of(pair, offset);
        let body_offset = span.end - body.len();
        match parse_line(Rule::suppression, body, body_offset) {
            Ok(s) => {
                let mut rules = Vec::new();
                let mut reason = String::new();
                for p in s.into_inner() {
                    match p.as_rule() {
                        Rule::rule_id => rules.push(p.as_str().to_string()),
                        Rule::reason => reason = p.as_str().trim().to_string(),
                        _ => {}
                    }
                }
                let has_target = target.is_some();
                self.report.suppressions.push(Suppression {
                    rules,
                    reason,
                    span,
                    target,
                });
                if !has_target {
                    self.pending.push(self.report.suppressions.len() - 1);
                }
            }
            // Well formed but for its reason: said so, and the rest of the report is checked.
            Err(_) if parse_line(Rule::suppression_without_reason, body, body_offset).is_ok() => {
                self.problems
                    .push(SyntaxError::new(span, K::SuppressionWithoutReason));
            }
            Err(_) => self
                .errors
                .push(SyntaxError::new(span, K::MalformedSuppression)),
        }
    }

    /// Gives the waiting suppressions their element.
    fn attach(&mut self, target: Span) {
        for i in self.pending.drain(..) {
            self.report.suppressions[i].target = Some(target.clone());
        }
    }

    fn header_open(&mut self, pair: Pair<'_, Rule>, offset: usize) {
        let start = span_of(&pair, offset);
        if self.seen_header && self.report.header.is_some() {
            self.errors
                .push(SyntaxError::new(start.clone(), K::DuplicateHeader));
        } else if self.seen_content {
            // Content came first; the missing-header error was already given there.
        }
        self.seen_header = true;
        let mut h = None;
        let mut closed = false;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::report_kind => {
                    let word = p.as_str();
                    let kind = if word.ends_with("决算") {
                        ReportKind::Final
                    } else {
                        ReportKind::Budget
                    };
                    let scope = if word.starts_with("单位") {
                        Scope::Unit
                    } else {
                        Scope::Department
                    };
                    h = Some(HeaderBuilder {
                        kind,
                        scope,
                        start: start.clone(),
                        end: start.end,
                        keys: HashMap::new(),
                    });
                }
                Rule::attribute => {
                    if let Some(h) = h.as_mut() {
                        self.header_attribute(h, p, offset);
                    }
                }
                Rule::block_close => closed = true,
                Rule::trailing_comment => self.comment(&p, offset, Some(start.clone())),
                _ => {}
            }
        }
        let Some(h) = h else {
            let what = "报告类型";
            self.errors
                .push(SyntaxError::new(start, K::Internal { what }));
            return;
        };
        if closed {
            self.finish_header(h);
        } else {
            self.ctx = Ctx::Header(h);
        }
    }

    fn header_attribute(&mut self, h: &mut HeaderBuilder, pair: Pair<'_, Rule>, offset: usize) {
        let (key, key_span, value, value_span) = match attribute(pair, offset) {
            Ok(attribute) => attribute,
            Err(e) => return self.errors.push(e),
        };
        h.end = h.end.max(value_span.end);
        const KEYS: &str = "部门、年度、单位、地区、标题";
        if !["部门", "年度", "单位", "地区", "标题"].contains(&key.as_str()) {
            let kind = K::UnknownKey {
                place: "表头",
                key,
                expected: KEYS,
            };
            self.errors.push(SyntaxError::new(key_span, kind));
        } else if let Some((first, _, _)) = h.keys.get(&key) {
            let e = SyntaxError::new(key_span, K::DuplicateKey { key: key.clone() })
                .with_related(first.clone(), "第一次出现在这里");
            self.errors.push(e);
        } else {
            h.keys.insert(key, (key_span, value, value_span));
        }
    }

    fn header_line(&mut self, mut h: HeaderBuilder, line: &str, offset: usize) {
        if starts_block(line) {
            let block = "report".to_string();
            self.errors
                .push(SyntaxError::new(h.start.clone(), K::Unterminated { block }));
            self.finish_header(h);
            self.line(line, offset);
            return;
        }
        match parse_line(Rule::header_line, line, offset) {
            Ok(pair) => {
                let mut closed = false;
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::attribute => self.header_attribute(&mut h, p, offset),
                        Rule::block_close => {
                            closed = true;
                            h.end = span_of(&p, offset).end;
                        }
                        Rule::trailing_comment => self.comment(&p, offset, None),
                        _ => {}
                    }
                }
                if closed {
                    self.finish_header(h);
                } else {
                    self.ctx = Ctx::Header(h);
                }
            }
            Err(e) => {
                self.errors.push(e);
                self.ctx = Ctx::Header(h);
            }
        }
    }

    fn finish_header(&mut self, h: HeaderBuilder) {
        let span = h.start.start..h.end;
        let mut missing = false;
        for key in ["部门", "年度", "单位", "地区"] {
            if !h.keys.contains_key(key) {
                missing = true;
                self.errors
                    .push(SyntaxError::new(h.start.clone(), K::MissingKey { key }));
            }
        }
        let get = |k: &str| h.keys.get(k).map(|(_, v, s)| (v.clone(), s.clone()));
        let year = get("年度").and_then(|(v, s)| match v.parse::<u16>() {
            Ok(y) if (1949..=2200).contains(&y) && v.len() == 4 => Some(y),
            _ => {
                let kind = K::BadValue {
                    key: "年度".into(),
                    value: v,
                    expected: "四位数的年份（如 2021）",
                };
                self.errors.push(SyntaxError::new(s, kind));
                None
            }
        });
        let unit = get("单位").and_then(|(v, s)| match unit_value(v, s) {
            Ok(u) => Some(u),
            Err(e) => {
                self.errors.push(e);
                None
            }
        });
        if missing {
            return;
        }
        let (Some(year), Some(unit)) = (year, unit) else {
            return;
        };
        self.report.header = Some(Header {
            kind: h.kind,
            scope: h.scope,
            department: get("部门").map(|v| v.0).unwrap_or_default(),
            year,
            unit,
            region: get("地区").map(|v| v.0).unwrap_or_default(),
            title: get("标题").map(|v| v.0),
            span,
        });
    }

    fn contents_open(&mut self, pair: Pair<'_, Rule>, offset: usize) {
        let span = span_of(&pair, offset);
        if let Some(first) = &self.contents_span {
            let e = SyntaxError::new(span.clone(), K::DuplicateContents)
                .with_related(first.clone(), "第一个目录在这里");
            self.errors.push(e);
        } else {
            self.contents_span = Some(span.clone());
        }
        let title = pair
            .into_inner()
            .find(|p| is(p, Rule::contents_title))
            .map_or_else(String::new, |p| p.as_str().trim().to_string());
        self.ctx = Ctx::Contents(Contents {
            title,
            entries: Vec::new(),
            span,
        });
    }

    fn contents_line(&mut self, mut c: Contents, line: &str, offset: usize) {
        if starts_block(line) && !line.trim_start().starts_with('#') {
            let block = format!("contents {}", c.title);
            let start = c.span.start..c.span.start + "contents".len();
            self.errors
                .push(SyntaxError::new(start, K::Unterminated { block }));
            if self.report.contents.is_none() {
                self.report.contents = Some(c);
            }
            self.line(line, offset);
            return;
        }
        if let Some((level, at)) = self.fast.then(|| fast::plain_heading(line)).flatten() {
            c.entries.push(heading(level, &line[at..], offset + at));
            self.ctx = Ctx::Contents(c);
            return;
        }
        match parse_line(Rule::contents_line, line, offset) {
            Ok(pair) => {
                let item = pair.into_inner().find(|p| !is(p, Rule::EOI));
                match item {
                    Some(p) if is(&p, Rule::block_close) => {
                        c.span.end = span_of(&p, offset).end;
                        if self.report.contents.is_none() {
                            self.report.contents = Some(c);
                        }
                        return;
                    }
                    Some(p) if is(&p, Rule::heading) => c.entries.push(heading_of(p, offset)),
                    Some(p) if is(&p, Rule::comment) => self.comment(&p, offset, None),
                    _ => {}
                }
                self.ctx = Ctx::Contents(c);
            }
            Err(e) => {
                self.errors.push(hash_hint(e, line, offset));
                self.ctx = Ctx::Contents(c);
            }
        }
    }

    fn heading(&mut self, h: Heading) {
        self.attach(h.span.clone());
        while matches!(self.open_sections.last(), Some((level, _)) if *level >= h.level) {
            self.open_sections.pop();
        }
        let parent = self.open_sections.last().map(|(_, id)| *id);
        let id = self.report.sections.len();
        self.open_sections.push((h.level, id));
        self.report.sections.push(Section {
            heading: h,
            parent,
            paragraphs: Vec::new(),
            tables: Vec::new(),
        });
    }

    /// Adds a paragraph: `raw` is its text to the end of the line, starting at `start`.
    fn paragraph(&mut self, raw: &str, start: usize) {
        let trimmed = raw.trim_end_matches(WS);
        let span = start..start + trimmed.len();
        self.attach(span.clone());
        let (numbering, _) = split_numbering(trimmed);
        let p = Paragraph {
            text: trimmed.to_string(),
            numbering,
            span,
        };
        match self.open_sections.last() {
            Some((_, id)) => self.report.sections[*id].paragraphs.push(p),
            None => self.report.front.push(p),
        }
    }

    fn table_open(&mut self, pair: Pair<'_, Rule>, offset: usize) {
        let open_span = span_of(&pair, offset);
        let mut id = (String::new(), 0..0);
        let mut title = (String::new(), 0..0);
        let mut target = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::table_id => id = (p.as_str().to_string(), span_of(&p, offset)),
                Rule::string => title = (text_of(&p), span_of(&p, offset)),
                Rule::trailing_comment => target = Some(p),
                _ => {}
            }
        }
        if let Some(first) = self.table_ids.get(&id.0) {
            let e = SyntaxError::new(id.1.clone(), K::DuplicateTable { id: id.0.clone() })
                .with_related(first.clone(), "第一次定义在这里");
            self.errors.push(e);
        } else {
            self.table_ids.insert(id.0.clone(), id.1.clone());
        }
        let mut t = TableBuilder::new(id, title, open_span.clone());
        t.suppressions = std::mem::take(&mut self.pending);
        if let Some(c) = target {
            self.comment(&c, offset, None);
            t.suppressions.append(&mut self.pending);
        }
        self.ctx = Ctx::Table(Box::new(t));
    }

    fn table_line(&mut self, mut t: Box<TableBuilder>, line: &str, offset: usize) {
        if starts_block(line) {
            let block = t.describe_open();
            self.errors
                .push(SyntaxError::new(t.open_span(), K::Unterminated { block }));
            self.finish_table(*t);
            self.line(line, offset);
            return;
        }
        if let Some(closes) = self
            .fast
            .then(|| self.plain_table_line(&mut t, line, offset))
            .flatten()
        {
            if closes {
                self.finish_table(*t);
            } else {
                self.ctx = Ctx::Table(t);
            }
            return;
        }
        let pair = match parse_line(Rule::table_line, line, offset) {
            Ok(pair) => pair,
            Err(e) => {
                self.errors.push(e);
                self.ctx = Ctx::Table(t);
                return;
            }
        };
        let items: Vec<_> = pair.into_inner().filter(|p| !is(p, Rule::EOI)).collect();
        let mut closes = false;
        // A trailing comment sits beside `}` and attributes, and inside the other items.
        let target = items
            .iter()
            .find(|p| !is(p, Rule::trailing_comment) && !is(p, Rule::comment))
            .map(|p| element_span(p, offset));
        for item in &items {
            let comments = std::iter::once(item.clone())
                .chain(item.clone().into_inner())
                .filter(|p| is(p, Rule::trailing_comment) || is(p, Rule::comment));
            for c in comments {
                self.comment(&c, offset, target.clone());
            }
        }
        for item in items {
            match item.as_rule() {
                Rule::comment | Rule::trailing_comment => {}
                Rule::block_close => closes = t.close(&span_of(&item, offset)),
                _ => {
                    self.attach(element_span(&item, offset));
                    t.item(item, offset, &mut self.errors);
                }
            }
        }
        if closes {
            self.finish_table(*t);
        } else {
            self.ctx = Ctx::Table(t);
        }
    }

    /// Reads a table line with the fast readers, when one of them takes it: `Some(closes)`.
    /// None of these lines has a comment, so there is nothing to do but attach waiting
    /// suppressions to the element and add it, as `table_line` does after parsing.
    fn plain_table_line(
        &mut self,
        t: &mut TableBuilder,
        line: &str,
        offset: usize,
    ) -> Option<bool> {
        if let Some(row) = fast::plain_row(line, offset) {
            self.attach(row.element_span());
            t.row(&row, &mut self.errors);
            return Some(false);
        }
        if let Some(at) = fast::plain_close(line) {
            return Some(t.close(&(offset + at..offset + at + 1)));
        }
        let start = offset + line.len() - line.trim_start_matches(WS).len();
        if let Some(at) = fast::plain_note(line) {
            self.attach(start..offset + line.len());
            t.note(&line[at..], offset + at);
            return Some(false);
        }
        if let Some((at, headers)) = fast::plain_columns(line, offset) {
            self.attach(start..start + line[at..].trim_end().len());
            t.columns(start..offset + line.len(), headers, &mut self.errors);
            return Some(false);
        }
        None
    }

    fn finish_table(&mut self, mut t: TableBuilder) {
        if t.discard {
            return;
        }
        self.notes.append(&mut t.read_notes);
        let section = self.open_sections.last().map(|(_, id)| *id);
        let (table, suppressions) = t.build(section, &mut self.errors);
        for i in suppressions {
            self.report.suppressions[i].target = Some(table.span.clone());
        }
        if let Some(s) = section {
            self.report.sections[s]
                .tables
                .push(self.report.tables.len());
        }
        self.report.tables.push(table);
    }

    fn finish(mut self, src: &str) -> Parsed {
        match std::mem::take(&mut self.ctx) {
            Ctx::Top => {}
            Ctx::Header(h) => {
                let block = "report".to_string();
                self.errors
                    .push(SyntaxError::new(h.start.clone(), K::Unterminated { block }));
                self.finish_header(h);
            }
            Ctx::Contents(c) => {
                let start = c.span.start..c.span.start + "contents".len();
                let block = format!("contents {}", c.title);
                self.errors
                    .push(SyntaxError::new(start, K::Unterminated { block }));
                self.report.contents.get_or_insert(c);
            }
            Ctx::Table(t) => {
                let block = t.describe_open();
                self.errors
                    .push(SyntaxError::new(t.open_span(), K::Unterminated { block }));
                self.finish_table(*t);
            }
        }
        if src.trim().is_empty() {
            self.errors.push(SyntaxError::new(0..0, K::EmptyFile));
        } else if !self.seen_header {
            self.errors.push(SyntaxError::new(0..0, K::MissingHeader));
        }
        self.errors.sort_by_key(|e| (e.span.start, e.span.end));
        self.report.index();
        self.notes.sort_by_key(|n| (n.span.start, n.span.end));
        Parsed {
            report: self.report,
            errors: self.errors,
            notes: self.notes,
            problems: self.problems,
        }
    }
}

/// The span of a table line's element, without its trailing comment: from the first to the last
/// cell of a row.
fn element_span(pair: &Pair<'_, Rule>, offset: usize) -> Span {
    if is(pair, Rule::row) {
        let mut cells = pair.clone().into_inner().filter(|p| is(p, Rule::cell));
        if let Some(first) = cells.next() {
            let start = span_of(&first, offset).start;
            let end = cells.last().map_or(trimmed_span(&first, offset).end, |c| {
                trimmed_span(&c, offset).end
            });
            return start..end;
        }
    }
    if is(pair, Rule::note) {
        return span_of(pair, offset);
    }
    let s = span_of(pair, offset);
    let text = pair.as_str();
    let cut = text.find("//").unwrap_or(text.len());
    s.start..s.start + text[..cut].trim_end().len()
}

/// The value of a `单位` attribute: `万元` or `元`.
pub(crate) fn unit_value(value: String, span: Span) -> Result<Unit, SyntaxError> {
    Unit::from_text(&value).ok_or_else(|| {
        let kind = K::BadValue {
            key: "单位".into(),
            value,
            expected: "`万元` 或 `元`",
        };
        SyntaxError::new(span, kind)
    })
}

/// `key = value` as (key, key span, value text, value span).
pub(crate) fn attribute(
    pair: Pair<'_, Rule>,
    offset: usize,
) -> Result<(String, Span, String, Span), SyntaxError> {
    let span = span_of(&pair, offset);
    let mut inner = pair.into_inner();
    let key = child(inner.next(), span.clone(), "属性名")?;
    let value = child(inner.next(), span.clone(), "属性值")?;
    let value = child(value.into_inner().next(), span, "属性值")?;
    Ok((
        key.as_str().to_string(),
        span_of(&key, offset),
        text_of(&value),
        span_of(&value, offset),
    ))
}

/// The heading of a `heading` pair.
fn heading_of(pair: Pair<'_, Rule>, offset: usize) -> Heading {
    let mut level = 1;
    let mut text = ("", 0);
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::heading_marks => level = p.as_str().len() as u8,
            Rule::heading_text => text = (p.as_str(), offset + p.as_span().start()),
            _ => {}
        }
    }
    heading(level, text.0, text.1)
}

/// A heading of `level` whose text, to the end of its line, is `raw`, starting at `start`.
fn heading(level: u8, raw: &str, start: usize) -> Heading {
    let text = raw.trim_end_matches(WS);
    let (numbering, title) = split_numbering(text);
    Heading {
        level,
        numbering,
        key: title_key(title).collect(),
        title: title.to_string(),
        text: text.to_string(),
        span: start..start + text.len(),
    }
}

/// Whether a line opens a top-level construct: inside a block, such a line means the block
/// was left unclosed.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    let keyword = |k: &str| {
        t.strip_prefix(k)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '{']))
    };
    keyword("report")
        || keyword("table")
        || keyword("contents")
        || (t.starts_with('#') && !t.starts_with("#|"))
}

/// The error of a malformed top-level line, said in terms of what the line evidently is: a
/// `table`, `report` or `contents` opener is re-read with its own rule, so the message names
/// what that opener lacks rather than that the line is not a paragraph.
fn opener_error(e: SyntaxError, line: &str, offset: usize) -> SyntaxError {
    let t = line.trim_start();
    let start = offset + line.len() - t.len();
    let keyword = |k: &str| {
        t.strip_prefix(k)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '{']))
    };
    let rule = if keyword("table") {
        Rule::table_open
    } else if keyword("report") {
        Rule::header_open
    } else if keyword("contents") {
        Rule::contents_open
    } else {
        return hash_hint(e, line, offset);
    };
    parse_line(rule, t, start).err().unwrap_or(e)
}

/// Gives a heading written without a space after its `#`s a message that says so.
fn hash_hint(e: SyntaxError, line: &str, offset: usize) -> SyntaxError {
    let t = line.trim_start();
    let marks = t.len() - t.trim_start_matches('#').len();
    if marks == 0 || !matches!(e.kind, K::Unexpected { .. }) {
        return e;
    }
    let start = offset + (line.len() - t.len());
    let message = if marks > 6 {
        "标题最多六级（`######`）；以 `#` 开头的段落请写作 `\\#…`".to_string()
    } else {
        "标题的 `#` 之后应有空格，如 `## 一、部门职责`；以 `#` 开头的段落请写作 `\\#…`".to_string()
    };
    SyntaxError::new(start..start + marks, K::Unexpected { message })
}
