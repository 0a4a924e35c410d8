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
//! budget = "2021/预算.fis"     # like --budget (relative to this file)
//! previous = "2020/决算.fis"    # like --previous
//! pair = true                   # like --pair: companions found among the files checked
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
    /// The same year's 预算 report the 决算 reports are compared with, like `--budget`
    /// (relative to this file).
    #[serde(default)]
    pub budget: Option<Spanned<String>>,
    /// Last year's report, like `--previous` (relative to this file).
    #[serde(default)]
    pub previous: Option<Spanned<String>>,
    /// Pair the files of a folder check by their headers, like `--pair`.
    #[serde(default)]
    pub pair: bool,
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
        related: Vec::new(),
        severity: Severity::Error,
        code: "config/invalid".into(),
        message,
        primary: (span, label.into()),
        secondary: Vec::new(),
        help: help.map(str::to_string),
        note: None,
    }
}

/// Reads a configuration file, `name` as users see it (`fislint.toml`, or the file `--config`
/// names): the settings, or every mistake in it.
pub fn parse(name: &str, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let config: Config = toml::from_str(text).map_err(|e| vec![toml_error(name, &e)])?;
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

/// A TOML or type error of the `toml` crate, said in Chinese at its place: the syntax errors its
/// parser reports and the type errors serde reports, recognised by their (stable) English
/// wording; one not recognised keeps that wording after a Chinese one.
fn toml_error(name: &str, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return mistake(
            span,
            format!("{name} 无法读取：未知的键「{key}」"),
            "未知的键",
            Some("可用的键：packs、fail-on、budget、previous、pair、[rules]、[params]"),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // `integer `1`, expected a string`
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = match expected {
            "a string" => "带引号的文字".to_string(),
            "a sequence" => "列表，如 [\"national\"]".to_string(),
            "a map" => "表".to_string(),
            other => format!("`{other}`"),
        };
        let found = [
            ("integer", "整数"),
            ("floating point", "小数"),
            ("boolean", "布尔值"),
            ("string", "文字"),
            ("sequence", "列表"),
            ("map", "表"),
        ]
        .iter()
        .find_map(|(en, zh)| found.strip_prefix(en).map(|v| format!("{zh}{v}")))
        .unwrap_or_else(|| found.to_string());
        return mistake(
            span,
            format!("{name} 无法读取：值的类型不对，应为{expected}，而不是{found}"),
            "类型不对",
            None,
        );
    }
    // The parser's own description of the problem, before `, expected …`.
    let description = message.split(", expected").next().unwrap_or(message);
    let description = if description.starts_with("duplicate key") {
        "duplicate key"
    } else {
        description
    };
    let said = match description {
        "duplicate key" => "键重复：同一个键只能写一次",
        "`_` may only go between digits" => "数字格式有误：`_` 只能写在两个数字之间",
        "cannot recurse further; max recursion depth met" => "嵌套过深",
        "missing escaped value" | "too few unicode value digits" => "文字中的转义有误",
        "missing opening quote" => "文字缺少开头的引号",
        "missing array opening" | "missing inline table opening" => "缺少开头的括号",
        "unexpected `=` in array" => "列表中不能有 `=`",
        "missing comment start" => "注释应以 `#` 开头",
        "unclosed table" => "表头缺少结尾的 `]`",
        "unclosed array table" => "表头缺少结尾的 `]]`",
        "unclosed array" => "列表缺少结尾的 `]`",
        "unclosed inline table" => "内联表缺少结尾的 `}`",
        "string values must be quoted" => "文字必须加引号，如 \"national\"",
        "invalid basic string" | "invalid string" => "文字有误：缺少结尾的双引号，或含有无效的转义",
        "invalid literal string" => "文字有误：缺少结尾的单引号",
        "invalid multi-line basic string" | "invalid multi-line literal string" => {
            "多行文字有误：缺少结尾的三个引号"
        }
        "unquoted keys cannot be empty" => "缺少键名",
        "invalid unquoted key" | "invalid key" => {
            "键名只能由字母、数字、`-` 和 `_` 组成，其他字符须给键名加引号"
        }
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键名不能是多行文字"
        }
        "key with no value" | "missing value for key" | "missing value" => "键缺少值",
        "missing assignment between key-value pairs" => "键与值之间缺少 `=`",
        "extra assignment between key-value pairs" | "extra `=`" => "多余的 `=`",
        "missing comma between array elements" => "列表的元素之间缺少逗号",
        "missing comma between key-value pairs" => "内联表的键值对之间缺少逗号",
        "extra comma in array" | "extra comma in inline table" => "多余的逗号",
        "unexpected content"
        | "unexpected key or value"
        | "unexpected content between comment and newline" => {
            "多余的内容：每行只能写一个 `键 = 值`、一个表头或注释"
        }
        "invalid float"
        | "invalid integer number"
        | "invalid binary number"
        | "invalid octal number"
        | "invalid hexadecimal number"
        | "invalid exponent"
        | "invalid fraction"
        | "invalid mantissa"
        | "unexpected leading zero"
        | "redundant numeric sign"
        | "redundant integer number prefix"
        | "unexpected sign"
        | "integers with a radix cannot be signed"
        | "radix must be lowercase" => "数字格式有误",
        "invalid boolean" => "应为 true 或 false（小写）",
        "invalid date-time" => "日期时间格式有误",
        "invalid comment character" => "注释中含有不允许的控制字符",
        "carriage return must be followed by newline" => "回车符后应紧跟换行符",
        "invalid table" | "missing table open" => "表头有误",
        "invalid inline table element" | "missing key for inline table element" => {
            "内联表的元素有误"
        }
        "invalid key-value pair" | "invalid value" => "键值对有误",
        _ => "",
    };
    let why = if said.is_empty() {
        format!("TOML 语法错误（{message}）")
    } else {
        format!("TOML 语法错误，{said}")
    };
    mistake(span, format!("{name} 无法读取：{why}"), "此处有误", None)
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
                    format!(
                        "参数 {} 的值类型不对：应为{expected}，而不是{}",
                        name.get_ref(),
                        found(value.get_ref())
                    ),
                    &format!("应为{expected}"),
                    matches!(value.get_ref(), toml::Value::Float(_)).then_some(
                        "TOML 中不带引号的小数是二进制浮点数，不精确：小数请写成带引号的字符串，如 \"2.5\"",
                    ),
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

/// A param's value from the file, of the kind the packs' value is; or, said exactly, what the
/// file must write for that kind.
fn param(value: &toml::Value, like: &Value<'static>) -> Result<Value<'static>, &'static str> {
    const NUM: &str = "整数或带引号的小数（如 6 或 \"2.5\"）";
    const PCT: &str = "带引号的百分比（如 \"10%\"）";
    const TEXTS: &str = "文字的列表（如 [\"无\", \"见上\"]）";
    let decimal = |s: &str| Decimal::from_str_exact(s.trim()).ok();
    match (like, value) {
        (Value::Num(_), toml::Value::Integer(i)) => Ok(Value::Num(Num::exact(Decimal::from(*i)))),
        (Value::Num(_), toml::Value::String(s)) => {
            decimal(s).map(|d| Value::Num(Num::exact(d))).ok_or(NUM)
        }
        (Value::Num(_), _) => Err(NUM),
        (Value::Pct(_), toml::Value::String(s)) => s
            .trim()
            .strip_suffix('%')
            .and_then(decimal)
            .map(|d| Value::Pct(Num::exact(d)))
            .ok_or(PCT),
        (Value::Pct(_), _) => Err(PCT),
        (Value::Bool(_), toml::Value::Boolean(b)) => Ok(Value::Bool(*b)),
        (Value::Bool(_), _) => Err("true 或 false"),
        (Value::Texts(_), toml::Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Value::Texts)
            .ok_or(TEXTS),
        (Value::Texts(_), _) => Err(TEXTS),
        (_, toml::Value::String(s)) => Ok(Value::Text(s.clone())),
        _ => Err("带引号的文字"),
    }
}

/// What a value of the file is, in words: `不带引号的小数 2.5`.
fn found(value: &toml::Value) -> String {
    match value {
        toml::Value::Integer(i) => format!("整数 {i}"),
        toml::Value::Float(f) => format!("不带引号的小数 {f}"),
        toml::Value::String(s) => format!("文字「{s}」"),
        toml::Value::Boolean(b) => format!("布尔值 {b}"),
        toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => "文字的列表".into(),
        toml::Value::Array(_) => "含有不是文字的元素的列表".into(),
        toml::Value::Table(_) => "表".into(),
        toml::Value::Datetime(d) => format!("日期时间 {d}"),
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
            FILE_NAME,
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
        let errors = parse(FILE_NAME, text).unwrap_err();
        let at: Vec<&str> = errors.iter().map(|e| &text[e.primary.0.clone()]).collect();
        assert_eq!(at, ["\"sometimes\"", "\"loud\""]);
        let config = parse(
            FILE_NAME,
            "[rules]\nno-such-rule = \"off\"\n[params]\nmin-reason-length = 2.5\n",
        )
        .unwrap();
        let errors = config.apply(&national()).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "没有编号为 no-such-rule 的规则",
                "参数 min-reason-length 的值类型不对：应为整数或带引号的小数（如 6 或 \"2.5\"），而不是不带引号的小数 2.5"
            ]
        );
        let bad = parse(FILE_NAME, "colour = 1\n").unwrap_err();
        assert_eq!(bad[0].message, "fislint.toml 无法读取：未知的键「colour」");
        assert_eq!(bad[0].primary.0, 0..6);
    }
}
