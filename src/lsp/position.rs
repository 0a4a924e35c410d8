//! Byte offsets in a document's text to LSP positions and back.
//!
//! The library locates everything by byte offset in UTF-8 text; LSP counts a position as a
//! 0-based line and a column in the session's **position encoding**: UTF-16 code units (the
//! protocol's default and the only encoding every client accepts), or UTF-8 bytes when the client
//! offers `utf-8` at `initialize` ([`Encoding::negotiate`]). In UTF-16 a CJK character is three
//! bytes but one unit, and a character outside the Basic Multilingual Plane (𠀀, an emoji) is
//! four bytes and two units; in UTF-8 a column is the byte offset within the line.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's column counts: the encoding negotiated at `initialize`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8 (`utf-8`), when the client offers it.
    Utf8,
    /// Code units of UTF-16 (`utf-16`), the protocol's default.
    #[default]
    Utf16,
}

impl Encoding {
    /// The encoding for a client whose `initialize` parameters are `params`: UTF-8 when its
    /// `general.positionEncodings` lists `utf-8`, else UTF-16 (also when the list is missing or
    /// malformed: the protocol says a server must then use UTF-16).
    pub fn negotiate(params: &serde_json::Value) -> Encoding {
        let offered = params["capabilities"]["general"]["positionEncodings"].as_array();
        let utf8 = PositionEncodingKind::UTF8;
        if offered.is_some_and(|list| list.iter().any(|e| e.as_str() == Some(utf8.as_str()))) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The encoding's name in the protocol, for the server's capabilities.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// How many columns a character takes.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, for converting offsets and positions.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// How columns count.
    encoding: Encoding,
    /// The byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`'s lines (ended by `\n`; a `\r` before it belongs to the line's end), its
    /// columns counted in `encoding`.
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            encoding,
            starts,
        }
    }

    /// How its columns count.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The position of a byte offset. An offset past the end is the end; one inside a
    /// character is that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let before = &self.text[start..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of a byte span.
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position. A line past the end is the end of the text; a column past
    /// the end of its line is the line's end; a column inside a character (a surrogate pair, a
    /// UTF-8 sequence) is the character's start.
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
            units += self.encoding.width(c);
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
        let index = LineIndex::new("ab\ncd", Encoding::Utf16);
        assert_eq!(index.position(0), pos(0, 0));
        assert_eq!(index.position(2), pos(0, 2));
        assert_eq!(index.position(3), pos(1, 0));
        assert_eq!(index.position(5), pos(1, 2));
        assert_eq!(index.offset(pos(1, 1)), 4);
    }

    #[test]
    fn a_cjk_character_is_one_unit_for_three_bytes() {
        let text = "增长10.93%\n收入";
        let index = LineIndex::new(text, Encoding::Utf16);
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
        let index = LineIndex::new(text, Encoding::Utf16);
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
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.position(1), pos(0, 0));
        assert_eq!(index.position(100), pos(1, 0));
        assert_eq!(index.offset(pos(0, 99)), "表05".len());
        assert_eq!(index.offset(pos(9, 0)), text.len());
    }

    #[test]
    fn crlf_line_ends_are_not_columns() {
        let text = "甲\r\n乙";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.position(text.find('乙').unwrap()), pos(1, 0));
        assert_eq!(index.offset(pos(0, 5)), "甲".len());
    }

    #[test]
    fn positions_and_offsets_round_trip_on_every_character() {
        let text = "report 决算 {\n  地区: 湖南省\n}\n𠀀：1,025.90 万元\r\n末";
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let index = LineIndex::new(text, encoding);
            for (at, _) in text.char_indices() {
                if text[at..].starts_with('\n') {
                    continue; // The newline's position is the line's end, shared with `\r`.
                }
                assert_eq!(
                    index.offset(index.position(at)),
                    at,
                    "{encoding:?} offset {at}"
                );
            }
        }
    }

    #[test]
    fn in_utf8_a_column_is_the_byte_offset_within_the_line() {
        let text = "甲\n增长10.93%𠀀b";
        let index = LineIndex::new(text, Encoding::Utf8);
        let at = text.find("10.93").unwrap();
        assert_eq!(index.position(at), pos(1, 6));
        assert_eq!(index.offset(pos(1, 6)), at);
        let b = text.find('b').unwrap();
        assert_eq!(index.position(b), pos(1, 6 + 6 + 4));
        // Inside a character: its start.
        assert_eq!(index.offset(pos(1, 1)), text.find('增').unwrap());
        assert_eq!(index.offset(pos(1, 14)), text.find('𠀀').unwrap());
        // Past the end of the line: the line's end.
        assert_eq!(index.offset(pos(0, 9)), "甲".len());
    }

    #[test]
    fn utf8_is_chosen_only_when_the_client_offers_it() {
        let offer = |list: serde_json::Value| serde_json::json!({ "capabilities": { "general": { "positionEncodings": list } } });
        assert_eq!(
            Encoding::negotiate(&offer(serde_json::json!(["utf-32", "utf-8", "utf-16"]))),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(&offer(serde_json::json!(["utf-16"]))),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(&offer(serde_json::json!("utf-8"))),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(&serde_json::json!({ "capabilities": {} })),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(&serde_json::Value::Null),
            Encoding::Utf16
        );
    }
}
