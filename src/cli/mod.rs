//! The command line: the only code that reads files, prints, or decides the exit code.

mod packs;
mod text;
mod walk;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::{
    render_human, render_json, Diagnostic, FileDiagnostics, HumanOptions, Severity,
};
use crate::lint;
use crate::report;

/// fislint：部门决算公开报告合规检查工具
#[derive(Debug, Parser)]
#[command(name = "fislint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告（.fis 文件或目录）
    Check(CheckArgs),
    /// 将 PDF 提取的文本（.txt，UTF-8 或 GB18030）导入为 .fis 报告
    Import {
        /// 提取的文本文件
        input: PathBuf,
        /// 写入此文件（原子写入；默认输出到标准输出）
        #[arg(short, long, value_name = "OUT.fis")]
        output: Option<PathBuf>,
    },
    /// 以 JSON 输出报告的解析结果
    Dump {
        /// 报告文件（.fis）
        file: PathBuf,
    },
    /// 规则包中的规则
    #[command(subcommand)]
    Rules(RulesCommand),
    /// 解释一条规则：检查什么、依据什么、正误示例
    Explain {
        /// 规则编号，如 t05-row-total
        rule: String,
        /// 规则包：内置包名或 YAML 文件路径（可多次指定；默认为全国通用规则包 national）
        #[arg(long = "pack", value_name = "NAME|PATH")]
        packs: Vec<String>,
    },
    /// 语言服务器（LSP，经标准输入输出），供编辑器即时显示检查结果
    Lsp,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// 列出规则
    List {
        /// 规则包：内置包名或 YAML 文件路径（可多次指定；默认为全国通用规则包 national）
        #[arg(long = "pack", value_name = "NAME|PATH")]
        packs: Vec<String>,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// 要检查的报告：.fis 文件、PDF 提取的文本（.txt 等，先导入再检查）或目录（目录中的 *.fis 会被逐一检查）
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 达到此严重程度的问题使退出码为 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// 每个文件最多显示的语法错误数
    #[arg(long, default_value_t = 50)]
    max_errors: usize,
    /// 输出格式：human（人读）或 json（机读，见 docs/json.md）
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// 规则包：内置包名或 YAML 文件路径（可多次指定）
    #[arg(long = "pack", value_name = "NAME|PATH")]
    packs: Vec<String>,
    /// 目录中除 *.fis 外还要检查的文件，按文件名匹配（可多次指定），如 --include '*.txt'
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// 也显示在尾数误差范围内的差异（作为提示）
    #[arg(long)]
    show_rounding: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Exit codes: a contract with scripts and CI.
pub mod exit {
    /// No finding reaches the failing severity.
    pub const CLEAN: u8 = 0;
    /// A finding reaches the failing severity.
    pub const FINDINGS: u8 = 1;
    /// The input or the usage is wrong: nothing could be checked properly.
    pub const ERROR: u8 = 2;
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        Command::Check(args) => check(&args, &mut out),
        Command::Import { input, output } => {
            text::import_command(&input, output.as_deref(), &mut out)
        }
        Command::Dump { file } => dump(&file, &mut out),
        Command::Rules(RulesCommand::List { packs }) => rules_list(&packs, &mut out),
        Command::Explain { rule, packs } => explain(&rule, &packs, &mut out),
        Command::Lsp => {
            // The server's writer thread writes to standard output itself.
            drop(out);
            return ExitCode::from(crate::lsp::run());
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// A path that could not be read, with the reason, said the way users read it.
pub(crate) fn read_error(path: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::IsADirectory => "这是一个目录".to_string(),
        _ => e.to_string(),
    };
    format!("error: 无法读取 {}：{why}\n", path.display())
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
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
    let mut code = exit::CLEAN;
    let mut counts = [0usize; 3];
    let mut checked = 0;
    let mut broken = 0;
    let mut errors_total = 0;
    // For `--format json`, every file's diagnostics, rendered as one document at the end.
    let mut collected: Vec<(String, String, Vec<Diagnostic>)> = Vec::new();
    let mut sources = Sources {
        given: (!args.packs.is_empty()).then_some(&rules[..]),
        defaults: &mut defaults,
    };
    let options = lint::Options {
        show_rounding: args.show_rounding,
        max_errors: args.max_errors,
    };
    for entry in files {
        let read = entry.and_then(|path| match std::fs::read(&path) {
            Ok(bytes) => Ok((path, bytes)),
            Err(e) => Err((path, e)),
        });
        let (path, bytes) = match read {
            Ok(ok) => ok,
            Err((path, e)) => {
                code = exit::ERROR;
                broken += 1;
                match args.format {
                    Format::Human => {
                        let _ = write!(out, "{}", read_error(&path, &e));
                    }
                    Format::Json => collected.push((
                        display_name(&path),
                        String::new(),
                        vec![io_diagnostic(&path, &e)],
                    )),
                }
                continue;
            }
        };
        checked += 1;
        let name = display_name(&path);
        let linted = lint::lint(
            lint::Kind::of(&path, &bytes),
            &bytes,
            &mut sources,
            &options,
        );
        if let (Format::Human, Some((encoding, form))) = (args.format, linted.imported) {
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
        if linted
            .diagnostics
            .iter()
            .any(|f| f.severity >= args.fail_on.severity())
        {
            code = code.max(exit::FINDINGS);
        }
        match args.format {
            Format::Human => {
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
                let shown = linted.diagnostics.len();
                if linted.errors > shown && shown > 0 {
                    let hidden = linted.errors - shown;
                    let _ = writeln!(
                        out,
                        "…… {name} 中另有 {hidden} 处错误未显示（--max-errors {}）\n",
                        args.max_errors
                    );
                }
            }
            Format::Json => collected.push((name, linted.text, linted.diagnostics)),
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
    match args.format {
        Format::Human => {
            let _ = writeln!(out, "{}", summary(checked, broken, errors_total, counts));
        }
        Format::Json => {
            let files: Vec<FileDiagnostics<'_>> = collected
                .iter()
                .map(|(name, source, diagnostics)| FileDiagnostics {
                    name,
                    source,
                    diagnostics,
                })
                .collect();
            let _ = writeln!(out, "{}", render_json(&files));
        }
    }
    code
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
}

impl lint::RuleSource for Sources<'_> {
    fn rules_for(
        &mut self,
        report: &crate::report::Report,
    ) -> Result<&[crate::engine::Rule], Box<Diagnostic>> {
        if let Some(given) = self.given {
            return Ok(given);
        }
        let name = default_rules(report, self.defaults)?;
        Ok(self.defaults.get(name).map_or(&[][..], Vec::as_slice))
    }
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

/// The packs a command names, or the national pack when it names none.
fn or_national(specs: &[String]) -> Vec<String> {
    if specs.is_empty() {
        vec!["national".to_string()]
    } else {
        specs.to_vec()
    }
}

fn rules_list(specs: &[String], out: &mut dyn Write) -> u8 {
    let loaded = match packs::load(&or_national(specs)) {
        Ok(l) => l,
        Err(rendered) => {
            let _ = write!(out, "{rendered}");
            return exit::ERROR;
        }
    };
    for (pack, _) in &loaded {
        let _ = writeln!(out, "{}（{} {}）", pack.title, pack.id, pack.version);
        let width = pack.rules.iter().map(|r| r.def.id.len()).max().unwrap_or(0);
        for r in &pack.rules {
            let severity = match r.severity {
                crate::pack::Severity::Error => "error",
                crate::pack::Severity::Warning => "warning",
                crate::pack::Severity::Info => "info",
            };
            let state = if r.enabled { severity } else { "off" };
            let _ = writeln!(out, "  {:<width$}  {:<8} {}", r.def.id, state, r.def.title);
        }
    }
    exit::CLEAN
}

fn explain(id: &str, specs: &[String], out: &mut dyn Write) -> u8 {
    // Without `--pack`, a rule of any embedded pack (national or provincial) is explained.
    let specs = if specs.is_empty() {
        crate::pack::embedded_packs().map(String::from).collect()
    } else {
        specs.to_vec()
    };
    let loaded = match packs::load(&specs) {
        Ok(l) => l,
        Err(rendered) => {
            let _ = write!(out, "{rendered}");
            return exit::ERROR;
        }
    };
    let Some(rule) = loaded.iter().find_map(|(p, _)| p.rule(id)) else {
        let _ = writeln!(
            out,
            "error: 没有编号为 `{id}` 的规则（用 `fislint rules list --pack …` 查看所有规则）"
        );
        return exit::ERROR;
    };
    let d = &rule.def;
    let severity = match rule.severity {
        crate::pack::Severity::Error => "错误",
        crate::pack::Severity::Warning => "警告",
        crate::pack::Severity::Info => "提示",
    };
    let state = if rule.enabled { severity } else { "已关闭" };
    let _ = writeln!(out, "{}：{}\n", d.id, d.title);
    let _ = writeln!(out, "严重程度：{state}    规则包：{}\n", d.pack);
    let _ = writeln!(out, "检查什么\n  {}\n", d.summary.trim());
    let _ = writeln!(out, "依据\n  {}\n", d.rationale.trim());
    let indent = |t: &str| {
        t.trim_end()
            .lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = writeln!(out, "错误示例\n{}\n", indent(&d.examples.bad));
    let _ = writeln!(out, "正确示例\n{}", indent(&d.examples.good));
    exit::CLEAN
}

/// The path as given, with `/` separators, for stable output across platforms.
pub(crate) fn display_name(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./")
        .map(str::to_string)
        .unwrap_or(s)
        .replace('\\', "/")
}

fn dump(file: &Path, out: &mut dyn Write) -> u8 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            let _ = write!(std::io::stderr(), "{}", read_error(file, &e));
            return exit::ERROR;
        }
    };
    let (text, parsed) = report::parse_bytes(&bytes);
    if !parsed.errors.is_empty() {
        let name = display_name(file);
        let shown: Vec<Diagnostic> = parsed
            .errors
            .iter()
            .take(50)
            .map(Diagnostic::from)
            .collect();
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let _ = write!(
            std::io::stderr(),
            "{}",
            render_human(&name, &text, &shown, HumanOptions { color })
        );
        return exit::ERROR;
    }
    let json = report::to_json(&parsed.report, &text);
    let pretty = serde_json::to_string_pretty(&json).expect("JSON values always serialize");
    let _ = writeln!(out, "{pretty}");
    exit::CLEAN
}
