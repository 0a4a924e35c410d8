//! A rule pack open in the editor: loaded and compiled from the editor's text (not the file on
//! disk), every load and compile error published at its place in the YAML.
//!
//! The pack module reads files only through a [`PackSource`]; [`Overlay`] serves the text of
//! every open document by its path and reads any other file (`extends`, `include`) from disk,
//! so a pack that extends another open pack sees its unsaved text too. Every file read from disk
//! is a regular file, read through [`crate::workspace::read_regular`]: a FIFO beside a pack (or
//! named by its `include`) would block the server forever, and a device would never end.
//!
//! A file of rules that a pack beside it includes (`rules/national/prose.yaml`) is checked
//! through that pack, its own errors shown; YAML that is no pack (no top-level `pack:` or
//! `rules:`) is left alone, so a generic client sending every YAML file does no harm.

use std::path::Path;

use lsp_types::{DiagnosticRelatedInformation, Location, NumberOrString, Uri};

use super::convert::{with_help, SOURCE};
use super::position::{Encoding, LineIndex};
use super::uri;
use crate::pack::{self, LoadFailure, PackRef, PackSource, SourceFile};
use crate::severity::Severity;

/// Open documents' texts by path over the file system, and embedded packs by name.
pub struct Overlay<'a> {
    /// The text of each open document, by its path.
    pub open: &'a [(&'a Path, &'a str)],
}

impl PackSource for Overlay<'_> {
    fn embedded(&self, name: &str) -> Option<&str> {
        pack::embedded(name)
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        match self.open.iter().find(|(p, _)| *p == path) {
            Some((_, text)) => Ok(text.to_string()),
            None => String::from_utf8(crate::workspace::read_regular(path)?).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "不是有效的 UTF-8 文本")
            }),
        }
    }

    /// Links followed, as the command line does, so that the boundary holds here too; an open
    /// document not yet saved is where its folder really is.
    fn real(&self, path: &Path) -> pack::RealPath {
        crate::workspace::real(path)
    }
}

/// Whether a path is a rule pack's (by its extension).
pub fn is_pack(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
}

/// What the YAML file at `path` is to the packs around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A pack (a top-level `pack:` key), or a file of rules that no pack beside it includes:
    /// loaded itself.
    Root,
    /// A file of rules that this pack beside it includes: the pack is loaded, and the errors in
    /// this file shown.
    IncludedBy(std::path::PathBuf),
    /// Some other YAML file (no `pack:` or `rules:` key): nothing to check.
    NotAPack,
}

/// Whether `text` has `key` at the top level (a line that starts `key:`).
fn top_key(text: &str, key: &str) -> bool {
    text.lines()
        .any(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
}

/// What the file at `path` is: a pack, a rule file a sibling pack includes, or no pack at all.
pub fn role(path: &Path, source: &Overlay<'_>) -> Role {
    let Ok(text) = source.read(path) else {
        return Role::NotAPack;
    };
    if top_key(&text, "pack") {
        return Role::Root;
    }
    if !top_key(&text, "rules") {
        return Role::NotAPack;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut siblings: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|e| Some(e.ok()?.path()))
        // Regular files only (a link to one is followed), told by their metadata, which does not
        // open them: opening a FIFO blocks until something writes to it.
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()))
        .chain(
            source
                .open
                .iter()
                .filter(|(p, _)| p.parent() == Some(folder))
                .map(|(p, _)| p.to_path_buf()),
        )
        .filter(|p| p != path && is_pack(p))
        .collect();
    siblings.sort();
    siblings.dedup();
    siblings
        .into_iter()
        .find(|p| {
            source
                .read(p)
                .is_ok_and(|t| top_key(&t, "pack") && top_key(&t, "include") && t.contains(name))
        })
        .map_or(Role::Root, Role::IncludedBy)
}

/// The YAML file at `path` (whose text `source` serves) checked as its [`Role`] says: no
/// diagnostic when its pack loads and compiles cleanly, else one per error in it. For a pack,
/// an error in another file (a pack it extends) is shown at the start of this one, naming that
/// file, with the place itself as related information. Positions count columns in `encoding`.
pub fn check(
    path: &Path,
    uri: &Uri,
    source: &Overlay<'_>,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    let (root, own_only) = match role(path, source) {
        Role::NotAPack => return Vec::new(),
        Role::Root => (path.to_path_buf(), false),
        Role::IncludedBy(pack) => (pack, true),
    };
    let failure = match pack::load(PackRef::File(root), source) {
        Ok(loaded) => match pack::compile(&loaded) {
            Ok(_) => return Vec::new(),
            Err(failure) => failure,
        },
        Err(failure) => failure,
    };
    let mut failure = failure;
    if own_only {
        let this = path.display().to_string();
        failure
            .errors
            .retain(|e| failure.files.get(e.file).is_some_and(|f| f.name == this));
    }
    diagnostics(path, uri, &failure, encoding)
}

