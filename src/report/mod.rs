//! The report source format (`.fis`): decoding, the grammar-driven parser, and the typed tree.
//!
//! `decode` turns the bytes of a file into text (UTF-8, a byte-order mark allowed), `parse` turns
//! text into a [`Report`] plus every [`SyntaxError`] found. This module knows nothing of rules.

mod decode;
mod dump;
mod error;
mod fast;
mod grammar;
mod model;
mod parse;
mod table;

pub use decode::{decode, Decoded};
pub use dump::{to_json, LineIndex};
pub use error::{ParseNote, ParseNoteKind, SyntaxError, SyntaxErrorKind};
pub use grammar::{FisParser, Rule};
pub use model::*;
pub use parse::{parse, Parsed, MAX_LINE};

/// The published numbering a heading, paragraph or row name starts with (`一、`, `（一）`, `1、`),
/// if any.
///
/// ```
/// assert_eq!(fislint::report::numbering("一、一般公共服务支出").as_deref(), Some("一、"));
/// assert_eq!(fislint::report::numbering("本年支出合计"), None);
/// ```
pub fn numbering(text: &str) -> Option<String> {
    grammar::split_numbering(text).0
}

/// Decodes and parses the bytes of a `.fis` file: the text as decoded (for rendering), the tree,
/// and every error, encoding errors first.
pub fn parse_bytes(bytes: &[u8]) -> (String, Parsed) {
    let Decoded {
        text,
        errors,
        foreign,
    } = decode(bytes);
    if foreign {
        // The text is mojibake: parse errors in it would only bury the one that matters.
        let report = Report::default();
        let notes = Vec::new();
        let problems = Vec::new();
        return (
            text,
            Parsed {
                report,
                errors,
                notes,
                problems,
            },
        );
    }
    let mut parsed = parse(&text);
    if !errors.is_empty() {
        let mut all = errors;
        all.append(&mut parsed.errors);
        all.sort_by_key(|e| (e.span.start, e.span.end));
        parsed.errors = all;
    }
    (text, parsed)
}
