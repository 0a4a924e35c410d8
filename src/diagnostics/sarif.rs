//! `--format sarif`: SARIF 2.1.0, the format code scanning reads (GitHub, GitLab, IDE viewers).
//! One run; the driver lists the rules of the packs that ran, each result names its rule by id and
//! index, its place, the other places involved (`relatedLocations`, the cells a check used) and a
//! fingerprint that survives edits elsewhere in the file (docs/formats.md).
//!
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), as the JSON output does.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::{Diagnostic, FileDiagnostics, Lines, Severity};
use crate::report::Span;

/// The key of fislint's fingerprint in `partialFingerprints`; raised when its scheme changes.
pub const FINGERPRINT_KEY: &str = "fislintFingerprint/v1";

/// What SARIF says about a rule: given by the caller, which knows the packs that ran.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// `t05-row-total`.
    pub id: String,
    /// Its one-line title.
    pub title: String,
    /// What it checks, when known.
    pub summary: Option<String>,
    /// Which regulation or identity it enforces.
    pub rationale: String,
    /// Its severity in the packs that ran.
    pub severity: Severity,
}

/// The tool that produced the results.
#[derive(Debug, Clone, Copy)]
pub struct Tool<'a> {
    /// `fislint`.
    pub name: &'a str,
    /// Its version.
    pub version: &'a str,
    /// Where to read about it, when there is such a place.
    pub information_uri: Option<&'a str>,
}

