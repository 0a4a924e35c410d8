//! Prose patterns: the sentences a `claim` looks for, with typed captures.
//!
//! `收入合计{amount:total}万元，其中：财政拨款收入{amount:grant}万元，占{percent:share}` finds the
//! figures a sentence states, each with its place in the report, so that a finding points at the
//! very number in the sentence. A pattern is matched by `matcher.rs`, in time linear in the text,
//! so no pattern in anyone's pack can make the linter hang. A space in a pattern matches any run
//! of spaces, or none (PDF text often has stray spaces: `2 个`), and so does the boundary
//! between a capture and the text beside it (`增加 307.82 万元` matches `增加{amount:x}万元`).

use rust_decimal::Decimal;

use super::matcher::{find_at, Element, Memo};

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
    /// `{code:x}`: a run of digits kept as text, leading zeros and all: a 科目编码 (`204`, `06`).
    Code,
    /// `{direction:x}`: a direction word, normalized: 增加 (增长, 上升), 减少 (下降, 降低),
    /// 持平 (一样, 相同, 无变化), 大于 (超过, 高于), 小于 (低于), 等于.
    Direction,
    /// `{reason:x}`: the rest of the sentence, up to `。` or `；` (possibly nothing).
    Reason,
    /// `{text:x}`: the shortest text that lets the rest of the pattern match.
    Text,
    /// `{mark:x}`: one sentence punctuation mark: `。` `，` `、` `；` `：` `？` `！` (not a
    /// quotation mark, a bracket, `…` or `—`, which come in pairs or runs by right).
    Mark,
    /// `{word:x}`: a whole Latin word or code: a run of ASCII letters, digits and `_` with none
    /// of them either side (`XX` in `上海市 XX 局`, never the `XX` of `XXL` or `A1XX2`).
    Word,
    /// `{unpaired:x}`: a quotation mark or bracket (`“` `”` `‘` `’` `（` `）` `(` `)` `《` `》` `【`
    /// `】`) that has no partner in the paragraph ([`super::matcher::unpaired`]). `（` and `(`
    /// pair with either closing bracket; a closing bracket right after a paragraph's number
    /// (`1）`) is the numbering's.
    Unpaired,
    /// `{unended:x}`: the last sentence of a paragraph that ends without its full stop: from
    /// after the paragraph's last `。` `！` `？` `；` (or its start) to its end, when the
    /// paragraph ends in neither a sentence mark nor `：` `，` `、` `…` (a list's lead-in, a line
    /// cut short) nor a closing quotation mark or bracket right after one
    /// ([`super::matcher::unended`]).
    Unended,
}

/// The marks a `{mark:x}` capture matches.
pub(crate) const MARKS: [char; 7] = ['。', '，', '、', '；', '：', '？', '！'];

impl CaptureKind {
    fn from_name(name: &str) -> Option<CaptureKind> {
        Some(match name {
            "amount" => CaptureKind::Amount,
            "percent" => CaptureKind::Percent,
            "count" => CaptureKind::Count,
            "code" => CaptureKind::Code,
            "direction" => CaptureKind::Direction,
            "reason" => CaptureKind::Reason,
            "text" => CaptureKind::Text,
            "mark" => CaptureKind::Mark,
            "word" => CaptureKind::Word,
            "unpaired" => CaptureKind::Unpaired,
            "unended" => CaptureKind::Unended,
            _ => return None,
        })
    }

