//! The rules each report is checked with: `--pack`'s, a configuration's packs, or the embedded
//! pack of the report's 地区, with the configuration's settings applied.

use std::path::PathBuf;

use super::{config, packs};
use crate::diagnostics::Diagnostic;
use crate::engine::Rule;
use crate::lint;
use crate::severity::Severity;

/// The rules for each report: `--pack`'s, or the embedded pack of its 地区 (each loaded once).
pub(crate) struct Sources<'a> {
    /// `--pack`'s rules, when given.
    pub(crate) given: Option<&'a [crate::engine::Rule]>,
    /// The embedded packs used so far, by name.
    pub(crate) defaults: &'a mut std::collections::BTreeSet<&'static str>,
    /// The configuration of the file being checked.
    pub(crate) config: Option<std::rc::Rc<config::Found>>,
    /// Rules as configurations settle them, by configuration file and pack.
    pub(crate) configured: std::collections::HashMap<(PathBuf, String), Vec<crate::engine::Rule>>,
}

impl lint::RuleSource for Sources<'_> {
    fn rules_for(
        &mut self,
        report: &crate::report::Report,
    ) -> Result<&[crate::engine::Rule], Box<Diagnostic>> {
        // `--pack`, else the configuration's packs, else the report's embedded pack; then the
        // configuration's settings.
        let (key, base): (String, &[crate::engine::Rule]) = match (self.given, &self.config) {
            (Some(given), _) => ("--pack".into(), given),
            (None, Some(found)) if found.packs.is_some() => {
                ("packs".into(), found.packs.as_deref().unwrap_or_default())
            }
            _ => {
                let (name, rules) = default_rules(report, self.defaults)?;
                (name.into(), rules)
            }
        };
        let Some(found) = &self.config else {
            return Ok(base);
        };
        let entry = (found.path.clone(), key);
        if !self.configured.contains_key(&entry) {
            // Checked when the file was read, against the same rules: it applies.
            let rules = found.config.apply(base).unwrap_or_else(|_| base.to_vec());
            self.configured.insert(entry.clone(), rules);
        }
        Ok(self.configured.get(&entry).map_or(&[][..], Vec::as_slice))
    }
}

/// The embedded pack for a report without `--pack`: for a 预算, `budget` (`budget-shanghai` in
/// 上海); for a 决算, its 地区's pack, else the national one (decoded once per process,
/// [`packs::embedded_rules`]), its name added to `used`.
fn default_rules(
    report: &crate::report::Report,
    used: &mut std::collections::BTreeSet<&'static str>,
) -> Result<(&'static str, &'static [Rule]), Box<Diagnostic>> {
    // A report without syntax errors has a header; one without is not checked (its syntax
    // errors are what is shown), so no pack is decoded for it.
    let Some(header) = report.header.as_ref() else {
        return Ok(("national", &[]));
    };
    let name = crate::pack::pack_for_report(header.kind, &header.region);
    // An embedded pack that does not load is a bug (the tests load every one); it must still
    // never let a report pass unchecked.
    let rules = packs::embedded_rules(name).map_err(|rendered| {
        Box::new(Diagnostic {
            related: Vec::new(),
            severity: Severity::Error,
            code: "pack/embedded-broken".into(),
            message: format!("内置规则包 `{name}` 无法加载，未检查：\n{rendered}"),
            primary: (0..0, String::new()),
            secondary: Vec::new(),
            help: None,
            note: None,
        })
    })?;
    used.insert(name);
    Ok((name, rules))
}
