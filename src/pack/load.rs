//! Finding and reading the files of a pack: `extends` (depth first, cycles reported, at most
//! [`MAX_EXTENDS_DEPTH`] deep), `include`, the folder boundary (lexical, then for real: links
//! followed); then the merge along the chain (`merge.rs`).

use std::collections::HashMap;
use std::io;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::classification::read_classification;
use super::error::{PackError, PackErrorKind};
use super::model::{FileId, SourceFile};
use super::read::{read_include, read_pack, Ctx, Located, PackFile, RuleEntry};
use super::{yaml, PackRef, PackSource};
use crate::subjects::Classification;

/// How many packs deep `extends` is followed: a pack at this depth may extend no further (an
/// error at its entry). The loader follows `extends` by recursion, so a chain of thousands
/// would otherwise overflow the stack; no real chain is more than a few packs deep.
pub const MAX_EXTENDS_DEPTH: usize = 64;

/// Where a pack file is: an embedded name, or a path relative to the folder of the root it was
/// reached from (`root` indexes `Loader::roots`; normalized, never leading out of it unless
/// the source allows it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Embedded(String),
    File { root: usize, rel: PathBuf },
}

/// What a pack is, however it was named: its embedded name, or where its file really is (links
/// followed), so that a pack named twice, or by two paths, is read once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    Embedded(String),
    File(PathBuf),
}

/// The folder of a root pack file, as named and for real: what its chain may read.
struct Boundary {
    folder: PathBuf,
    real: PathBuf,
}

/// One pack of the chain, read.
#[derive(Debug)]
pub(crate) struct Pack {
    pub file: FileId,
    pub pack: PackFile,
    /// Rules of its included files, in `include` order.
    pub included: Vec<RuleEntry>,
    /// The packs it extends (indices into `Loader::packs`), as far as they loaded.
    pub extends: Vec<usize>,
    /// Whether everything it extends loaded (else its overrides are not checked: the rules
    /// they name may be in the pack that failed).
    pub complete: bool,
    /// The classification its `classification` names, read.
    pub subjects: Option<Arc<Classification>>,
}

/// A pack being read, on the stack of `extends` being followed.
struct Frame {
    id: Identity,
    /// The pack's id, or its file name when it has none.
    name: String,
    /// The `extends` entry being followed from it.
    via: Option<(FileId, Range<usize>)>,
}

pub(crate) struct Loader<'s> {
    source: &'s dyn PackSource,
    /// The folder of each root file.
    roots: Vec<Boundary>,
    pub files: Vec<SourceFile>,
    pub errors: Vec<PackError>,
    /// Packs read, in the order they finished: most basic first, the root last.
    pub packs: Vec<Pack>,
    done: HashMap<Identity, Option<usize>>,
    stack: Vec<Frame>,
}

impl<'s> Loader<'s> {
    pub fn new(source: &'s dyn PackSource) -> Self {
        Loader {
            source,
            roots: Vec::new(),
            files: Vec::new(),
            errors: Vec::new(),
            packs: Vec::new(),
            done: HashMap::new(),
            stack: Vec::new(),
        }
    }

    /// Reads a root pack and everything it extends and includes (each pack once, however many
    /// roots reach it); its index in `packs`.
    pub fn root(&mut self, root: PackRef) -> Option<usize> {
        let key = match root {
            PackRef::Embedded(name) => Key::Embedded(name),
            PackRef::File(path) => {
                let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let name = path.file_name().map(PathBuf::from).unwrap_or_default();
                let real = self.source.real(&folder).path;
                self.roots.push(Boundary { folder, real });
                Key::File {
                    root: self.roots.len() - 1,
                    rel: name,
                }
            }
        };
        self.visit(key, None)
    }

    /// The path of a pack file, as named (relative to the working folder).
    fn path(&self, root: usize, rel: &Path) -> PathBuf {
        match self.roots.get(root) {
            Some(b) => b.folder.join(rel),
            None => rel.to_path_buf(),
        }
    }

    /// The name users see for a file.
    fn display(&self, key: &Key) -> String {
        match key {
            Key::Embedded(name) => format!("embedded:{name}"),
            Key::File { root, rel } => self.path(*root, rel).display().to_string(),
        }
    }

