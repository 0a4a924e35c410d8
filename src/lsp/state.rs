//! The open documents and what was found in each: text in, diagnostics out, no protocol.
//!
//! A report (`.fis`, or extracted text by [`lint::Kind::of`]) is linted with the embedded pack
//! its 地区 calls for, exactly as `fislint check` does without `--pack` (the CLI's
//! [`Sources`]); a rule pack (`.yaml`, `.yml`) is loaded and compiled from its text
//! ([`pack_doc`]). Changes only mark a document dirty; [`State::lint_dirty`] lints each dirty
//! document once, on its latest text, which is how a burst of keystrokes costs one lint.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lsp_types::{PublishDiagnosticsParams, Uri};

use super::pack_doc::{self, Overlay};
use super::position::{Encoding, LineIndex};
use super::{convert, hover, uri};
use crate::diagnostics::Diagnostic;
use crate::lint;
use crate::pack::LoadedPack;
use crate::workspace::Sources;

/// One open document.
#[derive(Debug)]
struct Doc {
    /// Its URI, as the editor names it.
    uri: Uri,
    /// Its path, for a `file:` document.
    path: Option<PathBuf>,
    /// Its text as the editor has it.
    text: String,
    /// The editor's version of that text.
    version: i32,
    /// What was found in a report at its last lint, spans in `text` (for hover).
    found: Vec<Diagnostic>,
}

impl Doc {
    fn is_pack(&self) -> bool {
        self.path.as_deref().is_some_and(pack_doc::is_pack)
    }
}

/// The server's documents and caches.
#[derive(Default)]
pub struct State {
    /// By URI, as text (lsp-types' `Uri` caches its parse in a `Cell`: no key).
    docs: BTreeMap<String, Doc>,
    /// Documents changed since they were last linted.
    dirty: BTreeSet<String>,
    /// The embedded packs used (their rules are decoded once per process).
    rules: BTreeSet<&'static str>,
    /// Embedded packs with their rule texts, loaded at the first hover.
    explained: Option<Vec<LoadedPack>>,
    /// How positions count columns, in what is sent and what is received.
    encoding: Encoding,
}

impl State {
    /// No documents yet; positions in `encoding`, as negotiated at `initialize`.
    pub fn new(encoding: Encoding) -> State {
        State {
            encoding,
            ..State::default()
        }
    }

    /// A document opened, changed or saved with this text: to lint.
    pub fn set(&mut self, uri: Uri, text: String, version: Option<i32>) {
        let changed_pack = uri::to_path(&uri).is_some_and(|p| pack_doc::is_pack(&p));
        let key = uri.as_str().to_string();
        match self.docs.get_mut(&key) {
            Some(doc) => {
                doc.text = text;
                doc.version = version.unwrap_or(doc.version);
            }
            None => {
                let doc = Doc {
                    path: uri::to_path(&uri),
                    uri,
                    text,
                    version: version.unwrap_or(0),
                    found: Vec::new(),
                };
                self.docs.insert(key.clone(), doc);
            }
        }
        self.dirty.insert(key);
        if changed_pack {
            // A pack may extend the one that changed: every open pack is checked again.
            let packs = self.docs.iter().filter(|(_, d)| d.is_pack());
            self.dirty.extend(packs.map(|(u, _)| u.clone()));
        }
    }

    /// A saved document, whose text the editor did not send: linted again as it is.
    pub fn touch(&mut self, uri: Uri) {
        let key = uri.as_str();
        if self.docs.contains_key(key) {
            self.dirty.insert(key.to_string());
        }
    }

    /// A document closed: forgotten, its diagnostics cleared.
    pub fn close(&mut self, uri: Uri) -> PublishDiagnosticsParams {
        self.docs.remove(uri.as_str());
        self.dirty.remove(uri.as_str());
        PublishDiagnosticsParams::new(uri, Vec::new(), None)
    }

    /// Lints every dirty document on its current text.
    pub fn lint_dirty(&mut self) -> Vec<PublishDiagnosticsParams> {
        let dirty = std::mem::take(&mut self.dirty);
        dirty.into_iter().filter_map(|key| self.lint(key)).collect()
    }

