//! `fislint import`: extracted text written as a `.fis` report (checking text is `lint`'s).

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::diagnostics::{render_human, Diagnostic, HumanOptions};
use crate::import::Form;
use crate::lint;

/// The form's name, as users know it.
pub(crate) fn form_name(form: Form) -> &'static str {
    match form {
        Form::Tabbed => "制表符分隔的文本",
        Form::Layout => "pdftotext -layout 文本",
    }
}

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
    let read = lint::read_text(&bytes);
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
    let Some((imported, encoding)) = &read.imported else {
        let _ = write!(err, "{}", render(&read.diagnostics));
        return super::exit::ERROR;
    };
    let _ = writeln!(
        err,
        "导入 {name}（{}，{}）",
        encoding.name(),
        form_name(imported.form)
    );
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
        "// 由 fislint import 从 {name} 导入（{}，{}）\n",
        encoding.name(),
        form_name(imported.form)
    );
    for w in &imported.warnings {
        fis.push_str(&format!(
            "// 导入提示：原文第 {} 行：{}\n",
            w.lines.start, w.message
        ));
    }
    fis.push_str(&imported.source);
    if !read.diagnostics.is_empty() {
        let _ = write!(err, "{}", render(&read.diagnostics));
    }
    match output {
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

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
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
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    // A link is followed: the file it names is replaced, not the link.
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    match std::fs::metadata(path) {
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
        _ => {}
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".fislint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Through the `File`: `NamedTempFile`'s own writes add the temporary path to an error, a
    // name the user never gave and that is gone once the error is shown.
    tmp.as_file_mut().write_all(contents)?;
    // The file keeps the permissions it had; a new one gets the usual rw-r--r--, not the
    // temporary file's owner-only ones.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The permissions of a new file: read and write for its owner, read for everyone else.
#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

/// The permissions of a new file: as the system gives them.
#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}
