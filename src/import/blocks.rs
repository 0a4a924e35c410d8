//! The text of an extracted report as blocks: headings, paragraphs, table rows and listing items,
//! each with the source lines it came from, and paragraphs that a page break cut in two put back
//! together ("经费投" / "入。").
//!
//! PDF extraction prints each paragraph as one line and separates everything with blank lines,
//! so a blank line says nothing; what does is how a line ends and how the next one starts. A
//! paragraph whose last line is a full one (not a label such as `部门：某局`) and ends neither a
//! sentence (`。`, `！`, `？`) nor an introduction (`其中：`), followed after one blank line by a
//! line that starts nothing (no numbering, not a table row or listing item), was cut by a page
//! break. Lines printed one under the other, with no blank line between, are separate lines.

use std::ops::Range;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A line that starts with a numbering (`三、`, `（一）`, `第一部分`) and ends no sentence:
    /// `三、支出决算情况说明`.
    Heading,
    /// Prose: one paragraph, perhaps put back together from lines a page break cut.
    Paragraph,
    /// A line of a table: cells separated by tabs.
    TableRow,
    /// A line of a listing: `- 一、部门职责`.
    ListItem,
}

/// A block of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text: the line, or the lines a page break cut, joined, without surrounding spaces.
    pub text: String,
    /// The source lines it was read from, 1-based (a joined paragraph spans several).
    pub lines: Range<usize>,
    /// It was put back together from lines a page break had cut.
    pub joined: bool,
}

/// The shortest line a page break can have cut, in characters.
const FULL_LINE: usize = 20;

/// The longest heading, in characters: a longer numbered line is a numbered paragraph.
const HEADING_MAX: usize = 40;

/// Sentence-ending punctuation: a numbered line ending so is a paragraph, not a heading.
const SENTENCE_END: [char; 6] = ['。', '！', '？', '.', '!', '?'];

/// What ends a paragraph: a sentence's end, or a colon that introduces what follows ("其中：").
/// A paragraph ending otherwise goes on after a page break.
const PARAGRAPH_END: [char; 8] = ['。', '！', '？', '.', '!', '?', '：', ':'];

/// Reads the text's blocks in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // How long the last line read was: a page break cuts a full line of prose, never a short
    // one such as `部门：某局` or `株洲市荷塘区行政审批服务局` above `(盖章)`.
    let mut last_len = 0;
    // The line the last block ended on: a page break leaves one blank line between the two
    // halves of a cut paragraph; lines printed one under the other are separate lines.
    let mut last_line = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c == ' ' || c == '\u{3000}' || c == '\r');
        let (line, marked) = markdown(line);
        if line.trim().is_empty() {
            continue;
        }
        let number = i + 1;
        let kind = match kind_of(line) {
            BlockKind::Paragraph if marked && line.chars().count() <= HEADING_MAX => {
                BlockKind::Heading
            }
            kind => kind,
        };
        // A paragraph cut by a page break goes on in this line.
        let len = line.trim().chars().count();
        let after_one_blank = number == last_line + 2;
        last_line = number;
        if kind == BlockKind::Paragraph
            && !starts_something(line)
            && last_len >= FULL_LINE
            && after_one_blank
        {
            if let Some(last) = out.last_mut() {
                if last.kind == BlockKind::Paragraph
                    && !last.text.ends_with(PARAGRAPH_END)
                    && !is_item_title(&last.text)
                {
                    last.text.push_str(line.trim());
                    last.lines.end = number + 1;
                    last.joined = true;
                    last_len = len;
                    continue;
                }
            }
        }
        last_len = len;
        out.push(Block {
            kind,
            text: if kind == BlockKind::TableRow {
                line.to_string()
            } else {
                line.trim().to_string()
            },
            lines: number..number + 1,
            joined: false,
        });
    }
    out
}