    /// Lints one document.
    fn lint(&mut self, key: String) -> Option<PublishDiagnosticsParams> {
        let doc = self.docs.get(&key)?;
        let uri = doc.uri.clone();
        let version = Some(doc.version);
        if let (true, Some(path)) = (doc.is_pack(), doc.path.as_deref()) {
            let open: Vec<(&Path, &str)> = self
                .docs
                .values()
                .filter_map(|d| Some((d.path.as_deref()?, d.text.as_str())))
                .collect();
            let diagnostics = pack_doc::check(path, &uri, &Overlay { open: &open }, self.encoding);
            return Some(PublishDiagnosticsParams::new(uri, diagnostics, version));
        }
        let kind = lint::Kind::of(
            doc.path.as_deref().unwrap_or(Path::new("")),
            doc.text.as_bytes(),
        );
        // The document's fislint.toml, as `check` finds it; one with mistakes is left out here
        // (`check` shows them at their lines). Read afresh for every lint: the user may be
        // editing it too.
        let mut configs = crate::workspace::config::Configs::new(
            crate::workspace::config::Lookup::Discover,
            false,
        );
        let config = doc
            .path
            .as_deref()
            .and_then(|p| configs.for_file(p).ok().flatten());
        // The companion reports its configuration names (`budget`, `previous`), read afresh
        // like the configuration; one that cannot be read is said on the document's first line.
        let mut options = lint::Options::default();
        let mut unreadable = Vec::new();
        if let Some(found) = &config {
            let named = [
                (crate::expr::Doc::Budget, &found.budget),
                (crate::expr::Doc::Previous, &found.previous),
            ];
            for (doc_kind, path) in named {
                let Some(path) = path else { continue };
                let same = doc.path.as_deref().is_some_and(|p| {
                    crate::workspace::real_path(p) == crate::workspace::real_path(path)
                });
                if same {
                    continue;
                }
                match crate::workspace::companions::load(doc_kind, path) {
                    Ok(c) => {
                        options.companions.push(c);
                        options.loose.push(doc_kind);
                    }
                    Err(message) => unreadable.push(message),
                }
            }
        }
        let mut sources = Sources {
            given: None,
            defaults: &mut self.rules,
            config,
            configured: Default::default(),
        };
        let mut linted = lint::lint(kind, doc.text.as_bytes(), &mut sources, &options);
        for message in unreadable {
            linted.diagnostics.insert(
                0,
                crate::diagnostics::Diagnostic {
                    related: Vec::new(),
                    severity: crate::diagnostics::Severity::Error,
                    code: "companion/unreadable".into(),
                    message: message.trim_start_matches("error: ").trim_end().to_string(),
                    primary: (0..0, String::new()),
                    secondary: Vec::new(),
                    help: None,
                    note: None,
                },
            );
        }
        // Decoding drops a byte-order mark, which the editor's text keeps.
        let shift = doc.text.len().saturating_sub(linted.text.len());
        let mut found = linted.diagnostics;
        if shift > 0 {
            for d in &mut found {
                shifted(d, shift);
            }
        }
        let index = LineIndex::new(&doc.text, self.encoding);
        let diagnostics = found
            .iter()
            .map(|d| convert::diagnostic(d, &uri, &index))
            .collect();
        self.docs.get_mut(&key)?.found = found;
        Some(PublishDiagnosticsParams::new(uri, diagnostics, version))
    }

    /// The hover at a position of a document: its diagnostic's rule explained, and the
    /// diagnostic's range.
    pub fn hover(
        &mut self,
        uri: &Uri,
        position: lsp_types::Position,
    ) -> Option<(String, lsp_types::Range)> {
        let doc = self.docs.get(uri.as_str())?;
        let index = LineIndex::new(&doc.text, self.encoding);
        let d = hover::at(&doc.found, index.offset(position))?;
        let packs = self.explained.get_or_insert_with(hover::embedded_packs);
        Some((hover::markdown(d, packs), index.range(&d.primary.0)))
    }
}

/// A diagnostic's spans moved `by` bytes later.
fn shifted(d: &mut Diagnostic, by: usize) {
    let shift = |s: &mut std::ops::Range<usize>| *s = s.start + by..s.end + by;
    shift(&mut d.primary.0);
    for (s, _) in &mut d.secondary {
        shift(s);
    }
}
