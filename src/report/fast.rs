//! Hand-written readers for the two commonest kinds of line, plain table rows and plain
//! paragraphs, which together are almost every line of a report.
//!
//! Running pest on a row costs a rule call per cell and per alternative tried, a tree of pairs and
//! a line index; these readers split the line and classify each cell directly. Each gives exactly
//! what the grammar (`row` in `table_line`, `paragraph` in `top_line`) gives for the lines it
//! takes, and declines every line it is not sure of (a quote, a comment, an `=`, a keyword…),
//! which then goes to the grammar as before: error messages and recovery stay the grammar's.
//! `fast/equivalence.rs` checks both paths against each other on every line of every fixture.

use super::model::Column;
use super::table::{CellContent, RowCell, RowLine};

/// The spaces the grammar skips (`ws`): space, tab, ideographic space.
pub(crate) const WS: [char; 3] = [' ', '\t', '\u{3000}'];

/// Reads a table line that is a plain row: cells separated by `|`, none of them quoted, no
/// comment, no `=`, not starting with a keyword or `}`. `None` means "not sure": parse the line
/// with `table_line`. The caller has already turned away lines that open a block.
///
/// For the lines it accepts the result is what `table_line` gives: such a line can only be a
/// `row` (the row's lookahead refuses keywords, `//`, `}` and `key =`), and with no `"` and no
/// `//` in it, every `|` separates two cells and the row always matches.
pub(crate) fn plain_row(line: &str, offset: usize) -> Option<RowLine<'_>> {
    let body = line.trim_start_matches(WS);
    let keyword = body.starts_with('}')
        || ["columns", "note", "part"]
            .iter()
            .any(|k| body.starts_with(k));
    if keyword || body.is_empty() {
        return None;
    }
    // One pass over the bytes (all three are ASCII, so never part of a longer character).
    let bytes = body.as_bytes();
    let mut bars = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' | b'=' => return None,
            b'/' if bytes.get(i + 1) == Some(&b'/') => return None,
            b'|' => bars += 1,
            _ => {}
        }
    }
    let start = line.len() - body.len();
    let mut cells = Vec::with_capacity(bars + 1);
    let mut at = offset + start;
    for segment in body.split('|') {
        // Before a cell the grammar skips `ws`; the cell runs to the next `|` or the line's end.
        let text = segment.trim_start_matches(WS);
        cells.push(cell(text, at + segment.len() - text.len()));
        at += segment.len() + 1;
    }
    Some(RowLine {
        span: offset + start..offset + line.len(),
        cells,
    })
}

/// One cell as the grammar's `cell` reads it, given its text from its first character to the next
/// `|` or the end of the line (which holds no quote and no `//`), and where that text starts.
fn cell(text: &str, start: usize) -> RowCell<'_> {
    if text.is_empty() {
        // `empty_cell`: nothing before the `|` or the line's end.
        return RowCell {
            span: start..start,
            trimmed: start..start,
            content: CellContent::Missing,
        };
    }
    if let Some((len, number, percent)) = value(text) {
        // `unsure?`, then `value_cell`'s lookahead: only padding may follow the value.
        let unsure = text[len..].starts_with('?');
        let end = len + usize::from(unsure);
        if text[end..].trim_start_matches(WS).is_empty() {
            return RowCell {
                span: start..start + end,
                trimmed: start..start + end,
                content: CellContent::Value {
                    text: &text[..len],
                    number: number.map(|n| &text[..n]),
                    percent,
                    unsure,
                },
            };
        }
    }
    // `bare_cell`: the text with its padding; its trimmed span leaves the padding out.
    RowCell {
        span: start..start + text.len(),
        trimmed: start..start + text.trim_end_matches(WS).len(),
        content: CellContent::Bare(text),
    }
}

/// What `value_cell` matches at the start of `text` before its lookahead,
/// `number ~ percent_sign? | empty | merged`: (length, length of the number if it is one, whether
/// a `%` follows the number).
pub(crate) fn value(text: &str) -> Option<(usize, Option<usize>, bool)> {
    let b = text.as_bytes();
    if let Some(n) = number(b) {
        let percent = b.get(n) == Some(&b'%');
        return Some((n + usize::from(percent), Some(n), percent));
    }
    match b.first() {
        Some(b'-' | b'^') => Some((1, None, false)),
        _ => None,
    }
}

