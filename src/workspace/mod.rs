//! What the command line and the language server both need from the files around a report: the
//! rule packs named by path (read from disk for the pack module, which reads nothing itself), the
//! `fislint.toml` that applies to a file, and the rules each report is checked with (`Sources`).
//! It sits below `cli` and `lsp`, so that neither imports the other; with them it is the only
//! code that reads files.

pub(crate) mod companions;
pub(crate) mod config;
pub(crate) mod packs;
mod sources;

pub(crate) use sources::Sources;

use std::io::Read;
use std::path::Path;

use crate::lint::MAX_INPUT;

/// Reads a file whole, from any source (a regular file, a pipe, `<(…)`, a device), and never
/// more than [`MAX_INPUT`] bytes plus one: a larger one, or one that never ends (`/dev/zero`,
/// `<(yes)`), is refused once that byte arrives, before it costs more memory. Every file fislint
/// reads goes through here: reports, packs, configurations and baselines.
pub(crate) fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    // A regular file says its size: refuse a large one before reading it.
    let len = file
        .metadata()
        .map(|m| if m.is_file() { m.len() } else { 0 })?;
    if len > MAX_INPUT {
        return Err(too_large(Some(len)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_INPUT + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// [`read`] as UTF-8 text; invalid UTF-8 is an `InvalidData` error.
pub(crate) fn read_to_string(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read(path)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "不是有效的 UTF-8 文本"))
}

/// [`read`], but only a regular file (or a link to one): a FIFO, a device or a socket named
/// where a file of the project is expected (a pack's `include`, a sibling pack file the
/// language server looks at) is refused before it is opened, since opening a FIFO blocks until
/// something writes to it.
pub(crate) fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "不是普通文件（管道、设备或套接字），不予读取",
        ));
    }
    read(path)
}

/// Where `path` really is: absolute, every symbolic link, `.` and `..` resolved. A path that
/// does not exist (an editor's unsaved file, a missing pack) is resolved as far as it exists,
/// the rest appended as written, so that it can still be compared with a folder.
pub(crate) fn real_path(path: &Path) -> std::path::PathBuf {
    // The folder of a file named without one (`p.yaml`) is the working folder.
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            // `out` is real as far as it exists, so its parent is the real one.
            std::path::Component::ParentDir => {
                out.pop();
            }
            part => {
                out.push(part);
                if let Ok(real) = std::fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

/// What a pack file path really names, for the pack loader's boundary ([`crate::pack::PackSource::real`]):
/// [`real_path`], and whether it is a FIFO, a device or a socket (neither a file nor a folder).
pub(crate) fn real(path: &Path) -> crate::pack::RealPath {
    let path = real_path(path);
    let special = std::fs::metadata(&path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    crate::pack::RealPath { path, special }
}

fn too_large(len: Option<u64>) -> std::io::Error {
    let mib = MAX_INPUT / (1024 * 1024);
    let message = match len {
        Some(len) => format!("文件过大（{} MiB），上限为 {mib} MiB", len / (1024 * 1024)),
        None => format!("文件过大，超过上限 {mib} MiB"),
    };
    std::io::Error::new(std::io::ErrorKind::FileTooLarge, message)
}

/// A path that could not be read, with the reason, said the way users read it.
pub(crate) fn read_error(path: &Path, e: &std::io::Error) -> String {
    format!("error: 无法读取 {}：{}\n", path.display(), io_reason(e))
}

/// Why a file could not be read, in words.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::IsADirectory => "这是一个目录".to_string(),
        _ => e.to_string(),
    }
}

/// The path as given, without a leading `./`, for messages and every output format. On Windows
/// its `\` separators are written `/`, so that output is the same across platforms; elsewhere
/// a `\` is a character of a file's name, and is kept.
pub(crate) fn display_name(path: &Path) -> String {
    let s = path.display().to_string();
    let s = if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s
    };
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_source_is_refused_at_the_limit() {
        // /dev/zero never ends; a read that trusted it would grow without bound.
        let e = read(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(e.to_string().contains("256 MiB"), "{e}");
    }

    #[test]
    fn a_device_is_not_a_regular_file() {
        let e = read_regular(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    }

    #[test]
    fn a_name_is_shown_as_given() {
        assert_eq!(display_name(Path::new("./reports/a.fis")), "reports/a.fis");
        if cfg!(windows) {
            assert_eq!(
                display_name(Path::new(".\\reports\\a.fis")),
                "reports/a.fis"
            );
        } else {
            // A backslash is part of the name on Unix.
            assert_eq!(display_name(Path::new("a\\b.fis")), "a\\b.fis");
        }
    }

    #[test]
    fn a_small_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.fis");
        std::fs::write(&path, "报告").unwrap();
        assert_eq!(read_to_string(&path).unwrap(), "报告");
        assert_eq!(read_regular(&path).unwrap(), "报告".as_bytes());
    }
}