    /// What `key` is, after the checks a path named by an `extends` or `include` entry (at
    /// `named_at`) must pass for real: resolved by the source (links followed), it must lie in
    /// the real folder of its root (unless the source allows paths outside), and be no FIFO,
    /// device or socket. `None` (an error at the entry) when it fails them. A root, which the
    /// user named, is not checked.
    fn identify(
        &mut self,
        key: &Key,
        what: &'static str,
        named_at: Option<&(FileId, Range<usize>)>,
    ) -> Option<Identity> {
        let (root, rel) = match key {
            Key::Embedded(name) => return Some(Identity::Embedded(name.clone())),
            Key::File { root, rel } => (*root, rel),
        };
        let real = self.source.real(&self.path(root, rel));
        if let Some((file, span)) = named_at {
            let inside = self
                .roots
                .get(root)
                .is_some_and(|b| real.path.starts_with(&b.real));
            let kind = if !inside && !self.source.allow_outside() {
                Some(PackErrorKind::Escapes {
                    path: self.display(key),
                    reason: "路径经符号链接指向了规则包所在的文件夹之外（如确需引用，请加 --allow-pack-paths-outside）",
                })
            } else if real.special {
                Some(PackErrorKind::NotRegular {
                    what,
                    path: self.display(key),
                })
            } else {
                None
            };
            if let Some(kind) = kind {
                self.error(*file, span.clone(), kind);
                return None;
            }
        }
        Some(Identity::File(real.path))
    }

    fn add_file(&mut self, name: String, text: Arc<str>) -> FileId {
        self.files.push(SourceFile { name, text });
        self.files.len() - 1
    }

    fn error(&mut self, file: FileId, span: Range<usize>, kind: PackErrorKind) {
        self.errors.push(PackError::new(file, span, kind));
    }

    /// Reads the text of a file; errors at `named_at` (or, for the root, in a file of its own
    /// with no text).
    fn read(
        &mut self,
        key: &Key,
        what: &'static str,
        named_at: Option<&(FileId, Range<usize>)>,
    ) -> Option<FileId> {
        let name = self.display(key);
        let text = match key {
            Key::Embedded(n) => self.source.embedded(n).map(|t| Ok(t.to_string())),
            Key::File { root, rel } => Some(self.source.read(&self.path(*root, rel))),
        };
        let kind = match text {
            Some(Ok(text)) => return Some(self.add_file(name, text.into())),
            None => PackErrorKind::UnknownEmbedded {
                name: name.trim_start_matches("embedded:").to_string(),
                from_embedded: named_at.map(|(f, _)| self.files[*f].name.starts_with("embedded:")),
            },
            Some(Err(e)) if e.kind() == io::ErrorKind::NotFound => PackErrorKind::Missing {
                what,
                path: name.clone(),
            },
            Some(Err(e)) => PackErrorKind::Unreadable {
                path: name.clone(),
                detail: e.to_string(),
            },
        };
        let (file, span) = match named_at {
            Some((file, span)) => (*file, span.clone()),
            None => (self.add_file(name, "".into()), 0..0),
        };
        self.error(file, span, kind);
        None
    }

    /// Reads the pack at `key` unless it was read already; its index in `packs`.
    fn visit(&mut self, key: Key, named_at: Option<(FileId, Range<usize>)>) -> Option<usize> {
        let what = if named_at.is_some() {
            "扩展的规则包"
        } else {
            "规则包文件"
        };
        let id = self.identify(&key, what, named_at.as_ref())?;
        if let Some(i) = self.stack.iter().position(|f| f.id == id) {
            self.cycle(i, named_at);
            return None;
        }
        if let Some(done) = self.done.get(&id) {
            return *done;
        }
        if self.stack.len() >= MAX_EXTENDS_DEPTH {
            // Not remembered as done: reached by a shorter chain, the same pack may load.
            if let Some((file, span)) = named_at {
                self.error(
                    file,
                    span,
                    PackErrorKind::ExtendsTooDeep {
                        limit: MAX_EXTENDS_DEPTH,
                    },
                );
            }
            return None;
        }
        let index = self.read_pack(&key, id.clone(), what, named_at.as_ref());
        self.done.insert(id, index);
        index
    }

