//! `fislint.toml`: a project's settings, so that a team states once which packs apply, which
//! rules are off or weigh differently, and which thresholds it uses, instead of on every command
//! line. Flags given on the command line override it.
//!
//! ```toml
//! packs = ["hunan"]             # like --pack (built-in names or paths, relative to this file)
//! fail-on = "warning"           # like --fail-on
//!
//! [rules]
//! prose-running-cost-change = "off"     # off, error, warning or info
//! contents-match-headings = "error"
//!
//! [params]
//! min-reason-length = 10                # replaces the packs' value, for every rule using it
//! ```
//!
//! Reading it is pure: the command line finds the file and reads it. Every mistake in it (bad
//! TOML, an unknown key, an unknown rule, a value of the wrong kind) is a diagnostic at its place
//! in the file.

use std::collections::BTreeMap;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Severity};
use crate::engine::Rule;
use crate::expr::{Num, Value};

/// The file name looked for, from the checked file's folder up.
pub const FILE_NAME: &str = "fislint.toml";

/// A project's settings, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The packs to use instead of the report's default one.
    #[serde(default)]
    pub packs: Vec<Spanned<String>>,
    /// The severity that fails a check: `error`, `warning` or `info`.
    #[serde(default)]
    pub fail_on: Option<Spanned<String>>,
    /// Per rule: `off`, or the severity it reports at.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Param values replacing the packs'.
    #[serde(default)]
    pub params: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// A setting for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// The rule reports at this severity.
    Severity(Severity),
}

