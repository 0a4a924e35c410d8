//! Prose patterns: the sentences a `claim` looks for, with typed captures.
//!
//! `收入合计{amount:total}万元，其中：财政拨款收入{amount:grant}万元，占{percent:share}` finds the
//! figures a sentence states, each with its place in the report, so that a finding points at the
//! very number in the sentence. A pattern compiles to a regular expression (the `regex-lite` crate
//! matches in linear time, so no pattern in anyone's pack can make the linter hang). A space in a
//! pattern matches any run of spaces, or none (PDF text often has stray spaces: `2 个`).

use std::sync::OnceLock;

use regex_lite::Regex;
use rust_decimal::Decimal;

use crate::measure::Measure;

/// The kinds of capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureKind {
    /// `{amount:x}`: a number as written (`1022.32`, `1,022.64`, `0`), with its decimals.
    Amount,
    /// `{percent:x}`: a number followed by `%` (`95.42%`), in percent units.
    Percent,
    /// `{count:x}`: a whole number (`2`).
    Count,
    /// `{direction:x}`: a direction word, normalized: 增加 (增长, 上升), 减少 (下降, 降低),
    /// 持平 (一样, 相同, 无变化), 大于 (超过, 高于), 小于 (低于), 等于.
    Direction,
    /// `{reason:x}`: the rest of the sentence, up to `。` or `；` (possibly nothing).
    Reason,
    /// `{text:x}`: the shortest text that lets the rest of the pattern match.
    Text,
}

impl CaptureKind {
    fn from_name(name: &str) -> Option<CaptureKind> {
        Some(match name {
            "amount" => CaptureKind::Amount,
            "percent" => CaptureKind::Percent,
            "count" => CaptureKind::Count,
            "direction" => CaptureKind::Direction,
            "reason" => CaptureKind::Reason,
            "text" => CaptureKind::Text,
            _ => return None,
        })
    }

    fn regex(self) -> &'static str {
        match self {
            CaptureKind::Amount => r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|-?[0-9]+(?:\.[0-9]+)?",
            CaptureKind::Percent => r"-?[0-9]+(?:\.[0-9]+)?%",
            CaptureKind::Count => r"[0-9]+",
            CaptureKind::Direction => {
                "增加|增长|上升|减少|下降|降低|持平|一样|相同|无变化|大于|超过|高于|小于|低于|等于"
            }
            CaptureKind::Reason => "[^。；]*",
            CaptureKind::Text => ".+?",
        }
    }

    /// The type an expression sees the capture as.
    pub fn ty(self) -> crate::expr::Type {
        use crate::expr::Type;
        match self {
            CaptureKind::Amount | CaptureKind::Count => Type::Num,
            CaptureKind::Percent => Type::Pct,
            _ => Type::Text,
        }
    }
}

/// A compiled pattern. It is stored (`crate::precompiled`) as the text it was compiled from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Pattern {
    /// The pattern as written.
    pub text: String,
    /// The regular expression's source.
    source: String,
    /// The regular expression, built when first needed: most patterns' literal prefilter turns
    /// most paragraphs away, and a pattern decoded from a precompiled pack (`TryFrom<String>`)
    /// may never reach a paragraph that passes it.
    regex: OnceLock<Option<Regex>>,
    /// The literal a pattern starts with (`预算数为` in `预算数为{amount:budget}万元…`): a match
    /// can only start where it occurs, so the expression is tried, anchored, at each occurrence
    /// instead of being run over the whole paragraph.
    lead: Option<String>,
    /// The expression anchored at its start, for `lead`.
    anchored: OnceLock<Option<Regex>>,
    /// Literal text every match contains (the pattern's literal pieces, split at spaces): a
    /// paragraph without one of them is skipped without running the regular expression.
    required: Vec<Required>,
    /// The captures, in order: name and kind.
    pub captures: Vec<(String, CaptureKind)>,
}

/// A literal piece every match of a pattern contains.
#[derive(Debug, Clone)]
struct Required {
    text: String,
    /// It follows a figure's capture (`{amount:x}元`), spaces apart at most: it must occur right
    /// after a digit or `%`. So `{amount:x}元` skips a paragraph whose 元 are all in 万元.
    after_figure: bool,
}