    fn read_pack(
        &mut self,
        key: &Key,
        id: Identity,
        what: &'static str,
        named_at: Option<&(FileId, Range<usize>)>,
    ) -> Option<usize> {
        let file = self.read(key, what, named_at)?;
        let text = self.files[file].text.clone();
        let node = match yaml::parse(&text) {
            Ok(node) => node,
            Err((kind, span)) => {
                self.error(file, span, kind);
                return None;
            }
        };
        let mut cx = Ctx {
            file,
            text: &text,
            errors: &mut self.errors,
        };
        let pack = read_pack(&mut cx, &node);
        let name = pack
            .id
            .as_ref()
            .map_or_else(|| self.files[file].name.clone(), |id| id.text.clone());
        self.stack.push(Frame {
            id,
            name,
            via: None,
        });
        let mut extends = Vec::new();
        let mut complete = true;
        for entry in &pack.extends {
            let at = (file, entry.span.clone());
            let Some(child) = self.resolve(key, entry, true, file) else {
                complete = false;
                continue;
            };
            if let Some(frame) = self.stack.last_mut() {
                frame.via = Some(at.clone());
            }
            match self.visit(child, Some(at)) {
                Some(i) => {
                    complete &= self.packs[i].complete;
                    extends.push(i);
                }
                None => complete = false,
            }
        }
        self.stack.pop();
        let mut included = Vec::new();
        for entry in &pack.include {
            if let Some(child) = self.resolve(key, entry, false, file) {
                included.extend(self.read_include(&child, (file, entry.span.clone())));
            }
        }
        let subjects = pack
            .classification
            .as_ref()
            .and_then(|entry| self.read_classification(key, entry, file));
        self.packs.push(Pack {
            file,
            pack,
            included,
            extends,
            complete,
            subjects,
        });
        Some(self.packs.len() - 1)
    }

    fn read_include(&mut self, key: &Key, named_at: (FileId, Range<usize>)) -> Vec<RuleEntry> {
        let what = "包含的规则文件";
        if self.identify(key, what, Some(&named_at)).is_none() {
            return Vec::new();
        }
        let Some(file) = self.read(key, what, Some(&named_at)) else {
            return Vec::new();
        };
        let text = self.files[file].text.clone();
        match yaml::parse(&text) {
            Ok(node) => {
                let mut cx = Ctx {
                    file,
                    text: &text,
                    errors: &mut self.errors,
                };
                read_include(&mut cx, &node)
            }
            Err((kind, span)) => {
                self.error(file, span, kind);
                Vec::new()
            }
        }
    }

    /// The classification a pack's `classification` entry names: an embedded one by name
    /// (`subjects`), or, in a pack file, a path (with `/`, or ending in `.yaml`/`.yml`) resolved
    /// and checked as an `extends` path is.
    fn read_classification(
        &mut self,
        from: &Key,
        entry: &Located,
        file: FileId,
    ) -> Option<Arc<Classification>> {
        let what = "科目数据文件";
        let text = entry.text.as_str();
        let is_path = text.contains('/') || text.ends_with(".yaml") || text.ends_with(".yml");
        let named_at = (file, entry.span.clone());
        let data = if is_path && matches!(from, Key::File { .. }) {
            let key = self.resolve(from, entry, true, file)?;
            self.identify(&key, what, Some(&named_at))?;
            self.read(&key, what, Some(&named_at))?
        } else {
            let Some(data) = super::embedded::classification(text) else {
                self.error(
                    file,
                    entry.span.clone(),
                    PackErrorKind::UnknownClassification {
                        name: text.to_string(),
                    },
                );
                return None;
            };
            self.add_file(format!("embedded:{text}"), data.into())
        };
        let source = self.files[data].text.clone();
        let node = match yaml::parse(&source) {
            Ok(node) => node,
            Err((kind, span)) => {
                self.error(data, span, kind);
                return None;
            }
        };
        let mut cx = Ctx {
            file: data,
            text: &source,
            errors: &mut self.errors,
        };
        read_classification(&mut cx, &node).map(Arc::new)
    }

