//! `fislint check`: each file read, linted and rendered in the format asked for; the exit code
//! decided from what was found.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{display_name, exit, packs, read_error, text, walk, CheckArgs, Color, FailOn, Format};
use crate::workspace::{config, Sources};
use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{
    json_part, path_uri, render_github, render_human, render_short, render_statistics, sarif_part,
    Diagnostic, FileDiagnostics, HumanOptions, JsonPart, JsonWriter, RuleInfo, SarifPart,
    SarifWriter, Severity, Tool,
};
use crate::engine::Rule;
use crate::expr::Doc;
use crate::lint;
use crate::workspace::companions::{self, Paired};

/// Checks every file the paths name and prints what was found in `--format`; returns the exit
/// code (the same in every format).
///
/// The files are checked on `--jobs` threads (all cores by default) and printed in the order of
/// the paths, each as soon as those before it are: the output does not depend on the number of
/// jobs. JSON and SARIF are one document each, written as the files are printed too (opening,
/// each file's findings, closing). Of a checked file only its printed text is kept until it is
/// printed, and for `--write-baseline` its baseline entries, never its text, so memory stays
/// flat as the number of files grows.
pub(super) fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let started = std::time::Instant::now();
    // Only the human format is ever coloured.
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    if args.allow_pack_paths_outside {
        packs::allow_outside();
    }
    let rules: Vec<Rule> = match packs::rules(&args.packs) {
        Ok(rules) => rules,
        Err(rendered) => {
            let _ = write!(out, "{rendered}");
            return exit::ERROR;
        }
    };
    let include = match include_set(&args.include) {
        Ok(set) => set,
        Err(message) => {
            let _ = writeln!(out, "{message}");
            return exit::ERROR;
        }
    };
    let accepted = match &args.baseline {
        None => None,
        // Bounded, as every file fislint reads: `--baseline /dev/zero` is refused at the limit.
        Some(path) => match crate::workspace::read_to_string(path)
            .map_err(|e| read_error(path, &e).trim_end().to_string())
            .and_then(|t| {
                crate::baseline::Baseline::parse(&t)
                    .map_err(|e| format!("error: 基线文件 {} 无效：{e}", path.display()))
            }) {
            Ok(b) => Some((b.index(), base_dir(path))),
            Err(message) => {
                let _ = writeln!(out, "{message}");
                return exit::ERROR;
            }
        },
    };
    // Companions named on the command line: read once, before any file; one that cannot be
    // read stops the check (exit 2), naming it.
    let mut companions = Vec::new();
    for (doc, path) in [(Doc::Budget, &args.budget), (Doc::Previous, &args.previous)] {
        if let Some(path) = path {
            match crate::workspace::companions::load(doc, path) {
                Ok(c) => companions.push(c),
                Err(message) => {
                    let _ = write!(out, "{message}");
                    return exit::ERROR;
                }
            }
        }
    }
    let walk::Collected { files, skipped } = walk::collect(&args.paths, &include);
    let pairs = pairing(args, &files);
    if !args.quiet {
        for pdf in &skipped {
            eprintln_note(&format!(
                "未检查 {}：同一目录下有同名的 .fis（它导入后的报告），检查的是 .fis",
                super::display_name(pdf)
            ));
        }
    }
    if let Some(target) = &args.write_baseline {
        if let Err(message) = baseline_target(target, &files, args) {
            let _ = writeln!(out, "{message}");
            return exit::ERROR;
        }
    }
    // Without `--pack`, a report gets the embedded pack of its kind and 地区: decode the one the first file
    // names on another core while that file is read and parsed.
    if args.packs.is_empty() {
        // Only a regular file is read twice: a pipe (`<(…)`) gives its bytes once, to the check.
        let first = files.first().and_then(|f| f.as_ref().ok());
        let regular = first.filter(|path| std::fs::metadata(path).is_ok_and(|m| m.is_file()));
        let hinted = regular.and_then(|path| {
            let mut head = Vec::with_capacity(HEAD);
            let file = std::fs::File::open(path).ok()?;
            std::io::Read::read_to_end(&mut std::io::Read::take(file, HEAD as u64), &mut head)
                .ok()?;
            lint::pack_hint(lint::Kind::of(path, &head), &head)
        });
        packs::prefetch(hinted.unwrap_or("national"));
    }
    let cores = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    // One thread per file while there are more files than cores; the cores left over help
    // check a file (one file, in an editor's or a hook's run, is checked on all of them).
    let jobs = cores.clamp(1, files.len().max(1));
    let plan = Plan {
        args,
        color,
        human: matches!(args.format, Format::Human),
        given: (!args.packs.is_empty()).then_some(&rules[..]),
        accepted: accepted.as_ref(),
        baseline_dir: args.write_baseline.as_deref().map(base_dir),
        options: lint::Options {
            show_rounding: args.show_rounding,
            max_errors: args.max_errors,
            threads: cores / jobs,
            companions,
            loose: Vec::new(),
        },
        pairs,
    };
    let mut totals = Totals {
        document: Document::new(args, plan.given),
        ..Totals::default()
    };
    let used = run(&plan, files, jobs, |done| totals.add(done, out));
    if let Some(message) = totals.fatal.take() {
        // A document begun is left unfinished: the check stopped (exit 2).
        let gap = if totals.document.opened() { "\n" } else { "" };
        let _ = write!(out, "{gap}{message}");
        return exit::ERROR;
    }
    let Totals {
        seen,
        code,
        counts,
        checked,
        broken,
        errors_total,
        hidden,
        document,
        stats,
        baseline,
        skipped: not_run,
        ..
    } = totals;
    if checked == 0 && broken == 0 {
        // A wrong path in a CI script must not pass as a clean check.
        let _ = writeln!(
            out,
            "error: 在给定路径下没有找到要检查的文件（*.fis，或 --include 指定的文件）"
        );
        return exit::ERROR;
    }
    if let Some(path) = &args.write_baseline {
        let baseline = crate::baseline::Baseline::from_entries(baseline);
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
    // The embedded packs the reports were checked with, for SARIF's rules and the statistics.
    let mut defaults: BTreeMap<&'static str, &'static [Rule]> = BTreeMap::new();
    for name in used {
        if let Ok(rules) = packs::embedded_rules(name) {
            defaults.insert(name, rules);
        }
    }
    let with_summaries = matches!(args.format, Format::Sarif);
    let infos = if with_summaries || args.statistics {
        rule_infos(&args.packs, &rules, &defaults, with_summaries)
    } else {
        Vec::new()
    };
    match document {
        Document::Json(writer) => {
            let _ = writeln!(out, "{}", writer.finish());
        }
        Document::Sarif(writer, _) => {
            let tool = Tool {
                name: "fislint",
                version: env!("CARGO_PKG_VERSION"),
                information_uri: option_env!("CARGO_PKG_HOMEPAGE")
                    .or(option_env!("CARGO_PKG_REPOSITORY"))
                    .filter(|uri| !uri.is_empty()),
            };
            let _ = writeln!(out, "{}", writer.finish(&infos, tool));
        }
        Document::None => {}
    }
    // The count per rule follows the text formats; JSON and SARIF are one document each, and
    // GitHub's log shows the annotations, so there it is left out.
    if counted(args) {
        let files: Vec<FileDiagnostics<'_>> = stats
            .iter()
            .map(|(name, diagnostics)| FileDiagnostics {
                name,
                source: "",
                diagnostics,
                pages: None,
            })
            .collect();
        let mut rendered = render_statistics(&files, &infos);
        rendered.push_str(&render_skipped(&not_run, &infos));
        let gap = if plan.human && !args.quiet && !rendered.is_empty() {
            "\n"
        } else {
            ""
        };
        let _ = write!(out, "{rendered}{gap}");
    }
    if plan.human && !args.quiet {
        let mut line = summary(checked, broken, errors_total, counts);
        if hidden > 0 {
            line.push_str(&format!("（另有 {hidden} 个已记入基线的问题未显示）"));
        }
        // A batch says how long it took; one file's check is over before it could matter (and
        // its output stays the same from run to run).
        if seen > 1 {
            line.push_str(&elapsed(started.elapsed(), seen));
        }
        let _ = writeln!(out, "{line}");
    }
    code
}