impl Required {
    fn occurs_in(&self, text: &str) -> bool {
        if !self.after_figure {
            return text.contains(self.text.as_str());
        }
        text.match_indices(self.text.as_str()).any(|(i, _)| {
            text[..i]
                .trim_end_matches([' ', '\t', '\u{3000}'])
                .ends_with(|c: char| c.is_ascii_digit() || c == '%')
        })
    }
}

/// What a capture found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Captured {
    /// An amount or count.
    Number(Measure),
    /// A percentage.
    Percent(Measure),
    /// Text (a direction word, normalized; a reason; text).
    Text(String),
}

/// One match of a pattern in a text.
#[derive(Debug, Clone)]
pub struct Match {
    /// The whole match, as a byte range in the text.
    pub span: std::ops::Range<usize>,
    /// Each capture: name, value, byte range in the text.
    pub captures: Vec<(String, Captured, std::ops::Range<usize>)>,
}

/// A pattern that does not compile: why, and where in the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Where, in the pattern's text.
    pub span: std::ops::Range<usize>,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl From<Pattern> for String {
    fn from(p: Pattern) -> String {
        p.text
    }
}

impl TryFrom<String> for Pattern {
    type Error = String;

    /// A pattern decoded from a precompiled pack: its regular expression is built when first
    /// needed (the pack's build compiled and checked it).
    fn try_from(text: String) -> Result<Pattern, String> {
        Pattern::translate(&text).map_err(|e| e.message)
    }
}

impl Pattern {
    /// Compiles a pattern.
    pub fn compile(text: &str) -> Result<Pattern, PatternError> {
        let pattern = Pattern::translate(text)?;
        let regex = Regex::new(&pattern.source).map_err(|e| PatternError {
            span: 0..text.len(),
            message: format!("模式无法编译：{e}"),
        })?;
        let _ = pattern.regex.set(Some(regex));
        Ok(pattern)
    }

    /// The expression, unanchored.
    fn regex(&self) -> Option<&Regex> {
        // `compile` built and checked it; a pattern decoded from a precompiled pack was built and
        // checked from the same text when fislint was built, so this does not fail.
        self.regex.get_or_init(|| build(&self.source)).as_ref()
    }

    /// The expression anchored at the start of the text it is given.
    fn anchored(&self) -> Option<&Regex> {
        self.anchored
            .get_or_init(|| build(&format!("^(?:{})", self.source)))
            .as_ref()
    }