/// The SARIF log of several files' diagnostics. `rules` are the rules that ran; a diagnostic
/// whose code is none of them (a syntax error, an unreadable file) gets a descriptor of its own.
/// [`SarifWriter`] over the files, which is what a batch check prints piece by piece; each file's
/// URI is made from its name.
pub fn render_sarif(files: &[FileDiagnostics<'_>], rules: &[RuleInfo], tool: Tool<'_>) -> String {
    let mut writer = SarifWriter::default();
    writer.rules(rules.iter().map(|r| r.id.as_str()));
    let mut out = String::new();
    for file in files {
        out.push_str(&writer.part(&sarif_part(file, &uri(file.name.as_bytes()))));
    }
    out.push_str(&writer.finish(rules, tool));
    out
}

/// One file's SARIF results, already written out but for their `ruleIndex`, which
/// [`SarifWriter::part`] adds: what a batch check keeps of a file (located and fingerprinted, so
/// its text can go) until it is printed.
#[derive(Debug, Default)]
pub struct SarifPart(Vec<Pending>);

/// A result written as serde_json's pretty printer writes it inside the log, up to its last key,
/// `ruleIndex` (keys are in sorted order and `ruleIndex` sorts last), which is left open.
#[derive(Debug)]
struct Pending {
    rule: String,
    head: String,
}

/// The depth of a result in the log: `{` › `runs` › run › `results` › result.
const RESULT_DEPTH: usize = 4;

/// A file's [`SarifPart`]; `uri` is its `artifactLocation.uri` ([`path_uri`] or [`uri`]).
pub fn sarif_part(file: &FileDiagnostics<'_>, uri: &str) -> SarifPart {
    let lines = Lines::new(file.source);
    let pending = file
        .diagnostics
        .iter()
        .zip(fingerprints(file))
        .map(|(d, fingerprint)| {
            let mut value = result(uri, &lines, d, fingerprint);
            // A PDF's page and the rectangle of what the result points at, as properties.
            if let Some(place) = file.place_json(&d.primary.0) {
                value["properties"] = place;
            }
            let mut head = String::new();
            super::json::indented(&mut head, &value, RESULT_DEPTH);
            // The closing brace goes; `ruleIndex` and a new one follow when it is printed.
            let close = format!("\n{}}}", "  ".repeat(RESULT_DEPTH));
            head.truncate(head.len() - close.len());
            Pending {
                rule: d.code.clone(),
                head,
            }
        })
        .collect();
    SarifPart(pending)
}

/// The SARIF log written as the files come: its opening with the first part, each file's results
/// as it is printed, and last the run's `tool`, whose rules are known only then (`results`
/// precede `tool` in the run, as in serde_json's sorted order, so the pieces put together are
/// exactly `{:#}` of the whole log, byte for byte).
///
/// A result's `ruleIndex` is its rule's place in `tool.driver.rules`: the writer numbers the
/// rules as they are given to [`SarifWriter::rules`] (the packs a file was checked with, before
/// its part) and then a code that is no rule as it first appears; [`SarifWriter::finish`] lists
/// them in that order. It keeps the rule ids and nothing of the results.
#[derive(Debug, Default)]
pub struct SarifWriter {
    opened: bool,
    any: bool,
    /// The rules numbered so far, in order, and each one's number.
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

impl SarifWriter {
    /// Numbers rules that ran (each id once, the first time it is given).
    pub fn rules<'r>(&mut self, ids: impl IntoIterator<Item = &'r str>) {
        for id in ids {
            self.number(id);
        }
    }

    fn number(&mut self, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        self.ids.push(id.to_string());
        self.index.insert(id.to_string(), self.ids.len() - 1);
        self.ids.len() - 1
    }

    /// Whether anything was written yet.
    pub fn opened(&self) -> bool {
        self.opened
    }

    /// The next piece of the log: its opening if this is the first, then the part's results,
    /// each with its `ruleIndex`.
    pub fn part(&mut self, part: &SarifPart) -> String {
        let mut out = self.open();
        let pad = "  ".repeat(RESULT_DEPTH);
        for pending in &part.0 {
            out.push_str(if self.any { ",\n" } else { "\n" });
            self.any = true;
            let i = self.number(&pending.rule);
            out.push_str(&pending.head);
            out.push_str(&format!(",\n{pad}  \"ruleIndex\": {i}\n{pad}}}"));
        }
        out
    }

    /// The rest of the log (all of it if no part was written), without a final line break:
    /// `tool`, its driver listing the rules numbered, described by `rules` (a code that is none
    /// of them gets a descriptor with its id only), then any rule of `rules` not numbered yet.
    pub fn finish(mut self, rules: &[RuleInfo], tool: Tool<'_>) -> String {
        self.rules(rules.iter().map(|r| r.id.as_str()));
        let mut out = self.open();
        out.push_str(if self.any { "\n      ]" } else { "]" });
        let mut infos: HashMap<&str, &RuleInfo> = HashMap::new();
        for r in rules {
            infos.entry(r.id.as_str()).or_insert(r);
        }
        let descriptors: Vec<Value> = self
            .ids
            .iter()
            .map(|id| match infos.get(id.as_str()) {
                Some(info) => descriptor(info),
                None => json!({ "id": id }),
            })
            .collect();
        let driver = driver(&tool, descriptors);
        let mut tool = String::new();
        super::json::indented(&mut tool, &json!({ "driver": driver }), 3);
        out.push_str(",\n      \"tool\": ");
        out.push_str(tool.trim_start());
        out.push_str("\n    }\n  ],\n  \"version\": \"2.1.0\"\n}");
        out
    }

    fn open(&mut self) -> String {
        if std::mem::replace(&mut self.opened, true) {
            return String::new();
        }
        concat!(
            "{\n",
            "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n",
            "  \"runs\": [\n",
            "    {\n",
            "      \"columnKind\": \"unicodeCodePoints\",\n",
            "      \"results\": ["
        )
        .to_string()
    }
}

/// `tool.driver`: fislint's name, version and address, and the rule descriptors.
fn driver(tool: &Tool<'_>, descriptors: Vec<Value>) -> Map<String, Value> {
    let mut driver = Map::new();
    driver.insert("name".into(), tool.name.into());
    driver.insert("version".into(), tool.version.into());
    if let Some(uri) = tool.information_uri {
        driver.insert("informationUri".into(), uri.into());
    }
    driver.insert("rules".into(), descriptors.into());
    driver
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &RuleInfo) -> Value {
    let summary = rule
        .summary
        .as_deref()
        .map(str::trim)
        .unwrap_or(&rule.title);
    let rationale = rule.rationale.trim();
    let help = if rationale.is_empty() {
        summary.to_string()
    } else {
        format!("{summary}\n\n依据：{rationale}")
    };
    let mut descriptor = json!({
        "id": rule.id,
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": summary },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(rule.severity) },
    });
    let name = pascal_case(&rule.id);
    // SARIF wants a name that differs from the id (Microsoft's validator, SARIF1001); an id
    // that is already one word in PascalCase gets none.
    if name != rule.id && !name.is_empty() {
        descriptor["name"] = name.into();
    }
    descriptor
}

/// A rule's friendly name, as SARIF recommends it: its id in PascalCase, each run of letters and
/// digits capitalized and the separators left out (`t05-row-total` → `T05RowTotal`).
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

fn result(uri: &str, lines: &Lines<'_>, d: &Diagnostic, fp: String) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\n帮助：");
        text.push_str(help);
    }
    let mut primary = location(uri, lines, &d.primary.0);
    if !d.primary.1.is_empty() {
        primary["message"] = json!({ "text": d.primary.1 });
    }
    let related: Vec<Value> = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, (span, label))| {
            let mut place = location(uri, lines, span);
            place["id"] = i.into();
            place["message"] = json!({ "text": label });
            place
        })
        .collect();
    // Places in a companion report: located in that file, by its own URI.
    let related: Vec<Value> = related
        .into_iter()
        .chain(d.related.iter().enumerate().map(|(i, r)| {
            let other = Lines::new(&r.file.source);
            let mut place = location(
                &path_uri(std::path::Path::new(&r.file.name)),
                &other,
                &r.span,
            );
            place["id"] = (d.secondary.len() + i).into();
            place["message"] = json!({ "text": r.label });
            place
        }))
        .collect();
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [primary],
        "partialFingerprints": { FINGERPRINT_KEY: fp },
    });
    if !related.is_empty() {
        result["relatedLocations"] = related.into();
    }
    result
}

