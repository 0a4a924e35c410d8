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
        Ok(mut pairs) => child(pairs.next(), offset..offset + line.len(), "整行"),
        Err(e) => Err(located(e, line, offset)),
    }
}

/// A child the grammar promises; its absence (the grammar and the walker out of step, a bug) is
/// an internal error at `within`, never a panic.
pub(crate) fn child<'i>(
    found: Option<Pair<'i, Rule>>,
    within: Span,
    what: &'static str,
) -> Result<Pair<'i, Rule>, SyntaxError> {
    found.ok_or_else(|| SyntaxError::new(within, SyntaxErrorKind::Internal { what }))
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
            format!(
                "此处应为{}{}，却是 {found}",
                spaced("", &init),
                spaced("或", last)
            )
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
        Rule::report_kind => "报告类型 `决算` 或 `预算`（可写作 `部门预算`、`单位预算` 等）",
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
        crate::text::unescape(pair.as_str())
    } else if pair.as_rule() == Rule::bare_cell {
        trim_end(pair.as_str()).to_string()
    } else {
        pair.as_str().to_string()
    }
}

/// `text` without trailing spaces, tabs and ideographic spaces.
pub(crate) fn trim_end(text: &str) -> &str {
    text.trim_end_matches([' ', '\t', '\u{3000}'])
}

/// The span of `pair` in the whole source, without trailing spaces.
pub(crate) fn trimmed_span(pair: &Pair<'_, Rule>, offset: usize) -> Span {
    let start = offset + pair.as_span().start();
    start..start + trim_end(pair.as_str()).len()
}

/// The first control character in a line (C0 other than tab, DEL, C1), which no `.fis` text may
/// hold, as (byte index, character).
pub(crate) fn control_character(line: &str) -> Option<(usize, char)> {
    let bytes = line.as_bytes();
    let suspect = |b: u8| (b < 0x20 && b != b'\t') || b == 0x7F || b == 0xC2;
    // Every byte of every line passes here: a fold without an early exit, which the compiler
    // turns into vector code, is several times faster than `any` on lines that are clean.
    if !bytes.iter().fold(false, |found, &b| found | suspect(b)) {
        return None;
    }
    line.char_indices()
        .find(|(_, c)| c.is_control() && *c != '\t')
}

/// Splits a heading or paragraph text into its numbering (`（一）`) and the rest.
pub(crate) fn split_numbering(text: &str) -> (Option<String>, &str) {
    match super::fast::numbering_len(text) {
        Some(end) => {
            let rest = text[end..].trim_start_matches([' ', '\t', '\u{3000}']);
            (Some(text[..end].to_string()), rest)
        }
        None => (None, text),
    }
}

/// Whether a pair matched `rule`.
pub(crate) fn is(pair: &Pair<'_, Rule>, rule: Rule) -> bool {
    pair.as_rule() == rule
}

#[cfg(test)]
mod tests {
    //! The grammar's rules that matter, each on what it must take and what it must refuse.
    use super::*;

    /// Whether `rule` matches the whole of `input`.
    fn takes(rule: Rule, input: &str) -> bool {
        FisParser::parse(rule, input)
            .is_ok_and(|mut p| p.next().is_some_and(|p| p.as_str() == input))
    }

    #[test]
    fn numbers_group_by_three_or_not_at_all() {
        for ok in [
            "1,022.32",
            "1022.32",
            "975.8",
            "0.30",
            "12",
            "-3.5",
            "1,025,900.00",
        ] {
            assert!(takes(Rule::number, ok), "{ok}");
        }
        for bad in [
            "1,02.32",
            "10,22.32",
            "1022.32.5",
            ".5",
            "1.",
            "1e5",
            "+5",
            "１２",
            "1 022",
        ] {
            assert!(!takes(Rule::number, bad), "{bad}");
        }
    }

