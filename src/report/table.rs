//! Builds a `Table` from the lines of a `table … { … }` block: attributes, parts, columns, rows
//! and notes, checking each row against its columns and each cell against its column's role.

use std::borrow::Cow;
use std::collections::HashMap;

use pest::iterators::Pair;
use rust_decimal::Decimal;

use super::error::{ParseNote, ParseNoteKind, SyntaxError, SyntaxErrorKind as K};
use super::grammar::{child, is, span_of, text_of, trim_end, trimmed_span, Rule};
use super::model::*;
use super::parse::{attribute, unit_value};

/// A table block being read.
pub(crate) struct TableBuilder {
    id: (String, Span),
    title: (String, Span),
    open: Span,
    department: Option<String>,
    unit: Option<Unit>,
    unread: Option<String>,
    missing: Option<String>,
    roles: Roles,
    keys: HashMap<String, Span>,
    /// Columns and rows written directly in the table.
    direct: Option<PartBuilder>,
    parts: Vec<Part>,
    /// The part being read, when inside `part … {`.
    current: Option<PartBuilder>,
    notes: Vec<Note>,
    /// What was read generously in its cells (full-width digits, a U+2212 minus).
    pub(crate) read_notes: Vec<ParseNote>,
    /// Suppressions that apply to the whole table (indices into `Report::suppressions`).
    pub(crate) suppressions: Vec<usize>,
    /// The opening line was malformed: read the block for its errors, keep no table.
    pub(crate) discard: bool,
}

/// `编码列` and `名称列` overrides: `Some(None)` is `= -`, no such column.
#[derive(Clone, Default)]
struct Roles {
    code: Option<(Option<String>, Span)>,
    name: Option<(Option<String>, Span)>,
}

struct PartBuilder {
    name: Option<String>,
    open: Span,
    roles: Roles,
    keys: HashMap<String, Span>,
    part: Option<Part>,
}

impl PartBuilder {
    fn new(name: Option<String>, open: Span, roles: Roles) -> Self {
        PartBuilder {
            name,
            open,
            roles,
            keys: HashMap::new(),
            part: None,
        }
    }
}

impl TableBuilder {
    pub(crate) fn new(id: (String, Span), title: (String, Span), open: Span) -> Self {
        TableBuilder {
            id,
            title,
            open,
            department: None,
            unit: None,
            unread: None,
            missing: None,
            roles: Roles::default(),
            keys: HashMap::new(),
            direct: None,
            parts: Vec::new(),
            current: None,
            notes: Vec::new(),
            read_notes: Vec::new(),
            suppressions: Vec::new(),
            discard: false,
        }
    }

    /// `table 05` or `part 收入`, for the unterminated-block message.
    pub(crate) fn describe_open(&self) -> String {
        match &self.current {
            Some(p) => format!(
                "table {} 中的 part {}",
                self.id.0,
                p.name.as_deref().unwrap_or("")
            ),
            None => format!("table {}", self.id.0),
        }
    }

    /// The opening line of the innermost open block.
    pub(crate) fn open_span(&self) -> Span {
        match &self.current {
            Some(p) => p.open.clone(),
            None => self.open.start..self.open.start + "table".len(),
        }
    }

    /// Handles `}`: closes the open part, or the table. Returns whether the table is closed.
    pub(crate) fn close(&mut self, span: &Span) -> bool {
        match self.current.take() {
            Some(mut p) => {
                p.open.end = span.end;
                self.finish_part(p);
                false
            }
            None => {
                self.open.end = span.end;
                true
            }
        }
    }

    fn finish_part(&mut self, p: PartBuilder) {
        let part = p.part.unwrap_or(Part {
            name: p.name,
            columns: Vec::new(),
            code_column: None,
            name_column: None,
            rows: Vec::new(),
            span: p.open.clone(),
        });
        self.parts.push(Part {
            span: p.open,
            ..part
        });
    }