/// The rules not run because a companion report they read was not given, after the count per
/// rule: `未运行（缺少对照报告）：` and a line per rule with the options that would run it.
fn render_skipped(
    skipped: &BTreeMap<String, std::collections::BTreeSet<Doc>>,
    rules: &[RuleInfo],
) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let width = skipped.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    let mut out = String::from("未运行的规则（缺少对照报告）：\n");
    for (id, docs) in skipped {
        let options: Vec<&str> = docs.iter().map(|d| d.option()).collect();
        let title = rules.iter().find(|r| r.id == *id).map_or("", |r| &r.title);
        let line = format!("  {id:<width$}  需要 {}  {title}", options.join("、"));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `用时 1.24 秒（每秒 806 个文件）。`, said after a batch's summary.
/// A note on standard error, where it does not mix with a machine format on standard output.
fn eprintln_note(message: &str) {
    let _ = writeln!(std::io::stderr(), "note: {message}");
}

fn elapsed(took: std::time::Duration, files: usize) -> String {
    let seconds = took.as_secs_f64().max(1e-6);
    // A rate, for the person reading; never a figure that is compared or stored.
    let rate = (files as f64 / seconds).round();
    format!("用时 {seconds:.2} 秒（每秒 {rate} 个文件）。")
}

/// What every worker reads and none changes: the command line and what was read before the
/// files.
struct Plan<'a> {
    args: &'a CheckArgs,
    color: bool,
    human: bool,
    /// `--pack`'s rules, when given.
    given: Option<&'a [Rule]>,
    /// `--baseline`'s findings and the folder its paths are relative to.
    accepted: Option<&'a (crate::baseline::Index, PathBuf)>,
    /// `--write-baseline`'s folder.
    baseline_dir: Option<PathBuf>,
    options: lint::Options,
    /// `--pair` (or a configuration's `pair = true`): each file's companions among the files.
    pairs: HashMap<PathBuf, Paired>,
}

