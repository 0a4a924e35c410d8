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
        ALLOW_OUTSIDE.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// What `--pack` names: a path when it looks like one or is a file, else an embedded pack.
fn reference(spec: &str) -> PackRef {
    let path = PathBuf::from(spec);
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

/// The packs, loaded and compiled: each pack with its rules; or every error, rendered.
pub(crate) fn load(specs: &[String]) -> Result<Vec<(LoadedPack, Vec<Rule>)>, String> {
    let mut out = Vec::new();
    let mut rendered = String::new();
    for spec in specs {
        match pack::load(reference(spec), &FileSystem) {
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
    specs
        .iter()
        .filter_map(|spec| pack::load(reference(spec), &FileSystem).ok())
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

/// The rules of the packs, for checking, in the order named: an embedded pack's as compiled at
/// build time ([`crate::precompiled`]), others loaded and compiled now; or every error, rendered.
pub(crate) fn rules(specs: &[String]) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    let mut rendered = String::new();
    for spec in specs {
        let compiled = match reference(spec) {
            PackRef::Embedded(name) => crate::precompiled::rules(&name),
            PackRef::File(_) => None,
        };
        let loaded = || {
            load(std::slice::from_ref(spec))
                .map(|packs| packs.into_iter().flat_map(|(_, rules)| rules).collect())
        };
        match compiled.map(Ok).unwrap_or_else(loaded) {
            Ok(more) => rules.extend(more),
            Err(more) => rendered.push_str(&more),
        }
    }
    if rendered.is_empty() {
        Ok(rules)
    } else {
        Err(rendered)
    }
}
