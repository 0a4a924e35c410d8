//! Finding and reading `fislint.toml` for the command line and the language server: the nearest
//! one walking up from each checked file's folder (or the one `--config` names, or none with
//! `--no-config`), read once per folder, its packs loaded once.
//!
//! # What a configuration may name
//!
//! A configuration found by walking up was not named by the user: it may have come with the
//! files being checked (a pull request). So it may name only built-in packs and files inside its
//! own folder, links followed ([`confine`], the one rule every path-valued key goes through).
//! One named with `--config`, or any with `--allow-pack-paths-outside`, may name any path. The
//! packs it loads keep their own boundary (their folder) either way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use toml::Spanned;

use crate::config::{self, Config, FILE_NAME};
use crate::diagnostics::{render_human, Diagnostic, HumanOptions};
use crate::engine::Rule;
use crate::severity::Severity;

/// A configuration file read.
pub(crate) struct Found {
    /// Its path.
    pub path: PathBuf,
    /// What it says.
    pub config: Config,
    /// Its packs' rules, when it names packs (paths relative to its folder).
    pub packs: Option<Vec<Rule>>,
    /// The companion reports it names (`budget`, `previous`), resolved against its folder
    /// and confined to it as its packs are.
    pub budget: Option<PathBuf>,
    /// See `budget`.
    pub previous: Option<PathBuf>,
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
        // Named by the user (or paths outside allowed): it may name any path.
        let trusted = matches!(self.lookup, Lookup::Given(_)) || super::packs::allowed_outside();
        let dir = path.parent().unwrap_or(Path::new("."));
        // A discovered configuration that is a link out of its folder would show the target's
        // lines in its errors: not read.
        if !trusted && !inside(dir, path) {
            return Err(format!(
                "error: 配置文件 {name} 是指向其所在文件夹之外的符号链接，不予读取（如确需使用，请用 --config 指定它）\n"
            ));
        }
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
        let config = config::parse(&name, &text).map_err(|errors| render(&errors))?;
        let packs = if config.packs.is_empty() {
            None
        } else {
            // Each value once: a pack repeated is loaded once anyway (`packs::rules`).
            let mut seen = std::collections::HashSet::new();
            let mut specs = Vec::new();
            let mut refused = Vec::new();
            for value in config.packs.iter().filter(|p| seen.insert(p.get_ref())) {
                // A built-in pack by its name; anything else (`national/tables.yaml` too, the
                // name of an embedded file, which `--pack` would read as a path) is a path.
                if crate::pack::embedded_packs().any(|name| name == value.get_ref()) {
                    specs.push(value.get_ref().clone());
                    continue;
                }
                match confine(dir, value, trusted) {
                    Ok(path) => specs.push(path.to_string_lossy().into_owned()),
                    Err(refusal) => refused.push(*refusal),
                }
            }
            if !refused.is_empty() {
                return Err(render(&refused));
            }
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
        // The companion reports it names: files, so within its folder as its packs are.
        let mut refused = Vec::new();
        let mut companion = |value: &Option<Spanned<String>>| {
            value.as_ref().and_then(|v| match confine(dir, v, trusted) {
                Ok(path) => Some(path),
                Err(refusal) => {
                    refused.push(*refusal);
                    None
                }
            })
        };
        let budget = companion(&config.budget);
        let previous = companion(&config.previous);
        if !refused.is_empty() {
            return Err(render(&refused));
        }
        let found = Rc::new(Found {
            path: path.to_path_buf(),
            config,
            packs,
            budget,
            previous,
        });
        self.by_file.insert(path.to_path_buf(), found.clone());
        Ok(found)
    }
}

/// The one rule for every value of a configuration that names a file (`packs`, `budget`,
/// `previous`): the path, relative to the configuration's folder
/// `dir` (an absolute one as it is). A configuration not named by the user (`trusted` false) may
/// name only what lies inside its own folder, symbolic links followed: an absolute path, `../`
/// or a link leading out is a mistake at the value, and nothing there is read.
pub(crate) fn confine(
    dir: &Path,
    value: &Spanned<String>,
    trusted: bool,
) -> Result<PathBuf, Box<Diagnostic>> {
    let path = dir.join(value.get_ref());
    if trusted || inside(dir, &path) {
        return Ok(path);
    }
    Err(Box::new(Diagnostic {
        related: Vec::new(),
        severity: Severity::Error,
        code: "config/path-outside".into(),
        message: format!(
            "配置文件是向上查找到的（不是用 --config 指定的），只能引用它所在文件夹内的文件，`{}` 在此之外",
            value.get_ref()
        ),
        primary: (value.span(), "在配置文件所在的文件夹之外".into()),
        secondary: Vec::new(),
        help: Some(
            "请把文件放进配置文件所在的文件夹；如确需引用，请用 --config 指定此配置文件，或加 --allow-pack-paths-outside"
                .into(),
        ),
        note: None,
    }))
}

/// Whether `path` lies inside the folder `dir`, both resolved for real (links followed).
fn inside(dir: &Path, path: &Path) -> bool {
    super::real_path(path).starts_with(super::real_path(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Spanned<String> {
        #[derive(serde::Deserialize)]
        struct V {
            v: Spanned<String>,
        }
        toml::from_str::<V>(&format!("v = {text:?}")).unwrap().v
    }

    #[test]
    #[cfg(unix)]
    fn a_discovered_configuration_names_only_its_own_folder() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("repo");
        std::fs::create_dir_all(inner.join("packs")).unwrap();
        std::fs::write(inner.join("packs/p.yaml"), "").unwrap();
        std::fs::write(dir.path().join("outside.yaml"), "").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.yaml"), inner.join("link.yaml"))
            .unwrap();
        assert!(confine(&inner, &value("packs/p.yaml"), false).is_ok());
        assert!(confine(&inner, &value("./packs/../packs/p.yaml"), false).is_ok());
        assert!(confine(&inner, &value("not-yet.yaml"), false).is_ok());
        for outside in [
            "/etc/passwd",
            "../outside.yaml",
            "link.yaml",
            "packs/../../x.yaml",
        ] {
            let refusal = confine(&inner, &value(outside), false).unwrap_err();
            assert_eq!(refusal.code, "config/path-outside", "{outside}");
            assert_eq!(refusal.primary.0, 4..6 + outside.len(), "{outside}");
            assert!(confine(&inner, &value(outside), true).is_ok(), "{outside}");
        }
    }
}
