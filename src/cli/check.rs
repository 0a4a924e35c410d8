//! `fislint check`: each file read, linted and rendered in the format asked for; the exit code
//! decided from what was found.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{
    config, display_name, exit, packs, read_error, text, walk, CheckArgs, Color, FailOn, Format,
};
use crate::diagnostics::{
    render_github, render_human, render_json, render_sarif, render_short, render_statistics,
    Diagnostic, FileDiagnostics, HumanOptions, RuleInfo, Severity, Tool,
};
use crate::lint;

/// One file's name, text and the diagnostics shown on it, kept for output at the end.
type Kept = (String, String, Vec<Diagnostic>);

/// Checks every file the paths name and prints what was found in `--format`; returns the exit
/// code (the same in every format).
pub(super) fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    // Only the human format is ever coloured.
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    if args.allow_pack_paths_outside {
        packs::allow_outside();
    }
    let rules: Vec<crate::engine::Rule> = match packs::rules(&args.packs) {
        Ok(rules) => rules,
        Err(rendered) => {
            let _ = write!(out, "{rendered}");
            return exit::ERROR;
        }
    };
    // Without `--pack`, each report gets the embedded pack of its 地区, else the national one;
    // each is loaded once.
    let mut defaults: std::collections::BTreeMap<&'static str, Vec<crate::engine::Rule>> =
        Default::default();
    let include = match include_set(&args.include) {
        Ok(set) => set,
        Err(message) => {
            let _ = writeln!(out, "{message}");
            return exit::ERROR;
        }
    };
    let files = walk::collect(&args.paths, &include);
    // `--quiet` shows whatever can fail the check, and warnings: it hides info-level findings
    // unless `--fail-on info` makes them fail it.
    let least_for = |fail_on: Severity| {
        if args.quiet {
            fail_on.min(Severity::Warning)
        } else {
            Severity::Info
        }
    };
    let human = matches!(args.format, Format::Human);
    let mut code = exit::CLEAN;
    let mut counts = [0usize; 3];
    let mut checked = 0;
    let mut broken = 0;
    let mut errors_total = 0;
    // What the formats that print at the end (json, sarif) and `--statistics` need.
    let mut kept: Vec<Kept> = Vec::new();
    let keep_text = matches!(args.format, Format::Json | Format::Sarif);
    let mut sources = Sources {
        given: (!args.packs.is_empty()).then_some(&rules[..]),
        defaults: &mut defaults,
        config: None,
        configured: Default::default(),
    };
    let lookup = match (&args.config, args.no_config) {
        (Some(path), _) => config::Lookup::Given(path.clone()),
        (None, true) => config::Lookup::Off,
        (None, false) => config::Lookup::Discover,
    };
    let mut configs = config::Configs::new(lookup, color);
    let accepted = match &args.baseline {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| read_error(path, &e).trim_end().to_string())
            .and_then(|t| {
                crate::baseline::Baseline::parse(&t)
                    .map_err(|e| format!("error: 基线文件 {} 无效：{e}", path.display()))
            }) {
            Ok(b) => Some((b, base_dir(path))),
            Err(message) => {
                let _ = writeln!(out, "{message}");
                return exit::ERROR;
            }
        },
    };
    let mut hidden = 0usize;
    // For `--write-baseline`: each checked file's key, text and diagnostics.
    let mut recorded: Vec<Kept> = Vec::new();
    let baseline_dir = args.write_baseline.as_deref().map(base_dir);
    let options = lint::Options {
        show_rounding: args.show_rounding,
        max_errors: args.max_errors,
    };
    for entry in files {
        let read = entry.and_then(|path| match lint::read_file(&path) {
            Ok(bytes) => Ok((path, bytes)),
            Err(e) => Err((path, e)),
        });
        let (path, bytes) = match read {
            Ok(ok) => ok,
            Err((path, e)) => {
                code = exit::ERROR;
                broken += 1;
                if human {
                    let _ = write!(out, "{}", read_error(&path, &e));
                } else {
                    let file = (
                        display_name(&path),
                        String::new(),
                        vec![io_diagnostic(&path, &e)],
                    );
                    let _ = write!(out, "{}", stream(args.format, &file));
                    kept.push(file);
                }
                continue;
            }
        };
        checked += 1;
        let name = display_name(&path);
        sources.config = match configs.for_file(&path) {
            Ok(found) => found,
            Err(rendered) => {
                let _ = write!(out, "{rendered}");
                return exit::ERROR;
            }
        };
        let fail_on = args
            .fail_on
            .map(FailOn::severity)
            .or_else(|| sources.config.as_ref().and_then(|f| f.config.fail_on()))
            .unwrap_or(Severity::Error);
        let mut linted = lint::lint(
            lint::Kind::of(&path, &bytes),
            &bytes,
            &mut sources,
            &options,
        );
        if let (Some((baseline, dir)), true) = (&accepted, linted.checked) {
            let key = baseline_key(&path, dir);
            let all = std::mem::take(&mut linted.diagnostics);
            let (kept, n) = baseline.filter(&key, &linted.text, all);
            linted.diagnostics = kept;
            hidden += n;
        }
        if let (Some(dir), true) = (&baseline_dir, linted.checked) {
            recorded.push((
                baseline_key(&path, dir),
                linted.text.clone(),
                linted.diagnostics.clone(),
            ));
        }
        if let (true, false, Some((encoding, form))) = (human, args.quiet, linted.imported) {
            let _ = writeln!(
                out,
                "导入 {name}（{}，{}）",
                encoding.name(),
                text::form_name(form)
            );
        }
        if linted.broken() {
            broken += 1;
            errors_total += linted.errors.max(1);
            code = exit::ERROR;
        }
        if linted.checked {
            for (total, n) in counts.iter_mut().zip(lint::counts(&linted.diagnostics)) {
                *total += n;
            }
        }
        if linted.diagnostics.iter().any(|f| f.severity >= fail_on) {
            code = code.max(exit::FINDINGS);
        }
        let shown = linted.diagnostics.len();
        linted
            .diagnostics
            .retain(|d| d.severity >= least_for(fail_on));
        if human {
            let _ = write!(
                out,
                "{}",
                render_human(
                    &name,
                    &linted.text,
                    &linted.diagnostics,
                    HumanOptions { color }
                )
            );
            if linted.errors > shown && shown > 0 {
                let hidden = linted.errors - shown;
                let _ = writeln!(
                    out,
                    "…… {name} 中另有 {hidden} 处错误未显示（--max-errors {}）\n",
                    args.max_errors
                );
            }
        }
        let file = (name, linted.text, linted.diagnostics);
        if !human {
            let _ = write!(out, "{}", stream(args.format, &file));
        }
        if keep_text || args.statistics {
            let (name, text, diagnostics) = file;
            kept.push((
                name,
                if keep_text { text } else { String::new() },
                diagnostics,
            ));
        }
    }
    if checked == 0 && broken == 0 {
        // A wrong path in a CI script must not pass as a clean check.
        let _ = writeln!(
            out,
            "error: 在给定路径下没有找到要检查的文件（*.fis，或 --include 指定的文件）"
        );
        return exit::ERROR;
    }
    if let Some(path) = &args.write_baseline {
        let files = recorded
            .iter()
            .map(|(key, text, d)| (key.as_str(), text.as_str(), d.as_slice()));
        let baseline = crate::baseline::Baseline::of(files);
        let written = match baseline.to_json() {
            Ok(json) => text::write_file(path, json.as_bytes()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(why) = written {
            let _ = writeln!(out, "error: 无法写入基线文件 {}：{why}", path.display());
            return exit::ERROR;
        }
        let _ = writeln!(
            out,
            "已写入基线 {}：{} 个问题。之后用 --baseline {} 只报告新问题。",
            path.display(),
            baseline.findings.len(),
            path.display()
        );
        // The findings are now accepted: the run that records them does not fail on them.
        return if code == exit::ERROR {
            exit::ERROR
        } else {
            exit::CLEAN
        };
    }
    let files: Vec<FileDiagnostics<'_>> = kept.iter().map(as_file).collect();
    let with_summaries = matches!(args.format, Format::Sarif);
    let infos = if with_summaries || args.statistics {
        rule_infos(&args.packs, &rules, &defaults, with_summaries)
    } else {
        Vec::new()
    };
    match args.format {
        Format::Json => {
            let _ = writeln!(out, "{}", render_json(&files));
        }
        Format::Sarif => {
            let tool = Tool {
                name: "fislint",
                version: env!("CARGO_PKG_VERSION"),
                information_uri: option_env!("CARGO_PKG_HOMEPAGE")
                    .or(option_env!("CARGO_PKG_REPOSITORY"))
                    .filter(|uri| !uri.is_empty()),
            };
            let _ = writeln!(out, "{}", render_sarif(&files, &infos, tool));
        }
        Format::Human | Format::Short | Format::Github => {}
    }
    // The count per rule follows the text formats; JSON and SARIF are one document each, and
    // GitHub's log shows the annotations, so there it is left out.
    if args.statistics && matches!(args.format, Format::Human | Format::Short) {
        let stats = render_statistics(&files, &infos);
        let gap = if human && !args.quiet && !stats.is_empty() {
            "\n"
        } else {
            ""
        };
        let _ = write!(out, "{stats}{gap}");
    }
    if human && !args.quiet {
        let mut line = summary(checked, broken, errors_total, counts);
        if hidden > 0 {
            line.push_str(&format!("（另有 {hidden} 个已记入基线的问题未显示）"));
        }
        let _ = writeln!(out, "{line}");
    }
    code
}

/// A file's output in the formats printed as the files are checked (short, github); nothing for
/// the others.
fn stream(format: Format, file: &Kept) -> String {
    let files = [as_file(file)];
    match format {
        Format::Short => render_short(&files),
        Format::Github => render_github(&files),
        Format::Human | Format::Json | Format::Sarif => String::new(),
    }
}

fn as_file(file: &Kept) -> FileDiagnostics<'_> {
    FileDiagnostics {
        name: &file.0,
        source: &file.1,
        diagnostics: &file.2,
    }
}

