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
pub fn render_sarif(files: &[FileDiagnostics<'_>], rules: &[RuleInfo], tool: Tool<'_>) -> String {
    sarif_document(files.iter().flat_map(sarif_results).collect(), rules, tool)
}

/// One file's SARIF results, without their `ruleIndex` (which [`sarif_document`] adds): what a
/// batch check keeps of a file, located and fingerprinted, so its text can go.
pub fn sarif_results(file: &FileDiagnostics<'_>) -> Vec<Value> {
    let lines = Lines::new(file.source);
    file.diagnostics
        .iter()
        .zip(fingerprints(file))
        .map(|(d, fingerprint)| result(file.name, &lines, d, fingerprint))
        .collect()
}

/// The SARIF log of results made by [`sarif_results`], in order; each result gets the index of
/// its rule in the driver's list.
pub fn sarif_document(mut results: Vec<Value>, rules: &[RuleInfo], tool: Tool<'_>) -> String {
    let mut descriptors: Vec<Value> = rules.iter().map(descriptor).collect();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, r) in rules.iter().enumerate() {
        index.entry(r.id.clone()).or_insert(i);
    }
    for result in &mut results {
        let id = result["ruleId"].as_str().unwrap_or_default().to_string();
        let i = *index.entry(id.clone()).or_insert_with(|| {
            descriptors.push(json!({ "id": id }));
            descriptors.len() - 1
        });
        result["ruleIndex"] = i.into();
    }
    let mut driver = Map::new();
    driver.insert("name".into(), tool.name.into());
    driver.insert("version".into(), tool.version.into());
    if let Some(uri) = tool.information_uri {
        driver.insert("informationUri".into(), uri.into());
    }
    driver.insert("rules".into(), descriptors.into());
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

fn result(file: &str, lines: &Lines<'_>, d: &Diagnostic, fp: String) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\n帮助：");
        text.push_str(help);
    }
    let mut primary = location(file, lines, &d.primary.0);
    if !d.primary.1.is_empty() {
        primary["message"] = json!({ "text": d.primary.1 });
    }
    let related: Vec<Value> = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, (span, label))| {
            let mut place = location(file, lines, span);
            place["id"] = i.into();
            place["message"] = json!({ "text": label });
            place
        })
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

fn location(file: &str, lines: &Lines<'_>, span: &Span) -> Value {
    let ((line, column), (end_line, end_column)) = lines.range(span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column,
            },
        },
    })
}

/// A path as a URI reference: `/` kept, every byte but the unreserved ones percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
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
        assert_eq!(uri("reports/a b.fis"), "reports/a%20b.fis");
        assert_eq!(uri("报告.fis"), "%E6%8A%A5%E5%91%8A.fis");
    }
}