/// The companions of each file found among the files checked, when `--pair` or the file's
/// configuration asks for pairing; empty otherwise. Headers are read for the files whose
/// configuration pairs only (a PDF's header costs its import).
fn pairing(args: &CheckArgs, files: &[walk::Entry]) -> HashMap<PathBuf, Paired> {
    let lookup = match (&args.config, args.no_config) {
        (Some(path), _) => config::Lookup::Given(path.clone()),
        (None, true) => config::Lookup::Off,
        (None, false) => config::Lookup::Discover,
    };
    let mut configs = config::Configs::new(lookup, false);
    let headers: Vec<(PathBuf, crate::report::Header)> = files
        .iter()
        .filter_map(|f| f.as_ref().ok())
        .filter(|path| {
            args.pair
                || configs
                    .for_file(path)
                    .ok()
                    .flatten()
                    .is_some_and(|f| f.config.pair)
        })
        .filter_map(|path| Some((path.clone(), companions::header_of(path)?)))
        .collect();
    if headers.is_empty() {
        return HashMap::new();
    }
    companions::pair(&headers)
}

/// One worker's caches, kept from file to file: the embedded packs it loaded, configurations by
/// folder, rules as each configuration settles them.
struct Worker {
    defaults: std::collections::BTreeSet<&'static str>,
    configs: config::Configs,
    configured: HashMap<(PathBuf, String), Vec<Rule>>,
    companions: companions::Cache,
}

impl Worker {
    fn new(plan: &Plan<'_>) -> Self {
        let lookup = match (&plan.args.config, plan.args.no_config) {
            (Some(path), _) => config::Lookup::Given(path.clone()),
            (None, true) => config::Lookup::Off,
            (None, false) => config::Lookup::Discover,
        };
        Worker {
            defaults: Default::default(),
            configs: config::Configs::new(lookup, plan.color),
            configured: HashMap::new(),
            companions: companions::Cache::default(),
        }
    }
}