    /// The file an `extends` (`is_extends`) or `include` entry of the pack at `from` names.
    ///
    /// In an embedded pack every entry is an embedded name (`national`, `national/tables.yaml`);
    /// a file entry is looked up first relative to the pack's folder (`tables.yaml` from
    /// `national` is `national/tables.yaml`).
    /// In a pack file, an `extends` entry without `/` that does not end in `.yaml`/`.yml` is an
    /// embedded name; anything else is a path relative to the file, which may not be absolute nor
    /// lead out of the root's folder.
    fn resolve(
        &mut self,
        from: &Key,
        entry: &Located,
        is_extends: bool,
        file: FileId,
    ) -> Option<Key> {
        let text = entry.text.as_str();
        let is_path = text.contains('/') || text.ends_with(".yaml") || text.ends_with(".yml");
        let escapes = |reason| PackErrorKind::Escapes {
            path: text.to_string(),
            reason,
        };
        let (root, folder) = match from {
            Key::File { root, rel } if is_path || !is_extends => {
                (*root, rel.parent().unwrap_or(Path::new("")))
            }
            _ => {
                if Path::new(text).is_absolute() || text.split('/').any(|c| c == "..") {
                    self.error(
                        file,
                        entry.span.clone(),
                        escapes("内置规则包的名称不能是绝对路径或含有 `..`"),
                    );
                    return None;
                }
                // An embedded pack's files are named relative to its folder, like a pack file's:
                // `include: [tables.yaml]` in `national` is `national/tables.yaml`, so one pack
                // reads the same embedded or from disk.
                if let Key::Embedded(name) = from {
                    if is_path || !is_extends {
                        let folder = name.rsplit_once('/').map_or(name.as_str(), |(f, _)| f);
                        let relative = format!("{folder}/{text}");
                        if self.source.embedded(&relative).is_some() {
                            return Some(Key::Embedded(relative));
                        }
                    }
                }
                return Some(Key::Embedded(text.to_string()));
            }
        };
        let path = Path::new(text);
        let mut out = folder.to_path_buf();
        for c in path.components() {
            match c {
                Component::Normal(part) => out.push(part),
                Component::CurDir => {}
                Component::ParentDir => {
                    // Past the folder: kept as `..` when the user allowed it.
                    let up = out.as_os_str().is_empty()
                        || out.components().next_back() == Some(Component::ParentDir);
                    if up && self.source.allow_outside() {
                        out.push("..");
                    } else if !out.pop() {
                        self.error(
                            file,
                            entry.span.clone(),
                            escapes("路径超出了规则包所在的文件夹（如确需引用，请加 --allow-pack-paths-outside）"),
                        );
                        return None;
                    }
                }
                Component::RootDir | Component::Prefix(_) => {
                    if self.source.allow_outside() {
                        return Some(Key::File {
                            root,
                            rel: path.to_path_buf(),
                        });
                    }
                    self.error(
                        file,
                        entry.span.clone(),
                        escapes(
                            "不允许使用绝对路径（如确需引用，请加 --allow-pack-paths-outside）",
                        ),
                    );
                    return None;
                }
            }
        }
        Some(Key::File { root, rel: out })
    }

    /// Reports the cycle that closes when the pack at stack position `i` is named again.
    fn cycle(&mut self, i: usize, named_at: Option<(FileId, Range<usize>)>) {
        // Only an `extends` entry can name a pack that is being read: the root is named by no one.
        let Some((file, span)) = named_at else {
            return;
        };
        let frames = &self.stack[i..];
        let mut names: Vec<&str> = frames.iter().map(|f| f.name.as_str()).collect();
        names.push(&frames[0].name);
        let cycle = names.join(" → ");
        let mut error = PackError::new(file, span, PackErrorKind::ExtendsCycle { cycle });
        let links: Vec<_> = frames
            .windows(2)
            .map(|w| (w[0].via.clone(), &w[0].name, &w[1].name))
            .collect();
        for (via, from, to) in links {
            if let Some((f, s)) = via {
                error = error.with_related(f, s, format!("`{from}` 扩展 `{to}`"));
            }
        }
        self.errors.push(error);
    }
}
