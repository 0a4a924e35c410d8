//! One report linted, from its bytes to the diagnostics shown on it: what the command line does
//! for each file and the language server for each open document, in one place and without IO.
//!
//! A `.fis` report is parsed; any other text is decoded, imported in memory and parsed, and
//! everything found in it is taken back to the text's own lines. Syntax errors stop there (a
//! report that does not parse is not checked); otherwise the report's rules run, and what they
//! find is filtered by the report's suppressions (each of which must be used) and by the
//! baseline, if any.

mod companion;

pub use companion::{Companion, CompanionError};

use crate::diagnostics::{Diagnostic, Severity};
use crate::engine::{self, Rule};
use crate::import::{decode, import, Encoding, Form, Imported, Locator};
use crate::report::{self, Parsed, Report};

/// The largest file read, in bytes (256 MiB): a report is a few hundred kilobytes; a file much
/// larger is not one, and reading it whole would take memory for nothing. Every file fislint reads
/// goes through `workspace::read`, which stops one byte past it.
pub const MAX_INPUT: u64 = 256 * 1024 * 1024;

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `.fis` report.
    Fis,
    /// Extracted text, to import first.
    Text,
    /// A PDF, read and imported first.
    Pdf,
}

impl Kind {
    /// How to read a file: a `.fis` by its extension, or by its first line that is neither
    /// blank nor a comment opening the `report` block; a PDF by its extension or its `%PDF-`
    /// header; any other file as extracted text.
    pub fn of(path: &std::path::Path, bytes: &[u8]) -> Kind {
        let extension = path
            .extension()
            .map(|x| x.to_string_lossy().to_ascii_lowercase());
        if extension.as_deref() == Some("fis") || looks_like_fis(bytes) {
            Kind::Fis
        } else if extension.as_deref() == Some("pdf") || crate::import::pdf::is_pdf(bytes) {
            Kind::Pdf
        } else {
            Kind::Text
        }
    }
}

/// The 地区 a file's report is in, read from its start only: the `地区` of a `.fis` header, or
/// for extracted text the province its title's place is in (as the importer tells it). A hint,
/// for preparing the rules a report will need while it is parsed; it decides nothing, and a
/// wrong or missing one costs only time.
pub fn region_hint(kind: Kind, head: &[u8]) -> Option<String> {
    let head = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut inside a character (or not UTF-8 at all): the valid start.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    match kind {
        Kind::Text => return crate::import::region_of(head).map(str::to_string),
        // A PDF's text is compressed: nothing to read from its first bytes.
        Kind::Pdf => return None,
        Kind::Fis => {}
    }
    // The header block: from the line opening `report` to the line that closes it.
    let mut start = None;
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        let t = line.trim();
        if start.is_none() && t.starts_with("report") {
            start = Some(offset);
        }
        offset += line.len();
        if let Some(start) = start {
            if t.ends_with('}') {
                let header = report::parse(&head[start..offset]).report.header?;
                return Some(header.region);
            }
        }
    }
    None
}

/// The embedded pack a file's report will most likely be checked with, from its start only (as
/// [`region_hint`] reads it): for a `.fis`, its header's kind and 地区
/// ([`crate::pack::pack_for_report`]); for extracted text, its 地区's pack, a budget's when its
/// start says 预算 and not 决算. A hint, like `region_hint`: a wrong one costs only time.
pub fn pack_hint(kind: Kind, head: &[u8]) -> Option<&'static str> {
    let region = region_hint(kind, head)?;
    let text = String::from_utf8_lossy(head);
    let budget = match kind {
        Kind::Fis => text
            .lines()
            .find(|l| l.trim_start().starts_with("report"))
            .is_some_and(|l| l.contains("预算")),
        _ => text.contains("预算") && !text.contains("决算"),
    };
    let kind = if budget {
        report::ReportKind::Budget
    } else {
        report::ReportKind::Final
    };
    Some(crate::pack::pack_for_report(kind, &region))
}