fn location(uri: &str, lines: &Lines<'_>, span: &Span) -> Value {
    let ((line, column), (end_line, end_column)) = lines.range(span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column,
            },
        },
    })
}

/// A file's path as a URI reference (RFC 3986): its bytes, `/` and the unreserved characters
/// kept, every other byte percent-encoded. On Unix a file name is bytes, not always UTF-8, and
/// each byte is encoded as it is, so a name in GBK stays the name it is (a lossy conversion would
/// make it U+FFFD). A leading `./` is left out, as in the name shown.
pub fn path_uri(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes =
        std::borrow::Cow::Borrowed(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()));
    #[cfg(not(unix))]
    let bytes =
        std::borrow::Cow::<[u8]>::Owned(path.to_string_lossy().replace('\\', "/").into_bytes());
    uri(bytes.strip_prefix(b"./").unwrap_or(&bytes))
}

/// Bytes as a URI reference: `/` and the unreserved characters (RFC 3986: letters, digits,
/// `-._~`) kept, every other byte percent-encoded.
pub fn uri(path: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The fingerprint of each of a file's diagnostics, in order: FNV-1a (64 bits) of the rule, the
/// file's name, the text of the primary span and the text of the lines it is on (whitespace left
/// out, so realigning a table changes nothing), then `:n` for the n-th diagnostic of the file with
/// the same hash. Line numbers are not part of it: an edit elsewhere in the file leaves it as it
/// was.
pub fn fingerprints(file: &FileDiagnostics<'_>) -> Vec<String> {
    let lines = Lines::new(file.source);
    let mut seen: HashMap<u64, usize> = HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let hash = content_hash(d, file.name, file.source, &lines);
            let n = seen.entry(hash).or_default();
            *n += 1;
            format!("{hash:016x}:{n}")
        })
        .collect()
}

/// A diagnostic known by its content: FNV-1a of its rule, `file`, the text of its primary span
/// and the text of the lines that span is on, whitespace left out. The one fingerprint of the
/// project, used by SARIF and by baselines (`crate::baseline`, with no file name: the baseline
/// keys files itself).
pub(crate) fn content_hash(d: &Diagnostic, file: &str, source: &str, lines: &Lines<'_>) -> u64 {
    let span = &d.primary.0;
    let start = crate::text::floor(source, span.start);
    let end = crate::text::ceil(source, span.end.max(span.start));
    let mut hash = Fnv::new();
    for part in [
        d.code.as_str(),
        file,
        &source[start..end.max(start)],
        lines.text_of_lines(span),
    ] {
        hash.write(part.chars().filter(|c| !c.is_whitespace()));
        hash.write(['\0']);
    }
    hash.0
}

