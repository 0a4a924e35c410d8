//! The command line: the only code that reads files, prints, or decides the exit code.

mod check;
mod text;
mod walk;

pub(crate) use crate::workspace::{display_name, packs, read_error};

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::{render_human, Diagnostic, HumanOptions, Severity};
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
    /// 将 PDF 或其提取的文本（.txt，UTF-8 或 GB18030）导入为 .fis 报告
    Import {
        /// PDF 文件或提取的文本文件
        input: PathBuf,
        /// 写入此文件（原子写入；默认或写作 - 时输出到标准输出）
        #[arg(short, long, value_name = "OUT.fis")]
        output: Option<PathBuf>,
    },
    /// 以 JSON 输出报告的解析结果
    Dump {
        /// 报告文件（.fis、PDF 或提取的文本）
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
    /// 达到此严重程度的问题使退出码为 1（默认 error；fislint.toml 的 fail-on 可改）
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// 使用此配置文件，而不是从被检查文件所在目录向上查找 fislint.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// 不读取任何 fislint.toml
    #[arg(long)]
    no_config: bool,
    /// 允许规则包的 extends/include 引用其所在文件夹之外的文件（默认拒绝：规则包只能读取自己的文件夹）
    #[arg(long)]
    allow_pack_paths_outside: bool,
    /// 不显示基线文件中已记录的问题（只报告新问题）
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// 把当前发现的全部问题写入基线文件（原子写入），之后用 --baseline 只报告新问题
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// 与 --write-baseline 同用：目标文件已存在但不是基线文件时，仍然覆盖它（被检查的报告、配置文件和规则包无论如何都不会被覆盖）
    #[arg(long, requires = "write_baseline")]
    force: bool,
    /// 何时使用颜色（仅 human 格式；其他格式从不使用颜色）
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// 每个文件最多显示的语法错误数
    #[arg(long, default_value_t = 50)]
    max_errors: usize,
    /// 输出格式：human（人读）、short（每个问题一行，供编辑器和 Vim 快速修复列表）、json（机读，见
    /// docs/json.md）、sarif（SARIF 2.1.0，供代码扫描）、github（GitHub Actions 注释）；见 docs/formats.md
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// 输出之后按规则统计问题数（human 与 short 格式；json、sarif、github 格式忽略）
    #[arg(long)]
    statistics: bool,
    /// 只显示要紧的：不显示提示级问题（除非 --fail-on info）、导入行和汇总行
    #[arg(short, long)]
    quiet: bool,
    /// 规则包：内置包名或 YAML 文件路径（可多次指定）
    #[arg(long = "pack", value_name = "NAME|PATH")]
    packs: Vec<String>,
    /// 目录中除 *.fis 外还要检查的文件，按文件名匹配（可多次指定），如 --include '*.txt'
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// 也显示在尾数误差范围内的差异（作为提示）
    #[arg(long)]
    show_rounding: bool,
    /// 同年度的预算报告（.fis、.txt 或 .pdf）：决算中的年初预算数、“三公”经费预算数与之核对（见 docs/expressions.md “对照报告”）
    #[arg(long, value_name = "FILE")]
    budget: Option<PathBuf>,
    /// 上年度的同类报告（决算对上年决算，预算对上年预算）：“比上年增加/减少”“与上年持平”及年初结转和结余与之核对
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    /// 按报告头中的部门、种类与年度，在所检查的文件中为每份报告配对同年预算与上年报告（配对不唯一时不配对并提示）
    #[arg(long)]
    pair: bool,
    /// 使用的线程数（默认：全部 CPU 核心）：文件多时每个文件一个线程，文件少时多个线程分担一个文件的规则；输出与之无关，总按路径顺序
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
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
            // Help and version go to standard output, which may fail like any other output.
            if e.print().is_err() && code == exit::CLEAN {
                return ExitCode::from(exit::ERROR);
            }
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = Output::new(stdout.lock());
    let code = match cli.command {
        Command::Check(args) => check::check(&args, &mut out),
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
    ExitCode::from(out.finish(code))
}

/// Standard output for the commands: it remembers the first write that failed, so that the
/// commands print without checking each write and the exit code still says the output is
/// incomplete ([`Output::finish`]). After a failure, later writes are dropped.
struct Output<W: Write> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Output<W> {
    fn new(inner: W) -> Self {
        Output {
            inner,
            failed: None,
        }
    }

    fn record(&mut self, e: std::io::Error) -> std::io::Error {
        let again = std::io::Error::new(e.kind(), e.to_string());
        self.failed.get_or_insert(e);
        again
    }

    /// The exit code once everything is written: the command's own, unless writing failed,
    /// which is said on standard error and exits 2. A reader that stopped reading (`| head`,
    /// a closed pipe) is no error: nothing is said and the command's code stands, since what
    /// it checked is unchanged by who read the output.
    fn finish(mut self, code: u8) -> u8 {
        let _ = self.flush();
        match self.failed {
            None => code,
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
            Some(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: 无法写入标准输出：{}（输出不完整）",
                    text::write_reason(&e)
                );
                exit::ERROR
            }
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_some() {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() != std::io::ErrorKind::Interrupted => Err(self.record(e)),
            result => result,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed.is_some() {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) => Err(self.record(e)),
            ok => ok,
        }
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
    for (pack, compiled) in &loaded {
        let _ = writeln!(out, "{}（{} {}）", pack.title, pack.id, pack.version);
        let width = pack.rules.iter().map(|r| r.def.id.len()).max().unwrap_or(0);
        for r in &pack.rules {
            let severity = match r.severity {
                crate::pack::Severity::Error => "error",
                crate::pack::Severity::Warning => "warning",
                crate::pack::Severity::Info => "info",
            };
            let state = if r.enabled { severity } else { "off" };
            // A rule across documents runs only with its companion: said after its title.
            let needs: Vec<&str> = compiled
                .iter()
                .find(|c| c.id == r.def.id)
                .map(|c| c.companions.iter().map(|d| d.option()).collect())
                .unwrap_or_default();
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!("（需要 {}，否则不运行）", needs.join("、"))
            };
            let _ = writeln!(
                out,
                "  {:<width$}  {:<8} {}{needs}",
                r.def.id, state, r.def.title
            );
        }
    }
    exit::CLEAN
}

fn explain(id: &str, specs: &[String], out: &mut dyn Write) -> u8 {
    // Without `--pack`, a rule of any embedded pack (national, provincial or budget) is explained.
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

fn dump(file: &Path, out: &mut dyn Write) -> u8 {
    let bytes = match crate::workspace::read(file) {
        Ok(b) => b,
        Err(e) => {
            let _ = write!(std::io::stderr(), "{}", read_error(file, &e));
            return exit::ERROR;
        }
    };
    let kind = crate::lint::Kind::of(file, &bytes);
    let (text, parsed) = if kind == crate::lint::Kind::Fis {
        report::parse_bytes(&bytes)
    } else {
        // A PDF or a text: the report imported from it, as `import` would write it.
        let read = crate::lint::read_input(kind, &bytes);
        match read.imported {
            Some((imported, _)) => {
                let parsed = report::parse(&imported.source);
                (imported.source, parsed)
            }
            None => {
                let color =
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                let shown = render_human(
                    &display_name(file),
                    &read.text,
                    &read.diagnostics,
                    HumanOptions {
                        color,
                        ..HumanOptions::default()
                    },
                );
                let _ = write!(std::io::stderr(), "{shown}");
                return exit::ERROR;
            }
        }
    };
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
            render_human(
                &name,
                &text,
                &shown,
                HumanOptions {
                    color,
                    ..HumanOptions::default()
                }
            )
        );
        return exit::ERROR;
    }
    let json = report::to_json(&parsed.report, &text);
    let _ = writeln!(out, "{json:#}");
    exit::CLEAN
}