/// Reads a severity word (`error`, `warning`, `info`).
pub fn severity(word: &str) -> Option<Severity> {
    match word {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// A mistake in the file, at its place.
fn mistake(span: Range<usize>, message: String, label: &str, help: Option<&str>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        code: "config/invalid".into(),
        message,
        primary: (span, label.into()),
        secondary: Vec::new(),
        help: help.map(str::to_string),
        note: None,
    }
}

/// Reads a `fislint.toml`: the settings, or every mistake in it.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let why = match e.message().strip_prefix("unknown field `") {
            Some(rest) => format!("未知的键「{}」", rest.split('`').next().unwrap_or(rest)),
            None => e.message().trim().to_string(),
        };
        vec![mistake(
            span,
            format!("{FILE_NAME} 无法读取：{why}"),
            "这里",
            Some("可用的键：packs、fail-on、[rules]、[params]"),
        )]
    })?;
    let mut errors = Vec::new();
    if let Some(f) = &config.fail_on {
        if severity(f.get_ref()).is_none() {
            errors.push(mistake(
                f.span(),
                format!("fail-on 的值「{}」无效", f.get_ref()),
                "应为 error、warning 或 info",
                None,
            ));
        }
    }
    for (rule, setting) in &config.rules {
        if setting.get_ref() != "off" && severity(setting.get_ref()).is_none() {
            errors.push(mistake(
                setting.span(),
                format!(
                    "规则 {} 的设置「{}」无效",
                    rule.get_ref(),
                    setting.get_ref()
                ),
                "应为 off、error、warning 或 info",
                None,
            ));
        }
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

impl Config {
    /// The severity that fails a check, when the file sets one.
    pub fn fail_on(&self) -> Option<Severity> {
        self.fail_on.as_ref().and_then(|f| severity(f.get_ref()))
    }

    /// The rules as this file settles them: switched-off ones left out, severities and params
    /// replaced. A rule or param the rules do not know, or a param of the wrong kind, is a
    /// mistake at its place (a setting that silently does nothing is worse than none).
    pub fn apply(&self, rules: &[Rule]) -> Result<Vec<Rule>, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        for rule in self.rules.keys() {
            if !rules.iter().any(|r| r.id == *rule.get_ref()) {
                errors.push(mistake(
                    rule.span(),
                    format!("没有编号为 {} 的规则", rule.get_ref()),
                    "未知规则",
                    Some("fislint rules list 列出所用规则包中的规则"),
                ));
            }
        }
        let mut values: BTreeMap<&str, Value<'static>> = BTreeMap::new();
        for (name, value) in &self.params {
            let known = rules.iter().find_map(|r| r.params.get(name.get_ref()));
            let Some(known) = known else {
                errors.push(mistake(
                    name.span(),
                    format!("规则包中没有参数 {}", name.get_ref()),
                    "未知参数",
                    None,
                ));
                continue;
            };
            match param(value.get_ref(), known) {
                Ok(v) => {
                    values.insert(name.get_ref(), v);
                }
                Err(expected) => errors.push(mistake(
                    value.span(),
                    format!("参数 {} 的值类型不对：应为{expected}", name.get_ref()),
                    "这里",
                    Some("小数请写成字符串以保持精确，如 \"2.5\"；百分比写作 \"10%\""),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let setting = |id: &str| {
            self.rules
                .iter()
                .find(|(k, _)| k.get_ref() == id)
                .map(|(_, v)| match severity(v.get_ref()) {
                    Some(s) => RuleSetting::Severity(s),
                    None => RuleSetting::Off,
                })
        };
        Ok(rules
            .iter()
            .filter_map(|r| {
                let mut r = r.clone();
                match setting(&r.id) {
                    Some(RuleSetting::Off) => return None,
                    Some(RuleSetting::Severity(s)) => r.severity = s,
                    None => {}
                }
                for (name, value) in &values {
                    if let Some(p) = r.params.get_mut(*name) {
                        *p = value.clone();
                    }
                }
                Some(r)
            })
            .collect())
    }
}

/// A param's value from the file, of the kind the packs' value is; or the kind expected.
fn param(value: &toml::Value, like: &Value<'static>) -> Result<Value<'static>, &'static str> {
    let decimal = |s: &str| Decimal::from_str_exact(s.trim()).ok();
    match (like, value) {
        (Value::Num(_), toml::Value::Integer(i)) => Ok(Value::Num(Num::exact(Decimal::from(*i)))),
        (Value::Num(_), toml::Value::String(s)) => {
            decimal(s).map(|d| Value::Num(Num::exact(d))).ok_or("数值")
        }
        (Value::Num(_), _) => Err("数值"),
        (Value::Pct(_), toml::Value::String(s)) => s
            .trim()
            .strip_suffix('%')
            .and_then(decimal)
            .map(|d| Value::Pct(Num::exact(d)))
            .ok_or("百分比（如 \"10%\"）"),
        (Value::Pct(_), _) => Err("百分比（如 \"10%\"）"),
        (Value::Bool(_), toml::Value::Boolean(b)) => Ok(Value::Bool(*b)),
        (Value::Bool(_), _) => Err("true 或 false"),
        (Value::Texts(_), toml::Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Value::Texts)
            .ok_or("文字的列表"),
        (Value::Texts(_), _) => Err("文字的列表"),
        (_, toml::Value::String(s)) => Ok(Value::Text(s.clone())),
        _ => Err("文字"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn national() -> Vec<Rule> {
        crate::precompiled::rules("national").unwrap()
    }

    #[test]
    fn rules_are_switched_off_reweighed_and_their_params_replaced() {
        let config = parse(
            "fail-on = \"warning\"\n[rules]\nprose-running-cost-change = \"off\"\ncontents-match-headings = \"error\"\n[params]\nmin-reason-length = 10\n",
        )
        .unwrap();
        assert_eq!(config.fail_on(), Some(Severity::Warning));
        let rules = national();
        let applied = config.apply(&rules).unwrap();
        assert_eq!(applied.len(), rules.len() - 1);
        assert!(!applied.iter().any(|r| r.id == "prose-running-cost-change"));
        let contents = applied
            .iter()
            .find(|r| r.id == "contents-match-headings")
            .unwrap();
        assert_eq!(contents.severity, Severity::Error);
        let with_param = applied
            .iter()
            .find(|r| r.params.contains_key("min-reason-length"))
            .unwrap();
        match &with_param.params["min-reason-length"] {
            Value::Num(n) => assert_eq!(n.m.value, Decimal::from(10)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_mistake_is_located_in_the_file() {
        let text =
            "fail-on = \"sometimes\"\n[rules]\nno-such-rule = \"off\"\nt05-row-total = \"loud\"\n";
        let errors = parse(text).unwrap_err();
        let at: Vec<&str> = errors.iter().map(|e| &text[e.primary.0.clone()]).collect();
        assert_eq!(at, ["\"sometimes\"", "\"loud\""]);
        let config =
            parse("[rules]\nno-such-rule = \"off\"\n[params]\nmin-reason-length = 2.5\n").unwrap();
        let errors = config.apply(&national()).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "没有编号为 no-such-rule 的规则",
                "参数 min-reason-length 的值类型不对：应为数值"
            ]
        );
        let bad = parse("colour = 1\n").unwrap_err();
        assert_eq!(bad[0].message, "fislint.toml 无法读取：未知的键「colour」");
        assert_eq!(bad[0].primary.0, 0..6);
    }
}