    /// The pattern translated to a regular expression's source, its captures and its
    /// prefilter, every error of the pattern's own syntax found; the regular expression itself is
    /// built when first needed.
    fn translate(text: &str) -> Result<Pattern, PatternError> {
        let mut regex = String::new();
        let mut captures: Vec<(String, CaptureKind)> = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            push_literal(&mut regex, &rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                let at = offset + open;
                return Err(PatternError {
                    span: at..at + 1,
                    message: "捕获缺少 `}`".into(),
                });
            };
            let inner = &rest[open + 1..open + close];
            let at = offset + open..offset + open + close + 1;
            let (kind, name) = inner.split_once(':').ok_or_else(|| PatternError {
                span: at.clone(),
                message: format!(
                    "捕获 `{{{inner}}}` 应写作 `{{类型:名称}}`，如 `{{amount:total}}`"
                ),
            })?;
            let kind = CaptureKind::from_name(kind.trim()).ok_or_else(|| PatternError {
                span: at.clone(),
                message: format!("未知的捕获类型 `{}`；可用的类型：amount、percent、count、direction、reason、text", kind.trim()),
            })?;
            let name = name.trim();
            let valid = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(PatternError {
                    span: at,
                    message: format!("捕获名称 `{name}` 应由英文字母、数字和下划线组成"),
                });
            }
            if captures.iter().any(|(n, _)| n == name) {
                return Err(PatternError {
                    span: at,
                    message: format!("捕获名称 `{name}` 重复"),
                });
            }
            regex.push_str(&format!("(?P<{name}>{})", kind.regex()));
            captures.push((name.to_string(), kind));
            offset += open + close + 1;
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            let at = offset + rest.find('}').unwrap_or(0);
            return Err(PatternError {
                span: at..at + 1,
                message: "多余的 `}`".into(),
            });
        }
        push_literal(&mut regex, rest);
        let lead = (!text.starts_with(['{', ' ']))
            .then(|| {
                text.split(['{', ' '])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .filter(|l| !l.is_empty());
        Ok(Pattern {
            text: text.to_string(),
            source: regex,
            regex: OnceLock::new(),
            lead,
            anchored: OnceLock::new(),
            required: literal_chunks(text),
            captures,
        })
    }

    /// Every match in `text`, in order.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        if !self.required.iter().all(|r| r.occurs_in(text)) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut pos = 0;
        if let (Some(lead), Some(anchored)) = (&self.lead, self.anchored()) {
            // Each failed try may read to the end of the text: after a few, the unanchored
            // search takes over, which keeps the whole linear in the text's length.
            let mut failures = 0;
            while failures < MAX_FAILED_STARTS {
                let Some(found) = text[pos..].find(lead.as_str()) else {
                    return out;
                };
                let at = pos + found;
                match anchored.captures(&text[at..]) {
                    Some(c) => {
                        let m = self.to_match(&c, at);
                        pos = m.span.end.max(at + lead.len());
                        out.push(m);
                    }
                    None => {
                        failures += 1;
                        pos = at + lead.chars().next().map_or(1, char::len_utf8);
                    }
                }
            }
        }
        let Some(regex) = self.regex() else {
            return out;
        };
        out.extend(
            regex
                .captures_iter(&text[pos..])
                .map(|c| self.to_match(&c, pos)),
        );
        out
    }

    /// A match of the expression found at `at` in the text, its ranges in the text.
    fn to_match(&self, c: &regex_lite::Captures<'_>, at: usize) -> Match {
        let shift = |r: std::ops::Range<usize>| r.start + at..r.end + at;
        let whole = c.get(0).map_or(at..at, |m| shift(m.range()));
        let captures = self
            .captures
            .iter()
            .filter_map(|(name, kind)| {
                let m = c.name(name)?;
                Some((name.clone(), value(*kind, m.as_str())?, shift(m.range())))
            })
            .collect();
        Match {
            span: whole,
            captures,
        }
    }
}

thread_local! {
    /// Expressions built in this thread, by source: rules share patterns (the shares of income,
    /// of expenditure and of the budget structure are all `{text:item}{amount:value}万元，占…`),
    /// and building one costs far more than looking it up. Bounded by the patterns of the packs
    /// loaded.
    static BUILT: std::cell::RefCell<std::collections::HashMap<String, Option<Regex>>> =
        Default::default();
}

/// The expression of `source`, built once per thread.
fn build(source: &str) -> Option<Regex> {
    BUILT.with(|built| {
        let mut built = built.borrow_mut();
        if let Some(regex) = built.get(source) {
            return regex.clone();
        }
        let regex = Regex::new(source).ok();
        built.insert(source.to_string(), regex.clone());
        regex
    })
}

/// How many anchored tries at a pattern's leading literal may fail in one text before the
/// unanchored search takes over (each may read to the end of the text).
const MAX_FAILED_STARTS: usize = 8;

/// The literal pieces of a pattern outside its captures, split at spaces; the first piece after
/// an amount, count or percent capture is marked as following a figure.
fn literal_chunks(pattern: &str) -> Vec<Required> {
    let mut out = Vec::new();
    let mut rest = pattern;
    let mut after_figure = false;
    loop {
        let (literal, capture, after) = match rest.find('{') {
            Some(open) => match rest[open..].find('}') {
                Some(c) => (
                    &rest[..open],
                    Some(&rest[open + 1..open + c]),
                    Some(&rest[open + c + 1..]),
                ),
                None => (&rest[..open], None, None),
            },
            None => (rest, None, None),
        };
        for chunk in literal.split(' ').filter(|c| !c.is_empty()) {
            out.push(Required {
                text: chunk.to_string(),
                after_figure,
            });
            after_figure = false;
        }
        after_figure = capture.is_some_and(|c| {
            let kind = c.split(':').next().unwrap_or("").trim();
            matches!(kind, "amount" | "count" | "percent")
        });
        match after {
            Some(a) => rest = a,
            None => return out,
        }
    }
}

