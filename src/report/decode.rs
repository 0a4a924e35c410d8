//! Bytes to text: UTF-8 with an optional byte-order mark. Invalid bytes are reported where they
//! are and shown as U+FFFD, so the rest of the file is still parsed and every error is found.

use super::error::{SyntaxError, SyntaxErrorKind};

/// The text of a file and the encoding errors in it.
#[derive(Debug)]
pub struct Decoded {
    /// The text, with any byte-order mark removed and invalid bytes replaced by U+FFFD.
    pub text: String,
    /// One error per run of invalid bytes, located in `text`.
    pub errors: Vec<SyntaxError>,
}

/// At most this many encoding errors are reported per file; a binary file would give thousands.
const MAX_ERRORS: usize = 20;

/// Decodes a `.fis` file.
pub fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut text = String::with_capacity(bytes.len());
    let mut errors = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            if errors.len() < MAX_ERRORS {
                let at = text.len();
                let bytes = invalid
                    .iter()
                    .map(|b| format!("{b:02X}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let bytes = format!("0x{bytes}");
                errors.push(SyntaxError::new(
                    at..at + '\u{FFFD}'.len_utf8(),
                    SyntaxErrorKind::InvalidUtf8 { bytes },
                ));
            }
            text.push('\u{FFFD}');
        }
    }
    Decoded { text, errors }
}