/// Whether bytes are a `.fis` report whatever the file's name.
pub fn looks_like_fis(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.trim_ascii())
        .find(|l| !l.is_empty() && !l.starts_with(b"//"))
        .is_some_and(|l| {
            l.strip_prefix(b"report").is_some_and(|r| {
                r.first()
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'{')
            })
        })
}

/// Where a report's rules come from: `--pack`, or the pack its 地区 calls for.
pub trait RuleSource {
    /// The rules to check `report` with, or why it cannot be checked (an error diagnostic on
    /// the report, such as a 预算 report no pack applies to).
    fn rules_for(&mut self, report: &Report) -> Result<&[Rule], Box<Diagnostic>>;
}

/// Rules given once for every report.
impl RuleSource for &[Rule] {
    fn rules_for(&mut self, _: &Report) -> Result<&[Rule], Box<Diagnostic>> {
        Ok(self)
    }
}

/// How to lint.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also show differences within rounding, as notes.
    pub show_rounding: bool,
    /// At most this many syntax errors are shown (all are counted); 0 shows them all.
    pub max_errors: usize,
    /// How many threads checking the report may use (0 and 1: the calling thread alone).
    pub threads: usize,
    /// The companion reports the checks across documents read (`--budget`, `--previous`).
    pub companions: Vec<std::sync::Arc<Companion>>,
    /// The companions that came from a configuration or from pairing, not from the command
    /// line: one that does not fit the report (its kind or year) is left out with a note
    /// instead of being an error.
    pub loose: Vec<crate::expr::Doc>,
}

/// A report linted.
#[derive(Debug, Clone)]
pub struct Linted {
    /// The text the diagnostics are located in: the file's text as decoded.
    pub text: String,
    /// What was found, in the order to show it.
    pub diagnostics: Vec<Diagnostic>,
    /// The syntax errors (and undecodable input) found, shown or not; a report with any was not
    /// checked.
    pub errors: usize,
    /// Whether the rules ran (only then are the diagnostics findings to count).
    pub checked: bool,
    /// The report, when it parsed.
    pub report: Option<Report>,
    /// For an imported text or PDF: what it was read from.
    pub imported: Option<Origin>,
    /// For an imported text or PDF: how much of its tables was read.
    pub read: Option<ReadSummary>,
    /// For a PDF: where each line of `text` was printed.
    pub pages: Option<crate::diagnostics::PageMap>,
    /// The rules not run because a companion report they read was not given, with the
    /// companions each lacks.
    pub skipped: Vec<(String, Vec<crate::expr::Doc>)>,
}

impl Linted {
    /// Whether the input was wrong: it did not decode or parse, or no rules could apply.
    pub fn broken(&self) -> bool {
        self.errors > 0 || !self.checked
    }
}

/// Lints one file's bytes.
pub fn lint(kind: Kind, bytes: &[u8], rules: &mut dyn RuleSource, options: &Options) -> Linted {
    match kind {
        Kind::Fis => {
            let (text, parsed) = report::parse_bytes(bytes);
            finish(text, parsed, None, Vec::new(), rules, options)
        }
        Kind::Text | Kind::Pdf => lint_text(kind, bytes, rules, options),
    }
}

/// How much of an imported report's tables was read: what a user must know before trusting
/// that a report without findings is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadSummary {
    /// Tables found by their titles.
    pub found: usize,
    /// Tables read into the report.
    pub read: usize,
    /// Their rows.
    pub rows: usize,
    /// Rows with a cell not read with certainty (`?`).
    pub uncertain: usize,
}

impl ReadSummary {
    /// Counted on the report imported, against the tables the reader found.
    pub fn of(report: &Report, found: usize) -> ReadSummary {
        let rows = report
            .tables
            .iter()
            .flat_map(|t| &t.parts)
            .flat_map(|p| &p.rows);
        ReadSummary {
            found: found.max(report.tables.len()),
            read: report.tables.iter().filter(|t| t.unread.is_none()).count(),
            rows: rows.clone().count(),
            uncertain: rows.filter(|r| r.cells.iter().any(|c| c.uncertain)).count(),
        }
    }