/// What SARIF and `--statistics` say about the rules that ran: `--pack`'s, or every embedded pack
/// a report was checked with; each rule once. The summaries are in the packs' YAML, not in the
/// compiled rules, so SARIF loads the packs again to read them.
fn rule_infos(
    specs: &[String],
    given: &[crate::engine::Rule],
    defaults: &std::collections::BTreeMap<&'static str, Vec<crate::engine::Rule>>,
    with_summaries: bool,
) -> Vec<RuleInfo> {
    let (specs, rules): (Vec<String>, Vec<&crate::engine::Rule>) = if specs.is_empty() {
        (
            defaults.keys().map(|name| name.to_string()).collect(),
            defaults.values().flatten().collect(),
        )
    } else {
        (specs.to_vec(), given.iter().collect())
    };
    let summaries = if with_summaries {
        packs::summaries(&specs)
    } else {
        Default::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    rules
        .into_iter()
        .filter(|r| seen.insert(r.id.as_str()))
        .map(|r| RuleInfo {
            id: r.id.clone(),
            title: r.title.clone(),
            summary: summaries.get(&r.id).cloned(),
            rationale: r.rationale.clone(),
            severity: r.severity,
        })
        .collect()
}

/// The `--include` patterns as one set; a malformed one is an error that names it.
fn include_set(patterns: &[String]) -> Result<globset::GlobSet, String> {
    let mut set = globset::GlobSetBuilder::new();
    for p in patterns {
        let glob = globset::Glob::new(p)
            .map_err(|e| format!("error: --include 的模式 `{p}` 无效：{e}"))?;
        set.add(glob);
    }
    set.build()
        .map_err(|e| format!("error: --include 的模式无效：{e}"))
}

/// The rules for each report: `--pack`'s, or the embedded pack of its 地区 (each loaded once).
pub(crate) struct Sources<'a> {
    /// `--pack`'s rules, when given.
    pub(crate) given: Option<&'a [crate::engine::Rule]>,
    /// The embedded packs loaded so far.
    pub(crate) defaults: &'a mut std::collections::BTreeMap<&'static str, Vec<crate::engine::Rule>>,
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
                let name = default_rules(report, self.defaults)?;
                (
                    name.into(),
                    self.defaults.get(name).map_or(&[][..], Vec::as_slice),
                )
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

/// The folder a baseline file's paths are relative to: its own.
fn base_dir(baseline: &Path) -> PathBuf {
    let absolute = std::path::absolute(baseline).unwrap_or_else(|_| baseline.to_path_buf());
    absolute
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A checked file's key in a baseline: its path relative to the baseline's folder, with `/`
/// separators, so the baseline matches whatever folder the check runs from.
fn baseline_key(file: &Path, dir: &Path) -> String {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let relative = absolute.strip_prefix(dir).unwrap_or(&absolute);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The embedded pack for a report without `--pack`: its 地区's pack, else the national one,
/// loaded and compiled once. A 预算 report has no pack yet: that is an error, not a pass.
fn default_rules(
    report: &crate::report::Report,
    cache: &mut std::collections::BTreeMap<&'static str, Vec<crate::engine::Rule>>,
) -> Result<&'static str, Box<Diagnostic>> {
    // A report without syntax errors has a header; without one, the national pack applies.
    let Some(header) = report.header.as_ref() else {
        return Ok("national");
    };
    if header.kind == crate::report::ReportKind::Budget {
        return Err(Box::new(Diagnostic {
            severity: Severity::Error,
            code: "pack/no-pack-for-kind".into(),
            message: "部门预算（预算）报告尚无适用的内置规则包，未检查".into(),
            primary: (
                header.span.start..header.span.start + "report".len(),
                "这是一份部门预算".into(),
            ),
            secondary: Vec::new(),
            help: Some("用 --pack 指定适用于部门预算的规则包".into()),
            note: None,
        }));
    }
    let name = crate::pack::pack_for_region(&header.region).unwrap_or("national");
    if !cache.contains_key(name) {
        // An embedded pack that does not load is a bug (the tests load every one); it must still
        // never let a report pass unchecked.
        let rules = packs::rules(&[name.to_string()]).map_err(|rendered| {
            Box::new(Diagnostic {
                severity: Severity::Error,
                code: "pack/embedded-broken".into(),
                message: format!("内置规则包 `{name}` 无法加载，未检查：\n{rendered}"),
                primary: (0..0, String::new()),
                secondary: Vec::new(),
                help: None,
                note: None,
            })
        })?;
        cache.insert(name, rules);
    }
    Ok(name)
}

/// A file that could not be read, as a diagnostic for machine output.
fn io_diagnostic(path: &Path, e: &std::io::Error) -> Diagnostic {
    let message = read_error(path, e)
        .trim_start_matches("error: ")
        .trim_end()
        .to_string();
    Diagnostic {
        severity: Severity::Error,
        code: "io/unreadable".into(),
        message,
        primary: (0..0, String::new()),
        secondary: Vec::new(),
        help: None,
        note: None,
    }
}

fn summary(checked: usize, broken: usize, errors: usize, counts: [usize; 3]) -> String {
    let [e, w, i] = counts;
    let findings = if e + w + i == 0 {
        "未发现问题".to_string()
    } else {
        let mut parts = Vec::new();
        for (n, word) in [(e, "错误"), (w, "警告"), (i, "提示")] {
            if n > 0 {
                parts.push(format!("{n} 个{word}"));
            }
        }
        format!("发现 {}", parts.join("、"))
    };
    let findings = if broken > 0 && e + w + i == 0 {
        String::new()
    } else {
        format!("，{findings}")
    };
    if broken == 0 {
        format!("已检查 {checked} 个文件{findings}。")
    } else if errors == 0 {
        format!("已检查 {checked} 个文件{findings}；{broken} 个路径无法读取。")
    } else {
        format!("已检查 {checked} 个文件{findings}；{broken} 个文件无法完整解析，共 {errors} 处语法错误。")
    }
}