    /// The capture as a regular expression: what the matcher does, said the usual way (the
    /// tests check the matcher against it).
    #[cfg(test)]
    fn regex(self) -> &'static str {
        match self {
            CaptureKind::Amount => r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|-?[0-9]+(?:\.[0-9]+)?",
            CaptureKind::Percent => r"-?[0-9]+(?:\.[0-9]+)?%",
            CaptureKind::Count | CaptureKind::Code => r"[0-9]+",
            CaptureKind::Direction => {
                "增加|增长|上升|减少|下降|降低|持平|一样|相同|无变化|大于|超过|高于|小于|低于|等于"
            }
            CaptureKind::Reason => "[^。；]*",
            CaptureKind::Text => ".+?",
            CaptureKind::Mark => "[。，、；：？！]",
            CaptureKind::Word => r"\b[0-9A-Za-z_]+\b",
            // Pairing is no regular language: `both` compares such patterns with themselves.
            CaptureKind::Unpaired => "[“”‘’（）()《》【】]",
            // Where a paragraph ends is no part of the text: `both` compares such patterns with
            // themselves.
            CaptureKind::Unended => ".+",
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
    /// The literals and captures, in order.
    elements: Vec<Element>,
    /// Literal text every match contains (the pattern's literal pieces, split at spaces): a
    /// paragraph without one of them is skipped without running the regular expression.
    required: Vec<Required>,
    /// The captures, in order: name and kind.
    pub captures: Vec<(String, CaptureKind)>,
}

/// A literal piece every match of a pattern contains.
#[derive(Debug, Clone)]
struct Required {
    /// The text, with its searcher built once: a pack's patterns are tried on every paragraph.
    finder: memchr::memmem::Finder<'static>,
    /// It follows a figure's capture (`{amount:x}元`), spaces apart at most: it must occur right
    /// after a digit or `%`. So `{amount:x}元` skips a paragraph whose 元 are all in 万元.
    after_figure: bool,
}

impl Required {
    fn occurs_in(&self, text: &str) -> bool {
        if !self.after_figure {
            return self.finder.find(text.as_bytes()).is_some();
        }
        // A match of a whole string of characters starts on a character boundary.
        self.finder.find_iter(text.as_bytes()).any(|i| {
            text[..i]
                .trim_end_matches([' ', '\t', '\u{3000}'])
                .ends_with(|c: char| c.is_ascii_digit() || c == '%')
        })
    }
}

/// What a capture found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Captured {
    /// An amount without a unit word after it, or a count.
    Number(Measure),
    /// An amount with the unit word that follows it in the text: `1720.00万元` is 1720.00 in
    /// 万元, `17,200,000.00元` 17200000.00 in 元.
    Amount(Measure, crate::report::Unit),
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
    /// Compiles a pattern: every error of its syntax is found here.
    pub fn compile(text: &str) -> Result<Pattern, PatternError> {
        Pattern::translate(text)
    }

    /// The pattern read into its elements, captures and prefilter.
    fn translate(text: &str) -> Result<Pattern, PatternError> {
        let mut elements = Vec::new();
        let mut captures: Vec<(String, CaptureKind)> = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            push_literal(&mut elements, &rest[..open], true);
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
                message: format!("未知的捕获类型 `{}`；可用的类型：amount、percent、count、direction、reason、text、mark、word、unpaired、unended", kind.trim()),
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
            elements.push(Element::Capture(kind, captures.len()));
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
        push_literal(&mut elements, rest, false);
        Ok(Pattern {
            text: text.to_string(),
            elements,
            required: literal_chunks(text),
            captures,
        })
    }