    /// `已读取 9/9 张表，412 行，其中 0 行不确定`.
    pub fn describe(&self) -> String {
        format!(
            "已读取 {}/{} 张表，{} 行，其中 {} 行不确定",
            self.read, self.found, self.rows, self.uncertain
        )
    }
}

/// What an imported report was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Extracted text, in this encoding and form.
    Text(Encoding, Form),
    /// A PDF of this many pages.
    Pdf(usize),
}

impl Origin {
    /// In words, as the command line says it: `GB18030，pdftotext -layout 文本`, `PDF，24 页`.
    pub fn describe(&self) -> String {
        match self {
            Origin::Text(encoding, form) => format!("{}，{}", encoding.name(), form.name()),
            Origin::Pdf(pages) => format!("PDF，{pages} 页"),
        }
    }
}

/// Extracted text read: decoded and imported, or why it could not be decoded.
#[derive(Debug, Clone)]
pub struct ReadText {
    /// The text as decoded (or, when it cannot be, its bytes read as far as they go), or the
    /// text read from a PDF's pages.
    pub text: String,
    /// The report imported from it, and what it was read from; `None` when it did not decode.
    pub imported: Option<(Imported, Origin)>,
    /// What the import could not tell (`import/uncertain`), or the undecodable line
    /// (`import/encoding`), on the text.
    pub diagnostics: Vec<Diagnostic>,
    /// For a PDF: where each line of `text` was printed.
    pub pages: Option<crate::diagnostics::PageMap>,
}

/// Reads and imports a PDF or extracted text (`kind` says which).
pub fn read_input(kind: Kind, bytes: &[u8]) -> ReadText {
    match kind {
        Kind::Pdf => read_pdf(bytes),
        Kind::Text | Kind::Fis => read_text(bytes),
    }
}

/// Reads a PDF's pages and imports the report they print.
pub fn read_pdf(bytes: &[u8]) -> ReadText {
    match crate::import::pdf::read_pdf(bytes) {
        Ok(read) => {
            let pages = page_map(&read.reconstructed);
            let text = read.reconstructed.text;
            let origin = Origin::Pdf(read.pages);
            let mut diagnostics = uncertain(&text, &read.imported);
            diagnostics.extend(read.faults.iter().map(|f| Diagnostic {
                severity: Severity::Warning,
                code: f.code.into(),
                message: f.message.clone(),
                primary: (line_span(&text, f.line), "PDF 文件本身的问题".into()),
                secondary: Vec::new(),
                help: Some("请修正 PDF 后重新发布（此问题不影响报告内容的检查）".into()),
                note: None,
                related: Vec::new(),
            }));
            ReadText {
                text,
                imported: Some((read.imported, origin)),
                diagnostics,
                pages: Some(pages),
            }
        }
        Err(e) => ReadText {
            text: String::new(),
            imported: None,
            pages: None,
            diagnostics: vec![Diagnostic {
                related: Vec::new(),
                severity: Severity::Error,
                code: "import/pdf".into(),
                message: format!("无法读取 PDF：{e}"),
                primary: (0..0, "此文件".into()),
                secondary: Vec::new(),
                help: None,
                note: None,
            }],
        },
    }
}

/// Where each line of a PDF's reconstructed text was printed, in PDF coordinates (the reader's
/// boxes are from the page's top; PDF's y grows upwards from its bottom).
fn page_map(read: &crate::import::pdf::Reconstructed) -> crate::diagnostics::PageMap {
    let lines = read
        .lines
        .iter()
        .map(|l| {
            let height = read
                .heights
                .get(l.page.wrapping_sub(1))
                .copied()
                .unwrap_or(0.0) as f64;
            let boxes = l
                .boxes
                .iter()
                .map(|b| {
                    b.map(|r| {
                        [
                            r.x0 as f32,
                            (height - r.y1) as f32,
                            r.x1 as f32,
                            (height - r.y0) as f32,
                        ]
                    })
                })
                .collect();
            (l.page as u32, boxes)
        })
        .collect();
    crate::diagnostics::PageMap { lines }
}

