//! Byte offsets in a document's text to LSP positions and back.
//!
//! The library locates everything by byte offset in UTF-8 text; LSP counts a position as a
//! 0-based line and a column in **UTF-16 code units** (the protocol's default and the only
//! encoding every client accepts). A CJK character is three bytes but one unit; a character
//! outside the Basic Multilingual Plane (𠀀, an emoji) is four bytes and two units.

use lsp_types::{Position, Range};

/// Where each line of a text starts, for converting offsets and positions.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`'s lines (ended by `\n`; a `\r` before it belongs to the line's end).
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// The position of a byte offset. An offset past the end is the end; one inside a
    /// character is that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of a byte span.
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position. A line past the end is the end of the text; a column past
    /// the end of its line is the line's end; a column inside a surrogate pair is the
    /// character's start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }
}

/// The largest character boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn ascii_columns_are_bytes() {
        let index = LineIndex::new("ab\ncd");
        assert_eq!(index.position(0), pos(0, 0));
        assert_eq!(index.position(2), pos(0, 2));
        assert_eq!(index.position(3), pos(1, 0));
        assert_eq!(index.position(5), pos(1, 2));
        assert_eq!(index.offset(pos(1, 1)), 4);
    }

    #[test]
    fn a_cjk_character_is_one_unit_for_three_bytes() {
        let text = "增长10.93%\n收入";
        let index = LineIndex::new(text);
        let at = text.find("10.93").unwrap();
        assert_eq!(at, 6);
        assert_eq!(index.position(at), pos(0, 2));
        assert_eq!(index.offset(pos(0, 2)), at);
        let second = text.find("入").unwrap();
        assert_eq!(index.position(second), pos(1, 1));
        assert_eq!(index.offset(pos(1, 1)), second);
    }

    #[test]
    fn an_astral_character_is_two_units() {
        // 𠀀 (U+20000, CJK Extension B) and 😀 take four bytes and a surrogate pair each.
        let text = "𠀀a😀b";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text.find('a').unwrap()), pos(0, 2));
        assert_eq!(index.position(text.find('b').unwrap()), pos(0, 5));
        assert_eq!(index.offset(pos(0, 2)), 4);
        assert_eq!(index.offset(pos(0, 5)), text.find('b').unwrap());
        // Inside a surrogate pair: the character's start.
        assert_eq!(index.offset(pos(0, 1)), 0);
        assert_eq!(index.offset(pos(0, 4)), text.find('😀').unwrap());
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "表05\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(1), pos(0, 0));
        assert_eq!(index.position(100), pos(1, 0));
        assert_eq!(index.offset(pos(0, 99)), "表05".len());
        assert_eq!(index.offset(pos(9, 0)), text.len());
    }

    #[test]
    fn crlf_line_ends_are_not_columns() {
        let text = "甲\r\n乙";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text.find('乙').unwrap()), pos(1, 0));
        assert_eq!(index.offset(pos(0, 5)), "甲".len());
    }

    #[test]
    fn positions_and_offsets_round_trip_on_every_character() {
        let text = "report 决算 {\n  地区: 湖南省\n}\n𠀀：1,025.90 万元\r\n末";
        let index = LineIndex::new(text);
        for (at, _) in text.char_indices() {
            if text[at..].starts_with('\n') {
                continue; // The newline's position is the line's end, shared with `\r`.
            }
            assert_eq!(index.offset(index.position(at)), at, "offset {at}");
        }
    }
}