    #[test]
    fn a_value_cell_is_a_whole_cell_that_is_empty_an_amount_or_a_percentage() {
        for ok in ["-", "1,022.32", "95.42%", "100%", "0%", "-3.5", "0.30  "] {
            assert!(takes(Rule::value_cell, ok.trim_end()), "{ok}");
            let line = format!("{ok}| x");
            assert!(
                FisParser::parse(Rule::value_cell, &line).is_ok(),
                "{ok} before a bar"
            );
        }
        for bad in ["--", "12 次", "95.42 %", "%", "1,02%", "-.5", "975,48"] {
            let line = format!("{bad} | x");
            assert!(FisParser::parse(Rule::value_cell, &line).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbering_is_the_published_prefix() {
        let cases = [
            (
                "第一部分 株洲市荷塘区行政审批服务局单位概况",
                Some("第一部分"),
            ),
            ("十五、其他", Some("十五、")),
            ("（一）项目概况", Some("（一）")),
            ("(二)存在问题", Some("(二)")),
            ("1、一般公共服务支出（类）", Some("1、")),
            ("1. 预算编制的合理性有待提高。", Some("1.")),
            ("（1）细化预算编制工作", Some("（1）")),
            ("附件 1-1", Some("附件 1-1")),
            ("1.5万元用于", None),
            ("2021年度收入合计", None),
            ("一般公共服务支出", None),
        ];
        for (text, numbering) in cases {
            assert_eq!(split_numbering(text).0.as_deref(), numbering, "{text}");
        }
        assert_eq!(split_numbering("（一）项目概况").1, "项目概况");
        assert_eq!(split_numbering("1.5万元").0, None);
        assert_eq!(split_numbering("1.").0.as_deref(), Some("1."));
        assert_eq!(
            split_numbering("一二三四五六七八九十一二三四五六七八九十、长")
                .0
                .as_deref(),
            Some("一二三四五六七八九十一二三四五六七八九十、")
        );
        assert_eq!(split_numbering("第二部分 部门决算表").1, "部门决算表");
    }

    #[test]
    fn headings_need_a_space_after_one_to_six_marks() {
        assert!(takes(Rule::heading, "# 第一部分 单位概况"));
        assert!(takes(Rule::heading, "###### 六级"));
        assert!(!takes(Rule::heading, "#第一部分"));
        assert!(!takes(Rule::heading, "####### 七级"));
    }

    #[test]
    fn a_line_that_starts_like_a_block_or_heading_is_never_a_paragraph() {
        for line in ["table 05 {", "report 决算", "contents", "# x", "// c", "}"] {
            assert!(!takes(Rule::paragraph, line), "{line}");
        }
        for line in [
            "2021年度收入合计1022.32万元。",
            "tables are not blocks",
            "reporting",
            "（一）项目概况",
        ] {
            assert!(takes(Rule::paragraph, line), "{line}");
        }
        assert!(takes(Rule::escaped_paragraph, "\\# 以井号开头的段落"));
    }

    #[test]
    fn control_characters_are_found_before_a_line_reaches_the_grammar() {
        assert_eq!(control_character("合计\t１２　（全角）·"), None);
        for (line, at) in [
            ("a\u{0}b", 1),
            ("ab\u{1b}[31m", 2),
            ("a\rb", 1),
            ("甲\u{85}", 3),
            ("a\u{9b}b", 1),
        ] {
            assert_eq!(
                control_character(line).map(|(i, _)| i),
                Some(at),
                "{line:?}"
            );
        }
    }

    #[test]
    fn table_openers() {
        assert!(FisParser::parse(
            Rule::table_open,
            "table 05 \"一般公共预算财政拨款支出决算表\" {"
        )
        .is_ok());
        assert!(FisParser::parse(Rule::table_open, "table 附件1-1 \"自评表\" { // 注释").is_ok());
        assert!(FisParser::parse(Rule::table_open, "table 05 一般公共预算 {").is_err());
        assert!(FisParser::parse(Rule::table_open, "table \"标题\" {").is_err());
        assert!(FisParser::parse(Rule::table_open, "table 05 \"标题\"").is_err());
    }

    #[test]
    fn rows_split_on_bars_and_trim_their_cells() {
        let row = FisParser::parse(Rule::row, "201 | 一般公共服务支出  | 975.48 |\t- // 注")
            .unwrap()
            .next()
            .unwrap();
        let cells: Vec<&str> = row
            .into_inner()
            .filter(|p| p.as_rule() == Rule::cell)
            .map(|p| trim_end(p.as_str()))
            .collect();
        assert_eq!(cells, ["201", "一般公共服务支出", "975.48", "-"]);
        let quoted = FisParser::parse(Rule::row, "甲 | \"a | b // c\" | 1")
            .unwrap()
            .next()
            .unwrap();
        assert_eq!(
            quoted
                .into_inner()
                .filter(|p| p.as_rule() == Rule::cell)
                .count(),
            3
        );
        assert!(
            FisParser::parse(Rule::row, "columns 甲 | 乙").is_err(),
            "a keyword line is not a row"
        );
        assert!(
            FisParser::parse(Rule::row, "部门 = \"x\"").is_err(),
            "an attribute is not a row"
        );
    }

    #[test]
    fn the_header_opens_with_its_kind_and_may_close_on_the_same_line() {
        let one_line = "report 决算 { 部门 = \"某局\"  年度 = 2021  单位 = 万元  地区 = 湖南 }";
        assert!(FisParser::parse(Rule::header_open, one_line).is_ok());
        assert!(FisParser::parse(Rule::header_open, "report 预算 {").is_ok());
        assert!(FisParser::parse(Rule::header_open, "report 决 {").is_err());
        assert!(FisParser::parse(Rule::header_open, "report 决算").is_err());
    }

    #[test]
    fn suppressions_name_rules_and_give_a_reason() {
        assert!(FisParser::parse(
            Rule::suppression,
            " fislint: allow cell-sum -- 合计含往年结转"
        )
        .is_ok());
        assert!(FisParser::parse(Rule::suppression, " fislint: allow a-1, b/c -- 原因").is_ok());
        assert!(FisParser::parse(Rule::suppression, " fislint: allow cell-sum").is_err());
        assert!(FisParser::parse(Rule::suppression, " fislint: allow -- 原因").is_err());
        assert!(FisParser::parse(Rule::suppression, " fislint: allow x --").is_err());
    }

    #[test]
    fn strings_unescape() {
        let p = FisParser::parse(Rule::string, r#""他说\"好\" \\ 完""#)
            .unwrap()
            .next()
            .unwrap();
        assert_eq!(text_of(&p), "他说\"好\" \\ 完");
    }

    #[test]
    fn an_error_names_what_was_expected_in_words() {
        let e = parse_line(Rule::top_line, "report 决 {", 0).unwrap_err();
        let message = e.kind.to_string();
        assert!(message.contains("报告类型"), "{message}");
        assert_eq!(e.span, 7..10);
    }
}