/// Decodes and imports extracted text.
pub fn read_text(bytes: &[u8]) -> ReadText {
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let crate::import::DecodeError::Invalid { line, .. } = &e;
            let span = line_span(&text, *line);
            let diagnostic = Diagnostic {
                related: Vec::new(),
                severity: Severity::Error,
                code: "import/encoding".into(),
                message: format!("无法读取文本：{e}"),
                primary: (span, "此行的字节无法解码".into()),
                secondary: Vec::new(),
                help: Some("请以 UTF-8 或 GB18030（GBK）编码保存该文件".into()),
                note: None,
            };
            return ReadText {
                text,
                imported: None,
                diagnostics: vec![diagnostic],
                pages: None,
            };
        }
    };
    let text = decoded.text;
    let imported = import(&text);
    let diagnostics = uncertain(&text, &imported);
    let origin = Origin::Text(decoded.encoding, imported.form);
    ReadText {
        text,
        imported: Some((imported, origin)),
        diagnostics,
        pages: None,
    }
}

/// What the import could not tell, as `import/uncertain` warnings on the text.
fn uncertain(text: &str, imported: &Imported) -> Vec<Diagnostic> {
    imported
        .warnings
        .iter()
        .map(|w| Diagnostic {
            related: Vec::new(),
            severity: Severity::Warning,
            code: "import/uncertain".into(),
            message: w.message.clone(),
            primary: (line_span(text, w.lines.start), "导入时无法确定".into()),
            secondary: Vec::new(),
            help: Some("核对原文此处；如需修正，可用 fislint import 导出 .fis 后编辑".into()),
            note: None,
        })
        .collect()
}

/// Lints extracted text or a PDF: imported, then checked; everything shown on the text.
fn lint_text(kind: Kind, bytes: &[u8], rules: &mut dyn RuleSource, options: &Options) -> Linted {
    let ReadText {
        text,
        imported,
        diagnostics,
        pages,
    } = read_input(kind, bytes);
    let Some((imported, origin)) = imported else {
        return Linted {
            text,
            errors: diagnostics.len(),
            diagnostics,
            checked: false,
            report: None,
            imported: None,
            read: None,
            pages: None,
            skipped: Vec::new(),
        };
    };
    let parsed = report::parse(&imported.source);
    let read = ReadSummary::of(&parsed.report, imported.tables_found);
    let mut linted = finish(text, parsed, Some(&imported), diagnostics, rules, options);
    linted.imported = Some(origin);
    linted.read = Some(read);
    linted.pages = pages;
    linted
}

/// Checks what was parsed (from `text`, or imported from it): syntax errors, else findings.
/// A parse note as an info diagnostic.
fn note(n: &crate::report::ParseNote) -> Diagnostic {
    Diagnostic {
        related: Vec::new(),
        severity: Severity::Info,
        code: n.kind.code().to_string(),
        message: n.kind.to_string(),
        primary: (n.span.clone(), n.kind.label()),
        secondary: Vec::new(),
        help: n.kind.help(),
        note: None,
    }
}

