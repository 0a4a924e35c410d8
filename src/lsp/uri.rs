//! `file:` URIs, as editors name documents, to paths and back.
//!
//! A document's path decides how it is read (`.fis`, extracted text, a rule pack) and is the
//! folder a pack's `extends` is resolved in. Percent-encoding is undone byte by byte, so a
//! Chinese file name (`%E8%8D%B7%E5%A1%98.fis`) comes back as written.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path a `file:` URI names, or `None` for any other scheme (`untitled:`) or a malformed one.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///home/a` (empty host) or `file://localhost/home/a`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    // Windows: `/C:/Users/…` is `C:/Users/…`.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.len() > 2 && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// `%XX` sequences to their bytes; `None` when one is malformed.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn a_file_uri_is_decoded_to_its_path() {
        assert_eq!(
            to_path(&uri("file:///work/%E8%8D%B7%E5%A1%98%202021.fis")),
            Some(PathBuf::from("/work/荷塘 2021.fis"))
        );
        assert_eq!(
            to_path(&uri("file://localhost/a.yaml")),
            Some(PathBuf::from("/a.yaml"))
        );
    }

    #[test]
    fn other_schemes_have_no_path() {
        assert_eq!(to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(to_path(&uri("file://server/share/a.fis")), None);
    }

    #[test]
    fn a_path_round_trips_through_its_uri() {
        let path = Path::new("/tmp/规则 包/hunan.yaml");
        let uri = from_path(path).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/%E8%A7%84"));
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }
}