    /// Handles one item of a table line other than `}` and comments.
    pub(crate) fn item(
        &mut self,
        item: Pair<'_, Rule>,
        offset: usize,
        errors: &mut Vec<SyntaxError>,
    ) {
        let span = span_of(&item, offset);
        match item.as_rule() {
            Rule::attribute => self.attribute(item, offset, errors),
            Rule::note => {
                let text = item.into_inner().find(|p| is(p, Rule::note_text));
                match child(text, span, "说明文字") {
                    Ok(text) => self.note(text.as_str(), offset + text.as_span().start()),
                    Err(e) => errors.push(e),
                }
            }
            Rule::part_open => {
                let name = item.into_inner().find(|p| is(p, Rule::part_name));
                let inner = child(name, span.clone(), "part 名称")
                    .and_then(|name| child(name.into_inner().next(), span.clone(), "part 名称"));
                let inner = match inner {
                    Ok(inner) => inner,
                    Err(e) => return errors.push(e),
                };
                let name = text_of(&inner).trim().to_string();
                if let Some(open) = self.current.take() {
                    let message = "part 不能嵌套：请先用 `}` 结束上一个 part";
                    errors.push(SyntaxError::new(span.clone(), K::Structure { message }));
                    self.finish_part(open);
                }
                if self.direct.is_some() {
                    let message = "表格已直接声明了列与行，不能再分 part；要么全部写在 part 中，要么都不用 part";
                    errors.push(SyntaxError::new(span.clone(), K::Structure { message }));
                }
                self.current = Some(PartBuilder::new(Some(name), span, self.roles.clone()));
            }
            Rule::columns => {
                let headers = item
                    .into_inner()
                    .filter(|p| is(p, Rule::column_header))
                    .map(|h| {
                        let inner = child(h.clone().into_inner().next(), span.clone(), "列名")?;
                        Ok(Column {
                            header: text_of(&inner).trim().to_string(),
                            span: trimmed_span(&h, offset),
                        })
                    })
                    .collect::<Result<_, _>>();
                match headers {
                    Ok(headers) => self.columns(span, headers, errors),
                    Err(e) => errors.push(e),
                }
            }
            Rule::row => match RowLine::from_pair(&item, offset) {
                Ok(row) => self.row(&row, errors),
                Err(e) => errors.push(e),
            },
            _ => {}
        }
    }

    fn attribute(&mut self, item: Pair<'_, Rule>, offset: usize, errors: &mut Vec<SyntaxError>) {
        let (key, key_span, value, value_span) = match attribute(item, offset) {
            Ok(attribute) => attribute,
            Err(e) => return errors.push(e),
        };
        let in_part = self.current.is_some();
        let started = match &self.current {
            Some(p) => p.part.is_some(),
            None => self.direct.is_some() || !self.parts.is_empty(),
        };
        let allowed: &[&str] = if in_part {
            &["编码列", "名称列"]
        } else {
            &["部门", "单位", "编码列", "名称列", "未读取", "缺行"]
        };
        if !allowed.contains(&key.as_str()) {
            let (place, expected) = if in_part {
                ("分部", "编码列、名称列")
            } else {
                ("表格", "部门、单位、编码列、名称列、未读取、缺行")
            };
            errors.push(SyntaxError::new(
                key_span,
                K::UnknownKey {
                    place,
                    key,
                    expected,
                },
            ));
            return;
        }
        if started {
            errors.push(SyntaxError::new(key_span, K::LateAttribute));
            return;
        }
        let keys = match &mut self.current {
            Some(p) => &mut p.keys,
            None => &mut self.keys,
        };
        if let Some(first) = keys.get(&key) {
            let e = SyntaxError::new(key_span, K::DuplicateKey { key })
                .with_related(first.clone(), "第一次出现在这里");
            errors.push(e);
            return;
        }
        keys.insert(key.clone(), key_span);
        let role = (
            if value == "-" {
                None
            } else {
                Some(value.clone())
            },
            value_span.clone(),
        );
        let roles = match &mut self.current {
            Some(p) => &mut p.roles,
            None => &mut self.roles,
        };
        match key.as_str() {
            "部门" => self.department = Some(value),
            "未读取" => self.unread = Some(value),
            "缺行" => self.missing = Some(value),
            "单位" => match unit_value(value, value_span) {
                Ok(u) => self.unit = Some(u),
                Err(e) => errors.push(e),
            },
            "编码列" => roles.code = Some(role),
            _ => roles.name = Some(role),
        }
    }

