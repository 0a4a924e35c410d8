//! Bytes to text: UTF-8 with an optional byte-order mark. Invalid bytes are reported where they
//! are and shown as U+FFFD. A few stray bytes leave the rest of the file worth parsing; a file in
//! another encoding (GB18030 from a Chinese Windows tool, say) is not, and is reported once.

use super::error::{SyntaxError, SyntaxErrorKind};

/// The text of a file and the encoding errors in it.
#[derive(Debug)]
pub struct Decoded {
    /// The text, with any byte-order mark removed and invalid bytes replaced by U+FFFD.
    pub text: String,
    /// The encoding errors, located in `text`: one per invalid byte sequence, or a single one for
    /// a file in another encoding.
    pub errors: Vec<SyntaxError>,
    /// The file is evidently in another encoding: its text is not worth parsing.
    pub foreign: bool,
}

/// More invalid sequences than this and the file is taken to be in another encoding.
const STRAY_LIMIT: usize = 8;

/// Decodes a `.fis` file.
pub fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let text = text.to_string();
        return Decoded {
            text,
            errors: Vec::new(),
            foreign: false,
        };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut invalid: Vec<(usize, String)> = Vec::new();
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            count += 1;
            if invalid.len() <= STRAY_LIMIT {
                let hex: Vec<String> = bad.iter().map(|b| format!("{b:02X}")).collect();
                invalid.push((text.len(), format!("0x{}", hex.join(" "))));
            }
            text.push('\u{FFFD}');
        }
    }
    let width = '\u{FFFD}'.len_utf8();
    let foreign = count > STRAY_LIMIT;
    let errors = if foreign {
        let (at, bytes) = invalid.swap_remove(0);
        let kind = SyntaxErrorKind::ForeignEncoding { bytes, count };
        vec![SyntaxError::new(at..at + width, kind)]
    } else {
        invalid
            .into_iter()
            .map(|(at, bytes)| {
                SyntaxError::new(at..at + width, SyntaxErrorKind::InvalidUtf8 { bytes })
            })
            .collect()
    };
    Decoded {
        text,
        errors,
        foreign,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let d = decode(b"\xEF\xBB\xBFreport");
        assert_eq!(d.text, "report");
        assert!(d.errors.is_empty());
    }

    #[test]
    fn stray_bytes_are_each_located_in_the_text() {
        let d = decode(b"ab\xFFcd\xC3");
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}");
        let at: Vec<_> = d.errors.iter().map(|e| e.span.start).collect();
        assert_eq!(at, vec![2, 7]);
        assert!(!d.foreign);
    }

    #[test]
    fn a_file_in_another_encoding_is_one_error_with_the_count() {
        let gb18030 =
            b"\xB2\xBF\xC3\xC5\xBE\xF6\xCB\xE3\xB1\xED\xB8\xF1\xCA\xFD\xBE\xDD\xB7\xD6\xCE\xF6";
        let d = decode(gb18030);
        assert!(d.foreign);
        assert_eq!(d.errors.len(), 1);
        assert!(
            matches!(d.errors[0].kind, SyntaxErrorKind::ForeignEncoding { count, .. } if count > 8)
        );
    }
}
