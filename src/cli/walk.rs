//! Which files `check` reads: files named on the command line as they are, and under named
//! directories the `*.fis` and `*.pdf` files and those an include pattern names (`--include
//! '*.txt'` for extracted texts), respecting `.gitignore` (inside a git repository or not) and
//! `.ignore`, in a stable order. A PDF beside a `.fis` of the same name is left out: the `.fis`
//! is its import, corrected by hand, and is what is checked.

use std::path::PathBuf;

use globset::GlobSet;
use ignore::WalkBuilder;

/// A file to check, or a path that could not be used and why.
pub(crate) type Entry = Result<PathBuf, (PathBuf, std::io::Error)>;

/// Whether a path's extension is `ext`, in any case (`REPORT.PDF`).
fn has_extension(path: &std::path::Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// The files to check, and the PDFs left out for the `.fis` beside them.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// The files to check, or paths that could not be used.
    pub files: Vec<Entry>,
    /// PDFs found in a folder beside a `.fis` of the same name, which is checked instead.
    pub skipped: Vec<PathBuf>,
}

/// Expands the command-line paths into the files to check.
pub(crate) fn collect(paths: &[PathBuf], include: &GlobSet) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.files.push(Err((path.clone(), e))),
            Ok(m) if m.is_dir() => {
                let mut found: Vec<Entry> = Vec::new();
                for entry in WalkBuilder::new(path)
                    .sort_by_file_name(|a, b| a.cmp(b))
                    // `.gitignore` applies in a folder that is not a git repository too: a
                    // folder of reports copied out of one is checked as it was in it.
                    .require_git(false)
                    .build()
                {
                    match entry {
                        Ok(e) => {
                            let is_file = e.file_type().is_some_and(|t| t.is_file());
                            let known =
                                has_extension(e.path(), "fis") || has_extension(e.path(), "pdf");
                            let included =
                                e.path().file_name().is_some_and(|n| include.is_match(n));
                            if is_file && (known || included) {
                                found.push(Ok(e.into_path()));
                            }
                        }
                        Err(e) => {
                            let io = std::io::Error::other(e.to_string());
                            found.push(Err((path.clone(), io)));
                        }
                    }
                }
                // A PDF whose `.fis` was found beside it is the `.fis`'s source.
                let fis: std::collections::HashSet<PathBuf> = found
                    .iter()
                    .filter_map(|f| f.as_ref().ok())
                    .filter(|f| has_extension(f, "fis"))
                    .cloned()
                    .collect();
                let imported = |pdf: &PathBuf| {
                    has_extension(pdf, "pdf") && fis.contains(&pdf.with_extension("fis"))
                };
                let (skipped, kept): (Vec<Entry>, Vec<Entry>) = found
                    .into_iter()
                    .partition(|f| f.as_ref().is_ok_and(imported));
                out.skipped
                    .extend(skipped.into_iter().filter_map(Result::ok));
                out.files.extend(kept);
            }
            Ok(_) => out.files.push(Ok(path.clone())),
        }
    }
    out
}