/// What checking one path gave, for the printing thread to print and count in order.
#[derive(Default)]
struct Done {
    /// Its output in the formats printed file by file (human, short, github).
    printed: String,
    /// A configuration that cannot be used, rendered: the check stops there (exit 2).
    fatal: Option<String>,
    /// Whether the path was read (else it counts as broken).
    read: bool,
    /// Whether it did not decode or parse, or no rules applied; with its error count.
    broken: bool,
    errors: usize,
    /// Findings by severity, when the rules ran.
    counts: [usize; 3],
    /// Whether a finding reaches the severity that fails the check.
    fails: bool,
    /// Findings left out because the baseline has them.
    hidden: usize,
    /// Its JSON findings or SARIF results, printed with it into the document.
    machine: Machine,
    /// The embedded packs it was checked with (SARIF numbers their rules).
    packs: std::collections::BTreeSet<&'static str>,
    /// Its name and shown findings, for `--statistics`.
    stats: Option<(String, Vec<Diagnostic>)>,
    /// Its entries, for `--write-baseline`.
    baseline: Vec<crate::baseline::Entry>,
    /// The rules not run for want of a companion report, for `--statistics`.
    skipped: Vec<(String, Vec<Doc>)>,
}

/// What the printing thread adds up from the files, in order.
#[derive(Default)]
struct Totals {
    /// Paths printed, read or not.
    seen: usize,
    code: u8,
    counts: [usize; 3],
    checked: usize,
    broken: usize,
    errors_total: usize,
    hidden: usize,
    fatal: Option<String>,
    /// The JSON or SARIF document being written.
    document: Document,
    stats: Vec<(String, Vec<Diagnostic>)>,
    baseline: Vec<crate::baseline::Entry>,
    /// Rules not run for want of a companion, with the companions they lacked, over all files.
    skipped: BTreeMap<String, std::collections::BTreeSet<Doc>>,
}

impl Totals {
    /// Prints one file's output and counts it; false once the check must stop.
    fn add(&mut self, done: Done, out: &mut dyn Write) -> bool {
        if let Some(fatal) = done.fatal {
            self.fatal = Some(fatal);
            return false;
        }
        let _ = out.write_all(done.printed.as_bytes());
        let _ = out.write_all(self.document.part(&done).as_bytes());
        self.seen += 1;
        if done.read {
            self.checked += 1;
        }
        if done.broken {
            self.broken += 1;
            self.errors_total += done.errors;
            self.code = exit::ERROR;
        }
        for (total, n) in self.counts.iter_mut().zip(done.counts) {
            *total += n;
        }
        if done.fails {
            self.code = self.code.max(exit::FINDINGS);
        }
        self.hidden += done.hidden;
        self.stats.extend(done.stats);
        self.baseline.extend(done.baseline);
        for (rule, docs) in done.skipped {
            self.skipped.entry(rule).or_default().extend(docs);
        }
        true
    }
}

/// A file's findings in the JSON or SARIF document, written out by the worker that checked it.
#[derive(Default)]
enum Machine {
    #[default]
    None,
    Json(JsonPart),
    Sarif(SarifPart),
}

/// The JSON or SARIF document, written as the files are printed, in constant memory: nothing of
/// a file is kept once it is printed (the SARIF writer keeps the rule ids it numbered, and here
/// the embedded packs whose rules it was given).
#[derive(Default)]
enum Document {
    /// Another format, or `--write-baseline` (which prints its summary instead).
    #[default]
    None,
    Json(JsonWriter),
    Sarif(SarifWriter, std::collections::BTreeSet<&'static str>),
}

impl Document {
    fn new(args: &CheckArgs, given: Option<&[Rule]>) -> Self {
        if args.write_baseline.is_some() {
            return Document::None;
        }
        match args.format {
            Format::Json => Document::Json(JsonWriter::default()),
            Format::Sarif => {
                let mut writer = SarifWriter::default();
                // `--pack`'s rules are numbered first, in order; else each embedded pack's as
                // the first report checked with it is printed.
                writer.rules(given.unwrap_or_default().iter().map(|r| r.id.as_str()));
                Document::Sarif(writer, Default::default())
            }
            Format::Human | Format::Short | Format::Github => Document::None,
        }
    }