fn finish(
    text: String,
    parsed: Parsed,
    imported: Option<&Imported>,
    mut diagnostics: Vec<Diagnostic>,
    rules: &mut dyn RuleSource,
    options: &Options,
) -> Linted {
    let locator = imported.map(|i| i.locator(&text));
    let located = |d: Diagnostic| match &locator {
        Some(locator) => on_text(d, locator),
        None => d,
    };
    let Parsed {
        report,
        errors,
        notes,
        problems,
    } = parsed;
    // What the parser read generously, said as info; checking goes on.
    diagnostics.extend(notes.iter().map(|n| located(note(n))));
    // Problems stop nothing: they are shown with the findings (or the syntax errors), as errors.
    diagnostics.extend(problems.iter().map(|e| located(Diagnostic::from(e))));
    if !errors.is_empty() {
        let shown = if options.max_errors == 0 {
            errors.len()
        } else {
            options.max_errors
        };
        diagnostics.extend(
            errors
                .iter()
                .take(shown)
                .map(|e| located(Diagnostic::from(e))),
        );
        crate::diagnostics::sort(&mut diagnostics);
        return Linted {
            text,
            diagnostics,
            errors: errors.len(),
            checked: false,
            report: Some(report),
            imported: None,
            read: None,
            pages: None,
            skipped: Vec::new(),
        };
    }
    let mut skipped = Vec::new();
    // A companion of the wrong kind or year: an error, and nothing checked against it; one a
    // configuration or pairing gave is left out with a note.
    let header_span = report.header.as_ref().map_or(0..0, |h| {
        h.span.start..h.span.start + "report".len().min(h.span.len())
    });
    let mut given = Vec::new();
    let mut mismatched = Vec::new();
    for c in &options.companions {
        match companion::mismatch(&report, header_span.clone(), c) {
            None => given.push(c.clone()),
            Some(mut d) if options.loose.contains(&c.doc) => {
                d.severity = Severity::Info;
                d.code = "companion/unused".into();
                d.message = format!("未使用配置或配对给出的对照报告：{}", d.message);
                diagnostics.push(located(d));
            }
            Some(d) => mismatched.push(located(d)),
        }
    }
    for c in &given {
        if let Some(d) = companion::other_department(&report, header_span.clone(), c) {
            diagnostics.push(located(d));
        }
    }
    let companions = companion::companions(&given);
    if !mismatched.is_empty() {
        let errors = mismatched.len();
        diagnostics.extend(mismatched);
        crate::diagnostics::sort(&mut diagnostics);
        return Linted {
            text,
            diagnostics,
            errors,
            checked: false,
            report: Some(report),
            imported: None,
            read: None,
            pages: None,
            skipped,
        };
    }
    let checked = match rules.rules_for(&report) {
        Err(d) => {
            diagnostics.push(located(*d));
            false
        }
        Ok(rules) => {
            let findings = engine::check_with(&report, companions, rules, options.threads);
            skipped = engine::skipped(rules, companions)
                .into_iter()
                .map(|(r, docs)| (r.id.clone(), docs))
                .collect();
            let (kept, unused) = suppress(&report, findings, rules);
            diagnostics.extend(
                kept.iter()
                    .filter(|f| options.show_rounding || !f.rounding)
                    .map(|f| {
                        let mut d = located(Diagnostic::from(f));
                        d.related = related(f, &given);
                        d
                    }),
            );
            diagnostics.extend(unused);
            true
        }
    };
    crate::diagnostics::sort(&mut diagnostics);
    Linted {
        text,
        diagnostics,
        errors: 0,
        checked,
        report: Some(report),
        imported: None,
        read: None,
        pages: None,
        skipped,
    }
}

/// A finding's places in companion reports, on their files' text.
fn related(
    f: &engine::Finding,
    given: &[std::sync::Arc<Companion>],
) -> Vec<crate::diagnostics::Related> {
    f.related
        .iter()
        .filter_map(|(doc, span, label)| {
            let c = given.iter().find(|c| c.doc == *doc)?;
            Some(c.related(span.clone(), label.clone()))
        })
        .collect()
}

