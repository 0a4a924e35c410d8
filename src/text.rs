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

/// Text as it is safe to print: control characters (other than tab and line feed), C1
/// controls and bidirectional overrides are replaced, so that showing a line can never send an
/// escape sequence to the terminal, return the cursor or reorder what it shows. Each replacement
/// has the same UTF-8 length and is one character, so byte offsets and columns are unchanged.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if !text.contains(unsafe_char) {
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