    /// The piece of the document a file adds (with the document's opening, for the first).
    fn part(&mut self, done: &Done) -> String {
        match (self, &done.machine) {
            (Document::Json(writer), Machine::Json(part)) => writer.part(part),
            (Document::Sarif(writer, met), Machine::Sarif(part)) => {
                for &name in &done.packs {
                    if met.insert(name) {
                        if let Ok(rules) = packs::embedded_rules(name) {
                            writer.rules(rules.iter().map(|r| r.id.as_str()));
                        }
                    }
                }
                writer.part(part)
            }
            _ => String::new(),
        }
    }

    fn opened(&self) -> bool {
        match self {
            Document::Json(writer) => writer.opened(),
            Document::Sarif(writer, _) => writer.opened(),
            Document::None => false,
        }
    }
}

/// How much of the first file is read to tell which pack to prepare: its header, or the title of
/// extracted text, is in its first lines.
const HEAD: usize = 4096;

/// Checks `files` on `jobs` threads, handing each file's [`Done`] to `print` in the order of
/// `files`; returns the embedded packs used. At most a few files per job are checked ahead of
/// the one being printed, so a slow file holds back little memory. `print` returning false
/// stops the check (no further file is started).
fn run(
    plan: &Plan<'_>,
    files: Vec<walk::Entry>,
    jobs: usize,
    mut print: impl FnMut(Done) -> bool,
) -> std::collections::BTreeSet<&'static str> {
    if jobs <= 1 {
        return serial(plan, files, &mut print);
    }
    let mut used = std::collections::BTreeSet::new();
    let window = jobs * 4;
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<(usize, walk::Entry)>();
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<(usize, Done)>();
    std::thread::scope(|scope| {
        let mut workers = Vec::new();
        for _ in 0..jobs {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut worker = Worker::new(plan);
                for (i, entry) in job_rx {
                    if done_tx
                        .send((i, check_one(plan, &mut worker, entry)))
                        .is_err()
                    {
                        break;
                    }
                }
                worker.defaults
            });
            // The system gives no more threads (a process limit, `ulimit -u`): the workers
            // started so far check every file, and with none, this thread does.
            let Ok(handle) = spawned else { break };
            workers.push(handle);
        }
        if workers.is_empty() {
            used = serial(plan, files, &mut print);
            return;
        }
        drop(done_tx);
        let total = files.len();
        let mut files = files.into_iter().enumerate();
        for job in files.by_ref().take(window) {
            let _ = job_tx.send(job);
        }
        let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next = 0;
        'printing: while next < total {
            let Ok((i, done)) = done_rx.recv() else {
                break;
            };
            pending.insert(i, done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                if !print(done) {
                    break 'printing;
                }
                if let Some(job) = files.next() {
                    let _ = job_tx.send(job);
                }
            }
        }
        // Whatever is still queued is dropped; the workers finish the file in hand and stop.
        drop(job_tx);
        while job_rx.try_recv().is_ok() {}
        for worker in workers {
            if let Ok(names) = worker.join() {
                used.extend(names);
            }
        }
    });
    used
}

/// [`run`] on the calling thread alone.
fn serial(
    plan: &Plan<'_>,
    files: Vec<walk::Entry>,
    print: &mut impl FnMut(Done) -> bool,
) -> std::collections::BTreeSet<&'static str> {
    let mut worker = Worker::new(plan);
    for entry in files {
        if !print(check_one(plan, &mut worker, entry)) {
            break;
        }
    }
    worker.defaults
}

