//! Hover on a diagnostic: the rule that found it explained in Markdown, from the same data as
//! `fislint explain` (title, summary, rationale, a bad and a good example). A diagnostic that is
//! not a rule's (a syntax error, an import warning) shows its message and help.

use crate::diagnostics::Diagnostic;
use crate::pack::{LoadedPack, PackRef, ResolvedRule, Severity};

/// Every embedded pack, loaded with its rule texts, for explaining rules.
pub fn embedded_packs() -> Vec<LoadedPack> {
    crate::pack::embedded_packs()
        .filter_map(|name| {
            crate::pack::load(
                PackRef::Embedded(name.to_string()),
                &crate::pack::EmbeddedOnly,
            )
            .ok()
        })
        .collect()
}

/// The diagnostic among `found` whose primary span holds `offset`, the narrowest first.
pub fn at(found: &[Diagnostic], offset: usize) -> Option<&Diagnostic> {
    found
        .iter()
        .filter(|d| {
            let span = &d.primary.0;
            span.contains(&offset) || (span.is_empty() && span.start == offset)
        })
        .min_by_key(|d| d.primary.0.len())
}

/// The Markdown shown on hovering `d`: its rule explained when a pack in `packs` has it.
pub fn markdown(d: &Diagnostic, packs: &[LoadedPack]) -> String {
    match packs.iter().find_map(|p| p.rule(&d.code)) {
        Some(rule) => explain(rule),
        None => {
            let mut out = format!("**{}**\n\n{}", d.code, d.message);
            if let Some(help) = &d.help {
                out.push_str(&format!("\n\n帮助：{help}"));
            }
            out
        }
    }
}

/// A rule explained in Markdown, in the order `fislint explain` prints it.
pub fn explain(rule: &ResolvedRule) -> String {
    let d = &rule.def;
    let severity = match rule.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    };
    let state = if rule.enabled { severity } else { "已关闭" };
    format!(
        "**{}**：{}\n\n严重程度：{state}　规则包：`{}`\n\n\
         **检查什么**\n\n{}\n\n**依据**\n\n{}\n\n**错误示例**\n\n{}\n\n**正确示例**\n\n{}",
        d.id,
        d.title,
        d.pack,
        d.summary.trim(),
        d.rationale.trim(),
        code_block(&d.examples.bad),
        code_block(&d.examples.good),
    )
}

/// Text as a fenced block, the fence longer than any run of backticks in it.
fn code_block(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}\n{}\n{fence}", text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::Severity as S;

    fn diagnostic(code: &str, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic {
            related: Vec::new(),
            severity: S::Error,
            code: code.into(),
            message: "不符".into(),
            primary: (span, String::new()),
            secondary: Vec::new(),
            help: Some("改正".into()),
            note: None,
        }
    }

    #[test]
    fn the_narrowest_diagnostic_under_the_cursor_is_chosen() {
        let found = [diagnostic("wide", 0..100), diagnostic("narrow", 10..20)];
        assert_eq!(at(&found, 15).unwrap().code, "narrow");
        assert_eq!(at(&found, 50).unwrap().code, "wide");
        assert!(at(&found, 100).is_none());
    }

    #[test]
    fn a_rule_is_explained_with_its_title_and_examples() {
        let packs = embedded_packs();
        let md = markdown(&diagnostic("prose-total-growth", 0..1), &packs);
        let rule = packs
            .iter()
            .find_map(|p| p.rule("prose-total-growth"))
            .unwrap();
        assert!(md.starts_with("**prose-total-growth**"));
        assert!(md.contains(&rule.def.title));
        assert!(md.contains("**错误示例**\n\n```\n"));
    }

    #[test]
    fn a_diagnostic_without_a_rule_shows_its_message_and_help() {
        let md = markdown(&diagnostic("syntax/cell-count", 0..1), &[]);
        assert_eq!(md, "**syntax/cell-count**\n\n不符\n\n帮助：改正");
    }

    #[test]
    fn a_fence_outlasts_the_backticks_inside() {
        assert_eq!(code_block("a ``` b"), "````\na ``` b\n````");
    }
}
