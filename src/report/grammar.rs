//! The pest parser generated from `grammar/report.pest`, and the helpers that turn its line
//! parses and its errors into located values.

use super::error::{SyntaxError, SyntaxErrorKind};
use super::model::Span;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser;

pub use generated::{FisParser, Rule};

#[allow(missing_docs)]
mod generated {
    use pest_derive::Parser;

    /// The parser generated from `grammar/report.pest`; `Rule` names its rules.
    #[derive(Parser)]
    #[grammar = "../grammar/report.pest"]
    pub struct FisParser;
}

/// Parses one line (without its line break) with `rule`; on failure returns the error, located
/// in the whole source by `offset`, the line's start.
pub(crate) fn parse_line(
    rule: Rule,
    line: &str,
    offset: usize,
) -> Result<Pair<'_, Rule>, SyntaxError> {
    match FisParser::parse(rule, line) {
        Ok(mut pairs) => Ok(pairs.next().expect("a successful parse yields its rule")),
        Err(e) => Err(located(e, line, offset)),
    }
}

/// The span of `pair` in the whole source.
pub(crate) fn span_of(pair: &Pair<'_, Rule>, offset: usize) -> Span {
    let s = pair.as_span();
    offset + s.start()..offset + s.end()
}

fn located(e: pest::error::Error<Rule>, line: &str, offset: usize) -> SyntaxError {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((a, _)) => a,
    };
    let ch = line[pos..].chars().next();
    let span = offset + pos..offset + pos + ch.map_or(0, char::len_utf8);
    if let Some(c) = ch.filter(|c| c.is_control() && *c != '\t') {
        return SyntaxError::new(span, SyntaxErrorKind::ControlCharacter { code: c as u32 });
    }
    let message = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => expected_message(positives, ch),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    SyntaxError::new(span, SyntaxErrorKind::Unexpected { message })
}

fn expected_message(positives: &[Rule], found: Option<char>) -> String {
    let mut words: Vec<&str> = Vec::new();
    for rule in positives {
        if let Some(w) = describe(*rule) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
    }
    if words.len() > 1 {
        words.retain(|w| *w != "行尾");
    }
    let found = match found {
        Some(c) => format!("`{c}`"),
        None => "行尾".to_string(),
    };
    match words.as_slice() {
        [] => format!("此处不应出现 {found}"),
        [one] => format!("此处应为{}，却是 {found}", spaced("", one)),
        [init @ .., last] => {
            let init = init.join("、");
            format!("此处应为{}{}，却是 {found}", spaced("", &init), spaced("或", last))
        }
    }
}

/// `word` after `joiner`, with a space on either side of the joiner only where code in
/// backticks meets it (Chinese text runs on without spaces).
fn spaced(joiner: &str, word: &str) -> String {
    let space = if word.starts_with('`') { " " } else { "" };
    if joiner.is_empty() {
        format!("{space}{word}")
    } else {
        format!(" {joiner}{space}{word}")
    }
}

/// A rule named in words, as users read it in an error message.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::header_open => "报告表头 `report 决算 {`",
        Rule::report_kind => "报告类型 `决算` 或 `预算`",
        Rule::attribute | Rule::attr_key => "属性 `名称 = 值`",
        Rule::attr_value | Rule::bare_word => "属性值",
        Rule::string | Rule::string_inner => "带引号的文字 `\"…\"`",
        Rule::block_close => "`}`",
        Rule::table_open => "表格 `table 编号 \"标题\" {`",
        Rule::table_id => "表格编号（如 `05`）",
        Rule::contents_open => "目录 `contents 目录 {`",
        Rule::contents_title => "目录标题",
        Rule::heading | Rule::heading_marks => "标题（`#` 后加空格）",
        Rule::heading_text => "标题文字",
        Rule::paragraph | Rule::paragraph_text => "段落文字",
        Rule::part_open => "分部 `part 名称 {`",
        Rule::part_name | Rule::bare_part_name => "分部名称",
        Rule::columns => "列声明 `columns 列1 | 列2`",
        Rule::column_header => "列名",
        Rule::note => "表注 `note …`",
        Rule::note_text => "表注文字",
        Rule::row => "表格行",
        Rule::cell | Rule::bare_cell => "单元格",
        Rule::trailing_comment | Rule::comment => "注释 `//`",
        Rule::EOI => "行尾",
        _ => return None,
    })
}

/// The unescaped text of a `string` pair or the text of any other pair.
pub(crate) fn text_of(pair: &Pair<'_, Rule>) -> String {
    if pair.as_rule() == Rule::string {
        let inner = pair.as_str();
        let inner = &inner[1..inner.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        pair.as_str().to_string()
    }
}

/// Splits a heading or paragraph text into its numbering (`（一）`) and the rest.
pub(crate) fn split_numbering(text: &str) -> (Option<String>, String) {
    match FisParser::parse(Rule::numbering, text) {
        Ok(pairs) => {
            let end = pairs
                .flatten()
                .filter(|p| p.as_rule() != Rule::numbering)
                .map(|p| p.as_span().end())
                .max()
                .unwrap_or(0);
            if end == 0 {
                return (None, text.to_string());
            }
            let rest = text[end..].trim_start_matches([' ', '\t', '\u{3000}']);
            (Some(text[..end].to_string()), rest.to_string())
        }
        Err(_) => (None, text.to_string()),
    }
}

/// Whether a pair matched `rule`.
pub(crate) fn is(pair: &Pair<'_, Rule>, rule: Rule) -> bool {
    pair.as_rule() == rule
}