/// A failed load's errors as diagnostics on the file at `path`.
fn diagnostics(
    path: &Path,
    uri: &Uri,
    failure: &LoadFailure,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    let this = path.display().to_string();
    let own = failure.files.iter().position(|f| f.name == this);
    let index = own.map(|i| LineIndex::new(&failure.files[i].text, encoding));
    failure
        .errors
        .iter()
        .map(|e| {
            let (range, message) = match (&index, own == Some(e.file)) {
                (Some(index), true) => (index.range(&e.span), e.kind.to_string()),
                _ => (
                    lsp_types::Range::default(),
                    format!("{}：{}", failure.files[e.file].name, e.kind),
                ),
            };
            let mut related: Vec<DiagnosticRelatedInformation> = e
                .related
                .iter()
                .filter_map(|r| {
                    let at = (r.file, &r.span, r.label.clone());
                    located(&failure.files, at, uri, own, encoding)
                })
                .collect();
            if own != Some(e.file) {
                let at = (e.file, &e.span, e.kind.label());
                related.extend(located(&failure.files, at, uri, own, encoding));
            }
            lsp_types::Diagnostic {
                range,
                severity: Some(super::convert::severity(Severity::Error)),
                code: Some(NumberOrString::String(e.code().to_string())),
                code_description: None,
                source: Some(SOURCE.to_string()),
                message: with_help(message, e.help().as_deref()),
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            }
        })
        .collect()
}

/// A place in one of the files read, as a location an editor can open: the document itself, or
/// another file on disk (embedded packs have no location). `at` is the file's index in
/// `files`, the span and the label.
fn located(
    files: &[SourceFile],
    at: (usize, &std::ops::Range<usize>, String),
    this: &Uri,
    own: Option<usize>,
    encoding: Encoding,
) -> Option<DiagnosticRelatedInformation> {
    let (file, span, message) = at;
    let f = files.get(file)?;
    let uri: Uri = if Some(file) == own {
        this.clone()
    } else if f.name.starts_with("embedded:") {
        return None;
    } else {
        uri::from_path(Path::new(&f.name))?
    };
    let range = LineIndex::new(&f.text, encoding).range(span);
    Some(DiagnosticRelatedInformation {
        location: Location::new(uri, range),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(text: &str) -> Vec<lsp_types::Diagnostic> {
        let path = Path::new("/nowhere/pack.yaml");
        check(
            path,
            &uri::from_path(path).unwrap(),
            &Overlay {
                open: &[(path, text)],
            },
            Encoding::Utf16,
        )
    }

    const GOOD: &str = "pack: p\ntitle: 标题\nversion: \"1\"\nextends: [national]\nrules: []\n";

    #[test]
    fn a_pack_that_loads_has_no_diagnostics() {
        assert_eq!(check_text(GOOD), Vec::new());
    }

    #[test]
    fn an_unknown_key_is_shown_on_its_line_in_utf16_columns() {
        let text = format!("{GOOD}标题二: x\n");
        let d = check_text(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].range.start.line, 5);
        assert_eq!(d[0].range.start.character, 0);
        assert_eq!(d[0].range.end.character, 3);
        assert_eq!(
            d[0].code,
            Some(NumberOrString::String("pack/unknown-key".into()))
        );
    }

    #[test]
    fn yaml_that_is_no_pack_is_not_checked() {
        assert_eq!(check_text("on: push\njobs: {}\n"), Vec::new());
    }

    #[test]
    fn a_rule_file_is_checked_through_the_pack_that_includes_it() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("pack.yaml");
        let rules = dir.path().join("more.yaml");
        let pack_text = "pack: p\ntitle: t\nversion: \"1\"\ninclude: [more.yaml]\n";
        std::fs::write(&pack, pack_text).unwrap();
        let text = "rules:\n  - id: a\n    未知: 1\n";
        let open = [(rules.as_path(), text)];
        let overlay = Overlay { open: &open };
        assert_eq!(role(&rules, &overlay), Role::IncludedBy(pack));
        let d = check(
            &rules,
            &uri::from_path(&rules).unwrap(),
            &overlay,
            Encoding::Utf16,
        );
        assert!(d.iter().any(|d| d.range.start.line == 2), "{d:?}");
        assert!(d.iter().all(|d| d.range.start.line > 0), "{d:?}");
    }

    #[test]
    fn an_expression_error_is_located_inside_the_yaml() {
        let text = "pack: p\ntitle: t\nversion: \"1\"\nrules:\n  - id: a\n    severity: error\n    title: 甲\n    summary: x\n    rationale: x\n    examples: { bad: x, good: x }\n    check:\n      assert:\n        that: 没有这个() > 0\n        message: m\n";
        let d = check_text(text);
        assert!(!d.is_empty());
        assert_eq!(d[0].range.start.line, 12, "{d:?}");
    }

    #[test]
    fn a_fifo_beside_a_rule_file_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a-fifo.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let pack = dir.path().join("pack.yaml");
        std::fs::write(
            &pack,
            "pack: p\ntitle: t\nversion: \"1\"\ninclude: [more.yaml]\n",
        )
        .unwrap();
        let rules = dir.path().join("more.yaml");
        // On another thread, with a timeout: opening the FIFO would block forever.
        let (tx, rx) = std::sync::mpsc::channel();
        let (rules2, fifo2) = (rules.clone(), fifo.clone());
        std::thread::spawn(move || {
            let open = [(rules2.as_path(), "rules: []\n")];
            let overlay = Overlay { open: &open };
            let role = role(&rules2, &overlay);
            let read = overlay.read(&fifo2).map_err(|e| e.kind());
            let _ = tx.send((role, read));
        });
        let (role, read) = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("no FIFO is opened");
        assert_eq!(role, Role::IncludedBy(pack));
        assert_eq!(read, Err(std::io::ErrorKind::InvalidInput));
    }
}
