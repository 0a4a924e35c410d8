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
        .or_else(|| budget_table_id(title))
}

/// The nine tables of a 部门预算 (or 单位预算) by their titles, each with the id of its table in
/// the Ministry of Finance's template, which the budget packs use whatever number a province
/// prints: Shanghai's wording first (its `8．…基本支出部门预算经济分类预算表` is the template's 06),
/// then the template's. After [`budget_normalized`]: no numbering, year, 部门/单位 or quotation
/// marks.
const BUDGET_TITLES: [(&str, &str); 20] = [
    ("财务收支预算总表", "01"),
    ("收支总表", "01"),
    ("收入预算总表", "02"),
    ("收入总表", "02"),
    ("支出预算总表", "03"),
    ("支出总表", "03"),
    ("财政拨款收支预算总表", "04"),
    ("财政拨款收支总表", "04"),
    ("一般公共预算支出功能分类预算表", "05"),
    ("一般公共预算支出表", "05"),
    ("一般公共预算基本支出部门预算经济分类预算表", "06"),
    ("一般公共预算基本支出经济分类预算表", "06"),
    ("一般公共预算基本支出表", "06"),
    ("三公经费和机关运行经费预算表", "07"),
    ("一般公共预算三公经费支出表", "07"),
    ("三公经费支出预算表", "07"),
    ("政府性基金预算支出功能分类预算表", "08"),
    ("政府性基金预算支出表", "08"),
    ("国有资本经营预算支出功能分类预算表", "09"),
    ("国有资本经营预算支出表", "09"),
];

/// The id of the budget table a title names (`2026年部门收入预算总表`, `5．2026年预算单位一般公共
/// 预算支出功能分类预算表`, `部门收支总表`), or `None`.
pub fn budget_table_id(title: &str) -> Option<&'static str> {
    let t = budget_normalized(title);
    BUDGET_TITLES
        .iter()
        .find(|(name, _)| *name == t)
        .map(|(_, id)| *id)
}

/// A budget title without its numbering (`4．`, `1.`), its year (`2026年`, `2026年度`), whose it
/// is (`部门`, `预算单位`, `单位`) and its quotation marks.
fn budget_normalized(title: &str) -> String {
    let t = normalized(title);
    // `4．`, `1.`: an item's number (not the year's digits, which `年` follows).
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let t = match t[digits..].chars().next() {
        Some(c) if digits > 0 && "．.、".contains(c) => t[digits + c.len_utf8()..].to_string(),
        _ => t,
    };
    let t = match t.find('年') {
        Some(at) if at > 0 && t[..at].chars().all(|c| c.is_ascii_digit()) => {
            let rest = &t[at + '年'.len_utf8()..];
            rest.strip_prefix('度').unwrap_or(rest).to_string()
        }
        _ => t,
    };
    ["预算单位", "部门", "单位"]
        .iter()
        .find_map(|who| t.strip_prefix(who))
        .unwrap_or(&t)
        .to_string()
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
    fn every_wording_of_the_budget_titles_is_known() {
        let cases = [
            ("2026年部门财务收支预算总表", "01"),
            ("1. 2026年预算单位财务收支预算总表", "01"),
            ("部门收支总表", "01"),
            ("2. 2026年部门收入预算总表", "02"),
            ("3. 2026年部门支出预算总表", "03"),
            ("4．2026年部门财政拨款收支预算总表", "04"),
            ("5．2026年部门一般公共预算支出功能分类预算表", "05"),
            ("一般公共预算支出表", "05"),
            (
                "8．2026年部门一般公共预算基本支出部门预算经济分类预算表",
                "06",
            ),
            ("一般公共预算基本支出表", "06"),
            ("9．2026年部门“三公”经费和机关运行经费预算表", "07"),
            ("9. 2026年单位“三公”经费和机关运行经费预算表", "07"),
            ("一般公共预算“三公”经费支出表", "07"),
            ("6．2026年部门政府性基金预算支出功能分类预算表", "08"),
            ("7．2026年预算单位国有资本经营预算支出功能分类预算表", "09"),
        ];
        for (title, id) in cases {
            assert_eq!(budget_table_id(title), Some(id), "{title}");
            assert_eq!(table_id(title), Some(id), "{title}");
        }
        for title in ["四、部门预算编制说明", "2026年部门预算", "五、部门预算表"]
        {
            assert_eq!(budget_table_id(title), None, "{title}");
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