/// The length of `number` at the start of `b`: `"-"? ~ integer ~ ("." ~ ASCII_DIGIT+)?`.
fn number(b: &[u8]) -> Option<usize> {
    let sign = usize::from(b.first() == Some(&b'-'));
    let mut end = integer(b, sign)?;
    if b.get(end) == Some(&b'.') {
        // An optional group: a point without digits after it is left unmatched.
        let fraction = digits(b, end + 1);
        if fraction > 0 {
            end += 1 + fraction;
        }
    }
    Some(end)
}

/// Where `integer` ends when it starts at `at`, as pest matches it (greedy, committed choice):
/// `ASCII_DIGIT{1,3} ~ ("," ~ ASCII_DIGIT{3})+ | ASCII_DIGIT+`.
fn integer(b: &[u8], at: usize) -> Option<usize> {
    let lead = digits(b, at).min(3);
    if lead > 0 {
        let mut end = at + lead;
        let mut groups = 0;
        while b.get(end) == Some(&b',') && digits(b, end + 1) >= 3 {
            end += 4;
            groups += 1;
        }
        if groups > 0 {
            return Some(end);
        }
    }
    let run = digits(b, at);
    (run > 0).then_some(at + run)
}

/// The number of ASCII digits in `b` from `at` on.
fn digits(b: &[u8], at: usize) -> usize {
    b.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// Reads a line outside blocks that is plain prose: where its paragraph text starts, or `None`
/// when the line starts with anything `top_line` might read otherwise (`#`, `/`, `\`, `}`, or a
/// block keyword even as part of a word), which is then parsed with `top_line`.
///
/// For the lines it accepts, `top_line` matches `paragraph`, whose text runs from the first
/// character after the leading spaces to the end of the line.
pub(crate) fn plain_paragraph(line: &str) -> Option<usize> {
    let body = line.trim_start_matches(WS);
    let unsure = body.is_empty()
        || body.starts_with(['#', '/', '\\', '}'])
        || ["report", "contents", "table"]
            .iter()
            .any(|k| body.starts_with(k));
    (!unsure).then_some(line.len() - body.len())
}

/// Reads a table line that is a note, `note 注：…`: where the note's text starts. `table_line`
/// reads it as `note` whatever the text holds (quotes, `//` and `=` included).
pub(crate) fn plain_note(line: &str) -> Option<usize> {
    let after = line.trim_start_matches(WS).strip_prefix("note")?;
    let text = after.trim_start_matches(WS);
    (text.len() < after.len() && !text.is_empty()).then_some(line.len() - text.len())
}

/// Reads a table line that is `columns A | B | C` with bare headers (no quote, no comment, no
/// empty header): where `columns` starts, and each header (trimmed, with its span in the source
/// without padding), as `TableBuilder::columns` takes them. `None` means "ask the grammar".
pub(crate) fn plain_columns(line: &str, offset: usize) -> Option<(usize, Vec<Column>)> {
    let body = line.trim_start_matches(WS);
    let after = body.strip_prefix("columns")?;
    let list = after.trim_start_matches(WS);
    if list.len() == after.len() || list.contains('"') || list.contains("//") {
        return None;
    }
    let mut headers = Vec::new();
    let mut at = offset + line.len() - list.len();
    for segment in list.split('|') {
        // `column_header` is a `bare_cell` here: text after the padding, to the next `|`.
        let text = segment.trim_start_matches(WS);
        if text.is_empty() {
            return None;
        }
        let start = at + segment.len() - text.len();
        let trimmed = text.trim_end_matches(WS);
        headers.push(Column {
            header: trimmed.trim().to_string(),
            span: start..start + trimmed.len(),
        });
        at += segment.len() + 1;
    }
    Some((line.len() - body.len(), headers))
}

/// The length of the numbering a heading or paragraph text starts with, as the grammar's
/// `numbering` matches it (the rule stays the definition; `equivalence` compares the two on
/// every line of the fixtures). Its alternatives start differently, so their order is moot:
///
/// ```text
/// part_number  第 cn_digit+ 部分        cn_item    cn_digit+ 、
/// cn_paren     （ cn_digit+ ） or ( )    num_paren  （ ASCII_DIGIT+ ） or ( )
/// num_item     ASCII_DIGIT+ (、 | ． | . not before a digit)
/// attachment   附件 (space | 　)* ASCII_DIGIT+ (- ASCII_DIGIT+)*
/// ```
pub(crate) fn numbering_len(t: &str) -> Option<usize> {
    let cn = |s: &str| -> usize {
        s.chars()
            .take_while(|c| "一二三四五六七八九十百零〇".contains(*c))
            .map(char::len_utf8)
            .sum()
    };
    let ascii = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    // `open`, a run that `run` measures, `close`.
    let enclosed = |run: &dyn Fn(&str) -> usize, open: &str, close: &str| {
        let r = t.strip_prefix(open)?;
        let n = run(r);
        (n > 0 && r[n..].starts_with(close)).then_some(open.len() + n + close.len())
    };
    let n = cn(t);
    if n > 0 {
        return t[n..].starts_with('、').then_some(n + '、'.len_utf8());
    }
    let n = ascii(t);
    if n > 0 {
        let r = &t[n..];
        if r.starts_with(['、', '．']) {
            return Some(n + 3);
        }
        return (r.starts_with('.') && !r[1..].starts_with(|c: char| c.is_ascii_digit()))
            .then_some(n + 1);
    }
    if let Some(r) = t.strip_prefix("附件") {
        let number = r.trim_start_matches([' ', '\u{3000}']);
        let mut end = t.len() - number.len() + ascii(number);
        if end == t.len() - number.len() {
            return None;
        }
        while let Some(d) = t[end..].strip_prefix('-').map(ascii).filter(|&d| d > 0) {
            end += 1 + d;
        }
        return Some(end);
    }
    enclosed(&cn, "第", "部分")
        .or_else(|| enclosed(&cn, "（", "）"))
        .or_else(|| enclosed(&cn, "(", ")"))
        .or_else(|| enclosed(&ascii, "（", "）"))
        .or_else(|| enclosed(&ascii, "(", ")"))
}

/// Whether a line is a comment that is not a suppression (`// 注…`): outside blocks, in
/// `contents` and in a table, such a line is read as `comment` and does nothing. (In the `report`
/// header a line starting `//` can be read as an attribute, so it is not asked there.)
pub(crate) fn plain_comment(line: &str) -> bool {
    line.trim_start_matches(WS)
        .strip_prefix("//")
        .is_some_and(|body| !body.trim_start().starts_with("fislint:"))
}

/// Whether a table line is a lone `}` (with padding), read as `block_close ~ line_end`; where
/// the `}` is in the line.
pub(crate) fn plain_close(line: &str) -> Option<usize> {
    let body = line.trim_start_matches(WS);
    (body.trim_end_matches(WS) == "}").then_some(line.len() - body.len())
}

/// Reads a heading line (outside blocks or in `contents`): its level and where its text starts,
/// for a line of one to six `#`, padding, and some text. `None` for anything else.
///
/// No other kind of line starts with `#`, so for such a line `top_line` and `contents_line`
/// match `heading`: `heading_marks`, `ws1` and `heading_text` to the end of the line.
pub(crate) fn plain_heading(line: &str) -> Option<(u8, usize)> {
    let body = line.trim_start_matches(WS);
    let marks = body.len() - body.trim_start_matches('#').len();
    let after = &body[marks..];
    let text = after.trim_start_matches(WS);
    let heading = (1..=6).contains(&marks) && text.len() < after.len() && !text.is_empty();
    heading.then(|| (marks as u8, line.len() - text.len()))
}

#[cfg(test)]
mod equivalence;

#[cfg(test)]
mod tests {
    //! What the readers take and what they leave to the grammar. That what they take is read as
    //! the grammar reads it is checked in `equivalence`, on fixtures and on tricky rows.
    use super::*;

    #[test]
    fn plain_rows_split_on_bars_and_keep_each_cells_span() {
        let row = plain_row("  201 | 一般公共服务支出  | 975.48 |\t-", 10).unwrap();
        assert_eq!(
            row.span,
            12..10 + "  201 | 一般公共服务支出  | 975.48 |\t-".len()
        );
        assert_eq!(row.cells[0].span, 12..15);
        // A bare cell keeps its padding in its span, not in its trimmed span.
        let name = &row.cells[1];
        assert_eq!(name.span.len(), "一般公共服务支出  ".len());
        assert_eq!(name.trimmed.len(), "一般公共服务支出".len());
        assert!(matches!(
            row.cells[2].content,
            CellContent::Value {
                number: Some("975.48"),
                percent: false,
                ..
            }
        ));
        assert!(matches!(
            row.cells[3].content,
            CellContent::Value { number: None, .. }
        ));
    }

    /// The second cell of `x | {cell} | y`, as the reader classifies it.
    fn content(cell: &str) -> String {
        let line = format!("x | {cell} | y");
        format!("{:?}", plain_row(&line, 0).unwrap().cells[1].content)
    }

    #[test]
    fn values_are_read_as_the_grammar_reads_them() {
        let value = |text: &str, number: Option<&str>, percent: bool| {
            format!(
                "{:?}",
                CellContent::Value {
                    text,
                    number,
                    percent,
                    unsure: false,
                }
            )
        };
        assert_eq!(
            content("1,022.32"),
            value("1,022.32", Some("1,022.32"), false)
        );
        assert_eq!(content("-1.5"), value("-1.5", Some("-1.5"), false));
        assert_eq!(content("95.42%  "), value("95.42%", Some("95.42"), true));
        assert_eq!(content("1234"), value("1234", Some("1234"), false));
        assert_eq!(content("-"), value("-", None, false));
        assert_eq!(content("^"), value("^", None, false));
        for bare in [
            "1,02.32",
            "1,0223",
            "1.",
            "--",
            "-%",
            "95 %",
            "12 次",
            "９７５.４８",
            ".5",
            "1e5",
            "+5",
            "^^",
            "2021年",
        ] {
            assert!(content(bare).starts_with("Bare"), "{bare} is a bare cell");
        }
        assert_eq!(content(""), "Missing");
    }

    #[test]
    fn lines_the_reader_is_not_sure_of_go_to_the_grammar() {
        for line in [
            "甲 | \"12 次\" | 1",
            "甲 | 1 // fislint: allow x -- y",
            "部门 = \"x\"",
            "a = b | c",
            "columns 甲 | 乙",
            "note 注：",
            "partial | 1",
            "}",
            "   ",
        ] {
            assert!(plain_row(line, 0).is_none(), "{line}");
        }
    }

    #[test]
    fn comments_closes_and_headings() {
        assert!(plain_comment("  // 注：页码"));
        assert!(!plain_comment("// fislint: allow x -- y"));
        assert!(!plain_comment("/ 单斜杠"));
        assert_eq!(plain_close("  }  "), Some(2));
        assert_eq!(plain_close("} // 注"), None);
        assert_eq!(plain_heading("## 一、部门职责"), Some((2, 3)));
        assert_eq!(plain_heading(" #\u{3000}标题"), Some((1, 5)));
        for line in ["#标题", "####### 七级", "## ", "#", "\\# 段落"] {
            assert_eq!(plain_heading(line), None, "{line}");
        }
    }

    #[test]
    fn plain_paragraphs_start_after_the_leading_spaces() {
        assert_eq!(plain_paragraph("　 2021年度收入合计。"), Some(4));
        for line in [
            "# 标题",
            "// 注释",
            "\\# 段落",
            "}",
            "table 05 \"x\" {",
            "tables",
            "report",
            "contents 目录 {",
        ] {
            assert_eq!(plain_paragraph(line), None, "{line}");
        }
    }
}
