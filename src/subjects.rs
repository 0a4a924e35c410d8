//! The 政府收支分类科目 as data: for each classification (功能分类, 经济分类) and each code, its
//! names with the years each is valid (`rules/common/subjects.yaml`, read by `pack/`). This
//! module knows nothing of YAML nor of reports: it answers "what is code 210 called in 2021",
//! "which code has ever been called 医疗卫生与计划生育支出", and compares names as a checker
//! must (spaces, full- and half-width brackets, an appended `（类）` label ignored).
//!
//! A year the file does not cover, or a year no name of a code covers, is not known: every
//! lookup then answers nothing, and the rules built on it say nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One classification file: `政府收支分类科目`, the years it covers, its kinds of code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// Its id, as packs name it: `subjects`.
    pub id: String,
    /// Its title: `政府收支分类科目`.
    pub title: String,
    /// The first and last year it covers (`2019`, `2026`).
    pub years: (u16, u16),
    /// Its kinds of code, in file order: `功能分类`, `经济分类`.
    pub kinds: Vec<Kind>,
}

/// One kind of code: `功能分类` (支出功能分类科目: 201, 20101, 2010101) or `经济分类`
/// (部门预算支出经济分类科目: 301, 30101). The two are kept apart: a code is looked up in the
/// kind a table's code column names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kind {
    /// `功能分类`: a code column whose header contains it holds codes of this kind.
    pub name: String,
    /// Every code, with its names.
    pub codes: BTreeMap<String, Vec<Name>>,
}

/// A name of a code, with the years it is valid: `医疗卫生与计划生育支出` to 2018.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The name, as the classification prints it.
    pub name: String,
    /// The first year it is valid; `None`: from before the years the file covers.
    pub from: Option<u16>,
    /// The last year it is valid; `None`: still valid at the end of the years covered.
    pub to: Option<u16>,
}

impl Name {
    /// Whether the name is valid in `year`.
    pub fn valid_in(&self, year: u16) -> bool {
        self.from.is_none_or(|f| f <= year) && self.to.is_none_or(|t| year <= t)
    }

    /// Its years in words: `2018 年以前`, `2019 年起`, `2019—2023 年`, `各年`.
    pub fn years(&self) -> String {
        match (self.from, self.to) {
            (None, Some(t)) => format!("{t} 年以前"),
            (Some(f), None) => format!("{f} 年起"),
            (Some(f), Some(t)) if f == t => format!("{f} 年"),
            (Some(f), Some(t)) => format!("{f}—{t} 年"),
            (None, None) => "各年".to_string(),
        }
    }
}

impl Classification {
    /// The kind a text names: the first kind whose name it contains (`功能分类科目编码` names
    /// `功能分类`; so does `功能分类` itself). Spaces are ignored.
    pub fn kind(&self, text: &str) -> Option<&Kind> {
        let text = crate::text::squeeze(text);
        self.kinds.iter().find(|k| text.contains(k.name.as_str()))
    }

    /// The name of `code` in `year`, for the kind `kind` names; `None` when the year is not
    /// covered, the code is not in the data, or no name of it covers the year.
    pub fn name(&self, kind: &str, code: &str, year: u16) -> Option<&Name> {
        if year < self.years.0 || year > self.years.1 {
            return None;
        }
        self.kind(kind)?
            .codes
            .get(code)?
            .iter()
            .find(|n| n.valid_in(year))
    }

    /// The one code of `digits` digits that has ever been called `name` (compared by
    /// [`same_name`]); `None` when no code or several have.
    pub fn code_named(&self, kind: &str, name: &str, digits: usize) -> Option<&str> {
        let mut found = self.kind(kind)?.codes.iter().filter(|(code, names)| {
            code.len() == digits && names.iter().any(|n| same_name(&n.name, name))
        });
        let (code, _) = found.next()?;
        found.next().is_none().then_some(code.as_str())
    }

    /// What the data says of `printed` as a name of `code` in `year`, when it is the code's
    /// name of other years: `医疗卫生与计划生育支出是 2018 年以前的名称，2019 年起为卫生健康支出`.
    /// Empty when it is no name of the code in any year, or its name in `year`.
    pub fn note(&self, kind: &str, code: &str, printed: &str, year: u16) -> String {
        let Some(right) = self.name(kind, code, year) else {
            return String::new();
        };
        if same_name(&right.name, printed) {
            return String::new();
        }
        let Some(names) = self.kind(kind).and_then(|k| k.codes.get(code)) else {
            return String::new();
        };
        match names.iter().find(|n| same_name(&n.name, printed)) {
            Some(old) => format!(
                "{}是 {}的名称，{}为{}",
                old.name,
                old.years(),
                right.years(),
                right.name
            ),
            None => String::new(),
        }
    }
}

/// A name as a checker compares it: without spaces, with half-width brackets for full-width
/// ones, and without a `（类）`, `（款）` or `（项）` label appended to it.
pub fn normalize(name: &str) -> String {
    let mut out: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect();
    for label in ["(类)", "(款)", "(项)"] {
        if let Some(stripped) = out.strip_suffix(label) {
            out = stripped.to_string();
            break;
        }
    }
    out
}

/// Whether two names are the same name ([`normalize`]d alike). An empty name is no name.
pub fn same_name(a: &str, b: &str) -> bool {
    let a = normalize(a);
    !a.is_empty() && a == normalize(b)
}

/// Whether a text ends with a name, both [`normalize`]d: `主要用于卫生健康支出` ends with
/// `卫生健康支出`. An empty name ends nothing.
pub fn ends_with_name(text: &str, name: &str) -> bool {
    let name = normalize(name);
    !name.is_empty() && normalize(text).ends_with(&name)
}