    /// Every match in `text`, in order.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        if !self.required.iter().all(|r| r.occurs_in(text)) {
            return Vec::new();
        }
        self.find_all_ranges(text)
            .into_iter()
            .map(|(whole, ranges)| {
                let captures = self
                    .captures
                    .iter()
                    .zip(ranges)
                    .filter_map(|((name, kind), range)| {
                        let v = match value(*kind, &text[range.clone()])? {
                            Captured::Number(m) if *kind == CaptureKind::Amount => {
                                match unit_after(&text[range.end..]) {
                                    Some(unit) => Captured::Amount(m, unit),
                                    None => Captured::Number(m),
                                }
                            }
                            v => v,
                        };
                        Some((name.clone(), v, range))
                    })
                    .collect();
                Match {
                    span: whole,
                    captures,
                }
            })
            .collect()
    }

    /// Every match in `text` (after the prefilter): its range and its captures' ranges.
    fn find_all_ranges(&self, text: &str) -> Vec<super::matcher::Found> {
        self.search(text).0
    }

    /// [`Pattern::find_all_ranges`], and how many ends of elements the search tried: linear in
    /// the text, which the tests check.
    fn search(&self, text: &str) -> (Vec<super::matcher::Found>, usize) {
        let mut memo = Memo::new(self.elements.len(), text);
        let mut out = Vec::new();
        let mut from = 0;
        while from <= text.len() {
            let Some(found) = find_at(&self.elements, self.captures.len(), text, from, &mut memo)
            else {
                break;
            };
            // After an empty match, the next one starts a character further on.
            from = if found.0.is_empty() {
                found.0.end + text[found.0.end..].chars().next().map_or(1, char::len_utf8)
            } else {
                found.0.end
            };
            out.push(found);
        }
        (out, memo.steps)
    }
}

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
                finder: memchr::memmem::Finder::new(chunk.as_bytes()).into_owned(),
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

/// Pushes a literal, each space in it matching any run of spaces or none; beside a capture
/// (`before_capture`, or after the last element when that is one) it may be spaced apart from
/// it by any run of spaces, or none: PDF text spaces figures and words apart from the Chinese
/// around them (`增加 307.82 万元`) as often as not. Spaces next to each other are one run.
fn push_literal(elements: &mut Vec<Element>, literal: &str, before_capture: bool) {
    if literal.is_empty() {
        return;
    }
    fn push(elements: &mut Vec<Element>, e: Element) {
        if !(e == Element::Spaces && elements.last() == Some(&Element::Spaces)) {
            elements.push(e);
        }
    }
    if matches!(elements.last(), Some(Element::Capture(..))) {
        push(elements, Element::Spaces);
    }
    for (k, piece) in literal.split(' ').enumerate() {
        if k > 0 {
            push(elements, Element::Spaces);
        }
        if !piece.is_empty() {
            push(elements, Element::Literal(piece.to_string()));
        }
    }
    if before_capture {
        push(elements, Element::Spaces);
    }
}