    /// The list that `columns` and rows go to: the open part, or the table's own.
    fn list(&mut self, span: &Span, errors: &mut Vec<SyntaxError>) -> &mut PartBuilder {
        if self.current.is_none() && !self.parts.is_empty() && self.direct.is_none() {
            let message = "表格已分为 part；列与行须写在 `part 名称 { … }` 之中";
            errors.push(SyntaxError::new(span.clone(), K::Structure { message }));
        }
        match &mut self.current {
            Some(p) => p,
            None => self
                .direct
                .get_or_insert_with(|| PartBuilder::new(None, span.clone(), self.roles.clone())),
        }
    }

    /// Handles `note …`: `text` is the note to the end of the line, starting at `start`.
    pub(crate) fn note(&mut self, text: &str, start: usize) {
        let t = text.trim_end();
        self.notes.push(Note {
            text: t.to_string(),
            span: start..start + t.len(),
        });
    }

    /// Handles `columns A | B`: `span` is the line from `columns` on, `headers` the headers as
    /// read (text trimmed, span without padding).
    pub(crate) fn columns(
        &mut self,
        span: Span,
        headers: Vec<Column>,
        errors: &mut Vec<SyntaxError>,
    ) {
        let list = self.list(&span, errors);
        if list.part.is_some() {
            errors.push(SyntaxError::new(span, K::DuplicateColumns));
            return;
        }
        let mut columns: Vec<Column> = Vec::with_capacity(headers.len());
        for Column {
            header,
            span: hspan,
        } in headers
        {
            if let Some(first) = columns.iter().find(|c| c.header == header) {
                let e = SyntaxError::new(
                    hspan.clone(),
                    K::DuplicateColumn {
                        header: header.clone(),
                    },
                )
                .with_related(first.span.clone(), "第一次出现在这里");
                errors.push(e);
            }
            columns.push(Column {
                header,
                span: hspan,
            });
        }
        let find = |key: &str,
                    role: &Option<(Option<String>, Span)>,
                    errors: &mut Vec<SyntaxError>| match role {
            None => None,
            Some((None, _)) => Some(None),
            Some((Some(h), s)) => {
                match columns.iter().position(|c| &c.header == h || c.leaf() == h) {
                    Some(i) => Some(Some(i)),
                    None => {
                        let kind = K::UnknownColumn {
                            key: key.into(),
                            header: h.clone(),
                        };
                        errors.push(SyntaxError::new(s.clone(), kind));
                        Some(None)
                    }
                }
            }
        };
        let code = find("编码列", &list.roles.code, errors)
            .unwrap_or_else(|| columns.iter().position(|c| c.header.contains("编码")));
        let name = find("名称列", &list.roles.name, errors).unwrap_or(match code {
            Some(c) if c + 1 < columns.len() => Some(c + 1),
            Some(_) => None,
            None if columns.is_empty() => None,
            None => Some(0),
        });
        list.part = Some(Part {
            name: list.name.clone(),
            columns,
            code_column: code,
            name_column: name,
            rows: Vec::new(),
            span,
        });
    }

