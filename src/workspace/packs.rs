//! Rule packs for the command line: `--pack NAME|PATH` to loaded, compiled rules, with files read
//! from disk (the pack module itself reads nothing).

use std::path::{Path, PathBuf};

use crate::engine::Rule;
use crate::pack::{self, LoadedPack, PackRef, PackSource};

/// Embedded packs from the binary, others from the file system.
struct FileSystem;

/// `--allow-pack-paths-outside`: set once, from the command line, before any pack loads.
static ALLOW_OUTSIDE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Lets packs name files outside their folder (`--allow-pack-paths-outside`).
pub(crate) fn allow_outside() {
    ALLOW_OUTSIDE.store(true, std::sync::atomic::Ordering::Relaxed);
}

impl PackSource for FileSystem {
    fn embedded(&self, name: &str) -> Option<&str> {
        pack::embedded(name)
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        super::read_to_string(path)
    }

    fn allow_outside(&self) -> bool {
        allowed_outside()
    }

    fn real(&self, path: &Path) -> pack::RealPath {
        super::real(path)
    }
}

/// Whether `--allow-pack-paths-outside` was given.
pub(crate) fn allowed_outside() -> bool {
    ALLOW_OUTSIDE.load(std::sync::atomic::Ordering::Relaxed)
}

/// What `--pack` names: a path when it looks like one or is a file, else an embedded pack. A
/// folder names the pack in it, its `pack.yaml` (`--pack shanghai/`).
fn reference(spec: &str) -> PackRef {
    let path = PathBuf::from(spec);
    if path.is_dir() {
        return PackRef::File(path.join("pack.yaml"));
    }
    let looks_like_path = spec.contains('/')
        || spec.contains('\\')
        || spec.ends_with(".yaml")
        || spec.ends_with(".yml");
    if looks_like_path || path.is_file() {
        PackRef::File(path)
    } else {
        PackRef::Embedded(spec.to_string())
    }
}

/// The packs named, each once: a pack named again (by its embedded name, or a path to the same
/// file, links followed) is left out, in the order first named.
fn distinct(specs: &[String]) -> Vec<PackRef> {
    let mut seen = std::collections::HashSet::new();
    specs
        .iter()
        .map(|spec| reference(spec))
        .filter(|r| {
            seen.insert(match r {
                PackRef::Embedded(name) => (false, PathBuf::from(name)),
                PackRef::File(path) => (true, super::real_path(path)),
            })
        })
        .collect()
}

/// The packs, each loaded (once, [`distinct`]) and compiled on its own: each pack with its
/// rules, for listing and explaining them; or every error, rendered.
pub(crate) fn load(specs: &[String]) -> Result<Vec<(LoadedPack, Vec<Rule>)>, String> {
    let mut out = Vec::new();
    let mut rendered = String::new();
    for root in distinct(specs) {
        match pack::load(root, &FileSystem) {
            Ok(loaded) => match pack::compile(&loaded) {
                Ok(rules) => out.push((loaded, rules)),
                Err(failure) => rendered.push_str(&failure.render()),
            },
            Err(failure) => rendered.push_str(&failure.render()),
        }
    }
    if rendered.is_empty() {
        Ok(out)
    } else {
        Err(rendered)
    }
}

/// Each rule's summary (what it checks), by id, from the packs' YAML: compiled rules do not keep
/// it. Loaded without compiling; a pack that does not load gives none.
pub(crate) fn summaries(specs: &[String]) -> std::collections::BTreeMap<String, String> {
    distinct(specs)
        .into_iter()
        .filter_map(|root| pack::load(root, &FileSystem).ok())
        .flat_map(|loaded| loaded.rules)
        .map(|r| (r.def.id, r.def.summary))
        .collect()
}

/// The rules of an embedded pack, decoded once per process and shared by every thread (a batch's
/// workers, the language server's documents); [`prefetch`] starts the decoding early. The error
/// is the pack's errors, rendered.
pub(crate) fn embedded_rules(name: &str) -> Result<&'static [Rule], &'static str> {
    type Cell = std::sync::OnceLock<Result<Vec<Rule>, String>>;
    static CACHE: std::sync::LazyLock<Vec<(&'static str, Cell)>> = std::sync::LazyLock::new(|| {
        crate::pack::embedded_packs()
            .map(|name| (name, Cell::new()))
            .collect()
    });
    let Some((name, cell)) = CACHE.iter().find(|(n, _)| *n == name) else {
        return Err("没有这个内置规则包");
    };
    match cell.get_or_init(|| rules(&[name.to_string()])) {
        Ok(rules) => Ok(rules),
        Err(rendered) => Err(rendered),
    }
}

/// Starts decoding an embedded pack's rules on another thread, so that they are ready (or
/// nearly) when the first report needs them; a later [`embedded_rules`] waits for it. When the
/// system will not start a thread (a process limit), nothing is started: the first report
/// decodes the pack itself.
pub(crate) fn prefetch(name: &'static str) {
    let _ = std::thread::Builder::new().spawn(move || {
        let _ = embedded_rules(name);
    });
}

/// The rules of the packs, for checking: each rule once. One pack (named once or more) gives its
/// rules, an embedded pack's as compiled at build time ([`crate::precompiled`]); several are
/// loaded together as one ([`pack::load_all`]: each pack read once, so an ancestor two of them
/// share runs once, with each pack's overrides applied) and compiled now. Or every error,
/// rendered.
pub(crate) fn rules(specs: &[String]) -> Result<Vec<Rule>, String> {
    let roots = distinct(specs);
    if let [PackRef::Embedded(name)] = roots.as_slice() {
        if let Some(rules) = crate::precompiled::rules(name) {
            return Ok(rules);
        }
    }
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let loaded = pack::load_all(&roots, &FileSystem).map_err(|failure| failure.render())?;
    pack::compile(&loaded).map_err(|failure| failure.render())
}