/// A line without the markdown a converter may have written around it: heading markers
/// (`## 一、部门职责`) and bold (`**2021年度`, `局部门决算**`, a bold line's both ends); and
/// whether it was marked a heading.
fn markdown(line: &str) -> (&str, bool) {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let (line, marked) = match line[hashes..].strip_prefix(' ') {
        Some(rest) if (1..=6).contains(&hashes) => (rest.trim_start(), true),
        _ => (line, false),
    };
    let line = line.strip_prefix("**").unwrap_or(line);
    let line = line.strip_suffix("**").unwrap_or(line);
    (line, marked)
}

fn kind_of(line: &str) -> BlockKind {
    if line.contains('\t') {
        return BlockKind::TableRow;
    }
    let text = line.trim();
    if text.starts_with("- ") {
        return BlockKind::ListItem;
    }
    let short = text.chars().count() <= HEADING_MAX;
    let heading_numbering = crate::report::numbering(text).is_some_and(|n| !is_arabic(&n));
    if heading_numbering && short && !text.ends_with(SENTENCE_END) {
        return BlockKind::Heading;
    }
    BlockKind::Paragraph
}

/// Whether a numbering counts in Arabic digits (`1.`, `1、`, `（1）`): the third and fourth
/// levels of an official document's numbering, which run into their text as items of a list
/// rather than head a section of their own.
fn is_arabic(numbering: &str) -> bool {
    numbering
        .trim_start_matches(['（', '('])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a paragraph is a numbered item's title (`（2）政务服务运转、政府雇员、首席代表考核
/// 奖励经费项目`): numbered, and no clause in it (no comma, semicolon or colon), so the line
/// after it starts the item's text rather than going on with a sentence a page break cut.
fn is_item_title(text: &str) -> bool {
    crate::report::numbering(text).is_some() && !text.contains(['，', '；', '：', ',', ';', ':'])
}

/// Whether a line starts something new rather than going on with the previous one: a numbering
/// (`1、`, `（1）`), a label (`部门：`, `单位：`, `注：`) or a table's number (`公开 05 表`,
/// `附件 1-2`), which a cut sentence never starts with.
fn starts_something(line: &str) -> bool {
    let line = line.trim();
    let label = line
        .chars()
        .take(LABEL_MAX + 1)
        .position(|c| c == '：' || c == ':')
        .is_some_and(|at| at > 0);
    let squeezed = crate::text::squeeze(line);
    let marker = squeezed.starts_with("公开") && squeezed.ends_with('表')
        || squeezed.starts_with("附件") && squeezed.len() <= "附件".len() + 8;
    label || marker || crate::report::numbering(line).is_some() || attachment_number(line)
}

/// Whether a line starts with an attachment's number (`1-2. 2021 年度项目支出绩效自评表`), as
/// the items of a listing of attachments do.
fn attachment_number(line: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(line);
    let Some(rest) = line[n..].strip_prefix('-').filter(|_| n > 0) else {
        return false;
    };
    let m = digits(rest);
    m > 0 && rest[m..].starts_with(['.', '、', '．', ' '])
}

/// The longest label, in characters: `部门`, `单位`, `备注`, `部门名称`.
const LABEL_MAX: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_put_back_together() {
        let text = "四、财政拨款收入支出决算总体情况说明\n\n2021年度财政拨款收、支总计1022.8万元，主要是因为加大了项目经费投\n\n入。\n\n五、一般公共预算财政拨款支出决算情况说明\n";
        let b = blocks(text);
        let kinds: Vec<_> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Heading, BlockKind::Paragraph, BlockKind::Heading]
        );
        assert_eq!(
            b[1].text,
            "2021年度财政拨款收、支总计1022.8万元，主要是因为加大了项目经费投入。"
        );
        assert_eq!((b[1].lines.clone(), b[1].joined), (3..6, true));
    }

    #[test]
    fn a_comma_at_a_page_break_is_no_sentence_end_but_a_numbering_starts_anew() {
        let text = "本部门2021年度机关运行经费支出796.81万元，比上年决算数增加52.44万元，\n\n增长7.04%。\n\n其中：\n\n1、一般公共服务支出（类）行政运行（项）。\n";
        let b = blocks(text);
        assert_eq!(
            b[0].text,
            "本部门2021年度机关运行经费支出796.81万元，比上年决算数增加52.44万元，增长7.04%。"
        );
        // An attachment's number starts a line of a listing.
        let b2 = blocks(
            "附件：1-1. 2021 年度部门整体支出绩效自评表\n\n1-2. 2021 年度项目支出绩效自评表\n",
        );
        assert_eq!(b2.len(), 2, "{b2:?}");
        // "其中：" ends no sentence, but what follows is numbered: a new paragraph.
        assert_eq!(b[1].text, "其中：");
        assert_eq!(b[2].text, "1、一般公共服务支出（类）行政运行（项）。");
        assert_eq!(b[2].kind, BlockKind::Paragraph);
    }

    #[test]
    fn a_short_line_is_no_cut_paragraph() {
        // A signature and its seal, a label and what follows it: short lines, never cut.
        let b = blocks("株洲市荷塘区行政审批服务局\n(盖章)\n部门：某局\n公开 05 表\n");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "株洲市荷塘区行政审批服务局",
                "(盖章)",
                "部门：某局",
                "公开 05 表"
            ]
        );
    }

    #[test]
    fn a_numbered_item_title_is_not_continued_and_arabic_numbers_head_nothing() {
        let text =
            "（二）项目支出绩效情况\n\n（2）政务服务运转、政府雇员、首席代表考核奖励经费项目\n\n\
项目支出 99.41 万元，主要用于加强政务服务队伍建设。\n\n1. 预算编制的合理性有待提高\n";
        let b = blocks(text);
        let got: Vec<(BlockKind, &str)> = b.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading, "（二）项目支出绩效情况"),
                (
                    BlockKind::Paragraph,
                    "（2）政务服务运转、政府雇员、首席代表考核奖励经费项目"
                ),
                (
                    BlockKind::Paragraph,
                    "项目支出 99.41 万元，主要用于加强政务服务队伍建设。"
                ),
                (BlockKind::Paragraph, "1. 预算编制的合理性有待提高"),
            ]
        );
    }

    #[test]
    fn markdown_headings_and_bold_are_read_as_the_text_they_mark() {
        let text = "**2021年度\n某局部门决算**\n\n# 第一部分 单位概况\n\n## 部门职责\n\n### （一）主要职能\n\n负责全区工作。\n";
        let b = blocks(text);
        let got: Vec<(BlockKind, &str)> = b.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Paragraph, "2021年度"),
                (BlockKind::Paragraph, "某局部门决算"),
                (BlockKind::Heading, "第一部分 单位概况"),
                (BlockKind::Heading, "部门职责"),
                (BlockKind::Heading, "（一）主要职能"),
                (BlockKind::Paragraph, "负责全区工作。"),
            ]
        );
    }

    #[test]
    fn table_rows_and_listing_items_are_kept_as_they_are() {
        let text = "- 一、部门职责\n合计\t\t1, 022. 32\t975. 48\n";
        let b = blocks(text);
        assert_eq!(b[0].kind, BlockKind::ListItem);
        assert_eq!(b[1].kind, BlockKind::TableRow);
        assert_eq!(b[1].text, "合计\t\t1, 022. 32\t975. 48");
    }

    /// The seed's paragraphs, read from the shared text, are those of the hand-checked fixture,
    /// page breaks mended.
    #[test]
    fn the_seeds_explanations_read_as_the_fixture_has_them() {
        let Some(seed) = crate::import::shared_report("000_1f0f530592110c3b.txt") else {
            return;
        };
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let report = crate::report::parse(&fixture).report;
        let ours: Vec<String> = blocks(&seed)
            .into_iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.text)
            .collect();
        // Every paragraph of the report, 第三部分's explanations and the attachments' too.
        let theirs = report.paragraphs_where(|_, _| true);
        assert!(theirs.len() > 80, "{} paragraphs", theirs.len());
        let missing: Vec<&str> = theirs
            .iter()
            .map(|p| p.text.as_str())
            .filter(|t| !ours.iter().any(|o| o == t))
            .collect();
        assert!(
            missing.is_empty(),
            "{} of {} not read as in the fixture:\n{}",
            missing.len(),
            theirs.len(),
            missing.join("\n")
        );
    }
}
