//! Rule packs (docs/packs.md): YAML files read into rules with their checks, `extends` and
//! `include` followed, `params` and `overrides` merged along the chain.
//!
//! # The boundary
//!
//! This module reads no file and prints nothing. Files come through a [`PackSource`]: embedded
//! packs by name, other packs by a path the loader has already resolved and checked. The folder
//! of a root [`PackRef::File`] is the boundary: an `extends` or `include` path is relative to the
//! file that names it, `..` is resolved lexically, and a path that would lead out of that folder,
//! or an absolute path, is an error, never read. Then the path is resolved for real
//! ([`PackSource::real`]: symbolic links followed) and must still lie inside the real folder of
//! the root, and must not be a FIFO, a device or a socket. `extends` is followed at most
//! [`MAX_EXTENDS_DEPTH`] packs deep. A root [`PackRef::Embedded`] pack lives among
//! embedded packs only: in an embedded pack every `extends` and `include` entry is the name of
//! another embedded text (`national`, `national/tables.yaml`), looked up as written.
//!
//! # How every error is found
//!
//! Reading happens in two steps. First serde-saphyr turns a file into a generic tree of
//! spanned values (`yaml.rs`); this can only fail on the YAML itself (its syntax, a key given
//! twice, an alias bomb), and such an error ends that file only. Budget and alias limits bound
//! what a hostile file can make the reader do. Then each value is read against the format by
//! hand (`read.rs`, `rules.rs`), not by `#[derive(Deserialize)]`, which stops at a struct's
//! first error: every key of a map is checked, every field of a rule is read before the results
//! are combined, and an error is recorded where it is while reading goes on. So one run reports
//! every unknown key, every missing key, every value of the wrong type, in every rule and every
//! file. Last, the chain is merged (`merge.rs`): duplicate ids, overrides, params. Files are
//! followed depth first (`load.rs`); a pack met again while it is being read closes a cycle,
//! reported with each of its links.
//!
//! # Spans
//!
//! serde-saphyr gives each value its byte span. A scalar's span includes its quotes; a block
//! scalar's starts at its first content line. [`ExprSrc`] keeps the content span (quotes and
//! trailing blank lines removed) and maps offsets in its text back to the file
//! ([`ExprSrc::file_offset`]). An error the YAML reader reports with a line and column only is
//! turned into a byte offset in the file.

mod classification;
mod compile;
mod embedded;
mod error;
mod load;
mod merge;
mod model;
mod read;
mod render;
mod rules;
mod yaml;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use compile::compile;
pub use embedded::{classification, embedded, embedded_packs, pack_for_region, pack_for_report};
pub use error::{PackError, PackErrorKind, Related};
pub use load::MAX_EXTENDS_DEPTH;
pub use model::*;
pub use render::render;

/// Where pack files come from: embedded packs by name, other packs by path.
pub trait PackSource {
    /// The YAML text of an embedded pack (`national`), if there is one by that name.
    fn embedded(&self, name: &str) -> Option<&str>;
    /// The text of a pack file; paths are already resolved and checked by the loader.
    fn read(&self, path: &Path) -> std::io::Result<String>;
    /// Whether an `extends` or `include` path may lead out of the folder of the pack the user
    /// named (an absolute path, or `..` past it). No, unless the user said so: a pack is data
    /// from someone else, and reads nothing but its own folder.
    fn allow_outside(&self) -> bool {
        false
    }
    /// What is really at `path`: the path with every symbolic link, `.` and `..` resolved (as
    /// far as it exists), which the loader checks against the real folder of the root pack, so
    /// that a link cannot lead out of it; and whether it is a FIFO, a device or a socket, which
    /// an `extends` or `include` entry may not name (opening a FIFO blocks, a device never
    /// ends). The default is for sources without links or special files (in memory): the path
    /// as it is. A source that reads a file system must resolve it.
    fn real(&self, path: &Path) -> RealPath {
        RealPath {
            path: path.to_path_buf(),
            special: false,
        }
    }
}

/// What a path really names ([`PackSource::real`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RealPath {
    /// The path with every symbolic link, `.` and `..` resolved, as far as it exists.
    pub path: PathBuf,
    /// Whether something is there that is neither a regular file nor a folder: a FIFO, a
    /// device, a socket.
    pub special: bool,
}

/// Embedded packs only: a path is refused, as if there were no such file. For what runs the
/// built-in packs and nothing else (the build script, tests, benches).
#[derive(Debug, Clone, Copy, Default)]
pub struct EmbeddedOnly;

impl PackSource for EmbeddedOnly {
    fn embedded(&self, name: &str) -> Option<&str> {
        embedded(name)
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{}: only embedded packs are read here", path.display()),
        ))
    }
}

/// The pack a user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackRef {
    /// An embedded pack: `national`.
    Embedded(String),
    /// A pack file: `packs/hunan.yaml`. Its folder bounds every path it names.
    File(PathBuf),
}

/// A pack that could not be loaded: every error found, and the files they point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// Every error, in the order the files were read.
    pub errors: Vec<PackError>,
    /// Every file read (and, for a root that could not be read, its name with no text).
    pub files: Vec<SourceFile>,
}

impl LoadFailure {
    /// The errors rendered with their sources ([`render`]).
    pub fn render(&self) -> String {
        render(&self.errors, &self.files)
    }
}

/// Loads the pack `root` with everything it extends and includes.
///
/// The rules come most basic first: the rules of the packs extended (in `extends` order), then
/// the pack's own (its included files in `include` order, then its `rules`).
pub fn load(root: PackRef, source: &dyn PackSource) -> Result<LoadedPack, LoadFailure> {
    load_all(std::slice::from_ref(&root), source)
}

/// Loads several packs as one: as if one pack extended them all, in the order given. Each pack
/// is read once however often it is named or extended (by its embedded name, or where its file
/// really is), so each rule is in the result once: two packs that both extend `national` give
/// `national`'s rules once, each pack's `overrides` applied to the rules it inherits, and where
/// two packs change the same rule or set the same pack-level param, the one loaded later (named
/// later) wins. Each root file bounds the paths of its own chain. The result's id, title and
/// version are the last root's.
pub fn load_all(roots: &[PackRef], source: &dyn PackSource) -> Result<LoadedPack, LoadFailure> {
    let mut loader = load::Loader::new(source);
    let mut last = None;
    for root in roots {
        last = loader.root(root.clone());
    }
    let merged = merge::merge(&loader.packs, &mut loader.errors);
    let head = last.and_then(|i| loader.packs.get(i)).map(|p| &p.pack);
    let head = head.and_then(|p| Some((p.id.clone()?, p.title.clone()?, p.version.clone()?)));
    match head {
        Some((id, title, version)) if loader.errors.is_empty() => Ok(LoadedPack {
            id: id.text,
            title,
            version,
            chain: merged.chain,
            params: merged.params,
            // The last pack of the chain to name a classification: the root's over what it extends.
            subjects: loader.packs.iter().rev().find_map(|p| p.subjects.clone()),
            rules: merged.rules,
            files: loader.files,
        }),
        _ => Err(LoadFailure {
            errors: loader.errors,
            files: loader.files,
        }),
    }
}
