//! Finding and reading `fislint.toml` for the command line: the nearest one walking up from each
//! checked file's folder (or the one `--config` names, or none with `--no-config`), read once per
//! folder, its packs loaded once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::config::{self, Config, FILE_NAME};
use crate::diagnostics::{render_human, HumanOptions};
use crate::engine::Rule;

/// A configuration file read.
pub(crate) struct Found {
    /// Its path.
    pub path: PathBuf,
    /// What it says.
    pub config: Config,
    /// Its packs' rules, when it names packs (paths relative to its folder).
    pub packs: Option<Vec<Rule>>,
}

/// Where configuration comes from for this run.
pub(crate) enum Lookup {
    /// Walk up from each file.
    Discover,
    /// The one file named.
    Given(PathBuf),
    /// None.
    Off,
}

/// Configuration files, found and read once each.
pub(crate) struct Configs {
    lookup: Lookup,
    /// By folder: the configuration that applies there.
    by_dir: HashMap<PathBuf, Option<Rc<Found>>>,
    /// By file: each configuration read.
    by_file: HashMap<PathBuf, Rc<Found>>,
    color: bool,
}

impl Configs {
    pub(crate) fn new(lookup: Lookup, color: bool) -> Self {
        Configs {
            lookup,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            color,
        }
    }

    /// The configuration for a checked file, or every mistake in it, rendered.
    pub(crate) fn for_file(&mut self, file: &Path) -> Result<Option<Rc<Found>>, String> {
        let path = match &self.lookup {
            Lookup::Off => return Ok(None),
            Lookup::Given(p) => Some(p.clone()),
            Lookup::Discover => {
                let dir = file
                    .canonicalize()
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                if let Some(found) = self.by_dir.get(&dir) {
                    return Ok(found.clone());
                }
                let path = dir
                    .ancestors()
                    .map(|d| d.join(FILE_NAME))
                    .find(|p| p.is_file());
                let found = match path {
                    Some(p) => Some(self.read(&p)?),
                    None => None,
                };
                self.by_dir.insert(dir, found.clone());
                return Ok(found);
            }
        };
        match path {
            Some(p) => self.read(&p).map(Some),
            None => Ok(None),
        }
    }

    /// Reads one configuration file (once).
    fn read(&mut self, path: &Path) -> Result<Rc<Found>, String> {
        if let Some(found) = self.by_file.get(path) {
            return Ok(found.clone());
        }
        // Shown as found from the working folder when it is under it (`fislint.toml`,
        // `../fislint.toml` is shown whole).
        let cwd = std::env::current_dir().ok();
        let shown = cwd
            .as_deref()
            .and_then(|c| path.strip_prefix(c).ok())
            .unwrap_or(path);
        let name = super::display_name(shown);
        let text = super::read_to_string(path)
            .map_err(|e| super::read_error(path, &e).replace("error: ", "error: 配置文件"))?;
        let render = |diagnostics: &[crate::diagnostics::Diagnostic]| {
            render_human(
                &name,
                &text,
                diagnostics,
                HumanOptions {
                    color: self.color,
                    ..HumanOptions::default()
                },
            )
        };
        let config = config::parse(&text).map_err(|errors| render(&errors))?;
        let packs = if config.packs.is_empty() {
            None
        } else {
            let dir = path.parent().unwrap_or(Path::new("."));
            let specs: Vec<String> = config
                .packs
                .iter()
                .map(|p| {
                    let spec = p.get_ref();
                    let relative = dir.join(spec);
                    if crate::pack::embedded(spec).is_none() && !Path::new(spec).is_absolute() {
                        relative.to_string_lossy().into_owned()
                    } else {
                        spec.clone()
                    }
                })
                .collect();
            Some(super::packs::rules(&specs)?)
        };
        // Settings for rules the packs do not have are mistakes: checked against the packs this
        // configuration uses, or the embedded ones.
        let known: Vec<Rule> = match &packs {
            Some(rules) => rules.clone(),
            None => crate::pack::embedded_packs()
                .filter_map(crate::precompiled::rules)
                .flatten()
                .collect(),
        };
        config.apply(&known).map_err(|errors| render(&errors))?;
        let found = Rc::new(Found {
            path: path.to_path_buf(),
            config,
            packs,
        });
        self.by_file.insert(path.to_path_buf(), found.clone());
        Ok(found)
    }
}
