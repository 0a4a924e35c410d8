//! Spans in an imported report's `.fis` source taken back to the text it was imported from, so
//! that a finding on an imported report points at the user's own text: the line its element was
//! printed on and, where the text prints it there, the very figure or words.
//!
//! Each line of the source knows the text line it was written from ([`Imported::origins`]).
//! Within it, what the span covers is looked for in the text, ignoring spaces (the text prints
//! `1, 022. 32` where the source writes `1,022.32`, and names wrap with spaces): the n-th time
//! it occurs in the source line is taken to be the n-th time in the text. What the text does not
//! print as such (a header line the importer wrote) is the whole text line.

use std::ops::Range;

use super::assemble::Imported;

/// How many text lines after its origin a source line may have been read from (a paragraph a
/// page break cut runs over three: its first half, a blank line, its second half).
const SPREAD: usize = 3;

impl Imported {
    /// The span of `text` (the text this report was imported from) that `span` of the source
    /// stands for. For many spans, make a [`Locator`] once.
    pub fn text_span(&self, span: Range<usize>, text: &str) -> Range<usize> {
        self.locator(text).span(span)
    }

    /// A locator of this report's spans in `text`, its line tables built once.
    pub fn locator<'a>(&'a self, text: &'a str) -> Locator<'a> {
        let mut source_lines = vec![0];
        source_lines.extend(
            self.source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Locator {
            imported: self,
            text,
            source_lines,
            text_lines: line_ranges(text),
        }
    }
}

/// Takes spans of an imported report's source back to its text (see the module's doc).
pub struct Locator<'a> {
    imported: &'a Imported,
    text: &'a str,
    /// Where each line of the source starts.
    source_lines: Vec<usize>,
    /// Each line of the text.
    text_lines: Vec<Range<usize>>,
}

impl Locator<'_> {
    /// The span of the text that `span` of the source stands for.
    pub fn span(&self, span: Range<usize>) -> Range<usize> {
        let (source, text) = (&self.imported.source, self.text);
        let start = crate::text::floor(source, span.start);
        let end = crate::text::floor(source, span.end.max(start));
        let line_no = self.source_lines.partition_point(|&s| s <= start) - 1;
        let line_start = self.source_lines[line_no];
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let Some(&origin) = self.imported.origins.get(line_no) else {
            return 0..0;
        };
        let text_lines = &self.text_lines;
        let Some(first) = text_lines.get(origin.saturating_sub(1)) else {
            return text.len()..text.len();
        };
        let whole = trimmed(text, first.clone());
        let end = end.min(line_end);
        let wanted: Vec<char> = source[start..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // An empty or merged cell (`-`, `^`) is printed as nothing: its row is the place.
        let nothing = matches!(wanted.as_slice(), [] | ['-'] | ['^']);
        if nothing || source[line_start..line_end].trim() == source[start..end].trim() {
            return whole;
        }
        // Which occurrence in the source line this is.
        let before: String = source[line_start..start]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let wanted_str: String = wanted.iter().collect();
        let nth = count_overlapping(&before, &wanted_str);
        let last = (origin - 1 + SPREAD).min(text_lines.len() - 1);
        let region = first.start..text_lines[last].end;
        let found = occurrences(text, region, &wanted);
        found
            .get(nth)
            .or_else(|| found.first())
            .cloned()
            .unwrap_or(whole)
    }
}

/// The byte ranges of a text's lines, without their line ends.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let end = at + line.len();
        out.push(at..end - usize::from(line.ends_with('\r')));
        at = end + 1;
    }
    out
}

/// A line's range without its surrounding spaces.
fn trimmed(text: &str, line: Range<usize>) -> Range<usize> {
    let s = &text[line.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return line.start..line.start;
    }
    line.start + lead..line.end - trail
}

/// How many times `needle` occurs in `hay`, overlaps counted.
fn count_overlapping(hay: &str, needle: &str) -> usize {
    (0..hay.len())
        .filter(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(needle))
        .count()
}

/// Where `wanted` (characters, no spaces) occurs in `region` of `text`, spaces and line ends in
/// the text skipped: each occurrence from its first character to its last.
fn occurrences(text: &str, region: Range<usize>, wanted: &[char]) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text[region.clone()]
        .char_indices()
        .map(|(i, c)| (region.start + i, c))
        .collect();
    let mut out = Vec::new();
    for s in 0..chars.len() {
        if chars[s].1 != wanted[0] {
            continue;
        }
        let (mut k, mut i) = (0, s);
        let mut end = chars[s].0;
        while i < chars.len() && k < wanted.len() {
            let (at, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if c != wanted[k] {
                break;
            }
            end = at + c.len_utf8();
            k += 1;
            i += 1;
        }
        if k == wanted.len() {
            out.push(chars[s].0..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, Form};

    fn imported(source: &str, origins: Vec<usize>) -> Imported {
        Imported {
            form: Form::Tabbed,
            source: source.to_string(),
            origins,
            warnings: Vec::new(),
            tables_found: 0,
        }
    }

    #[test]
    fn a_figure_is_found_where_the_text_prints_it_with_its_stray_spaces() {
        let text = "表头\n合计\t\t1, 022. 32\t975. 48\n";
        let source = "table 05 \"x\" {\n  - | 合计 | 1,022.32 | 975.48\n}\n";
        let m = imported(source, vec![1, 2, 2]);
        let at = source.find("975.48").unwrap();
        let span = m.text_span(at..at + "975.48".len(), text);
        assert_eq!(&text[span], "975. 48");
        let at = source.find("1,022.32").unwrap();
        let span = m.text_span(at..at + "1,022.32".len(), text);
        assert_eq!(&text[span], "1, 022. 32");
    }

    #[test]
    fn the_second_of_two_equal_figures_is_the_second_in_the_text() {
        let text = "201\t一般公共服务支出\t975.48\t975.48\n";
        let source = "  201 | 一般公共服务支出 | 975.48 | 975.48\n";
        let m = imported(source, vec![1]);
        let second = source.rfind("975.48").unwrap();
        let span = m.text_span(second..second + 6, text);
        assert_eq!(span.start, text.rfind("975.48").unwrap());
    }

    #[test]
    fn a_sentence_of_a_paragraph_a_page_break_cut_is_found_across_the_break() {
        let text = "四、说明\n\n总计1022.8万元，主要是因为加大了项目经费投\n\n入。其他。\n";
        let imported = import(text);
        let at = imported.source.find("主要是因为").unwrap();
        let end = imported.source.find("入。").unwrap() + "入。".len();
        let span = imported.text_span(at..end, text);
        assert_eq!(&text[span], "主要是因为加大了项目经费投\n\n入。");
    }

    #[test]
    fn a_line_the_importer_wrote_is_its_whole_text_line() {
        let text = "  收入决算表  \n";
        let source = "table 02 \"收入决算表\" {\n";
        let m = imported(source, vec![1]);
        let span = m.text_span(0..5, text);
        assert_eq!(&text[span], "收入决算表");
    }
}