/// Reads, lints and renders one path.
fn check_one(plan: &Plan<'_>, worker: &mut Worker, entry: walk::Entry) -> Done {
    let args = plan.args;
    let read = entry.and_then(|path| match crate::workspace::read(&path) {
        Ok(bytes) => Ok((path, bytes)),
        Err(e) => Err((path, e)),
    });
    let (path, bytes) = match read {
        Ok(ok) => ok,
        Err((path, e)) => {
            let mut done = Done {
                broken: true,
                ..Done::default()
            };
            if plan.human {
                done.printed = read_error(&path, &e);
            } else {
                let name = display_name(&path);
                let diagnostics = vec![io_diagnostic(&path, &e)];
                let file = FileDiagnostics {
                    name: &name,
                    source: "",
                    diagnostics: &diagnostics,
                    pages: None,
                };
                done.printed = stream(args.format, &file);
                done.machine = machine(args, &file, &path);
                done.stats = counted(args).then(|| (name.clone(), diagnostics.clone()));
            }
            return done;
        }
    };
    let name = display_name(&path);
    let config = match worker.configs.for_file(&path) {
        Ok(found) => found,
        Err(rendered) => {
            return Done {
                fatal: Some(rendered),
                ..Done::default()
            }
        }
    };
    let fail_on = args
        .fail_on
        .map(FailOn::severity)
        .or_else(|| config.as_ref().and_then(|f| f.config.fail_on()))
        .unwrap_or(Severity::Error);
    // Companions: the command line's, else the configuration's, else those pairing found.
    let mut options = plan.options.clone();
    let mut notes = Vec::new();
    let paired = plan.pairs.get(&path);
    if let Some(p) = paired {
        notes.extend(p.notes.iter().cloned());
    }
    for doc in [Doc::Budget, Doc::Previous] {
        if options.companions.iter().any(|c| c.doc == doc) {
            continue;
        }
        let configured = config.as_ref().and_then(|f| match doc {
            Doc::Budget => f.budget.clone(),
            Doc::Previous => f.previous.clone(),
        });
        let found = paired.and_then(|p| match doc {
            Doc::Budget => p.budget.clone(),
            Doc::Previous => p.previous.clone(),
        });
        let Some(at) = configured.or(found) else {
            continue;
        };
        // A configuration above the years' folders names a report it also checks.
        if crate::workspace::real_path(&at) == crate::workspace::real_path(&path) {
            continue;
        }
        match worker.companions.get(doc, &at) {
            Ok(c) => {
                options.companions.push(c);
                options.loose.push(doc);
            }
            Err(message) => {
                return Done {
                    printed: message,
                    broken: true,
                    errors: 1,
                    ..Done::default()
                };
            }
        }
    }
    let mut packs = std::collections::BTreeSet::new();
    let mut sources = Sources {
        given: plan.given,
        defaults: &mut packs,
        config,
        configured: std::mem::take(&mut worker.configured),
    };
    let mut linted = lint::lint(
        lint::Kind::of(&path, &bytes),
        &bytes,
        &mut sources,
        &options,
    );
    worker.configured = sources.configured;
    // A pairing not made is said, as a note on the file.
    for note in notes {
        linted.diagnostics.push(Diagnostic {
            related: Vec::new(),
            severity: Severity::Info,
            code: "companion/ambiguous".into(),
            message: note,
            primary: (0..0, String::new()),
            secondary: Vec::new(),
            help: None,
            note: None,
        });
    }
    crate::diagnostics::sort(&mut linted.diagnostics);
    worker.defaults.extend(&packs);
    drop(bytes);
    let mut done = Done {
        read: true,
        packs,
        ..Done::default()
    };
    if let (Some((baseline, dir)), true) = (plan.accepted, linted.checked) {
        let key = baseline_key(&path, dir);
        let all = std::mem::take(&mut linted.diagnostics);
        let (kept, n) = baseline.filter(&key, &linted.text, all);
        linted.diagnostics = kept;
        done.hidden = n;
    }
    if let (Some(dir), true) = (&plan.baseline_dir, linted.checked) {
        let key = baseline_key(&path, dir);
        done.baseline = crate::baseline::Baseline::entries(&key, &linted.text, &linted.diagnostics);
    }
    if let (true, false, Some(origin)) = (plan.human, args.quiet, linted.imported) {
        let read = linted
            .read
            .map(|r| format!("：{}", r.describe()))
            .unwrap_or_default();
        done.printed = format!("导入 {name}（{}）{read}\n", origin.describe());
    }
    if linted.broken() {
        done.broken = true;
        done.errors = linted.errors.max(1);
    }
    if linted.checked {
        done.counts = lint::counts(&linted.diagnostics);
    }
    done.fails = linted.diagnostics.iter().any(|f| f.severity >= fail_on);
    done.skipped = std::mem::take(&mut linted.skipped);
    let shown = linted.diagnostics.len();
    // `--quiet` shows whatever can fail the check, and warnings: it hides info-level findings
    // unless `--fail-on info` makes them fail it.
    let least = if args.quiet {
        fail_on.min(Severity::Warning)
    } else {
        Severity::Info
    };
    linted.diagnostics.retain(|d| d.severity >= least);
    let file = FileDiagnostics {
        name: &name,
        source: &linted.text,
        diagnostics: &linted.diagnostics,
        pages: linted.pages.as_ref(),
    };
    if plan.human {
        let options = HumanOptions {
            color: plan.color,
            threads: plan.options.threads,
            pages: linted.pages.as_ref(),
        };
        done.printed.push_str(&render_human(
            &name,
            &linted.text,
            &linted.diagnostics,
            options,
        ));
        if linted.errors > shown && shown > 0 {
            let hidden = linted.errors - shown;
            done.printed.push_str(&format!(
                "…… {name} 中另有 {hidden} 处错误未显示（--max-errors {}）\n\n",
                args.max_errors
            ));
        }
    } else {
        done.printed.push_str(&stream(args.format, &file));
    }
    done.machine = machine(args, &file, &path);
    if counted(args) {
        done.stats = Some((name, linted.diagnostics));
    }
    done
}

