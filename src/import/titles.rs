//! The nine tables known by their titles: a text without `公开 NN 表` markers (the
//! `pdftotext -layout` form of the Shanghai reports) names each table only by its title, which
//! provinces and years word a little differently.

use crate::text::squeeze;

/// The titles of the nine tables, each with its id, after [`table_id`]'s normalization (no
/// numbering, no spaces, no quotation marks).
const TITLES: [(&str, &str); 12] = [
    ("收入支出决算总表", "01"),
    ("收支决算总表", "01"),
    ("收入决算表", "02"),
    ("支出决算表", "03"),
    ("财政拨款收入支出决算总表", "04"),
    ("财政拨款收支决算总表", "04"),
    ("一般公共预算财政拨款支出决算表", "05"),
    ("一般公共预算财政拨款基本支出决算表", "06"),
    ("财政拨款三公经费支出决算表", "07"),
    ("一般公共预算财政拨款三公经费支出决算表", "07"),
    ("政府性基金预算财政拨款收入支出决算表", "08"),
    ("国有资本经营预算财政拨款收入支出决算表", "09"),
];

/// A 09 title that the list above does not hold: the older wording without 收入.
const TITLE_09_SPENDING: &str = "国有资本经营预算财政拨款支出决算表";

/// The id (`01`…`09`) of the table a title names, or `None` when it names none of the nine. A
/// leading numbering (`一、`, `（六）`), spaces and quotation marks around `三公` do not count; the
/// rest of the title must be one of the known wordings exactly, so a heading that only mentions a
/// table (`一、收入支出决算总体情况说明`) is none.
///
/// ```
/// use fislint::import::table_id;
/// assert_eq!(table_id("一、收入支出决算总表"), Some("01"));
/// assert_eq!(table_id("财政拨款“三公”经费支出决算表"), Some("07"));
/// assert_eq!(table_id("国有资本经营预算财政拨款支出决算表"), Some("09"));
/// assert_eq!(table_id("一、收入支出决算总体情况说明"), None);
/// ```
pub fn table_id(title: &str) -> Option<&'static str> {
    let t = normalized(title);
    if t == TITLE_09_SPENDING {
        return Some("09");
    }
    TITLES
        .iter()
        .find(|(name, _)| *name == t)
        .map(|(_, id)| *id)
}

/// The nine tables' ids with a title each, as the Ministry's template words it.
pub const STANDARD: [(&str, &str); 9] = [
    ("01", "收入支出决算总表"),
    ("02", "收入决算表"),
    ("03", "支出决算表"),
    ("04", "财政拨款收入支出决算总表"),
    ("05", "一般公共预算财政拨款支出决算表"),
    ("06", "一般公共预算财政拨款基本支出决算表"),
    ("07", "财政拨款“三公”经费支出决算表"),
    ("08", "政府性基金预算财政拨款收入支出决算表"),
    ("09", "国有资本经营预算财政拨款收入支出决算表"),
];

/// A title without its numbering, spaces and quotation marks.
fn normalized(title: &str) -> String {
    let t = squeeze(title);
    let rest = match crate::report::numbering(&t) {
        Some(n) => &t[n.len()..],
        None => &t,
    };
    rest.chars()
        .filter(|c| !"“”\"‘’'「」『』".contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wording_of_the_nine_titles_is_known() {
        let cases = [
            ("收入支出决算总表", "01"),
            ("一、收入支出决算总表", "01"),
            ("二、收入决算表", "02"),
            ("支 出 决 算 表", "03"),
            ("四、财政拨款收入支出决算总表", "04"),
            ("财政拨款收支决算总表", "04"),
            ("一般公共预算财政拨款支出决算表", "05"),
            ("六、一般公共预算财政拨款基本支出决算表", "06"),
            ("七、财政拨款“三公”经费支出决算表", "07"),
            ("一般公共预算财政拨款“三公”经费支出决算表", "07"),
            ("政府性基金预算财政拨款收入支出决算表", "08"),
            ("九、国有资本经营预算财政拨款收入支出决算表", "09"),
            ("国有资本经营预算财政拨款支出决算表", "09"),
        ];
        for (title, id) in cases {
            assert_eq!(table_id(title), Some(id), "{title}");
        }
    }

    #[test]
    fn headings_that_only_mention_a_table_are_none() {
        for title in [
            "一、收入支出决算总体情况说明",
            "第二部分 某局 2024 年度部门决算表",
            "收入决算表说明",
            "",
        ] {
            assert_eq!(table_id(title), None, "{title}");
        }
    }
}