    /// Adds a row to the open list, checking it against the list's columns.
    pub(crate) fn row(&mut self, row: &RowLine<'_>, errors: &mut Vec<SyntaxError>) {
        let span = &row.span;
        let cells = &row.cells;
        let first = cells.first().map_or(span.clone(), |c| c.span.clone());
        let last = cells.last().map_or(span.clone(), |c| c.span.clone());
        let row_span = first.start..last.end;
        let list = self.list(span, errors);
        let Some(part) = list.part.as_mut() else {
            errors.push(SyntaxError::new(row_span, K::RowBeforeColumns));
            return;
        };
        let expected = part.columns.len();
        if cells.len() != expected {
            let kind = K::CellCount {
                expected,
                found: cells.len(),
            };
            let at = if cells.len() > expected {
                cells[expected].span.start..last.end
            } else {
                last.end..last.end
            };
            let e = SyntaxError::new(at, kind)
                .with_related(part.span.clone(), format!("这里声明了 {expected} 列"));
            errors.push(e);
            return;
        }
        let mut row = Row {
            code: None,
            name: None,
            cells: Vec::with_capacity(expected),
            span: row_span,
        };
        let mut ok = true;
        let mut notes = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            let cspan = c.trimmed.clone();
            let role = if Some(i) == part.code_column {
                Role::Code
            } else if Some(i) == part.name_column {
                Role::Name
            } else {
                Role::Value
            };
            match cell_value(&c.content, role, cspan.clone(), &mut notes) {
                Ok(CellValue::Merged) if part.rows.is_empty() => {
                    ok = false;
                    errors.push(SyntaxError::new(cspan, K::MergedWithoutAbove));
                }
                Ok(value) => {
                    // A merged code or name continues the one above.
                    let above = part.rows.len().checked_sub(1);
                    let resolved = match &value {
                        CellValue::Merged => {
                            above.and_then(|r| part.resolve(r, i)).map(|c| &c.value)
                        }
                        v => Some(v),
                    };
                    if let Some(CellValue::Text { value: t }) = resolved {
                        match role {
                            Role::Code => row.code = Some(t.clone()),
                            Role::Name => row.name = Some(t.clone()),
                            Role::Value => {}
                        }
                    }
                    let uncertain = matches!(c.content, CellContent::Value { unsure: true, .. });
                    row.cells.push(Cell {
                        value,
                        span: cspan,
                        uncertain,
                    });
                }
                Err(e) => {
                    ok = false;
                    errors.push(e);
                }
            }
        }
        if ok {
            part.rows.push(row);
        }
        self.read_notes.append(&mut notes);
    }

    /// The finished table, and the suppressions that apply to all of it.
    pub(crate) fn build(
        mut self,
        section: Option<SectionId>,
        errors: &mut Vec<SyntaxError>,
    ) -> (Table, Vec<usize>) {
        if let Some(p) = self.current.take() {
            self.finish_part(p);
        }
        if let Some(d) = self.direct.take() {
            if let Some(part) = d.part {
                self.parts.insert(0, part);
            }
        }
        let _ = errors;
        let table = Table {
            index: Default::default(),
            id: self.id.0,
            title: self.title.0,
            department: self.department,
            unit: self.unit,
            unread: self.unread,
            missing: self.missing,
            parts: self.parts,
            notes: self.notes,
            section,
            id_span: self.id.1,
            title_span: self.title.1,
            span: self.open,
        };
        (table, self.suppressions)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Code,
    Name,
    Value,
}

/// A table row as the grammar's `row` reads it, from the pest parse ([`RowLine::from_pair`]) or
/// from the hand-written reader of plain rows (`fast::plain_row`), which gives the same value.
#[derive(Debug)]
pub(crate) struct RowLine<'a> {
    /// The row as matched: from its first cell to the end of the line, comment included.
    pub(crate) span: Span,
    /// The cells, in order; never empty (an empty line is not a row).
    pub(crate) cells: Vec<RowCell<'a>>,
}

/// One cell of a [`RowLine`].
#[derive(Debug)]
pub(crate) struct RowCell<'a> {
    /// The cell as matched: a bare cell with the padding after it, up to the `|`.
    pub(crate) span: Span,
    /// The cell without that padding: where errors and the model point.
    pub(crate) trimmed: Span,
    /// What the cell holds.
    pub(crate) content: CellContent<'a>,
}