/// The unit word a figure is followed by (spaces allowed between): `万元` or `元`.
fn unit_after(text: &str) -> Option<crate::report::Unit> {
    let rest = text.trim_start_matches([' ', '\t', '\u{3000}']);
    if rest.starts_with("万元") {
        Some(crate::report::Unit::WanYuan)
    } else if rest.starts_with('元') {
        Some(crate::report::Unit::Yuan)
    } else {
        None
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
        CaptureKind::Code => Captured::Text(text.to_string()),
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
        CaptureKind::Reason
        | CaptureKind::Mark
        | CaptureKind::Word
        | CaptureKind::Unpaired
        | CaptureKind::Unended => Captured::Text(text.to_string()),
        // A text that follows the previous match in an enumeration starts with the separator
        // between the two (`；住房保障支出（类）`): it is no part of the text.
        CaptureKind::Text => Captured::Text(
            text.trim_start_matches(['，', '；', '、', '：', '。', ',', ';', ':', ' ', '\u{3000}'])
                .to_string(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Unit::{WanYuan, Yuan};

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
        assert_eq!(m.captures[0].1, Captured::Amount(n("1025.9"), WanYuan));
        let p = Pattern::compile("合计{amount:total}").unwrap();
        assert_eq!(
            p.find_all("合计1,022.64万元")[0].captures[0].1,
            Captured::Amount(n("1022.64"), WanYuan)
        );
    }

    #[test]
    fn an_amount_is_in_the_unit_written_after_it() {
        let p = Pattern::compile("安排{amount:x}").unwrap();
        let unit = |text: &str| p.find_all(text)[0].captures[0].1.clone();
        assert_eq!(
            unit("安排1720.00万元"),
            Captured::Amount(n("1720.00"), WanYuan)
        );
        assert_eq!(
            unit("安排17,200,000.00 元"),
            Captured::Amount(n("17200000.00"), Yuan)
        );
        // No unit word: no unit, as before.
        assert_eq!(unit("安排3个"), Captured::Number(n("3")));
        // A count is never an amount.
        let p = Pattern::compile("{count:k}元").unwrap();
        assert_eq!(
            p.find_all("3元")[0].captures[0].1,
            Captured::Number(Measure::exact(3.into()))
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
            .map(|r| {
                (
                    std::str::from_utf8(r.finder.needle()).unwrap(),
                    r.after_figure,
                )
            })
            .collect();
        assert_eq!(required, [("”", false), ("个重点项目", true)]);
        assert_eq!(p.find_all("项目”2 个重点项目").len(), 1);
        assert_eq!(p.find_all("项目”2\u{3000}个重点项目").len(), 1);
        assert!(p.find_all("没有这样的句子").is_empty());
    }

    #[test]
    fn a_text_does_not_start_with_the_separator_before_it() {
        let p = Pattern::compile("{text:item}{amount:value}万元，占{percent:share}").unwrap();
        let m = p.find_all("甲支出10万元，占50%；乙支出10万元，占50%。");
        let items: Vec<&Captured> = m.iter().map(|m| &m.captures[0].1).collect();
        assert_eq!(
            items,
            [
                &Captured::Text("甲支出".into()),
                &Captured::Text("乙支出".into())
            ]
        );
    }

    #[test]
    fn figures_spaced_apart_from_their_words_match() {
        let p = Pattern::compile("增加{amount:x}万元，增长{percent:p}").unwrap();
        for text in [
            "增加307.82万元，增长100.00%",
            "增加 307.82 万元，增长 100.00%",
            "增加\u{3000}307.82\t万元，增长  100.00%",
        ] {
            let m = p.find_all(text);
            assert_eq!(m.len(), 1, "{text}");
            let x = &m[0].captures[0];
            assert_eq!(&text[x.2.clone()], "307.82", "{text}");
        }
        assert!(
            p.find_all("增加 307.82 万 元").is_empty(),
            "inside words, spaces count"
        );
    }

    /// The pattern as a regular expression, as `regex-lite` reads it.
    fn regex_source(p: &Pattern) -> String {
        let mut out = String::new();
        for e in &p.elements {
            match e {
                Element::Literal(literal) => out.push_str(&regex_lite::escape(literal)),
                Element::Spaces => out.push_str(r"[ \t\x{3000}]*"),
                Element::Capture(kind, slot) => {
                    out.push_str(&format!("(?P<c{slot}>{})", kind.regex()));
                }
            }
        }
        out
    }

    /// Each match as its range followed by its captures' ranges.
    type Ranges = Vec<Vec<std::ops::Range<usize>>>;

    /// Every match and capture range the matcher finds, and those `regex-lite` finds.
    fn both(p: &Pattern, text: &str) -> (Ranges, Ranges) {
        let ours: Ranges = p
            .find_all_ranges(text)
            .into_iter()
            .map(|(whole, caps)| std::iter::once(whole).chain(caps).collect())
            .collect();
        // Pairing is no regular language: nothing to compare with.
        if p.captures
            .iter()
            .any(|(_, k)| matches!(k, CaptureKind::Unpaired | CaptureKind::Unended))
        {
            return (ours.clone(), ours);
        }
        let re = regex_lite::Regex::new(&regex_source(p)).unwrap();
        let theirs: Ranges = re
            .captures_iter(text)
            .map(|c| {
                (0..c.len())
                    .map(|i| c.get(i).map_or(0..0, |m| m.range()))
                    .collect()
            })
            .collect();
        // The prefilter never turns away a text that has a match.
        if !p.required.iter().all(|r| r.occurs_in(text)) {
            assert!(
                theirs.is_empty(),
                "{} on {text:?}: the prefilter drops a match",
                p.text
            );
        }
        (ours, theirs)
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 1) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.next() % items.len()]
        }
    }

    /// A text made like a sentence the pattern looks for, with noise: each element's text (a
    /// capture's from a few right and wrong fillers), stray spaces and tokens between them, the
    /// whole once to three times.
    fn sample(p: &Pattern, rng: &mut Rng) -> String {
        const NOISE: [&str; 14] = [
            "", "", "", "x", "1", ",", ".", "-", "%", "。", "；", " ", "\u{3000}", "万元",
        ];
        let mut out = String::new();
        for _ in 0..1 + rng.next() % 3 {
            for e in &p.elements {
                let noisy = if rng.next().is_multiple_of(4) {
                    NOISE.len()
                } else {
                    3
                };
                out.push_str(rng.pick(&NOISE[..noisy]));
                match e {
                    Element::Spaces => out.push_str(rng.pick(&["", " ", "  ", "\u{3000}"])),
                    Element::Literal(literal) => {
                        if rng.next().is_multiple_of(12) {
                            // A broken literal.
                            out.extend(literal.chars().skip(1));
                        } else {
                            out.push_str(literal);
                        }
                    }
                    Element::Capture(kind, _) => out.push_str(rng.pick(match kind {
                        CaptureKind::Amount => &[
                            "12",
                            "1,022.32",
                            "-3.5",
                            "0",
                            "1,02",
                            "12,345,678.9",
                            "1.",
                            ".5",
                            "1234,567",
                        ],
                        CaptureKind::Percent => &["4.58%", "100%", "-1.5%", "3.%", "%", "12"],
                        CaptureKind::Count | CaptureKind::Code => &["2", "10", "0", "x"],
                        CaptureKind::Direction => {
                            &["增加", "增长", "降低", "无变化", "变化", "等于"]
                        }
                        CaptureKind::Reason => &["", "主要原因是x", "原因。后文", "a；b"],
                        CaptureKind::Text => &["甲", "“甲”、“乙”", "", "1万元", "。"],
                        CaptureKind::Mark => &["。", "，", "；", "”", "…", ""],
                        CaptureKind::Word => &["XX", "APP", "a1_b", "甲", "", "X"],
                        CaptureKind::Unpaired => &["“", "”", "（", "甲"],
                        CaptureKind::Unended => &["甲", "甲。", "甲：", ""],
                    })),
                }
            }
        }
        out
    }

    #[test]
    fn the_matcher_finds_what_a_regular_expression_engine_finds() {
        let patterns = [
            "{text:item}{amount:value}万元，占{percent:share}",
            "预算为{amount:b}万元，支出决算为{amount:a}万元{reason:rest}",
            "与上年相比{direction:d}{amount:c}万元，{direction:d2}{percent:r}",
            "对{text:list}{count:n} 个重点项目",
            "{count:n} 个，为{text:list}。",
            "其中：{text:list}。",
            "{amount:x}元",
            "完成{text:base}预算的{percent:r}",
            "{reason:r}；{text:t}。",
            " {amount:x}  万元",
            // Figures whose end nothing after them fixes: the order of their ends decides.
            "合计{amount:t}",
            "{count:n}{text:t}。",
            "{amount:a}{amount:b}",
            "{percent:p}{count:c}",
            "{direction:d}{reason:r}",
            "{mark:a} {mark:b}",
            "{direction:a}（{direction:b}）",
            "主要原因是{reason:r}{mark:m}",
            "{word:w}",
            "局{word:w}万元",
        ];
        for (k, text) in patterns.iter().enumerate() {
            let p = Pattern::compile(text).unwrap();
            let mut matched = 0;
            let mut rng = Rng(k as u64 * 7919 + 17);
            for _ in 0..3000 {
                let t = sample(&p, &mut rng);
                let (ours, theirs) = both(&p, &t);
                assert_eq!(ours, theirs, "pattern {text:?} on {t:?}");
                matched += ours.len();
            }
            // The texts are made so that every pattern matches some of them.
            assert!(matched >= 20, "{text:?} matched only {matched} times");
        }
    }

    #[test]
    fn the_matcher_agrees_on_every_pattern_of_the_embedded_packs_and_the_seed() {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/hetang-2021.fis"
        ))
        .unwrap();
        let report = crate::report::parse(&seed).report;
        let mut checked = 0;
        for name in crate::pack::embedded_packs() {
            let loaded = crate::pack::load(
                crate::pack::PackRef::Embedded(name.into()),
                &crate::pack::EmbeddedOnly,
            )
            .unwrap();
            for rule in crate::pack::compile(&loaded).unwrap() {
                let super::super::Check::Claim(claim) = &rule.check else {
                    continue;
                };
                for p in &claim.patterns {
                    for para in report.prose::<&str>(&[]) {
                        let (ours, theirs) = both(p, &para.text);
                        assert_eq!(ours, theirs, "{} on {:?}", p.text, para.text);
                        checked += ours.len();
                    }
                }
            }
        }
        assert!(checked > 50, "{checked} matches compared");
    }

    #[test]
    fn a_long_text_takes_linear_time() {
        // Many starts of a literal that never completes, and texts that never end a sentence:
        // a backtracking matcher without memory would take quadratic (or worse) time here.
        let p = Pattern::compile("{text:a}{reason:b}；{text:c}{amount:d}万元X").unwrap();
        let text = "1万元".repeat(20_000);
        let started = std::time::Instant::now();
        assert!(p.find_all(&text).is_empty());
        assert!(p.find_all(&"。".repeat(50_000)).is_empty());
        // Generous: linear work here is a few milliseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    /// A run of spaces where a figure or a word is expected: each position of the run is
    /// reached (after a `{text}`, which can end anywhere), and each used to try the rest of the
    /// run again, so 5,000 spaces took more than 10 s in a report (issue 15, item 16); a run of
    /// digits where a figure is expected, likewise. The work is now linear: twice the spaces
    /// or digits, at most about twice the steps.
    #[test]
    fn a_run_of_spaces_or_digits_is_tried_once_whatever_reaches_it() {
        let texts = [
            "项目支出预算为1022.32万元，支出决算为1022.32SP万元",
            "项目支出预算为1022.32万元，支出决算为1022.32SP",
            "与上年相比增加0.24SP万元，SP100%，增长的主要原因是SP。",
            "SP支出预算为SP",
        ];
        let patterns = [
            "{text:item}支出预算为{amount:budget}万元，支出决算为{amount:actual}万元",
            "与上年相比{direction:dir}{amount:change}万元{reason:rest}",
            "{text:item}{amount:value}万元，占{percent:share}",
            "{reason:r} 支出 {text:t} 预算为 {amount:a}",
            "{count:n} 个重点项目",
            "{text:t}{count:n}{amount:a}万元",
        ];
        for p in patterns.map(|p| Pattern::compile(p).unwrap()) {
            for (t, fill) in texts.iter().flat_map(|t| [(t, " "), (t, "1")]) {
                // The same for a run of digits where a figure is expected.
                let steps = |n: usize| p.search(&t.replace("SP", &fill.repeat(n))).1;
                let (short, long) = (steps(2_500), steps(5_000));
                assert!(
                    long <= 2 * short + 200 && long <= 40 * 5_000,
                    "{}: {short} steps for 2,500 spaces, {long} for 5,000 on {t}",
                    p.text
                );
            }
        }
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
    fn a_mark_is_one_sentence_punctuation_mark() {
        let p = Pattern::compile("{mark:a} {mark:b}").unwrap();
        let found: Vec<String> = p
            .find_all("甲。。乙，“丙”。 。丁……——、")
            .iter()
            .map(|m| format!("{:?}", m.captures))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        let m = &p.find_all("说明。 。")[0];
        assert_eq!(m.span, "说明".len().."说明。 。".len());
        assert_eq!(m.captures[1].1, Captured::Text("。".into()));
    }

    #[test]
    fn an_unended_capture_is_the_last_sentence_of_a_paragraph_without_its_full_stop() {
        let p = Pattern::compile("{unended:s}").unwrap();
        let last = |text: &str| -> Vec<String> {
            p.find_all(text)
                .into_iter()
                .map(|m| text[m.span].to_string())
                .collect()
        };
        // The checklist's sentence, after one that ends.
        assert_eq!(
            last("支出预算9628.22万元。财政拨款收入支出增加的主要原因是工作量增加"),
            ["财政拨款收入支出增加的主要原因是工作量增加"]
        );
        assert_eq!(
            last("五、使用非财政拨款结余：指事业单位使用的金额  "),
            ["五、使用非财政拨款结余：指事业单位使用的金额"]
        );
        // A closing quotation mark after text is no full stop.
        assert_eq!(last("开展“调解”活动。开展“检查”"), ["开展“检查”"]);
        assert_eq!(last("甲。乙是丙（注）"), ["乙是丙（注）"]);
        // Ended: a full stop, one inside its closing quotation mark, a semicolon, a lead-in, an
        // ellipsis, a line cut at a comma.
        // A note in brackets after an ending; a paragraph cut inside brackets it opened.
        for text in [
            "甲。",
            "他说：“好。”",
            "甲；",
            "主要内容如下：",
            "等等……",
            "一、甲，",
            "",
            "占XX%……（不涉及的不列）",
            "二、部门决算单位构成（仅有一个单位的部门，本部分内容",
        ] {
            assert!(last(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_unpaired_mark_is_a_quote_or_bracket_without_its_partner() {
        let p = Pattern::compile("{unpaired:m}").unwrap();
        let found = |t: &str| -> Vec<String> {
            p.find_all(t)
                .into_iter()
                .map(|m| {
                    format!(
                        "{}@{}",
                        &t[m.span.clone()],
                        t[..m.span.start].chars().count()
                    )
                })
                .collect()
        };
        // The checklist's sentence: the second closing quote has no opening one.
        assert_eq!(
            found("开展“人民调解协议书检查”、优秀调解案例”活动。"),
            ["”@20"]
        );
        assert!(found("一般公共服务（类）政府办公厅（室）（款）（项）。").is_empty());
        assert!(found("实施“身后事‘一件事一次办’”改革，“好”。”").len() == 1);
        assert!(found("《荷塘区镇（街道）权力清单》、（本级)").is_empty());
        assert_eq!(found("开展“一件事一次办活动。"), ["“@2"]);
        assert_eq!(found("（一）甲（乙。"), ["（@4"]);
        // A number's bracket is the numbering's.
        assert!(found("1）细化预算编制。").is_empty());
        assert!(found("（2）加强财务管理。").is_empty());
        // Crossed marks: the one closed out of turn is unpaired.
        assert_eq!(found("“甲（乙”丙）"), ["（@2", "）@6"]);
    }

    #[test]
    fn a_word_is_a_whole_latin_word_or_code() {
        let p = Pattern::compile("{word:w}").unwrap();
        let words: Vec<Captured> = p
            .find_all("上海市 XX 局XXL，A1XX2、20XX年")
            .into_iter()
            .map(|m| m.captures[0].1.clone())
            .collect();
        assert_eq!(
            words,
            ["XX", "XXL", "A1XX2", "20XX"].map(|w| Captured::Text(w.into()))
        );
        // Never a part of a word: a pattern that starts inside one does not match there.
        let p = Pattern::compile("A{word:w}").unwrap();
        assert!(p.find_all("AXX").is_empty());
    }

    #[test]
    fn regex_syntax_in_a_pattern_is_literal_text() {
        let p = Pattern::compile("（收入总计含{amount:x}万元.*)").unwrap();
        assert!(p.find_all("（收入总计含3.58万元.*)").len() == 1);
        assert!(p.find_all("（收入总计含3.58万元xx)").is_empty());
    }
}