/// The findings the report's suppressions (`// fislint: allow RULE -- reason`) leave, and a
/// warning for each rule a suppression names that silenced nothing: a suppression outliving
/// the problem it was written for would hide the next one.
///
/// A suppression silences its rules' findings located in the element it applies to (the next
/// heading, paragraph, table or row, or the table line it ends).
fn suppress(
    report: &Report,
    findings: Vec<engine::Finding>,
    rules: &[Rule],
) -> (Vec<engine::Finding>, Vec<Diagnostic>) {
    let mut used: Vec<Vec<bool>> = report
        .suppressions
        .iter()
        .map(|s| vec![false; s.rules.len()])
        .collect();
    let kept = findings
        .into_iter()
        .filter(|f| {
            let mut silenced = false;
            for (k, s) in report.suppressions.iter().enumerate() {
                let Some(target) = &s.target else { continue };
                let inside = target.start <= f.primary.0.start && f.primary.0.end <= target.end;
                if !inside {
                    continue;
                }
                for (r, rule) in s.rules.iter().enumerate() {
                    if *rule == f.rule {
                        used[k][r] = true;
                        silenced = true;
                    }
                }
            }
            !silenced
        })
        .collect();
    let mut unused = Vec::new();
    for (k, s) in report.suppressions.iter().enumerate() {
        for (r, rule) in s.rules.iter().enumerate() {
            if used[k][r] {
                continue;
            }
            let why = if !rules.iter().any(|x| x.id == *rule) {
                format!("所用规则包中没有规则 {rule}")
            } else if s.target.is_none() {
                "其后没有可屏蔽的元素".to_string()
            } else {
                format!("规则 {rule} 在其所指的元素上没有发现问题")
            };
            unused.push(Diagnostic {
                related: Vec::new(),
                severity: Severity::Warning,
                code: "suppression/unused".into(),
                message: format!("抑制注释未屏蔽任何问题：{why}"),
                primary: (s.span.clone(), "此抑制注释".into()),
                secondary: s
                    .target
                    .iter()
                    .map(|t| (t.start..t.start, "所指的元素".to_string()))
                    .collect(),
                help: Some("问题已改正时请删除此注释；否则检查规则编号与注释位置".into()),
                note: None,
            });
        }
    }
    (kept, unused)
}

/// A diagnostic on an imported report's source, taken back to the text it came from (the
/// locator built once for all of a report's diagnostics).
pub fn on_text(mut d: Diagnostic, locator: &Locator<'_>) -> Diagnostic {
    d.primary.0 = locator.span(d.primary.0);
    for s in &mut d.secondary {
        s.0 = locator.span(s.0.clone());
    }
    d
}

/// The span of a 1-based line's text, surrounding spaces left out.
fn line_span(text: &str, line: usize) -> std::ops::Range<usize> {
    let mut at = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let lead = l.len() - l.trim_start().len();
            let content = l.trim();
            return at + lead..at + lead + content.len();
        }
        at += l.len() + 1;
    }
    text.len()..text.len()
}