/// Literal text, with each space matching any run of spaces or none.
fn push_literal(regex: &mut String, literal: &str) {
    for (i, part) in literal.split(' ').enumerate() {
        if i > 0 {
            regex.push_str(r"[ \t\x{3000}]*");
        }
        regex.push_str(&regex_lite::escape(part));
    }
}

fn value(kind: CaptureKind, text: &str) -> Option<Captured> {
    let number = |digits: &str| {
        let plain: String = digits.chars().filter(|&c| c != ',').collect();
        let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        Decimal::from_str_exact(&plain)
            .ok()
            .map(|v| Measure::written(v, decimals))
    };
    Some(match kind {
        CaptureKind::Amount => Captured::Number(number(text)?),
        CaptureKind::Count => Captured::Number(Measure::exact(Decimal::from_str_exact(text).ok()?)),
        CaptureKind::Percent => Captured::Percent(number(text.trim_end_matches('%'))?),
        CaptureKind::Direction => Captured::Text(
            match text {
                "增长" | "上升" => "增加",
                "下降" | "降低" => "减少",
                "一样" | "相同" | "无变化" => "持平",
                "超过" | "高于" => "大于",
                "低于" => "小于",
                other => other,
            }
            .to_string(),
        ),
        CaptureKind::Reason | CaptureKind::Text => Captured::Text(text.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Measure {
        let v: Decimal = s.parse().unwrap();
        Measure::written(v, v.scale())
    }

    #[test]
    fn amounts_and_shares_of_an_enumeration() {
        let p = Pattern::compile("{text:item}{amount:value}万元，占{percent:share}").unwrap();
        let text = "2021年度支出合计1022.64万元，其中：基本支出975.80万元，占95.42%；项目支出46.84万元，占4.58%；";
        let found = p.find_all(text);
        let values: Vec<(&str, Captured)> = found
            .iter()
            .map(|m| (&text[m.captures[0].2.clone()], m.captures[2].1.clone()))
            .collect();
        assert_eq!(values.len(), 2);
        assert_eq!(values[1].1, Captured::Percent(n("4.58")));
        assert!(values[0].0.ends_with("基本支出"), "{}", values[0].0);
    }

    #[test]
    fn numbers_keep_their_written_decimals_and_thousands() {
        let p = Pattern::compile("收、支总计{amount:total}万元").unwrap();
        let m = &p.find_all("2021年度收、支总计1025.9万元（收入总计…")[0];
        assert_eq!(m.captures[0].1, Captured::Number(n("1025.9")));
        let p = Pattern::compile("合计{amount:total}").unwrap();
        assert_eq!(
            p.find_all("合计1,022.64万元")[0].captures[0].1,
            Captured::Number(n("1022.64"))
        );
    }

    #[test]
    fn direction_words_are_normalized() {
        let p = Pattern::compile(
            "比上年决算数{direction:dir}{amount:change}万元，{direction:dir2}{percent:rate}",
        )
        .unwrap();
        let m = &p.find_all("比上年决算数增加52.44万元，增长7.04%。")[0];
        assert_eq!(m.captures[0].1, Captured::Text("增加".into()));
        assert_eq!(
            m.captures[2].1,
            Captured::Text("增加".into()),
            "增长 is 增加"
        );
        let p = Pattern::compile("{direction:d}").unwrap();
        let words: Vec<Captured> = p
            .find_all("降低、一样、超过、低于")
            .into_iter()
            .map(|m| m.captures[0].1.clone())
            .collect();
        assert_eq!(
            words,
            ["减少", "持平", "大于", "小于"].map(|w| Captured::Text(w.into()))
        );
    }

    #[test]
    fn counts_tolerate_stray_spaces_and_reasons_run_to_the_end_of_the_sentence() {
        let p = Pattern::compile("” {count:n} 个重点项目").unwrap();
        assert_eq!(
            p.find_all("升级项目”、“政务服务运转项目”2 个重点项目预算")[0].captures[0].1,
            Captured::Number(Measure::exact(2.into()))
        );
        let p = Pattern::compile("主要原因是：{reason:why}").unwrap();
        let m =
            &p.find_all("决算数大于年初预算数的主要原因是：年初无预算，年中科目调剂。下一句")[0];
        assert_eq!(
            m.captures[0].1,
            Captured::Text("年初无预算，年中科目调剂".into())
        );
    }

    #[test]
    fn malformed_patterns_are_located() {
        let e = Pattern::compile("收入{amount:total").unwrap_err();
        assert_eq!(e.span.start, "收入".len());
        let e = Pattern::compile("收入{money:total}").unwrap_err();
        assert!(e.message.contains("money"), "{}", e.message);
        assert!(Pattern::compile("{amount:a}{amount:a}").is_err());
        assert!(Pattern::compile("{amount:合计}").is_err());
        assert!(Pattern::compile("{amount}").is_err());
        assert!(Pattern::compile("a}b").is_err());
    }

    #[test]
    fn the_prefilter_keeps_every_match() {
        let p = Pattern::compile("” {count:n} 个重点项目").unwrap();
        let required: Vec<(&str, bool)> = p
            .required
            .iter()
            .map(|r| (r.text.as_str(), r.after_figure))
            .collect();
        assert_eq!(required, [("”", false), ("个重点项目", true)]);
        assert_eq!(p.find_all("项目”2 个重点项目").len(), 1);
        assert_eq!(p.find_all("项目”2\u{3000}个重点项目").len(), 1);
        assert!(p.find_all("没有这样的句子").is_empty());
    }

    #[test]
    fn trying_the_leading_literal_anchored_finds_what_the_whole_search_finds() {
        let p = Pattern::compile("预算为{amount:b}万元，决算为{amount:a}万元").unwrap();
        assert_eq!(p.lead.as_deref(), Some("预算为"));
        // Ten false starts (more than MAX_FAILED_STARTS, so the unanchored search takes over
        // part way), overlapping starts, and real matches before and after them.
        let texts = [
            "预算为1万元，决算为2万元。".to_string(),
            format!(
                "预算为1万元，决算为2万元；{}预算为预算为3万元，决算为4万元。",
                "预算为x，".repeat(10)
            ),
            "没有".to_string(),
        ];
        let whole = Regex::new(&p.source).unwrap();
        for text in &texts {
            let expected: Vec<_> = whole
                .captures_iter(text)
                .map(|c| c.get(0).unwrap().range())
                .collect();
            let found: Vec<_> = p.find_all(text).into_iter().map(|m| m.span).collect();
            assert_eq!(found, expected, "{text}");
        }
        assert_eq!(p.find_all(&texts[1]).len(), 2);
        let figures: Vec<_> = p.find_all(&texts[1])[1]
            .captures
            .iter()
            .map(|(n, v, r)| (n.clone(), v.clone(), texts[1][r.clone()].to_string()))
            .collect();
        assert_eq!(figures[0].2, "3");
        assert_eq!(figures[1].2, "4");
    }

    #[test]
    fn text_after_a_figure_must_follow_a_digit() {
        let yuan = Pattern::compile("{amount:x}元").unwrap();
        // Every 元 here is in 万元: the paragraph is skipped, and rightly has no match.
        assert!(!yuan.required[0].occurs_in("支出0.24万元，合计1,022.32万元"));
        assert!(yuan.find_all("支出0.24万元，合计1,022.32万元").is_empty());
        assert!(yuan.required[0].occurs_in("支出0.24万元，另 2400 元"));
        assert_eq!(yuan.find_all("支出0.24万元，另 2400元").len(), 1);
        let share = Pattern::compile("占{percent:s}，").unwrap();
        assert_eq!(share.find_all("占95.42%，").len(), 1);
    }

    #[test]
    fn regex_syntax_in_a_pattern_is_literal_text() {
        let p = Pattern::compile("（收入总计含{amount:x}万元.*)").unwrap();
        assert!(p.find_all("（收入总计含3.58万元.*)").len() == 1);
        assert!(p.find_all("（收入总计含3.58万元xx)").is_empty());
    }
}
