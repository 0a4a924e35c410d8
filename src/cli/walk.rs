//! Which files `check` reads: files named on the command line as they are, and under named
//! directories the `*.fis` files and those an include pattern names (`--include '*.txt'` for
//! extracted texts), respecting `.gitignore` (inside a git repository or not) and `.ignore`, in
//! a stable order.

use std::path::PathBuf;

use globset::GlobSet;
use ignore::WalkBuilder;

/// A file to check, or a path that could not be used and why.
pub(crate) type Entry = Result<PathBuf, (PathBuf, std::io::Error)>;

/// Expands the command-line paths into the files to check.
pub(crate) fn collect(paths: &[PathBuf], include: &GlobSet) -> Vec<Entry> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push(Err((path.clone(), e))),
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
                            let fis = e.path().extension().is_some_and(|x| x == "fis");
                            let included =
                                e.path().file_name().is_some_and(|n| include.is_match(n));
                            if is_file && (fis || included) {
                                found.push(Ok(e.into_path()));
                            }
                        }
                        Err(e) => {
                            let io = std::io::Error::other(e.to_string());
                            found.push(Err((path.clone(), io)));
                        }
                    }
                }
                out.extend(found);
            }
            Ok(_) => out.push(Ok(path.clone())),
        }
    }
    out
}
