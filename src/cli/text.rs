//! `fislint import`: extracted text written as a `.fis` report (checking text is `lint`'s).

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::diagnostics::{render_human, Diagnostic, HumanOptions};
use crate::lint;

/// `fislint import INPUT [-o OUT]`: the text imported as `.fis`, to standard output or written
/// atomically to OUT; what the import could not tell on standard error, on the text's lines,
/// and as comments at the top of the `.fis`.
pub(crate) fn import_command(
    input: &Path,
    output: Option<&Path>,
    out: &mut dyn std::io::Write,
) -> u8 {
    let mut err = std::io::stderr();
    let color = err.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let bytes = match crate::workspace::read(input) {
        Ok(b) => b,
        Err(e) => {
            let _ = write!(err, "{}", super::read_error(input, &e));
            return super::exit::ERROR;
        }
    };
    let name = super::display_name(input);
    let read = lint::read_input(lint::Kind::of(input, &bytes), &bytes);
    let render = |diagnostics: &[Diagnostic]| {
        render_human(
            &name,
            &read.text,
            diagnostics,
            HumanOptions {
                color,
                ..HumanOptions::default()
            },
        )
    };
    let Some((imported, origin)) = &read.imported else {
        let _ = write!(err, "{}", render(&read.diagnostics));
        return super::exit::ERROR;
    };
    let _ = writeln!(err, "导入 {name}（{}）", origin.describe());
    let parsed = crate::report::parse(&imported.source);
    // What the parser refuses in the import (a header the text gave no year for, say) is shown
    // on the text; the report is still written, for the user to complete, and the exit code
    // says it is not ready.
    let broken = !parsed.errors.is_empty();
    if broken {
        let locator = imported.locator(&read.text);
        let shown: Vec<Diagnostic> = parsed
            .errors
            .iter()
            .take(50)
            .map(|e| lint::on_text(Diagnostic::from(e), &locator))
            .collect();
        let _ = write!(err, "{}", render(&shown));
    }
    let mut fis = format!(
        "// 由 fislint import 从 {name} 导入（{}）\n",
        origin.describe()
    );
    for w in &imported.warnings {
        fis.push_str(&format!(
            "// 导入提示：原文第 {} 行：{}\n",
            w.lines.start, w.message
        ));
    }
    // What is wrong with the PDF itself (characters that cannot display, an empty page).
    for d in read
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("pdf/"))
    {
        let line = read.text[..d.primary.0.start.min(read.text.len())]
            .matches('\n')
            .count()
            + 1;
        fis.push_str(&format!(
            "// PDF 问题（{}）：原文第 {line} 行：{}\n",
            d.code, d.message
        ));
    }
    match &read.pages {
        Some(pages) => fis.push_str(&with_pages(&imported.source, &imported.origins, pages)),
        None => fis.push_str(&imported.source),
    }
    if !read.diagnostics.is_empty() {
        let _ = write!(err, "{}", render(&read.diagnostics));
    }
    // `-o -` is standard output, as for most tools, not a file named `-`.
    match output.filter(|p| p.as_os_str() != "-") {
        None => {
            let _ = out.write_all(fis.as_bytes());
        }
        Some(path) => {
            if same_file(input, path) {
                let _ = writeln!(
                    err,
                    "error: 输出文件 {} 就是输入文件，未写出（以免覆盖原文）",
                    path.display()
                );
                return super::exit::ERROR;
            }
            if let Err(why) = write_file(path, fis.as_bytes()) {
                let _ = writeln!(err, "error: 无法写入 {}：{why}", path.display());
                return super::exit::ERROR;
            }
            let _ = writeln!(
                err,
                "已写入 {}（{} 处需核对）",
                path.display(),
                imported.warnings.len()
            );
        }
    }
    if broken {
        let _ = writeln!(
            err,
            "error: 导入结果有 {} 处错误（见上），补全后才能检查",
            parsed.errors.len()
        );
        return super::exit::ERROR;
    }
    super::exit::CLEAN
}

/// A PDF's report with `// 第13页` before the first line printed on each page, so that a line
/// of the `.fis` can be traced to its page (not inside the `report` header, whose lines hold
/// attributes only).
fn with_pages(source: &str, origins: &[usize], pages: &crate::diagnostics::PageMap) -> String {
    let mut out = String::with_capacity(source.len() + 1024);
    let mut shown = 0u32;
    let mut in_header = false;
    for (line, origin) in source.lines().zip(origins) {
        let page = origin
            .checked_sub(1)
            .and_then(|i| pages.lines.get(i))
            .map_or(0, |(p, _)| *p);
        if page > shown && !in_header {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}// 第{page}页\n"));
            shown = page;
        }
        if line.starts_with("report ") {
            in_header = !line.trim_end().ends_with('}');
        }
        if in_header && line.trim() == "}" {
            in_header = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Whether two paths name the same existing file, however each is spelled: `./a.fis`, a link
/// to it, a hard link.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// [`write_atomically`], with the reason of a failure said the way users read it, and whether
/// the file that was there is intact (it always is: the new text goes to a temporary file).
pub(crate) fn write_file(path: &Path, contents: &[u8]) -> Result<(), String> {
    let existed = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    write_atomically(path, contents).map_err(|e| {
        let why = write_reason(&e);
        if existed {
            format!("{why}（原文件未改动）")
        } else {
            why
        }
    })
}

/// Why a write failed, said the way users read it.
pub(crate) fn write_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as E;
    match e.kind() {
        E::StorageFull => "磁盘空间不足".to_string(),
        E::FileTooLarge => "文件超过系统允许的大小".to_string(),
        E::PermissionDenied => "没有写入权限".to_string(),
        E::NotFound => "所在目录不存在".to_string(),
        E::NotADirectory => "路径中有一段不是目录".to_string(),
        E::IsADirectory => "这是一个目录".to_string(),
        E::ReadOnlyFilesystem => "文件系统是只读的".to_string(),
        _ => e.to_string(),
    }
}

/// Writes a file whole or not at all: into a temporary file beside it, synced, then renamed
/// over it. A failed write leaves the old file (or none) as it was, and no partial file.
///
/// The file is replaced only if this process may write to it, as `cp` would: a read-only file
/// is refused for a user (root may write it, as with `cp`). It keeps its permissions; a new file
/// gets read and write for everyone the umask allows (`rw-r--r--` under the usual 022).
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    // A link is followed, even one that names no file yet: the file it names is written (and
    // created), never the link replaced.
    let path = &follow_links(path)?;
    let kept = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "这是一个目录",
            ))
        }
        // A device or a pipe (`/dev/stdout`) is written to, never replaced by a file.
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            f.write_all(contents)?;
            return f.flush();
        }
        Ok(m) => {
            // Opening for writing (without truncating: nothing changes) asks the system whether
            // this process, with its own rights, may write the file.
            std::fs::OpenOptions::new().write(true).open(path)?;
            Some(m.permissions())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fislint-").suffix(".tmp");
    // Created with rw-rw-rw- less the umask, as any new file; an existing file's permissions
    // are put back below.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    // Through the `File`: `NamedTempFile`'s own writes add the temporary path to an error, a
    // name the user never gave and that is gone once the error is shown.
    tmp.as_file_mut().write_all(contents)?;
    if let Some(permissions) = kept {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The path with every symbolic link at its end followed, whether or not the last one names an
/// existing file (links in the folders above are the system's to follow).
pub(crate) fn follow_links(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut path = path.to_path_buf();
    // As the system does, give up after 40 links.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                // A relative target is relative to the link's folder; an absolute one replaces.
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("符号链接层数过多"))
}