/// The last phrase of a text: what follows its last punctuation mark (`、，,。；;：:“”‘’"`),
/// quotation marks that close it and spaces around it left out. Spaces do not end a phrase: PDF
/// text has them inside names (`科学技术 支出`). `6、公共安全支出` gives `公共安全支出`,
/// `主要用于：“卫生健康支出”` gives `卫生健康支出`.
pub fn last_phrase(text: &str) -> &str {
    &text[last_phrase_at(text)]
}

/// Where [`last_phrase`] is in the text, as a byte range.
pub fn last_phrase_at(text: &str) -> std::ops::Range<usize> {
    const MARKS: &[char] = &[
        '、', '，', ',', '。', '；', ';', '：', ':', '“', '”', '‘', '’', '"', '\n',
    ];
    const SPACES: &[char] = &[' ', '\t', '\u{3000}'];
    let end = text
        .trim_end_matches(['”', '’', '"', ' ', '\t', '\u{3000}'])
        .len();
    let body = &text[..end];
    let start = match body.rfind(MARKS) {
        Some(i) => i + body[i..].chars().next().map_or(1, char::len_utf8),
        None => 0,
    };
    let start = end - body[start..].trim_start_matches(SPACES).len();
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health() -> Classification {
        let name = |n: &str, from, to| Name {
            name: n.into(),
            from,
            to,
        };
        Classification {
            id: "subjects".into(),
            title: "政府收支分类科目".into(),
            years: (2019, 2026),
            kinds: vec![
                Kind {
                    name: "功能分类".into(),
                    codes: BTreeMap::from([
                        (
                            "210".to_string(),
                            vec![
                                name("医疗卫生与计划生育支出", None, Some(2018)),
                                name("卫生健康支出", Some(2019), None),
                            ],
                        ),
                        ("2010301".to_string(), vec![name("行政运行", None, None)]),
                        ("2040601".to_string(), vec![name("行政运行", None, None)]),
                    ]),
                },
                Kind {
                    name: "经济分类".into(),
                    codes: BTreeMap::from([(
                        "30213".to_string(),
                        vec![name("维修（护）费", None, None)],
                    )]),
                },
            ],
        }
    }

    #[test]
    fn a_name_is_looked_up_by_kind_code_and_year() {
        let c = health();
        let at = |kind, code, year| c.name(kind, code, year).map(|n| n.name.as_str());
        assert_eq!(at("功能分类科目编码", "210", 2021), Some("卫生健康支出"));
        assert_eq!(at("功能分类", "210", 2019), Some("卫生健康支出"));
        // Before the years covered, or after them: not known.
        assert_eq!(at("功能分类", "210", 2018), None);
        assert_eq!(at("功能分类", "210", 2027), None);
        // A code of the other kind, a code not in the data, a kind not named: not known.
        assert_eq!(at("功能分类", "30213", 2021), None);
        assert_eq!(at("经济分类科目编码", "30213", 2021), Some("维修（护）费"));
        assert_eq!(at("功能分类", "229", 2021), None);
        assert_eq!(at("科目编码", "210", 2021), None);
    }

    #[test]
    fn an_old_name_is_said_with_its_years() {
        let c = health();
        assert_eq!(
            c.note("功能分类", "210", "医疗卫生与计划生育支出", 2026),
            "医疗卫生与计划生育支出是 2018 年以前的名称，2019 年起为卫生健康支出"
        );
        assert_eq!(c.note("功能分类", "210", "卫生健康支出（类）", 2026), "");
        assert_eq!(c.note("功能分类", "210", "卫生支出", 2026), "");
    }

    #[test]
    fn a_code_is_found_by_a_name_it_had_only_when_one_code_had_it() {
        let c = health();
        assert_eq!(
            c.code_named("功能分类", "医疗卫生与计划生育支出", 3),
            Some("210")
        );
        assert_eq!(c.code_named("功能分类", "医疗卫生与计划生育支出", 5), None);
        // 行政运行 names many 项.
        assert_eq!(c.code_named("功能分类", "行政运行", 7), None);
    }

    #[test]
    fn names_are_compared_without_spaces_bracket_widths_and_level_labels() {
        assert!(same_name("维修(护)费", "维修（护）费"));
        assert!(same_name("卫生健康支出（类）", "卫生健康支出"));
        assert!(same_name("卫生 健康支出(款)", "卫生健康支出"));
        assert!(!same_name("医疗卫生与计划生育支出", "卫生健康支出"));
        assert!(!same_name("", ""));
    }

    #[test]
    fn a_text_ends_with_a_name_as_a_checker_compares_them() {
        assert!(ends_with_name("主要用于卫生健康支出", "卫生健康支出（类）"));
        assert!(ends_with_name("维修(护)费", "维修（护）费"));
        assert!(!ends_with_name("医疗卫生与计划生育支出", "卫生健康支出"));
        assert!(!ends_with_name("卫生健康支出", ""));
    }

    #[test]
    fn the_last_phrase_follows_the_last_punctuation_mark() {
        assert_eq!(last_phrase("6、公共安全支出"), "公共安全支出");
        assert_eq!(last_phrase("主要用于：卫生健康支出"), "卫生健康支出");
        assert_eq!(last_phrase("“科学技术支出"), "科学技术支出");
        assert_eq!(
            last_phrase("政府办公厅（室）及相关机构事务"),
            "政府办公厅（室）及相关机构事务"
        );
        assert_eq!(last_phrase("末尾，"), "");
        assert_eq!(last_phrase("用于： 科学技术 支出 "), "科学技术 支出");
        assert_eq!(last_phrase("主要用于：“卫生健康支出”"), "卫生健康支出");
        assert_eq!(last_phrase_at("1、司法”"), "1、".len().."1、司法".len());
    }
}