/// Whether `--statistics` prints the count per rule: after the text formats only. JSON and SARIF
/// are one document each, and GitHub's log shows the annotations; there the findings are not
/// kept for it either, which would make memory grow with the number of files.
fn counted(args: &CheckArgs) -> bool {
    args.statistics && matches!(args.format, Format::Human | Format::Short)
}

/// A file's part of the JSON or SARIF document, written out here, on the worker's thread
/// (none with `--write-baseline`, which prints no document).
fn machine(args: &CheckArgs, file: &FileDiagnostics<'_>, path: &Path) -> Machine {
    if args.write_baseline.is_some() {
        return Machine::None;
    }
    match args.format {
        Format::Json => Machine::Json(json_part(file)),
        Format::Sarif => Machine::Sarif(sarif_part(file, &path_uri(path))),
        Format::Human | Format::Short | Format::Github => Machine::None,
    }
}

/// A file's output in the formats printed as the files are checked (short, github); nothing for
/// the others.
fn stream(format: Format, file: &FileDiagnostics<'_>) -> String {
    let files = std::slice::from_ref(file);
    match format {
        Format::Short => render_short(files),
        Format::Github => render_github(files),
        Format::Human | Format::Json | Format::Sarif => String::new(),
    }
}

/// What SARIF and `--statistics` say about the rules that ran: `--pack`'s, or every embedded pack
/// a report was checked with; each rule once. The summaries are in the packs' YAML, not in the
/// compiled rules, so SARIF loads the packs again to read them.
fn rule_infos(
    specs: &[String],
    given: &[crate::engine::Rule],
    defaults: &BTreeMap<&'static str, &'static [Rule]>,
    with_summaries: bool,
) -> Vec<RuleInfo> {
    let (specs, rules): (Vec<String>, Vec<&crate::engine::Rule>) = if specs.is_empty() {
        (
            defaults.keys().map(|name| name.to_string()).collect(),
            defaults.values().flat_map(|rules| rules.iter()).collect(),
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

/// Whether `--write-baseline` may write to `target`; the error says why not. It never replaces
/// a file the run reads (a checked report, the configuration, a `--pack` file), however it is
/// named (`./a.fis`, a link to it); and it replaces an existing file only if that is a baseline,
/// or with `--force`. Said before anything is checked, so nothing is written.
fn baseline_target(target: &Path, files: &[walk::Entry], args: &CheckArgs) -> Result<(), String> {
    let shown = target.display();
    // What the write would replace: the file at the end of any links.
    let resolved = text::follow_links(target).unwrap_or_else(|_| target.to_path_buf());
    let Ok(meta) = std::fs::metadata(&resolved) else {
        // Nothing there yet: nothing the run reads (it reads only files that exist).
        return Ok(());
    };
    let is = |other: &Path| text::same_file(&resolved, other);
    for path in files.iter().filter_map(|f| f.as_ref().ok()) {
        if is(path) {
            return Err(format!(
                "error: 基线文件 {shown} 就是要检查的报告 {}，未写入（以免覆盖报告）",
                path.display()
            ));
        }
    }
    let config = match (&args.config, args.no_config) {
        (Some(given), _) => is(given).then(|| given.clone()),
        (None, true) => None,
        // A configuration found by walking up from a checked file's folder.
        (None, false) => std::fs::canonicalize(&resolved).ok().filter(|c| {
            c.file_name() == Some(std::ffi::OsStr::new(crate::config::FILE_NAME))
                && c.parent().is_some_and(|dir| {
                    files
                        .iter()
                        .filter_map(|f| f.as_ref().ok())
                        .any(|f| std::fs::canonicalize(f).is_ok_and(|f| f.starts_with(dir)))
                })
        }),
    };
    if config.is_some() {
        return Err(format!(
            "error: 基线文件 {shown} 是本次检查使用的配置文件，未写入（以免覆盖配置）"
        ));
    }
    if let Some(spec) = args.packs.iter().find(|spec| is(Path::new(spec))) {
        return Err(format!(
            "error: 基线文件 {shown} 是规则包 {spec}，未写入（以免覆盖规则包）"
        ));
    }
    if let Some(companion) = [&args.budget, &args.previous]
        .into_iter()
        .flatten()
        .find(|p| is(p))
    {
        return Err(format!(
            "error: 基线文件 {shown} 是对照报告 {}，未写入（以免覆盖报告）",
            companion.display()
        ));
    }
    // A device or a pipe (`/dev/stdout`) is written to, not replaced.
    if meta.is_file() && !args.force {
        let parsed = crate::workspace::read(&resolved)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                crate::baseline::Baseline::parse(&text)
            });
        if parsed.is_err() {
            return Err(format!(
                "error: {shown} 已存在，且不是基线文件，未写入（确要覆盖它，请加 --force）"
            ));
        }
    }
    Ok(())
}

/// The folder a baseline file's paths are relative to: its own, as the system resolves it
/// (`../fislint-baseline.json` from `reports/` is the folder above `reports`, not
/// `reports/..`).
fn base_dir(baseline: &Path) -> PathBuf {
    let resolved = resolved(baseline);
    resolved
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A checked file's key in a baseline: its path relative to the baseline's folder, with `/`
/// separators, so the baseline matches whatever folder the check runs from. A file outside that
/// folder is reached with `..`.
fn baseline_key(file: &Path, dir: &Path) -> String {
    let file = resolved(file);
    let relative = relative_to(&file, dir).unwrap_or(file);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The path made absolute, its folder as the system resolves it (links and `..` followed) when
/// the folder exists, else with `.` and `..` taken lexically; the file's own name kept (a link
/// to a report is known by its own name).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let lexical = normalise(&absolute);
    let (Some(dir), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return lexical;
    };
    match std::fs::canonicalize(dir) {
        Ok(dir) => dir.join(name),
        Err(_) => lexical,
    }
}

/// The path with `.` left out and each `..` taking away the name before it.
fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to the folder `dir` (both absolute and normalised), with `..` where `path`
/// is not under it; None when they share no root (two drives on Windows).
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    let mut a = path.components().peekable();
    let mut b = dir.components().peekable();
    if a.peek() != b.peek() {
        return None;
    }
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        if x != y {
            break;
        }
        a.next();
        b.next();
    }
    let mut out: PathBuf = b.map(|_| std::path::Component::ParentDir).collect();
    out.extend(a);
    Some(out)
}

/// A file that could not be read, as a diagnostic for machine output.
fn io_diagnostic(path: &Path, e: &std::io::Error) -> Diagnostic {
    let message = read_error(path, e)
        .trim_start_matches("error: ")
        .trim_end()
        .to_string();
    Diagnostic {
        related: Vec::new(),
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