/// FNV-1a, 64 bits, over UTF-8: small, and the same on every platform and in every version.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, chars: impl IntoIterator<Item = char>) {
        let mut buf = [0u8; 4];
        for c in chars {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                self.0 ^= u64::from(b);
                self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_gives_the_published_values() {
        let hash = |s: &str| {
            let mut h = Fnv::new();
            h.write(s.chars());
            h.0
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    fn diagnostic(code: &str, span: Span) -> Diagnostic {
        Diagnostic {
            related: Vec::new(),
            severity: Severity::Warning,
            code: code.into(),
            message: "m".into(),
            primary: (span, String::new()),
            secondary: Vec::new(),
            help: None,
            note: None,
        }
    }

    fn prints(source: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
        fingerprints(&FileDiagnostics {
            name: "a.fis",
            source,
            diagnostics,
            pages: None,
        })
    }

    #[test]
    fn fingerprints_follow_the_text_not_the_line_number() {
        let before = prints("合计 | 10\n", &[diagnostic("r", 9..11)]);
        let after = prints("新段落\n\n合计  |  10\n", &[diagnostic("r", 22..24)]);
        assert_eq!(before, after);
        assert!(before[0].ends_with(":1"), "{before:?}");
    }

    #[test]
    fn the_same_finding_twice_in_a_file_is_told_apart_by_a_counter() {
        let source = "合计 | 10\n合计 | 10\n合计 | 11\n";
        let out = prints(
            source,
            &[
                diagnostic("r", 9..11),
                diagnostic("r", 21..23),
                diagnostic("r", 33..35),
                diagnostic("s", 9..11),
            ],
        );
        let (hash, n) = out[0].split_once(':').unwrap();
        assert_eq!(out[1], format!("{hash}:2"));
        assert_eq!(n, "1");
        assert!(!out[2].starts_with(hash) && !out[3].starts_with(hash));
    }

    #[test]
    fn a_rule_is_named_by_its_id_in_pascal_case() {
        assert_eq!(pascal_case("t05-row-total"), "T05RowTotal");
        assert_eq!(pascal_case("hunan-3-tables"), "Hunan3Tables");
        assert_eq!(pascal_case("syntax/cell-count"), "SyntaxCellCount");
        let rule = |id: &str| RuleInfo {
            id: id.into(),
            title: "t".into(),
            summary: None,
            rationale: String::new(),
            severity: Severity::Error,
        };
        let named = descriptor(&rule("t05-row-total"));
        assert_eq!(named["name"], "T05RowTotal");
        assert_ne!(named["name"], named["id"]);
        assert!(descriptor(&rule("Total")).get("name").is_none());
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri(b"reports/a b.fis"), "reports/a%20b.fis");
        assert_eq!(uri("报告.fis".as_bytes()), "%E6%8A%A5%E5%91%8A.fis");
    }

    /// The log as one `Value` pretty-printed, as `render_sarif` made it before it was written
    /// piece by piece: what the pieces must still add up to.
    fn whole(files: &[FileDiagnostics<'_>], rules: &[RuleInfo], tool: Tool<'_>) -> String {
        let mut results: Vec<Value> = Vec::new();
        for file in files {
            let lines = Lines::new(file.source);
            for (d, fp) in file.diagnostics.iter().zip(fingerprints(file)) {
                results.push(result(&uri(file.name.as_bytes()), &lines, d, fp));
            }
        }
        let mut descriptors: Vec<Value> = rules.iter().map(descriptor).collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(i);
        }
        for result in &mut results {
            let id = result["ruleId"].as_str().unwrap().to_string();
            let i = *index.entry(id.clone()).or_insert_with(|| {
                descriptors.push(json!({ "id": id }));
                descriptors.len() - 1
            });
            result["ruleIndex"] = i.into();
        }
        let driver = driver(&tool, descriptors);
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        format!("{log:#}")
    }

    fn info(id: &str) -> RuleInfo {
        RuleInfo {
            id: id.into(),
            title: format!("{id} 的标题"),
            summary: Some("检查\t什么".into()),
            rationale: "依据 \"某文件\"".into(),
            severity: Severity::Error,
        }
    }

    #[test]
    fn the_streamed_log_is_the_whole_log_byte_for_byte() {
        let source = "report\n合计 | 1,02\n说明\t\"引号\"\n";
        let d = |code: &str, span: Span, related: bool| Diagnostic {
            related: Vec::new(),
            severity: Severity::Warning,
            code: code.into(),
            message: "多行\n消息".into(),
            primary: (span, "标签".into()),
            secondary: if related {
                vec![(0..6, "表头".into())]
            } else {
                Vec::new()
            },
            help: Some("改".into()),
            note: None,
        };
        let found = [d("r2", 16..20, true), d("syntax/x", 21..27, false)];
        let more = [d("r1", 0..6, false), d("syntax/x", 21..27, true)];
        let none: [Diagnostic; 0] = [];
        let file = |name, diagnostics| FileDiagnostics {
            name,
            source,
            diagnostics,
            pages: None,
        };
        let rules = [info("r1"), info("r2"), info("r3")];
        let tools = [
            Tool {
                name: "fislint",
                version: "0.1.0",
                information_uri: None,
            },
            Tool {
                name: "fislint",
                version: "0.1.0",
                information_uri: Some("https://example.org"),
            },
        ];
        let cases: Vec<Vec<FileDiagnostics<'_>>> = vec![
            vec![],
            vec![file("a.fis", &none)],
            vec![file("a b.fis", &found)],
            vec![
                file("a.fis", &none),
                file("b.fis", &found),
                file("c.fis", &more),
            ],
        ];
        for files in &cases {
            for rules in [&rules[..], &[]] {
                for tool in tools {
                    let streamed = render_sarif(files, rules, tool);
                    assert_eq!(streamed, whole(files, rules, tool));
                    let _: Value = serde_json::from_str(&streamed).unwrap();
                }
            }
        }
    }

    #[test]
    fn the_writer_keeps_the_rules_and_nothing_of_the_results() {
        // What a batch of many files holds while it prints: one number per rule, whatever the
        // number of files and results.
        let source = "合计 | 10\n";
        let found = [diagnostic("r", 0..6), diagnostic("syntax/x", 0..6)];
        let mut writer = SarifWriter::default();
        writer.rules(["r", "s"]);
        let mut printed = 0;
        for n in 0..10_000 {
            let name = format!("{n}.fis");
            let file = FileDiagnostics {
                name: &name,
                source,
                diagnostics: &found,
                pages: None,
            };
            printed += writer.part(&sarif_part(&file, &name)).len();
        }
        assert!(printed > 10_000 * 2 * 100, "every result was written");
        assert_eq!(writer.ids, ["r", "s", "syntax/x"]);
        assert_eq!(writer.index.len(), 3);
    }

    #[test]
    fn rules_are_numbered_as_the_packs_that_ran_are_met() {
        // Without `--pack` a batch meets each report's pack when the report is printed: its
        // rules are numbered then, and a code that is no rule where it first appears.
        let source = "合计 | 10\n";
        let mut writer = SarifWriter::default();
        let mut out = String::new();
        let first = [diagnostic("syntax/x", 0..6)];
        let second = [diagnostic("b2", 0..6), diagnostic("syntax/x", 0..6)];
        for (name, diagnostics, pack) in [
            ("1.fis", &first[..], &[][..]),
            ("2.fis", &second, &["b1", "b2"]),
        ] {
            writer.rules(pack.iter().copied());
            let file = FileDiagnostics {
                name,
                source,
                diagnostics,
                pages: None,
            };
            out.push_str(&writer.part(&sarif_part(&file, name)));
        }
        let tool = Tool {
            name: "fislint",
            version: "0",
            information_uri: None,
        };
        out.push_str(&writer.finish(&[info("b1"), info("b2"), info("c")], tool));
        let log: Value = serde_json::from_str(&out).unwrap();
        let run = &log["runs"][0];
        let ids: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["syntax/x", "b1", "b2", "c"]);
        let indexes: Vec<u64> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["ruleIndex"].as_u64().unwrap())
            .collect();
        assert_eq!(indexes, [0, 2, 0]);
    }
}
