//! The text of a file to import, in the encodings Chinese finance offices' tools write: UTF-8
//! (with or without a byte-order mark), UTF-16 with a byte-order mark (Windows Notepad's
//! "Unicode"), and GB18030, of which GBK and GB2312 are subsets (Chinese Windows' ANSI code page).
//! The encoding found is part of the result, so the user can be told which was assumed.
//!
//! A file that is UTF-8 but for a few stray bytes is not taken for GB18030 (which would decode it
//! into plausible-looking nonsense without complaint): it is an error at the first stray byte.

use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// GB18030 (GBK, GB2312).
    Gb18030,
}

impl Encoding {
    /// Its name, as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8（带 BOM）",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030（GBK）",
        }
    }
}

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text, without its byte-order mark.
    pub text: String,
    /// The encoding it was in.
    pub encoding: Encoding,
}

/// A file that is in none of the encodings read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Bytes that the encoding the file is evidently in cannot decode.
    #[error("第 {line} 行有无法按 {} 解码的字节：{bytes}", .encoding.name())]
    Invalid {
        /// The encoding the file is evidently in.
        encoding: Encoding,
        /// Where the bytes are in the file.
        offset: usize,
        /// Their line, 1-based.
        line: usize,
        /// The bytes, in hexadecimal: `0xC3 0x28`.
        bytes: String,
    },
}

/// A file with fewer invalid sequences than one in this many of its characters is UTF-8 with
/// stray bytes, not another encoding: GB18030 read as UTF-8 is invalid almost everywhere.
const UTF8_EVIDENCE: usize = 20;

/// Reads a file's bytes as text.
pub fn decode(bytes: &[u8]) -> Result<Text, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3, Encoding::Utf8Bom);
    }
    for (bom, encoding, decoder) in [
        (b"\xFF\xFE", Encoding::Utf16Le, UTF_16LE),
        (b"\xFE\xFF", Encoding::Utf16Be, UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return strict(decoder, rest, 2, encoding);
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Text {
            text: text.to_string(),
            encoding: Encoding::Utf8,
        });
    }
    // Mostly valid UTF-8 with a few stray bytes: UTF-8, damaged.
    let (mut valid_chars, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid_chars += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid_chars >= invalid * UTF8_EVIDENCE {
        return utf8(bytes, 0, Encoding::Utf8);
    }
    strict(GB18030, bytes, 0, Encoding::Gb18030)
}

/// Strict UTF-8: the first invalid sequence is the error.
fn utf8(bytes: &[u8], skipped: usize, encoding: Encoding) -> Result<Text, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Text {
            text: text.to_string(),
            encoding,
        }),
        Err(e) => {
            let at = e.valid_up_to();
            let len = e.error_len().unwrap_or(bytes.len() - at);
            Err(invalid(bytes, skipped, at, len, encoding))
        }
    }
}

/// Decodes with `decoder`, an invalid sequence being the error.
fn strict(
    decoder: &'static encoding_rs::Encoding,
    bytes: &[u8],
    skipped: usize,
    encoding: Encoding,
) -> Result<Text, DecodeError> {
    let mut d = decoder.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let mut read = 0;
    loop {
        let (result, n) = d.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(Text { text, encoding }),
            DecoderResult::OutputFull => {
                let more = d
                    .max_utf8_buffer_length_without_replacement(bytes.len() - read)
                    .unwrap_or(bytes.len() - read)
                    .max(16);
                text.reserve(more);
            }
            DecoderResult::Malformed(bad, after) => {
                let at = read - usize::from(bad) - usize::from(after);
                return Err(invalid(bytes, skipped, at, usize::from(bad), encoding));
            }
        }
    }
}

fn invalid(bytes: &[u8], skipped: usize, at: usize, len: usize, encoding: Encoding) -> DecodeError {
    let shown: Vec<String> = bytes[at..(at + len.max(1)).min(bytes.len())]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    DecodeError::Invalid {
        encoding,
        offset: skipped + at,
        line: 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count(),
        bytes: shown.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "2021年度收入合计1022.32万元，其中：财政拨款收入1022.32万元。\n第二行\n";

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        let plain = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding),
            (SAMPLE, Encoding::Utf8)
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        let read = decode(&bom).unwrap();
        assert_eq!(
            (read.text.as_str(), read.encoding),
            (SAMPLE, Encoding::Utf8Bom)
        );
    }

    #[test]
    fn gb18030_from_chinese_windows_tools() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        assert!(std::str::from_utf8(&bytes).is_err());
        let read = decode(&bytes).unwrap();
        assert_eq!(
            (read.text.as_str(), read.encoding),
            (SAMPLE, Encoding::Gb18030)
        );
        assert_eq!(read.encoding.name(), "GB18030（GBK）");
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&le).unwrap(),
            Text {
                text: SAMPLE.into(),
                encoding: Encoding::Utf16Le
            }
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn utf8_with_a_stray_byte_is_an_error_at_it_not_gb18030() {
        let mut bytes = SAMPLE.repeat(3).into_bytes();
        let at = SAMPLE.len() + 4;
        bytes[at] = 0xFF;
        let e = decode(&bytes).unwrap_err();
        let DecodeError::Invalid {
            encoding,
            line,
            offset,
            bytes: shown,
        } = &e;
        assert_eq!((*encoding, *line, *offset), (Encoding::Utf8, 3, at));
        assert_eq!(shown, "0xFF");
        assert!(e.to_string().contains("第 3 行"), "{e}");
    }

    #[test]
    fn bytes_that_are_no_text_are_an_error_with_their_place() {
        // Not UTF-8, and 0xFF leads no GB18030 sequence either.
        let e = decode(b"ab\n\xFF\xFF\xFF\xFF").unwrap_err();
        let DecodeError::Invalid {
            encoding,
            line,
            offset,
            ..
        } = e;
        assert_eq!((encoding, line, offset), (Encoding::Gb18030, 2, 3));
        // A byte-order mark says UTF-8: an invalid byte after it is a UTF-8 error.
        let e = decode(b"\xEF\xBB\xBFab\xC3\x28").unwrap_err();
        let DecodeError::Invalid {
            encoding, offset, ..
        } = e;
        assert_eq!((encoding, offset), (Encoding::Utf8Bom, 5));
    }
}