/// What a cell holds, by the rule of `cell` that matched it.
#[derive(Debug)]
pub(crate) enum CellContent<'a> {
    /// `"12 次"`: quoted text, as written (quotes and escapes included).
    Quoted(&'a str),
    /// `1,022.32`, `95.42%`, `-`, `^`: a `value_cell`. `number` is the number without its `%`
    /// (`None` for `-` and `^`); `text` the whole cell.
    Value {
        /// The whole cell: `95.42%`.
        text: &'a str,
        /// The number: `95.42`; `None` for `-` and `^`.
        number: Option<&'a str>,
        /// Whether a `%` follows the number.
        percent: bool,
        /// Marked `?`: not read with certainty.
        unsure: bool,
    },
    /// `有所增强`, `12 次`: unquoted text that is not a value, with its trailing padding.
    Bare(&'a str),
    /// Nothing between two `|`: an error (`empty_cell`).
    Missing,
}

impl<'a> RowLine<'a> {
    /// The row of a `row` pair; `offset` is where its line starts in the source.
    pub(crate) fn from_pair(
        pair: &Pair<'a, Rule>,
        offset: usize,
    ) -> Result<RowLine<'a>, SyntaxError> {
        let cells = pair
            .clone()
            .into_inner()
            .filter(|p| is(p, Rule::cell))
            .map(|c| {
                let span = span_of(&c, offset);
                let trimmed = trimmed_span(&c, offset);
                let inner = child(c.into_inner().next(), span.clone(), "单元格内容")?;
                let content = match inner.as_rule() {
                    Rule::string => CellContent::Quoted(inner.as_str()),
                    Rule::value_cell => {
                        let mut parts = inner.clone().into_inner();
                        let number = parts
                            .next()
                            .filter(|p| is(p, Rule::number))
                            .map(|p| p.as_str());
                        let rest: Vec<_> = parts.collect();
                        let percent = rest.iter().any(|p| is(p, Rule::percent_sign));
                        let unsure = rest.iter().any(|p| is(p, Rule::unsure));
                        let text = inner.as_str();
                        CellContent::Value {
                            text: text.strip_suffix('?').filter(|_| unsure).unwrap_or(text),
                            number,
                            percent,
                            unsure,
                        }
                    }
                    Rule::bare_cell => CellContent::Bare(inner.as_str()),
                    _ => CellContent::Missing,
                };
                Ok(RowCell {
                    span,
                    trimmed,
                    content,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(RowLine {
            span: span_of(pair, offset),
            cells,
        })
    }

    /// The row without its trailing comment: from the start of the first cell to the end of the
    /// last one's text (what a suppression before the row points at).
    pub(crate) fn element_span(&self) -> Span {
        match (self.cells.first(), self.cells.last()) {
            (Some(first), Some(last)) => first.span.start..last.trimmed.end,
            _ => self.span.clone(),
        }
    }
}

/// Reads one cell according to its column's role; a number read from full-width digits or a
/// U+2212 minus is noted in `notes`.
fn cell_value(
    content: &CellContent<'_>,
    role: Role,
    span: Span,
    notes: &mut Vec<ParseNote>,
) -> Result<CellValue, SyntaxError> {
    let (text, quoted) = match content {
        CellContent::Missing => return Err(SyntaxError::new(span, K::EmptyCell)),
        CellContent::Quoted(raw) => (Cow::Owned(crate::text::unescape(raw)), true),
        CellContent::Value { text, .. } => (Cow::Borrowed(*text), false),
        CellContent::Bare(raw) => (Cow::Borrowed(trim_end(raw)), false),
    };
    if !quoted && text == "-" {
        return Ok(CellValue::Empty);
    }
    if !quoted && text == "^" {
        return Ok(CellValue::Merged);
    }
    match (role, content) {
        (Role::Code, _) if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) => {
            let text = text.into_owned();
            Err(SyntaxError::new(span, K::MalformedCode { text }))
        }
        (Role::Code | Role::Name, _) => Ok(CellValue::Text {
            value: text.into_owned(),
        }),
        (
            Role::Value,
            CellContent::Value {
                number: n, percent, ..
            },
        ) => match n {
            Some(n) if *percent => number(n, &text, span).map(CellValue::Percent),
            Some(n) => number(n, &text, span).map(CellValue::Amount),
            None => Ok(CellValue::Empty),
        },
        (Role::Value, _) => {
            // A number in full-width digits (９７５．４８, typed in the wrong input mode) or
            // with the minus sign U+2212 (−12.3) is read as the number it shows, and noted.
            if let (CellContent::Bare(_), Some((number_len, percent, ascii))) =
                (content, normalized(&text))
            {
                let n = number(&ascii[..number_len], &text, span.clone())?;
                notes.push(ParseNote {
                    span,
                    kind: ParseNoteKind::NormalizedNumber {
                        written: text.into_owned(),
                        value: ascii,
                    },
                });
                return Ok(if percent {
                    CellValue::Percent(n)
                } else {
                    CellValue::Amount(n)
                });
            }
            // Other full-width digits (９７５.４８) are numbers typed in the wrong input mode.
            let numeric = text.starts_with(|c: char| {
                c.is_ascii_digit()
                    || matches!(c, '-' | '+' | '.' | '０'..='９' | '－' | '＋' | '．')
            });
            let text = text.into_owned();
            if numeric && !quoted {
                Err(SyntaxError::new(span, K::MalformedAmount { text }))
            } else {
                Ok(CellValue::Text { value: text })
            }
        }
    }
}

/// A value cell written with full-width digits, point, comma, minus or percent sign
/// (`－１２．３`, `９５．４２％`), or with the minus sign U+2212 (`−12.3`): the cell as the
/// grammar's `number ~ percent_sign?` would read it with those as their ASCII forms (its length,
/// the number's length and whether a `%` follows), and that ASCII text. `None` when the cell has
/// none of them, or is no number even so.
fn normalized(text: &str) -> Option<(usize, bool, String)> {
    let wide = |c: char| matches!(c, '０'..='９' | '．' | '，' | '－' | '％' | '\u{2212}');
    if !text.chars().any(wide) {
        return None;
    }
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '．' => '.',
            '，' => ',',
            '－' | '\u{2212}' => '-',
            '％' => '%',
            c => c,
        })
        .collect();
    match super::fast::value(&ascii) {
        Some((len, Some(n), percent)) if len == ascii.len() => Some((n, percent, ascii)),
        _ => None,
    }
}

/// An exact decimal from `1,022.32`, with its written decimals.
pub(crate) fn number(digits: &str, written: &str, span: Span) -> Result<Number, SyntaxError> {
    let plain: Cow<str> = if digits.contains(',') {
        Cow::Owned(digits.chars().filter(|&c| c != ',').collect())
    } else {
        Cow::Borrowed(digits)
    };
    let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    match Decimal::from_str_exact(&plain) {
        Ok(value) if value.scale() == decimals => Ok(Number {
            value,
            decimals,
            written: written.to_string(),
        }),
        _ => Err(SyntaxError::new(
            span,
            K::NumberTooLarge {
                text: written.to_string(),
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_written_decimals() {
        let n = number("0.30", "0.30", 0..4).unwrap();
        assert_eq!((n.value.to_string().as_str(), n.decimals), ("0.30", 2));
        let n = number("1,022.64", "1,022.64", 0..8).unwrap();
        assert_eq!(n.value, Decimal::new(102264, 2));
        assert_eq!(number("12", "12", 0..2).unwrap().decimals, 0);
    }

    #[test]
    fn numbers_beyond_exact_range_are_errors_not_rounded() {
        let huge = "1".repeat(40);
        assert!(matches!(
            number(&huge, &huge, 0..40).unwrap_err().kind,
            K::NumberTooLarge { .. }
        ));
        let fine = format!("0.{}", "1".repeat(30));
        assert!(number(&fine, &fine, 0..32).is_err());
    }

    /// Full-width digits and the minus sign U+2212 are read as the number they show, with a
    /// note; what is no number even so stays what it was (issue 15, item 26).
    #[test]
    fn full_width_digits_and_a_unicode_minus_are_read_as_numbers_with_a_note() {
        let read = |text: &str| {
            let mut notes = Vec::new();
            let value = cell_value(
                &CellContent::Bare(text),
                Role::Value,
                0..text.len(),
                &mut notes,
            );
            (value, notes)
        };
        let amount = |v: &str, d: u32| {
            let (value, notes) = read(v);
            match value {
                Ok(CellValue::Amount(n)) if n.decimals == d => {
                    (n.value.to_string(), n.decimals, n.written, notes)
                }
                other => panic!("{v}: {other:?}"),
            }
        };
        let (value, decimals, written, notes) = amount("−12.30", 2);
        assert_eq!(
            (value.as_str(), decimals, written.as_str()),
            ("-12.30", 2, "−12.30")
        );
        assert_eq!(
            notes[0].kind.to_string(),
            "已将「−12.30」按数值 -12.30 读取"
        );
        assert_eq!(notes[0].span, 0.."−12.30".len());
        assert_eq!(amount("－１，０２２．３２", 2).0, "-1022.32");
        assert_eq!(amount("９７５", 0).0, "975");
        assert_eq!(amount("1,０２２.5", 1).0, "1022.5");
        let (percent, notes) = read("９５．４２％");
        assert!(matches!(percent, Ok(CellValue::Percent(n)) if n.value == Decimal::new(9542, 2)));
        assert_eq!(
            notes[0].kind.to_string(),
            "已将「９５．４２％」按数值 95.42% 读取"
        );
        // No number even so: as before, an error (full-width) or text (U+2212 alone), no note.
        for (text, error) in [
            ("１２ 次", true),
            ("−", false),
            ("−甲", false),
            ("９，９９", true),
        ] {
            let (value, notes) = read(text);
            assert_eq!(value.is_err(), error, "{text}: {value:?}");
            assert!(notes.is_empty(), "{text}");
        }
    }
}
