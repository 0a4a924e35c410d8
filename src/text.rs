//! Small text helpers every layer uses: byte offsets snapped to character boundaries, quoted
//! strings unescaped, and text made safe to print on a terminal.

use std::borrow::Cow;

/// The largest character boundary of `s` at or before `at` (clamped to its length).
pub(crate) fn floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary of `s` at or after `at` (clamped to its length).
pub(crate) fn ceil(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A text without its whitespace: extraction and typesetting scatter spaces (`公开 05 表`,
/// `2021 年度项目支出绩效自评表`), so titles and labels are compared without them.
pub(crate) fn squeeze(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A `"…"` literal of a text: the inverse of [`unescape`].
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The text of a `"…"` literal, quotes removed and `\"`, `\\` (any `\x`) unescaped to `x`.
pub(crate) fn unescape(quoted: &str) -> String {
    let inner = &quoted[1..quoted.len() - 1];
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
}

/// A character [`printable`] replaces.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Whether `bytes` (UTF-8) may hold a character [`printable`] replaces: a byte scan, for the
/// common case of a whole report with none, instead of decoding every character. A control
/// character (other than tab and line feed) is a byte below 0x20 or 0x7F; a C1 control starts
/// with 0xC2 0x80..=0x9F; the marks and overrides (U+200E, U+200F, U+202A..=U+202E,
/// U+2066..=U+2069) are 0xE2 0x80 or 0xE2 0x81 and a third byte.
fn may_be_unsafe(bytes: &[u8]) -> bool {
    // Blocks of 32 bytes are screened without branches (the compiler vectorizes the fold); only
    // a block with a candidate byte is looked at closely, from its start (a candidate's next
    // bytes may be in the following block).
    const BLOCK: usize = 32;
    let candidate =
        |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') | (b == 0x7F) | (b == 0xC2) | (b == 0xE2);
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |any, &b| any | candidate(b))
            && exact(bytes, n * BLOCK, block.len())
    })
}

/// Whether one of the `len` bytes of `bytes` from `start` begins a character [`printable`]
/// replaces.
fn exact(bytes: &[u8], start: usize, len: usize) -> bool {
    let mut at = bytes.iter().enumerate().skip(start).take(len);
    at.any(|(i, &b)| match b {
        b'\t' | b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xE2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8E | 0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    })
}

/// Text as it is safe to print: control characters (other than tab and line feed), C1
/// controls and bidirectional overrides are replaced, so that showing a line can never send an
/// escape sequence to the terminal, return the cursor or reorder what it shows. Each replacement
/// has the same UTF-8 length and is one character, so byte offsets and columns are unchanged.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    if !may_be_unsafe(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let shown = text
        .chars()
        .map(|c| match c {
            c if !unsafe_char(c) => c,
            c if c.len_utf8() == 1 => ' ',
            c if c.len_utf8() == 2 => '·',
            _ => '\u{FFFD}',
        })
        .collect();
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_finds_exactly_the_characters_printable_replaces() {
        // Every character, alone and between two CJK characters.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let alone = c.encode_utf8(&mut buf);
            assert_eq!(may_be_unsafe(alone.as_bytes()), unsafe_char(c), "{c:?}");
            let framed = format!("经费{c}决算");
            assert_eq!(may_be_unsafe(framed.as_bytes()), unsafe_char(c), "{c:?}");
        }
    }

    #[test]
    fn printable_replaces_keeping_offsets() {
        let text = "合计\u{1b}[31m\u{202E}1.00\r\n";
        let shown = printable(text);
        assert_eq!(shown, "合计 [31m\u{FFFD}1.00 \n");
        assert_eq!(shown.len(), text.len());
        assert!(matches!(printable("合计 1.00\t\n"), Cow::Borrowed(_)));
    }
}