/// How many diagnostics of each severity: errors, warnings, infos.
pub fn counts(diagnostics: &[Diagnostic]) -> [usize; 3] {
    let mut out = [0; 3];
    for d in diagnostics {
        out[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_is_read_from_the_start_of_a_file() {
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        // The seed's header, after its comments, from the first 4 KB as `check` reads them
        // (cut inside a character, as a fixed length cuts CJK text).
        let head = &seed[..4095];
        assert_eq!(region_hint(Kind::Fis, head).as_deref(), Some("湖南"));
        let multi = "// 注释\nreport 决算 {\n  部门 = \"某局\"\n  年度 = 2021\n  单位 = 万元\n  地区 = 上海\n}\n# 第一部分\n";
        assert_eq!(
            region_hint(Kind::Fis, multi.as_bytes()).as_deref(),
            Some("上海")
        );
        // An unclosed header, a header without 地区, no header: no hint.
        assert_eq!(
            region_hint(Kind::Fis, b"report \xE5\x86\xB3\xE7\xAE\x97 {\n"),
            None
        );
        assert_eq!(region_hint(Kind::Fis, b"# title\n"), None);
        // Extracted text: the place its title names, as the importer tells the province.
        let text = "2021年度\n株洲市荷塘区行政审批服务局部门决算\n目录\n";
        assert_eq!(
            region_hint(Kind::Text, text.as_bytes()).as_deref(),
            Some("湖南")
        );
        assert_eq!(region_hint(Kind::Text, b"\xFF\xFE garbage"), None);
        // The pack: a budget's by its kind, a final report's by its 地区.
        assert_eq!(pack_hint(Kind::Fis, head), Some("hunan"));
        assert_eq!(pack_hint(Kind::Fis, multi.as_bytes()), Some("national"));
        let budget = multi.replace("report 决算", "report 部门预算");
        assert_eq!(
            pack_hint(Kind::Fis, budget.as_bytes()),
            Some("budget-shanghai")
        );
        assert_eq!(pack_hint(Kind::Fis, b"# title\n"), None);
    }

    fn national() -> Vec<Rule> {
        crate::precompiled::rules("national").unwrap()
    }

    #[test]
    fn a_fis_report_is_checked_and_its_findings_counted() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let rules = national();
        let linted = lint(
            Kind::Fis,
            &bytes,
            &mut rules.as_slice(),
            &Options::default(),
        );
        assert!(linted.checked && !linted.broken());
        assert!(counts(&linted.diagnostics)[0] > 0, "the seed has errors");
    }

    #[test]
    fn a_report_with_syntax_errors_is_not_checked() {
        let rules = national();
        let linted = lint(
            Kind::Fis,
            b"report \xe5\x86\xb3\xe7\xae\x97 {\n",
            &mut rules.as_slice(),
            &Options::default(),
        );
        assert!(linted.broken());
        assert!(!linted.checked);
        assert!(linted.errors > 0);
    }

    #[test]
    fn text_is_imported_and_its_diagnostics_are_on_the_text() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/import/tabbed-small.txt"
        ))
        .unwrap();
        let rules = national();
        let linted = lint(
            Kind::Text,
            &bytes,
            &mut rules.as_slice(),
            &Options::default(),
        );
        assert!(linted.checked);
        assert_eq!(
            linted.imported,
            Some(Origin::Text(Encoding::Utf8, Form::Tabbed))
        );
        let shares = linted
            .diagnostics
            .iter()
            .find(|d| d.code == "prose-enumerated-shares-total-100")
            .unwrap();
        assert!(linted.text[shares.primary.0.clone()].starts_with("其中："));
    }

    fn seed() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap()
    }

    fn codes(source: &str) -> Vec<String> {
        let rules = national();
        let linted = lint(
            Kind::Fis,
            source.as_bytes(),
            &mut rules.as_slice(),
            &Options::default(),
        );
        assert!(linted.checked, "{:?}", linted.diagnostics.first());
        linted.diagnostics.iter().map(|d| d.code.clone()).collect()
    }

    #[test]
    fn a_suppression_silences_its_rule_on_its_element_and_must_be_used() {
        let seed = seed();
        let sentence = "2021年度收、支总计1025.9万元";
        assert!(codes(&seed).contains(&"prose-total-growth".to_string()));
        // Before the paragraph with the finding: silenced.
        let allow =
            "// fislint: allow prose-total-growth -- 增长率按财政拨款口径计算，经核对无误\n";
        let silenced = seed.replacen(sentence, &format!("{allow}{sentence}"), 1);
        let found = codes(&silenced);
        assert!(
            !found.contains(&"prose-total-growth".to_string()),
            "{found:?}"
        );
        assert!(
            !found.contains(&"suppression/unused".to_string()),
            "{found:?}"
        );
        // Before another paragraph: the finding stays, and the suppression is reported unused.
        let elsewhere = "本单位没有独立网站";
        let misplaced = seed.replacen(elsewhere, &format!("{allow}{elsewhere}"), 1);
        let found = codes(&misplaced);
        assert!(
            found.contains(&"prose-total-growth".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"suppression/unused".to_string()),
            "{found:?}"
        );
        // A rule no pack has: reported too.
        let unknown = "// fislint: allow no-such-rule -- 测试\n";
        let found = codes(&seed.replacen(sentence, &format!("{unknown}{sentence}"), 1));
        assert!(
            found.contains(&"suppression/unused".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn a_file_is_a_fis_by_its_name_or_by_how_it_starts() {
        use std::path::Path;
        assert_eq!(Kind::of(Path::new("a.fis"), b""), Kind::Fis);
        assert_eq!(
            Kind::of(Path::new("a.txt"), "// 注\n\nreport 决算 {".as_bytes()),
            Kind::Fis
        );
        assert_eq!(
            Kind::of(Path::new("a.txt"), "目录\n".as_bytes()),
            Kind::Text
        );
        assert_eq!(Kind::of(Path::new("a.txt"), b"reports\n"), Kind::Text);
    }
}
